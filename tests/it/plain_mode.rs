//! Plain mode: the form as plain lines for a screen reader, a dumb terminal or a script.

use crate::common::pty::Pty;
use crate::common::{self, bin};
use saualnama::answer::Answer;
use saualnama::i18n::Lang;
use saualnama::session::{Session, Slot};
use saualnama::tui::app::App;
use saualnama::tui::nav::Stop;
use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::Duration;

fn now() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + Duration::from_secs(1_499_677_200)
}

/// The line a person would type for `slot` to give the example's answer.
fn line_for(
    ex: &Session,
    slot: &Slot,
    kind: Option<saualnama::questionnaire::FieldType>,
) -> String {
    if let Slot::ItemName { section, item } = slot {
        return ex.item_name(section, *item).unwrap_or_default().to_owned();
    }
    let Some(k) = kind else { return String::new() };
    match ex.typed(k, slot) {
        Some(Ok(Answer::YesNo { yes, comment })) => {
            let w = if yes { "иә" } else { "жоқ" };
            if comment.is_empty() {
                w.to_owned()
            } else {
                format!("{w}, {comment}")
            }
        }
        Some(Ok(Answer::Count(n))) => n.to_string(),
        Some(Ok(Answer::Percent(p))) => p.to_string(),
        Some(Ok(Answer::Month { year, month })) => format!("{year}-{month:02}"),
        Some(Ok(Answer::Text(t))) => t,
        Some(Ok(Answer::Nothing)) => panic!("the example has no one-key «none»"),
        _ => String::new(),
    }
}

/// The lines that enter the whole example, found by walking the editor as plain mode does.
fn example_lines() -> Vec<String> {
    let (ex, q) = saualnama::sample::example();
    let mut app = App::new(
        q.clone(),
        Session::new(&q, "2017-07-10T09:00:00Z".into()),
        Lang::Kk,
        "r.json".into(),
        false,
    );
    let mut lines = Vec::new();
    for _ in 0..5000 {
        let last = app.form.current + 1 == app.form.stops.len();
        let line = match app.stop().clone() {
            Stop::AddItem(sec) => {
                let have = app.form.session.item_count(&sec);
                ex.item_name(&sec, have).unwrap_or_default().to_owned()
            }
            Stop::Slot(slot, kind) => line_for(&ex, &slot, kind),
        };
        saualnama::tui::plain::answer(&mut app, &line, now())
            .unwrap_or_else(|e| panic!("{line:?} at {:?}: {e}", app.stop()));
        lines.push(line);
        if last {
            return lines;
        }
    }
    panic!("the walk never reached the end");
}

fn comparable(mut v: Value) -> Value {
    let o = v.as_object_mut().unwrap();
    for k in [
        "created",
        "modified",
        "cursor",
        "language",
        "transcription_notes",
    ] {
        o.remove(k);
    }
    common::without_ids(v)
}

/// The whole seed example typed as lines from a pipe gives the example itself.
#[test]
fn the_whole_example_entered_line_by_line_is_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = example_lines().join("\n");
    lines.push_str("\n:quit\n");
    let mut child = Command::new(bin())
        .args(["--plain", "r.json", "-l", "kk"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), lines.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        !o.stdout.contains(&0x1b),
        "no escape sequence in plain mode"
    );
    let got: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(common::example_path()).unwrap()).unwrap();
    assert_eq!(comparable(got), comparable(want));
}

/// A script stops at the first line that is no answer, with its number, exit 1, the answers before
/// it kept.
#[test]
fn a_script_stops_at_the_first_bad_line_and_keeps_what_came_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(bin())
        .args(["--plain", "r.json", "-l", "ru"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let script = "ГККП «Станция»\nЕ.К. Жаркембаев\n2017-13\n2017-06\n";
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), script.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("строка 3") && err.contains("2017-13"), "{err}");
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(v["header"]["head"], "Е.К. Жаркембаев");
    assert!(v["header"].get("period_from").is_none());
}

fn dumb(dir: &std::path::Path, args: &[&str]) -> Pty {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .current_dir(dir)
        .env("TERM", "dumb")
        .env("LANG", "C.UTF-8")
        .env("HOME", dir)
        .env_remove("LC_ALL")
        .env_remove("LANGUAGE");
    Pty::spawn(cmd, 80, 24)
}

/// With `TERM=dumb` the editor is plain by itself: questions as lines, `:go` and `:quit`, not one
/// escape sequence; and a kill loses nothing committed.
#[test]
fn a_dumb_terminal_gets_plain_lines_and_a_kill_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = dumb(dir.path(), &["r.json", "-l", "en"]);
    p.wait_for("plain mode");
    p.wait_for("Header: Organisation");
    p.keys("Станция\r");
    p.wait_for("Head of the organisation");
    p.keys(":go 4.Q1\r");
    p.wait_for("Authorised headcount");
    p.keys("42\r");
    p.wait_for("Actual headcount");
    p.keys(":help\r");
    p.wait_for(":findings");
    p.keys("44\r");
    p.wait_for("4.Q3: Vacancies");
    // Killed at once: what was answered is in the file.
    p.signal(libc::SIGKILL);
    p.wait_exit(Duration::from_secs(5)).expect("killed");
    assert!(
        !p.raw.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&p.raw)
    );
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(v["header"]["organisation"], "Станция");
    assert_eq!(v["sections"]["personnel"]["answers"]["staff_planned"], 42);
    assert_eq!(v["sections"]["personnel"]["answers"]["staff_actual"], 44);
    // And again, to quit with :quit, in Russian commands.
    let mut p = dumb(dir.path(), &["r.json", "-l", "ru"]);
    p.wait_for("простой режим");
    p.keys(":перейти 4.й3\r");
    p.wait_for("4.К3: Вакансии");
    p.keys("2\r:выход\r");
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(v["sections"]["personnel"]["answers"]["vacancies"], 2);
}

