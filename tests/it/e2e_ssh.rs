//! A real SSH session: OpenSSH's sshd on 127.0.0.1, a generated key, saualnama in the remote pty,
//! answers typed, the client killed — and the answers typed before the drop are in the file.

use crate::common::bin;
use crate::common::pty::Pty;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Sshd(Child);

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn keygen(path: &Path) {
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen")
        .success();
    assert!(ok);
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_dropped_ssh_connection_keeps_the_answers() {
    let sshd = Path::new("/usr/sbin/sshd");
    if !sshd.exists() || Command::new("ssh").arg("-V").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install openssh-server and openssh-client"
        );
        eprintln!("skipped: needs OpenSSH (apt-get install openssh-server openssh-client)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    keygen(&d.join("host_key"));
    keygen(&d.join("user_key"));
    std::fs::copy(d.join("user_key.pub"), d.join("authorized_keys")).unwrap();
    let work = d.join("work");
    std::fs::create_dir(&work).unwrap();
    if unsafe { libc::geteuid() } == 0 {
        // sshd's privilege-separation directory.
        let _ = std::fs::create_dir_all("/run/sshd");
    }
    let port = free_port();
    let cfg = d.join("sshd_config");
    std::fs::write(
        &cfg,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {host}\nPidFile {pid}\nAuthorizedKeysFile {auth}\n\
             StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nPrintMotd no\nClientAliveInterval 1\n",
            host = d.join("host_key").display(),
            pid = d.join("sshd.pid").display(),
            auth = d.join("authorized_keys").display(),
        ),
    )
    .unwrap();
    let log = std::fs::File::create(d.join("sshd.log")).unwrap();
    let _sshd = Sshd(
        Command::new(sshd)
            .args(["-D", "-e", "-f"])
            .arg(&cfg)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start sshd"),
    );
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "sshd did not listen: {}",
            std::fs::read_to_string(d.join("sshd.log")).unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_owned();
    let remote = format!(
        "cd {} && TERM=xterm-256color LANG=C.UTF-8 exec {} report.json -l en",
        work.display(),
        bin()
    );
    let mut cmd = Command::new("ssh");
    cmd.arg("-tt")
        .arg("-i")
        .arg(d.join("user_key"))
        .args([
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
        ])
        .args(["-o", "BatchMode=yes", "-p", &port.to_string()])
        .arg(format!("{user}@127.0.0.1"))
        .arg(remote)
        .env("TERM", "xterm-256color");
    let mut p = Pty::spawn(cmd, 80, 24);
    p.wait_for("Organisation");
    p.keys("Жас техниктер станциясы\rДиректор Жаркембаев\r2017-01\r2017-06\r\r\r");
    p.wait_for("Add another");
    p.keys("\rБалаларға қосымша білім беру\r93\r");
    p.wait_for("Q2 of which via the State Corporation");
    // Typed, not committed with Enter, when the line drops: the hang-up commits it.
    p.keys("5");
    std::thread::sleep(Duration::from_millis(300));
    // The connection drops: the client dies without a word to the server.
    p.signal(libc::SIGKILL);
    p.wait_exit(Duration::from_secs(5))
        .expect("the client is gone");

    let f = work.join("report.json");
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let held = !saualnama::presence::editors(&f).is_empty();
        if text.contains("\"via_state_corporation\": 5") && !held {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["header"]["organisation"], "Жас техниктер станциясы");
            let item = &v["sections"]["public_services"]["items"][0];
            assert_eq!(item["name"], "Балаларға қосымша білім беру");
            assert_eq!(item["answers"]["services_rendered"], 93);
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the answers typed before the drop are not in the file, or saualnama still runs:\n{text}\n{}",
            std::fs::read_to_string(d.join("sshd.log")).unwrap()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}
