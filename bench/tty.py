#!/usr/bin/env python3
"""Terminal benchmark: saualnama against `dialog --form` and `whiptail --inputbox`, in a
pseudo-terminal at 80x24.

Runs each program N times, interleaved (so a noisy machine slows both alike), and prints medians: time
to the first frame (to its last byte: the output then stays quiet for 30 ms; and, as before the
fourteenth pass, to the first sight of a marker, which for dialog and whiptail is a label that comes
early in their frame, a millisecond before its last bytes), bytes written per typed key (a Kazakh string into a text answer, digits into a
count), time and bytes of a resize to 120x40 and back, CPU time and peak RSS of the whole session,
and the CPU time of each step of the session (the program's threads' run time from
/proc/PID/task/*/schedstat, read between the steps), so that the session's total can be told apart
into what each key costs and what the script asks of each program. Standard library only.

    cargo build --release --examples && bench/tty.py [--runs 7] [--items 1000]
"""
import argparse, fcntl, json, os, select, shutil, signal, statistics, struct, subprocess, sys, tempfile, termios, time

TEXT = "Сыбайлас жемқорлық тәуекелі: әіңғүұқөһ"  # 38 characters, the Kazakh letters included
DIGITS = "12345"
QUIET = 0.03  # the output has settled after this long without a byte
# saualnama's way to its text answer (4.14 "Other", by Ctrl-G) and from it to a count (Enter stores the
# text, then Ctrl-G to 1.1 Q6a), whose digits also change the summary.
SAUALNAMA_TO_TEXT = ["\x07", *"4.14", "\r"]
SAUALNAMA_TO_COUNT = ["\r", "\x07", *"1.1.Q6a", "\r"]
KEYS_OF = {"text": len(TEXT), "digits": len(DIGITS)}
KEYS = {}


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


