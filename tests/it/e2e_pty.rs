//! The real binary in a pseudo-terminal at 80x24: typing Kazakh, quitting with Ctrl-Q, reopening.

use crate::common;

use crate::common::bin;
use crate::common::pty::{Pty, saualnama};
use std::io::Read;
use std::process::Command;
use std::time::Duration;

fn open(args: &[&str], dir: &std::path::Path) -> Pty {
    Pty::spawn(saualnama(args, dir), 80, 24)
}

const CTRL_Q: &str = "\x11";
const ENTER: &str = "\r";

#[test]
fn type_kazakh_quit_and_find_it_saved_then_reopen_where_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = open(&["report.json", "-l", "kk"], dir.path());
    p.wait_for("Ұйымның атауы");
    p.keys("«Жас техниктер станциясы» әіңғүұқөһ ӘІҢҒҮҰҚӨҺ");
    p.keys(ENTER);
    p.wait_for("Ұйым басшысы");
    // The working group's order: left for later.
    p.keys("Е.К. Жаркембаев\r2017-01\r2017-06\r\r\r");
    p.wait_for("Тағы қосу");
    p.keys(ENTER);
    p.keys("Балаларға қосымша білім беру\r93\r");
    p.wait_for("К2 оның ішінде");
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
    // The terminal is given back: alternate screen left, bracketed paste off.
    let raw = String::from_utf8_lossy(&p.raw);
    assert!(raw.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(raw.contains("\x1b[?2004l"), "bracketed paste switched off");

    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(
        saved["header"]["organisation"],
        "«Жас техниктер станциясы» әіңғүұқөһ ӘІҢҒҮҰҚӨҺ"
    );
    assert_eq!(saved["header"]["head"], "Е.К. Жаркембаев");
    assert_eq!(saved["header"]["period_to"], "2017-06");
    let item = &saved["sections"]["public_services"]["items"][0];
    assert_eq!(item["name"], "Балаларға қосымша білім беру");
    assert_eq!(item["answers"]["services_rendered"], 93);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("report.json"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(
            mode, 0o600,
            "a report holds personnel data: private by default"
        );
    }

    // Reopen: the question where the user stopped is on screen, in the report's language.
    let mut p = open(&["report.json"], dir.path());
    p.wait_for("К2 оның ішінде «Азаматтарға арналған үкімет»");
    assert!(p.text().contains("1-қосымша · 1.1"), "{}", p.text());
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
}

#[test]
fn a_second_editor_fills_another_part_and_waits_for_a_held_one() {
    const CTRL_G: &str = "\x07";
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("report.json");
    std::fs::write(&f, std::fs::read(common::example_path()).unwrap()).unwrap();
    let mut first = open(&["report.json", "-l", "en"], dir.path());
    first.wait_for("saved");
    first.keys(CTRL_G);
    first.keys("4.Q3\r");
    first.wait_for("Q3 ");
    // Without a terminal: who has it open, and nothing created.
    let out = Command::new(bin())
        .args(["report.json", "-l", "en"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("this report is open in another saualnama"),
        "{err}"
    );
    assert!(err.contains(" (since "), "who and since when: {err}");
    // A second editor opens it to write, not read-only; in the part the first is in, it is told who
    // holds it, and nothing typed there is stored.
    let mut second = open(&["report.json", "-l", "ru"], dir.path());
    second.wait_for("сохранено");
    second.keys(CTRL_G);
    second.keys("4.К3\r");
    // The same account in two terminals: told it is their own other window, not a colleague.
    second.wait_for("Эту часть вы заполняете в другом окне");
    second.keys("9\r");
    std::thread::sleep(Duration::from_millis(400));
    second.pump();
    let load = |f: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()
    };
    assert_eq!(
        load(&f)["sections"]["personnel"]["answers"]["vacancies"],
        0,
        "refused"
    );
    assert!(
        second
            .text()
            .contains("Вакансии                                          0"),
        "{}",
        second.text()
    );
    // The first leaves annex 4: the part is the second's at once.
    first.keys("5\r");
    first.wait_for("✓ saved");
    first.keys(CTRL_G);
    first.keys("1.1\r");
    second.wait_for("Часть освободилась");
    // The first's answer is in the second's view already, and the second may change it now.
    second.keys(CTRL_G);
    second.keys("4.К3\r");
    second.keys("6\r");
    second.wait_for("✓ сохранено");
    for p in [&mut first, &mut second] {
        p.keys(CTRL_Q);
        assert_eq!(
            p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
            Some(0)
        );
    }
    let v = load(&f);
    assert_eq!(v["sections"]["personnel"]["answers"]["vacancies"], 6);
    assert!(v.get("conflicts").is_none(), "{v}");
}

