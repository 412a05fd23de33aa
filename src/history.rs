//! Who entered what: every change of a report's stored answers, one JSON line each, appended to
//! `NAME.history.jsonl` beside `NAME.json` when the report is saved. Never rewritten; written and
//! fsynced after the report itself, so it names only what the report holds; a torn last line (a crash
//! mid-append) is left out on reading. A new history file takes the report's group and mode.

use crate::session::Slot;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// One change, as the history keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// When (RFC 3339, to the second).
    pub time: String,
    /// Who, by the operating system's account (uid and its name, LDAP users too).
    pub uid: u32,
    pub user: String,
    pub what: What,
    /// The annex (absent for the header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The item, numbered from 1 as the form numbers them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// The field (absent for an item's name and for changes of whole items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// An answer, a header field or an item's name set or cleared.
    Set,
    ItemAdded,
    /// An item deleted; `old` is all it held.
    ItemRemoved,
    /// An item moved; `item` is where from, `new` where to (both from 1).
    ItemMoved,
}

impl Entry {
    /// A value set in `slot` (the user filled in by the writer).
    pub fn set(time: String, slot: &Slot, old: Option<Value>, new: Option<Value>) -> Entry {
        let (section, item, field) = match slot {
            Slot::Header { field } => (None, None, Some(field.clone())),
            Slot::ItemName { section, item } => (Some(section.clone()), Some(item + 1), None),
            Slot::Answer {
                section,
                item,
                field,
            } => (
                Some(section.clone()),
                item.map(|i| i + 1),
                Some(field.clone()),
            ),
        };
        Entry {
            time,
            uid: 0,
            user: String::new(),
            what: What::Set,
            section,
            item,
            field,
            old,
            new,
        }
    }

    /// A change of a whole item (`item` from 0).
    pub fn item(time: String, what: What, section: &str, item: usize) -> Entry {
        Entry {
            time,
            uid: 0,
            user: String::new(),
            what,
            section: Some(section.to_owned()),
            item: Some(item + 1),
            field: None,
            old: None,
            new: None,
        }
    }
}

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
    for e in entries {
        let e = Entry {
            uid,
            user: user.clone(),
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
    let dir = match report.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let group_folder =
        std::fs::metadata(&dir).is_ok_and(|m| m.mode() & 0o2000 != 0 && m.mode() & 0o020 != 0);
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
