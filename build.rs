//! Links the code an editing session runs as one stretch at the start of the binary's code
//! (`src/hot-text.ld`, written by `bench/hot-text.py`).
//!
//! The kernel maps a program's code 64 KiB at a time around each first touch. Spread over the
//! whole binary, the ~820 functions a session runs made 3.5 of its 5.8 MB of code
//! resident; gathered, 1.3 MB. The same faults cost CPU time at every start.
//!
//! Only for release builds on Linux, where the linker is LLD or GNU ld (both read a script that
//! only inserts a section). A name the script gives that the build does not have matches nothing:
//! the layout is then partly the default one, never wrong.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/hot-text.ld");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let release = std::env::var("PROFILE").is_ok_and(|profile| profile == "release");
    let Ok(root) = std::env::var("CARGO_MANIFEST_DIR") else {
        return;
    };
    if linux && release {
        // `-T<file>` joined: the compiler driver and the linker alike read it so, and a path
        // with a comma in it would not survive `-Wl,`.
        println!("cargo::rustc-link-arg-bin=saualnama=-T{root}/src/hot-text.ld");
        if glibc_reads_packed_relocations() {
            // The addresses the loader fills in at every start, packed: 120 KiB of the binary it
            // read whole (5,000 entries of 24 bytes) become a few KiB.
            println!("cargo::rustc-link-arg-bin=saualnama=-Wl,-z,pack-relative-relocs");
        }
    }
}

/// Whether the C library the binary is built for (here, where it is built: not when
/// cross-compiling) reads packed relocations, which it has since glibc 2.36. A binary built with
/// them names that need, so that an older glibc refuses it with a clear message.
fn glibc_reads_packed_relocations() -> bool {
    let env = |k: &str| std::env::var(k).unwrap_or_default();
    if env("TARGET") != env("HOST") || env("CARGO_CFG_TARGET_ENV") != "gnu" {
        return false;
    }
    // `ldd --version` says `ldd (Debian GLIBC 2.36-9+deb12u10) 2.36` on its first line.
    let Ok(out) = std::process::Command::new("ldd").arg("--version").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().last());
    let mut parts = version
        .unwrap_or("")
        .split('.')
        .map(|p| p.parse::<u32>().ok());
    matches!((parts.next(), parts.next()), (Some(Some(2)), Some(Some(minor))) if minor >= 36)
}
