//! Broken definitions and broken reports: a clear message with the place, a non-zero exit, no panic,
//! and the file left as it was.

use crate::common::*;
use serde_json::{Value, json};

fn form() -> Value {
    serde_json::from_str(&std::fs::read_to_string(form_path()).unwrap()).unwrap()
}

fn broken_forms() -> Vec<(&'static str, String, &'static str)> {
    let text = std::fs::read_to_string(form_path()).unwrap();
    let mut cases: Vec<(&str, String, &str)> = vec![
        (
            "truncated",
            text.chars().take(text.chars().count() / 2).collect(),
            "EOF while parsing",
        ),
        (
            "not json",
            "questionnaire: yes\n".to_owned(),
            "expected value",
        ),
        ("empty", String::new(), "EOF while parsing"),
    ];
    let mut edit = |name: &'static str, expect: &'static str, f: &dyn Fn(&mut Value)| {
        let mut v = form();
        f(&mut v);
        cases.push((name, serde_json::to_string_pretty(&v).unwrap(), expect));
    };
    edit("wrong format", "$.format", &|v| {
        v["format"] = json!("something/2")
    });
    edit("duplicate section id", "$.sections[1].id", &|v| {
        v["sections"][1]["id"] = json!("public_services")
    });
    edit(
        "missing Kazakh text",
        "$.sections[0].indicators[0].text.kk",
        &|v| v["sections"][0]["indicators"][0]["text"]["kk"] = json!(""),
    );
    edit(
        "unknown parent",
        "$.sections[0].indicators[1].parent",
        &|v| v["sections"][0]["indicators"][1]["parent"] = json!("nothing"),
    );
    edit(
        "rule names an unknown id",
        "$.sections[0].rules[0].left[0]",
        &|v| v["sections"][0]["rules"][0]["left"][0] = json!("services_renderd"),
    );
    edit("unknown type", "$.sections[0].questions[0].type", &|v| {
        v["sections"][0]["questions"][0]["type"] = json!("essay")
    });
    edit("unknown field", "$.sections[0].titel", &|v| {
        v["sections"][0]["titel"] = json!("x")
    });
    edit(
        "summary of an unknown section",
        "$.summary[0].section",
        &|v| v["summary"][0]["section"] = json!("nowhere"),
    );
    edit(
        "duplicate number",
        "$.sections[3].questions[1].number",
        &|v| v["sections"][3]["questions"][1]["number"] = json!("1"),
    );
    edit("id not snake_case", "$.sections[0].questions[0].id", &|v| {
        v["sections"][0]["questions"][0]["id"] = json!("Refusal-Grounds")
    });
    edit("text indicator", "$.sections[3].indicators[0].type", &|v| {
        v["sections"][3]["indicators"][0]["type"] = json!("text")
    });
    edit("not_before a text field", "$.header[3].not_before", &|v| {
        v["header"][3]["not_before"] = json!("organisation")
    });
    edit(
        "finding on an unknown field",
        "$.findings[0].when.yes",
        &|v| v["findings"][0]["when"] = json!({"yes": "no_such_question"}),
    );
    edit(
        "finding on a field of the wrong type",
        "$.findings[0].when.yes",
        &|v| v["findings"][0]["when"] = json!({"yes": "refusal_grounds"}),
    );
    edit("missing title", "$", &|v| {
        v.as_object_mut().unwrap().remove("title");
    });
    cases
}

#[test]
fn broken_questionnaires_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = broken_forms();
    assert!(cases.len() >= 10);
    for (name, text, expect) in cases {
        let f = dir.path().join("form.json");
        std::fs::write(&f, &text).unwrap();
        let out = run_on(&["check"], &f);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(expect), "{name}: expected {expect:?} in {err}");
        assert!(
            err.contains(&format!("{}:", f.display())),
            "{name}: names the file: {err}"
        );
        if !text.trim().is_empty() {
            assert!(names_position(&err, &f), "{name}: a line:column: {err}");
        }
        assert!(!err.contains("panicked"), "{name}: {err}");
        // The same definition is refused where it would be used.
        let out = run_on(&["outline"], &f);
        assert_eq!(out.status.code(), Some(2), "{name}");
    }
}

fn example() -> Value {
    serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap()
}

