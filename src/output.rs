//! What the program writes for people outside the editor: messages on stderr and a command's output
//! on stdout, safe for a terminal (a report's control characters are shown, not obeyed) and for a
//! pipe (written as they are; a reader that goes away ends quietly).

use std::process::ExitCode;

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
