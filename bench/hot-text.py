#!/usr/bin/env python3
"""Writes src/hot-text.ld: the functions an editing session runs, to be linked as one stretch.

Builds the editor with its symbols, runs it under valgrind's callgrind in a pseudo-terminal through a
session in each of the three languages (a text typed and corrected, a count, moves, the help, the
summary, undo, a resize, quit), and lists every function that ran, with the other names the compiler
gave the same code. Each name becomes a pattern with the crates' hashes left out, so the script goes
on matching when the compiler, a dependency or this code changes; what it no longer matches is laid
out as by default. Run it again when the editor's code has changed much (docs/performance.md says how
to measure what it gives).

    bench/hot-text.py            # needs valgrind and nm (binutils); takes a few minutes
"""
import collections, importlib.util, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("tty", os.path.join(ROOT, "bench", "tty.py"))
tty = importlib.util.module_from_spec(spec)
spec.loader.exec_module(tty)
tty.QUIET = 0.6  # under valgrind a frame takes a good part of a second

DOWN, UP, PGDN, PGUP, F1, ESC, BS = "\x1bOB", "\x1bOA", "\x1b[6~", "\x1b[5~", "\x1bOP", "\x1b", "\x7f"


def session(binary, lang, out, work):
    report = os.path.join(work, f"{lang}.json")
    shutil.copy(os.path.join(ROOT, "examples", "zhas-technikter-2017.json"), report)
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    argv = ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out}",
            binary, report, "-l", lang]
    argv[0] = shutil.which("valgrind")
    t = tty.Tty(argv, work, env)
    t.wait_for("F1", limit=60)
    t.settle()
    keys = ["\x07", *"4.14", "\r", *tty.TEXT, BS, BS, *"ұқ", "\r",
            "\x07", *"1.1.Q6a", "\r", *tty.DIGITS, BS, "\t", "\t", DOWN, DOWN, UP, PGDN, PGUP,
            F1, ESC, "\x12", ESC, "\x1a"]
    for k in keys:
        t.key(k)
    t.resize(120, 40)
    t.resize(80, 24)
    os.write(t.master, b"\x11")
    t.wait(limit=60)


def executed(path):
    names, ran = {}, set()
    for line in open(path, errors="replace"):
        m = re.match(r"^(c?fn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
        if m:
            kind, i, name = m.groups()
            if name:
                names[i] = name
            if kind == "fn":
                ran.add(i)
    return {names[i] for i in ran if i in names}


def pattern(symbol):
    # A crate's hash (`Cs<base62>_`) keeps its length, so that back-references (offsets into the
    # name) stay right; a ThinLTO suffix (`.llvm.<n>`) changes with every build.
    p = re.sub(r"\.llvm\.\d+$", "", symbol)
    p = re.sub(r"Cs([0-9A-Za-z]+)_", lambda m: "Cs" + "?" * len(m.group(1)) + "_", p)
    return p + "*"


def main():
    target = os.path.join(ROOT, "target", "hot-text")
    # The release profile as it is, its symbols kept by a flag to the last link only: a profile
    # changed (`strip`) changes every crate's hash in the names, and a hash one character shorter
    # (one crate in twenty) shifts the offsets in the rest of the name, so that the script's
    # patterns missed that crate's code in the release binary (0.3–0.7 MB more resident).
    subprocess.run(["cargo", "rustc", "--release", "--bin", "saualnama", "--target-dir", target,
                    "--", "-C", "strip=none"], cwd=ROOT, check=True)
    binary = os.path.join(target, "release", "saualnama")
    work = tempfile.mkdtemp(prefix="saualnama-hot-")
    ran = set()
    for lang in ["kk", "ru", "en"]:
        out = os.path.join(work, f"callgrind.{lang}")
        session(binary, lang, out, work)
        ran |= executed(out)
    shutil.rmtree(work, ignore_errors=True)
    # Code the compiler found identical has several names at one address, and the section is
    # named after only one of them: take them all.
    by_addr, size, hot = collections.defaultdict(list), {}, set()
    nm = subprocess.run(["nm", "-S", "--defined-only", binary], capture_output=True, text=True, check=True)
    for line in nm.stdout.splitlines():
        f = line.split()
        if len(f) != 4 or f[2] not in "tTwW":
            continue
        addr = int(f[0], 16)
        by_addr[addr].append(f[3])
        size[addr] = int(f[1], 16)
        if f[3] in ran:
            hot.add(addr)
    patterns = list(dict.fromkeys(pattern(n) for a in sorted(hot) for n in by_addr[a]))
    total = sum(size[a] for a in hot)
    with open(os.path.join(ROOT, "src", "hot-text.ld"), "w") as f:
        f.write("/* The functions an editing session runs, linked as one stretch before the rest of the\n"
                "   code (build.rs). Written by bench/hot-text.py: do not edit by hand.\n"
                f"   {len(hot)} functions, {total // 1024} KiB when written. */\n")
        f.write("SECTIONS {\n  .text.hot : {\n")
        for p in patterns:
            # LLVM puts a function it takes for rarely run (#[cold]) in `.text.unlikely.`.
            f.write(f"    *(.text.{p} .text.unlikely.{p})\n")
        f.write("  }\n} INSERT BEFORE .text;\n")
    print(f"src/hot-text.ld: {len(hot)} functions, {total // 1024} KiB, {len(patterns)} patterns")


if __name__ == "__main__":
    sys.exit(main())
