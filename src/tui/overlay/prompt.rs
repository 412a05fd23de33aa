//! A one-line prompt at the foot of the form: go to a question by number (`Ctrl-G`) or search the
//! question texts (`Ctrl-F`).

use super::{Command, Ctx, Outcome};
use crate::tui::keys::{self, Action, Context};
use crate::tui::screen::Canvas;
use crate::tui::widgets::{Theme, fit, key_of};
use crate::ui_text::Ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, Widget};
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
            // Ctrl-G again, over a number refused: start it afresh.
            (Some(Action::GoTo), _) if self.purpose == Purpose::GoTo => {
                self.text.clear();
                Outcome::Stay
            }
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
        let h = 3;
        let r = Rect {
            x: body.x,
            y: body.bottom().saturating_sub(h),
            width: body.width,
            height: h,
        };
        f.cover(r);
        // The frame and its help are the same for every key typed into the prompt: keyed by what
        // they are made of, and laid out only when that changed (measured and cut at every key,
        // they were a quarter of one).
        let search = matches!(self.purpose, Purpose::Search).then_some(ctx.last_search);
        let inner = Block::bordered().inner(r);
        crate::tui::widgets::cached(f, "prompt", r, key_of((search, lang)), |b| {
            let label = match search {
                None => Ui::GoToPrompt.get(lang).to_owned(),
                Some("") => Ui::SearchPrompt.get(lang).to_owned(),
                Some(last) => format!(
                    "{} · {} «{last}»",
                    Ui::SearchPrompt.get(lang),
                    keys::text(Ui::SearchAgain, lang),
                ),
            };
            // A help wider than the frame goes on in its lower edge, from a comma (the numbers'
            // forms at 80 columns: cut, the last of them, «0», was lost); what still does not fit
            // is cut with «…», never mid-word with nothing to say so.
            let room = r.width.saturating_sub(2) as usize;
            let (top, bottom) = split_help(&label, room);
            let (top, bottom) = (fit(top, room), fit(bottom, room));
            Block::bordered()
                .title(top.as_str())
                .title_bottom(bottom.as_str())
                .render(r, b)
        });
        let text = ratatui::text::Text::from(self.text.as_str());
        crate::tui::widgets::draw_lines(&text.lines, inner, f.buffer_mut(), false);
        let x = (r.x + 1 + self.text.width() as u16).min(r.right().saturating_sub(2));
        f.set_cursor_position(Position { x, y: r.y + 1 });
    }
}

/// `help` as two lines of at most `room` columns: whole, or up to a comma and the rest. The rest
/// may still be longer than `room` (cut where it is drawn).
fn split_help(help: &str, room: usize) -> (&str, &str) {
    if help.width() <= room {
        return (help, "");
    }
    let cut = help
        .match_indices(", ")
        .map(|(i, _)| i + 1)
        .take_while(|&i| help[..i].width() <= room)
        .last();
    match cut {
        Some(i) => (&help[..i], help[i..].trim_start()),
        None => (help, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::split_help;
    use crate::i18n::Lang;
    use crate::ui_text::Ui;
    use unicode_width::UnicodeWidthStr;

    /// At 80 columns every form of a number the go-to prompt takes is on the frame, in every
    /// language, «0 — the general information» (the last) too: nothing is cut.
    #[test]
    fn the_go_to_help_is_whole_at_80_columns() {
        for lang in [Lang::Kk, Lang::Ru, Lang::En] {
            let help = Ui::GoToPrompt.get(lang);
            let (top, bottom) = split_help(help, 78);
            assert!(
                top.width() <= 78 && bottom.width() <= 78,
                "{lang:?}: {top} | {bottom}"
            );
            assert_eq!(format!("{top} {bottom}").trim(), help, "{lang:?}");
        }
        assert_eq!(split_help("a, b", 10), ("a, b", ""));
        assert_eq!(split_help("aaaa, bbbb, cc", 11), ("aaaa, bbbb,", "cc"));
    }
}
