//! The report being edited, with what the editor derives from it — the stops (every place an answer
//! goes), their index, where the user stands, the tally and the live summary — kept right by one
//! entry, `change`: no caller changes the session and then has to remember what to recompute.

use super::nav::{self, Stop};
use crate::i18n::Lang;
use crate::questionnaire::{FieldType, Questionnaire};
use crate::session::{Item, Session, Slot};
use crate::summary::{Block, BlockStats, Summary, Tally, block_stats_with};
use serde_json::Value;

pub struct Form {
    pub q: Questionnaire,
    pub session: Session,
    /// The interface and form language: the summary's messages are in it.
    pub lang: Lang,
    pub stops: Vec<Stop>,
    pub index: nav::StopIndex,
    pub current: usize,
    /// Answers under ids the form does not have (kept in the file, listed).
    pub orphans: usize,
    /// The live summary: what is stored, with the value being typed applied (see `refresh`).
    pub summary: Summary,
    /// The summary before, for the next one to be made in (`Tally::summary_into`).
    spare: Summary,
    /// The last preview of a typed value that its block reads only as answered or not (see
    /// `summary::read_only_as_answered`): at the same version, of the same slot, answered alike,
    /// the next one is the same. Most letters are typed into such answers.
    typed_memo: Option<(u64, Slot, bool, Preview)>,
    /// The last slot typed into, and its kind if its block reads it only as answered or not.
    plain: Option<(Slot, Option<FieldType>)>,
    /// A number no other summary of this run had: what the summary's panel is drawn from, so that
    /// a key that leaves the summary as it was does not lay the panel out again to find so.
    pub made: u64,
    /// The same, for what the outline shows of the summary (the annexes' counts and the problems):
    /// a digit typed changes a figure, and the outline has nothing new to show for it.
    pub marks: u64,
    tally: Tally,
    /// What `summary` was last made of: the tally's version and the block standing in for its own
    /// (see `refresh`).
    made_of: (u64, Option<(Block, BlockStats)>),
    /// Counts the tally's changes.
    version: u64,
}

/// A change to the report.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// An answer, a header field or an item's name; `None` clears it.
    Set(Slot, Option<Value>),
    /// A new item at the end of a repeatable annex, with its id.
    AddItem(String, String),
    /// An item put back at its place (undoing a deletion).
    InsertItem(String, usize, Item),
    RemoveItem(String, usize),
    /// An item moved by `delta` places.
    MoveItem(String, usize, isize),
    /// The interface language.
    Language(Lang),
    /// An answer carried over from the last period, checked by the user.
    Confirm(Slot),
}

/// What a change gave back.
#[derive(Clone, Debug, PartialEq)]
pub enum Changed {
    Done,
    /// The item added, or where a moved item landed.
    At(usize),
    Removed(Item),
    /// Nothing changed (an item that is not there, a move past the end).
    Nothing,
}

/// A block's stats with what is being typed, where they differ from its stats as stored.
type Preview = Option<(Block, BlockStats)>;

impl Form {
    pub fn new(q: Questionnaire, session: Session, lang: Lang, current: usize) -> Form {
        let stops = nav::stops(&q, &session);
        Form::with_stops(q, session, stops, lang, current)
    }

    /// `new`, with the stops already made from `q` and `session` (the editor's start finds its place
    /// among them first: made twice, they were twice 1.7 MB at once in a report of 1,000 services).
    pub fn with_stops(
        q: Questionnaire,
        session: Session,
        stops: Vec<Stop>,
        lang: Lang,
        current: usize,
    ) -> Form {
        let index = nav::StopIndex::new(&q, &stops);
        let tally = Tally::new(&q, &session, lang);
        let summary = tally.summary(&q, None);
        let orphans = crate::session::orphans(&q, &session).len();
        Form {
            current: current.min(stops.len().saturating_sub(1)),
            q,
            session,
            lang,
            stops,
            index,
            orphans,
            summary,
            spare: Summary::default(),
            made: next_made(),
            marks: next_made(),
            typed_memo: None,
            plain: None,
            tally,
            made_of: (0, None),
            version: 0,
        }
    }

