//! One row per place an answer goes, answered or not, for a spreadsheet. UTF-8 with a byte-order mark,
//! so that Excel opens the Cyrillic intact.

use crate::answer::{Answer, yes_no_word};
use crate::i18n::Lang;
use crate::questionnaire::Questionnaire;
use crate::session::{Session, Slot, slots};

pub const CSV_COLUMNS: [&str; 10] = [
    "section",
    "item_number",
    "item_name",
    "kind",
    "number",
    "id",
    "type",
    "question",
    "value",
    "comment",
];

pub fn to_csv(q: &Questionnaire, s: &Session, lang: Lang) -> Vec<u8> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let _ = w.write_record(CSV_COLUMNS);
        for (slot, kind) in slots(q, s) {
            let (section, item, kind_name, number, id, type_name, question) = match &slot {
                Slot::Header { field } => {
                    let h = q.header_field(field);
                    (
                        "header".to_owned(),
                        None,
                        "header",
                        String::new(),
                        field.clone(),
                        kind.map_or("", |k| k.name()),
                        h.map_or("", |h| h.text.get(lang)),
                    )
                }
                Slot::ItemName { section, item } => {
                    let name = q
                        .section(section)
                        .and_then(|s| s.repeat.as_ref())
                        .map_or("", |r| r.name.get(lang));
                    (
                        section.clone(),
                        Some(*item),
                        "name",
                        String::new(),
                        "name".to_owned(),
                        "text",
                        name,
                    )
                }
                Slot::Answer {
                    section,
                    item,
                    field,
                } => {
                    let sec = q.section(section);
                    let f = sec.and_then(|s| s.field(field));
                    let is_ind = sec.is_some_and(|s| s.indicator(field).is_some());
                    (
                        section.clone(),
                        *item,
                        if is_ind { "indicator" } else { "question" },
                        f.map_or(String::new(), |f| f.number.clone()),
                        field.clone(),
                        kind.map_or("", |k| k.name()),
                        f.map_or("", |f| f.text.get(lang)),
                    )
                }
            };
            let item_name = match (&slot, item) {
                (Slot::Header { .. }, _) | (_, None) => String::new(),
                (_, Some(i)) => s
                    .items(&section)
                    .get(i)
                    .map_or(String::new(), |it| it.name.clone()),
            };
            let (value, comment) = match (&slot, kind) {
                (Slot::ItemName { .. }, _) => (item_name.clone(), String::new()),
                (_, Some(k)) => match s.typed(k, &slot) {
                    Some(Ok(Answer::YesNo { yes, comment })) => {
                        (yes_no_word(yes, lang).to_owned(), comment)
                    }
                    Some(Ok(Answer::Percent(p))) => (p.to_string(), String::new()),
                    Some(Ok(a)) => (a.display(Lang::En), String::new()),
                    _ => (String::new(), String::new()),
                },
                _ => (String::new(), String::new()),
            };
            let item_number = item.map_or(String::new(), |i| (i + 1).to_string());
            let _ = w.write_record([
                section.as_str(),
                &item_number,
                &item_name,
                kind_name,
                &number,
                &id,
                type_name,
                question,
                &value,
                &comment,
            ]);
        }
        let _ = w.flush();
    }
    out
}
