//! The commands scripts rely on, run as the real binary.

use crate::common;

use crate::common::*;
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
    assert!(text.contains("1.2.Q2: "), "{text}");
    assert!(text.contains("4.14: Other"), "{text}");
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
    p.insert("commissions_duly_approved".into(), json!({"yes": true}));
    let h = v["header"].as_object_mut().unwrap();
    h.insert("wg_order_number".into(), json!("3-ө"));
    h.insert("wg_order_date".into(), json!("2017 жылғы 3 шілдедегі"));
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
    let snap = std::fs::read_to_string(
        root().join("tests/it/snapshots/it__tui_screens__count_80x24_kk.snap"),
    )
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

/// A subordinate body's report whose texts carry terminal escapes: ESC sequences, BEL, an OSC that
/// would retitle the window, C1 controls.
fn report_with_escapes(dir: &std::path::Path) -> std::path::PathBuf {
    let mut v: Value =
        serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap();
    let evil = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}[31mRED\u{9b}31m\u{7}";
    v["header"]["organisation"] = json!(format!("Ұйым {evil}"));
    v["sections"]["public_services"]["items"][0]["name"] = json!(format!("Қызмет {evil}"));
    v["sections"]["public_services"]["items"][0]["answers"]["direct_contact_with_recipient"] =
        json!({"yes": true, "comment": evil});
    v["sections"]["personnel"]["answers"]["other"] = json!(evil);
    let f = dir.join("evil.json");
    std::fs::write(&f, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    f
}

/// Every command whose output a report's data reaches, with a terminal as its stdout.
fn data_commands(f: &str) -> Vec<Vec<String>> {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        s(&["summary", f]),
        s(&["summary", "--format", "json", f]),
        s(&["validate", f]),
        s(&["findings", f]),
        s(&["findings", "--format", "json", f]),
        s(&["export", f, "--format", "md", "-o", "-"]),
        s(&["export", f, "--format", "html", "-o", "-"]),
        s(&["export", f, "--format", "csv", "-o", "-"]),
        s(&["export", f, "--format", "json", "-o", "-"]),
        s(&[
            "export",
            f,
            "--format",
            "md",
            "--document",
            "analytical-report",
            "-o",
            "-",
        ]),
        s(&["aggregate", f, f]),
        s(&["aggregate", "--format", "csv", f, f]),
        s(&["aggregate", "--format", "json", f, f]),
    ]
}

#[test]
fn no_escape_from_report_data_reaches_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let f = report_with_escapes(dir.path());
    let f = f.to_str().unwrap();
    for args in data_commands(f) {
        let mut cmd = std::process::Command::new(bin());
        cmd.args(&args).env("LANG", "C").env_remove("LC_ALL");
        let mut p = common::pty::Pty::spawn(cmd, 200, 50);
        let st = p
            .wait_exit(std::time::Duration::from_secs(20))
            .expect("exits");
        assert!(st.code().is_some(), "{args:?}");
        let raw = &p.raw;
        assert!(
            !raw.contains(&0x1b) && !raw.contains(&0x07),
            "{args:?} sent a raw escape to the terminal: {}",
            String::from_utf8_lossy(raw)
        );
        assert!(
            !String::from_utf8_lossy(raw).contains('\u{9b}'),
            "{args:?} sent a C1 control"
        );
        if args.len() == 2 && args[0] == "findings" || args.contains(&"md".to_string()) {
            assert!(
                String::from_utf8_lossy(raw).contains("^["),
                "{args:?} shows them instead"
            );
        }
    }
    // To a pipe or a file the data is written as it is (a JSON export must stay the data).
    let o = run(&["export", f, "--format", "json", "-o", "-"]);
    assert!(stdout(&o).contains("\\u001b[2J"), "JSON escapes it itself");
    let o = run(&["export", f, "--format", "md", "-o", "-"]);
    assert!(
        o.stdout.contains(&0x1b),
        "unchanged when stdout is not a terminal"
    );
}

