//! The title bar, the message line and the status bar.

use super::{Theme, fit};
use crate::tui::app::{App, SaveState, Tone};
use crate::tui::keys::{self};
use crate::tui::screen::Canvas;
use crate::tui::widgets::{bar, cached, key_of};
use crate::ui_text::Ui;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

pub(super) fn title_bar(app: &App, f: &mut Canvas, area: Rect, theme: &Theme) {
    let lang = app.form.lang;
    let sec = app.stop().section().and_then(|s| app.form.q.section(s));
    // The bars are panels too: a typed letter changes neither, and leaves their rows uncompared.
    // Keyed by what the text is made of, and the text made only when that changed (it was
    // written out at every key to be hashed).
    let made_of = match sec {
        Some(sec) => (sec.label.get(lang), sec.title.get(lang)),
        None => (Ui::Header.get(lang), app.form.q.title.get(lang)),
    };
    cached(f, "title", area, key_of((made_of, theme.color)), |b| {
        let place = match sec {
            Some(sec) => crate::present::annex_heading(sec, lang),
            None => format!("{} — {}", made_of.0, made_of.1),
        };
        let text = fit(&format!(" saualnama │ {place}"), area.width as usize);
        bar(&text, theme.bar(), area, b);
    });
}

pub(super) fn message_line(app: &App, f: &mut Canvas, area: Rect, theme: &Theme) {
    let line = match &app.message {
        // The problems of a field come with their own marks (`✗`, `!`).
        Some((m, Tone::Error)) if m.starts_with(['✗', '!']) => {
            Line::styled(m.clone(), theme.error())
        }
        Some((m, Tone::Error)) => Line::styled(format!("! {m}"), theme.error()),
        Some((m, Tone::Info)) => Line::raw(format!("» {m}")),
        None => match &app.save_state {
            SaveState::Failed(e) => Line::styled(
                format!("! {}: {e}", Ui::SaveFailed.get(app.form.lang)),
                theme.error(),
            ),
            _ => Line::raw(""),
        },
    };
    cached(f, "message", area, key_of(&line), |b| {
        Paragraph::new(line)
            .wrap(Wrap { trim: false })
            .render(area, b);
    });
}

pub(super) fn status_bar(app: &App, f: &mut Canvas, area: Rect, theme: &Theme) {
    let lang = app.form.lang;
    // What the bar is made of (the save state's kind: its words are the kind's), the text made
    // only when that changed.
    let made_of = (
        std::mem::discriminant(&app.save_state),
        lang,
        &app.file_name,
        theme.color,
    );
    cached(f, "status", area, key_of(made_of), |b| {
        let state = match &app.save_state {
            SaveState::New => format!("○ {}", Ui::NewFile.get(lang)),
            SaveState::Saved => format!("✓ {}", Ui::Saved.get(lang)),
            SaveState::Unsaved => format!("● {}", Ui::Unsaved.get(lang)),
            SaveState::Failed(_) => format!("✗ {}", Ui::SaveFailed.get(lang)),
            SaveState::ReadOnly => format!("⊘ {}", Ui::ReadOnly.get(lang)),
        };
        // Saving needs no key (it happens after every answer): Ctrl-S is in the help, not here.
        let keys = keys::status_keys(lang);
        // The file name gives way first: the keys and the state are what a user needs at 80
        // columns.
        let rest = format!(" │ {state} │ {} │ {keys}", lang.code());
        let room = (area.width as usize)
            .saturating_sub(rest.width() + 1)
            .max(8);
        let text = format!(" {}{rest}", fit(&app.file_name, room));
        bar(&text, theme.bar(), area, b);
    });
}
