//! The form editor: `saualnama [FILE]`. State and `update` in `app`, drawing in `view`, the terminal in
//! `terminal`; this module is the loop that joins them to the disk and to signals.

pub mod app;
pub mod backend;
pub mod editor;
pub mod form;
pub mod input;
pub mod keys;
pub mod nav;
pub mod overlay;
pub mod plain;
pub mod saver;
pub mod screen;
pub mod shown;
pub mod terminal;
pub mod view;
pub mod watch;
pub mod widgets;

use crate::i18n::Lang;
use crate::output::say;
use crate::presence::Presence;
use crate::questionnaire::Registry;
use crate::session::Session;
use crate::store::{LockError, session_from_str, write_atomic};
use crate::ui_text;
use app::{App, SaveState, now};
use saver::Saver;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::IsTerminal;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use view::Theme;

/// How often text being typed is saved as a draft, and a failed save retried.
const BACKGROUND_SAVE: Duration = Duration::from_secs(2);

/// How the loop ended.
enum End {
    Quit,
    /// SIGHUP (the SSH connection dropped), SIGTERM or SIGINT.
    Signal(usize),
}

/// What the editor is asked to open, and how.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The report (default `report.json`).
    pub file: Option<PathBuf>,
    /// For a new report: the questionnaire's id or definition file (default: the bundled form).
    pub questionnaire: Option<String>,
    /// The interface language; else the report's, else the locale's.
    pub lang: Option<Lang>,
    pub read_only: bool,
    /// Plain lines instead of the full screen (see `plain`).
    pub plain: bool,
}

fn open(
    cli: &Options,
    path: &Path,
    registry: Registry,
) -> Result<(Session, crate::questionnaire::Questionnaire), String> {
    // Before the report is read, its language is unknown: -l, else the locale.
    let lang = cli.lang.or_else(Lang::from_env).unwrap_or_default();
    if path.exists() {
        return crate::store::read_session_taking(path, registry).map_err(|e| e.render(lang));
    }
    let q = match &cli.questionnaire {
        Some(id) => crate::store::resolve_form(&registry, id).map_err(|e| e.render(lang))?,
        None => registry.take_default(),
    };
    Ok((Session::new(&q, now()), q))
}

/// The report's real path: a symbolic link is followed once, here, so that the lock and every save
/// are of the file itself (saving over the link would replace the link with a copy the real file
/// never sees). A report not yet there is resolved through its folder.
fn resolve(given: &Path) -> std::io::Result<PathBuf> {
    if std::fs::symlink_metadata(given).is_ok() {
        return std::fs::canonicalize(given);
    }
    let dir = match given.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = given
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    Ok(std::fs::canonicalize(dir)?.join(name))
}

/// Without a terminal, the editor only says so — and, when colleagues have the report open, who —
/// and creates nothing, not even a lock file.
fn no_terminal(path: &Path, lang: crate::i18n::Lang) -> ExitCode {
    let editors = crate::presence::editors(path);
    if !editors.is_empty() {
        let who = editors
            .iter()
            .map(|r| r.describe(lang))
            .collect::<Vec<_>>()
            .join("; ");
        say(format_args!(
            "saualnama: {}: {} ({who}).",
            path.display(),
            ui_text::Ui::HeldByOther.get(lang)
        ));
    }
    say(format_args!(
        "saualnama: {}",
        ui_text::Ui::NeedsTerminal.get(lang)
    ));
    ExitCode::from(2)
}

