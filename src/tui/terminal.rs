//! The terminal's setup and teardown, in one place: raw mode, the alternate screen and bracketed paste
//! on the way in; all of them undone on the way out, on every path, panics included.

use super::backend::LeanBackend;
use super::screen::Screen;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};

pub type Term = Screen<TermOut>;

/// The terminal's output, written by a thread of its own. A frozen SSH window stops reading, and a
/// `write()` to it then blocks: on this thread it would stop the editor from saving drafts and from
/// acting on SIGTERM or SIGHUP. Frames are handed over whole and written in order; while the terminal
/// does not read, they wait in memory (a frame is only drawn after a key or a change, so they are few).
///
/// The hand-over costs a thread's wake-up on every key, which is most of a key's latency. So while the
/// thread has nothing left to write, a frame is first written here, through a second, non-blocking
/// opening of the terminal (its own file description: the shell's and the keyboard's stay blocking):
/// whatever the terminal does not take at once goes to the thread, and so does every frame after it
/// until the thread has caught up, so that frames stay in order. The thread is started the first time
/// a frame waits: a terminal that reads as it should never needs it, and starting it (its stack, its
/// share of the allocator) was a tenth of what a start did before the first frame.
pub struct TermOut {
    frame: Vec<u8>,
    /// The blocking output, shared with the thread once there is one (and written here if a thread
    /// cannot be had).
    out: Arc<Mutex<Box<dyn Write + Send>>>,
    tx: Option<Sender<Vec<u8>>>,
    writer: Option<std::thread::JoinHandle<()>>,
    direct: Option<std::fs::File>,
    /// Frames handed to the thread and not yet written by it.
    queued: Arc<AtomicUsize>,
    /// `finish` was called, or the terminal is gone.
    closed: bool,
}

impl TermOut {
    fn start() -> io::Result<TermOut> {
        Ok(TermOut::over(io::stdout(), open_direct()))
    }

    /// `out` is written by the thread and may block; `direct`, if any, is the same terminal opened
    /// not to block.
    fn over(out: impl Write + Send + 'static, direct: Option<std::fs::File>) -> TermOut {
        TermOut {
            frame: Vec::with_capacity(1 << 16),
            out: Arc::new(Mutex::new(Box::new(out))),
            tx: None,
            writer: None,
            direct,
            queued: Arc::new(AtomicUsize::new(0)),
            closed: false,
        }
    }

    /// Whether the writing thread was started (tests).
    #[cfg(test)]
    fn has_thread(&self) -> bool {
        self.writer.is_some()
    }

    fn start_thread(&mut self) -> io::Result<()> {
        let (tx, rx) = channel::<Vec<u8>>();
        let written = Arc::clone(&self.queued);
        let out = Arc::clone(&self.out);
        let writer = std::thread::Builder::new()
            .name("saualnama-tty".into())
            .spawn(move || {
                while let Ok(bytes) = rx.recv() {
                    let ok = out.lock().is_ok_and(|mut out| {
                        out.write_all(&bytes).and_then(|()| out.flush()).is_ok()
                    });
                    written.fetch_sub(1, Ordering::Release);
                    if !ok {
                        // The terminal is gone: nothing more can be shown.
                        break;
                    }
                }
            })?;
        self.tx = Some(tx);
        self.writer = Some(writer);
        Ok(())
    }

    fn hand_over(&mut self, frame: Vec<u8>) -> io::Result<()> {
        if self.writer.is_none() && self.start_thread().is_err() {
            // No thread to be had (the system's limit): written here, as a blocking write would
            // be by any program.
            let mut out = self.out.lock().map_err(|_| gone())?;
            return out.write_all(&frame).and_then(|()| out.flush());
        }
        self.queued.fetch_add(1, Ordering::AcqRel);
        match &self.tx {
            Some(tx) if tx.send(frame).is_ok() => Ok(()),
            _ => {
                self.queued.fetch_sub(1, Ordering::AcqRel);
                self.closed = true;
                Err(gone())
            }
        }
    }

    /// Write what the terminal takes without waiting: how many bytes that was.
    fn write_direct(&mut self, frame: &[u8]) -> usize {
        let Some(tty) = self.direct.as_mut() else {
            return 0;
        };
        if self.queued.load(Ordering::Acquire) != 0 {
            return 0;
        }
        let mut done = 0;
        while done < frame.len() {
            match tty.write(&frame[done..]) {
                Ok(0) => break,
                Ok(n) => done += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                // WouldBlock: the terminal is not reading now; anything else, and the thread finds
                // out and says so the way it always has.
                Err(_) => break,
            }
        }
        done
    }

    /// Wait until every frame handed over is written, so that what the teardown writes comes after
    /// them. On a terminal that does not read this waits; the signal path bounds it (see `mod`).
    pub fn finish(&mut self) {
        let _ = self.flush();
        self.closed = true;
        self.tx = None;
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}

fn gone() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the terminal is gone")
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
        if self.closed {
            return Err(gone());
        }
        let mut frame = std::mem::take(&mut self.frame);
        let done = self.write_direct(&frame);
        if done == frame.len() {
            frame.clear();
            self.frame = frame;
            return Ok(());
        }
        self.frame = Vec::with_capacity(1 << 12);
        frame.drain(..done);
        self.hand_over(frame)
    }
}

