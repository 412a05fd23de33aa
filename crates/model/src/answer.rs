//! Typed answers: what each field type accepts, in the session file and from the keyboard.

use crate::i18n::Lang;
use crate::questionnaire::FieldType;
use serde_json::{Value, json};

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Count(u64),
    Percent(f64),
    YesNo {
        yes: bool,
        comment: String,
    },
    Text(String),
    /// A text question answered "none" with the one-key answer: stored as `{"none": true}`, so that
    /// every language shows it in its own word (жоқ, нет, none) instead of the word of whoever typed it.
    Nothing,
    Month {
        year: u16,
        month: u8,
    },
}

/// Why a value does not fit its field; shown to the user, so in every language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerError {
    NotCount,
    CountTooLarge,
    NotPercent,
    NotYesNo,
    NotText,
    NotMonth,
    MonthOutOfRange,
}

impl AnswerError {
    /// What to type instead, as the editor says it: a whole instruction («Введите процент от 0 до
    /// 100»). `message` is the noun phrase a file's error message ends with.
    pub fn instruction(&self, lang: Lang) -> &'static str {
        use crate::ui_text::Ui;
        match self {
            AnswerError::NotCount => Ui::EnterCount,
            AnswerError::CountTooLarge => Ui::EnterSmallerCount,
            AnswerError::NotPercent => Ui::EnterPercent,
            AnswerError::NotYesNo => Ui::EnterYesNo,
            AnswerError::NotText => Ui::EnterText,
            AnswerError::MonthOutOfRange => Ui::EnterMonthNumber,
            AnswerError::NotMonth => Ui::EnterMonth,
        }
        .get(lang)
    }

    pub fn message(&self, lang: Lang) -> &'static str {
        use crate::ui_text::Ui;
        match self {
            AnswerError::NotCount => Ui::NotCount,
            AnswerError::CountTooLarge => Ui::CountTooLarge,
            AnswerError::NotPercent => Ui::NotPercent,
            AnswerError::NotYesNo => Ui::NotYesNo,
            AnswerError::NotText => Ui::NotText,
            AnswerError::MonthOutOfRange => Ui::MonthOutOfRange,
            AnswerError::NotMonth => Ui::NotMonth,
        }
        .get(lang)
    }
}

/// The largest count accepted: far above any real figure, and safe to add up over thousands of items.
pub const MAX_COUNT: u64 = 999_999_999_999;

impl Answer {
    pub fn from_json(kind: FieldType, v: &Value) -> Result<Answer, AnswerError> {
        match kind {
            FieldType::Count => match v.as_u64() {
                Some(n) if n <= MAX_COUNT => Ok(Answer::Count(n)),
                Some(_) => Err(AnswerError::CountTooLarge),
                None => Err(AnswerError::NotCount),
            },
            FieldType::Percent => match v.as_f64() {
                Some(p) if (0.0..=100.0).contains(&p) => Ok(Answer::Percent(p)),
                _ => Err(AnswerError::NotPercent),
            },
            FieldType::YesNo => {
                let obj = v.as_object().ok_or(AnswerError::NotYesNo)?;
                let yes = obj
                    .get("yes")
                    .and_then(Value::as_bool)
                    .ok_or(AnswerError::NotYesNo)?;
                let comment = match obj.get("comment") {
                    None | Some(Value::Null) => String::new(),
                    Some(Value::String(s)) => s.clone(),
                    Some(_) => return Err(AnswerError::NotYesNo),
                };
                if obj.keys().any(|k| k != "yes" && k != "comment") {
                    return Err(AnswerError::NotYesNo);
                }
                Ok(Answer::YesNo { yes, comment })
            }
            FieldType::Text => match v {
                Value::String(s) => Ok(Answer::Text(s.clone())),
                Value::Object(o) if o.len() == 1 && o.get("none") == Some(&Value::Bool(true)) => {
                    Ok(Answer::Nothing)
                }
                _ => Err(AnswerError::NotText),
            },
            FieldType::Month => v
                .as_str()
                .and_then(parse_month)
                .ok_or(AnswerError::NotMonth),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Answer::Count(n) => json!(n),
            Answer::Percent(p) if p.fract() == 0.0 => json!(*p as u64),
            Answer::Percent(p) => json!(p),
            Answer::YesNo { yes, comment } if comment.is_empty() => json!({ "yes": yes }),
            Answer::YesNo { yes, comment } => json!({ "yes": yes, "comment": comment }),
            Answer::Text(s) => json!(s),
            Answer::Nothing => json!({ "none": true }),
            Answer::Month { year, month } => json!(format!("{year:04}-{month:02}")),
        }
    }