    pub fn stop(&self) -> &Stop {
        &self.stops[self.current]
    }

    /// What the report's answers and shape are at: one more with every change made through
    /// `change` (with `made`, it tells the outline it has nothing new to show).
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn kind(&self) -> Option<FieldType> {
        match self.stop() {
            Stop::Slot(_, k) => *k,
            Stop::AddItem(_) => None,
        }
    }

    /// The stop of a slot.
    pub fn stop_of(&self, slot: &Slot) -> Option<usize> {
        self.stops.iter().position(|st| st.slot() == Some(slot))
    }

    pub fn item_stop(&self, section: &str, item: usize) -> Option<usize> {
        self.stop_of(&Slot::ItemName {
            section: section.to_owned(),
            item,
        })
    }

    pub fn section_stop(&self, section: &str) -> Option<usize> {
        self.stops
            .iter()
            .position(|st| st.section() == Some(section))
    }

    /// Stand on stop `i` (or the last one).
    pub fn stand(&mut self, i: usize) {
        self.current = i.min(self.stops.len() - 1);
    }

    /// A block's stats as the tally holds them (the stored answers).
    pub fn tally_block(&self, block: Block) -> Option<&BlockStats> {
        self.tally.block(block)
    }

    /// The block of answers a slot belongs to.
    pub fn block_of(&self, slot: &Slot) -> Option<Block> {
        match slot {
            Slot::Header { .. } => Some(Block::Header),
            Slot::ItemName { section, item } => Some(Block::Section {
                index: self.q.section_index(section)?,
                item: Some(*item),
            }),
            Slot::Answer { section, item, .. } => Some(Block::Section {
                index: self.q.section_index(section)?,
                item: *item,
            }),
        }
    }

    /// Change the report, and everything that follows from it: an answer recomputes its block, a
    /// change of shape (items added, removed, moved) the stops, their index and the tally.
    pub fn change(&mut self, e: Edit) -> Changed {
        let (changed, reshaped) = match e {
            Edit::Set(slot, value) => {
                self.session.set(&slot, value);
                if let Some(block) = self.block_of(&slot) {
                    self.tally.refresh(&self.q, &self.session, block);
                    self.version += 1;
                }
                (Changed::Done, false)
            }
            Edit::AddItem(section, id) => (
                Changed::At(self.session.add_item_with_id(&section, "", id)),
                true,
            ),
            Edit::InsertItem(section, at, item) => {
                self.session.insert_item(&section, at, item);
                (Changed::Done, true)
            }
            Edit::RemoveItem(section, at) => match self.session.remove_item(&section, at) {
                Some(item) => (Changed::Removed(item), true),
                None => (Changed::Nothing, false),
            },
            Edit::MoveItem(section, from, delta) => {
                match self.session.move_item(&section, from, delta) {
                    Some(to) => (Changed::At(to), true),
                    None => (Changed::Nothing, false),
                }
            }
            Edit::Confirm(slot) => {
                self.session.mark_carried(&slot, false);
                (Changed::Done, false)
            }
            // The interface's: the report's own language stays (see `App::new`).
            Edit::Language(lang) => {
                self.lang = lang;
                self.tally = Tally::new(&self.q, &self.session, lang);
                self.version += 1;
                (Changed::Done, false)
            }
        };
        if reshaped {
            self.stops = nav::stops(&self.q, &self.session);
            self.index = nav::StopIndex::new(&self.q, &self.stops);
            self.current = self.current.min(self.stops.len() - 1);
            self.orphans = crate::session::orphans(&self.q, &self.session).len();
            self.tally = Tally::new(&self.q, &self.session, self.lang);
            self.version += 1;
        }
        changed
    }

