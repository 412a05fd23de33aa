//! Snapshots of the main screens at 80x24 and 120x40 in Kazakh and Russian, and the guarantees about
//! drawing: any size, no panic, the summary on the same frame as the key.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use saualnama::i18n::Lang;
use saualnama::store::session_from_str;
use saualnama::tui::app::App;
use saualnama::tui::view::{Theme, view};

/// The moment every test's changes happen at: the example's own stamp, 2017-07-10T09:00:00Z.
fn now() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_499_677_200)
}

fn app(lang: Lang) -> App {
    let (s, q) = session_from_str(
        "example",
        include_str!("../../examples/zhas-technikter-2017.json"),
        crate::common::registry(),
    )
    .unwrap();
    App::new(q, s, lang, "zhas-technikter-2017.json".into(), false)
}

fn press(app: &mut App, code: KeyCode, m: KeyModifiers) {
    app.update(Event::Key(KeyEvent::new(code, m)), now());
}

fn goto(app: &mut App, target: &str) {
    press(app, KeyCode::Char('g'), KeyModifiers::CONTROL);
    for c in target.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(app, KeyCode::Enter, KeyModifiers::NONE);
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view(app, f, &Theme { color: false })).unwrap();
    t
}

fn screen(app: &App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

macro_rules! snap {
    ($name:expr, $app:expr, $w:expr, $h:expr) => {
        insta::assert_snapshot!($name, draw(&$app, $w, $h).backend())
    };
}

#[test]
fn count_question() {
    for (lang, code) in [(Lang::Kk, "kk"), (Lang::Ru, "ru")] {
        let mut a = app(lang);
        goto(&mut a, "1.1.Q3");
        snap!(format!("count_80x24_{code}"), a, 80, 24);
        // The wide layout is the same in both languages: one snapshot carries it.
        if lang == Lang::Kk {
            snap!(format!("count_120x40_{code}"), a, 120, 40);
        }
    }
}

#[test]
fn text_question() {
    for (lang, code) in [(Lang::Kk, "kk"), (Lang::Ru, "ru")] {
        let mut a = app(lang);
        goto(&mut a, "4.13");
        // One language per size: the layouts are the same, the texts are checked elsewhere.
        if lang == Lang::Ru {
            snap!(format!("text_80x24_{code}"), a, 80, 24);
        } else {
            snap!(format!("text_120x40_{code}"), a, 120, 40);
        }
    }
}

#[test]
fn yes_no_question() {
    let mut a = app(Lang::Kk);
    goto(&mut a, "1.1.13");
    snap!("yes_no_80x24_kk", a, 80, 24);
    // In Russian, with «не» typed on its way to «нет»: the choice shows no, the comment is untouched.
    let mut a = app(Lang::Ru);
    goto(&mut a, "1.1.13");
    for c in "не".chars() {
        press(&mut a, KeyCode::Char(c), KeyModifiers::NONE);
    }
    snap!("yes_no_80x24_ru", a, 80, 24);
    let s = screen(&a, 80, 24);
    assert!(s.contains("[ ] да (д)   [x] нет (н)"), "{s}");
    assert!(!s.contains("дальше слова"), "{s}");
    // «нет » waits for what comes next, and says so: the marked no is not the answer yet.
    press(&mut a, KeyCode::Char('т'), KeyModifiers::NONE);
    press(&mut a, KeyCode::Char(' '), KeyModifiers::NONE);
    snap!("yes_no_word_waits_80x24_ru", a, 80, 24);
    let s = screen(&a, 80, 24);
    assert!(s.contains("«нет » — Enter или"), "{s}");
    assert!(
        s.contains("запятая: ответ; дальше слова: комментарий"),
        "{s}"
    );
    // A word after it: a comment, no choice, and the hint is gone.
    press(&mut a, KeyCode::Char('н'), KeyModifiers::NONE);
    let s = screen(&a, 80, 24);
    assert!(s.contains("[ ] да (д)   [ ] нет (н)"), "{s}");
    assert!(!s.contains("дальше слова"), "{s}");
}

#[test]
fn delete_question() {
    for (lang, code) in [(Lang::Kk, "kk"), (Lang::Ru, "ru")] {
        let mut a = app(lang);
        goto(&mut a, "1.2.3");
        press(&mut a, KeyCode::Char('t'), KeyModifiers::CONTROL);
        press(&mut a, KeyCode::Delete, KeyModifiers::NONE);
        if lang == Lang::Ru {
            snap!(format!("delete_80x24_{code}"), a, 80, 24);
        }
    }
}

#[test]
fn a_400_character_item_name_leaves_the_question_in_view() {
    let mut a = app(Lang::Ru);
    goto(&mut a, "1.2");
    let name = "О внесении изменений и дополнений в некоторые приказы Министра образования и науки \
                Республики Казахстан по вопросам оказания государственных услуг в сфере образования, \
                включая порядок приёма документов, сроки их рассмотрения, перечень оснований для \
                отказа, требования к помещениям услугодателя и к квалификации его работников, \
                а также формы отчётности о качестве оказания услуг перед уполномоченным органом";
    assert!(name.chars().count() >= 400, "{}", name.chars().count());
    // Select the stored name and type the new one over it.
    for _ in 0..400 {
        press(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
    }
    a.update(Event::Paste(name.into()), now());
    press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    goto(&mut a, "1.2.13");
    snap!("long_item_name_80x24_ru", a, 80, 24);
    let s = screen(&a, 80, 24);
    assert!(
        s.contains("13 Наличие прямого контакта"),
        "the question is in view:\n{s}"
    );
    assert!(s.contains("да / нет ·"), "the type line is in view:\n{s}");
    assert!(s.contains("[x] да (д)"), "the choice is in view:\n{s}");
    assert!(
        s.contains("…┐"),
        "the name is cut with «…» in the title:\n{s}"
    );
    // On its own stop the name is whole.
    goto(&mut a, "1.2");
    let s = screen(&a, 120, 40);
    assert!(s.contains("Республики"), "{s}");
}

#[test]
fn a_problem_is_shown_at_its_field() {
    let mut a = app(Lang::Ru);
    goto(&mut a, "4.Q2");
    snap!("problem_at_field_80x24_ru", a, 80, 24);
    let s = screen(&a, 80, 24);
    assert!(s.contains("! Фактическая численность (44)"), "{s}");
}

#[test]
fn summary_screen() {
    for (lang, code) in [(Lang::Kk, "kk"), (Lang::Ru, "ru")] {
        let mut a = app(lang);
        goto(&mut a, "4.Q2");
        // On a small screen the summary is a panel of its own (Ctrl-R).
        press(&mut a, KeyCode::Char('r'), KeyModifiers::CONTROL);
        if lang == Lang::Kk {
            snap!(format!("summary_60x20_{code}"), a, 60, 20);
        }
        let a = app(lang);
        if lang == Lang::Ru {
            snap!(format!("summary_120x40_{code}"), a, 120, 40);
        }
    }
}

#[test]
fn help_screen() {
    for (lang, code) in [(Lang::Kk, "kk"), (Lang::Ru, "ru")] {
        let mut a = app(lang);
        press(&mut a, KeyCode::F(1), KeyModifiers::NONE);
        snap!(format!("help_80x24_{code}"), a, 80, 24);
    }
}

#[test]
fn too_small() {
    snap!("too_small_kk", app(Lang::Kk), 30, 8);
    assert!(screen(&app(Lang::Ru), 30, 8).contains("40×12"));
}

/// The number printed after `label` in the summary panel.
fn figure(screen: &str, label: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.contains(&format!("›{label}")))?;
    let rest = &line[line.find(label)? + label.len()..];
    Some(rest.split('│').next()?.trim().to_owned())
}

/// In a new report the summary shows an indicator left empty as «—», and one answered 0 as 0: the
/// two are not the same for the person who signs the report (a newcomer could not tell them apart).
#[test]
fn an_empty_indicator_is_a_dash_in_the_summary_and_a_zero_is_0() {
    let q = crate::common::registry().default_form().clone();
    let s = saualnama::session::Session::new(&q, "2017-07-10T09:00:00Z".into());
    let mut a = App::new(q, s, Lang::Ru, "new.json".into(), false);
    goto(&mut a, "4.Q3");
    let label = "Вакансии";
    assert_eq!(figure(&screen(&a, 80, 24), label).as_deref(), Some("—"));
    press(&mut a, KeyCode::Char('0'), KeyModifiers::NONE);
    assert_eq!(figure(&screen(&a, 80, 24), label).as_deref(), Some("0"));
}

#[test]
fn typing_into_a_count_updates_the_summary_on_the_same_frame() {
    let mut a = app(Lang::En);
    goto(&mut a, "1.1.Q1");
    let label = "Public services rendered (total)";
    assert_eq!(figure(&screen(&a, 80, 24), label).as_deref(), Some("95"));
    press(&mut a, KeyCode::Char('7'), KeyModifiers::NONE);
    let s = screen(&a, 80, 24);
    assert_eq!(
        figure(&s, label).as_deref(),
        Some("9"),
        "7 typed for row 1 + 2 of row 2:\n{s}"
    );
    press(&mut a, KeyCode::Char('0'), KeyModifiers::NONE);
    let s = screen(&a, 80, 24);
    assert_eq!(figure(&s, label).as_deref(), Some("72"), "{s}");
    // The relations follow too: 70 rendered of which 93 via the office is an error.
    assert!(s.contains("Errors:\u{a0}1"), "{s}");
    assert!(
        s.contains("✗ “via the provider’s office” (93) cannot exceed"),
        "{s}"
    );
}

#[test]
fn every_size_draws_without_panic() {
    let mut a = app(Lang::Kk);
    for target in ["1.1.Q1", "1.2.13", "4.13", "2", "5"] {
        goto(&mut a, target);
        for w in [1u16, 2, 10, 39, 40, 41, 60, 71, 72, 79, 80, 109, 110, 200] {
            for h in [1u16, 2, 11, 12, 13, 19, 20, 24, 60] {
                draw(&a, w, h);
            }
        }
    }
    press(&mut a, KeyCode::F(1), KeyModifiers::NONE);
    for (w, h) in [(40, 12), (80, 24), (250, 80)] {
        draw(&a, w, h);
    }
}

#[test]
fn no_information_by_colour_alone() {
    // Answered, empty and problem lines differ by their marker characters.
    let mut a = app(Lang::En);
    goto(&mut a, "4.Q1");
    let s = screen(&a, 120, 40);
    assert!(s.contains("! Q1 Authorised headcount"), "{s}");
    assert!(s.contains("✓ Q3 Vacancies"), "{s}");
    assert!(s.contains("› ! Q1"), "the current line is marked: {s}");
    goto(&mut a, "4.13");
    let s = screen(&a, 120, 40);
    assert!(s.contains("· 14 Other"), "{s}");
}

#[test]
fn findings_view() {
    for (lang, code) in [(Lang::Kk, "kk"), (Lang::Ru, "ru")] {
        let mut a = app(lang);
        press(&mut a, KeyCode::F(5), KeyModifiers::NONE);
        if lang == Lang::Kk {
            snap!(format!("findings_80x24_{code}"), a, 80, 24);
        } else {
            let text = screen(&a, 80, 24);
            assert!(
                text.contains(saualnama::ui_text::Ui::Findings.get(lang)),
                "{text}"
            );
        }
    }
}

#[test]
fn no_colour_means_no_colour() {
    use ratatui::style::Color;
    let mut a = app(Lang::Kk);
    goto(&mut a, "4.Q1");
    let theme = |no_color: Option<&str>| {
        Theme::from_env_with(|v| {
            (v == "NO_COLOR")
                .then_some(no_color)
                .flatten()
                .map(str::to_owned)
        })
    };
    assert!(!theme(Some("1")).color, "NO_COLOR=1");
    assert!(theme(Some("")).color, "an empty NO_COLOR is not set");
    assert!(theme(None).color);
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view(&a, f, &theme(Some("1")))).unwrap();
    let buf = t.backend().buffer();
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
        "with NO_COLOR only bold, reverse and dim are used"
    );
    // With colour, problems are coloured as well as marked.
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| view(&a, f, &Theme { color: true })).unwrap();
    assert!(
        t.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn shares_have_a_decimal_comma_in_russian_and_kazakh() {
    // A no-break space before the sign in Kazakh and Russian.
    for (lang, want) in [
        (Lang::Ru, "1,1\u{a0}%"),
        (Lang::Kk, "1,1\u{a0}%"),
        (Lang::En, "1.1%"),
    ] {
        let mut a = app(lang);
        goto(&mut a, "1.1.Q2");
        press(&mut a, KeyCode::Char('1'), KeyModifiers::NONE);
        let s = screen(&a, 120, 40);
        assert!(s.contains(want), "{lang}: {s}");
    }
}

/// Every binding of the key table is on the help screen, with what it does, in each language.
#[test]
fn the_help_screen_shows_every_binding() {
    for lang in Lang::ALL {
        let mut a = app(lang);
        press(&mut a, KeyCode::F(1), KeyModifiers::NONE);
        // Tall enough for the whole table; the text is wrapped at 200 columns.
        let s = screen(&a, 200, 120);
        for b in saualnama::tui::keys::BINDINGS {
            let label = saualnama::tui::keys::label(b.action, lang);
            let help = saualnama::tui::keys::text(b.help, lang);
            let row = s.lines().find(|l| l.contains(&label) && l.contains(&help));
            assert!(
                row.is_some(),
                "{lang}: {label} — {help} not on the help screen:\n{s}"
            );
        }
    }
}

/// On a screen wide enough for all three panels, Ctrl-W and Ctrl-R (which bring the outline or the
/// summary forward on a small screen) used to leave the cursor hidden until another key.
#[test]
fn the_cursor_stays_in_the_input_after_ctrl_w_or_ctrl_r_on_a_wide_screen() {
    let mut a = app(Lang::Kk);
    goto(&mut a, "1.1.Q3");
    let shown = |t: &Terminal<TestBackend>| format!("{:?}", t.backend()).contains("cursor: true");
    assert!(shown(&draw(&a, 120, 40)), "the cursor in the count's input");
    for c in ['w', 'r'] {
        press(&mut a, KeyCode::Char(c), KeyModifiers::CONTROL);
        assert!(shown(&draw(&a, 120, 40)), "after Ctrl-{c}");
    }
    // On a folded screen the outline takes the question's place, so there is no input to be in.
    press(&mut a, KeyCode::Char('w'), KeyModifiers::CONTROL);
    let folded = draw(&a, 60, 20);
    assert!(!shown(&folded));
    assert!(folded.backend().to_string().contains("1-қосымша"));
}

/// The working group on the screen: who is where in the outline, a part held by a colleague, and a
/// conflict between two colleagues' values, in Russian at 120x40.
#[test]
fn colleagues_held_parts_and_conflicts() {
    let mut a = app(Lang::Ru);
    goto(&mut a, "1.1.К1");
    let id = a.form.session.items("public_services")[1].id.clone();
    a.others = vec![
        ("annex:personnel".into(), "alice".into()),
        (format!("item:public_services:{id}"), "bob".into()),
    ];
    a.held_by = Some(a.held_sentence("carol (с 10:42)"));
    a.form.session.conflicts.push(saualnama::session::Conflict {
        section: Some("public_services".into()),
        item: Some(a.form.session.items("public_services")[0].id.clone()),
        field: Some("services_rendered".into()),
        values: vec![Default::default(), Default::default()],
    });
    snap!("colleagues_120x40_ru", a, 120, 40);
    let s = screen(&a, 120, 40);
    assert!(s.contains("1.2 ◆ bob: Мектепке"), "{s}");
    assert!(s.contains("1 33/48 ◆ bob: Оказание"), "{s}");
    assert!(s.contains("4 31/33 ! ◆ alice: Управление"), "{s}");
    assert!(s.contains("≠ К1"), "{s}");
    assert!(
        s.contains("Эту часть сейчас заполняет carol (с 10:42)"),
        "{s}"
    );
    assert!(
        s.contains("Расхождение: коллеги ввели разные значения"),
        "{s}"
    );
}

/// Quitting after a failed save with a long reason: the box grows to the rows its lines take, so the
/// question's keys stay on the screen (at 120 columns they were cut off after «любая другая
/// клавиша —»).
#[test]
fn the_quit_question_after_a_long_failure_shows_its_keys() {
    use saualnama::tui::saver::SaveError;
    for (w, h) in [(80, 24), (120, 40)] {
        let mut a = app(Lang::Ru);
        a.save_done(
            1,
            1,
            Err(SaveError::io(
                "Permission denied (os error 13) at path \"/srv/rabochaya-gruppa/.zhas-technikter-2017.json.ERZW8J.tmp\"".into(),
            )),
        );
        press(&mut a, KeyCode::Char('q'), KeyModifiers::CONTROL);
        let s = screen(&a, w, h).replace(['│', '"', '\n'], "");
        let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("клавиша — остаться"), "{w}x{h}: {flat}");
    }
}

