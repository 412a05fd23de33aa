//! The form as a Word document: A4 landscape, Times New Roman, the approval block, the title, and
//! each annex as a bordered table with the form's columns. Written by docx-rs.

use super::{AnnexTable, FormDocument, Para};
use docx_rs::{
    AlignmentType, Docx, PageMargin, PageOrientationType, Paragraph, Run, RunFonts, Table,
    TableCell, TableRow, WidthType,
};

/// A4, in twentieths of a point: the long side and the short.
const A4_LONG: u32 = 16838;
const A4_SHORT: u32 = 11906;
const MARGIN: i32 = 1134; // 2 cm
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

fn add_table(mut d: Docx, t: &AnnexTable, text_w: u32) -> Docx {
    let total: u32 = t.widths.iter().sum();
    let widths: Vec<u32> = t.widths.iter().map(|w| w * text_w / total).collect();
    d = d.add_paragraph(Paragraph::new());
    if !t.label.is_empty() {
        d = d.add_paragraph(
            Paragraph::new()
                .add_run(run(&t.label, BODY).bold())
                .align(AlignmentType::Right)
                .keep_next(true),
        );
    }
    d = d.add_paragraph(
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
    d.add_table(
        Table::new(rows)
            .set_grid(widths.iter().map(|w| *w as usize).collect())
            .width(text_w as usize, WidthType::Dxa),
    )
}

pub fn to_docx(doc: &FormDocument) -> Vec<u8> {
    let (page_w, page_h, orient) = if doc.portrait {
        (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
    } else {
        (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
    };
    let text_w = page_w - 2 * MARGIN as u32;
    let mut d = Docx::new()
        .page_size(page_w, page_h)
        .page_orient(orient)
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
                    .add_run(run(h, BODY).bold())
                    .align(AlignmentType::Center)
                    .keep_next(true),
            ),
            Para::Subheading(h) => d.add_paragraph(
                Paragraph::new()
                    .add_run(run(h, BODY).bold())
                    .align(AlignmentType::Both)
                    .keep_next(true),
            ),
            Para::Text(t) => d.add_paragraph(para(t, BODY).align(AlignmentType::Both)),
            Para::Table(i) => match doc.tables.get(*i) {
                Some(t) => {
                    placed[*i] = true;
                    add_table(d, t, text_w)
                }
                None => d,
            },
        };
    }
    for (t, _) in doc.tables.iter().zip(&placed).filter(|(_, p)| !**p) {
        d = add_table(d, t, text_w);
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
