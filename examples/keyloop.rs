//! Type N keys into an answer of a report with ITEMS services, and draw each frame on the editor's
//! screen (its bytes into memory), for profiling:
//! `cargo build --profile bench --example keyloop && perf record -g target/release/examples/keyloop 20000 2`.
//! Arguments: N, ITEMS, the question to type into (default 1.1.14, a text answer), the screen's
//! columns and rows (default 200×60), and `tab` to press Tab and Shift-Tab instead of typing;
//! PREFILL=N pastes about N characters into the answer first.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use saualnama::i18n::Lang;
use saualnama::tui::app::App;
use saualnama::tui::backend::LeanBackend;
use saualnama::tui::overlay::Overlay;
use saualnama::tui::overlay::prompt::{Prompt, Purpose};
use saualnama::tui::screen::Screen;
use saualnama::tui::view::{Theme, draw};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let (n, items) = (number(0, 200), number(1, 1000));
    let target = args.get(2).cloned().unwrap_or_else(|| "1.1.14".into());
    let (cols, rows) = (number(3, 200) as u16, number(4, 60) as u16);
    let tab = args.get(5).map(String::as_str) == Some("tab");
    let (s, q) = if items == 2 {
        saualnama::sample::example()
    } else {
        saualnama::sample::with_public_services(items)
    };
    let mut app = App::new(q, s, Lang::Kk, "r.json".into(), false);
    app.overlay = Some(Overlay::Prompt(Prompt {
        purpose: Purpose::GoTo,
        text: target,
    }));
    let key = |app: &mut App, code| {
        app.update(
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            std::time::SystemTime::now(),
        )
    };
    key(&mut app, KeyCode::Enter);
    // Words in the answer first: most letters are typed into a text that has some.
    for c in "Сыбайлас жемқорлық ".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    // A long answer, pasted (PREFILL: characters, about): the cost of a key in a paragraph.
    if let Some(n) = std::env::var("PREFILL")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        let words = "мерзімдер сақталмаған жағдайлар анықталды ";
        let text = words.repeat(n / words.chars().count() + 1);
        app.update(Event::Paste(text), std::time::SystemTime::now());
    }
    let mut b = LeanBackend::new(Vec::new());
    b.assume_size(cols, rows);
    let mut screen = Screen::new(b);
    let theme = Theme { color: false };
    // A pause between keys (milliseconds, KEY_PAUSE_MS), as a person's: the CPU time a key then
    // takes, with the caches gone cold, is what the process spends in a terminal.
    let pause = std::env::var("KEY_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(std::time::Duration::from_millis);
    let cpu = || {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid clock and a valid place for its reading.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    };
    let mut busy = std::time::Duration::ZERO;
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for i in 0..n {
        if let Some(p) = pause {
            std::thread::sleep(p);
        }
        let before = cpu();
        let code = match (tab, i % 2 == 0) {
            (true, true) => KeyCode::Tab,
            (true, false) => KeyCode::BackTab,
            (false, true) => KeyCode::Char('ә'),
            (false, false) => KeyCode::Backspace,
        };
        key(&mut app, code);
        screen.draw(|c| draw(&app, c, &theme)).unwrap();
        bytes += screen.backend_mut().out_mut().len();
        screen.backend_mut().out_mut().clear();
        busy += cpu() - before;
    }
    eprintln!(
        "{:?} of CPU and {} bytes per key ({:?} in all)",
        busy / n.max(1) as u32,
        bytes / n.max(1),
        start.elapsed()
    );
}
