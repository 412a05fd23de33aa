//! The form editor: `saualnama [FILE]`. State and `update` in `app`, drawing in `view`, the terminal in
//! `terminal`; this module is the loop that joins them to the disk and to signals.

pub mod app;
pub mod backend;
pub mod editor;
pub mod keys;
pub mod nav;
pub mod saver;
pub mod terminal;
pub mod view;

use crate::cli::{Cli, env_lang, say};
use crate::questionnaire::Registry;
use crate::session::Session;
use crate::store::{
    EditLock, LockError, read_session, save_session, session_from_str, write_atomic,
};
use crate::ui_text;
use app::{App, SaveState, now};
use ratatui::crossterm::event;
use saver::Saver;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use view::{Theme, view};

/// How often text being typed is saved as a draft, and a failed save retried.
const BACKGROUND_SAVE: Duration = Duration::from_secs(2);

/// How long the loop waits for a key before it looks at signals and the clock.
const TICK: Duration = Duration::from_millis(200);

/// How the loop ended.
enum End {
    Quit,
    /// SIGHUP (the SSH connection dropped), SIGTERM or SIGINT.
    Signal(usize),
}

fn open(
    cli: &Cli,
    path: &Path,
    registry: &Registry,
) -> Result<(Session, crate::questionnaire::Questionnaire), String> {
    // Before the report is read, its language is unknown: -l, else the locale.
    let lang = cli.lang.or_else(env_lang).unwrap_or_default();
    if path.exists() {
        return read_session(path, registry).map_err(|e| e.render(lang));
    }
    let q = match &cli.questionnaire {
        Some(id) => registry.resolve(id).map_err(|e| e.render(lang))?,
        None => registry.default_form().clone(),
    };
    Ok((Session::new(&q, now()), q))
}

