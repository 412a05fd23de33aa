//! Questions with a destructive answer: delete an item, quit with the last save failed. Only a yes
//! key does it; Enter, Esc, «н» and every other key keep things as they are.

use super::{Command, Ctx, Outcome};
use crate::i18n::Lang;
use crate::tui::keys::{self, Action, Context};
use crate::tui::screen::Canvas;
use crate::tui::widgets::{Theme, fit, foot_box, item_label};
use crate::ui_text::Ui;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    DeleteItem {
        section: String,
        item: usize,
    },
    /// The last save failed: quit anyway (the answers go to a rescue file) or stay?
    QuitUnsaved,
}

impl Confirm {
    pub fn key(&mut self, k: &KeyEvent, lang: Lang) -> Outcome {
        // Only the interface's own yes (`д`, `и`, `y`) deletes. A Latin `y` in Russian is the «Н» key
        // on a Latin layout: it keeps, as every other key does.
        let yes = keys::action_in(Context::Confirm, k, lang) == Some(Action::ConfirmDelete);
        match (self, yes) {
            (Confirm::DeleteItem { section, item }, true) => Outcome::Then(Command::DeleteItem {
                section: section.clone(),
                item: *item,
            }),
            (Confirm::DeleteItem { .. }, false) => Outcome::Then(Command::KeptItem),
            (Confirm::QuitUnsaved, true) => Outcome::Then(Command::QuitUnsaved),
            (Confirm::QuitUnsaved, false) => Outcome::Close,
        }
    }

    pub fn render(&self, ctx: &Ctx, f: &mut Canvas, body: Rect, theme: &Theme) {
        let lang = ctx.lang;
        let lines = match self {
            Confirm::QuitUnsaved => {
                let why = ctx.save_error.unwrap_or_default();
                vec![
                    Line::styled(
                        format!("✗ {}: {why}", Ui::SaveFailed.get(lang)),
                        theme.error(),
                    ),
                    Line::raw(keys::text(Ui::QuitUnsaved, lang)),
                ]
            }
            Confirm::DeleteItem { section, item } => {
                let name = ctx.session.item_name(section, *item).unwrap_or("…");
                vec![
                    Line::styled(
                        fit(
                            &format!("{} {name}", item_label(ctx.q, section, *item)),
                            body.width.saturating_sub(2) as usize,
                        ),
                        theme.error(),
                    ),
                    Line::raw(keys::text(Ui::ConfirmDelete, lang)),
                ]
            }
        };
        // As many rows as the lines take wrapped (a long reason for a failed save took the
        // question's keys off the box), within the body.
        let rows = ratatui::widgets::Paragraph::new(ratatui::text::Text::from(lines.clone()))
            .wrap(ratatui::widgets::Wrap { trim: false })
            .line_count(body.width.saturating_sub(2));
        let height = (rows as u16 + 2).clamp(5, body.height.max(5));
        foot_box(f, body, height, lines);
    }
}