    /// A one-line rendering for lists and tables.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Answer::Count(n) => n.to_string(),
            Answer::Percent(p) => crate::i18n::percent(*p, lang),
            Answer::YesNo { yes, comment } => {
                let word = yes_no_word(*yes, lang);
                // As the user wrote it: «да, имеется в п. 9» after a comma, «Да. Имеется…» as a
                // sentence of its own («да. имеется» read as a slip in the report).
                match comment.chars().next() {
                    None => word.to_owned(),
                    Some(c) if c.is_lowercase() => format!("{word}, {comment}"),
                    Some(_) => format!("{word}. {comment}"),
                }
            }
            Answer::Text(s) => s.clone(),
            Answer::Nothing => none_word(lang).to_owned(),
            Answer::Month { year, month } => format!("{year:04}-{month:02}"),
        }
    }

    /// Months as a single number, to compare periods.
    pub fn month_index(&self) -> Option<u32> {
        match self {
            Answer::Month { year, month } => Some(*year as u32 * 12 + *month as u32),
            _ => None,
        }
    }
}

pub fn yes_no_word(yes: bool, lang: Lang) -> &'static str {
    match (yes, lang) {
        (true, Lang::Kk) => "иә",
        (false, Lang::Kk) => "жоқ",
        (true, Lang::Ru) => "да",
        (false, Lang::Ru) => "нет",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

/// "none" in the given language: the commonest answer to a qualitative question.
pub fn none_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "жоқ",
        Lang::Ru => "нет",
        Lang::En => "none",
    }
}

/// Words that answer a yes/no question, as they are typed on its choice: the Latin letters and the
/// initials of да and иә, and the words themselves. No word or initial is in both lists: «н» is нет
/// to every Russian reader, so it is no; it sits on the Y key of a Cyrillic layout, which is why a
/// lone `y` or «н» answers only in the interface that reads it so (`layout_slip`).
/// «иа» and «ия» are «иә» as typed where the keyboard has no «ә».
pub const YES_WORDS: &[&str] = &["y", "yes", "д", "да", "и", "иә", "иа", "ия"];
/// See `YES_WORDS`; «т» is on the N key of a Cyrillic layout.
pub const NO_WORDS: &[&str] = &["n", "no", "н", "нет", "ж", "жоқ", "жок", "т"];

/// A mark that ends a yes/no word typed on the choice and opens its comment: «нет, …», «да — …».
/// A space does not: after a whole word it waits for what comes next («Нет нарушений» is a
/// sentence).
pub fn ends_answer_word(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '-' | '—' | '–')
}

/// The one key that is yes in one layout and no in the other: the Y key types `y` on a Latin layout
/// and «н» on a Cyrillic one. A reader of the Kazakh or Russian interface presses it for «нет» (a `y`
/// is the layout left on Latin); a reader of the English one presses it for yes (a «н» is the layout
/// left on Cyrillic). So the letter that contradicts the interface's reading answers nothing on its
/// own: it may begin a word (`yes`), but alone it is a slip to be told, never a choice.
pub fn layout_slip(c: char, lang: Lang) -> bool {
    match c {
        'y' | 'Y' => lang != Lang::En,
        'н' | 'Н' => lang == Lang::En,
        _ => false,
    }
}

/// `layout_slip` for a whole word typed on a choice: only a lone letter can be one.
pub fn word_is_slip(word: &str, lang: Lang) -> bool {
    let mut chars = word.trim().chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if layout_slip(c, lang))
}

/// What a word typed so far on a yes/no choice says: yes or no while it begins one of the words
/// (`не` is on its way to `нет`), `None` when it begins none of them.
pub fn yes_no_prefix(word: &str) -> Option<bool> {
    let w = word.trim().to_lowercase();
    if w.is_empty() {
        return None;
    }
    let begins = |words: &[&str]| words.iter().any(|x| x.starts_with(w.as_str()));
    match (begins(YES_WORDS), begins(NO_WORDS)) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// `YYYY-MM`, also `MM.YYYY` and `YYYY.MM` as people type them.
pub fn parse_month(s: &str) -> Option<Answer> {
    parse_month_checked(s).ok()
}

/// As `parse_month`, saying why not: the shape, or a month outside 01–12.
pub fn parse_month_checked(s: &str) -> Result<Answer, AnswerError> {
    let s = s.trim();
    let (a, b) = s.split_once(['-', '.', '/']).ok_or(AnswerError::NotMonth)?;
    let (y, m) = if a.len() == 4 { (a, b) } else { (b, a) };
    if y.len() != 4
        || m.is_empty()
        || m.len() > 2
        || !y.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
    {
        return Err(AnswerError::NotMonth);
    }
    let year: u16 = y.parse().map_err(|_| AnswerError::NotMonth)?;
    let month: u8 = m.parse().map_err(|_| AnswerError::NotMonth)?;
    if !(1900..=2200).contains(&year) {
        return Err(AnswerError::NotMonth);
    }
    if !(1..=12).contains(&month) {
        return Err(AnswerError::MonthOutOfRange);
    }
    Ok(Answer::Month { year, month })
}

/// Parse what was typed into a count field.
pub fn parse_count(s: &str) -> Result<Answer, AnswerError> {
    let s = s.trim();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(AnswerError::NotCount);
    }
    match s.parse::<u64>() {
        Ok(n) if n <= MAX_COUNT => Ok(Answer::Count(n)),
        _ => Err(AnswerError::CountTooLarge),
    }
}

