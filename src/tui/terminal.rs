//! The terminal's setup and teardown, in one place: raw mode, the alternate screen and bracketed paste
//! on the way in; all of them undone on the way out, on every path, panics included.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use std::io;

fn disable_paste() {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
}

/// Run `f` with the terminal in form mode, and give the terminal back as it was, whatever happens.
pub fn with_terminal<T>(f: impl FnOnce(&mut DefaultTerminal) -> io::Result<T>) -> io::Result<T> {
    // ratatui's own hook (installed by init) restores raw mode and the screen, then calls this one;
    // bracketed paste is ours to undo.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_paste();
        previous(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let result = execute!(io::stdout(), EnableBracketedPaste).and_then(|()| f(&mut terminal));
    // Terminal's drop shows the cursor and eprintln!s (which panics) when it cannot: with the
    // terminal gone there is nothing to show it on.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    disable_paste();
    // A terminal that is gone (SSH dropped) cannot be restored; that is no reason to lose how the
    // loop ended.
    let _ = ratatui::try_restore();
    let _ = std::panic::take_hook();
    result
}
