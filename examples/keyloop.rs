//! Type N keys into a text answer of a report with ITEMS services and draw each frame, for profiling:
//! `cargo build --release --example keyloop && valgrind --tool=callgrind target/release/examples/keyloop 200 1000`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use saualnama::i18n::Lang;
use saualnama::tui::app::App;
use saualnama::tui::overlay::Overlay;
use saualnama::tui::overlay::prompt::{Prompt, Purpose};
use saualnama::tui::view::{Theme, view};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let items: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let target = args.next().unwrap_or_else(|| "1.1.14".into());
    let (s, q) = saualnama::sample::with_public_services(items);
    let mut app = App::new(q, s, Lang::Kk, "r.json".into(), false);
    app.overlay = Some(Overlay::Prompt(Prompt {
        purpose: Purpose::GoTo,
        text: target,
    }));
    app.update(
        Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        std::time::SystemTime::now(),
    );
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let theme = Theme { color: false };
    let start = std::time::Instant::now();
    for i in 0..n {
        let code = if i % 2 == 0 {
            KeyCode::Char('7')
        } else {
            KeyCode::Backspace
        };
        app.update(
            Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            std::time::SystemTime::now(),
        );
        t.draw(|f| view(&app, f, &theme)).unwrap();
    }
    eprintln!("{:?} per key", start.elapsed() / n as u32);
}