pub fn run(cli: Options, registry: Registry) -> ExitCode {
    let given = cli
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from("report.json"));
    let hint = cli.lang.or_else(Lang::from_env).unwrap_or_default();
    let path = match resolve(&given) {
        Ok(p) => p,
        Err(e) => {
            say(format_args!("saualnama: {}: {e}", given.display()));
            return ExitCode::from(2);
        }
    };
    // A broken report is said first, with its place, terminal or not; reading creates nothing.
    let (session, q) = match open(&cli, &path, registry) {
        Ok(x) => x,
        Err(e) => {
            say(format_args!("saualnama: {e}"));
            return ExitCode::from(2);
        }
    };
    // Plain lines when asked, and where a full screen cannot be: a dumb terminal (or none named), or
    // a terminal to type on whose output goes elsewhere.
    let stdin_tty = std::io::stdin().is_terminal();
    let dumb = std::env::var("TERM").map_or(true, |t| t.is_empty() || t == "dumb");
    let plain = cli.plain || (stdin_tty && (dumb || !std::io::stdout().is_terminal()));
    if !plain && (!stdin_tty || !std::io::stdout().is_terminal()) {
        return no_terminal(&path, hint);
    }
    // The language asked for, else the one this user last read the report in, else the report's.
    let me = crate::store::user_name_of(nix::unistd::geteuid().as_raw());
    let lang = cli
        .lang
        .or_else(|| session.cursors.get(&me).and_then(app::own_language))
        .or(session.language)
        .or_else(Lang::from_env)
        .unwrap_or_default();
    let mut read_only = cli.read_only;
    let mut notice: Option<String> = None;
    // Two names of one file would be two locks: a report with hard links is only read.
    if !read_only && std::fs::metadata(&path).is_ok_and(|m| m.nlink() > 1) {
        read_only = true;
        notice = Some(ui_text::Ui::HardLinked.get(lang).to_owned());
    }
    // Colleagues fill the report at the same time, each in a part of their own (see `presence`).
    let lock = if read_only {
        None
    } else {
        match Presence::join(&path, &now()) {
            Ok(l) => Some(l),
            // Every slot taken: more editors than any working group has.
            Err(LockError::Held(_)) => {
                read_only = true;
                notice = Some(ui_text::Ui::HeldByOther.get(lang).to_owned());
                None
            }
            Err(LockError::Denied { owner, mode }) => {
                read_only = true;
                let lock = crate::store::lock_path(&path);
                notice = Some(
                    ui_text::Ui::LockDenied
                        .get(lang)
                        .replace("{file}", &lock.display().to_string())
                        .replace("{owner}", &owner)
                        .replace("{mode}", &format!("{mode:04o}")),
                );
                None
            }
            Err(LockError::Unsafe(why)) => {
                read_only = true;
                notice = Some(format!("{} ({why})", ui_text::Ui::LockUnsafe.get(lang)));
                None
            }
            // A folder the user may not write in: the report can still be read.
            Err(LockError::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
                ) =>
            {
                read_only = true;
                notice = Some(format!("{} ({e})", ui_text::Ui::CannotWriteHere.get(lang)));
                None
            }
            Err(LockError::Io(e)) => {
                say(format_args!(
                    "saualnama: {}: {}: {e}",
                    given.display(),
                    ui_text::Ui::CannotLock.get(lang)
                ));
                return ExitCode::from(2);
            }
        }
    };
    let user = crate::store::user_name_of(nix::unistd::geteuid().as_raw());
    if let Some(l) = &lock {
        // Only with nobody else at work on the report: a colleague's save (the same account's, in
        // another terminal) may be writing its temp file now.
        if l.others().is_empty() {
            crate::store::clean_stale_temps(&path);
        }
        // Said before the first save: what saving will do to another user's file. A member of the
        // working group who has saved into it before knows (and is not told at every start, over
        // what else there is to say).
        let said: Vec<String> = crate::store::replace_notice(&path)
            .iter()
            .filter(|m| {
                !(matches!(m, crate::msg::Msg::OwnerChanges { .. })
                    && session.cursors.contains_key(&user))
            })
            .map(|m| m.render(lang))
            .collect();
        if !said.is_empty() {
            notice = Some(said.join("; "));
        }
    }
    // Answers an earlier run could not save into the report, kept aside: named until dealt with.
    // The full screen names them once its first frame is up (see `event_loop`).
    if plain && let Some(said) = rescue_notice(&path, lang) {
        notice = Some(match notice {
            Some(n) => format!("{said} · {n}"),
            None => said,
        });
    }
    let mut session = session;
    // Each member of the working group resumes where they stopped; never in a colleague's place
    // (with their unsent draft).
    match session.cursors.get(&user) {
        Some(c) => session.cursor = Some(c.clone()),
        None if !session.cursors.is_empty() => session.cursor = None,
        None => {}
    }
    let is_new = !path.exists();
    if plain {
        // Every answer is saved as it is given, so a signal's default (the end) loses nothing.
        let file_name = given.file_name().map_or_else(
            || given.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let said = new_in_group_folder(&path, is_new && !read_only, &given, lang);
        let mut app = App::new(q, session, lang, file_name, read_only);
        joined(&mut app, user);
        if let Some(said) = said {
            app.message = Some((said, app::Tone::Info));
        }
        if let Some(why) = notice {
            app.message = Some((why, app::Tone::Error));
        }
        let last = (!is_new).then(|| crate::store::file_id(&path)).flatten();
        let mut lock = lock;
        let r = plain::run(
            app,
            plain::Target {
                path: &path,
                lock: lock.as_ref().map(|l| l.file()),
                presence: lock.as_mut(),
                last,
            },
        );
        drop(lock);
        return r;
    }
    // A dropped connection (SIGHUP), a kill (SIGTERM) or Ctrl-C from outside (SIGINT) must not take
    // the answers with it: note the signal, and let the loop save and leave.
    let signalled = Arc::new(AtomicUsize::new(0));
    for sig in [SIGHUP, SIGTERM, SIGINT] {
        if let Err(e) = signal_hook::flag::register_usize(sig, Arc::clone(&signalled), sig as usize)
        {
            say(format_args!("saualnama: cannot catch signal {sig}: {e}"));
            return ExitCode::from(2);
        }
    }
    let file_name = given.file_name().map_or_else(
        || given.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // This user's language, if it is not the one the report keeps for them, is kept at once.
    let kept = session
        .cursors
        .get(&user)
        .and_then(app::own_language)
        .or(session.language);
    let mut app = App::new(q, session, lang, file_name, read_only);
    joined(&mut app, user);
    app.needs_background_save |= !read_only && !is_new && kept != Some(lang);
    #[cfg(debug_assertions)]
    {
        app.panic_key = std::env::var_os("SAUALNAMA_TEST_PANIC").is_some();
    }
    if is_new && !read_only {
        app.save_state = SaveState::New;
    }
    if let Some(said) = new_in_group_folder(&path, is_new && !read_only, &given, lang) {
        app.message = Some((said, app::Tone::Info));
    }
    if let Some(why) = notice {
        // What the editor found on opening (a draft over a colleague's answer, a stray draft) is
        // not to be hidden by it.
        let why = match app.message.take() {
            Some((first, _)) => format!("{first} · {why}"),
            None => why,
        };
        app.message = Some((why, app::Tone::Error));
    }
    let theme = Theme::from_env();
    let identity = lock.as_ref().map(|l| saver::Identity {
        report: crate::store::file_id(&path),
        lock: Some((l.path.clone(), l.file())),
    });
    let mut saver = Saver::start(path.clone(), identity);
    let mut lock = lock;
    let mut rescued = Rescue {
        path: &path,
        lang,
        said: None,
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        terminal::with_terminal(|t| {
            event_loop(
                t,
                &mut app,
                &mut saver,
                &theme,
                &signalled,
                &mut rescued,
                lock.as_mut(),
            )
        })
    }));
    // Every save handed to the writer is on disk (or failed) before anything else is written.
    for (n, r) in saver.finish() {
        done(&mut app, &mut saver, n, r);
    }
    let result = match outcome {
        Ok(r) => r,
        Err(_) => {
            // The panic hook has given the terminal back and printed the message.
            match recover(&mut app, &path, &saver) {
                Some(Ok(at)) => say(format_args!(
                    "saualnama: {} {}",
                    ui_text::Ui::CrashSaved.get(lang),
                    // The name the user gave, for the report itself.
                    if at == path { &given } else { &at }.display()
                )),
                Some(Err(e)) => say(format_args!(
                    "saualnama: {}: {e}",
                    ui_text::Ui::CrashNotSaved.get(lang)
                )),
                None => {}
            }
            return ExitCode::from(70);
        }
    };
    // However the loop ended (Ctrl-Q, a signal, a terminal that is gone) what was typed is kept.
    if !matches!(result, Ok(End::Quit | End::Signal(_))) {
        app.shutdown(std::time::SystemTime::now());
    }
    if !app.read_only
        && (app.needs_save
            || app.needs_background_save
            || !matches!(app.save_state, SaveState::Saved | SaveState::New))
    {
        save(&mut app, &mut saver);
    }
    if let SaveState::Failed(e) = &app.save_state {
        say(format_args!(
            "saualnama: {}: {}: {e}",
            given.display(),
            ui_text::Ui::SaveFailed.get(lang)
        ));
        let said = match rescued.said.take() {
            Some(said) => said,
            None => rescue(&app, &path, lang),
        };
        say(format_args!("{said}"));
        return ExitCode::from(1);
    }
    if let Some(note) = app.left_as_draft.take() {
        say(format_args!("saualnama: {note}"));
    }
    // The process ends here and its memory with it: freeing the report's and the form's every
    // string one by one first was a sixth of quitting's CPU. The editor holds no file or thread.
    std::mem::forget(app);
    match result {
        Ok(End::Signal(sig)) => ExitCode::from(128u8.saturating_add(sig as u8)),
        // The terminal went away (EIO/EPIPE): the answers are saved, so this is a normal end.
        Err(_) | Ok(End::Quit) => ExitCode::SUCCESS,
    }
}