/// The go-to prompt's help, wider than its frame at 80 columns in Kazakh and Russian, goes on in
/// the frame's lower edge from a comma: every form of a number is there, «0» (the general
/// information, the last) too. Narrower still, what does not fit is cut with «…», not mid-word with
/// nothing to show that more was there (found by newcomers).
#[test]
fn a_prompt_too_long_for_its_frame_goes_on_below_or_says_it_was_cut() {
    for (lang, zero) in [
        (Lang::Kk, "0 — жалпы мәліметтер"),
        (Lang::Ru, "0 — общие сведения"),
    ] {
        let mut app = app(lang);
        press(&mut app, KeyCode::Char('g'), KeyModifiers::CONTROL);
        let s = screen(&app, 80, 24);
        let top = s
            .lines()
            .find(|l| l.contains("1.2.13"))
            .unwrap_or_else(|| panic!("{s}"));
        assert!(!top.contains('…'), "{top}");
        let bottom = s
            .lines()
            .find(|l| l.contains(zero))
            .unwrap_or_else(|| panic!("{s}"));
        assert!(bottom.contains('└') && !bottom.contains('…'), "{bottom}");
        let s = screen(&app, 44, 24);
        assert!(s.lines().any(|l| l.contains('└') && l.contains('…')), "{s}");
    }
}

