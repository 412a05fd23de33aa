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

/// Row heights for wrapped text. Excel grows a row to its wrapped text only for the cells it lays
/// out itself, and LibreOffice not at all on opening an xlsx: so each row is given the height its
/// longest cell needs, from the column widths and a word-by-word wrap.
#[derive(Default)]
struct Fit {
    widths: std::collections::HashMap<u16, f64>,
    lines: std::collections::BTreeMap<u32, usize>,
}

impl Fit {
    fn width(&mut self, ws: &mut Worksheet, col: u16, width: f64) -> Result<(), XlsxError> {
        self.widths.insert(col, width);
        ws.set_column_width(col, width)?;
        Ok(())
    }

    fn note(&mut self, row: u32, col: u16, text: &str) {
        // A column width counts Calibri digits; Times New Roman 10 pt fits about 1.1 letters in one.
        let room = (self.widths.get(&col).copied().unwrap_or(8.43) * 1.1).max(1.0) as usize;
        let n = wrapped_lines(text, room);
        let e = self.lines.entry(row).or_insert(1);
        *e = (*e).max(n);
    }

    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (row, n) in &self.lines {
            if *n > 1 {
                ws.set_row_height(*row, 12.75 * *n as f64 + 1.5)?;
            }
        }
        Ok(())
    }
}

/// How many lines `text` takes in a column `room` characters wide, wrapped at spaces.
fn wrapped_lines(text: &str, room: usize) -> usize {
    text.split('\n')
        .map(|para| {
            let mut lines = 1;
            let mut used = 0;
            for word in para.split_whitespace() {
                let w = word.chars().count();
                if used > 0 && used + 1 + w > room {
                    lines += 1;
                    used = 0;
                }
                used += if used > 0 { 1 + w } else { w };
                while used > room {
                    lines += 1;
                    used -= room;
                }
            }
            lines
        })
        .sum()
}

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
    /// A cell of an annex's table: bordered, wrapped.
    cell: Format,
    cell_count: Format,
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
        let boxed = base.clone().set_border(rust_xlsxwriter::FormatBorder::Thin);
        let bold = boxed.clone().set_bold();
        Formats {
            header: bold.clone().set_text_wrap().set_background_color("#F2F2F2"),
            cell: boxed.clone().set_text_wrap(),
            cell_count: boxed.clone().set_num_format("0"),
            title: base.clone().set_bold().set_font_size(12),
            text: boxed.clone().set_text_wrap(),
            count: boxed.clone().set_num_format("0"),
            percent: boxed.clone().set_num_format("0.0%"),
            ratio: boxed.clone().set_num_format("0.00"),
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

/// A title line above a table: not wrapped, so no row height.
fn title(ws: &mut Worksheet, s: &str, f: &Format) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, s, f)?;
    Ok(())
}

