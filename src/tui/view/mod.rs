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
use crate::tui::screen::Canvas;
use crate::ui_text::Ui;
use ratatui::layout::Rect;
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

/// `area` cut along one axis (`vertical`: into rows): `Some(n)` takes `n` cells, or what is left of
/// them; `None`, one of them, takes the rest. The screen's layouts are only this, and ratatui's
/// constraint solver took a tenth of the time to the first frame.
pub(super) fn split<const N: usize>(
    area: Rect,
    sizes: [Option<u16>; N],
    vertical: bool,
) -> [Rect; N] {
    let total = if vertical { area.height } else { area.width };
    let fixed: u16 = sizes.iter().flatten().fold(0, |a, n| a.saturating_add(*n));
    let mut rest = total.saturating_sub(fixed);
    let mut left = total;
    let mut at = 0;
    sizes.map(|size| {
        let n = match size {
            Some(n) => n.min(left),
            None => std::mem::take(&mut rest).min(left),
        };
        let r = if vertical {
            Rect::new(area.x, area.y + at, area.width, n)
        } else {
            Rect::new(area.x + at, area.y, n, area.height)
        };
        at += n;
        left -= n;
        r
    })
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

/// Draw the state on a ratatui `Frame`: what the tests' terminals show, drawn as the editor draws.
pub fn view(app: &App, frame: &mut ratatui::Frame, theme: &Theme) {
    let mut c = Canvas::fresh(frame.buffer_mut());
    draw(app, &mut c, theme);
    if let Some(p) = c.cursor() {
        frame.set_cursor_position(p);
    }
}

/// Draw the state on a canvas: the editor's screen, or a `Frame`'s buffer.
pub fn draw(app: &App, f: &mut Canvas, theme: &Theme) {
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
    let [title, body, message, status] =
        split(area, [Some(1), None, Some(message_rows), Some(1)], true);
    title_bar(app, f, title, theme);
    message_line(app, f, message, theme);
    status_bar(app, f, status, theme);

    let sh = shape(area);
    match sh {
        Shape::Wide => {
            let [o, q, s] = split(body, [Some(32), None, Some(40)], false);
            outline(app, f, o, theme);
            question(app, f, q, theme);
            summary(app, f, s, theme);
        }
        Shape::Medium => {
            let [o, right] = split(body, [Some(26), None], false);
            // The question takes the rows it needs (a text answer a few more), the summary the rest.
            let c = question_content(app, theme);
            let want = question_height(app, &c, right.width);
            let q_h = want.clamp(8, right.height.saturating_sub(6).max(8));
            let [q, s] = split(right, [Some(q_h), None], true);
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

#[cfg(test)]
mod tests {
    use super::split;
    use ratatui::layout::{Constraint, Layout, Rect};

    /// Where the lengths fit, the plain split is ratatui's; where they do not, the areas still stay
    /// inside, in order, without overlapping.
    #[test]
    fn split_is_ratatuis_layout_where_the_lengths_fit() {
        let mut k = 7u32;
        let mut next = |m: u32| {
            k = k.wrapping_mul(1_103_515_245).wrapping_add(12345);
            ((k >> 16) % m) as u16
        };
        for _ in 0..500 {
            let area = Rect::new(next(5), next(5), next(200), next(60));
            let vertical = next(2) == 0;
            let sizes = [Some(next(30)), None, Some(next(30)), Some(next(3))];
            let got = split(area, sizes, vertical);
            let total = if vertical { area.height } else { area.width };
            if sizes.iter().flatten().sum::<u16>() <= total {
                let c = sizes.map(|s| s.map_or(Constraint::Fill(1), Constraint::Length));
                let layout = if vertical {
                    Layout::vertical(c)
                } else {
                    Layout::horizontal(c)
                };
                assert_eq!(got, layout.areas::<4>(area), "{area:?} {sizes:?}");
            }
            let mut end = if vertical { area.y } else { area.x };
            for r in got {
                assert!(
                    area.union(r) == area || r.area() == 0,
                    "{r:?} outside {area:?}"
                );
                let (start, len) = if vertical {
                    (r.y, r.height)
                } else {
                    (r.x, r.width)
                };
                assert_eq!(start, end, "in order, touching");
                end += len;
            }
        }
    }
}
