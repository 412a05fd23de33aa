//! The live summary: progress, errors and warnings, the current annex's figures, the problems.

use super::{Theme, fit};
use crate::questionnaire::Severity;
use crate::session::Slot;
use crate::tui::app::App;
use crate::tui::screen::Canvas;
use crate::tui::widgets::{cached_lines, key_of, one_row, rows_of, wrapped_rows};
use crate::ui_text::Ui;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

/// "Errors 2", in `style` only when there are some.
fn count_span(label: &str, n: usize, style: Style) -> Span<'static> {
    Span::styled(
        // A no-break space: a figure does not go to the next row without its label.
        format!("{label}\u{a0}{n}"),
        if n > 0 { style } else { Style::new() },
    )
}

/// `label ……… value`, fitted into `width` columns; a label cut short ends in «…».
fn figure_line(label: &str, value: &str, width: usize, prefix: &str) -> String {
    let room = width.saturating_sub(value.width() + prefix.width() + 1);
    let l = fit(label, room);
    let pad = room.saturating_sub(l.width());
    format!("{prefix}{l}{} {value}", " ".repeat(pad))
}

pub(super) fn summary(app: &App, f: &mut Canvas, area: Rect, theme: &Theme) {
    let lang = app.form.lang;
    // The annex the user is in, and the figure being typed into: shown first.
    let section = app
        .stop()
        .section()
        .map(str::to_owned)
        .or_else(|| app.form.q.sections.first().map(|s| s.id.clone()));
    let current_key = match app.stop().slot() {
        Some(Slot::Answer { section, field, .. }) => Some(format!("{section}.{field}")),
        _ => None,
    };
    // All the panel is made of: the summary (a new one has a new number), where the user is, the
    // kept answers of questions the form no longer has, the language and the colours. The last
    // period's figures only change with the whole form (`Form::made` with it).
    let key = key_of((
        app.form.made,
        app.form.orphans,
        &section,
        &current_key,
        lang,
        theme.color,
    ));
    let make = || summary_lines(app, area, theme, section, current_key);
    cached_lines(f, ("summary", area, Ui::Summary.get(lang)), key, true, make);
}

