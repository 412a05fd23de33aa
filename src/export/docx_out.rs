//! The form as a Word document: A4 landscape (the analytical report portrait), Times New Roman, the
//! approval block, the title, and each annex as a bordered table with the form's columns, built to
//! print: header rows repeat on every page a table continues on, no row splits across pages, page
//! numbers «N / M» in the footer, real heading styles (Word's navigation pane), the text's language
//! on every run (so Word spell-checks Kazakh as Kazakh), and document properties from the report.
//!
//! docx-rs writes the document. What it has no API for — `w:tblHeader`, `w:lang`, the title and
//! author in the core properties — is added by `finish`, a small pass over the package's XML.

use super::{AnnexTable, FormDocument, Para};
use crate::i18n::Lang;
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, HeightRule, LineSpacing, NumPages, PageMargin, PageNum,
    PageOrientationType, Paragraph, Run, RunFonts, Style, StyleType, Table, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableRow, WidthType,
};
use std::io::{Cursor, Read, Write};

/// A4, in twentieths of a point: the long side and the short.
const A4_LONG: u32 = 16838;
const A4_SHORT: u32 = 11906;
const MARGIN: i32 = 1134; // 2 cm
/// Top and bottom of the landscape form: 1.5 cm, so that a service's whole row fits a page.
const MARGIN_TB: i32 = 850;
/// Half-points.
const BODY: usize = 24;
const TABLE: usize = 20;
/// Eighths of a point: ½ pt, the rule of official tables (¼ pt fades in print).
const BORDER: usize = 4;
/// The blank form's rows: at least this tall (twentieths of a point, 2.5 cm), to write in by hand.
const BLANK_ROW: f32 = 1417.0;

/// Style ids. Word knows these ids and names as its own built-in headings (the navigation pane,
/// the table of contents), whatever the interface language.
const TITLE: &str = "Title";
const HEADING1: &str = "Heading1";
const HEADING2: &str = "Heading2";

fn fonts() -> RunFonts {
    // Cyrillic (Kazakh and Russian) is in every one of these slots' ranges in Times New Roman.
    RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman")
}

/// A run of text; a line break in the text is a line break in Word (`w:br`), not words run together.
fn run(text: &str, size: usize) -> Run {
    let mut r = Run::new().size(size).fonts(fonts());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line.trim_end_matches('\r'));
    }
    r
}

fn para(text: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(run(text, size))
}

fn cell(lines: &[String], width: u32, bold: bool, blank: bool) -> TableCell {
    let mut c = TableCell::new().width(width as usize, WidthType::Dxa);
    for l in lines {
        let r = run(l, TABLE);
        let mut p = Paragraph::new().add_run(if bold { r.bold() } else { r });
        if blank && !bold {
            // Room between the printed lines for a hand-written answer.
            p = p.line_spacing(LineSpacing::new().line(360).after(120));
        }
        c = c.add_paragraph(p);
    }
    if lines.is_empty() {
        c = c.add_paragraph(Paragraph::new());
    }
    c
}

fn borders() -> TableBorders {
    use TableBorderPosition::*;
    [Top, Left, Bottom, Right, InsideH, InsideV]
        .into_iter()
        .fold(TableBorders::new(), |b, p| {
            b.set(TableBorder::new(p).size(BORDER))
        })
}

fn add_table(mut d: Docx, t: &AnnexTable, text_w: u32, blank: bool) -> Docx {
    let total: u32 = t.widths.iter().sum::<u32>().max(1);
    let widths: Vec<u32> = t.widths.iter().map(|w| w * text_w / total).collect();
    // An annex of the form is an attachment of its own: it starts a page, as on paper. A table in
    // running text (the analytical report) follows its paragraph.
    let own_page = !t.label.is_empty();
    if own_page {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(run(&t.label, BODY).bold())
                .align(AlignmentType::Right)
                .page_break_before(true)
                .keep_next(true),
        );
    } else {
        d = d.add_paragraph(Paragraph::new());
    }
    d = d.add_paragraph(
        Paragraph::new()
            .style(HEADING1)
            .add_run(run(&t.title, BODY).bold())
            .align(AlignmentType::Center)
            .keep_next(true),
    );
    if let Some(i) = &t.instructions {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(run(&format!("({i})"), BODY).italic())
                .align(AlignmentType::Center)
                .keep_next(true),
        );
    }
    // Every row `cantSplit`; the first is marked as the header to repeat by `finish`.
    let mut rows = vec![
        TableRow::new(
            t.columns
                .iter()
                .zip(&widths)
                .map(|(c, w)| cell(std::slice::from_ref(c), *w, true, false))
                .collect(),
        )
        .cant_split(),
    ];
    rows.extend(t.rows.iter().map(|r| {
        let row = TableRow::new(
            r.iter()
                .zip(&widths)
                .map(|(c, w)| cell(c, *w, false, blank))
                .collect(),
        )
        .cant_split();
        if blank {
            row.row_height(BLANK_ROW).height_rule(HeightRule::AtLeast)
        } else {
            row
        }
    }));
    let d = d.add_table(
        Table::new(rows)
            .set_grid(widths.iter().map(|w| *w as usize).collect())
            .width(text_w as usize, WidthType::Dxa)
            .set_borders(borders()),
    );
    match &t.entered_by {
        Some(who) => d.add_paragraph(para(who, BODY).align(AlignmentType::Left)),
        None => d,
    }
}

