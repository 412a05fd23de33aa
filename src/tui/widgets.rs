//! What the view and the overlays draw with: the styles, and the small shared pieces.

pub use crate::present::item_place as item_label;
use crate::tui::screen::{Canvas, blank};
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
    // Most texts are of characters one column wide each (Kazakh, Russian, English): their width is
    // their count (unicode-width's measure of a string walks its state machine a character at a
    // time: the figure labels, fitted at every digit, were a fifth of the summary's lines).
    if text.chars().all(one_column) {
        return match text.char_indices().nth(width) {
            None => text.to_owned(),
            Some(_) => {
                let cut = text
                    .char_indices()
                    .nth(width.saturating_sub(1))
                    .map_or(text.len(), |(i, _)| i);
                format!("{}…", &text[..cut])
            }
        };
    }
    fit_measured(text, width)
}

/// `fit`, measuring the text as unicode-width measures it.
fn fit_measured(text: &str, width: usize) -> String {
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

/// `Block::bordered().title(title)` drawn as its `render` draws it, but for styling every cell of
/// the area with the block's style: the default style, which changes no cell, and was half of what
/// drawing a panel's block cost (a cell at a time, the whole panel).
pub fn frame(area: Rect, title: &str, buf: &mut ratatui::buffer::Buffer) {
    use ratatui::widgets::Widget;
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let set = ratatui::symbols::border::PLAIN;
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    // In the block's order (its sides, then its corners), which decides a cell two of them share
    // in a block one or two cells wide or high.
    for y in top..=bottom {
        buf[(left, y)].set_symbol(set.vertical_left);
    }
    for x in left..=right {
        buf[(x, top)].set_symbol(set.horizontal_top);
    }
    for y in top..=bottom {
        buf[(right, y)].set_symbol(set.vertical_right);
    }
    for x in left..=right {
        buf[(x, bottom)].set_symbol(set.horizontal_bottom);
    }
    buf[(right, bottom)].set_symbol(set.bottom_right);
    buf[(right, top)].set_symbol(set.top_right);
    buf[(left, bottom)].set_symbol(set.bottom_left);
    buf[(left, top)].set_symbol(set.top_left);
    let room = Rect {
        x: left.saturating_add(1),
        y: top,
        width: area.width.saturating_sub(2),
        height: 1,
    };
    if !room.is_empty() {
        let title = Line::from(title);
        let width = title.width().min(usize::from(u16::MAX)) as u16;
        title.render(
            Rect {
                width: width.min(room.width),
                ..room
            },
            buf,
        );
    }
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
/// cut needs neither. The paragraph lays each line out on its own, so a line that wraps is wrapped
/// here too (`wrap_plain`) when each of its characters takes one column, and left to the paragraph
/// with the lines after it otherwise. The area is blank where the lines go (as a panel's is).
pub fn draw_lines(lines: &[Line], area: Rect, buf: &mut ratatui::buffer::Buffer, wrap: bool) {
    draw_lines_noting(lines, area, buf, wrap, None);
}

/// `draw_lines`, noting in `starts` the row each line drawn begins on, and after them the row
/// under the last (for `redraw_lines`). False when the rest was left to the paragraph (a wrapped
/// line with wide characters): where its lines begin is not known.
fn draw_lines_noting(
    lines: &[Line],
    area: Rect,
    buf: &mut ratatui::buffer::Buffer,
    wrap: bool,
    mut starts: Option<&mut Vec<u16>>,
) -> bool {
    use ratatui::widgets::Widget;
    let mut y = area.top();
    // A wrapped line's characters, gathered as it is drawn (room kept from line to line).
    let mut gs: Vec<(&str, Style)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if y >= area.bottom() {
            break;
        }
        if let Some(s) = starts.as_deref_mut() {
            s.push(y);
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
        gs.clear();
        each_grapheme(line, |g, style| {
            let w = crate::tui::shown::width(g, ratatui::buffer::CellDiffOption::None) as u16;
            width += usize::from(w);
            plain &= w == 1;
            no_width |= w == 0;
            if wrap {
                gs.push((g, style));
            }
            if w > area.width {
                return true;
            }
            if ended {
                // Cut, and not to be wrapped: the rest is not looked at.
                return wrap;
            }
            if x - area.x + w > area.width {
                ended = true;
                return wrap;
            }
            if w > 0 {
                buf[(x, y)].set_symbol(g).set_style(style);
                x += w;
            }
            true
        });
        let fits = !no_width && width <= area.width as usize;
        if fits || !wrap {
            y += 1;
            continue;
        }
        if !plain {
            // Blank again, as the paragraph found it.
            blank(
                buf,
                Rect {
                    y,
                    height: 1,
                    ..area
                },
            );
            let rest = Rect {
                y,
                height: area.bottom() - y,
                ..area
            };
            Paragraph::new(lines[i..].to_vec())
                .wrap(Wrap { trim: false })
                .render(rest, buf);
            return false;
        }
        // One column to a character: wrapped here as the paragraph wraps, straight into the
        // rows (the paragraph gathered the line into vectors of clusters first, and drawing the
        // summary's wrapped problems through it was a quarter of a frame drawn whole).
        blank(
            buf,
            Rect {
                y,
                height: 1,
                ..area
            },
        );
        let rows = area.bottom() - y;
        let mut taken = 0;
        wrap_plain(&gs, area.width, |row| {
            if taken < rows {
                for (x, &i) in row.iter().enumerate() {
                    let (g, style) = gs[i];
                    buf[(area.x + x as u16, y + taken)]
                        .set_symbol(g)
                        .set_style(style);
                }
            }
            taken += 1;
        });
        y += taken.min(rows);
    }
    if let Some(s) = starts {
        s.push(y);
    }
    true
}

/// The rows `lines` take wrapped to `width`, as a paragraph counts them (`line_count`): each line
/// counted on its own, as the paragraph wraps it, without it where it is one row or of one-column
/// characters.
pub fn wrapped_rows(lines: &[Line], width: u16) -> usize {
    if width == 0 {
        return 0;
    }
    let mut gs: Vec<(&str, Style)> = Vec::new();
    lines
        .iter()
        .map(|line| {
            if one_row(line, width) {
                return 1;
            }
            gs.clear();
            let mut plain = true;
            each_grapheme(line, |g, style| {
                plain &= crate::tui::shown::width(g, ratatui::buffer::CellDiffOption::None) == 1;
                gs.push((g, style));
                true
            });
            if plain {
                let mut rows = 0;
                wrap_plain(&gs, width, |_| rows += 1);
                rows
            } else {
                Paragraph::new(vec![line.clone()])
                    .wrap(Wrap { trim: false })
                    .line_count(width)
            }
        })
        .sum()
}

/// A bar: `text` on a row in `style` from edge to edge, as a paragraph of that style draws it.
pub fn bar(text: &str, style: Style, area: Rect, buf: &mut ratatui::buffer::Buffer) {
    buf.set_style(area, style);
    draw_lines(&Text::from(text).lines, area, buf, false);
}

/// Whether `line` takes one row of `width` columns in `draw_lines`: it is measured as it is drawn
/// there, with nothing drawn.
pub fn one_row(line: &Line, width: u16) -> bool {
    // Most lines are of characters one column wide each, each a cluster of its own: their width
    // is their count (split into clusters, the summary's lines were a sixth of a digit typed).
    if line.spans.iter().all(|s| s.content.chars().all(one_column)) {
        let count: usize = line.spans.iter().map(|s| s.content.chars().count()).sum();
        return count <= usize::from(width);
    }
    let mut used = 0usize;
    let mut fits = true;
    each_grapheme(line, |g, _| {
        let w = crate::tui::shown::width(g, ratatui::buffer::CellDiffOption::None);
        used += w;
        fits = w > 0 && used <= usize::from(width);
        fits
    });
    fits
}

/// `lines` drawn over what `draw_lines_noting` drew of `prev` (its lines, and where they began)
/// in `area` of `buf`, leaving `buf` as drawing `lines` afresh would: a line that is the same at
/// the same row is left, one of a row that stays one row is drawn again alone, and from the first
/// other change on the rest is drawn again. Most digits change a figure or two and a message:
/// drawn whole, the summary was a fifth of a digit. `starts` and the result as for
/// `draw_lines_noting`; `changed`, the rows drawn again (none: empty).
fn redraw_lines(
    (prev, prev_starts): (&[Line], &[u16]),
    lines: &[Line],
    area: Rect,
    buf: &mut ratatui::buffer::Buffer,
    wrap: bool,
    (starts, changed): (&mut Vec<u16>, &mut std::ops::Range<u16>),
) -> bool {
    *changed = area.bottom()..area.top();
    // Rows blanked to be drawn again: what changed.
    let mut clear_rows = |buf: &mut ratatui::buffer::Buffer, from: u16, to: u16| {
        let to = to.min(area.bottom());
        if from < to {
            *changed = changed.start.min(from)..changed.end.max(to);
        }
        blank(
            buf,
            Rect {
                y: from,
                height: to.saturating_sub(from),
                ..area
            },
        );
    };
    starts.clear();
    let mut y = area.top();
    for (i, line) in lines.iter().enumerate() {
        if y >= area.bottom() {
            break;
        }
        let old = prev
            .get(i)
            .zip(prev_starts.get(i))
            .zip(prev_starts.get(i + 1))
            .filter(|((_, at), _)| **at == y);
        match old {
            Some(((was, _), end)) if was == line => {
                starts.push(y);
                y = *end;
            }
            Some((_, end)) if *end == y + 1 && (!wrap || one_row(line, area.width)) => {
                clear_rows(buf, y, y + 1);
                let row = Rect {
                    y,
                    height: 1,
                    ..area
                };
                draw_lines_noting(std::slice::from_ref(line), row, buf, wrap, None);
                starts.push(y);
                y += 1;
            }
            _ => {
                clear_rows(buf, y, area.bottom());
                let rest = Rect {
                    y,
                    height: area.bottom() - y,
                    ..area
                };
                return draw_lines_noting(&lines[i..], rest, buf, wrap, Some(starts));
            }
        }
    }
    // What the old lines took under the new ones.
    clear_rows(buf, y, prev_starts.last().copied().unwrap_or(y));
    starts.push(y);
    true
}

/// ratatui's `WordWrapper` without trimming (`Wrap { trim: false }`), step for step, for a line
/// whose every cluster is one column wide: each row it breaks `clusters` into, as the clusters'
/// places in it, handed to `row` in order. Blanks that end a row are dropped, as the paragraph
/// drops them; those past them begin the next row.
fn wrap_plain(clusters: &[(&str, Style)], width: u16, mut row: impl FnMut(&[usize])) {
    use std::collections::VecDeque;
    let max = usize::from(width);
    if max == 0 {
        return;
    }
    // The paragraph's own test: a no-break space is no blank to break at.
    let blank = |g: &str| g.chars().all(char::is_whitespace) && g != "\u{a0}";
    let (mut line, mut word, mut space) = (Vec::new(), Vec::new(), VecDeque::new());
    let (mut line_width, mut word_width, mut space_width) = (0, 0, 0);
    let mut after_word = false;
    let mut rows = 0;
    for (i, (g, _)) in clusters.iter().enumerate() {
        let is_blank = blank(g);
        let word_found = after_word && is_blank;
        let overflow = line.is_empty() && word_width + space_width + 1 > max;
        if word_found || overflow {
            line.extend(space.drain(..));
            line_width += space_width;
            line.append(&mut word);
            line_width += word_width;
            space_width = 0;
            word_width = 0;
        }
        if line_width >= max || line_width + space_width + word_width >= max {
            let mut remaining = max.saturating_sub(line_width);
            row(&line);
            rows += 1;
            line.clear();
            line_width = 0;
            while !space.is_empty() && remaining >= 1 {
                space.pop_front();
                space_width -= 1;
                remaining -= 1;
            }
            if is_blank && space.is_empty() {
                continue;
            }
        }
        if is_blank {
            space_width += 1;
            space.push_back(i);
        } else {
            word_width += 1;
            word.push(i);
        }
        after_word = !is_blank;
    }
    line.extend(space.drain(..));
    line.append(&mut word);
    if !line.is_empty() || rows == 0 {
        row(&line);
    }
}

/// A line's characters as ratatui draws them (`Line::styled_graphemes`), with their styles, handed
/// to `each` until it says stop (false). Where every character of a span is one that no rule of
/// Unicode's grapheme clusters joins to its neighbours (letters of the Latin and Cyrillic scripts
/// with Kazakh's, digits, punctuation, dashes, arrows, box lines, the marks the view uses), its
/// clusters are its characters, found without the segmenter, which takes a tenth of a microsecond
/// a character. (Written as loops: as a chain of iterators it was a third of drawing the summary.)
fn each_grapheme<'a>(line: &'a Line<'a>, mut each: impl FnMut(&'a str, Style) -> bool) {
    use unicode_segmentation::UnicodeSegmentation;
    let base = Style::default().patch(line.style);
    for span in &line.spans {
        let style = base.patch(span.style);
        let text: &'a str = span.content.as_ref();
        if text.chars().all(alone) {
            for (i, c) in text.char_indices() {
                if !each(&text[i..i + c.len_utf8()], style) {
                    return;
                }
            }
        } else {
            for g in text.graphemes(true) {
                if !g.contains(char::is_control) && !each(g, style) {
                    return;
                }
            }
        }
    }
}

