//! The screen kept between frames, in place of ratatui's `Terminal` in the editor's loop.
//!
//! `Terminal::draw` blanks its buffer before every frame, so every panel is drawn (or copied from the
//! panel cache) again for every key, and then compares the whole screen cell by cell, looking each
//! cell's width up as it goes. A typed letter changes one input. Here the buffer is kept: a panel
//! whose key and place are those of the last frame is neither drawn nor copied (`widgets::cached`),
//! only what may have changed is compared (outside the panels left in place, and what was drawn over
//! them again: the input's rows with text; of a panel copied over another, the stretches of cells
//! that differ, `Canvas::copy_in`), and a width is looked up only where it can matter.
//!
//! A frame kept this way must equal a frame drawn afresh. A panel left in place holds what it drew
//! last time as long as nothing was drawn over it since; so whatever lies outside the last frame's
//! panels is blanked before drawing; an overlay blanks its place (`Canvas::cover`), and the panels
//! under it are kept in the next frame only if that frame draws the same overlays in the same places
//! (a prompt being typed into), else it is drawn from blank; and when a panel of the last frame is
//! neither drawn in its place again nor drawn over whole, the frame is drawn again from blank. `tests/it/backend_differential.rs` holds random key sequences drawn here to the
//! frames drawn afresh, through the bytes sent, read back by a terminal emulator; the unit test below
//! holds the comparison to ratatui's own.

use super::backend::LeanBackend;
use super::shown::{Shown, width};
use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;
use std::io::{self, Write};

/// What a frame is drawn on: the screen's buffer, and where the cursor goes. The view draws on it as
/// on ratatui's `Frame` (the same methods), and a `Frame` lends its buffer to a fresh one
/// (`view::view`), so the tests' `TestBackend` terminals draw exactly what the editor draws.
pub struct Canvas<'a> {
    buf: &'a mut Buffer,
    area: Rect,
    cursor: Option<Position>,
    /// The buffer holds the last frame, not blanks: a panel unchanged since may be left as it is.
    retained: bool,
    /// The panels the last frame drew: name, key and place.
    last: &'a [Panel],
    /// The panels this frame drew, or left in place.
    drawn: Vec<Panel>,
    /// The places of the panels left in place, and of what was drawn this frame (panels drawn or
    /// copied, the input over the question): nothing else of the screen can have changed.
    kept: Vec<Rect>,
    touched: Vec<Rect>,
    /// What was drawn from blank, or over every cell, this frame: panels drawn or copied, areas
    /// blanked to be drawn again. Nothing an earlier frame left there is still in them.
    renewed: Vec<Rect>,
    /// Numbers a panel keeps from one frame to the next (how many rows the input's text took).
    last_notes: &'a [(&'static str, u16)],
    notes: Vec<(&'static str, u16)>,
    /// Where overlays were drawn over the panels this frame: a panel kept under one is right in
    /// the next frame only where the same overlay is drawn again.
    covers: Vec<Rect>,
}

