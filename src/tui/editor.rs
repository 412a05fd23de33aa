//! The input of the current question: a ratatui-textarea editor (Unicode, undo, paste, wrapping) that
//! accepts only what the field's type can hold, and for yes/no the choice beside the comment.

use super::nav::Stop;
use crate::answer::{Answer, AnswerError, parse_count, parse_month, parse_percent};
use crate::i18n::Lang;
use crate::questionnaire::FieldType;
use crate::session::{Session, Slot};
use crate::ui_text::Ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

pub struct Editor {
    pub area: TextArea<'static>,
    /// Yes/no: the choice made, if any.
    pub choice: Option<bool>,
    /// Yes/no: typing goes to the comment (after y or n was pressed).
    pub on_comment: bool,
    /// A stored number just loaded: the first digit typed replaces it, as in a spreadsheet cell.
    pub fresh: bool,
}

impl Default for Editor {
    fn default() -> Editor {
        Editor::with_text("")
    }
}

/// Longest count accepted while typing: 12 digits (see `answer::MAX_COUNT`).
const COUNT_DIGITS: usize = 12;

fn multi_line(kind: Option<FieldType>, stop: &Stop) -> bool {
    kind == Some(FieldType::Text) && matches!(stop, Stop::Slot(Slot::Answer { .. }, _))
}

