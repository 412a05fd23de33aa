//! What the view and the overlays draw with: the styles, and the small shared pieces.

pub use crate::present::item_place as item_label;
use crate::tui::screen::Canvas;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Styles. Colour only ever repeats what a character already says, so monochrome loses nothing;
/// with `NO_COLOR` only bold, reverse and underline are used.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme::from_env_with(|v| std::env::var(v).ok())
    }

    /// `from_env` over any source of variables: colour unless `NO_COLOR` is set and not empty
    /// (no-color.org).
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Theme {
        Theme {
            color: get("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    pub fn bar(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn current(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }
}

/// The start of `text` that shows in `width` columns, cut where the panel would cut it anyway: a
/// narrow panel's lines are made of what shows, not of whole questions (most of a key's cost in the
/// outline was formatting, hashing and measuring text that was never on the screen).
pub fn clip(text: &str, width: usize) -> &str {
    use unicode_width::UnicodeWidthChar;
    let mut w = 0;
    for (i, c) in text.char_indices() {
        w += c.width().unwrap_or(0);
        if w > width {
            return &text[..i];
        }
    }
    text
}

/// `text` cut to `width` columns, with «…» where it was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    // Added up char by char, a width can fall short of the string's (an emoji made wide by a
    // variation selector): the string's own has the last word.
    while !out.is_empty() && out.width() + 1 > width {
        out.pop();
    }
    out.push('…');
    out
}

/// A box of `height` rows at the foot of the body: the item menu, or a question with its keys.
pub fn foot_box(f: &mut Canvas, body: Rect, height: u16, lines: Vec<Line>) {
    let r = Rect {
        x: body.x,
        y: body.bottom().saturating_sub(height),
        width: body.width,
        height: height.min(body.height),
    };
    f.cover(r);
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .block(Block::bordered()),
        r,
    );
}

/// Draw `lines` into `area` from its top exactly as a left-aligned `Paragraph` draws them, wrapped
/// (`wrap`) or cut. The paragraph's wrapping and cutting gather every line's characters into vectors
/// first, and were most of what drawing the outline and the summary cost; a line that fits or is
/// cut needs neither. The paragraph lays each line out on its own, so a line that wraps is left to
/// it alone, and the rows it wraps to are kept (`panel_cache::wrapped`): a problem's message stays
/// while the figures around it change with every digit. The area is blank where the lines go (as a
/// panel's is).
pub fn draw_lines(lines: &[Line], area: Rect, buf: &mut ratatui::buffer::Buffer, wrap: bool) {
    use ratatui::widgets::Widget;
    let mut y = area.top();
    for (i, line) in lines.iter().enumerate() {
        if y >= area.bottom() {
            return;
        }
        // The line is drawn as it is measured, cut as the paragraph cuts (its `LineTruncator`): a
        // character wider than the whole row is passed over, the first that does not fit ends
        // the line, one of no width takes no cell. A line that fits is so drawn whole; one that
        // is cut is done; one that wraps is drawn again over its rows. (The paragraph gathered
        // every line whole first: the outline's long lines, cut to 24 columns, were a third of
        // drawing the first frame; measuring and then drawing walked each line twice.)
        // A character of no width (a zero-width space pasted from Word) is left to the paragraph
        // too: its wrapping takes one at the end of a full row for a row of its own. `plain`: no
        // such character, nor a wide one, which the paragraph's wrapping may draw past the area's
        // edge («é中a» in two columns).
        let (mut width, mut plain, mut no_width) = (0, true, false);
        let (mut x, mut ended) = (area.x, false);
        for (g, style) in graphemes(line) {
            let w = crate::tui::shown::width(g, ratatui::buffer::CellDiffOption::None) as u16;
            width += usize::from(w);
            plain &= w == 1;
            no_width |= w == 0;
            if ended || w > area.width {
                continue;
            }
            if x - area.x + w > area.width {
                ended = true;
                continue;
            }
            if w > 0 {
                buf[(x, y)].set_symbol(g).set_style(style);
                x += w;
            }
        }
        let fits = !no_width && width <= area.width as usize;
        if fits || !wrap {
            y += 1;
            continue;
        }
        if !plain {
            // Blank again, as the paragraph found it.
            let at = buf.index_of(area.x, y);
            for c in &mut buf.content[at..at + area.width as usize] {
                c.reset();
            }
            let rest = Rect {
                y,
                height: area.bottom() - y,
                ..area
            };
            Paragraph::new(lines[i..].to_vec())
                .wrap(Wrap { trim: false })
                .render(rest, buf);
            return;
        }
        y += panel_cache::wrapped(line, area.width, area.bottom() - y, |rows, n| {
            for row in 0..n {
                let (from, to) = (rows.index_of(0, row), buf.index_of(area.x, y + row));
                let w = area.width as usize;
                buf.content[to..to + w].clone_from_slice(&rows.content[from..from + w]);
            }
        });
    }
}