fn text(
    ws: &mut Worksheet,
    fit: &mut Fit,
    row: u32,
    col: u16,
    s: &str,
    f: &Format,
) -> Result<(), XlsxError> {
    if s.is_empty() {
        return Ok(());
    }
    fit.note(row, col, s);
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
    fit: &mut Fit,
    (row, col): (u32, u16),
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
            text(ws, fit, row, col, "—", &f.text)?;
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

/// One line of an annex's left side: a group heading, an indicator's answer, or a declared figure.
enum Left<'a> {
    Group(&'a str),
    Indicator(&'a crate::questionnaire::Field),
    Figure(&'a crate::questionnaire::SummaryDef),
}

impl Left<'_> {
    /// The line's text, as the Word form prints it: a group with a colon, its members with a dash.
    fn label(&self, lang: Lang) -> String {
        match self {
            Left::Group(g) => format!("{g}:"),
            Left::Indicator(ind) if ind.group.is_some() => format!("– {}", ind.text.get(lang)),
            Left::Indicator(ind) => ind.text.get(lang).to_owned(),
            Left::Figure(d) => d.label.get(lang).to_owned(),
        }
    }
}

/// One annex laid out as the paper form: for each item a block of rows with its number and name
/// (merged down the block), the quantitative indicators with their values on the left, the numbered
/// questions with their answers on the right; then, for a repeatable annex, the total block.
fn annex_sheet(
    ws: &mut Worksheet,
    q: &Questionnaire,
    s: &Session,
    sec: &Section,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let fit = &mut Fit::default();
    let figures: Vec<_> = q.summary.iter().filter(|d| d.section == sec.id).collect();
    let mut left: Vec<Left> = Vec::new();
    let mut group: Option<&str> = None;
    for ind in &sec.indicators {
        if ind.group.as_deref() != group {
            group = ind.group.as_deref();
            if let Some(g) = group.and_then(|g| sec.group(g)) {
                left.push(Left::Group(g.text.get(lang)));
            }
        }
        left.push(Left::Indicator(ind));
    }
    left.extend(figures.iter().map(|d| Left::Figure(d)));
    title(ws, &crate::present::annex_heading(sec, lang), &f.title)?;
    // Columns: №, the item's name (repeatable annexes), indicator and value (annexes that have
    // indicators), question and answer.
    let named = sec.repeat.is_some();
    let has_left = !left.is_empty();
    let mut heads: Vec<(String, f64)> = vec![(Ui::ColNo.get(lang).to_owned(), 5.0)];
    if let Some(r) = &sec.repeat {
        heads.push((r.name.get(lang).to_owned(), 24.0));
    }
    if has_left {
        heads.push((Ui::ColQuantitative.get(lang).to_owned(), 34.0));
        heads.push((Ui::ColFigure.get(lang).to_owned(), 9.0));
    }
    heads.push((Ui::ColQualitative.get(lang).to_owned(), 50.0));
    heads.push((Ui::ColValue.get(lang).to_owned(), 40.0));
    for (c, (h, w)) in heads.iter().enumerate() {
        fit.width(ws, c as u16, *w)?;
        text(ws, fit, 1, c as u16, h, &f.header)?;
    }
    let name_col: u16 = 1;
    let ind_col: u16 = if named { 2 } else { 1 };
    let q_col: u16 = ind_col + if has_left { 2 } else { 0 };
    ws.set_freeze_panes(2, 0)?;
    print_setup(ws, 2)?;
    let items: Vec<Option<usize>> = if sec.is_repeat() {
        (0..s.item_count(&sec.id)).map(Some).collect()
    } else {
        vec![None]
    };
    let height = left.len().max(sec.questions.len()).max(1) as u32;
    let mut row: u32 = 2;
    for (n, item) in items.iter().enumerate() {
        let last = row + height - 1;
        if height > 1 {
            ws.merge_range(row, 0, last, 0, "", &f.cell)?;
        }
        ws.write_number_with_format(row, 0, (n + 1) as f64, &f.cell_count)?;
        if named {
            let name = item
                .and_then(|i| s.item_name(&sec.id, i))
                .unwrap_or_default();
            if height > 1 {
                ws.merge_range(row, name_col, last, name_col, name, &f.cell)?;
            } else {
                text(ws, fit, row, name_col, name, &f.cell)?;
            }
        }
        for (k, l) in left.iter().enumerate() {
            let r = row + k as u32;
            text(ws, fit, r, ind_col, &l.label(lang), &f.cell)?;
            match l {
                Left::Group(_) => {}
                Left::Indicator(ind) => {
                    let slot = Slot::Answer {
                        section: sec.id.clone(),
                        item: *item,
                        field: ind.id.clone(),
                    };
                    match s.typed(ind.kind, &slot) {
                        Some(Ok(Answer::Count(v))) => {
                            ws.write_number_with_format(r, ind_col + 1, v as f64, &f.cell_count)?;
                        }
                        Some(Ok(Answer::Percent(p))) => {
                            ws.write_number_with_format(r, ind_col + 1, p / 100.0, &f.percent)?;
                        }
                        Some(Ok(a)) => text(ws, fit, r, ind_col + 1, &a.display(lang), &f.cell)?,
                        _ => {}
                    }
                }
                Left::Figure(d) => {
                    let sum = |ids: &[String]| -> u64 {
                        ids.iter().map(|id| count_of(s, sec, *item, id)).sum()
                    };
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
                    figure(ws, fit, (r, ind_col + 1), kind, v, f, false)?;
                }
            }
        }
        for (k, qu) in sec.questions.iter().enumerate() {
            let r = row + k as u32;
            text(
                ws,
                fit,
                r,
                q_col,
                &format!("{}. {}", qu.number, qu.text.get(lang)),
                &f.cell,
            )?;
            let slot = Slot::Answer {
                section: sec.id.clone(),
                item: *item,
                field: qu.id.clone(),
            };
            if s.get(&slot).is_some() {
                text(
                    ws,
                    fit,
                    r,
                    q_col + 1,
                    &value_text(s, qu, &slot, lang),
                    &f.cell,
                )?;
            }
        }
        row = last + 1;
    }
    if sec.is_repeat() && !items.is_empty() && has_left {
        let sum = summarize(q, s, lang);
        text(ws, fit, row, name_col, Ui::Total.get(lang), &f.total_text)?;
        for (k, l) in left.iter().enumerate() {
            let r = row + k as u32;
            text(ws, fit, r, ind_col, &l.label(lang), &f.cell)?;
            let key = match l {
                Left::Group(_) => continue,
                Left::Indicator(ind) => format!("{}.{}", sec.id, ind.id),
                Left::Figure(d) => format!("{}.{}", sec.id, d.id),
            };
            if let Some(v) = sum.indicators.iter().find(|x| x.key == key) {
                figure(ws, fit, (r, ind_col + 1), v.kind, v.value, f, true)?;
            }
        }
    }
    fit.apply(ws)
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
    let fit = &mut Fit::default();
    let heads = [
        (Ui::ColSection, 14.0),
        (Ui::ColItemNumber, 7.0),
        (Ui::ColItemName, 30.0),
        (Ui::ColNumber, 8.0),
        (Ui::ColQuestion, 60.0),
        (Ui::ColValue, 40.0),
    ];
    for (c, (h, w)) in heads.iter().enumerate() {
        fit.width(ws, c as u16, *w)?;
        text(ws, fit, 0, c as u16, h.get(lang), &f.header)?;
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
        text(ws, fit, row, 0, &section, &f.text)?;
        if let Some(i) = item {
            ws.write_number_with_format(row, 1, (i + 1) as f64, &f.count)?;
            let name = match &slot {
                Slot::Header { .. } => None,
                Slot::ItemName { section, .. } | Slot::Answer { section, .. } => {
                    s.item_name(section, i)
                }
            };
            text(ws, fit, row, 2, name.unwrap_or_default(), &f.text)?;
        }
        text(ws, fit, row, 3, &number, &f.text)?;
        text(ws, fit, row, 4, &question, &f.text)?;
        match (&slot, kind) {
            (Slot::ItemName { section, item }, _) => {
                text(
                    ws,
                    fit,
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
                    let v = crate::present::yes_no(yes, &comment, lang);
                    text(ws, fit, row, 5, &v, &f.text)?;
                }
                Some(Ok(a)) => text(ws, fit, row, 5, &a.display(lang), &f.text)?,
                _ => {}
            },
            _ => {}
        }
    }
    fit.apply(ws)
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
        let fit = &mut Fit::default();
        ws.set_name(sheet_name(Ui::SheetGeneral.get(lang), &mut used))?;
        title(ws, q.title.get(lang), &f.title)?;
        fit.width(ws, 0, 60.0)?;
        fit.width(ws, 1, 60.0)?;
        print_setup(ws, 0)?;
        for (i, h) in q.header.iter().enumerate() {
            let row = i as u32 + 2;
            text(ws, fit, row, 0, h.text.get(lang), &f.header)?;
            let slot = Slot::Header {
                field: h.id.clone(),
            };
            match s.typed(h.kind, &slot) {
                Some(Ok(Answer::Count(v))) => {
                    ws.write_number_with_format(row, 1, v as f64, &f.count)?;
                }
                Some(Ok(a)) => text(ws, fit, row, 1, &a.display(lang), &f.text)?,
                _ => {}
            }
        }
        // The summary a head reads first: every annex's totals, sums, shares and ratios.
        let sum = summarize(q, s, lang);
        let mut row = q.header.len() as u32 + 3;
        text(ws, fit, row, 0, Ui::Summary.get(lang), &f.total_text)?;
        for sec in &q.sections {
            let figs: Vec<_> = sum
                .indicators
                .iter()
                .filter(|x| x.section == sec.id)
                .collect();
            if figs.is_empty() {
                continue;
            }
            row += 1;
            text(
                ws,
                fit,
                row,
                0,
                &crate::present::annex_heading(sec, lang),
                &f.header,
            )?;
            text(ws, fit, row, 1, "", &f.header)?;
            for x in figs {
                row += 1;
                let dash = if x.kind == FigureKind::Total {
                    ""
                } else {
                    "  "
                };
                text(ws, fit, row, 0, &format!("{dash}{}", x.label), &f.text)?;
                figure(ws, fit, (row, 1), x.kind, x.value, &f, false)?;
            }
        }
        fit.apply(ws)?;
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
        let fit = &mut Fit::default();
        ws.set_name(sheet_name(sec.label.get(lang), &mut used))?;
        title(ws, &crate::present::annex_heading(sec, lang), &f.title)?;
        fit.width(ws, 0, 45.0)?;
        fit.width(ws, 1, 18.0)?;
        text(ws, fit, 1, 0, Ui::Organisation.get(lang), &f.header)?;
        text(ws, fit, 1, 1, Ui::File.get(lang), &f.header)?;
        for (i, c) in cols.iter().enumerate() {
            let col = i as u16 + 2;
            fit.width(ws, col, 13.0)?;
            text(
                ws,
                fit,
                1,
                col,
                &format!("{} {}", c.short, c.label),
                &f.header,
            )?;
        }
        ws.set_freeze_panes(2, 1)?;
        print_setup(ws, 2)?;
        let mut row = 2;
        for r in &agg.rows {
            text(ws, fit, row, 0, &r.organisation, &f.text)?;
            text(ws, fit, row, 1, &r.file, &f.text)?;
            for (i, c) in cols.iter().enumerate() {
                let v = r.figures.get(&c.key).copied().flatten();
                figure(ws, fit, (row, i as u16 + 2), c.kind, v, &f, false)?;
            }
            row += 1;
        }
        text(ws, fit, row, 0, &agg.total.organisation, &f.total_text)?;
        for (i, c) in cols.iter().enumerate() {
            let v = agg.total.figures.get(&c.key).copied().flatten();
            figure(ws, fit, (row, i as u16 + 2), c.kind, v, &f, true)?;
        }
        fit.apply(ws)?;
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
