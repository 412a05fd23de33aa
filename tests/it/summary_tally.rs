//! The live summary is kept block by block, with each section's figures added up as its blocks
//! change (`Tally`). Whatever is answered, cleared or typed in, it must say what the summary made
//! afresh from the whole report says.

use proptest::prelude::*;
use saualnama::questionnaire::{FieldType, Questionnaire};
use saualnama::sample;
use saualnama::session::{Session, Slot};
use saualnama::summary::{Block, Tally, block_stats_with, summarize};
use serde_json::{Value, json};

/// One change: which section (by index into the form's), which item, which field, what value.
type Change = (usize, usize, usize, u8, u64);

/// A slot of the report and its block, picked by indices taken modulo what the form has.
fn slot_of(q: &Questionnaire, s: &Session, (sec, item, field, _, _): Change) -> (Slot, Block) {
    if sec % (q.sections.len() + 1) == q.sections.len() {
        let h = &q.header[field % q.header.len()];
        return (
            Slot::Header {
                field: h.id.clone(),
            },
            Block::Header,
        );
    }
    let index = sec % q.sections.len();
    let section = &q.sections[index];
    let fields: Vec<_> = section.fields().collect();
    let item = section
        .is_repeat()
        .then(|| item % s.item_count(&section.id).max(1));
    let slot = Slot::Answer {
        section: section.id.clone(),
        item,
        field: fields[field % fields.len()].id.clone(),
    };
    (slot, Block::Section { index, item })
}

/// A value of the field's type, or now and then one of another type, or nothing (cleared).
fn value_for(q: &Questionnaire, slot: &Slot, (_, _, _, how, n): Change) -> Option<Value> {
    let kind = match slot {
        Slot::Header { field } => q.header_field(field).map(|h| h.kind),
        Slot::Answer { section, field, .. } => q
            .section(section)
            .and_then(|s| s.field(field))
            .map(|f| f.kind),
        Slot::ItemName { .. } => None,
    };
    match how % 8 {
        0 => None,
        1 => Some(json!("не выявлено")),
        2 => Some(json!(u64::MAX - n % 3)),
        _ => Some(match kind {
            Some(FieldType::Count) => json!(n % 50),
            Some(FieldType::Percent) => json!(n % 101),
            Some(FieldType::YesNo) => json!({ "yes": n % 2 == 0 }),
            Some(FieldType::Month) => json!(format!("2017-{:02}", n % 12 + 1)),
            _ => json!(format!("анықталған жоқ {n}")),
        }),
    }
}

