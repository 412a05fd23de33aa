//! The keyboard, read from the terminal and decoded here rather than by crossterm's reader.
//!
//! crossterm 0.29 holds a bracketed paste until its end marker (`ESC [ 201 ~`) arrives, and waits for
//! it for ever: a paste whose end never came (a line that broke mid-paste, a terminal that drops the
//! marker, a `cat` of a file holding the start marker) swallowed every later key, and the user typed
//! into nothing. Here a paste that stalls ends: what came is the paste, and the keys after it are keys.
//!
//! The decoder is pure (bytes in, events out) and produces crossterm's own `Event`s, exactly as
//! crossterm's parser would for the sequences terminals send (xterm, PuTTY, Windows Terminal, the
//! Linux console, rxvt, tmux); the rest of the editor does not know the difference.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::Duration;

/// How long a lone `Esc` (or the start of any sequence) waits for the rest: over SSH one key's bytes
/// can come in two packets. Short enough that `Esc` feels immediate.
pub const SEQUENCE_WAIT: Duration = Duration::from_millis(40);

/// A paste with no byte for this long is over, marker or not. A terminal sends a paste at once; a
/// pause this long means its end is lost.
pub const PASTE_STALL: Duration = Duration::from_millis(800);

/// A paste larger than this is handed over in parts, so that memory stays bounded whatever comes.
const PASTE_PART: usize = 1 << 20;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Bytes in, events out. `settled` tells it that no more bytes are coming soon: an incomplete
/// sequence is then what it is (a lone `Esc`, a stalled paste) rather than the start of a longer one.
#[derive(Default)]
pub struct Decoder {
    buf: Vec<u8>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<Vec<u8>>,
}

enum Step {
    Event(Event, usize),
    /// Bytes that mean nothing to this editor (focus reports, mouse, unknown sequences).
    Skip(usize),
    PasteStart(usize),
    Need,
}

impl Decoder {
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes are held that do not make an event yet.
    pub fn pending(&self) -> bool {
        !self.buf.is_empty() || self.paste.is_some()
    }

    pub fn in_paste(&self) -> bool {
        self.paste.is_some()
    }

