//! Findings: the corruption-risk factors the answers show, by the rules the questionnaire carries.
//! A function of the questionnaire and the session, like the summary.

use crate::answer::{Answer, yes_no_word};
use crate::i18n::Lang;
use crate::questionnaire::{FindingRule, Questionnaire, Section, When};
use crate::session::{Session, Slot};
use crate::summary::holds;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub section: String,
    /// 1-based, in a repeatable annex.
    pub item: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_name: Option<String>,
    /// The fields the rule read, to jump to.
    pub fields: Vec<String>,
    /// "13. Direct contact with the service recipient: yes. …" for each answered field the rule read.
    pub evidence: Vec<String>,
    pub title: String,
    pub explanation: String,
    pub recommendation: String,
}

/// Whether a text answer says nothing: blank, or «жоқ / нет / none» and the like.
pub fn says_none(text: &str) -> bool {
    let t: String = text
        .trim()
        .trim_end_matches(['.', '!', ';', ','])
        .trim()
        .to_lowercase();
    matches!(
        t.as_str(),
        "" | "-"
            | "—"
            | "–"
            | "жоқ"
            | "жок"
            | "жоқ жоқ"
            | "нет"
            | "none"
            | "no"
            | "n/a"
            | "отсутствует"
            | "не было"
            | "болған жоқ"
            | "орын алған жоқ"
    )
}

/// One answer as a line of evidence, in the language.
pub fn answer_line(
    sec: &Section,
    s: &Session,
    item: Option<usize>,
    id: &str,
    lang: Lang,
) -> Option<String> {
    let f = sec.field(id)?;
    let slot = Slot::Answer {
        section: sec.id.clone(),
        item,
        field: id.to_owned(),
    };
    let value = match s.typed(f.kind, &slot)?.ok()? {
        Answer::YesNo { yes, comment } if comment.is_empty() => yes_no_word(yes, lang).to_owned(),
        Answer::YesNo { yes, comment } => format!("{}. {comment}", yes_no_word(yes, lang)),
        a => a.display(lang),
    };
    Some(format!("{}. {}: {value}", f.number, f.text.get(lang)))
}

fn yes_no(sec: &Section, s: &Session, item: Option<usize>, id: &str) -> Option<bool> {
    let slot = Slot::Answer {
        section: sec.id.clone(),
        item,
        field: id.to_owned(),
    };
    match s.typed(sec.field(id)?.kind, &slot)?.ok()? {
        Answer::YesNo { yes, .. } => Some(yes),
        _ => None,
    }
}

fn text(sec: &Section, s: &Session, item: Option<usize>, id: &str) -> Option<String> {
    s.answers(&sec.id, item)?
        .get(id)?
        .as_str()
        .map(str::to_owned)
}

pub fn when_holds(w: &When, sec: &Section, s: &Session, item: Option<usize>) -> bool {
    match w {
        When::Yes(id) => yes_no(sec, s, item, id) == Some(true),
        When::No(id) => yes_no(sec, s, item, id) == Some(false),
        When::Described(id) => text(sec, s, item, id).is_some_and(|t| !says_none(&t)),
        When::Undescribed(id) => text(sec, s, item, id).is_none_or(|t| says_none(&t)),
        When::Compare(c) => holds(s, &sec.id, item, c) == Some(true),
        When::All(ws) => ws.iter().all(|w| when_holds(w, sec, s, item)),
        When::Any(ws) => ws.iter().any(|w| when_holds(w, sec, s, item)),
    }
}

fn finding(
    r: &FindingRule,
    sec: &Section,
    s: &Session,
    item: Option<usize>,
    lang: Lang,
) -> Finding {
    let fields = r.when.fields();
    Finding {
        rule: r.id.clone(),
        section: sec.id.clone(),
        item: item.map(|i| i + 1),
        item_name: item
            .and_then(|i| s.item_name(&sec.id, i))
            .map(str::to_owned),
        evidence: fields
            .iter()
            .filter_map(|id| answer_line(sec, s, item, id, lang))
            .collect(),
        fields,
        title: r.title.get(lang).to_owned(),
        explanation: r.explanation.get(lang).to_owned(),
        recommendation: r.recommendation.get(lang).to_owned(),
    }
}

/// The findings of one block of `sec`.
pub fn block_findings(
    q: &Questionnaire,
    sec: &Section,
    s: &Session,
    item: Option<usize>,
    lang: Lang,
) -> Vec<Finding> {
    q.findings
        .iter()
        .filter(|r| r.section == sec.id && when_holds(&r.when, sec, s, item))
        .map(|r| finding(r, sec, s, item, lang))
        .collect()
}

/// Every finding, annex by annex, item by item, in the questionnaire's order of rules.
pub fn findings(q: &Questionnaire, s: &Session, lang: Lang) -> Vec<Finding> {
    let mut out = Vec::new();
    for sec in &q.sections {
        if sec.is_repeat() {
            for i in 0..s.item_count(&sec.id) {
                out.extend(block_findings(q, sec, s, Some(i), lang));
            }
        } else {
            out.extend(block_findings(q, sec, s, None, lang));
        }
    }
    out
}
