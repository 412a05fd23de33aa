//! What the terminal shows, kept cell by cell for the comparison with the next frame (`screen`).
//!
//! A ratatui `Buffer` takes 48 bytes a cell. Here a cell is its symbol, kept in the cell up to seven
//! bytes (every letter, line and mark the editor draws; longer clusters are kept aside), and the
//! number of its look (colours, modifiers, diff option) among the few looks a screen uses: 10 bytes.
//! At 120×40 that was 180 KiB of the session's peak memory.

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// Everything `screen::same` compares of a cell but its symbol.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Look {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    diff_option: CellDiffOption,
    skip: bool,
}

impl Look {
    #[allow(deprecated)]
    #[inline]
    fn of(c: &Cell) -> Look {
        Look {
            fg: c.fg,
            bg: c.bg,
            underline: c.underline_color,
            modifier: c.modifier,
            diff_option: c.diff_option,
            skip: c.skip,
        }
    }

    /// Whether `c` has this look: field by field, inlined (the derived `eq` of a `Look` made was a
    /// call for every cell compared).
    #[allow(deprecated)]
    #[inline(always)]
    fn is(&self, c: &Cell) -> bool {
        self.modifier == c.modifier
            && self.fg == c.fg
            && self.bg == c.bg
            && self.underline == c.underline_color
            && self.diff_option == c.diff_option
            && self.skip == c.skip
    }
}

/// Bytes of a symbol kept in the cell.
const INLINE: usize = 7;
/// The length of a symbol kept aside; its place in `Shown::long` is in the cell's first four bytes.
const LONG: u8 = u8::MAX;
/// Looks a screen may number (fewer in the tests, to reach the end quickly).
#[cfg(not(test))]
const LOOKS: usize = u16::MAX as usize;
#[cfg(test)]
const LOOKS: usize = 300;

#[derive(Clone, Copy, Debug)]
struct Packed {
    len: u8,
    bytes: [u8; INLINE],
    look: u16,
}

/// The terminal's cells, row after row, as the last frame sent them.
pub struct Shown {
    area: Rect,
    cells: Vec<Packed>,
    looks: Vec<Look>,
    /// The look given last: a row's cells mostly share one.
    last: u16,
    long: Vec<Box<str>>,
    /// More looks were given than a cell can number: what the cells hold is no longer known.
    overflowed: bool,
}

impl Default for Shown {
    fn default() -> Shown {
        Shown::new()
    }
}

impl Shown {
    pub fn new() -> Shown {
        Shown {
            area: Rect::ZERO,
            cells: Vec::new(),
            looks: vec![Look::of(&Cell::EMPTY)],
            last: 0,
            long: Vec::new(),
            overflowed: false,
        }
    }

