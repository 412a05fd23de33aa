//! What the answers add up to: progress, totals over items, shares, and the problems the form's
//! relations find. A pure function of the questionnaire and the session.

use crate::answer::Answer;
use crate::i18n::Lang;
use crate::questionnaire::{
    Condition, FieldType, Op, Questionnaire, Section, Severity, SummaryKind, Term,
};
use crate::session::{Session, is_answered, slots};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    pub answered: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionProgress {
    pub id: String,
    pub answered: usize,
    pub total: usize,
    pub items: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// A count indicator added up over the items.
    Total,
    /// A declared sum of indicators.
    Sum,
    /// A declared share, in percent.
    Share,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// `section.id`
    pub key: String,
    pub section: String,
    pub id: String,
    pub kind: FigureKind,
    pub label: String,
    /// None for a share whose denominator is 0.
    pub value: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    /// None for the header.
    pub section: Option<String>,
    /// 1-based item number in a repeatable annex.
    pub item: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_name: Option<String>,
    pub rule: String,
    /// The ids of the fields the relation names, to mark and jump to.
    pub fields: Vec<String>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub progress: Progress,
    pub sections: Vec<SectionProgress>,
    pub totals: BTreeMap<String, u64>,
    pub indicators: Vec<Figure>,
    pub problems: Vec<Problem>,
}

impl Summary {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count()
    }
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.indicators.iter().find(|f| f.key == key)
    }
}

/// The sum of a side over one block; None while any indicator on it is unanswered.
fn side(s: &Session, sec: &str, item: Option<usize>, terms: &[Term]) -> Option<u64> {
    terms.iter().try_fold(0u64, |acc, t| {
        let v = match t {
            Term::Const(c) => *c,
            Term::Id(id) => s.count(sec, item, id)?,
        };
        Some(acc.saturating_add(v))
    })
}

fn holds(s: &Session, sec: &str, item: Option<usize>, c: &Condition) -> Option<bool> {
    Some(c.op.holds(side(s, sec, item, &c.left)?, side(s, sec, item, &c.right)?))
}

fn ids_of(terms: &[Term]) -> impl Iterator<Item = &String> {
    terms.iter().filter_map(|t| match t {
        Term::Id(id) => Some(id),
        Term::Const(_) => None,
    })
}

/// The relations that fail in one block of a section.
pub fn block_problems(sec: &Section, s: &Session, item: Option<usize>, lang: Lang) -> Vec<Problem> {
    let mut out = Vec::new();
    for r in &sec.rules {
        if let Some(w) = &r.when
            && holds(s, &sec.id, item, w) != Some(true)
        {
            continue;
        }
        let (Some(l), Some(rt)) = (
            side(s, &sec.id, item, &r.left),
            side(s, &sec.id, item, &r.right),
        ) else {
            continue;
        };
        if r.op.holds(l, rt) {
            continue;
        }
        let message = r
            .message
            .get(lang)
            .replace("{left}", &l.to_string())
            .replace("{right}", &rt.to_string());
        out.push(Problem {
            severity: r.severity,
            section: Some(sec.id.clone()),
            item: item.map(|i| i + 1),
            item_name: item
                .and_then(|i| s.item_name(&sec.id, i))
                .map(str::to_owned),
            rule: r.id.clone(),
            fields: ids_of(&r.left).chain(ids_of(&r.right)).cloned().collect(),
            message,
        });
    }
    out
}

fn header_problems(q: &Questionnaire, s: &Session, lang: Lang) -> Vec<Problem> {
    let mut out = Vec::new();
    for h in &q.header {
        let Some(before) = &h.not_before else {
            continue;
        };
        let month = |id: &str| {
            let f = q.header_field(id)?;
            Answer::from_json(f.kind, s.header.get(id)?)
                .ok()?
                .month_index()
        };
        if let (Some(to), Some(from)) = (month(&h.id), month(before))
            && to < from
        {
            let (kk, ru, en) = (
                "Кезеңнің соңы басынан бұрын тұр",
                "Конец периода раньше его начала",
                "The period ends before it starts",
            );
            out.push(Problem {
                severity: Severity::Error,
                section: None,
                item: None,
                item_name: None,
                rule: format!("{}_not_before_{}", h.id, before),
                fields: vec![before.clone(), h.id.clone()],
                message: match lang {
                    Lang::Kk => kk,
                    Lang::Ru => ru,
                    Lang::En => en,
                }
                .to_owned(),
            });
        }
    }
    out
}

