//! The terminal's setup and teardown, in one place: raw mode, the alternate screen and bracketed paste
//! on the way in; all of them undone on the way out, on every path, panics included.

use super::backend::LeanBackend;
use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use std::io::{self, BufWriter, Stdout};

pub type Term = Terminal<LeanBackend<BufWriter<Stdout>>>;

fn disable_paste() {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
}

/// Run `f` with the terminal in form mode, and give the terminal back as it was, whatever happens.
pub fn with_terminal<T>(f: impl FnOnce(&mut Term) -> io::Result<T>) -> io::Result<T> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_paste();
        let _ = ratatui::try_restore();
        previous(info);
    }));
    let setup = enable_raw_mode()
        .and_then(|()| execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste));
    let result = setup
        .and_then(|()| {
            Terminal::new(LeanBackend::new(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )))
        })
        .and_then(|mut terminal| {
            let r = f(&mut terminal);
            // Plain attributes and a visible cursor for whatever runs next in this terminal. With the
            // terminal gone (SSH dropped) this fails, and there is nothing to restore.
            let _ = terminal.backend_mut().reset_pen();
            if terminal.show_cursor().is_err() {
                // Terminal's drop would try again and eprintln!, which panics on a dead terminal.
                std::mem::forget(terminal);
            }
            r
        });
    disable_paste();
    let _ = ratatui::try_restore();
    let _ = std::panic::take_hook();
    result
}
