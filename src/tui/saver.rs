//! Saving off the keyboard's thread: the report is serialised where it lives, and written, fsynced
//! and renamed by a writer thread, so that a slow disk never delays a key. Saves are applied in order;
//! when several wait, only the newest is written.
//!
//! Each save merges: under the report's save lock it re-reads the report, applies this editor's
//! changes onto what colleagues saved, and writes (`store::save_merged`). A report deleted or
//! replaced by something that is not a report, or a lock file removed (which would let a second
//! group of editors form around a new one), stops the saves until the user says to write over
//! (`Ctrl-S`).

use crate::history::Entry;
use crate::save::{MergeError, MergedSave, save_merged};
use crate::session::Session;
use crate::store::FileId;
use nix::fcntl::OFlag;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// A save is under way.
#[derive(Debug)]
pub struct Busy;

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveError {
    pub message: String,
    /// The report or its lock is no longer the file this editor had: not an I/O failure to retry,
    /// a question for the user.
    pub replaced: bool,
    /// What the system said, for the reader's own words for it (see `describe`).
    pub kind: Option<std::io::ErrorKind>,
}

impl SaveError {
    pub fn io(message: String) -> SaveError {
        SaveError {
            message,
            replaced: false,
            kind: None,
        }
    }

    /// The reason in the reader's language where it is a common one, the system's words after it
    /// (for whoever looks after the server).
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        use crate::ui_text::Ui;
        use std::io::ErrorKind as K;
        let reason = match self.kind {
            Some(K::PermissionDenied) => Ui::IoPermission,
            Some(K::StorageFull) => Ui::IoNoSpace,
            Some(K::QuotaExceeded) => Ui::IoQuota,
            Some(K::ReadOnlyFilesystem) => Ui::IoReadOnlyFs,
            _ => return self.message.clone(),
        };
        format!("{} ({})", reason.get(lang), self.message)
    }
}

/// One save; `force` writes over a report that was replaced.
struct Job {
    n: u64,
    /// The editor's view, as it was when the save was asked for.
    mine: Box<Session>,
    force: bool,
    /// The changes this save brings (applied onto the report as it is, and its history).
    history: Vec<Entry>,
    now: String,
    /// The report `mine` agrees with but for `history` (see `save_merged`).
    base: Option<FileId>,
}

/// What the writer checks and holds: the report as last read or written, and the lock file (the
/// one the editor joined, whose byte 0 every save of the group takes).
#[derive(Clone, Debug)]
pub struct Identity {
    pub report: Option<FileId>,
    pub lock: Option<(PathBuf, Arc<std::fs::File>)>,
}

/// What a save gave back.
pub type SaveResult = Result<MergedSave, SaveError>;

pub struct Saver {
    path: PathBuf,
    /// Shared with the writer thread, which moves it on with every save it makes.
    identity: Arc<Mutex<Option<Identity>>>,
    jobs: Option<Sender<Job>>,
    results: Option<Receiver<(u64, SaveResult)>>,
    writer: Option<JoinHandle<()>>,
    /// The number of the newest save handed over.
    pub latest: u64,
    /// The newest save whose result came back (or that could not be handed over).
    answered: u64,
    /// The report the editor's view agrees with but for the changes not yet saved: the one it was
    /// opened from, then each one a save wrote or a colleague's save that was taken in. The loop
    /// keeps it; each save is handed it.
    pub base: Option<FileId>,
    /// History entries of saves that failed: written with the next one that succeeds.
    carry: Arc<Mutex<Vec<Entry>>>,
    /// A pipe the writer writes a byte to with every result, so that the editor's loop can sleep
    /// until a key, a signal or a result (never wake up just to look).
    wake: Option<(OwnedFd, Arc<OwnedFd>)>,
}

impl Saver {
    /// A saver for `path`; its thread starts with the first save, not before the first frame.
    /// `identity` (None: no checks) is what the files must still be at each save.
    pub fn start(path: PathBuf, identity: Option<Identity>) -> Saver {
        let base = identity.as_ref().and_then(|i| i.report);
        Saver {
            base,
            path,
            identity: Arc::new(Mutex::new(identity)),
            jobs: None,
            results: None,
            writer: None,
            latest: 0,
            answered: 0,
            carry: Arc::new(Mutex::new(Vec::new())),
            wake: None,
        }
    }

