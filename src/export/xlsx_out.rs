//! Excel workbooks, the file people in state bodies open: the report (its general data, one sheet per
//! annex in the form's columns, and every answer on one flat sheet) and the consolidation of many
//! reports (one sheet per annex). Counts, shares and ratios are numeric cells with number formats, so
//! they add up and sort; headers are bold and frozen; long texts wrap. Written by rust_xlsxwriter.

use super::value_text;
use crate::aggregate::Aggregate;
use crate::answer::Answer;
use crate::i18n::Lang;
use crate::questionnaire::{FieldType, Questionnaire, Section, SummaryKind};
use crate::session::{Session, Slot, slots};
use crate::summary::{FigureKind, quotient, summarize};
use crate::ui_text::Ui;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::collections::HashSet;

/// Excel's limit for a cell's text.
const CELL_MAX: usize = 32_767;

/// A valid sheet name made of `raw`: at most 31 characters, none of `[]:*?/\`, no apostrophe at
/// either end, and unlike every name in `used` (Excel compares them without case).
pub fn sheet_name(raw: &str, used: &mut HashSet<String>) -> String {
    let clean: String = raw
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base: String = if clean.is_empty() {
        "Sheet".to_owned()
    } else {
        clean.chars().take(31).collect()
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.contains(&name.to_lowercase()) {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = format!(
            "{}{suffix}",
            base.chars().take(keep).collect::<String>().trim_end()
        );
        n += 1;
    }
    used.insert(name.to_lowercase());
    name
}

struct Formats {
    header: Format,
    title: Format,
    text: Format,
    count: Format,
    percent: Format,
    ratio: Format,
    total_text: Format,
    total_count: Format,
    total_percent: Format,
    total_ratio: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(10)
            .set_align(FormatAlign::Top);
        let bold = base.clone().set_bold();
        Formats {
            header: bold
                .clone()
                .set_text_wrap()
                .set_border(rust_xlsxwriter::FormatBorder::Thin)
                .set_background_color("#F2F2F2"),
            title: bold.clone().set_font_size(12),
            text: base.clone().set_text_wrap(),
            count: base.clone().set_num_format("0"),
            percent: base.clone().set_num_format("0.0%"),
            ratio: base.clone().set_num_format("0.00"),
            total_text: bold.clone().set_text_wrap(),
            total_count: bold.clone().set_num_format("0"),
            total_percent: bold.clone().set_num_format("0.0%"),
            total_ratio: bold.set_num_format("0.00"),
        }
    }

    fn figure(&self, kind: FigureKind, total: bool) -> &Format {
        match (kind, total) {
            (FigureKind::Share, false) => &self.percent,
            (FigureKind::Share, true) => &self.total_percent,
            (FigureKind::Ratio, false) => &self.ratio,
            (FigureKind::Ratio, true) => &self.total_ratio,
            (_, false) => &self.count,
            (_, true) => &self.total_count,
        }
    }
}

/// Printed from Excel as the form is: A4 landscape, as wide as the page, the header rows on every
/// page, «N / M» at the foot.
fn print_setup(ws: &mut Worksheet, header_rows: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_footer("&C&P / &N");
    if header_rows > 0 {
        ws.set_repeat_rows(0, header_rows - 1)?;
    }
    Ok(())
}

fn text(ws: &mut Worksheet, row: u32, col: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
    if s.is_empty() {
        return Ok(());
    }
    let s: String = if s.chars().count() > CELL_MAX {
        s.chars().take(CELL_MAX).collect()
    } else {
        s.to_owned()
    };
    // A string cell is never a formula, whatever it starts with: no `=HYPERLINK(…)` runs here.
    ws.write_string_with_format(row, col, s, f)?;
    Ok(())
}

/// A figure in its number format: a share (in percent, as the summary has it) as a fraction of one.
fn figure(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    kind: FigureKind,
    v: Option<f64>,
    f: &Formats,
    total: bool,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => {
            let v = if kind == FigureKind::Share {
                v / 100.0
            } else {
                v
            };
            ws.write_number_with_format(row, col, v, f.figure(kind, total))?;
        }
        None if kind.is_quotient() => {
            text(ws, row, col, "—", &f.text)?;
        }
        None => {}
    }
    Ok(())
}

