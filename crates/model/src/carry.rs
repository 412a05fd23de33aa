//! The next period's report started from the last one (`saualnama new NEXT --from LAST`): what stays
//! (the organisation, its head, the list of services, permits, functions and acts, and the answers
//! the form marks as carrying over) and what starts empty (the period, the working group's order,
//! every count, every other answer). A carried answer stays marked until the user has checked it.

use crate::i18n::Lang;
use crate::questionnaire::Questionnaire;
use crate::session::{Item, Previous, SectionAnswers, Session, Slot};
use crate::summary::summarize;

/// Header fields that belong to one analysis, not to the organisation.
const PER_PERIOD: [&str; 4] = [
    "period_from",
    "period_to",
    "wg_order_number",
    "wg_order_date",
];

pub fn next_period(
    q: &Questionnaire,
    last: &Session,
    last_file: &str,
    now: String,
    lang: Lang,
) -> Session {
    let mut next = Session::new(q, now);
    next.language = last.language;
    next.header = last
        .header
        .iter()
        .filter(|(k, _)| !PER_PERIOD.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut marks = Vec::new();
    for sec in &q.sections {
        let Some(old) = last.sections.get(&sec.id) else {
            continue;
        };
        let carried = |answers: &std::collections::BTreeMap<String, serde_json::Value>| {
            answers
                .iter()
                .filter(|(k, _)| sec.carry.contains(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        let mut new = SectionAnswers::default();
        if sec.is_repeat() {
            for (i, it) in old.items.iter().enumerate() {
                let item = Item {
                    name: it.name.clone(),
                    answers: carried(&it.answers),
                    ..Item::default()
                };
                marks.extend(item.answers.keys().map(|f| Slot::Answer {
                    section: sec.id.clone(),
                    item: Some(i),
                    field: f.clone(),
                }));
                new.items.push(std::sync::Arc::new(item));
            }
        } else {
            new.answers = carried(&old.answers);
            marks.extend(new.answers.keys().map(|f| Slot::Answer {
                section: sec.id.clone(),
                item: None,
                field: f.clone(),
            }));
        }
        next.sections.insert(sec.id.clone(), new);
    }
    for m in &marks {
        next.mark_carried(m, true);
    }
    let figures = summarize(q, last, lang)
        .indicators
        .into_iter()
        .filter(|f| f.answered)
        .filter_map(|f| Some((f.key, f.value?)))
        .collect();
    let text = |id: &str| {
        last.header
            .get(id)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    next.previous = Some(Previous {
        file: last_file.to_owned(),
        period_from: text("period_from"),
        period_to: text("period_to"),
        figures,
    });
    next
}
