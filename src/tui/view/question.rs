//! The question panel: the question's number, text and hint, its problems, and the input.

use super::{Theme, fit, item_label};
use crate::questionnaire::{FieldType, Severity};
use crate::session::Slot;
use crate::tui::app::App;
use crate::tui::editor::Editor;
use crate::tui::keys::{self};
use crate::tui::nav::Stop;
use crate::tui::screen::Canvas;
use crate::tui::widgets::{cached, cached_around, draw_lines, frame, key_of, one_column, rows_of};
use crate::ui_text::Ui;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use ratatui_textarea::DataCursor;
use unicode_width::UnicodeWidthStr;

fn type_name(kind: Option<FieldType>) -> Ui {
    crate::present::type_word(kind)
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

/// The line under a question: its type, what to type, and the field's own hint.
fn type_line(
    kind: Option<FieldType>,
    on_comment: bool,
    hint: Option<&crate::i18n::Text>,
    lang: crate::i18n::Lang,
) -> String {
    let line = format!(
        "{} · {}",
        type_name(kind).get(lang),
        keys::text(type_hint(kind, on_comment), lang)
    );
    match hint {
        Some(h) => format!("{line} · {}", h.get(lang)),
        None => line,
    }
}

/// What the question panel shows, before it is laid out.
pub(super) struct QuestionContent<'a> {
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

pub(super) fn question_content<'a>(app: &'a App, theme: &Theme) -> QuestionContent<'a> {
    let lang = app.form.lang;
    let stop = app.stop();
    let sec = stop.section().and_then(|s| app.form.q.section(s));
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
            if app.form.session.item_count(section) == 0 {
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
            let h = app.form.q.header_field(field);
            lines.push(Line::styled(
                h.map_or("", |h| h.text.get(lang)),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            // The type and what to type under the question, as for every other question; but a
            // header's text is one line, and has no usual answer for Ctrl-O («нет» was offered
            // for the organisation's name).
            let own = h.and_then(|h| h.hint.as_ref());
            let hint = match kind {
                Some(FieldType::Text) | None => {
                    let name = type_name(*kind).get(lang);
                    own.map_or(name.to_owned(), |o| format!("{name} · {}", o.get(lang)))
                }
                _ => type_line(*kind, false, own, lang),
            };
            fixed.push(Line::styled(hint, theme.dim()));
        }
        Stop::Slot(Slot::ItemName { section, item }, _) => {
            let r = sec.and_then(|s| s.repeat.as_ref());
            title = format!(
                "{} · {}",
                sec.map_or("", |s| s.label.get(lang)),
                item_label(&app.form.q, section, *item)
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
                    item_label(&app.form.q, section, *i),
                    app.form.session.item_name(section, *i).unwrap_or("…")
                ),
                None => sec.map_or(String::new(), |s| s.label.get(lang).to_owned()),
            };
            let group = fdef
                .and_then(|f| f.group.as_ref())
                .and_then(|g| sec.and_then(|s| s.group(g)));
            let number = fdef.map_or(String::new(), |f| {
                crate::i18n::field_number(&f.number, lang)
            });
            let mut head = vec![Span::styled(format!("{number} "), theme.heading())];
            if let Some(g) = group {
                head.push(Span::raw(format!("{}: ", g.text.get(lang))));
            }
            head.push(Span::styled(
                fdef.map_or("", |f| f.text.get(lang)),
                Style::new().add_modifier(Modifier::BOLD),
            ));
            lines.push(Line::from(head));
            let hint = type_line(
                *kind,
                app.editor.on_comment,
                fdef.and_then(|f| f.hint.as_ref()),
                lang,
            );
            fixed.push(Line::styled(hint, theme.dim()));
            multi = *kind == Some(FieldType::Text);
            if *kind == Some(FieldType::YesNo) {
                fixed.push(choice_line(app, theme));
                input_title = Ui::Comment.get(lang).to_owned();
            }
        }
    }
    // The problems of this very field, in full: the summary may have no room to say them.
    if let Some(held) = &app.held_by {
        fixed.push(Line::styled(held.clone(), theme.error()));
    }
    if let Stop::Slot(slot, _) = stop {
        if app.form.session.conflict(slot).is_some() {
            fixed.push(Line::styled(
                keys::text(Ui::ConflictHere, lang),
                theme.error(),
            ));
        }
        if app.form.session.is_carried(slot) {
            fixed.push(Line::styled(
                crate::tui::keys::text(Ui::CarriedCheck, lang),
                theme.warning(),
            ));
        }
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
    let lang = app.form.lang;
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
    // A whole word and a space wait for what comes next: said, for the marked choice is not yet
    // the answer («Нет » then «нарушений» is a comment, and no choice).
    if app.editor.word.ends_with(' ') {
        spans.push(Span::styled(
            format!(" {}", keys::text(Ui::WordWaits, lang)),
            theme.dim(),
        ));
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

/// The rows `lines` wrap to at `width` (`what` they are: the question's text, the fixed lines),
/// remembered.
fn text_rows(lines: &[Line], what: &str, width: u16) -> u16 {
    rows_of(key_of((what, lines, width)), || {
        crate::tui::widgets::wrapped_rows(lines, width).min(usize::from(u16::MAX)) as u16
    })
}

/// The rows the question panel would like at `width`: its text, its input, its borders.
pub(super) fn question_height(app: &App, c: &QuestionContent, width: u16) -> u16 {
    let inner = width.saturating_sub(2);
    // The question's text and the fixed lines under it (the choice, the problems) each on its
    // own, as `render_question` counts them: a digit that changes a problem's message does not
    // count the question's text again.
    let text_h = text_rows(&c.lines, "text", inner) + text_rows(&c.fixed, "fixed", inner);
    let input_h = match (c.add_item, c.multi) {
        (true, _) => 0,
        (false, true) => 6,
        (false, false) => single_line_input_height(app, inner),
    };
    text_h + input_h + 2
}

pub(super) fn question(app: &App, f: &mut Canvas, area: Rect, theme: &Theme) {
    let c = question_content(app, theme);
    render_question(app, f, area, c);
}

pub(super) fn render_question(app: &App, f: &mut Canvas, area: Rect, c: QuestionContent) {
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
        // A panel like the others: kept while a prompt is typed over it (Ctrl-G on an empty
        // annex), not laid out again at every key.
        let key = key_of(("add item", &title, &lines));
        cached(f, "question", area, key, |b| {
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(title))
                .render(area, b)
        });
        return;
    }
    let inner = Block::bordered().inner(area);
    let content_key = key_of((&title, &lines));
    let fixed_key = key_of(&fixed);
    let text_h = text_rows(&lines, "text", inner.width);
    let fixed_h = text_rows(&fixed, "fixed", inner.width);

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
    let [t, x, i, _] = super::split(
        inner,
        [Some(text_rows), Some(fixed_rows), Some(input_h), None],
        true,
    );
    // The frame and the text are what a typed key leaves as they were; the fixed lines (the
    // choice, the problems) change with a digit, and are a panel of their own, as is the input:
    // together they make the question's hole.
    let key = key_of((content_key, t, x, text_h));
    let hole = Rect {
        height: x.height + i.height,
        ..x
    };
    cached_around(f, ("question", area, hole), key, |b| {
        frame(area, &title, b);
        draw_lines(&lines, t, b, true);
        if text_rows < text_h && t.width > 0 && t.height > 0 {
            b[(t.right() - 1, t.bottom() - 1)].set_symbol("…");
        }
    });
    cached(f, "fixed", x, fixed_key, |b| draw_lines(&fixed, x, b, true));
    // The question is drawn only where it is shown: with no overlay over it, the cursor is in it
    // (a folded outline or summary replaces the question, and is not drawn with it).
    let focused = app.overlay.is_none();
    let inside = Block::bordered().inner(i);
    // The input's frame is a panel of its own, over the question's. Its text leaves the rows under
    // it blank: of a kept input only the rows with text in the last frame are blanked, and the rows
    // with text then or now are all that can have changed (a text answer's input may be most of the
    // screen, and its answer one line).
    let kept = cached(f, "input", i, key_of(&input_title), |b| {
        frame(i, &input_title, b)
    });
    // Drawn or copied, the input's frame leaves its inside blank: only a kept one's rows with text
    // are to be blanked.
    let last = f.noted("input rows").filter(|_| kept);
    let blank = Rect {
        height: last.unwrap_or(0).min(inside.height),
        ..inside
    };
    f.redraw(blank);
    // Drawn on the rows its text can take only: ratatui-textarea styles every cell it is given,
    // and a text answer's input is most of a large screen (a tenth of a move to another question
    // at 200×60). The rows under them are blank either way.
    let rows_at_most = input_rows_at_most(&app.editor.area, inside.width, inside.height);
    let rect = Rect {
        height: rows_at_most,
        ..inside
    };
    let rows = draw_input(&app.editor, f.buffer_mut(), rect).min(inside.height);
    f.note("input rows", rows);
    f.touch(Rect {
        height: rows.max(blank.height),
        ..inside
    });
    let accepts_text = !stop_is_yes_no(app) || app.editor.on_comment;
    if focused && accepts_text && inside.width > 0 && inside.height > 0 {
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

/// At least as many rows as the input's text wraps to at `width`, and at most `height`.
/// ratatui-textarea's wrapping (words, and a word too long for a row by its characters) ends a row
/// only where what comes next does not fit, so any two rows one after the other hold more than
/// `width` columns between them: a line of `d` columns takes at most 2·⌈d / width⌉ + 2 rows (one
/// more is kept for the cursor after the last character); a line of fewer than `width` columns
/// takes one. A tab counts as the widest it can be, a character of no width as one column.
fn input_rows_at_most(area: &ratatui_textarea::TextArea, width: u16, height: u16) -> u16 {
    let w = usize::from(width.max(1));
    let mut rows = 0usize;
    for line in area.lines() {
        let d: usize = line
            .chars()
            .map(|c| match c {
                '\t' => 8,
                c => unicode_width::UnicodeWidthChar::width(c)
                    .unwrap_or(1)
                    .max(1),
            })
            .sum();
        // A line narrower than the row is not wrapped, and its cursor stands in it: one row (most
        // answers; five had the paragraph under the input style five rows of cells a letter).
        rows += if d < w { 1 } else { 2 * d.div_ceil(w) + 3 };
        if rows >= usize::from(height) {
            return height;
        }
    }
    rows as u16
}

/// The rows the input's text took when it was last drawn: its display lines (wrapped) from the
/// top one drawn. ratatui-textarea counts them but does not say how many: a row past the last maps
/// to the same place in the text as the last one, and two rows never map to one place otherwise.
fn input_rows(area: &ratatui_textarea::TextArea) -> u16 {
    let same = |row: usize| area.screen_to_data(row, 0) == area.screen_to_data(row - 1, 0);
    // The count is the first row that maps where the one before it does.
    let mut hi = 1;
    while !same(hi) {
        hi *= 2;
    }
    let mut lo = hi / 2;
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if same(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let top = area.scroll_offset().0 as usize;
    hi.saturating_sub(top).min(u16::MAX as usize) as u16
}

/// The input drawn in `rect`: the plain way where it can be, else by the widget (and its place kept
/// for the plain way next time). The rows the text takes from the top one in view, counted by the
/// plain way, else after the widget has drawn (it may scroll).
fn draw_input(editor: &Editor, buf: &mut Buffer, rect: Rect) -> u16 {
    draw_plain_input(editor, buf, rect).unwrap_or_else(|| {
        (&editor.area).render(rect, buf);
        editor.drawn_size.set((rect.width, rect.height));
        input_rows(&editor.area)
    })
}

/// The input's text drawn as ratatui-textarea's widget draws it, where that is plain to see: each of
/// its characters one column wide and a cluster of its own (letters, digits, marks: no tab, no wide or
/// combining character), nothing selected, in the place the widget last drew it (its width is the
/// one the text is wrapped at, its height the one its scrolling counts with), and the cursor in the
/// rows in view, so that the widget would leave them where they are. Each row in view is then its
/// characters in a row of cells, from where the widget's wrapping begins it (`screen_to_data`) to
/// where it begins the next. The widget lays every row in view out again through ratatui's
/// `Paragraph`, a grapheme split and a width lookup a character: 5.5 M instructions a key in an
/// answer of 3,120 characters at 200×60. The rows the text takes from the top one in view (as
/// `input_rows`); `None`, with nothing drawn, where it is not sure: the widget draws then.
fn draw_plain_input(editor: &Editor, buf: &mut Buffer, rect: Rect) -> Option<u16> {
    let t = &editor.area;
    let (top, left) = t.scroll_offset();
    let (top, cursor) = (usize::from(top), t.screen_cursor().row);
    if rect.width == 0
        || (rect.width, rect.height) != editor.drawn_size.get()
        || left != 0
        || cursor < top
        || cursor >= top + usize::from(rect.height)
        || t.selection_range().is_some()
        || !t.lines().iter().all(|l| l.chars().all(one_column))
    {
        return None;
    }
    // The rows to the text's end, and those in view.
    let from_top = input_rows(t);
    let rows = top + usize::from(from_top);
    let end = rows.min(top + usize::from(rect.height));
    let mut row = top;
    for (n, line) in t.lines().iter().enumerate() {
        let (mut chars, mut at) = (line.chars(), 0);
        while row < end {
            let DataCursor(on, from) = t.screen_to_data(row, 0);
            if on != n {
                break;
            }
            let to = match t.screen_to_data(row + 1, 0) {
                DataCursor(next, to) if next == n && row + 1 < rows => to,
                _ => usize::MAX,
            };
            let y = rect.y + (row - top) as u16;
            let mut x = rect.x;
            while at < to {
                let Some(c) = chars.next() else { break };
                if at >= from && x < rect.right() {
                    buf[(x, y)].set_char(c);
                    x += 1;
                }
                at += 1;
            }
            row += 1;
        }
    }
    Some(from_top)
}

fn stop_is_yes_no(app: &App) -> bool {
    app.kind() == Some(FieldType::YesNo)
}

#[cfg(test)]
mod tests {
    use super::{draw_input, draw_plain_input, input_rows, input_rows_at_most};
    use crate::tui::editor::Editor;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    use ratatui_textarea::{CursorMove, TextArea, WrapMode};

    /// An answer's lines, 1 to 3: Kazakh, Russian and Latin words, spaces, marks, long words, and
    /// what the widget draws its own way (a tab, a wide, combining or zero-width character).
    fn answer_lines() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    8 => Just("сыбайлас ".to_owned()),
                    8 => Just("жемқорлық".to_owned()),
                    4 => Just("тәуекелі әіңғүұқөһ ".to_owned()),
                    4 => Just("«нарушений» — нет, ".to_owned()),
                    2 => Just(" ".to_owned()),
                    2 => Just("x".repeat(45)),
                    1 => Just("\t".to_owned()),
                    1 => Just("表".to_owned()),
                    1 => Just("e\u{301}".to_owned()),
                    1 => Just("\u{200b}".to_owned()),
                    4 => "[a-zA-Z0-9.,;:()-]{1,12}",
                ],
                0..30,
            )
            .prop_map(|w| w.concat()),
            1..4,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// The input drawn on the rows its text can take draws what it draws on all of them, with
        /// the cursor and the scroll where they would be: words, long words, tabs, wide and
        /// zero-width characters, several lines, the cursor anywhere, typed on after a draw.
        #[test]
        fn the_input_drawn_on_its_rows_is_the_input_drawn_whole(
            lines in answer_lines(),
            width in 3u16..60,
            height in 1u16..40,
            up in 0usize..6,
            typed in "[a-zә ]{0,20}",
        ) {
            let make = || {
                let mut t = TextArea::from(lines.clone());
                t.set_wrap_mode(WrapMode::WordOrGlyph);
                t.move_cursor(CursorMove::Bottom);
                t.move_cursor(CursorMove::End);
                for _ in 0..up {
                    t.move_cursor(CursorMove::Up);
                }
                t
            };
            let (mut whole, mut part) = (make(), make());
            let full = Rect::new(1, 1, width, height);
            let mut bw = Buffer::empty(Rect::new(0, 0, width + 2, height + 2));
            let mut bp = bw.clone();
            for step in 0..2 {
                let rows = input_rows_at_most(&part, width, height);
                prop_assert!(rows <= height);
                (&whole).render(full, &mut bw);
                (&part).render(Rect { height: rows, ..full }, &mut bp);
                prop_assert_eq!(&bw, &bp, "step {}", step);
                prop_assert_eq!(whole.scroll_offset(), part.scroll_offset());
                prop_assert_eq!(whole.screen_cursor(), part.screen_cursor());
                for c in typed.chars() {
                    whole.insert_char(c);
                    part.insert_char(c);
                }
                bw.reset();
                bp.reset();
            }
        }
    }

    /// Draws `e`'s input in `rect` of `buf` as the editor does (`draw_input`). Whether it was the
    /// plain way.
    fn draw_as_the_editor(e: &Editor, buf: &mut Buffer, rect: Rect) -> bool {
        let plain = draw_plain_input(e, &mut buf.clone(), rect).is_some();
        // The rows it says are the ones the editor counted after the widget before.
        assert_eq!(draw_input(e, buf, rect), input_rows(&e.area));
        plain
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// The input drawn the plain way is the input the widget draws, cell for cell, with the cursor
        /// and the scroll where the widget has them: Kazakh, Russian and Latin words, spaces, marks,
        /// long words, several lines, and characters that take the widget's own way (a tab, a wide
        /// or combining one), the cursor anywhere, typed on and drawn again, at widths that wrap.
        #[test]
        fn the_input_drawn_plainly_is_the_input_the_widget_draws(
            lines in answer_lines(),
            width in 3u16..70,
            height in 1u16..40,
            up in 0usize..4,
            typed in proptest::collection::vec("[a-zәі ]{0,8}", 1..4),
        ) {
            let make = || {
                let mut e = Editor::default();
                e.set_text(&lines.join("\n"));
                for _ in 0..up {
                    e.area.move_cursor(CursorMove::Up);
                }
                e
            };
            let (mut widget, mut plain) = (make(), make());
            let full = Rect::new(1, 1, width, height);
            let mut bw = Buffer::empty(Rect::new(0, 0, width + 2, height + 2));
            let mut bp = bw.clone();
            for (step, t) in typed.iter().enumerate() {
                let rows = input_rows_at_most(&plain.area, width, height);
                let rect = Rect { height: rows, ..full };
                (&widget.area).render(rect, &mut bw);
                draw_as_the_editor(&plain, &mut bp, rect);
                prop_assert_eq!(&bw, &bp, "step {}", step);
                prop_assert_eq!(widget.area.scroll_offset(), plain.area.scroll_offset());
                prop_assert_eq!(widget.area.screen_cursor(), plain.area.screen_cursor());
                for c in t.chars() {
                    widget.area.insert_char(c);
                    plain.area.insert_char(c);
                }
                bw.reset();
                bp.reset();
            }
        }
    }

    /// A paragraph of Kazakh typed into at 50 columns: from the second frame on, drawn the plain
    /// way (the proptest above would pass with it never taken), and as the widget draws it.
    #[test]
    fn a_paragraph_is_drawn_the_plain_way() {
        let text = "Мемлекеттік көрсетілетін қызметті алушыдан құжаттарды қабылдау кезінде \
                    қызметкердің дискрециялық өкілеттігі анықталды, «мерзімдер» сақталмаған — 12 жағдай. "
            .repeat(3);
        let mut e = Editor::default();
        e.set_text(&text);
        let rect = Rect::new(0, 0, 50, 20);
        let mut plain = Buffer::empty(rect);
        assert!(
            !draw_as_the_editor(&e, &mut plain, rect),
            "first drawn by the widget"
        );
        for c in "әі ң".chars() {
            e.area.insert_char(c);
            let mut widget = Buffer::empty(rect);
            (&e.area).render(rect, &mut widget);
            plain.reset();
            assert!(draw_as_the_editor(&e, &mut plain, rect), "the plain way");
            assert_eq!(plain, widget);
        }
        // Taller than its place: scrolled to the cursor by the widget, and then drawn the plain way
        // from the row the widget shows first, as long as the cursor stays in view.
        let small = Rect::new(0, 0, 50, 5);
        let mut plain = Buffer::empty(small);
        assert!(!draw_as_the_editor(&e, &mut plain, small), "a new place");
        assert!(e.area.scroll_offset().0 > 0, "scrolled");
        for c in "ұқө".chars() {
            e.area.insert_char(c);
            let mut widget = Buffer::empty(small);
            (&e.area).render(small, &mut widget);
            plain.reset();
            assert!(
                draw_as_the_editor(&e, &mut plain, small),
                "the plain way, scrolled"
            );
            assert_eq!(plain, widget);
        }
        // With a tab in it: the widget's way.
        e.area.insert_char('\t');
        assert!(draw_plain_input(&e, &mut plain, rect).is_none());
    }
}
