//! A pseudo-terminal for end-to-end tests: the real binary as its session leader with the pty as its
//! controlling terminal, the screen read through a vt100 emulator, keys typed one at a time, and the
//! master end closable on its own (what a dropped SSH connection does).
#![allow(dead_code)]

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub struct Pty {
    master: Option<OwnedFd>,
    pub child: Child,
    pub screen: vt100::Parser,
    pub raw: Vec<u8>,
}

fn winsize(cols: u16, rows: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

impl Pty {
    pub fn spawn(cmd: Command, cols: u16, rows: u16) -> Pty {
        Pty::spawn_with(cmd, cols, rows, || Ok(()))
    }

    /// `pre` runs in the child before exec (after it has become the session leader).
    pub fn spawn_with(
        mut cmd: Command,
        cols: u16,
        rows: u16,
        mut pre: impl FnMut() -> io::Result<()> + Send + Sync + 'static,
    ) -> Pty {
        let (mut m, mut s) = (0, 0);
        let ws = winsize(cols, rows);
        let rc =
            unsafe { libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), &ws) };
        assert_eq!(rc, 0, "openpty: {}", io::Error::last_os_error());
        let master = unsafe { OwnedFd::from_raw_fd(m) };
        let slave = unsafe { OwnedFd::from_raw_fd(s) };
        unsafe {
            let flags = libc::fcntl(m, libc::F_GETFL);
            libc::fcntl(m, libc::F_SETFL, flags | libc::O_NONBLOCK);
            libc::fcntl(m, libc::F_SETFD, libc::FD_CLOEXEC);
        }
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        unsafe {
            cmd.pre_exec(move || {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(io::Error::last_os_error());
                }
                pre()
            });
        }
        let child = cmd.spawn().expect("spawn in a pty");
        Pty {
            master: Some(master),
            child,
            screen: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
        }
    }

    pub fn master_fd(&self) -> i32 {
        self.master.as_ref().expect("master open").as_raw_fd()
    }

    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Read what the program wrote so far.
    pub fn pump(&mut self) {
        let Some(m) = &self.master else { return };
        let mut buf = [0u8; 16384];
        loop {
            let n = unsafe { libc::read(m.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                break;
            }
            let n = n as usize;
            self.screen.process(&buf[..n]);
            self.raw.extend_from_slice(&buf[..n]);
        }
    }

    pub fn text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Wait until the screen shows `what`; panic with the screen if it does not within 15 s.
    pub fn wait_for(&mut self, what: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            self.pump();
            if self.text().contains(what) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("{what:?} never appeared; the screen:\n{}", self.text());
    }

    pub fn write(&mut self, bytes: &[u8]) {
        let fd = self.master.as_ref().expect("master open").as_raw_fd();
        let mut off = 0;
        while off < bytes.len() {
            let n = unsafe { libc::write(fd, bytes[off..].as_ptr().cast(), bytes.len() - off) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::WouldBlock {
                    self.pump();
                    continue;
                }
                panic!("write to pty: {e}");
            }
            off += n as usize;
        }
    }

    /// Type like a person: a key at a time, so no two keys arrive as one escape sequence.
    pub fn keys(&mut self, s: &str) {
        for c in s.chars() {
            let mut b = [0u8; 4];
            self.write(c.encode_utf8(&mut b).as_bytes());
            std::thread::sleep(Duration::from_millis(2));
            self.pump();
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        let ws = winsize(cols, rows);
        if let Some(m) = &self.master {
            unsafe { libc::ioctl(m.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
        }
        self.screen.screen_mut().set_size(rows, cols);
    }

    /// Tell the program its window is `cols`×`rows` without resizing our own emulator (a 65535×65535
    /// screen would take the test's memory, not the program's).
    pub fn resize_program_only(&mut self, cols: u16, rows: u16) {
        let ws = winsize(cols, rows);
        if let Some(m) = &self.master {
            unsafe { libc::ioctl(m.as_raw_fd(), libc::TIOCSWINSZ, &ws) };
        }
    }

    /// Hang up: close our end, as a dropped connection does. The kernel sends SIGHUP.
    pub fn close_master(&mut self) {
        self.master = None;
    }

    pub fn signal(&self, sig: i32) {
        unsafe { libc::kill(self.pid(), sig) };
    }

    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            self.pump();
            if let Ok(Some(st)) = self.child.try_wait() {
                return Some(st);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        None
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The binary, in a clean locale, in `dir`.
pub fn saualnama(args: &[&str], dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(super::bin());
    cmd.args(args)
        .current_dir(dir)
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        // A rescue file goes to $HOME: the test's own folder, not the tester's.
        .env("HOME", dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env_remove("NO_COLOR")
        .env_remove("SAUALNAMA_QUESTIONNAIRES");
    cmd
}