/// A character drawn in one column as a cluster of its own, whatever stands beside it.
#[inline]
pub fn one_column(c: char) -> bool {
    // What the screen knows without a table (printable ASCII, Cyrillic with Kazakh's letters…)
    // first: most of every text.
    matches!(c, ' '..='~')
        || crate::tui::shown::one_column_beyond_ascii(c)
        || (alone(c) && unicode_width::UnicodeWidthChar::width(c) == Some(1))
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
    use std::cell::{Cell, RefCell};
    use std::hash::{BuildHasher, Hash};

    /// Versions kept of each panel.
    const KEPT: usize = 2;

    struct LinesKept {
        name: &'static str,
        quick: u64,
        title: String,
        lines: Vec<Line<'static>>,
        starts: Option<Vec<u16>>,
        cells: Buffer,
    }

    thread_local! {
        /// Each panel's kept versions: its name, the quick key and the key of the content it was
        /// made of, and its cells.
        static PANELS: RefCell<Vec<(&'static str, u64, u64, Buffer)>> = const { RefCell::new(Vec::new()) };
        /// The size of the screen the kept panels were drawn for.
        static SCREEN: Cell<Rect> = const { Cell::new(Rect::ZERO) };
        /// The panels kept line by line (`cached_lines`): the name, the quick key, the title,
        /// the lines and the rows they begin on (none when not known), and the cells.
        static LINES: RefCell<Vec<LinesKept>> = const { RefCell::new(Vec::new()) };
        static COUNTS: RefCell<Vec<(u64, u16)>> = const { RefCell::new(Vec::new()) };
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
            // The question's text and the summary's long problems (a few tens at 200×60).
            if c.len() >= 48 {
                c.remove(0);
            }
            c.push((key, n));
            n
        })
    }

    /// The panels of a screen of another size are of no use at this one (its layout is another):
    /// let them go before this one's are made, so that a resize does not hold both sizes' panels
    /// at once (a fifth of the peak memory of a session with one).
    fn new_screen(area: Rect) {
        if SCREEN.with(Cell::get) != area {
            SCREEN.with(|s| s.set(area));
            PANELS.with(|p| p.borrow_mut().clear());
            LINES.with(|l| l.borrow_mut().clear());
        }
    }

    /// A framed panel of lines (`frame` with `title`, the lines drawn inside as `draw_lines`
    /// draws them, wrapped or not), kept while `quick` stays the same as `cached` keeps a panel;
    /// when it changed, the lines (`make`) are drawn over the panel's last cells, only where they
    /// changed (`redraw_lines`), and what changed is all that is compared with the screen. A digit
    /// changes a figure or two and a message of the summary.
    pub fn cached_lines(
        f: &mut Canvas,
        (name, area, title): (&'static str, Rect, &str),
        quick: u64,
        wrap: bool,
        make: impl FnOnce() -> Vec<Line<'static>>,
    ) -> bool {
        let area = area.intersection(f.area());
        let inner = ratatui::widgets::Block::bordered().inner(area);
        if !ON.with(Cell::get) || area.is_empty() {
            super::frame(area, title, f.buffer_mut());
            super::draw_lines(&make(), inner, f.buffer_mut(), wrap);
            return false;
        }
        let quick = key_of((quick, area, title));
        let panel = (name, quick, area);
        if f.holds(&panel) {
            f.keep(panel);
            return true;
        }
        new_screen(f.area());
        LINES.with(|l| {
            let mut all = l.borrow_mut();
            // This panel's versions (two, the newer last), of this place and title.
            let mut mine: Vec<LinesKept> = all.extract_if(.., |k| k.name == name).collect();
            mine.retain(|k| k.cells.area == area && k.title == title);
            // A version made of the same, or showing the same (a digit and its undoing, a jump
            // there and back): copied whole, as the last frame showed another.
            let same = match mine.iter().position(|k| k.quick == quick) {
                Some(i) => Some(i),
                None => {
                    let lines = make();
                    match mine.iter().position(|k| k.lines == lines) {
                        Some(i) => Some(i),
                        None => {
                            let fresh = draw_over(
                                &mut mine,
                                (name, area, title),
                                quick,
                                lines,
                                (inner, wrap),
                            );
                            let new = mine.last().expect("just drawn");
                            match fresh {
                                Some((was, rows)) => {
                                    f.copy_changed_rows(panel, &new.cells, was, rows)
                                }
                                None => f.copy_in(panel, &new.cells, Rect::ZERO),
                            }
                            None
                        }
                    }
                }
            };
            if let Some(i) = same {
                let mut k = mine.remove(i);
                k.quick = quick;
                f.copy_in(panel, &k.cells, Rect::ZERO);
                mine.push(k);
            }
            all.extend(mine);
        });
        false
    }

    /// `lines` drawn as the newest of `mine` (at most two kept): over a copy of the newest version
    /// there was, only where they differ, in the room of the older (and then the panel that
    /// version was and the rows drawn again: `Some`), or afresh.
    fn draw_over(
        mine: &mut Vec<LinesKept>,
        (name, area, title): (&'static str, Rect, &str),
        quick: u64,
        lines: Vec<Line<'static>>,
        (inner, wrap): (Rect, bool),
    ) -> Option<(super::super::screen::Panel, std::ops::Range<u16>)> {
        let base = mine.last().is_some_and(|k| k.starts.is_some());
        // The older version's room, taken over (one panel's cells more at a time, not two: made
        // afresh beside it, they were the session's peak of memory).
        let older = (mine.len() >= KEPT).then(|| mine.remove(0).cells);
        let mut starts = Vec::new();
        let (known, fresh, cells) = match mine.last().filter(|_| base) {
            Some(k) => {
                let mut cells = match older {
                    Some(mut cells) => {
                        cells.area = area;
                        cells.content.clone_from(&k.cells.content);
                        cells
                    }
                    None => k.cells.clone(),
                };
                let mut rows = 0..0;
                let prev = (&k.lines[..], k.starts.as_deref().unwrap_or_default());
                let known = super::redraw_lines(
                    prev,
                    &lines,
                    inner,
                    &mut cells,
                    wrap,
                    (&mut starts, &mut rows),
                );
                (known, Some(((name, k.quick, area), rows)), cells)
            }
            None => {
                let mut cells = match older {
                    Some(mut cells) => {
                        cells.resize(area);
                        cells.reset();
                        cells
                    }
                    None => Buffer::empty(area),
                };
                super::frame(area, title, &mut cells);
                let known =
                    super::draw_lines_noting(&lines, inner, &mut cells, wrap, Some(&mut starts));
                (known, None, cells)
            }
        };
        mine.push(LinesKept {
            name,
            quick,
            title: title.to_owned(),
            lines,
            starts: known.then_some(starts),
            cells,
        });
        fresh
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
        new_screen(f.area());
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
                // Its room taken over: a second buffer beside it was a peak of memory.
                own.resize(area);
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

pub use panel_cache::{
    cached, cached_around, cached_lines, cached_made, key_of, rows_of, set_panel_cache,
};

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

    /// The ranges `one_column` takes without a lookup are characters alone and one column wide.
    #[test]
    fn one_column_at_a_glance_is_one_column_looked_up() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(
                super::one_column(c),
                super::alone(c) && unicode_width::UnicodeWidthChar::width(c) == Some(1),
                "U+{:04X}",
                c as u32
            );
        }
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

        /// Texts of one-column characters are fitted as they are measured and fitted otherwise.
        #[test]
        fn a_plain_text_is_fitted_as_any(
            parts in prop::collection::vec(prop::sample::select(vec![
                "a", "ә", "Ұ", " ", "─", "«", "…", "1", "№", "\u{a0}",
            ]), 0..30),
            width in 0usize..32,
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(fit(&text, width), super::fit_measured(&text, width));
        }

        /// Lines wrapped are counted as the paragraph counts them; a bar is drawn as a paragraph
        /// of its style draws it.
        #[test]
        fn rows_and_bars_are_the_paragraphs(
            lines in prop::collection::vec(prop::collection::vec(prop::sample::select(vec![
                "a", "ә", " ", "  ", "─", "中", "e\u{301}", "\u{200b}", "қазақ ", "\u{a0}",
            ]), 0..16), 0..6),
            width in 0u16..20,
        ) {
            use ratatui::buffer::Buffer;
            use ratatui::style::{Color, Style};
            use ratatui::text::Line;
            use ratatui::widgets::{Paragraph, Widget, Wrap};
            let lines: Vec<Line> = lines.iter().map(|p| Line::raw(p.concat())).collect();
            let want = Paragraph::new(lines.clone()).wrap(Wrap { trim: false }).line_count(width);
            prop_assert_eq!(super::wrapped_rows(&lines, width), want);
            let text: String = lines.iter().map(|l| l.to_string()).collect::<Vec<_>>().join("\n");
            let area = ratatui::layout::Rect::new(1, 1, width, 2);
            let style = Style::new().bg(Color::Blue).fg(Color::White);
            let mut fast = Buffer::empty(ratatui::layout::Rect::new(0, 0, width + 2, 4));
            super::bar(&text, style, area, &mut fast);
            let mut slow = Buffer::empty(fast.area);
            Paragraph::new(text.as_str()).style(style).render(area, &mut slow);
            prop_assert_eq!(fast, slow);
        }

        /// A panel's frame is drawn as the block draws it, at every size, with any title.
        #[test]
        fn a_frame_is_drawn_as_the_block_draws_it(
            title in prop::collection::vec(prop::sample::select(vec![
                "a", "Ұ", " ", "中", "😀", "e\u{301}", "…", "Жиынтық",
            ]), 0..8),
            (x, y, width, height) in (0u16..3, 0u16..3, 0u16..14, 0u16..6),
        ) {
            use ratatui::buffer::Buffer;
            use ratatui::layout::Rect;
            use ratatui::widgets::{Block, Widget};
            let title: String = title.concat();
            let area = Rect::new(x, y, width, height);
            let mut fast = Buffer::empty(Rect::new(1, 1, 12, 6));
            super::frame(area, &title, &mut fast);
            let mut slow = Buffer::empty(fast.area);
            Block::bordered().title(title.as_str()).render(area, &mut slow);
            prop_assert_eq!(fast, slow);
        }

        /// Lines drawn over the lines drawn before leave the cells, and the rows noted, that
        /// drawing them afresh does: the same lines, lines changed, lines more or fewer, rows
        /// more or fewer, cut or wrapped, with wide characters (left to the paragraph).
        #[test]
        fn lines_drawn_over_lines_are_lines_drawn_afresh(
            before in prop::collection::vec(prop::collection::vec(prop::sample::select(vec![
                "a", "ә", " ", "─", "1", "2", "қазақ ",
            ]), 0..14), 0..9),
            changes in prop::collection::vec((0usize..9, prop::collection::vec(prop::sample::select(vec![
                "a", "ә", " ", "7", "қазақ ", "中",
            ]), 0..14)), 0..4),
            grow in 0usize..3,
            width in 1u16..16,
            height in 1u16..10,
            wrap in any::<bool>(),
        ) {
            use ratatui::buffer::Buffer;
            use ratatui::layout::Rect;
            use ratatui::text::Line;
            let to_lines = |v: &Vec<Vec<&str>>| -> Vec<Line<'static>> {
                v.iter().map(|parts| Line::raw(parts.concat())).collect()
            };
            let mut after = before.clone();
            for (at, parts) in &changes {
                if after.is_empty() { break; }
                let at = at % after.len();
                after[at] = parts.clone();
            }
            for _ in 0..grow { after.push(vec!["ә"; 3]); }
            if grow == 2 { after.truncate(after.len().saturating_sub(4)); }
            let (before, after) = (to_lines(&before), to_lines(&after));
            let area = Rect::new(1, 1, width, height);
            let fresh = |lines: &[Line]| {
                let mut b = Buffer::empty(Rect::new(0, 0, width + 2, height + 2));
                let mut starts = Vec::new();
                let known = super::draw_lines_noting(lines, area, &mut b, wrap, Some(&mut starts));
                (b, starts, known)
            };
            let (mut over, old_starts, known) = fresh(&before);
            prop_assume!(known);
            let mut starts = Vec::new();
            let (mut changed, before_over) = (0..0, over.clone());
            let got = super::redraw_lines((&before, &old_starts), &after, area, &mut over, wrap, (&mut starts, &mut changed));
            // Rows outside those said to have changed are as they were.
            for y in 0..over.area.height {
                if !changed.contains(&y) {
                    let row = |b: &Buffer| b.content[(y * b.area.width) as usize..((y + 1) * b.area.width) as usize].to_vec();
                    prop_assert_eq!(row(&over), row(&before_over), "row {}", y);
                }
            }
            let (want, want_starts, want_known) = fresh(&after);
            prop_assert_eq!(&over, &want);
            prop_assert_eq!(got, want_known);
            if want_known {
                prop_assert_eq!(starts, want_starts);
            }
        }

        /// Lines of characters one column wide, wrapped here (`wrap_plain`), are drawn as the
        /// paragraph wraps them: blanks at a row's end, runs of them, words longer than a row,
        /// no-break spaces (no blank to ratatui), a line cut at the area's foot.
        #[test]
        fn plain_lines_are_wrapped_as_a_paragraph_wraps_them(
            lines in prop::collection::vec(prop::collection::vec((prop::sample::select(vec![
                "a", "ә", "Ұ", " ", "  ", "\u{a0}", "─", "«", "…", "қазақ", "1.1.К2:",
            ]), 0u8..3), 0..16), 1..6),
            width in 1u16..14,
            height in 1u16..9,
        ) {
            use ratatui::buffer::Buffer;
            use ratatui::style::{Color, Style};
            use ratatui::text::{Line, Span};
            use ratatui::widgets::{Paragraph, Widget, Wrap};
            let styles = [Style::new(), Style::new().fg(Color::Red), Style::new().bg(Color::Blue)];
            let lines: Vec<Line> = lines
                .iter()
                .map(|spans| Line::from(spans.iter().map(|(t, st)| Span::styled(*t, styles[*st as usize])).collect::<Vec<_>>()))
                .collect();
            let area = ratatui::layout::Rect::new(1, 1, width, height);
            let mut fast = Buffer::empty(ratatui::layout::Rect::new(0, 0, width + 2, height + 2));
            super::draw_lines(&lines, area, &mut fast, true);
            let mut slow = Buffer::empty(fast.area);
            Paragraph::new(lines.clone()).wrap(Wrap { trim: false }).render(area, &mut slow);
            prop_assert_eq!(&fast, &slow);
        }
    }
}