    /// The block `slot` is in, and its stats as they would be with `value` there (what is being
    /// typed), the report itself untouched — or `None` where that changes nothing the summary
    /// counts (most letters typed into a text answer).
    fn typed_block(
        &mut self,
        typed: Option<(&Slot, Option<Value>)>,
    ) -> Option<(Block, BlockStats)> {
        let (slot, value) = typed?;
        let block = self.block_of(slot)?;
        if self.session.get(slot) == value.as_ref() {
            return None;
        }
        let plain = match &self.plain {
            Some((at, kind)) if at == slot => *kind,
            _ => {
                let kind = match slot {
                    Slot::Answer { section, field, .. } => {
                        self.q.section(section).and_then(|sec| {
                            let f = sec.field(field)?;
                            crate::summary::read_only_as_answered(&self.q, sec, field)
                                .then_some(f.kind)
                        })
                    }
                    _ => None,
                };
                self.plain = Some((slot.clone(), kind));
                kind
            }
        };
        let answered = plain.map(|kind| {
            value
                .as_ref()
                .is_some_and(|v| crate::answer::Answer::from_json(kind, v).is_ok())
        });
        if let (Some(answered), Some((version, at, was, stats))) = (answered, &self.typed_memo)
            && *version == self.version
            && at == slot
            && *was == answered
        {
            return stats.clone();
        }
        let stats = block_stats_with(&self.q, &self.session, block, slot, value, self.lang);
        let typed = (self.tally.block(block) != Some(&stats)).then_some((block, stats));
        self.typed_memo = answered.map(|a| (self.version, slot.clone(), a, typed.clone()));
        typed
    }

    /// The live summary, with what is being typed: made again only when what it is made of
    /// changed, since it is asked for after every key.
    /// True when it changed.
    pub fn refresh(&mut self, typed: Option<(&Slot, Option<Value>)>) -> bool {
        let made_of = (self.version, self.typed_block(typed));
        if made_of == self.made_of {
            return false;
        }
        // Made in the summary before the last, whose strings are mostly the ones wanted.
        let mut summary = std::mem::take(&mut self.spare);
        self.tally.summary_into(
            &self.q,
            made_of.1.as_ref().map(|(b, st)| (*b, st)),
            &mut summary,
        );
        if summary.sections != self.summary.sections
            || !same_places(&summary.problems, &self.summary.problems)
        {
            self.marks = next_made();
        }
        self.spare = std::mem::replace(&mut self.summary, summary);
        self.made = next_made();
        self.made_of = made_of;
        true
    }
}

/// Whether two lists of problems mark the same questions alike: what the outline shows of them (a
/// digit typed into a count a relation names changes the message, «(12) exceeds…», and nothing
/// the outline shows).
fn same_places(a: &[crate::summary::Problem], b: &[crate::summary::Problem]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(p, q)| {
            (p.severity, &p.section, p.item, &p.fields)
                == (q.severity, &q.section, q.item, &q.fields)
        })
}

