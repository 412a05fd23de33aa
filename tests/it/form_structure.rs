//! The bundled form is the seed's form: these ids and numbers are what scripts and reports key on.

use crate::common;

use saualnama::questionnaire::{BUNDLED, FieldType, Registry, check, parse_questionnaire};

fn form() -> saualnama::questionnaire::Questionnaire {
    Registry::bundled()
        .get("corruption-risk-internal-analysis")
        .unwrap()
        .clone()
}

/// Each bundled form is its file in `questionnaires/`, read as a form from a file is, and sound:
/// the start reads the build's binary encoding of it without checking it again.
#[test]
fn every_bundled_form_is_its_file_and_sound() {
    let bundled = Registry::bundled();
    assert_eq!(bundled.forms.len(), BUNDLED.len());
    for ((name, _), compiled) in BUNDLED.iter().zip(&bundled.forms) {
        let path = common::root().join("questionnaires").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let q = parse_questionnaire(name, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(check(&q), vec![], "{name}");
        assert_eq!(format!("{compiled:#?}"), format!("{q:#?}"), "{name}");
    }
}

#[test]
fn sections_in_the_forms_order() {
    let ids: Vec<_> = form().sections.iter().map(|s| s.id.clone()).collect();
    assert_eq!(
        ids,
        [
            "public_services",
            "permits",
            "control_functions",
            "personnel",
            "legal_acts"
        ]
    );
    let q = form();
    let repeats: Vec<bool> = q.sections.iter().map(|s| s.is_repeat()).collect();
    assert_eq!(repeats, [true, true, true, false, true]);
    assert_eq!(
        q.section("legal_acts").unwrap().source_label.as_deref(),
        Some("5 (9) қосымша")
    );
}

fn indicator_ids(section: &str) -> Vec<String> {
    form()
        .section(section)
        .unwrap()
        .indicators
        .iter()
        .map(|i| i.id.clone())
        .collect()
}

fn question_numbers(section: &str) -> Vec<String> {
    form()
        .section(section)
        .unwrap()
        .questions
        .iter()
        .map(|i| i.number.clone())
        .collect()
}

const COMPLAINTS: [&str; 4] = [
    "complaints_staff",
    "complaints_quality",
    "complaints_deadlines",
    "complaints_other",
];

#[test]
fn public_services_indicators_and_questions() {
    let mut want = vec![
        "services_rendered",
        "via_state_corporation",
        "via_provider_office",
        "refusals",
        "deadline_violations",
    ];
    want.extend(COMPLAINTS);
    assert_eq!(indicator_ids("public_services"), want);
    let nums: Vec<String> = (1..=14).map(|n| n.to_string()).collect();
    assert_eq!(question_numbers("public_services"), nums);
}

#[test]
fn permits_have_17_questions_and_other() {
    let mut want = vec![
        "permits_issued",
        "via_state_corporation",
        "refusals",
        "deadline_violations",
    ];
    want.extend(COMPLAINTS);
    assert_eq!(indicator_ids("permits"), want);
    let nums: Vec<String> = (1..=18).map(|n| n.to_string()).collect();
    assert_eq!(question_numbers("permits"), nums);
    let q = form();
    let other = q
        .section("permits")
        .unwrap()
        .questions
        .last()
        .unwrap()
        .clone();
    assert_eq!(other.id, "other");
    assert_eq!(
        other.source_label.as_deref(),
        Some("16"),
        "the seed's second «16» is kept"
    );
}

#[test]
fn control_functions_keep_the_seeds_numbers() {
    let mut want = vec![
        "inspections",
        "unscheduled",
        "by_risk_groups",
        "violations_found",
        "deadline_violations",
    ];
    want.extend(COMPLAINTS);
    assert_eq!(indicator_ids("control_functions"), want);
    let mut nums: Vec<String> = (1..=12).map(|n| n.to_string()).collect();
    nums.extend(["14".to_owned(), "15".to_owned()]);
    assert_eq!(question_numbers("control_functions"), nums);
}

#[test]
fn personnel_indicators_and_questions() {
    assert_eq!(
        indicator_ids("personnel"),
        [
            "staff_planned",
            "staff_actual",
            "vacancies",
            "dismissed_own_will",
            "dismissed_negative",
            "dismissed_other",
            "negative_motives",
            "promoted",
            "rotations",
            "internal_investigations",
            "penalty_remark",
            "penalty_reprimand",
            "penalty_severe_reprimand",
            "penalty_incomplete_compliance",
            "penalty_dismissal",
            "penalties_without_investigation",
            "penalties_appealed",
            "penalties_cancelled",
            "conflict_of_interest_cases",
        ]
    );
    let nums: Vec<String> = (1..=14).map(|n| n.to_string()).collect();
    assert_eq!(question_numbers("personnel"), nums);
    assert_eq!(
        form()
            .section("personnel")
            .unwrap()
            .questions
            .last()
            .unwrap()
            .id,
        "other"
    );
}

#[test]
fn legal_acts_are_items_with_the_tables_text_columns() {
    let q = form();
    let s = q.section("legal_acts").unwrap();
    assert!(
        s.repeat.is_some(),
        "the act's title is the item name (column 2)"
    );
    assert!(s.indicators.is_empty());
    assert_eq!(s.questions.len(), 4, "columns 3–6");
    assert!(s.questions.iter().all(|f| f.kind == FieldType::Text));
}

#[test]
fn every_label_in_three_languages() {
    let q = form();
    let mut texts = vec![&q.title];
    texts.extend(q.header.iter().map(|h| &h.text));
    for s in &q.sections {
        texts.push(&s.title);
        texts.push(&s.label);
        texts.extend(s.fields().map(|f| &f.text));
        texts.extend(s.fields().filter_map(|f| f.hint.as_ref()));
        texts.extend(s.rules.iter().map(|r| &r.message));
        texts.extend(s.groups.iter().map(|g| &g.text));
    }
    texts.extend(q.summary.iter().map(|d| &d.label));
    for t in texts {
        assert!(t.missing().is_empty(), "{t:?}");
        assert_ne!(t.kk, t.en, "an untranslated text: {t:?}");
    }
}

#[test]
fn ocr_corrections_are_in_the_kazakh() {
    let q = form();
    let ps = q.section("public_services").unwrap();
    assert!(
        ps.field("additional_documents_demanded")
            .unwrap()
            .text
            .kk
            .contains("талап ету")
    );
    assert!(
        ps.field("complaints_quality")
            .unwrap()
            .text
            .kk
            .contains("сапаға")
    );
    let cf = q.section("control_functions").unwrap();
    assert!(
        cf.field("discretion_in_legal_acts")
            .unwrap()
            .text
            .kk
            .contains("дискрецияның")
    );
    assert!(q.basis.as_ref().unwrap().kk.contains("19 қазандағы № 12"));
}

/// A question that no rule reads and that nobody listed as not a risk signal is a risk the findings
/// would be silent on: `check` refuses such a form.
#[test]
fn check_refuses_a_question_neither_read_by_a_rule_nor_listed() {
    let src = std::fs::read_to_string(common::form_path()).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&src).unwrap();
    // Take 1.13 (direct contact) out of every rule that reads it.
    let rules = v["findings"].as_array_mut().unwrap();
    rules.retain(|r| r["when"] != serde_json::json!({"yes": "direct_contact_with_recipient"}));
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("form.json");
    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out = common::run(&["check", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    let err = common::stderr(&out);
    assert!(
        err.contains(
            "public_services.direct_contact_with_recipient (13) is read by no finding rule"
        ),
        "{err}"
    );
    // Listing it as not a signal, with a reason, makes the form sound again.
    v["not_signals"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "section": "public_services",
            "fields": ["direct_contact_with_recipient"],
            "reason": {"kk": "сынақ", "ru": "проверка", "en": "a test"}
        }));
    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out = common::run(&["check", f.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}
