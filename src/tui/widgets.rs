//! What the view and the overlays draw with: the styles, and the small shared pieces.

pub use crate::present::item_place as item_label;
use crate::tui::screen::Canvas;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
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
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .block(Block::bordered()),
        r,
    );
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
    use std::cell::{Cell, RefCell};
    use std::hash::{DefaultHasher, Hash, Hasher};

    /// Versions kept of each panel.
    const KEPT: usize = 2;

    thread_local! {
        static PANELS: RefCell<Vec<(&'static str, u64, Buffer)>> = const { RefCell::new(Vec::new()) };
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
            if c.len() >= 8 {
                c.remove(0);
            }
            c.push((key, n));
            n
        })
    }

    /// Switch the cache off or on (what it holds is kept, neither read nor written while off): for
    /// the tests that hold it to drawing afresh.
    pub fn set_panel_cache(on: bool) {
        ON.with(|c| c.set(on));
    }

    /// The key of what a panel shows.
    pub fn key_of(what: impl Hash) -> u64 {
        let mut h = DefaultHasher::new();
        what.hash(&mut h);
        h.finish()
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
        cached_made(f, name, area, key, || (key, ()), |(), b| draw(b))
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
        let area = area.intersection(f.area());
        if !ON.with(Cell::get) || area.is_empty() {
            draw(make().1, f.buffer_mut());
            return false;
        }
        let panel = (name, key_of((quick, area)), area);
        if f.holds(&panel) {
            f.keep(panel);
            return true;
        }
        f.drew(panel);
        let (content, made) = make();
        let key = key_of((content, area));
        let buf = f.buffer_mut();
        let hit = PANELS.with(|p| {
            let mut panels = p.borrow_mut();
            let at = panels
                .iter()
                .position(|(n, k, own)| *n == name && *k == key && own.area == area);
            if let Some(i) = at {
                copy(&panels[i].2, buf, area);
                // The most recent last: a key and its undoing (a digit, Backspace) both stay.
                let entry = panels.remove(i);
                panels.push(entry);
            }
            at.is_some()
        });
        if hit {
            return false;
        }
        // What an earlier frame left here goes first: drawing does not touch every cell.
        f.redraw(area);
        let buf = f.buffer_mut();
        // Drawn in place, then kept, in the place of this panel's older version (two are kept).
        draw(made, buf);
        PANELS.with(|p| {
            let mut panels = p.borrow_mut();
            let mine: Vec<usize> = (0..panels.len()).filter(|i| panels[*i].0 == name).collect();
            let mut own = if mine.len() >= KEPT {
                panels.remove(mine[0]).2
            } else {
                Buffer::empty(area)
            };
            if own.area != area {
                own = Buffer::empty(area);
            }
            copy(buf, &mut own, area);
            panels.push((name, key, own));
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

pub use panel_cache::{cached, cached_made, key_of, rows_of, set_panel_cache};

#[cfg(test)]
mod tests {
    use super::fit;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthStr;

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
    }
}