/// A panel on the screen: its name, the key of what it shows, and its place.
pub type Panel = (&'static str, u64, Rect);

impl<'a> Canvas<'a> {
    /// A canvas of blank cells (as a `Frame`'s are): nothing is kept from earlier frames.
    pub fn fresh(buf: &'a mut Buffer) -> Canvas<'a> {
        let area = buf.area;
        Canvas {
            buf,
            area,
            cursor: None,
            retained: false,
            last: &[],
            drawn: Vec::new(),
            kept: Vec::new(),
            touched: Vec::new(),
            renewed: Vec::new(),
            last_notes: &[],
            notes: Vec::new(),
            covers: Vec::new(),
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn buffer_mut(&mut self) -> &mut Buffer {
        self.buf
    }

    pub fn render_widget<W: Widget>(&mut self, widget: W, area: Rect) {
        widget.render(area, self.buf);
    }

    pub fn set_cursor_position<P: Into<Position>>(&mut self, position: P) {
        self.cursor = Some(position.into());
    }

    pub fn cursor(&self) -> Option<Position> {
        self.cursor
    }

    /// Whether `panel` is on the buffer already, as the last frame left it, and nothing was drawn
    /// over it yet this frame.
    pub fn holds(&self, panel: &Panel) -> bool {
        self.retained
            && self.last.contains(panel)
            && !self.touched.iter().any(|r| r.intersects(panel.2))
    }

    /// `panel` was drawn this frame.
    pub fn drew(&mut self, panel: Panel) {
        self.touched.push(panel.2);
        self.renewed.push(panel.2);
        self.drawn.push(panel);
    }

    /// Copy `from` (a panel's cells, drawn before) into its place, `panel`'s, but for `hole` (a
    /// panel drawn over it next: the question's input). Where the buffer holds what the terminal
    /// shows there (the place lies in a panel of the last frame, and nothing was drawn over it yet
    /// this frame), only the cells that differ are copied, and only the stretches they make are
    /// compared again when the frame is sent: a move to another question changes a row or two of
    /// the outline and the summary, or the two sides of an input's frame, and comparing all the
    /// rest twice was most of what it cost.
    pub fn copy_in(&mut self, panel: Panel, from: &Buffer, hole: Rect) {
        let area = panel.2;
        let shows = self.retained
            && self
                .last
                .iter()
                .any(|(_, _, r)| r.intersection(area) == area)
            && !self.touched.iter().any(|r| r.intersects(area));
        self.copy_rows(panel, from, hole, (area.top()..area.bottom(), shows));
    }

    /// `copy_in` of a panel whose last version, `was`, the last frame showed, and which differs
    /// from it only on `rows`: only they are copied and compared (a digit redraws a line or two of
    /// the summary, and comparing all of it was a quarter of a jump at 200×60). Where the last
    /// frame did not show `was` untouched, the panel is copied whole.
    pub fn copy_changed_rows(
        &mut self,
        panel: Panel,
        from: &Buffer,
        was: Panel,
        rows: std::ops::Range<u16>,
    ) {
        let area = panel.2;
        let shown = self.retained
            && self.last.contains(&was)
            && !self.touched.iter().any(|r| r.intersects(area));
        if !shown {
            return self.copy_in(panel, from, Rect::ZERO);
        }
        let rows = rows.start.max(area.top())..rows.end.min(area.bottom());
        self.copy_rows(panel, from, Rect::ZERO, (rows, true));
    }

    fn copy_rows(
        &mut self,
        panel: Panel,
        from: &Buffer,
        hole: Rect,
        (rows, shows): (std::ops::Range<u16>, bool),
    ) {
        // Cells that differ this few columns apart make one stretch: comparing the equal ones
        // between costs less than a stretch of its own.
        const GAP: usize = 4;
        let area = panel.2;
        for y in rows {
            let row = if hole.is_empty() || y < hole.top() || y >= hole.bottom() {
                [(area.left(), area.right()), (0, 0)]
            } else {
                [(area.left(), hole.left()), (hole.right(), area.right())]
            };
            for (x0, x1) in row.into_iter().filter(|(a, b)| a < b) {
                let (w, a, b) = (
                    (x1 - x0) as usize,
                    from.index_of(x0, y),
                    self.buf.index_of(x0, y),
                );
                let (src, dst) = (&from.content[a..a + w], &mut self.buf.content[b..b + w]);
                if !shows {
                    dst.clone_from_slice(src);
                    continue;
                }
                // A stretch reaches a column further on either side than the cells that differ: a
                // character two columns wide just before them, or one that was in the last of them,
                // is compared whole, as the comparison of a whole row would.
                let touched = &mut self.touched;
                let mut push = |(from, to): (usize, usize)| {
                    let (from, to) = (from.saturating_sub(1), (to + 1).min(w));
                    touched.push(Rect::new(x0 + from as u16, y, (to - from) as u16, 1));
                };
                let mut open: Option<(usize, usize)> = None;
                for (i, (p, q)) in src.iter().zip(dst.iter_mut()).enumerate() {
                    if same(p, q) {
                        continue;
                    }
                    q.clone_from(p);
                    match &mut open {
                        Some((_, to)) if i <= *to + GAP => *to = i + 1,
                        _ => {
                            open.take().map(&mut push);
                            open = Some((i, i + 1));
                        }
                    }
                }
                open.map(push);
            }
        }
        if !shows {
            return self.drew(panel);
        }
        self.kept.push(area);
        self.renewed.push(area);
        self.drawn.push(panel);
    }

    /// Keep `value` under `name` for the next frame.
    pub fn note(&mut self, name: &'static str, value: u16) {
        self.notes.push((name, value));
    }

    /// What the last frame kept under `name`, when the buffer holds the last frame.
    pub fn noted(&self, name: &str) -> Option<u16> {
        let last = self.last_notes.iter().find(|(n, _)| *n == name);
        last.filter(|_| self.retained).map(|(_, v)| *v)
    }

    /// `area` may have changed this frame (drawn over a panel left in place).
    pub fn touch(&mut self, area: Rect) {
        if self.retained {
            self.touched.push(area.intersection(self.buf.area));
        }
    }

    /// `panel` is left as the last frame drew it.
    pub fn keep(&mut self, panel: Panel) {
        self.kept.push(panel.2);
        self.drawn.push(panel);
    }

    /// Blank `area` to draw it again, over a panel that may have been left in place.
    pub fn redraw(&mut self, area: Rect) {
        if self.retained {
            let area = area.intersection(self.buf.area);
            blank(self.buf, area);
            self.touched.push(area);
            self.renewed.push(area);
        }
    }

    /// Blank `area` for an overlay drawn over the panels. The panels under it may be kept as they
    /// are in the next frame only if it covers the same place again; otherwise that frame is drawn
    /// from blank.
    pub fn cover(&mut self, area: Rect) {
        let area = area.intersection(self.buf.area);
        blank(self.buf, area);
        self.covers.push(area);
        self.touch(area);
        self.renewed.push(area);
    }
}

/// The terminal as it shows, and the frame being drawn.
pub struct Screen<W: Write> {
    backend: LeanBackend<W>,
    /// What the terminal shows.
    shown: Shown,
    /// The frame drawn last, kept for the next one (equal to `shown` between frames).
    next: Buffer,
    last: Vec<Panel>,
    notes: Vec<(&'static str, u16)>,
    covers: Vec<Rect>,
    /// The next frame may keep what the last one drew.
    keep: bool,
    /// The stretches of rows compared (row, from, to), and the cells sent, in the last frame (kept
    /// for their allocations).
    spans: Vec<Stretch>,
    sent: Vec<usize>,
    /// A row's stretches, worked out for every row of every frame (kept for their allocations).
    row: Vec<(u16, u16)>,
    /// The rows of the panels kept and of what was drawn this frame, `(row, from, to)` in order
    /// (kept for their allocations).
    by_row: [Vec<Stretch>; 2],
    /// Rects in row order (`row_order`), kept for its allocation.
    rects: Vec<Rect>,
}

impl<W: Write> Screen<W> {
    pub fn new(backend: LeanBackend<W>) -> Screen<W> {
        Screen {
            backend,
            shown: Shown::new(),
            next: Buffer::empty(Rect::ZERO),
            last: Vec::new(),
            notes: Vec::new(),
            covers: Vec::new(),
            keep: false,
            spans: Vec::new(),
            sent: Vec::new(),
            row: Vec::new(),
            by_row: [Vec::new(), Vec::new()],
            rects: Vec::new(),
        }
    }

    pub fn backend_mut(&mut self) -> &mut LeanBackend<W> {
        &mut self.backend
    }

    /// What the last frame drew (the terminal shows it once the bytes are through).
    pub fn buffer(&self) -> Buffer {
        self.shown.buffer()
    }

    /// Draw a frame with `render` and send the terminal what changed. `render` may be called twice:
    /// when the frame kept from the last one does not fit this one, it is drawn again from blank.
    pub fn draw(&mut self, mut render: impl FnMut(&mut Canvas)) -> io::Result<()> {
        let size = self.backend.size()?;
        let area = Rect::new(0, 0, size.width, size.height);
        if area != self.shown.area() || self.shown.overflowed() {
            self.shown.reset(area);
            self.next.resize(area);
            self.backend.clear()?;
            self.keep = false;
        }
        let mut keep = self.keep;
        let (cursor, drawn, covers, notes) = loop {
            if keep {
                blank_outside(&mut self.next, &self.last, (&mut self.row, &mut self.rects));
            } else {
                self.next.reset();
            }
            let mut c = Canvas {
                area,
                cursor: None,
                retained: keep,
                last: &self.last,
                drawn: Vec::new(),
                kept: Vec::new(),
                touched: Vec::new(),
                renewed: Vec::new(),
                last_notes: &self.notes,
                notes: Vec::new(),
                covers: Vec::new(),
                buf: &mut self.next,
            };
            render(&mut c);
            let Canvas {
                cursor,
                drawn,
                kept,
                touched,
                renewed,
                notes,
                covers,
                ..
            } = c;
            // Panels kept under the last frame's overlays hold its cells where it lay: right only
            // if this frame drew the same overlays there again.
            if keep && !self.covers.is_empty() && covers != self.covers {
                keep = false;
                continue;
            }
            // A panel of the last frame neither drawn in its place this time nor drawn over whole:
            // what it left may still be there.
            row_order(renewed.iter().copied(), &mut self.rects);
            if keep
                && !self.last.iter().all(|(n, _, r)| {
                    drawn.iter().any(|(m, _, s)| n == m && r == s)
                        || (r.top()..r.bottom()).all(|y| {
                            spans_cover(&self.rects, y, r.left(), r.right(), &mut self.row)
                        })
                })
            {
                keep = false;
                continue;
            }
            // What may have changed: everything but the panels left in place, and what was drawn
            // over them again (an overlay's place among it).
            self.spans.clear();
            if keep {
                // Each rect's rows, in the order of the rows: a copied panel leaves a stretch for
                // every place it changed, and looking through all of them for every row was a
                // twelfth of a move to another question at 200×60.
                let [kept_rows, touched_rows] = &mut self.by_row;
                by_row(&kept, kept_rows);
                by_row(&touched, touched_rows);
                let (mut k, mut t) = (0, 0);
                for y in area.top()..area.bottom() {
                    let on_row = (
                        row_of(kept_rows, &mut k, y),
                        row_of(touched_rows, &mut t, y),
                    );
                    changed_on(y, area, on_row, &mut self.spans, &mut self.row);
                }
            } else {
                for y in area.top()..area.bottom() {
                    self.spans.push((y, area.left(), area.right()));
                }
            }
            break (cursor, drawn, covers, notes);
        };
        self.last = drawn;
        self.notes = notes;
        self.covers = covers;
        self.keep = true;
        self.send()?;
        match cursor {
            None => self.backend.hide_cursor()?,
            Some(p) => {
                self.backend.show_cursor()?;
                self.backend.set_cursor_position(p)?;
            }
        }
        self.backend.flush()
    }

    /// Send the cells of the stretches that may have changed that differ from what the terminal
    /// shows, and take them as shown.
    fn send(&mut self) -> io::Result<()> {
        self.sent.clear();
        let w = self.next.area.width as usize;
        for &(y, from, to) in &self.spans {
            let cells = y as usize * w + from as usize..y as usize * w + to as usize;
            let at = self.sent.len();
            diff(
                (&mut self.shown, cells.start),
                &self.next.content[cells.clone()],
                &mut self.sent,
            );
            for i in &mut self.sent[at..] {
                *i += cells.start;
            }
        }
        let (next, w) = (&self.next, w.max(1));
        self.backend.draw(
            self.sent
                .iter()
                .map(|&i| ((i % w) as u16, (i / w) as u16, &next.content[i])),
        )
    }
}

/// Blank every cell of `area` (within `buf`), as `Clear` does, a row at a time.
pub fn blank(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        let at = buf.index_of(area.x, y);
        for c in &mut buf.content[at..at + area.width as usize] {
            c.reset();
        }
    }
}

/// The stretches `(from, to)` that `rects` (in row order: see `row_order`) take of row `y`, in
/// order, into `out`.
fn row_spans(rects: &[Rect], y: u16, out: &mut Vec<(u16, u16)>) {
    out.clear();
    out.extend(
        rects
            .iter()
            .filter(|r| r.top() <= y && y < r.bottom())
            .map(|r| (r.left(), r.right())),
    );
}

/// `rects` in the order of their stretches on any row they share, by left edge, then right: sorted
/// once for all the rows, not row by row.
fn row_order(rects: impl IntoIterator<Item = Rect>, out: &mut Vec<Rect>) {
    out.clear();
    out.extend(rects);
    out.sort_unstable_by_key(|r| (r.left(), r.right()));
}

/// Whether the rects of `rects` (in row order) cover row `y` from `from` to `to` (`row`: room to work in).
fn spans_cover(rects: &[Rect], y: u16, from: u16, to: u16, row: &mut Vec<(u16, u16)>) -> bool {
    let mut x = from;
    row_spans(rects, y, row);
    for &(a, b) in row.iter() {
        if a > x {
            break;
        }
        x = x.max(b);
    }
    x >= to
}

/// A stretch of a row: `(row, from, to)`.
type Stretch = (u16, u16, u16);

/// Every row of every rect of `rects` as a stretch, in order, into `out`.
fn by_row(rects: &[Rect], out: &mut Vec<Stretch>) {
    out.clear();
    // A few panels of many rows each (those kept): row by row, in row order, with nothing to
    // sort; sorting their rows was a twentieth of a typed letter. Many stretches (the places a
    // copied panel changed) are sorted.
    const FEW: usize = 12;
    if rects.len() <= FEW {
        let mut few = [Rect::ZERO; FEW];
        few[..rects.len()].copy_from_slice(rects);
        let few = &mut few[..rects.len()];
        few.sort_unstable_by_key(|r| (r.left(), r.right()));
        let top = few.iter().map(|r| r.top()).min().unwrap_or(0);
        let bottom = few.iter().map(|r| r.bottom()).max().unwrap_or(0);
        for y in top..bottom {
            out.extend(
                few.iter()
                    .filter(|r| r.top() <= y && y < r.bottom())
                    .map(|r| (y, r.left(), r.right())),
            );
        }
        return;
    }
    for r in rects {
        out.extend((r.top()..r.bottom()).map(|y| (y, r.left(), r.right())));
    }
    if !out.is_sorted() {
        out.sort_unstable();
    }
}

/// The stretches of `rows` (in order, from `by_row`) on row `y`, going on from `at`: rows are asked
/// for in order.
fn row_of<'a>(rows: &'a [Stretch], at: &mut usize, y: u16) -> &'a [Stretch] {
    while rows.get(*at).is_some_and(|r| r.0 < y) {
        *at += 1;
    }
    let from = *at;
    while rows.get(*at).is_some_and(|r| r.0 == y) {
        *at += 1;
    }
    &rows[from..*at]
}

/// The stretches of row `y` that may have changed: outside the `kept` panels, or `touched`
/// (each the stretches on this row, in order; `spans`: room to work in).
fn changed_on(
    y: u16,
    area: Rect,
    (kept, touched): (&[Stretch], &[Stretch]),
    out: &mut Vec<Stretch>,
    spans: &mut Vec<(u16, u16)>,
) {
    // The gaps between the kept panels, then what was drawn over them.
    spans.clear();
    let mut x = area.left();
    for &(_, from, to) in kept {
        if from > x {
            spans.push((x, from));
        }
        x = x.max(to);
    }
    if x < area.right() {
        spans.push((x, area.right()));
    }
    spans.extend(touched.iter().map(|&(_, from, to)| (from, to)));
    spans.sort_unstable();
    let start = out.len();
    for &(from, to) in spans.iter() {
        let len = out.len();
        match out.last_mut() {
            Some((_, _, end)) if len > start && from <= *end => *end = (*end).max(to),
            _ => out.push((y, from, to)),
        }
    }
}

/// The cells of `next` to send over `shown` from cell `at` on (a stretch of a row of each), in order,
/// and `shown` made `next` there: ratatui's `BufferDiff` (ratatui-core 0.1) step for step — a wide
/// character's shadow is not sent, a cell it used to cover is, a VS16 emoji's trailing column is
/// checked — with a cell's width worked out the quick way (`width`). ratatui's looks every cell up
/// in the width table, equal ones included: that was most of what comparing the screen cost for a
/// typed letter.
fn diff((shown, at): (&mut Shown, usize), next: &[Cell], out: &mut Vec<usize>) {
    let len = next.len().min(shown.area().area() as usize - at);
    // The columns after `i` that a wide character covers (`force`: every one; else those whose
    // symbol changed), and where the comparison goes on after them.
    let trailing = |shown: &mut Shown, i: usize, end: usize, force: bool, out: &mut Vec<usize>| {
        let (mut j, mut end) = (i + 1, end.min(len));
        while j < end {
            let k = j;
            j += width(next[k].symbol(), next[k].diff_option).max(1);
            end = end.max(j).min(len);
            if !is_skip(&next[k]) && (force || !shown.symbol_is(at + k, next[k].symbol())) {
                out.push(k);
            }
        }
        shown.sync(next, i + 1..end, at);
        end
    };
    let mut pos = 0;
    while pos < len {
        let i = pos;
        pos += 1;
        let current = &next[i];
        match current.diff_option {
            CellDiffOption::Skip => shown.sync(next, i..i + 1, at),
            _ if is_skip(current) => shown.sync(next, i..i + 1, at),
            CellDiffOption::ForcedWidth(w) => {
                pos = pos
                    .saturating_add(w.get().saturating_sub(1) as usize)
                    .min(len);
                if !shown.same(at + i, current) {
                    out.push(i);
                }
                shown.sync(next, i..pos, at);
            }
            CellDiffOption::None | CellDiffOption::AlwaysUpdate => {
                let equal = shown.same(at + i, current);
                let w = width(current.symbol(), current.diff_option);
                if matches!(current.diff_option, CellDiffOption::None) && equal {
                    let end = (pos + w.saturating_sub(1)).min(len);
                    shown.sync(next, pos..end, at);
                    pos = end;
                    continue;
                }
                // What the cell showed matters only where its style shows on blanks.
                let visible = shown.bg(at + i) != Color::Reset
                    || shown.modifier(at + i).intersects(VISIBLE_ON_BLANK);
                let was = if visible {
                    width(shown.symbol(at + i), shown.diff_option(at + i))
                } else {
                    0
                };
                if !equal {
                    shown.set(at + i, current);
                }
                out.push(i);
                if w > 1 && current.symbol().contains('\u{FE0F}') {
                    pos = trailing(shown, i, i + w, false, out);
                } else if w > 1 {
                    let end = (pos + w - 1).min(len);
                    shown.sync(next, pos..end, at);
                    pos = end;
                } else if was > w {
                    // The wide character's style, visible on blanks, may stay on its old columns.
                    pos = trailing(shown, i, i + was, true, out);
                }
            }
        }
    }
}

/// `a == b` (ratatui's `Cell::eq`: no symbol is a blank) the quick way: the style's few bytes
/// first, then the symbols byte by byte. The derived way calls `memcmp` for every cell's symbol of
/// one or two bytes, and comparing a frame's cells was most of what a move to another question cost.
/// (Written out field by field as `shown::Look::is` is: through a `Look` made of `a`, a jump cost
/// 6 % more.)
#[allow(deprecated)]
#[inline]
fn same(a: &Cell, b: &Cell) -> bool {
    let (x, y) = (a.symbol().as_bytes(), b.symbol().as_bytes());
    a.modifier == b.modifier
        && a.fg == b.fg
        && a.bg == b.bg
        && a.underline_color == b.underline_color
        && a.diff_option == b.diff_option
        && a.skip == b.skip
        && x.len() == y.len()
        && x.iter().zip(y).all(|(p, q)| p == q)
}

const VISIBLE_ON_BLANK: Modifier = Modifier::REVERSED
    .union(Modifier::UNDERLINED)
    .union(Modifier::SLOW_BLINK)
    .union(Modifier::RAPID_BLINK)
    .union(Modifier::CROSSED_OUT);

#[allow(deprecated)]
fn is_skip(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::Skip)
        || (cell.skip && matches!(cell.diff_option, CellDiffOption::None))
}

/// Blank every cell of `buf` outside the panels of `last`: what lies there is drawn each frame.
fn blank_outside(
    buf: &mut Buffer,
    last: &[Panel],
    (spans, rects): (&mut Vec<(u16, u16)>, &mut Vec<Rect>),
) {
    let area = buf.area;
    let w = area.width as usize;
    row_order(last.iter().map(|(_, _, r)| *r), rects);
    for y in area.top()..area.bottom() {
        row_spans(rects, y, spans);
        let row = (y - area.y) as usize * w;
        let mut x = area.left();
        for &(from, to) in spans.iter().chain([(area.right(), area.right())].iter()) {
            for cell in
                &mut buf.content[row + (x - area.x) as usize..row + (from.max(x) - area.x) as usize]
            {
                cell.reset();
            }
            x = x.max(to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::Style;

    fn panel_of(rows: &[&str]) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, 12, rows.len() as u16));
        for (y, r) in rows.iter().enumerate() {
            b.set_string(0, y as u16, r, Style::new());
        }
        b
    }

    /// A panel copied from the cache over the panel it replaces sends the cells that changed, and
    /// compares only the stretch around them (a column either side); copied where no panel
    /// was, it is sent whole, blank rows too.
    #[test]
    fn a_copied_panel_compares_only_what_changed() {
        let mut b = LeanBackend::new(Vec::new());
        b.assume_size(12, 3);
        let mut s = Screen::new(b);
        let area = Rect::new(0, 0, 12, 3);
        let one = panel_of(&["abcdefghijkl", "mnopqrstuvwx", "yz"]);
        let two = panel_of(&["abcdefghijkl", "mnopQrstuvwX", "yz"]);
        s.draw(|c| c.copy_in(("p", 1, area), &one, Rect::ZERO))
            .unwrap();
        s.draw(|c| c.copy_in(("p", 2, area), &two, Rect::ZERO))
            .unwrap();
        assert_eq!(s.spans, [(1, 3, 6), (1, 10, 12)]);
        assert_eq!(s.buffer(), two);
        // With a hole for another panel: what lies in it is not the copy's, and the other panel,
        // unchanged, is left in place.
        let hole = Rect::new(0, 2, 1, 1);
        let mut star = Buffer::empty(hole);
        star[(0, 2)].set_symbol("*");
        s.draw(|c| {
            c.copy_in(("p", 2, area), &two, hole);
            c.copy_in(("h", 1, hole), &star, Rect::ZERO);
        })
        .unwrap();
        let three = panel_of(&["abcdefghijkl", "mnopQrstuvwX", "Yz"]);
        s.draw(|c| {
            c.copy_in(("p", 3, area), &three, hole);
            assert!(c.holds(&("h", 1, hole)));
            c.keep(("h", 1, hole));
        })
        .unwrap();
        assert_eq!(s.buffer()[(0, 2)].symbol(), "*");
        assert_eq!(s.buffer()[(1, 2)].symbol(), "z");
        // Text drawn outside any panel, then a panel of blank rows in its place.
        s.draw(|c| c.render_widget(ratatui::text::Text::raw("q\nq\nq"), area))
            .unwrap();
        let blank = panel_of(&["", "", ""]);
        s.draw(|c| c.copy_in(("p", 4, area), &blank, Rect::ZERO))
            .unwrap();
        assert_eq!(s.buffer(), blank);
    }

    /// Rows of text as the view writes them: Latin, Kazakh, frames, marks, and characters two
    /// columns wide (CJK, emoji, an emoji with VS16), in styles visible on blanks or not.
    fn buffer(w: u16, h: u16) -> impl Strategy<Value = Buffer> {
        let piece = prop::sample::select(vec![
            "a",
            "ә",
            "ң",
            "─",
            "│",
            "…",
            "«",
            "✓",
            "≠",
            "中",
            "文字",
            "😀",
            "❤\u{fe0f}",
            " ",
            "x y",
            // Longer than a symbol kept in the cell itself: on the heap.
            "👨\u{200d}👩\u{200d}👧\u{200d}👦",
        ]);
        let style = prop::sample::select(vec![
            Style::new(),
            Style::new().bg(Color::Blue),
            Style::new().add_modifier(Modifier::REVERSED),
            Style::new().add_modifier(Modifier::BOLD),
            Style::new().fg(Color::Red),
            Style::new()
                .fg(Color::Rgb(1, 2, 3))
                .underline_color(Color::Indexed(4)),
        ]);
        prop::collection::vec((0..w, 0..h, piece, style), 0..30).prop_map(move |writes| {
            let mut b = Buffer::empty(Rect::new(0, 0, w, h));
            for (x, y, p, st) in writes {
                b.set_string(x, y, p, st);
            }
            b
        })
    }

    proptest! {
        /// The rows of a few rects or of many come out as all their rows sorted.
        #[test]
        fn rows_come_in_order(
            rects in prop::collection::vec((0u16..20, 0u16..12, 0u16..20, 0u16..5), 0..30),
        ) {
            let rects: Vec<Rect> = rects.into_iter().map(|(x, y, w, h)| Rect::new(x, y, w, h)).collect();
            let mut want: Vec<Stretch> = rects
                .iter()
                .flat_map(|r| (r.top()..r.bottom()).map(|y| (y, r.left(), r.right())))
                .collect();
            want.sort_unstable();
            let mut got = Vec::new();
            by_row(&rects, &mut got);
            prop_assert_eq!(got, want);
        }
    }

    proptest! {
        /// The quick comparison of two cells says what ratatui's says.
        #[test]
        fn the_quick_cell_comparison_is_ratatuis(
            (a, b) in (1u16..8, 1u16..3).prop_flat_map(|(w, h)| (buffer(w, h), buffer(w, h)))
        ) {
            for (x, y) in a.content.iter().zip(&b.content) {
                prop_assert_eq!(same(x, y), x == y);
                prop_assert!(same(x, x));
            }
        }

        /// A panel copied over another sends what ratatui's diff of the two whole panels sends,
        /// characters two columns wide among them.
        #[test]
        fn a_copied_panel_sends_what_ratatuis_diff_sends(
            (one, two) in (1u16..24, 1u16..6).prop_flat_map(|(w, h)| (buffer(w, h), buffer(w, h)))
        ) {
            let area = one.area;
            let mut b = LeanBackend::new(Vec::new());
            b.assume_size(area.width, area.height);
            let mut s = Screen::new(b);
            s.draw(|c| c.copy_in(("p", 1, area), &one, Rect::ZERO)).unwrap();
            s.draw(|c| c.copy_in(("p", 2, area), &two, Rect::ZERO)).unwrap();
            let w = area.width as usize;
            let got: Vec<(u16, u16)> = s.sent.iter().map(|&i| ((i % w) as u16, (i / w) as u16)).collect();
            let want: Vec<(u16, u16)> = one.diff(&two).into_iter().map(|(x, y, _)| (x, y)).collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(s.buffer(), two);
        }

        /// Row by row, the quick comparison sends what ratatui's own diff sends, in order, and
        /// leaves what it compared equal to the new frame.
        #[test]
        fn the_quick_comparison_sends_what_ratatuis_diff_sends(
            (prev, next) in (1u16..24, 1u16..6).prop_flat_map(|(w, h)| (buffer(w, h), buffer(w, h)))
        ) {
            let want: Vec<(u16, u16)> = prev.diff(&next).into_iter().map(|(x, y, _)| (x, y)).collect();
            let mut shown = Shown::of(&prev);
            let w = prev.area.width as usize;
            let mut got = Vec::new();
            for y in 0..prev.area.height as usize {
                let at = got.len();
                diff((&mut shown, y * w), &next.content[y * w..(y + 1) * w], &mut got);
                for i in &mut got[at..] {
                    *i += y * w;
                }
            }
            let got: Vec<(u16, u16)> = got.iter().map(|&i| ((i % w) as u16, (i / w) as u16)).collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(shown.buffer(), next);
        }
    }
}
