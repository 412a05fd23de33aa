//! What the answers add up to: progress, totals over items, shares, and the problems the form's
//! relations find. A pure function of the questionnaire and the session.

use crate::answer::Answer;
use crate::conditions::Unanswered;
use crate::i18n::Lang;
use crate::questionnaire::{FieldType, Questionnaire, Section, Severity, SummaryKind, Term};
use crate::session::{Session, Slot};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
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
    /// A declared ratio (so many per one), two decimals.
    Ratio,
}

impl FigureKind {
    /// A quotient, which has no value when its denominator is 0.
    pub fn is_quotient(self) -> bool {
        matches!(self, FigureKind::Share | FigureKind::Ratio)
    }
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
    /// Whether any answer went into it: a total of nothing yet entered is 0, and is not compared
    /// with the last period as a fall to 0.
    #[serde(skip)]
    pub answered: bool,
    /// Answered, but not by every item (a total), or not in every part (a sum): what was entered
    /// is a floor of the figure, and is shown as one («≥ 95»); a share of such totals is an
    /// estimate («≈ 12 %»).
    #[serde(skip)]
    pub partial: bool,
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

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub progress: Progress,
    pub sections: Vec<SectionProgress>,
    pub totals: BTreeMap<String, u64>,
    pub indicators: Vec<Figure>,
    pub problems: Vec<Problem>,
    /// How many corruption-risk findings (`saualnama findings` lists them), and how many of them
    /// are corruption risks (the others are to be checked).
    pub findings: usize,
    pub risks: usize,
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
}

