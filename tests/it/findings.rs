//! Findings: the corruption-risk factors, each rule firing and not firing, on the seed and in the
//! editor, the command and the draft analytical report.

use crate::common::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use saualnama::findings::findings;
use saualnama::i18n::Lang;
use saualnama::questionnaire::{Op, Questionnaire, Term, When};
use saualnama::sample;
use saualnama::session::Session;
use serde_json::{Map, Value, json};

/// The moment every test's changes happen at: the example's own stamp, 2017-07-10T09:00:00Z.
fn now() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_499_677_200)
}

fn form() -> Questionnaire {
    crate::common::registry().default_form().clone()
}

#[test]
fn the_seeds_findings() {
    let (s, q) = sample::example();
    let found = findings(&q, &s, Lang::En);
    let keys: Vec<(String, Option<usize>, String)> = found
        .iter()
        .map(|f| (f.section.clone(), f.item, f.rule.clone()))
        .collect();
    // Direct contact with the recipient, for both public services.
    assert!(
        keys.contains(&("public_services".into(), Some(1), "direct_contact".into())),
        "{keys:?}"
    );
    assert!(
        keys.contains(&("public_services".into(), Some(2), "direct_contact".into())),
        "{keys:?}"
    );
    // The personnel inconsistencies.
    assert!(
        keys.contains(&("personnel".into(), None, "staff_over_schedule".into())),
        "{keys:?}"
    );
    assert!(
        keys.contains(&(
            "personnel".into(),
            None,
            "penalties_vs_investigations".into()
        )),
        "{keys:?}"
    );
    // Nothing for annexes 2 and 3, which the organisation does not perform.
    assert!(
        !found
            .iter()
            .any(|f| f.section == "permits" || f.section == "control_functions"),
        "{keys:?}"
    );
    let contact = found.iter().find(|f| f.rule == "direct_contact").unwrap();
    assert_eq!(
        contact.evidence,
        [
            "13. Direct contact with the service recipient: yes. Өйткені қызмет көрсетілетін қызметті берушінің кеңсесі арқылы іске асырылады."
        ]
    );
    assert!(!contact.recommendation.is_empty() && !contact.explanation.is_empty());
}

/// Answers that make `w` hold (or not), for the rules of the bundled form.
fn answers_for(w: &When, hold: bool, out: &mut Map<String, Value>) {
    match w {
        When::Yes(f) => {
            out.insert(f.clone(), json!({"yes": hold}));
        }
        When::No(f) => {
            out.insert(f.clone(), json!({"yes": !hold}));
        }
        When::Described(f) => {
            out.insert(
                f.clone(),
                json!(if hold {
                    "5-баптың 2-тармағы лауазымды адамға өз қалауы бойынша шешуге мүмкіндік береді"
                } else {
                    "жоқ"
                }),
            );
        }
        When::Undescribed(f) => {
            out.insert(
                f.clone(),
                json!(if hold {
                    "нет"
                } else {
                    "Ұйғарым берілді, айыппұл салынды"
                }),
            );
        }
        When::Below { field, value } => {
            out.insert(
                field.clone(),
                json!(if hold { value / 2.0 } else { *value }),
            );
        }
        When::Compare(c) => {
            assert!(
                matches!(c.op, Op::Gt | Op::Eq),
                "the generator knows `gt` and `eq` (against 0) only"
            );
            let left = match (c.op, hold) {
                (Op::Eq, true) | (Op::Gt, false) => 0,
                _ => 3,
            };
            for t in &c.left {
                if let Term::Id(id) = t {
                    out.insert(id.clone(), json!(left));
                }
            }
            for t in &c.right {
                if let Term::Id(id) = t {
                    out.insert(id.clone(), json!(0));
                }
            }
        }
        When::All(ws) => {
            for (i, inner) in ws.iter().enumerate() {
                // Not holding: the first condition fails, the rest hold.
                answers_for(inner, hold || i > 0, out);
            }
        }
        When::Any(ws) => {
            for (i, inner) in ws.iter().enumerate() {
                answers_for(inner, hold && i == 0, out);
            }
        }
    }
}

