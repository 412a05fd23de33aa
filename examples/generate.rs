//! Print a report with N public services (default 1000), for trying saualnama on a big report:
//! `cargo run --release --example generate -- 1000 > big.json`.

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let (s, _) = saualnama::sample::with_public_services(n);
    print!("{}", s.to_json_pretty());
}
