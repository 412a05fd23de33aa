//! The bundled form is compiled in without its indentation and line breaks: a fifth smaller, and
//! read whole at every start (parsed, and resident). The file in `questionnaires/` stays the one to
//! read and edit; a mistake in it stops the build here, with its line and column.

use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let name = "corruption-risk-internal-analysis.json";
    let src = Path::new(&root).join("../../questionnaires").join(name);
    println!("cargo::rerun-if-changed={}", src.display());
    let text = std::fs::read_to_string(&src)
        .unwrap_or_else(|e| panic!("{}: cannot be read: {e}", src.display()));
    // `preserve_order` keeps the keys in their order, `arbitrary_precision` the numbers as written.
    let form: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}:{}:{}: {e}", src.display(), e.line(), e.column()));
    let compact = serde_json::to_string(&form).expect("a JSON value serialises");
    std::fs::write(Path::new(&out).join(name), compact)
        .unwrap_or_else(|e| panic!("{out}: cannot be written: {e}"));
}
