//! The history of one answer (`F6`): who entered what, when, from the report's history file; and,
//! where colleagues entered different values at once, the conflict, each value numbered to choose.

use super::{Command, Ctx, Outcome};
use crate::session::Slot;
use crate::tui::keys::{self, Action, Context};
use crate::tui::screen::Canvas;
use crate::tui::widgets::Theme;
use crate::ui_text::Ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerHistory {
    pub slot: Slot,
    /// «4.К3 Вакансии» — what the history is of.
    pub title: String,
    /// The conflict's values: how each is shown («alice, 10:42: 6») and the value itself.
    pub rivals: Vec<(String, Option<Value>)>,
    /// The history, oldest first, one line per change.
    pub lines: Vec<String>,
    pub scroll: u16,
}

impl AnswerHistory {
    pub fn key(&mut self, k: &KeyEvent) -> Outcome {
        let action =
            keys::action(Context::History, k).or_else(|| keys::action(Context::Overlay, k));
        match (action, k.code) {
            (Some(Action::Choose), KeyCode::Char(c)) => {
                let n = c.to_digit(10).unwrap_or(0) as usize;
                match self.rivals.get(n.wrapping_sub(1)) {
                    Some((_, v)) => Outcome::Then(Command::Choose(self.slot.clone(), v.clone())),
                    None => Outcome::Stay,
                }
            }
            (Some(Action::ScrollDown), _) => {
                self.scroll = self.scroll.saturating_add(1);
                Outcome::Stay
            }
            (Some(Action::ScrollUp), _) => {
                self.scroll = self.scroll.saturating_sub(1);
                Outcome::Stay
            }
            _ => Outcome::Close,
        }
    }

    pub fn render(&self, ctx: &Ctx, f: &mut Canvas, body: Rect, theme: &Theme) {
        let lang = ctx.lang;
        f.cover(body);
        let mut lines: Vec<Line> = Vec::new();
        if !self.rivals.is_empty() {
            lines.push(Line::styled(Ui::ConflictTitle.get(lang), theme.error()));
            for (i, (label, _)) in self.rivals.iter().enumerate() {
                lines.push(Line::styled(
                    format!(" {} · {label}", i + 1),
                    theme.current(),
                ));
            }
            lines.push(Line::raw(""));
        }
        if self.lines.is_empty() {
            lines.push(Line::styled(Ui::NoAnswerHistory.get(lang), theme.dim()));
        }
        lines.extend(self.lines.iter().map(|l| Line::raw(l.clone())));
        let hint = if self.rivals.is_empty() {
            keys::text(Ui::HistoryHint, lang)
                .split(" · ")
                .last()
                .unwrap_or_default()
                .to_owned()
        } else {
            keys::text(Ui::HistoryHint, lang)
        };
        let block = Block::bordered()
            .title(format!("{} — {}", Ui::HistoryTitle.get(lang), self.title))
            .title_bottom(hint);
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(block),
            body,
        );
    }
}