    pub fn next(&mut self, settled: bool) -> Option<Event> {
        loop {
            if let Some(paste) = &mut self.paste {
                if let Some(end) = find(&self.buf, PASTE_END) {
                    paste.extend_from_slice(&self.buf[..end]);
                    self.buf.drain(..end + PASTE_END.len());
                    let text = self.paste.take().unwrap_or_default();
                    return Some(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
                }
                // Keep what may be the first bytes of the end marker; take the rest.
                let keep = if settled {
                    0
                } else {
                    marker_prefix_at_end(&self.buf, PASTE_END)
                };
                let take = self.buf.len() - keep;
                paste.extend_from_slice(&self.buf[..take]);
                self.buf.drain(..take);
                if settled || paste.len() >= PASTE_PART {
                    let text = if settled {
                        self.paste.take().unwrap_or_default()
                    } else {
                        std::mem::take(paste)
                    };
                    if text.is_empty() {
                        continue;
                    }
                    return Some(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
                }
                return None;
            }
            if self.buf.is_empty() {
                return None;
            }
            match step(&self.buf, settled) {
                Step::Need => return None,
                Step::Skip(n) => {
                    self.buf.drain(..n.clamp(1, self.buf.len()));
                }
                Step::PasteStart(n) => {
                    self.buf.drain(..n);
                    self.paste = Some(Vec::new());
                }
                Step::Event(e, n) => {
                    self.buf.drain(..n);
                    return Some(e);
                }
            }
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The length of the longest end of `buf` that begins `marker`.
fn marker_prefix_at_end(buf: &[u8], marker: &[u8]) -> usize {
    (1..marker.len().min(buf.len() + 1))
        .rev()
        .find(|&n| buf.ends_with(&marker[..n]))
        .unwrap_or(0)
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new_with_kind(
        code,
        modifiers,
        KeyEventKind::Press,
    ))
}

/// A typed character, with Shift for a capital as crossterm reports it.
fn char_key(c: char) -> Event {
    let m = if c.is_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), m)
}

fn step(b: &[u8], settled: bool) -> Step {
    let need = |n: usize| if settled { Step::Skip(n) } else { Step::Need };
    match b[0] {
        0x1b => {
            let Some(&second) = b.get(1) else {
                return if settled {
                    Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1)
                } else {
                    Step::Need
                };
            };
            match second {
                b'[' => csi(b, settled),
                b'O' => match b.get(2) {
                    None if settled => Step::Event(key(KeyCode::Char('O'), alt_shift()), 2),
                    None => Step::Need,
                    Some(&c) => match ss3_key(c) {
                        Some(code) => Step::Event(key(code, KeyModifiers::NONE), 3),
                        None => Step::Skip(3),
                    },
                },
                // Esc pressed twice: two presses.
                0x1b => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
                // Alt with a key: the key's own bytes after the Esc.
                _ => match step(&b[1..], settled) {
                    Step::Event(Event::Key(mut k), n) => {
                        k.modifiers |= KeyModifiers::ALT;
                        Step::Event(Event::Key(k), n + 1)
                    }
                    Step::Need => Step::Need,
                    Step::Skip(n) | Step::Event(_, n) | Step::PasteStart(n) => Step::Skip(n + 1),
                },
            }
        }
        b'\r' => Step::Event(key(KeyCode::Enter, KeyModifiers::NONE), 1),
        b'\t' => Step::Event(key(KeyCode::Tab, KeyModifiers::NONE), 1),
        0x7f => Step::Event(key(KeyCode::Backspace, KeyModifiers::NONE), 1),
        0 => Step::Event(key(KeyCode::Char(' '), KeyModifiers::CONTROL), 1),
        // Raw mode: a line feed is Ctrl-J, as crossterm has it.
        c @ 0x01..=0x1a => Step::Event(
            key(KeyCode::Char((c - 1 + b'a') as char), KeyModifiers::CONTROL),
            1,
        ),
        c @ 0x1c..=0x1f => Step::Event(
            key(
                KeyCode::Char((c - 0x1c + b'4') as char),
                KeyModifiers::CONTROL,
            ),
            1,
        ),
        c if c < 0x80 => Step::Event(char_key(c as char), 1),
        lead => {
            let len = match lead {
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf4 => 4,
                _ => return Step::Skip(1),
            };
            if b.len() < len {
                // Only continuation bytes may follow; anything else is a broken character.
                if b[1..].iter().any(|&x| x & 0xc0 != 0x80) {
                    return Step::Skip(1);
                }
                return need(b.len());
            }
            match std::str::from_utf8(&b[..len]) {
                Ok(s) => match s.chars().next() {
                    Some(c) => Step::Event(char_key(c), len),
                    None => Step::Skip(len),
                },
                Err(_) => Step::Skip(1),
            }
        }
    }
}

fn alt_shift() -> KeyModifiers {
    KeyModifiers::ALT | KeyModifiers::SHIFT
}

fn ss3_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P'..=b'S' => KeyCode::F(1 + c - b'P'),
        _ => return None,
    })
}

/// A sequence longer than this is not one a terminal sends for a key.
const CSI_MAX: usize = 64;

