//! The real binary in a pseudo-terminal at 80x24: typing Kazakh, quitting with Ctrl-Q, reopening.

mod common;
use common::bin;
use expectrl::Session;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Pty {
    s: expectrl::session::OsSession,
    screen: vt100::Parser,
    raw: Vec<u8>,
}

impl Pty {
    fn spawn(args: &[&str], dir: &Path) -> Pty {
        let mut cmd = Command::new(bin());
        cmd.args(args)
            .current_dir(dir)
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL");
        cmd.env_remove("NO_COLOR");
        let mut s = Session::spawn(cmd).expect("spawn in a pty");
        s.get_process_mut().set_window_size(80, 24).unwrap();
        Pty {
            s,
            screen: vt100::Parser::new(24, 80, 0),
            raw: Vec::new(),
        }
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 8192];
        loop {
            match self.s.try_read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    self.screen.process(&buf[..n]);
                    self.raw.extend_from_slice(&buf[..n]);
                }
                Err(_) => break,
            }
        }
    }

    fn text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Wait until the screen shows `what`; panic with the screen if it does not within 10 s.
    fn wait_for(&mut self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            self.pump();
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{what:?} never appeared; the screen:\n{}", self.text());
    }

    /// Type like a person: a key at a time, so no two keys arrive as one escape sequence.
    fn keys(&mut self, s: &str) {
        for c in s.chars() {
            let mut b = [0u8; 4];
            self.s.write_all(c.encode_utf8(&mut b).as_bytes()).unwrap();
            self.s.flush().unwrap();
            std::thread::sleep(Duration::from_millis(3));
            self.pump();
        }
    }

    fn wait_exit(&mut self) -> i32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            self.pump();
            if let Ok(expectrl::process::unix::WaitStatus::Exited(_, code)) =
                self.s.get_process().status()
            {
                return code;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("did not exit; the screen:\n{}", self.text());
    }
}

const CTRL_Q: &str = "\x11";
const ENTER: &str = "\r";

#[test]
fn type_kazakh_quit_and_find_it_saved_then_reopen_where_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(&["report.json", "-l", "kk"], dir.path());
    p.wait_for("Ұйымның атауы");
    p.keys("«Жас техниктер станциясы» әіңғүұқөһ ӘІҢҒҮҰҚӨҺ");
    p.keys(ENTER);
    p.wait_for("Ұйым басшысы");
    p.keys("Е.К. Жаркембаев\r2017-01\r2017-06\r");
    p.wait_for("Тағы қосу");
    p.keys(ENTER);
    p.keys("Балаларға қосымша білім беру\r93\r");
    p.wait_for("Q2 оның ішінде");
    p.keys(CTRL_Q);
    assert_eq!(p.wait_exit(), 0);
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
    let mut p = Pty::spawn(&["report.json"], dir.path());
    p.wait_for("Q2 оның ішінде «Азаматтарға арналған үкімет»");
    assert!(p.text().contains("1-қосымша · 1.1"), "{}", p.text());
    p.keys(CTRL_Q);
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn a_second_editor_is_refused_with_the_holder_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Pty::spawn(&["report.json"], dir.path());
    first.wait_for("saualnama");
    let out = Command::new(bin())
        .arg("report.json")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is open in another saualnama") && err.contains("process"),
        "{err}"
    );
    assert!(err.contains("--read-only"), "{err}");
    // Read-only opens alongside.
    let mut second = Pty::spawn(&["--read-only", "-l", "en", "report.json"], dir.path());
    second.wait_for("read-only");
    second.keys(CTRL_Q);
    assert_eq!(second.wait_exit(), 0);
    first.keys(CTRL_Q);
    assert_eq!(first.wait_exit(), 0);
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