fn count_of(s: &Session, sec: &Section, item: Option<usize>, field: &str) -> u64 {
    let slot = Slot::Answer {
        section: sec.id.clone(),
        item,
        field: field.to_owned(),
    };
    match s.typed(FieldType::Count, &slot) {
        Some(Ok(Answer::Count(n))) => n,
        _ => 0,
    }
}

/// One annex in the form's columns, one row per item: №, name, each indicator and each declared
/// figure as a number, each question's answer as text; and, for a repeatable annex, the total row.
fn annex_sheet(
    ws: &mut Worksheet,
    q: &Questionnaire,
    s: &Session,
    sec: &Section,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let figures: Vec<_> = q.summary.iter().filter(|d| d.section == sec.id).collect();
    text(
        ws,
        0,
        0,
        &format!("{} — {}", sec.label.get(lang), sec.title.get(lang)),
        &f.title,
    )?;
    let mut col: u16 = 0;
    let mut head = |ws: &mut Worksheet, t: &str, width: f64| -> Result<u16, XlsxError> {
        text(ws, 1, col, t, &f.header)?;
        ws.set_column_width(col, width)?;
        col += 1;
        Ok(col - 1)
    };
    head(ws, Ui::ColNo.get(lang), 5.0)?;
    if let Some(r) = &sec.repeat {
        head(ws, r.name.get(lang), 36.0)?;
    }
    for ind in &sec.indicators {
        head(ws, &format!("{} {}", ind.number, ind.text.get(lang)), 14.0)?;
    }
    for d in &figures {
        head(ws, d.label.get(lang), 12.0)?;
    }
    for qu in &sec.questions {
        head(ws, &format!("{}. {}", qu.number, qu.text.get(lang)), 40.0)?;
    }
    let frozen_cols = if sec.repeat.is_some() { 2 } else { 1 };
    ws.set_freeze_panes(2, frozen_cols)?;
    print_setup(ws, 2)?;
    let items: Vec<Option<usize>> = if sec.is_repeat() {
        (0..s.item_count(&sec.id)).map(Some).collect()
    } else {
        vec![None]
    };
    let mut row = 2;
    for (n, item) in items.iter().enumerate() {
        let mut c: u16 = 0;
        ws.write_number_with_format(row, c, (n + 1) as f64, &f.count)?;
        c += 1;
        if sec.repeat.is_some() {
            let name = item
                .and_then(|i| s.item_name(&sec.id, i))
                .unwrap_or_default();
            text(ws, row, c, name, &f.text)?;
            c += 1;
        }
        for ind in &sec.indicators {
            let slot = Slot::Answer {
                section: sec.id.clone(),
                item: *item,
                field: ind.id.clone(),
            };
            match s.typed(ind.kind, &slot) {
                Some(Ok(Answer::Count(v))) => {
                    ws.write_number_with_format(row, c, v as f64, &f.count)?;
                }
                Some(Ok(Answer::Percent(p))) => {
                    ws.write_number_with_format(row, c, p / 100.0, &f.percent)?;
                }
                Some(Ok(a)) => text(ws, row, c, &a.display(lang), &f.text)?,
                _ => {}
            }
            c += 1;
        }
        for d in &figures {
            let sum =
                |ids: &[String]| -> u64 { ids.iter().map(|id| count_of(s, sec, *item, id)).sum() };
            let (kind, v) = match d.kind {
                SummaryKind::Sum => (FigureKind::Sum, Some(sum(&d.of) as f64)),
                k => (
                    if k == SummaryKind::Ratio {
                        FigureKind::Ratio
                    } else {
                        FigureKind::Share
                    },
                    quotient(k, sum(&d.numerator), sum(&d.denominator)),
                ),
            };
            figure(ws, row, c, kind, v, f, false)?;
            c += 1;
        }
        for qu in &sec.questions {
            let slot = Slot::Answer {
                section: sec.id.clone(),
                item: *item,
                field: qu.id.clone(),
            };
            if s.get(&slot).is_some() {
                text(ws, row, c, &value_text(s, qu, &slot, lang), &f.text)?;
            }
            c += 1;
        }
        row += 1;
    }
    if sec.is_repeat() && !items.is_empty() {
        let sum = summarize(q, s, lang);
        text(ws, row, 1, Ui::Total.get(lang), &f.total_text)?;
        let mut c: u16 = 2;
        for ind in &sec.indicators {
            let key = format!("{}.{}", sec.id, ind.id);
            if let Some(v) = sum.indicators.iter().find(|x| x.key == key) {
                figure(ws, row, c, v.kind, v.value, f, true)?;
            }
            c += 1;
        }
        for d in &figures {
            let key = format!("{}.{}", sec.id, d.id);
            if let Some(v) = sum.indicators.iter().find(|x| x.key == key) {
                figure(ws, row, c, v.kind, v.value, f, true)?;
            }
            c += 1;
        }
    }
    Ok(())
}

