//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod docx;
pub mod pty;
pub mod users;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_saualnama")
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example_path() -> PathBuf {
    root().join("examples/zhas-technikter-2017.json")
}

pub fn form_path() -> PathBuf {
    root().join("questionnaires/corruption-risk-internal-analysis.json")
}

/// Run the binary with a clean locale, so messages do not depend on the machine.
pub fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .env_remove("SAUALNAMA_QUESTIONNAIRES")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .output()
        .expect("run saualnama")
}

pub fn run_on(args: &[&str], file: &Path) -> Output {
    let mut a: Vec<&str> = args.to_vec();
    let f = file.to_str().unwrap();
    a.push(f);
    run(&a)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether `msg` names `file` followed by `:LINE:COLUMN`.
pub fn names_position(msg: &str, file: &Path) -> bool {
    let f = format!("{}:", file.display());
    msg.match_indices(&f).any(|(i, _)| {
        let mut parts = msg[i + f.len()..].splitn(3, ':');
        let line = parts.next().is_some_and(|l| l.parse::<usize>().is_ok());
        let col = parts.next().is_some_and(|c| c.parse::<usize>().is_ok());
        line && col
    })
}

/// A directory nobody may create files in: a read-only tmpfs for root (who ignores modes), mode 0555
/// for anyone else. None when this machine allows neither.
pub struct ReadOnlyDir {
    pub dir: tempfile::TempDir,
    mounted: bool,
}

impl ReadOnlyDir {
    pub fn with_file(name: &str, bytes: &[u8]) -> Option<ReadOnlyDir> {
        let dir = tempfile::tempdir().unwrap();
        let root = unsafe { libc::geteuid() } == 0;
        if root {
            let ok = std::process::Command::new("mount")
                .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                users::skip("as root, a read-only directory needs a tmpfs mount, and mount failed");
                return None;
            }
            std::fs::write(dir.path().join(name), bytes).unwrap();
            let ok = std::process::Command::new("mount")
                .args(["-o", "remount,ro"])
                .arg(dir.path())
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "remount read-only");
            Some(ReadOnlyDir { dir, mounted: true })
        } else {
            std::fs::write(dir.path().join(name), bytes).unwrap();
            std::fs::set_permissions(
                dir.path(),
                <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o555),
            )
            .unwrap();
            Some(ReadOnlyDir {
                dir,
                mounted: false,
            })
        }
    }
}

impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        if self.mounted {
            let _ = std::process::Command::new("umount")
                .arg(self.dir.path())
                .status();
        } else {
            let _ = std::fs::set_permissions(
                self.dir.path(),
                <std::fs::Permissions as std::os::unix::fs::PermissionsExt>::from_mode(0o755),
            );
        }
    }
}

/// LibreOffice's command, where it is installed; else says why the test skips (and fails under CI).
pub fn soffice() -> Option<&'static str> {
    let found = ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok()
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs LibreOffice (.ci/run)"
        );
        eprintln!(
            "skipped: LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
        );
    }
    found
}

/// Headless Chromium's command, where it is installed; else says why the test skips (and fails under
/// CI, which installs it).
pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI installs Chromium (.ci/run)"
        );
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
    }
    found
}

/// The bundled questionnaires, parsed once for the whole test run.
pub fn registry() -> &'static saualnama::questionnaire::Registry {
    static R: std::sync::OnceLock<saualnama::questionnaire::Registry> = std::sync::OnceLock::new();
    R.get_or_init(saualnama::questionnaire::Registry::bundled)
}

/// A report as JSON without what differs between two editors' runs of the same answers: the items'
/// ids (minted per editor) and each user's place.
pub fn without_ids(mut v: serde_json::Value) -> serde_json::Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("cursors");
    }
    if let Some(sections) = v.get_mut("sections").and_then(|s| s.as_object_mut()) {
        for s in sections.values_mut() {
            if let Some(items) = s.get_mut("items").and_then(|i| i.as_array_mut()) {
                for it in items {
                    if let Some(o) = it.as_object_mut() {
                        o.remove("id");
                    }
                }
            }
        }
    }
    v
}
