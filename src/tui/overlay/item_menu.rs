//! The item actions of a repeatable annex (`Ctrl-N`): add, rename, delete, move up or down.

use super::{Command, Ctx, Outcome};
use crate::tui::keys::{self, Action, Context};
use crate::tui::screen::Canvas;
use crate::tui::widgets::{Theme, foot_box};
use crate::ui_text::Ui;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemMenu;

impl ItemMenu {
    pub fn key(&mut self, k: &KeyEvent) -> Outcome {
        match keys::action(Context::ItemMenu, k) {
            // Moving keeps the menu open: an item often moves several places.
            Some(a @ (Action::ItemUp | Action::ItemDown)) => Outcome::Keep(Command::Item(a)),
            Some(a) => Outcome::Then(Command::Item(a)),
            None if k.code == ratatui::crossterm::event::KeyCode::Esc => Outcome::Close,
            None => Outcome::Pass,
        }
    }

    pub fn render(&self, ctx: &Ctx, f: &mut Canvas, body: Rect, _theme: &Theme) {
        let lang = ctx.lang;
        let menu = keys::BINDINGS
            .iter()
            .filter(|b| b.context == Context::ItemMenu)
            .map(|b| format!("{} {}", keys::label(b.action, lang), b.help.get(lang)))
            .collect::<Vec<_>>()
            .join(" · ");
        let text = format!(
            "{}: {menu} · {} {}",
            Ui::ItemMenu.get(lang),
            keys::label(Action::Close, lang),
            Ui::DescClose.get(lang)
        );
        foot_box(f, body, 4, vec![Line::raw(text)]);
    }
}
