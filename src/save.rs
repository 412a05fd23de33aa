//! Saving a report the working group shares: under the report's save lock (see `presence`), read
//! it as colleagues left it, apply this editor's changes onto it field by field (`merge`), write it
//! atomically with the guarantees of `store::write_atomic`, and append the history.

use crate::session::{Session, parse_session};
use crate::store::{FileId, file_id, read_regular, user_name_of, write_atomic};
use std::fs::File;
use std::io;
use std::path::Path;

/// What a save found and did, beyond writing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergedSave {
    /// The report as written, where colleagues had saved since this editor last read or wrote it
    /// (the editor shows their answers); `None` where the editor's own view is what was written.
    pub others: Option<Session>,
    /// Fields where this editor's value met a colleague's (see `merge`).
    pub conflicts: usize,
    /// Items this editor deleted that a colleague had changed meanwhile, kept.
    pub kept_items: usize,
    /// The report as this save left it: what the editor's view agrees with from now on (see
    /// `save_merged`'s `base`).
    pub written: Option<FileId>,
}

/// Why a merged save did not happen.
#[derive(Debug)]
pub enum MergeError {
    /// The report is no longer one: deleted, or replaced by something that is not a report. Not
    /// written over unless the user says so.
    Replaced(String),
    Io(io::Error),
}

/// Save this editor's changes into the report at `path` as it is now on disk: take the report's
/// save lock (`lock`, the lock file, where there is one), read the report, apply `ops` onto it field
/// by field (`merge`), write it atomically and append the history, then let go. `mine` is the
/// editor's own view, and `base` the report it agrees with but for `ops`: a report still that one
/// is written over with `mine` as it is (nobody saved since), any other is merged into. `last` is
/// the report's identity when this editor last read or wrote it (a report gone since is
/// `Replaced`). `force` writes `mine` as it is over whatever is there.
#[allow(clippy::too_many_arguments)]
pub fn save_merged(
    path: &Path,
    lock: Option<&File>,
    (mine, base): (&Session, Option<FileId>),
    ops: &[crate::changes::Entry],
    last: &mut Option<FileId>,
    force: bool,
    now: &str,
) -> Result<MergedSave, MergeError> {
    let _guard = match lock {
        Some(f) => Some(
            crate::presence::lock_for_save(f, std::time::Duration::from_secs(3))
                .map_err(MergeError::Io)?,
        ),
        None => None,
    };
    let me = user_name_of(nix::unistd::geteuid().as_raw());
    let here = file_id(path);
    let disk = if force {
        None
    } else if here.is_none() {
        if last.is_some() {
            return Err(MergeError::Replaced(
                "the report was deleted by another program".into(),
            ));
        }
        None
    } else if here.is_some() && here == base {
        // Nobody saved since the view was made to agree with the report: it is the report, with
        // this editor's changes.
        None
    } else {
        let bytes = read_regular(path).map_err(MergeError::Io)?;
        let text = String::from_utf8(bytes).map_err(|_| {
            MergeError::Replaced("the report was replaced by another program".into())
        })?;
        Some(
            parse_session(&path.display().to_string(), &text).map_err(|_| {
                MergeError::Replaced("the report was replaced by another program".into())
            })?,
        )
    };
    // Deletions the merge refused (a colleague changed the item) are not told as done.
    let mut refused = Vec::new();
    let (session, out) = match disk {
        Some(d) => {
            let m = crate::merge::merge(d, mine, ops, &me, now);
            refused = m.refused;
            let mut session = m.session;
            if m.conflicts > 0 {
                name_rivals(path, &mut session);
            }
            let shown = session.clone();
            (
                session,
                MergedSave {
                    others: Some(shown),
                    conflicts: m.conflicts,
                    kept_items: m.kept_items,
                    written: None,
                },
            )
        }
        None => {
            let mut s = mine.clone();
            // A value begun over a colleague's later answer is kept beside it in the editor: the
            // colleague is named from the history, as a save that met theirs names them.
            if s.conflicts
                .iter()
                .any(|c| c.values.iter().any(|r| r.user.is_none()))
            {
                name_rivals(path, &mut s);
            }
            if let Some(c) = &mine.cursor {
                s.cursors.insert(me.clone(), c.clone());
            }
            (s, MergedSave::default())
        }
    };
    write_atomic(path, session.to_json_pretty().as_bytes(), true).map_err(MergeError::Io)?;
    *last = file_id(path);
    let out = MergedSave {
        written: *last,
        ..out
    };
    let told: Vec<crate::changes::Entry> = ops
        .iter()
        .enumerate()
        .filter(|(n, _)| !refused.contains(n))
        .map(|(_, e)| e.clone())
        .collect();
    crate::history::append(path, &told).map_err(|e| {
        MergeError::Io(io::Error::new(
            e.kind(),
            format!("{}: {e}", crate::history::path_of(path).display()),
        ))
    })?;
    Ok(out)
}

/// The colleague whose value a conflict met, from the history: the last who set that field.
fn name_rivals(path: &Path, s: &mut Session) {
    let Ok(history) = crate::history::read(path) else {
        return;
    };
    for c in &mut s.conflicts {
        for r in c.values.iter_mut().filter(|r| r.user.is_none()) {
            // Its author: who set it or typed it over a conflict; for a value chosen from one, who
            // entered it (`by`), not who chose it.
            if let Some(e) = history.iter().rev().find(|e| {
                matches!(
                    e.what,
                    crate::changes::What::Set | crate::changes::What::Chosen
                ) && e.section == c.section
                    && e.field == c.field
                    && (c.item.is_none() || e.id == c.item)
                    && e.new == r.value
            }) {
                r.user = Some(e.by.clone().unwrap_or_else(|| e.user.clone()));
                r.time = Some(e.time.clone());
            }
        }
    }
}
