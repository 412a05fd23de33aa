//! Whole plausible reports, each with the findings a compliance officer expects written beside it
//! (`tests/corpus/*.expected`, made with `tests/corpus/make.py`): the program's findings must be
//! exactly those — no false alarm on «не выявлено», no silence on a real risk.

use crate::common;

use saualnama::findings::findings;
use saualnama::i18n::Lang;
use saualnama::questionnaire::FindingSeverity;
use saualnama::store::read_session;

fn lines(path: &std::path::Path) -> Vec<String> {
    let (s, q) = read_session(path, crate::common::registry()).unwrap();
    let mut out: Vec<String> = findings(&q, &s, Lang::En)
        .iter()
        .map(|f| {
            let sev = match f.severity {
                FindingSeverity::Risk => "risk",
                FindingSeverity::Review => "review",
                FindingSeverity::Inconsistency => "inconsistency",
            };
            format!("{sev} {} {} {}", f.section, f.item.unwrap_or(0), f.rule)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_report_of_the_corpus_gives_exactly_the_expected_findings() {
    let dir = common::root().join("tests/corpus");
    let mut reports: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    reports.sort();
    assert!(reports.len() >= 12, "{}", reports.len());
    let mut wrong = Vec::new();
    for r in &reports {
        let got = lines(r);
        let mut want: Vec<String> = std::fs::read_to_string(r.with_extension("expected"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        want.sort();
        if got != want {
            let name = r.file_name().unwrap().to_string_lossy();
            let missed: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
            let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
            wrong.push(format!(
                "{name}:\n  missed: {missed:?}\n  false alarms: {extra:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_example_gives_the_seeds_findings_and_nothing_else() {
    let got = lines(&common::example_path());
    assert_eq!(
        got,
        vec![
            "inconsistency personnel 0 penalties_vs_investigations",
            "inconsistency personnel 0 staff_over_schedule",
            "risk public_services 1 direct_contact",
            "risk public_services 2 direct_contact",
        ]
    );
}

#[test]
fn evidence_is_in_the_forms_numbering_without_zero_lines_and_says_what_was_not_reported() {
    let (s, q) = read_session(
        &common::root().join("tests/corpus/09-blank-breakdowns.json"),
        crate::common::registry(),
    )
    .unwrap();
    let found = findings(&q, &s, Lang::Ru);
    let complaints = found.iter().find(|f| f.rule == "complaints").unwrap();
    let ev = complaints.evidence.join("\n");
    assert!(ev.contains("Поступило жалоб (на сотрудника): 1"), "{ev}");
    assert!(ev.contains("(на качество): не указано"), "{ev}");
    assert!(!ev.contains(": 0"), "no zero lines: {ev}");
    assert!(!ev.contains("Q6"), "no internal Q-numbers: {ev}");
    let refusals = found
        .iter()
        .find(|f| f.rule == "refusals_without_grounds")
        .unwrap();
    let ev = refusals.evidence.join("\n");
    assert!(
        ev.contains("1. По каким основаниям"),
        "the form's own number: {ev}"
    );
    assert!(ev.contains("не указано"), "{ev}");
}

/// A comparison's side that adds up to 0 is part of what was found: «2 penalties, 0 investigations»
/// is said whole (its 0 lines were left out, and the evidence showed the penalties alone); a 0 on a
/// side that is not 0 is still left out.
#[test]
fn a_side_of_nothing_is_said_in_the_evidence() {
    let (s, q) = read_session(&common::example_path(), crate::common::registry()).unwrap();
    let found = findings(&q, &s, Lang::Ru);
    let f = found
        .iter()
        .find(|f| f.rule == "penalties_vs_investigations")
        .unwrap();
    assert_eq!(
        &f.evidence[..3],
        [
            "Применено дисциплинарных взысканий (замечание): 2",
            "Проведено служебных расследований: 0",
            "Применено взысканий без проведения служебного расследования: 0",
        ],
        "{:?}",
        f.evidence
    );
    assert!(
        !f.evidence.iter().any(|e| e.contains("(выговор): 0")),
        "{:?}",
        f.evidence
    );
}
