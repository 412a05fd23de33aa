//! Reading a .docx back from its XML (not by searching its bytes): paragraphs and tables.

use std::io::Read;
use std::path::Path;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn document_xml(path: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The text of the paragraphs under `n`, a line each.
fn paragraphs(n: roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| d.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter(|t| t.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every paragraph of the document, tables included.
pub fn docx_text(path: &Path) -> String {
    let xml = document_xml(path);
    paragraphs(roxmltree::Document::parse(&xml).unwrap().root())
}

/// The tables (rows of cells of text) and the page size and orientation ("16838x11906 landscape").
pub fn docx_tables(path: &Path) -> (Vec<Vec<Vec<String>>>, String) {
    let xml = document_xml(path);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tables = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .map(|t| {
            t.children()
                .filter(|r| r.has_tag_name((W, "tr")))
                .map(|r| {
                    r.children()
                        .filter(|c| c.has_tag_name((W, "tc")))
                        .map(paragraphs)
                        .collect()
                })
                .collect()
        })
        .collect();
    let page = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "pgSz")))
        .unwrap();
    let orient = format!(
        "{}x{} {}",
        page.attribute((W, "w")).unwrap(),
        page.attribute((W, "h")).unwrap(),
        page.attribute((W, "orient")).unwrap_or("")
    );
    (tables, orient)
}
