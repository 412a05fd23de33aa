//! A one-line prompt at the foot of the form: go to a question by number (`Ctrl-G`) or search the
//! question texts (`Ctrl-F`).

use super::{Command, Ctx, Outcome};
use crate::tui::keys::{self, Action, Context};
use crate::tui::screen::Canvas;
use crate::tui::widgets::{Theme, key_of};
use crate::ui_text::Ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    GoTo,
    Search,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: Purpose,
    pub text: String,
}

impl Prompt {
    pub fn new(purpose: Purpose) -> Prompt {
        Prompt {
            purpose,
            text: String::new(),
        }
    }

    pub fn key(&mut self, k: &KeyEvent) -> Outcome {
        match (keys::action(Context::Form, k), k.code) {
            (Some(Action::Commit), _) => {
                let text = std::mem::take(&mut self.text);
                Outcome::Then(match self.purpose {
                    Purpose::GoTo => Command::GoTo(text),
                    Purpose::Search => Command::Search(text),
                })
            }
            (Some(Action::Revert), _) => Outcome::Close,
            (_, KeyCode::Backspace) => {
                self.text.pop();
                Outcome::Stay
            }
            (_, KeyCode::Char(c)) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.push(c);
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    pub fn render(&self, ctx: &Ctx, f: &mut Canvas, body: Rect, _theme: &Theme) {
        let lang = ctx.lang;
        let label = match self.purpose {
            Purpose::GoTo => Ui::GoToPrompt.get(lang).to_owned(),
            Purpose::Search if ctx.last_search.is_empty() => Ui::SearchPrompt.get(lang).to_owned(),
            Purpose::Search => format!(
                "{} · {} «{}»",
                Ui::SearchPrompt.get(lang),
                keys::text(Ui::SearchAgain, lang),
                ctx.last_search
            ),
        };
        let h = 3;
        let r = Rect {
            x: body.x,
            y: body.bottom().saturating_sub(h),
            width: body.width,
            height: h,
        };
        f.cover(r);
        // Cut with «…» where the frame is narrower than the help in it (the numbers' forms at 80
        // columns in Kazakh), never mid-word with nothing to say so.
        let label = crate::tui::widgets::fit(&label, r.width.saturating_sub(2) as usize);
        // The frame and its help are the same for every key typed into the prompt.
        let block = Block::bordered();
        let inner = block.inner(r);
        crate::tui::widgets::cached(f, "prompt", r, key_of(&label), |b| {
            block.title(label.as_str()).render(r, b)
        });
        f.render_widget(Paragraph::new(self.text.as_str()), inner);
        let x = (r.x + 1 + self.text.width() as u16).min(r.right().saturating_sub(2));
        f.set_cursor_position(Position { x, y: r.y + 1 });
    }
}
