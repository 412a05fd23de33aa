//! The bundled form is compiled in already read: the build reads `questionnaires/`'s JSON into the
//! form's own types (`src/questionnaire/definition.rs`, compiled here too) and writes them in
//! postcard's binary encoding, which the program reads at every start in a third of the time the
//! JSON took, with nothing of the text's layout resident. The file in `questionnaires/` stays the
//! one to read and edit; a mistake in it stops the build here, with its line and column.
//! (`tests/it/form_structure.rs` holds the two readings equal, and checks the form.)

use std::path::Path;

#[allow(dead_code)]
#[path = "src/i18n.rs"]
mod i18n;

#[allow(dead_code)]
#[path = "src/questionnaire/definition.rs"]
mod definition;

/// What `i18n` borrows the bundled form's texts from; the build makes those bytes, so it has none.
mod questionnaire {
    pub static BUNDLED: &[(&str, &[u8])] = &[];
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo::rerun-if-changed=src/i18n.rs");
    println!("cargo::rerun-if-changed=src/questionnaire/definition.rs");
    let name = "corruption-risk-internal-analysis";
    let src = Path::new(&root)
        .join("../../questionnaires")
        .join(format!("{name}.json"));
    println!("cargo::rerun-if-changed={}", src.display());
    let text = std::fs::read_to_string(&src)
        .unwrap_or_else(|e| panic!("{}: cannot be read: {e}", src.display()));
    let form: definition::Questionnaire = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}:{}:{}: {e}", src.display(), e.line(), e.column()));
    let bytes = postcard::to_allocvec(&form).expect("a form encodes");
    std::fs::write(Path::new(&out).join(format!("{name}.postcard")), bytes)
        .unwrap_or_else(|e| panic!("{out}: cannot be written: {e}"));
}
