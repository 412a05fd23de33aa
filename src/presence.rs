//! Who is filling a report, and where: a working group fills one report at once, each member in a
//! part of it (the header, a single annex, or one item of a repeatable annex), and a part is
//! written by one of them at a time.
//!
//! All of it lives in the report's lock file (`report.json.lock`) as byte-range locks of the open
//! file description (`F_OFD_SETLK`): the kernel drops them with the process, so a crash or `kill -9`
//! never leaves a stale one, and they work between the OS users of one group.
//! - byte 0 is held, briefly, by a save (read, merge, write; see `store::save_merged`);
//! - byte 1 is held, briefly, while an editor checks and claims a part;
//! - each editor holds one slot (`SLOTS_AT + k·SLOT_LEN`) for its whole session, and writes in it
//!   who it is and which part it is in. A record counts only while its slot is held: a crashed
//!   editor's record is left behind as text and ignored.

use crate::store::{LockError, lock_path, user_name_of};
use nix::fcntl::{FcntlArg, fcntl};
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SAVE_BYTE: i64 = 0;
const ENTER_BYTE: i64 = 1;
const SLOTS_AT: u64 = 4096;
const SLOT_LEN: u64 = 512;
/// More than any working group; past it, an editor opens the report read-only.
pub const MAX_EDITORS: usize = 64;

/// A part of a report that one editor writes at a time.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Header,
    /// A single (not repeatable) annex.
    Annex(String),
    /// One item of a repeatable annex: the annex and the item's id.
    Item(String, String),
}

impl Part {
    pub fn key(&self) -> String {
        match self {
            Part::Header => "header".into(),
            Part::Annex(s) => format!("annex:{s}"),
            Part::Item(s, id) => format!("item:{s}:{id}"),
        }
    }

    pub fn parse(key: &str) -> Option<Part> {
        if key == "header" {
            return Some(Part::Header);
        }
        if let Some(s) = key.strip_prefix("annex:") {
            return Some(Part::Annex(s.to_owned()));
        }
        let (s, id) = key.strip_prefix("item:")?.split_once(':')?;
        Some(Part::Item(s.to_owned(), id.to_owned()))
    }
}

/// What an editor says of itself in its slot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub user: String,
    pub uid: u32,
    pub pid: u32,
    /// When this editor opened the report.
    pub since: String,
    /// The part it is in (see `Part::key`), and since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered: Option<String>,
}

impl Record {
    pub fn part(&self) -> Option<Part> {
        self.part.as_deref().and_then(Part::parse)
    }

    /// «alice (с 10:42)», «alice (10:42-ден бастап)» in the reader's language.
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        crate::ui_text::Ui::Holder
            .get(lang)
            .replace("{user}", &self.user)
            .replace("{since}", &self.since_text(lang))
    }

    /// Since when it is in its part, as the reader's language says it: «10:42», in Kazakh with the
    /// ablative ending the spoken time takes («10:42-ден»).
    pub fn since_text(&self, lang: crate::i18n::Lang) -> String {
        let t = clock_time(self.entered.as_deref().unwrap_or(&self.since));
        match lang {
            crate::i18n::Lang::Kk => format!("{t}-{}", kazakh_ablative(&t)),
            _ => t,
        }
    }
}

/// «10:42» of an RFC 3339 stamp (the day is today's while someone holds a part); as it is otherwise.
fn clock_time(stamp: &str) -> String {
    stamp
        .split_once('T')
        .map(|(_, t)| t.get(..5).unwrap_or(t).to_owned())
        .unwrap_or_else(|| stamp.to_owned())
}

/// The ablative ending of a clock time read aloud in Kazakh: the last word spoken decides it
/// («он екі» → -ден, «отыз» → -дан, «қырық» → -тан, «он» → -нан).
fn kazakh_ablative(time: &str) -> &'static str {
    let n: u32 = time
        .rsplit(':')
        .find(|p| {
            p.trim_start_matches('0')
                .parse::<u32>()
                .is_ok_and(|v| v > 0)
        })
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    let by_ones = [
        "ден", "ден", "ден", "тен", "тен", "тен", "дан", "ден", "ден", "дан",
    ];
    match (n % 10, n / 10 % 10) {
        (0, 1) => "нан",
        (0, 2 | 3) => "дан",
        (0, 4) => "тан",
        (0, 5) => "ден",
        (0, _) => "ден",
        (d, _) => by_ones[d as usize],
    }
}