/// The flat sheet: every place an answer goes, with its annex, row, question and answer; counts and
/// percentages as numbers.
fn answers_sheet(
    ws: &mut Worksheet,
    q: &Questionnaire,
    s: &Session,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let heads = [
        (Ui::ColSection, 14.0),
        (Ui::ColItemNumber, 7.0),
        (Ui::ColItemName, 30.0),
        (Ui::ColNumber, 8.0),
        (Ui::ColQuestion, 60.0),
        (Ui::ColValue, 40.0),
    ];
    for (c, (h, w)) in heads.iter().enumerate() {
        text(ws, 0, c as u16, h.get(lang), &f.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    print_setup(ws, 1)?;
    for (row, (slot, kind)) in (1..).zip(slots(q, s)) {
        let (section, item, number, question) = match &slot {
            Slot::Header { field } => (
                Ui::SheetGeneral.get(lang).to_owned(),
                None,
                String::new(),
                q.header_field(field)
                    .map_or(field.clone(), |h| h.text.get(lang).to_owned()),
            ),
            Slot::ItemName { section, item } => {
                let sec = q.section(section);
                (
                    sec.map_or(section.clone(), |x| x.label.get(lang).to_owned()),
                    Some(*item),
                    String::new(),
                    sec.and_then(|x| x.repeat.as_ref())
                        .map_or(String::new(), |r| r.name.get(lang).to_owned()),
                )
            }
            Slot::Answer {
                section,
                item,
                field,
            } => {
                let sec = q.section(section);
                let fd = sec.and_then(|x| x.field(field));
                (
                    sec.map_or(section.clone(), |x| x.label.get(lang).to_owned()),
                    *item,
                    fd.map_or(String::new(), |x| x.number.clone()),
                    fd.map_or(field.clone(), |x| x.text.get(lang).to_owned()),
                )
            }
        };
        text(ws, row, 0, &section, &f.text)?;
        if let Some(i) = item {
            ws.write_number_with_format(row, 1, (i + 1) as f64, &f.count)?;
            let name = match &slot {
                Slot::Header { .. } => None,
                Slot::ItemName { section, .. } | Slot::Answer { section, .. } => {
                    s.item_name(section, i)
                }
            };
            text(ws, row, 2, name.unwrap_or_default(), &f.text)?;
        }
        text(ws, row, 3, &number, &f.text)?;
        text(ws, row, 4, &question, &f.text)?;
        match (&slot, kind) {
            (Slot::ItemName { section, item }, _) => {
                text(
                    ws,
                    row,
                    5,
                    s.item_name(section, *item).unwrap_or_default(),
                    &f.text,
                )?;
            }
            (_, Some(k)) => match s.typed(k, &slot) {
                Some(Ok(Answer::Count(v))) => {
                    ws.write_number_with_format(row, 5, v as f64, &f.count)?;
                }
                Some(Ok(Answer::Percent(p))) => {
                    ws.write_number_with_format(row, 5, p / 100.0, &f.percent)?;
                }
                Some(Ok(Answer::YesNo { yes, comment })) => {
                    let w = crate::answer::yes_no_word(yes, lang);
                    let v = if comment.is_empty() {
                        w.to_owned()
                    } else {
                        format!("{w}. {comment}")
                    };
                    text(ws, row, 5, &v, &f.text)?;
                }
                Some(Ok(a)) => text(ws, row, 5, &a.display(lang), &f.text)?,
                _ => {}
            },
            _ => {}
        }
    }
    Ok(())
}

fn properties(title: &str, author: &str) -> DocProperties {
    DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_company(author)
}

/// The report as a workbook.
pub fn report_xlsx(q: &Questionnaire, s: &Session, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let organisation = s
        .header
        .get("organisation")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    wb.set_properties(&properties(q.title.get(lang), &organisation));
    let mut used = HashSet::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(Ui::SheetGeneral.get(lang), &mut used))?;
        text(ws, 0, 0, q.title.get(lang), &f.title)?;
        ws.set_column_width(0, 40)?;
        ws.set_column_width(1, 60)?;
        print_setup(ws, 0)?;
        for (i, h) in q.header.iter().enumerate() {
            let row = i as u32 + 2;
            text(ws, row, 0, h.text.get(lang), &f.header)?;
            let slot = Slot::Header {
                field: h.id.clone(),
            };
            match s.typed(h.kind, &slot) {
                Some(Ok(Answer::Count(v))) => {
                    ws.write_number_with_format(row, 1, v as f64, &f.count)?;
                }
                Some(Ok(a)) => text(ws, row, 1, &a.display(lang), &f.text)?,
                _ => {}
            }
        }
    }
    for sec in &q.sections {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(sec.label.get(lang), &mut used))?;
        annex_sheet(ws, q, s, sec, lang, &f)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(Ui::SheetAnswers.get(lang), &mut used))?;
    answers_sheet(ws, q, s, lang, &f)?;
    wb.save_to_buffer()
}

