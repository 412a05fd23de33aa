//! The editor's state and `update`: every key and paste goes through here, and nothing here touches
//! the terminal or the disk. The run loop saves when `needs_save` says so and reports back.

use super::editor::Editor;
use super::nav::{self, Stop};
use crate::answer::{Answer, AnswerError, none_word};
use crate::i18n::Lang;
use crate::questionnaire::{FieldType, Questionnaire};
use crate::session::{Session, Slot};
use crate::summary::{Block, Summary, Tally, block_stats};
use crate::ui_text::Ui;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    /// Go to a question by number; the typed target.
    GoTo(String),
    Search(String),
    /// The item actions of a repeatable annex.
    ItemMenu,
    ConfirmDelete {
        section: String,
        item: usize,
    },
    /// On a folded (small) screen, the outline or the summary in place of the question.
    Outline,
    Summary,
    /// The corruption-risk findings, one chosen.
    Findings {
        list: Vec<crate::findings::Finding>,
        selected: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
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

pub struct App {
    pub q: Questionnaire,
    pub session: Session,
    pub lang: Lang,
    pub file_name: String,
    pub read_only: bool,
    pub stops: Vec<Stop>,
    /// Where each annex and item starts among the stops.
    pub index: nav::StopIndex,
    pub current: usize,
    pub editor: Editor,
    pub overlay: Overlay,
    /// The live summary: the session with the value being typed applied, recomputed on every change.
    pub summary: Summary,
    /// The committed answers' summary, block by block.
    tally: Tally,
    pub message: Option<(String, Tone)>,
    pub save_state: SaveState,
    /// A committed change that must reach the disk now.
    pub needs_save: bool,
    /// Something worth saving when convenient (the cursor moved, a draft grew).
    pub needs_background_save: bool,
    pub quit: bool,
    /// Answers kept in the file under ids this form does not have (another version's).
    pub orphans: usize,
    last_search: String,
}

fn ctrl(k: &KeyEvent, c: char) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(k.code, KeyCode::Char(x) if x.eq_ignore_ascii_case(&c))
}

/// The keys that mean "yes" and "no" on a Latin and on a Cyrillic (Russian/Kazakh) layout: Y/N and the
/// letters on the same physical keys (Н, Т), plus the initials of иә/да and жоқ.
pub fn yes_no_key(c: char) -> Option<bool> {
    match c.to_lowercase().next()? {
        'y' | 'н' | 'и' | 'д' => Some(true),
        'n' | 'т' | 'ж' => Some(false),
        _ => None,
    }
}

/// What a key did to a one-line prompt (go to, search).
enum Prompt {
    Submit,
    Cancel,
    Editing,
}

fn prompt_key(k: &KeyEvent, text: &mut String) -> Prompt {
    match k.code {
        KeyCode::Enter => Prompt::Submit,
        KeyCode::Esc => Prompt::Cancel,
        KeyCode::Backspace => {
            text.pop();
            Prompt::Editing
        }
        KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
            text.push(c);
            Prompt::Editing
        }
        _ => Prompt::Editing,
    }
}

pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
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
        session.language = Some(lang);
        let draft = session.cursor.as_ref().and_then(|c| c.draft.clone());
        let stops = nav::stops(&q, &session);
        // Resume where the user stopped: the cursor's stop, or the first unanswered one.
        let current = session
            .cursor
            .as_ref()
            .and_then(|c| stops.iter().position(|st| st.is_at(c)))
            .or_else(|| nav::next_unanswered(&session, &stops, stops.len().saturating_sub(1)))
            .unwrap_or(0);
        let tally = Tally::new(&q, &session, lang);
        let summary = tally.summary(&q, None);
        let index = nav::StopIndex::new(&q, &stops);
        let mut app = App {
            q,
            session,
            lang,
            file_name,
            read_only,
            stops,
            index,
            current,
            editor: Editor::default(),
            overlay: Overlay::None,
            summary,
            tally,
            message: None,
            save_state: if read_only {
                SaveState::ReadOnly
            } else {
                SaveState::Saved
            },
            needs_save: false,
            needs_background_save: false,
            quit: false,
            orphans: 0,
            last_search: String::new(),
        };
        app.orphans = crate::session::orphans(&app.q, &app.session).len();
        app.load_editor();
        if let Some(draft) = draft {
            app.editor.set_text(&draft);
            if let Some(c) = app.session.cursor.as_mut() {
                c.draft = Some(draft);
            }
            app.recompute();
        }
        app
    }

    pub fn stop(&self) -> &Stop {
        &self.stops[self.current]
    }

    pub fn kind(&self) -> Option<FieldType> {
        match self.stop() {
            Stop::Slot(_, k) => *k,
            Stop::AddItem(_) => None,
        }
    }

    fn say(&mut self, t: Ui) {
        self.message = Some((t.get(self.lang).to_owned(), Tone::Info));
    }

    fn complain(&mut self, msg: String) {
        self.message = Some((msg, Tone::Error));
    }

    /// Fill the editor from the stored value of the current stop.
    fn load_editor(&mut self) {
        let stop = self.stop().clone();
        self.editor = Editor::for_stop(&stop, &self.session);
        self.session.cursor = Some(stop.to_cursor());
        self.recompute();
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

    /// The block of answers a stop belongs to.
    fn block_of(&self, stop: &Stop) -> Option<Block> {
        match stop {
            Stop::Slot(Slot::Header { .. }, _) => Some(Block::Header),
            Stop::Slot(
                Slot::ItemName { section, item }
                | Slot::Answer {
                    section,
                    item: Some(item),
                    ..
                },
                _,
            ) => Some(Block::Section {
                index: self.q.section_index(section)?,
                item: Some(*item),
            }),
            Stop::Slot(
                Slot::Answer {
                    section,
                    item: None,
                    ..
                },
                _,
            ) => Some(Block::Section {
                index: self.q.section_index(section)?,
                item: None,
            }),
            Stop::AddItem(_) => None,
        }
    }

    /// The summary with the value being typed applied, so totals follow the keyboard. Only the block
    /// being typed into is computed again; the others come from the tally.
    pub fn recompute(&mut self) {
        let slot = self.stop().slot().cloned();
        let block = self.block_of(self.stop());
        let preview = match (&slot, self.editor_value()) {
            (Some(slot @ (Slot::Answer { .. } | Slot::Header { .. })), Ok(v)) => {
                let old = self.session.get(slot).cloned();
                (old != v).then(|| (slot.clone(), old, v))
            }
            _ => None,
        };
        self.summary = match (preview, block) {
            (Some((slot, old, new)), Some(block)) => {
                self.session.set(&slot, new);
                let stats = block_stats(&self.q, &self.session, block, self.lang);
                self.session.set(&slot, old);
                self.tally.summary(&self.q, Some((block, &stats)))
            }
            _ => self.tally.summary(&self.q, None),
        };
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
                    AnswerError::NotYesNo => Ui::PressYesNo.get(self.lang),
                    e => e.message(self.lang),
                };
                self.complain(msg.to_owned());
                return false;
            }
        };
        let value = match (&slot, value) {
            (Slot::ItemName { .. }, Some(serde_json::Value::String(s))) if s.trim().is_empty() => {
                None
            }
            (_, v) => v,
        };
        let old = match &slot {
            Slot::ItemName { section, item } => self
                .session
                .items(section)
                .get(*item)
                .map(|i| serde_json::Value::String(i.name.clone())),
            _ => self.session.get(&slot).cloned(),
        };
        let unchanged =
            old == value || (old.as_ref().and_then(|v| v.as_str()) == Some("") && value.is_none());
        if unchanged {
            return true;
        }
        if self.read_only {
            self.say(Ui::ReadOnlyRefused);
            self.load_editor();
            return false;
        }
        self.session.set(&slot, value);
        self.touch(false);
        true
    }

    /// A change to the answers: stamp it, and ask for a save now. A structural change (items added,
    /// deleted or moved) rebuilds what depends on the shape of the report; an answer only its block.
    fn touch(&mut self, structural: bool) {
        self.session.modified = Some(now());
        self.needs_save = true;
        self.save_state = SaveState::Unsaved;
        if structural {
            self.reshape();
        } else if let Some(block) = self.block_of(self.stop()) {
            self.tally.refresh(&self.q, &self.session, block);
        }
    }

    /// Everything that follows the report's shape, from scratch.
    fn reshape(&mut self) {
        self.stops = nav::stops(&self.q, &self.session);
        self.index = nav::StopIndex::new(&self.q, &self.stops);
        self.current = self.current.min(self.stops.len() - 1);
        self.orphans = crate::session::orphans(&self.q, &self.session).len();
        self.tally = Tally::new(&self.q, &self.session, self.lang);
    }

    /// Commit, then stand on stop `to`.
    fn go(&mut self, to: usize) {
        if !self.commit() {
            return;
        }
        self.current = to.min(self.stops.len() - 1);
        self.load_editor();
        self.needs_background_save = !self.read_only;
    }

    fn step(&mut self, forward: bool) {
        if forward {
            if self.current + 1 < self.stops.len() {
                self.go(self.current + 1);
            } else if self.commit() {
                self.say(Ui::EndOfForm);
            }
        } else if self.current > 0 {
            self.go(self.current - 1);
        }
    }

    /// The first stop of the next (or previous) annex; the header counts as an annex before the first.
    fn jump_annex(&mut self, forward: bool) {
        let here = self.stop().section().map(str::to_owned);
        let order: Vec<Option<String>> = std::iter::once(None)
            .chain(self.q.sections.iter().map(|s| Some(s.id.clone())))
            .collect();
        let pos = order.iter().position(|s| *s == here).unwrap_or(0);
        let target = if forward {
            order.get(pos + 1)
        } else {
            pos.checked_sub(1).and_then(|p| order.get(p))
        };
        if let Some(t) = target
            && let Some(i) = self
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
        let i = self.session.add_item(section, "");
        self.touch(true);
        if let Some(p) = self.stops.iter().position(|st| {
            matches!(st, Stop::Slot(Slot::ItemName { section: s, item }, _) if s == section && *item == i)
        }) {
            self.current = p;
        }
        self.load_editor();
        self.say(Ui::ItemAdded);
    }

    fn delete_item(&mut self, section: &str, item: usize) {
        if self.session.remove_item(section, item).is_some() {
            self.touch(true);
            let p = self
                .stops
                .iter()
                .position(|st| {
                    st.section() == Some(section) && st.item().is_some_and(|i| i + 1 >= item.max(1))
                })
                .or_else(|| {
                    self.stops
                        .iter()
                        .position(|st| st.section() == Some(section))
                })
                .unwrap_or(0);
            self.current = p;
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
        if let Some(to) = self
            .session
            .move_item(&section, item, if up { -1 } else { 1 })
        {
            self.touch(true);
            let moved = match slot {
                Some(Slot::Answer { section, field, .. }) => Slot::Answer {
                    section,
                    item: Some(to),
                    field,
                },
                _ => Slot::ItemName { section, item: to },
            };
            self.current = self
                .stops
                .iter()
                .position(|st| st.slot() == Some(&moved))
                .unwrap_or(self.current);
            self.load_editor();
        }
    }

    /// The one-key answer: "none" for a question, 0 for a count, 100 for a percent, "no" for yes/no.
    fn quick_answer(&mut self) {
        let value = match (self.stop(), self.kind()) {
            (Stop::AddItem(_), _) | (Stop::Slot(Slot::ItemName { .. }, _), _) => return,
            (Stop::Slot(Slot::Header { .. }, _), _) => return,
            (_, Some(FieldType::Count)) => Answer::Count(0),
            (_, Some(FieldType::Percent)) => Answer::Percent(100.0),
            (_, Some(FieldType::YesNo)) => Answer::YesNo {
                yes: false,
                comment: self.editor.comment(),
            },
            (_, Some(FieldType::Text)) => Answer::Text(none_word(self.lang).to_owned()),
            _ => return,
        };
        self.editor.set_answer(&value);
        self.step(true);
    }

    pub fn update(&mut self, ev: Event) {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => self.key(k),
            Event::Paste(text) => self.paste(&text),
            _ => {}
        }
    }

    fn paste(&mut self, text: &str) {
        match &mut self.overlay {
            Overlay::GoTo(s) | Overlay::Search(s) => s.push_str(&text.replace(['\r', '\n'], " ")),
            Overlay::None => {
                let (kind, stop) = (self.kind(), self.stop().clone());
                if let Err(msg) = self.editor.paste(text, kind, &stop, self.lang) {
                    self.complain(msg);
                }
                self.recompute();
            }
            _ => {}
        }
    }

    fn key(&mut self, k: KeyEvent) {
        self.message = None;
        // Keys that mean the same everywhere.
        // A way to test the panic path end to end; not in release builds.
        #[cfg(debug_assertions)]
        if k.code == KeyCode::F(12) && std::env::var_os("SAUALNAMA_TEST_PANIC").is_some() {
            panic!("SAUALNAMA_TEST_PANIC");
        }
        if ctrl(&k, 'q') || ctrl(&k, 'c') {
            self.shutdown();
            return;
        }
        if ctrl(&k, 's') {
            if self.commit() {
                self.needs_save = !self.read_only;
                if self.read_only {
                    self.say(Ui::ReadOnlyRefused);
                }
            }
            return;
        }
        if ctrl(&k, 'l') {
            self.lang = self.lang.next();
            self.session.language = Some(self.lang);
            self.tally = Tally::new(&self.q, &self.session, self.lang);
            self.needs_background_save = !self.read_only;
            self.recompute();
            return;
        }
        match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::None => self.key_form(k),
            Overlay::Help { scroll } => {
                self.overlay = match k.code {
                    KeyCode::Down => Overlay::Help {
                        scroll: scroll.saturating_add(1),
                    },
                    KeyCode::Up => Overlay::Help {
                        scroll: scroll.saturating_sub(1),
                    },
                    KeyCode::PageDown => Overlay::Help {
                        scroll: scroll.saturating_add(10),
                    },
                    KeyCode::PageUp => Overlay::Help {
                        scroll: scroll.saturating_sub(10),
                    },
                    _ => Overlay::None,
                }
            }
            Overlay::GoTo(mut s) => match prompt_key(&k, &mut s) {
                Prompt::Submit => {
                    match nav::goto(&self.q, &self.session, &self.stops, self.current, &s) {
                        Some(i) => self.go(i),
                        None => {
                            let msg = format!("{}: {s}", Ui::NoSuchQuestion.get(self.lang));
                            self.complain(msg);
                        }
                    }
                }
                Prompt::Cancel => {}
                Prompt::Editing => self.overlay = Overlay::GoTo(s),
            },
            Overlay::Search(mut s) => match prompt_key(&k, &mut s) {
                Prompt::Submit => {
                    self.last_search = s.clone();
                    match nav::search(&self.q, &self.session, &self.stops, self.current, &s) {
                        Some(i) => self.go(i),
                        None => {
                            let msg = format!("{}: {s}", Ui::NotFound.get(self.lang));
                            self.complain(msg);
                        }
                    }
                }
                Prompt::Cancel => {}
                Prompt::Editing => self.overlay = Overlay::Search(s),
            },
            Overlay::ItemMenu => self.key_item_menu(k),
            Overlay::Findings { list, selected } => match k.code {
                KeyCode::Down => {
                    let selected = (selected + 1).min(list.len().saturating_sub(1));
                    self.overlay = Overlay::Findings { list, selected };
                }
                KeyCode::Up => {
                    let selected = selected.saturating_sub(1);
                    self.overlay = Overlay::Findings { list, selected };
                }
                KeyCode::Enter => {
                    if let Some(f) = list.get(selected) {
                        let target = Slot::Answer {
                            section: f.section.clone(),
                            item: f.item.map(|i| i - 1),
                            field: f.fields.first().cloned().unwrap_or_default(),
                        };
                        if let Some(i) = self.stops.iter().position(|st| st.slot() == Some(&target))
                        {
                            self.go(i);
                        }
                    }
                }
                _ => {}
            },
            Overlay::ConfirmDelete { section, item } => match k.code {
                KeyCode::Char(c) if yes_no_key(c) == Some(true) => self.delete_item(&section, item),
                KeyCode::Enter => self.delete_item(&section, item),
                _ => self.say(Ui::DeleteCancelled),
            },
            Overlay::Outline | Overlay::Summary => {
                // Any key closes the folded panel; keys that also mean something act too.
                if !matches!(k.code, KeyCode::Esc | KeyCode::F(2) | KeyCode::F(4))
                    && !ctrl(&k, 'w')
                    && !ctrl(&k, 'r')
                {
                    self.key_form(k);
                }
            }
        }
    }

    fn open_findings(&mut self) {
        if !self.commit() {
            return;
        }
        let list = crate::findings::findings(&self.q, &self.session, self.lang);
        if list.is_empty() {
            self.say(Ui::NoFindings);
        } else {
            self.overlay = Overlay::Findings { list, selected: 0 };
        }
    }

    /// Stop: commit what is typed, or where it does not fit, keep it as a draft rather than lose it.
    pub fn shutdown(&mut self) {
        self.overlay = Overlay::None;
        if !self.commit() && self.stash_draft() {
            self.needs_background_save = !self.read_only;
        }
        self.quit = true;
    }

    fn key_item_menu(&mut self, k: KeyEvent) {
        let Some(section) = self.stop().section().map(str::to_owned) else {
            return;
        };
        let item = self.stop().item();
        match (k.code, item) {
            (KeyCode::Insert | KeyCode::Char('+'), _) => self.add_item(&section),
            (KeyCode::Enter | KeyCode::F(2), Some(i)) => {
                if let Some(p) = self.stops.iter().position(|st| {
                    matches!(st, Stop::Slot(Slot::ItemName { section: s, item }, _) if *s == section && *item == i)
                }) {
                    self.go(p);
                }
            }
            (KeyCode::Delete | KeyCode::Char('-'), Some(i)) => {
                if self.read_only {
                    self.say(Ui::ReadOnlyRefused);
                } else {
                    self.overlay = Overlay::ConfirmDelete { section, item: i };
                }
            }
            (KeyCode::Up, Some(_)) => {
                self.move_item(true);
                self.overlay = Overlay::ItemMenu;
            }
            (KeyCode::Down, Some(_)) => {
                self.move_item(false);
                self.overlay = Overlay::ItemMenu;
            }
            _ => {}
        }
    }

    fn in_repeat_section(&self) -> Option<String> {
        let sec = self.q.section(self.stop().section()?)?;
        sec.is_repeat().then(|| sec.id.clone())
    }

    fn key_form(&mut self, k: KeyEvent) {
        let c = &k;
        match c.code {
            KeyCode::F(1) => self.overlay = Overlay::Help { scroll: 0 },
            KeyCode::F(2) => self.overlay = Overlay::Outline,
            KeyCode::F(3) => self.quick_answer(),
            KeyCode::F(4) => self.overlay = Overlay::Summary,
            KeyCode::PageDown => self.jump_annex(true),
            KeyCode::PageUp => self.jump_annex(false),
            _ if ctrl(c, 'k') => self.overlay = Overlay::Help { scroll: 0 },
            KeyCode::F(5) => self.open_findings(),
            _ if ctrl(c, 'x') => self.open_findings(),
            _ if ctrl(c, 'w') => self.overlay = Overlay::Outline,
            _ if ctrl(c, 'r') => self.overlay = Overlay::Summary,
            _ if ctrl(c, 'o') => self.quick_answer(),
            _ if ctrl(c, 'n') => self.jump_annex(true),
            _ if ctrl(c, 'p') => self.jump_annex(false),
            _ if ctrl(c, 'g') => self.overlay = Overlay::GoTo(String::new()),
            _ if ctrl(c, 'f') => self.overlay = Overlay::Search(self.last_search.clone()),
            _ if ctrl(c, 'u') => {
                match nav::next_unanswered(&self.session, &self.stops, self.current) {
                    Some(i) => self.go(i),
                    None => self.say(Ui::AllAnswered),
                }
            }
            _ if ctrl(c, 'e') => {
                if self.commit() {
                    match nav::next_problem(&self.summary, &self.stops, self.current) {
                        Some(i) => self.go(i),
                        None => self.say(Ui::NoProblems),
                    }
                }
            }
            _ if ctrl(c, 'a') => match self.in_repeat_section() {
                Some(s) => self.add_item(&s),
                None => self.say(Ui::NotRepeatable),
            },
            _ if ctrl(c, 't') => match self.in_repeat_section() {
                Some(_) => self.overlay = Overlay::ItemMenu,
                None => self.say(Ui::NotRepeatable),
            },
            _ if ctrl(c, 'z') => {
                self.editor.undo();
                self.recompute();
            }
            _ if ctrl(c, 'y') => {
                self.editor.redo();
                self.recompute();
            }
            KeyCode::Esc => {
                self.load_editor();
                self.say(Ui::Reverted);
            }
            KeyCode::Enter if k.modifiers.contains(KeyModifiers::ALT) => self.newline(),
            _ if ctrl(c, 'j') => self.newline(),
            KeyCode::Enter => match self.stop().clone() {
                Stop::AddItem(section) => self.add_item(&section),
                _ => self.step(true),
            },
            KeyCode::Tab => self.step(true),
            KeyCode::BackTab => self.step(false),
            KeyCode::Down if !self.editor.can_move_down() => self.step(true),
            KeyCode::Up if !self.editor.can_move_up() => self.step(false),
            _ => {
                let stop = self.stop().clone();
                match self.editor.key(k, self.kind(), &stop) {
                    Ok(()) => {}
                    Err(e) => {
                        let msg = e.get(self.lang).to_owned();
                        self.complain(msg);
                    }
                }
                self.recompute();
            }
        }
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
    pub fn save_done(&mut self, n: u64, latest: u64, result: Result<(), String>) {
        match result {
            Err(e) => self.save_state = SaveState::Failed(e),
            Ok(()) if n == latest && !self.needs_save => self.save_state = SaveState::Saved,
            Ok(()) => {}
        }
    }

    /// Keep the text being typed in the session's cursor, for a save in the background.
    pub fn stash_draft(&mut self) -> bool {
        let draft = self.editor.raw_text();
        let stored = match self.stop().slot() {
            Some(slot) => self.session.get(slot).map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
            None => None,
        };
        let want = (!draft.is_empty() && Some(&draft) != stored.as_ref()).then_some(draft);
        match self.session.cursor.as_mut() {
            Some(c) if c.draft != want => {
                c.draft = want;
                true
            }
            _ => false,
        }
    }
}