fn summary_lines(
    app: &App,
    area: Rect,
    theme: &Theme,
    section: Option<String>,
    current_key: Option<String>,
) -> Vec<Line<'static>> {
    let lang = app.form.lang;
    let inner = Block::bordered().inner(area);
    let w = inner.width as usize;
    let s = &app.form.summary;
    let pct = (s.progress.answered * 100)
        .checked_div(s.progress.total)
        .unwrap_or(100);
    // The findings to be checked further (not risks) are counted beside the risks where that takes
    // no row more; the findings list (Ctrl-X) counts them always.
    let risks = format!("{}\u{a0}{}", Ui::FindingsShort.get(lang), s.risks);
    let counts_width = format!(
        "{}\u{a0}{} · {}\u{a0}{} · {risks}",
        Ui::Errors.get(lang),
        s.errors(),
        Ui::Warnings.get(lang),
        s.warnings()
    )
    .width();
    let to_check = format!(
        " (+{}\u{a0}{})",
        s.findings - s.risks,
        Ui::ToCheckShort.get(lang)
    );
    let rows = |width: usize| width.div_ceil(w.max(1));
    let risks =
        if s.findings > s.risks && rows(counts_width + to_check.width()) == rows(counts_width) {
            risks + &to_check
        } else {
            risks
        };
    let mut lines: Vec<Line> = vec![
        Line::raw(format!(
            "{} {}/{} ({pct}%)",
            Ui::Progress.get(lang),
            s.progress.answered,
            s.progress.total
        )),
        Line::from(vec![
            count_span(Ui::Errors.get(lang), s.errors(), theme.error()),
            Span::raw(" · "),
            count_span(Ui::Warnings.get(lang), s.warnings(), theme.warning()),
            Span::raw(" · "),
            Span::raw(risks),
        ]),
    ];
    if app.form.orphans > 0 {
        lines.push(Line::styled(
            format!("⚑ {}: {}", Ui::OrphansKept.get(lang), app.form.orphans),
            theme.warning(),
        ));
    }
    // Figures of the annex the user is in; the one being typed into first.
    let mut figs: Vec<&crate::summary::Figure> = s
        .indicators
        .iter()
        .filter(|fg| Some(&fg.section) == section.as_ref())
        .collect();
    if let Some(k) = &current_key
        && let Some(p) = figs.iter().position(|fg| &fg.key == k)
    {
        let fg = figs.remove(p);
        figs.insert(0, fg);
    }
    // Problems of this annex first, and errors before warnings: when there is room for one, it is
    // the one that stops the report.
    let mut problems: Vec<&crate::summary::Problem> = s.problems.iter().collect();
    problems.sort_by_key(|p| (p.section != section, p.severity));
    // What is left after the counts and the annex heading goes to the figures, keeping a heading and
    // one problem in view; at least the figure being typed into is always shown.
    let problem_rows = if problems.is_empty() { 0 } else { 2 };
    // The rows taken so far, for the problems below: each line as it wraps, counted as it is made.
    let mut rows_taken = wrapped_rows(&lines, inner.width);
    let room_for_figs = (inner.height as usize)
        .saturating_sub(lines.len() + 1 + problem_rows)
        .max(1);
    if let Some(sec) = section.as_ref().and_then(|id| app.form.q.section(id))
        && !figs.is_empty()
    {
        lines.push(Line::styled(
            sec.label.get(lang).to_owned(),
            theme.heading(),
        ));
        rows_taken += wrapped_rows(&lines[lines.len() - 1..], inner.width);
        for fg in figs.iter().take(room_for_figs) {
            let before = app
                .form
                .session
                .previous
                .as_ref()
                .and_then(|p| p.figures.get(&fg.key).copied());
            let value = if fg.kind.is_quotient() || fg.value.is_some() || before.is_some() {
                // A total of nothing entered yet is «—», not 0: the user tells an indicator left
                // empty from one answered 0 (a newcomer could not), and beside the last period it
                // is no fall to 0. So is a share until both its sides are answered.
                let now = if fg.answered { fg.value } else { None };
                crate::present::compared(fg.kind, before, now, fg.partial, lang)
            } else {
                String::new()
            };
            let prefix = if Some(&fg.key) == current_key.as_ref() {
                "›"
            } else {
                " "
            };
            lines.push(Line::raw(figure_line(&fg.label, &value, w, prefix)));
            // One row, but for a value wider than the panel.
            rows_taken += wrapped_rows(&lines[lines.len() - 1..], inner.width);
        }
    }
    if !problems.is_empty() {
        lines.push(Line::styled(
            Ui::Problems.get(lang).to_owned(),
            theme.heading(),
        ));
        rows_taken += wrapped_rows(&lines[lines.len() - 1..], inner.width);
        // Each takes a row at least: those past the panel's last row are not seen, and a report
        // with hundreds of warnings formatted them all at every digit. The one the panel's bottom
        // cuts is cut here, ending in «…»: a sentence cut at a row's end read as a whole one
        // («…(44) больше штатной», the staff figure it is compared with under the panel).
        let mut rows_left = (inner.height as usize).saturating_sub(rows_taken);
        for p in problems {
            if rows_left == 0 {
                break;
            }
            let (mark, style) = match p.severity {
                Severity::Error => ("✗", theme.error()),
                Severity::Warning => ("!", theme.warning()),
            };
            let place = match (&p.section, p.item) {
                (Some(sid), Some(i)) => format!(
                    "{}.{i}",
                    app.form.q.section(sid).map_or("?", |s| s.number.as_str())
                ),
                (Some(sid), None) => app
                    .form
                    .q
                    .section(sid)
                    .map_or("?", |s| s.number.as_str())
                    .to_owned(),
                (None, _) => Ui::Header.get(lang).to_owned(),
            };
            let num = p
                .fields
                .first()
                .and_then(|fid| {
                    p.section
                        .as_ref()
                        .and_then(|sid| app.form.q.section(sid))
                        .and_then(|s| s.field(fid))
                })
                // Written as Ctrl-G takes it: «4.К3», «1.2.К1».
                .map_or(String::new(), |f| {
                    format!(".{}", crate::i18n::field_number(&f.number, lang))
                });
            let text = format!("{mark} {place}{num}: {}", p.message);
            // On the last row left, whether it fits is all there is to know (the rows of a long
            // message wrapped at every digit typed were a tenth of the digit).
            let rows = if rows_left == 1 && !one_row(&Line::raw(text.as_str()), inner.width) {
                2
            } else {
                // Remembered: a digit changes one message at most, and a long one is dear to wrap.
                let count = || wrapped_rows(&[Line::raw(text.as_str())], inner.width);
                usize::from(rows_of(key_of(("problem", &text, inner.width)), || {
                    u16::try_from(count()).unwrap_or(u16::MAX)
                }))
            };
            if rows <= rows_left {
                rows_left -= rows;
                lines.push(Line::styled(text, style));
            } else {
                lines.push(Line::styled(
                    cut_to_rows(&text, inner.width, rows_left),
                    style,
                ));
                rows_left = 0;
            }
        }
    }
    lines
}

