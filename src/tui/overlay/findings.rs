//! The corruption-risk findings (`Ctrl-X`): the list, the chosen one with its evidence, explanation
//! and recommendation; Enter goes to its answer.

use super::{Command, Ctx, Outcome};
use crate::findings::Finding;
use crate::session::Slot;
use crate::tui::keys::{self, Action, Context};
use crate::tui::screen::Canvas;
use crate::tui::widgets::Theme;
use crate::ui_text::Ui;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Findings {
    pub list: Vec<Finding>,
    pub selected: usize,
}

impl Findings {
    pub fn key(&mut self, k: &KeyEvent) -> Outcome {
        let action =
            keys::action(Context::Findings, k).or_else(|| keys::action(Context::Overlay, k));
        match action {
            Some(Action::FindingNext) => {
                self.selected = (self.selected + 1).min(self.list.len().saturating_sub(1));
                Outcome::Stay
            }
            Some(Action::FindingPrev) => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Stay
            }
            Some(Action::FindingOpen) => match self.list.get(self.selected) {
                Some(f) => Outcome::Then(Command::Open(Slot::Answer {
                    section: f.section.clone(),
                    item: f.item.map(|i| i - 1),
                    field: f.fields.first().cloned().unwrap_or_default(),
                })),
                None => Outcome::Close,
            },
            _ => Outcome::Close,
        }
    }

    pub fn render(&self, ctx: &Ctx, f: &mut Canvas, body: Rect, theme: &Theme) {
        let lang = ctx.lang;
        f.cover(body);
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        for (i, fd) in self.list.iter().enumerate() {
            let place = match fd.item {
                Some(n) => crate::present::item_place_named(
                    ctx.q,
                    &fd.section,
                    n - 1,
                    Some(fd.item_name.as_deref().unwrap_or("…")),
                ),
                None => ctx
                    .q
                    .section(&fd.section)
                    .map_or(String::new(), |s| s.label.get(lang).to_owned()),
            };
            let here = i == self.selected;
            if here {
                selected_line = lines.len();
            }
            lines.push(Line::styled(
                format!(
                    "{} ● {} [{}] — {place}",
                    if here { '›' } else { ' ' },
                    fd.title,
                    crate::findings::severity_word(fd.severity).get(lang)
                ),
                if here {
                    theme.current()
                } else {
                    theme.heading()
                },
            ));
            if here {
                for e in &fd.evidence {
                    lines.push(Line::raw(format!("     {e}")));
                }
                lines.push(Line::styled(
                    format!("     {}", fd.explanation),
                    theme.dim(),
                ));
                lines.push(Line::raw(format!(
                    "     {}: {}",
                    Ui::Recommendation.get(lang),
                    fd.recommendation
                )));
            }
        }
        let block = Block::bordered()
            .title(crate::present::findings_tally(&self.list, lang))
            .title_bottom(keys::text(Ui::FindingsHint, lang));
        let h = block.inner(body).height as usize;
        let scroll = selected_line.saturating_sub(h / 3) as u16;
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0))
                .block(block),
            body,
        );
    }
}
