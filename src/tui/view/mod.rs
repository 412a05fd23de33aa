//! Drawing the state: a pure function of `App` into a frame. This file lays the screen out (every
//! panel folds on small terminals; below the smallest usable size the screen says how large it must
//! be); each panel is drawn in a file of its own, each overlay in `tui/overlay`.

mod outline;
mod question;
mod status;
mod summary;

use outline::outline;
use question::{question, question_content, question_height, render_question};
use status::{message_line, status_bar, title_bar};
use summary::summary;

use super::app::{App, Panel};
use super::overlay::Ctx;
pub use super::widgets::{Theme, fit, foot_box, item_label};
use crate::ui_text::Ui;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shape {
    /// Outline | question | summary.
    Wide,
    /// Outline | question over summary.
    Medium,
    /// The question alone; outline and summary are toggles.
    Folded,
}

fn shape(area: Rect) -> Shape {
    if area.width >= 110 && area.height >= 20 {
        Shape::Wide
    } else if area.width >= 72 && area.height >= 20 {
        Shape::Medium
    } else {
        Shape::Folded
    }
}

pub fn view(app: &App, f: &mut Frame, theme: &Theme) {
    let area = f.area();
    let lang = app.form.lang;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "{}\n{MIN_WIDTH}×{MIN_HEIGHT}\n({} {}×{})",
            Ui::TooSmall.get(lang),
            Ui::Now.get(lang),
            area.width,
            area.height
        );
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    // A long message (a lock held by whom, a save that failed and why) gets the rows it needs, up to
    // three: cut, it would not be read.
    let message_rows = app.message.as_ref().map_or(1, |(m, _)| {
        ((m.width() + 2).div_ceil(area.width.max(1) as usize)).clamp(1, 3) as u16
    });
    let [title, body, message, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(message_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    title_bar(app, f, title, theme);
    message_line(app, f, message, theme);
    status_bar(app, f, status, theme);

    let sh = shape(area);
    match sh {
        Shape::Wide => {
            let [o, q, s] = Layout::horizontal([
                Constraint::Length(32),
                Constraint::Fill(1),
                Constraint::Length(40),
            ])
            .areas(body);
            outline(app, f, o, theme);
            question(app, f, q, theme);
            summary(app, f, s, theme);
        }
        Shape::Medium => {
            let [o, right] =
                Layout::horizontal([Constraint::Length(26), Constraint::Fill(1)]).areas(body);
            // The question takes the rows it needs (a text answer a few more), the summary the rest.
            let c = question_content(app, theme);
            let want = question_height(app, &c, right.width);
            let q_h = want.clamp(8, right.height.saturating_sub(6).max(8));
            let [q, s] =
                Layout::vertical([Constraint::Length(q_h), Constraint::Fill(1)]).areas(right);
            outline(app, f, o, theme);
            render_question(app, f, q, c);
            summary(app, f, s, theme);
        }
        Shape::Folded => match app.panel {
            Panel::Outline => outline(app, f, body, theme),
            Panel::Summary => summary(app, f, body, theme),
            Panel::Question => question(app, f, body, theme),
        },
    }
    if let Some(o) = &app.overlay {
        let save_error = match &app.save_state {
            super::app::SaveState::Failed(e) => Some(e.as_str()),
            _ => None,
        };
        let ctx = Ctx {
            lang: app.form.lang,
            q: &app.form.q,
            session: &app.form.session,
            last_search: &app.last_search,
            save_error,
        };
        o.render(&ctx, f, body, theme);
    }
}
