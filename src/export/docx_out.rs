//! The form as a Word document: A4 landscape, Times New Roman, the approval block, the title, and
//! each annex as a bordered table with the form's columns. Written by docx-rs.

use super::FormDocument;
use docx_rs::{
    AlignmentType, Docx, PageMargin, PageOrientationType, Paragraph, Run, RunFonts, Table,
    TableCell, TableRow, WidthType,
};

/// A4 landscape, in twentieths of a point.
const PAGE_W: u32 = 16838;
const PAGE_H: u32 = 11906;
const MARGIN: i32 = 1134; // 2 cm
const TEXT_W: u32 = PAGE_W - 2 * MARGIN as u32;
/// Half-points.
const BODY: usize = 24;
const TABLE: usize = 20;

fn fonts() -> RunFonts {
    // Cyrillic (Kazakh and Russian) is in every one of these slots' ranges in Times New Roman.
    RunFonts::new()
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .east_asia("Times New Roman")
}

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(fonts())
}

fn para(text: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(run(text, size))
}

fn cell(lines: &[String], width: u32, bold: bool) -> TableCell {
    let mut c = TableCell::new().width(width as usize, WidthType::Dxa);
    for l in lines {
        let r = run(l, TABLE);
        c = c.add_paragraph(Paragraph::new().add_run(if bold { r.bold() } else { r }));
    }
    if lines.is_empty() {
        c = c.add_paragraph(Paragraph::new());
    }
    c
}

pub fn to_docx(doc: &FormDocument) -> Vec<u8> {
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(fonts())
        .default_size(BODY);
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
                .add_run(run(&doc.title, BODY + 4).bold())
                .align(AlignmentType::Center),
        )
        .add_paragraph(para(&doc.organisation, BODY).align(AlignmentType::Center))
        .add_paragraph(para(&doc.period, BODY).align(AlignmentType::Center));
    if !doc.paragraphs.is_empty() {
        d = d.add_paragraph(Paragraph::new());
    }
    for p in &doc.paragraphs {
        d = d.add_paragraph(para(p, BODY).align(AlignmentType::Both));
    }
    for t in &doc.tables {
        let total: u32 = t.widths.iter().sum();
        let widths: Vec<u32> = t.widths.iter().map(|w| w * TEXT_W / total).collect();
        d = d
            .add_paragraph(Paragraph::new())
            .add_paragraph(
                Paragraph::new()
                    .add_run(run(&t.label, BODY).bold())
                    .align(AlignmentType::Right)
                    .keep_next(true),
            )
            .add_paragraph(
                Paragraph::new()
                    .add_run(run(&t.title, BODY).bold())
                    .align(AlignmentType::Center)
                    .keep_next(true),
            );
        if let Some(i) = &t.instructions {
            d = d.add_paragraph(
                Paragraph::new()
                    .add_run(run(&format!("({i})"), BODY).italic())
                    .align(AlignmentType::Center),
            );
        }
        let mut rows = vec![TableRow::new(
            t.columns
                .iter()
                .zip(&widths)
                .map(|(c, w)| cell(std::slice::from_ref(c), *w, true))
                .collect(),
        )];
        rows.extend(t.rows.iter().map(|r| {
            TableRow::new(
                r.iter()
                    .zip(&widths)
                    .map(|(c, w)| cell(c, *w, false))
                    .collect(),
            )
        }));
        d = d.add_table(
            Table::new(rows)
                .set_grid(widths.iter().map(|w| *w as usize).collect())
                .width(TEXT_W as usize, WidthType::Dxa),
        );
    }
    if !doc.closing.is_empty() {
        d = d.add_paragraph(Paragraph::new());
    }
    for l in &doc.closing {
        d = d.add_paragraph(para(l, BODY));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .expect("writing a docx to memory does not fail");
    out.into_inner()
}