fn csi(b: &[u8], settled: bool) -> Step {
    // ESC [ then parameter bytes (0x30–0x3f), intermediate bytes (0x20–0x2f), one final (0x40–0x7e).
    if b.len() == 2 {
        return if settled {
            Step::Event(key(KeyCode::Char('['), KeyModifiers::ALT), 2)
        } else {
            Step::Need
        };
    }
    // The Linux console's F1–F5: ESC [ [ A … E.
    if b[2] == b'[' {
        return match b.get(3) {
            None if settled => Step::Skip(3),
            None => Step::Need,
            Some(&c @ b'A'..=b'E') => {
                Step::Event(key(KeyCode::F(1 + c - b'A'), KeyModifiers::NONE), 4)
            }
            Some(_) => Step::Skip(4),
        };
    }
    let Some(end) = b[2..].iter().position(|c| !(0x20..=0x3f).contains(c)) else {
        return if settled || b.len() > CSI_MAX {
            Step::Skip(b.len())
        } else {
            Step::Need
        };
    };
    let end = end + 2;
    let last = b[end];
    if !(0x40..=0x7e).contains(&last) {
        // Not a sequence after all: drop what was read of it, the byte that broke it is read anew.
        return Step::Skip(end);
    }
    let n = end + 1;
    let params = &b[2..end];
    if &b[..n] == PASTE_START {
        return Step::PasteStart(n);
    }
    // Private sequences (mouse, reports, kitty's flags) mean nothing here.
    if params
        .first()
        .is_some_and(|c| matches!(c, b'<' | b'=' | b'>' | b'?'))
    {
        return Step::Skip(n);
    }
    let Ok(params) = std::str::from_utf8(params) else {
        return Step::Skip(n);
    };
    let mut fields = params.split(';');
    let first = fields.next().unwrap_or("");
    let modifiers = fields
        .next()
        .and_then(|m| m.split(':').next())
        .and_then(|m| m.parse::<u8>().ok())
        .map_or(KeyModifiers::NONE, modifiers_of);
    let code = match last {
        b'~' => match first.parse::<u8>() {
            Ok(1 | 7) => KeyCode::Home,
            Ok(2) => KeyCode::Insert,
            Ok(3) => KeyCode::Delete,
            Ok(4 | 8) => KeyCode::End,
            Ok(5) => KeyCode::PageUp,
            Ok(6) => KeyCode::PageDown,
            Ok(v @ 11..=15) => KeyCode::F(v - 10),
            Ok(v @ 17..=21) => KeyCode::F(v - 11),
            Ok(v @ 23..=26) => KeyCode::F(v - 12),
            Ok(v @ 28..=29) => KeyCode::F(v - 15),
            Ok(v @ 31..=34) => KeyCode::F(v - 17),
            _ => return Step::Skip(n),
        },
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        // F3 with modifiers is `1;mR`; any other `row;colR` is a cursor position report.
        b'R' if params.is_empty() || first == "1" => KeyCode::F(3),
        b'R' => return Step::Skip(n),
        b'S' => KeyCode::F(4),
        b'Z' => return Step::Event(key(KeyCode::BackTab, KeyModifiers::SHIFT), n),
        // CSI u: a key by its code point, as terminals with the "fixterms" encoding send Ctrl-Enter
        // and the like.
        b'u' => {
            let Some(c) = first.parse::<u32>().ok().and_then(char::from_u32) else {
                return Step::Skip(n);
            };
            let code = match c {
                '\r' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                '\x1b' => KeyCode::Esc,
                '\x7f' => KeyCode::Backspace,
                c if c.is_control() => return Step::Skip(n),
                c => KeyCode::Char(c),
            };
            return Step::Event(key(code, modifiers), n);
        }
        _ => return Step::Skip(n),
    };
    Step::Event(key(code, modifiers), n)
}

fn modifiers_of(mask: u8) -> KeyModifiers {
    let bits = mask.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    for (bit, flag) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            m |= flag;
        }
    }
    m
}

#[cfg(unix)]
pub use tty::TtyInput;

#[cfg(unix)]
mod tty {
    use super::{Decoder, PASTE_STALL, SEQUENCE_WAIT};
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use ratatui::crossterm::event::Event;
    use std::fs::File;
    use std::io::{self, IsTerminal};
    use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    /// The terminal's keyboard: the controlling terminal read with `poll` and `read`, decoded by
    /// `Decoder`, with window size changes (SIGWINCH) as `Event::Resize`.
    pub struct TtyInput {
        tty: Option<OwnedFd>,
        /// Which of the `wake` descriptors the last wait ended on (see `woke`).
        woken: Vec<bool>,
        decoder: Decoder,
        last_byte: Instant,
        resized: Arc<AtomicBool>,
        winch: Option<signal_hook::SigId>,
    }

