//! Findings: the corruption-risk factors the answers show, by the rules the questionnaire carries.
//! A function of the questionnaire and the session, like the summary.

use crate::answer::Answer;
use crate::conditions::Unanswered;
use crate::i18n::Lang;
use crate::questionnaire::{
    Field, FieldType, FindingRule, FindingSeverity, Questionnaire, Section, Term, When,
};
use crate::reading::{Reading, read};
use crate::session::{Session, Slot};
use crate::ui_text::Ui;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub section: String,
    /// 1-based, in a repeatable annex.
    pub item: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_name: Option<String>,
    /// Risk, to review, or figures that do not add up.
    pub severity: FindingSeverity,
    /// The fields the rule read, to jump to.
    pub fields: Vec<String>,
    /// The answers behind it, in the form's own numbering («13. Direct contact …: yes. …»; the
    /// quantitative indicators by their names), zero counts left out, blanks the rule read said to be
    /// not reported.
    pub evidence: Vec<String>,
    pub title: String,
    pub explanation: String,
    pub recommendation: String,
}

/// Whether a text answer says nothing, by the questionnaire's phrase lists: blank, «жоқ», «не
/// выявлено», «анықталған жоқ», "none found"… (see `reading`).
pub fn says_none(q: &Questionnaire, text: &str) -> bool {
    matches!(read(text, &q.readings), Reading::Blank | Reading::Nothing)
}

/// A field's number as the form prints it: the question's own («13.», annex 2's second «16.»), none
/// for a quantitative indicator (its Q-number is this program's, not the form's).
fn form_number(f: &Field) -> Option<String> {
    if f.number.starts_with('Q') {
        return None;
    }
    Some(f.source_label.clone().unwrap_or_else(|| f.number.clone()))
}

fn slot(sec: &Section, item: Option<usize>, id: &str) -> Slot {
    Slot::Answer {
        section: sec.id.clone(),
        item,
        field: id.to_owned(),
    }
}

/// One answer as a line of evidence, in the language; `None` for a zero count (unless
/// `zero_counts`: a side of the comparison that adds up to 0) or an unanswered field (unless
/// `blank_counts`: the rule read it, and "not reported" is part of the evidence).
pub fn answer_line(
    sec: &Section,
    s: &Session,
    item: Option<usize>,
    id: &str,
    lang: Lang,
    (blank_counts, zero_counts): (bool, bool),
) -> Option<String> {
    let f = sec.field(id)?;
    // A breakdown's part reads with its group: «Penalties applied: remark».
    let text = sec.field_label(f, lang);
    let label = match form_number(f) {
        // «13-сұрақ.» in Kazakh: a bare «13.» in a table's cell reads as the cell's list.
        Some(n) if lang == Lang::Kk => format!("{n}-сұрақ. {text}"),
        Some(n) => format!("{n}. {text}"),
        None => text,
    };
    let value = match s.typed(f.kind, &slot(sec, item, id)) {
        None | Some(Err(_)) if blank_counts => Ui::NotReported.get(lang).to_owned(),
        None | Some(Err(_)) => return None,
        Some(Ok(Answer::Count(0))) if !zero_counts => return None,
        Some(Ok(a)) => a.display(lang),
    };
    Some(format!("{label}: {value}"))
}

fn yes_no(sec: &Section, s: &Session, item: Option<usize>, id: &str) -> Option<bool> {
    match s.typed(sec.field(id)?.kind, &slot(sec, item, id))?.ok()? {
        Answer::YesNo { yes, .. } => Some(yes),
        _ => None,
    }
}

fn text_reading(
    q: &Questionnaire,
    sec: &Section,
    s: &Session,
    item: Option<usize>,
    id: &str,
) -> Reading {
    match s.typed(FieldType::Text, &slot(sec, item, id)) {
        Some(Ok(Answer::Text(t))) => read(&t, &q.readings),
        Some(Ok(Answer::Nothing)) => Reading::Nothing,
        _ => Reading::Blank,
    }
}

/// How an unclear text counts: not at all (what the answers show), or as either reading (what they
/// might show: a "to review" item).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Strict,
    Generous,
}

fn holds(
    w: &When,
    q: &Questionnaire,
    sec: &Section,
    s: &Session,
    item: Option<usize>,
    mode: Mode,
) -> bool {
    let generous = mode == Mode::Generous;
    match w {
        When::Yes(id) => yes_no(sec, s, item, id) == Some(true),
        When::No(id) => yes_no(sec, s, item, id) == Some(false),
        When::Described(id) => match text_reading(q, sec, s, item, id) {
            Reading::Something => true,
            Reading::Unclear => generous,
            Reading::Blank | Reading::Nothing => false,
        },
        When::Undescribed(id) => match text_reading(q, sec, s, item, id) {
            Reading::Blank | Reading::Nothing => true,
            Reading::Unclear => generous,
            Reading::Something => false,
        },
        // A finding compares what the report says: an unanswered count is 0.
        When::Compare(c) => {
            crate::conditions::holds(s, &sec.id, item, c, Unanswered::Zero) == Some(true)
        }
        When::Below { field, value } => matches!(
            s.typed(FieldType::Percent, &slot(sec, item, field)),
            Some(Ok(Answer::Percent(p))) if p < *value
        ),
        When::All(ws) => ws.iter().all(|w| holds(w, q, sec, s, item, mode)),
        When::Any(ws) => ws.iter().any(|w| holds(w, q, sec, s, item, mode)),
    }
}

