//! A shared server as a working group has one: real OS users (created here with useradd), a setgid
//! group folder, a careless or hostile colleague planting links, root editing a user's report, files
//! replaced behind the editor's back, disks that fill, terminals that stop reading.

use crate::common;

use crate::common::pty::{Pty, saualnama};
use crate::common::users::{
    Tmpfs, chmod, chown, editor_as, fill, group_folder, owner, run_as, users,
};
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, Instant};

const CTRL_Q: &str = "\x11";
const CTRL_G: &str = "\x07";
const CTRL_S: &str = "\x13";

fn example_bytes() -> Vec<u8> {
    std::fs::read(common::example_path()).unwrap()
}

fn load(f: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap()
}

fn quit(p: &mut Pty) -> Option<i32> {
    p.keys(CTRL_Q);
    p.wait_exit(Duration::from_secs(10)).and_then(|s| s.code())
}

/// A report of `user`'s in the group folder, group-writable as a working group shares it.
fn shared_report(dir: &Path, uid: u32, gid: u32) -> std::path::PathBuf {
    let f = dir.join("report.json");
    std::fs::write(&f, example_bytes()).unwrap();
    chown(&f, uid, gid);
    chmod(&f, 0o660);
    f
}

#[test]
fn a_planted_symlink_lock_is_refused_and_what_it_points_at_is_untouched() {
    let Some(u) = users() else { return };
    let dir = group_folder(u);
    let f = shared_report(dir.path(), u.alice.uid, u.group);
    // Alice's private file, and Bob's link to it where the lock goes.
    let victim = dir.path().join("alice-private.txt");
    std::fs::write(&victim, "алисаның құпиясы").unwrap();
    chown(&victim, u.alice.uid, u.alice.gid);
    chmod(&victim, 0o600);
    let lock = dir.path().join("report.json.lock");
    std::os::unix::fs::symlink(&victim, &lock).unwrap();
    std::os::unix::fs::lchown(&lock, Some(u.bob.uid), Some(u.group)).unwrap();
    // As Alice, and as root, who could write anywhere: the link is not followed.
    for as_root in [false, true] {
        let mut p = if as_root {
            Pty::spawn(saualnama(&["report.json", "-l", "en"], dir.path()), 80, 24)
        } else {
            editor_as(
                u,
                &u.alice,
                &["report.json", "-l", "en"],
                dir.path(),
                80,
                24,
            )
        };
        p.wait_for("read-only");
        assert!(
            p.text().contains("lock file cannot be trusted"),
            "{}",
            p.text()
        );
        assert_eq!(quit(&mut p), Some(0));
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            "алисаның құпиясы"
        );
        assert!(
            std::fs::symlink_metadata(&lock)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&f).unwrap(), example_bytes(), "nothing saved");
    }
    // A hard link to Alice's file as the lock: refused too (truncating it would truncate hers).
    std::fs::remove_file(&lock).unwrap();
    std::fs::hard_link(&victim, &lock).unwrap();
    let mut p = Pty::spawn(saualnama(&["report.json", "-l", "en"], dir.path()), 80, 24);
    p.wait_for("read-only");
    assert_eq!(quit(&mut p), Some(0));
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "алисаның құпиясы"
    );
}