    impl TtyInput {
        pub fn open() -> io::Result<TtyInput> {
            // Standard input when it is the terminal; otherwise the controlling terminal itself.
            let tty = if io::stdin().is_terminal() {
                None
            } else {
                Some(File::open("/dev/tty")?.into())
            };
            let resized = Arc::new(AtomicBool::new(false));
            let winch =
                signal_hook::flag::register(signal_hook::consts::SIGWINCH, resized.clone()).ok();
            Ok(TtyInput {
                tty,
                woken: Vec::new(),
                decoder: Decoder::default(),
                last_byte: Instant::now(),
                resized,
                winch,
            })
        }

        /// Whether the last `next` ended because `wake[i]` became readable.
        pub fn woke(&self, i: usize) -> bool {
            self.woken.get(i).copied().unwrap_or(false)
        }

        fn fd(&self) -> BorrowedFd<'_> {
            match &self.tty {
                Some(fd) => fd.as_fd(),
                // SAFETY: standard input stays open for the life of the process.
                None => unsafe { BorrowedFd::borrow_raw(io::stdin().as_raw_fd()) },
            }
        }

        /// The next event, waiting at most `timeout` (none: until something happens; a zero timeout
        /// still reads what has come). `Ok(None)` when nothing came, when `wake` became readable
        /// (the save thread has news), or when a signal interrupted the wait (so that the caller sees
        /// it at once). An error when the terminal is gone.
        pub fn next(
            &mut self,
            timeout: Option<Duration>,
            wake: &[BorrowedFd<'_>],
        ) -> io::Result<Option<Event>> {
            self.woken.clear();
            let deadline = timeout.map(|t| Instant::now() + t);
            loop {
                if self.resized.swap(false, Ordering::Relaxed) {
                    let (w, h) = ratatui::crossterm::terminal::size()?;
                    return Ok(Some(Event::Resize(w, h)));
                }
                if let Some(e) = self.decoder.next(false) {
                    return Ok(Some(e));
                }
                let now = Instant::now();
                let settle_at = self.decoder.pending().then(|| {
                    self.last_byte
                        + if self.decoder.in_paste() {
                            PASTE_STALL
                        } else {
                            SEQUENCE_WAIT
                        }
                });
                if settle_at.is_some_and(|at| now >= at) {
                    if let Some(e) = self.decoder.next(true) {
                        return Ok(Some(e));
                    }
                    continue;
                }
                let until = match (settle_at, deadline) {
                    (Some(a), Some(d)) => Some(a.min(d)),
                    (a, d) => a.or(d),
                };
                // Rounded up: a wait rounded down to 0 ms would spin until the moment comes.
                let wait = match until {
                    Some(u) => PollTimeout::from(
                        u.saturating_duration_since(now)
                            .as_micros()
                            .div_ceil(1000)
                            .min(60_000) as u16,
                    ),
                    None => PollTimeout::NONE,
                };
                let mut fds = vec![PollFd::new(self.fd(), PollFlags::POLLIN)];
                fds.extend(wake.iter().map(|w| PollFd::new(*w, PollFlags::POLLIN)));
                match poll(&mut fds, wait) {
                    Err(nix::errno::Errno::EINTR) => {
                        if self.resized.load(Ordering::Relaxed) {
                            continue;
                        }
                        return Ok(None);
                    }
                    Err(e) => return Err(e.into()),
                    Ok(0) => {
                        let past = deadline.is_some_and(|d| Instant::now() >= d);
                        if past && settle_at.is_none_or(|at| deadline.is_some_and(|d| d < at)) {
                            return Ok(None);
                        }
                    }
                    Ok(_) => {
                        let woken: Vec<bool> = fds[1..]
                            .iter()
                            .map(|f| f.revents().is_some_and(|r| !r.is_empty()))
                            .collect();
                        let revents = fds[0].revents().unwrap_or(PollFlags::empty());
                        drop(fds);
                        if woken.contains(&true) {
                            self.woken = woken;
                            return Ok(None);
                        }
                        if revents.contains(PollFlags::POLLIN) {
                            let mut bytes = [0u8; 4096];
                            match nix::unistd::read(self.fd(), &mut bytes) {
                                Ok(0) => return Err(gone()),
                                Ok(n) => {
                                    self.decoder.feed(&bytes[..n]);
                                    self.last_byte = Instant::now();
                                }
                                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => {}
                                Err(e) => return Err(e.into()),
                            }
                        } else if !revents.is_empty() {
                            // POLLHUP, POLLERR, POLLNVAL: the terminal hung up.
                            return Err(gone());
                        }
                    }
                }
            }
        }
    }

