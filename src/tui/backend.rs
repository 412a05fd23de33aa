//! A crossterm backend that remembers the terminal's state between frames, so that a typed key costs
//! the bytes of what changed and little more. ratatui's own crossterm backend ends every frame by
//! resetting colours and attributes, shows the cursor and moves it again: ~40 bytes a key over SSH.
//! Here: no move where the cursor already is, no style sent that is already in force, no cursor
//! shown that is shown.

use crossterm::cursor::{Hide, Show};
use crossterm::queue;
use crossterm::style::{
    Attribute, Color as CColor, SetAttribute, SetBackgroundColor, SetForegroundColor,
};
use crossterm::terminal::{self, Clear, ClearType as CClear};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// The largest area drawn: more than any real screen.
pub const MAX_COLS: u16 = 1000;
pub const MAX_ROWS: u16 = 400;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

/// `ESC [ row ; col H` (1-based), as crossterm's `MoveTo` writes it, without the formatting
/// machinery.
fn move_to(out: &mut impl Write, x: u16, y: u16) -> io::Result<()> {
    let mut buf = [0u8; 16];
    let mut n = 0;
    let mut put = |b: u8| {
        buf[n] = b;
        n += 1;
    };
    put(0x1b);
    put(b'[');
    for (i, v) in [u32::from(y) + 1, u32::from(x) + 1].into_iter().enumerate() {
        if i == 1 {
            put(b';');
        }
        let mut digits = [0u8; 5];
        let mut k = 0;
        let mut v = v;
        loop {
            digits[k] = b'0' + (v % 10) as u8;
            k += 1;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        for d in digits[..k].iter().rev() {
            put(*d);
        }
    }
    put(b'H');
    out.write_all(&buf[..n])
}

pub struct LeanBackend<W: Write> {
    out: W,
    /// Where the terminal's cursor is, when known.
    at: Option<Position>,
    /// The colours and attributes in force, when known.
    pen: Option<Pen>,
    cursor_shown: Option<bool>,
    /// The width the terminal last reported (ratatui asks before every frame).
    width: std::cell::Cell<u16>,
    /// The size last asked of the terminal, and a flag SIGWINCH raises: ratatui asks for the size
    /// before every frame, and asking costs three system calls (open /dev/tty, ioctl, close) on
    /// every key. Without the flag (`watch_resizes` not called) the terminal is asked each time.
    size: std::cell::Cell<Option<Size>>,
    resized: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
}

impl<W: Write> LeanBackend<W> {
    pub fn new(out: W) -> LeanBackend<W> {
        LeanBackend {
            out,
            at: None,
            pen: None,
            cursor_shown: None,
            width: std::cell::Cell::new(u16::MAX),
            size: std::cell::Cell::new(None),
            resized: None,
        }
    }

    /// Ask the terminal its size only after it changed (SIGWINCH), not before every frame.
    pub fn watch_resizes(&mut self) {
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        if signal_hook::flag::register(signal_hook::consts::SIGWINCH, flag.clone()).is_ok() {
            self.resized = Some(flag);
        }
    }

    /// The width to take as the terminal's without asking it (for drawing into a buffer, in tests).
    pub fn assume_width(&self, width: u16) {
        self.width.set(width);
    }

    /// The size to take as the terminal's without asking it, until told another (for a screen drawn
    /// into bytes: the tests, the benchmarks).
    pub fn assume_size(&mut self, width: u16, height: u16) {
        self.width.set(width);
        self.size.set(Some(Size { width, height }));
        self.resized = Some(std::sync::Arc::new(std::sync::atomic::AtomicBool::new(
            false,
        )));
    }

    pub fn out_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Plain colours and attributes again, before the terminal is handed back.
    pub fn reset_pen(&mut self) -> io::Result<()> {
        if self.pen != Some(PLAIN) {
            queue!(self.out, SetAttribute(Attribute::Reset))?;
            self.pen = Some(PLAIN);
        }
        self.out.flush()
    }

    fn set_pen(&mut self, want: Pen) -> io::Result<()> {
        let have = self.pen.unwrap_or(Pen {
            fg: Color::Indexed(254),
            bg: Color::Indexed(254),
            modifier: Modifier::all(),
        });
        if have == want {
            return Ok(());
        }
        let mut from = have;
        // Attributes cannot be taken off one by one portably: reset, then set what is wanted.
        if !want.modifier.contains(from.modifier) || self.pen.is_none() {
            queue!(self.out, SetAttribute(Attribute::Reset))?;
            from = PLAIN;
        }
        for (m, a) in [
            (Modifier::BOLD, Attribute::Bold),
            (Modifier::DIM, Attribute::Dim),
            (Modifier::ITALIC, Attribute::Italic),
            (Modifier::UNDERLINED, Attribute::Underlined),
            (Modifier::SLOW_BLINK, Attribute::SlowBlink),
            (Modifier::RAPID_BLINK, Attribute::RapidBlink),
            (Modifier::REVERSED, Attribute::Reverse),
            (Modifier::HIDDEN, Attribute::Hidden),
            (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        ] {
            if want.modifier.contains(m) && !from.modifier.contains(m) {
                queue!(self.out, SetAttribute(a))?;
            }
        }
        if want.fg != from.fg {
            queue!(self.out, SetForegroundColor(color(want.fg)))?;
        }
        if want.bg != from.bg {
            queue!(self.out, SetBackgroundColor(color(want.bg)))?;
        }
        self.pen = Some(want);
        Ok(())
    }
}

fn color(c: Color) -> CColor {
    match c {
        Color::Reset => CColor::Reset,
        Color::Black => CColor::Black,
        Color::Red => CColor::DarkRed,
        Color::Green => CColor::DarkGreen,
        Color::Yellow => CColor::DarkYellow,
        Color::Blue => CColor::DarkBlue,
        Color::Magenta => CColor::DarkMagenta,
        Color::Cyan => CColor::DarkCyan,
        Color::Gray => CColor::Grey,
        Color::DarkGray => CColor::DarkGrey,
        Color::LightRed => CColor::Red,
        Color::LightGreen => CColor::Green,
        Color::LightYellow => CColor::Yellow,
        Color::LightBlue => CColor::Blue,
        Color::LightMagenta => CColor::Magenta,
        Color::LightCyan => CColor::Cyan,
        Color::White => CColor::White,
        Color::Indexed(i) => CColor::AnsiValue(i),
        Color::Rgb(r, g, b) => CColor::Rgb { r, g, b },
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let width = self.width.get();
        for (x, y, cell) in content {
            if self.at != Some(Position { x, y }) {
                move_to(&mut self.out, x, y)?;
            }
            self.set_pen(Pen {
                fg: cell.fg,
                bg: cell.bg,
                modifier: cell.modifier,
            })?;
            let sym = cell.symbol();
            // The bytes themselves: crossterm's `Print` goes through the formatting machinery,
            // which cost more than anything else of a cell.
            self.out.write_all(sym.as_bytes())?;
            let w = if crate::tui::shown::one_column(sym) {
                1
            } else {
                sym.width().max(1)
            };
            let next = x.saturating_add(w as u16);
            // At the right margin terminals differ in where the cursor goes: forget it.
            self.at = (next < width).then_some(Position { x: next, y });
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(false) {
            queue!(self.out, Hide)?;
            self.cursor_shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_shown != Some(true) {
            queue!(self.out, Show)?;
            self.cursor_shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // Never asked of the terminal: a query's reply over a slow link arrives late and reads as keys.
        Ok(self.at.unwrap_or_default())
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.at != Some(p) {
            move_to(&mut self.out, p.x, p.y)?;
            self.at = Some(p);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erasing fills with the current background: erase with a plain one.
        self.set_pen(PLAIN)?;
        let t = match clear_type {
            ClearType::All => CClear::All,
            ClearType::AfterCursor => CClear::FromCursorDown,
            ClearType::BeforeCursor => CClear::FromCursorUp,
            ClearType::CurrentLine => CClear::CurrentLine,
            ClearType::UntilNewLine => CClear::UntilNewLine,
        };
        queue!(self.out, Clear(t))?;
        self.out.flush()
    }

    fn size(&self) -> io::Result<Size> {
        if let (Some(flag), Some(known)) = (&self.resized, self.size.get())
            && !flag.swap(false, std::sync::atomic::Ordering::Relaxed)
        {
            return Ok(known);
        }
        if let Some(flag) = &self.resized {
            flag.store(false, std::sync::atomic::Ordering::Relaxed);
        }
        let (width, height) = terminal::size()?;
        // A terminal may claim 65535×65535: a buffer of four billion cells would abort the process.
        // What is drawn is capped; the rest of such a window stays blank.
        let (width, height) = (width.min(MAX_COLS), height.min(MAX_ROWS));
        self.width.set(width);
        self.size.set(Some(Size { width, height }));
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let w = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    /// The move is byte for byte crossterm's.
    #[test]
    fn a_move_is_written_as_crossterm_writes_it() {
        for (x, y) in [
            (0, 0),
            (9, 9),
            (10, 99),
            (79, 23),
            (999, 399),
            (65534, 65534),
        ] {
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            super::move_to(&mut ours, x, y).unwrap();
            crossterm::queue!(theirs, crossterm::cursor::MoveTo(x, y)).unwrap();
            assert_eq!(ours, theirs, "{x},{y}");
        }
    }
}