/// A line's characters as ratatui draws them (`Line::styled_graphemes`), with their styles. Where
/// every character of a span is one that no rule of Unicode's grapheme clusters joins to its
/// neighbours (letters of the Latin and Cyrillic scripts with Kazakh's, digits, punctuation, dashes,
/// arrows, box lines, the marks the view uses), its clusters are its characters, found without the
/// segmenter, which takes a tenth of a microsecond a character.
fn graphemes<'a>(line: &'a Line<'a>) -> impl Iterator<Item = (&'a str, Style)> + 'a {
    use unicode_segmentation::UnicodeSegmentation;
    let base = Style::default().patch(line.style);
    line.spans.iter().flat_map(move |span| {
        let style = base.patch(span.style);
        let text: &'a str = span.content.as_ref();
        let (simple, complex) = if text.chars().all(alone) {
            (
                Some(
                    text.char_indices()
                        .map(move |(i, c)| &text[i..i + c.len_utf8()]),
                ),
                None,
            )
        } else {
            let g = text
                .graphemes(true)
                .filter(|g| !g.contains(char::is_control));
            (None, Some(g))
        };
        simple
            .into_iter()
            .flatten()
            .chain(complex.into_iter().flatten())
            .map(move |g| (g, style))
    })
}

/// A character that is a grapheme cluster of its own whatever stands beside it: Grapheme_Cluster_Break
/// Other, and no prepend, extend, spacing mark, joiner, control, regional indicator or Hangul.
fn alone(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7e
        | 0xa0..=0xac | 0xae..=0x2ff
        | 0x370..=0x482 | 0x48a..=0x52f
        | 0x2010..=0x2027 | 0x2030..=0x205e
        | 0x2070..=0x20cf
        | 0x2100..=0x23ff
        | 0x2500..=0x27bf)
}

/// Panels drawn once and copied while what they show stays the same. Most keys change one input
/// and a figure or two; laying the outline, the summary and the question's text out again for every
/// key (graphemes, widths, wrapping) was most of a frame's cost. Each panel's cells are kept with a
/// hash of everything that goes into drawing them — its area and the very lines it shows — so a
/// changed line is a changed key, never a stale cell (`tests/it/backend_differential.rs` draws key
/// sequences with and without the cache and compares every frame).
mod panel_cache {
    use crate::tui::screen::Canvas;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use ratatui::widgets::{Paragraph, Widget, Wrap};
    use std::cell::{Cell, RefCell};
    use std::hash::{BuildHasher, Hash};

    /// Versions kept of each panel.
    const KEPT: usize = 2;