fn broken_sessions() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let text = std::fs::read_to_string(example_path()).unwrap();
    let mut cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated",
            text.as_bytes()[..text.len() / 3].to_vec(),
            "EOF while parsing",
        ),
        ("empty", Vec::new(), "EOF while parsing"),
        ("array", b"[1, 2]".to_vec(), "invalid type"),
        (
            "trailing garbage",
            format!("{text}}}").into_bytes(),
            "trailing characters",
        ),
        (
            "not UTF-8",
            [&text.as_bytes()[..40], b"\xff\xfe", &text.as_bytes()[40..]].concat(),
            "UTF-8",
        ),
    ];
    let mut edit = |name: &'static str, expect: &'static str, f: &dyn Fn(&mut Value)| {
        let mut v = example();
        f(&mut v);
        cases.push((
            name,
            serde_json::to_string_pretty(&v).unwrap().into_bytes(),
            expect,
        ));
    };
    edit("wrong format", "$.format", &|v| {
        v["format"] = json!("other/1")
    });
    edit("unknown questionnaire", "$.questionnaire.id", &|v| {
        v["questionnaire"]["id"] = json!("no-such-form")
    });
    edit(
        "count as text",
        "$.sections.personnel.answers.staff_planned",
        &|v| v["sections"]["personnel"]["answers"]["staff_planned"] = json!("42"),
    );
    edit(
        "negative count",
        "$.sections.public_services.items[0].answers.refusals",
        &|v| v["sections"]["public_services"]["items"][0]["answers"]["refusals"] = json!(-1),
    );
    edit("percent over 100", "regulation_matches_standard", &|v| {
        v["sections"]["public_services"]["items"][0]["answers"]["regulation_matches_standard"] =
            json!(150)
    });
    edit("yes/no as a string", "discretion_in_legal_acts", &|v| {
        v["sections"]["public_services"]["items"][0]["answers"]["discretion_in_legal_acts"] =
            json!("no")
    });
    edit("bad month", "$.header.period_to", &|v| {
        v["header"]["period_to"] = json!("2017-13")
    });
    edit(
        "items in a single annex",
        "$.sections.personnel.items",
        &|v| v["sections"]["personnel"]["items"] = json!([{"name": "x", "answers": {}}]),
    );
    edit(
        "answers not an object",
        "$.sections.personnel.answers",
        &|v| v["sections"]["personnel"]["answers"] = json!([1, 2]),
    );
    edit(
        "missing questionnaire",
        "missing field `questionnaire`",
        &|v| {
            v.as_object_mut().unwrap().remove("questionnaire");
        },
    );
    edit(
        "item name a number",
        "$.sections.public_services.items[1].name",
        &|v| v["sections"]["public_services"]["items"][1]["name"] = json!(7),
    );
    edit("header not an object", "$.header", &|v| {
        v["header"] = json!("Өскемен")
    });
    edit("sections a list", "$.sections", &|v| {
        v["sections"] = json!([])
    });
    edit("negative cursor", "$.cursor.item", &|v| {
        v["cursor"] = json!({"section": "public_services", "item": -1})
    });
    edit("unknown language", "$.language", &|v| {
        v["language"] = json!("fr")
    });
    edit("no version", "missing field `version`", &|v| {
        v["questionnaire"]
            .as_object_mut()
            .unwrap()
            .remove("version");
    });
    edit(
        "items an object",
        "$.sections.public_services.items",
        &|v| v["sections"]["public_services"]["items"] = json!({"0": {}}),
    );
    edit("newer form version", "$.questionnaire.version", &|v| {
        v["questionnaire"]["version"] = json!("2099-01-01.1")
    });
    let nan = text.replacen("\"staff_planned\": 42", "\"staff_planned\": NaN", 1);
    cases.push(("NaN", nan.into_bytes(), "expected value"));
    let dup = text.replacen("\"format\"", "\"format\": \"x\",\n  \"format\"", 1);
    cases.push(("duplicate field", dup.into_bytes(), "duplicate field"));
    cases
}

#[test]
fn broken_sessions_give_exit_2_and_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = broken_sessions();
    assert!(cases.len() >= 20, "{}", cases.len());
    for (name, bytes, expect) in cases {
        let f = dir.path().join("report.json");
        std::fs::write(&f, &bytes).unwrap();
        // The editor refuses it too, before touching the terminal.
        for cmd in ["summary", "validate", "--read-only", "-l"] {
            let args: &[&str] = match cmd {
                "-l" => &["-l", "en"],
                c => &[c],
            };
            let out = run_on(args, &f);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{name} / {cmd}: {err}");
            assert!(err.contains(expect), "{name}: expected {expect:?} in {err}");
            assert!(
                err.contains(&format!("{}:", f.display())),
                "{name}: names the file: {err}"
            );
            if !bytes.is_empty() {
                assert!(names_position(&err, &f), "{name}: a line:column: {err}");
            }
            assert!(!err.contains("panicked"), "{name}: {err}");
        }
        assert_eq!(
            std::fs::read(&f).unwrap(),
            bytes,
            "{name}: the file is untouched"
        );
    }
}

#[test]
fn messages_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = example();
    v["sections"]["personnel"]["answers"]["staff_planned"] = json!("42");
    let f = dir.path().join("r.json");
    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    for (lang, words) in [
        ("kk", "керегі: тек 0 немесе одан үлкен бүтін сан"),
        ("ru", "ожидается: только целое число 0 или больше"),
        ("en", "expected a whole number, 0 or more"),
    ] {
        let out = run(&["summary", "-l", lang, f.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(
            err.contains(words) && err.contains("$.sections.personnel.answers.staff_planned"),
            "{lang}: {err}"
        );
    }
    // The editor says it in the language asked for, before the terminal is touched.
    let out = run(&["-l", "ru", f.to_str().unwrap()]);
    assert!(stderr(&out).contains("ожидается"), "{}", stderr(&out));
}