impl Editor {
    fn with_text(text: &str) -> Editor {
        let mut area = TextArea::from(text.split('\n'));
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        // The terminal's own cursor marks the place (see view): no drawn one, no highlighted line.
        area.set_cursor_style(ratatui::style::Style::new());
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            area,
            choice: None,
            on_comment: false,
            fresh: false,
        }
    }

    /// The editor for a stop, holding the stored value.
    pub fn for_stop(stop: &Stop, s: &Session) -> Editor {
        match stop {
            Stop::AddItem(_) => Editor::default(),
            Stop::Slot(Slot::ItemName { section, item }, _) => {
                Editor::with_text(s.items(section).get(*item).map_or("", |i| i.name.as_str()))
            }
            Stop::Slot(slot, Some(kind)) => match s.typed(*kind, slot) {
                Some(Ok(Answer::YesNo { yes, comment })) => {
                    let mut e = Editor::with_text(&comment);
                    e.choice = Some(yes);
                    e.on_comment = true;
                    e
                }
                Some(Ok(Answer::Percent(p))) => Editor {
                    fresh: true,
                    ..Editor::with_text(&p.to_string())
                },
                Some(Ok(a @ (Answer::Count(_) | Answer::Month { .. }))) => Editor {
                    fresh: true,
                    ..Editor::with_text(&a.display(Lang::En))
                },
                Some(Ok(a)) => Editor::with_text(&a.display(Lang::En)),
                _ => Editor::default(),
            },
            Stop::Slot(_, None) => Editor::default(),
        }
    }

    pub fn raw_text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn single_line(&self) -> String {
        self.area.lines().join(" ").trim().to_owned()
    }

    pub fn comment(&self) -> String {
        self.raw_text().trim().to_owned()
    }

    pub fn set_text(&mut self, text: &str) {
        let (choice, on_comment) = (self.choice, self.on_comment);
        *self = Editor::with_text(text);
        self.choice = choice;
        self.on_comment = on_comment;
    }

    pub fn set_answer(&mut self, a: &Answer) {
        match a {
            Answer::YesNo { yes, .. } => {
                self.choice = Some(*yes);
                self.on_comment = true;
            }
            Answer::Percent(p) => self.set_text(&p.to_string()),
            other => self.set_text(&other.display(Lang::En)),
        }
    }

    /// What the editor holds as an answer of `kind`; `Ok(None)` when it is empty.
    pub fn value(&self, kind: FieldType) -> Result<Option<Answer>, AnswerError> {
        let text = self.raw_text();
        let trimmed = text.trim();
        match kind {
            FieldType::YesNo => match self.choice {
                Some(yes) => Ok(Some(Answer::YesNo {
                    yes,
                    comment: trimmed.to_owned(),
                })),
                None if trimmed.is_empty() => Ok(None),
                None => Err(AnswerError::NotYesNo),
            },
            _ if trimmed.is_empty() => Ok(None),
            FieldType::Count => parse_count(trimmed).map(Some),
            FieldType::Percent => parse_percent(trimmed).map(Some),
            FieldType::Month => parse_month(trimmed).map(Some).ok_or(AnswerError::NotMonth),
            FieldType::Text => Ok(Some(Answer::Text(text.trim_end().to_owned()))),
        }
    }

    pub fn can_move_down(&self) -> bool {
        self.area.cursor().0 + 1 < self.area.lines().len()
    }

    pub fn can_move_up(&self) -> bool {
        self.area.cursor().0 > 0
    }

    pub fn undo(&mut self) {
        self.area.undo();
    }

    pub fn redo(&mut self) {
        self.area.redo();
    }

    pub fn newline(&mut self) {
        self.area.insert_newline();
    }

    fn allowed(kind: Option<FieldType>, c: char) -> Result<(), Ui> {
        match kind {
            Some(FieldType::Count) if !c.is_ascii_digit() => Err(Ui::DigitsOnly),
            Some(FieldType::Percent) if !(c.is_ascii_digit() || matches!(c, '.' | ',' | '%')) => {
                Err(Ui::PercentOnly)
            }
            Some(FieldType::Month) if !(c.is_ascii_digit() || matches!(c, '-' | '.' | '/')) => {
                Err(Ui::MonthOnly)
            }
            _ => Ok(()),
        }
    }

    /// A key for the input. Characters the field cannot hold are refused with the reason.
    pub fn key(&mut self, k: KeyEvent, kind: Option<FieldType>, stop: &Stop) -> Result<(), Ui> {
        if matches!(stop, Stop::AddItem(_)) {
            return Err(Ui::AddItemHint);
        }
        let plain = !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if kind == Some(FieldType::YesNo) && !self.on_comment {
            return match k.code {
                KeyCode::Char(c) if plain => match super::app::yes_no_key(c) {
                    Some(b) => {
                        self.choice = Some(b);
                        self.on_comment = true;
                        Ok(())
                    }
                    None => Err(Ui::PressYesNo),
                },
                KeyCode::Backspace | KeyCode::Delete => {
                    self.choice = None;
                    Ok(())
                }
                KeyCode::Right if self.choice.is_some() => {
                    self.on_comment = true;
                    Ok(())
                }
                _ => Ok(()),
            };
        }
        // From the very start of the comment, Left (or Backspace) goes back to the choice: the choice
        // sits before the comment, and can then be changed with y or n.
        if kind == Some(FieldType::YesNo)
            && self.area.cursor() == (0, 0)
            && matches!(k.code, KeyCode::Backspace | KeyCode::Left)
        {
            self.on_comment = false;
            return Ok(());
        }
        if let KeyCode::Char(c) = k.code
            && plain
        {
            if kind != Some(FieldType::YesNo) || !self.on_comment {
                Self::allowed(kind, c)?;
            }
            if self.fresh {
                self.set_text("");
            }
            if kind == Some(FieldType::Count) && self.raw_text().trim().len() >= COUNT_DIGITS {
                return Err(Ui::TooLarge);
            }
        }
        self.fresh = false;
        self.area.input(k);
        if !multi_line(kind, stop) && self.area.lines().len() > 1 {
            let joined = self.area.lines().join(" ");
            self.set_text(&joined);
        }
        Ok(())
    }

    /// Pasted text: kept whole in a multi-line answer; on one line elsewhere; refused where the field
    /// cannot hold it.
    pub fn paste(
        &mut self,
        text: &str,
        kind: Option<FieldType>,
        stop: &Stop,
        lang: Lang,
    ) -> Result<(), String> {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if multi_line(kind, stop) || (kind == Some(FieldType::YesNo) && self.on_comment)
        {
            text
        } else {
            text.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if kind == Some(FieldType::YesNo) && !self.on_comment {
            return Err(Ui::PressYesNo.get(lang).to_owned());
        }
        if kind != Some(FieldType::YesNo) {
            let trimmed = text.trim();
            if let Some(bad) = trimmed.chars().find(|c| Self::allowed(kind, *c).is_err()) {
                return Err(format!(
                    "{} ({bad:?})",
                    Self::allowed(kind, bad).err().map_or("", |u| u.get(lang))
                ));
            }
            if std::mem::take(&mut self.fresh) {
                self.set_text("");
            }
            if kind == Some(FieldType::Count)
                && self.raw_text().trim().len() + trimmed.len() > COUNT_DIGITS
            {
                return Err(Ui::TooLarge.get(lang).to_owned());
            }
            self.area
                .insert_str(if kind.is_some_and(|k| k != FieldType::Text) {
                    trimmed
                } else {
                    &text
                });
        } else {
            self.area.insert_str(&text);
        }
        Ok(())
    }
}
