//! The lean terminal backend against ratatui's own idea of the screen: random frames drawn through
//! it (only the changed cells, as ratatui sends them) into bytes, fed to the `vt100` terminal
//! emulator, must leave on that screen exactly the buffer ratatui holds — every character, colour
//! and attribute — however many frames came before. The backend skips moves and styles it believes
//! are in force; this is what shows the belief is never wrong.

use proptest::prelude::*;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use saualnama::tui::backend::LeanBackend;

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![
        Just(Color::Reset),
        Just(Color::Red),
        Just(Color::Cyan),
        Just(Color::Yellow),
        Just(Color::LightBlue),
        (0u8..=255).prop_map(Color::Indexed),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

fn style() -> impl Strategy<Value = Style> {
    (color(), color(), 0u16..16).prop_map(|(fg, bg, m)| {
        let mut modifier = Modifier::empty();
        for (bit, flag) in [
            (1, Modifier::BOLD),
            (2, Modifier::ITALIC),
            (4, Modifier::UNDERLINED),
            (8, Modifier::REVERSED),
        ] {
            if m & bit != 0 {
                modifier |= flag;
            }
        }
        Style::new().fg(fg).bg(bg).add_modifier(modifier)
    })
}

/// One frame: strings at places, Kazakh letters, box lines and marks among them. Not characters two
/// columns wide: one written over half of another makes a terminal blank the other half, and
/// ratatui's diff (with any backend) does not always send that cell again — a ratatui matter, and
/// not one this editor's texts meet.
fn frame(w: u16, h: u16) -> impl Strategy<Value = Vec<(u16, u16, String, Style)>> {
    prop::collection::vec(
        (0..w, 0..h, "[a-zәіңғүұқөһ ─│┌✓·…«» ]{0,12}", style()),
        0..8,
    )
}

fn vt_color(c: Color) -> vt100::Color {
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Black => vt100::Color::Idx(0),
        Color::Red => vt100::Color::Idx(1),
        Color::Green => vt100::Color::Idx(2),
        Color::Yellow => vt100::Color::Idx(3),
        Color::Blue => vt100::Color::Idx(4),
        Color::Magenta => vt100::Color::Idx(5),
        Color::Cyan => vt100::Color::Idx(6),
        Color::Gray => vt100::Color::Idx(7),
        Color::DarkGray => vt100::Color::Idx(8),
        Color::LightRed => vt100::Color::Idx(9),
        Color::LightGreen => vt100::Color::Idx(10),
        Color::LightYellow => vt100::Color::Idx(11),
        Color::LightBlue => vt100::Color::Idx(12),
        Color::LightMagenta => vt100::Color::Idx(13),
        Color::LightCyan => vt100::Color::Idx(14),
        Color::White => vt100::Color::Idx(15),
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// Where the emulator's screen differs from the buffer, if anywhere.
fn difference(screen: &vt100::Screen, buf: &Buffer) -> Option<String> {
    let area = buf.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let want = &buf[(x, y)];
            let got = screen.cell(y, x)?;
            // A cell never written and a written blank look alike on a screen.
            let blank = |s: &str| {
                if s.is_empty() {
                    " ".to_owned()
                } else {
                    s.to_owned()
                }
            };
            let same = blank(got.contents()) == blank(want.symbol())
                && got.fgcolor() == vt_color(want.fg)
                && got.bgcolor() == vt_color(want.bg)
                && got.bold() == want.modifier.contains(Modifier::BOLD)
                && got.italic() == want.modifier.contains(Modifier::ITALIC)
                && got.underline() == want.modifier.contains(Modifier::UNDERLINED)
                && got.inverse() == want.modifier.contains(Modifier::REVERSED);
            if !same {
                return Some(format!(
                    "({x},{y}): screen {:?} {:?}/{:?}, buffer {:?} {:?}/{:?} {:?}",
                    got.contents(),
                    got.fgcolor(),
                    got.bgcolor(),
                    want.symbol(),
                    want.fg,
                    want.bg,
                    want.modifier
                ));
            }
            x += unicode_width::UnicodeWidthStr::width(want.symbol()).max(1) as u16;
        }
    }
    None
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn what_the_backend_sends_is_what_ratatui_holds(
        (w, h, frames) in (4u16..30, 1u16..8).prop_flat_map(|(w, h)| {
            (Just(w), Just(h), prop::collection::vec(frame(w, h), 1..6))
        })
    ) {
        let area = Rect::new(0, 0, w, h);
        let mut backend = LeanBackend::new(Vec::new());
        backend.assume_width(w);
        let mut vt = vt100::Parser::new(h, w, 0);
        let mut shown = Buffer::empty(area);
        backend.clear().unwrap();
        for spans in frames {
            let mut next = Buffer::empty(area);
            for (x, y, text, style) in spans {
                next.set_string(x, y, text, style);
            }
            backend.draw(shown.diff(&next).into_iter()).unwrap();
            backend.flush().unwrap();
            vt.process(&std::mem::take(backend.out_mut()));
            prop_assert_eq!(difference(vt.screen(), &next), None);
            shown = next;
        }
    }
}