class Tty:
    """A program in a pseudo-terminal of its own, as the session leader."""

    def __init__(self, argv, cwd, env):
        self.master, slave = os.openpty()
        set_size(self.master, 80, 24)
        path = os.ttyname(slave)
        os.close(slave)
        self.t0 = time.perf_counter()
        # posix_spawn, not fork: a forked child would count this Python's memory in its peak RSS.
        # A new session opening the terminal makes it the session's controlling terminal.
        opened = [(os.POSIX_SPAWN_OPEN, fd, path, os.O_RDWR, 0) for fd in (0, 1, 2)]
        self.pid = os.posix_spawn(argv[0], argv, env, file_actions=opened, setsid=True)
        self.cwd = cwd
        self.out = bytearray()

    def read(self, timeout):
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return b""
        self.out += data
        self.last_byte = time.perf_counter()
        return data

    def wait_for(self, marker, limit=10.0):
        """Seconds from the spawn until `marker` appears."""
        end = time.perf_counter() + limit
        while marker.encode() not in self.out:
            if time.perf_counter() > end:
                raise RuntimeError(f"{marker!r} never appeared")
            self.read(0.05)
        return time.perf_counter() - self.t0

    def settle(self):
        """Read until the output has been quiet for QUIET: (bytes, seconds to the last byte)."""
        start = last = time.perf_counter()
        n = 0
        while True:
            data = self.read(QUIET)
            if not data:
                return n, last - start
            n += len(data)
            last = time.perf_counter()

    def key(self, s):
        os.write(self.master, s.encode())
        return self.settle()

    def type(self, text):
        return [self.key(c) for c in text]

    def resize(self, cols, rows):
        set_size(self.master, cols, rows)  # the kernel sends SIGWINCH
        return self.settle()

    def cpu(self):
        """The program's CPU seconds so far, all its threads (the scheduler's own count, in ns)."""
        ns = 0
        for task in os.listdir(f"/proc/{self.pid}/task"):
            try:
                with open(f"/proc/{self.pid}/task/{task}/schedstat") as f:
                    ns += int(f.read().split()[0])
            except (OSError, ValueError, IndexError):
                pass  # a thread that ended between the listing and the read
        return ns / 1e9

    def wait(self, limit=10.0):
        """Wait for the program to end: its own CPU seconds and peak RSS (KiB)."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            self.read(0.01)
            pid, _, ru = os.wait4(self.pid, os.WNOHANG)
            if pid:
                os.close(self.master)
                return ru.ru_utime + ru.ru_stime, ru.ru_maxrss
        os.kill(self.pid, signal.SIGKILL)
        raise RuntimeError("did not exit")


def hwm(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


# The steps of the session whose CPU time is told apart, in order; "quit" is the rest of the total.
STEPS = ["start", "to_text", "text", "to_count", "digits", "resize", "quit"]


def run_one(argv, cwd, env, marker, to_text, to_count, quit_keys):
    t = Tty(argv, cwd, env)
    first = t.wait_for(marker)
    t.settle()
    # The frame is whole at its last byte. saualnama's marker (the key hint row) is its last line;
    # dialog's ("Organisation", the first label) comes before its fields, its other labels and its
    # buttons, which ncurses writes in a second burst about a millisecond later.
    whole = t.last_byte - t.t0
    steps = {}
    last = [0.0]

    def step(name):
        now = t.cpu()
        steps[name] = (now - last[0]) * 1000
        last[0] = now

    step("start")
    for k in to_text:
        t.key(k)
    step("to_text")
    text = t.type(TEXT)
    text_bytes = [b for b, _ in text]
    step("text")
    for k in to_count:
        t.key(k)
    step("to_count")
    digit_bytes = [b for b, _ in t.type(DIGITS)]
    step("digits")
    b1, s1 = t.resize(120, 40)
    b2, s2 = t.resize(80, 24)
    step("resize")
    # The peak RSS of the program itself: the kernel's high-water mark of its memory, read before it
    # quits. (wait4's ru_maxrss would count the spawning Python's memory: it survives exec.)
    rss = hwm(t.pid)
    for k in quit_keys:
        os.write(t.master, k.encode())
        time.sleep(0.05)
    cpu, _ = t.wait()
    steps["quit"] = cpu * 1000 - last[0] * 1000
    return {
        "first_frame_ms": whole * 1000,
        "first_marker_ms": first * 1000,
        "bytes_per_text_key": sum(text_bytes) / len(text_bytes),
        # From the write of a typed letter to the last byte of the answer (median of the letters).
        "key_latency_ms": statistics.median(s for _, s in text) * 1000,
        "bytes_per_digit": sum(digit_bytes) / len(digit_bytes),
        "resize_ms": (s1 + s2) / 2 * 1000,
        "resize_bytes": (b1 + b2) / 2,
        "cpu_ms": cpu * 1000,
        "peak_rss_mb": rss / 1024,
        **{f"cpu_{k}_ms": v for k, v in steps.items()},
        "keys": len(to_text) + len(TEXT) + len(to_count) + len(DIGITS) + len(quit_keys),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--binary", default="target/release/saualnama")
    ap.add_argument("--items", type=int, default=0, help="a report with this many public services instead of the example")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = a.binary if os.path.isabs(a.binary) else os.path.join(root, a.binary)
    if not os.path.exists(binary):
        sys.exit(f"{binary} is missing: cargo build --release --examples")
    dialog = shutil.which("dialog")
    if not dialog:
        print("dialog is not installed (apt-get install dialog): saualnama alone", file=sys.stderr)
    whiptail = shutil.which("whiptail")
    if not whiptail:
        print("whiptail is not installed (apt-get install whiptail): left out", file=sys.stderr)
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    work = tempfile.mkdtemp(prefix="saualnama-tty-")
    if a.items:
        gen = os.path.join(os.path.dirname(binary), "examples", "generate")
        example = subprocess.run([gen, str(a.items)], capture_output=True, check=True).stdout
    else:
        example = open(os.path.join(root, "examples", "zhas-technikter-2017.json"), "rb").read()
    global KEYS
    KEYS = {
        "saualnama": {"to_text": len(SAUALNAMA_TO_TEXT), "text": len(TEXT), "to_count": len(SAUALNAMA_TO_COUNT), "digits": len(DIGITS), "quit": 1},
        "dialog": {"text": len(TEXT), "to_count": 1, "digits": len(DIGITS), "quit": 1},
        "whiptail": {"text": len(TEXT), "digits": len(DIGITS), "quit": 1},
    }
    form = ["--form", "Report", "20", "70", "6"]
    for i, label in enumerate(["Organisation", "Head", "Services", "Refused", "Staff", "Vacancies"]):
        form += [label, str(i + 1), "1", "", str(i + 1), "16", "40", "0"]
    os.chdir(work)
    results = {"saualnama": [], "dialog": [], "whiptail": []}
    for run in range(a.runs):
        report = os.path.join(work, f"r{run}.json")
        open(report, "wb").write(example)
        results["saualnama"].append(run_one(
            [binary, report, "-l", "kk"], work, env, "F1",
            SAUALNAMA_TO_TEXT, SAUALNAMA_TO_COUNT, ["\x11"]))
        if dialog:
            results["dialog"].append(run_one(
                [dialog, *form], work, env, "Organisation", [], ["\x1bOB"], ["\x1b"]))
        if whiptail:
            # One input box: the text and the digits go into the same field.
            results["whiptail"].append(run_one(
                [whiptail, "--inputbox", "Organisation", "10", "70"], work, env, "Organisation",
                [], [], ["\x1b"]))
    shutil.rmtree(work, ignore_errors=True)
    med = {p: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for p, rs in results.items() if rs}
    if a.json:
        print(json.dumps(med, indent=2))
        return
    cols = ["first_frame_ms", "first_marker_ms", "key_latency_ms", "bytes_per_text_key", "bytes_per_digit", "resize_ms", "resize_bytes", "cpu_ms", "peak_rss_mb"]
    what = f"a report with {a.items} public services" if a.items else "the example report"
    print(f"medians of {a.runs} runs, interleaved, 80x24, {what}")
    print("| program | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for p, m in med.items():
        print(f"| {p} | " + " | ".join(f"{m[c]:.2f}" if c == "key_latency_ms" else f"{m[c]:.1f}" for c in cols) + " |")
    # Where the session's CPU goes, step by step: each program's script moves to its text answer
    # and from it to its count in its own way (dialog's form starts in its text field and goes to
    # the next with one key; saualnama's keys go to two questions of two annexes and store the
    # text, which saves the report), so the total alone does not compare a key with a key.
    print(f"\nCPU by step, ms (medians; the keys of each step in brackets)")
    print("| program | " + " | ".join(STEPS) + " | keys in all |")
    print("|---" * (len(STEPS) + 2) + "|")
    for p, m in med.items():
        n = KEYS[p]
        cells = [f"{m['cpu_' + k + '_ms']:.2f}" + (f" ({n[k]})" if n.get(k) else "") for k in STEPS]
        print(f"| {p} | " + " | ".join(cells) + f" | {m['keys']:.0f} |")
    if "dialog" in med:
        s, d = med["saualnama"], med["dialog"]
        print(f"\nfirst frame (to its last byte), saualnama / dialog: {s['first_frame_ms'] / d['first_frame_ms']:.2f}")
        print(f"first sight of the marker, saualnama / dialog: {s['first_marker_ms'] / d['first_marker_ms']:.2f}")
        print(f"CPU for the session, saualnama / dialog: {s['cpu_ms'] / d['cpu_ms']:.2f}")
        for k, what in (("text", "a typed letter"), ("digits", "a typed digit")):
            per = lambda m: m[f"cpu_{k}_ms"] / KEYS_OF[k]
            print(f"CPU for {what}, saualnama / dialog: {per(s) * 1000:.0f} / {per(d) * 1000:.0f} µs ({per(s) / per(d):.2f})")


if __name__ == "__main__":
    main()