/// The answers, when the report cannot take them (a full disk, a replaced file): written where they
/// fit — the home folder, else /tmp — privately, and named on stderr.
fn rescue(app: &App, path: &Path, lang: crate::i18n::Lang) -> String {
    let mut s = app.form.session.clone();
    // Which report it belongs to: many reports are called report.json (see `rescue_copies`).
    s.extra.insert(
        "rescued_from".into(),
        serde_json::Value::String(rescued_from(path)),
    );
    let draft = app.editor.raw_text();
    if !draft.is_empty()
        && let Some(c) = s.cursor.as_mut()
    {
        c.draft = Some(draft);
    }
    let text = s.to_json_pretty();
    let stem = path
        .file_stem()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let stamp = now().replace(':', "");
    let name = format!("{stem}.rescued-{stamp}.json");
    let places = std::env::var_os("HOME")
        .map(PathBuf::from)
        .into_iter()
        .chain([std::env::temp_dir()]);
    for dir in places {
        let target = dir.join(&name);
        // Never over something already there: a new private file or nothing.
        let created = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(nix::libc::O_NOFOLLOW)
            .open(&target)
        {
            Ok(mut f) => {
                use std::io::Write;
                f.write_all(text.as_bytes()).and_then(|()| f.sync_all())
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, e)),
        };
        match created {
            Ok(()) => {
                return format!(
                    "saualnama: {} {}",
                    ui_text::Ui::RescuedTo.get(lang),
                    target.display()
                );
            }
            // Ours, and only half written (the disk filled): not left behind.
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                let _ = std::fs::remove_file(&target);
            }
            Err(_) => {}
        }
    }
    format!("saualnama: {}", ui_text::Ui::NotRescued.get(lang))
}