/// A share in percent with one decimal; none for a zero denominator.
pub fn share(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0).then(|| (numerator as f64 * 1000.0 / denominator as f64).round() / 10.0)
}

pub fn summarize(q: &Questionnaire, s: &Session, lang: Lang) -> Summary {
    let mut problems = header_problems(q, s, lang);
    let mut totals = BTreeMap::new();
    let mut indicators = Vec::new();
    let mut sections = Vec::new();
    let mut answered = 0;
    let mut total = 0;

    let all = slots(q, s);
    for (slot, kind) in &all {
        if is_answered(s, slot, *kind) {
            answered += 1;
        }
    }
    total += all.len();

    for sec in &q.sections {
        let blocks: Vec<Option<usize>> = if sec.is_repeat() {
            (0..s.item_count(&sec.id)).map(Some).collect()
        } else {
            vec![None]
        };
        let first = problems.len();
        for b in &blocks {
            problems.extend(block_problems(sec, s, *b, lang));
        }
        let (errors, warnings) =
            problems[first..]
                .iter()
                .fold((0, 0), |(e, w), p| match p.severity {
                    Severity::Error => (e + 1, w),
                    Severity::Warning => (e, w + 1),
                });
        let sum_over = |ids: &[String]| -> u64 {
            blocks
                .iter()
                .flat_map(|b| ids.iter().map(move |id| (b, id)))
                .filter_map(|(b, id)| s.count(&sec.id, *b, id))
                .fold(0u64, u64::saturating_add)
        };
        for ind in sec.indicators.iter().filter(|i| i.kind == FieldType::Count) {
            let v = sum_over(std::slice::from_ref(&ind.id));
            let key = format!("{}.{}", sec.id, ind.id);
            totals.insert(key.clone(), v);
            indicators.push(Figure {
                key,
                section: sec.id.clone(),
                id: ind.id.clone(),
                kind: FigureKind::Total,
                label: ind.text.get(lang).to_owned(),
                value: Some(v as f64),
            });
        }
        for d in q.summary.iter().filter(|d| d.section == sec.id) {
            let key = format!("{}.{}", sec.id, d.id);
            let (kind, value) = match d.kind {
                SummaryKind::Sum => {
                    let v = sum_over(&d.of);
                    totals.insert(key.clone(), v);
                    (FigureKind::Sum, Some(v as f64))
                }
                SummaryKind::Share => (
                    FigureKind::Share,
                    share(sum_over(&d.numerator), sum_over(&d.denominator)),
                ),
            };
            indicators.push(Figure {
                key,
                section: sec.id.clone(),
                id: d.id.clone(),
                kind,
                label: d.label.get(lang).to_owned(),
                value,
            });
        }
        let (sa, st) = all
            .iter()
            .filter(|(slot, _)| slot_section(slot) == Some(sec.id.as_str()))
            .fold((0, 0), |(a, t), (slot, kind)| {
                (a + usize::from(is_answered(s, slot, *kind)), t + 1)
            });
        sections.push(SectionProgress {
            id: sec.id.clone(),
            answered: sa,
            total: st,
            items: s.item_count(&sec.id),
            errors,
            warnings,
        });
    }
    Summary {
        progress: Progress { answered, total },
        sections,
        totals,
        indicators,
        problems,
    }
}

fn slot_section(slot: &crate::session::Slot) -> Option<&str> {
    use crate::session::Slot;
    match slot {
        Slot::Header { .. } => None,
        Slot::ItemName { section, .. } | Slot::Answer { section, .. } => Some(section),
    }
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Eq => "=",
            Op::Ge => "≥",
            Op::Gt => ">",
        }
    }
}
