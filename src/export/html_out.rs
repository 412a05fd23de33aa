//! The form as one self-contained, printable HTML page (A4 landscape), with the same tables.

use super::{AnnexTable, FormDocument, Para};

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "\
@page { size: A4 landscape; margin: 15mm 15mm 18mm; @bottom-center { content: counter(page) ' / ' counter(pages); font-size: 10pt; } }
@page portrait { size: A4 portrait; margin: 20mm; }
body.portrait { page: portrait; }
body { font-family: 'Times New Roman', 'DejaVu Serif', serif; font-size: 12pt; margin: 1.5em; }
.approval { text-align: right; margin-left: 55%; }
.basis { text-align: center; font-style: italic; }
h1 { text-align: center; font-size: 14pt; margin: 0.5em 0 0.2em; }
.centre { text-align: center; margin: 0.1em; }
.label { text-align: right; font-weight: bold; margin: 1.5em 0 0; }
h2 { text-align: center; font-size: 12pt; margin: 0.2em 0 0.5em; }
h3 { font-size: 12pt; margin: 0.8em 0 0.3em; }
.text { text-align: justify; margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
caption { caption-side: top; }
caption .instructions { font-style: italic; font-size: 12pt; margin: 0 0 0.5em; }
th, td { border: 0.5pt solid #000; padding: 3px 5px; vertical-align: top; text-align: left; }
th { font-weight: bold; }
td p { margin: 0 0 2px; white-space: pre-line; }
.text, .closing p, .approval p { white-space: pre-line; }
.closing { margin-top: 2em; }
@media print {
  body { margin: 0; }
  /* A heading never ends a page: it goes with its table (or its text) to the next one. */
  h1, h2, h3, .label, caption { break-after: avoid; page-break-after: avoid; }
  /* An annex of the form is an attachment of its own: it starts a page, as on paper. */
  section.annex { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
";

fn table(h: &mut String, t: &AnnexTable) {
    // The form's annexes (with a label) start a page in print; a table in running text does not.
    *h += &format!(
        "<section id=\"{}\"{}>\n",
        escape(&t.section),
        if t.label.is_empty() {
            ""
        } else {
            " class=\"annex\""
        }
    );
    if !t.label.is_empty() {
        *h += &format!("<p class=\"label\">{}</p>\n", escape(&t.label));
    }
    let total: u32 = t.widths.iter().sum::<u32>().max(1);
    // The title is the table's caption: a screen reader names the table by it, and print keeps the
    // two together.
    *h += &format!("<table>\n<caption><h2>{}</h2>", escape(&t.title));
    if let Some(i) = &t.instructions {
        *h += &format!("<p class=\"instructions\">({})</p>", escape(i));
    }
    *h += "</caption>\n<colgroup>";
    for w in &t.widths {
        *h += &format!("<col style=\"width:{}%\">", w * 100 / total);
    }
    *h += "</colgroup>\n<thead><tr>";
    for c in &t.columns {
        *h += &format!("<th>{}</th>", escape(c));
    }
    *h += "</tr></thead>\n<tbody>\n";
    for r in &t.rows {
        *h += "<tr>";
        for c in r {
            *h += "<td>";
            for p in c {
                *h += &format!("<p>{}</p>", escape(p));
            }
            *h += "</td>";
        }
        *h += "</tr>\n";
    }
    *h += "</tbody>\n</table>\n";
    if let Some(who) = &t.entered_by {
        *h += &format!("<p class=\"entered-by\">{}</p>\n", escape(who));
    }
    *h += "</section>\n";
}

pub fn to_html(doc: &FormDocument) -> String {
    let mut h = String::new();
    h += "<!DOCTYPE html>\n";
    h += &format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        doc.lang.code()
    );
    h += &format!(
        "<title>{} — {}</title>\n",
        escape(&doc.title),
        escape(&doc.organisation)
    );
    h += &format!(
        "<style>\n{STYLE}</style>\n</head>\n<body{}>\n",
        if doc.portrait {
            " class=\"portrait\""
        } else {
            ""
        }
    );
    h += "<div class=\"approval\">\n";
    for (i, l) in doc.approval.iter().enumerate() {
        if i == 0 {
            h += &format!("<p><b>{}</b></p>\n", escape(l));
        } else {
            h += &format!("<p>{}</p>\n", escape(l));
        }
    }
    h += "</div>\n";
    if let Some(b) = &doc.basis {
        h += &format!("<p class=\"basis\">{}</p>\n", escape(b));
    }
    h += &format!("<h1>{}</h1>\n", escape(&doc.title));
    h += &format!("<p class=\"centre\">{}</p>\n", escape(&doc.organisation));
    if !doc.period.is_empty() {
        h += &format!("<p class=\"centre\">{}</p>\n", escape(&doc.period));
    }
    let mut placed = vec![false; doc.tables.len()];
    for p in &doc.paragraphs {
        match p {
            Para::Heading(t) => h += &format!("<h2>{}</h2>\n", escape(t)),
            Para::Subheading(t) => h += &format!("<h3>{}</h3>\n", escape(t)),
            Para::Text(t) => h += &format!("<p class=\"text\">{}</p>\n", escape(t)),
            Para::Table(i) => {
                if let Some(t) = doc.tables.get(*i) {
                    placed[*i] = true;
                    table(&mut h, t);
                }
            }
        }
    }
    for (t, _) in doc.tables.iter().zip(&placed).filter(|(_, p)| !**p) {
        table(&mut h, t);
    }
    if !doc.closing.is_empty() {
        h += "<div class=\"closing\">\n";
        for l in &doc.closing {
            h += &format!("<p>{}</p>\n", escape(l));
        }
        h += "</div>\n";
    }
    h += "</body>\n</html>\n";
    h
}
