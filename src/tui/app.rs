//! The editor's state and `update`: every key and paste goes through here, and nothing here touches
//! the terminal or the disk. The run loop saves when `needs_save` says so and reports back.

use super::editor::Editor;
use super::form::{Changed, Edit, Form};
use super::keys::{self, Action, Context};
use super::nav::{self, Stop};
use super::overlay::answer_history::AnswerHistory;
use super::overlay::confirm::Confirm;
use super::overlay::findings::Findings;
use super::overlay::help::Help;
use super::overlay::item_menu::ItemMenu;
use super::overlay::prompt::{Prompt, Purpose};
use super::overlay::{Command, Outcome, Overlay};
use crate::answer::{Answer, AnswerError};
use crate::history::{Entry, What};
use crate::i18n::Lang;
use crate::presence::Part;
use crate::questionnaire::{FieldType, Questionnaire, Severity};
use crate::session::{Conflict, Item, Rival, Session, Slot};
use crate::ui_text::Ui;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use serde_json::Value;

/// What the body shows on a folded (small) screen: the question, or the outline or the summary in
/// its place (`Ctrl-W`, `Ctrl-R`). On a larger screen all three are shown and this is not used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    #[default]
    Question,
    Outline,
    Summary,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// A new report with no file yet: nothing has been saved, and nothing needs to be.
    New,
    /// Nothing to save.
    Saved,
    /// Changes not yet on disk.
    Unsaved,
    /// The last save failed; the message says why. The previous file is intact.
    Failed(String),
    ReadOnly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Error,
}

/// One change of what is stored, kept so that it can be undone (`Ctrl-Z`) and redone (`Ctrl-Y`) for
/// as long as the editor is open.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// An answer, a header field or an item's name changed.
    Value {
        slot: Slot,
        /// The slot's item, found by its id when the change is undone (colleagues may have added or
        /// deleted items before it since).
        id: Option<String>,
        before: Option<Value>,
        after: Option<Value>,
        /// The conflict between colleagues at the slot before and after (a choice settles one; a
        /// value begun over a colleague's later answer opens one): undo and redo put it back.
        conflicts: Box<[Option<Conflict>; 2]>,
    },
    ItemAdded {
        section: String,
        item: usize,
        id: String,
    },
    /// An item deleted, with everything it held.
    ItemRemoved {
        section: String,
        item: usize,
        removed: Item,
    },
    ItemMoved {
        section: String,
        from: usize,
        to: usize,
        id: String,
    },
    /// Text typed and thrown away with `Esc`: undo puts it back into the input (not stored).
    Discarded {
        slot: Slot,
        text: String,
        choice: Option<bool>,
    },
}

pub struct App {
    /// The report, where the user stands in it, and the summary.
    pub form: Form,
    /// The letters typed on the delete question so far, while they may be a yes or no word.
    confirm_word: Option<(String, std::time::SystemTime)>,
    pub file_name: String,
    pub(crate) read_only: bool,
    pub editor: Editor,
    pub overlay: Option<Overlay>,
    pub panel: Panel,
    pub message: Option<(String, Tone)>,
    pub save_state: SaveState,
    /// A committed change that must reach the disk now (the loop saves and clears it).
    pub(crate) needs_save: bool,
    /// Something worth saving when convenient (the cursor moved, a draft grew).
    pub(crate) needs_background_save: bool,
    pub(crate) quit: bool,
    /// Said when the editor has ended: the answer being typed at quitting could not be stored
    /// (no choice made, not a number…) and is only a draft. Quitting is no mistake to stop, but a
    /// user who saw the text on the screen would take the question as answered.
    pub left_as_draft: Option<String>,
    /// The last search, repeated by an empty one.
    pub last_search: String,
    /// Changes that `Ctrl-Z` undoes, the last one last; `Ctrl-Y` redoes what it undid.
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// The action of the previous key, for keys that mean more when pressed twice.
    last_action: Option<Action>,
    /// The slot the last commit stored a value in, to show a problem it made.
    last_committed: Option<Slot>,
    /// The last failure was not of the disk: the report or its lock is no longer this editor's.
    replaced: bool,
    /// When the event being handled happened: what a change is stamped with.
    clock: std::time::SystemTime,
    /// The user said to write over a replaced report: the next save does.
    force_save: bool,
    /// Changes made since the last save was handed over, for the report's history.
    pub(crate) history: Vec<Entry>,
    /// Changes handed to the writer and not yet known to be on disk, by save number: laid over a
    /// colleague's newer report, so that the view keeps them (see `rebase`).
    in_flight: Vec<(u64, Entry)>,
    /// Who this editor is, by the OS account: what its conflicts and its place are named by.
    pub user: String,
    /// New items' ids: this editor's prefix (unique among the working group's editors) and a count.
    pub id_prefix: String,
    id_count: u64,
    /// What the user is told while a colleague is in the part they stand in (the whole sentence,
    /// «Эту часть сейчас заполняет alice (с 10:42): …»): read-only until they leave it (see
    /// `presence`).
    pub held_by: Option<String>,
    /// The part that was held, to say «free» when it is this one that became free.
    pub held_part: Option<Part>,
    /// Where the colleagues are: the part (`presence::Part::key`) and who.
    pub others: Vec<(String, String)>,
    /// The history of the current answer was asked for (`F6`): the loop reads it and calls
    /// `show_history`.
    pub wants_history: bool,
    /// The current slot's value when the user arrived (or last committed): a colleague's change
    /// since, seen only by the save, is a conflict rather than overwritten.
    loaded: Option<(Slot, Option<Value>)>,
    /// F12 panics (see `key`): for the end-to-end test of the panic path.
    #[cfg(debug_assertions)]
    pub(crate) panic_key: bool,
}

/// Where a member's own interface language is kept, in their place's record (`Cursor::extra`).
pub const OWN_LANGUAGE: &str = "language";

/// Kept in a member's place while they are in a yes/no's comment (see `App::to_save`): a line that
/// drops mid-sentence brings them back into the comment, where the sentence goes on. Back on the
/// choice, the rest of it would have been taken for a new answer, the choice cleared.
pub const IN_COMMENT: &str = "in_comment";

/// Kept in a member's place while the cursor stands inside the text typed (row, column): a line
/// that drops mid-correction brings them back to that letter, not to the end.
pub const INPUT_AT: &str = "input_at";

/// Kept in a member's place beside a yes/no's draft (its comment): the choice the editor held with
/// it (`null`: none). Restored with the stored choice instead, a sentence typed with no choice
/// («Нет нарушений») came back under the old «нет» and was stored with it at the next Enter; and
/// «нет, нарушения есть» typed over a stored yes came back as a yes with that comment.
pub const DRAFT_CHOICE: &str = "draft_choice";

/// Why what is typed cannot be stored, in the words of the field's type; `yes_no` says it of a
/// yes/no with no choice made.
fn why_not_stored(e: AnswerError, yes_no: Ui, lang: Lang) -> String {
    match e {
        AnswerError::NotYesNo => keys::text(yes_no, lang),
        e => e.instruction(lang).to_owned(),
    }
}