/// The terminal on standard output, opened a second time and not blocking; `None` where it cannot be
/// (not a terminal, or a terminal this account may not open, as after `su`): then the thread writes
/// every frame.
fn open_direct() -> Option<std::fs::File> {
    use std::io::IsTerminal;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    if !io::stdout().is_terminal() {
        return None;
    }
    let tty = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(nix::libc::O_NONBLOCK | nix::libc::O_NOCTTY | nix::libc::O_CLOEXEC)
        .open("/proc/self/fd/1")
        .ok()?;
    // The very device standard output is, not something that took its name in between.
    let same = |f: &std::fs::File| f.metadata().ok().map(|m| m.rdev());
    let stdout = std::fs::File::from(io::stdout().as_fd().try_clone_to_owned().ok()?);
    (same(&tty).is_some() && same(&tty) == same(&stdout)).then_some(tty)
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
        .map(|out| {
            let mut b = LeanBackend::new(out);
            b.watch_resizes();
            Screen::new(b)
        })
        .and_then(|mut screen| {
            let r = f(&mut screen);
            // Plain attributes and a visible cursor for whatever runs next in this terminal. With the
            // terminal gone (SSH dropped) this fails, and there is nothing to restore.
            let b = screen.backend_mut();
            let _ = b.reset_pen();
            let _ = b.show_cursor().and_then(|()| b.flush());
            b.out_mut().finish();
            r
        });
    disable_paste();
    let _ = ratatui::try_restore();
    let _ = std::panic::take_hook();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;

    /// A pipe of `size` bytes standing for a terminal, and its output written straight through a
    /// second, non-blocking opening of the pipe, as the editor opens the terminal twice.
    fn piped(size: i32) -> (std::os::fd::OwnedFd, TermOut) {
        let (r, w) = nix::unistd::pipe().unwrap();
        nix::fcntl::fcntl(&w, nix::fcntl::FcntlArg::F_SETPIPE_SZ(size)).unwrap();
        let direct = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(nix::libc::O_NONBLOCK)
            .open(format!("/proc/self/fd/{}", w.as_raw_fd()))
            .unwrap();
        (r, TermOut::over(std::fs::File::from(w), Some(direct)))
    }

    /// Frames written while the reader is slow, sometimes straight and sometimes by the thread, come
    /// out whole and in order. A pipe of 4 KiB stands for a terminal that reads in fits and starts.
    #[test]
    fn frames_come_out_whole_and_in_order_whoever_writes_them() {
        let (r, mut out) = piped(4096);
        let reader = std::thread::spawn(move || {
            let mut r = std::fs::File::from(r);
            let mut all = Vec::new();
            let mut buf = [0u8; 700];
            let mut k = 0u64;
            loop {
                k = k
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                if k >> 62 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(300));
                }
                match r.read(&mut buf[..1 + (k >> 33) as usize % 700]) {
                    Ok(0) | Err(_) => return all,
                    Ok(n) => all.extend_from_slice(&buf[..n]),
                }
            }
        });
        let mut want = Vec::new();
        for i in 0..400u32 {
            // Frames of a few bytes (a typed letter) to a few KiB (a whole redraw).
            let len = [3usize, 40, 900, 5000][(i % 7 % 4) as usize];
            let frame: Vec<u8> = (0..len).map(|j| (i as usize * 31 + j) as u8).collect();
            out.write_all(&frame).unwrap();
            out.flush().unwrap();
            want.extend_from_slice(&frame);
        }
        assert!(
            out.has_thread(),
            "the frames never waited: the test tests nothing"
        );
        out.finish();
        drop(out);
        let got = reader.join().unwrap();
        assert_eq!(got.len(), want.len());
        assert!(got == want, "the frames came out of order");
    }

    /// A terminal that takes every frame at once is written without a thread; one that cannot be
    /// written without blocking (no second opening) gets one, and every frame through it.
    #[test]
    fn the_thread_is_started_only_when_a_frame_waits() {
        let (r, mut out) = piped(1 << 16);
        for frame in [&b"\x1b[2J"[..], b"abc", &[b'x'; 3000]] {
            out.write_all(frame).unwrap();
            out.flush().unwrap();
        }
        assert!(!out.has_thread());
        out.finish();
        drop(out);
        let mut got = Vec::new();
        std::fs::File::from(r).read_to_end(&mut got).unwrap();
        assert_eq!(got.len(), 4 + 3 + 3000);

        let (r, w) = nix::unistd::pipe().unwrap();
        let mut out = TermOut::over(std::fs::File::from(w), None);
        out.write_all(b"frame").unwrap();
        out.flush().unwrap();
        assert!(out.has_thread());
        out.finish();
        assert!(out.flush().is_ok(), "nothing to write is no error");
        out.write_all(b"late").unwrap();
        assert!(out.flush().is_err(), "written after the end");
        drop(out);
        let mut got = Vec::new();
        std::fs::File::from(r).read_to_end(&mut got).unwrap();
        assert_eq!(got, b"frame");
    }
}
