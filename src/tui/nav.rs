//! Where the user can stand in the form, and how to get from one place to another: the ordered stops,
//! go-to by number, search, next unanswered, next problem. Functions of the model only.

use crate::i18n::Lang;
use crate::questionnaire::{FieldType, Questionnaire};
use crate::session::{Session, Slot, is_answered, slots};
use crate::summary::Summary;

/// One place the cursor can be: a slot that takes a value, or the "add another item" line that closes
/// every repeatable annex (so an annex with no items can still be reached and filled).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    Slot(Slot, Option<FieldType>),
    AddItem(String),
}

impl Stop {
    pub fn section(&self) -> Option<&str> {
        match self {
            Stop::Slot(Slot::Header { .. }, _) => None,
            Stop::Slot(Slot::ItemName { section, .. } | Slot::Answer { section, .. }, _) => {
                Some(section)
            }
            Stop::AddItem(s) => Some(s),
        }
    }
    pub fn item(&self) -> Option<usize> {
        match self {
            Stop::Slot(Slot::ItemName { item, .. }, _) => Some(*item),
            Stop::Slot(Slot::Answer { item, .. }, _) => *item,
            _ => None,
        }
    }
    /// Where this stop is, as the session file records it (the add line: the annex alone).
    pub fn to_cursor(&self) -> crate::session::Cursor {
        match self {
            Stop::Slot(slot, _) => slot.to_cursor(),
            Stop::AddItem(section) => crate::session::Cursor {
                section: Some(section.clone()),
                ..Default::default()
            },
        }
    }

    /// Whether the session's cursor points here.
    pub fn is_at(&self, c: &crate::session::Cursor) -> bool {
        let me = self.to_cursor();
        me.section == c.section && me.item == c.item && me.field == c.field
    }

    pub fn slot(&self) -> Option<&Slot> {
        match self {
            Stop::Slot(s, _) => Some(s),
            Stop::AddItem(_) => None,
        }
    }
}

/// Where things start among the stops, so that drawing the outline of one annex does not read all
/// of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StopIndex {
    /// The header's stops.
    pub header: std::ops::Range<usize>,
    /// Per section of the questionnaire, its stops.
    pub sections: Vec<std::ops::Range<usize>>,
    /// Per section, the stop of each item's name (empty for a single annex).
    pub items: Vec<Vec<usize>>,
}

impl StopIndex {
    pub fn new(q: &Questionnaire, stops: &[Stop]) -> StopIndex {
        let header_end = stops
            .iter()
            .position(|st| st.section().is_some())
            .unwrap_or(stops.len());
        let mut sections = Vec::with_capacity(q.sections.len());
        let mut items = Vec::with_capacity(q.sections.len());
        let mut at = header_end;
        for sec in &q.sections {
            let start = at;
            let mut starts = Vec::new();
            while at < stops.len() && stops[at].section() == Some(sec.id.as_str()) {
                if matches!(stops[at], Stop::Slot(Slot::ItemName { .. }, _)) {
                    starts.push(at);
                }
                at += 1;
            }
            sections.push(start..at);
            items.push(starts);
        }
        StopIndex {
            header: 0..header_end,
            sections,
            items,
        }
    }
}

/// Every stop in form order.
pub fn stops(q: &Questionnaire, s: &Session) -> Vec<Stop> {
    // The slots in their order (the header, then each annex's in the form's order), moved rather
    // than copied into a vector of the exact size, with «add an item» after each repeatable annex:
    // a report of 1,000 services has 20,000 stops, and their copy was 2 MB at every start.
    let mut all = slots(q, s).into_iter();
    let mut out = Vec::with_capacity(all.len() + q.sections.len());
    let slot = |(slot, kind)| Stop::Slot(slot, kind);
    out.extend(all.by_ref().take(q.header.len()).map(slot));
    for sec in &q.sections {
        let fields = sec.fields().count();
        let n = if sec.is_repeat() {
            s.item_count(&sec.id) * (fields + 1)
        } else {
            fields
        };
        out.extend(all.by_ref().take(n).map(slot));
        if sec.is_repeat() {
            out.push(Stop::AddItem(sec.id.clone()));
        }
    }
    debug_assert!(all.next().is_none(), "stops and slots agree");
    out
}