    fn spawn(&mut self) {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, results) = channel();
        let path = self.path.clone();
        let identity = Arc::clone(&self.identity);
        let carry = Arc::clone(&self.carry);
        self.wake = nix::unistd::pipe2(OFlag::O_NONBLOCK | OFlag::O_CLOEXEC)
            .ok()
            .map(|(r, w)| (r, Arc::new(w)));
        let wake = self.wake.as_ref().map(|(_, w)| Arc::clone(w));
        self.writer = std::thread::Builder::new()
            .name("saualnama-save".into())
            .spawn(move || {
                while let Ok(mut job) = inbox.recv() {
                    // Skip to the newest: an older state written after it would be a step back.
                    while let Ok(newer) = inbox.try_recv() {
                        let force = job.force || newer.force;
                        let mut history = std::mem::take(&mut job.history);
                        history.extend(newer.history.iter().cloned());
                        job = Job {
                            force,
                            history,
                            ..newer
                        };
                    }
                    let r = match identity.lock() {
                        Ok(mut id) => save(&path, &job, id.as_mut(), &carry),
                        Err(_) => Err(SaveError::io("the writer thread failed".into())),
                    };
                    if outbox.send((job.n, r)).is_err() {
                        break;
                    }
                    if let Some(w) = &wake {
                        let _ = nix::unistd::write(&**w, &[1]);
                    }
                }
            })
            .ok();
        self.jobs = Some(jobs);
        self.results = Some(results);
    }

    /// Hand over a save. False when the writer is gone (the caller saves itself).
    pub fn submit(&mut self, mine: Session, force: bool, history: Vec<Entry>, now: String) -> bool {
        if self.writer.is_none() && self.jobs.is_none() {
            self.spawn();
        }
        self.latest += 1;
        let job = Job {
            n: self.latest,
            mine: Box::new(mine),
            force,
            history,
            now,
            base: self.base,
        };
        let sent = match &self.jobs {
            Some(tx) if self.writer.is_some() => tx.send(job).is_ok(),
            _ => false,
        };
        if !sent {
            self.answered = self.latest;
        }
        sent
    }

    /// A save handed over has not come back yet.
    pub fn busy(&self) -> bool {
        self.latest > self.answered
    }

    /// The report as this editor's last save left it (a change since is a colleague's); `Err`
    /// while a save is under way: the change seen may be that very save, to be told after it.
    pub fn last_written(&self) -> Result<Option<FileId>, Busy> {
        match self.identity.try_lock() {
            Ok(id) => Ok(id.as_ref().and_then(|i| i.report)),
            Err(std::sync::TryLockError::WouldBlock) => Err(Busy),
            Err(std::sync::TryLockError::Poisoned(_)) => Ok(None),
        }
    }

    /// The identity, which a save holds while it runs (for tests of what is seen meanwhile).
    #[cfg(test)]
    pub fn identity(&self) -> Arc<Mutex<Option<Identity>>> {
        Arc::clone(&self.identity)
    }

    /// The lock file whose byte 0 the saves take.
    pub fn lock_file(&self) -> Option<Arc<std::fs::File>> {
        let id = self.identity.lock().ok()?;
        id.as_ref()?.lock.as_ref().map(|(_, f)| Arc::clone(f))
    }

    /// What to wait on for results (see `wake`), once the writer runs.
    pub fn wake_fd(&self) -> Option<BorrowedFd<'_>> {
        self.wake.as_ref().map(|(r, _)| r.as_fd())
    }

    /// Results that have come back since the last call, oldest first.
    pub fn poll(&mut self) -> Vec<(u64, SaveResult)> {
        if let Some((r, _)) = &self.wake {
            let mut buf = [0u8; 64];
            while matches!(nix::unistd::read(r, &mut buf), Ok(n) if n > 0) {}
        }
        let got: Vec<(u64, SaveResult)> = self
            .results
            .as_ref()
            .map_or_else(Vec::new, |r| r.try_iter().collect());
        // The writer skips to the newest save: its result answers the ones it skipped.
        if let Some(n) = got.iter().map(|(n, _)| *n).max() {
            self.answered = self.answered.max(n);
        }
        got
    }

    /// Wait for every save handed over; what came back.
    pub fn finish(&mut self) -> Vec<(u64, SaveResult)> {
        self.jobs = None;
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
        self.poll()
    }

    /// Save on the calling thread, with the same checks: at the end, when nothing waits for a key.
    pub fn save_now(
        &mut self,
        mine: Session,
        force: bool,
        history: Vec<Entry>,
        now: String,
    ) -> SaveResult {
        let job = Job {
            n: 0,
            mine: Box::new(mine),
            force,
            history,
            now,
            base: self.base,
        };
        match self.identity.lock() {
            Ok(mut id) => save(&self.path, &job, id.as_mut(), &self.carry),
            Err(_) => Err(SaveError::io("the writer thread failed".into())),
        }
    }
}

/// Merge and write the report, then its history: the changes it carries and those of saves that
/// failed. A failure keeps them for the next save, so that no change is lost on the way.
fn save(
    path: &std::path::Path,
    job: &Job,
    identity: Option<&mut Identity>,
    carry: &Mutex<Vec<Entry>>,
) -> SaveResult {
    let mut pending = carry
        .lock()
        .map(|mut c| std::mem::take(&mut *c))
        .unwrap_or_default();
    pending.extend(job.history.iter().cloned());
    let r = write_report(path, job, identity, &pending);
    if r.is_err()
        && let Ok(mut c) = carry.lock()
    {
        pending.append(&mut c);
        *c = pending;
    }
    r
}

fn write_report(
    path: &std::path::Path,
    job: &Job,
    identity: Option<&mut Identity>,
    ops: &[Entry],
) -> SaveResult {
    let mut none = Identity {
        report: None,
        lock: None,
    };
    let checked = identity.is_some();
    let id = identity.unwrap_or(&mut none);
    if checked
        && !job.force
        && let Some((lock, held)) = &id.lock
        && !same_file(held, lock)
    {
        return Err(SaveError {
            message: "the lock file was removed or replaced".into(),
            replaced: true,
            kind: None,
        });
    }
    let lock = id.lock.as_ref().map(|(_, f)| Arc::clone(f));
    let mut last = id.report;
    let r = save_merged(
        path,
        lock.as_deref(),
        (&job.mine, job.base),
        ops,
        &mut last,
        job.force || !checked,
        &job.now,
    );
    id.report = last;
    r.map_err(|e| match e {
        MergeError::Replaced(message) => SaveError {
            message,
            replaced: true,
            kind: None,
        },
        MergeError::Io(e) => SaveError {
            kind: Some(e.kind()),
            ..SaveError::io(e.to_string())
        },
    })
}

/// Whether `held` is still the file at `path` (a lock file deleted or replaced is not).
fn same_file(held: &std::fs::File, path: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (held.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}
