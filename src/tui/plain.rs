//! Plain mode: the form as plain lines, for a screen reader, a dumb terminal or a script. One question
//! at a time — its number, text, type and allowed answers, the current answer — and one line read;
//! commands on a line of their own (`:next`, `:back`, `:go 4.10`, `:summary`, `:findings`, `:help`,
//! `:quit`, or their Kazakh and Russian words). Not one escape sequence is written.
//!
//! The same editor does the work (`App`: the same validation, yes/no words, items, undo log and
//! history), and the same files: the report is locked, and saved after every answer, so that a kill
//! loses nothing committed. Lines from a pipe fill a report from a script: the first line that is not
//! an answer stops it, with its number, exit 1, the answers before it kept.

use super::app::{App, SaveState, Tone};
use super::keys;
use super::nav::Stop;
use crate::answer::{NO_WORDS, YES_WORDS, ends_answer_word, word_is_slip, yes_no_word};
use crate::i18n::Lang;
use crate::output::say;
use crate::questionnaire::FieldType;
use crate::session::Slot;
use crate::ui_text::Ui;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::SystemTime;

/// What a command line asks.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Cmd {
    Next,
    Back,
    Go(String),
    Summary,
    Findings,
    Help,
    Quit,
}

/// `:next`, `:келесі`, `:далее` …: a command in English or in the interface's languages.
fn command(line: &str) -> Option<Result<Cmd, String>> {
    let rest = line.trim().strip_prefix(':')?;
    let (word, arg) = rest
        .split_once(char::is_whitespace)
        .map_or((rest, ""), |(w, a)| (w, a.trim()));
    let w = word.to_lowercase();
    let is = |names: &[&str]| names.contains(&w.as_str());
    Some(Ok(if is(&["next", "n", "келесі", "далее"]) {
        Cmd::Next
    } else if is(&["back", "b", "артқа", "назад"]) {
        Cmd::Back
    } else if is(&["go", "g", "өту", "перейти"]) {
        Cmd::Go(arg.to_owned())
    } else if is(&["summary", "s", "жиынтық", "сводка"]) {
        Cmd::Summary
    } else if is(&["findings", "f", "тәуекелдер", "риски"]) {
        Cmd::Findings
    } else if is(&["help", "h", "?", "анықтама", "справка"]) {
        Cmd::Help
    } else if is(&["quit", "q", "шығу", "выход"]) {
        Cmd::Quit
    } else {
        return Some(Err(word.to_owned()));
    }))
}

fn key(code: KeyCode, m: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, m))
}

/// The current question as plain lines.
fn describe(app: &App) -> String {
    let lang = app.form.lang;
    let mut out = String::new();
    match app.stop() {
        Stop::AddItem(section) => {
            let sec = app.form.q.section(section);
            if let Some(sec) = sec {
                out += &format!("{}\n", crate::present::annex_heading(sec, lang));
            }
            out += &format!(
                "{} ({})\n",
                Ui::PlainAddItem.get(lang),
                crate::i18n::count(
                    app.form.session.item_count(section),
                    crate::i18n::Noun::Item,
                    lang
                )
            );
        }
        Stop::Slot(slot, kind) => {
            // Where in the form, for a listener who cannot see it: «5/87».
            out += &format!(
                "{}/{} {}\n",
                app.form.current + 1,
                app.form.stops.len(),
                crate::cli::slot_label(&app.form.q, slot, lang)
            );
            let allowed = match kind {
                Some(FieldType::YesNo) => format!(
                    "{} ({}) / {} ({}); {}",
                    yes_no_word(true, lang),
                    keys::yes_no_keys(true, lang),
                    yes_no_word(false, lang),
                    keys::yes_no_keys(false, lang),
                    Ui::PlainComment.get(lang)
                ),
                Some(FieldType::Count) => Ui::TypeCount.get(lang).to_owned(),
                Some(FieldType::Percent) => format!("{}, 0–100", Ui::TypePercent.get(lang)),
                Some(FieldType::Month) => Ui::HintMonth.get(lang).to_owned(),
                Some(FieldType::Text) => Ui::TypeText.get(lang).to_owned(),
                None => String::new(),
            };
            if !allowed.is_empty() {
                out += &format!("({allowed})\n");
            }
            if app.form.session.is_carried(slot) {
                out += &format!("{}\n", Ui::PlainCarried.get(lang));
            }
            let now = current(app, slot, *kind);
            out += &format!(
                "{}: {}\n",
                Ui::PlainCurrent.get(lang),
                // A word, not a dash a screen reader reads as «тире».
                if now.is_empty() {
                    Ui::Missing.get(lang).to_lowercase()
                } else {
                    now
                }
            );
        }
    }
    out
}

