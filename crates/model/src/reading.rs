//! Reading a text answer for what it says: nothing (blank, or «не выявлено», «анықталған жоқ», "none
//! found"), something (a fact, a norm, a measure), or neither clearly («частично», a clause of each).
//! The phrase lists are data, beside the rules in the questionnaire (`readings`); this is the logic.
//!
//! The reading is clause by clause: an answer says nothing when every clause of it is negated, says
//! something when none is, and is unclear when it mixes the two or hedges. Unclear is not guessed
//! either way: a rule it would trigger gives a "to review" item instead of a risk.

use crate::questionnaire::Readings;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Not answered, or only blanks.
    Blank,
    /// Answered: nothing found, nothing done, none.
    Nothing,
    /// Answered with something: a fact, a norm, a case.
    Something,
    /// Answered, but neither clearly nothing nor something.
    Unclear,
}

/// Lower case, ё as е, one kind of dash and quote, single spaces: the form the phrase lists are in.
pub fn normalize(text: &str) -> String {
    let lowered: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            '–' | '—' | '‒' | '―' => '-',
            '«' | '»' | '“' | '”' | '„' => '"',
            '\n' | '\t' | '\r' => ' ',
            c => c,
        })
        .collect();
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `phrase` stands in `text` as whole words; a phrase ending in `*` is a stem, and may end
/// inside a word («отсутству*» in «отсутствуют»). Its start is always a word's start.
fn has_phrase(text: &str, phrase: &str) -> bool {
    let (phrase, stem) = match phrase.strip_suffix('*') {
        Some(p) => (p, true),
        None => (phrase, false),
    };
    if phrase.is_empty() {
        return false;
    }
    let word = |c: char| c.is_alphanumeric();
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        before.is_none_or(|c| !word(c)) && (stem || after.is_none_or(|c| !word(c)))
    })
}

fn ends_with_word(clause: &str, w: &str) -> bool {
    clause == w
        || clause
            .strip_suffix(w)
            .is_some_and(|rest| rest.ends_with(' ') || rest.ends_with(','))
}

fn starts_with_word(clause: &str, w: &str) -> bool {
    clause
        .strip_prefix(w)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',', ':', '-']))
}

/// How one clause reads: negated, or saying something; `None` for a clause that is unclear on its
/// own («нет чёткого порядка»: a gap stated with a negation).
fn clause_negated(clause: &str, r: &Readings) -> Option<bool> {
    if r.negations.iter().any(|p| has_phrase(clause, p)) {
        return Some(true);
    }
    if r.settled.iter().any(|p| has_phrase(clause, p))
        && !r.unsettled.iter().any(|p| has_phrase(clause, p))
    {
        return Some(true);
    }
    for w in &r.negating_last_words {
        if ends_with_word(clause, w) {
            return Some(true);
        }
        if starts_with_word(clause, w) {
            // «Нет, …» is no; «Нет чёткого порядка…» states a gap: neither for sure.
            return if clause.len() == w.len() || clause[w.len()..].starts_with(',') {
                Some(true)
            } else {
                None
            };
        }
    }
    Some(false)
}

/// What a text answer says (see the module's notes).
pub fn read(text: &str, r: &Readings) -> Reading {
    let t = normalize(text);
    let t = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | ';' | ','));
    if t.is_empty() {
        return Reading::Blank;
    }
    if r.none.iter().any(|n| n == t) {
        return Reading::Nothing;
    }
    if r.unclear.iter().any(|p| has_phrase(t, p)) {
        return Reading::Unclear;
    }
    let mut cut = t.to_owned();
    for c in &r.contrasts {
        cut = cut.replace(&format!(" {c} "), ". ");
        cut = cut.replace(&format!(", {c} "), ". ");
        cut = cut.replace(&format!(", {c},"), ".");
    }
    let clauses: Vec<&str> = cut
        .split(['.', ';', '!', '?'])
        .map(|c| c.trim_matches(|ch: char| ch.is_whitespace() || ch == ','))
        .filter(|c| c.chars().any(char::is_alphanumeric))
        .collect();
    let (mut negated, mut said, mut unsure) = (0, 0, 0);
    for c in &clauses {
        match clause_negated(c, r) {
            Some(true) => negated += 1,
            Some(false) => said += 1,
            None => unsure += 1,
        }
    }
    match (negated, said, unsure) {
        (0, 0, 0) => Reading::Nothing, // only punctuation and dashes
        (_, 0, 0) => Reading::Nothing,
        (0, _, 0) => Reading::Something,
        _ => Reading::Unclear,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Registry;

    fn readings() -> Readings {
        Registry::bundled().default_form().readings.clone()
    }

    fn check(cases: &[&str], want: Reading) {
        let r = readings();
        for c in cases {
            assert_eq!(read(c, &r), want, "{c:?}");
        }
    }

    #[test]
    fn kazakh_negations_say_nothing() {
        check(
            &[
                "жоқ",
                "Жоқ.",
                "Коллизиялар жоқ",
                "Анықталған жоқ.",
                "Реттелмеген нормалар анықталған жоқ",
                "Шаралар қолданылған жоқ",
                "Бас тарту фактілері болған жоқ.",
                "Мерзімдер бұзылған жоқ",
                "Шағымдар түскен жоқ",
                "Мүдделер қақтығысы тіркелмеген",
                "Бұзушылықтар байқалмады",
            ],
            Reading::Nothing,
        );
    }

    #[test]
    fn russian_negations_say_nothing() {
        check(
            &[
                "нет",
                "Нет.",
                "Не выявлено",
                "Коллизий не выявлено",
                "Отсутствуют",
                "Дискреционных полномочий нет",
                "Все процессы урегулированы",
                "Фактов конфликта интересов не установлено",
                "Меры не принимались",
                "Жалоб не поступало",
                "Отказов не было",
                "Нет, коллизий нет",
            ],
            Reading::Nothing,
        );
    }

    #[test]
    fn english_negations_say_nothing() {
        check(
            &[
                "none",
                "No.",
                "None found",
                "No conflicts were identified",
                "Not identified",
                "Nothing found",
                "No cases",
            ],
            Reading::Nothing,
        );
    }

    #[test]
    fn statements_of_fact_say_something() {
        check(
            &[
                "Пункт 7 позволяет комиссии по своему усмотрению продлевать срок",
                "Не урегулирован порядок возврата платы за справки",
                "Реттелмеген нормалар: 5-тармақ",
                "Выдано 4 предписания, наложены штрафы",
                "Two carriers appealed the inspection acts",
                "Құжаттар топтамасы толық ұсынылмаған (Стандарттың 9-тармағы)",
            ],
            Reading::Something,
        );
    }

    #[test]
    fn hedged_or_mixed_answers_are_unclear() {
        check(
            &[
                "Меры приняты частично",
                "Коллизий нет, однако пункт 5 допускает двоякое толкование",
                "Нет чёткого порядка согласования с другими органами",
                "Ішінара реттелген",
                "Partly regulated",
                "In some cases the deadline was extended",
            ],
            Reading::Unclear,
        );
    }

    #[test]
    fn blank_is_not_an_answer() {
        check(&["", "   ", "\n"], Reading::Blank);
        check(&["-", "—", "–"], Reading::Nothing);
    }
}