fn range(kind: i16, start: i64, len: i64) -> nix::libc::flock {
    // SAFETY: flock is plain data; every field that matters is set below, the rest must be zero
    // (l_pid must be 0 for OFD locks).
    let mut l: nix::libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = kind;
    l.l_whence = nix::libc::SEEK_SET as i16;
    l.l_start = start;
    l.l_len = len;
    l
}

fn try_lock(f: &File, start: i64) -> io::Result<bool> {
    match fcntl(
        f,
        FcntlArg::F_OFD_SETLK(&range(nix::libc::F_WRLCK as i16, start, 1)),
    ) {
        Ok(_) => Ok(true),
        Err(nix::errno::Errno::EAGAIN | nix::errno::Errno::EACCES) => Ok(false),
        Err(e) => Err(io::Error::from(e)),
    }
}

fn unlock(f: &File, start: i64) {
    let _ = fcntl(
        f,
        FcntlArg::F_OFD_SETLK(&range(nix::libc::F_UNLCK as i16, start, 1)),
    );
}

/// Whether another open file description holds byte `start`.
fn held_elsewhere(f: &File, start: i64) -> bool {
    let mut l = range(nix::libc::F_WRLCK as i16, start, 1);
    fcntl(f, FcntlArg::F_OFD_GETLK(&mut l)).is_ok() && l.l_type != nix::libc::F_UNLCK as i16
}

/// Take byte `start` within `wait`, trying every few milliseconds (never blocking for ever on a
/// colleague's process that stopped while holding it).
fn lock_within(f: &File, start: i64, wait: Duration) -> io::Result<()> {
    let t = Instant::now();
    loop {
        if try_lock(f, start)? {
            return Ok(());
        }
        if t.elapsed() >= wait {
            return Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                "another editor's save holds the report",
            ));
        }
        std::thread::sleep(Duration::from_millis(3));
    }
}

/// Held while a save reads, merges and writes the report; released when dropped.
pub struct SaveGuard<'a>(&'a File);

impl Drop for SaveGuard<'_> {
    fn drop(&mut self) {
        unlock(self.0, SAVE_BYTE);
    }
}

/// Take the report for one save (see the module's note): within `wait`, or an error to retry later.
pub fn lock_for_save(lock: &File, wait: Duration) -> io::Result<SaveGuard<'_>> {
    lock_within(lock, SAVE_BYTE, wait)?;
    Ok(SaveGuard(lock))
}

fn slot_at(k: usize) -> u64 {
    SLOTS_AT + k as u64 * SLOT_LEN
}

fn read_slot(f: &File, k: usize) -> Option<Record> {
    let mut buf = vec![0u8; SLOT_LEN as usize];
    let n = f.read_at(&mut buf, slot_at(k)).ok()?;
    let text = std::str::from_utf8(&buf[..n]).ok()?;
    serde_json::from_str(text.trim_matches(|c: char| c == '\0' || c.is_whitespace())).ok()
}

/// The live records in the lock file `f` but the one in slot `mine`.
fn live(f: &File, mine: Option<usize>) -> Vec<Record> {
    let len = f.metadata().map_or(0, |m| m.len());
    (0..MAX_EDITORS)
        .take_while(|k| slot_at(*k) < len)
        .filter(|k| Some(*k) != mine && held_elsewhere(f, slot_at(*k) as i64))
        .filter_map(|k| read_slot(f, k))
        .collect()
}

/// This editor's place among the others: its slot in the lock file, held while it lives.
#[derive(Debug)]
pub struct Presence {
    file: Arc<File>,
    pub path: PathBuf,
    slot: usize,
    me: Record,
}