fn session_with(q: &Questionnaire, section: &str, answers: Map<String, Value>) -> Session {
    let mut s = Session::new(q, "2026-01-01T00:00:00Z".into());
    let sec = q.section(section).unwrap();
    let v = Value::Object(answers).as_object().unwrap().clone();
    if sec.is_repeat() {
        let i = s.add_item(section, "Сынақ");
        std::sync::Arc::make_mut(&mut s.sections.get_mut(section).unwrap().items[i]).answers =
            v.into_iter().collect();
    } else {
        s.sections.get_mut(section).unwrap().answers = v.into_iter().collect();
    }
    s
}

#[test]
fn every_rule_fires_and_does_not() {
    let q = form();
    assert!(q.findings.len() >= 12);
    for r in &q.findings {
        for hold in [true, false] {
            let mut a = Map::new();
            answers_for(&r.when, hold, &mut a);
            let s = session_with(&q, &r.section, a.clone());
            let fired = findings(&q, &s, Lang::Kk)
                .iter()
                .any(|f| f.rule == r.id && f.section == r.section);
            assert_eq!(fired, hold, "{}.{} with {a:?}", r.section, r.id);
        }
        // An unanswered report shows nothing, except where silence is itself the risk.
        let s = session_with(&q, &r.section, Map::new());
        assert!(
            !findings(&q, &s, Lang::Kk).iter().any(|f| f.rule == r.id),
            "{}.{} on no answers",
            r.section,
            r.id
        );
    }
}

#[test]
fn the_required_factors_are_all_there() {
    let q = form();
    let ids: Vec<String> = q
        .findings
        .iter()
        .map(|r| format!("{}.{}", r.section, r.id))
        .collect();
    for want in [
        "public_services.discretion",
        "public_services.legal_conflicts",
        "public_services.additional_documents",
        "public_services.paid_documents",
        "public_services.blurred_responsibility",
        "public_services.direct_contact",
        "public_services.refusals_without_grounds",
        "public_services.deadline_violations",
        "public_services.complaints",
        "public_services.regulation_conformity",
        "public_services.no_refusal_grounds",
        "permits.own_documents_required",
        "permits.duplicated_approval_stages",
        "control_functions.conflict_of_interest_rules_not_observed",
        "control_functions.control_questions_not_covered",
        "personnel.commissions_not_approved",
        "personnel.early_lifting_of_penalties",
        "personnel.conflicts_described_but_not_counted",
        "legal_acts.no_risk_measures",
        "permits.direct_contact",
        "control_functions.direct_contact",
        "control_functions.violations_without_measures",
        "control_functions.checklists_incomplete",
        "personnel.penalties_without_investigation",
        "personnel.conflict_of_interest_cases",
        "personnel.hiring_prior_offenders",
        "legal_acts.discretion_or_conflicts",
        "legal_acts.unregulated_norms",
    ] {
        assert!(ids.iter().any(|i| i == want), "{want} missing from {ids:?}");
    }
    for r in &q.findings {
        for t in [&r.title, &r.explanation, &r.recommendation] {
            assert!(t.missing().is_empty(), "{}.{}", r.section, r.id);
        }
    }
}

