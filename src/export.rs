//! Reports out. The filled form is first laid out as the form's own tables (`FormDocument`, a function
//! of the questionnaire and the session); Word, HTML and Markdown only render that layout, so the three
//! cannot disagree. CSV and JSON are flat dumps of the answers.

mod aggregate_out;
mod analytical;
mod csv_out;
mod docx_out;
mod html_out;
mod json_out;
mod md_out;
mod xlsx_out;

pub use aggregate_out::{aggregate_csv, aggregate_text};
pub use analytical::analytical_report;
pub use csv_out::{CsvStyle, to_csv};
pub use docx_out::to_docx;
pub use html_out::to_html;
pub use json_out::to_json;
pub use md_out::to_markdown;
pub use xlsx_out::{aggregate_xlsx, report_xlsx};

use crate::answer::Answer;
use crate::i18n::{Lang, month_name};
use crate::questionnaire::{Field, Questionnaire, Section};
use crate::session::{Session, Slot};
use crate::ui_text::Ui;

/// What an unanswered place shows: visibly blank, as on a paper form.
pub const BLANK: &str = "__________";

/// How many empty rows a blank form gives each repeatable annex.
pub const BLANK_ROWS: usize = 3;

/// One table of the form: an annex.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnexTable {
    pub section: String,
    /// "1-қосымша"
    pub label: String,
    pub title: String,
    pub instructions: Option<String>,
    pub columns: Vec<String>,
    /// Relative widths of the columns.
    pub widths: Vec<u32>,
    /// Rows of cells; a cell is a list of paragraphs.
    pub rows: Vec<Vec<Vec<String>>>,
    /// Who of the working group entered the annex's answers («Внесли ответы: alice, bob»), from the
    /// report's history (`export --entered-by`).
    pub entered_by: Option<String>,
}