/// `text` as it is where it takes at most `rows` rows of `width` wrapped; else cut to end in «…»
/// there: the longest such beginning of it (a line is wrapped at blanks, so the count of characters
/// alone does not say).
fn cut_to_rows(text: &str, width: u16, rows: usize) -> String {
    if rows == 1 && !one_row(&Line::raw(text), width) {
        // A row holds what is no wider than it: the text fitted to it, as the labels are (the
        // search below wrapped the text a dozen times at every digit typed).
        let fitted = fit(text, usize::from(width));
        return match fitted.strip_suffix('…') {
            Some(kept) => format!("{}…", kept.trim_end()),
            None => fitted,
        };
    }
    // The same problem straddles the bottom from one digit to the next: its cut is searched for
    // once (eight wraps of it, and one to see that it does not fit).
    thread_local! {
        static LAST: std::cell::RefCell<(u64, String)> = const { std::cell::RefCell::new((0, String::new())) };
    }
    let key = key_of((text, width, rows));
    if let Some(kept) = LAST.with(|l| {
        let l = l.borrow();
        (l.0 == key).then(|| l.1.clone())
    }) {
        return kept;
    }
    if wrapped_rows(&[Line::raw(text)], width) <= rows {
        return text.to_owned();
    }
    let cut = |n: usize| {
        let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
        format!("{}…", text[..end].trim_end())
    };
    let fits = |n: usize| wrapped_rows(&[Line::raw(cut(n))], width) <= rows;
    // The beginnings that fit are those shorter than some length: the longest is found by halves.
    let (mut lo, mut hi) = (0, text.chars().count());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid) { lo = mid } else { hi = mid - 1 }
    }
    let found = cut(lo);
    LAST.with(|l| *l.borrow_mut() = (key, found.clone()));
    found
}

#[cfg(test)]
mod tests {
    use super::cut_to_rows;
    use crate::tui::widgets::wrapped_rows;
    use proptest::prelude::*;
    use ratatui::text::Line;

    #[test]
    fn a_problem_cut_by_the_panel_ends_in_an_ellipsis() {
        let text = "! 4.К2: Фактическая численность (44) больше штатной (42)";
        assert_eq!(
            cut_to_rows(text, 52, 1),
            "! 4.К2: Фактическая численность (44) больше штатной…"
        );
        assert_eq!(cut_to_rows(text, 52, 2), text);
    }

    proptest! {
        /// A text that fits is left as it is; one that does not is cut to take no more rows than
        /// it is given, begins as the text does, ends in «…», and is the longest such: one
        /// character more would not fit.
        #[test]
        fn a_cut_problem_fits_its_rows(
            words in proptest::collection::vec("[а-яәіңғүұқөһ0-9().:]{1,12}", 1..20),
            width in 1u16..60,
            rows in 1usize..4,
        ) {
            let text = words.join(" ");
            let cut = cut_to_rows(&text, width, rows);
            prop_assert!(wrapped_rows(&[Line::raw(cut.as_str())], width) <= rows);
            if wrapped_rows(&[Line::raw(text.as_str())], width) <= rows {
                prop_assert_eq!(&cut, &text);
                return Ok(());
            }
            let kept = cut.strip_suffix('…').expect("ends in an ellipsis");
            prop_assert!(text.starts_with(kept));
            let n = kept.chars().count();
            if n < text.chars().count() {
                let end = text.char_indices().nth(n + 1).map_or(text.len(), |(i, _)| i);
                let longer = format!("{}…", text[..end].trim_end());
                if longer != cut {
                    prop_assert!(wrapped_rows(&[Line::raw(longer.as_str())], width) > rows);
                }
            }
        }
    }
}
