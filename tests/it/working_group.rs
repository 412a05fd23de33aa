//! A working group fills one report at once: three colleagues, each an OS user created here, in a
//! setgid group folder, each in an annex of their own, with pauses as people make; one of them
//! killed midway. Two colleagues meeting on one field; a part held by one and free the moment they
//! leave it.

use crate::common::pty::Pty;
use crate::common::users::{User, Users, editor_as, group_folder, run_as, users};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

const CTRL_Q: &str = "\x11";
const CTRL_G: &str = "\x07";
const F6: &str = "\x1b[17~";

fn load(f: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()
}

/// Wait until the report on disk says what `ok` looks for.
fn wait_file(f: &Path, what: &str, ok: impl Fn(&Value) -> bool, p: &mut Pty) {
    let start = Instant::now();
    loop {
        p.pump();
        if std::fs::read_to_string(f)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .is_some_and(|v| ok(&v))
        {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the report never had {what}:\n{}\n{}\n{}",
            std::fs::read_to_string(f).unwrap_or_default(),
            std::fs::read_to_string(f.with_file_name("report.history.jsonl")).unwrap_or_default(),
            p.text()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn quit(mut p: Pty) {
    p.keys(CTRL_Q);
    assert_eq!(
        p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code()),
        Some(0),
        "{}",
        p.text()
    );
}

/// A small random pause, as a person makes between answers (xorshift: no dependency for it).
struct Pauses(u64);

impl Pauses {
    fn next(&mut self) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        Duration::from_millis(self.0 % 250)
    }
}

fn editor(u: &Users, who: &User, lang: &str, dir: &Path) -> Pty {
    editor_as(u, who, &["report.json", "-l", lang], dir, 100, 30)
}

/// Type `lines` one answer at a time, with a pause before each.
fn answer(p: &mut Pty, lines: &[&str], pauses: &mut Pauses) {
    for l in lines {
        std::thread::sleep(pauses.next());
        p.keys(l);
        p.pump();
    }
}

/// Alice starts the report and shares it with the group, as the README says.
fn start_report(u: &Users, dir: &Path) -> Pty {
    let mut alice = editor(u, &u.alice, "en", dir);
    alice.wait_for("new file");
    alice.keys("Жас техниктер станциясы\r");
    alice.wait_for("✓ saved");
    let o = std::process::Command::new("runuser")
        .args(["-u", u.alice.name, "--", "chmod", "660"])
        .arg(dir.join("report.json"))
        .output()
        .unwrap();
    assert!(o.status.success());
    alice
}

#[test]
fn three_colleagues_fill_three_annexes_at_once_and_a_killed_one_loses_nothing_committed() {
    let Some(u) = users() else { return };
    let dir = group_folder(u);
    let f = dir.path().join("report.json");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("pauses seeded with {seed}");
    let alice = start_report(u, dir.path());
    let path = dir.path().to_path_buf();
    let (f1, f2, f3) = (f.clone(), f.clone(), f.clone());
    let (p2, p3) = (path.clone(), path);
    let alice_t = std::thread::spawn(move || {
        let mut alice = alice;
        let mut pauses = Pauses(seed);
        answer(
            &mut alice,
            &["Директор Жаркембаев\r", "2017-01\r", "2017-06\r"],
            &mut pauses,
        );
        alice.keys(CTRL_G);
        alice.keys("4.Q1\r");
        alice.wait_for("Q1 Authorised headcount");
        answer(&mut alice, &["42\r", "40\r", "2\r", "1\r"], &mut pauses);
        wait_file(
            &f1,
            "Alice's figures",
            |v| v["sections"]["personnel"]["answers"]["dismissed_own_will"] == 1,
            &mut alice,
        );
        quit(alice);
    });
    let bob_t = std::thread::spawn(move || {
        let mut bob = editor(u, &u.bob, "ru", &p2);
        bob.wait_for("saualnama");
        let mut pauses = Pauses(seed.rotate_left(21) | 1);
        bob.keys(CTRL_G);
        bob.keys("1\r");
        bob.wait_for("Добавить");
        answer(
            &mut bob,
            &["\r", "Выдача справок\r", "93\r", "5\r", "88\r"],
            &mut pauses,
        );
        wait_file(
            &f2,
            "Bob's service",
            |v| {
                v["sections"]["public_services"]["items"][0]["answers"]["via_provider_office"] == 88
            },
            &mut bob,
        );
        quit(bob);
    });
    let carol_t = std::thread::spawn(move || {
        let mut carol = editor(u, &u.carol, "kk", &p3);
        carol.wait_for("saualnama");
        let mut pauses = Pauses(seed.rotate_left(42) | 1);
        carol.keys(CTRL_G);
        carol.keys("3\r");
        carol.wait_for("қосу");
        answer(
            &mut carol,
            &["\r", "Мемлекеттік бақылау\r", "12\r", "3\r"],
            &mut pauses,
        );
        wait_file(
            &f3,
            "Carol's function",
            |v| v["sections"]["control_functions"]["items"][0]["answers"]["unscheduled"] == 3,
            &mut carol,
        );
        // Midway, typing the next answer: killed, as a dropped server process is.
        carol.keys("7");
        carol.signal(libc::SIGKILL);
        assert!(carol.wait_exit(Duration::from_secs(5)).is_some());
    });
    for t in [alice_t, bob_t, carol_t] {
        t.join().unwrap();
    }
    // Every committed answer of the three is in the report, and the report loads.
    let check = run_as(u, &u.alice, &["validate", "report.json"], dir.path());
    assert!(
        check.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let v = load(&f);
    assert_eq!(v["header"]["organisation"], "Жас техниктер станциясы");
    assert_eq!(v["header"]["head"], "Директор Жаркембаев");
    assert_eq!(v["header"]["period_to"], "2017-06");
    let personnel = &v["sections"]["personnel"]["answers"];
    assert_eq!(
        [
            &personnel["staff_planned"],
            &personnel["staff_actual"],
            &personnel["vacancies"]
        ],
        [42, 40, 2]
    );
    let service = &v["sections"]["public_services"]["items"][0];
    assert_eq!(service["name"], "Выдача справок");
    assert_eq!(service["answers"]["services_rendered"], 93);
    assert_eq!(service["answers"]["via_state_corporation"], 5);
    let function = &v["sections"]["control_functions"]["items"][0];
    assert_eq!(function["name"], "Мемлекеттік бақылау");
    assert_eq!(function["answers"]["inspections"], 12);
    assert_eq!(function["answers"]["unscheduled"], 3);
    assert!(v.get("conflicts").is_none(), "no one met anyone: {v}");
    // The history names each by their account.
    let history = std::fs::read_to_string(dir.path().join("report.history.jsonl")).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for line in history.lines() {
        let e: Value = serde_json::from_str(line).unwrap();
        let who = e["user"].as_str().unwrap();
        let expected = match e["section"].as_str() {
            None | Some("personnel") => u.alice.name,
            Some("public_services") => u.bob.name,
            Some("control_functions") => u.carol.name,
            Some(other) => panic!("nobody filled {other}: {line}"),
        };
        assert_eq!(who, expected, "{line}");
        seen.insert(who.to_owned());
    }
    assert_eq!(seen.len(), 3, "{history}");
    // And the Word document says who entered each annex.
    let o = run_as(
        u,
        &u.alice,
        &[
            "export",
            "report.json",
            "--format",
            "md",
            "--entered-by",
            "-o",
            "-",
            "-l",
            "en",
        ],
        dir.path(),
    );
    let md = String::from_utf8_lossy(&o.stdout);
    let under = |annex: &str| -> String {
        let at = md.find(annex).unwrap_or_else(|| panic!("{annex} in {md}"));
        let rest = &md[at..];
        let end = rest[1..].find("\n## ").map_or(rest.len(), |e| e + 1);
        rest[..end].to_owned()
    };
    assert!(
        under("## Annex 1").contains(&format!("Answers entered by: {}", u.bob.name)),
        "{md}"
    );
    assert!(
        under("## Annex 3").contains(&format!("Answers entered by: {}", u.carol.name)),
        "{md}"
    );
    assert!(
        under("## Annex 4").contains(&format!("Answers entered by: {}", u.alice.name)),
        "{md}"
    );
}

/// Hold byte 0 of the lock file, as a save does while it writes: held long, a stalled disk.
/// (The lock is the open file's: it lasts as long as the file is open.)
struct SlowSave(#[allow(dead_code)] std::fs::File);

impl SlowSave {
    fn hold(lock: &Path) -> SlowSave {
        let f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(lock)
            .unwrap();
        let mut l: libc::flock = unsafe { std::mem::zeroed() };
        l.l_type = libc::F_WRLCK as i16;
        l.l_whence = libc::SEEK_SET as i16;
        l.l_start = 0;
        l.l_len = 1;
        let r = unsafe { libc::fcntl(std::os::fd::AsRawFd::as_raw_fd(&f), libc::F_OFD_SETLK, &l) };
        assert_eq!(r, 0, "{}", std::io::Error::last_os_error());
        SlowSave(f)
    }
}

#[test]
fn a_held_part_is_read_only_and_two_values_of_one_field_both_survive_until_one_is_chosen() {
    let Some(u) = users() else { return };
    let dir = group_folder(u);
    let f = dir.path().join("report.json");
    let mut alice = start_report(u, dir.path());
    alice.keys(CTRL_G);
    alice.keys("4.Q3\r");
    alice.wait_for("Q3 Vacancies");
    // Bob comes into annex 4 while Alice is in it: read-only, and told who holds it.
    let mut bob = editor(u, &u.bob, "en", dir.path());
    bob.wait_for("saualnama");
    bob.keys(CTRL_G);
    bob.keys("4.Q3\r");
    bob.wait_for(&format!("{} (since ", u.alice.name));
    bob.wait_for("is filling this part now");
    bob.keys("9\r");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        load(&f)["sections"]["personnel"]["answers"]["vacancies"].is_null(),
        "refused"
    );
    // A stalled disk: Alice's save of 7 cannot land. She moves on; her part stays hers while her
    // answer is on its way (Bob, coming in, would not see it)...
    let slow = SlowSave::hold(&dir.path().join("report.json.lock"));
    alice.keys("7\r");
    alice.keys(CTRL_G);
    alice.keys("1\r");
    std::thread::sleep(Duration::from_millis(500));
    bob.keys(CTRL_G);
    bob.keys("4.Q3\r");
    bob.pump();
    assert!(
        bob.text().contains("is filling this part now"),
        "{}",
        bob.text()
    );
    // ...but not for ever: after a few seconds it is let go, and Bob, who never saw her 7 (it is
    // not on disk), enters 9.
    bob.wait_for("The part is free");
    bob.keys("9\r");
    std::thread::sleep(Duration::from_millis(300));
    drop(slow);
    // Both saves land: the first saved stays in the field, and both values are kept.
    wait_file(
        &f,
        "the conflict",
        |v| {
            v["conflicts"][0]["values"]
                .as_array()
                .is_some_and(|a| a.len() == 2)
        },
        &mut bob,
    );
    let v = load(&f);
    let values: Vec<&Value> = v["conflicts"][0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["value"])
        .collect();
    assert!(
        values.contains(&&Value::from(7)) && values.contains(&&Value::from(9)),
        "{v}"
    );
    let users_named: Vec<&str> = v["conflicts"][0]["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["user"].as_str())
        .collect();
    assert!(
        users_named.contains(&u.alice.name) && users_named.contains(&u.bob.name),
        "{v}"
    );
    // Shown to both: Bob on the question, Alice in her outline once she looks at annex 4.
    bob.keys(CTRL_G);
    bob.keys("4.Q3\r");
    bob.wait_for("Conflict: colleagues entered different values");
    bob.keys(CTRL_G);
    bob.keys("1\r");
    std::thread::sleep(Duration::from_millis(300));
    bob.pump();
    alice.keys(CTRL_G);
    alice.keys("4.Q3\r");
    alice.wait_for("≠ Q3 Vacancies");
    // Alice is in the part now; she chooses in the answer's history. Until then both stayed.
    assert_eq!(
        load(&f)["conflicts"][0]["values"].as_array().unwrap().len(),
        2
    );
    alice.keys(F6);
    alice.wait_for("History of the answer");
    alice.wait_for(&format!("{}, ", u.bob.name));
    let screen = alice.text();
    let bobs = screen
        .lines()
        .find(|l| l.contains(&format!("· {}, ", u.bob.name)))
        .unwrap_or_else(|| panic!("{screen}"));
    let n = bobs
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .next()
        .unwrap();
    alice.keys(&n.to_string());
    alice.wait_for("Value chosen");
    wait_file(
        &f,
        "Bob's value chosen",
        |v| v.get("conflicts").is_none() && v["sections"]["personnel"]["answers"]["vacancies"] == 9,
        &mut alice,
    );
    quit(alice);
    quit(bob);
}

/// A save handed over before the editor saw its previous save's merge (the writer had not answered
/// yet) carries a view without the colleague's answers it merged: it must merge again, not write
/// that view over them. (Found by the held-part test under load: Bob's 9 vanished.)
#[test]
fn a_save_whose_view_predates_a_merge_merges_again() {
    use saualnama::changes::Entry;
    use saualnama::save::save_merged;
    use saualnama::session::Slot;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("report.json");
    let (s, _) = saualnama::sample::example();
    std::fs::write(&f, s.to_json_pretty()).unwrap();
    let opened = saualnama::store::file_id(&f);
    let slot = |field: &str| Slot::Answer {
        section: "personnel".into(),
        item: None,
        field: field.into(),
    };
    let set = |view: &mut saualnama::session::Session, field: &str, v: u64| {
        let old = view.value(&slot(field));
        view.set(&slot(field), Some(Value::from(v)));
        Entry::set("t".into(), &slot(field), old, Some(Value::from(v)))
    };
    // Bob saves his 9.
    let mut bob = s.clone();
    let op = set(&mut bob, "vacancies", 9);
    let mut bob_last = opened;
    save_merged(&f, None, (&bob, opened), &[op], &mut bob_last, false, "t").unwrap();
    // Alice saves her 42, which merges Bob's 9 in…
    let mut alice = s.clone();
    let op = set(&mut alice, "staff_planned", 42);
    let mut last = opened;
    let m = save_merged(&f, None, (&alice, opened), &[op], &mut last, false, "t").unwrap();
    assert!(m.others.is_some() && m.written.is_some());
    // …and, before she sees that, her next save (a move of the cursor) carries the view of before.
    alice.cursor = Some(Default::default());
    save_merged(&f, None, (&alice, opened), &[], &mut last, false, "t").unwrap();
    let v = load(&f);
    assert_eq!(
        v["sections"]["personnel"]["answers"]["vacancies"], 9,
        "Bob's answer kept"
    );
    assert_eq!(v["sections"]["personnel"]["answers"]["staff_planned"], 42);
    // Once she has seen it (her base is what her save wrote), nothing needs merging.
    let mut seen = alice.clone();
    seen.sections = serde_json::from_value(v["sections"].clone()).unwrap();
    let base = saualnama::store::file_id(&f);
    let m = save_merged(&f, None, (&seen, base), &[], &mut last, false, "t").unwrap();
    assert!(m.others.is_none(), "written as it is");
    assert_eq!(load(&f)["sections"]["personnel"]["answers"]["vacancies"], 9);
}

/// `saualnama history FILE 1.2` names the item that is 1.2 now: entries are found by the item's id,
/// not by where it stood when they were made (a deletion or a move since would mix two services).
#[test]
fn history_by_number_follows_the_item_by_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.json");
    let (mut s, _) = saualnama::sample::example();
    s.ensure_item_ids();
    let (first, second) = (
        s.items("public_services")[0].id.clone(),
        s.items("public_services")[1].id.clone(),
    );
    // The first service deleted: the second is 1.1 now.
    s.remove_item("public_services", 0);
    std::fs::write(&f, s.to_json_pretty()).unwrap();
    let line = |id: &str, item: usize, new: u64| {
        serde_json::json!({"time": "2026-11-28T10:00:00Z", "uid": 1, "user": "bob", "what": "set",
            "section": "public_services", "item": item, "id": id, "field": "refusals", "new": new})
        .to_string()
    };
    let removed = serde_json::json!({"time": "2026-11-28T10:05:00Z", "uid": 1, "user": "bob",
        "what": "item_removed", "section": "public_services", "item": 1, "id": first,
        "old": {"id": first, "name": "Выдача справок", "answers": {"refusals": 11}}})
    .to_string();
    let history = [line(&first, 1, 11), line(&second, 2, 22), removed].join("\n") + "\n";
    std::fs::write(dir.path().join("r.history.jsonl"), history).unwrap();
    let o = crate::common::run(&["history", f.to_str().unwrap(), "1.1", "-l", "en"]);
    let text = crate::common::stdout(&o);
    assert!(text.contains("→ 22") && !text.contains("→ 11"), "{text}");
    // A deleted item has no number any more: it is named.
    let o = crate::common::run(&["history", f.to_str().unwrap(), "-l", "ru"]);
    let text = crate::common::stdout(&o);
    // And a change saved late is listed when it was made.
    let late = serde_json::json!({"time": "2026-11-28T09:00:00Z", "uid": 1, "user": "carol",
        "what": "set", "section": "personnel", "field": "vacancies", "new": 3})
    .to_string();
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("r.history.jsonl"))
        .unwrap();
    std::io::Write::write_all(&mut file, format!("{late}\n").as_bytes()).unwrap();
    let o = crate::common::run(&["history", f.to_str().unwrap(), "-l", "ru"]);
    let all = crate::common::stdout(&o);
    assert!(
        all.lines().next().is_some_and(|l| l.contains("carol")),
        "{all}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("1.—") && l.contains("строка удалена «Выдача справок»")),
        "{text}"
    );
}

/// An editor left alone lets go of its part (a colleague went to a meeting with annex 4 open): the
/// part is free for the others, and the next key takes it back — or, when someone came in
/// meanwhile, finds it held and refuses the key instead of taking it. The wait is ten minutes; this
/// test's debug build is told 0.8 s.
#[test]
fn an_editor_left_alone_lets_go_of_its_part_and_a_key_takes_it_back() {
    use crate::common::pty::saualnama;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("report.json");
    let (s, _) = saualnama::sample::example();
    std::fs::write(&f, s.to_json_pretty()).unwrap();
    let open = || {
        let mut cmd = saualnama(&["report.json", "-l", "en"], dir.path());
        cmd.env("SAUALNAMA_TEST_IDLE_MS", "800");
        Pty::spawn(cmd, 100, 30)
    };
    let parts = || -> Vec<Option<String>> {
        saualnama::presence::editors(&f)
            .into_iter()
            .map(|r| r.part)
            .collect()
    };
    let mut a = open();
    a.wait_for("Summary");
    a.keys(CTRL_G);
    a.keys("4.Q3\r");
    a.wait_for("Q3 Vacancies");
    assert_eq!(parts(), [Some("annex:personnel".to_owned())]);
    a.wait_for("away a while");
    assert_eq!(parts(), [None], "let go");
    // The same account in another window comes in meanwhile.
    let mut b = open();
    b.wait_for("Summary");
    b.keys(CTRL_G);
    b.keys("4.Q3\r");
    b.wait_for("Q3 Vacancies");
    // A's next key is refused, not taken: the part is B's now.
    a.keys("7");
    a.wait_for("in another window");
    b.keys(CTRL_Q);
    b.wait_exit(Duration::from_secs(5)).expect("b quits");
    // B left: A gets the part back and its key goes in.
    a.wait_for("The part is free");
    a.keys("7\r");
    let start = Instant::now();
    while load(&f)["sections"]["personnel"]["answers"]["vacancies"] != 7 {
        assert!(start.elapsed() < Duration::from_secs(5), "{}", a.text());
        a.pump();
        std::thread::sleep(Duration::from_millis(20));
    }
    a.keys(CTRL_Q);
    a.wait_exit(Duration::from_secs(5)).expect("a quits");
}