#[test]
fn exports_are_private_and_never_written_through_links_devices_or_the_report() {
    let Some(u) = users() else { return };
    let dir = group_folder(u);
    let f = shared_report(dir.path(), u.alice.uid, u.group);
    // Bob leaves a world-writable file where Alice's export goes, and a link where another goes.
    let csv = dir.path().join("report.csv");
    std::fs::write(&csv, "bob").unwrap();
    chown(&csv, u.bob.uid, u.group);
    chmod(&csv, 0o666);
    let victim = dir.path().join("bob-notes.txt");
    std::fs::write(&victim, "notes").unwrap();
    let md = dir.path().join("report.md");
    std::os::unix::fs::symlink(&victim, &md).unwrap();
    for (format, out) in [("csv", &csv), ("md", &md)] {
        let o = run_as(
            u,
            &u.alice,
            &["export", "report.json", "--format", format],
            dir.path(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let (uid, _, mode) = owner(out);
        assert_eq!(
            (uid, mode),
            (u.alice.uid, 0o600),
            "{format}: Alice's, and private"
        );
        assert!(std::fs::symlink_metadata(out).unwrap().is_file());
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "notes");
    // Not over the report itself, by -o or by its name.
    let o = run_as(
        u,
        &u.alice,
        &[
            "export",
            "report.json",
            "--format",
            "json",
            "-o",
            "report.json",
            "-l",
            "en",
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("the report being exported"));
    std::fs::copy(&f, dir.path().join("x.csv")).unwrap();
    chown(&dir.path().join("x.csv"), u.alice.uid, u.group);
    let o = run_as(
        u,
        &u.alice,
        &["export", "x.csv", "--format", "csv"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(dir.path().join("x.csv")).unwrap(),
        example_bytes()
    );
    assert_eq!(std::fs::read(&f).unwrap(), example_bytes());
    // Root: a device is not replaced by a file.
    let o = common::run(&[
        "export",
        f.to_str().unwrap(),
        "--format",
        "md",
        "-o",
        "/dev/null",
    ]);
    assert_ne!(o.status.code(), Some(0));
    let m = std::fs::metadata("/dev/null").unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(
        &m.file_type()
    ));
}

#[test]
fn colleagues_in_a_setgid_folder_share_the_lock_and_are_told_who_holds_it() {
    let Some(u) = users() else { return };
    let dir = group_folder(u);
    let f = shared_report(dir.path(), u.alice.uid, u.group);
    // Alice opens it: her lock file is the group's and group-writable, whatever her umask.
    let mut alice = editor_as(
        u,
        &u.alice,
        &["report.json", "-l", "en"],
        dir.path(),
        80,
        24,
    );
    alice.wait_for("saved");
    let lock = dir.path().join("report.json.lock");
    let (uid, gid, mode) = owner(&lock);
    assert_eq!((uid, gid, mode), (u.alice.uid, u.group, 0o660));
    // Bob, from a script, is told who has it open — by her user name, not by $USER — and nothing
    // is created.
    let o = run_as(u, &u.bob, &["report.json", "-l", "en"], dir.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("open in another saualnama") && err.contains(u.alice.name),
        "{err}"
    );
    assert_eq!(quit(&mut alice), Some(0));
    // At a terminal Bob joins (not read-only: her lock file is the group's) and is told, before his
    // first save, that the file will become his.
    let mut bob = editor_as(u, &u.bob, &["report.json", "-l", "en"], dir.path(), 80, 24);
    bob.wait_for(&format!("The report belongs to {}", u.alice.name));
    assert!(!bob.text().contains("read-only"), "{}", bob.text());
    bob.keys(CTRL_G);
    bob.keys("4.Q3\r7\r");
    bob.wait_for("✓ saved");
    assert_eq!(quit(&mut bob), Some(0));
    assert_eq!(load(&f)["sections"]["personnel"]["answers"]["vacancies"], 7);
    // The group and the mode are kept, so Alice can go on.
    let (uid, gid, mode) = owner(&f);
    assert_eq!((uid, gid, mode), (u.bob.uid, u.group, 0o660));
    let mut alice = editor_as(
        u,
        &u.alice,
        &["report.json", "-l", "en"],
        dir.path(),
        80,
        24,
    );
    alice.wait_for("saved");
    assert!(!alice.text().contains("read-only"), "{}", alice.text());
    assert_eq!(quit(&mut alice), Some(0));
}

#[test]
fn a_lock_a_colleague_may_not_write_is_explained_not_blamed_on_the_folder() {
    let Some(u) = users() else { return };
    let dir = group_folder(u);
    shared_report(dir.path(), u.alice.uid, u.group);
    // An old lock file, Alice's and private (as earlier versions made them).
    let lock = dir.path().join("report.json.lock");
    std::fs::write(&lock, "").unwrap();
    chown(&lock, u.alice.uid, u.group);
    chmod(&lock, 0o600);
    let mut bob = editor_as(u, &u.bob, &["report.json", "-l", "en"], dir.path(), 80, 24);
    bob.wait_for("read-only");
    let screen = bob.text().replace('\n', " ");
    assert!(
        screen.contains(u.alice.name) && screen.contains("0600"),
        "{screen}"
    );
    assert!(!screen.contains("folder cannot be written"), "{screen}");
    assert_eq!(quit(&mut bob), Some(0));
}

#[test]
fn root_editing_a_users_report_leaves_it_hers() {
    let Some(u) = users() else { return };
    let dir = tempfile::tempdir().unwrap();
    chown(dir.path(), u.alice.uid, u.alice.gid);
    let f = dir.path().join("report.json");
    std::fs::write(&f, example_bytes()).unwrap();
    chown(&f, u.alice.uid, u.alice.gid);
    chmod(&f, 0o600);
    let mut p = Pty::spawn(saualnama(&["report.json", "-l", "en"], dir.path()), 80, 24);
    p.wait_for("saved");
    p.keys(CTRL_G);
    p.keys("4.Q3\r3\r");
    p.wait_for("✓ saved");
    assert_eq!(quit(&mut p), Some(0));
    assert_eq!(load(&f)["sections"]["personnel"]["answers"]["vacancies"], 3);
    assert_eq!(owner(&f), (u.alice.uid, u.alice.gid, 0o600));
    // And she can still open it.
    let o = run_as(u, &u.alice, &["summary", "report.json"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_symlinked_report_is_edited_in_place_and_a_hard_linked_one_only_read() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, example_bytes()).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let mut p = Pty::spawn(saualnama(&["link.json", "-l", "en"], dir.path()), 80, 24);
    p.wait_for("saved");
    p.keys(CTRL_G);
    p.keys("4.Q3\r9\r");
    p.wait_for("✓ saved");
    // A second editor through the real name meets the same lock.
    let o = common::run_on(&["-l", "en"], &real);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("open in another saualnama"));
    assert_eq!(quit(&mut p), Some(0));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        load(&real)["sections"]["personnel"]["answers"]["vacancies"],
        9
    );
    assert!(dir.path().join("real.json.lock").exists());
    assert!(!dir.path().join("link.json.lock").exists());
    // Two names of one file would be two locks: read-only.
    let hard = dir.path().join("hard.json");
    std::fs::hard_link(&real, &hard).unwrap();
    let mut p = Pty::spawn(saualnama(&["hard.json", "-l", "en"], dir.path()), 80, 24);
    p.wait_for("read-only");
    assert!(p.text().contains("hard link"), "{}", p.text());
    assert_eq!(quit(&mut p), Some(0));
}

#[test]
fn on_a_full_disk_the_editor_opens_and_quitting_asks_and_rescues_the_answers() {
    let Some(fs) = Tmpfs::mount("256k") else {
        return;
    };
    let f = fs.path().join("report.json");
    std::fs::write(&f, example_bytes()).unwrap();
    fill(fs.path());
    let home = tempfile::tempdir().unwrap();
    let mut cmd = saualnama(&["report.json", "-l", "en"], fs.path());
    cmd.env("HOME", home.path());
    let mut p = Pty::spawn(cmd, 80, 24);
    // It opens (the lock's holder line may not fit; the lock still holds).
    p.wait_for("Summary");
    p.keys(CTRL_G);
    p.keys("4.Q3\r5\r");
    p.wait_for("NOT SAVED");
    assert_eq!(
        std::fs::read(&f).unwrap(),
        example_bytes(),
        "the file is intact"
    );
    p.keys(CTRL_Q);
    p.wait_for("Quit?");
    p.keys("y");
    let st = p.wait_exit(Duration::from_secs(5)).expect("exits");
    assert_eq!(st.code(), Some(1));
    let out = String::from_utf8_lossy(&p.raw).into_owned();
    let rescued: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("rescued"))
        .collect();
    assert_eq!(rescued.len(), 1, "{out}");
    assert!(
        out.contains(&rescued[0].display().to_string()),
        "named on stderr: {out}"
    );
    assert_eq!(
        load(&rescued[0])["sections"]["personnel"]["answers"]["vacancies"],
        5
    );
    assert_eq!(owner(&rescued[0]).2, 0o600);
    // Room again: the report opens and saves.
    std::fs::remove_file(fs.path().join("filler")).unwrap();
    let mut p = Pty::spawn(saualnama(&["report.json", "-l", "en"], fs.path()), 80, 24);
    p.keys(CTRL_G);
    p.keys("4.Q3\r5\r");
    p.wait_for("✓ saved");
    assert_eq!(quit(&mut p), Some(0));
}

#[test]
fn a_terminal_that_stops_reading_does_not_stop_a_signal_from_saving() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("report.json");
    std::fs::write(&f, example_bytes()).unwrap();
    let mut p = Pty::spawn(saualnama(&["report.json", "-l", "en"], dir.path()), 200, 60);
    p.wait_for("Summary");
    p.keys(CTRL_G);
    p.keys("4.14\r");
    p.wait_for("14 Other");
    // From here on nothing reads the terminal: typed text, then redraws until its buffer is full.
    p.write("жартылай жазылған жауап".as_bytes());
    for i in 0..40 {
        p.resize(200 - (i % 2) * 60, 60);
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let start = Instant::now();
    p.signal(libc::SIGTERM);
    let status = loop {
        if let Ok(Some(st)) = p.child.try_wait() {
            break Some(st);
        }
        if start.elapsed() > Duration::from_secs(3) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = start.elapsed();
    assert!(status.is_some(), "still running {took:?} after SIGTERM");
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert_eq!(
        load(&f)["sections"]["personnel"]["answers"]["other"],
        "жартылай жазылған жауап",
        "what was typed is saved"
    );
}

#[test]
fn a_report_replaced_behind_the_editor_is_not_written_over_until_asked() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("report.json");
    std::fs::write(&f, example_bytes()).unwrap();
    let mut p = Pty::spawn(saualnama(&["report.json", "-l", "en"], dir.path()), 80, 24);
    p.wait_for("saved");
    // A colleague's program replaces the file.
    let theirs = dir.path().join("theirs.json");
    std::fs::write(&theirs, b"{\"theirs\": true}").unwrap();
    std::fs::rename(&theirs, &f).unwrap();
    p.keys(CTRL_G);
    p.keys("4.Q3\r4\r");
    p.wait_for("replaced or deleted");
    assert_eq!(std::fs::read(&f).unwrap(), b"{\"theirs\": true}");
    // Ctrl-S is the asking: it writes over.
    p.keys(CTRL_S);
    p.wait_for("✓ saved");
    assert_eq!(load(&f)["sections"]["personnel"]["answers"]["vacancies"], 4);
    assert_eq!(quit(&mut p), Some(0));
}

#[test]
fn fifos_devices_and_huge_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.json");
    nix_mkfifo(&fifo);
    let start = Instant::now();
    for args in [vec!["summary", "pipe.json"], vec!["pipe.json"]] {
        let o = std::process::Command::new(common::bin())
            .args(&args)
            .current_dir(dir.path())
            .env("LANG", "C")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            common::stderr(&o).contains("not a regular file"),
            "{}",
            common::stderr(&o)
        );
    }
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "no hang on a FIFO"
    );
    let o = common::run(&["summary", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    let o = common::run(&["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    assert!(
        common::stderr(&o).contains("not a regular file"),
        "{}",
        common::stderr(&o)
    );
    // A questionnaire folder with one broken file: the others still work, with a warning.
    let qdir = tempfile::tempdir().unwrap();
    std::fs::write(qdir.path().join("broken.json"), "{").unwrap();
    let o = common::run(&["--questionnaires", qdir.path().to_str().unwrap(), "list"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(common::stdout(&o).contains("corruption-risk-internal-analysis"));
    assert!(
        common::stderr(&o).contains("broken.json"),
        "{}",
        common::stderr(&o)
    );
}

fn nix_mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn stale_temp_files_of_a_killed_save_are_cleaned_and_others_left() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("report.json");
    std::fs::write(&f, example_bytes()).unwrap();
    let stale = dir.path().join(".report.json.AbC123.tmp");
    std::fs::write(&stale, "half").unwrap();
    let other = dir.path().join(".other.json.AbC123.tmp");
    std::fs::write(&other, "not ours").unwrap();
    let mut p = Pty::spawn(saualnama(&["report.json", "-l", "en"], dir.path()), 80, 24);
    p.wait_for("saved");
    assert_eq!(quit(&mut p), Some(0));
    assert!(!stale.exists());
    assert!(other.exists());
}

#[test]
fn a_huge_window_is_drawn_without_aborting() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.json"), example_bytes()).unwrap();
    let mut p = Pty::spawn(saualnama(&["report.json", "-l", "en"], dir.path()), 80, 24);
    p.wait_for("saved");
    p.resize_program_only(65535, 65535);
    std::thread::sleep(Duration::from_millis(500));
    p.pump();
    p.resize_program_only(80, 24);
    assert!(p.child.try_wait().unwrap().is_none(), "still running");
    p.wait_for("saved");
    assert_eq!(quit(&mut p), Some(0));
}

#[test]
fn the_lock_holder_is_named_by_uid_not_by_user() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.json"), example_bytes()).unwrap();
    let mut cmd = saualnama(&["report.json", "-l", "en"], dir.path());
    cmd.env("USER", "not-me").env("LOGNAME", "not-me");
    let mut p = Pty::spawn(cmd, 80, 24);
    p.wait_for("saved");
    let holder =
        String::from_utf8_lossy(&std::fs::read(dir.path().join("report.json.lock")).unwrap())
            .into_owned();
    let me = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let me = String::from_utf8_lossy(&me.stdout).trim().to_owned();
    assert!(holder.contains(&format!("\"user\":\"{me}\"")), "{holder}");
    assert!(!holder.contains("not-me"), "{holder}");
    assert_eq!(quit(&mut p), Some(0));
    let _ = std::fs::metadata(dir.path()).unwrap().uid();
}

/// The README's set-up as a working group does it: Alice starts a new report in the group folder,
/// shares it with `chmod 660` once, and Bob then edits it — her first lock must not lock him out.
#[test]
fn a_report_started_in_a_group_folder_and_shared_once_is_open_to_the_group() {
    let Some(u) = users() else { return };
    let dir = group_folder(u);
    let mut alice = editor_as(
        u,
        &u.alice,
        &["report.json", "-l", "en"],
        dir.path(),
        80,
        24,
    );
    alice.wait_for("new file");
    // Told at once that her colleagues cannot open it yet, and how to share it.
    alice.wait_for("open to you alone");
    alice.wait_for("chmod 660 report.json");
    alice.keys("Alice's organisation\r");
    alice.wait_for("✓ saved");
    assert_eq!(quit(&mut alice), Some(0));
    let f = dir.path().join("report.json");
    assert_eq!(owner(&f).2, 0o600, "a new report is private until shared");
    // Bob, before she shares it, is told whose it is and what to ask, in his language.
    let o = run_as(u, &u.bob, &["report.json", "-l", "ru"], dir.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("файл принадлежит {}", u.alice.name))
            && err.contains("(0600)")
            && err.contains(&format!("chmod 660 {}", f.display())),
        "{err}"
    );
    let o = std::process::Command::new("runuser")
        .args(["-u", u.alice.name, "--", "chmod", "660"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(o.status.success());
    let mut bob = editor_as(u, &u.bob, &["report.json", "-l", "en"], dir.path(), 80, 24);
    bob.wait_for("Organisation");
    assert!(!bob.text().contains("read-only"), "{}", bob.text());
    bob.keys("\r");
    assert_eq!(quit(&mut bob), Some(0));
    assert_eq!(owner(&dir.path().join("report.json.lock")).2 & 0o060, 0o060);
}

/// Who entered what, between two colleagues: Alice starts the report, Bob changes her answer and
/// adds his; the history names each by their account, and it is the group's to read like the report.
#[test]
fn the_history_names_who_entered_what_and_is_shared_like_the_report() {
    let Some(u) = users() else { return };
    let dir = group_folder(u);
    let mut alice = editor_as(
        u,
        &u.alice,
        &["report.json", "-l", "en"],
        dir.path(),
        80,
        24,
    );
    alice.wait_for("new file");
    alice.keys("Alice's organisation\r");
    alice.wait_for("✓ saved");
    assert_eq!(quit(&mut alice), Some(0));
    let f = dir.path().join("report.json");
    let o = std::process::Command::new("runuser")
        .args(["-u", u.alice.name, "--", "chmod", "660"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(o.status.success());
    let mut bob = editor_as(u, &u.bob, &["report.json", "-l", "en"], dir.path(), 80, 24);
    bob.wait_for("Organisation");
    // Bob says who heads it (the editor opens on the first question unanswered), then goes back and
    // completes the name (the input opens with the cursor after the text).
    bob.keys("E. Head\r");
    bob.write(b"\x1b[Z");
    bob.write(b"\x1b[Z");
    bob.keys(" (Bob)\r");
    bob.wait_for("✓ saved");
    assert_eq!(quit(&mut bob), Some(0));

    let o = run_as(
        u,
        &u.bob,
        &["history", "report.json", "--format", "json"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let h: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows: Vec<(String, String, String)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["user"].as_str().unwrap().to_owned(),
                e["field"].as_str().unwrap_or("").to_owned(),
                e["new"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let row =
        |user: &str, field: &str, new: &str| (user.to_owned(), field.to_owned(), new.to_owned());
    assert_eq!(
        rows,
        [
            row(u.alice.name, "organisation", "Alice's organisation"),
            row(u.bob.name, "head", "E. Head"),
            row(u.bob.name, "organisation", "Alice's organisation (Bob)"),
        ]
    );
    assert_eq!(h[2]["old"], "Alice's organisation", "what was there before");
    // The history is the group's like the report: its group, and writable by the group.
    let hist = dir.path().join("report.history.jsonl");
    let (_, report_gid, report_mode) = owner(&f);
    let (_, gid, mode) = owner(&hist);
    assert_eq!((gid, mode), (report_gid, report_mode));
    assert_eq!(mode, 0o660);
    // The text listing, one question's worth.
    let o = run_as(
        u,
        &u.alice,
        &["history", "report.json", "organisation", "-l", "en"],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains(u.alice.name) && text.contains(u.bob.name),
        "{text}"
    );
    assert!(
        text.contains("Alice's organisation → Alice's organisation (Bob)"),
        "{text}"
    );
}

/// Ended by SIGTERM while the disk is full, with text typed and not committed: the answers go to a
/// rescue file, and its name is on the screen once the terminal is given back (written while the
/// editor's screen was up, it went with it). The next start names the rescue copy.
#[test]
fn a_rescue_on_a_signal_is_named_where_it_can_be_read_and_at_the_next_start() {
    let Some(fs) = Tmpfs::mount("256k") else {
        return;
    };
    let f = fs.path().join("report.json");
    std::fs::write(&f, example_bytes()).unwrap();
    let home = tempfile::tempdir().unwrap();
    let open = || {
        let mut cmd = saualnama(&["report.json", "-l", "en"], fs.path());
        cmd.env("HOME", home.path());
        Pty::spawn(cmd, 100, 30)
    };
    let mut p = open();
    p.wait_for("Summary");
    fill(fs.path());
    p.keys(CTRL_G);
    p.keys("4.14\r");
    p.wait_for("14 Other");
    p.keys("жазылмай қалған жауап");
    std::thread::sleep(Duration::from_millis(100));
    p.signal(libc::SIGTERM);
    p.wait_exit(Duration::from_secs(5)).expect("exits");
    let rescued: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("rescued"))
        .collect();
    assert_eq!(rescued.len(), 1);
    let screen = p.text().replace('\n', "");
    assert!(
        screen.contains(&rescued[0].display().to_string()),
        "on the screen after the end: {screen}"
    );
    std::fs::remove_file(fs.path().join("filler")).unwrap();
    // Another report.json's rescue copy, in the same home: not this report's.
    std::fs::write(
        home.path().join("report.rescued-2020-01-01T000000Z.json"),
        r#"{"rescued_from": "/elsewhere/report.json"}"#,
    )
    .unwrap();
    let mut p = open();
    p.wait_for("There is a rescue copy");
    let name = rescued[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let screen = p.text().replace('\n', "");
    assert!(
        screen.contains(&name[..20]) && !screen.contains("2020-01-01"),
        "{screen}"
    );
    assert_eq!(quit(&mut p), Some(0));
}
