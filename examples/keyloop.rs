//! Type N keys into an answer of a report with ITEMS services, and draw each frame on the editor's
//! screen (its bytes into memory), for profiling:
//! `cargo build --profile bench --example keyloop && perf record -g target/release/examples/keyloop 20000 2`.
//! Arguments: N, ITEMS, the question to type into (default 1.1.14, a text answer), the screen's
//! columns and rows (default 200×60), and `tab` to press Tab and Shift-Tab instead of typing.

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
    let mut b = LeanBackend::new(Vec::new());
    b.assume_size(cols, rows);
    let mut screen = Screen::new(b);
    let theme = Theme { color: false };
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for i in 0..n {
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
    }
    eprintln!(
        "{:?} and {} bytes per key",
        start.elapsed() / n as u32,
        bytes / n.max(1)
    );
}