/// The language a user last read a report in, if it was kept (see `App::to_save`).
pub fn own_language(c: &crate::session::Cursor) -> Option<Lang> {
    c.extra
        .get(OWN_LANGUAGE)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// What became of an undo or a redo.
enum Applied {
    Done,
    /// A colleague is in that part: it stays to be done later.
    Held,
    /// What it would change is gone or was changed by a colleague since: not done, and dropped.
    Gone,
}

/// The item a slot is in, numbered from 1 as the history numbers them.
fn slot_item(slot: &Slot) -> Option<usize> {
    match slot {
        Slot::ItemName { item, .. } => Some(item + 1),
        Slot::Answer { item, .. } => item.map(|i| i + 1),
        Slot::Header { .. } => None,
    }
}

/// A moment as the report stores it (RFC 3339, to the second).
pub fn stamp(t: std::time::SystemTime) -> String {
    humantime::format_rfc3339_seconds(t).to_string()
}

/// The moment now, for the edges (the loop, a new report, the lock): the editor itself is given the
/// time with each event.
pub fn now() -> String {
    stamp(std::time::SystemTime::now())
}

impl App {
    pub fn new(
        q: Questionnaire,
        mut session: Session,
        lang: Lang,
        file_name: String,
        read_only: bool,
    ) -> App {
        // The report remembers the language it was last worked in.
        // A report opened in another language than it was saved in keeps it (its exports follow it).
        // The report's language (its documents') is the one it was started in: each member of the
        // working group reads it in their own, remembered with their place (see `own_language`).
        if session.language.is_none() {
            session.language = Some(lang);
        }
        // Reports from before item ids get them here, the same in every colleague's editor.
        session.ensure_item_ids();
        let mut draft = session.cursor.as_ref().and_then(|c| c.draft.clone());
        let seen = session.cursor.as_ref().and_then(|c| c.seen.clone());
        let draft_choice = session
            .cursor
            .as_ref()
            .and_then(|c| c.extra.get(DRAFT_CHOICE).cloned());
        let stops = nav::stops(&q, &session);
        // The item the user was in, found by its id: colleagues may have moved or deleted items
        // since, and a draft must not land in the item that took its place.
        let item_gone = match session.cursor.clone() {
            Some(crate::session::Cursor {
                section: Some(section),
                id: Some(id),
                ..
            }) => match session.item_index(&section, &id) {
                Some(i) => {
                    if let Some(c) = session.cursor.as_mut() {
                        c.item = Some(i);
                    }
                    false
                }
                None => true,
            },
            _ => false,
        };
        // Resume where the user stopped: the cursor's stop, or the first unanswered one.
        let at_cursor = session
            .cursor
            .as_ref()
            .filter(|_| !item_gone)
            .and_then(|c| stops.iter().position(|st| st.is_at(c)));
        // A draft whose question is gone (another version of the form, an item deleted elsewhere) must
        // not land in whatever question comes first: it is kept aside in the file and shown.
        let mut stray = None;
        if at_cursor.is_none()
            && let Some(text) = draft.take()
        {
            // In this member's own cursor: each member's is theirs (one place for the whole report
            // kept only the last member's).
            if let Some(c) = session.cursor.as_mut() {
                c.extra.insert(
                    "stray_draft".into(),
                    serde_json::Value::String(text.clone()),
                );
            }
            stray = Some(text);
        }
        let current = at_cursor
            .or_else(|| nav::next_unanswered(&session, &stops, stops.len().saturating_sub(1)))
            .unwrap_or(0);
        let mut app = App {
            form: Form::with_stops(q, session, stops, lang, current),
            file_name,
            read_only,
            editor: Editor::default(),
            overlay: None,
            panel: Panel::Question,
            message: None,
            save_state: if read_only {
                SaveState::ReadOnly
            } else {
                SaveState::Saved
            },
            needs_save: false,
            left_as_draft: None,
            needs_background_save: false,
            quit: false,
            last_search: String::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            last_action: None,
            last_committed: None,
            replaced: false,
            clock: std::time::UNIX_EPOCH,
            force_save: false,
            history: Vec::new(),
            in_flight: Vec::new(),
            user: String::new(),
            id_prefix: String::new(),
            id_count: 0,
            held_by: None,
            held_part: None,
            others: Vec::new(),
            wants_history: false,
            confirm_word: None,
            loaded: None,
            #[cfg(debug_assertions)]
            panic_key: false,
        };
        app.load_editor();
        let in_comment = app
            .form
            .session
            .cursor
            .as_ref()
            .and_then(|c| c.extra.get(IN_COMMENT))
            == Some(&Value::Bool(true));
        if in_comment && app.kind() == Some(FieldType::YesNo) {
            app.editor.resume_comment();
        }
        if let Some(text) = stray {
            let msg = format!("{} «{text}»", Ui::StrayDraft.get(lang));
            app.message = Some((msg, Tone::Error));
        }
        let restored = draft.is_some();
        if let Some(draft) = draft {
            app.editor.set_text(&draft);
            if app.kind() == Some(FieldType::YesNo) {
                // The choice typed with the comment, not the stored one; none where the draft does
                // not say (a file from before it was kept): the user chooses again.
                app.editor.choice = match &draft_choice {
                    Some(Value::Bool(b)) => Some(*b),
                    _ => None,
                };
            }
            if let Some(c) = app.form.session.cursor.as_mut() {
                c.draft = Some(draft);
                c.seen = seen.clone();
                if let Some(v) = draft_choice {
                    c.extra.insert(DRAFT_CHOICE.to_owned(), v);
                }
            }
            // The draft was begun over the answer then stored: a colleague's answer since is met
            // as a conflict when the draft is committed, and the user is told now.
            if let (Some(seen), Some((slot, now))) = (seen, app.loaded.clone()) {
                let seen = (!seen.is_null()).then_some(seen);
                if seen != now {
                    app.message = Some((keys::text(Ui::DraftOverChanged, lang), Tone::Error));
                }
                app.loaded = Some((slot, seen));
            }
        }

        // A draft that could not be stored when it was left (no choice made, a count too large) says
        // why, as it did then: it looked like an answer, with nothing to tell it was none.
        if restored
            && app.message.is_none()
            && let Err(e) = app.editor_value()
        {
            app.message = Some((why_not_stored(e, Ui::ChoiceNow, lang), Tone::Error));
        }
        // The letter the cursor stood at, inside the text (after the draft: its text is the one).
        let at = app.form.session.cursor.as_ref().and_then(|c| {
            let v = c.extra.get(INPUT_AT)?.as_array()?;
            Some((v.first()?.as_u64()?, v.get(1)?.as_u64()?))
        });
        if let Some((row, col)) = at {
            app.editor.resume_at(row as usize, col as usize);
        }
        app.recompute();
        app
    }

    pub fn stop(&self) -> &Stop {
        self.form.stop()
    }

    pub fn kind(&self) -> Option<FieldType> {
        self.form.kind()
    }

    /// It has been asked to end.
    pub fn quit(&self) -> bool {
        self.quit
    }

    /// A committed change waits to be saved.
    pub fn needs_save(&self) -> bool {
        self.needs_save
    }

    /// Opened only to read.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Anything at all waits to be saved: a change, or where the user stands.
    pub fn wants_save(&self) -> bool {
        self.needs_save || self.needs_background_save
    }

    fn say(&mut self, t: Ui) {
        self.message = Some((keys::text(t, self.form.lang), Tone::Info));
    }

    fn complain(&mut self, msg: String) {
        self.message = Some((msg, Tone::Error));
    }

    fn refuse_held(&mut self, sentence: &str) {
        self.complain(sentence.to_owned());
    }

    /// «Эту часть сейчас заполняет alice: …» for a colleague named `who`.
    pub fn held_sentence(&self, who: &str) -> String {
        keys::text(Ui::PartHeld, self.form.lang).replace("{holder}", who)
    }

    /// The id of a slot's item.
    fn id_of(&self, slot: &Slot) -> Option<String> {
        let (section, item) = match slot {
            Slot::ItemName { section, item } => (section, Some(*item)),
            Slot::Answer { section, item, .. } => (section, *item),
            Slot::Header { .. } => return None,
        };
        self.form
            .session
            .item_id(section, item?)
            .filter(|i| !i.is_empty())
            .map(str::to_owned)
    }

    /// `slot` with its item found again by `id` (`None`: the item is gone).
    fn find(&self, slot: &Slot, id: Option<&str>) -> Option<Slot> {
        let Some(id) = id else {
            return Some(slot.clone());
        };
        match slot {
            Slot::ItemName { section, .. } => Some(Slot::ItemName {
                section: section.clone(),
                item: self.form.session.item_index(section, id)?,
            }),
            Slot::Answer { section, field, .. } => Some(Slot::Answer {
                section: section.clone(),
                item: Some(self.form.session.item_index(section, id)?),
                field: field.clone(),
            }),
            h => Some(h.clone()),
        }
    }

    /// An id for a new item, unique in the report (and, by the prefix, among the group's editors).
    fn mint_id(&mut self) -> String {
        loop {
            self.id_count += 1;
            let id = format!("{}{}", self.id_prefix, self.id_count);
            let taken = self
                .form
                .session
                .sections
                .values()
                .any(|s| s.items.iter().any(|i| i.id == id));
            if !taken {
                return id;
            }
        }
    }

    /// The part of the report the user stands in (see `presence`): the header, a single annex, or
    /// one item; none on an annex's "add an item" line.
    pub fn part(&self) -> Option<Part> {
        match self.stop() {
            Stop::AddItem(_) => None,
            Stop::Slot(Slot::Header { .. }, _) => Some(Part::Header),
            stop => {
                let section = stop.section()?.to_owned();
                match stop.item() {
                    Some(i) => Some(Part::Item(
                        section.clone(),
                        self.form.session.item_id(&section, i)?.to_owned(),
                    )),
                    None => Some(Part::Annex(section)),
                }
            }
        }
    }

    /// The report as a save writes it: with this user's interface language kept with their place
    /// (`cursors` in the file) where it is not the report's own, for them alone to come back to.
    pub fn to_save(&self) -> Session {
        let mut s = self.form.session.clone();
        if let Some(c) = s.cursor.as_mut() {
            if s.language != Some(self.form.lang) {
                let lang = Value::String(self.form.lang.code().to_owned());
                c.extra.insert(OWN_LANGUAGE.to_owned(), lang);
            } else {
                c.extra.remove(OWN_LANGUAGE);
            }
            let yes_no = self.kind() == Some(FieldType::YesNo);
            if yes_no && self.editor.on_comment {
                c.extra.insert(IN_COMMENT.to_owned(), Value::Bool(true));
            } else {
                c.extra.remove(IN_COMMENT);
            }
            match self.editor.cursor_inside() {
                Some((row, col)) if !yes_no || self.editor.on_comment => {
                    c.extra
                        .insert(INPUT_AT.to_owned(), serde_json::json!([row, col]));
                }
                _ => {
                    c.extra.remove(INPUT_AT);
                }
            }
        }
        s
    }

    /// The part a slot is in (see `presence`).
    fn part_of(&self, slot: &Slot) -> Option<Part> {
        match slot {
            Slot::Header { .. } => Some(Part::Header),
            Slot::ItemName { section, item } => Some(Part::Item(
                section.clone(),
                self.form.session.item_id(section, *item)?.to_owned(),
            )),
            Slot::Answer { section, item, .. } => Some(match item {
                Some(i) => Part::Item(
                    section.clone(),
                    self.form.session.item_id(section, *i)?.to_owned(),
                ),
                None => Part::Annex(section.clone()),
            }),
        }
    }

    /// The colleague in `part`, if any.
    fn colleague_in(&self, part: Option<Part>) -> Option<String> {
        let key = part?.key();
        self.others
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, u)| u.clone())
    }

    /// Hand the changes made since the last save to save number `n`. Until it is on disk they are
    /// laid over any newer report a colleague saved (see `rebase`).
    pub fn take_ops(&mut self, n: u64) -> Vec<Entry> {
        let ops = std::mem::take(&mut self.history);
        self.in_flight.extend(ops.iter().cloned().map(|e| (n, e)));
        ops
    }

    /// Changes made and not yet known to be on disk.
    pub fn unsaved_changes(&self) -> bool {
        !self.in_flight.is_empty() || !self.history.is_empty()
    }

    /// Whether changes wait to be saved besides those of save `n` and before it.
    pub fn changes_after(&self, n: u64) -> bool {
        !self.history.is_empty() || self.in_flight.iter().any(|(k, _)| *k > n)
    }

    /// Changes of a save that failed, back to be brought by the next one.
    pub fn give_back_ops(&mut self, mut ops: Vec<Entry>) {
        self.in_flight.retain(|(k, _)| *k != u64::MAX);
        ops.append(&mut self.history);
        self.history = ops;
    }

    /// A colleague saved: show the report as it is on disk now, with this editor's changes not yet
    /// there laid over it. The user stays where they stood (found by the item's id), and what they
    /// are typing stays in the input.
    pub fn rebase(&mut self, disk: Session) {
        let ops: Vec<Entry> = self
            .in_flight
            .iter()
            .map(|(_, e)| e.clone())
            .chain(self.history.iter().cloned())
            .collect();
        let mut view = crate::merge::overlay(disk, &self.form.session, &ops);
        view.cursor = self.form.session.cursor.clone();
        view.language = self.form.session.language;
        if view == self.form.session {
            return;
        }
        let here = self.stop().clone();
        let slot = here.slot().cloned();
        let here_id = slot.as_ref().and_then(|s| self.id_of(s));
        let before = slot.as_ref().and_then(|s| self.form.session.value(s));
        let dirty = self.editor_dirty();
        let q = self.form.q.clone();
        self.form = Form::new(q, view, self.form.lang, 0);
        let target = match (&here, &slot) {
            (Stop::AddItem(section), _) => self
                .form
                .stops
                .iter()
                .position(|st| matches!(st, Stop::AddItem(s) if s == section)),
            (_, Some(slot)) => self
                .find(slot, here_id.as_deref())
                .and_then(|s| self.form.stop_of(&s)),
            _ => None,
        };
        match target {
            Some(i) => {
                self.form.current = i;
                let now = self.stop().slot().and_then(|s| self.form.session.value(s));
                if now != before && !dirty {
                    self.load_editor();
                } else if let (Some((_, seen)), Some(at)) =
                    (self.loaded.take(), self.stop().slot().cloned())
                {
                    self.loaded = Some((at, seen));
                }
            }
            None => {
                self.form.current = here
                    .section()
                    .and_then(|s| self.form.section_stop(s))
                    .unwrap_or(0);
                self.load_editor();
                self.say(Ui::ItemGone);
            }
        }
        self.recompute();
    }

    /// A value as the history and the conflicts show it.
    fn shown(&self, slot: &Slot, v: &Option<Value>) -> String {
        let kind = match self.form.stop_of(slot).map(|i| &self.form.stops[i]) {
            Some(Stop::Slot(_, k)) => *k,
            _ => None,
        };
        match (v, kind) {
            (None, _) => "—".into(),
            (Some(Value::String(t)), None) => t.clone(),
            (Some(v), Some(k)) => match crate::answer::Answer::from_json(k, v) {
                Ok(a) => a.display(self.form.lang),
                Err(_) => v.to_string(),
            },
            (Some(v), None) => v.to_string(),
        }
    }

    /// Show the history of the current answer (`F6`), from the report's `entries`, and its
    /// conflict where there is one.
    pub fn show_history(&mut self, entries: &[Entry]) {
        let Some(slot) = self.stop().slot().cloned() else {
            return;
        };
        let lang = self.form.lang;
        let key = self.form.session.conflict_key(&slot);
        let mut mine: Vec<&Entry> = entries.iter().collect();
        // When they were made, not when their saves reached the disk (see `history`).
        mine.sort_by(|a, b| a.time.cmp(&b.time));
        let lines = mine
            .into_iter()
            .filter(|e| {
                matches!(e.what, What::Set | What::Chosen)
                    && key.as_ref().is_some_and(|(section, id, field)| {
                        e.section == *section
                            && e.field == *field
                            && (id.is_none()
                                || e.id == *id
                                || (e.id.is_none() && e.item == slot_item(&slot)))
                    })
            })
            .map(|e| {
                format!(
                    "{}  {}  {} → {}",
                    e.time.replace('T', " ").trim_end_matches('Z'),
                    e.user,
                    self.shown(&slot, &e.old),
                    self.shown(&slot, &e.new)
                )
            })
            .collect();
        let rivals = self
            .form
            .session
            .conflict(&slot)
            .map(|c| {
                c.values
                    .iter()
                    .map(|r| {
                        let who = match (&r.user, &r.time) {
                            (Some(u), Some(t)) => format!(
                                "{u}, {}",
                                t.split_once('T')
                                    .map_or(t.as_str(), |(_, h)| h.get(..5).unwrap_or(h))
                            ),
                            (Some(u), None) => u.clone(),
                            _ => Ui::InReportNow.get(lang).to_owned(),
                        };
                        (
                            format!("{who}: {}", self.shown(&slot, &r.value)),
                            r.value.clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let title = crate::present::slot_label(&self.form.q, &slot, lang);
        self.overlay = Some(Overlay::History(AnswerHistory {
            slot,
            title,
            rivals,
            lines,
            scroll: 0,
        }));
    }

    /// One of a conflict's values chosen: it is the answer, and the conflict is settled.
    fn choose(&mut self, slot: Slot, value: Option<Value>) {
        if self.read_only {
            return self.say(Ui::ReadOnlyRefused);
        }
        if let Some(who) = self.held_by.clone() {
            return self.refuse_held(&who);
        }
        let c = self.set_value(&slot, value);
        self.record(c);
        let at = self.stop_of(&slot);
        self.stand_on(at);
        self.say(Ui::ValueChosen);
    }

    /// Fill the editor from the stored value of the current stop.
    fn load_editor(&mut self) {
        let stop = self.stop().clone();
        self.editor = Editor::for_stop(&stop, &self.form.session, self.form.lang);
        self.loaded = stop.slot().map(|s| (s.clone(), self.form.session.value(s)));
        // Keys of the cursor this version does not know are kept, as everywhere in the file.
        let old = self.form.session.cursor.take();
        // A draft in the file (text typed and saved as such) is gone with the input it was: the file
        // must lose it too, or it comes back at the next start and is committed (found by a
        // newcomer: text thrown away with Esc returned into the report).
        if old.as_ref().is_some_and(|c| c.draft.is_some()) {
            self.needs_background_save = !self.read_only;
        }
        let mut extra = old.map(|c| c.extra).unwrap_or_default();
        extra.remove(DRAFT_CHOICE);
        let mut cursor = crate::session::Cursor {
            extra,
            ..stop.to_cursor()
        };
        if let (Some(section), Some(item)) = (&cursor.section, cursor.item) {
            cursor.id = self.form.session.item_id(section, item).map(str::to_owned);
        }
        self.form.session.cursor = Some(cursor);
    }

    /// The value the editor holds now: `Ok(None)` for an empty one (which clears the answer).
    fn editor_value(&self) -> Result<Option<serde_json::Value>, AnswerError> {
        match self.stop() {
            Stop::Slot(Slot::ItemName { .. }, _) | Stop::AddItem(_) => {
                Ok(Some(serde_json::Value::String(self.editor.single_line())))
            }
            Stop::Slot(_, Some(kind)) => self.editor.value(*kind).map(|a| a.map(|a| a.to_json())),
            Stop::Slot(_, None) => Ok(None),
        }
    }

    /// What is typed, where the live summary counts it in place of the stored answer: in an answer
    /// or a header field, a value of the field (`None`: emptied).
    fn typed(&self) -> Option<(Slot, Option<serde_json::Value>)> {
        // Text in a part a colleague is in (a draft from before they came) cannot be stored there
        // now: the figures are theirs and the stored ones.
        if self.held_by.is_some() || self.read_only {
            return None;
        }
        match self.stop().slot() {
            Some(slot @ (Slot::Answer { .. } | Slot::Header { .. })) => {
                self.editor_value().ok().map(|v| (slot.clone(), v))
            }
            _ => None,
        }
    }

    /// The summary with the value being typed applied, so totals follow the keyboard. True when
    /// it changed.
    pub fn recompute(&mut self) -> bool {
        match self.typed() {
            Some((slot, value)) => self.form.refresh(Some((&slot, value))),
            None => self.form.refresh(None),
        }
    }

    /// Store the editor's value. False (with a message) where it does not fit the field.
    pub fn commit(&mut self) -> bool {
        let Some(slot) = self.stop().slot().cloned() else {
            return true;
        };
        let value = match self.editor_value() {
            Ok(v) => v,
            Err(e) => {
                let msg = match e {
                    // In the comment with no choice: Enter takes the user to the choice, the text
                    // staying the comment. A newcomer told to answer typed «нет» and Enter, which
                    // went on into the comment («Нет нарушенийнет»), with still no choice.
                    AnswerError::NotYesNo if self.editor.on_comment => {
                        self.editor.to_choice();
                        keys::text(Ui::ChoiceNow, self.form.lang)
                    }
                    AnswerError::NotYesNo if self.editor.slipped(self.form.lang) => {
                        keys::text(Ui::LayoutSlip, self.form.lang)
                    }
                    AnswerError::NotYesNo => keys::text(Ui::PressYesNo, self.form.lang),
                    e => e.instruction(self.form.lang).to_owned(),
                };
                self.complain(msg);
                return false;
            }
        };
        let value = match (&slot, value) {
            (Slot::ItemName { .. }, Some(serde_json::Value::String(s))) if s.trim().is_empty() => {
                None
            }
            (_, v) => v,
        };
        let old = self.form.session.value(&slot);
        if old == value {
            return true;
        }
        if self.read_only {
            self.say(Ui::ReadOnlyRefused);
            self.load_editor();
            return false;
        }
        if let Some(who) = self.held_by.clone() {
            // The text stays in the input, and goes on being kept as a draft, until the part is
            // free (a draft restored over a colleague's answer was lost here).
            self.refuse_held(&who);
            return false;
        }
        // A carried answer changed is checked (Enter on it unchanged checks it too: see `key_form`).
        if self.form.session.is_carried(&slot) {
            self.change(Edit::Confirm(slot.clone()));
        }
        let c = self.set_value(&slot, value);
        let disputed = matches!(&c, Change::Value { conflicts, .. } if conflicts[0].is_none() && conflicts[1].is_some());
        self.record(c);
        if disputed {
            // The input shows the answer the report keeps (the colleague's), not a draft to be
            // committed again; what is said is that both are kept, not a check of the other value.
            self.load_editor();
            self.say(Ui::BothKept);
            return true;
        }
        if matches!(self.undo.last(), Some(Change::Value { after: None, .. }))
            && !matches!(slot, Slot::ItemName { .. })
        {
            self.say(Ui::AnswerCleared);
        }
        self.last_committed = Some(slot);
        true
    }

    /// Store `value` at `slot`: the change, as undo keeps it.
    fn set_value(&mut self, slot: &Slot, value: Option<Value>) -> Change {
        let before = self.form.session.value(slot);
        let was = self.form.session.conflict(slot).cloned();
        let id = self.id_of(slot);
        self.change(Edit::Set(slot.clone(), value));
        let now = self.form.session.conflict(slot).cloned();
        Change::Value {
            slot: slot.clone(),
            id,
            before,
            // What is stored now: a value kept beside a colleague's leaves theirs in place.
            after: self.form.session.value(slot),
            conflicts: Box::new([was, now]),
        }
    }

    /// Whether the input holds something other than what is stored.
    fn editor_dirty(&self) -> bool {
        let Some(slot) = self.stop().slot() else {
            return false;
        };
        let value = match (slot, self.editor_value()) {
            (_, Err(_)) => return true,
            (Slot::ItemName { .. }, Ok(Some(Value::String(s)))) if s.trim().is_empty() => None,
            (_, Ok(v)) => v,
        };
        value != self.form.session.value(slot) || !self.editor.word.is_empty()
    }

    /// A change made: it can be undone, and what was undone before can no longer be redone.
    fn record(&mut self, c: Change) {
        self.undo.push(c);
        self.redo.clear();
    }

    /// The stop of a slot, or where it would be.
    fn stop_of(&self, slot: &Slot) -> Option<usize> {
        self.form.stop_of(slot)
    }

    fn stand_on(&mut self, at: Option<usize>) {
        if let Some(i) = at {
            self.form.current = i.min(self.form.stops.len() - 1);
        }
        self.load_editor();
        self.needs_background_save = !self.read_only;
    }

    /// Apply a change backwards (undo) or forwards (redo), and stand where it happened.
    /// Whether it was applied: a change in a part a colleague is in, or to an answer a colleague
    /// has changed since, is not undone over their work.
    fn apply(&mut self, c: &Change, forward: bool) -> Applied {
        let section_item = match c {
            Change::ItemAdded { section, id, .. } | Change::ItemMoved { section, id, .. } => {
                Some((section, id.as_str()))
            }
            Change::ItemRemoved {
                section, removed, ..
            } => Some((section, removed.id.as_str())),
            _ => None,
        };
        if let Some((section, id)) = section_item
            && let Some(who) = self.colleague_in(Some(Part::Item(section.clone(), id.to_owned())))
        {
            self.refuse_held(&self.held_sentence(&who));
            return Applied::Held;
        }
        match c {
            Change::Value {
                slot,
                id,
                before,
                after,
                conflicts,
            } => {
                let Some(slot) = self.find(slot, id.as_deref()) else {
                    self.say(Ui::ItemGone);
                    return Applied::Gone;
                };
                if let Some(who) = self.colleague_in(self.part_of(&slot)) {
                    self.refuse_held(&self.held_sentence(&who));
                    return Applied::Held;
                }
                let (v, was) = if forward {
                    (after, before)
                } else {
                    (before, after)
                };
                // Undone only over what this change left: the value, and the conflict (a
                // colleague's value that met it since is theirs, to be chosen, not undone away).
                let left = &conflicts[usize::from(!forward)];
                if self.form.session.value(&slot) != *was
                    || !same_values(self.form.session.conflict(&slot), left.as_ref())
                {
                    let at = self.stop_of(&slot);
                    self.stand_on(at);
                    self.say(Ui::ChangedSince);
                    return Applied::Gone;
                }
                self.change(Edit::Set(slot.clone(), v.clone()));
                // A conflict settled by the change comes back with its undoing, and one it opened
                // with its redoing: neither colleague's value is lost to an undo.
                if let Some(c) = &conflicts[usize::from(forward)]
                    && self.form.session.conflict(&slot) != Some(c)
                {
                    self.form.session.reopen(&slot, &c.values);
                    let entry = Entry {
                        what: What::Disputed,
                        new: serde_json::to_value(&c.values).ok(),
                        ..Entry::set(stamp(self.clock), &slot, None, None)
                            .with_id(self.id_of(&slot).as_deref())
                    };
                    self.history.push(entry);
                    self.needs_save = true;
                }
                let at = self.stop_of(&slot);
                self.stand_on(at);
            }
            Change::ItemAdded { section, item, id } => {
                let here = self.form.session.item_index(section, id);
                match (forward, here) {
                    (true, None) => {
                        let blank = Item {
                            id: id.clone(),
                            ..Item::default()
                        };
                        self.change(Edit::InsertItem(section.clone(), *item, blank));
                    }
                    (false, Some(i)) => {
                        // What this editor put in it was undone before (undo goes back in order):
                        // a name or answers in it now are a colleague's, and go with it no further.
                        let now = &self.form.session.items(section)[i];
                        if !now.name.trim().is_empty() || !now.answers.is_empty() {
                            let at = self.item_stop(section, i);
                            self.stand_on(at);
                            self.say(Ui::ItemFilledSince);
                            return Applied::Gone;
                        }
                        self.change(Edit::RemoveItem(section.clone(), i));
                    }
                    _ => {}
                }
                let at = self
                    .item_stop(section, *item)
                    .or_else(|| self.section_stop(section));
                self.stand_on(at);
            }
            Change::ItemRemoved {
                section,
                item,
                removed,
            } => {
                let here = self.form.session.item_index(section, &removed.id);
                match (forward, here) {
                    // Deleted again only as it was deleted: answers a colleague gave it since would
                    // go with it, and an undo after would bring back the item without them.
                    (true, Some(i)) => {
                        let now = &self.form.session.items(section)[i];
                        if now.name != removed.name || now.answers != removed.answers {
                            let at = self.item_stop(section, i);
                            self.stand_on(at);
                            self.say(Ui::ItemChangedSince);
                            return Applied::Gone;
                        }
                        self.change(Edit::RemoveItem(section.clone(), i));
                    }
                    (false, None) => {
                        self.change(Edit::InsertItem(section.clone(), *item, removed.clone()));
                    }
                    _ => {}
                }
                let at = self
                    .item_stop(section, *item)
                    .or_else(|| self.section_stop(section));
                self.stand_on(at);
            }
            Change::ItemMoved {
                section,
                from,
                to,
                id,
            } => {
                let Some(now) = self.form.session.item_index(section, id) else {
                    self.say(Ui::ItemGone);
                    return Applied::Gone;
                };
                let target = if forward { *to } else { *from };
                let (at, delta) = (now, target as isize - now as isize);
                let landed = match self.change(Edit::MoveItem(section.clone(), at, delta)) {
                    Changed::At(i) => Some(i),
                    _ => None,
                };
                let at = landed.and_then(|i| self.item_stop(section, i));
                self.stand_on(at);
            }
            Change::Discarded { slot, text, choice } => {
                let at = self.stop_of(slot);
                self.stand_on(at);
                if !forward {
                    self.editor.set_text(text);
                    self.editor.choice = *choice;
                }
            }
        }
        Applied::Done
    }

    fn item_stop(&self, section: &str, item: usize) -> Option<usize> {
        self.form.item_stop(section, item)
    }

    fn section_stop(&self, section: &str) -> Option<usize> {
        self.form.section_stop(section)
    }

    /// `Ctrl-Z`: first the typing in the input, then the input back to what is stored, then the
    /// stored changes one by one, deletions and `Esc` included.
    fn undo(&mut self) {
        if self.editor.undo() {
            return;
        }
        if self.editor_dirty() {
            self.load_editor();
            self.say(Ui::Undone);
            return;
        }
        match self.undo.pop() {
            Some(c) => match self.apply(&c, false) {
                Applied::Done => {
                    self.redo.push(c.clone());
                    self.say(match c {
                        Change::ItemRemoved { .. } => Ui::ItemRestored,
                        _ => Ui::Undone,
                    });
                }
                // To be undone once the colleague has left.
                Applied::Held => self.undo.push(c),
                Applied::Gone => {}
            },
            None => self.say(Ui::NothingToUndo),
        }
    }

    fn redo(&mut self) {
        if self.editor.redo() {
            return;
        }
        match self.redo.pop() {
            Some(c) => match self.apply(&c, true) {
                Applied::Done => {
                    self.undo.push(c);
                    self.say(Ui::Redone);
                }
                Applied::Held => self.redo.push(c),
                Applied::Gone => {}
            },
            None => self.say(Ui::NothingToRedo),
        }
    }

    /// The problems the summary names at a slot, as one line for the message line.
    pub fn problems_at<'a>(&'a self, slot: &'a Slot) -> Vec<&'a crate::summary::Problem> {
        nav::problems_at(&self.form.summary, slot).collect()
    }

    /// Show the problem (if any) a slot has, as an error on the message line.
    /// Each marked as everywhere else, `✗` an error and `!` a warning, the errors first.
    fn show_problem(&mut self, slot: &Slot) {
        let mut problems = self.problems_at(slot);
        problems.sort_by_key(|p| p.severity);
        let msg = problems
            .iter()
            .map(|p| match p.severity {
                Severity::Error => format!("✗ {}", p.message),
                Severity::Warning => format!("! {}", p.message),
            })
            .collect::<Vec<_>>()
            .join(" · ");
        if !msg.is_empty() {
            self.complain(msg);
        }
    }

    /// A change to the report: make it (the form keeps what follows from it right), stamp it, and
    /// ask for a save now.
    fn change(&mut self, e: Edit) -> Changed {
        let time = stamp(self.clock);
        // The value as the user saw it when they began (what a colleague's change since is told by),
        // and whether this settles a conflict.
        let (old, settles, id) = match &e {
            Edit::Set(slot, _) => (
                self.form.session.value(slot),
                self.form.session.conflict(slot).is_some(),
                self.id_of(slot),
            ),
            Edit::Confirm(slot) => (None, false, self.id_of(slot)),
            Edit::MoveItem(section, at, _) | Edit::RemoveItem(section, at) => (
                None,
                false,
                self.form.session.item_id(section, *at).map(str::to_owned),
            ),
            _ => (None, false, None),
        };
        let old = match (&e, &self.loaded) {
            (Edit::Set(slot, _), Some((at, seen))) if at == slot => seen.clone(),
            _ => old,
        };
        let logged = e.clone();
        // Begun over an answer a colleague has changed since (a draft from before they saved, or
        // typing while their save came in): both are kept, as a save meeting theirs keeps them.
        let over_colleague = match (&e, &self.loaded) {
            (Edit::Set(slot, new), Some((at, seen))) if at == slot && !settles => {
                let here = self.form.session.value(slot);
                *seen != here && *new != here
            }
            _ => false,
        };
        let changed = match e {
            Edit::Set(slot, new) if over_colleague => {
                self.loaded = Some((slot.clone(), self.form.session.value(&slot)));
                self.form.session.keep_both(
                    &slot,
                    Rival {
                        user: Some(self.user.clone()).filter(|u| !u.is_empty()),
                        time: Some(time.clone()),
                        value: new,
                    },
                );
                Changed::Done
            }
            e => self.form.change(e),
        };
        // Who entered what (written to the history with the save that carries it), and what the
        // save applies onto the report as colleagues left it.
        let entry = match (logged, &changed) {
            (Edit::Set(slot, new), _) => {
                if !over_colleague && self.loaded.as_ref().is_some_and(|(at, _)| *at == slot) {
                    self.loaded = Some((slot.clone(), new.clone()));
                }
                // Chosen from the conflict's values: who entered it, besides who chose it.
                let by = settles
                    .then(|| self.form.session.conflict(&slot))
                    .flatten()
                    .and_then(|c| c.values.iter().find(|r| r.value == new))
                    .and_then(|r| r.user.clone());
                if settles && let Some(key) = self.form.session.conflict_key(&slot) {
                    self.form.session.conflicts.retain(|c| c.key() != key);
                }
                Some(Entry {
                    what: if settles { What::Chosen } else { What::Set },
                    by,
                    ..Entry::set(time.clone(), &slot, old, new).with_id(id.as_deref())
                })
            }
            (Edit::Confirm(slot), _) => Some(Entry {
                what: What::Checked,
                ..Entry::set(time.clone(), &slot, None, None).with_id(id.as_deref())
            }),
            (Edit::AddItem(section, id), Changed::At(i)) => {
                Some(Entry::item(time.clone(), What::ItemAdded, &section, *i).with_id(Some(&id)))
            }
            (Edit::InsertItem(section, at, item), _) => Some(Entry {
                new: serde_json::to_value(&item).ok(),
                ..Entry::item(time.clone(), What::ItemAdded, &section, at).with_id(Some(&item.id))
            }),
            (Edit::RemoveItem(section, at), Changed::Removed(item)) => Some(Entry {
                old: serde_json::to_value(item).ok(),
                ..Entry::item(time.clone(), What::ItemRemoved, &section, at).with_id(Some(&item.id))
            }),
            (Edit::MoveItem(section, from, _), Changed::At(to)) => Some(Entry {
                new: Some(Value::from(to + 1)),
                ..Entry::item(time.clone(), What::ItemMoved, &section, from).with_id(id.as_deref())
            }),
            _ => None,
        };
        self.history.extend(entry);
        self.form.session.modified = Some(time);
        self.needs_save = true;
        // A failure stays until a save succeeds: a change made since must not make quitting look
        // safe while the save that would carry it is still on its way (it failed here under load).
        if !matches!(self.save_state, SaveState::Failed(_)) {
            self.save_state = SaveState::Unsaved;
        }
        changed
    }

    /// Commit, then stand on stop `to`. A value just stored that breaks a relation of the form (an
    /// end before its start, a part larger than its total) is said at once.
    /// What the input holds and the report does not, kept where `Ctrl-Z` brings it back (Esc, and
    /// moving out of a part a colleague is in). Whether there was any.
    fn set_aside(&mut self) -> bool {
        let Some(slot) = self.stop().slot().cloned().filter(|_| self.editor_dirty()) else {
            return false;
        };
        let c = Change::Discarded {
            slot,
            text: self.editor.raw_text(),
            choice: self.editor.choice,
        };
        self.record(c);
        true
    }

    fn go(&mut self, to: usize) {
        self.last_committed = None;
        // Text in a part a colleague is in cannot be stored: moving on keeps it as Esc does, to be
        // brought back with Ctrl-Z (the user is not kept in the part, nor the text lost).
        if self.held_by.is_some() && self.set_aside() {
            self.form.current = to.min(self.form.stops.len() - 1);
            self.load_editor();
            self.say(Ui::HeldTextSetAside);
            return;
        }
        if !self.commit() {
            return;
        }
        self.form.current = to.min(self.form.stops.len() - 1);
        self.load_editor();
        self.needs_background_save = !self.read_only;
        if let Some(slot) = self.last_committed.take() {
            // Keys that came in one burst were all taken before the summary was made again: the
            // problem said is the answer's just stored, not the one it had (made once here; the
            // loop's own `recompute` then finds nothing to do).
            self.recompute();
            self.show_problem(&slot);
        }
    }

    fn step(&mut self, forward: bool) {
        if forward {
            if self.form.current + 1 < self.form.stops.len() {
                self.go(self.form.current + 1);
            } else if self.commit() {
                self.say(Ui::EndOfForm);
                self.load_editor();
            }
        } else if self.form.current > 0 {
            self.go(self.form.current - 1);
        }
    }

    /// The first stop of the next (or previous) annex; the header counts as an annex before the first.
    fn jump_annex(&mut self, forward: bool) {
        let here = self.stop().section().map(str::to_owned);
        let order: Vec<Option<String>> = std::iter::once(None)
            .chain(self.form.q.sections.iter().map(|s| Some(s.id.clone())))
            .collect();
        let pos = order.iter().position(|s| *s == here).unwrap_or(0);
        let target = if forward {
            order.get(pos + 1)
        } else {
            pos.checked_sub(1).and_then(|p| order.get(p))
        };
        if let Some(t) = target
            && let Some(i) = self
                .form
                .stops
                .iter()
                .position(|st| st.section().map(str::to_owned) == *t)
        {
            self.go(i);
        }
    }

    fn add_item(&mut self, section: &str) {
        if !self.commit() {
            return;
        }
        if self.read_only {
            self.say(Ui::ReadOnlyRefused);
            return;
        }
        let id = self.mint_id();
        let Changed::At(i) = self.change(Edit::AddItem(section.to_owned(), id.clone())) else {
            return;
        };
        self.record(Change::ItemAdded {
            section: section.to_owned(),
            item: i,
            id,
        });
        if let Some(p) = self.form.stops.iter().position(|st| {
            matches!(st, Stop::Slot(Slot::ItemName { section: s, item }, _) if s == section && *item == i)
        }) {
            self.form.current = p;
        }
        self.load_editor();
        self.say(Ui::ItemAdded);
    }

    fn delete_item(&mut self, section: &str, item: usize) {
        if let Changed::Removed(removed) = self.change(Edit::RemoveItem(section.to_owned(), item)) {
            self.record(Change::ItemRemoved {
                section: section.to_owned(),
                item,
                removed,
            });
            let p = self
                .form
                .stops
                .iter()
                .position(|st| {
                    st.section() == Some(section) && st.item().is_some_and(|i| i + 1 >= item.max(1))
                })
                .or_else(|| {
                    self.form
                        .stops
                        .iter()
                        .position(|st| st.section() == Some(section))
                })
                .unwrap_or(0);
            self.form.current = p;
            self.load_editor();
            self.say(Ui::ItemDeleted);
        }
    }

    fn move_item(&mut self, up: bool) {
        let (Some(section), Some(item)) =
            (self.stop().section().map(str::to_owned), self.stop().item())
        else {
            return;
        };
        if !self.commit() {
            return;
        }
        let slot = self.stop().slot().cloned();
        let id = self
            .form
            .session
            .item_id(&section, item)
            .unwrap_or_default()
            .to_owned();
        if let Changed::At(to) = self.change(Edit::MoveItem(
            section.clone(),
            item,
            if up { -1 } else { 1 },
        )) {
            self.record(Change::ItemMoved {
                section: section.clone(),
                from: item,
                to,
                id,
            });
            let moved = match slot {
                Some(Slot::Answer { section, field, .. }) => Slot::Answer {
                    section,
                    item: Some(to),
                    field,
                },
                _ => Slot::ItemName { section, item: to },
            };
            self.form.current = self
                .form
                .stops
                .iter()
                .position(|st| st.slot() == Some(&moved))
                .unwrap_or(self.form.current);
            self.load_editor();
            let label = format!(
                "{}.{}",
                self.stop()
                    .section()
                    .and_then(|id| self.form.q.section(id))
                    .map_or("?", |s| s.number.as_str()),
                to + 1
            );
            let msg = format!("{} → {label}", keys::text(Ui::ItemMoved, self.form.lang));
            self.message = Some((msg, Tone::Info));
        }
    }

    /// The one-key answer: "none" for a question, 0 for a count, 100 for a percent, "no" for yes/no.
    /// Only on an empty question: it never replaces an answer, stored or being typed.
    fn quick_answer(&mut self) {
        let value = match (self.stop(), self.kind()) {
            (Stop::AddItem(_), _) | (Stop::Slot(Slot::ItemName { .. }, _), _) => return,
            (Stop::Slot(Slot::Header { .. }, _), _) => return,
            (_, Some(FieldType::Count)) => Answer::Count(0),
            (_, Some(FieldType::Percent)) => Answer::Percent(100.0),
            (_, Some(FieldType::YesNo)) => Answer::YesNo {
                yes: false,
                comment: String::new(),
            },
            (_, Some(FieldType::Text)) => Answer::Nothing,
            _ => return,
        };
        let stored = self.stop().slot().and_then(|s| self.form.session.value(s));
        if stored.is_some() || !self.editor.is_empty() {
            self.say(Ui::AlreadyAnswered);
            return;
        }
        // A key that answers without a word typed never makes a corruption-risk finding: where the
        // usual answer is the one a finding reads as a risk («нет» to «is the commission duly
        // approved?»), the user types it.
        if let Some(slot) = self.stop().slot()
            && let Some(block) = self.form.block_of(slot)
        {
            let f = &self.form;
            let with = crate::summary::block_stats_with(
                &f.q,
                &f.session,
                block,
                slot,
                Some(value.to_json()),
                f.lang,
            );
            let now = f.tally_block(block).map_or(0, |b| b.findings);
            if with.findings > now {
                let lang = self.form.lang;
                let msg =
                    keys::text(Ui::QuickIsRisk, lang).replace("{value}", &value.display(lang));
                self.complain(msg);
                return;
            }
        }
        self.editor.set_answer(&value, self.form.lang);
        self.step(true);
    }

    /// One event, at the time `now` (the loop gives the clock's; a test gives a fixed one).
    pub fn update(&mut self, ev: Event, now: std::time::SystemTime) {
        self.update_but_summary(ev, now);
        // The live summary after every event, in one place: what is stored, with what is typed.
        self.recompute();
    }

    /// `update`, but for the live summary, which `recompute` brings up to date. The editor's loop
    /// draws the screen in between: a typed letter is on the screen before the figures are worked
    /// out again (that was a sixth of a letter's time to the screen, and most letters of a text
    /// change no figure).
    pub fn update_but_summary(&mut self, ev: Event, now: std::time::SystemTime) {
        self.clock = now;
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.key(k),
            Event::Paste(text) => self.paste(&text),
            _ => {}
        }
    }

    fn paste(&mut self, text: &str) {
        // Pasted text may carry control characters (a colour code from a terminal, a form feed from
        // a document): stored, they would be invisible here and obeyed by the next terminal that
        // prints the report. Tabs and line breaks stay; the field decides about those.
        let clean: String = text
            .chars()
            .filter(|c| matches!(c, '\n' | '\r' | '\t') || !c.is_control())
            .collect();
        let text = clean.as_str();
        match &mut self.overlay {
            Some(Overlay::Prompt(p)) => p.text.push_str(&text.replace(['\r', '\n'], " ")),
            None if self.held_by.is_some() => {
                let who = self.held_by.clone().unwrap_or_default();
                self.refuse_held(&who);
            }
            None => {
                let (kind, stop) = (self.kind(), self.stop().clone());
                if let Err(msg) = self.editor.paste(text, kind, &stop, self.form.lang) {
                    self.complain(msg);
                }
            }
            _ => {}
        }
    }

    fn key(&mut self, k: KeyEvent) {
        // The rest of a word typed on the delete question («да», «нет», "yes") and its Enter: the
        // question took the first letter; the others would go into the name the user lands on.
        // Typed on: a word a second later is the next thing the user does.
        if let Some((word, at)) = self.confirm_word.take()
            && self
                .clock
                .duration_since(at)
                .is_ok_and(|d| d < std::time::Duration::from_millis(1500))
        {
            use ratatui::crossterm::event::KeyModifiers;
            let plain = (k.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT)).is_empty();
            match k.code {
                // Still the beginning of a yes or a no word.
                KeyCode::Char(c)
                    if plain
                        && !c.is_whitespace()
                        && crate::answer::yes_no_prefix(&format!("{word}{c}")).is_some() =>
                {
                    self.confirm_word = Some((format!("{word}{c}"), self.clock));
                    return;
                }
                KeyCode::Enter if plain => return,
                _ => {}
            }
        }
        self.message = None;
        let previous = self.last_action.take();
        // The end-to-end test of the panic path (e2e_resilience) presses F12 in an editor started with
        // SAUALNAMA_TEST_PANIC set (read once, by the loop); debug builds only.
        #[cfg(debug_assertions)]
        if k.code == KeyCode::F(12) && self.panic_key {
            panic!("SAUALNAMA_TEST_PANIC");
        }
        let global = keys::action(Context::Global, &k);
        match global {
            // With the last save failed, quitting asks first: the answers would not be in the report.
            Some(Action::Quit) if matches!(self.save_state, SaveState::Failed(_)) => {
                self.overlay = Some(Overlay::Confirm(Confirm::QuitUnsaved));
                return;
            }
            Some(Action::Quit) => return self.shutdown(self.clock),
            Some(Action::Save) => {
                if self.commit() {
                    self.needs_save = !self.read_only;
                    // Over a replaced report only when asked, and this is the asking.
                    self.force_save |= self.replaced;
                    if self.read_only {
                        self.say(Ui::ReadOnlyRefused);
                    }
                }
                return;
            }
            Some(Action::Lang) => {
                // Not a change of the answers: no stamp, saved when convenient; the colleagues'
                // documents follow it, so it goes with the save as a change of its own.
                let lang = self.form.lang.next();
                self.form.change(Edit::Language(lang));
                self.needs_background_save = !self.read_only;
                return;
            }
            _ => {}
        }
        if let Some(o) = self.overlay.as_mut() {
            let confirm = matches!(o, Overlay::Confirm(Confirm::DeleteItem { .. }));
            if let (true, KeyCode::Char(c)) = (confirm, k.code) {
                self.confirm_word = Some((c.to_string(), self.clock));
            }
            match o.key(&k, self.form.lang) {
                Outcome::Stay => {}
                Outcome::Close => self.overlay = None,
                Outcome::Then(c) => {
                    self.overlay = None;
                    self.run(c);
                }
                Outcome::Keep(c) => self.run(c),
                Outcome::Pass => {
                    self.overlay = None;
                    return self.key_form(k, None);
                }
            }
            return;
        }
        if self.panel != Panel::Question {
            // Any key closes the folded panel; keys that also mean something act too.
            self.panel = Panel::Question;
            if !matches!(
                keys::action(Context::Form, &k),
                Some(Action::Revert | Action::Outline | Action::Summary)
            ) {
                self.key_form(k, None);
            }
            return;
        }
        self.key_form(k, previous)
    }

    /// What an overlay asked for.
    fn run(&mut self, c: Command) {
        match c {
            Command::GoTo(s) => self.go_to(&s),
            Command::Search(s) => self.search(s),
            Command::DeleteItem { section, item } => self.delete_item(&section, item),
            Command::KeptItem => self.say(Ui::DeleteCancelled),
            Command::QuitUnsaved => self.shutdown(self.clock),
            Command::Open(slot) => {
                if let Some(i) = self.stop_of(&slot) {
                    self.go(i);
                }
            }
            Command::Item(a) => self.item_action(a),
            Command::Choose(slot, value) => self.choose(slot, value),
        }
    }

    /// `Ctrl-G`: a question by its number («2.14», «1.2» for item 2 of annex 1).
    fn go_to(&mut self, typed: &str) {
        // «4,10» as a decimal-comma hand types it, «4.К2» as the screen shows it, «4.й2» with the Q
        // key on a Cyrillic layout.
        let s = crate::present::typed_number(typed);
        let s = s.as_str();
        match nav::goto(
            &self.form.q,
            &self.form.session,
            (&self.form.stops, &self.form.index),
            self.form.current,
            s,
        ) {
            Some(i) => {
                let from = self.form.current;
                self.go(i);
                // The answer in hand refused the jump: said so, or what the user types next goes
                // into this question, not the one they went for (a newcomer's sentence for 4.14
                // landed in 4.8's comment).
                if i != from && self.form.current == from {
                    let stayed = Ui::StayedHere.get(self.form.lang);
                    let why = self.message.take().map_or(String::new(), |(m, _)| m);
                    // After the colon the reason goes on the sentence: «…: текст ушёл…».
                    let mut chars = why.chars();
                    let why = chars.next().map_or(String::new(), |c| {
                        c.to_lowercase().chain(chars).collect::<String>()
                    });
                    self.complain(format!("{stayed} {why}").trim_end().to_owned());
                }
            }
            None => {
                let msg = match nav::missing_item(&self.form.q, &self.form.session, s) {
                    // «1.3» in an annex of two: say how to get a third.
                    Some((section, n)) => {
                        let label = self
                            .form
                            .q
                            .section(&section)
                            .map_or("", |sec| sec.label.get(self.form.lang));
                        keys::text(Ui::NoSuchItem, self.form.lang)
                            .replace("{annex}", label)
                            .replace("{n}", &n.to_string())
                            .replace(
                                "{count}",
                                &self.form.session.item_count(&section).to_string(),
                            )
                    }
                    None => format!("{}: {s}", Ui::NoSuchQuestion.get(self.form.lang)),
                };
                self.complain(msg);
                // The number stays in the prompt to be mended (Backspace; Ctrl-G again clears it,
                // Esc closes it): closed, it was to be typed again whole.
                self.overlay = Some(Overlay::Prompt(Prompt {
                    purpose: Purpose::GoTo,
                    text: typed.to_owned(),
                }));
            }
        }
    }

    /// `Ctrl-F`: the next question whose text holds the query; an empty query repeats the last.
    fn search(&mut self, s: String) {
        let query = if s.trim().is_empty() {
            self.last_search.clone()
        } else {
            s
        };
        self.last_search = query.clone();
        match nav::search(
            &self.form.q,
            &self.form.session,
            &self.form.stops,
            self.form.current,
            &query,
        ) {
            Some(i) => self.go(i),
            None => {
                let msg = format!("{}: {query}", Ui::NotFound.get(self.form.lang));
                self.complain(msg);
            }
        }
    }

    fn open_findings(&mut self) {
        if !self.commit() {
            return;
        }
        let list = crate::findings::findings(&self.form.q, &self.form.session, self.form.lang);
        if list.is_empty() {
            self.say(Ui::NoFindings);
        } else {
            self.overlay = Some(Overlay::Findings(Findings { list, selected: 0 }));
        }
    }

    /// Stop: commit what is typed, or where it does not fit, keep it as a draft rather than lose it.
    /// Leave: what is typed is committed (or kept as a draft where it does not fit), at `now` (a
    /// signal ends the editor between two keys, with no key's time).
    pub fn shutdown(&mut self, now: std::time::SystemTime) {
        self.clock = now;
        self.overlay = None;
        let lang = self.form.lang;
        let reason = self
            .editor_value()
            .err()
            .map(|e| why_not_stored(e, Ui::ChoiceNotMade, lang));
        if !self.commit() {
            if self.stash_draft() {
                self.needs_background_save = !self.read_only;
            }
            // Why it was not stored: the answer's own mistake, else what `commit` said (a
            // colleague holds the part).
            let reason = reason.or_else(|| self.message.as_ref().map(|(m, _)| m.clone()));
            if let (Some(_), Some(slot), Some(reason)) =
                (self.draft_wanted(), self.stop().slot(), reason)
            {
                let mut reason = reason.chars();
                let reason: String = reason
                    .next()
                    .into_iter()
                    .flat_map(char::to_lowercase)
                    .chain(reason)
                    .collect();
                // «Not saved» alone read as if the question were now empty, the old answer gone.
                let said = if self.form.session.get(slot).is_some() {
                    Ui::LeftOverAnswer
                } else {
                    Ui::LeftAsDraft
                };
                self.left_as_draft = Some(
                    keys::text(said, lang)
                        .replace(
                            "{place}",
                            &crate::present::slot_label(&self.form.q, slot, lang),
                        )
                        .replace("{reason}", reason.trim_end_matches('.')),
                );
            }
        }
        self.quit = true;
    }

    /// An action of the item menu on the current item of a repeatable annex.
    fn item_action(&mut self, a: Action) {
        let Some(section) = self.stop().section().map(str::to_owned) else {
            return;
        };
        let item = self.stop().item();
        match (a, item) {
            (Action::ItemAdd, _) => self.add_item(&section),
            (Action::ItemRename, Some(i)) => {
                if let Some(p) = self.item_stop(&section, i) {
                    self.go(p);
                }
            }
            (Action::ItemDelete, Some(i)) => {
                let part = self
                    .form
                    .session
                    .item_id(&section, i)
                    .map(|id| Part::Item(section.clone(), id.to_owned()));
                if self.read_only {
                    self.say(Ui::ReadOnlyRefused);
                } else if let Some(who) = self.colleague_in(part) {
                    self.refuse_held(&self.held_sentence(&who));
                } else {
                    self.overlay = Some(Overlay::Confirm(Confirm::DeleteItem { section, item: i }));
                }
            }
            (Action::ItemUp, Some(_)) => self.move_item(true),
            (Action::ItemDown, Some(_)) => self.move_item(false),
            _ => {}
        }
    }

    fn in_repeat_section(&self) -> Option<String> {
        let sec = self.form.q.section(self.stop().section()?)?;
        sec.is_repeat().then(|| sec.id.clone())
    }

    /// `Ctrl-U`: the next unanswered question. Pressed on a question that is itself unanswered, it
    /// first says so and stays; pressed again, it moves on.
    fn next_unanswered(&mut self, previous: Option<Action>) {
        let here_open = match self.stop() {
            Stop::Slot(slot, kind) => !crate::session::is_answered(&self.form.session, slot, *kind),
            Stop::AddItem(_) => false,
        };
        if here_open && self.editor.is_empty() && previous != Some(Action::NextUnanswered) {
            self.say(Ui::UnansweredHere);
            return;
        }
        if !self.commit() {
            return;
        }
        match nav::next_unanswered(&self.form.session, &self.form.stops, self.form.current) {
            Some(i) => self.go(i),
            None => self.say(Ui::AllAnswered),
        }
    }

    fn key_form(&mut self, k: KeyEvent, previous: Option<Action>) {
        // In a part a colleague is in, only what looks or moves: typing there would be thrown away.
        if let Some(who) = self.held_by.clone() {
            let moves = matches!(
                keys::action(Context::Form, &k),
                Some(
                    Action::Help
                        | Action::Outline
                        | Action::Summary
                        | Action::NextAnnex
                        | Action::PrevAnnex
                        | Action::GoTo
                        | Action::NextUnanswered
                        | Action::NextProblem
                        | Action::Search
                        | Action::Findings
                        | Action::History
                        | Action::Next
                        | Action::Prev
                        | Action::Commit
                        | Action::Revert
                        | Action::AddItem
                        | Action::ItemMenu
                        | Action::Undo
                        | Action::Redo
                )
            );
            if !moves || (k.code == KeyCode::Enter && self.editor_dirty()) {
                // Refused; what is in the input (a draft from before) stays there and in the file.
                self.refuse_held(&who);
                return;
            }
        }
        // On a yes/no's comment, ↑ from its first row goes back to the choice before it goes to the
        // question before (↓ on the choice goes on to the next question, as everywhere).
        if self.kind() == Some(FieldType::YesNo)
            && self.stop().slot().is_some()
            && self.editor.on_comment
            && k.code == KeyCode::Up
            && !self.editor.can_move_up()
            && keys::action(Context::Comment, &k) == Some(Action::ToChoice)
        {
            let stop = self.stop().clone();
            let _ = self.editor.key(k, self.kind(), &stop, self.form.lang);
            self.last_action = None;
            return;
        }
        let action = keys::action(Context::Form, &k);
        match action {
            Some(Action::Help) => self.overlay = Some(Overlay::Help(Help::default())),
            Some(Action::Outline) => self.panel = Panel::Outline,
            Some(Action::Summary) => self.panel = Panel::Summary,
            Some(Action::Quick) => self.quick_answer(),
            Some(Action::NextAnnex) => self.jump_annex(true),
            Some(Action::PrevAnnex) => self.jump_annex(false),
            Some(Action::Findings) => self.open_findings(),
            Some(Action::GoTo) => self.overlay = Some(Overlay::Prompt(Prompt::new(Purpose::GoTo))),
            Some(Action::Search) => {
                self.overlay = Some(Overlay::Prompt(Prompt::new(Purpose::Search)));
            }
            Some(Action::NextUnanswered) => self.next_unanswered(previous),
            Some(Action::NextProblem) => {
                if self.commit() {
                    // The problems as the answer just stored leaves them (see `go`).
                    self.recompute();
                    match nav::next_problem(&self.form.summary, &self.form.stops, self.form.current)
                    {
                        Some(i) => {
                            self.go(i);
                            if let Some(slot) = self.stop().slot().cloned() {
                                self.show_problem(&slot);
                            }
                        }
                        None => self.say(Ui::NoProblems),
                    }
                }
            }
            Some(Action::AddItem) => match self.in_repeat_section() {
                Some(s) => self.add_item(&s),
                None => self.say(Ui::NotRepeatable),
            },
            Some(Action::ItemMenu) => match self.in_repeat_section() {
                Some(_) => self.overlay = Some(Overlay::ItemMenu(ItemMenu)),
                None => self.say(Ui::NotRepeatable),
            },
            Some(Action::History) => self.wants_history = self.stop().slot().is_some(),
            Some(Action::Undo) => self.undo(),
            Some(Action::Redo) => self.redo(),
            Some(Action::Revert) => {
                if self.set_aside() {
                    self.load_editor();
                    self.say(Ui::Reverted);
                } else {
                    self.load_editor();
                }
            }
            Some(Action::Newline) => self.newline(),
            Some(Action::Commit) => match self.stop().clone() {
                Stop::AddItem(section) => self.add_item(&section),
                Stop::Slot(slot, _) => {
                    // Enter on an answer carried over from the last period: checked, as its mark
                    // says (passing by with Tab or an arrow does not check it).
                    let carried = self.form.session.is_carried(&slot) && !self.read_only;
                    if carried && !self.editor_dirty() {
                        self.change(Edit::Confirm(slot));
                    }
                    self.step(true)
                }
            },
            Some(Action::Next) if !(k.code == KeyCode::Down && self.arrow_in_text(true)) => {
                self.step(true)
            }
            Some(Action::Prev) if !(k.code == KeyCode::Up && self.arrow_in_text(false)) => {
                self.step(false)
            }
            _ => {
                let stop = self.stop().clone();
                if let Err(msg) = self.editor.key(k, self.kind(), &stop, self.form.lang) {
                    self.complain(msg);
                }
            }
        }
        self.last_action = action;
    }

    fn newline(&mut self) {
        if self.kind() == Some(FieldType::Text)
            && matches!(self.stop(), Stop::Slot(Slot::Answer { .. }, _))
        {
            self.editor.newline();
        } else {
            self.say(Ui::SingleLine);
        }
    }

    /// The report was handed to be saved: nothing is waiting to be saved any more.
    pub fn save_submitted(&mut self) {
        self.needs_save = false;
        self.needs_background_save = false;
    }

    /// Save number `n` of `latest` came back. Saved only once the newest one is on disk; a failure
    /// shows at once, and stays until a save succeeds.
    pub fn save_done(&mut self, n: u64, latest: u64, result: super::saver::SaveResult) {
        match result {
            Err(e) => {
                self.replaced = e.replaced;
                self.save_state = SaveState::Failed(if e.replaced {
                    keys::text(Ui::ReportReplaced, self.form.lang)
                } else {
                    e.describe(self.form.lang)
                });
            }
            Ok(m) => {
                self.replaced = false;
                self.in_flight.retain(|(k, _)| *k > n);
                if let Some(disk) = m.others {
                    self.rebase(disk);
                }
                if m.conflicts > 0 {
                    let msg = keys::text(Ui::ConflictsFound, self.form.lang);
                    self.complain(msg);
                } else if m.kept_items > 0 {
                    self.say(Ui::ItemsKept);
                }
                if n == latest && !self.needs_save {
                    self.save_state = SaveState::Saved;
                }
            }
        }
    }

    /// Whether the next save writes over a replaced report; asking clears it.
    pub fn take_force(&mut self) -> bool {
        std::mem::take(&mut self.force_save)
    }

    /// Whether ↓ (`down`) or ↑ moves within the text typed, a row of it as wrapped, rather than to
    /// another question: where typing goes (not a yes/no's choice) and a row lies that way.
    fn arrow_in_text(&self, down: bool) -> bool {
        let on_choice = self.kind() == Some(FieldType::YesNo) && !self.editor.on_comment;
        !on_choice
            && if down {
                self.editor.can_move_down()
            } else {
                self.editor.can_move_up()
            }
    }

    /// Keep the text being typed in the session's cursor, for a save in the background.
    pub fn stash_draft(&mut self) -> bool {
        let want = self.draft_wanted();
        let choice = self.draft_choice(&want);
        let seen = want.as_ref().map(|_| {
            self.loaded
                .as_ref()
                .and_then(|(_, v)| v.clone())
                .unwrap_or(Value::Null)
        });
        match self.form.session.cursor.as_mut() {
            Some(c) if c.draft != want || c.extra.get(DRAFT_CHOICE) != choice.as_ref() => {
                c.draft = want;
                c.seen = seen;
                match choice {
                    Some(v) => c.extra.insert(DRAFT_CHOICE.to_owned(), v),
                    None => c.extra.remove(DRAFT_CHOICE),
                };
                true
            }
            _ => false,
        }
    }

    /// The input holds text that the file's draft does not (the loop wakes to save it, and only then).
    pub fn draft_pending(&self) -> bool {
        let want = self.draft_wanted();
        let choice = self.draft_choice(&want);
        self.form
            .session
            .cursor
            .as_ref()
            .is_some_and(|c| c.draft != want || c.extra.get(DRAFT_CHOICE) != choice.as_ref())
    }

    /// What goes beside `draft` under `DRAFT_CHOICE`: on a yes/no, the choice the editor holds.
    fn draft_choice(&self, draft: &Option<String>) -> Option<Value> {
        (draft.is_some() && self.kind() == Some(FieldType::YesNo))
            .then(|| self.editor.choice.map_or(Value::Null, Value::Bool))
    }

    /// The draft the file should hold: the input's text where it is not what is stored.
    fn draft_wanted(&self) -> Option<String> {
        // Nothing can be typed in a report only looked at. In a part a colleague is in, typing is
        // refused, so text there is the user's from before (a restored draft, or typed before the
        // colleague came): kept.
        if self.read_only {
            return None;
        }
        let draft = self.editor.raw_text();
        let stored = match self.stop().slot() {
            Some(slot) => self.form.session.get(slot).map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                // A yes/no's draft is its comment, compared with the stored comment.
                serde_json::Value::Object(o) if self.kind() == Some(FieldType::YesNo) => o
                    .get("comment")
                    .and_then(|c| c.as_str())
                    .unwrap_or("")
                    .to_owned(),
                other => other.to_string(),
            }),
            None => None,
        };
        (!draft.is_empty() && Some(&draft) != stored.as_ref()).then_some(draft)
    }
}

/// Whether two states of a slot's conflict list the same values (who entered them may have been
/// named since, from the history).
fn same_values(a: Option<&Conflict>, b: Option<&Conflict>) -> bool {
    let (a, b) = (values_of(a), values_of(b));
    a.len() == b.len() && a.iter().all(|v| b.contains(v))
}

fn values_of(c: Option<&Conflict>) -> Vec<&Option<Value>> {
    c.map_or(Vec::new(), |c| c.values.iter().map(|r| &r.value).collect())
}
