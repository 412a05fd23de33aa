//! The session file on disk: reading it whole or not at all, saving by atomic replace, and one editor
//! per file. The only module of the model's users that touches the disk.

use crate::i18n::Text;
use crate::json_path::JsonPath;
use crate::load_error::LoadError;
use crate::questionnaire::{Questionnaire, Registry};
use crate::session::{Session, parse_session, type_problems};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Read and check a session file; resolve the questionnaire it answers. Nothing is written.
pub fn read_session(
    path: &Path,
    registry: &Registry,
) -> Result<(Session, Questionnaire), LoadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(&name, &e))?;
    let src = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(upto);
        let what = Text::new(
            "файл UTF-8 мәтіні емес",
            "файл не является текстом UTF-8",
            "the file is not UTF-8 text",
        );
        LoadError {
            file: name.clone(),
            line: Some(text.matches('\n').count() + 1),
            column: Some(text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1),
            path: None,
            message: what.en.clone(),
            text: Some(Box::new(what)),
        }
    })?;
    session_from_str(&name, &src, registry)
}

pub fn session_from_str(
    name: &str,
    src: &str,
    registry: &Registry,
) -> Result<(Session, Questionnaire), LoadError> {
    let s = parse_session(name, src)?;
    let (id, version) = (&s.questionnaire.id, &s.questionnaire.version);
    let q = match (registry.get_version(id, version), registry.get(id)) {
        (Some(q), _) => q.clone(),
        // An older version's report opens on the current form: answers to questions it no longer has
        // are kept and listed.
        (None, Some(q)) if version_cmp(version, &q.version) == std::cmp::Ordering::Less => {
            q.clone()
        }
        (None, Some(q)) => {
            let have = &q.version;
            return Err(LoadError::at_text(
                name,
                src,
                JsonPath::root().key("questionnaire").key("version"),
                Text::new(
                    &format!(
                        "есеп {id:?} нысанының {version:?} нұсқасымен толтырылған, ол осы saualnama-дағы {have:?} нұсқасынан жаңа; \
                         saualnama-ны жаңартыңыз немесе нысанның сол нұсқасын --questionnaires DIR арқылы қосыңыз"
                    ),
                    &format!(
                        "отчёт заполнен по версии {version:?} формы {id:?}, более новой, чем {have:?} в этом saualnama; \
                         обновите saualnama или добавьте эту версию формы через --questionnaires DIR"
                    ),
                    &format!(
                        "the report was filled on version {version:?} of {id:?}, newer than the {have:?} this saualnama has; \
                         update saualnama, or add that version of the form with --questionnaires DIR"
                    ),
                ),
            ));
        }
        (None, None) => {
            let known = registry
                .forms
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(LoadError::at_text(
                name,
                src,
                JsonPath::root().key("questionnaire").key("id"),
                Text::new(
                    &format!(
                        "белгісіз сауалнама {id:?} (барлары: {known}; оның анықтамасын --questionnaires DIR арқылы қосыңыз)"
                    ),
                    &format!(
                        "неизвестная анкета {id:?} (есть: {known}; добавьте её описание через --questionnaires DIR)"
                    ),
                    &format!(
                        "unknown questionnaire {id:?} (known: {known}; add its definition with --questionnaires DIR)"
                    ),
                ),
            ));
        }
    };
    if let Some((path, text)) = type_problems(&q, &s).into_iter().next() {
        return Err(LoadError::at_text(name, src, path, text));
    }
    Ok((s, q))
}

/// Versions compared by their numbers: "2016-10-19.2" < "2016-10-19.10"; text only breaks ties.
pub fn version_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let nums = |v: &str| -> Vec<u64> {
        v.split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.parse().ok())
            .collect()
    };
    nums(a).cmp(&nums(b)).then_with(|| a.cmp(b))
}

/// Where a failed save leaves things: the previous file is untouched.
pub fn save_session(path: &Path, session: &Session, fsync: bool) -> io::Result<()> {
    write_atomic(path, session.to_json_pretty().as_bytes(), fsync)
}

/// Replace `path` with `bytes` so that the file is at every moment either the old or the new whole:
/// a temp file created exclusively beside it (a planted symlink cannot redirect it), fsync, rename over,
/// fsync the directory. A new file is private (0600); an existing one keeps its mode.
pub fn write_atomic(path: &Path, bytes: &[u8], fsync: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("session")
        ))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = match std::fs::metadata(path) {
            Ok(m) => m.permissions().mode() & 0o7777,
            Err(_) => 0o600,
        };
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    if fsync {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    if fsync {
        // The rename itself is durable only once the directory is.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// An exclusive hold on a session file, as long as this value lives. The OS drops the lock with the
/// process, so a crash never leaves a stale one; the lock file itself only names the holder. It is
/// never deleted: deleting it would let a third process lock a new file while a second holds the old.
#[derive(Debug)]
pub struct EditLock {
    _file: File,
    pub path: PathBuf,
}

#[derive(Debug)]
pub enum LockError {
    /// Someone holds it; what the lock file says about them.
    Held(String),
    Io(io::Error),
}

/// Who is running this: $USER or $LOGNAME, else the name of our uid in /etc/passwd, else the uid.
fn user_name() -> String {
    if let Some(u) = ["USER", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|u| !u.is_empty())
    {
        return u;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) {
            let name = std::fs::read_to_string("/etc/passwd").ok().and_then(|p| {
                p.lines().find_map(|l| {
                    let mut f = l.split(':');
                    let name = f.next()?;
                    (f.nth(1)?.parse::<u32>().ok()? == uid).then(|| name.to_owned())
                })
            });
            return name.unwrap_or_else(|| format!("uid {uid}"));
        }
    }
    "?".to_owned()
}

pub fn lock_path(session: &Path) -> PathBuf {
    let mut name = session
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    session.with_file_name(name)
}

impl EditLock {
    pub fn acquire(session: &Path, now: &str) -> Result<EditLock, LockError> {
        let path = lock_path(session);
        let mut opts = OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts.open(&path).map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                return Err(LockError::Held(holder.trim().to_owned()));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        let user = user_name();
        let info = format!("user {user}, process {}, since {now}\n", std::process::id());
        file.set_len(0).map_err(LockError::Io)?;
        (&file).write_all(info.as_bytes()).map_err(LockError::Io)?;
        Ok(EditLock { _file: file, path })
    }
}