/// Parse what was typed into a percent field: `100`, `99.5`, `99,5`, `100%`.
pub fn parse_percent(s: &str) -> Result<Answer, AnswerError> {
    let s = s.trim().trim_end_matches('%').trim().replace(',', ".");
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(AnswerError::NotPercent);
    }
    match s.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(Answer::Percent(p)),
        _ => Err(AnswerError::NotPercent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A yes/no answer with its comment reads as the user wrote it: after a comma when the comment
    /// goes on in lower case, as a sentence of its own when it begins with a capital.
    #[test]
    fn a_comment_reads_as_it_was_written() {
        let a = |yes: bool, comment: &str| Answer::YesNo {
            yes,
            comment: comment.into(),
        };
        assert_eq!(
            a(true, "имеется в п. 9 Стандарта").display(Lang::Ru),
            "да, имеется в п. 9 Стандарта"
        );
        assert_eq!(
            a(true, "Имеется в п. 9").display(Lang::Ru),
            "да. Имеется в п. 9"
        );
        assert_eq!(
            a(false, "тексерілмеген").display(Lang::Kk),
            "жоқ, тексерілмеген"
        );
        assert_eq!(a(false, "").display(Lang::En), "no");
        assert_eq!(a(true, "9-тармақ").display(Lang::Kk), "иә. 9-тармақ");
    }

    #[test]
    fn months_in_the_ways_people_type_them() {
        let jan = Some(Answer::Month {
            year: 2017,
            month: 1,
        });
        assert_eq!(parse_month("2017-01"), jan);
        assert_eq!(parse_month("01.2017"), jan);
        assert_eq!(parse_month("2017.1"), jan);
        assert_eq!(parse_month("2017-13"), None);
        assert_eq!(parse_month("17-01"), None);
        assert_eq!(parse_month("２０１７-01"), None);
    }

    #[test]
    fn counts_and_percents() {
        assert_eq!(parse_count("93"), Ok(Answer::Count(93)));
        assert_eq!(parse_count("-1"), Err(AnswerError::NotCount));
        assert_eq!(
            parse_count("99999999999999999999999"),
            Err(AnswerError::CountTooLarge)
        );
        assert_eq!(parse_percent("99,5%"), Ok(Answer::Percent(99.5)));
        assert_eq!(parse_percent("101"), Err(AnswerError::NotPercent));
    }

    #[test]
    fn json_round_trip_of_each_type() {
        for (kind, v) in [
            (FieldType::Count, json!(7)),
            (FieldType::Percent, json!(100)),
            (FieldType::Percent, json!(12.5)),
            (
                FieldType::YesNo,
                json!({"yes": true, "comment": "стенд бар"}),
            ),
            (FieldType::YesNo, json!({"yes": false})),
            (FieldType::Text, json!("әіңғүұқөһ")),
            (FieldType::Month, json!("2017-06")),
        ] {
            assert_eq!(Answer::from_json(kind, &v).unwrap().to_json(), v);
        }
        assert_eq!(
            Answer::from_json(FieldType::Count, &json!(-3)),
            Err(AnswerError::NotCount)
        );
        assert_eq!(
            Answer::from_json(FieldType::YesNo, &json!({"yes": 1})),
            Err(AnswerError::NotYesNo)
        );
    }
}

#[cfg(test)]
mod yes_no_words {
    use super::*;

    #[test]
    fn every_word_and_initial_reads_one_way() {
        for w in [
            "y", "Y", "yes", "YES", "д", "Да", "ДА", "и", "иә", "Иә", "ия", "ye",
        ] {
            assert_eq!(yes_no_prefix(w), Some(true), "{w}");
        }
        for w in [
            "n", "no", "NO", "н", "Н", "не", "нет", "НЕТ", "ж", "жо", "жоқ", "Жоқ", "жок", "т",
        ] {
            assert_eq!(yes_no_prefix(w), Some(false), "{w}");
        }
        for w in ["", "нуы", "нетт", "да!", "Половина", "yesno", "то", "x"] {
            assert_eq!(yes_no_prefix(w), None, "{w}");
        }
    }

    #[test]
    fn months_say_what_is_wrong() {
        assert_eq!(
            parse_month_checked("2017-13"),
            Err(AnswerError::MonthOutOfRange)
        );
        assert_eq!(
            parse_month_checked("2017-00"),
            Err(AnswerError::MonthOutOfRange)
        );
        assert_eq!(parse_month_checked("2017"), Err(AnswerError::NotMonth));
        assert_eq!(parse_month_checked("17-01"), Err(AnswerError::NotMonth));
    }

    #[test]
    fn a_none_answer_is_one_value_in_every_language() {
        let v = json!({"none": true});
        let a = Answer::from_json(FieldType::Text, &v).unwrap();
        assert_eq!(a, Answer::Nothing);
        assert_eq!(a.to_json(), v);
        assert_eq!(a.display(Lang::Ru), "нет");
        assert_eq!(a.display(Lang::Kk), "жоқ");
        assert!(Answer::from_json(FieldType::Text, &json!({"none": false})).is_err());
    }
}