/// Parse a go-to target: `4.10` (annex 4, question 10), `1.2.13` (annex 1, item 2, question 13),
/// `1.2` (item 2 of a repeatable annex, as the outline labels it), `4.Q2` and `1.Q3` (an indicator; in
/// a repeatable annex of the current item or the first), `3` (the annex itself). Returns the stop.
pub fn goto(
    q: &Questionnaire,
    s: &Session,
    (stops, index): (&[Stop], &StopIndex),
    current: usize,
    target: &str,
) -> Option<usize> {
    // 0 is the header (general information), as the form puts it before annex 1; 0.2 its second
    // field.
    let t = target.trim().trim_end_matches('.');
    if let Some(rest) = t
        .strip_prefix('0')
        .filter(|r| r.is_empty() || r.starts_with('.'))
    {
        let n = match rest.trim_start_matches('.') {
            "" => 1,
            n => n.parse::<usize>().ok().filter(|n| *n >= 1)?,
        };
        return stops
            .iter()
            .enumerate()
            .filter(|(_, st)| matches!(st, Stop::Slot(Slot::Header { .. }, _)))
            .nth(n - 1)
            .map(|(i, _)| i);
    }
    let (sec, rest) = parse_target(q, target)?;
    let cur_item = stops
        .get(current)
        .filter(|st| st.section() == Some(sec.id.as_str()))
        .and_then(Stop::item);
    let field_by_number = |n: &str| {
        sec.fields()
            .find(|f| f.number.eq_ignore_ascii_case(n))
            .map(|f| f.id.clone())
    };
    let (item, field) = match (sec.is_repeat(), rest.as_slice()) {
        (_, []) => {
            return stops
                .iter()
                .position(|st| st.section() == Some(sec.id.as_str()));
        }
        (true, [i, n]) => (
            Some(i.parse::<usize>().ok()?.checked_sub(1)?),
            Some(field_by_number(n)?),
        ),
        // `1.2` is item 2, as the outline labels it; `1.Q3` a question of the current item.
        (true, [n]) => match n.parse::<usize>() {
            Ok(i) => (Some(i.checked_sub(1)?), None),
            Err(_) => (Some(cur_item.unwrap_or(0)), Some(field_by_number(n)?)),
        },
        (false, [n]) => (None, Some(field_by_number(n)?)),
        _ => return None,
    };
    if let Some(i) = item
        && i >= s.item_count(&sec.id)
    {
        return None;
    }
    // Looked for among the annex's stops (of the item's, when one is named) only: a report of a
    // thousand services has 30,000 stops before annex 4.
    let range = q
        .section_index(&sec.id)
        .and_then(|si| Some((si, index.sections.get(si)?.clone())))
        .map_or(0..stops.len(), |(si, r)| {
            match (item, index.items.get(si)) {
                (Some(i), Some(starts)) if i < starts.len() => {
                    starts[i]..starts.get(i + 1).copied().unwrap_or(r.end)
                }
                _ => r,
            }
        });
    let from = range.start;
    stops
        .get(range)?
        .iter()
        .position(|st| match (st, &field) {
            (
                Stop::Slot(
                    Slot::Answer {
                        section,
                        item: it,
                        field: f,
                    },
                    _,
                ),
                Some(want),
            ) => section == &sec.id && f == want && (item.is_none() || *it == item),
            (Stop::Slot(Slot::ItemName { section, item: it }, _), None) => {
                section == &sec.id && Some(*it) == item.or(Some(0))
            }
            (Stop::AddItem(section), None) => section == &sec.id && item.is_none(),
            _ => false,
        })
        .map(|i| from + i)
}

/// A go-to target split into its annex and the parts after it: `1.2.13` → (annex 1, ["2", "13"]).
fn parse_target<'q, 't>(
    q: &'q Questionnaire,
    target: &'t str,
) -> Option<(&'q crate::questionnaire::Section, Vec<&'t str>)> {
    let t = target.trim().trim_end_matches('.');
    let mut parts = t.split(['.', ' ', '/']).filter(|p| !p.is_empty());
    let sec_num = parts.next()?;
    let sec = q
        .sections
        .iter()
        .find(|s| s.number.eq_ignore_ascii_case(sec_num))?;
    Some((sec, parts.collect()))
}

/// Why a go-to target names no stop because its item is not there yet: the annex and the item number
/// it asked for (`1.3.6` in an annex of two services).
pub fn missing_item(q: &Questionnaire, s: &Session, target: &str) -> Option<(String, usize)> {
    let (sec, rest) = parse_target(q, target)?;
    if !sec.is_repeat() {
        return None;
    }
    let n: usize = rest.first()?.parse().ok()?;
    (n >= 1 && n > s.item_count(&sec.id)).then(|| (sec.id.clone(), n))
}