fn styles(d: Docx) -> Docx {
    d.add_style(
        Style::new(TITLE, StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(0)
            .size(BODY + 4)
            .bold()
            .fonts(fonts())
            .align(AlignmentType::Center),
    )
    .add_style(
        Style::new(HEADING1, StyleType::Paragraph)
            .name("heading 1")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(0)
            .size(BODY)
            .bold()
            .fonts(fonts()),
    )
    .add_style(
        Style::new(HEADING2, StyleType::Paragraph)
            .name("heading 2")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(1)
            .size(BODY)
            .bold()
            .fonts(fonts()),
    )
}

pub fn to_docx(doc: &FormDocument) -> Vec<u8> {
    let (page_w, page_h, orient) = if doc.portrait {
        (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
    } else {
        (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
    };
    let text_w = page_w - 2 * MARGIN as u32;
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new())
            .add_run(run(" / ", TABLE))
            .add_num_pages(NumPages::new()),
    );
    let mut d = styles(
        Docx::new()
            .page_size(page_w, page_h)
            .page_orient(orient)
            .page_margin(
                PageMargin::new()
                    .top(if doc.portrait { MARGIN } else { MARGIN_TB })
                    .bottom(if doc.portrait { MARGIN } else { MARGIN_TB })
                    .left(MARGIN)
                    .right(MARGIN),
            )
            .default_fonts(fonts())
            .default_size(BODY)
            .footer(footer),
    );
    if let Some(c) = &doc.created {
        d = d.created_at(c);
    }
    if let Some(m) = doc.modified.as_ref().or(doc.created.as_ref()) {
        d = d.updated_at(m);
    }
    for (i, line) in doc.approval.iter().enumerate() {
        let r = run(line, BODY);
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(if i == 0 { r.bold() } else { r })
                .align(AlignmentType::Right),
        );
    }
    d = d.add_paragraph(Paragraph::new());
    if let Some(b) = &doc.basis {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(run(b, BODY).italic())
                .align(AlignmentType::Center),
        );
    }
    d = d
        .add_paragraph(
            Paragraph::new()
                .style(TITLE)
                .add_run(run(&doc.title, BODY + 4).bold())
                .align(AlignmentType::Center),
        )
        .add_paragraph(para(&doc.organisation, BODY).align(AlignmentType::Center));
    if !doc.period.is_empty() {
        d = d.add_paragraph(para(&doc.period, BODY).align(AlignmentType::Center));
    }
    if !doc.paragraphs.is_empty() {
        d = d.add_paragraph(Paragraph::new());
    }
    let mut placed = vec![false; doc.tables.len()];
    for p in &doc.paragraphs {
        d = match p {
            Para::Heading(h) => d.add_paragraph(Paragraph::new()).add_paragraph(
                Paragraph::new()
                    .style(HEADING1)
                    .add_run(run(h, BODY).bold())
                    .align(AlignmentType::Center)
                    .keep_next(true),
            ),
            Para::Subheading(h) => d.add_paragraph(
                Paragraph::new()
                    .style(HEADING2)
                    .add_run(run(h, BODY).bold())
                    .align(AlignmentType::Both)
                    .keep_next(true),
            ),
            Para::Text(t) => d.add_paragraph(para(t, BODY).align(AlignmentType::Both)),
            Para::Table(i) => match doc.tables.get(*i) {
                Some(t) => {
                    placed[*i] = true;
                    add_table(d, t, text_w, doc.blank)
                }
                None => d,
            },
        };
    }
    for (t, _) in doc.tables.iter().zip(&placed).filter(|(_, p)| !**p) {
        d = add_table(d, t, text_w, doc.blank);
    }
    if !doc.closing.is_empty() {
        d = d.add_paragraph(Paragraph::new());
    }
    for l in &doc.closing {
        d = d.add_paragraph(para(l, BODY));
    }
    let mut out = Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .expect("writing a docx to memory does not fail");
    finish(&out.into_inner(), doc).expect("rewriting a docx in memory does not fail")
}