/// Name under each annex of `doc` who entered its answers, from the report's `history`: each
/// account once, the one who entered most first.
pub fn add_entered_by(doc: &mut FormDocument, history: &[crate::changes::Entry]) {
    let lang = doc.lang;
    for t in &mut doc.tables {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for e in history.iter().filter(|e| {
            e.section.as_deref() == Some(t.section.as_str())
                && matches!(
                    e.what,
                    crate::changes::What::Set | crate::changes::What::Chosen
                )
        }) {
            match counts.iter_mut().find(|(u, _)| *u == e.user) {
                Some((_, n)) => *n += 1,
                None => counts.push((e.user.clone(), 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        if !counts.is_empty() {
            let names: Vec<String> = counts.into_iter().map(|(u, _)| u).collect();
            t.entered_by = Some(format!("{}: {}", Ui::EnteredBy.get(lang), names.join(", ")));
        }
    }
}

/// One block of running text.
#[derive(Clone, Debug, PartialEq)]
pub enum Para {
    /// A numbered section's heading: «1. Вводная часть».
    Heading(String),
    Subheading(String),
    Text(String),
    /// Table number `n` of `tables`, here in the text.
    Table(usize),
}

/// The filled form, laid out as the form is printed.
#[derive(Clone, Debug, PartialEq)]
pub struct FormDocument {
    pub lang: Lang,
    /// A4 portrait (the analytical report) rather than landscape (the form's wide tables).
    pub portrait: bool,
    /// The approval block, top right: "APPROVED", the organisation, the head.
    pub approval: Vec<String>,
    /// The act the form follows.
    pub basis: Option<String>,
    pub title: String,
    pub organisation: String,
    pub period: String,
    /// The running text after the title block (the analytical report's sections).
    pub paragraphs: Vec<Para>,
    pub tables: Vec<AnnexTable>,
    /// Lines after the tables (the working group's signatures).
    pub closing: Vec<String>,
    /// The empty form, to print and fill by hand: room to write in.
    pub blank: bool,
    /// When the report was started and last changed (RFC 3339), for the document's properties.
    pub created: Option<String>,
    pub modified: Option<String>,
}

/// Where a signature goes.
pub const SIGN: &str = "______________________________";

/// The period as an official writes it: «январь – июнь 2017 г.», «2017 ж. қаңтар – маусым», the year
/// once when both months are in it; a blank for a month not yet given.
fn period_text(from: Option<Answer>, to: Option<Answer>, lang: Lang) -> String {
    let month = |v: &Option<Answer>| match v {
        Some(Answer::Month { year, month }) => Some((*year, month_name(*month, lang))),
        _ => None,
    };
    let with_year = |m: Option<(u16, &str)>| match (m, lang) {
        (Some((y, name)), Lang::Kk) => format!("{y} ж. {name}"),
        (Some((y, name)), Lang::Ru) => format!("{name} {y} г."),
        (Some((y, name)), Lang::En) => format!("{name} {y}"),
        (None, _) => BLANK.to_owned(),
    };
    match (month(&from), month(&to)) {
        (Some((y1, a)), Some((y2, b))) if y1 == y2 => match lang {
            Lang::Kk => format!("{y1} ж. {a} – {b}"),
            Lang::Ru => format!("{a} – {b} {y1} г."),
            Lang::En => format!("{a} – {b} {y1}"),
        },
        (a, b) => format!("{} – {}", with_year(a), with_year(b)),
    }
}

/// The value of one field in a document: its answer, or the blank.
pub fn value_text(s: &Session, q_field: &Field, slot: &Slot, lang: Lang) -> String {
    match s.typed(q_field.kind, slot) {
        Some(Ok(Answer::YesNo { yes, comment })) => crate::present::yes_no(yes, &comment, lang),
        Some(Ok(a)) => a.display(lang),
        _ => BLANK.to_owned(),
    }
}

fn indicator_lines(sec: &Section, s: &Session, item: Option<usize>, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut group: Option<&str> = None;
    for f in &sec.indicators {
        if f.group.as_deref() != group {
            group = f.group.as_deref();
            if let Some(g) = group.and_then(|g| sec.group(g)) {
                out.push(format!("{}:", g.text.get(lang)));
            }
        }
        let slot = Slot::Answer {
            section: sec.id.clone(),
            item,
            field: f.id.clone(),
        };
        let dash = if f.group.is_some() { "– " } else { "" };
        out.push(format!(
            "{dash}{}: {}",
            f.text.get(lang),
            value_text(s, f, &slot, lang)
        ));
    }
    out
}

fn question_lines(sec: &Section, s: &Session, item: Option<usize>, lang: Lang) -> Vec<String> {
    sec.questions
        .iter()
        .map(|f| {
            let slot = Slot::Answer {
                section: sec.id.clone(),
                item,
                field: f.id.clone(),
            };
            format!(
                "{}. {}: {}",
                f.number,
                f.text.get(lang),
                value_text(s, f, &slot, lang)
            )
        })
        .collect()
}

fn annex_table(sec: &Section, s: &Session, lang: Lang, blank_rows: usize) -> AnnexTable {
    let no = Ui::ColNo.get(lang).to_owned();
    let items: Vec<Option<usize>> = if sec.is_repeat() {
        let n = s.item_count(&sec.id);
        // An annex with no items still prints as an empty table with blank rows to fill by hand.
        if n == 0 {
            (0..blank_rows.max(1)).map(|_| None).collect()
        } else {
            (0..n).map(Some).collect()
        }
    } else {
        vec![None]
    };
    let name_of = |i: Option<usize>| -> String {
        i.and_then(|i| s.item_name(&sec.id, i))
            .map_or_else(|| BLANK.to_owned(), str::to_owned)
    };
    let (columns, widths, rows) = if sec.indicators.is_empty() {
        // The legal-acts table: one column per question, after the act's name.
        let mut columns = vec![
            no,
            sec.repeat
                .as_ref()
                .map_or(String::new(), |r| r.name.get(lang).to_owned()),
        ];
        columns.extend(sec.questions.iter().map(|f| f.text.get(lang).to_owned()));
        let mut widths = vec![4, 20];
        widths.extend(sec.questions.iter().map(|_| 19));
        let rows = items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let mut row = vec![vec![(n + 1).to_string()], vec![name_of(*i)]];
                for f in &sec.questions {
                    let slot = Slot::Answer {
                        section: sec.id.clone(),
                        item: *i,
                        field: f.id.clone(),
                    };
                    let v = if i.is_some() {
                        value_text(s, f, &slot, lang)
                    } else {
                        BLANK.to_owned()
                    };
                    row.push(vec![v]);
                }
                row
            })
            .collect();
        (columns, widths, rows)
    } else if let Some(r) = &sec.repeat {
        let columns = vec![
            no,
            r.name.get(lang).to_owned(),
            Ui::ColQuantitative.get(lang).to_owned(),
            Ui::ColQualitative.get(lang).to_owned(),
        ];
        let rows = items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let blank_item = i.is_none();
                let ind = indicator_lines(sec, if blank_item { &EMPTY } else { s }, *i, lang);
                let qs = question_lines(sec, if blank_item { &EMPTY } else { s }, *i, lang);
                vec![vec![(n + 1).to_string()], vec![name_of(*i)], ind, qs]
            })
            .collect();
        (columns, vec![4, 16, 30, 50], rows)
    } else {
        let columns = vec![
            no,
            Ui::ColQuantitative.get(lang).to_owned(),
            Ui::ColQualitative.get(lang).to_owned(),
        ];
        let rows = vec![vec![
            vec!["1".to_owned()],
            indicator_lines(sec, s, None, lang),
            question_lines(sec, s, None, lang),
        ]];
        (columns, vec![4, 40, 56], rows)
    };
    AnnexTable {
        section: sec.id.clone(),
        label: sec.label.get(lang).to_owned(),
        title: sec.title.get(lang).to_owned(),
        instructions: sec.instructions.as_ref().map(|t| t.get(lang).to_owned()),
        entered_by: None,
        columns,
        widths,
        rows,
    }
}

