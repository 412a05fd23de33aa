//! Drawing the state: a pure function of `App` into a frame. Every panel folds on small terminals;
//! below the smallest usable size the screen says how large it must be.

use super::app::{App, Overlay, SaveState, Tone};
use super::keys::{self, Action, Context};
use super::nav::{Stop, has_problem};
use crate::questionnaire::{FieldType, Severity};
use crate::session::{Slot, is_answered};
use crate::ui_text::Ui;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Styles. Colour only ever repeats what a character already says, so monochrome loses nothing;
/// with `NO_COLOR` only bold, reverse and underline are used.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    fn bar(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    fn current(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }
    fn dim(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    /// Outline | question | summary.
    Wide,
    /// Outline | question over summary.
    Medium,
    /// The question alone; outline and summary are toggles.
    Folded,
}

fn shape(area: Rect) -> Shape {
    if area.width >= 110 && area.height >= 20 {
        Shape::Wide
    } else if area.width >= 72 && area.height >= 20 {
        Shape::Medium
    } else {
        Shape::Folded
    }
}

pub fn view(app: &App, f: &mut Frame, theme: &Theme) {
    let area = f.area();
    let lang = app.lang;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "{}\n{MIN_WIDTH}×{MIN_HEIGHT}\n({} {}×{})",
            Ui::TooSmall.get(lang),
            Ui::Now.get(lang),
            area.width,
            area.height
        );
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    // A long message (a lock held by whom, a save that failed and why) gets the rows it needs, up to
    // three: cut, it would not be read.
    let message_rows = app.message.as_ref().map_or(1, |(m, _)| {
        ((m.width() + 2).div_ceil(area.width.max(1) as usize)).clamp(1, 3) as u16
    });
    let [title, body, message, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(message_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(app, f, title, theme);
    message_line(app, f, message, theme);
    status_bar(app, f, status, theme);

    let sh = shape(area);
    match sh {
        Shape::Wide => {
            let [o, q, s] = Layout::horizontal([
                Constraint::Length(32),
                Constraint::Fill(1),
                Constraint::Length(40),
            ])
            .areas(body);
            outline(app, f, o, theme);
            question(app, f, q, theme);
            summary(app, f, s, theme);
        }
        Shape::Medium => {
            let [o, right] =
                Layout::horizontal([Constraint::Length(26), Constraint::Fill(1)]).areas(body);
            // The question takes the rows it needs (a text answer a few more), the summary the rest.
            let c = question_content(app, theme);
            let want = question_height(app, &c, right.width);
            let q_h = want.clamp(8, right.height.saturating_sub(6).max(8));
            let [q, s] =
                Layout::vertical([Constraint::Length(q_h), Constraint::Fill(1)]).areas(right);
            outline(app, f, o, theme);
            render_question(app, f, q, c);
            summary(app, f, s, theme);
        }
        Shape::Folded => match app.overlay {
            Overlay::Outline => outline(app, f, body, theme),
            Overlay::Summary => summary(app, f, body, theme),
            _ => question(app, f, body, theme),
        },
    }
    overlay(app, f, body, theme);
}

fn title_bar(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let place = match app.stop().section().and_then(|s| app.q.section(s)) {
        Some(sec) => format!("{} — {}", sec.label.get(lang), sec.title.get(lang)),
        None => format!("{} — {}", Ui::Header.get(lang), app.q.title.get(lang)),
    };
    f.render_widget(
        Paragraph::new(fit(&format!(" saualnama │ {place}"), area.width as usize))
            .style(theme.bar()),
        area,
    );
}

fn message_line(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let line = match &app.message {
        Some((m, Tone::Error)) => Line::styled(format!("! {m}"), theme.error()),
        Some((m, Tone::Info)) => Line::raw(format!("» {m}")),
        None => match &app.save_state {
            SaveState::Failed(e) => Line::styled(
                format!("! {}: {e}", Ui::SaveFailed.get(app.lang)),
                theme.error(),
            ),
            _ => Line::raw(""),
        },
    };
    f.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), area);
}

