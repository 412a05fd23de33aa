//! Files: reading a report or a questionnaire whole or not at all (regular files of a sane size
//! only), saving by atomic replace that keeps owner, group and mode, the edit lock (one editor per
//! file), rescue copies and stale temporary files. The editor and the commands read and write
//! reports only through here.

use crate::json_path::JsonPath;
use crate::load_error::LoadError;
use crate::msg::Msg;
use crate::questionnaire::{Questionnaire, Registry};
use crate::session::{Session, parse_session, type_problems};
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The largest report or questionnaire read: far above any real one (the example is 8 KB, a thousand
/// services 2 MB), and a stop for `/dev/zero` or a runaway file.
pub const MAX_FILE: u64 = 64 << 20;

/// Read a file that must be a regular one of at most `MAX_FILE` bytes: a FIFO would hang the reader,
/// `/dev/zero` would eat memory.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        // Said in the user's language (`LoadError::io`).
        return Err(io::ErrorKind::IsADirectory.into());
    }
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, a device or a folder)",
        ));
    }
    if meta.len() > MAX_FILE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} MB", MAX_FILE >> 20),
        ));
    }
    // O_NONBLOCK: should a FIFO take the file's place after the check, opening it does not hang.
    let mut f = OpenOptions::new()
        .read(true)
        .custom_flags(nix::libc::O_NONBLOCK)
        .open(path)?;
    let opened = f.metadata()?;
    if !opened.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    // Room for the whole file and the read that finds its end: without it the file was read in
    // growing pieces from 32 bytes up, eleven reads for a report of 7 KB.
    let mut bytes = Vec::with_capacity(opened.len().min(MAX_FILE) as usize + 1);
    (&mut f).take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} MB", MAX_FILE >> 20),
        ));
    }
    Ok(bytes)
}

/// Read and check a session file; resolve the questionnaire it answers. Nothing is written.
pub fn read_session(
    path: &Path,
    registry: &Registry,
) -> Result<(Session, Questionnaire), LoadError> {
    let name = path.display().to_string();
    let src = read_text(path, &name)?;
    session_from_str(&name, &src, registry)
}

/// A report's text, or where it stops being UTF-8.
fn read_text(path: &Path, name: &str) -> Result<String, LoadError> {
    let bytes = read_regular(path).map_err(|e| unreadable(path, name, &e))?;
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(upto);
        LoadError {
            file: name.to_owned(),
            line: Some(text.matches('\n').count() + 1),
            column: Some(text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1),
            path: None,
            what: Box::new(Msg::NotUtf8),
        }
    })
}

/// Why a report could not be read. Refused by its permissions, the message says whose it is and
/// what to ask of them: in a working group's folder, a colleague's new report is private until its
/// author shares it.
fn unreadable(path: &Path, name: &str, err: &io::Error) -> LoadError {
    let meta = std::fs::metadata(path);
    match meta {
        Ok(m) if err.kind() == io::ErrorKind::PermissionDenied => LoadError {
            what: Box::new(Msg::NotReadable {
                owner: user_name_of(m.uid()),
                mode: format!("{:04o}", m.mode() & 0o7777),
                file: name.to_owned(),
            }),
            ..LoadError::io(name, err)
        },
        _ => LoadError::io(name, err),
    }
}

/// `read_session`, the form taken out of `registry` (see `session_from_str_taking`).
pub fn read_session_taking(
    path: &Path,
    registry: Registry,
) -> Result<(Session, Questionnaire), LoadError> {
    let name = path.display().to_string();
    let src = read_text(path, &name)?;
    session_from_str_taking(&name, &src, registry)
}

pub fn session_from_str(
    name: &str,
    src: &str,
    registry: &Registry,
) -> Result<(Session, Questionnaire), LoadError> {
    let (s, q) = session_and_form(name, src, registry)?;
    Ok((s, q.clone()))
}

/// `session_from_str`, the form taken out of `registry` rather than copied: the editor's start,
/// where the registry is not needed after, and a copy of the form was a tenth of a millisecond.
pub fn session_from_str_taking(
    name: &str,
    src: &str,
    registry: Registry,
) -> Result<(Session, Questionnaire), LoadError> {
    let (s, q) = session_and_form(name, src, &registry)?;
    let at = registry.position(q);
    Ok((s, registry.take(at)))
}

/// The report in `src`, and the form of `registry` it is to be read with.
fn session_and_form<'r>(
    name: &str,
    src: &str,
    registry: &'r Registry,
) -> Result<(Session, &'r Questionnaire), LoadError> {
    let s = parse_session(name, src)?;
    let (id, version) = (&s.questionnaire.id, &s.questionnaire.version);
    let q = match (registry.get_version(id, version), registry.get(id)) {
        (Some(q), _) => q,
        // An older version's report opens on the current form: answers to questions it no longer has
        // are kept and listed.
        (None, Some(q)) if version_cmp(version, &q.version) == std::cmp::Ordering::Less => q,
        (None, Some(q)) => {
            let have = &q.version;
            return Err(LoadError::at(
                name,
                src,
                JsonPath::root().key("questionnaire").key("version"),
                Msg::NewerVersion {
                    id: id.clone(),
                    version: version.clone(),
                    have: have.clone(),
                },
            ));
        }
        (None, None) => {
            let known = registry
                .forms
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(LoadError::at(
                name,
                src,
                JsonPath::root().key("questionnaire").key("id"),
                Msg::UnknownQuestionnaire {
                    id: id.clone(),
                    known,
                },
            ));
        }
    };
    if let Some((path, what)) = type_problems(q, &s).into_iter().next() {
        return Err(LoadError::at(name, src, path, what));
    }
    Ok((s, q))
}