impl Presence {
    /// Join the editors of the report at `report` (already resolved to the real file). The lock file
    /// is opened without following a link, must be a regular file with no other name, owned by this
    /// user, root, the report's owner or the report's group; a new one gets the report's group and
    /// its group bits, so that colleagues who may write the report may also join.
    pub fn join(report: &Path, now: &str) -> Result<Presence, LockError> {
        let (file, path) = open_lock_file(report)?;
        let uid = nix::unistd::geteuid().as_raw();
        let me = Record {
            user: user_name_of(uid),
            uid,
            pid: std::process::id(),
            since: now.to_owned(),
            part: None,
            entered: None,
        };
        lock_within(&file, ENTER_BYTE, Duration::from_secs(2)).map_err(LockError::Io)?;
        let slot = (0..MAX_EDITORS).find(|k| try_lock(&file, slot_at(*k) as i64).unwrap_or(false));
        let p = slot.map(|slot| Presence {
            file: Arc::new(file),
            path,
            slot,
            me,
        });
        if let Some(p) = &p {
            p.write_record();
            unlock(&p.file, ENTER_BYTE);
        }
        p.ok_or(LockError::Held(format!("{MAX_EDITORS} editors")))
    }

    fn write_record(&self) {
        let mut text = serde_json::to_string(&self.me).unwrap_or_default();
        // A name too long for the slot is cut where the record still parses as far as it must.
        text.truncate(SLOT_LEN as usize - 1);
        let mut bytes = text.into_bytes();
        bytes.resize(SLOT_LEN as usize - 1, b' ');
        bytes.push(b'\n');
        // On a full disk the record may not fit: the part is still held (by the byte lock), only
        // its holder goes unnamed.
        let _ = self.file.write_at(&bytes, slot_at(self.slot));
    }

    /// The lock file, for the saves (byte 0 only: the slot's and part's bytes are this editor's).
    pub fn file(&self) -> Arc<File> {
        Arc::clone(&self.file)
    }

    /// Move into `part` (None: nowhere in particular). When someone else is in it, their record
    /// comes back and this editor is in no part.
    pub fn enter(&mut self, part: Option<&Part>, now: &str) -> Result<(), Record> {
        let key = part.map(Part::key);
        if self.me.part == key {
            return Ok(());
        }
        if lock_within(&self.file, ENTER_BYTE, Duration::from_millis(500)).is_err() {
            // A colleague's editor stopped while claiming: better to say nothing than to hang.
            return Ok(());
        }
        let holder = key.as_ref().and_then(|k| {
            live(&self.file, Some(self.slot))
                .into_iter()
                .find(|r| r.part.as_ref() == Some(k))
        });
        let before = self.me.clone();
        let r = match holder {
            Some(h) => {
                self.me.part = None;
                self.me.entered = None;
                Err(h)
            }
            None => {
                self.me.part = key;
                self.me.entered = Some(now.to_owned());
                Ok(())
            }
        };
        // Written only when it changes: every write wakes the colleagues' editors (and this one).
        if self.me != before {
            self.write_record();
        }
        unlock(&self.file, ENTER_BYTE);
        r
    }

    /// The part this editor holds.
    pub fn current(&self) -> Option<Part> {
        self.me.part()
    }

    /// Who else is in `part`, without moving there.
    pub fn holder_of(&self, part: &Part) -> Option<Record> {
        let key = part.key();
        live(&self.file, Some(self.slot))
            .into_iter()
            .find(|r| r.part.as_ref() == Some(&key))
    }

    /// The other editors of the report, and where they are.
    pub fn others(&self) -> Vec<Record> {
        live(&self.file, Some(self.slot))
    }