#[test]
fn a_broken_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("report.json");
    std::fs::write(&f, "{\"format\": \"saualnama-session/1\", ").unwrap();
    let out = Command::new(bin()).arg(&f).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(":1:"));
    let mut back = String::new();
    std::fs::File::open(&f)
        .unwrap()
        .read_to_string(&mut back)
        .unwrap();
    assert_eq!(back, "{\"format\": \"saualnama-session/1\", ");
}

#[test]
fn no_color_sends_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
    for (no_color, expect_colour) in [(true, false), (false, true)] {
        let mut cmd = saualnama(&["r.json", "-l", "en"], dir.path());
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut p = Pty::spawn(cmd, 120, 40);
        p.wait_for("Problems");
        p.keys(CTRL_Q);
        assert_eq!(
            p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
            Some(0)
        );
        let raw = String::from_utf8_lossy(&p.raw);
        let coloured = raw.contains("\x1b[38;5;") || raw.contains("\x1b[48;5;");
        assert_eq!(coloured, expect_colour, "NO_COLOR={no_color}");
    }
}

/// The real binary, in each language: yes and no typed as letters and words on seven yes/no questions
/// of service 1 (6–12), each stored as meant, with nothing leaking into the comment.
#[test]
fn yes_and_no_typed_in_the_real_binary_mean_what_they_say() {
    const CTRL_G: &str = "\x07";
    // The second is the Y key as the interface reads it: «н» (нет) in kk and ru, `y` in en.
    let words = |lang: &str| {
        [
            ("нет", false),
            if lang == "en" {
                ("y", true)
            } else {
                ("н", false)
            },
            ("да", true),
            ("иә", true),
            ("жоқ", false),
            ("no", false),
            ("yes", true),
        ]
    };
    let fields = [
        "discretion_in_legal_acts",
        "legal_conflicts_unregulated",
        "additional_documents_demanded",
        "standard_has_refusal_grounds",
        "paid_documents_from_other_bodies",
        "deadline_extension_norm",
        "blurred_responsibility",
    ];
    for lang in ["kk", "ru", "en"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
        let mut p = open(&["r.json", "-l", lang], dir.path());
        p.wait_for("saualnama");
        let words = words(lang);
        for (n, (word, _)) in words.iter().enumerate() {
            p.keys(&format!("{CTRL_G}1.1.{}{ENTER}", n + 6));
            p.wait_for(&format!("││{} ", n + 6));
            p.keys(word);
            p.keys(ENTER);
        }
        p.keys(CTRL_Q);
        assert_eq!(
            p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
            Some(0),
            "{lang}"
        );
        let saved: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap())
                .unwrap();
        let answers = &saved["sections"]["public_services"]["items"][0]["answers"];
        for ((word, yes), field) in words.iter().zip(fields) {
            assert_eq!(
                answers[field]["yes"],
                serde_json::json!(yes),
                "{word:?} in {lang} on {field}: {}",
                answers[field]
            );
        }
        // The word never reaches the comment: the ones that had none still have none.
        for field in ["legal_conflicts_unregulated", "deadline_extension_norm"] {
            assert!(
                answers[field].get("comment").is_none(),
                "{lang} {field}: {}",
                answers[field]
            );
        }
    }
}