/// A session with nothing in it, for the blank rows of an annex.
static EMPTY: std::sync::LazyLock<Session> = std::sync::LazyLock::new(|| Session {
    format: String::new(),
    questionnaire: crate::session::FormRef {
        id: String::new(),
        version: String::new(),
        extra: Default::default(),
    },
    language: None,
    created: None,
    modified: None,
    header: Default::default(),
    sections: Default::default(),
    cursor: None,
    cursors: Default::default(),
    conflicts: Vec::new(),
    previous: None,
    extra: Default::default(),
});

/// Lay out the form, filled from `s` (or blank with `None`), in `lang`.
pub fn form_document(q: &Questionnaire, s: Option<&Session>, lang: Lang) -> FormDocument {
    let s = s.unwrap_or(&EMPTY);
    let header = |id: &str| -> Option<String> {
        let v = s.header.get(id)?.as_str()?.trim().to_owned();
        (!v.is_empty()).then_some(v)
    };
    let organisation = header("organisation").unwrap_or_else(|| BLANK.to_owned());
    let head = header("head").unwrap_or_else(|| BLANK.to_owned());
    let month = |id: &str| {
        q.header_field(id)
            .and_then(|f| {
                s.typed(
                    f.kind,
                    &Slot::Header {
                        field: id.to_owned(),
                    },
                )
            })
            .and_then(Result::ok)
    };
    let period = format!(
        "{}: {}",
        Ui::PeriodAnalysed.get(lang),
        period_text(month("period_from"), month("period_to"), lang)
    );
    let blank_rows = if s.sections.is_empty() { BLANK_ROWS } else { 1 };
    FormDocument {
        lang,
        approval: vec![
            Ui::Approve.get(lang).to_owned(),
            organisation.clone(),
            format!("{SIGN} {head}"),
            Ui::DateLine.get(lang).to_owned(),
        ],
        basis: q.basis.as_ref().map(|b| b.get(lang).to_owned()),
        title: q.title.get(lang).to_owned(),
        organisation,
        period,
        portrait: false,
        paragraphs: Vec::new(),
        tables: q
            .sections
            .iter()
            .map(|sec| annex_table(sec, s, lang, blank_rows))
            .collect(),
        closing: Vec::new(),
        blank: s.sections.is_empty(),
        created: s.created.clone(),
        modified: s.modified.clone(),
    }
}