    /// A screen showing `buffer` (for the tests).
    pub fn of(buffer: &Buffer) -> Shown {
        let mut shown = Shown::new();
        shown.reset(buffer.area);
        for (i, c) in buffer.content.iter().enumerate() {
            shown.set(i, c);
        }
        shown
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    /// Whether what the cells hold is no longer known (the screen must be cleared and drawn whole).
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    /// A blank screen of `area`.
    pub fn reset(&mut self, area: Rect) {
        self.area = area;
        self.looks.truncate(1);
        self.last = 0;
        self.long.clear();
        self.overflowed = false;
        let blank = Packed {
            len: 1,
            bytes: *b"       ",
            look: 0,
        };
        self.cells.clear();
        self.cells.resize(area.area() as usize, blank);
    }

    pub fn symbol(&self, i: usize) -> &str {
        let p = &self.cells[i];
        if p.len == LONG {
            let at = u32::from_ne_bytes([p.bytes[0], p.bytes[1], p.bytes[2], p.bytes[3]]);
            return &self.long[at as usize];
        }
        // Only ever a whole symbol's bytes are kept.
        std::str::from_utf8(&p.bytes[..p.len as usize]).unwrap_or(" ")
    }

    pub fn bg(&self, i: usize) -> Color {
        self.looks[self.cells[i].look as usize].bg
    }

    pub fn modifier(&self, i: usize) -> Modifier {
        self.looks[self.cells[i].look as usize].modifier
    }

    pub fn diff_option(&self, i: usize) -> CellDiffOption {
        self.looks[self.cells[i].look as usize].diff_option
    }

    /// Whether cell `i` shows `c` (ratatui's `Cell::eq`: no symbol is a blank): the symbol's few
    /// bytes first (where a frame changed, they differ), then the look, field by field.
    #[allow(deprecated)]
    #[inline]
    pub fn same(&self, i: usize, c: &Cell) -> bool {
        let p = &self.cells[i];
        let symbol = c.symbol().as_bytes();
        let n = p.len as usize;
        let equal = if p.len == LONG {
            self.symbol(i).as_bytes() == symbol
        } else {
            symbol.len() == n && p.bytes[..n].iter().zip(symbol).all(|(a, b)| a == b)
        };
        equal && self.looks[p.look as usize].is(c)
    }

    /// Whether cell `i`'s symbol is `symbol`.
    #[inline]
    pub fn symbol_is(&self, i: usize, symbol: &str) -> bool {
        let p = &self.cells[i];
        if p.len == LONG {
            return self.symbol(i) == symbol;
        }
        p.bytes[..p.len as usize] == *symbol.as_bytes()
    }

    /// Cell `i` now shows `c`.
    pub fn set(&mut self, i: usize, c: &Cell) {
        let look = self.look_of(c);
        let symbol = c.symbol().as_bytes();
        let mut p = Packed {
            len: symbol.len() as u8,
            bytes: [b' '; INLINE],
            look,
        };
        if symbol.len() <= INLINE {
            p.bytes[..symbol.len()].copy_from_slice(symbol);
        } else {
            if self.long.len() >= self.cells.len().max(64) {
                self.forget_long();
            }
            let at = self.long.len() as u32;
            self.long.push(c.symbol().into());
            p.len = LONG;
            p.bytes[..4].copy_from_slice(&at.to_ne_bytes());
        }
        self.cells[i] = p;
    }

    /// Cells `range` now show `next`'s, where they do not yet.
    pub fn sync(&mut self, next: &[Cell], range: std::ops::Range<usize>, at: usize) {
        for i in range {
            if !self.same(at + i, &next[i]) {
                self.set(at + i, &next[i]);
            }
        }
    }

    #[inline]
    fn look_of(&mut self, c: &Cell) -> u16 {
        if self.looks[self.last as usize].is(c) {
            return self.last;
        }
        let n = match self.looks.iter().position(|l| l.is(c)) {
            Some(n) => n as u16,
            None if self.looks.len() < LOOKS => {
                self.looks.push(Look::of(c));
                (self.looks.len() - 1) as u16
            }
            None => {
                self.overflowed = true;
                0
            }
        };
        self.last = n;
        n
    }

    /// The long symbols no cell shows any more let go.
    fn forget_long(&mut self) {
        let mut kept = Vec::new();
        for p in &mut self.cells {
            if p.len == LONG {
                let at = u32::from_ne_bytes([p.bytes[0], p.bytes[1], p.bytes[2], p.bytes[3]]);
                let symbol = std::mem::take(&mut self.long[at as usize]);
                p.bytes[..4].copy_from_slice(&(kept.len() as u32).to_ne_bytes());
                kept.push(symbol);
            }
        }
        self.long = kept;
    }

    /// The screen as a buffer (for the tests, and whoever asks what it shows).
    #[allow(deprecated)]
    pub fn buffer(&self) -> Buffer {
        let mut b = Buffer::empty(self.area);
        for (i, cell) in b.content.iter_mut().enumerate() {
            let look = self.looks[self.cells[i].look as usize];
            cell.set_symbol(self.symbol(i));
            cell.fg = look.fg;
            cell.bg = look.bg;
            cell.underline_color = look.underline;
            cell.modifier = look.modifier;
            cell.diff_option = look.diff_option;
            cell.skip = look.skip;
        }
        b
    }
}

/// A cell's width on the screen as ratatui counts it, without its table for the letters of the
/// Latin and Cyrillic scripts (Kazakh's among them), box lines and dashes: one column each, and
/// nearly every cell here. ratatui looks every cell up, and that was most of what comparing the
/// screen cost for a typed letter, and of drawing a line of the summary.
#[inline(always)]
pub fn width(symbol: &str, diff_option: CellDiffOption) -> usize {
    if let CellDiffOption::ForcedWidth(w) = diff_option {
        return w.get() as usize;
    }
    if one_column(symbol) {
        return 1;
    }
    symbol.cell_width() as usize
}

/// Whether `symbol` is one character one column wide that needs no lookup to say so: ASCII (a
/// blank, most of any screen), box lines (every panel's frame), the Latin and Cyrillic letters
/// with Kazakh's, dashes and quotes. Such a symbol is one column to ratatui and to unicode-width
/// alike (a control character, which no cell is drawn with, is counted one too, as the screen and
/// the backend always counted it).
#[inline(always)]
pub fn one_column(symbol: &str) -> bool {
    let bytes = symbol.as_bytes();
    if bytes.len() == 1 {
        return bytes[0] < 0x80;
    }
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    one_column_beyond_ascii(c)
}

/// The characters past ASCII that `one_column` knows without a lookup: box lines, Latin-1 and the
/// Latin extensions, Cyrillic with Kazakh's letters, dashes and quotes.
#[inline(always)]
pub fn one_column_beyond_ascii(c: char) -> bool {
    let c = c as u32;
    (0x2500..=0x259f).contains(&c)
        || ((0xa0..0x300).contains(&c) && c != 0xad)
        || ((0x400..=0x52f).contains(&c) && !(0x483..=0x489).contains(&c))
        || (0x2010..=0x2027).contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    /// A screen kept packed gives back every cell as it was set: symbols short and long, and every
    /// part of a look; long symbols no cell shows any more are let go.
    #[test]
    fn cells_come_back_as_they_were_set() {
        let mut b = Buffer::empty(Rect::new(0, 0, 6, 2));
        b.set_string(0, 0, "aә─😀", Style::new().fg(Color::Red));
        b.set_string(
            0,
            1,
            "👨\u{200d}👩\u{200d}👧",
            Style::new().bg(Color::Rgb(1, 2, 3)),
        );
        b[(5, 1)]
            .set_symbol("x")
            .set_style(Style::new().underline_color(Color::Indexed(9)));
        b[(4, 0)].set_diff_option(CellDiffOption::Skip);
        let mut s = Shown::of(&b);
        assert_eq!(s.buffer(), b);
        for (i, c) in b.content.iter().enumerate() {
            assert!(s.same(i, c));
        }
        assert!(!s.same(0, &b.content[1]));
        let family = b.content[6].clone();
        for _ in 0..200 {
            s.set(6, &Cell::new("y"));
            s.set(6, &family);
        }
        assert!(s.long.len() <= 64, "{} long symbols kept", s.long.len());
        assert_eq!(s.buffer(), b);
    }

    /// The quick width is ratatui's for every character it does not look up, and for the others.
    #[test]
    fn the_quick_width_is_ratatuis() {
        for c in (0x20..0x3000)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_control())
        {
            let g = c.to_string();
            let w = width(&g, CellDiffOption::None);
            assert_eq!(w, g.cell_width() as usize, "U+{:04X}", c as u32);
            if one_column(&g) {
                let w = unicode_width::UnicodeWidthStr::width(g.as_str());
                assert_eq!(w, 1, "U+{:04X}", c as u32);
            }
        }
        for g in ["e\u{301}", "❤\u{fe0f}", "中", "😀"] {
            assert_eq!(
                width(g, CellDiffOption::None),
                g.cell_width() as usize,
                "{g}"
            );
        }
    }

    /// More looks than a cell can number: the screen says it no longer knows what it shows.
    #[test]
    fn too_many_looks_are_said() {
        let mut s = Shown::new();
        s.reset(Rect::new(0, 0, 1, 1));
        let mut c = Cell::new("a");
        for n in 0..=LOOKS as u32 {
            c.fg = Color::Rgb((n >> 8) as u8, n as u8, 0);
            s.set(0, &c);
            if s.overflowed() {
                assert_eq!(n as usize, LOOKS - 1, "the blank look is the first");
                s.reset(s.area());
                assert!(!s.overflowed());
                return;
            }
        }
        panic!("never overflowed");
    }
}
