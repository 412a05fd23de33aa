//! Real OS users for the shared-server tests: three colleagues in one working group, created with
//! `useradd`/`groupadd` the first time a test asks (as root, as CI runs); the binary copied where they
//! may run it. Without root, the tests that need them say so and skip; under CI they fail instead,
//! since a skipped safety test is one that cannot fail.
#![allow(dead_code)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub const ALICE: &str = "saual_alice";
pub const BOB: &str = "saual_bob";
pub const CAROL: &str = "saual_carol";
pub const GROUP: &str = "saual_wg";

pub struct User {
    pub name: &'static str,
    pub uid: u32,
    pub gid: u32,
}

pub struct Users {
    pub alice: User,
    pub bob: User,
    pub carol: User,
    /// The working group they are in.
    pub group: u32,
    /// The binary, where every user may run it.
    pub bin: PathBuf,
}

/// A test that cannot run here: say why; under CI, fail.
pub fn skip(why: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("CI must run this test, but: {why}");
    }
    eprintln!("skipped: {why}");
}

pub fn is_root() -> bool {
    unsafe { libc::geteuid() == 0 }
}

fn sh(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn id(flag: &str, name: &str) -> Option<u32> {
    let o = Command::new("id").args([flag, name]).output().ok()?;
    String::from_utf8(o.stdout).ok()?.trim().parse().ok()
}

fn gid_of_group(name: &str) -> Option<u32> {
    let o = Command::new("getent").args(["group", name]).output().ok()?;
    String::from_utf8(o.stdout)
        .ok()?
        .split(':')
        .nth(2)?
        .trim()
        .parse()
        .ok()
}

/// The colleagues, created once per test run; None (after `skip`) where that cannot be done.
pub fn users() -> Option<&'static Users> {
    static USERS: OnceLock<Result<Users, String>> = OnceLock::new();
    let r = USERS.get_or_init(|| {
        if !is_root() {
            return Err("creating OS users (useradd) needs root".into());
        }
        if gid_of_group(GROUP).is_none() && !sh("groupadd", &[GROUP]) {
            return Err(format!("groupadd {GROUP} failed"));
        }
        for u in [ALICE, BOB, CAROL] {
            if id("-u", u).is_none() && !sh("useradd", &["-M", "-s", "/bin/sh", "-G", GROUP, u]) {
                return Err(format!("useradd {u} failed"));
            }
        }
        let user = |name: &'static str| -> Result<User, String> {
            Ok(User {
                name,
                uid: id("-u", name).ok_or("no uid")?,
                gid: id("-g", name).ok_or("no gid")?,
            })
        };
        let dir = std::env::temp_dir().join(format!("saualnama-bin-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| e.to_string())?;
        let bin = dir.join("saualnama");
        std::fs::copy(super::bin(), &bin).map_err(|e| e.to_string())?;
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| e.to_string())?;
        Ok(Users {
            alice: user(ALICE)?,
            bob: user(BOB)?,
            carol: user(CAROL)?,
            group: gid_of_group(GROUP).ok_or("no group")?,
            bin,
        })
    });
    match r {
        Ok(u) => Some(u),
        Err(why) => {
            skip(why);
            None
        }
    }
}

/// A folder as a working group sets one up: the group's, setgid (new files take its group), 2770.
pub fn group_folder(u: &Users) -> tempfile::TempDir {
    let d = tempfile::Builder::new()
        .prefix("saualnama-shared-")
        .tempdir()
        .unwrap();
    chown(d.path(), 0, u.group);
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o2770)).unwrap();
    d
}

pub fn chown(p: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(p, Some(uid), Some(gid)).unwrap();
}

pub fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

pub fn owner(p: &Path) -> (u32, u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::symlink_metadata(p).unwrap();
    (m.uid(), m.gid(), m.mode() & 0o7777)
}

/// The binary run as `user` with `runuser`, in `dir`, with a clean locale.
pub fn run_as(u: &Users, user: &User, args: &[&str], dir: &Path) -> Output {
    Command::new("runuser")
        .args(["-u", user.name, "--"])
        .arg(&u.bin)
        .args(args)
        .current_dir(dir)
        .env("LANG", "C.UTF-8")
        .env("HOME", dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env_remove("SAUALNAMA_QUESTIONNAIRES")
        .output()
        .expect("runuser")
}

/// The editor as `user` in a pseudo-terminal: the child drops to the user's ids itself before
/// exec, so that the pty is its controlling terminal and signals reach it directly.
pub fn editor_as(
    u: &Users,
    user: &User,
    args: &[&str],
    dir: &Path,
    cols: u16,
    rows: u16,
) -> super::pty::Pty {
    let mut cmd = Command::new(&u.bin);
    cmd.args(args)
        .current_dir(dir)
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .env("HOME", dir)
        .env("USER", "someone-else") // the holder is named by uid, not by $USER
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env_remove("NO_COLOR")
        .env_remove("SAUALNAMA_QUESTIONNAIRES");
    let (uid, gid, group) = (user.uid, user.gid, u.group);
    super::pty::Pty::spawn_with(cmd, cols, rows, move || unsafe {
        let groups = [gid, group];
        if libc::setgroups(2, groups.as_ptr()) != 0
            || libc::setgid(gid) != 0
            || libc::setuid(uid) != 0
        {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    })
}

/// A tmpfs of `size` mounted on a new folder, unmounted when dropped.
pub struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    pub fn mount(size: &str) -> Option<Tmpfs> {
        if !is_root() {
            skip("mounting a tmpfs needs root");
            return None;
        }
        let d = tempfile::tempdir().unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(d.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            skip("mount -t tmpfs failed");
            return None;
        }
        Some(Tmpfs(d))
    }
    /// Fill it to the last byte (see `fill`).
    pub fn fill(&self) -> std::path::PathBuf {
        fill(self.path())
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

/// Fill a folder's file system to the last byte; the filler's path, to free the room again.
pub fn fill(dir: &Path) -> std::path::PathBuf {
    use std::io::Write;
    let filler = dir.join("filler");
    let mut f = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 4096];
    while f.write_all(&block).is_ok() {}
    while f.write_all(&block[..1]).is_ok() {}
    let _ = f.sync_all();
    filler
}
