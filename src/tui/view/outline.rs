//! The outline: every annex, item and question with its marker, the current one in view.

use super::{Theme, item_label};
use crate::questionnaire::Severity;
use crate::session::{Slot, is_answered};
use crate::tui::app::App;
use crate::tui::nav::{Stop, problems_at};
use crate::tui::screen::Canvas;
use crate::tui::widgets::{cached_made, clip, draw_lines, frame, key_of};
use crate::ui_text::Ui;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Block;

/// The colleagues in the parts whose keys `part` accepts: «◆ alice, bob: », or nothing. Put before
/// the title, where a narrow outline does not cut it off.
fn who(app: &App, part: impl Fn(&str) -> bool) -> String {
    let mut names: Vec<&str> = app
        .others
        .iter()
        .filter(|(k, _)| part(k))
        .map(|(_, u)| u.as_str())
        .collect();
    names.dedup();
    if names.is_empty() {
        String::new()
    } else {
        format!("◆ {}: ", names.join(", "))
    }
}

/// The marker of a stop: answered `✓`, empty `·`, an error `✗` and a warning `!` (as the question
/// and the summary mark them), a conflict between colleagues `≠`, the add line `+`.
fn marker(app: &App, st: &Stop) -> char {
    match st {
        Stop::AddItem(_) => '+',
        Stop::Slot(slot, kind) => {
            // The gravest of the slot's problems (errors sort first).
            let problem = problems_at(&app.form.summary, slot)
                .map(|p| p.severity)
                .min();
            if app.form.session.conflict(slot).is_some() {
                '≠'
            } else if problem == Some(Severity::Error) {
                '✗'
            } else if problem == Some(Severity::Warning) {
                '!'
            } else if is_answered(&app.form.session, slot, *kind) {
                '✓'
            } else {
                '·'
            }
        }
    }
}

/// One line of the outline, before it is drawn: cheap to make for every item of a big annex, so that
/// only the lines in view are formatted.
#[derive(Clone, Copy)]
enum Row {
    Header,
    Section(usize),
    /// A stop, and whether it is indented under its item.
    Stop(usize, bool),
}

pub(super) fn outline(app: &App, f: &mut Canvas, area: Rect, theme: &Theme) {
    let lang = app.form.lang;
    // All the panel is made of: the answers and the shape of the report (`version`, and a new form
    // with a colleague's save: `marks`), the problems and the annexes' counts (`marks`),
    // where the user is, the colleagues and where they are, the conflicts between their values
    // (kept beside an answer, not through `change`), the language and the colours. A typed letter
    // changes none of them, and the outline is not laid out again to find so.
    let conflicts: Vec<_> = app.form.session.conflicts.iter().map(|c| c.key()).collect();
    let key = key_of((
        app.form.version(),
        app.form.marks,
        app.form.current,
        &app.others,
        &conflicts,
        lang,
        theme.color,
    ));
    let make = || {
        let lines = outline_lines(app, area, theme);
        (key_of((Ui::Outline.get(lang), &lines)), lines)
    };
    cached_made(f, "outline", area, key, make, |lines, b| {
        let inner = Block::bordered().inner(area);
        frame(area, Ui::Outline.get(lang), b);
        draw_lines(&lines, inner, b, false);
    });
}