/// The next number for `Form::made`: counted for the whole run, since a colleague's save makes a
/// new `Form`.
fn next_made() -> u64 {
    static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn value(kind: Option<FieldType>, pick: u8) -> Option<Value> {
        let texts = ["", "не выявлено", "Выявлены факты нарушения сроков", "жоқ"];
        match (kind, pick % 5) {
            (_, 0) => None,
            (Some(FieldType::Count | FieldType::Percent), p) => Some(Value::from(p as u64 * 7)),
            (Some(FieldType::YesNo), p) => Some(serde_json::json!({"yes": p % 2 == 0})),
            (_, p) => Some(Value::from(texts[p as usize % texts.len()])),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// The live summary, made again only when what it is made of changed, is always the one
        /// made from scratch of the report with the typed value in it.
        #[test]
        fn the_live_summary_is_always_the_one_made_from_scratch(
            steps in proptest::collection::vec((any::<u16>(), any::<u8>(), any::<bool>()), 1..40)
        ) {
            let (s, q) = crate::sample::example();
            let mut form = Form::new(q, s, Lang::Ru, 0);
            let mut before = (form.summary.clone(), form.marks);
            for (at, pick, store) in steps {
                let Stop::Slot(slot, kind) = form.stops[at as usize % form.stops.len()].clone() else {
                    continue;
                };
                if matches!(slot, Slot::ItemName { .. }) {
                    continue;
                }
                let v = value(kind, pick);
                if store {
                    form.change(Edit::Set(slot.clone(), v.clone()));
                    form.refresh(None);
                    let want = crate::summary::summarize(&form.q, &form.session, Lang::Ru);
                    prop_assert_eq!(&form.summary, &want);
                } else {
                    form.refresh(Some((&slot, v.clone())));
                    let mut typed = form.session.clone();
                    typed.set(&slot, v);
                    let want = crate::summary::summarize(&form.q, &typed, Lang::Ru);
                    prop_assert_eq!(&form.summary, &want);
                }
                // The outline is drawn again when what it shows of the summary changed: the
                // annexes' counts, or where a problem is and how grave (a marker moves with it).
                let (was, marks) = &before;
                let places = |s: &crate::summary::Summary| {
                    s.problems.iter().map(|p| (p.severity, p.section.clone(), p.item, p.fields.clone())).collect::<Vec<_>>()
                };
                let shown_changed =
                    was.sections != form.summary.sections || places(was) != places(&form.summary);
                prop_assert_eq!(shown_changed, form.marks != *marks);
                before = (form.summary.clone(), form.marks);
            }
        }
    }

    /// A summary made in the place of another (of another language, of other answers, of a
    /// typed value) is the one made afresh: what is kept of the other is what is the same.
    #[test]
    fn a_summary_made_over_another_is_the_one_made_afresh() {
        let (s, q) = crate::sample::example();
        let mut other = s.clone();
        let mut made = crate::summary::summarize(&q, &s, Lang::Ru);
        // Other answers: every count of the form cleared.
        let form = Form::new(q.clone(), s.clone(), Lang::Ru, 0);
        for st in &form.stops {
            if let Stop::Slot(slot, Some(FieldType::Count)) = st {
                other.set(slot, None);
            }
        }
        for (session, lang) in [
            (&other, Lang::Kk),
            (&s, Lang::En),
            (&s, Lang::En),
            (&other, Lang::Ru),
        ] {
            // And a figure another form has.
            made.totals.insert("9.K1".to_owned(), 7);
            let tally = Tally::new(&q, session, lang);
            tally.summary_into(&q, None, &mut made);
            assert_eq!(made, tally.summary(&q, None), "{lang:?}");
        }
    }

    /// Text after text typed into every text answer of the form, some of them answers the
    /// findings read («не выявлено», «частично», a description): the live summary is each time the
    /// one made from scratch, whether the last preview was taken again or not.
    #[test]
    fn texts_typed_one_after_another_give_the_summary_made_from_scratch() {
        let texts = [
            "В",
            "Выявлены факты нарушения сроков",
            "",
            "не выявлено",
            "частично",
            "жоқ",
            "нет",
            "Выявлены",
        ];
        let (s, q) = crate::sample::example();
        let mut form = Form::new(q, s, Lang::Ru, 0);
        let slots: Vec<Slot> = form
            .stops
            .iter()
            .filter_map(|st| match st {
                Stop::Slot(slot @ Slot::Answer { .. }, Some(FieldType::Text)) => Some(slot.clone()),
                _ => None,
            })
            .collect();
        assert!(slots.len() > 10, "{}", slots.len());
        let mut previews = 0;
        for slot in &slots {
            let plain = match slot {
                Slot::Answer { section, field, .. } => {
                    let sec = form.q.section(section).unwrap();
                    crate::summary::read_only_as_answered(&form.q, sec, field)
                }
                _ => false,
            };
            previews += usize::from(plain);
            for t in texts {
                let v = Some(Value::from(t));
                form.refresh(Some((slot, v.clone())));
                let mut typed = form.session.clone();
                typed.set(slot, v);
                let want = crate::summary::summarize(&form.q, &typed, Lang::Ru);
                assert_eq!(form.summary, want, "{slot:?} {t:?}");
            }
        }
        // Both kinds are there: texts read only as answered, and texts the findings read.
        assert!(
            previews > 0 && previews < slots.len(),
            "{previews} of {}",
            slots.len()
        );
    }
}
