//! Languages and the texts of the form itself. Interface strings live in `ui_text`.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// The three languages every user-visible text exists in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    /// The language when none is given: from the locale as gettext reads it — LC_ALL, then LANGUAGE
    /// (a list, the first of ours that it names), LC_MESSAGES, LANG — else none (Kazakh).
    pub fn from_env() -> Option<Lang> {
        Lang::from_env_with(|v| std::env::var(v).ok())
    }

    /// `from_env` over any source of variables (the tests give theirs).
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        let var = |v: &str| get(v).filter(|v| !v.is_empty());
        if let Some(v) = var("LC_ALL") {
            return Lang::from_locale(&v);
        }
        if let Some(list) = var("LANGUAGE")
            && let Some(l) = list.split(':').find_map(Lang::from_locale)
        {
            return Some(l);
        }
        ["LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|v| var(v))
            .and_then(|v| Lang::from_locale(&v))
    }

    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kk" | "kz" | "kaz" => Some(Lang::Kk),
            "ru" | "rus" => Some(Lang::Ru),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a locale string such as `ru_RU.UTF-8` asks for; `C`/`POSIX` and unknown ones give none.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let code = locale.split(['_', '.', '@', '-']).next()?;
        Lang::parse(code)
    }

    /// kk → ru → en → kk: the order the language key cycles through.
    pub fn next(self) -> Lang {
        match self {
            Lang::Kk => Lang::Ru,
            Lang::Ru => Lang::En,
            Lang::En => Lang::Kk,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text of the form in Kazakh, Russian and English. All three are required by `check`.
///
/// The bundled form's texts are borrowed from the bytes compiled into the program (see the
/// deserializer); a form read from a file owns its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Default)]
pub struct Text {
    pub kk: Cow<'static, str>,
    pub ru: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

/// A form's texts are most of what a start reads. In a form's JSON they are read as any struct;
/// in the binary encoding (the bundled form) each is checked as UTF-8 a block of bytes at a time
/// (the standard library's check went byte by byte through the Cyrillic, and was two thirds of
/// reading the form), and borrowed where it lies in the program's own bytes: copying the form's
/// 2,000 texts was a fifth of a start's instructions and 120 KiB of its memory.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields, rename = "Text")]
        struct Json {
            kk: String,
            ru: String,
            en: String,
        }
        #[derive(Deserialize)]
        struct Binary<'a> {
            kk: &'a [u8],
            ru: &'a [u8],
            en: &'a [u8],
        }
        if d.is_human_readable() {
            let Json { kk, ru, en } = Json::deserialize(d)?;
            return Ok(Text {
                kk: kk.into(),
                ru: ru.into(),
                en: en.into(),
            });
        }
        let Binary { kk, ru, en } = Binary::deserialize(d)?;
        let text = |b: &[u8]| -> Result<Cow<'static, str>, D::Error> {
            let not_utf8 = |_| serde::de::Error::custom("a text that is not UTF-8");
            Ok(match compiled_in(b) {
                Some(b) => Cow::Borrowed(simdutf8::basic::from_utf8(b).map_err(not_utf8)?),
                None => Cow::Owned(simdutf8::basic::from_utf8(b).map_err(not_utf8)?.to_owned()),
            })
        };
        Ok(Text {
            kk: text(kk)?,
            ru: text(ru)?,
            en: text(en)?,
        })
    }
}

/// `bytes` as the `'static` bytes they are, when they lie within a form compiled into the program.
fn compiled_in(bytes: &[u8]) -> Option<&'static [u8]> {
    let at = bytes.as_ptr() as usize;
    crate::questionnaire::BUNDLED.iter().find_map(|(_, form)| {
        let from = at.checked_sub(form.as_ptr() as usize)?;
        form.get(from..from.checked_add(bytes.len())?)
    })
}

impl Text {
    pub fn new(kk: &str, ru: &str, en: &str) -> Text {
        Text {
            kk: kk.to_owned().into(),
            ru: ru.to_owned().into(),
            en: en.to_owned().into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    /// Languages whose text is missing or blank.
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|l| self.get(*l).trim().is_empty())
            .collect()
    }
}

/// The name of month `m` (1–12), as a date is written in the language.
pub fn month_name(m: u8, lang: Lang) -> &'static str {
    const KK: [&str; 12] = [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ];
    const RU: [&str; 12] = [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (m.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Kk => KK[i],
        Lang::Ru => RU[i],
        Lang::En => EN[i],
    }
}

/// A field's number as a Kazakh or Russian reader sees it: the quantitative indicators, which the
/// form leaves unnumbered and this program numbers «Q1», «Q9a», read «К1», «К9а» (Cyrillic);
/// the questions keep the form's own numbers. English and the files keep «Q».
pub fn field_number(number: &str, lang: Lang) -> String {
    match (lang, number.strip_prefix('Q')) {
        (Lang::Kk | Lang::Ru, Some(rest)) => {
            let rest: String = rest
                .chars()
                .map(|c| match c {
                    'a' => 'а',
                    'b' => 'б',
                    'c' => 'в',
                    'd' => 'г',
                    'e' => 'д',
                    c => c,
                })
                .collect();
            format!("К{rest}")
        }
        _ => number.to_owned(),
    }
}

