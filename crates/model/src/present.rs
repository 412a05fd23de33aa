//! How the model's things are written for people — a figure, an annex's heading, an item's place,
//! a yes/no answer — the same in the editor, the command line, the documents and the consolidation.

use crate::answer::yes_no_word;
use crate::i18n::Lang;
use crate::questionnaire::{Questionnaire, Section};
use crate::summary::FigureKind;
use crate::ui_text::Ui;

/// A figure as a person reads it in `lang`: a share as «12,5%» (a point in English), a ratio as
/// «1,25», a count as is, «—» for a quotient of nothing.
pub fn figure(kind: FigureKind, v: Option<f64>, lang: Lang) -> String {
    match (kind, v) {
        (FigureKind::Share, Some(v)) => crate::i18n::percent(v, lang),
        (FigureKind::Ratio, Some(v)) => crate::i18n::decimal(v, 2, lang),
        (_, Some(v)) => crate::i18n::number(v, lang),
        (_, None) => "—".to_owned(),
    }
}

/// A figure beside the last period's: «93 → 95 (+2,2 %)»; a share or ratio without the change in
/// percent («10% → 12%»); the figure alone where there is no last one. A `partial` figure (some
/// items left it blank) is a floor, «≥ 95», or for a share an estimate, «≈ 12 %», and no change in
/// percent is worked out from it.
pub fn compared(
    kind: FigureKind,
    before: Option<f64>,
    now: Option<f64>,
    partial: bool,
    lang: Lang,
) -> String {
    let now_said = match now {
        Some(_) if partial && kind.is_quotient() => format!("≈\u{a0}{}", figure(kind, now, lang)),
        Some(_) if partial => format!("≥\u{a0}{}", figure(kind, now, lang)),
        _ => figure(kind, now, lang),
    };
    let Some(b) = before else {
        return now_said;
    };
    let arrow = format!("{} → {now_said}", figure(kind, Some(b), lang));
    match (kind, now) {
        (FigureKind::Total | FigureKind::Sum, Some(n)) if b > 0.0 && !partial => {
            let change = (n - b) * 100.0 / b;
            let sign = if change > 0.0 { "+" } else { "" };
            format!("{arrow} ({sign}{})", crate::i18n::percent(change, lang))
        }
        _ => arrow,
    }
}

/// A field type as people call it: «сан» / «число», «иә / жоқ» / «да / нет»…
pub fn type_word(kind: Option<crate::questionnaire::FieldType>) -> crate::ui_text::Ui {
    use crate::questionnaire::FieldType;
    use crate::ui_text::Ui;
    match kind {
        Some(FieldType::Count) => Ui::TypeCount,
        Some(FieldType::Percent) => Ui::TypePercent,
        Some(FieldType::YesNo) => Ui::TypeYesNo,
        Some(FieldType::Month) => Ui::TypeMonth,
        _ => Ui::TypeText,
    }
}

/// A number typed to go to (`Ctrl-G`, `:go`, `history … NUMBER`) in the program's own spelling:
/// «4,10» → «4.10», «4.К9а» or «4.й2» (the Q key on a Cyrillic layout) → «4.q9a», «4.q2».
pub fn typed_number(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ',' => '.',
            // К typed with the Latin letter that looks like it.
            'й' | 'Й' | 'к' | 'К' | 'k' | 'K' => 'q',
            'а' => 'a',
            'б' => 'b',
            'в' => 'c',
            'г' => 'd',
            'д' => 'e',
            c => c,
        })
        .collect()
}

/// «1-қосымша — Мемлекеттік көрсетілетін қызметтер».
pub fn annex_heading(sec: &Section, lang: Lang) -> String {
    format!("{} — {}", sec.label.get(lang), sec.title.get(lang))
}

/// «1.2» for item 2 (0-based 1) of annex 1.
pub fn item_place(q: &Questionnaire, section: &str, item: usize) -> String {
    let num = q.section(section).map_or("?", |s| s.number.as_str());
    format!("{num}.{}", item + 1)
}

/// «1.2 Name», or «1.2» for an item with no name yet.
pub fn item_place_named(
    q: &Questionnaire,
    section: &str,
    item: usize,
    name: Option<&str>,
) -> String {
    let place = item_place(q, section, item);
    match name {
        Some(n) if !n.is_empty() => format!("{place} {n}"),
        _ => place,
    }
}

/// A yes/no answer as the form prints it: «иә», or «иә. Comment».
pub fn yes_no(yes: bool, comment: &str, lang: Lang) -> String {
    if comment.is_empty() {
        yes_no_word(yes, lang).to_owned()
    } else {
        format!("{}. {comment}", yes_no_word(yes, lang))
    }
}

/// "1.2.Q3: …" — annex, item, number and text of a slot, as the user sees it.
pub fn slot_label(
    q: &crate::questionnaire::Questionnaire,
    slot: &crate::session::Slot,
    lang: Lang,
) -> String {
    match slot {
        crate::session::Slot::Header { field } => {
            let text = q
                .header_field(field)
                .map_or(field.as_str(), |h| h.text.get(lang));
            format!("{}: {text}", crate::ui_text::Ui::Header.get(lang))
        }
        crate::session::Slot::ItemName { section, item } => {
            let what = q
                .section(section)
                .and_then(|s| s.repeat.as_ref())
                .map_or(crate::ui_text::Ui::ItemName.get(lang), |r| r.name.get(lang));
            format!("{} {what}", item_place(q, section, *item))
        }
        crate::session::Slot::Answer {
            section,
            item,
            field,
        } => {
            let s = q.section(section);
            let num = s.map_or("?", |s| s.number.as_str());
            // A breakdown's part with its group: «Поступило жалоб (на сотрудника)».
            let (fnum, text) = match s.and_then(|sec| sec.field(field).map(|f| (sec, f))) {
                Some((sec, f)) => (
                    crate::i18n::field_number(&f.number, lang),
                    sec.field_label(f, lang),
                ),
                None => ("?".to_owned(), field.clone()),
            };
            // Numbered as Ctrl-G and the summary's problems write it: «4.К1», «1.2.7».
            match item {
                Some(i) => format!("{}.{fnum}: {text}", item_place(q, section, *i)),
                None => format!("{num}.{fnum}: {text}"),
            }
        }
    }
}

/// How many findings there are, by kind, as the analytical report's conclusion counts them (the
/// risks always, the others where there are some): «Коррупционные риски: 2; несоответствия в
/// данных: 2».
pub fn findings_tally(found: &[crate::findings::Finding], lang: Lang) -> String {
    use crate::questionnaire::FindingSeverity as S;
    let count = |sev| crate::findings::count_of(found, sev);
    let mut out = format!("{}: {}", Ui::Findings.get(lang), count(S::Risk));
    for (sev, what) in [
        (S::Review, Ui::ToCheck),
        (S::Inconsistency, Ui::DataInconsistencies),
    ] {
        let n = count(sev);
        if n > 0 {
            out += &format!("; {}: {n}", what.get(lang));
        }
    }
    out
}
