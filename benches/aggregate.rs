//! Consolidation at the scale of a region: 2,000 reports read from their JSON text, summed, and
//! written as text, CSV and xlsx. `cargo bench --bench aggregate`; figures in docs/performance.md.

use saualnama::aggregate::aggregate;
use saualnama::export::{CsvStyle, aggregate_csv, aggregate_text, aggregate_xlsx};
use saualnama::i18n::Lang;
use saualnama::questionnaire::Registry;
use saualnama::sample;
use saualnama::session::Session;
use saualnama::store::session_from_str;

fn main() {
    divan::main();
}

const REPORTS: usize = 2000;

/// The example under 2,000 names, as the text of 2,000 files.
fn texts() -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(sample::EXAMPLE).unwrap();
    (0..REPORTS)
        .map(|n| {
            let mut v = v.clone();
            v["header"]["organisation"] = serde_json::json!(format!("Мектеп №{n}"));
            v.to_string()
        })
        .collect()
}

fn sessions(reg: &Registry) -> Vec<(String, Session)> {
    texts()
        .iter()
        .enumerate()
        .map(|(n, t)| {
            (
                format!("{n}.json"),
                session_from_str("s", t, reg).unwrap().0,
            )
        })
        .collect()
}

#[divan::bench(sample_count = 10)]
fn read_and_add_up_2000(bencher: divan::Bencher) {
    let reg = Registry::bundled();
    let texts = texts();
    let q = reg.default_form().clone();
    bencher.bench(|| {
        let reports: Vec<(String, Session)> = texts
            .iter()
            .enumerate()
            .map(|(n, t)| {
                (
                    format!("{n}.json"),
                    session_from_str("s", t, &reg).unwrap().0,
                )
            })
            .collect();
        aggregate(&q, &reports, Lang::Ru)
    });
}

#[divan::bench(sample_count = 10)]
fn write_2000(bencher: divan::Bencher) {
    let reg = Registry::bundled();
    let q = reg.default_form().clone();
    let agg = aggregate(&q, &sessions(&reg), Lang::Ru);
    let style = CsvStyle::new(Lang::Ru, None, true, false);
    bencher.bench(|| {
        (
            aggregate_text(&q, &agg, Lang::Ru, false).len(),
            aggregate_csv(&agg, Lang::Ru, &style).len(),
            aggregate_xlsx(&q, &agg, Lang::Ru).unwrap().len(),
        )
    });
}