/// The text a stop is searched by: its question (or header field) in the given language.
pub fn stop_text<'a>(q: &'a Questionnaire, st: &Stop, lang: Lang) -> &'a str {
    match st {
        Stop::Slot(Slot::Header { field }, _) => {
            q.header_field(field).map_or("", |h| h.text.get(lang))
        }
        Stop::Slot(Slot::Answer { section, field, .. }, _) => q
            .section(section)
            .and_then(|s| s.field(field))
            .map_or("", |f| f.text.get(lang)),
        Stop::Slot(Slot::ItemName { section, .. }, _) | Stop::AddItem(section) => q
            .section(section)
            .and_then(|s| s.repeat.as_ref())
            .map_or("", |r| r.name.get(lang)),
    }
}

/// The next stop after `current` (wrapping) for which `pred` holds.
pub fn next_where(stops: &[Stop], current: usize, pred: impl Fn(&Stop) -> bool) -> Option<usize> {
    let n = stops.len();
    (1..=n)
        .map(|d| (current + d) % n)
        .find(|&i| pred(&stops[i]))
}

/// Text as search compares it: lower case, ё read as е (people type either).
fn folded(s: &str) -> String {
    s.to_lowercase().replace('ё', "е")
}

/// The next stop whose question (in any of the three languages) or item name contains `query`.
pub fn search(
    q: &Questionnaire,
    s: &Session,
    stops: &[Stop],
    current: usize,
    query: &str,
) -> Option<usize> {
    let needle = folded(query.trim());
    if needle.is_empty() {
        return None;
    }
    next_where(stops, current, |st| {
        let name_hit = match st {
            Stop::Slot(Slot::ItemName { section, item }, _) => s
                .item_name(section, *item)
                .is_some_and(|n| folded(n).contains(&needle)),
            _ => false,
        };
        name_hit
            || Lang::ALL
                .iter()
                .any(|l| folded(stop_text(q, st, *l)).contains(&needle))
    })
}

pub fn next_unanswered(s: &Session, stops: &[Stop], current: usize) -> Option<usize> {
    next_where(stops, current, |st| match st {
        Stop::Slot(slot, kind) => !is_answered(s, slot, *kind),
        Stop::AddItem(_) => false,
    })
}

/// Whether a stop is named by one of the summary's problems.
pub fn has_problem(sum: &Summary, st: &Stop) -> bool {
    match st {
        Stop::Slot(slot, _) => problems_at(sum, slot).next().is_some(),
        Stop::AddItem(_) => false,
    }
}

/// The summary's problems that name a slot.
pub fn problems_at<'a>(
    sum: &'a Summary,
    slot: &'a Slot,
) -> impl Iterator<Item = &'a crate::summary::Problem> + 'a {
    sum.problems.iter().filter(move |p| match slot {
        Slot::Header { field } => p.section.is_none() && p.fields.contains(field),
        Slot::Answer {
            section,
            item,
            field,
        } => {
            p.section.as_deref() == Some(section)
                && p.item == item.map(|i| i + 1)
                && p.fields.contains(field)
        }
        Slot::ItemName { .. } => false,
    })
}

pub fn next_problem(sum: &Summary, stops: &[Stop], current: usize) -> Option<usize> {
    next_where(stops, current, |st| has_problem(sum, st))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every question of every item, and every item, is found by its number, as the outline
    /// numbers it, in a report with many items in annex 1 and annexes after it; among the annex's
    /// (or the item's) stops only, each is the stop it names.
    #[test]
    fn every_stop_is_found_by_its_number() {
        let (s, q) = crate::sample::with_public_services(7);
        let all = stops(&q, &s);
        let index = StopIndex::new(&q, &all);
        let mut checked = 0;
        for (at, st) in all.iter().enumerate() {
            let target = match st {
                Stop::Slot(
                    Slot::Answer {
                        section,
                        item,
                        field,
                    },
                    _,
                ) => {
                    let sec = q.section(section).unwrap();
                    let number = &sec.field(field).unwrap().number;
                    match item {
                        Some(i) => format!("{}.{}.{number}", sec.number, i + 1),
                        None => format!("{}.{number}", sec.number),
                    }
                }
                Stop::Slot(Slot::ItemName { section, item }, _) => {
                    format!("{}.{}", q.section(section).unwrap().number, item + 1)
                }
                _ => continue,
            };
            for current in [0, at, all.len() - 1] {
                assert_eq!(
                    goto(&q, &s, (&all, &index), current, &target),
                    Some(at),
                    "{target}"
                );
            }
            checked += 1;
        }
        assert!(checked > 7 * 20, "{checked}");
        assert_eq!(goto(&q, &s, (&all, &index), 0, "1.8.Q1"), None, "no item 8");
    }
}