/// The report a rescue copy is of, as the copy records it.
fn rescued_from(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Rescue copies of the report at `path` left by earlier runs of this account (see `rescue`): named
/// at the start, so that answers kept there are not forgotten.
/// What to say of the rescue copies of the report, if there are any: every one, since each may
/// hold answers the others do not.
/// Said when a report is started in a working group's folder: it is made private (0600, it will
/// hold personnel data), and the colleagues cannot open it until its author shares it.
fn new_in_group_folder(path: &Path, new: bool, given: &Path, lang: Lang) -> Option<String> {
    (new && crate::store::in_group_folder(path)).then(|| {
        ui_text::Ui::NewInGroupFolder
            .get(lang)
            .replace("{file}", &given.display().to_string())
    })
}

fn rescue_notice(path: &Path, lang: Lang) -> Option<String> {
    let copies = rescue_copies(path);
    (!copies.is_empty()).then(|| {
        format!(
            "{} {}",
            ui_text::Ui::RescueCopyFound.get(lang),
            copies
                .iter()
                .map(|c| c.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

fn rescue_copies(path: &Path) -> Vec<PathBuf> {
    let ours = rescued_from(path);
    use std::os::unix::fs::MetadataExt;
    let Some(stem) = path.file_stem().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    let me = nix::unistd::geteuid().as_raw();
    let prefix = format!("{stem}.rescued-");
    // The names as the system gives them, not a path and a string made of each: a shared /tmp
    // holds thousands, and std's directory entries cost two allocations each.
    let named = |dir: PathBuf| -> Vec<PathBuf> {
        use nix::fcntl::OFlag;
        use std::os::unix::ffi::OsStrExt;
        let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC;
        let Ok(mut d) = nix::dir::Dir::open(&dir, flags, nix::sys::stat::Mode::empty()) else {
            return Vec::new();
        };
        d.iter()
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_bytes();
                name.starts_with(prefix.as_bytes()) && name.ends_with(b".json")
            })
            .map(|e| dir.join(std::ffi::OsStr::from_bytes(e.file_name().to_bytes())))
            .collect()
    };
    let mut found: Vec<PathBuf> = std::env::var_os("HOME")
        .map(PathBuf::from)
        .into_iter()
        .chain([std::env::temp_dir()])
        .flat_map(named)
        .filter(|p| {
            p.symlink_metadata()
                .is_ok_and(|m| m.is_file() && m.uid() == me)
        })
        // Of this very report, not of another one with the same name elsewhere.
        .filter(|p| {
            std::fs::read(p)
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .is_some_and(|v| v["rescued_from"] == ours.as_str())
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

/// After a panic: the answers go to FILE when they still make a sound report, else beside it to
/// FILE.recovered.json, so a good file is never overwritten by a state that may be broken.
fn recover(app: &mut App, path: &Path, saver: &Saver) -> Option<std::io::Result<PathBuf>> {
    if app.read_only {
        return None;
    }
    let text = catch_unwind(AssertUnwindSafe(|| {
        app.stash_draft();
        app.form.session.to_json_pretty()
    }))
    .ok()?;
    let mut registry = Registry { forms: Vec::new() };
    registry.add(app.form.q.clone());
    let sound = session_from_str("recovered", &text, &registry).is_ok();
    if sound {
        // Into the report as colleagues left it: this editor's changes merged, theirs kept.
        let ops = catch_unwind(AssertUnwindSafe(|| app.take_ops(u64::MAX))).ok()?;
        let mut last = None;
        let r = crate::save::save_merged(
            path,
            saver.lock_file().as_deref(),
            (&app.form.session, None),
            &ops,
            &mut last,
            false,
            &now(),
        );
        return Some(match r {
            Ok(_) => Ok(path.to_path_buf()),
            Err(crate::save::MergeError::Io(e)) => Err(e),
            Err(crate::save::MergeError::Replaced(why)) => Err(std::io::Error::other(why)),
        });
    }
    let mut name = path.as_os_str().to_owned();
    name.push(".recovered.json");
    let target = PathBuf::from(name);
    Some(write_atomic(&target, text.as_bytes(), true).map(|()| target))
}

/// The editor as one of the working group: who it is, and the prefix of its new items' ids
/// (unique among the group's editors: the time and the process).
fn joined(app: &mut App, user: String) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    app.user = user;
    app.id_prefix = format!("{}{}-", base36(secs), base36(u64::from(std::process::id())));
}

fn base36(mut n: u64) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Save now, on this thread: at the end, when nothing waits for a key.
fn save(app: &mut App, saver: &mut Saver) {
    app.stash_draft();
    let force = app.take_force();
    let ops = app.take_ops(u64::MAX);
    let r = saver.save_now(app.to_save(), force, ops, now());
    app.save_submitted();
    if let Ok(m) = &r {
        saver.base = m.written;
    }
    app.save_done(u64::MAX, u64::MAX, r);
}

/// A save came back: the view now agrees with the report it wrote (see `Saver::base`) — unless the
/// save merged colleagues' answers in while changes made here since still wait: those were made over
/// the view before, and the next save must merge them too (see `take_in_colleagues`).
fn done(app: &mut App, saver: &mut Saver, n: u64, r: saver::SaveResult) {
    if let Ok(m) = &r {
        saver.base = if m.others.is_some() && app.changes_after(n) {
            None
        } else {
            m.written
        };
    }
    let latest = saver.latest;
    app.save_done(n, latest, r);
}

/// Hand the report to the writer thread.
fn save_in_background(app: &mut App, saver: &mut Saver) {
    app.stash_draft();
    app.save_submitted();
    let force = app.take_force();
    let ops = app.take_ops(saver.latest + 1);
    if !saver.submit(app.to_save(), force, ops, now()) {
        app.save_done(
            saver.latest,
            saver.latest,
            Err(saver::SaveError::io("the writer thread is gone".into())),
        );
    }
}

/// After a signal the answers are saved; what is left is giving the terminal back, which writes to
/// it. A terminal that does not read (a frozen SSH window) would hold that write for ever: past this
/// time the process ends without it.
const SIGNAL_EXIT: Duration = Duration::from_millis(700);

fn exit_soon(sig: usize) {
    let _ = std::thread::Builder::new()
        .name("saualnama-exit".into())
        .spawn(move || {
            std::thread::sleep(SIGNAL_EXIT);
            // SAFETY: _exit ends the process at once; nothing of ours runs after it.
            unsafe { nix::libc::_exit(128 + sig as i32) };
        });
}

/// Where a rescue copy is made from (see `rescue`), and whether one was.
struct Rescue<'a> {
    path: &'a Path,
    lang: crate::i18n::Lang,
    /// What the rescue made on the way out says, once the terminal is given back.
    said: Option<String>,
}

/// While the user stands in a part a colleague holds, how often the loop looks whether they left
/// (their leaving is seen at once through the lock file; their crash only by looking).
const HELD_RETRY: Duration = Duration::from_millis(500);

/// How long a part stays this editor's after the user left it while changes made in it are still on
/// their way to the disk: a colleague who came in at once would not see them and would enter over
/// them. A save that keeps failing does not keep the part from the others for longer.
const HOLD_UNSAVED: Duration = Duration::from_secs(5);

/// How long an editor may sit without a key before it lets go of its part: a colleague who left
/// their terminal open on annex 4 and went to a meeting must not keep the HR officer out of it.
/// The next key takes the part back, or shows it read-only if a colleague came in meanwhile.
const IDLE_RELEASE: Duration = Duration::from_secs(10 * 60);

fn idle_release() -> Duration {
    // The end-to-end test waits a second, not ten minutes (debug builds only).
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("SAUALNAMA_TEST_IDLE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        return Duration::from_millis(ms);
    }
    IDLE_RELEASE
}

/// Move the editor's presence into the part the user stands in, and tell the user when a colleague
/// is in it (or has just left it). With `keep`, the part the editor holds stays held (see
/// `HOLD_UNSAVED`); the one the user is in is only looked at.
pub(crate) fn sync_part(app: &mut App, presence: &mut Presence, keep: bool) -> bool {
    let want = app.part();
    let lang = app.form.lang;
    let before = app.held_by.clone();
    let holder = if keep && presence.current() != want {
        match want.as_ref().and_then(|w| presence.holder_of(w)) {
            Some(h) => Err(h),
            None => Ok(()),
        }
    } else {
        presence.enter(want.as_ref(), &now())
    };
    match holder {
        Ok(()) => {
            app.held_by = None;
            // Said only when it is the very part the user waited in.
            if before.is_some() && app.held_part.is_some() && app.held_part == want {
                app.message = Some((keys::text(ui_text::Ui::PartFree, lang), app::Tone::Info));
            }
            app.held_part = None;
        }
        Err(holder) => {
            let sentence = if holder.uid == nix::unistd::geteuid().as_raw() {
                // The same account in another terminal: not a colleague.
                keys::text(ui_text::Ui::PartHeldBySelf, lang)
                    .replace("{since}", &holder.since_text(lang))
            } else {
                app.held_sentence(&holder.describe(lang))
            };
            if before.as_ref() != Some(&sentence) {
                // What the user was told in this same round (a deletion that brought them here, a
                // draft restored over a colleague's answer) is said first, not covered.
                let said = match app.message.take() {
                    Some((m, _)) if !m.contains(&sentence) => format!("{m} · {sentence}"),
                    _ => sentence.clone(),
                };
                app.message = Some((said, app::Tone::Error));
            }
            app.held_by = Some(sentence);
            app.held_part = want;
        }
    }
    if before != app.held_by {
        // A held part's figures are the stored ones (see `App::recompute`).
        app.recompute();
    }
    before != app.held_by
}

/// The colleagues' places, for the outline.
/// Where the colleagues are, read again; true when that changed (this editor's own records wake
/// the folder's watch too: the first frame was drawn twice for one).
fn look_at_others(app: &mut App, presence: &Presence) -> bool {
    let others: Vec<(String, String)> = presence
        .others()
        .into_iter()
        .filter_map(|r| Some((r.part?, r.user)))
        .collect();
    let changed = others != app.others;
    app.others = others;
    changed
}

/// A colleague's save: the report as it is now, shown with this editor's changes over it.
/// `Err` while this editor's own save is under way: the change may be that save (reading and
/// taking in a report of 1,000 items cost the single user tens of milliseconds at every save).
fn take_in_colleagues(app: &mut App, path: &Path, saver: &mut Saver) -> Result<bool, saver::Busy> {
    let here = crate::store::file_id(path);
    if here.is_none() || here == saver.last_written()? {
        return Ok(false);
    }
    let Ok(bytes) = crate::store::read_regular(path) else {
        return Ok(false);
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(false);
    };
    Ok(
        match crate::session::parse_session(&path.display().to_string(), &text) {
            Ok(disk) => {
                app.rebase(disk);
                // The view is now the report with this editor's changes laid over it as they are.
                // Changes not yet saved were made over what the editor saw before: the report they
                // are saved into must be merged with them (where they meet the colleague's answers
                // as conflicts), not written as the view shows it. So the view counts as the report
                // only with nothing of this editor's waiting.
                if !app.unsaved_changes() {
                    saver.base = here;
                }
                true
            }
            // Not a report (any more): the next save says so and asks.
            Err(_) => false,
        },
    )
}

/// The editor among its colleagues: what it watches, and the timers of waiting for a held part and
/// of holding its own (see `HELD_RETRY`, `HOLD_UNSAVED`).
struct Group {
    watch: Option<watch::Watch>,
    last_held_look: Instant,
    /// Since when changes made here are not yet all on disk.
    unsaved_since: Option<Instant>,
    /// A change of the report seen while this editor's save was under way: looked at once the save
    /// is done (its result wakes the loop).
    report_pending: bool,
    /// The last key, and whether the editor has let go of its part since (see `IDLE_RELEASE`).
    last_key: Instant,
    away: bool,
    idle_after: Duration,
}

impl Group {
    /// The colleagues' saves and moves, and the part the user is in: after the keys and this
    /// editor's own save results of the round, so that a part is let go as soon as its changes are
    /// on disk. Whether the screen changed.
    fn look(
        &mut self,
        app: &mut App,
        saver: &mut Saver,
        presence: Option<&mut Presence>,
        path: &Path,
    ) -> bool {
        let (Some(w), Some(p)) = (self.watch.as_mut(), presence) else {
            return false;
        };
        let mut dirty = false;
        let changes = w.changes();
        if changes.report || self.report_pending {
            match take_in_colleagues(app, path, saver) {
                Ok(took) => {
                    dirty |= took;
                    self.report_pending = false;
                }
                Err(saver::Busy) => self.report_pending = true,
            }
        }
        if changes.lock {
            dirty |= look_at_others(app, p);
        }
        let held_look = app.held_by.is_some() && self.last_held_look.elapsed() >= HELD_RETRY;
        if held_look || changes.lock || changes.report {
            self.last_held_look = Instant::now();
        }
        self.unsaved_since = match (app.unsaved_changes(), self.unsaved_since) {
            (false, _) => None,
            (true, None) => Some(Instant::now()),
            (true, t) => t,
        };
        let keep = self
            .unsaved_since
            .is_some_and(|t| t.elapsed() < HOLD_UNSAVED);
        if self.away {
            return dirty;
        }
        if self.last_key.elapsed() >= self.idle_after && !app.unsaved_changes() {
            let _ = p.enter(None, &now());
            self.away = true;
            app.held_by = None;
            app.held_part = None;
            app.message = Some((
                keys::text(ui_text::Ui::AwayReleased, app.form.lang),
                app::Tone::Info,
            ));
            return true;
        }
        dirty | sync_part(app, p, keep)
    }

    /// A key after the editor let go of its part: the part is taken back before the key is read,
    /// so that a key into a part a colleague came into meanwhile is refused, not taken.
    fn key_came(&mut self, app: &mut App, presence: Option<&mut Presence>) {
        self.last_key = Instant::now();
        if std::mem::take(&mut self.away)
            && let Some(p) = presence
        {
            app.message = None;
            let _ = look_at_others(app, p);
            sync_part(app, p, false);
        }
    }
}

fn event_loop(
    t: &mut terminal::Term,
    app: &mut App,
    saver: &mut Saver,
    theme: &Theme,
    signalled: &AtomicUsize,
    rescue_at: &mut Rescue,
    mut presence: Option<&mut Presence>,
) -> std::io::Result<End> {
    let mut input = input::TtyInput::open()?;
    let mut last_background = Instant::now();
    let mut group = Group {
        watch: presence
            .as_ref()
            .map(|p| watch::Watch::new(rescue_at.path, &p.path)),
        last_held_look: Instant::now(),
        unsaved_since: None,
        report_pending: false,
        last_key: Instant::now(),
        away: false,
        idle_after: idle_release(),
    };
    if let Some(p) = presence.as_deref_mut() {
        let _ = look_at_others(app, p);
        sync_part(app, p, false);
    }
    // Draw only when something may have changed: an idle editor sends nothing over the line.
    let mut dirty = true;
    let mut first = true;
    loop {
        let sig = signalled.load(Ordering::Relaxed);
        if sig != 0 {
            // Save first, on this thread, and only then give the terminal back (see `exit_soon`).
            for (n, r) in saver.finish() {
                done(app, saver, n, r);
            }
            app.shutdown(std::time::SystemTime::now());
            if !app.read_only {
                save(app, saver);
                // And where the report cannot take them, before the terminal is touched again.
                if matches!(app.save_state, SaveState::Failed(_)) {
                    // Said once the terminal is back: said now, it would go with the screen.
                    rescue_at.said = Some(rescue(app, rescue_at.path, rescue_at.lang));
                }
            }
            exit_soon(sig);
            return Ok(End::Signal(sig));
        }
        // Not once the user has quit: the screen is given back next, and a frame of the figures
        // the last key changed (a third of quitting's CPU) would be seen by no one.
        if dirty && !app.quit {
            t.draw(|f| view::draw(app, f, theme))?;
            dirty = false;
        }
        if std::mem::take(&mut first) {
            // Looked for once the first frame is up: it lists the home folder and /tmp, and the
            // first frame does not need it.
            if let Some(said) = rescue_notice(rescue_at.path, app.form.lang) {
                let said = match app.message.take() {
                    Some((m, _)) => format!("{said} · {m}"),
                    None => said,
                };
                app.message = Some((said, app::Tone::Error));
                dirty = true;
                continue;
            }
        }
        if app.quit {
            return Ok(End::Quit);
        }
        // Sleep until a key, a signal, a save's result or a colleague's change; a timer only while
        // something waits to be saved (a draft, the cursor, a failed save to retry) or the user
        // waits for a colleague to leave a part: an idle editor does not wake up.
        let waiting = !app.read_only
            && (app.needs_background_save
                || app.draft_pending()
                || matches!(app.save_state, SaveState::Failed(_)));
        let timeout = [
            waiting.then(|| BACKGROUND_SAVE.saturating_sub(last_background.elapsed())),
            app.held_by
                .is_some()
                .then(|| HELD_RETRY.saturating_sub(group.last_held_look.elapsed())),
            group.watch.as_ref().and_then(watch::Watch::timeout),
            // Once, when the hold ends: a save that keeps failing must neither keep the part nor
            // turn this into a loop that never sleeps.
            group
                .unsaved_since
                .filter(|t| t.elapsed() < HOLD_UNSAVED)
                .map(|t| HOLD_UNSAVED.saturating_sub(t.elapsed())),
            // Once, when the editor has sat long enough to let go of its part.
            (group.watch.is_some() && !group.away && group.last_key.elapsed() < group.idle_after)
                .then(|| group.idle_after.saturating_sub(group.last_key.elapsed())),
        ]
        .into_iter()
        .flatten()
        .min();
        // While this editor's own save is being written, the folder's events are its own (a file
        // made, written and renamed, the history appended: six wake-ups a save). The watch is not
        // waited on then; it is read once the save is back.
        let fds: Vec<_> = saver
            .wake_fd()
            .into_iter()
            .chain(
                group
                    .watch
                    .as_ref()
                    .filter(|_| !saver.busy())
                    .and_then(watch::Watch::fd),
            )
            .collect();
        let watch_at = saver.wake_fd().into_iter().count();
        let event = input.next(timeout, &fds)?;
        if let Some(w) = group.watch.as_mut()
            && input.woke(watch_at)
        {
            w.woke();
        }
        if let Some(e) = event {
            group.key_came(app, presence.as_deref_mut());
            app.update_but_summary(e, std::time::SystemTime::now());
            // Take everything already typed before drawing again: over a slow link keys come in bursts.
            while !app.quit {
                let Some(e) = input.next(Some(Duration::ZERO), &[])? else {
                    break;
                };
                app.update_but_summary(e, std::time::SystemTime::now());
            }
            // What was typed goes to the screen first, then the figures it changes, if any.
            if !app.quit {
                t.draw(|f| view::draw(app, f, theme))?;
            }
            dirty = app.recompute();
        }
        if app.wants_history {
            app.wants_history = false;
            let entries = crate::history::read(rescue_at.path).unwrap_or_default();
            app.show_history(&entries);
            dirty = true;
        }
        if app.read_only || app.quit {
            dirty |= group.look(app, saver, presence.as_deref_mut(), rescue_at.path);
            continue;
        }
        let before = app.save_state.clone();
        if app.needs_save {
            save_in_background(app, saver);
            last_background = Instant::now();
        } else if last_background.elapsed() >= BACKGROUND_SAVE {
            let failed = matches!(app.save_state, SaveState::Failed(_));
            if app.stash_draft() || app.needs_background_save || failed {
                save_in_background(app, saver);
            }
            last_background = Instant::now();
        }
        for (n, r) in saver.poll() {
            done(app, saver, n, r);
            dirty = true;
            if let Some(w) = group.watch.as_mut() {
                w.woke();
            }
        }
        dirty |= app.save_state != before;
        dirty |= group.look(app, saver, presence.as_deref_mut(), rescue_at.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(app: &mut App, c: char) {
        use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        let k = match c {
            '\r' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\x07' => KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL),
            '\x14' => KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL),
            '⌦' => KeyEvent::new(KeyCode::Delete, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        app.update(Event::Key(k), std::time::SystemTime::now());
    }

    /// The example report at DIR/r.json (as `s`), an editor on it, and its saver: (s, path, app,
    /// saver).
    fn editor_on(dir: &Path, s: Session) -> (Session, PathBuf, App, Saver) {
        let path = dir.join("r.json");
        std::fs::write(&path, s.to_json_pretty()).unwrap();
        let q = crate::sample::example().1;
        let app = App::new(q, s.clone(), Lang::En, "r.json".into(), false);
        let identity = saver::Identity {
            report: crate::store::file_id(&path),
            lock: None,
        };
        let saver = Saver::start(path.clone(), Some(identity));
        (s, path, app, saver)
    }

    /// A colleague's save: written beside the report and renamed over it.
    fn colleague_saves(path: &Path, theirs: &Session) {
        let tmp = path.with_file_name("theirs.json");
        std::fs::write(&tmp, theirs.to_json_pretty()).unwrap();
        std::fs::rename(&tmp, path).unwrap();
    }

    /// Alice's change could not be saved (her folder refused it); meanwhile Bob saved another value
    /// of the same field, and her editor took his save in. Her change, saved at last, meets his as a
    /// conflict: both kept, his the answer. (It was written over his, as her view showed it.)
    #[test]
    fn a_change_waiting_when_a_colleagues_save_comes_in_meets_it_as_a_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let (s, path, mut app, mut saver) = editor_on(dir.path(), crate::sample::example().0);
        saver.base = crate::store::file_id(&path);
        for c in "\x074.Q3\r5\r".chars() {
            key(&mut app, c);
        }
        assert!(app.unsaved_changes(), "her 5 waits to be saved");
        let mut theirs = s;
        theirs.ensure_item_ids();
        theirs
            .sections
            .get_mut("personnel")
            .unwrap()
            .answers
            .insert("vacancies".into(), serde_json::Value::from(7));
        colleague_saves(&path, &theirs);
        assert!(take_in_colleagues(&mut app, &path, &mut saver).unwrap());
        save(&mut app, &mut saver);
        let disk: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            disk["sections"]["personnel"]["answers"]["vacancies"], 7,
            "{disk}"
        );
        let values: Vec<_> = disk["conflicts"][0]["values"]
            .as_array()
            .map(|v| v.iter().map(|r| r["value"].clone()).collect())
            .unwrap_or_default();
        assert_eq!(values, [7, 5], "{disk}");
    }

    /// The same for a deletion: Alice deleted the second service and could not save; Bob entered an
    /// answer in it meanwhile. Her deletion, saved at last, keeps the item with his answer.
    #[test]
    fn a_deletion_waiting_when_a_colleague_fills_the_item_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::sample::example().0;
        s.ensure_item_ids();
        let (s, path, mut app, mut saver) = editor_on(dir.path(), s);
        saver.base = crate::store::file_id(&path);
        for c in "\x071.2\r\x14⌦y".chars() {
            key(&mut app, c);
        }
        assert_eq!(app.form.session.item_count("public_services"), 1);
        let mut theirs = s;
        std::sync::Arc::make_mut(&mut theirs.sections.get_mut("public_services").unwrap().items[1])
            .answers
            .insert("refusals".into(), serde_json::Value::from(3));
        colleague_saves(&path, &theirs);
        take_in_colleagues(&mut app, &path, &mut saver).unwrap();
        save(&mut app, &mut saver);
        let disk: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let items = disk["sections"]["public_services"]["items"]
            .as_array()
            .unwrap();
        assert_eq!(items.len(), 2, "{disk}");
        assert_eq!(items[1]["answers"]["refusals"], 3);
        let history =
            std::fs::read_to_string(dir.path().join("r.history.jsonl")).unwrap_or_default();
        assert!(
            !history.contains("item_removed"),
            "a deletion not done is not in the history: {history}"
        );
    }

    /// A change of the report seen while this editor's own save runs may be that save: it is not
    /// read and taken in then (a report of 1,000 items cost tens of milliseconds at every save),
    /// but looked at once the save is done — and a colleague's save is taken in.
    #[test]
    fn a_change_seen_during_an_own_save_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let (s, path, mut app, mut saver) = editor_on(dir.path(), crate::sample::example().0);
        {
            let identity = saver.identity();
            let _running = identity.lock().unwrap();
            assert!(matches!(
                take_in_colleagues(&mut app, &path, &mut saver),
                Err(saver::Busy)
            ));
        }
        assert!(
            !take_in_colleagues(&mut app, &path, &mut saver).unwrap(),
            "the report is the one this editor wrote: nothing to take in"
        );
        let mut theirs = s;
        theirs
            .sections
            .get_mut("personnel")
            .unwrap()
            .answers
            .insert("vacancies".into(), serde_json::Value::from(5));
        colleague_saves(&path, &theirs);
        assert!(take_in_colleagues(&mut app, &path, &mut saver).unwrap());
        assert_eq!(
            app.form.session.count("personnel", None, "vacancies"),
            Some(5)
        );
    }
}
