//! The layers point one way, checked on the source: every module's references to other modules of
//! the crate (`crate::a::b`, `super::x`, `use` lists) make a graph, and it has no circle. The model is
//! a crate of its own, so that it cannot name the terminal, the disk or the command line at all; this
//! check keeps the modules within each crate in order too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each `.rs` file under `root` as a module path ("tui::app", "tui::view" for `tui/view/mod.rs`).
fn modules(root: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(root).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|l| l == "mod") {
                    parts.pop();
                }
                let name = parts.join("::");
                if name != "lib" && name != "main" {
                    out.insert(name, p);
                }
            }
        }
    }
    out
}

/// The longest known module that `path` (a::b::c, from the crate root) starts with.
fn owner<'a>(path: &[&str], known: &'a BTreeMap<String, PathBuf>) -> Option<&'a String> {
    (1..=path.len())
        .rev()
        .find_map(|n| known.get_key_value(&path[..n].join("::")).map(|(k, _)| k))
}

/// The code of a file without comments, strings, and its `#[cfg(test)]` module (tests may reach
/// anywhere).
fn code(src: &str) -> String {
    let src = match src.find("#[cfg(test)]\nmod tests") {
        Some(i) => &src[..i],
        None => src,
    };
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if !escaped && c == '"' {
                        break;
                    }
                    escaped = !escaped && c == '\\';
                }
                out.push_str("\"\"");
            }
            c => out.push(c),
        }
    }
    out
}

/// Every module path named in `code`, relative to the crate root, as `from` sees it.
fn references(code: &str, from: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let word = |c: char| {
        c.is_alphanumeric()
            || c == '_'
            || c == ':'
            || c == '{'
            || c == '}'
            || c == ','
            || c == ' '
            || c == '\n'
            || c == '*'
    };
    for start in ["crate::", "super::", "self::"] {
        let mut rest = code;
        while let Some(i) = rest.find(start) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i..];
            let end = rest
                .find(|c: char| !word(c) || c == ';')
                .unwrap_or(rest.len());
            let text = &rest[..end];
            rest = &rest[start.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            // A use list: `crate::a::{b, c::d}` names a::b and a::c::d.
            let (base, list) = match text.find('{') {
                Some(b) => (&text[..b], Some(&text[b + 1..])),
                None => (text, None),
            };
            let base: Vec<&str> = base
                .trim()
                .trim_end_matches("::")
                .split("::")
                .map(str::trim)
                .collect();
            let mut heads = vec![];
            match list {
                Some(l) => {
                    for item in l.split([',', '}']) {
                        let item = item.trim();
                        if item.is_empty() {
                            continue;
                        }
                        let mut p: Vec<String> = base.iter().map(|s| s.to_string()).collect();
                        p.extend(item.split("::").map(|s| s.trim().to_owned()));
                        heads.push(p);
                    }
                }
                None => heads.push(base.iter().map(|s| s.to_string()).collect()),
            }
            for mut p in heads {
                // Resolve `super` and `self` against `from`.
                let mut at: Vec<String> = from.split("::").map(str::to_owned).collect();
                let first = p.remove(0);
                match first.as_str() {
                    "crate" => at.clear(),
                    "self" => {}
                    "super" => {
                        at.pop();
                        while p.first().is_some_and(|s| s == "super") {
                            p.remove(0);
                            at.pop();
                        }
                    }
                    _ => {}
                }
                at.extend(p);
                found.push(at);
            }
        }
    }
    found
}

/// The circles (strongly connected parts of more than one module) of a graph.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: order by finish time, then walk the reversed graph.
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        seen: &mut BTreeSet<String>,
        out: &mut Vec<String>,
    ) {
        if !seen.insert(n.to_owned()) {
            return;
        }
        for m in g.get(n).into_iter().flatten() {
            visit(m, g, seen, out);
        }
        out.push(n.to_owned());
    }
    for n in graph.keys() {
        visit(n, graph, &mut seen, &mut order);
    }
    let mut rev: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, bs) in graph {
        for b in bs {
            rev.entry(b.clone()).or_default().insert(a.clone());
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for n in order.iter().rev() {
        let mut part = Vec::new();
        visit(n, &rev, &mut seen, &mut part);
        if part.len() > 1 {
            part.sort();
            out.push(part);
        }
    }
    out
}

fn graph_of(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let known = modules(root);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, file) in &known {
        let src = code(&std::fs::read_to_string(file).unwrap());
        let edges = graph.entry(name.clone()).or_default();
        for r in references(&src, name) {
            let parts: Vec<&str> = r.iter().map(String::as_str).collect();
            if let Some(to) = owner(&parts, &known)
                // A module's own children are its parts, not a layer it leans on.
                && to != name
                && !to.starts_with(&format!("{name}::"))
                && !name.starts_with(&format!("{to}::"))
            {
                edges.insert(to.clone());
            }
        }
    }
    graph
}

#[test]
fn no_module_leans_on_one_that_leans_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for src in [root.join("src"), root.join("crates/model/src")] {
        let g = graph_of(&src);
        assert!(g.len() > 10, "{}: {} modules read", src.display(), g.len());
        assert_eq!(circles(&g), Vec::<Vec<String>>::new(), "{}", src.display());
    }
}

#[test]
fn the_check_finds_a_circle_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("tui")).unwrap();
    std::fs::write(dir.path().join("a.rs"), "use crate::b::X;\n").unwrap();
    std::fs::write(
        dir.path().join("b.rs"),
        "pub fn f() { crate::tui::app::g() }\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("tui/mod.rs"), "pub mod app;\n").unwrap();
    std::fs::write(
        dir.path().join("tui/app.rs"),
        "use super::super::a::{Y, Z};\n// crate::b in a comment is no reference\n",
    )
    .unwrap();
    let g = graph_of(dir.path());
    assert_eq!(
        circles(&g),
        vec![vec!["a".to_owned(), "b".to_owned(), "tui::app".to_owned()]]
    );
}

#[test]
/// serde, its formats (JSON; postcard for the bundled form, without its `std` part) and a UTF-8
/// check: nothing that reads a file, the clock or the terminal.
fn the_model_crate_depends_on_serde_and_its_formats_only() {
    let toml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/model/Cargo.toml"),
    )
    .unwrap();
    let deps = toml
        .split("[dependencies]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    let names: Vec<&str> = deps
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('=').next().unwrap().trim())
        .collect();
    assert_eq!(
        names,
        [
            "postcard",
            "serde",
            "serde_json",
            "serde_path_to_error",
            "simdutf8"
        ]
    );
    assert!(deps.contains(
        r#"postcard = { version = "1.2.0", default-features = false, features = ["alloc"] }"#
    ));
}