/// The editor's screen keeps each frame for the next and leaves a panel that did not change as it
/// was. Random key sequences (letters, digits, Enter, Tab, Ctrl-G jumps and the prompt left open,
/// help and the answer's history opened and shut, resizes, F2/F4 panels, a colleague's move and a
/// colleague's save, with a conflict or without, texts pasted that wrap and scroll, runs of
/// Backspace) are drawn on it and, apart, afresh on a blank buffer with the panel cache off: the
/// bytes the screen sends, read by a terminal emulator, must show every frame drawn afresh, cell for
/// cell, with the cursor where it belongs — a stale cell anywhere would show.
mod kept_screen {
    use super::difference;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;
    use saualnama::i18n::Lang;
    use saualnama::session::{Rival, Slot};
    use saualnama::tui::app::App;
    use saualnama::tui::backend::LeanBackend;
    use saualnama::tui::screen::{Canvas, Screen};
    use saualnama::tui::view::{Theme, draw};
    use saualnama::tui::widgets::set_panel_cache;

    #[derive(Clone, Debug)]
    enum Step {
        Key(KeyCode, KeyModifiers),
        GoTo(&'static str),
        Size(u16, u16),
        Colleague(bool),
        Paste(&'static str),
        Backspaces(usize),
        /// A colleague's save taken in: a count of annex 4 changed, or (true) a value of theirs
        /// that meets this editor's, kept beside it as a conflict.
        Saved(u64, bool),
        /// A colleague's save of the text answer 4.14.
        SavedText(&'static str),
    }

    fn step() -> impl Strategy<Value = Step> {
        let k = |c| Step::Key(c, KeyModifiers::NONE);
        prop_oneof![
            4 => prop::sample::select(vec!['а', 'ә', 'x', '1', '7', ' ', 'д', 'н'])
                .prop_map(move |c| k(KeyCode::Char(c))),
            2 => prop::sample::select(vec![
                KeyCode::Enter, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace,
                KeyCode::Esc, KeyCode::F(2), KeyCode::F(4), KeyCode::Down, KeyCode::Up,
                KeyCode::F(1), KeyCode::F(6),
            ]).prop_map(k),
            1 => Just(Step::Key(KeyCode::Char('g'), KeyModifiers::CONTROL)),
            1 => prop::sample::select(vec!["4.Q3", "1.2.Q1", "1.1", "4.5", "5", "1.1.Q14"])
                .prop_map(Step::GoTo),
            1 => prop::sample::select(vec![(80u16, 24u16), (120, 40), (200, 60), (72, 20), (60, 14), (30, 8)])
                .prop_map(|(w, h)| Step::Size(w, h)),
            1 => any::<bool>().prop_map(Step::Colleague),
            // Texts that wrap, take many lines and scroll, and then shrink again.
            1 => prop::sample::select(vec![
                "Жемқорлық тәуекелдері анықталған жоқ, бірақ мерзімдер бұзылған жағдайлар бар. ",
                "первое\nвторое\nтретье\nчетвёртое\nпятое\nшестое\nседьмое\nвосьмое\n",
                "ұзақ сөз ұзақ сөз ұзақ сөз ұзақ сөз ұзақ сөз ұзақ сөз ұзақ сөз ұзақ сөз ұзақ сөз ",
            ]).prop_map(Step::Paste),
            1 => (1usize..40).prop_map(Step::Backspaces),
            1 => (0u64..60, any::<bool>()).prop_map(|(n, both)| Step::Saved(n, both)),
        ]
    }

    fn app() -> App {
        let (s, q) = saualnama::sample::example();
        App::new(q, s, Lang::Ru, "r.json".into(), false)
    }

    fn apply(a: &mut App, s: &Step) {
        let at = std::time::UNIX_EPOCH;
        let key = |a: &mut App, c, m| a.update(Event::Key(KeyEvent::new(c, m)), at);
        match s {
            Step::Key(c, m) => key(a, *c, *m),
            Step::GoTo(t) => {
                key(a, KeyCode::Char('g'), KeyModifiers::CONTROL);
                for c in t.chars() {
                    key(a, KeyCode::Char(c), KeyModifiers::NONE);
                }
                key(a, KeyCode::Enter, KeyModifiers::NONE);
            }
            Step::Colleague(on) => {
                a.others = if *on {
                    vec![("annex:personnel".into(), "alice".into())]
                } else {
                    Vec::new()
                };
            }
            Step::Paste(t) => a.update(Event::Paste((*t).to_owned()), at),
            Step::Backspaces(n) => {
                for _ in 0..*n {
                    key(a, KeyCode::Backspace, KeyModifiers::NONE);
                }
            }
            Step::Saved(n, both) => {
                let slot = Slot::Answer {
                    section: "personnel".into(),
                    item: None,
                    field: "vacancies".into(),
                };
                let mut disk = a.form.session.clone();
                if *both {
                    disk.keep_both(
                        &slot,
                        Rival {
                            user: Some("alice".into()),
                            time: None,
                            value: Some((*n).into()),
                        },
                    );
                } else {
                    disk.set(&slot, Some((*n).into()));
                }
                a.rebase(disk);
            }
            Step::SavedText(text) => {
                let slot = Slot::Answer {
                    section: "personnel".into(),
                    item: None,
                    field: "other".into(),
                };
                let mut disk = a.form.session.clone();
                disk.set(&slot, Some((*text).into()));
                a.rebase(disk);
            }
            Step::Size(..) => {}
        }
    }

    /// Each step on both editors, a frame on the kept screen and one drawn afresh: the first
    /// difference, if any, with the step it came after. The last screen's text, as the emulator
    /// shows it.
    fn run(steps: &[Step]) -> Result<String, String> {
        let (mut kept, mut fresh) = (app(), app());
        let (mut w, mut h) = (120u16, 40u16);
        let mut backend = LeanBackend::new(Vec::new());
        backend.assume_size(w, h);
        let mut screen = Screen::new(backend);
        let mut vt = vt100::Parser::new(h, w, 0);
        let theme = Theme { color: true };
        for s in steps {
            apply(&mut kept, s);
            apply(&mut fresh, s);
            if let Step::Size(nw, nh) = *s {
                (w, h) = (nw, nh);
                screen.backend_mut().assume_size(w, h);
                vt.screen_mut().set_size(h, w);
            }
            set_panel_cache(true);
            screen.draw(|c| draw(&kept, c, &theme)).unwrap();
            vt.process(&std::mem::take(screen.backend_mut().out_mut()));
            set_panel_cache(false);
            let mut want = Buffer::empty(Rect::new(0, 0, w, h));
            let mut c = Canvas::fresh(&mut want);
            draw(&fresh, &mut c, &theme);
            let cursor = c.cursor();
            set_panel_cache(true);
            if screen.buffer() != want {
                return Err(format!("the buffers differ after {s:?}"));
            }
            if let Some(d) = difference(vt.screen(), &want) {
                return Err(format!("the screen differs after {s:?}: {d}"));
            }
            let (row, col) = vt.screen().cursor_position();
            let shown = (!vt.screen().hide_cursor()).then_some((col, row));
            if shown != cursor.map(|p| (p.x, p.y)) {
                return Err(format!(
                    "the cursor is at {shown:?}, not {cursor:?}, after {s:?}"
                ));
            }
        }
        Ok(vt.screen().contents())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]
        #[test]
        fn the_kept_screen_shows_what_drawing_afresh_draws(steps in prop::collection::vec(step(), 1..40)) {
            if let Err(e) = run(&steps) {
                prop_assert!(false, "{}", e);
            }
        }
    }

    /// A value typed over one a colleague saved meanwhile is kept beside theirs, not through the
    /// form's changes: the conflict's mark comes into the outline on the kept screen too.
    #[test]
    fn a_conflict_made_by_typing_shows_on_the_kept_screen() {
        let count = [
            Step::GoTo("4.Q3"),
            Step::Key(KeyCode::Char('7'), KeyModifiers::NONE),
            Step::Saved(5, false),
            Step::Key(KeyCode::Enter, KeyModifiers::NONE),
        ];
        let screen = run(&count).unwrap();
        assert!(screen.contains("≠ К3 Вакансии"), "{screen}");
        let text = [
            Step::GoTo("4.14"),
            Step::Key(KeyCode::Char('x'), KeyModifiers::NONE),
            Step::SavedText("жалоб не было"),
            Step::Key(KeyCode::Enter, KeyModifiers::NONE),
            Step::Key(KeyCode::BackTab, KeyModifiers::NONE),
        ];
        let screen = run(&text).unwrap();
        assert!(screen.contains("≠ 14"), "{screen}");
    }
}
