//! The form editor: `saualnama [FILE]`. State and `update` in `app`, drawing in `view`, the terminal in
//! `terminal`; this module is the loop that joins them to the disk.

pub mod app;
pub mod editor;
pub mod keys;
pub mod nav;
pub mod terminal;
pub mod view;

use crate::cli::{Cli, env_lang};
use crate::questionnaire::Registry;
use crate::session::Session;
use crate::store::{EditLock, LockError, read_session, save_session};
use app::{App, SaveState, now};
use ratatui::crossterm::event;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use view::{Theme, view};

/// How often text being typed is saved as a draft, and a failed save retried.
const BACKGROUND_SAVE: Duration = Duration::from_secs(2);

pub fn run(cli: Cli, registry: Registry) -> ExitCode {
    let path = cli
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from("report.json"));
    let (session, q) = if path.exists() {
        match read_session(&path, &registry) {
            Ok(x) => x,
            Err(e) => {
                eprintln!("saualnama: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        let q = match &cli.questionnaire {
            Some(id) => match registry.resolve(id) {
                Ok(q) => q,
                Err(e) => {
                    eprintln!("saualnama: {e}");
                    return ExitCode::from(2);
                }
            },
            None => registry.default_form().clone(),
        };
        (Session::new(&q, now()), q)
    };
    let _lock = if cli.read_only {
        None
    } else {
        match EditLock::acquire(&path, &now()) {
            Ok(l) => Some(l),
            Err(LockError::Held(who)) => {
                eprintln!(
                    "saualnama: {} is open in another saualnama ({who}).\n\
                     It can be opened read-only: saualnama --read-only {}",
                    path.display(),
                    path.display()
                );
                return ExitCode::from(2);
            }
            Err(LockError::Io(e)) => {
                eprintln!("saualnama: {}: cannot take the lock: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    };
    let lang = cli
        .lang
        .or(session.language)
        .or_else(env_lang)
        .unwrap_or_default();
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut app = App::new(q, session, lang, file_name, cli.read_only);
    let theme = Theme::from_env();
    let result = terminal::with_terminal(|t| event_loop(t, &mut app, &path, &theme));
    // Whatever ended the loop, what was committed goes to disk.
    if !app.read_only
        && (app.needs_save || app.needs_background_save || app.save_state != SaveState::Saved)
    {
        save(&mut app, &path);
    }
    match (result, &app.save_state) {
        (Err(e), _) => {
            eprintln!("saualnama: terminal: {e}");
            ExitCode::from(1)
        }
        (Ok(()), SaveState::Failed(e)) => {
            eprintln!("saualnama: {}: NOT SAVED: {e}", path.display());
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}

fn save(app: &mut App, path: &Path) {
    app.stash_draft();
    let r = save_session(path, &app.session, true).map_err(|e| e.to_string());
    app.saved(r);
}

fn event_loop(
    t: &mut ratatui::DefaultTerminal,
    app: &mut App,
    path: &Path,
    theme: &Theme,
) -> std::io::Result<()> {
    let mut last_background = Instant::now();
    loop {
        t.draw(|f| view(app, f, theme))?;
        if app.quit {
            return Ok(());
        }
        if event::poll(Duration::from_millis(500))? {
            app.update(event::read()?);
            // Take everything already typed before drawing again: over a slow link keys come in bursts.
            while !app.quit && event::poll(Duration::ZERO)? {
                app.update(event::read()?);
            }
        }
        if app.read_only || app.quit {
            continue;
        }
        if app.needs_save {
            save(app, path);
            last_background = Instant::now();
        } else if last_background.elapsed() >= BACKGROUND_SAVE {
            let failed = matches!(app.save_state, SaveState::Failed(_));
            if app.stash_draft() || app.needs_background_save || failed {
                save(app, path);
            }
            last_background = Instant::now();
        }
    }
}
