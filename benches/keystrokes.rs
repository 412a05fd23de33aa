//! In-process benchmarks: loading, one keystroke end to end (update + summary + the frame drawn on
//! the editor's screen and its bytes made, into memory), and one autosave — on the example and on a
//! report with 1,000 public services.
//! `cargo bench`; the figures and how to read them are in docs/performance.md.

use ratatui::Terminal;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use saualnama::i18n::Lang;
use saualnama::questionnaire::{Registry, parse_questionnaire};
use saualnama::sample;
use saualnama::store::{save_session, session_from_str};
use saualnama::tui::app::App;
use saualnama::tui::backend::LeanBackend;
use saualnama::tui::overlay::Overlay;
use saualnama::tui::overlay::prompt::{Prompt, Purpose};
use saualnama::tui::screen::Screen;
use saualnama::tui::view::{Theme, draw, view};

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

/// The bundled form, as every start reads it (compiled in, in postcard's encoding).
#[divan::bench]
fn load_bundled_form() -> Registry {
    Registry::bundled()
}

/// The same form read from its JSON, as a form from a file is (with the checks).
#[divan::bench]
fn load_form_from_json() -> saualnama::questionnaire::Questionnaire {
    let text = include_str!("../questionnaires/corruption-risk-internal-analysis.json");
    parse_questionnaire("bundled", text).unwrap()
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

/// The editor's screen at `size`, its bytes going to memory (emptied after every frame).
fn screen(size: (u16, u16)) -> Screen<Vec<u8>> {
    let mut b = LeanBackend::new(Vec::new());
    b.assume_size(size.0, size.1);
    Screen::new(b)
}

fn frame(app: &App, s: &mut Screen<Vec<u8>>) {
    s.draw(|c| draw(app, c, &Theme { color: false })).unwrap();
    s.backend_mut().out_mut().clear();
}

/// An app on a report with `items` services, standing on annex 1, item 1, `target`, and a screen.
fn setup(items: usize, size: (u16, u16), target: &str) -> (App, Screen<Vec<u8>>) {
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
    let mut s = screen(size);
    frame(&app, &mut s);
    (app, s)
}

fn keystroke(
    bencher: divan::Bencher,
    items: usize,
    size: (u16, u16),
    target: &str,
    events: &[Event],
) {
    keystroke_after(bencher, items, size, target, "", events);
}

/// `keystroke`, with `typed` typed first (into the answer).
fn keystroke_after(
    bencher: divan::Bencher,
    items: usize,
    size: (u16, u16),
    target: &str,
    typed: &str,
    events: &[Event],
) {
    let (mut app, mut s) = setup(items, size, target);
    for c in typed.chars() {
        app.update(
            key(KeyCode::Char(c), KeyModifiers::NONE),
            std::time::SystemTime::now(),
        );
    }
    frame(&app, &mut s);
    let mut i = 0;
    bencher.bench_local(|| {
        app.update(
            events[i % events.len()].clone(),
            std::time::SystemTime::now(),
        );
        i += 1;
        frame(&app, &mut s);
    });
}

/// The same typed letter drawn as the editor drew it before its own screen: ratatui's `Terminal`
/// (the whole frame blanked, drawn and compared), over the same backend into memory.
#[divan::bench(args = ITEMS, consts = [0, 1])]
fn typed_letter_through_ratatui_terminal<const SIZE: usize>(bencher: divan::Bencher, items: usize) {
    let (mut app, _) = setup(items, SIZES[SIZE], "1.1.14");
    for c in SENTENCE.chars() {
        app.update(
            key(KeyCode::Char(c), KeyModifiers::NONE),
            std::time::SystemTime::now(),
        );
    }
    let mut b = LeanBackend::new(Vec::new());
    b.assume_size(SIZES[SIZE].0, SIZES[SIZE].1);
    let mut t = Terminal::new(b).unwrap();
    let theme = Theme { color: false };
    let ev = sentence_letter();
    let mut i = 0;
    bencher.bench_local(|| {
        app.update(ev[i % 2].clone(), std::time::SystemTime::now());
        i += 1;
        t.draw(|f| view(&app, f, &theme)).unwrap();
        t.backend_mut().out_mut().clear();
    });
}

/// A letter typed into an answer with words in it (what most keys are), then Backspace, so that the
/// text does not grow without end.
#[divan::bench(args = ITEMS, consts = [0, 1])]
fn typed_letter<const SIZE: usize>(bencher: divan::Bencher, items: usize) {
    keystroke_after(
        bencher,
        items,
        SIZES[SIZE],
        "1.1.14",
        SENTENCE,
        &sentence_letter(),
    );
}

/// A letter typed at the end of a long answer, then Backspace, on the example: a paragraph of 780
/// characters, as the qualitative answers of a real report are, and one of 3,120. The cost of a key
/// grows with the answer: ratatui-textarea wraps all of its text again at every edit.
#[divan::bench(args = [5, 20], consts = [0, 1])]
fn typed_letter_in_paragraph<const SIZE: usize>(bencher: divan::Bencher, paragraphs: usize) {
    keystroke_after(
        bencher,
        2,
        SIZES[SIZE],
        "1.1.14",
        &PARAGRAPH.repeat(paragraphs),
        &sentence_letter(),
    );
}

const PARAGRAPH: &str = "Мемлекеттік көрсетілетін қызметті алушыдан құжаттарды қабылдау кезінде \
    қызметкердің дискрециялық өкілеттігі анықталды, мерзімдер сақталмаған жағдайлар бар. ";

const SENTENCE: &str = "Сыбайлас жемқорлық ";

fn sentence_letter() -> [Event; 2] {
    [
        key(KeyCode::Char('ә'), KeyModifiers::NONE),
        key(KeyCode::Backspace, KeyModifiers::NONE),
    ]
}

/// The first letter of an empty answer, then Backspace: each of them changes whether the question
/// is answered, so the outline and the summary change with it.
#[divan::bench(args = ITEMS, consts = [0, 1])]
fn typed_first_letter<const SIZE: usize>(bencher: divan::Bencher, items: usize) {
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
    let (mut app, mut s) = setup(items, SIZES[SIZE], "1.1.Q1");
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
        frame(&app, &mut s);
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
    let (mut app, mut screen) = setup(1000, SIZES[SIZE], "1.1.14");
    let mut i = 0;
    bencher.bench_local(|| {
        if saver.poll().len() + usize::from(i == 0) > 0 || i % 8 == 0 {
            saver.submit(s.clone(), false, Vec::new(), "2026-01-01T00:00:00Z".into());
        }
        app.update(ev[i % 2].clone(), std::time::SystemTime::now());
        i += 1;
        frame(&app, &mut screen);
    });
    saver.finish();
}