pub fn run(cli: Cli, registry: Registry) -> ExitCode {
    let path = cli
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from("report.json"));
    let (session, q) = match open(&cli, &path, &registry) {
        Ok(x) => x,
        Err(e) => {
            say(format_args!("saualnama: {e}"));
            return ExitCode::from(2);
        }
    };
    let lang = cli
        .lang
        .or(session.language)
        .or_else(env_lang)
        .unwrap_or_default();
    let mut read_only = cli.read_only;
    let mut notice = None;
    let _lock = if read_only {
        None
    } else {
        match EditLock::acquire(&path, &now()) {
            Ok(l) => Some(l),
            Err(LockError::Held(who)) => {
                say(format_args!(
                    "saualnama: {}: {} ({who}).",
                    path.display(),
                    ui_text::Ui::HeldByOther.get(lang)
                ));
                // Asked only of a person at a terminal; a script gets the refusal and exit code 2.
                if !std::io::stdin().is_terminal() || !ask_yes(ui_text::Ui::OpenReadOnly.get(lang))
                {
                    say(format_args!("saualnama --read-only {}", path.display()));
                    return ExitCode::from(2);
                }
                read_only = true;
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
                notice = Some(e.to_string());
                None
            }
            Err(LockError::Io(e)) => {
                say(format_args!(
                    "saualnama: {}: {}: {e}",
                    path.display(),
                    ui_text::Ui::CannotLock.get(lang)
                ));
                return ExitCode::from(2);
            }
        }
    };
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
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let is_new = !path.exists();
    let mut app = App::new(q, session, lang, file_name, read_only);
    if is_new && !read_only {
        app.save_state = SaveState::New;
    }
    if let Some(why) = notice {
        app.message = Some((
            format!("{} ({why})", ui_text::Ui::CannotWriteHere.get(lang)),
            app::Tone::Error,
        ));
    }
    let theme = Theme::from_env();
    let mut saver = Saver::start(path.clone());
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        terminal::with_terminal(|t| event_loop(t, &mut app, &mut saver, &theme, &signalled))
    }));
    // Every save handed to the writer is on disk (or failed) before anything else is written.
    for (n, r) in saver.finish() {
        app.save_done(n, saver.latest, r);
    }
    let result = match outcome {
        Ok(r) => r,
        Err(_) => {
            // The panic hook has given the terminal back and printed the message.
            match recover(&mut app, &path) {
                Some(Ok(at)) => say(format_args!(
                    "saualnama: {} {}",
                    ui_text::Ui::CrashSaved.get(lang),
                    at.display()
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
    if !matches!(result, Ok(End::Quit)) {
        app.shutdown();
    }
    if !app.read_only
        && (app.needs_save
            || app.needs_background_save
            || !matches!(app.save_state, SaveState::Saved | SaveState::New))
    {
        save(&mut app, &path);
    }
    match (result, &app.save_state) {
        (_, SaveState::Failed(e)) => {
            say(format_args!(
                "saualnama: {}: {}: {e}",
                path.display(),
                ui_text::Ui::SaveFailed.get(lang)
            ));
            ExitCode::from(1)
        }
        (Ok(End::Signal(sig)), _) => ExitCode::from(128u8.saturating_add(sig as u8)),
        // The terminal went away (EIO/EPIPE): the answers are saved, so this is a normal end.
        (Err(_), _) | (Ok(End::Quit), _) => ExitCode::SUCCESS,
    }
}

/// A yes/no question on the terminal, before the editor takes it over: y, Y, or the Н/И/Д keys.
fn ask_yes(question: &str) -> bool {
    use std::io::Write;
    let _ = write!(std::io::stderr(), "{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_err() {
        return false;
    }
    crate::answer::yes_no_prefix(&line) == Some(true)
}

/// After a panic: the answers go to FILE when they still make a sound report, else beside it to
/// FILE.recovered.json, so a good file is never overwritten by a state that may be broken.
fn recover(app: &mut App, path: &Path) -> Option<std::io::Result<PathBuf>> {
    if app.read_only {
        return None;
    }
    let text = catch_unwind(AssertUnwindSafe(|| {
        app.stash_draft();
        app.session.to_json_pretty()
    }))
    .ok()?;
    let mut registry = Registry { forms: Vec::new() };
    registry.add(app.q.clone());
    let sound = session_from_str("recovered", &text, &registry).is_ok();
    let target = if sound {
        path.to_path_buf()
    } else {
        let mut name = path.as_os_str().to_owned();
        name.push(".recovered.json");
        PathBuf::from(name)
    };
    Some(write_atomic(&target, text.as_bytes(), true).map(|()| target))
}

/// Save now, on this thread: at the end, when nothing waits for a key.
fn save(app: &mut App, path: &Path) {
    app.stash_draft();
    let r = save_session(path, &app.session, true).map_err(|e| e.to_string());
    app.save_submitted();
    app.save_done(1, 1, r);
}

/// Hand the report to the writer thread.
fn save_in_background(app: &mut App, saver: &mut Saver) {
    app.stash_draft();
    let bytes = app.session.to_json_pretty().into_bytes();
    app.save_submitted();
    if !saver.submit(bytes) {
        app.save_done(
            saver.latest,
            saver.latest,
            Err("the writer thread is gone".into()),
        );
    }
}

fn event_loop(
    t: &mut terminal::Term,
    app: &mut App,
    saver: &mut Saver,
    theme: &Theme,
    signalled: &AtomicUsize,
) -> std::io::Result<End> {
    let mut last_background = Instant::now();
    // Draw only when something may have changed: an idle editor sends nothing over the line.
    let mut dirty = true;
    loop {
        let sig = signalled.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(End::Signal(sig));
        }
        if dirty {
            t.draw(|f| view(app, f, theme))?;
            dirty = false;
        }
        if app.quit {
            return Ok(End::Quit);
        }
        if event::poll(TICK)? {
            app.update(event::read()?);
            // Take everything already typed before drawing again: over a slow link keys come in bursts.
            while !app.quit && event::poll(Duration::ZERO)? {
                app.update(event::read()?);
            }
            dirty = true;
        }
        if app.read_only || app.quit {
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
            app.save_done(n, saver.latest, r);
        }
        dirty |= app.save_state != before;
    }
}