/// Whether a rule finds, and how surely: its own severity when the answers show it, "to review" when
/// only an unclear answer would make it hold.
pub fn rule_holds(
    r: &FindingRule,
    q: &Questionnaire,
    sec: &Section,
    s: &Session,
    item: Option<usize>,
) -> Option<FindingSeverity> {
    if holds(&r.when, q, sec, s, item, Mode::Strict) {
        Some(r.severity)
    } else if holds(&r.when, q, sec, s, item, Mode::Generous) {
        Some(FindingSeverity::Review)
    } else {
        None
    }
}

/// The counts a rule compares: blank, they are "not reported" in its evidence. Into `zeros`, those
/// of a side that adds up to 0 in this block: «0 investigations» is the fact the rule found, and
/// a line of 0 is said for them (elsewhere a 0 is left out of the evidence).
fn compared(
    w: &When,
    (s, sec, item): (&Session, &str, Option<usize>),
    out: &mut Vec<String>,
    zeros: &mut Vec<String>,
) {
    match w {
        When::Compare(c) => {
            for side in [&c.left, &c.right] {
                let ids = side.iter().filter_map(|t| match t {
                    Term::Id(id) => Some(id.clone()),
                    Term::Const(_) => None,
                });
                let nothing =
                    crate::conditions::side(s, sec, item, side, Unanswered::Zero).unwrap_or(0) == 0;
                if nothing {
                    zeros.extend(ids.clone());
                }
                out.extend(ids);
            }
        }
        When::Undescribed(id) => out.push(id.clone()),
        When::All(ws) | When::Any(ws) => ws
            .iter()
            .for_each(|w| compared(w, (s, sec, item), out, zeros)),
        _ => {}
    }
}

fn finding(
    r: &FindingRule,
    severity: FindingSeverity,
    sec: &Section,
    s: &Session,
    item: Option<usize>,
    lang: Lang,
) -> Finding {
    let fields = r.when.fields();
    let (mut blanks_said, mut zeros_said) = (Vec::new(), Vec::new());
    compared(
        &r.when,
        (s, &sec.id, item),
        &mut blanks_said,
        &mut zeros_said,
    );
    let mut shown = fields.clone();
    for e in &r.evidence {
        if !shown.contains(e) {
            shown.push(e.clone());
        }
    }
    Finding {
        rule: r.id.clone(),
        section: sec.id.clone(),
        item: item.map(|i| i + 1),
        item_name: item
            .and_then(|i| s.item_name(&sec.id, i))
            .map(str::to_owned),
        severity,
        evidence: shown
            .iter()
            .filter_map(|id| {
                let said = (blanks_said.contains(id), zeros_said.contains(id));
                answer_line(sec, s, item, id, lang, said)
            })
            .collect(),
        fields,
        title: r.title.get(lang).to_owned(),
        // Found only by reading an unclear answer one way: said so, before what it would mean.
        explanation: if severity == FindingSeverity::Review && r.severity != FindingSeverity::Review
        {
            format!(
                "{} {}",
                Ui::UnclearAnswer.get(lang),
                r.explanation.get(lang)
            )
        } else {
            r.explanation.get(lang).to_owned()
        },
        recommendation: r.recommendation.get(lang).to_owned(),
    }
}

/// How many of `found` are of `severity`: the conclusion and the findings list count alike.
pub fn count_of(found: &[Finding], severity: FindingSeverity) -> usize {
    found.iter().filter(|f| f.severity == severity).count()
}

/// How a severity is named beside a finding.
pub fn severity_word(s: FindingSeverity) -> Ui {
    match s {
        FindingSeverity::Risk => Ui::SeverityRisk,
        FindingSeverity::Review => Ui::SeverityReview,
        FindingSeverity::Inconsistency => Ui::SeverityInconsistency,
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
        .filter(|r| r.section == sec.id)
        .filter_map(|r| {
            Some(finding(
                r,
                rule_holds(r, q, sec, s, item)?,
                sec,
                s,
                item,
                lang,
            ))
        })
        .collect()
}

/// How many findings `block_findings` would give, without writing them: the live summary counts a
/// block's findings after every typed key, and writing one (its evidence, its numbers) is most of
/// what making it costs.
/// Counted as (all of them, the corruption risks among them): the others are to be checked (a
/// matter for review, an inconsistency in the data), and a report says them apart.
pub fn block_finding_count(
    q: &Questionnaire,
    sec: &Section,
    s: &Session,
    item: Option<usize>,
) -> (usize, usize) {
    q.findings
        .iter()
        .filter(|r| r.section == sec.id)
        .filter_map(|r| rule_holds(r, q, sec, s, item))
        .fold((0, 0), |(all, risks), sev| {
            (all + 1, risks + usize::from(sev == FindingSeverity::Risk))
        })
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