fn status_bar(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let state = match &app.save_state {
        SaveState::New => format!("○ {}", Ui::NewFile.get(lang)),
        SaveState::Saved => format!("✓ {}", Ui::Saved.get(lang)),
        SaveState::Unsaved => format!("● {}", Ui::Unsaved.get(lang)),
        SaveState::Failed(_) => format!("✗ {}", Ui::SaveFailed.get(lang)),
        SaveState::ReadOnly => format!("⊘ {}", Ui::ReadOnly.get(lang)),
    };
    // Saving needs no key (it happens after every answer): Ctrl-S is in the help, not here.
    let keys = keys::status_keys(lang);
    // The file name gives way first: the keys and the state are what a user needs at 80 columns.
    let rest = format!(" │ {state} │ {} │ {keys}", lang.code());
    let room = (area.width as usize)
        .saturating_sub(rest.width() + 1)
        .max(8);
    let text = format!(" {}{rest}", fit(&app.file_name, room));
    f.render_widget(Paragraph::new(text).style(theme.bar()), area);
}

fn type_name(kind: Option<FieldType>) -> Ui {
    match kind {
        Some(FieldType::Count) => Ui::TypeCount,
        Some(FieldType::Percent) => Ui::TypePercent,
        Some(FieldType::YesNo) => Ui::TypeYesNo,
        Some(FieldType::Month) => Ui::TypeMonth,
        _ => Ui::TypeText,
    }
}

fn type_hint(kind: Option<FieldType>, on_comment: bool) -> Ui {
    match kind {
        Some(FieldType::Count) => Ui::HintCount,
        Some(FieldType::Percent) => Ui::HintPercent,
        Some(FieldType::YesNo) if on_comment => Ui::HintComment,
        Some(FieldType::YesNo) => Ui::HintYesNo,
        Some(FieldType::Month) => Ui::HintMonth,
        _ => Ui::HintText,
    }
}

/// "1.2" for item 2 of annex 1.
fn item_label(app: &App, section: &str, item: usize) -> String {
    let num = app.q.section(section).map_or("?", |s| s.number.as_str());
    format!("{num}.{}", item + 1)
}

/// `text` cut to `width` columns, with «…» where it was cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// What the question panel shows, before it is laid out.
struct QuestionContent<'a> {
    title: String,
    /// The question's own text: what gives up rows when the panel is short.
    lines: Vec<Line<'a>>,
    /// The type line, the yes/no choice and the problems here: always in view, with the input.
    fixed: Vec<Line<'a>>,
    input_title: String,
    /// A multi-line text answer, which gets all the room left.
    multi: bool,
    /// The "add another item" line: text only, no input.
    add_item: bool,
}