#[test]
fn a_reader_that_goes_away_or_a_full_disk_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let f = report_with_escapes(dir.path());
    let f = f.to_str().unwrap();
    let mut all = data_commands(f);
    all.push(vec!["list".into()]);
    all.push(vec!["outline".into()]);
    all.push(vec!["outline".into(), "--format".into(), "json".into()]);
    all.push(vec!["completions".into(), "bash".into()]);
    all.push(vec!["man".into()]);
    for args in &all {
        // `| head -c1`: the reader takes one byte and leaves.
        let mut child = std::process::Command::new(bin())
            .args(args)
            .env("LANG", "C")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        let _ = std::io::Read::read(&mut out, &mut one);
        drop(out);
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(o.status.code(), Some(101), "{args:?}: {err}");
        assert!(o.status.code().is_some(), "{args:?}: killed by a signal");
        // `> /dev/full`: said, exit 1.
        let o = std::process::Command::new(bin())
            .args(args)
            .env("LANG", "C")
            .stdout(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("No space left"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_mistyped_command_is_not_a_new_report() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(bin())
        .arg("sumary")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'summary'"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing created"
    );
    // Options before the command, and -l anywhere.
    let o = run(&["-l", "ru", "summary", example_path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Заполнено"));
    let qdir = tempfile::tempdir().unwrap();
    let o = run(&["--questionnaires", qdir.path().to_str().unwrap(), "list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The editor without a terminal: says so, exit 2, creates nothing (no lock file either).
    let o = std::process::Command::new(bin())
        .args(["new.json", "-l", "en"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("terminal"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing created"
    );
}

#[test]
fn language_follows_lc_all_then_language_then_lang() {
    use saualnama::i18n::Lang;
    let lang_from_env = Lang::from_env_with;
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    // LANGUAGE is a list; the first of ours counts, after LC_ALL and before LANG.
    assert_eq!(
        lang_from_env(env(&[("LANGUAGE", "de:ru:en"), ("LANG", "en_US.UTF-8")])),
        Some(Lang::Ru)
    );
    assert_eq!(
        lang_from_env(env(&[("LC_ALL", "kk_KZ.UTF-8"), ("LANGUAGE", "ru")])),
        Some(Lang::Kk)
    );
    assert_eq!(
        lang_from_env(env(&[
            ("LC_ALL", ""),
            ("LANGUAGE", "de"),
            ("LANG", "en_US.UTF-8")
        ])),
        Some(Lang::En)
    );
    assert_eq!(lang_from_env(env(&[("LANG", "C")])), None);
}

#[test]
fn help_is_in_the_interface_language() {
    let ru = run(&["-l", "ru", "--help"]);
    assert!(ru.status.success());
    let out = stdout(&ru);
    for want in [
        "Использование:",
        "Команды:",
        "Параметры:",
        "Показать эту справку",
        "Итоги, доли",
    ] {
        assert!(out.contains(want), "{want}:\n{out}");
    }
    let kk = run(&["summary", "--help", "-l", "kk"]);
    let out = stdout(&kk);
    assert!(
        out.contains("Қолданылуы:") && out.contains("Есеп (сессия файлы)"),
        "{out}"
    );
    // From the locale when -l is not given.
    let o = std::process::Command::new(bin())
        .args(["export", "-h"])
        .env("LANG", "ru_RU.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LANGUAGE")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(stdout(&o).contains("Формат вывода"), "{}", stdout(&o));
    let en = stdout(&run(&["--help", "-l", "en"]));
    assert!(
        en.contains("Usage:") && en.contains("Print this help"),
        "{en}"
    );
    // Nothing of clap's own English: the values, defaults and variables said in the reader's words.
    let commands = [
        "",
        "new",
        "validate",
        "summary",
        "outline",
        "findings",
        "history",
        "export",
        "aggregate",
        "completions",
        "man",
    ];
    for (lang, values) in [("kk", "мәндері: docx"), ("ru", "значения: docx")] {
        for c in commands {
            let args: Vec<&str> = [c, "--help", "-l", lang]
                .into_iter()
                .filter(|a| !a.is_empty())
                .collect();
            let out = stdout(&run(&args));
            assert!(out.lines().count() > 5, "{lang} {c}: {out}");
            for english in ["possible values", "default:", "[env:"] {
                assert!(!out.contains(english), "{lang} {c}: {english}\n{out}");
            }
            if c == "export" {
                assert!(out.contains(values), "{out}");
            }
        }
    }
}

/// An annex nobody filled is «—» in `summary`, its totals and its shares alike: not 0, nor a
/// «знаменатель 0», as the editor's summary says.
#[test]
fn the_summary_of_an_empty_annex_is_dashes() {
    let out = run_on(&["summary", "-l", "ru"], &example_path());
    let text = stdout(&out);
    let annex2: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Приложение 2"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(annex2.len() >= 10, "{text}");
    assert!(annex2.iter().all(|l| l.ends_with('—')), "{annex2:#?}");
}

/// The usage line reads `saualnama [FILE] [COMMAND]`: a report named before the command is the
/// command's report, with the options anywhere («saualnama r.json findings» failed with «the
/// following required arguments were not provided»).
#[test]
fn a_report_named_before_its_command_is_read_by_it() {
    let ex = example_path();
    let ex = ex.to_str().unwrap();
    for (before, after) in [
        (
            vec![ex, "findings", "-l", "ru"],
            vec!["findings", ex, "-l", "ru"],
        ),
        (
            vec!["-l", "kk", ex, "summary"],
            vec!["summary", ex, "-l", "kk"],
        ),
        (
            vec!["--lang=en", ex, "validate"],
            vec!["validate", ex, "--lang=en"],
        ),
        (
            vec!["--lang", "en", ex, "history"],
            vec!["history", ex, "-l", "en"],
        ),
    ] {
        let (b, a) = (run(&before), run(&after));
        assert_eq!(
            b.status.code(),
            a.status.code(),
            "{before:?}: {}",
            stderr(&b)
        );
        assert!(!stdout(&a).is_empty(), "{after:?}");
        assert_eq!(stdout(&b), stdout(&a), "{before:?}");
    }
    // A command's own word is never taken for a report: `summary` with no report still asks for one.
    let o = run(&["summary"]);
    assert_ne!(o.status.code(), Some(0));
}

/// Long labels (Kazakh ones especially) go on over lines, and every figure stays in its column:
/// «Тұрақсыздық (кадрлардың ауысуы) (өз ынталары бойынша жұмыстан босатылды) 4» pushed it out.
#[test]
fn summary_figures_stay_in_their_column() {
    for lang in ["kk", "ru", "en"] {
        let out = stdout(&run(&[
            "summary",
            example_path().to_str().unwrap(),
            "-l",
            lang,
        ]));
        // The annexes' figures: up to the problems, whose lines are prose («  [warning] …»).
        let annexes: Vec<&str> = out.lines().take_while(|l| !l.starts_with("  [")).collect();
        let figures: Vec<&&str> = annexes
            .iter()
            .filter(|l| l.starts_with("  ") && l.chars().count() > 62)
            .collect();
        assert!(figures.len() > 40, "{lang}: {out}");
        for l in &figures {
            assert_eq!(l.chars().count(), 73, "{lang}: {l:?}");
        }
        // A part of a group whose name ends in brackets follows it after a dash, not in brackets
        // of its own: «Тұрақсыздық (кадрлардың ауысуы) (өз ынталары…)» read as one bracket too many.
        assert!(!out.contains(") ("), "{lang}: {out}");
    }
}

/// The program starts without the standard library's start-up (src/main.rs), so what that start-up
/// did for it is done by hand. A write to a pipe nobody reads is an error the command handles, not a
/// signal that kills it: `saualnama outline | head` ends with 0 and says nothing.
#[test]
fn a_command_whose_reader_has_gone_ends_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(bin())
        .args(["outline", "-l", "ru"])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        out.status.signal(),
        None,
        "killed by a signal: {:?}",
        out.status
    );
    assert!(out.status.success(), "{:?}: {}", out.status, stderr(&out));
    assert_eq!(stderr(&out), "");
}

/// The editor started with its standard input closed (`<&-`, as a careless script or cron job may):
/// the files it opens must not take the closed descriptor's number, or the plain mode would read the
/// lock file's records as answers typed. It reads nothing, and the report is as it was.
#[test]
fn a_closed_standard_input_is_not_read_from_a_file_the_editor_opens() {
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.json");
    std::fs::copy(example_path(), &report).unwrap();
    let before = std::fs::read(&report).unwrap();
    let mut c = std::process::Command::new(bin());
    c.args(["--plain", "-l", "ru"])
        .arg(&report)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    // SAFETY: only `close`, async-signal-safe, between fork and exec.
    unsafe {
        c.pre_exec(|| {
            libc::close(0);
            Ok(())
        });
    }
    let out = c.output().unwrap();
    assert!(out.status.success(), "{:?}: {}", out.status, stderr(&out));
    let after: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let before: serde_json::Value = serde_json::from_slice(&before).unwrap();
    // (Were it read, the lock file's records would be typed into the first text question.)
    assert!(
        after["sections"] == before["sections"],
        "the report changed; the editor said: {}",
        stdout(&out).chars().take(400).collect::<String>()
    );
}

/// Every word of a mistake on the command line is in the user's language: a word taken for a
/// command was said in clap's English («error: unrecognized subcommand», «Usage:», «For more
/// information»), or in the user's language wrapped in that English.
#[test]
fn a_word_that_is_not_a_command_is_said_in_the_users_language() {
    for (args, said) in [
        (
            &["-l", "ru", "frobnicate"][..],
            "ошибка: 'frobnicate' не команда",
        ),
        (
            &["-l", "ru", "frobnicate", "exprot"][..],
            "ошибка: 'exprot' не команда",
        ),
        (&["-l", "kk", "exprot"][..], "қате: 'exprot' пәрмен емес"),
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with(said), "{args:?}: {err}");
        if args.contains(&"exprot") {
            assert!(
                err.contains("'export'"),
                "the close command is named: {err}"
            );
        }
        for english in ["error:", "Usage", "For more information", "tip:"] {
            assert!(!err.contains(english), "{args:?}: {english} in {err}");
        }
    }
}

/// Help and mistakes written where they cannot be (`> /dev/full`, `2> /dev/full`): the write's
/// failure is said and ends with 1, as every command's output; a mistake that cannot be said still
/// ends with its own code, not a panic's.
#[test]
fn help_and_mistakes_that_cannot_be_written_end_with_their_codes() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let help = std::process::Command::new(bin())
        .args(["-l", "ru", "--help"])
        .stdout(full())
        .output()
        .unwrap();
    assert_eq!(help.status.code(), Some(1), "{}", stderr(&help));
    assert!(
        stderr(&help).starts_with("saualnama: stdout:"),
        "{}",
        stderr(&help)
    );
    let mistake = std::process::Command::new(bin())
        .args(["--no-such-option"])
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(mistake.status.code(), Some(2));
}
