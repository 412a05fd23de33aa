//! The release binary has the code an editing session runs linked as one stretch before the rest
//! (build.rs, src/hot-text.ld, bench/hot-text.py): spread over the whole binary, that code made
//! most of it resident (docs/performance.md). Checked on the binary `cargo build --release` left,
//! which CI builds before the tests.

use crate::common;

struct Section {
    name: String,
    addr: u64,
    offset: usize,
    size: u64,
}

/// The section headers of a 64-bit little-endian ELF file (x86-64, AArch64).
fn sections(elf: &[u8]) -> Vec<Section> {
    let u16_at = |at: usize| u16::from_le_bytes(elf[at..at + 2].try_into().unwrap()) as usize;
    let u32_at = |at: usize| u32::from_le_bytes(elf[at..at + 4].try_into().unwrap()) as usize;
    let u64_at = |at: usize| u64::from_le_bytes(elf[at..at + 8].try_into().unwrap());
    assert_eq!(
        &elf[..6],
        b"\x7fELF\x02\x01",
        "a 64-bit little-endian ELF file"
    );
    let (table, entry, count, names) = (
        u64_at(0x28) as usize,
        u16_at(0x3a),
        u16_at(0x3c),
        u16_at(0x3e),
    );
    let header = |i: usize| table + i * entry;
    let strings = u64_at(header(names) + 24) as usize;
    (0..count)
        .map(|i| {
            let h = header(i);
            let name = &elf[strings + u32_at(h)..];
            let end = name.iter().position(|&b| b == 0).unwrap();
            Section {
                name: String::from_utf8_lossy(&name[..end]).into_owned(),
                addr: u64_at(h + 16),
                offset: u64_at(h + 24) as usize,
                size: u64_at(h + 32),
            }
        })
        .collect()
}

/// The release binary: its path, its bytes and its sections; None (and why, or a failure under
/// CI) when it is not built.
fn release_binary() -> Option<(std::path::PathBuf, Vec<u8>, Vec<Section>)> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| common::root().join("target"));
    let path = target.join("release").join("saualnama");
    let Ok(elf) = std::fs::read(&path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI builds the release binary before the tests (.ci/run)"
        );
        eprintln!(
            "skipped: no release binary at {} (cargo build --release)",
            path.display()
        );
        return None;
    };
    let sections = sections(&elf);
    Some((path, elf, sections))
}

fn find<'a>(sections: &'a [Section], name: &str) -> Option<&'a Section> {
    sections.iter().find(|s| s.name == name)
}

#[test]
fn the_release_binary_has_the_code_a_session_runs_in_one_stretch() {
    let Some((path, _, sections)) = release_binary() else {
        return;
    };
    let find = |name: &str| find(&sections, name);
    let text = find(".text").expect("a .text section");
    let hot = find(".text.hot").unwrap_or_else(|| {
        panic!(
            "{} has no .text.hot section: build.rs or src/hot-text.ld is not in effect \
             (or the binary predates them: cargo build --release)",
            path.display()
        )
    });
    assert!(hot.addr < text.addr, "the session's code comes first");
    // 1.26 MiB when the script was written. Far less means its names no longer match this
    // build's (another mangling, another toolchain's naming): run bench/hot-text.py again.
    assert!(
        hot.size >= 768 * 1024,
        ".text.hot holds {} KiB: src/hot-text.ld has gone stale (bench/hot-text.py)",
        hot.size / 1024
    );
    assert!(hot.size < text.size, "the rest of the code is not in it");
}

/// The C library's minor version where it is glibc 2.x (`ldd --version`), as build.rs reads it.
fn glibc_minor() -> Option<u32> {
    let out = std::process::Command::new("ldd")
        .arg("--version")
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let version = text.lines().next()?.split_whitespace().last()?.to_owned();
    version.strip_prefix("2.")?.parse().ok()
}

#[test]
fn the_release_binary_loads_no_maths_library_and_few_relocations() {
    let Some((path, elf, sections)) = release_binary() else {
        return;
    };
    let find = |name: &str| find(&sections, name);
    // The libraries it needs are named in .dynstr: libm.so's log10 and log2 are its own (main.rs).
    let names = find(".dynstr").expect("a dynamically linked binary");
    let names = &elf[names.offset..names.offset + names.size as usize];
    assert!(
        !names.windows(7).any(|w| w == b"libm.so"),
        "{} needs libm.so",
        path.display()
    );
    assert!(
        names.windows(9).any(|w| w == b"libc.so.6"),
        "the names were read"
    );
    // Packed where the C library reads them (glibc 2.36 on): 5,000 entries of 24 bytes before.
    if glibc_minor().is_some_and(|minor| minor >= 36) {
        assert!(find(".relr.dyn").is_some(), "relocations packed");
        let rela = find(".rela.dyn").map_or(0, |s| s.size);
        assert!(rela < 16 * 1024, ".rela.dyn holds {rela} bytes");
    }
}

#[test]
fn the_maths_library_in_the_binary_counts_digits_exactly() {
    // ratatui-textarea counts a number's digits as log10(n) + 1, truncated: log10 of a power of
    // ten must come out whole, as glibc's does.
    let mut n = 1.0f64;
    for k in 0..=22 {
        assert_eq!(libm::log10(n), k as f64, "log10(1e{k})");
        n *= 10.0;
    }
    assert_eq!(libm::log2(1024.0), 10.0);
}
