//! What the view and the overlays draw with: the styles, and the small shared pieces.

pub use crate::present::item_place as item_label;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Styles. Colour only ever repeats what a character already says, so monochrome loses nothing;
/// with `NO_COLOR` only bold, reverse and underline are used.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme::from_env_with(|v| std::env::var(v).ok())
    }

    /// `from_env` over any source of variables: colour unless `NO_COLOR` is set and not empty
    /// (no-color.org).
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Theme {
        Theme {
            color: get("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    pub fn bar(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn current(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }
}

/// `text` cut to `width` columns, with «…» where it was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A box of `height` rows at the foot of the body: the item menu, or a question with its keys.
pub fn foot_box(f: &mut Frame, body: Rect, height: u16, lines: Vec<Line>) {
    let r = Rect {
        x: body.x,
        y: body.bottom().saturating_sub(height),
        width: body.width,
        height: height.min(body.height),
    };
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(Text::from(lines))
            .wrap(Wrap { trim: false })
            .block(Block::bordered()),
        r,
    );
}