/// A number as a person reads it in `lang`: a decimal comma in Kazakh and Russian («12,5»), a point
/// in English; whole numbers without a fraction, at most one decimal otherwise.
pub fn number(v: f64, lang: Lang) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    let s = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    match lang {
        Lang::Kk | Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A percentage: «12,5%» in Kazakh and Russian, “12.5%” in English.
/// `v` with at most `places` decimals, trailing zeros dropped, the decimal comma in kk and ru.
pub fn decimal(v: f64, places: usize, lang: Lang) -> String {
    let s = format!("{v:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    };
    match lang {
        Lang::Kk | Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

/// «9,1 %» in Kazakh and Russian (a no-break space before the sign, as their style guides write
/// it), "9.1%" in English.
pub fn percent(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Kk | Lang::Ru => format!("{}\u{a0}%", number(v, lang)),
        Lang::En => format!("{}%", number(v, lang)),
    }
}

/// Nouns that are counted on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Noun {
    Item,
    Question,
    Finding,
}

/// `n` and the noun in the form the language wants after it: Russian has three forms (1 строка,
/// 2 строки, 5 строк), Kazakh keeps the noun singular after a numeral (5 жол), English two.
pub fn count(n: usize, noun: Noun, lang: Lang) -> String {
    let (kk, ru, en): (&str, [&str; 3], [&str; 2]) = match noun {
        Noun::Item => ("жол", ["строка", "строки", "строк"], ["item", "items"]),
        Noun::Question => (
            "сұрақ",
            ["вопрос", "вопроса", "вопросов"],
            ["question", "questions"],
        ),
        Noun::Finding => (
            "тәуекел",
            ["риск", "риска", "рисков"],
            ["finding", "findings"],
        ),
    };
    let word = match lang {
        Lang::Kk => kk,
        Lang::Ru => {
            let (d10, d100) = (n % 10, n % 100);
            if d10 == 1 && d100 != 11 {
                ru[0]
            } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
                ru[1]
            } else {
                ru[2]
            }
        }
        Lang::En => en[usize::from(n != 1)],
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_and_kazakh_singulars() {
        let ru = |n| count(n, Noun::Item, Lang::Ru);
        assert_eq!(ru(1), "1 строка");
        assert_eq!(ru(2), "2 строки");
        assert_eq!(ru(5), "5 строк");
        assert_eq!(ru(11), "11 строк");
        assert_eq!(ru(14), "14 строк");
        assert_eq!(ru(21), "21 строка");
        assert_eq!(ru(22), "22 строки");
        assert_eq!(ru(112), "112 строк");
        assert_eq!(count(2, Noun::Item, Lang::Kk), "2 жол");
        assert_eq!(count(1, Noun::Finding, Lang::En), "1 finding");
        assert_eq!(count(3, Noun::Finding, Lang::En), "3 findings");
    }

    #[test]
    fn decimal_commas_where_the_language_wants_them() {
        assert_eq!(percent(12.1, Lang::Ru), "12,1\u{a0}%");
        assert_eq!(percent(12.1, Lang::Kk), "12,1\u{a0}%");
        assert_eq!(percent(12.1, Lang::En), "12.1%");
        assert_eq!(number(95.0, Lang::Ru), "95");
        assert_eq!(number(99.95, Lang::Ru), "100");
    }

    /// The bundled form's texts are read where they lie in the program, not copied; the same
    /// bytes anywhere else (a form encoded at run time) are copied, and read alike.
    #[test]
    fn the_bundled_forms_texts_are_borrowed_and_only_they() {
        let q = crate::questionnaire::Registry::bundled().forms.remove(0);
        let borrowed = |t: &Text| {
            [&t.kk, &t.ru, &t.en]
                .iter()
                .all(|s| matches!(s, Cow::Borrowed(_)))
        };
        let owned = |t: &Text| {
            [&t.kk, &t.ru, &t.en]
                .iter()
                .all(|s| matches!(s, Cow::Owned(_)))
        };
        let texts = |q: &crate::questionnaire::Questionnaire| -> Vec<Text> {
            let mut all = vec![q.title.clone()];
            for s in &q.sections {
                all.push(s.label.clone());
                all.extend(s.questions.iter().map(|x| x.text.clone()));
            }
            all
        };
        assert!(texts(&q).len() > 20, "{}", texts(&q).len());
        assert!(texts(&q).iter().all(borrowed));
        let bytes = postcard::to_allocvec(&q).unwrap();
        let again: crate::questionnaire::Questionnaire = postcard::from_bytes(&bytes).unwrap();
        assert!(texts(&again).iter().all(owned));
        assert_eq!(texts(&again), texts(&q));
    }
}
