//! The key list (`F1`): the key table itself, place by place, scrolled with the arrows.

use super::{Ctx, Outcome};
use crate::tui::keys::{self, Action, Context};
use crate::tui::screen::Canvas;
use crate::tui::widgets::Theme;
use crate::ui_text::Ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: u16,
}

impl Help {
    pub fn key(&mut self, k: &KeyEvent) -> Outcome {
        let step = if matches!(k.code, KeyCode::PageDown | KeyCode::PageUp) {
            10
        } else {
            1
        };
        match keys::action(Context::Overlay, k) {
            Some(Action::ScrollDown) => self.scroll = self.scroll.saturating_add(step),
            Some(Action::ScrollUp) => self.scroll = self.scroll.saturating_sub(step),
            _ => return Outcome::Close,
        }
        Outcome::Stay
    }

    pub fn render(&self, ctx: &Ctx, f: &mut Canvas, body: Rect, theme: &Theme) {
        let lang = ctx.lang;
        // Everything but the status line: the whole key list fits at 80x24.
        let r = Rect {
            y: body.y.saturating_sub(1),
            height: body.height + 2,
            ..body
        };
        f.cover(r);
        let rows = keys::help_rows(lang);
        let kw = rows
            .iter()
            .filter_map(|(k, _)| k.as_ref().map(|k| k.width()))
            .max()
            .unwrap_or(0)
            .min(22);
        let lines: Vec<Line> = rows
            .into_iter()
            .map(|(k, d)| match k {
                None => Line::styled(d, theme.heading().add_modifier(Modifier::UNDERLINED)),
                Some(k) => Line::from(vec![
                    Span::styled(format!(" {k:<kw$}  "), theme.heading()),
                    Span::raw(d),
                ]),
            })
            .collect();
        let p = Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0))
            .block(
                Block::bordered()
                    .title(format!(
                        "{} — {}",
                        Ui::Help.get(lang),
                        keys::label(Action::Help, lang)
                    ))
                    .title_bottom(keys::text(Ui::HelpClose, lang)),
            );
        f.render_widget(p, r);
    }
}