/// An error is marked `✗` wherever it shows (the outline's stop and annex, the summary, the
/// question), a warning `!`; and where the summary has room for one problem only, it is the error,
/// whatever the order of the form's relations (here two warnings come before it).
#[test]
fn an_error_shows_as_an_error_and_before_the_warnings() {
    let mut a = app(Lang::Ru);
    goto(&mut a, "4.Q1");
    for n in ["10", "12", "11"] {
        press(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
        press(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
        for c in n.chars() {
            press(&mut a, KeyCode::Char(c), KeyModifiers::NONE);
        }
        press(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    }
    goto(&mut a, "4.Q3");
    assert!(a.form.summary.errors() >= 1 && a.form.summary.warnings() >= 2);
    let s = screen(&a, 80, 24);
    let lines: Vec<&str> = s.lines().collect();
    let row = |needle: &str| lines.iter().position(|l| l.contains(needle));
    // The summary's first problem is the error.
    let heading = row("Замечания и ошибки").expect(&s);
    assert!(
        lines[heading + 1].contains("│✗ 4.К3: Число вакансий"),
        "{s}"
    );
    // The outline: the annex and the stop with the error marked as an error, the warnings as
    // warnings.
    assert!(row("│4 31/33 ✗ Управление").is_some(), "{s}");
    assert!(row("│› ✗ К3 Вакансии").is_some(), "{s}");
    assert!(row("│  ! К2 Фактическая").is_some(), "{s}");
    insta::assert_snapshot!("error_before_warnings_80x24_ru", s);
}

/// A header field is one line with no usual answer: its type line offers neither a new line nor
/// Ctrl-O («Ctrl-O — «нет»» was shown for the organisation's name), and keeps the field's own hint.
#[test]
fn a_header_field_offers_no_quick_answer() {
    let mut a = app(Lang::Ru);
    goto(&mut a, "0.1");
    let s = screen(&a, 80, 24);
    assert!(s.contains("Общие сведения"), "{s}");
    assert!(!s.contains("Ctrl-O") && !s.contains("«нет»"), "{s}");
    goto(&mut a, "0.6");
    let s = screen(&a, 80, 24);
    assert!(s.contains("например: 5 января 2026 года"), "{s}");
    assert!(!s.contains("Ctrl-O"), "{s}");
}