/// A relation is checked on whole figures only: a side waits until every count on it is answered.
fn side(s: &Session, sec: &str, item: Option<usize>, terms: &[Term]) -> Option<u64> {
    crate::conditions::side(s, sec, item, terms, Unanswered::Waits)
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
    // Totals left blank under parts that are given, with the parts: each relation that bounds them
    // waits, and nothing said so (К1 blank, К3 = 50: «no errors», and the annex's sums and shares
    // disagreed).
    let mut unchecked: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for r in &sec.rules {
        if let Some(w) = &r.when
            && crate::conditions::holds(s, &sec.id, item, w, Unanswered::Waits) != Some(true)
        {
            continue;
        }
        let (left, right) = (
            side(s, &sec.id, item, &r.left),
            side(s, &sec.id, item, &r.right),
        );
        let (Some(l), Some(rt)) = (left, right) else {
            let blank = |t: &[Term]| ids_of(t).all(|id| s.count(&sec.id, item, id).is_none());
            let total: Vec<String> = ids_of(&r.right).cloned().collect();
            if !total.is_empty()
                && blank(&r.right)
                && ids_of(&r.left).next().is_some()
                && left.is_some()
            {
                let parts = ids_of(&r.left).cloned();
                match unchecked.iter_mut().find(|(t, _)| *t == total) {
                    Some((_, given)) => {
                        for p in parts {
                            if !given.contains(&p) {
                                given.push(p);
                            }
                        }
                    }
                    None => unchecked.push((total, parts.collect())),
                }
            }
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
    let numbers = |ids: &[String]| {
        ids.iter()
            .filter_map(|id| sec.field(id))
            .map(|f| crate::i18n::field_number(&f.number, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (total, given) in unchecked {
        out.push(Problem {
            severity: Severity::Warning,
            section: Some(sec.id.clone()),
            item: item.map(|i| i + 1),
            item_name: item
                .and_then(|i| s.item_name(&sec.id, i))
                .map(str::to_owned),
            rule: format!("unchecked:{}", total.join("+")),
            message: crate::ui_text::Ui::TotalNotGiven
                .get(lang)
                .replace("{total}", &numbers(&total))
                .replace("{parts}", &numbers(&given)),
            // The blank total first: Ctrl-E goes to it.
            fields: total.into_iter().chain(given).collect(),
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

/// A ratio with two decimals; none for a zero denominator.
pub fn ratio(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0).then(|| (numerator as f64 * 100.0 / denominator as f64).round() / 100.0)
}

/// The value of a declared figure of `kind` from its summed numerator and denominator.
pub fn quotient(kind: SummaryKind, numerator: u64, denominator: u64) -> Option<f64> {
    match kind {
        SummaryKind::Ratio => ratio(numerator, denominator),
        _ => share(numerator, denominator),
    }
}

/// Where a block of answers is: the header, or one block of an annex (`item` for a repeatable one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Header,
    Section { index: usize, item: Option<usize> },
}

/// What one block contributes to the summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockStats {
    pub answered: usize,
    pub total: usize,
    /// The section's indicators, in order; None where unanswered.
    pub counts: Vec<Option<u64>>,
    pub problems: Vec<Problem>,
    /// How many corruption-risk findings the block shows, and how many of them are risks.
    pub findings: usize,
    pub risks: usize,
}

fn field_answered(s: &Session, slot: &Slot, kind: FieldType) -> bool {
    s.typed(kind, slot).is_some_and(|r| r.is_ok())
}

/// The stats of one block, computed from scratch: its cost is that of one block, not of the report.
pub fn block_stats(q: &Questionnaire, s: &Session, block: Block, lang: Lang) -> BlockStats {
    match block {
        Block::Header => BlockStats {
            answered: q
                .header
                .iter()
                .filter(|h| {
                    field_answered(
                        s,
                        &Slot::Header {
                            field: h.id.clone(),
                        },
                        h.kind,
                    )
                })
                .count(),
            total: q.header.len(),
            counts: Vec::new(),
            problems: header_problems(q, s, lang),
            findings: 0,
            risks: 0,
        },
        Block::Section { index, item } => {
            let sec = &q.sections[index];
            let answers = s.answers(&sec.id, item);
            let (findings, risks) = crate::findings::block_finding_count(q, sec, s, item);
            let answered_field = |f: &crate::questionnaire::Field| {
                answers
                    .and_then(|a| a.get(&f.id))
                    .is_some_and(|v| Answer::from_json(f.kind, v).is_ok())
            };
            let name = usize::from(item.is_some_and(|i| s.item_name(&sec.id, i).is_some()));
            BlockStats {
                answered: sec.fields().filter(|f| answered_field(f)).count() + name,
                total: sec.fields().count() + usize::from(item.is_some()),
                counts: sec
                    .indicators
                    .iter()
                    .map(|f| answers.and_then(|a| a.get(&f.id)).and_then(|v| v.as_u64()))
                    .collect(),
                problems: block_problems(sec, s, item, lang),
                findings,
                risks,
            }
        }
    }
}

/// Whether a block's stats read the answer to `field` of `sec` only for whether it is answered:
/// not an indicator, and no rule of the section, no finding, reads it. Then its stats with one
/// text typed are its stats with any other (most answers typed into are such texts).
pub fn read_only_as_answered(
    q: &Questionnaire,
    sec: &crate::questionnaire::Section,
    field: &str,
) -> bool {
    let in_terms = |t: &[crate::questionnaire::Term]| ids_of(t).any(|id| id == field);
    sec.indicator(field).is_none()
        && !sec.rules.iter().any(|r| {
            in_terms(&r.left)
                || in_terms(&r.right)
                || r.when
                    .as_ref()
                    .is_some_and(|c| in_terms(&c.left) || in_terms(&c.right))
        })
        && !q.findings.iter().any(|r| {
            r.section == sec.id
                && (r.when.fields().iter().any(|f| f == field)
                    || r.evidence.iter().any(|f| f == field))
        })
}

/// `block_stats` as they would be with `value` in `slot`, a slot of `block`: computed on a copy of
/// that one block (its section's other items shared with the report), so that the report is never
/// touched to preview what is being typed. A block's figures read nothing outside it.
pub fn block_stats_with(
    q: &Questionnaire,
    s: &Session,
    block: Block,
    slot: &Slot,
    value: Option<serde_json::Value>,
    lang: Lang,
) -> BlockStats {
    let mut part = Session {
        format: s.format.clone(),
        questionnaire: s.questionnaire.clone(),
        language: s.language,
        created: None,
        modified: None,
        header: BTreeMap::new(),
        sections: BTreeMap::new(),
        cursor: None,
        previous: None,
        cursors: BTreeMap::new(),
        conflicts: Vec::new(),
        extra: BTreeMap::new(),
    };
    match block {
        Block::Header => part.header = s.header.clone(),
        Block::Section { index, item } => {
            let id = &q.sections[index].id;
            if let Some(sa) = s.sections.get(id) {
                let mut copy = crate::session::SectionAnswers::default();
                match item {
                    // The items are shared, not copied: `set` copies the one it changes.
                    Some(_) => copy.items = sa.items.clone(),
                    None => copy.answers = sa.answers.clone(),
                }
                part.sections.insert(id.clone(), copy);
            }
        }
    }
    part.set(slot, value);
    block_stats(q, &part, block, lang)
}

/// The summary kept up to date block by block: a keystroke that changes one answer recomputes one
/// block and adds the blocks up, instead of reading the whole report again.
#[derive(Clone, Debug)]
pub struct Tally {
    lang: Lang,
    header: BlockStats,
    /// Per section, per block (one for a single annex, one per item for a repeatable one).
    sections: Vec<Vec<BlockStats>>,
    /// Per section, its blocks added up, kept as blocks change: a digit typed in one of a thousand
    /// services does not add up the thousand again.
    sums: Vec<Sums>,
    /// Per section, the keys of its figures («section.id»), its counts' then its summary's, in
    /// the summary's order: written once, not at every digit (they were a third of making it).
    keys: Vec<Vec<String>>,
}

/// A section's blocks added up. Wide enough that taking a block out is exact: the summary's own
/// sums stop at `u64::MAX`, which a subtraction could not undo.
#[derive(Clone, Debug, Default, PartialEq)]
struct Sums {
    answered: usize,
    total: usize,
    findings: usize,
    risks: usize,
    /// Per indicator: its sum, and in how many blocks it is answered.
    counts: Vec<(u128, usize)>,
}

impl Sums {
    fn of<'a>(width: usize, blocks: impl IntoIterator<Item = &'a BlockStats>) -> Sums {
        let mut sums = Sums {
            counts: vec![(0, 0); width],
            ..Sums::default()
        };
        for b in blocks {
            sums.add(b, 1);
        }
        sums
    }

    /// Adds `b` in (`sign` 1) or takes it out (`sign` -1).
    fn add(&mut self, b: &BlockStats, sign: i8) {
        let step = |n: &mut usize, by: usize| {
            *n = if sign > 0 { *n + by } else { *n - by };
        };
        step(&mut self.answered, b.answered);
        step(&mut self.total, b.total);
        step(&mut self.findings, b.findings);
        step(&mut self.risks, b.risks);
        for ((sum, entered), c) in self.counts.iter_mut().zip(&b.counts) {
            if let Some(c) = c {
                *sum = if sign > 0 {
                    *sum + u128::from(*c)
                } else {
                    *sum - u128::from(*c)
                };
                step(entered, 1);
            }
        }
    }
}

impl Tally {
    pub fn new(q: &Questionnaire, s: &Session, lang: Lang) -> Tally {
        let sections = q
            .sections
            .iter()
            .enumerate()
            .map(|(index, sec)| {
                if sec.is_repeat() {
                    (0..s.item_count(&sec.id))
                        .map(|i| {
                            block_stats(
                                q,
                                s,
                                Block::Section {
                                    index,
                                    item: Some(i),
                                },
                                lang,
                            )
                        })
                        .collect()
                } else {
                    vec![block_stats(
                        q,
                        s,
                        Block::Section { index, item: None },
                        lang,
                    )]
                }
            })
            .collect();
        let sums = q
            .sections
            .iter()
            .zip(&sections)
            .map(|(sec, blocks)| Sums::of(sec.indicators.len(), blocks))
            .collect();
        let keys = q
            .sections
            .iter()
            .map(|sec| {
                let counts = sec.indicators.iter().filter(|i| i.kind == FieldType::Count);
                let summary = q.summary.iter().filter(|d| d.section == sec.id);
                counts
                    .map(|i| &i.id)
                    .chain(summary.map(|d| &d.id))
                    .map(|id| format!("{}.{id}", sec.id))
                    .collect()
            })
            .collect();
        Tally {
            lang,
            header: block_stats(q, s, Block::Header, lang),
            sections,
            sums,
            keys,
        }
    }

    /// Recompute one block after its answers changed (not its structure: items added or removed
    /// need a new tally).
    pub fn refresh(&mut self, q: &Questionnaire, s: &Session, block: Block) {
        let stats = block_stats(q, s, block, self.lang);
        let Some(slot) = self.slot_mut(block) else {
            return;
        };
        let old = std::mem::replace(slot, stats);
        if let Block::Section { index, item } = block {
            let new = &self.sections[index][item.unwrap_or(0)];
            let sums = &mut self.sums[index];
            sums.add(&old, -1);
            sums.add(new, 1);
        }
    }

    /// A block's stats as the tally holds them.
    pub fn block(&self, block: Block) -> Option<&BlockStats> {
        match block {
            Block::Header => Some(&self.header),
            Block::Section { index, item } => self.sections.get(index)?.get(item.unwrap_or(0)),
        }
    }

    fn slot_mut(&mut self, block: Block) -> Option<&mut BlockStats> {
        match block {
            Block::Header => Some(&mut self.header),
            Block::Section { index, item } => {
                self.sections.get_mut(index)?.get_mut(item.unwrap_or(0))
            }
        }
    }

    /// The summary, with `over` standing in for its block (the answer being typed, not yet stored).
    pub fn summary(&self, q: &Questionnaire, over: Option<(Block, &BlockStats)>) -> Summary {
        let mut s = Summary::default();
        self.summary_into(q, over, &mut s);
        s
    }

    /// `summary`, made in `s`: a summary made before of the same form, whose figures' names,
    /// labels and keys are kept where they are the same (only their values change with an answer:
    /// written out again, the summary's strings were most of what a typed digit cost it).
    pub fn summary_into(
        &self,
        q: &Questionnaire,
        over: Option<(Block, &BlockStats)>,
        s: &mut Summary,
    ) {
        let lang = self.lang;
        let header = match over {
            Some((Block::Header, st)) => st,
            _ => &self.header,
        };
        let problems = &mut s.problems;
        problems.clear();
        problems.extend(header.problems.iter().cloned());
        let mut answered = header.answered;
        let (mut findings, mut risks) = (0, 0);
        let mut total = header.total;
        let (mut figures, mut totals_set, mut sections_set) = (0, 0, 0);
        for (index, (sec, blocks)) in q.sections.iter().zip(&self.sections).enumerate() {
            let first = problems.len();
            // The section's sums, with the block being typed in in place of the stored one.
            let added;
            let mut section_sums = &self.sums[index];
            let mut typed = None;
            if let Some((Block::Section { index: oi, item }, st)) = over
                && oi == index
                && let Some(stored) = blocks.get(item.unwrap_or(0))
            {
                let mut with_typed = section_sums.clone();
                with_typed.add(stored, -1);
                with_typed.add(st, 1);
                added = with_typed;
                section_sums = &added;
                typed = Some((item.unwrap_or(0), st));
            }
            for (i, stored) in blocks.iter().enumerate() {
                let b = match typed {
                    Some((t, st)) if t == i => st,
                    _ => stored,
                };
                problems.extend(b.problems.iter().cloned());
            }
            let (sa, st) = (section_sums.answered, section_sums.total);
            findings += section_sums.findings;
            risks += section_sums.risks;
            let sums: Vec<u64> = section_sums
                .counts
                .iter()
                .map(|(sum, _)| u64::try_from(*sum).unwrap_or(u64::MAX))
                .collect();
            let entered: Vec<bool> = section_sums.counts.iter().map(|(_, n)| *n > 0).collect();
            // Entered in every block of the section (every item of a repeatable annex).
            let whole: Vec<bool> = section_sums
                .counts
                .iter()
                .map(|(_, n)| *n >= blocks.len())
                .collect();
            answered += sa;
            total += st;
            let (errors, warnings) =
                problems[first..]
                    .iter()
                    .fold((0, 0), |(e, w), p| match p.severity {
                        Severity::Error => (e + 1, w),
                        Severity::Warning => (e, w + 1),
                    });
            let any_entered = |ids: &[String]| {
                ids.iter()
                    .filter_map(|id| sec.indicators.iter().position(|f| &f.id == id))
                    .any(|k| entered[k])
            };
            let all_whole = |ids: &[String]| {
                ids.iter()
                    .filter_map(|id| sec.indicators.iter().position(|f| &f.id == id))
                    .all(|k| whole[k])
            };
            let sum_over = |ids: &[String]| -> u64 {
                ids.iter()
                    .filter_map(|id| sec.indicators.iter().position(|f| &f.id == id))
                    .map(|k| sums[k])
                    .fold(0, u64::saturating_add)
            };
            let mut keys = self.keys[index].iter();
            let empty = String::new();
            let mut key = || keys.next().unwrap_or(&empty);
            for (k, ind) in sec
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.kind == FieldType::Count)
            {
                let key = key();
                set_total(&mut s.totals, key, sums[k], &mut totals_set);
                let fig = (
                    key.as_str(),
                    sec.id.as_str(),
                    ind.id.as_str(),
                    ind.text.get(lang),
                );
                let value = (FigureKind::Total, Some(sums[k] as f64));
                let marks = (entered[k], entered[k] && !whole[k]);
                set_figure(&mut s.indicators, &mut figures, fig, value, marks);
            }
            for d in q.summary.iter().filter(|d| d.section == sec.id) {
                let key = key();
                let value = match d.kind {
                    SummaryKind::Sum => {
                        let v = sum_over(&d.of);
                        set_total(&mut s.totals, key, v, &mut totals_set);
                        (FigureKind::Sum, Some(v as f64))
                    }
                    SummaryKind::Share | SummaryKind::Ratio => (
                        if d.kind == SummaryKind::Ratio {
                            FigureKind::Ratio
                        } else {
                            FigureKind::Share
                        },
                        quotient(d.kind, sum_over(&d.numerator), sum_over(&d.denominator)),
                    ),
                };
                let marks = (
                    // A sum, once any of its parts is answered; a share or ratio once both its
                    // sides are (a share of refusals with no refusals entered is not 0 %).
                    match d.kind {
                        SummaryKind::Sum => any_entered(&d.of),
                        SummaryKind::Share | SummaryKind::Ratio => {
                            any_entered(&d.numerator) && any_entered(&d.denominator)
                        }
                    },
                    // A share of totals some items left blank is an estimate («≈ 12 %»).
                    match d.kind {
                        SummaryKind::Sum => any_entered(&d.of) && !all_whole(&d.of),
                        SummaryKind::Share | SummaryKind::Ratio => {
                            any_entered(&d.numerator)
                                && any_entered(&d.denominator)
                                && !(all_whole(&d.numerator) && all_whole(&d.denominator))
                        }
                    },
                );
                let fig = (
                    key.as_str(),
                    sec.id.as_str(),
                    d.id.as_str(),
                    d.label.get(lang),
                );
                set_figure(&mut s.indicators, &mut figures, fig, value, marks);
            }
            let items = if sec.is_repeat() { blocks.len() } else { 0 };
            match s.sections.get_mut(sections_set) {
                Some(at) if at.id == sec.id => {
                    (at.answered, at.total, at.items) = (sa, st, items);
                    (at.errors, at.warnings) = (errors, warnings);
                }
                _ => {
                    s.sections.truncate(sections_set);
                    s.sections.push(SectionProgress {
                        id: sec.id.clone(),
                        answered: sa,
                        total: st,
                        items,
                        errors,
                        warnings,
                    });
                }
            }
            sections_set += 1;
        }
        s.sections.truncate(sections_set);
        s.indicators.truncate(figures);
        // Keys the form does not have (a summary made of another form) go.
        if s.totals.len() != totals_set {
            let keep: std::collections::BTreeSet<&String> = self.keys.iter().flatten().collect();
            s.totals.retain(|k, _| keep.contains(k));
        }
        s.progress = Progress { answered, total };
        s.findings = findings;
        s.risks = risks;
    }
}

/// Set `key`'s total in `totals`, counting it.
fn set_total(totals: &mut BTreeMap<String, u64>, key: &str, value: u64, set: &mut usize) {
    match totals.get_mut(key) {
        Some(v) => *v = value,
        None => {
            totals.insert(key.to_owned(), value);
        }
    }
    *set += 1;
}

/// Set figure number `at` of `figures` (its key, section, id and label; its kind and value; whether
/// answered, and only partly), its strings kept where they are the same.
fn set_figure(
    figures: &mut Vec<Figure>,
    at: &mut usize,
    (key, section, id, label): (&str, &str, &str, &str),
    (kind, value): (FigureKind, Option<f64>),
    (answered, partial): (bool, bool),
) {
    match figures.get_mut(*at) {
        Some(f) if f.key == key && f.section == section && f.id == id && f.label == label => {
            (f.kind, f.value, f.answered, f.partial) = (kind, value, answered, partial);
        }
        _ => {
            figures.truncate(*at);
            figures.push(Figure {
                key: key.to_owned(),
                section: section.to_owned(),
                id: id.to_owned(),
                kind,
                label: label.to_owned(),
                value,
                answered,
                partial,
            });
        }
    }
    *at += 1;
}

pub fn summarize(q: &Questionnaire, s: &Session, lang: Lang) -> Summary {
    Tally::new(q, s, lang).summary(q, None)
}
