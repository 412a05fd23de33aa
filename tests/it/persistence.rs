//! Saving: atomic, private, mode-keeping, and harmless to what was saved before when it fails.

use saualnama::store::{read_session, save_session, session_from_str, version_cmp, write_atomic};
use std::os::unix::fs::PermissionsExt;

use crate::common::ReadOnlyDir;

fn example() -> saualnama::session::Session {
    session_from_str(
        "example",
        include_str!("../../examples/zhas-technikter-2017.json"),
        crate::common::registry(),
    )
    .unwrap()
    .0
}

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_new_file_is_private_and_a_rewrite_keeps_the_mode() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.json");
    save_session(&f, &example(), true).unwrap();
    assert_eq!(mode(&f), 0o600);
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    save_session(&f, &example(), true).unwrap();
    assert_eq!(mode(&f), 0o640, "a rewrite keeps a 0640 file at 0640");
    let (s, _) = read_session(&f, crate::common::registry()).unwrap();
    assert_eq!(s, example());
    // No temp file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("r.json")]);
}

#[test]
fn a_planted_symlink_does_not_redirect_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "someone else's file").unwrap();
    let f = dir.path().join("r.json");
    std::os::unix::fs::symlink(&victim, &f).unwrap();
    // A report save meets a link only if one was planted after the editor resolved the path: it
    // refuses, and writes through nothing.
    assert!(write_atomic(&f, b"{}", true).is_err());
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "someone else's file"
    );
    // An export replaces the link itself with a private file.
    saualnama::store::write_private(&f, b"{}", true).unwrap();
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "someone else's file"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(
        !std::fs::symlink_metadata(&f)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link itself was replaced"
    );
}

#[test]
fn a_failed_save_leaves_the_previous_file_intact() {
    let before = example().to_json_pretty();
    let Some(ro) = ReadOnlyDir::with_file("r.json", before.as_bytes()) else {
        return;
    };
    let f = ro.dir.path().join("r.json");
    let mut changed = example();
    changed
        .header
        .insert("head".into(), serde_json::json!("someone else"));
    let err = save_session(&f, &changed, true).unwrap_err();
    assert!(!err.to_string().is_empty());
    assert_eq!(std::fs::read_to_string(&f).unwrap(), before);
}

#[test]
fn versions_compare_by_their_numbers() {
    use std::cmp::Ordering::*;
    assert_eq!(version_cmp("2016-10-19.2", "2016-10-19.10"), Less);
    assert_eq!(version_cmp("2016-10-19.1", "2016-10-19.1"), Equal);
    assert_eq!(version_cmp("2023-01-16.1", "2016-10-19.9"), Greater);
}

#[test]
fn an_older_versions_report_opens_and_keeps_its_answers_a_newer_ones_is_refused() {
    let text = include_str!("../../examples/zhas-technikter-2017.json");
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    v["questionnaire"]["version"] = serde_json::json!("2016-10-19.0");
    v["sections"]["personnel"]["answers"]["dropped_question"] = serde_json::json!("kept");
    let (s, q) = session_from_str("old.json", &v.to_string(), crate::common::registry()).unwrap();
    assert_eq!(saualnama::session::orphans(&q, &s).len(), 1);
    assert!(
        s.to_json_pretty()
            .contains("\"dropped_question\": \"kept\""),
        "kept on rewrite"
    );

    v["questionnaire"]["version"] = serde_json::json!("2030-01-01.1");
    let src = serde_json::to_string_pretty(&v).unwrap();
    let e = session_from_str("new.json", &src, crate::common::registry())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("new.json:5:16: $.questionnaire.version: the report was filled on version"),
        "{e}"
    );
}