/// The language tag Word expects for the text.
fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "kk-KZ",
        Lang::Ru => "ru-RU",
        Lang::En => "en-GB",
    }
}

fn xml_escape(s: &str) -> String {
    super::html_out::escape(s)
}

/// What docx-rs cannot say, said in its XML: header rows that repeat, the text's language, the
/// document's title and author. Every other part of the package is copied as it is.
fn finish(docx: &[u8], doc: &FormDocument) -> zip::result::ZipResult<Vec<u8>> {
    let mut zin = zip::ZipArchive::new(Cursor::new(docx))?;
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(docx.len() + 1024)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let tag = lang_tag(doc.lang);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i)?;
        let name = f.name().to_owned();
        let rewrite: Option<fn(String, &FormDocument, &str) -> String> = match name.as_str() {
            "word/document.xml" => Some(|x, _, tag| mark_header_rows(&with_lang(&x, tag))),
            "word/styles.xml" | "word/footer1.xml" => Some(|x, _, tag| with_lang(&x, tag)),
            "docProps/core.xml" => Some(core_properties),
            _ => None,
        };
        match rewrite {
            Some(rewrite) => {
                let mut x = String::new();
                f.read_to_string(&mut x)?;
                drop(f);
                zout.start_file(name, options)?;
                zout.write_all(rewrite(x, doc, tag).as_bytes())?;
            }
            None => zout.raw_copy_file(f)?,
        }
    }
    Ok(zout.finish()?.into_inner())
}

/// `w:lang` last in every run's properties (its place in the schema's order), and run properties
/// for the runs that have none.
fn with_lang(xml: &str, tag: &str) -> String {
    let lang = format!("<w:lang w:val=\"{tag}\" w:eastAsia=\"{tag}\" w:bidi=\"{tag}\" />");
    xml.replace("</w:rPr>", &format!("{lang}</w:rPr>"))
        .replace("<w:rPr />", &format!("<w:rPr>{lang}</w:rPr>"))
}

/// The first row of every table repeats at the top of each page the table continues on.
fn mark_header_rows(xml: &str) -> String {
    const ROW: &str = "<w:trPr>";
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest = xml;
    while let Some(t) = rest.find("<w:tbl>") {
        let (before, from_table) = rest.split_at(t);
        out.push_str(before);
        match from_table.find(ROW) {
            Some(r) => {
                out.push_str(&from_table[..r + ROW.len()]);
                out.push_str("<w:tblHeader />");
                rest = &from_table[r + ROW.len()..];
            }
            None => {
                out.push_str(from_table);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The report's organisation as the author, the form's title, the language.
fn core_properties(xml: String, doc: &FormDocument, tag: &str) -> String {
    let author = xml_escape(&doc.organisation);
    let title = xml_escape(&doc.title);
    xml.replace(
        "<dc:creator>unknown</dc:creator>",
        &format!("<dc:creator>{author}</dc:creator>"),
    )
    .replace(
        "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
        &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
    )
    .replace(
        "</cp:coreProperties>",
        &format!(
            "<dc:title>{title}</dc:title><dc:language>{tag}</dc:language></cp:coreProperties>"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_row_of_each_table_and_no_other_is_the_header() {
        let x = "<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:p/><w:tbl><w:tr><w:trPr></w:trPr></w:tr></w:tbl>";
        let y = mark_header_rows(x);
        assert_eq!(y.matches("<w:tblHeader />").count(), 2);
        assert_eq!(
            y,
            "<w:tbl><w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl><w:p/><w:tbl><w:tr><w:trPr><w:tblHeader /></w:trPr></w:tr></w:tbl>"
        );
    }

    #[test]
    fn every_run_gets_the_language() {
        let y = with_lang(
            "<w:r><w:rPr /></w:r><w:r><w:rPr><w:b /></w:rPr></w:r>",
            "kk-KZ",
        );
        assert_eq!(y.matches("w:val=\"kk-KZ\"").count(), 2);
        assert!(y.contains("<w:b /><w:lang"));
    }
}
