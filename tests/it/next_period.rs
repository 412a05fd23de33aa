//! The next period's report started from the last one: what stays, what starts empty, what is marked
//! to check, and the last period's figures beside the new.

use crate::common::{self, example_path, form_path, run, stderr, stdout};
use saualnama::i18n::Lang;
use saualnama::session::Slot;
use saualnama::tui::app::App;
use serde_json::{Value, json};

fn new_from_example(
    dir: &std::path::Path,
    extra: &[&str],
) -> (std::process::Output, std::path::PathBuf) {
    let next = dir.join("2017-2.json");
    let last = example_path();
    let mut args = vec![
        "new",
        next.to_str().unwrap(),
        "--from",
        last.to_str().unwrap(),
    ];
    args.extend(extra);
    (run(&args), next)
}

#[test]
fn the_next_report_keeps_the_organisation_the_items_and_marked_texts_and_empties_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (o, next) = new_from_example(
        dir.path(),
        &["--period-from", "2017-07", "--period-to", "2017-12"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&next).unwrap()).unwrap();
    let last: Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    assert_eq!(v["header"]["organisation"], last["header"]["organisation"]);
    assert_eq!(v["header"]["head"], last["header"]["head"]);
    assert_eq!(v["header"]["period_from"], "2017-07");
    assert_eq!(v["header"]["period_to"], "2017-12");
    let items = v["sections"]["public_services"]["items"]
        .as_array()
        .unwrap();
    let last_items = last["sections"]["public_services"]["items"]
        .as_array()
        .unwrap();
    assert_eq!(items.len(), last_items.len());
    for (a, b) in items.iter().zip(last_items) {
        assert_eq!(a["name"], b["name"]);
        // The counts and the period's own answers start empty…
        assert!(a["answers"].get("services_rendered").is_none());
        assert!(a["answers"].get("complaint_subjects").is_none());
        // …the descriptions of the rules carry over, marked to check.
        assert_eq!(
            a["answers"]["public_information"],
            b["answers"]["public_information"]
        );
        assert!(
            a["carried"]
                .as_array()
                .unwrap()
                .contains(&json!("public_information"))
        );
    }
    assert!(
        v["sections"]["personnel"]["answers"]
            .get("staff_planned")
            .is_none()
    );
    assert_eq!(
        v["previous"]["figures"]["public_services.services_rendered"],
        95.0
    );
    assert_eq!(v["previous"]["period_from"], "2017-01");
    // The new report opens and is sound.
    let o = run(&["validate", next.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "incomplete, not broken: {}",
        stderr(&o)
    );
    // Never over a report; a month must be one.
    let (o, _) = new_from_example(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let other = tempfile::tempdir().unwrap();
    let (o, _) = new_from_example(other.path(), &["--period-from", "2017-13"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn the_summary_sets_each_figure_beside_the_last_periods() {
    let dir = tempfile::tempdir().unwrap();
    let (o, next) = new_from_example(dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&next).unwrap()).unwrap();
    v["sections"]["public_services"]["items"][0]["answers"]["services_rendered"] = json!(100);
    v["sections"]["public_services"]["items"][1]["answers"]["services_rendered"] = json!(2);
    std::fs::write(&next, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let text = stdout(&run(&["summary", next.to_str().unwrap(), "-l", "ru"]));
    let line = text
        .lines()
        .find(|l| l.contains("Оказано государственных услуг"))
        .unwrap();
    assert!(line.contains("95 → 102 (+7,4\u{a0}%)"), "{line}");
    let o = run(&["summary", next.to_str().unwrap(), "--format", "json"]);
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        j["previous"]["figures"]["public_services.services_rendered"],
        95.0
    );
}

#[test]
fn a_carried_answer_is_marked_until_it_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (o, next) = new_from_example(dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (s, q) = saualnama::store::read_session(&next, common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "2017-2.json".into(), false);
    let slot = Slot::Answer {
        section: "public_services".into(),
        item: Some(0),
        field: "public_information".into(),
    };
    assert!(app.form.session.is_carried(&slot));
    let at = app.form.stop_of(&slot).unwrap();
    let now = std::time::SystemTime::now();
    let key = |c| {
        ratatui::crossterm::event::Event::Key(ratatui::crossterm::event::KeyEvent::new(
            c,
            ratatui::crossterm::event::KeyModifiers::NONE,
        ))
    };
    use ratatui::crossterm::event::KeyCode;
    // Go there with Ctrl-G and see the mark.
    app.update(
        ratatui::crossterm::event::Event::Key(ratatui::crossterm::event::KeyEvent::new(
            KeyCode::Char('g'),
            ratatui::crossterm::event::KeyModifiers::CONTROL,
        )),
        now,
    );
    for c in "1.1.14".chars() {
        app.update(key(KeyCode::Char(c)), now);
    }
    app.update(key(KeyCode::Enter), now);
    assert_eq!(app.form.current, at);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| saualnama::tui::view::view(&app, f, &saualnama::tui::view::Theme { color: false }))
        .unwrap();
    let screen = t.backend().to_string();
    assert!(
        screen.contains("перенесено из прошлого периода"),
        "{screen}"
    );
    // The live summary sets the last period's figures beside the new (none yet).
    assert!(screen.contains("95 → —"), "{screen}");
    // Enter, unchanged: checked, and the check is saved.
    app.update(key(KeyCode::Enter), now);
    assert!(!app.form.session.is_carried(&slot));
    assert!(app.needs_save());
}

#[test]
fn check_refuses_a_carry_that_names_no_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut form: Value =
        serde_json::from_str(&std::fs::read_to_string(form_path()).unwrap()).unwrap();
    form["sections"][0]["carry"] = json!(["public_information", "services_rendered"]);
    let f = dir.path().join("form.json");
    std::fs::write(&f, serde_json::to_string_pretty(&form).unwrap()).unwrap();
    let o = run(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o) + &stdout(&o);
    assert!(
        err.contains("$.sections[0].carry[1]") && err.contains("services_rendered"),
        "{err}"
    );
}

#[test]
fn aggregate_sets_one_organisations_periods_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let (o, next) = new_from_example(
        dir.path(),
        &["--period-from", "2017-07", "--period-to", "2017-12"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&next).unwrap()).unwrap();
    v["sections"]["public_services"]["items"][0]["answers"]["services_rendered"] = json!(120);
    std::fs::write(&next, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let last = example_path();
    // Given in any order: the rows come in the periods' order.
    let o = run(&[
        "aggregate",
        "--by",
        "period",
        "--format",
        "json",
        next.to_str().unwrap(),
        last.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("different periods"), "{}", stderr(&o));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = j["rows"].as_array().unwrap();
    assert_eq!(rows[0]["organisation"], "2017-01 – 2017-06");
    assert_eq!(rows[1]["organisation"], "2017-07 – 2017-12");
    assert_eq!(
        rows[0]["figures"]["public_services.services_rendered"],
        95.0
    );
    assert_eq!(
        rows[1]["figures"]["public_services.services_rendered"],
        120.0
    );
}

/// Fixes from a newcomer's pass: only Enter (or an edit) checks a carried answer, passing by does
/// not; «да» alone in plain mode keeps the comment; months stored as months, a backwards period
/// refused; the last period's figures only where something was entered; periods side by side have
/// no total; a deleted namesake's history is not this report's.
#[test]
fn carried_marks_months_totals_and_history_as_a_newcomer_expects() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let (o, next) = new_from_example(dir.path(), &["--period-from", "2017-7", "-l", "ru"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&next).unwrap()).unwrap();
    assert_eq!(v["header"]["period_from"], "2017-07");
    assert_eq!(v["language"], "ru");
    let figures = v["previous"]["figures"].as_object().unwrap();
    assert!(figures.contains_key("public_services.services_rendered"));
    assert!(
        !figures.contains_key("permits.permits_issued"),
        "annex 2 was not filled: no figure to compare with"
    );
    let other = tempfile::tempdir().unwrap();
    let (o, _) = new_from_example(
        other.path(),
        &["--period-from", "2017-12", "--period-to", "2017-07"],
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a period that ends before it begins"
    );

    // Passing by does not check; Enter does.
    let (s, q) = saualnama::store::read_session(&next, common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "2017-2.json".into(), false);
    let slot = Slot::Answer {
        section: "public_services".into(),
        item: Some(0),
        field: "public_information".into(),
    };
    let at = app.form.stop_of(&slot).unwrap();
    let now = std::time::SystemTime::now();
    let key = |c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    app.form.stand(at - 1);
    app.update(key(KeyCode::Tab), now);
    assert_eq!(app.form.current, at);
    app.update(key(KeyCode::Tab), now);
    assert!(
        app.form.session.is_carried(&slot),
        "passed by: still to check"
    );
    app.update(
        Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        now,
    );
    app.update(key(KeyCode::Enter), now);
    assert!(!app.form.session.is_carried(&slot), "Enter checks it");

    // Plain mode: «да» alone keeps the comment.
    let yes_slot = Slot::Answer {
        section: "public_services".into(),
        item: Some(0),
        field: "standard_has_refusal_grounds".into(),
    };
    let before = app.form.session.get(&yes_slot).cloned().unwrap();
    assert!(before["comment"].as_str().is_some_and(|c| !c.is_empty()));
    app.form.stand(app.form.stop_of(&yes_slot).unwrap());
    app.editor = saualnama::tui::editor::Editor::for_stop(app.stop(), &app.form.session, Lang::Ru);
    saualnama::tui::plain::answer(&mut app, "да", now).unwrap();
    assert_eq!(app.form.session.get(&yes_slot), Some(&before));

    // Periods side by side: no total.
    let o = run(&[
        "aggregate",
        "--by",
        "period",
        "--format",
        "json",
        example_path().to_str().unwrap(),
        next.to_str().unwrap(),
    ]);
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(j["total"]["figures"].as_object().unwrap().is_empty());

    // A history left by a deleted report of the same name is not this one's.
    let hist = dir.path().join("2017-2.history.jsonl");
    std::fs::write(
        &hist,
        "{\"time\":\"2016-01-01T00:00:00Z\",\"uid\":0,\"user\":\"root\",\"what\":\"set\",\"field\":\"head\",\"new\":\"old\"}\n",
    )
    .unwrap();
    let o = run(&["history", next.to_str().unwrap(), "--format", "json"]);
    let h: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(h, json!([]));
}