/// A report with no file yet does not claim to be saved; once an answer is stored, it is.
#[test]
fn a_new_report_says_new_file_until_it_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = open(&["new.json", "-l", "ru"], dir.path());
    p.wait_for("○ новый файл");
    assert!(!p.text().contains("сохранено"), "{}", p.text());
    assert!(!dir.path().join("new.json").exists());
    p.keys("ГККП «Станция»\r");
    p.wait_for("✓ сохранено");
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
    // Quitting a new report with nothing typed leaves no file behind.
    let mut p = open(&["empty.json", "-l", "ru"], dir.path());
    p.wait_for("○ новый файл");
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
    assert!(!dir.path().join("empty.json").exists());
}

/// A paste whose end marker never comes (the line broke mid-paste) used to swallow every later key:
/// the user typed into nothing and could not even quit. Now the paste ends when it stalls.
#[test]
fn a_paste_that_never_ends_gives_the_keyboard_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = open(&["r.json", "-l", "ru"], dir.path());
    p.wait_for("○ новый файл");
    p.write("\x1b[200~ГККП «Станция»".as_bytes());
    std::thread::sleep(Duration::from_millis(1500));
    p.keys(" №7\r");
    p.wait_for("✓ сохранено");
    // A whole paste, and a pasted line break in a one-line field, still work as before.
    p.write("\x1b[200~Е.К. Жаркембаев\x1b[201~".as_bytes());
    p.keys(ENTER);
    p.wait_for("✓ сохранено");
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0),
        "Ctrl-Q reached the editor; the screen:\n{}",
        p.text()
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(saved["header"]["organisation"], "ГККП «Станция» №7");
    assert_eq!(saved["header"]["head"], "Е.К. Жаркембаев");
}