    thread_local! {
        /// Each panel's kept versions: its name, the quick key and the key of the content it was
        /// made of, and its cells.
        static PANELS: RefCell<Vec<(&'static str, u64, u64, Buffer)>> = const { RefCell::new(Vec::new()) };
        /// The size of the screen the kept panels were drawn for.
        static SCREEN: Cell<Rect> = const { Cell::new(Rect::ZERO) };
        static COUNTS: RefCell<Vec<(u64, u16)>> = const { RefCell::new(Vec::new()) };
        /// The rows of the lines wrapped last, by the key of the line and the width: the rows
        /// drawn, how many the line took of them, and whether that is all of it.
        static WRAPPED: RefCell<Vec<(u64, Buffer, u16, bool)>> = const { RefCell::new(Vec::new()) };
        static ON: Cell<bool> = const { Cell::new(true) };
    }

    /// How many rows wrapped text takes (`count`), remembered by `key` (the text and the width):
    /// wrapping is as dear as drawing.
    pub fn rows_of(key: u64, count: impl FnOnce() -> u16) -> u16 {
        if !ON.with(Cell::get) {
            return count();
        }
        COUNTS.with(|c| {
            let mut c = c.borrow_mut();
            if let Some((_, n)) = c.iter().find(|(k, _)| *k == key) {
                return *n;
            }
            let n = count();
            if c.len() >= 8 {
                c.remove(0);
            }
            c.push((key, n));
            n
        })
    }

    /// `line` wrapped to `width` as a paragraph wraps it, the first `rows` of its rows handed to
    /// `copy` with how many there are, which is returned; the rows of the last few lines wrapped
    /// are kept by the line and the width.
    pub fn wrapped(line: &Line, width: u16, rows: u16, copy: impl FnOnce(&Buffer, u16)) -> u16 {
        // Drawn once, on a sheet of `rows` rows marked with a character no text has: the rows the
        // line took run to the last one it drew in (it draws every character it shows, blanks
        // included). Counting them by the paragraph's `line_count` first wrapped it twice.
        const MARK: &str = "\u{1}";
        let make = || {
            let mut sheet = Buffer::filled(
                Rect::new(0, 0, width, rows.max(1)),
                ratatui::buffer::Cell::new(MARK),
            );
            Paragraph::new(vec![line.clone()])
                .wrap(Wrap { trim: false })
                .render(sheet.area, &mut sheet);
            let w = usize::from(width);
            let taken = (0..sheet.area.height)
                .rev()
                .find(|&r| {
                    let at = usize::from(r) * w;
                    sheet.content[at..at + w].iter().any(|c| c.symbol() != MARK)
                })
                .map_or(1, |r| r + 1);
            for c in &mut sheet.content {
                if c.symbol() == MARK {
                    c.reset();
                }
            }
            // Whether the line may go on past the sheet; kept, the sheet keeps only the rows taken
            // (it is as tall as the area's rest: eight of those were 400 KiB at 120×40).
            let whole = taken < sheet.area.height;
            sheet.content.truncate(usize::from(taken) * w);
            sheet.content.shrink_to_fit();
            sheet.area.height = taken;
            (sheet, taken, whole)
        };
        if !ON.with(Cell::get) {
            let (sheet, taken, _) = make();
            copy(&sheet, taken);
            return taken;
        }
        let key = key_of((line, width));
        WRAPPED.with(|w| {
            let mut kept = w.borrow_mut();
            let fits = |(_, sheet, _, whole): &(u64, Buffer, u16, bool)| {
                *whole || sheet.area.height >= rows
            };
            match kept.iter().position(|e| e.0 == key) {
                Some(at) if fits(&kept[at]) => {
                    let entry = kept.remove(at);
                    kept.push(entry);
                }
                found => {
                    if let Some(at) = found {
                        kept.remove(at);
                    } else if kept.len() >= 8 {
                        kept.remove(0);
                    }
                    let (sheet, taken, whole) = make();
                    kept.push((key, sheet, taken, whole));
                }
            }
            let (_, sheet, taken, _) = kept.last().expect("just pushed");
            let taken = (*taken).min(rows);
            copy(sheet, taken);
            taken
        })
    }

    /// The keys of the wrapped lines kept (for the tests).
    #[cfg(test)]
    pub fn wrapped_kept() -> Vec<u64> {
        WRAPPED.with(|w| w.borrow().iter().map(|e| e.0).collect())
    }

    /// The places of the panels kept (for the tests).
    #[cfg(test)]
    pub fn kept_places() -> Vec<Rect> {
        PANELS.with(|p| p.borrow().iter().map(|e| e.3.area).collect())
    }

    /// Switch the cache off or on (what it holds is kept, neither read nor written while off): for
    /// the tests that hold it to drawing afresh.
    pub fn set_panel_cache(on: bool) {
        ON.with(|c| c.set(on));
    }

    /// The key of what a panel shows.
    pub fn key_of(what: impl Hash) -> u64 {
        // foldhash's quality hasher: a third of SipHash's cost on the keystroke path, and a key
        // is only ever compared with the keys of the same panel.
        foldhash::quality::FixedState::with_seed(0x5a0a_1a3a).hash_one(what)
    }

    /// Draw a panel into `area` with `draw`, or copy it from the last time it was drawn with the
    /// same `key` there, or, when the canvas still holds it as the last frame left it, nothing (and
    /// say so: true).
    pub fn cached(
        f: &mut Canvas,
        name: &'static str,
        area: Rect,
        key: u64,
        draw: impl FnOnce(&mut Buffer),
    ) -> bool {
        cached_around(f, (name, area, Rect::ZERO), key, draw)
    }

    /// `cached`, for a panel with `hole` in it where another panel is drawn next (the question,
    /// and its input): what a copy leaves there is the other panel's to draw.
    pub fn cached_around(
        f: &mut Canvas,
        (name, area, hole): (&'static str, Rect, Rect),
        key: u64,
        draw: impl FnOnce(&mut Buffer),
    ) -> bool {
        cached_in(f, (name, area, hole), key, || (key, ()), |(), b| draw(b))
    }

    /// `cached`, for a panel whose content is dear to make: `quick` is the key of what it is made
    /// of (versions, places), and only when that changed is the content made (`make`: its key, and
    /// what `draw` draws). A content made before (a digit typed, then taken back) is copied.
    pub fn cached_made<T>(
        f: &mut Canvas,
        name: &'static str,
        area: Rect,
        quick: u64,
        make: impl FnOnce() -> (u64, T),
        draw: impl FnOnce(T, &mut Buffer),
    ) -> bool {
        cached_in(f, (name, area, Rect::ZERO), quick, make, draw)
    }

    fn cached_in<T>(
        f: &mut Canvas,
        (name, area, hole): (&'static str, Rect, Rect),
        quick: u64,
        make: impl FnOnce() -> (u64, T),
        draw: impl FnOnce(T, &mut Buffer),
    ) -> bool {
        let area = area.intersection(f.area());
        if !ON.with(Cell::get) || area.is_empty() {
            draw(make().1, f.buffer_mut());
            return false;
        }
        let quick = key_of((quick, area));
        let panel = (name, quick, area);
        if f.holds(&panel) {
            f.keep(panel);
            return true;
        }
        // A kept version that `picks` picks (by the quick key, or by the content's), copied into
        // place; the most recent last, so that a key and its undoing (a digit, Backspace) both stay.
        let copy_kept = |picks: &dyn Fn(u64, u64) -> bool, f: &mut Canvas| {
            PANELS.with(|p| {
                let mut panels = p.borrow_mut();
                let at = panels
                    .iter()
                    .position(|(n, q, k, own)| *n == name && picks(*q, *k) && own.area == area);
                at.inspect(|&i| {
                    f.copy_in(panel, &panels[i].3, hole);
                    let mut entry = panels.remove(i);
                    entry.1 = quick;
                    panels.push(entry);
                })
                .is_some()
            })
        };
        // Made of the same as a kept version (a frame drawn from blank: after an overlay, a resize
        // back): copied without making it again.
        if copy_kept(&|q, _| q == quick, f) {
            return false;
        }
        let (content, made) = make();
        let key = key_of((content, area));
        if copy_kept(&|_, k| k == key, f) {
            return false;
        }
        // The panels of a screen of another size are of no use at this one (its layout is
        // another): let them go before this one's are made, so that a resize does not hold both
        // sizes' panels at once (a fifth of the peak memory of a session with one).
        if SCREEN.with(Cell::get) != f.area() {
            SCREEN.with(|s| s.set(f.area()));
            PANELS.with(|p| p.borrow_mut().clear());
        }
        f.drew(panel);
        // What an earlier frame left here goes first: drawing does not touch every cell.
        f.redraw(area);
        let buf = f.buffer_mut();
        // Drawn in place, then kept, in the place of this panel's older version (two are kept).
        draw(made, buf);
        PANELS.with(|p| {
            let mut panels = p.borrow_mut();
            let mine: Vec<usize> = (0..panels.len()).filter(|i| panels[*i].0 == name).collect();
            let mut own = if mine.len() >= KEPT {
                panels.remove(mine[0]).3
            } else {
                Buffer::empty(area)
            };
            if own.area != area {
                own = Buffer::empty(area);
            }
            copy(buf, &mut own, area);
            panels.push((name, quick, key, own));
        });
        false
    }

    fn copy(from: &Buffer, to: &mut Buffer, area: Rect) {
        let w = area.width as usize;
        for y in area.top()..area.bottom() {
            let (a, b) = (from.index_of(area.x, y), to.index_of(area.x, y));
            to.content[b..b + w].clone_from_slice(&from.content[a..a + w]);
        }
    }
}

pub use panel_cache::{cached, cached_around, cached_made, key_of, rows_of, set_panel_cache};

#[cfg(test)]
mod tests {
    use super::fit;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

    /// After a resize the panels of the old size are let go as the new size's are drawn: a session
    /// with a resize held both at once.
    #[test]
    fn a_resized_screen_keeps_no_panels_of_the_old_size() {
        use super::panel_cache::{cached, kept_places};
        use crate::tui::screen::Canvas;
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        let draw = |w: u16, h: u16, key: u64| {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            let mut c = Canvas::fresh(&mut buf);
            for (name, row) in [("one", 0), ("two", 1)] {
                let area = Rect::new(0, row, w, 1);
                cached(&mut c, name, area, key, |b| {
                    b[(0, row)].set_symbol("x");
                });
            }
        };
        draw(80, 24, 1);
        draw(80, 24, 2);
        assert_eq!(kept_places().len(), 4, "two versions of each panel");
        draw(120, 40, 1);
        let places = kept_places();
        assert_eq!(places.len(), 2, "{places:?}");
        assert!(places.iter().all(|r| r.width == 120), "{places:?}");
    }

    /// Every character taken for a cluster of its own is one to the segmenter, beside any other of
    /// them.
    #[test]
    fn characters_taken_alone_are_clusters_of_their_own() {
        use unicode_segmentation::UnicodeSegmentation;
        let all: Vec<char> = (0..0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| super::alone(*c))
            .collect();
        let around = [
            'a', 'ә', '─', '✓', '\u{301}', '\u{200d}', '\u{fe0f}', '\u{a0}',
        ];
        for &c in &all {
            for n in around.iter().filter(|n| super::alone(**n)) {
                let text = format!("{n}{c}{n}");
                assert_eq!(text.graphemes(true).count(), 3, "U+{:04X}", c as u32);
            }
            assert!(!c.is_control(), "U+{:04X}", c as u32);
        }
        assert!(all.len() > 2500);
    }

    /// A line that wraps is wrapped once while it stays the same: drawn again (the figures
    /// around it changed), its rows are copied; a line that fits is not kept.
    #[test]
    fn a_wrapped_line_is_wrapped_once() {
        use super::panel_cache::wrapped_kept;
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::text::Line;
        let message = Line::raw("✗ 1.1.К1: Қызметтер саны (937) арналар қосындысына (93) тең емес");
        let area = Rect::new(0, 0, 20, 6);
        let mut first = Buffer::empty(area);
        super::draw_lines(
            &[Line::raw("Прогресс 1/2"), message.clone()],
            area,
            &mut first,
            true,
        );
        let kept = wrapped_kept();
        assert_eq!(kept.len(), 1);
        let mut second = Buffer::empty(area);
        super::draw_lines(
            &[Line::raw("Прогресс 2/2"), message],
            area,
            &mut second,
            true,
        );
        assert_eq!(wrapped_kept(), kept, "wrapped again");
        assert_eq!(first.content[20..], second.content[20..]);
        // Drawn first where one row was left, the line is wrapped again where more are: what
        // was kept was cut short.
        let short = Rect::new(0, 0, 20, 2);
        let mut cut = Buffer::empty(short);
        super::draw_lines(&[Line::raw("x"), message2()], short, &mut cut, true);
        let mut whole = Buffer::empty(area);
        super::draw_lines(&[message2()], area, &mut whole, true);
        let mut want = Buffer::empty(area);
        use ratatui::widgets::{Paragraph, Widget, Wrap};
        Paragraph::new(vec![message2()])
            .wrap(Wrap { trim: false })
            .render(area, &mut want);
        assert_eq!(whole, want);
        assert_eq!(cut.content[20..], want.content[..20]);
    }

    fn message2() -> ratatui::text::Line<'static> {
        ratatui::text::Line::raw("! 4.К2: Іс жүзіндегі саны (32) штат бойынша санынан (30) көп")
    }

    proptest! {
        /// Cut or not, a text fits its width (but for the «…» a zero width cannot hold), and what
        /// is kept is the beginning of the text.
        #[test]
        fn a_fitted_text_fits(
            parts in prop::collection::vec(prop::sample::select(vec![
                "a", "ә", "Ұ", " ", "─", "中", "😀", "❤\u{fe0f}", "e\u{301}", "«", "…",
            ]), 0..40),
            width in 0usize..30,
        ) {
            let text: String = parts.concat();
            let got = fit(&text, width);
            prop_assert!(got.width() <= width.max(1), "{got:?} in {width}");
            let kept = got.strip_suffix('…').filter(|_| got != text).unwrap_or(&got);
            prop_assert!(text.starts_with(kept));
        }

        /// Lines are drawn cell for cell as a paragraph draws them, wrapped or cut, those that fit
        /// and those that do not.
        #[test]
        fn lines_are_drawn_as_a_paragraph_draws_them(
            lines in prop::collection::vec(prop::collection::vec((prop::sample::select(vec![
                "a", "ә", "Ұ", " ", "─", "中", "😀", "❤\u{fe0f}", "e\u{301}", "«", "…", "\t", "\u{200b}",
            ]), 0u8..4), 0..12), 0..8),
            width in 1u16..20,
            height in 1u16..6,
        ) {
            use ratatui::buffer::Buffer;
            use ratatui::style::{Color, Style};
            use ratatui::text::{Line, Span};
            use ratatui::widgets::{Paragraph, Widget, Wrap};
            let styles = [Style::new(), Style::new().fg(Color::Red), Style::new().bg(Color::Blue), Style::new().reversed()];
            let lines: Vec<Line> = lines
                .iter()
                .enumerate()
                .map(|(i, spans)| {
                    Line::from(spans.iter().map(|(t, st)| Span::styled(*t, styles[*st as usize])).collect::<Vec<_>>())
                        .style(styles[i % 4])
                })
                .collect();
            let area = ratatui::layout::Rect::new(1, 1, width, height);
            for wrap in [false, true] {
                let mut fast = Buffer::empty(ratatui::layout::Rect::new(0, 0, width + 2, height + 2));
                super::draw_lines(&lines, area, &mut fast, wrap);
                let mut slow = Buffer::empty(fast.area);
                let p = Paragraph::new(lines.clone());
                let p = if wrap { p.wrap(Wrap { trim: false }) } else { p };
                p.render(area, &mut slow);
                prop_assert_eq!(&fast, &slow, "wrap {}", wrap);
            }
        }
    }
}