/// The stored answer of `slot`, as the documents print it.
fn current(app: &App, slot: &Slot, kind: Option<FieldType>) -> String {
    let lang = app.form.lang;
    match (slot, kind) {
        (Slot::ItemName { section, item }, _) => app
            .form
            .session
            .item_name(section, *item)
            .unwrap_or_default()
            .to_owned(),
        (_, Some(k)) => match app.form.session.typed(k, slot) {
            Some(Ok(crate::answer::Answer::YesNo { yes, comment })) => {
                crate::present::yes_no(yes, &comment, lang)
            }
            Some(Ok(a)) => a.display(lang),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// A yes/no line: the choice as a whole word first («да», «н», "yes"), then the comment after a
/// comma or another mark («нет, коллизий не выявлено»; a one-key answer also after a space).
/// `Err`: why the line answers nothing (a sentence, or the Y key on the other layout). A whole word
/// and then a word is a sentence, as in the editor: «Нет нарушений», «Да нет».
fn yes_no_line(line: &str, lang: Lang) -> Result<(bool, String), Ui> {
    let line = line.trim();
    let end = line
        .find(|c: char| c.is_whitespace() || ends_answer_word(c))
        .unwrap_or(line.len());
    let word = line[..end].to_lowercase();
    let then = line[end..].trim_start();
    if word.chars().count() > 1
        && line[end..].starts_with(char::is_whitespace)
        && then.chars().next().is_some_and(|c| !ends_answer_word(c))
    {
        return Err(Ui::PressYesNo);
    }
    let yes = if word_is_slip(&word, lang) {
        return Err(Ui::LayoutSlip);
    } else if YES_WORDS.contains(&word.as_str()) {
        true
    } else if NO_WORDS.contains(&word.as_str()) {
        false
    } else {
        return Err(Ui::PressYesNo);
    };
    let comment = line[end..]
        .trim_start_matches(|c: char| c.is_whitespace() || ends_answer_word(c))
        .trim()
        .to_owned();
    Ok((yes, comment))
}

/// One answer line into the editor: what is stored, then on to the next question. `Err`: why not
/// (nothing stored).
pub fn answer(app: &mut App, line: &str, now: SystemTime) -> Result<(), String> {
    let lang = app.form.lang;
    app.message = None;
    if line.trim().is_empty() {
        // Nothing typed: the answer stays as it is, and the next question comes.
        app.update(key(KeyCode::Tab, KeyModifiers::NONE), now);
        return Ok(());
    }
    match app.stop().clone() {
        Stop::AddItem(_) => {
            app.update(key(KeyCode::Enter, KeyModifiers::NONE), now);
            app.editor.set_text(line.trim());
        }
        Stop::Slot(_, Some(FieldType::YesNo)) => {
            let (yes, comment) = yes_no_line(line, lang).map_err(|t| keys::text(t, lang))?;
            app.editor.choice = Some(yes);
            // «да» alone keeps the comment there is; a new one after a comma replaces it.
            if !comment.is_empty() {
                app.editor.set_text(&comment);
            }
        }
        Stop::Slot(..) => app.editor.set_text(line.trim_end_matches(['\r', '\n'])),
    }
    let before = app.form.current;
    app.update(key(KeyCode::Enter, KeyModifiers::NONE), now);
    match &app.message {
        Some((m, Tone::Error)) if app.form.current == before => Err(m.clone()),
        _ => Ok(()),
    }
}

/// Where plain mode saves: the report, the lock file its saves take (with colleagues at work on
/// it) and the report as this editor last read or wrote it.
pub struct Target<'a> {
    pub path: &'a Path,
    /// This editor among the working group's (see `presence`): plain mode holds parts too.
    pub presence: Option<&'a mut crate::presence::Presence>,
    pub lock: Option<std::sync::Arc<std::fs::File>>,
    pub last: Option<crate::store::FileId>,
}

/// A colleague's save since this editor last read or wrote the report: shown with this editor's
/// changes laid over it.
fn colleagues(app: &mut App, last: &mut Option<crate::store::FileId>, path: &Path) {
    let here = crate::store::file_id(path);
    if here.is_none() || here == *last {
        return;
    }
    let text = crate::store::read_regular(path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    if let Some(disk) =
        text.and_then(|t| crate::session::parse_session(&path.display().to_string(), &t).ok())
    {
        app.rebase(disk);
        // What was read (its identity taken before reading it): the next save need not merge
        // unless a colleague saves again.
        *last = here;
    }
}

/// Save now, on this thread, with the report's history: plain mode saves after every answer, merged
/// into the report as colleagues left it.
fn save(app: &mut App, to: &mut Target) -> Result<(), String> {
    // Where the user stands is saved too: the next session resumes there.
    if !app.wants_save() || app.read_only() {
        return Ok(());
    }
    app.save_submitted();
    let ops = app.take_ops(u64::MAX);
    let sent = ops.clone();
    let r = crate::save::save_merged(
        to.path,
        to.lock.as_deref(),
        (&app.to_save(), to.last),
        &ops,
        &mut to.last,
        false,
        &super::app::now(),
    );
    let r = match r {
        Ok(m) => {
            app.save_done(u64::MAX, u64::MAX, Ok(m));
            Ok(())
        }
        Err(crate::save::MergeError::Replaced(e)) => Err(e),
        Err(crate::save::MergeError::Io(e)) => Err(e.to_string()),
    };
    if let Err(e) = &r {
        // Kept for the next save, which brings them along.
        app.give_back_ops(sent);
        app.save_state = SaveState::Failed(e.clone());
    }
    r
}

/// Run plain mode on `app` (the report at `path`, locked by the caller), reading lines from stdin.
pub fn run(mut app: App, to: Target) -> ExitCode {
    let path = to.path;
    let mut to = to;
    let lang = app.form.lang;
    let stdin = std::io::stdin();
    let scripted = !stdin.is_terminal();
    let mut out = std::io::stdout();
    let mut print = |text: &str| {
        let _ = out.write_all(crate::output::defang(text).as_bytes());
        let _ = out.flush();
    };
    print(&format!("{}\n", keys::text(Ui::PlainIntro, lang)));
    if let Some((m, _)) = &app.message {
        print(&format!("{m}\n"));
    }
    let mut shown = usize::MAX;
    let mut lines = stdin.lock().lines();
    let mut n = 0usize;
    loop {
        // The colleagues' answers since, and the part the user is in (see `presence`).
        if let Some(p) = to.presence.as_deref_mut() {
            colleagues(&mut app, &mut to.last, to.path);
            super::sync_part(&mut app, p, false);
        }
        if shown != app.form.current {
            print(&format!("\n{}", describe(&app)));
            if let Some(held) = &app.held_by {
                print(&format!("{held}\n"));
            }
            shown = app.form.current;
        }
        print("> ");
        let Some(Ok(line)) = lines.next() else {
            // The end of the input: what was answered is saved.
            break;
        };
        n += 1;
        if let Some(p) = to.presence.as_deref_mut() {
            super::sync_part(&mut app, p, false);
        }
        let now = SystemTime::now();
        let result = match command(&line) {
            Some(Ok(Cmd::Quit)) => break,
            Some(Ok(Cmd::Next)) => {
                app.update(key(KeyCode::Tab, KeyModifiers::NONE), now);
                Ok(())
            }
            Some(Ok(Cmd::Back)) => {
                app.update(key(KeyCode::BackTab, KeyModifiers::SHIFT), now);
                Ok(())
            }
            Some(Ok(Cmd::Go(target))) => {
                app.message = None;
                let before = app.form.current;
                app.update(key(KeyCode::Char('g'), KeyModifiers::CONTROL), now);
                app.update(Event::Paste(target), now);
                app.update(key(KeyCode::Enter, KeyModifiers::NONE), now);
                match &app.message {
                    Some((m, Tone::Error)) if app.form.current == before => Err(m.clone()),
                    _ => Ok(()),
                }
            }
            Some(Ok(Cmd::Summary)) => {
                let sum = crate::summary::summarize(&app.form.q, &app.form.session, lang);
                print(&crate::cli::summary_text(
                    &app.form.q,
                    &sum,
                    &[],
                    app.form.session.previous.as_ref(),
                    lang,
                ));
                // And the question again, so that the next line is not answered blind.
                shown = usize::MAX;
                Ok(())
            }
            Some(Ok(Cmd::Findings)) => {
                let found = crate::findings::findings(&app.form.q, &app.form.session, lang);
                print(&crate::cli::findings_text(&app.form.q, &found, lang));
                shown = usize::MAX;
                Ok(())
            }
            Some(Ok(Cmd::Help)) => {
                print(&format!("{}\n", Ui::PlainHelp.get(lang)));
                shown = usize::MAX;
                Ok(())
            }
            Some(Err(word)) => Err(format!("{}: :{word}", Ui::PlainUnknown.get(lang))),
            None => answer(&mut app, &line, now),
        };
        if let Err(e) = save(&mut app, &mut to) {
            say(format_args!(
                "saualnama: {}: {}: {e}",
                path.display(),
                Ui::SaveFailed.get(lang)
            ));
            return ExitCode::from(1);
        }
        match result {
            Ok(()) => {
                if let Some((m, Tone::Info)) = &app.message {
                    print(&format!("{m}\n"));
                }
            }
            Err(e) if scripted => {
                say(format_args!(
                    "saualnama: {}: {}: {e}",
                    Ui::PlainLine.get(lang).replace("{n}", &n.to_string()),
                    line.trim()
                ));
                return ExitCode::from(1);
            }
            Err(e) => print(&format!("! {e}\n")),
        }
    }
    app.shutdown(std::time::SystemTime::now());
    match save(&mut app, &mut to) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(format_args!("saualnama: {}: {e}", path.display()));
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_in_three_languages() {
        assert_eq!(command(":next"), Some(Ok(Cmd::Next)));
        assert_eq!(command(":далее"), Some(Ok(Cmd::Next)));
        assert_eq!(command(":өту 4.10"), Some(Ok(Cmd::Go("4.10".into()))));
        assert_eq!(command(":go  1.2.Q3 "), Some(Ok(Cmd::Go("1.2.Q3".into()))));
        assert_eq!(command(":выход"), Some(Ok(Cmd::Quit)));
        assert_eq!(command(":что"), Some(Err("что".into())));
        assert_eq!(command("нет"), None);
    }

    #[test]
    fn yes_no_lines_are_whole_words() {
        let ru = Lang::Ru;
        assert_eq!(yes_no_line("да", ru), Ok((true, String::new())));
        assert_eq!(
            yes_no_line("Нет, всё по Стандарту.", ru),
            Ok((false, "всё по Стандарту.".into()))
        );
        assert_eq!(
            yes_no_line("иә — кеңсе арқылы", Lang::Kk),
            Ok((true, "кеңсе арқылы".into()))
        );
        assert_eq!(
            yes_no_line("Половина", ru),
            Err(Ui::PressYesNo),
            "a sentence is no answer"
        );
        assert_eq!(yes_no_line("Да-да", ru), Ok((true, "да".into())));
    }

    /// A whole word and then a word is a sentence, as in the editor: its yes or no depends on the
    /// question («Нет нарушений» to «Соблюдается ли порядок?» is a yes), so it answers nothing. A
    /// one-key answer and a space is still the answer and its comment.
    #[test]
    fn a_yes_or_no_word_that_begins_a_sentence_answers_nothing() {
        let ru = Lang::Ru;
        for line in [
            "Нет нарушений",
            "Да нет, всё так",
            "да  и нет",
            "No violations found",
        ] {
            assert_eq!(yes_no_line(line, ru), Err(Ui::PressYesNo), "{line:?}");
        }
        assert_eq!(
            yes_no_line("Жоқ деп айтуға болмайды", Lang::Kk),
            Err(Ui::PressYesNo)
        );
        assert_eq!(
            yes_no_line("нет – коллизий нет", ru),
            Ok((false, "коллизий нет".into()))
        );
        assert_eq!(yes_no_line("нет ", ru), Ok((false, String::new())));
        assert_eq!(
            yes_no_line("н нарушений не выявлено", ru),
            Ok((false, "нарушений не выявлено".into()))
        );
    }

    #[test]
    fn the_y_key_answers_only_in_the_layout_the_interface_reads() {
        // The Y key: «н» on a Cyrillic layout, `y` on a Latin one.
        assert_eq!(yes_no_line("н", Lang::Ru), Ok((false, String::new())));
        assert_eq!(yes_no_line("y", Lang::Ru), Err(Ui::LayoutSlip));
        assert_eq!(yes_no_line("Y, всё так", Lang::Kk), Err(Ui::LayoutSlip));
        assert_eq!(yes_no_line("y", Lang::En), Ok((true, String::new())));
        assert_eq!(yes_no_line("н", Lang::En), Err(Ui::LayoutSlip));
        // Whole words are never slips.
        assert_eq!(yes_no_line("yes", Lang::Ru), Ok((true, String::new())));
        assert_eq!(yes_no_line("нет", Lang::En), Ok((false, String::new())));
    }
}