/// Every committed change goes to `NAME.history.jsonl` with the save that carries it; `history`
/// lists it; a last line cut short by a crash is left out, a broken line elsewhere is said.
#[test]
fn the_history_lists_every_change_and_survives_a_torn_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = open(&["r.json", "-l", "en"], dir.path());
    p.wait_for("new file");
    p.keys("Станция\rЕ.К. Жаркембаев\r");
    p.wait_for("✓ saved");
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
    let report = dir.path().join("r.json");
    let history = |extra: &[&str]| {
        let mut args = vec!["history", report.to_str().unwrap(), "-l", "en"];
        args.extend(extra);
        common::run(&args)
    };
    let o = history(&["--format", "json"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let h: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let fields: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["organisation", "head"]);
    let me = saualnama::store::user_name_of(unsafe { libc::geteuid() });
    assert_eq!(h[0]["user"], me.as_str());
    assert_eq!(h[0]["new"], "Станция");
    assert!(h[0].get("old").is_none(), "nothing was there before");
    // A crash in the middle of an append: the torn line is left out.
    let file = dir.path().join("r.history.jsonl");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .unwrap();
    std::io::Write::write_all(&mut f, b"{\"time\": \"2026-").unwrap();
    let o = history(&[]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = common::stdout(&o);
    assert_eq!(text.lines().count(), 2, "{text}");
    // Header fields by their names, as the form asks them.
    assert!(
        text.contains("Head of the organisation") && text.contains("— → Е.К. Жаркембаев"),
        "{text}"
    );
    // A broken line before the last is not a crash's: it is said, with its line.
    std::io::Write::write_all(&mut f, b"\n{\"time\": 1}\n").unwrap();
    let o = history(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        common::stderr(&o).contains("r.history.jsonl:3"),
        "{}",
        common::stderr(&o)
    );
}

/// Text typed, kept as a draft by the background save, then thrown away with Esc: the file must
/// lose the draft too. It used to stay, came back at the next start, and Ctrl-Q committed it.
#[test]
fn text_thrown_away_with_esc_does_not_come_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
    let mut p = open(&["r.json", "-l", "ru"], dir.path());
    p.wait_for("saualnama");
    p.keys("\x07");
    p.keys("4.14\r");
    p.keys(" ЛИШНЕЕ");
    // The background save keeps typed text as a draft after two seconds.
    let draft_saved = || {
        std::fs::read_to_string(dir.path().join("r.json"))
            .unwrap()
            .contains("ЛИШНЕЕ")
    };
    let start = std::time::Instant::now();
    while !draft_saved() && start.elapsed() < Duration::from_secs(10) {
        p.pump();
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(draft_saved(), "the draft is saved");
    p.keys("\x1b");
    p.wait_for("Возвращён");
    let start = std::time::Instant::now();
    while draft_saved() && start.elapsed() < Duration::from_secs(10) {
        p.pump();
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!draft_saved(), "the draft is gone from the file");
    p.keys(CTRL_Q);
    p.wait_exit(Duration::from_secs(10));
    // And not back on the next start either.
    let mut p = open(&["r.json", "-l", "ru"], dir.path());
    p.wait_for("saualnama");
    p.keys(CTRL_Q);
    p.wait_exit(Duration::from_secs(10));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert!(
        v["sections"]["personnel"]["answers"]["other"].is_null(),
        "{v}"
    );
    assert!(!v.to_string().contains("ЛИШНЕЕ"));
}

/// A report opened in another language keeps it, edited or not: its exports follow the language.
#[test]
fn a_report_opened_in_another_language_keeps_it() {
    // The report's language is the one it was started in (its documents'); each member reads it in
    // their own, which the report keeps for them alone.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
    let mut p = open(&["r.json", "-l", "ru"], dir.path());
    p.wait_for("Оглавление");
    p.keys(CTRL_Q);
    p.wait_exit(Duration::from_secs(10));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(v["language"], "kk");
    // Opened again without -l: in Russian, as this user left it.
    let mut p = open(&["r.json"], dir.path());
    p.wait_for("Оглавление");
    p.keys(CTRL_Q);
    p.wait_exit(Duration::from_secs(10));
}

/// How often a process has been woken (its main thread's voluntary context switches).
fn wakeups(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// An idle editor sleeps: no timer wakes it while nothing waits to be saved (it woke five times a
/// second to look at the clock). Typed text arms the draft timer, and once the draft is saved it
/// sleeps again.
#[test]
fn an_idle_editor_does_not_wake_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
    let mut p = open(&["r.json", "-l", "en"], dir.path());
    p.wait_for("saualnama");
    // Let the first frame and the first (language) save settle.
    std::thread::sleep(Duration::from_millis(2500));
    p.pump();
    let before = wakeups(p.pid());
    std::thread::sleep(Duration::from_secs(3));
    let idle = wakeups(p.pid()) - before;
    assert!(idle <= 2, "{idle} wake-ups in 3 s of idling");
    // Text typed and left: saved as a draft within the next seconds, then quiet again.
    p.keys("\x07");
    p.keys("4.14\rdraft");
    std::thread::sleep(Duration::from_millis(4500));
    p.pump();
    assert!(
        std::fs::read_to_string(dir.path().join("r.json"))
            .unwrap()
            .contains("\"draft\": \"draft\""),
        "the draft timer ran"
    );
    let before = wakeups(p.pid());
    std::thread::sleep(Duration::from_secs(3));
    let idle = wakeups(p.pid()) - before;
    assert!(
        idle <= 2,
        "{idle} wake-ups in 3 s after the draft was saved"
    );
    p.keys(CTRL_Q);
    p.wait_exit(Duration::from_secs(10));
}

/// A save wakes the editor once, when it is back: the folder's events of its own save (the file
/// written beside the report and renamed, the history appended) are read then, together, not one
/// wake-up each (six a save, on every answer).
#[test]
fn an_own_save_wakes_the_editor_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
    let mut p = open(&["r.json", "-l", "en"], dir.path());
    p.wait_for("saualnama");
    p.keys("\x07");
    p.keys("4.14\r");
    p.keys("x");
    std::thread::sleep(Duration::from_millis(2500));
    p.pump();
    let history = dir.path().join("r.history.jsonl");
    let lines = |p: &std::path::Path| std::fs::read_to_string(p).map_or(0, |t| t.lines().count());
    let saved_before = lines(&history);
    let before = wakeups(p.pid());
    p.keys(ENTER);
    std::thread::sleep(Duration::from_millis(1500));
    p.pump();
    let woke = wakeups(p.pid()) - before;
    assert!(lines(&history) > saved_before, "the answer was saved");
    // The key, the save's result; one more for a slow terminal.
    assert!(woke <= 3, "{woke} wake-ups for a key and its save");
    p.keys(CTRL_Q);
    p.wait_exit(Duration::from_secs(10));
}

