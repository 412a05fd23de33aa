//! The commands scripts rely on, run as the real binary.

mod common;
use common::*;
use serde_json::{Value, json};

#[test]
fn summary_gives_the_seeds_figures() {
    let out = run_on(&["summary", "--format", "json"], &example_path());
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["totals"];
    assert_eq!(t["public_services.services_rendered"], 95);
    assert_eq!(t["public_services.via_provider_office"], 95);
    assert_eq!(t["personnel.staff_planned"], 42);
    assert_eq!(t["personnel.staff_actual"], 44);
    assert_eq!(t["personnel.dismissed_own_will"], 4);
    assert_eq!(t["personnel.penalty_remark"], 2);
    assert!(v["progress"]["answered"].as_u64().unwrap() < v["progress"]["total"].as_u64().unwrap());

    let problems = v["problems"].as_array().unwrap();
    let rules: Vec<&str> = problems
        .iter()
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"staff_over_schedule"), "{problems:?}");
    assert!(rules.contains(&"penalties_accounted_for"), "{problems:?}");
    for p in problems {
        assert_eq!(p["severity"], "warning");
        assert_eq!(p["section"], "personnel");
        assert!(p.get("item").is_some() && p["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // The seed's figures are otherwise consistent: no other problem.
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn summary_messages_follow_the_language() {
    let ru = stdout(&run_on(&["summary", "-l", "ru"], &example_path()));
    assert!(
        ru.contains("Фактическая численность (44) больше штатной (42)"),
        "{ru}"
    );
    // Russian plurals after numerals.
    assert!(
        ru.contains("(2 строки)") && ru.contains("(0 строк)"),
        "{ru}"
    );
    assert!(!ru.contains("2 строк)"), "{ru}");
    let en = stdout(&run_on(&["summary", "-l", "en"], &example_path()));
    assert!(en.contains("2 penalties applied, but investigations and penalties without investigation add up to 0"), "{en}");
    let kk = stdout(&run_on(&["summary"], &example_path()));
    assert!(
        kk.contains("Іс жүзіндегі саны (44)"),
        "default language is Kazakh: {kk}"
    );
}

#[test]
fn validate_lists_what_is_missing() {
    let out = run_on(&["validate", "-l", "en"], &example_path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("1.2 Q2"), "{text}");
    assert!(text.contains("4 14: Other"), "{text}");
}

#[test]
fn validate_passes_a_complete_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    // Fill what the seed lost, and make the personnel figures agree.
    let items = v["sections"]["public_services"]["items"]
        .as_array_mut()
        .unwrap();
    for it in items.iter_mut() {
        let a = it["answers"].as_object_mut().unwrap();
        for (k, val) in [
            ("via_state_corporation", json!(0)),
            ("complaints_staff", json!(0)),
            ("complaints_quality", json!(0)),
            ("complaints_deadlines", json!(0)),
            ("complaints_other", json!(0)),
            ("refusal_grounds", json!("жоқ")),
            ("deadline_violation_reasons", json!("жоқ")),
            ("complaint_subjects", json!("жоқ")),
            ("regulation_matches_standard", json!(100)),
            ("regulation_matches_practice", json!(100)),
            ("discretion_in_legal_acts", json!({"yes": false})),
            ("legal_conflicts_unregulated", json!({"yes": false})),
            ("additional_documents_demanded", json!({"yes": false})),
            ("deadline_extension_norm", json!({"yes": false})),
        ] {
            a.entry(k).or_insert(val);
        }
    }
    let p = v["sections"]["personnel"]["answers"]
        .as_object_mut()
        .unwrap();
    p.insert("staff_actual".into(), json!(42));
    p.insert("internal_investigations".into(), json!(2));
    p.insert("other".into(), json!("жоқ"));
    let f = dir.path().join("complete.json");
    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let out = run_on(&["validate", "-l", "en"], &f);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn list_and_outline() {
    let out = run(&["list"]);
    assert!(stdout(&out).starts_with("corruption-risk-internal-analysis\t2016-10-19.1\t"));
    let out = run(&["outline", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "corruption-risk-internal-analysis");
    let s0 = &v["sections"][0];
    assert_eq!(s0["id"], "public_services");
    assert_eq!(s0["number"], "1");
    assert_eq!(s0["repeat"], true);
    assert_eq!(v["sections"][3]["repeat"], false);
    assert!(
        s0["title"]["kk"].is_string()
            && s0["title"]["ru"].is_string()
            && s0["title"]["en"].is_string()
    );
    assert_eq!(
        s0["indicators"][0],
        json!({"id": "services_rendered", "number": "Q1", "type": "count",
        "text": {"kk": "Мемлекеттік қызмет көрсетілді (барлығы)", "ru": "Оказано государственных услуг (всего)", "en": "Public services rendered (total)"}})
    );
    assert_eq!(s0["questions"][3]["type"], "percent");
    let text = stdout(&run(&["outline", "-l", "en"]));
    assert!(
        text.contains("Annex 5 (9) — Corruption risks in the legal acts"),
        "{text}"
    );
    // A definition file by path works too.
    let out = run(&["outline", form_path().to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
}

#[test]
fn check_passes_every_bundled_form() {
    for entry in std::fs::read_dir(root().join("questionnaires")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "json") {
            let out = run_on(&["check"], &p);
            assert!(out.status.success(), "{}: {}", p.display(), stderr(&out));
        }
    }
}

#[test]
fn extra_questionnaire_directories() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(form_path()).unwrap()).unwrap();
    v["id"] = json!("my-form");
    std::fs::write(dir.path().join("mine.json"), v.to_string()).unwrap();
    let d = dir.path().to_str().unwrap();
    let out = run(&["list", "--questionnaires", d]);
    assert!(stdout(&out).contains("my-form\t"), "{}", stdout(&out));
    let out = std::process::Command::new(bin())
        .arg("list")
        .env("SAUALNAMA_QUESTIONNAIRES", d)
        .output()
        .unwrap();
    assert!(stdout(&out).contains("my-form\t"));
}

#[test]
fn the_worked_example_in_the_format_docs_is_sound() {
    let readme = std::fs::read_to_string(root().join("questionnaires/README.md")).unwrap();
    let example = std::fs::read_to_string(root().join("docs/mini-questionnaire.json")).unwrap();
    assert!(
        readme.contains(&example),
        "docs/mini-questionnaire.json is the README's example"
    );
    let out = run_on(&["check"], &root().join("docs/mini-questionnaire.json"));
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The README's key table is the editor's key table: every binding is in it, and it has no key the
/// editor does not know. On a difference the message holds the table to paste.
#[test]
fn readme_key_table_is_the_key_table() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("\n## Keys\n")
        .nth(1)
        .expect("README has a Keys section")
        .split("\n## ")
        .next()
        .unwrap();
    let in_readme: Vec<&str> = section.lines().filter(|l| l.starts_with('|')).collect();
    let want = saualnama::tui::keys::markdown_table();
    let want: Vec<&str> = want.lines().collect();
    assert_eq!(
        in_readme,
        want,
        "README's key table differs from src/tui/keys.rs; it should read:\n{}",
        want.join("\n")
    );
}

#[test]
fn readme_screen_capture_is_the_current_screen() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let snap =
        std::fs::read_to_string(root().join("tests/snapshots/tui_screens__count_80x24_kk.snap"))
            .unwrap();
    let screen: Vec<&str> = snap
        .lines()
        .skip_while(|l| !l.starts_with('"'))
        .map(|l| l.trim_start_matches('"').trim_end_matches('"'))
        .collect();
    assert!(
        readme.contains(&screen.join("\n")),
        "README's capture is stale: copy the count_80x24_kk snapshot"
    );
}