/// Versions compared by their numbers: "2016-10-19.2" < "2016-10-19.10"; text only breaks ties.
/// Numbers of any length compare right: a component too large for u64 is not dropped (which made
/// "1.99999999999999999999" compare as "1").
pub fn version_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let nums = |v: &str| -> Vec<(usize, String)> {
        v.split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .map(|p| {
                let n = p.trim_start_matches('0');
                (n.len(), n.to_owned())
            })
            .collect()
    };
    nums(a).cmp(&nums(b)).then_with(|| a.cmp(b))
}

/// Where a failed save leaves things: the previous file is untouched.
pub fn save_session(path: &Path, session: &Session, fsync: bool) -> io::Result<()> {
    write_atomic(path, session.to_json_pretty().as_bytes(), fsync)
}

/// How a rewrite treats the file it replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// The report being edited: it keeps its mode, its group and, where the writer may set it (root),
    /// its owner, so that a colleague's save does not take a shared report over and root's save does
    /// not lock its owner out.
    Report,
    /// An export: the mode is kept only from a regular file the user owns; anything else at the path
    /// (another user's file, a planted symlink) is replaced by a private (0600) file.
    Private,
}

fn euid() -> u32 {
    nix::unistd::geteuid().as_raw()
}

/// Replace a report with `bytes`, keeping its owner, group and mode (see `write_replacing`).
pub fn write_atomic(path: &Path, bytes: &[u8], fsync: bool) -> io::Result<()> {
    write_replacing(path, bytes, fsync, Replace::Report)
}

/// Write an export: a new file, or one replacing the user's own, private unless it was less so.
pub fn write_private(path: &Path, bytes: &[u8], fsync: bool) -> io::Result<()> {
    write_replacing(path, bytes, fsync, Replace::Private)
}

/// Replace `path` with `bytes` so that the file is at every moment either the old or the new whole:
/// a temp file created exclusively beside it (a planted symlink cannot redirect it), fsync, rename over,
/// fsync the directory. A new file is private (0600). What is at `path` is looked at, never followed:
/// a symbolic link there is replaced by the file, not written through; a device, FIFO or folder is
/// refused.
pub fn write_replacing(path: &Path, bytes: &[u8], fsync: bool, how: Replace) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Some(m),
        Ok(m) if m.file_type().is_symlink() && how == Replace::Private => None,
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{}: not a regular file; not replaced", path.display()),
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    let me = euid();
    let (mode, owner, group) = match (&old, how) {
        (Some(m), Replace::Report) => (m.mode() & 0o777, Some(m.uid()), Some(m.gid())),
        (Some(m), Replace::Private) if m.uid() == me => (m.mode() & 0o777, None, Some(m.gid())),
        _ => (0o600, None, None),
    };
    let fd = std::os::fd::AsFd::as_fd(tmp.as_file());
    if me == 0 {
        // Root may give the file back to its owner; anyone else keeps it as theirs.
        let _ = nix::unistd::fchown(
            fd,
            owner.map(nix::unistd::Uid::from_raw),
            group.map(nix::unistd::Gid::from_raw),
        );
    } else if let Some(g) = group {
        // Permitted where the user is in that group; else the file keeps the user's group, which
        // `replace_notice` warned of before the first save.
        let _ = nix::unistd::fchown(fd, None, Some(nix::unistd::Gid::from_raw(g)));
    }
    // After chown, which may clear bits.
    tmp.as_file()
        .set_permissions(std::fs::Permissions::from_mode(mode))?;
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

/// Whether the report at `report` is in a working group's folder: setgid and group-writable, where
/// the lock file and the history are made for the group whatever the member's umask.
pub fn in_group_folder(report: &Path) -> bool {
    let folder = report
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::metadata(folder).is_ok_and(|m| m.mode() & 0o2000 != 0 && m.mode() & 0o020 != 0)
}

/// `.report.json.` — the start of the temp files a save of `path` makes beside it.
fn temp_prefix(path: &Path) -> String {
    format!(
        ".{}.",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("session")
    )
}