/// The editor puts a typed key on the screen before it works the figures out again, and then
/// brings the figures up to date: each digit typed into a count is in the summary's total a
/// moment later.
#[test]
fn the_summary_follows_a_typed_digit_on_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
    let mut p = open(&["r.json", "-l", "ru"], dir.path());
    p.wait_for("F1");
    p.keys("\x07");
    p.keys("1.1.Q3");
    p.keys(ENTER);
    p.wait_for("К3 через канцелярию услугодателя");
    // 93 in this service and 2 in the other: 95 in all, the line of the count being typed.
    p.wait_for("›через канцелярию услугодателя                    95│");
    // The first digit takes the place of the answer: 7 and 2.
    p.keys("7");
    p.wait_for("›через канцелярию услугодателя                     9│");
    p.keys("3");
    p.wait_for("›через канцелярию услугодателя                    75│");
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
}

/// Quitting on a sentence that made no choice («Нет нарушений»), or on a count that is not one,
/// stores nothing of it, and says so once the terminal is given back: the text was on the screen,
/// and a user who quit would take the question as answered. A quit with everything stored says
/// nothing.
#[test]
fn quitting_on_an_answer_that_could_not_be_stored_says_it_is_only_a_draft() {
    const CTRL_G: &str = "\x07";
    let cases = [
        // (language, where, typed, what must be said): over a stored answer, and over none.
        (
            "ru",
            "4.4",
            "Нет нарушений",
            vec![
                "4.4: Соблюдаются ли",
                "новый ответ не сохранён (не выбрано ни «да», ни «нет»), в отчёте остался прежний",
                "черновик",
            ],
        ),
        (
            "kk",
            "4.К1",
            "1234567890123",
            vec![
                "4.К1: ",
                "жаңа жауап сақталмады (сан тым үлкен",
                "есепте бұрынғысы қалды",
                "жоба ретінде",
            ],
        ),
        (
            "en",
            "4.3",
            "No violations found",
            vec![
                "4.3: ",
                "the answer was not saved (neither yes nor no is chosen)",
                "draft",
            ],
        ),
    ];
    for (lang, target, typed, said) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
        let before: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap())
                .unwrap();
        let mut p = open(&["r.json", "-l", lang], dir.path());
        p.wait_for("saualnama");
        p.keys(&format!("{CTRL_G}{target}{ENTER}"));
        p.keys(typed);
        p.wait_for(typed);
        p.keys(CTRL_Q);
        assert_eq!(
            p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
            Some(0),
            "{lang}"
        );
        let raw = String::from_utf8_lossy(&p.raw).into_owned();
        // Said after the alternate screen is left, where it stays to be read.
        let after = raw.rsplit("\x1b[?1049l").next().unwrap_or_default();
        for s in said {
            assert!(after.contains(s), "{lang} {target}: {s:?} not in {after:?}");
        }
        let saved: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap())
                .unwrap();
        assert_eq!(
            saved["sections"]["personnel"], before["sections"]["personnel"],
            "{lang}"
        );
        let draft = saved["cursors"]
            .as_object()
            .and_then(|c| c.values().next())
            .map(|c| c["draft"].clone());
        assert_eq!(draft, Some(serde_json::json!(typed)), "{lang}");
    }
    // Answered and quit: nothing to say.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
    let mut p = open(&["r.json", "-l", "ru"], dir.path());
    p.wait_for("saualnama");
    p.keys(&format!("{CTRL_G}4.4{ENTER}нет, нарушения есть"));
    p.wait_for("нарушения есть");
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
    let raw = String::from_utf8_lossy(&p.raw).into_owned();
    let after = raw.rsplit("\x1b[?1049l").next().unwrap_or_default();
    assert!(!after.contains("saualnama:"), "{after:?}");
}