/// The consolidation of many reports: per annex, one row per organisation (its file beside it), its
/// figures as numbers, and the total row.
pub fn aggregate_xlsx(
    q: &Questionnaire,
    agg: &Aggregate,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(&properties(q.title.get(lang), ""));
    let mut used = HashSet::new();
    for sec in &q.sections {
        let cols: Vec<_> = agg.columns.iter().filter(|c| c.section == sec.id).collect();
        if cols.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(sec.label.get(lang), &mut used))?;
        text(
            ws,
            0,
            0,
            &format!("{} — {}", sec.label.get(lang), sec.title.get(lang)),
            &f.title,
        )?;
        text(ws, 1, 0, Ui::Organisation.get(lang), &f.header)?;
        text(ws, 1, 1, Ui::File.get(lang), &f.header)?;
        ws.set_column_width(0, 45)?;
        ws.set_column_width(1, 18)?;
        for (i, c) in cols.iter().enumerate() {
            let col = i as u16 + 2;
            text(ws, 1, col, &format!("{} {}", c.short, c.label), &f.header)?;
            ws.set_column_width(col, 13)?;
        }
        ws.set_freeze_panes(2, 1)?;
        print_setup(ws, 2)?;
        let mut row = 2;
        for r in &agg.rows {
            text(ws, row, 0, &r.organisation, &f.text)?;
            text(ws, row, 1, &r.file, &f.text)?;
            for (i, c) in cols.iter().enumerate() {
                let v = r.figures.get(&c.key).copied().flatten();
                figure(ws, row, i as u16 + 2, c.kind, v, &f, false)?;
            }
            row += 1;
        }
        text(ws, row, 0, &agg.total.organisation, &f.total_text)?;
        for (i, c) in cols.iter().enumerate() {
            let v = agg.total.figures.get(&c.key).copied().flatten();
            figure(ws, row, i as u16 + 2, c.kind, v, &f, true)?;
        }
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(sheet_name("1-қосымша", &mut used), "1-қосымша");
        let long = "Персоналды басқару және мүдделер қақтығысын реттеу";
        let a = sheet_name(long, &mut used);
        let b = sheet_name(long, &mut used);
        assert_eq!(a.chars().count(), 31);
        assert!(b.chars().count() <= 31 && b.ends_with(" (2)"), "{b}");
        assert_eq!(sheet_name("a/b:c?[d]", &mut used), "a-b-c--d-");
        assert_eq!(sheet_name("'x'", &mut used), "x");
        assert_eq!(sheet_name("X", &mut used), "X (2)", "Excel ignores case");
    }
}
