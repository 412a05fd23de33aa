//! What the program writes for people outside the editor: messages on stderr and a command's output
//! on stdout, safe for a terminal (a report's control characters are shown, not obeyed) and for a
//! pipe (written as they are; a reader that goes away ends quietly).

use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

/// A message on stderr that never panics: when the terminal is gone (a dropped SSH connection),
/// eprintln! would, and take the exit path with it. Messages quote report data (names, answers), so
/// on a terminal their control characters are shown, not obeyed.
pub fn say(msg: std::fmt::Arguments) {
    use std::io::{IsTerminal, Write};
    let text = format!("{msg}\n");
    let err = std::io::stderr();
    let text = if err.is_terminal() {
        defang(&text)
    } else {
        text
    };
    let _ = err.lock().write_all(text.as_bytes());
}

/// Text made safe for a terminal: ESC, BEL and every other control character (but newline and tab)
/// written as a visible `^[`-style or `\u{..}` escape, so that a report's data cannot move the cursor,
/// retitle the window or worse (OSC sequences) on the screen of whoever prints it.
pub fn defang(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push((b'@' + c as u8) as char);
            }
            '\u{7f}' => out.push_str("^?"),
            c if ('\u{80}'..='\u{9f}').contains(&c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Write a command's output to stdout: to a terminal with control characters shown, not obeyed;
/// to a pipe or a file as it is. A reader that goes away (`| head`) ends it quietly; any other
/// failure (a full disk, `> /dev/full`) is said, with exit code 1.
pub fn emit(bytes: &[u8]) -> ExitCode {
    use std::io::{IsTerminal, Write};
    let out = std::io::stdout();
    let safe;
    let bytes = if out.is_terminal() {
        safe = defang(&String::from_utf8_lossy(bytes));
        safe.as_bytes()
    } else {
        bytes
    };
    let mut lock = out.lock();
    match lock.write_all(bytes).and_then(|()| lock.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            say(format_args!("saualnama: stdout: {e}"));
            ExitCode::from(1)
        }
    }
}

/// `text` cut into lines of at most `width` columns, at spaces where it can be (not at a no-break
/// space: what it joins stays on one line); a word longer than a line is cut by characters. For
/// text set in columns on a terminal: the consolidation's names, the editor's key list.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text
        .split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|w| !w.is_empty())
    {
        let last = lines.last_mut().expect("one line at least");
        let sep = usize::from(!last.is_empty());
        if last.width() + sep + word.width() <= width || last.is_empty() {
            if sep == 1 {
                last.push(' ');
            }
            last.push_str(word);
        } else {
            lines.push(word.to_owned());
        }
    }
    // A word longer than a line is cut by characters.
    lines
        .into_iter()
        .flat_map(|l| {
            let mut parts = vec![String::new()];
            for c in l.chars() {
                if parts.last().is_some_and(|p| p.width() >= width) {
                    parts.push(String::new());
                }
                parts.last_mut().expect("a part").push(c);
            }
            parts
        })
        .collect()
}