/// The same whole example typed in a pseudo-terminal with `TERM=dumb`, line by line.
#[test]
fn the_whole_example_typed_on_a_dumb_terminal_is_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = dumb(dir.path(), &["r.json", "-l", "kk"]);
    p.wait_for("қарапайым режим");
    for line in example_lines() {
        p.write(format!("{line}\n").as_bytes());
        p.pump();
    }
    p.write(b":quit\n");
    assert_eq!(
        p.wait_exit(Duration::from_secs(20)).and_then(|s| s.code()),
        Some(0)
    );
    assert!(!p.raw.contains(&0x1b));
    let got: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(common::example_path()).unwrap()).unwrap();
    assert_eq!(comparable(got), comparable(want));
}

/// For a listener: where in the form («5/87»), a word for no answer (not a dash read as «тире»), the
/// question again after `:сводка`, and the next session resumes where this one stopped.
#[test]
fn plain_mode_says_where_you_are_and_resumes_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = dumb(dir.path(), &["r.json", "-l", "ru"]);
    p.wait_for("простой режим");
    p.keys(":перейти 4.К3\r");
    p.wait_for("4.К3: Вакансии");
    let text = p.text();
    assert!(text.contains("Текущий ответ: не заполнено"), "{text}");
    let line = text.lines().find(|l| l.contains("4.К3: Вакансии")).unwrap();
    assert!(
        line.split_whitespace().next().unwrap().contains('/'),
        "{line}"
    );
    p.keys(":сводка\r");
    // The summary is long; the question comes again after it.
    let start = std::time::Instant::now();
    let again = |p: &Pty| {
        String::from_utf8_lossy(&p.raw)
            .matches("4.К3: Вакансии")
            .count()
            >= 2
    };
    while !again(&p) && start.elapsed() < Duration::from_secs(10) {
        p.pump();
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(again(&p), "the question once more after the summary");
    p.keys(":выход\r");
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
    let mut p = dumb(dir.path(), &["r.json", "-l", "ru"]);
    p.wait_for("4.К3: Вакансии");
    p.keys(":выход\r");
    p.wait_exit(Duration::from_secs(10));
}

/// Plain mode is one of the working group too: a part a full-screen colleague is in is only read,
/// their answers are seen, and the part is written once they leave it.
#[test]
fn plain_mode_holds_parts_and_sees_the_colleagues_answers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::example_path(), dir.path().join("r.json")).unwrap();
    let mut full = Pty::spawn(
        crate::common::pty::saualnama(&["r.json", "-l", "en"], dir.path()),
        80,
        24,
    );
    full.wait_for("saved");
    full.keys("\x07");
    full.keys("4.Q3\r7\r");
    // «✓ saved» was on the status line before the 7: the report itself says when the 7 is in it
    // (read before that, on a loaded machine, the plain editor showed the 0 of before).
    let start = std::time::Instant::now();
    while serde_json::from_str::<Value>(
        &std::fs::read_to_string(dir.path().join("r.json")).unwrap(),
    )
    .ok()
    .is_none_or(|v| v["sections"]["personnel"]["answers"]["vacancies"] != 7)
    {
        assert!(start.elapsed() < Duration::from_secs(10), "{}", full.text());
        std::thread::sleep(Duration::from_millis(20));
        full.pump();
    }
    let mut p = dumb(dir.path(), &["r.json", "-l", "en"]);
    p.wait_for("plain mode");
    p.wait_for("You are filling this part in another window");
    p.keys(":go 4.Q3\r");
    // Her 7 is what the plain editor shows as the current answer, and the part is hers.
    p.wait_for("4.Q3: Vacancies");
    p.wait_for("Current answer: 7");
    p.keys("9\r");
    std::thread::sleep(Duration::from_millis(300));
    let load = || -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap()
    };
    assert_eq!(load()["sections"]["personnel"]["answers"]["vacancies"], 7);
    // She moves to annex 1: the next answer is written.
    full.keys("\x07");
    full.keys("1.1\r");
    std::thread::sleep(Duration::from_millis(300));
    full.pump();
    p.keys(":go 4.Q3\r");
    p.keys("9\r");
    // Written once the part is hers: the report has the 9.
    let start = std::time::Instant::now();
    while load()["sections"]["personnel"]["answers"]["vacancies"] != 9 {
        assert!(start.elapsed() < Duration::from_secs(10), "{}", p.text());
        std::thread::sleep(Duration::from_millis(20));
        p.pump();
    }
    p.keys(":quit\r");
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0)
    );
    full.keys("\x11");
    assert_eq!(
        full.wait_exit(Duration::from_secs(10))
            .and_then(|s| s.code()),
        Some(0)
    );
    assert_eq!(load()["sections"]["personnel"]["answers"]["vacancies"], 9);
}