fn question_content<'a>(app: &'a App, theme: &Theme) -> QuestionContent<'a> {
    let lang = app.lang;
    let stop = app.stop();
    let sec = stop.section().and_then(|s| app.q.section(s));
    let mut lines: Vec<Line> = Vec::new();
    let mut fixed: Vec<Line> = Vec::new();
    let title: String;
    let mut input_title = Ui::Answer.get(lang).to_owned();
    let mut multi = false;
    match stop {
        Stop::AddItem(section) => {
            let r = sec.and_then(|s| s.repeat.as_ref());
            title = sec.map_or(String::new(), |s| s.label.get(lang).to_owned());
            let what = r.map_or("", |r| r.item.get(lang));
            lines.push(Line::styled(
                format!("+ {}: {what}", Ui::AddAnother.get(lang)),
                theme.heading(),
            ));
            if app.session.item_count(section) == 0 {
                lines.push(Line::raw(keys::text(Ui::NoItemsYet, lang)));
            }
            lines.push(Line::styled(keys::text(Ui::AddItemHint, lang), theme.dim()));
            return QuestionContent {
                title,
                lines,
                fixed: Vec::new(),
                input_title,
                multi,
                add_item: true,
            };
        }
        Stop::Slot(Slot::Header { field }, kind) => {
            title = Ui::Header.get(lang).to_owned();
            let h = app.q.header_field(field);
            lines.push(Line::styled(type_name(*kind).get(lang), theme.dim()));
            lines.push(Line::styled(
                h.map_or("", |h| h.text.get(lang)),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            if let Some(hint) = h.and_then(|h| h.hint.as_ref()) {
                fixed.push(Line::styled(hint.get(lang), theme.dim()));
            } else if *kind == Some(FieldType::Month) {
                fixed.push(Line::styled(Ui::HintMonth.get(lang), theme.dim()));
            }
        }
        Stop::Slot(Slot::ItemName { section, item }, _) => {
            let r = sec.and_then(|s| s.repeat.as_ref());
            title = format!(
                "{} · {}",
                sec.map_or("", |s| s.label.get(lang)),
                item_label(app, section, *item)
            );
            lines.push(Line::styled(
                r.map_or("", |r| r.name.get(lang)),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            fixed.push(Line::styled(keys::text(Ui::HintName, lang), theme.dim()));
        }
        Stop::Slot(
            Slot::Answer {
                section,
                item,
                field,
            },
            kind,
        ) => {
            let fdef = sec.and_then(|s| s.field(field));
            // The item's name goes in the title, cut to fit: a 400-character act name must not
            // push the question out of the panel. It is shown whole on its own stop.
            title = match item {
                Some(i) => format!(
                    "{} · {} {}",
                    sec.map_or("", |s| s.label.get(lang)),
                    item_label(app, section, *i),
                    app.session.item_name(section, *i).unwrap_or("…")
                ),
                None => sec.map_or(String::new(), |s| s.label.get(lang).to_owned()),
            };
            let group = fdef
                .and_then(|f| f.group.as_ref())
                .and_then(|g| sec.and_then(|s| s.group(g)));
            let number = fdef.map_or("", |f| f.number.as_str());
            let mut head = vec![Span::styled(format!("{number} "), theme.heading())];
            if let Some(g) = group {
                head.push(Span::raw(format!("{}: ", g.text.get(lang))));
            }
            head.push(Span::styled(
                fdef.map_or("", |f| f.text.get(lang)),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            lines.push(Line::from(head));
            let mut hint = format!(
                "{} · {}",
                type_name(*kind).get(lang),
                keys::text(type_hint(*kind, app.editor.on_comment), lang)
            );
            if let Some(h) = fdef.and_then(|f| f.hint.as_ref()) {
                hint = format!("{hint} · {}", h.get(lang));
            }
            fixed.push(Line::styled(hint, theme.dim()));
            multi = *kind == Some(FieldType::Text);
            if *kind == Some(FieldType::YesNo) {
                fixed.push(choice_line(app, theme));
                input_title = Ui::Comment.get(lang).to_owned();
            }
        }
    }
    // The problems of this very field, in full: the summary may have no room to say them.
    if let Stop::Slot(slot, _) = stop {
        for p in app.problems_at(slot) {
            let (mark, style) = match p.severity {
                Severity::Error => ("✗", theme.error()),
                Severity::Warning => ("!", theme.warning()),
            };
            fixed.push(Line::styled(format!("{mark} {}", p.message), style));
        }
    }
    QuestionContent {
        title,
        lines,
        fixed,
        input_title,
        multi,
        add_item: false,
    }
}

/// The yes/no choice: both answers with the keys that give them in this language, the chosen one
/// marked, and the word being typed on it.
fn choice_line(app: &App, theme: &Theme) -> Line<'static> {
    let lang = app.lang;
    let mark = |b: bool| {
        if app.editor.choice == Some(b) {
            "[x]"
        } else {
            "[ ]"
        }
    };
    let style = if app.editor.on_comment {
        Style::new()
    } else {
        theme.current()
    };
    let mut spans = vec![Span::styled(
        format!(
            "{} {} ({})   {} {} ({})",
            mark(true),
            crate::answer::yes_no_word(true, lang),
            keys::yes_no_keys(true, lang),
            mark(false),
            crate::answer::yes_no_word(false, lang),
            keys::yes_no_keys(false, lang),
        ),
        style,
    )];
    if !app.editor.word.is_empty() {
        spans.push(Span::raw(format!("  «{}»", app.editor.word)));
    }
    // Typing in the comment with nothing chosen: the answer cannot be stored until it is.
    if app.editor.on_comment && app.editor.choice.is_none() {
        spans.push(Span::styled(
            format!("  ! {}", keys::text(Ui::ChoiceMissing, lang)),
            theme.warning(),
        ));
    }
    Line::from(spans)
}

/// The input's rows for a single-line field: as many as its text wraps to, at most six.
/// An item's name is shown whole on its own stop (it is cut in every other title), so it may take
/// more rows, with one to spare for word wrapping.
fn single_line_input_height(app: &App, inner_width: u16) -> u16 {
    let w = inner_width.saturating_sub(2).max(1) as usize;
    let rows = app.editor.raw_text().width().div_ceil(w).max(1) as u16;
    if matches!(app.stop(), Stop::Slot(Slot::ItemName { .. }, _)) {
        (rows + u16::from(rows > 1) + 2).min(14)
    } else {
        (rows + 2).min(6)
    }
}

/// The rows the question panel would like at `width`: its text, its input, its borders.
fn question_height(app: &App, c: &QuestionContent, width: u16) -> u16 {
    let inner = width.saturating_sub(2);
    let text_h = Paragraph::new(c.lines.iter().chain(&c.fixed).cloned().collect::<Vec<_>>())
        .wrap(Wrap { trim: false })
        .line_count(inner) as u16;
    let input_h = match (c.add_item, c.multi) {
        (true, _) => 0,
        (false, true) => 6,
        (false, false) => single_line_input_height(app, inner),
    };
    text_h + input_h + 2
}

fn question(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let c = question_content(app, theme);
    render_question(app, f, area, c);
}

fn render_question(app: &App, f: &mut Frame, area: Rect, c: QuestionContent) {
    let QuestionContent {
        title,
        lines,
        fixed,
        input_title,
        multi,
        add_item,
    } = c;
    let title = fit(&title, area.width.saturating_sub(2) as usize);
    if add_item {
        let p = Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title));
        f.render_widget(p, area);
        return;
    }
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    let text_h = text.line_count(inner.width) as u16;
    let fixed = Paragraph::new(fixed).wrap(Wrap { trim: false });
    let fixed_h = fixed.line_count(inner.width) as u16;
    // The input gets what the text leaves, at least 3 rows; a single-line field only what it needs.
    let wanted = if multi {
        inner
            .height
            .saturating_sub(text_h)
            .saturating_sub(fixed_h)
            .max(3)
    } else {
        single_line_input_height(app, inner.width)
    };
    // What is always in view comes first: the input, then the type line, the choice and the
    // problems; the question's text takes the rows left, cut with «…» when they are too few.
    let input_h = wanted.min(inner.height);
    let fixed_rows = fixed_h.min(inner.height - input_h);
    let text_rows = text_h.min(inner.height - input_h - fixed_rows);
    let [t, x, i, _] = Layout::vertical([
        Constraint::Length(text_rows),
        Constraint::Length(fixed_rows),
        Constraint::Length(input_h),
        Constraint::Fill(1),
    ])
    .areas(inner);
    f.render_widget(text, t);
    if text_rows < text_h && t.width > 0 && t.height > 0 {
        f.buffer_mut()[(t.right() - 1, t.bottom() - 1)].set_symbol("…");
    }
    f.render_widget(fixed, x);
    let focused =
        app.overlay == Overlay::None || matches!(app.overlay, Overlay::Outline | Overlay::Summary);
    let input_block = Block::bordered().title(input_title);
    let inside = input_block.inner(i);
    f.render_widget(input_block, i);
    f.render_widget(&app.editor.area, inside);
    let accepts_text = !stop_is_yes_no(app) || app.editor.on_comment;
    if focused
        && accepts_text
        && app.overlay == Overlay::None
        && inside.width > 0
        && inside.height > 0
    {
        // The real cursor where text goes (the input draws none of its own), so input methods and
        // screen readers follow it, and a typed letter costs only itself on the line.
        let sc = app.editor.area.screen_cursor();
        let (top, left) = app.editor.area.scroll_offset();
        let x = inside.x + (sc.col as u16).saturating_sub(left);
        let y = inside.y + (sc.row as u16).saturating_sub(top);
        if x < inside.right() && y < inside.bottom() {
            f.set_cursor_position(Position { x, y });
        }
    }
}

fn stop_is_yes_no(app: &App) -> bool {
    app.kind() == Some(FieldType::YesNo)
}

/// The marker of a stop: answered `✓`, empty `·`, a problem `!`, the add line `+`.
fn marker(app: &App, st: &Stop) -> char {
    match st {
        Stop::AddItem(_) => '+',
        Stop::Slot(slot, kind) => {
            if has_problem(&app.summary, st) {
                '!'
            } else if is_answered(&app.session, slot, *kind) {
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

fn outline(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let block = Block::bordered().title(Ui::Outline.get(lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let cur_section = app.stop().section().and_then(|s| app.q.section_index(s));
    let cur_item = app.stop().item();
    // The header is expanded only while the user is in it; of the annexes, the current one, and of
    // its items, the current one.
    let mut rows: Vec<Row> = vec![Row::Header];
    if cur_section.is_none() {
        rows.extend(app.index.header.clone().map(|i| Row::Stop(i, false)));
    }
    for (si, sec) in app.q.sections.iter().enumerate() {
        rows.push(Row::Section(si));
        if cur_section != Some(si) {
            continue;
        }
        let range = app.index.sections[si].clone();
        if !sec.is_repeat() {
            rows.extend(range.map(|i| Row::Stop(i, false)));
            continue;
        }
        let starts = &app.index.items[si];
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
        .position(|r| matches!(r, Row::Stop(i, _) if *i == app.current))
        .unwrap_or(0);
    let start = cur.saturating_sub(h / 3).min(rows.len().saturating_sub(h));
    let visible: Vec<Line> = rows[start..(start + h).min(rows.len())]
        .iter()
        .map(|r| match *r {
            Row::Header => Line::styled(Ui::Header.get(lang).to_owned(), theme.heading()),
            Row::Section(si) => {
                let (sec, sp) = (&app.q.sections[si], &app.summary.sections[si]);
                let problems = if sp.errors + sp.warnings > 0 {
                    " !"
                } else {
                    ""
                };
                Line::styled(
                    format!(
                        "{} {}/{}{problems} {}",
                        sec.number,
                        sp.answered,
                        sp.total,
                        sec.title.get(lang)
                    ),
                    theme.heading(),
                )
            }
            Row::Stop(i, indented) => stop_line(app, i, indented, theme),
        })
        .collect();
    f.render_widget(Paragraph::new(visible), inner);
}

fn stop_line(app: &App, i: usize, indented: bool, theme: &Theme) -> Line<'static> {
    let lang = app.lang;
    let st = &app.stops[i];
    let text = match st {
        Stop::Slot(Slot::Header { field }, _) => app
            .q
            .header_field(field)
            .map_or(field.clone(), |h| h.text.get(lang).to_owned()),
        Stop::Slot(Slot::ItemName { section, item }, _) => {
            format!(
                "{} {}",
                item_label(app, section, *item),
                app.session.item_name(section, *item).unwrap_or("…")
            )
        }
        Stop::Slot(Slot::Answer { section, field, .. }, _) => {
            let fdef = app.q.section(section).and_then(|s| s.field(field));
            fdef.map_or(String::new(), |f| {
                format!("{} {}", f.number, f.text.get(lang))
            })
        }
        Stop::AddItem(_) => Ui::AddAnother.get(lang).to_owned(),
    };
    let m = marker(app, st);
    let current = i == app.current;
    let style = if current {
        theme.current()
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

/// "Errors 2", in `style` only when there are some.
fn count_span(label: &str, n: usize, style: Style) -> Span<'static> {
    Span::styled(
        format!("{label} {n}"),
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

fn summary(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let block = Block::bordered().title(Ui::Summary.get(lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let s = &app.summary;
    let pct = (s.progress.answered * 100)
        .checked_div(s.progress.total)
        .unwrap_or(100);
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
            Span::raw(format!("{} {}", Ui::FindingsShort.get(lang), s.findings)),
        ]),
    ];
    if app.orphans > 0 {
        lines.push(Line::styled(
            format!("⚑ {}: {}", Ui::OrphansKept.get(lang), app.orphans),
            theme.warning(),
        ));
    }
    // Figures of the annex the user is in; the one being typed into first.
    let section = app
        .stop()
        .section()
        .map(str::to_owned)
        .or_else(|| app.q.sections.first().map(|s| s.id.clone()));
    let current_key = match app.stop().slot() {
        Some(Slot::Answer { section, field, .. }) => Some(format!("{section}.{field}")),
        _ => None,
    };
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
    // Problems of this annex first.
    let mut problems: Vec<&crate::summary::Problem> = s.problems.iter().collect();
    problems.sort_by_key(|p| p.section != section);
    // What is left after the counts and the annex heading goes to the figures, keeping a heading and
    // one problem in view; at least the figure being typed into is always shown.
    let problem_rows = if problems.is_empty() { 0 } else { 2 };
    let room_for_figs = (inner.height as usize)
        .saturating_sub(lines.len() + 1 + problem_rows)
        .max(1);
    if let Some(sec) = section.as_ref().and_then(|id| app.q.section(id))
        && !figs.is_empty()
    {
        lines.push(Line::styled(
            sec.label.get(lang).to_owned(),
            theme.heading(),
        ));
        for fg in figs.iter().take(room_for_figs) {
            let value = if fg.kind.is_quotient() || fg.value.is_some() {
                crate::summary::format_figure(fg.kind, fg.value, lang)
            } else {
                String::new()
            };
            let prefix = if Some(&fg.key) == current_key.as_ref() {
                "›"
            } else {
                " "
            };
            lines.push(Line::raw(figure_line(&fg.label, &value, w, prefix)));
        }
    }
    if !problems.is_empty() {
        lines.push(Line::styled(
            Ui::Problems.get(lang).to_owned(),
            theme.heading(),
        ));
        for p in problems {
            let (mark, style) = match p.severity {
                Severity::Error => ("✗", theme.error()),
                Severity::Warning => ("!", theme.warning()),
            };
            let place = match (&p.section, p.item) {
                (Some(sid), Some(i)) => format!(
                    "{}.{i}",
                    app.q.section(sid).map_or("?", |s| s.number.as_str())
                ),
                (Some(sid), None) => app
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
                        .and_then(|sid| app.q.section(sid))
                        .and_then(|s| s.field(fid))
                })
                .map_or(String::new(), |f| format!(" {}", f.number));
            lines.push(Line::styled(
                format!("{mark} {place}{num}: {}", p.message),
                style,
            ));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// A box of `height` rows at the foot of the body: the item menu, or a question with its keys.
fn foot_box(f: &mut Frame, body: Rect, height: u16, lines: Vec<Line>) {
    let r = Rect {
        x: body.x,
        y: body.bottom().saturating_sub(height),
        width: body.width,
        height: height.min(body.height),
    };
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .block(Block::bordered()),
        r,
    );
}

fn overlay(app: &App, f: &mut Frame, body: Rect, theme: &Theme) {
    let lang = app.lang;
    let prompt = |f: &mut Frame, label: &str, value: &str| {
        let h = 3;
        let r = Rect {
            x: body.x,
            y: body.bottom().saturating_sub(h),
            width: body.width,
            height: h,
        };
        f.render_widget(Clear, r);
        f.render_widget(
            Paragraph::new(value.to_owned()).block(Block::bordered().title(label.to_owned())),
            r,
        );
        let x = (r.x + 1 + value.width() as u16).min(r.right().saturating_sub(2));
        f.set_cursor_position(Position { x, y: r.y + 1 });
    };
    match &app.overlay {
        Overlay::Help { scroll } => {
            // Everything but the status line: the whole key list fits at 80x24.
            let r = Rect {
                y: body.y.saturating_sub(1),
                height: body.height + 2,
                ..body
            };
            f.render_widget(Clear, r);
            // The key table itself, place by place.
            let rows = keys::help_rows(lang);
            let kw = rows
                .iter()
                .filter_map(|(k, _)| k.as_ref().map(|k| k.width()))
                .max()
                .unwrap_or(0)
                .min(22);
            let lines: Vec<Line> = rows
                .into_iter()
                .map(|(k, d)| match k {
                    None => Line::styled(d, theme.heading().add_modifier(Modifier::UNDERLINED)),
                    Some(k) => Line::from(vec![
                        Span::styled(format!(" {k:<kw$}  "), theme.heading()),
                        Span::raw(d),
                    ]),
                })
                .collect();
            let p = Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((*scroll, 0))
                .block(
                    Block::bordered()
                        .title(format!(
                            "{} — {}",
                            Ui::Help.get(lang),
                            keys::label(Action::Help)
                        ))
                        .title_bottom(keys::text(Ui::HelpClose, lang)),
                );
            f.render_widget(p, r);
        }
        Overlay::GoTo(s) => prompt(f, Ui::GoToPrompt.get(lang), s),
        Overlay::Search(s) => {
            let mut label = Ui::SearchPrompt.get(lang).to_owned();
            if !app.last_search.is_empty() {
                label = format!(
                    "{label} · {} «{}»",
                    keys::text(Ui::SearchAgain, lang),
                    app.last_search
                );
            }
            prompt(f, &label, s)
        }
        Overlay::ItemMenu => {
            let menu = keys::BINDINGS
                .iter()
                .filter(|b| b.context == Context::ItemMenu)
                .map(|b| format!("{} {}", keys::label(b.action), b.help.get(lang)))
                .collect::<Vec<_>>()
                .join(" · ");
            let text = format!(
                "{}: {menu} · {} {}",
                Ui::ItemMenu.get(lang),
                keys::label(Action::Close),
                Ui::DescClose.get(lang)
            );
            foot_box(f, body, 4, vec![Line::raw(text)]);
        }
        Overlay::ConfirmQuit => {
            let why = match &app.save_state {
                SaveState::Failed(e) => e.clone(),
                _ => String::new(),
            };
            foot_box(
                f,
                body,
                5,
                vec![
                    Line::styled(
                        format!("✗ {}: {why}", Ui::SaveFailed.get(lang)),
                        theme.error(),
                    ),
                    Line::raw(keys::text(Ui::QuitUnsaved, lang)),
                ],
            );
        }
        Overlay::ConfirmDelete { section, item } => {
            let name = app.session.item_name(section, *item).unwrap_or("…");
            foot_box(
                f,
                body,
                5,
                vec![
                    Line::styled(
                        fit(
                            &format!("{} {name}", item_label(app, section, *item)),
                            body.width.saturating_sub(2) as usize,
                        ),
                        theme.error(),
                    ),
                    Line::raw(keys::text(Ui::ConfirmDelete, lang)),
                ],
            );
        }
        Overlay::Findings { list, selected } => {
            f.render_widget(Clear, body);
            let mut lines: Vec<Line> = Vec::new();
            let mut selected_line = 0;
            for (i, fd) in list.iter().enumerate() {
                let sec = app.q.section(&fd.section);
                let num = sec.map_or("?", |s| s.number.as_str());
                let place = match fd.item {
                    Some(n) => format!("{num}.{n} {}", fd.item_name.as_deref().unwrap_or("…")),
                    None => sec.map_or(String::new(), |s| s.label.get(lang).to_owned()),
                };
                let here = i == *selected;
                if here {
                    selected_line = lines.len();
                }
                lines.push(Line::styled(
                    format!(
                        "{} ● {} [{}] — {place}",
                        if here { '›' } else { ' ' },
                        fd.title,
                        crate::findings::severity_word(fd.severity).get(lang)
                    ),
                    if here {
                        theme.current()
                    } else {
                        theme.heading()
                    },
                ));
                if here {
                    for e in &fd.evidence {
                        lines.push(Line::raw(format!("     {e}")));
                    }
                    lines.push(Line::styled(
                        format!("     {}", fd.explanation),
                        theme.dim(),
                    ));
                    lines.push(Line::raw(format!(
                        "     {}: {}",
                        Ui::Recommendation.get(lang),
                        fd.recommendation
                    )));
                }
            }
            let block = Block::bordered()
                .title(format!("{}: {}", Ui::Findings.get(lang), list.len()))
                .title_bottom(keys::text(Ui::FindingsHint, lang));
            let h = block.inner(body).height as usize;
            let scroll = selected_line.saturating_sub(h / 3) as u16;
            f.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .scroll((scroll, 0))
                    .block(block),
                body,
            );
        }
        _ => {}
    }
}