    fn gone() -> io::Error {
        io::Error::new(io::ErrorKind::UnexpectedEof, "the terminal is gone")
    }

    impl Drop for TtyInput {
        fn drop(&mut self) {
            if let Some(id) = self.winch.take() {
                signal_hook::low_level::unregister(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(chunks: &[&[u8]]) -> Vec<Event> {
        let mut d = Decoder::default();
        let mut out = Vec::new();
        for c in chunks {
            d.feed(c);
            while let Some(e) = d.next(false) {
                out.push(e);
            }
        }
        while let Some(e) = d.next(true) {
            out.push(e);
        }
        out
    }

    fn k(code: KeyCode) -> Event {
        key(code, KeyModifiers::NONE)
    }

    fn km(code: KeyCode, m: KeyModifiers) -> Event {
        key(code, m)
    }

    #[test]
    fn the_keys_terminals_send() {
        let cases: &[(&[u8], Event)] = &[
            (b"\x1b[A", k(KeyCode::Up)),
            (b"\x1bOB", k(KeyCode::Down)),
            (b"\x1b[1;5C", km(KeyCode::Right, KeyModifiers::CONTROL)),
            (b"\x1b[1~", k(KeyCode::Home)),
            (b"\x1b[4~", k(KeyCode::End)),
            (b"\x1b[7~", k(KeyCode::Home)),
            (b"\x1b[H", k(KeyCode::Home)),
            (b"\x1bOF", k(KeyCode::End)),
            (b"\x1b[3~", k(KeyCode::Delete)),
            (b"\x1b[5~", k(KeyCode::PageUp)),
            (b"\x1b[6;2~", km(KeyCode::PageDown, KeyModifiers::SHIFT)),
            (b"\x1bOP", k(KeyCode::F(1))),
            (b"\x1b[11~", k(KeyCode::F(1))),
            (b"\x1b[[A", k(KeyCode::F(1))),
            (b"\x1b[24~", k(KeyCode::F(12))),
            (b"\x1b[1;2R", km(KeyCode::F(3), KeyModifiers::SHIFT)),
            (b"\x1b[Z", km(KeyCode::BackTab, KeyModifiers::SHIFT)),
            (b"\x1b[13;5u", km(KeyCode::Enter, KeyModifiers::CONTROL)),
            (b"\r", k(KeyCode::Enter)),
            (b"\t", k(KeyCode::Tab)),
            (b"\x7f", k(KeyCode::Backspace)),
            (b"\x08", km(KeyCode::Char('h'), KeyModifiers::CONTROL)),
            (b"\x11", km(KeyCode::Char('q'), KeyModifiers::CONTROL)),
            (b"\x1f", km(KeyCode::Char('7'), KeyModifiers::CONTROL)),
            (b"\0", km(KeyCode::Char(' '), KeyModifiers::CONTROL)),
            (b"\x1bx", km(KeyCode::Char('x'), KeyModifiers::ALT)),
            (
                "\x1bә".as_bytes(),
                km(KeyCode::Char('ә'), KeyModifiers::ALT),
            ),
            (b"\x1b", k(KeyCode::Esc)),
            (b"a", k(KeyCode::Char('a'))),
            (b"A", km(KeyCode::Char('A'), KeyModifiers::SHIFT)),
            ("Ө".as_bytes(), km(KeyCode::Char('Ө'), KeyModifiers::SHIFT)),
            ("ң".as_bytes(), k(KeyCode::Char('ң'))),
        ];
        for (bytes, want) in cases {
            assert_eq!(decode_all(&[bytes]), vec![want.clone()], "{bytes:?}");
        }
    }

    #[test]
    fn a_key_split_across_reads_is_one_key() {
        assert_eq!(decode_all(&[b"\x1b", b"[", b"B"]), vec![k(KeyCode::Down)]);
        let ka = "қа".as_bytes();
        assert_eq!(
            decode_all(&[&ka[..1], &ka[1..3], &ka[3..]]),
            vec![k(KeyCode::Char('қ')), k(KeyCode::Char('а'))]
        );
    }

    #[test]
    fn noise_is_dropped_and_what_follows_is_read() {
        // Focus reports, a mouse report, a cursor position report, a broken UTF-8 byte.
        let got = decode_all(&[b"\x1b[I\x1b[<0;3;4M\x1b[12;40R\xffa\x1b[O"]);
        assert_eq!(got, vec![k(KeyCode::Char('a'))]);
    }

    #[test]
    fn a_paste_is_one_event_whatever_the_reads() {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice("Бірінші жол\r\nЕкінші\x1b[A".as_bytes());
        bytes.extend_from_slice(b"\x1b[201~x");
        let want = vec![
            Event::Paste("Бірінші жол\r\nЕкінші\x1b[A".into()),
            k(KeyCode::Char('x')),
        ];
        for cut in 1..bytes.len() {
            assert_eq!(
                decode_all(&[&bytes[..cut], &bytes[cut..]]),
                want,
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_paste_that_never_ends_gives_the_keys_back() {
        let mut d = Decoder::default();
        d.feed("\x1b[200~мәтін".as_bytes());
        assert_eq!(d.next(false), None, "a paste is waited for while it comes");
        assert!(d.in_paste());
        // No end marker, and the line is quiet: the paste is over.
        assert_eq!(d.next(true), Some(Event::Paste("мәтін".into())));
        assert!(!d.pending());
        d.feed(b"\x11");
        assert_eq!(
            d.next(false),
            Some(km(KeyCode::Char('q'), KeyModifiers::CONTROL))
        );
    }

    #[test]
    fn a_huge_paste_comes_in_parts() {
        let mut d = Decoder::default();
        d.feed(PASTE_START);
        d.feed(&vec![b'a'; PASTE_PART + 10]);
        let Some(Event::Paste(first)) = d.next(false) else {
            panic!("a part is handed over")
        };
        assert_eq!(first.len(), PASTE_PART + 10);
        d.feed(b"bc\x1b[201~");
        assert_eq!(d.next(false), Some(Event::Paste("bc".into())));
    }

    proptest::proptest! {
        /// Whatever bytes come, in whatever reads: no panic, and everything is consumed.
        #[test]
        fn any_bytes_any_reads(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
                               cuts in proptest::collection::vec(0usize..200, 0..6)) {
            let mut d = Decoder::default();
            let mut at = 0;
            let mut cuts = cuts;
            cuts.sort();
            for c in cuts {
                let c = c.min(bytes.len());
                if c > at {
                    d.feed(&bytes[at..c]);
                    at = c;
                    while d.next(false).is_some() {}
                }
            }
            d.feed(&bytes[at..]);
            while d.next(false).is_some() {}
            let mut guard = 0;
            while d.next(true).is_some() {
                guard += 1;
                proptest::prop_assert!(guard < 1000);
            }
            proptest::prop_assert!(!d.pending());
        }

        /// Keys typed in any reads decode the same as typed at once.
        #[test]
        fn reads_do_not_change_keys(keys in proptest::collection::vec(0usize..12, 1..30),
                                    cut in 0usize..200) {
            const K: [&str; 12] = ["a", "ә", "Ү", "\x1b[A", "\x1bOP", "\x1b[3~", "\r", "\x7f",
                                   "\x1b[1;5D", "\x11", "\x1bx", "€"];
            let bytes: Vec<u8> = keys.iter().flat_map(|&i| K[i].bytes()).collect();
            let cut = cut.min(bytes.len());
            proptest::prop_assert_eq!(decode_all(&[&bytes]), decode_all(&[&bytes[..cut], &bytes[cut..]]));
            proptest::prop_assert_eq!(decode_all(&[&bytes]).len(), keys.len());
        }
    }
}