/// The lines of the outline in view in `area`.
fn outline_lines(app: &App, area: Rect, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.form.lang;
    let inner = Block::bordered().inner(area);
    let cur_section = app
        .stop()
        .section()
        .and_then(|s| app.form.q.section_index(s));
    let cur_item = app.stop().item();
    // The header is expanded only while the user is in it; of the annexes, the current one, and of
    // its items, the current one.
    let mut rows: Vec<Row> = vec![Row::Header];
    if cur_section.is_none() {
        rows.extend(app.form.index.header.clone().map(|i| Row::Stop(i, false)));
    }
    for (si, sec) in app.form.q.sections.iter().enumerate() {
        rows.push(Row::Section(si));
        if cur_section != Some(si) {
            continue;
        }
        let range = app.form.index.sections[si].clone();
        if !sec.is_repeat() {
            rows.extend(range.map(|i| Row::Stop(i, false)));
            continue;
        }
        let starts = &app.form.index.items[si];
        for (item, &start) in starts.iter().enumerate() {
            rows.push(Row::Stop(start, false));
            if cur_item == Some(item) {
                let end = starts.get(item + 1).copied().unwrap_or(range.end - 1);
                rows.extend((start + 1..end).map(|i| Row::Stop(i, true)));
            }
        }
        rows.push(Row::Stop(range.end - 1, false));
    }
    // Scroll so the current line stays in view, a third from the top.
    let h = inner.height as usize;
    let cur = rows
        .iter()
        .position(|r| matches!(r, Row::Stop(i, _) if *i == app.form.current))
        .unwrap_or(0);
    let start = cur.saturating_sub(h / 3).min(rows.len().saturating_sub(h));
    let width = inner.width as usize;
    let visible: Vec<Line> = rows[start..(start + h).min(rows.len())]
        .iter()
        .map(|r| match *r {
            Row::Header => Line::styled(
                format!("{}{}", who(app, |k| k == "header"), Ui::Header.get(lang)),
                theme.heading(),
            ),
            Row::Section(si) => {
                let (sec, sp) = (&app.form.q.sections[si], &app.form.summary.sections[si]);
                let problems = if sp.errors > 0 {
                    " ✗"
                } else if sp.warnings > 0 {
                    " !"
                } else {
                    ""
                };
                let (single, items) = (format!("annex:{}", sec.id), format!("item:{}:", sec.id));
                Line::styled(
                    format!(
                        "{} {}/{}{problems} {}{}",
                        sec.number,
                        sp.answered,
                        sp.total,
                        who(app, |k| k == single || k.starts_with(&items)),
                        clip(sec.title.get(lang), width),
                    ),
                    theme.heading(),
                )
            }
            Row::Stop(i, indented) => stop_line(app, i, indented, theme, width),
        })
        .collect();
    visible
}

fn stop_line(app: &App, i: usize, indented: bool, theme: &Theme, width: usize) -> Line<'static> {
    let lang = app.form.lang;
    let st = &app.form.stops[i];
    let text = match st {
        Stop::Slot(Slot::Header { field }, _) => app
            .form
            .q
            .header_field(field)
            .map_or(field.clone(), |h| clip(h.text.get(lang), width).to_owned()),
        Stop::Slot(Slot::ItemName { section, item }, _) => {
            let key = app
                .form
                .session
                .item_id(section, *item)
                .map(|id| format!("item:{section}:{id}"));
            format!(
                "{} {}{}",
                item_label(&app.form.q, section, *item),
                who(app, |k| Some(k) == key.as_deref()),
                clip(
                    app.form.session.item_name(section, *item).unwrap_or("…"),
                    width
                ),
            )
        }
        Stop::Slot(Slot::Answer { section, field, .. }, _) => {
            let fdef = app.form.q.section(section).and_then(|s| s.field(field));
            fdef.map_or(String::new(), |f| {
                format!(
                    "{} {}",
                    crate::i18n::field_number(&f.number, lang),
                    clip(f.text.get(lang), width)
                )
            })
        }
        Stop::AddItem(_) => Ui::AddAnother.get(lang).to_owned(),
    };
    let m = marker(app, st);
    let current = i == app.form.current;
    let style = if current {
        theme.current()
    } else if m == '✗' {
        theme.error()
    } else if m == '!' {
        theme.warning()
    } else {
        Style::new()
    };
    let indent = if indented { "   " } else { " " };
    Line::styled(
        format!("{}{indent}{m} {text}", if current { '›' } else { ' ' }),
        style,
    )
}
