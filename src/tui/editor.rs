//! The input of the current question: a ratatui-textarea editor (Unicode, undo, paste, wrapping) that
//! accepts only what the field's type can hold, and for yes/no the choice beside the comment.

use super::keys::{self, Action, Context};
use super::nav::Stop;
use crate::answer::{
    Answer, AnswerError, NO_WORDS, YES_WORDS, ends_answer_word, none_word, parse_count,
    parse_month_checked, parse_percent, word_is_slip, yes_no_prefix,
};
use crate::i18n::Lang;
use crate::questionnaire::FieldType;
use crate::session::{Session, Slot};
use crate::ui_text::Ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

pub struct Editor {
    pub area: TextArea<'static>,
    /// The width and height `area` was last drawn at by its own widget: the width it wraps the text
    /// at, and the rows its scrolling counts with (see `view::question::draw_plain_input`). None yet:
    /// zero.
    pub drawn_size: std::cell::Cell<(u16, u16)>,
    /// Yes/no: the choice made, if any.
    pub choice: Option<bool>,
    /// Yes/no: typing goes to the comment. Every arrival at a question starts on the choice, so a
    /// yes/no key always changes the choice and never lands in the comment.
    pub on_comment: bool,
    /// Yes/no: the word being typed on the choice («не» on its way to «нет»). It is never part of the
    /// comment.
    pub word: String,
    /// The choice before `word` was begun, restored when the word turns out to be no answer.
    choice_before_word: Option<bool>,
    /// A stored number just loaded: the first digit typed replaces it, as in a spreadsheet cell.
    pub fresh: bool,
    /// A stored "none" answer, shown as this word: left as it is, it stays the language-free "none".
    nothing: Option<String>,
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
            drawn_size: std::cell::Cell::new((0, 0)),
            choice: None,
            on_comment: false,
            word: String::new(),
            choice_before_word: None,
            fresh: false,
            nothing: None,
        }
    }

    /// The editor for a stop, holding the stored value.
    pub fn for_stop(stop: &Stop, s: &Session, lang: Lang) -> Editor {
        match stop {
            Stop::AddItem(_) => Editor::default(),
            Stop::Slot(Slot::ItemName { section, item }, _) => {
                Editor::with_text(s.items(section).get(*item).map_or("", |i| i.name.as_str()))
            }
            Stop::Slot(slot, Some(kind)) => match s.typed(*kind, slot) {
                Some(Ok(Answer::YesNo { yes, comment })) => {
                    let mut e = Editor::with_text(&comment);
                    e.choice = Some(yes);
                    e
                }
                Some(Ok(Answer::Nothing)) => {
                    let word = none_word(lang);
                    Editor {
                        fresh: true,
                        nothing: Some(word.to_owned()),
                        ..Editor::with_text(word)
                    }
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

    pub fn set_answer(&mut self, a: &Answer, lang: Lang) {
        match a {
            Answer::YesNo { yes, .. } => {
                self.choice = Some(*yes);
                self.word.clear();
            }
            Answer::Percent(p) => self.set_text(&p.to_string()),
            Answer::Nothing => {
                self.set_text(none_word(lang));
                self.nothing = Some(none_word(lang).to_owned());
            }
            other => self.set_text(&other.display(Lang::En)),
        }
    }

    /// Whether the editor holds anything: a choice, a word on it, or text.
    pub fn is_empty(&self) -> bool {
        self.choice.is_none() && self.word.is_empty() && self.raw_text().trim().is_empty()
    }

    /// Where the cursor is in the text (row, column in characters) when it is not at its end.
    pub fn cursor_inside(&self) -> Option<(usize, usize)> {
        let c = self.area.cursor();
        let lines = self.area.lines();
        let last = lines.len().saturating_sub(1);
        let end = (last, lines.get(last).map_or(0, |l| l.chars().count()));
        ((c.0, c.1) != end).then_some((c.0, c.1))
    }

    /// Back where the cursor was in the text (see `App::to_save`); past its end, at the end.
    pub fn resume_at(&mut self, row: usize, col: usize) {
        let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        self.area
            .move_cursor(ratatui_textarea::CursorMove::Jump(clamp(row), clamp(col)));
    }

    /// Back in the comment where the user was typing it, at its end (see `App::to_save`).
    pub fn resume_comment(&mut self) {
        self.on_comment = true;
        self.word.clear();
        self.area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        self.area.move_cursor(ratatui_textarea::CursorMove::End);
    }

    /// To the choice, the comment left as it is: what is typed next chooses.
    pub fn to_choice(&mut self) {
        self.on_comment = false;
        self.word.clear();
    }

    fn open_comment(&mut self) {
        self.on_comment = true;
        self.word.clear();
    }

    /// The comment opened after an answer typed and a mark («нет, …», «д …»): a new answer, whose
    /// comment the first letter typed begins anew, as a line in plain mode does. Typed on, the
    /// stored comment of the other answer read «Жоқ деп айтуға болмайды не соблюдается». An arrow
    /// first keeps it, to be gone on with; Esc brings the stored answer back.
    fn open_new_comment(&mut self) {
        let typed = !self.word.is_empty();
        self.open_comment();
        if typed && !self.raw_text().trim().is_empty() {
            self.fresh = true;
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
                // A slip of the layout on the choice is not nothing: Enter must not pass it by.
                None if trimmed.is_empty() && self.word.is_empty() => Ok(None),
                None => Err(AnswerError::NotYesNo),
            },
            _ if trimmed.is_empty() => Ok(None),
            FieldType::Count => parse_count(trimmed).map(Some),
            FieldType::Percent => parse_percent(trimmed).map(Some),
            FieldType::Month => parse_month_checked(trimmed).map(Some),
            FieldType::Text if self.nothing.as_deref() == Some(trimmed) => {
                Ok(Some(Answer::Nothing))
            }
            FieldType::Text => Ok(Some(Answer::Text(text.trim_end().to_owned()))),
        }
    }

    /// Whether ↓ moves within the text: a row of it, as wrapped, is below the cursor's. A long
    /// answer is one line wrapped to many rows, and by its lines ↓ left the question from its first
    /// row (found by a newcomer: at 80×24 the rows scrolled out of view were out of reach).
    pub fn can_move_down(&self) -> bool {
        let row = self.area.screen_cursor().row;
        self.area.screen_to_data(row + 1, 0) != self.area.screen_to_data(row, 0)
    }

    /// Whether ↑ moves within the text: the cursor is below its first row, as wrapped.
    pub fn can_move_up(&self) -> bool {
        self.area.screen_cursor().row > 0
    }

    /// Undo typing in the input; false when there is nothing of it to undo.
    pub fn undo(&mut self) -> bool {
        self.area.undo()
    }

    pub fn redo(&mut self) -> bool {
        self.area.redo()
    }

    pub fn newline(&mut self) {
        self.area.insert_newline();
    }

    fn allowed(kind: Option<FieldType>, c: char) -> Result<(), Ui> {
        match kind {
            // A decimal separator is kept, and said (`whole_count`): dropped, «2,5» went in as 25,
            // a number the user never typed. Enter then asks for a whole number.
            Some(FieldType::Count) if !(c.is_ascii_digit() || matches!(c, ',' | '.')) => {
                Err(Ui::DigitsOnly)
            }
            Some(FieldType::Percent) if !(c.is_ascii_digit() || matches!(c, '.' | ',' | '%')) => {
                Err(Ui::PercentOnly)
            }
            Some(FieldType::Month) if !(c.is_ascii_digit() || matches!(c, '-' | '.' | '/')) => {
                Err(Ui::MonthOnly)
            }
            _ => Ok(()),
        }
    }

    /// A key on the yes/no choice. Letters build a word, and the choice follows it while it begins a
    /// yes or a no word of one of the languages («н», «не», «нет» are no; «д», «да», «y», «yes» are
    /// yes). A whole word followed by a comma (or `.`, `;`, `:`, a dash) or `→` opens the comment, as
    /// does a one-key answer followed by a space. A whole word followed by a space waits for the
    /// next key: a punctuation mark opens the comment, a letter makes it a sentence. Anything else —
    /// a word that is neither, «не» followed by more, «Нет нарушений» — is free text: it goes to the
    /// comment as typed, and the choice is cleared, never guessed from a word of it, until the user
    /// makes it.
    fn key_choice(&mut self, k: KeyEvent, lang: Lang) -> Result<(), String> {
        match keys::action(Context::Choice, &k) {
            // → says it outright: even a lone letter is then the answer.
            Some(Action::ToComment) if k.code != KeyCode::Char(' ') => {
                return if self.slipped(lang) {
                    Err(keys::text(Ui::LayoutSlip, lang))
                } else if self.choice.is_some() && self.word_is_answer() {
                    self.open_comment();
                    Ok(())
                } else if self.choice.is_none() && self.word.is_empty() {
                    Err(keys::text(Ui::PressYesNo, lang))
                } else {
                    self.move_to_comment("", lang)
                };
            }
            Some(Action::ClearChoice) => {
                if self.word.pop().is_some() {
                    self.choice = if self.word.is_empty() {
                        self.choice_before_word
                    } else {
                        self.word_choice(lang)
                    };
                } else {
                    self.choice = None;
                }
                return Ok(());
            }
            _ => {}
        }
        let KeyCode::Char(c) = k.code else {
            return Ok(());
        };
        if k.modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Ok(());
        }
        // A whole word and a space («нет »): what comes next says whether it was the answer. A
        // punctuation mark («нет — коллизий нет») makes it so; a letter makes it the first word of a
        // sentence, which answers nothing: «Нет нарушений» to «Соблюдается ли порядок?» means the
        // order is kept, «Да нет» is Russian for no, and either was stored as the word's answer, the
        // no becoming a corruption-risk finding.
        if self.word.ends_with(' ') {
            return if c == ' ' {
                // Kept, so that a sentence is the comment as typed.
                self.word.push(' ');
                Ok(())
            } else if ends_answer_word(c) {
                self.open_new_comment();
                Ok(())
            } else {
                self.move_to_comment(&c.to_string(), lang)
            };
        }
        // «Нет, потому что…»: a space or punctuation after a whole word ends it and opens the comment.
        if c == ' ' || ends_answer_word(c) {
            // A slip and then a comma or a space («н, всё по Стандарту» in the English
            // interface): the user is writing, and what they write is kept as they typed it, the
            // letter too, in the comment, with no choice made. Refused, the comma and the space
            // were lost, and the comment read «нвсё по Стандарту».
            if self.slipped(lang) {
                return self.move_to_comment(&c.to_string(), lang);
            }
            // The one-key answer and then Space or a comma, as the help line says: «д », «н, …».
            // Not «и » in Russian, the «and» that begins sentences, nor a letter and a full stop
            // («Т.е.», «Д. Иванов»): then the text is a comment and the choice is the user's.
            let one_key_answer = matches!(c, ' ' | ',')
                && self.word.chars().count() == 1
                && !(lang == Lang::Ru && self.word.to_lowercase() == "и")
                && self.word_is_answer();
            if c == ' ' && self.choice.is_some() && !one_key_answer && self.word_is_whole() {
                if self.word.is_empty() {
                    // Space with no word typed: the choice stands, the comment is opened.
                    self.open_comment();
                } else {
                    self.word.push(' ');
                }
                return Ok(());
            }
            if self.choice.is_some() && (self.word_is_whole() || one_key_answer) {
                self.open_new_comment();
                return Ok(());
            }
            if self.choice.is_none() && self.word.is_empty() {
                return Err(keys::text(Ui::PressYesNo, lang));
            }
            return self.move_to_comment(&c.to_string(), lang);
        }
        let switched = |w: &str| w.is_ascii() != c.is_ascii();
        if self.slipped(lang)
            && switched(&self.word)
            && yes_no_prefix(&format!("{}{c}", self.word)).is_none()
        {
            // The layout switched after the slip: the new letter begins the word again.
            self.word.clear();
        } else if self.word.is_empty() {
            self.choice_before_word = self.choice;
        }
        self.word.push(c);
        if self.slipped(lang) {
            // The letter stays on the choice, shown, so that `yes` typed on goes on from it.
            self.choice = None;
            return Err(keys::text(Ui::LayoutSlip, lang));
        }
        match self.word_choice(lang) {
            Some(yes) => {
                self.choice = Some(yes);
                Ok(())
            }
            None => self.move_to_comment("", lang),
        }
    }

    /// What the word on the choice chooses for a reader of `lang`.
    fn word_choice(&self, lang: Lang) -> Option<bool> {
        if word_is_slip(&self.word, lang) {
            None
        } else {
            yes_no_prefix(&self.word)
        }
    }

    /// Whether the word on the choice is the Y/Н key pressed in the layout the interface does not
    /// read it in (`answer::layout_slip`): it answers nothing until the user types on or again.
    pub fn slipped(&self, lang: Lang) -> bool {
        word_is_slip(&self.word, lang)
    }

    /// Whether the word typed on the choice is a whole yes or no word that may be followed by a
    /// comment (or none was typed: the choice stands as it was). A lone Cyrillic letter is not: «И при
    /// этом…», «Т.е. …» begin sentences; on its own with Enter it is still an answer.
    fn word_is_whole(&self) -> bool {
        let word = self.word.trim_end();
        let lone_cyrillic = word.chars().count() == 1 && !word.is_ascii();
        self.word_is_answer() && !lone_cyrillic
    }

    /// Whether the word is a yes or no word, lone letters included (or none was typed); the space
    /// that may follow it is not part of it.
    fn word_is_answer(&self) -> bool {
        let w = self.word.trim_end().to_lowercase();
        w.is_empty() || YES_WORDS.contains(&w.as_str()) || NO_WORDS.contains(&w.as_str())
    }

    /// What was typed on the choice is not a yes or a no: it goes to the comment as typed, and the
    /// choice is cleared — a sentence must never answer the question by one of its letters.
    fn move_to_comment(&mut self, then: &str, lang: Lang) -> Result<(), String> {
        let text = format!("{}{then}", std::mem::take(&mut self.word));
        self.choice = None;
        self.on_comment = true;
        // A new answer is being written: it starts a new comment (Esc or Ctrl-Z bring the old back).
        let replaced = !self.raw_text().trim().is_empty();
        self.set_text(&text);
        let mut msg = keys::text(Ui::NeedChoice, lang);
        if replaced {
            msg = format!("{} {msg}", Ui::CommentReplaced.get(lang));
        }
        Err(msg)
    }

    /// A key for the input. Characters the field cannot hold are refused with the reason.
    pub fn key(
        &mut self,
        k: KeyEvent,
        kind: Option<FieldType>,
        stop: &Stop,
        lang: Lang,
    ) -> Result<(), String> {
        if matches!(stop, Stop::AddItem(_)) {
            return Err(keys::text(Ui::AddItemHint, lang));
        }
        let plain = !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if kind == Some(FieldType::YesNo) && !self.on_comment {
            return self.key_choice(k, lang);
        }
        // From the very start of the comment, Left (or Backspace) goes back to the choice: the choice
        // sits before the comment.
        let to_choice = match k.code {
            // ↑ from the comment's first row: the choice is the row above it.
            KeyCode::Up => !self.can_move_up(),
            _ => self.area.cursor() == (0, 0),
        };
        if kind == Some(FieldType::YesNo)
            && to_choice
            && keys::action(Context::Comment, &k) == Some(Action::ToChoice)
        {
            self.on_comment = false;
            return Ok(());
        }
        if let KeyCode::Char(c) = k.code
            && plain
        {
            if kind != Some(FieldType::YesNo) {
                Self::allowed(kind, c).map_err(|u| keys::text(u, lang))?;
            }
            // A comment does not begin with a space (the one after «нет,»): it showed, and was
            // not saved.
            if kind == Some(FieldType::YesNo)
                && c == ' '
                && (self.fresh || self.raw_text().is_empty())
            {
                return Ok(());
            }
            if self.fresh {
                self.set_text("");
            }
        }
        self.fresh = false;
        self.area.input(k);
        // Text moved off the choice because it was no answer («данет»), erased back to nothing:
        // what is typed next is a new try at the choice, not a comment of no choice.
        if kind == Some(FieldType::YesNo) && self.choice.is_none() && self.raw_text().is_empty() {
            self.on_comment = false;
            self.word.clear();
        }
        if !multi_line(kind, stop) && self.area.lines().len() > 1 {
            let joined = self.area.lines().join(" ");
            self.set_text(&joined);
        }
        if kind == Some(FieldType::Count) {
            return self.whole_count(lang);
        }
        Ok(())
    }

    /// Said at every key while a count's input holds a fraction, or more digits than a count
    /// takes (the message line is cleared by the next key). Both are kept as typed, and Enter
    /// stores neither: a digit refused while typing fast went unseen, and Enter stored the number
    /// cut short (23 nines as 999 999 999 999).
    fn whole_count(&self, lang: Lang) -> Result<(), String> {
        let text = self.raw_text();
        if text.contains([',', '.']) {
            Err(keys::text(Ui::CountIsWhole, lang))
        } else if text.trim().trim_start_matches('0').len() > COUNT_DIGITS {
            Err(keys::text(Ui::TooLarge, lang))
        } else {
            Ok(())
        }
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
            return Err(keys::text(Ui::PressYesNo, lang));
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
        if kind == Some(FieldType::Count) {
            return self.whole_count(lang);
        }
        Ok(())
    }
}
