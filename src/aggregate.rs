//! Consolidated figures of many reports of the same form: one row per organisation, and a total row
//! whose shares are computed from the summed counts (not averaged).

use crate::i18n::Lang;
use crate::questionnaire::{Questionnaire, SummaryKind};
use crate::session::Session;
use crate::summary::{FigureKind, quotient, summarize};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub file: String,
    pub organisation: String,
    pub complete: bool,
    /// `section.id` → value: every count's total and every declared sum and share.
    pub figures: BTreeMap<String, Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    pub key: String,
    pub section: String,
    /// A short heading: the indicator's number, or `S1`, `S2` … for the declared figures.
    pub short: String,
    pub kind: FigureKind,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Aggregate {
    pub questionnaire: String,
    pub version: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub total: Row,
    pub incomplete: Vec<String>,
}

/// The columns, in form order: per annex, each count, then the declared figures.
pub fn columns(q: &Questionnaire, lang: Lang) -> Vec<Column> {
    let mut out = Vec::new();
    for sec in &q.sections {
        for ind in &sec.indicators {
            out.push(Column {
                key: format!("{}.{}", sec.id, ind.id),
                section: sec.id.clone(),
                short: crate::i18n::field_number(&ind.number, lang),
                kind: FigureKind::Total,
                label: sec.field_label(ind, lang),
            });
        }
        for (n, d) in q.summary.iter().filter(|d| d.section == sec.id).enumerate() {
            out.push(Column {
                key: format!("{}.{}", sec.id, d.id),
                section: sec.id.clone(),
                short: format!("S{}", n + 1),
                kind: match d.kind {
                    SummaryKind::Sum => FigureKind::Sum,
                    SummaryKind::Share => FigureKind::Share,
                    SummaryKind::Ratio => FigureKind::Ratio,
                },
                label: d.label.get(lang).to_owned(),
            });
        }
    }
    out
}

/// `reports`: (file name, session), all on `q`.
pub fn aggregate(q: &Questionnaire, reports: &[(String, Session)], lang: Lang) -> Aggregate {
    let mut rows = Vec::new();
    let mut sums: BTreeMap<String, u64> = BTreeMap::new();
    for (file, s) in reports {
        let sum = summarize(q, s, lang);
        for (k, v) in &sum.totals {
            *sums.entry(k.clone()).or_default() += v;
        }
        let organisation = s
            .header
            .get("organisation")
            .and_then(|v| v.as_str())
            .unwrap_or(file)
            .to_owned();
        rows.push(Row {
            file: file.clone(),
            organisation,
            complete: sum.progress.answered == sum.progress.total && sum.errors() == 0,
            figures: sum
                .indicators
                .iter()
                .map(|f| (f.key.clone(), f.value))
                .collect(),
        });
    }
    let total_of = |sec: &str, ids: &[String]| -> u64 {
        ids.iter()
            .map(|id| sums.get(&format!("{sec}.{id}")).copied().unwrap_or(0))
            .sum()
    };
    let mut figures: BTreeMap<String, Option<f64>> = sums
        .iter()
        .map(|(k, v)| (k.clone(), Some(*v as f64)))
        .collect();
    for d in &q.summary {
        if d.kind != SummaryKind::Sum {
            let v = quotient(
                d.kind,
                total_of(&d.section, &d.numerator),
                total_of(&d.section, &d.denominator),
            );
            figures.insert(format!("{}.{}", d.section, d.id), v);
        }
    }
    let incomplete = rows
        .iter()
        .filter(|r| !r.complete)
        .map(|r| r.file.clone())
        .collect();
    Aggregate {
        questionnaire: q.id.clone(),
        version: q.version.clone(),
        columns: columns(q, lang),
        rows,
        total: Row {
            file: String::new(),
            organisation: crate::ui_text::Ui::Total.get(lang).to_owned(),
            complete: true,
            figures,
        },
        incomplete,
    }
}
