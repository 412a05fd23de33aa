//! In-process benchmarks: loading, one keystroke end to end (update + summary + view into a
//! TestBackend), and one autosave — on the example and on a report with 1,000 public services.
//! `cargo bench`; the figures and how to read them are in docs/performance.md.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use saualnama::i18n::Lang;
use saualnama::questionnaire::{BUNDLED, Registry, parse_questionnaire};
use saualnama::sample;
use saualnama::store::{save_session, session_from_str};
use saualnama::tui::app::App;
use saualnama::tui::overlay::Overlay;
use saualnama::tui::overlay::prompt::{Prompt, Purpose};
use saualnama::tui::view::{Theme, view};

fn main() {
    divan::main();
}

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];
const ITEMS: [usize; 2] = [2, 1000];

fn session_text(items: usize) -> String {
    if items == 2 {
        sample::EXAMPLE.to_owned()
    } else {
        sample::with_public_services(items).0.to_json_pretty()
    }
}

#[divan::bench]
fn load_bundled_form() -> saualnama::questionnaire::Questionnaire {
    parse_questionnaire("bundled", BUNDLED[0].1).unwrap()
}

#[divan::bench(args = ITEMS)]
fn load_session(bencher: divan::Bencher, items: usize) {
    let text = session_text(items);
    let reg = Registry::bundled();
    bencher.bench(|| session_from_str("s", &text, &reg).unwrap());
}

fn key(code: KeyCode, m: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, m))
}

/// An app on a report with `items` services, standing on annex 1, item 1, `target`, and a terminal.
fn setup(items: usize, size: (u16, u16), target: &str) -> (App, Terminal<TestBackend>) {
    let (s, q) = if items == 2 {
        sample::example()
    } else {
        sample::with_public_services(items)
    };
    let mut app = App::new(q, s, Lang::Kk, "bench.json".into(), false);
    app.update(
        key(KeyCode::Char('g'), KeyModifiers::CONTROL),
        std::time::SystemTime::now(),
    );
    for c in target.chars() {
        app.update(
            key(KeyCode::Char(c), KeyModifiers::NONE),
            std::time::SystemTime::now(),
        );
    }
    app.update(
        key(KeyCode::Enter, KeyModifiers::NONE),
        std::time::SystemTime::now(),
    );
    let mut t = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    t.draw(|f| view(&app, f, &Theme { color: false })).unwrap();
    (app, t)
}

fn keystroke(
    bencher: divan::Bencher,
    items: usize,
    size: (u16, u16),
    target: &str,
    events: &[Event],
) {
    let (mut app, mut t) = setup(items, size, target);
    let theme = Theme { color: false };
    let mut i = 0;
    bencher.bench_local(|| {
        app.update(
            events[i % events.len()].clone(),
            std::time::SystemTime::now(),
        );
        i += 1;
        t.draw(|f| view(&app, f, &theme)).unwrap();
    });
}

#[divan::bench(args = ITEMS, consts = [0, 1])]
fn typed_letter<const SIZE: usize>(bencher: divan::Bencher, items: usize) {
    // Type, then delete, so the text does not grow without end.
    let ev = [
        key(KeyCode::Char('ә'), KeyModifiers::NONE),
        key(KeyCode::Backspace, KeyModifiers::NONE),
    ];
    keystroke(bencher, items, SIZES[SIZE], "1.1.14", &ev);
}

#[divan::bench(args = ITEMS, consts = [0, 1])]
fn typed_digit_in_count<const SIZE: usize>(bencher: divan::Bencher, items: usize) {
    let ev = [
        key(KeyCode::Char('7'), KeyModifiers::NONE),
        key(KeyCode::Backspace, KeyModifiers::NONE),
    ];
    keystroke(bencher, items, SIZES[SIZE], "1.1.Q1", &ev);
}

#[divan::bench(args = ITEMS, consts = [0, 1])]
fn tab<const SIZE: usize>(bencher: divan::Bencher, items: usize) {
    let ev = [
        key(KeyCode::Tab, KeyModifiers::NONE),
        key(KeyCode::BackTab, KeyModifiers::NONE),
    ];
    keystroke(bencher, items, SIZES[SIZE], "1.1.Q1", &ev);
}

#[divan::bench(args = ITEMS, consts = [0, 1])]
fn jump_across_the_form<const SIZE: usize>(bencher: divan::Bencher, items: usize) {
    // Ctrl-G with the number typed, then Enter: from annex 1 to annex 4 and back.
    let (mut app, mut t) = setup(items, SIZES[SIZE], "1.1.Q1");
    let theme = Theme { color: false };
    let targets = ["4.13", "1.1.Q1"];
    let mut i = 0;
    bencher.bench_local(|| {
        app.overlay = Some(Overlay::Prompt(Prompt {
            purpose: Purpose::GoTo,
            text: targets[i % 2].to_owned(),
        }));
        app.update(
            key(KeyCode::Enter, KeyModifiers::NONE),
            std::time::SystemTime::now(),
        );
        i += 1;
        t.draw(|f| view(&app, f, &theme)).unwrap();
    });
}

#[divan::bench(args = ITEMS, consts = [false, true])]
fn autosave<const FSYNC: bool>(bencher: divan::Bencher, items: usize) {
    let (s, _) = if items == 2 {
        sample::example()
    } else {
        sample::with_public_services(items)
    };
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.json");
    bencher.bench_local(|| save_session(&f, &s, FSYNC).unwrap());
}

/// A typed letter while the writer thread saves the 1,000-item report over and over, as autosave
/// does: the key must stay well under a frame (16 ms).
#[divan::bench(consts = [1])]
fn typed_letter_while_saving<const SIZE: usize>(bencher: divan::Bencher) {
    let (s, _) = sample::with_public_services(1000);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.json");
    let mut saver = saualnama::tui::saver::Saver::start(f, None);
    let ev = [
        key(KeyCode::Char('ә'), KeyModifiers::NONE),
        key(KeyCode::Backspace, KeyModifiers::NONE),
    ];
    let (mut app, mut t) = setup(1000, SIZES[SIZE], "1.1.14");
    let theme = Theme { color: false };
    let mut i = 0;
    bencher.bench_local(|| {
        if saver.poll().len() + usize::from(i == 0) > 0 || i % 8 == 0 {
            saver.submit(s.clone(), false, Vec::new(), "2026-01-01T00:00:00Z".into());
        }
        app.update(ev[i % 2].clone(), std::time::SystemTime::now());
        i += 1;
        t.draw(|f| view(&app, f, &theme)).unwrap();
    });
    saver.finish();
}
