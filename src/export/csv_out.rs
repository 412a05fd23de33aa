//! One row per place an answer goes, answered or not, for scripts and spreadsheets. Written the way
//! a Kazakh or Russian Excel opens it (see `CsvStyle`): for people, `--format xlsx` is the better file.

use crate::answer::{Answer, yes_no_word};
use crate::i18n::Lang;
use crate::questionnaire::Questionnaire;
use crate::session::{Session, Slot, slots};
use crate::ui_text::Ui;

/// How a CSV is written. Excel in a Russian or Kazakh locale splits columns at `;` (its list
/// separator) and reads `9,1` as a number where `9.1` becomes a date; it takes the encoding from a
/// byte-order mark. Scripts want `,`, points and ids: `--delimiter ,` and `--ids`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvStyle {
    pub delimiter: u8,
    pub decimal_comma: bool,
    /// A UTF-8 byte-order mark first: for a file, not for a pipe.
    pub bom: bool,
    /// Machine headers and ids (`section`, `public_services`) rather than the interface language's.
    pub ids: bool,
}

impl CsvStyle {
    /// The style for `lang`: `;` and the decimal comma in ru and kk, `,` and the point in en.
    pub fn new(lang: Lang, delimiter: Option<u8>, bom: bool, ids: bool) -> CsvStyle {
        let delimiter = delimiter.unwrap_or(match lang {
            Lang::Kk | Lang::Ru => b';',
            Lang::En => b',',
        });
        CsvStyle {
            delimiter,
            decimal_comma: delimiter != b',' && matches!(lang, Lang::Kk | Lang::Ru),
            bom,
            ids,
        }
    }

    /// A number as this style writes it.
    pub fn number(&self, v: f64) -> String {
        let s = v.to_string();
        if self.decimal_comma {
            s.replace('.', ",")
        } else {
            s
        }
    }

    pub fn writer<W: std::io::Write>(&self, mut w: W) -> csv::Writer<W> {
        if self.bom {
            let _ = w.write_all("\u{feff}".as_bytes());
        }
        csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .from_writer(w)
    }
}

/// A text cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`, a phone number
/// `+7 701 …`, `-`, `@`, and the tab and carriage return that smuggle them) is written with a
/// leading apostrophe, which Excel and LibreOffice show as text. Numbers are never guarded.
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

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

/// The headers in the interface language, in the order of `CSV_COLUMNS`.
const CSV_HEADERS: [Ui; 10] = [
    Ui::ColSection,
    Ui::ColItemNumber,
    Ui::ColItemName,
    Ui::ColKind,
    Ui::ColNumber,
    Ui::ColId,
    Ui::ColType,
    Ui::ColQuestion,
    Ui::ColValue,
    Ui::ColComment,
];

pub fn to_csv(q: &Questionnaire, s: &Session, lang: Lang, style: &CsvStyle) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = style.writer(&mut out);
        if style.ids {
            let _ = w.write_record(CSV_COLUMNS);
        } else {
            let _ = w.write_record(CSV_HEADERS.map(|h| h.get(lang)));
        }
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
                    Some(Ok(Answer::Percent(p))) => (style.number(p), String::new()),
                    Some(Ok(a)) => (a.display(Lang::En), String::new()),
                    _ => (String::new(), String::new()),
                },
                _ => (String::new(), String::new()),
            };
            let item_number = item.map_or(String::new(), |i| (i + 1).to_string());
            // Kind and type in the interface language, unless machine ids are asked for.
            let (kind_name, type_name) = if style.ids {
                (kind_name.to_owned(), type_name.to_owned())
            } else {
                let kind_word = match kind_name {
                    "header" => Ui::KindHeader,
                    "name" => Ui::KindName,
                    "indicator" => Ui::KindIndicator,
                    _ => Ui::KindQuestion,
                };
                let type_word = if type_name.is_empty() {
                    String::new()
                } else {
                    crate::present::type_word(kind.or(Some(crate::questionnaire::FieldType::Text)))
                        .get(lang)
                        .to_owned()
                };
                (kind_word.get(lang).to_owned(), type_word)
            };
            let (kind_name, type_name) = (kind_name.as_str(), type_name.as_str());
            let section = match (style.ids, q.section(&section)) {
                (true, _) => section,
                (false, Some(sec)) => sec.label.get(lang).to_owned(),
                (false, None) => Ui::SheetGeneral.get(lang).to_owned(),
            };
            let _ = w.write_record([
                section.as_str(),
                &item_number,
                &guard(&item_name),
                kind_name,
                &number,
                &id,
                type_name,
                &guard(question),
                &guard(&value),
                &guard(&comment),
            ]);
        }
        let _ = w.flush();
    }
    out
}