/// Remove the temp files that a save killed half-way (`kill -9`, a power cut) left beside `path`:
/// only the user's own, only regular files, only with this report's prefix. Called when no other
/// editor has the report open, so no save of it is under way. Returns how many were removed.
pub fn clean_stale_temps(path: &Path) -> usize {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let prefix = temp_prefix(path);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return 0;
    };
    let me = euid();
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(&prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(m) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        if m.is_file() && m.uid() == me && std::fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The identity of the file at a path (device, inode), not following a link: to tell whether a
/// report was replaced or deleted behind the editor's back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileId {
    pub dev: u64,
    pub ino: u64,
    /// An inode number is reused once its file is gone: a colleague's second save may get the
    /// number of this editor's first. The change time and size tell the two apart.
    pub ctime: (i64, i64),
    pub size: u64,
}

pub fn file_id(path: &Path) -> Option<FileId> {
    std::fs::symlink_metadata(path).ok().map(|m| FileId {
        dev: m.dev(),
        ino: m.ino(),
        ctime: (m.ctime(), m.ctime_nsec()),
        size: m.size(),
    })
}

/// The name of a user id: from the system's user database (files, LDAP, SSSD), else `uid N`. Asked
/// once per id in a run (each asking reads the database again; a start asked three times).
pub fn user_name_of(uid: u32) -> String {
    static KNOWN: std::sync::Mutex<Vec<(u32, String)>> = std::sync::Mutex::new(Vec::new());
    if let Ok(known) = KNOWN.lock()
        && let Some((_, name)) = known.iter().find(|(u, _)| *u == uid)
    {
        return name.clone();
    }
    let name = match nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid)) {
        Ok(Some(u)) => u.name,
        _ => format!("uid {uid}"),
    };
    if let Ok(mut known) = KNOWN.lock() {
        known.push((uid, name.clone()));
    }
    name
}

fn group_name_of(gid: u32) -> String {
    match nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(gid)) {
        Ok(Some(g)) => g.name,
        _ => format!("gid {gid}"),
    }
}

/// What a save by this user will change about the report at `path` that the user may not want:
/// another user's file becomes theirs; a group they are not in is lost. Said before the first save.
pub fn replace_notice(path: &Path) -> Vec<Msg> {
    let Ok(m) = std::fs::metadata(path) else {
        return Vec::new();
    };
    let me = euid();
    if me == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    if m.uid() != me {
        let owner = user_name_of(m.uid());
        let you = user_name_of(me);
        out.push(Msg::OwnerChanges { owner, you });
    }
    let in_group = m.gid() == nix::unistd::getegid().as_raw()
        || nix::unistd::getgroups()
            .map(|gs| gs.iter().any(|g| g.as_raw() == m.gid()))
            .unwrap_or(false);
    if !in_group {
        out.push(Msg::GroupChanges {
            group: group_name_of(m.gid()),
        });
    }
    out
}

#[derive(Debug)]
pub enum LockError {
    /// Someone holds it; what the lock file says about them.
    Held(String),
    /// The lock file is there but may not be written by this user: whose it is and its mode.
    Denied {
        owner: String,
        mode: u32,
    },
    /// The lock file is not one to trust: a symbolic link, not a regular file, linked elsewhere, or
    /// owned by a stranger. Nothing was written to it.
    Unsafe(String),
    Io(io::Error),
}

pub fn lock_path(session: &Path) -> PathBuf {
    let mut name = session
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    session.with_file_name(name)
}

/// A questionnaire definition file, read whole and checked.
pub fn load_questionnaire_file(path: &Path) -> Result<Questionnaire, LoadError> {
    let name = path.display().to_string();
    let bytes = read_regular(path).map_err(|e| LoadError::io(&name, &e))?;
    let src = String::from_utf8(bytes).map_err(|_| {
        LoadError::io(
            &name,
            &std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
        )
    })?;
    crate::questionnaire::parse_questionnaire(&name, &src)
}

/// The bundled forms plus every `*.json` in `dirs`; a later form with the same id and version
/// replaces an earlier one. A file that is not a sound definition is left out, and what is wrong
/// with it is handed to `warn`: one colleague's broken draft in a shared folder must not stop
/// every command. A folder that cannot be read is an error.
pub fn registry_with_dirs(dirs: &[PathBuf]) -> Result<Registry, LoadError> {
    registry_with_dirs_warning(dirs, |_| {})
}

pub fn registry_with_dirs_warning(
    dirs: &[PathBuf],
    mut warn: impl FnMut(LoadError),
) -> Result<Registry, LoadError> {
    let mut reg = Registry::bundled();
    for dir in dirs {
        let name = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| LoadError::io(&name, &e))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            match load_questionnaire_file(&f) {
                Ok(q) => reg.add(q),
                Err(e) => warn(e),
            }
        }
    }
    Ok(reg)
}

/// `ID` of a known form, or `PATH` of a definition file.
pub fn resolve_form(registry: &Registry, id_or_path: &str) -> Result<Questionnaire, LoadError> {
    let p = Path::new(id_or_path);
    match registry.by_id(id_or_path) {
        Ok(q) => Ok(q.clone()),
        Err(_) if p.exists() || id_or_path.ends_with(".json") || id_or_path.contains('/') => {
            load_questionnaire_file(p)
        }
        Err(e) => Err(e),
    }
}
