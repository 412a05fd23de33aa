//! The terminal's setup and teardown, in one place: raw mode, the alternate screen and bracketed paste
//! on the way in; all of them undone on the way out, on every path, panics included.

use super::backend::LeanBackend;
use ratatui::Terminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use std::io::{self, Write};
use std::sync::mpsc::{Sender, channel};

pub type Term = Terminal<LeanBackend<TermOut>>;

/// The terminal's output, written by a thread of its own. A frozen SSH window stops reading, and a
/// `write()` to it then blocks: on this thread it would stop the editor from saving drafts and from
/// acting on SIGTERM or SIGHUP. Frames are handed over whole and written in order; while the terminal
/// does not read, they wait in memory (a frame is only drawn after a key or a change, so they are few).
pub struct TermOut {
    frame: Vec<u8>,
    tx: Option<Sender<Vec<u8>>>,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl TermOut {
    fn start() -> io::Result<TermOut> {
        let (tx, rx) = channel::<Vec<u8>>();
        let writer = std::thread::Builder::new()
            .name("saualnama-tty".into())
            .spawn(move || {
                let mut out = io::stdout();
                while let Ok(bytes) = rx.recv() {
                    if out.write_all(&bytes).and_then(|()| out.flush()).is_err() {
                        // The terminal is gone: nothing more can be shown.
                        break;
                    }
                }
            })?;
        Ok(TermOut {
            frame: Vec::with_capacity(1 << 16),
            tx: Some(tx),
            writer: Some(writer),
        })
    }

    /// Wait until every frame handed over is written, so that what the teardown writes comes after
    /// them. On a terminal that does not read this waits; the signal path bounds it (see `mod`).
    pub fn finish(&mut self) {
        let _ = self.flush();
        self.tx = None;
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}

impl Write for TermOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.frame.is_empty() {
            return Ok(());
        }
        let frame = std::mem::replace(&mut self.frame, Vec::with_capacity(1 << 12));
        match &self.tx {
            Some(tx) if tx.send(frame).is_ok() => Ok(()),
            _ => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the terminal is gone",
            )),
        }
    }
}

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
        .and_then(|()| TermOut::start())
        .and_then(|out| {
            let mut b = LeanBackend::new(out);
            b.watch_resizes();
            Terminal::new(b)
        })
        .and_then(|mut terminal| {
            let r = f(&mut terminal);
            // Plain attributes and a visible cursor for whatever runs next in this terminal. With the
            // terminal gone (SSH dropped) this fails, and there is nothing to restore.
            let _ = terminal.backend_mut().reset_pen();
            let shown = terminal.show_cursor();
            terminal.backend_mut().out_mut().finish();
            if shown.is_err() {
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
