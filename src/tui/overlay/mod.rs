//! The boxes that open over the form: help, the go-to and search prompts, the item menu, the
//! confirmations, the findings list and an answer's history. Each is a type in a file of its own with its keys (`key`,
//! which says what the editor is to do) and its drawing (`render`); `App` holds at most one.
//!
//! A new overlay: a file here with its state, `key` and `render`; a variant of `Overlay` (and its arm
//! in the two `match`es below); the place in `App` that opens it. If it asks the editor for
//! something new, a variant of `Command` and its arm in `App::run`.

pub mod answer_history;
pub mod confirm;
pub mod findings;
pub mod help;
pub mod item_menu;
pub mod prompt;

use super::keys::Action;
use super::widgets::Theme;
use crate::i18n::Lang;
use crate::questionnaire::Questionnaire;
use crate::session::{Session, Slot};
use crate::tui::screen::Canvas;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help(help::Help),
    Prompt(prompt::Prompt),
    ItemMenu(item_menu::ItemMenu),
    Confirm(confirm::Confirm),
    Findings(findings::Findings),
    History(answer_history::AnswerHistory),
}

/// What a key in an overlay asks of the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The overlay stays open (its own state may have changed).
    Stay,
    Close,
    /// Close, then do this.
    Then(Command),
    /// Do this and stay open (moving an item with the menu open).
    Keep(Command),
    /// Close, and let the key do what it does on the form (a key the menu has no use for, typed
    /// right after moving an item, must not be lost).
    Pass,
}

/// What an overlay can ask the editor to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    GoTo(String),
    Search(String),
    DeleteItem {
        section: String,
        item: usize,
    },
    /// Quit although the last save failed (the answers go to a rescue file).
    QuitUnsaved,
    /// Stand on this answer.
    Open(Slot),
    /// An action of the item menu on the current item.
    Item(Action),
    /// Say that nothing was deleted.
    KeptItem,
    /// Settle the conflict at a slot with this value.
    Choose(Slot, Option<serde_json::Value>),
}

/// What an overlay is drawn from: the editor's state as far as overlays read it (not `App`, so that
/// the editor may hold overlays without the two depending on each other).
pub struct Ctx<'a> {
    pub lang: Lang,
    pub q: &'a Questionnaire,
    pub session: &'a Session,
    pub last_search: &'a str,
    /// Why the last save failed, when it did.
    pub save_error: Option<&'a str>,
}

impl Overlay {
    pub fn key(&mut self, k: &KeyEvent, lang: Lang) -> Outcome {
        match self {
            Overlay::Help(o) => o.key(k),
            Overlay::Prompt(o) => o.key(k),
            Overlay::ItemMenu(o) => o.key(k),
            Overlay::Confirm(o) => o.key(k, lang),
            Overlay::Findings(o) => o.key(k),
            Overlay::History(o) => o.key(k),
        }
    }

    pub fn render(&self, ctx: &Ctx, f: &mut Canvas, body: Rect, theme: &Theme) {
        match self {
            Overlay::Help(o) => o.render(ctx, f, body, theme),
            Overlay::Prompt(o) => o.render(ctx, f, body, theme),
            Overlay::ItemMenu(o) => o.render(ctx, f, body, theme),
            Overlay::Confirm(o) => o.render(ctx, f, body, theme),
            Overlay::Findings(o) => o.render(ctx, f, body, theme),
            Overlay::History(o) => o.render(ctx, f, body, theme),
        }
    }
}