    /// Whether the lock file at its path is still the one this editor joined: deleted or replaced,
    /// a second group of editors could form around a new one.
    pub fn intact(&self) -> bool {
        match (self.file.metadata(), std::fs::symlink_metadata(&self.path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
}

/// Who has the report at `report` open now, for a command without a terminal to say; creates
/// nothing.
pub fn editors(report: &Path) -> Vec<Record> {
    let lock = lock_path(report);
    OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_NONBLOCK)
        .open(&lock)
        .ok()
        .filter(|f| f.metadata().is_ok_and(|m| m.is_file()))
        .map(|f| live(&f, None))
        .unwrap_or_default()
}

fn open_lock_file(session: &Path) -> Result<(File, PathBuf), LockError> {
    let path = lock_path(session);
    let report = std::fs::metadata(session).ok();
    // Colleagues who may write the report must be able to join it: the lock file gets the report's
    // group bits, and in a setgid folder the group may write (a working group's folder, where a new
    // report's first lock is taken before anyone shares the report). It holds only who is where.
    let group_folder = crate::store::in_group_folder(session);
    let group_bits =
        report.as_ref().map_or(0, |m| m.mode() & 0o060) | if group_folder { 0o060 } else { 0 };
    let existed = std::fs::symlink_metadata(&path).is_ok();
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600 | group_bits)
        .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_NONBLOCK | nix::libc::O_CLOEXEC)
        .open(&path);
    let file = match file {
        Ok(f) => f,
        Err(e) if e.raw_os_error() == Some(nix::libc::ELOOP) => {
            return Err(LockError::Unsafe(format!(
                "{} is a symbolic link",
                path.display()
            )));
        }
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && existed => {
            let m = std::fs::symlink_metadata(&path).map_err(LockError::Io)?;
            return Err(LockError::Denied {
                owner: user_name_of(m.uid()),
                mode: m.mode() & 0o7777,
            });
        }
        Err(e) => return Err(LockError::Io(e)),
    };
    let m = file.metadata().map_err(LockError::Io)?;
    let me = nix::unistd::geteuid().as_raw();
    if !m.is_file() {
        return Err(LockError::Unsafe(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    if m.nlink() != 1 {
        return Err(LockError::Unsafe(format!(
            "{} has {} names (a hard link)",
            path.display(),
            m.nlink()
        )));
    }
    let sensible = m.uid() == me
        || m.uid() == 0
        || report
            .as_ref()
            .is_some_and(|r| r.uid() == m.uid() || r.gid() == m.gid());
    if !sensible {
        return Err(LockError::Unsafe(format!(
            "{} belongs to {}, who has nothing to do with the report",
            path.display(),
            user_name_of(m.uid())
        )));
    }
    if m.len() > SLOTS_AT + MAX_EDITORS as u64 * SLOT_LEN {
        // Not a lock file of ours (nor anything it would be safe to write slots into).
        return Err(LockError::Unsafe(format!(
            "{} is {} bytes, larger than a lock file",
            path.display(),
            m.len()
        )));
    }
    if !existed || m.uid() == me {
        // The umask must not take the group bits colleagues need, nor an older lock keep fewer
        // than the report has now (`chmod 660 report.json` after the first session); the report's
        // group, not ours.
        if let Some(r) = &report {
            let _ = nix::unistd::fchown(&file, None, Some(nix::unistd::Gid::from_raw(r.gid())));
        }
        let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600 | group_bits));
    }
    Ok((file, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_times_take_the_ablative_of_their_last_spoken_word() {
        for (t, want) in [
            ("10:42", "ден"), // қырық екі → екіден
            ("09:43", "тен"), // үш → үштен
            ("22:30", "дан"), // отыз → отыздан
            ("08:40", "тан"), // қырық → қырықтан
            ("11:10", "нан"), // он → оннан
            ("14:50", "ден"), // елу → елуден
            ("16:00", "дан"), // он алты → алтыдан
            ("19:09", "дан"), // тоғыз → тоғыздан
            ("00:00", "ден"), // нөл → нөлден
        ] {
            assert_eq!(kazakh_ablative(t), want, "{t}");
        }
        let r = Record {
            user: "alice".into(),
            uid: 1,
            pid: 2,
            since: "2026-11-28T09:00:00Z".into(),
            part: None,
            entered: Some("2026-11-28T10:30:00Z".into()),
        };
        assert_eq!(
            r.describe(crate::i18n::Lang::Kk),
            "alice (10:30-дан бастап)"
        );
    }
}