fn changes() -> impl Strategy<Value = Vec<Change>> {
    prop::collection::vec(
        (0..64usize, 0..8usize, 0..64usize, 0..=255u8, 0..1_000u64),
        1..40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn the_summary_kept_block_by_block_is_the_summary_made_afresh(
        items in 1..6usize,
        steps in changes(),
        typed in (0..64usize, 0..8usize, 0..64usize, 0..=255u8, 0..1_000u64),
    ) {
        let (mut s, q) = sample::with_public_services(items);
        let lang = saualnama::i18n::Lang::Ru;
        let mut tally = Tally::new(&q, &s, lang);
        for step in steps {
            let (slot, block) = slot_of(&q, &s, step);
            s.set(&slot, value_for(&q, &slot, step));
            tally.refresh(&q, &s, block);
            prop_assert_eq!(tally.summary(&q, None), summarize(&q, &s, lang));
        }
        // An answer being typed, not yet stored, stands in for its block's stored one.
        let (slot, block) = slot_of(&q, &s, typed);
        let value = value_for(&q, &slot, typed);
        let stats = block_stats_with(&q, &s, block, &slot, value.clone(), lang);
        let live = tally.summary(&q, Some((block, &stats)));
        let mut stored = s.clone();
        stored.set(&slot, value);
        prop_assert_eq!(live, summarize(&q, &stored, lang));
    }
}

#[test]
fn a_total_past_the_largest_number_shows_the_largest_and_comes_back_exactly() {
    let (mut s, q) = sample::with_public_services(2);
    let lang = saualnama::i18n::Lang::Kk;
    let index = q.section_index("public_services").unwrap();
    let mut tally = Tally::new(&q, &s, lang);
    let mut set = |s: &mut Session, item: usize, v: u64| {
        let slot = Slot::Answer {
            section: "public_services".into(),
            item: Some(item),
            field: "services_rendered".into(),
        };
        s.set(&slot, Some(json!(v)));
        tally.refresh(
            &q,
            s,
            Block::Section {
                index,
                item: Some(item),
            },
        );
        tally.summary(&q, None).totals["public_services.services_rendered"]
    };
    set(&mut s, 0, u64::MAX - 10);
    assert_eq!(
        set(&mut s, 1, 20),
        u64::MAX,
        "past the largest number, the largest"
    );
    // Taken back below it, the exact sum: not the saturated figure less 20 plus 3.
    assert_eq!(set(&mut s, 1, 3), u64::MAX - 7);
    assert_eq!(
        summarize(&q, &s, lang).totals["public_services.services_rendered"],
        u64::MAX - 7
    );
}

/// A total left blank under parts that are given is said, once for all the relations it bounds:
/// the relations wait for it, and the summary said «no errors» while the annex's channels added
/// up to more than its services (a Russian-speaking newcomer's report). The example, whose blanks
/// are parts under given totals, gets no such warning.
#[test]
fn a_total_left_blank_under_given_parts_is_said() {
    use saualnama::i18n::Lang;
    let (mut s, q) = saualnama::sample::example();
    let before = saualnama::summary::summarize(&q, &s, Lang::Ru);
    assert!(
        !before
            .problems
            .iter()
            .any(|p| p.rule.starts_with("unchecked")),
        "{:?}",
        before.problems
    );
    let mut item = (*s.items("public_services")[0]).clone();
    item.id = "third".into();
    item.name = "Выдача справок".into();
    item.answers.remove("services_rendered");
    item.answers
        .insert("via_state_corporation".into(), 100.into());
    item.answers.insert("via_provider_office".into(), 70.into());
    item.answers.insert("deadline_violations".into(), 5.into());
    s.sections
        .get_mut("public_services")
        .unwrap()
        .items
        .push(std::sync::Arc::new(item));
    for (lang, said) in [
        (
            Lang::Ru,
            "Не указано К1, хотя указано К2, К3: соотношение не проверено",
        ),
        (
            Lang::Kk,
            "К1 көрсетілмеген, бірақ К2, К3 көрсетілген: арақатынасы тексерілмеді",
        ),
        (
            Lang::En,
            "Q1 not given, Q2, Q3 given: the relation is not checked",
        ),
    ] {
        let sum = saualnama::summary::summarize(&q, &s, lang);
        let unchecked: Vec<_> = sum
            .problems
            .iter()
            .filter(|p| p.rule.starts_with("unchecked"))
            .collect();
        assert_eq!(unchecked.len(), 1, "{unchecked:?}");
        assert_eq!(unchecked[0].message, said);
        assert_eq!(unchecked[0].item, Some(3));
        assert_eq!(
            unchecked[0].fields[0], "services_rendered",
            "Ctrl-E goes to the total"
        );
    }
}

/// A total some items left blank, or a sum with a part some items left blank, is a floor of the
/// figure and says so («≥ 0»), in the editor's summary and in `summary`; one every item answered
/// is said plainly. (The summary showed «0» for counts one of two services had not given.)
#[test]
fn a_total_some_items_left_blank_is_a_floor() {
    use saualnama::i18n::Lang;
    let (mut s, q) = saualnama::sample::example();
    let figure = |s: &Session, key: &str| {
        let sum = summarize(&q, s, Lang::Ru);
        let f = sum
            .indicators
            .iter()
            .find(|f| f.key == key)
            .unwrap()
            .clone();
        (f.answered, f.partial)
    };
    assert_eq!(
        figure(&s, "public_services.services_rendered"),
        (true, false)
    );
    assert_eq!(
        figure(&s, "public_services.via_state_corporation"),
        (true, true)
    );
    assert_eq!(figure(&s, "public_services.complaints_staff"), (true, true));
    assert_eq!(figure(&s, "public_services.complaints_total"), (true, true));
    // A share of such totals is an estimate.
    assert_eq!(
        figure(&s, "public_services.state_corporation_share"),
        (true, true)
    );
    assert_eq!(
        saualnama::present::compared(
            saualnama::summary::FigureKind::Share,
            None,
            Some(0.0),
            true,
            Lang::Ru
        ),
        "≈\u{a0}0\u{a0}%"
    );
    assert_eq!(
        saualnama::present::compared(
            saualnama::summary::FigureKind::Total,
            None,
            Some(0.0),
            true,
            Lang::Ru
        ),
        "≥\u{a0}0"
    );
    // Given by both services: said plainly.
    let items = &mut s.sections.get_mut("public_services").unwrap().items;
    std::sync::Arc::make_mut(&mut items[1])
        .answers
        .insert("via_state_corporation".into(), json!(0));
    for id in [
        "complaints_staff",
        "complaints_quality",
        "complaints_deadlines",
        "complaints_other",
    ] {
        std::sync::Arc::make_mut(&mut items[0])
            .answers
            .insert(id.into(), json!(0));
    }
    assert_eq!(
        figure(&s, "public_services.via_state_corporation"),
        (true, false)
    );
    assert_eq!(
        figure(&s, "public_services.complaints_total"),
        (true, false)
    );
    assert_eq!(
        figure(&s, "public_services.state_corporation_share"),
        (true, false)
    );
}