#[test]
fn the_findings_command() {
    let out = run_on(
        &["findings", "--format", "json", "-l", "ru"],
        &example_path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
    assert_eq!(v[0]["title"], "Прямой контакт с услугополучателем");
    assert_eq!(v[0]["severity"], "risk");
    assert_eq!(v[2]["severity"], "inconsistency");
    // The risks are counted apart from what is to be checked further, as the analytical report's
    // conclusion counts them (it said 2 risks where this said 4).
    let text = stdout(&run_on(&["findings", "-l", "en"], &example_path()));
    assert!(
        text.starts_with("Corruption risks: 2; inconsistencies in the data: 2"),
        "{text}"
    );
    let text = stdout(&run_on(&["findings", "-l", "ru"], &example_path()));
    assert!(
        text.starts_with("Коррупционные риски: 2; несоответствия в данных: 2"),
        "{text}"
    );
    let report = stdout(&run_on(
        &[
            "export",
            "--format",
            "md",
            "--document",
            "analytical-report",
            "-l",
            "ru",
            "-o",
            "-",
        ],
        &example_path(),
    ));
    assert!(
        report.contains("выявленных коррупционных рисков — 2; вопросов, требующих дополнительной проверки, — 0; несоответствий в данных — 2"),
        "{report}"
    );
    let out = run_on(&["summary", "--format", "json"], &example_path());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["findings"], 4, "the summary counts them");
    assert_eq!(v["risks"], 2, "and the risks among them");
}

#[test]
fn the_editor_counts_lists_and_jumps() {
    use saualnama::tui::app::App;
    use saualnama::tui::overlay::Overlay;
    let (s, q) = sample::example();
    let mut app = App::new(q, s, Lang::En, "r.json".into(), false);
    assert_eq!(app.form.summary.findings, 4);
    app.update(
        Event::Key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL)),
        now(),
    );
    let Some(Overlay::Findings(f)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!((f.list.len(), f.selected), (4, 0));
    app.update(
        Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
        now(),
    );
    app.update(
        Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        now(),
    );
    assert_eq!(app.overlay, None);
    assert_eq!(
        serde_json::to_string(&app.form.session.cursor).unwrap(),
        r#"{"section":"public_services","item":1,"id":"n2","field":"direct_contact_with_recipient"}"#
    );
    // Changing the answer to «no» (back to the choice from the start of the comment) takes the finding
    // away.
    app.update(
        Event::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE)),
        now(),
    );
    app.update(
        Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)),
        now(),
    );
    app.update(
        Event::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)),
        now(),
    );
    app.update(
        Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        now(),
    );
    assert_eq!(app.form.summary.findings, 3);
}

use crate::common::docx::docx_text;

#[test]
fn the_draft_analytical_report_in_three_languages() {
    let dir = tempfile::tempdir().unwrap();
    let (s, q) = sample::example();
    for lang in Lang::ALL {
        let out = dir.path().join(format!("report-{lang}.docx"));
        let o = run(&[
            "export",
            example_path().to_str().unwrap(),
            "--format",
            "docx",
            "--document",
            "analytical-report",
            "-l",
            lang.code(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = docx_text(&out);
        let draft = saualnama::ui_text::Ui::DraftMark.get(lang);
        assert!(
            text.starts_with(draft),
            "marked as a draft: {}",
            &text[..200.min(text.len())]
        );
        assert!(text.contains("12"), "the basis, order No. 12");
        assert!(text.contains("Жас техниктер станциясы"));
        for f in findings(&q, &s, lang) {
            assert!(text.contains(&f.title), "{lang}: {}", f.title);
            assert!(
                text.contains(&f.recommendation),
                "{lang}: {}",
                f.recommendation
            );
            for e in &f.evidence {
                assert!(text.contains(e), "{lang}: {e}");
            }
        }
        assert!(
            text.contains(saualnama::ui_text::Ui::SignatureLine.get(lang)),
            "signature lines"
        );
    }
    for fmt in ["html", "md"] {
        let o = run(&[
            "export",
            example_path().to_str().unwrap(),
            "--format",
            fmt,
            "--document",
            "analytical-report",
            "-o",
            "-",
            "-l",
            "en",
        ]);
        assert!(
            stdout(&o).contains("Direct contact with the recipient"),
            "{fmt}"
        );
    }
    let o = run(&[
        "export",
        example_path().to_str().unwrap(),
        "--format",
        "csv",
        "--document",
        "analytical-report",
    ]);
    assert_eq!(o.status.code(), Some(2));
}
