//! The consolidation of many reports, as text for a terminal and as CSV (the workbook is in
//! `xlsx_out`).

use super::csv_out::{CsvStyle, guard};
use crate::aggregate::{Aggregate, Column, Row};
use crate::i18n::Lang;
use crate::output::wrap;
use crate::present::figure as format_figure;
use crate::questionnaire::Questionnaire;
use crate::ui_text::Ui;
use unicode_width::UnicodeWidthStr;

/// The width the text fits: PuTTY's 80 columns.
const WIDTH: usize = 80;
/// One figure's column: six characters and a space.
const FIG: usize = 7;

fn figures(r: &Row, cols: &[&Column], lang: Lang) -> String {
    cols.iter()
        .map(|c| {
            format!(
                "{:>w$}",
                format_figure(c.kind, r.figures.get(&c.key).copied().flatten(), lang),
                w = FIG - 1
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn shorts(cols: &[&Column]) -> String {
    cols.iter()
        .map(|c| format!("{:>w$}", c.short, w = FIG - 1))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Per annex: the organisations' names whole, each on its own line(s) with its figures below, in
/// blocks of columns that fit 80 columns; then what each column is. `wide`: the whole table, a line
/// per organisation, however wide.
pub fn aggregate_text(q: &Questionnaire, agg: &Aggregate, lang: Lang, wide: bool) -> String {
    let mut out = String::new();
    let rows: Vec<&Row> = agg.rows.iter().chain([&agg.total]).collect();
    for sec in &q.sections {
        let cols: Vec<&Column> = agg.columns.iter().filter(|c| c.section == sec.id).collect();
        if cols.is_empty() {
            continue;
        }
        out += &format!("{}\n", crate::present::annex_heading(sec, lang));
        if wide {
            let name_w = rows
                .iter()
                .map(|r| r.organisation.width())
                .max()
                .unwrap_or(10);
            out += &format!("  {:<name_w$} {}\n", "", shorts(&cols));
            for r in &rows {
                let pad = name_w - r.organisation.width().min(name_w);
                out += &format!(
                    "  {}{} {}\n",
                    r.organisation,
                    " ".repeat(pad),
                    figures(r, &cols, lang)
                );
            }
        } else {
            let per_line = ((WIDTH - 4) / FIG).max(1);
            for block in cols.chunks(per_line) {
                out += &format!("    {}\n", shorts(block));
                for r in &rows {
                    for l in wrap(&r.organisation, WIDTH - 2) {
                        out += &format!("  {l}\n");
                    }
                    out += &format!("    {}\n", figures(r, block, lang));
                }
            }
        }
        // What each column is, wrapped under itself within 80 columns.
        for c in &cols {
            for (i, l) in wrap(&c.label, WIDTH - 10).iter().enumerate() {
                let short = if i == 0 { c.short.as_str() } else { "" };
                out += &format!("    {short:>4} {l}\n");
            }
        }
        out += "\n";
    }
    if !agg.incomplete.is_empty() {
        out += &format!("{}:\n", Ui::Incomplete.get(lang));
        for f in &agg.incomplete {
            out += &format!("  {f}\n");
        }
    }
    out
}

/// A row per organisation and the total; figures as numbers in the style's notation (a share in
/// percent, `12,5`; a ratio `1,25`).
pub fn aggregate_csv(agg: &Aggregate, lang: Lang, style: &CsvStyle) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut w = style.writer(&mut bytes);
        let mut head = if style.ids {
            vec!["file".to_owned(), "organisation".to_owned()]
        } else {
            vec![
                Ui::File.get(lang).to_owned(),
                Ui::Organisation.get(lang).to_owned(),
            ]
        };
        head.extend(agg.columns.iter().map(|c| {
            if style.ids {
                c.key.clone()
            } else {
                format!("{} {}", c.short, c.label)
            }
        }));
        let _ = w.write_record(head.iter().map(|h| guard(h).into_owned()));
        for r in agg.rows.iter().chain(std::iter::once(&agg.total)) {
            let mut rec = vec![
                guard(&r.file).into_owned(),
                guard(&r.organisation).into_owned(),
            ];
            rec.extend(agg.columns.iter().map(|c| {
                r.figures
                    .get(&c.key)
                    .copied()
                    .flatten()
                    .map_or(String::new(), |v| style.number(v))
            }));
            let _ = w.write_record(&rec);
        }
        let _ = w.flush();
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn names_wrap_whole() {
        let name =
            "Өскемен қаласы әкімдігінің «Мектеп-гимназия №12» коммуналдық мемлекеттік мекемесі";
        let lines = wrap(name, 30);
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{lines:?}");
        assert_eq!(lines.join(" "), name);
    }
}
