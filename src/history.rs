//! Who entered what: every change of a report's stored answers, one JSON line each, appended to
//! `NAME.history.jsonl` beside `NAME.json` when the report is saved. Never rewritten; written and
//! fsynced after the report itself, so it names only what the report holds; a torn last line (a crash
//! mid-append) is left out on reading. A new history file takes the report's group and mode.

pub use crate::changes::{Entry, What};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// `report.json` → `report.history.jsonl`.
pub fn path_of(report: &Path) -> PathBuf {
    let stem = report
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    report.with_file_name(format!("{stem}.history.jsonl"))
}

/// Append `entries` (their user set to this process's) to the history of `report`, and fsync.
pub fn append(report: &Path, entries: &[Entry]) -> io::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let uid = nix::unistd::geteuid().as_raw();
    let user = crate::store::user_name_of(uid);
    let mut text = String::new();
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    for e in entries {
        let e = Entry {
            uid,
            user: user.clone(),
            time: if e.time.is_empty() {
                now.clone()
            } else {
                e.time.clone()
            },
            ..e.clone()
        };
        text += &serde_json::to_string(&e).map_err(io::Error::other)?;
        text.push('\n');
    }
    let path = path_of(report);
    let like = std::fs::metadata(report).ok();
    // As the lock: the report's group bits, and in a setgid folder the group may write — the
    // working group's history is written by each of them (`chmod 660 report.json` after the first
    // session must not leave the history the first user's alone).
    let group_folder = crate::store::in_group_folder(report);
    let mode = like.as_ref().map_or(0o600, |m| m.mode() & 0o660)
        | 0o600
        | if group_folder { 0o060 } else { 0 };
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .mode(mode)
        // A planted link must not make the history land in another file.
        .custom_flags(nix::libc::O_NOFOLLOW)
        .open(&path)?;
    let m = f.metadata()?;
    if !m.is_file() || m.nlink() > 1 {
        return Err(io::Error::other(format!(
            "{}: not a file of its own",
            path.display()
        )));
    }
    if m.uid() == nix::unistd::geteuid().as_raw() {
        // Ours (new or not): the report's group, and the mode above — the umask may have taken
        // bits off, and the report may have been shared since.
        if let Some(r) = &like {
            let _ = nix::unistd::fchown(&f, None, Some(nix::unistd::Gid::from_raw(r.gid())));
        }
        let _ = nix::sys::stat::fchmod(&f, nix::sys::stat::Mode::from_bits_truncate(mode));
    }
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

/// The history of `report`, oldest first; a last line cut short by a crash is left out.
pub fn read(report: &Path) -> io::Result<Vec<Entry>> {
    let path = path_of(report);
    let bytes = match crate::store::read_regular(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    let lines: Vec<&str> = text.split('\n').collect();
    for (n, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Entry>(line) {
            Ok(e) => out.push(e),
            // The last line without its newline: an append a crash cut short.
            Err(_) if n + 1 == lines.len() => {}
            Err(e) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}:{}: {e}", path.display(), n + 1),
                ));
            }
        }
    }
    Ok(out)
}
