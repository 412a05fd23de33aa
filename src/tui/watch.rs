//! Noticing colleagues: another editor's save of the report (a rename into its name) and a move of
//! theirs from part to part (a write to the lock file). Through inotify, so that an idle editor sleeps
//! until something happens; where inotify is not to be had (a network file system, a container
//! without it), by looking every second.

use crate::store::{FileId, file_id};
use nix::sys::inotify::{AddWatchFlags, InitFlags, Inotify};
use std::ffi::OsString;
use std::os::fd::{AsFd, BorrowedFd};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often the files are looked at without inotify.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

pub struct Watch {
    inotify: Option<Inotify>,
    report: PathBuf,
    lock: PathBuf,
    report_name: OsString,
    lock_name: OsString,
    /// Without inotify: what the files were at the last look, and when that was.
    seen: (Option<FileId>, Option<FileId>),
    looked: Instant,
    /// With inotify: it has news to read (the loop's wait ended on it, `woke`). Not read otherwise:
    /// reading it after every key to find it empty was a system call a key.
    news: bool,
}

/// What changed since the last look.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub report: bool,
    pub lock: bool,
}

impl Watch {
    /// Without inotify, looking every second (what `new` falls back to).
    pub fn polling(report: &Path, lock: &Path) -> Watch {
        Watch {
            inotify: None,
            ..Watch::new(report, lock)
        }
    }

    pub fn new(report: &Path, lock: &Path) -> Watch {
        let dir = match report.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let inotify = Inotify::init(InitFlags::IN_NONBLOCK | InitFlags::IN_CLOEXEC)
            .ok()
            .filter(|i| {
                i.add_watch(
                    &dir,
                    AddWatchFlags::IN_MOVED_TO
                        | AddWatchFlags::IN_CLOSE_WRITE
                        | AddWatchFlags::IN_MODIFY
                        | AddWatchFlags::IN_CREATE,
                )
                .is_ok()
            });
        let name = |p: &Path| p.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        Watch {
            inotify,
            report_name: name(report),
            lock_name: name(lock),
            seen: (file_id(report), file_id(lock)),
            report: report.to_path_buf(),
            lock: lock.to_path_buf(),
            looked: Instant::now(),
            news: true,
        }
    }

    /// The loop's wait ended on `fd`: there is news to read.
    pub fn woke(&mut self) {
        self.news = true;
    }

    /// What the loop waits on besides the keyboard.
    pub fn fd(&self) -> Option<BorrowedFd<'_>> {
        self.inotify.as_ref().map(|i| i.as_fd())
    }

    /// How long the loop may sleep before it must look (never, with inotify).
    pub fn timeout(&self) -> Option<Duration> {
        self.inotify
            .is_none()
            .then(|| POLL_EVERY.saturating_sub(self.looked.elapsed()))
    }

    /// What changed since the last call.
    pub fn changes(&mut self) -> Changes {
        let mut out = Changes::default();
        match &self.inotify {
            Some(_) if !std::mem::take(&mut self.news) => {}
            Some(i) => {
                while let Ok(events) = i.read_events() {
                    if events.is_empty() {
                        break;
                    }
                    for e in events {
                        match e.name {
                            Some(n) if n == self.report_name => out.report = true,
                            Some(n) if n == self.lock_name => out.lock = true,
                            _ => {}
                        }
                    }
                }
            }
            None => {
                if self.looked.elapsed() >= POLL_EVERY {
                    self.looked = Instant::now();
                    let now = (file_id(&self.report), file_id(&self.lock));
                    out.report = now.0 != self.seen.0;
                    // The records change the lock file's times, not its size: looked at anyway.
                    out.lock = true;
                    self.seen = now;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replace(report: &Path, text: &str) {
        let tmp = report.with_file_name(".r.json.x.tmp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, report).unwrap();
    }

    #[test]
    fn a_colleagues_save_is_seen_at_once_and_without_inotify_within_a_second() {
        let dir = tempfile::tempdir().unwrap();
        let (r, l) = (dir.path().join("r.json"), dir.path().join("r.json.lock"));
        std::fs::write(&r, "a").unwrap();
        std::fs::write(&l, "").unwrap();
        let mut w = Watch::new(&r, &l);
        assert!(
            w.fd().is_some() && w.timeout().is_none(),
            "inotify: no timer"
        );
        assert!(!w.changes().report, "the first look, at the start");
        replace(&r, "bb");
        assert!(
            !w.changes().report,
            "read only when the wait says there is news"
        );
        w.woke();
        assert!(w.changes().report);
        w.woke();
        assert!(!w.changes().report, "said once");
        let mut w = Watch::polling(&r, &l);
        assert!(w.fd().is_none() && w.timeout().is_some());
        assert!(!w.changes().report);
        replace(&r, "ccc");
        assert!(!w.changes().report, "not before the second is up");
        std::thread::sleep(POLL_EVERY);
        assert!(w.changes().report);
    }
}
