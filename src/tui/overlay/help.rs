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
        let inner = r.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line> = Vec::new();
        for (k, d) in rows {
            let Some(k) = k else {
                lines.push(Line::styled(
                    d,
                    theme.heading().add_modifier(Modifier::UNDERLINED),
                ));
                continue;
            };
            let key = format!(" {k:<kw$}  ");
            // A description too long for its row goes on under itself, not under the keys.
            let indent = key.width();
            let mut parts = wrap_words(&d, inner.saturating_sub(indent)).into_iter();
            let first = parts.next().unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(key, theme.heading()),
                Span::raw(first),
            ]));
            lines.extend(parts.map(|p| Line::raw(format!("{:indent$}{p}", ""))));
        }
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

/// A key's description in lines of at most `width` columns, broken between words and not before a
/// dash (`output::wrap`). Too narrow a column (under 12) is no column: the text is one line, left
/// to the paragraph's wrapping.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    if width < 12 || text.width() <= width {
        return vec![text.to_owned()];
    }
    // A dash goes with the word before it: a line does not begin with one.
    crate::output::wrap(&text.replace(" — ", "\u{a0}— "), width)
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn a_description_is_wrapped_between_words() {
        assert_eq!(wrap_words("a bb ccc", 40), ["a bb ccc"]);
        let wrapped = wrap_words("Переход по номеру: 1.2 — строка, 1.2.13 — вопрос", 20);
        let wrapped: Vec<String> = wrapped.iter().map(|l| l.replace('\u{a0}', " ")).collect();
        assert_eq!(
            wrapped,
            ["Переход по номеру:", "1.2 — строка,", "1.2.13 — вопрос"]
        );
        assert_eq!(wrap_words("short", 5), ["short"]);
    }
}
