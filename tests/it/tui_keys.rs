//! The editor driven through `update`, key by key, as a user would.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use saualnama::i18n::Lang;
use saualnama::session::Session;
use saualnama::store::session_from_str;
use saualnama::tui::app::App;
use saualnama::tui::overlay::Overlay;
use saualnama::tui::overlay::confirm::Confirm;
use saualnama::tui::overlay::prompt::{Prompt, Purpose};
use serde_json::Value;

/// The moment every test's changes happen at: the example's own stamp, 2017-07-10T09:00:00Z.
fn now() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_499_677_200)
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

struct Keys<'a>(&'a mut App);

impl Keys<'_> {
    fn typ(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            self.0.update(key(KeyCode::Char(c)), now());
        }
        self
    }
    fn enter(&mut self) -> &mut Self {
        self.0.update(key(KeyCode::Enter), now());
        self
    }
    /// Type an answer and commit it.
    fn answer(&mut self, s: &str) -> &mut Self {
        self.typ(s).enter()
    }
    fn tab(&mut self, n: usize) -> &mut Self {
        for _ in 0..n {
            self.0.update(key(KeyCode::Tab), now());
        }
        self
    }
    /// The one-key commonest answer, `n` times.
    fn none(&mut self, n: usize) -> &mut Self {
        for _ in 0..n {
            self.0.update(ctrl('o'), now());
        }
        self
    }
    fn ctrl(&mut self, c: char) -> &mut Self {
        self.0.update(ctrl(c), now());
        self
    }
}

fn new_app(lang: Lang) -> App {
    let q = crate::common::registry().default_form().clone();
    let s = Session::new(&q, "2017-07-10T09:00:00Z".into());
    App::new(q, s, lang, "report.json".into(), false)
}

fn example_text() -> &'static str {
    include_str!("../../examples/zhas-technikter-2017.json")
}

/// The example's notes on its own transcription are not typed in the editor.
fn without_notes(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("transcription_notes");
    crate::common::without_ids(v)
}

const REFUSAL_NORM: &str = "Құжаттар пакеті Стандартқа сай келмеген жағдайда мемлекеттік қызмет көрсетуден бас тарту негіздері туралы норма қарастырылған.";
const CONTACT: &str =
    "Өйткені қызмет көрсетілетін қызметті берушінің кеңсесі арқылы іске асырылады.";
const INFO: &str =
    "100%, екі тілде интернет-ресурс, сенім телефоны және т.б. көрсетілген стенд бар.";

#[test]
fn typing_the_seed_gives_the_example() {
    let mut app = new_app(Lang::Kk);
    let mut k = Keys(&mut app);
    // Header.
    k.answer("Өскемен қаласы әкімдігінің «Жас техниктер станциясы» КМҚК")
        .answer("Директор Е.К. Жаркембаев")
        .answer("2017-01")
        .answer("2017-06")
        .tab(2); // the working group's order: not in the seed
    // Annex 1, service 1.
    k.enter().answer("Балаларға қосымша білім беру үшін құжаттар қабылдау және қосымша білім беру ұйымдарына қабылдау");
    k.answer("93").none(1).answer("93").none(2).tab(4);
    k.answer("жоқ")
        .answer("мерзімдер бұзылған жоқ")
        .answer("келіп түскен жоқ")
        .none(2); // Q1–Q5
    k.none(1).tab(1).none(1); // Q6 no, Q7 blank, Q8 no
    // Q9 yes, a space, then the comment; Q10 no, Q11 blank, Q12 no.
    k.typ("и ").answer(REFUSAL_NORM).none(1).tab(1).none(1);
    k.typ("иә, ").answer(CONTACT).answer(INFO); // Q13 yes as a Kazakh word, Q14
    // Service 2: what the seed kept of it.
    k.enter().answer(
        "Мектепке дейінгі тәрбие мен оқыту, бастауыш, негізгі орта, жалпы орта, техникалық және кәсіптік, орта білімнен кейінгі білім беру бағдарламаларын іске асыратын білім беру ұйымдарының педагог қызметкерлері мен оларға теңестірілген тұлғаларға біліктілік санаттарын беру (растау) үшін оларды аттестаттаудан өткізуге құжаттар қабылдау",
    );
    k.answer("2").tab(1).answer("2").none(6).tab(8);
    k.typ("и ")
        .answer(REFUSAL_NORM)
        .none(3)
        .typ("да, ")
        .answer(CONTACT)
        .answer(INFO);
    // No permitting or control functions: move past annexes 2 and 3.
    k.tab(3);
    // Annex 4.
    k.answer("42")
        .answer("44")
        .none(1)
        .answer("4")
        .none(6)
        .answer("2")
        .none(8);
    k.answer("Қызметкерлер атқаратын лауазымына қойылатын біліктілік талаптарына сай.");
    // The seed wrote «жоқ» into the text answers: typed as such, it stays the seed's word.
    // 4.3: the seed's «жоқ» may mean no or nothing to report; left unanswered (see the example's
    // transcription_notes).
    k.answer("жоқ")
        .tab(1)
        .typ("и ")
        .answer("Қызметкерлердің біліктілігін арттыру жоспарына сәйкес сақталды.");
    k.answer("Жұмыс күнінің басында жұмыс орнында дәлелді себепсіз болмау (кешігу) фактілері анықталған.");
    k.answer("жоқ").none(5).answer("жоқ");
    k.answer("Жасырын сауалнаманың қорытындысы өңделеді, талданады және негізделген басқару шешімдерін қабылдауға әсер етеді.");

    let got = without_notes(serde_json::to_value(&app.form.session).unwrap());
    let want = without_notes(serde_json::from_str(example_text()).unwrap());
    assert_eq!(
        got,
        want,
        "got:\n{}",
        serde_json::to_string_pretty(&got).unwrap()
    );
    assert!(app.needs_save(), "a committed answer asks for a save");
}

fn example_app(lang: Lang) -> App {
    let (s, q) = session_from_str("example", example_text(), crate::common::registry()).unwrap();
    App::new(q, s, lang, "zhas-technikter-2017.json".into(), false)
}

/// Where the cursor is, by place (its item's id is checked where it matters).
fn where_is(app: &App) -> String {
    let mut c = app.form.session.cursor.clone();
    if let Some(c) = c.as_mut() {
        c.id = None;
    }
    serde_json::to_string(&c).unwrap()
}

#[test]
fn resumes_where_the_user_stopped() {
    let app = example_app(Lang::Kk);
    assert_eq!(where_is(&app), r#"{"section":"personnel","field":"other"}"#);
}

#[test]
fn counts_take_digits_only_and_say_why() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.Q1").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"staff_planned"}"#
    );
    Keys(&mut app).typ("x");
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.contains("Только цифры"), "{msg}");
    // A typed digit replaces the stored number and is in the summary at once, before Enter.
    Keys(&mut app).typ("7");
    assert_eq!(app.form.summary.totals["personnel.staff_planned"], 7);
    Keys(&mut app).typ("3");
    assert_eq!(app.form.summary.totals["personnel.staff_planned"], 73);
    assert_eq!(
        app.form.session.count("personnel", None, "staff_planned"),
        Some(42),
        "not committed yet"
    );
    // A count is at most 12 digits. More are kept as typed and said at every key, and Enter
    // stores nothing: a refused digit went unseen, and Enter stored the number cut short.
    Keys(&mut app).0.update(key(KeyCode::Esc), now());
    Keys(&mut app).typ(&"9".repeat(23));
    assert_eq!(app.editor.raw_text(), "9".repeat(23));
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.contains("велико"), "{msg}");
    Keys(&mut app).enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"staff_planned"}"#
    );
    assert_eq!(
        app.form.session.count("personnel", None, "staff_planned"),
        Some(42)
    );
    for _ in 0..11 {
        app.update(key(KeyCode::Backspace), now());
    }
    Keys(&mut app).enter();
    assert_eq!(
        app.form.session.count("personnel", None, "staff_planned"),
        Some(999_999_999_999)
    );
    Keys(&mut app).ctrl('g').typ("4.Q1").enter();
    Keys(&mut app).typ("5");
    Keys(&mut app).0.update(key(KeyCode::Esc), now());
    assert_eq!(
        app.editor.raw_text(),
        "999999999999",
        "Esc goes back to the stored answer"
    );
}

#[test]
fn goto_by_number_and_by_item() {
    let mut app = example_app(Lang::En);
    Keys(&mut app).ctrl('g').typ("1.2.13").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"public_services","item":1,"field":"direct_contact_with_recipient"}"#
    );
    // `1.2` is the second service, as the outline labels it.
    Keys(&mut app).ctrl('g').typ("1.2").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"public_services","item":1}"#,
        "1.2 is item 2"
    );
    Keys(&mut app).ctrl('g').typ("1.Q3").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"public_services","item":1,"field":"via_provider_office"}"#,
        "a question number without an item stays in the item"
    );
    Keys(&mut app).ctrl('g').typ("1.9").enter();
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.contains("there is no item 9 yet (items: 2)"), "{msg}");
    Keys(&mut app).ctrl('g').typ("3.1.13").enter();
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.contains("there is no item 1 yet (items: 0)"), "{msg}");
    Keys(&mut app).ctrl('g').typ("4.99").enter();
    assert!(app.message.as_ref().unwrap().0.contains("No such question"));
    Keys(&mut app).ctrl('g').typ("4").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"staff_planned"}"#
    );
}

/// A number the form does not have leaves the prompt open with it, to be mended (a newcomer had to
/// press Ctrl-G and type it again whole); Ctrl-G there starts afresh, Esc closes.
#[test]
fn a_refused_number_stays_in_the_prompt_to_be_mended() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.99").enter();
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .0
            .contains("Нет такого вопроса")
    );
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(p.text, "4.99");
    for _ in 0..2 {
        app.update(key(KeyCode::Backspace), now());
    }
    Keys(&mut app).typ("3").enter();
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"commissions_duly_approved"}"#
    );
    Keys(&mut app)
        .ctrl('g')
        .typ("9")
        .enter()
        .ctrl('g')
        .typ("4.4")
        .enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"training_observed"}"#
    );
    Keys(&mut app).ctrl('g').typ("77").enter();
    assert!(app.overlay.is_some());
    app.update(key(KeyCode::Esc), now());
    assert!(app.overlay.is_none());
}

#[test]
fn next_unanswered_next_problem_and_search() {
    let mut app = example_app(Lang::En);
    // The report was left on 4.14, itself unanswered: the first Ctrl-U says so and stays.
    Keys(&mut app).ctrl('u');
    assert_eq!(where_is(&app), r#"{"section":"personnel","field":"other"}"#);
    assert!(app.message.as_ref().unwrap().0.contains("unanswered"));
    Keys(&mut app).ctrl('u');
    assert_eq!(
        where_is(&app),
        r#"{"field":"wg_order_number"}"#,
        "the first unanswered after 4.14, wrapping round: the working group's order"
    );
    Keys(&mut app).ctrl('u').ctrl('u');
    assert_eq!(
        where_is(&app),
        r#"{"section":"public_services","item":0,"field":"complaints_staff"}"#,
        "then the first blank of annex 1"
    );
    Keys(&mut app).ctrl('e');
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"staff_planned"}"#
    );
    Keys(&mut app).ctrl('e');
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"staff_actual"}"#
    );
    Keys(&mut app).ctrl('f').typ("anonymous").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"anonymous_survey"}"#
    );
    // A Kazakh search from an English screen finds the same.
    Keys(&mut app).ctrl('f');
    for _ in 0.."anonymous".len() {
        app.update(key(KeyCode::Backspace), now());
    }
    Keys(&mut app).typ("ротация").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"rotations"}"#
    );
}

#[test]
fn items_are_added_renamed_moved_and_deleted_with_a_question() {
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('g').typ("1.1.Q1").enter();
    Keys(&mut app).ctrl('a').answer("Үшінші қызмет");
    assert_eq!(app.form.session.item_count("public_services"), 3);
    // Move it up, to the second place.
    Keys(&mut app).ctrl('g').typ("1.3").enter();
    Keys(&mut app).ctrl('t');
    app.update(key(KeyCode::Up), now());
    app.update(key(KeyCode::Esc), now());
    assert_eq!(
        app.form.session.item_name("public_services", 1),
        Some("Үшінші қызмет")
    );
    // Delete asks first; n keeps it.
    Keys(&mut app).ctrl('t');
    app.update(key(KeyCode::Delete), now());
    Keys(&mut app).typ("n");
    assert_eq!(app.form.session.item_count("public_services"), 3);
    Keys(&mut app).ctrl('t');
    app.update(key(KeyCode::Delete), now());
    Keys(&mut app).typ("и");
    assert_eq!(app.form.session.item_count("public_services"), 2);
    assert_eq!(
        app.form
            .session
            .item_name("public_services", 1)
            .map(|n| n.starts_with("Мектепке")),
        Some(true)
    );
}

#[test]
fn yes_no_on_both_layouts_and_paste() {
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('g').typ("1.1.7").enter();
    // «т» (the N key of a Cyrillic layout), then → to the comment: a lone letter and a space would
    // read as the start of a sentence.
    Keys(&mut app).typ("т");
    app.update(key(KeyCode::Right), now());
    Keys(&mut app).typ("коллизия табылмады").enter();
    let a = app
        .form
        .session
        .answers("public_services", Some(0))
        .unwrap()["legal_conflicts_unregulated"]
        .clone();
    assert_eq!(
        a,
        serde_json::json!({"yes": false, "comment": "коллизия табылмады"})
    );
    // A multi-line paste stays whole in a text answer; a paste into a count is refused if not digits.
    Keys(&mut app).ctrl('g').typ("1.2.2").enter();
    app.update(Event::Paste("бірінші жол\r\nекінші жол".into()), now());
    Keys(&mut app).enter();
    let a = app
        .form
        .session
        .answers("public_services", Some(1))
        .unwrap()["deadline_violation_reasons"]
        .clone();
    assert_eq!(a, "бірінші жол\nекінші жол");
    Keys(&mut app).ctrl('g').typ("1.1.Q6a").enter();
    app.update(Event::Paste("12 шт".into()), now());
    assert!(app.message.is_some());
    assert_eq!(app.editor.raw_text(), "");
}

#[test]
fn language_switches_everything() {
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('l');
    assert_eq!(app.form.lang, Lang::Ru);
    assert!(
        app.form.summary.problems[0]
            .message
            .contains("Фактическая численность")
    );
    // The interface's language; the report's own (its documents') stays the one it was started in.
    assert_eq!(app.form.session.language, Some(Lang::Kk));
}

#[test]
fn quit_keeps_an_unfinished_answer_as_a_draft() {
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).typ("жартылай жазылған");
    Keys(&mut app).ctrl('q');
    assert!(app.quit());
    // Text answers commit on quit.
    assert_eq!(
        app.form.session.answers("personnel", None).unwrap()["other"],
        "жартылай жазылған"
    );
    // An invalid value stays a draft instead of being lost.
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('g').typ("4.Q1").enter();
    app.update(key(KeyCode::Backspace), now());
    app.update(key(KeyCode::Backspace), now());
    Keys(&mut app).typ("4");
    app.update(Event::Paste("5".into()), now());
    Keys(&mut app).ctrl('g').typ("1.1.4").enter();
    // Typing into a stored number replaces it, as in a spreadsheet cell.
    Keys(&mut app).typ("150").ctrl('q');
    assert_eq!(
        app.form.session.cursor.as_ref().unwrap().draft.as_deref(),
        Some("150")
    );
    let reopened = App::new(
        app.form.q.clone(),
        app.form.session.clone(),
        Lang::Kk,
        "x".into(),
        false,
    );
    assert_eq!(
        reopened.editor.raw_text(),
        "150",
        "the draft comes back on reopening"
    );
}

/// A yes/no question of the example (1.1.7, legal conflicts) in `lang`, unanswered.
fn on_yes_no(lang: Lang) -> App {
    let mut app = example_app(lang);
    Keys(&mut app).ctrl('g').typ("1.1.7").enter();
    assert_eq!(app.kind(), Some(saualnama::questionnaire::FieldType::YesNo));
    app
}

fn yes_no_at(app: &App, item: usize, field: &str) -> Option<Value> {
    app.form
        .session
        .answers("public_services", Some(item))
        .unwrap()
        .get(field)
        .cloned()
}

#[test]
fn yes_and_no_typed_as_words_or_letters_mean_what_they_say_in_every_language() {
    let cases: &[(&str, bool)] = &[
        ("нет", false),
        ("Нет", false),
        ("НЕТ", false),
        ("т", false),
        ("жоқ", false),
        ("Жоқ", false),
        ("жок", false),
        ("ж", false),
        ("no", false),
        ("n", false),
        ("да", true),
        ("Да", true),
        ("д", true),
        ("иә", true),
        ("Иә", true),
        ("ия", true),
        ("yes", true),
    ];
    for lang in Lang::ALL {
        // The Y key's letter, as the interface reads it: «н» is нет, `y` is yes.
        let y_key = if lang == Lang::En {
            ("Y", true)
        } else {
            ("Н", false)
        };
        for (typed, yes) in cases.iter().chain([&y_key]) {
            let mut app = on_yes_no(lang);
            Keys(&mut app).answer(typed);
            assert_eq!(
                yes_no_at(&app, 0, "legal_conflicts_unregulated"),
                Some(serde_json::json!({ "yes": yes })),
                "{typed:?} in {lang}: no letter may leak into the comment"
            );
        }
    }
}

/// Each key of the keyboard types a Latin letter on one layout and a Cyrillic one on the other, and a
/// user who forgot to switch presses the key they mean. For no key, in no interface language, may the
/// two letters answer a yes/no question one yes and the other no; and on the delete question a key
/// deletes only if the interface's own letter on it (Cyrillic in kk/ru, Latin in en) does.
#[test]
fn no_key_of_the_keyboard_means_yes_in_one_layout_and_no_in_the_other() {
    // ЙЦУКЕН over QWERTY, and the Kazakh layout's letters on the digit row.
    let latin = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.234567890-=";
    let cyrillic = "ёйцукенгшщзхъфывапролджэячсмитьбюәіңғ,.үұқөһ";
    let pairs: Vec<(char, char)> = latin.chars().zip(cyrillic.chars()).collect();
    assert_eq!(pairs.len(), latin.chars().count());
    assert_eq!(pairs.len(), cyrillic.chars().count());
    let answer = |lang: Lang, c: char| {
        let mut app = on_yes_no(lang);
        Keys(&mut app).answer(&c.to_string());
        yes_no_at(&app, 0, "legal_conflicts_unregulated").map(|v| v["yes"] == true)
    };
    let deletes = |lang: Lang, c: char| {
        let mut app = example_app(lang);
        Keys(&mut app).ctrl('g').typ("1.2").enter().ctrl('t');
        app.update(key(KeyCode::Delete), now());
        Keys(&mut app).typ(&c.to_string());
        app.form.session.item_count("public_services") == 1
    };
    for lang in Lang::ALL {
        for &(l, c) in &pairs {
            for (l, c) in [
                (l, c),
                (l.to_ascii_uppercase(), c.to_uppercase().next().unwrap()),
            ] {
                let (a, b) = (answer(lang, l), answer(lang, c));
                assert!(
                    !matches!((a, b), (Some(x), Some(y)) if x != y),
                    "{lang}: the key of {l}/{c} answers {a:?} and {b:?}"
                );
            }
            let (own, other) = if lang == Lang::En { (l, c) } else { (c, l) };
            if deletes(lang, other) {
                assert!(
                    deletes(lang, own),
                    "{lang}: {other} deletes, but the reader's {own} on the same key does not"
                );
            }
        }
        // The Y key itself: the interface's reading answers, the other layout's letter is told.
        let (reads, slip, yes) = match lang {
            Lang::En => ('y', 'н', true),
            _ => ('н', 'y', false),
        };
        assert_eq!(answer(lang, reads), Some(yes), "{lang}");
        let mut app = on_yes_no(lang);
        Keys(&mut app).answer(&slip.to_string());
        assert_eq!(yes_no_at(&app, 0, "legal_conflicts_unregulated"), None);
        let told = app
            .message
            .as_ref()
            .map(|m| m.0.clone())
            .unwrap_or_default();
        assert!(told.contains(&format!("«{slip}»")), "{lang}: {told}");
        assert_eq!(
            app.editor.raw_text(),
            "",
            "{lang}: the slip is not a comment"
        );
    }
}

/// After the Y key pressed on the other layout the user goes on: the whole word, a switch of the
/// layout and the right letter, or Backspace. None of it leaves the slip behind in the answer.
#[test]
fn a_slip_of_the_layout_on_the_choice_is_mended_by_going_on() {
    for (typed, want) in [
        ("yes", Some(serde_json::json!({"yes": true}))),
        ("yн", Some(serde_json::json!({"yes": false}))),
        ("yд", Some(serde_json::json!({"yes": true}))),
        ("y\u{8}н", Some(serde_json::json!({"yes": false}))),
        ("y, всё так", None),
    ] {
        let mut app = on_yes_no(Lang::Ru);
        for c in typed.replace("\\u{8}", "\u{8}").chars() {
            let k = if c == '\u{8}' {
                KeyCode::Backspace
            } else {
                KeyCode::Char(c)
            };
            app.update(key(k), now());
        }
        Keys(&mut app).enter();
        assert_eq!(
            yes_no_at(&app, 0, "legal_conflicts_unregulated"),
            want,
            "{typed:?}"
        );
    }
    // A slip left on the choice does not let the user leave with nothing said.
    let mut app = on_yes_no(Lang::Kk);
    let here = app.form.current;
    Keys(&mut app).typ("y").tab(1);
    assert_eq!(app.form.current, here, "{:?}", app.message);
    assert_eq!(yes_no_at(&app, 0, "legal_conflicts_unregulated"), None);
}

/// The space after «нет,» does not begin the comment: what the input shows is what is saved.
#[test]
fn a_comment_shows_no_leading_space() {
    for (lang, typed, comment) in [
        (
            Lang::Ru,
            "нет, нарушений не выявлено",
            "нарушений не выявлено",
        ),
        (Lang::Kk, "жоқ,  анықталған жоқ", "анықталған жоқ"),
        (Lang::Ru, "д  есть", "есть"),
    ] {
        let mut app = on_yes_no(lang);
        Keys(&mut app).typ(typed);
        assert_eq!(app.editor.raw_text(), comment, "{lang:?} {typed}");
    }
}

/// A slip and then a comma or a space is the start of what the user writes: it is kept in the
/// comment as typed, the letter, the comma and the space too, and answers nothing (the English
/// interface read «н, всё по Стандарту» typed on a Russian layout as the comment «нвсё по
/// Стандарту»).
#[test]
fn a_slip_and_a_comma_keep_the_text_as_typed_and_answer_nothing() {
    for (lang, typed) in [
        (Lang::En, "н, всё по Стандарту"),
        (Lang::En, "н всё по Стандарту"),
        (Lang::Ru, "y, all as the Standard says"),
        (Lang::Kk, "y, барлығы Стандарт бойынша"),
    ] {
        let mut app = on_yes_no(lang);
        Keys(&mut app).typ(typed);
        assert!(app.editor.on_comment, "{lang:?} {typed}");
        assert_eq!(app.editor.raw_text(), typed, "{lang:?}");
        Keys(&mut app).enter();
        assert_eq!(
            yes_no_at(&app, 0, "legal_conflicts_unregulated"),
            None,
            "{lang:?} {typed}"
        );
    }
}

/// A whole word typed on the delete question answers it with its first letter; the rest of the word
/// and its Enter are not typed into the name of the item the user lands on (a newcomer's «нет»
/// kept the service and renamed another «…қабылдаует»).
#[test]
fn a_word_typed_on_the_delete_question_renames_nothing() {
    for (lang, word, deleted) in [
        (Lang::Ru, "да", true),
        (Lang::Ru, "нет", false),
        (Lang::Kk, "иә", true),
        (Lang::Kk, "жоқ", false),
        (Lang::En, "yes", true),
        (Lang::En, "no", false),
    ] {
        let mut app = example_app(lang);
        let names = |a: &App| {
            (0..a.form.session.item_count("public_services"))
                .map(|i| {
                    a.form
                        .session
                        .item_name("public_services", i)
                        .unwrap()
                        .to_owned()
                })
                .collect::<Vec<_>>()
        };
        let before = names(&app);
        Keys(&mut app).ctrl('g').typ("1.2").enter().ctrl('t');
        app.update(key(KeyCode::Delete), now());
        Keys(&mut app).answer(word);
        let want = if deleted {
            before[..1].to_vec()
        } else {
            before.clone()
        };
        assert_eq!(names(&app), want, "{word:?} in {lang}");
        // And the next key is the user's again.
        Keys(&mut app).typ("Z");
        assert!(
            app.editor.raw_text().ends_with('Z'),
            "{lang}: {}",
            app.editor.raw_text()
        );
    }
}

/// The one-key answer, a comma and the comment: «н, всё по Стандарту» is no with its comment, as
/// «нет, …» is (it was a sentence with no answer, while «n, …» was an answer). A letter and a full
/// stop still begins a sentence: «Д. Ахметов…» is a name.
#[test]
fn a_key_and_a_comma_answer_and_open_the_comment() {
    for (lang, typed, want) in [
        (
            Lang::Ru,
            "н, всё по Стандарту",
            Some(serde_json::json!({"yes": false, "comment": "всё по Стандарту"})),
        ),
        (
            Lang::Ru,
            "д, есть",
            Some(serde_json::json!({"yes": true, "comment": "есть"})),
        ),
        (
            Lang::Kk,
            "ж, бәрі дұрыс",
            Some(serde_json::json!({"yes": false, "comment": "бәрі дұрыс"})),
        ),
        (
            Lang::Kk,
            "И, бірақ ішінара",
            Some(serde_json::json!({"yes": true, "comment": "бірақ ішінара"})),
        ),
        (Lang::Ru, "Д. Ахметов подтвердил", None),
        (Lang::Ru, "и, кроме того", None),
    ] {
        let mut app = on_yes_no(lang);
        Keys(&mut app).answer(typed);
        assert_eq!(
            yes_no_at(&app, 0, "legal_conflicts_unregulated"),
            want,
            "{typed:?}"
        );
    }
    // «нет» typed on a Latin layout is a sentence as typed, its first letter kept.
    let mut app = on_yes_no(Lang::Ru);
    Keys(&mut app).typ("ytn");
    assert_eq!(app.editor.raw_text(), "ytn");
    assert_eq!(app.editor.choice, None);
}

/// A sentence typed on the choice is a comment, not an answer: none of its letters may set yes or no
/// (a Kazakh «да» particle, a last «и», a first «Не»), and it is not stored until the user chooses.
#[test]
fn a_sentence_on_the_choice_never_answers_the_question() {
    let sentences = [
        (Lang::Ru, "Коллизии и пробелы не выявлены"),
        (Lang::Ru, "Половина заявлений подана через ГК"),
        (Lang::Ru, "Предусмотрены пунктом 9 Стандарта услуги"),
        (Lang::Ru, "Так как нормы отсутствуют"),
        (Lang::Ru, "Не требуются от других органов справки"),
        (Lang::Ru, "Имеется дискреция в сроках"),
        (Lang::Kk, "Қосымша құжаттар да талап етілмейді"),
        (Lang::Kk, "Иесі анықталмаған"),
        (Lang::Kk, "Жоқтың қасы, бір-екі рет"),
        (Lang::En, "Yesterday a complaint came in"),
        // A whole yes or no word and then a word: a sentence, whose yes or no depends on the
        // question. «Нет нарушений» to «Соблюдается ли порядок?» says the order is kept, «Да
        // нет» is Russian for no, «Жоқ деп айтуға болмайды» is «one cannot say no»; each was
        // stored as its first word's answer, and a no became a corruption-risk finding.
        (Lang::Ru, "Нет нарушений"),
        (Lang::Ru, "Да нет, всё соблюдается"),
        (Lang::Ru, "да  и нет"),
        (Lang::Kk, "Жоқ деп айтуға болмайды"),
        (Lang::Kk, "Иә деуге негіз жоқ"),
        (Lang::En, "No violations found"),
        (Lang::En, "yes 2 of them"),
    ];
    for (lang, sentence) in sentences {
        for stored_before in [None, Some(false), Some(true)] {
            let mut app = on_yes_no(lang);
            if let Some(yes) = stored_before {
                Keys(&mut app).answer(if yes { "да" } else { "n" });
                Keys(&mut app).ctrl('g').typ("1.1.7").enter();
            }
            let before = yes_no_at(&app, 0, "legal_conflicts_unregulated");
            Keys(&mut app).typ(sentence);
            assert_eq!(app.editor.choice, None, "{sentence:?} chose for the user");
            assert!(app.editor.on_comment, "{sentence:?}");
            assert_eq!(
                app.editor.raw_text(),
                sentence,
                "the sentence is the comment, whole"
            );
            Keys(&mut app).enter();
            assert_eq!(
                yes_no_at(&app, 0, "legal_conflicts_unregulated"),
                before,
                "{sentence:?}: nothing stored until a choice is made"
            );
            assert!(app.message.is_some(), "and the user is told why");
            // The choice is one key up; then the sentence is the comment of what was chosen.
            app.update(key(KeyCode::Up), now());
            Keys(&mut app).answer(if lang == Lang::En { "n" } else { "н" });
            assert_eq!(
                yes_no_at(&app, 0, "legal_conflicts_unregulated"),
                Some(serde_json::json!({"yes": false, "comment": sentence})),
                "{sentence:?}"
            );
        }
    }
    // «нуы» is a Cyrillic-layout «yes» typed on the Latin keys: the н is not kept as a no.
    let mut app = on_yes_no(Lang::Ru);
    Keys(&mut app).typ("нуы");
    assert_eq!(app.editor.choice, None);
    Keys(&mut app).enter();
    assert_eq!(yes_no_at(&app, 0, "legal_conflicts_unregulated"), None);
}

/// «данет» is no answer and goes to the comment; erased, the comment is gone and the next word is a
/// new try at the choice: «нет» then answers no (it had gone to a comment with no choice).
#[test]
fn a_wrong_word_erased_leaves_the_choice_to_be_typed_again() {
    for (lang, wrong, right, yes) in [
        (Lang::Ru, "данет", "нет", false),
        (Lang::Kk, "иәжоқ", "жоқ", false),
        (Lang::Ru, "нетда", "да", true),
        (Lang::En, "yesno", "yes", true),
    ] {
        let mut app = on_yes_no(lang);
        Keys(&mut app).typ(wrong);
        assert!(app.editor.on_comment, "{wrong:?} is no answer");
        for _ in wrong.chars() {
            app.update(key(KeyCode::Backspace), now());
        }
        assert!(
            !app.editor.on_comment,
            "{wrong:?} erased: back on the choice"
        );
        Keys(&mut app).answer(right);
        assert_eq!(
            yes_no_at(&app, 0, "legal_conflicts_unregulated"),
            Some(serde_json::json!({ "yes": yes })),
            "{wrong:?} erased, then {right:?} in {lang}"
        );
    }
    // A comment erased under a choice stays the comment's place: the choice stands.
    let mut app = on_yes_no(Lang::Ru);
    Keys(&mut app).typ("нет, а");
    app.update(key(KeyCode::Backspace), now());
    assert!(app.editor.on_comment);
    assert_eq!(app.editor.choice, Some(false));
}

#[test]
fn a_word_then_a_comma_opens_the_comment_and_the_comment_never_changes_the_choice() {
    let mut app = on_yes_no(Lang::Ru);
    Keys(&mut app).answer("нет, коллизий не выявлено");
    assert_eq!(
        yes_no_at(&app, 0, "legal_conflicts_unregulated"),
        Some(serde_json::json!({"yes": false, "comment": "коллизий не выявлено"}))
    );
    let mut app = on_yes_no(Lang::Kk);
    Keys(&mut app)
        .typ("иә, ")
        .answer("да, нет, yes, no — бәрі түсініктемеде");
    assert_eq!(
        yes_no_at(&app, 0, "legal_conflicts_unregulated"),
        Some(serde_json::json!({"yes": true, "comment": "да, нет, yes, no — бәрі түсініктемеде"}))
    );
}

/// A whole yes or no word, a space and then a mark or Enter is still the answer (the sentences
/// that begin with such a word are in `a_sentence_on_the_choice_never_answers_the_question`), and
/// Backspace over the space takes the word back.
#[test]
fn a_yes_or_no_word_and_a_space_wait_for_what_comes_next() {
    for (lang, typed, want) in [
        (
            Lang::Ru,
            "нет — коллизий нет",
            serde_json::json!({"yes": false, "comment": "коллизий нет"}),
        ),
        (
            Lang::Kk,
            "иә , ішінара",
            serde_json::json!({"yes": true, "comment": "ішінара"}),
        ),
        (Lang::Ru, "нет ", serde_json::json!({"yes": false})),
        (Lang::En, "yes  ", serde_json::json!({"yes": true})),
    ] {
        let mut app = on_yes_no(lang);
        Keys(&mut app).answer(typed);
        assert_eq!(
            yes_no_at(&app, 0, "legal_conflicts_unregulated"),
            Some(want),
            "{typed:?} in {lang}"
        );
    }
    // Backspace over the space: the word again, and on from it.
    let mut app = on_yes_no(Lang::Ru);
    Keys(&mut app).typ("нет ");
    app.update(key(KeyCode::Backspace), now());
    Keys(&mut app).answer(", проверено");
    assert_eq!(
        yes_no_at(&app, 0, "legal_conflicts_unregulated"),
        Some(serde_json::json!({"yes": false, "comment": "проверено"}))
    );
    // The one-key answer and Space, as the help line says, still opens the comment.
    let mut app = on_yes_no(Lang::Ru);
    Keys(&mut app).answer("н нарушений не выявлено");
    assert_eq!(
        yes_no_at(&app, 0, "legal_conflicts_unregulated"),
        Some(serde_json::json!({"yes": false, "comment": "нарушений не выявлено"}))
    );
}

/// 1.1.13 (direct contact) is a stored yes with a comment in the example.
const CONTACT_FIELD: &str = "direct_contact_with_recipient";

/// Over a stored answer with its comment, an answer typed and a mark begin a new answer: the first
/// letter begins its comment anew (as a line in plain mode does), where typing on joined the old
/// comment of the other answer to the new one. The answer alone keeps the comment; an arrow first
/// goes on with it; Esc brings the stored answer back.
#[test]
fn an_answer_typed_with_a_comment_over_a_stored_one_replaces_its_comment() {
    let stored = "Өйткені қызмет көрсетілетін қызметті берушінің кеңсесі арқылы іске асырылады.";
    let at_contact = |lang| {
        let mut app = example_app(lang);
        Keys(&mut app).ctrl('g').typ("1.1.13").enter();
        app
    };
    for typed in [
        "нет, лично не встречаются",
        "н лично не встречаются",
        "нет — лично не встречаются",
        "нет , лично не встречаются",
    ] {
        let mut app = at_contact(Lang::Ru);
        Keys(&mut app).answer(typed);
        assert_eq!(
            yes_no_at(&app, 0, CONTACT_FIELD),
            Some(serde_json::json!({"yes": false, "comment": "лично не встречаются"})),
            "{typed:?}"
        );
    }
    // The answer alone: the comment stays.
    let mut app = at_contact(Lang::Ru);
    Keys(&mut app).answer("нет");
    assert_eq!(
        yes_no_at(&app, 0, CONTACT_FIELD),
        Some(serde_json::json!({"yes": false, "comment": stored}))
    );
    // An arrow first: the comment is gone on with.
    let mut app = at_contact(Lang::Kk);
    Keys(&mut app).typ("жоқ,");
    app.update(key(KeyCode::End), now());
    Keys(&mut app).answer(" Тексерілді.");
    assert_eq!(
        yes_no_at(&app, 0, CONTACT_FIELD),
        Some(serde_json::json!({"yes": false, "comment": format!("{stored} Тексерілді.")}))
    );
    // Esc: the stored answer, its comment with it.
    let mut app = at_contact(Lang::Ru);
    Keys(&mut app).typ("нет, другое");
    app.update(key(KeyCode::Esc), now());
    assert_eq!(app.editor.raw_text(), stored);
    assert_eq!(app.editor.choice, Some(true));
}

#[test]
fn an_answered_yes_no_changes_with_a_choice_key_from_every_way_of_arriving() {
    type Arrive = fn(&mut App);
    let ways: &[(&str, Arrive)] = &[
        ("Ctrl-G", |app| {
            Keys(app).ctrl('g').typ("1.1.13").enter();
        }),
        ("Tab", |app| {
            Keys(app).ctrl('g').typ("1.1.12").enter().tab(1);
        }),
        ("Shift-Tab", |app| {
            Keys(app).ctrl('g').typ("1.1.14").enter();
            app.update(key(KeyCode::BackTab), now());
        }),
        ("findings list", |app| {
            // The first finding is the direct contact of service 1.
            Keys(app).ctrl('x');
            app.update(key(KeyCode::Enter), now());
        }),
    ];
    let comment = "Өйткені қызмет көрсетілетін қызметті берушінің кеңсесі арқылы іске асырылады.";
    for (how, arrive) in ways {
        for (letter, yes) in [
            ("n", false),
            ("н", false),
            ("т", false),
            ("yes", true),
            ("д", true),
        ] {
            // A finding is listed for a yes: from the list it is a no that is typed.
            if *how == "findings list" && yes {
                continue;
            }
            let mut app = example_app(Lang::Ru);
            // Make it a no first, so that a yes key has something to change.
            if yes {
                Keys(&mut app).ctrl('g').typ("1.1.13").enter().answer("н");
                Keys(&mut app).ctrl('g').typ("1.1.1").enter();
            }
            arrive(&mut app);
            assert_eq!(
                where_is(&app),
                format!(r#"{{"section":"public_services","item":0,"field":"{CONTACT_FIELD}"}}"#),
                "{how}"
            );
            Keys(&mut app).answer(letter);
            let want = serde_json::json!({"yes": yes, "comment": comment});
            assert_eq!(
                yes_no_at(&app, 0, CONTACT_FIELD),
                Some(want),
                "{letter} after {how}"
            );
        }
    }
}

#[test]
fn the_delete_question_keeps_the_item_on_enter_esc_and_no() {
    for (name, ev) in [
        ("Enter", key(KeyCode::Enter)),
        ("Esc", key(KeyCode::Esc)),
        ("н", key(KeyCode::Char('н'))),
        ("n", key(KeyCode::Char('n'))),
        ("т", key(KeyCode::Char('т'))),
        ("x", key(KeyCode::Char('x'))),
    ] {
        let mut app = example_app(Lang::Ru);
        Keys(&mut app).ctrl('g').typ("1.1.3").enter().ctrl('t');
        app.update(key(KeyCode::Delete), now());
        assert!(matches!(
            app.overlay,
            Some(Overlay::Confirm(Confirm::DeleteItem { .. }))
        ));
        app.update(ev, now());
        assert_eq!(
            app.form.session.item_count("public_services"),
            2,
            "{name} keeps it"
        );
        assert!(
            !app.needs_save(),
            "{name}: nothing changed, nothing to save"
        );
    }
}

#[test]
fn a_deleted_item_comes_back_with_every_answer_and_goes_again_with_redo() {
    let mut app = example_app(Lang::Kk);
    let before = app.form.session.clone();
    Keys(&mut app).ctrl('g').typ("1.1.3").enter().ctrl('t');
    app.update(key(KeyCode::Delete), now());
    Keys(&mut app).typ("и");
    assert_eq!(app.form.session.item_count("public_services"), 1);
    // Other work in between: an answer elsewhere.
    Keys(&mut app).ctrl('g').typ("4.Q3").enter().answer("5");
    Keys(&mut app).ctrl('z'); // the answer
    assert_eq!(
        app.form.session.count("personnel", None, "vacancies"),
        Some(0)
    );
    Keys(&mut app).ctrl('z'); // the deletion
    assert_eq!(
        app.form.session.sections, before.sections,
        "every answer is back"
    );
    assert!(app.message.as_ref().unwrap().0.contains("қайтарылды"));
    assert!(app.needs_save(), "the restored item is saved");
    Keys(&mut app).ctrl('y');
    assert_eq!(app.form.session.item_count("public_services"), 1);
}

#[test]
fn ctrl_o_fills_only_an_empty_answer() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.Q1").enter().ctrl('o');
    assert_eq!(
        app.form.session.count("personnel", None, "staff_planned"),
        Some(42)
    );
    assert!(app.message.as_ref().unwrap().0.contains("Ответ уже есть"));
    // A paragraph is not replaced by «нет» either.
    Keys(&mut app).ctrl('g').typ("4.13").enter().ctrl('o');
    assert!(
        app.form.session.answers("personnel", None).unwrap()["anonymous_survey"]
            .as_str()
            .unwrap()
            .starts_with("Жасырын")
    );
    // On an empty text question it stores a "none" that every language reads in its own word.
    Keys(&mut app).ctrl('g').typ("4.14").enter().ctrl('o');
    assert_eq!(
        app.form.session.answers("personnel", None).unwrap()["other"],
        serde_json::json!({"none": true})
    );
    // And that, too, can be undone.
    Keys(&mut app).ctrl('z');
    assert!(
        !app.form
            .session
            .answers("personnel", None)
            .unwrap()
            .contains_key("other")
    );
}

#[test]
fn esc_and_changes_of_stored_answers_can_be_undone() {
    let mut app = example_app(Lang::Ru);
    // A paragraph typed, then thrown away with Esc: Ctrl-Z brings it back.
    Keys(&mut app).typ("длинный абзац");
    app.update(key(KeyCode::Esc), now());
    assert_eq!(app.editor.raw_text(), "");
    Keys(&mut app).ctrl('z');
    assert_eq!(app.editor.raw_text(), "длинный абзац");
    // A stored number replaced and committed: Ctrl-Z puts the old one back, Ctrl-Y the new one.
    Keys(&mut app).ctrl('g').typ("4.Q1").enter().answer("7");
    assert_eq!(
        app.form.session.count("personnel", None, "staff_planned"),
        Some(7)
    );
    Keys(&mut app).ctrl('z');
    assert_eq!(
        app.form.session.count("personnel", None, "staff_planned"),
        Some(42)
    );
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"staff_planned"}"#
    );
    Keys(&mut app).ctrl('y');
    assert_eq!(
        app.form.session.count("personnel", None, "staff_planned"),
        Some(7)
    );
    // A yes turned into a no, undone.
    Keys(&mut app).ctrl('g').typ("1.1.13").enter().answer("нет");
    Keys(&mut app).ctrl('z');
    assert_eq!(yes_no_at(&app, 0, CONTACT_FIELD).unwrap()["yes"], true);
}

#[test]
fn a_problem_is_said_at_the_field_when_it_is_committed() {
    let mut app = example_app(Lang::Ru);
    // The period ends before it starts.
    Keys(&mut app).ctrl('g').typ("4.Q1").enter();
    let header_end = app
        .form
        .stops
        .iter()
        .position(|st| {
            st.slot()
                == Some(&saualnama::session::Slot::Header {
                    field: "period_to".into(),
                })
        })
        .unwrap();
    app.form.current = header_end;
    Keys(&mut app).typ("2016-12").enter();
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.contains("Конец периода раньше его начала"), "{msg}");
    // Ctrl-E lands on a problem with its message.
    Keys(&mut app).ctrl('g').typ("1.1.1").enter().ctrl('e');
    let (msg, _) = app.message.clone().unwrap();
    assert!(!msg.is_empty());
}

#[test]
fn months_out_of_range_are_told_so() {
    let mut app = new_app(Lang::Ru);
    Keys(&mut app).tab(2).answer("2017-13");
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.contains("от 01 до 12"), "{msg}");
}

#[test]
fn search_starts_afresh_and_reads_yo_as_ye() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('f').typ("ротаци").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"rotations"}"#
    );
    // A new Ctrl-F starts empty (it used to append to the last query)…
    Keys(&mut app).ctrl('f');
    assert_eq!(
        app.overlay,
        Some(Overlay::Prompt(Prompt::new(Purpose::Search)))
    );
    // …and ё and е find each other, in item names as in questions.
    app.update(key(KeyCode::Esc), now());
    Keys(&mut app).ctrl('g').typ("1.1.Q1").enter();
    Keys(&mut app).ctrl('a').answer("Учёт детей в организациях");
    Keys(&mut app).ctrl('g').typ("4.Q1").enter();
    Keys(&mut app).ctrl('f').typ("учет детей").enter();
    assert_eq!(where_is(&app), r#"{"section":"public_services","item":2}"#);
    Keys(&mut app).ctrl('g').typ("4.Q1").enter();
    Keys(&mut app).ctrl('f').typ("УЧЁТ ДЕТЕЙ").enter();
    assert_eq!(where_is(&app), r#"{"section":"public_services","item":2}"#);
}

#[test]
fn esc_on_a_yes_no_leaves_no_stale_draft() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("1.1.13").enter();
    app.update(key(KeyCode::Backspace), now());
    assert_eq!(app.editor.choice, None);
    app.update(key(KeyCode::Esc), now());
    assert_eq!(app.editor.choice, Some(true));
    app.stash_draft();
    assert_eq!(
        app.form.session.cursor.as_ref().unwrap().draft,
        None,
        "the stored comment is not a draft"
    );
    // → from the choice opens the comment, ↑ from its first line goes back.
    app.update(key(KeyCode::Right), now());
    assert!(app.editor.on_comment);
    app.update(key(KeyCode::Up), now());
    assert!(!app.editor.on_comment);
    assert_eq!(
        where_is(&app),
        format!(r#"{{"section":"public_services","item":0,"field":"{CONTACT_FIELD}"}}"#)
    );
}

#[test]
fn a_draft_whose_question_is_gone_is_kept_aside_not_committed() {
    let mut v: Value = serde_json::from_str(example_text()).unwrap();
    // The cursor names a third service the report no longer has, with text typed there.
    v["cursor"] = serde_json::json!({"section": "public_services", "item": 2, "field": "refusal_grounds", "draft": "жартылай", "future_key": 1});
    let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
    let mut with_ids = s.clone();
    with_ids.ensure_item_ids();
    let before = with_ids.sections.clone();
    let mut app = App::new(q, s, Lang::Ru, "x.json".into(), false);
    assert_eq!(
        app.editor.raw_text(),
        "",
        "not loaded into another question"
    );
    assert!(
        app.message.as_ref().unwrap().0.contains("жартылай"),
        "shown"
    );
    Keys(&mut app).enter();
    assert_eq!(app.form.session.sections, before, "nothing committed");
    assert_eq!(
        app.form.session.cursor.as_ref().unwrap().extra["stray_draft"],
        "жартылай",
        "kept in the file, with this member's place"
    );
    // Keys of the cursor this version does not know survive moving about.
    let mut v: Value = serde_json::from_str(example_text()).unwrap();
    v["cursor"]["future_key"] = serde_json::json!({"a": 1});
    let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "x.json".into(), false);
    Keys(&mut app).tab(3);
    assert_eq!(
        app.form.session.cursor.as_ref().unwrap().extra["future_key"],
        serde_json::json!({"a": 1})
    );
}

#[test]
fn pasted_control_characters_are_dropped() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.14").enter();
    app.update(
        Event::Paste("строка\u{1b}[31m красная\u{7}\u{c}\nвторая\tс табом".into()),
        now(),
    );
    Keys(&mut app).enter();
    assert_eq!(
        app.form.session.answers("personnel", None).unwrap()["other"],
        "строка[31m красная\nвторая\tс табом"
    );
}

#[test]
fn going_to_an_item_not_there_yet_says_how_to_add_it() {
    let mut app = new_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("1.1.6").enter();
    let (msg, _) = app.message.clone().unwrap();
    assert!(
        msg.contains("строки 1 пока нет") && msg.contains("Ctrl-A"),
        "{msg}"
    );
}

/// A lone Cyrillic letter that begins a sentence («И при этом…», «Т.е. …») is not an answer. (In
/// Kazakh «И, бірақ ішінара» is «иә, бірақ ішінара», yes with its comment: see
/// `a_key_and_a_comma_answer_and_open_the_comment`.)
#[test]
fn a_sentence_beginning_with_a_one_letter_word_answers_nothing() {
    for (lang, sentence) in [
        (Lang::Ru, "И при этом нормы нет"),
        (Lang::Ru, "Т.е. норм нет"),
        (Lang::Ru, "И, кроме того, нормы нет"),
    ] {
        let mut app = on_yes_no(lang);
        Keys(&mut app).typ(sentence);
        assert_eq!(app.editor.choice, None, "{sentence}");
        assert_eq!(app.editor.raw_text(), sentence);
        Keys(&mut app).enter();
        assert_eq!(
            yes_no_at(&app, 0, "legal_conflicts_unregulated"),
            None,
            "{sentence}"
        );
        // Enter took the user to the choice, and says the keys that make it.
        assert!(!app.editor.on_comment, "{sentence}: at the choice");
        let (msg, _) = app.message.clone().unwrap();
        assert!(
            msg.contains("«д»") || msg.contains(" д "),
            "the keys are said: {msg}"
        );
        // What is typed now chooses: the sentence is its comment, nothing added to it.
        Keys(&mut app).answer("нет");
        assert_eq!(
            yes_no_at(&app, 0, "legal_conflicts_unregulated"),
            Some(serde_json::json!({"yes": false, "comment": sentence})),
            "{sentence}"
        );
    }
    // Latin y/n and whole words still open the comment.
    let mut app = on_yes_no(Lang::Ru);
    Keys(&mut app).answer("n, по п. 5 коллизий нет");
    assert_eq!(
        yes_no_at(&app, 0, "legal_conflicts_unregulated"),
        Some(serde_json::json!({"yes": false, "comment": "по п. 5 коллизий нет"}))
    );
}

#[test]
fn backspace_stops_at_the_start_of_a_comment_and_undo_keeps_the_summary_in_step() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("1.2.13").enter();
    app.update(key(KeyCode::Right), now());
    assert!(app.editor.on_comment);
    for _ in 0..200 {
        app.update(key(KeyCode::Backspace), now());
    }
    assert!(
        app.editor.on_comment,
        "Backspace does not leave the comment"
    );
    assert_eq!(app.editor.choice, Some(true), "nor clear the choice");
    // Undo and redo: the summary follows at once.
    let before = app.form.summary.findings;
    Keys(&mut app).ctrl('g').typ("1.2.10").enter().answer("д");
    assert_eq!(app.form.summary.findings, before + 1);
    Keys(&mut app).ctrl('z');
    assert_eq!(
        app.form.summary.findings, before,
        "undone: the summary says so at once"
    );
    Keys(&mut app).ctrl('y');
    assert_eq!(app.form.summary.findings, before + 1);
}

/// A failed save stays shown until a save succeeds: an answer committed after it (whose own save is
/// still on its way) must not make Ctrl-Q quit without asking. Under load it did.
#[test]
fn a_change_after_a_failed_save_still_asks_before_quitting() {
    use saualnama::tui::app::SaveState;
    use saualnama::tui::saver::SaveError;
    let mut app = example_app(Lang::En);
    app.save_done(1, 1, Err(SaveError::io("No space left on device".into())));
    Keys(&mut app)
        .ctrl('g')
        .typ("4.Q1")
        .enter()
        .typ("77")
        .enter();
    assert!(
        matches!(app.save_state, SaveState::Failed(_)),
        "{:?}",
        app.save_state
    );
    app.update(ctrl('q'), now());
    assert!(!app.quit(), "asks first");
    assert!(matches!(
        app.overlay,
        Some(Overlay::Confirm(Confirm::QuitUnsaved))
    ));
}

fn vacancies(app: &App) -> Value {
    app.form.session.sections["personnel"].answers["vacancies"].clone()
}

/// In a part a colleague holds, nothing typed is stored, and the user is told who holds it.
#[test]
fn a_held_part_refuses_changes_and_names_its_holder() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.К3").enter();
    app.held_by = Some(app.held_sentence("alice (с 10:42)"));
    // Typing is refused at once (not taken and thrown away at Enter), and Enter only moves on.
    Keys(&mut app).typ("9");
    let (msg, _) = app.message.clone().unwrap();
    assert!(
        msg.contains("Эту часть сейчас заполняет alice (с 10:42)"),
        "{msg}"
    );
    assert_eq!(app.editor.raw_text(), "0");
    Keys(&mut app).enter();
    assert_eq!(vacancies(&app), 0);
    assert!(
        app.take_ops(1).is_empty() && !app.needs_save(),
        "nothing to save"
    );
    // Text typed before the colleague came in (a draft) is not counted in the live summary while
    // it cannot be stored: the figures are the stored ones.
    app.held_by = None;
    Keys(&mut app).ctrl('g').typ("4.К3").enter().typ("7");
    assert_eq!(app.form.summary.totals["personnel.vacancies"], 7);
    app.held_by = Some(app.held_sentence("alice (с 10:42)"));
    app.recompute();
    assert_eq!(app.form.summary.totals["personnel.vacancies"], 0);
    app.held_by = None;
    app.update(key(KeyCode::Esc), now());
    // The part freed: the same keys store it.
    Keys(&mut app)
        .ctrl('g')
        .typ("4.К3")
        .enter()
        .typ("9")
        .enter();
    assert_eq!(vacancies(&app), 9);
}

/// `F6` asks for the answer's history; with a conflict in it, a digit chooses a value, which is the
/// answer then, settles the conflict for the next save, and can be undone.
#[test]
fn the_answers_history_chooses_between_conflicting_values_and_undo_takes_it_back() {
    use saualnama::changes::{Entry, What};
    use saualnama::session::{Conflict, Rival, Slot};
    let mut app = example_app(Lang::En);
    Keys(&mut app).ctrl('g').typ("4.Q3").enter();
    app.form.session.conflicts.push(Conflict {
        section: Some("personnel".into()),
        item: None,
        field: Some("vacancies".into()),
        values: vec![
            Rival {
                user: Some("alice".into()),
                time: Some("2026-11-28T10:42:00Z".into()),
                value: Some(Value::from(0)),
            },
            Rival {
                user: Some("bob".into()),
                time: Some("2026-11-28T10:43:00Z".into()),
                value: Some(Value::from(9)),
            },
        ],
    });
    app.update(key(KeyCode::F(6)), now());
    assert!(app.wants_history, "the loop is asked to read the history");
    let slot = Slot::Answer {
        section: "personnel".into(),
        item: None,
        field: "vacancies".into(),
    };
    let mut e = Entry::set(
        "2026-11-28T10:42:00Z".into(),
        &slot,
        None,
        Some(Value::from(0)),
    );
    e.user = "alice".into();
    let other = Entry {
        field: Some("staff_planned".into()),
        ..e.clone()
    };
    app.show_history(&[e, other]);
    let Some(Overlay::History(h)) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(h.lines.len(), 1, "this answer's only: {:?}", h.lines);
    assert!(
        h.lines[0].contains("alice") && h.lines[0].contains("— → 0"),
        "{:?}",
        h.lines
    );
    assert_eq!(h.rivals[1].0, "bob, 10:43: 9");
    app.update(key(KeyCode::Char('2')), now());
    assert_eq!(vacancies(&app), 9);
    assert!(app.form.session.conflicts.is_empty());
    let chose = app.take_ops(1).last().cloned().unwrap();
    assert_eq!(chose.what, What::Chosen);
    assert_eq!(
        chose.by.as_deref(),
        Some("bob"),
        "who entered the value, besides who chose it"
    );
    assert!(app.message.clone().unwrap().0.contains("Value chosen"));
    Keys(&mut app).ctrl('z');
    assert_eq!(vacancies(&app), 0, "undone");
    // The conflict comes back with the undo, both values in it, and goes to the disk as such.
    let c = app
        .form
        .session
        .conflict(&slot)
        .expect("the conflict is back");
    let values: Vec<_> = c.values.iter().map(|r| r.value.clone()).collect();
    assert!(
        values.contains(&Some(Value::from(0))) && values.contains(&Some(Value::from(9))),
        "{values:?}"
    );
    let ops = app.take_ops(1);
    assert_eq!(ops.last().unwrap().what, What::Disputed, "{ops:?}");
    let mut disk = app.form.session.clone();
    disk.conflicts.clear();
    let m = saualnama::merge::merge(disk, &app.form.session, &ops, "alice", "t");
    assert_eq!(
        m.session.conflict(&slot).map(|c| c.values.len()),
        Some(2),
        "the save puts the conflict back on the disk"
    );
    // And redo chooses again.
    Keys(&mut app).ctrl('y');
    assert_eq!(vacancies(&app), 9);
    assert!(app.form.session.conflicts.is_empty());
}

/// A colleague's save arrives while the user types: the view takes in their answers, the user
/// stays where they were (by the item's id, though an item was added before it), and what is being
/// typed stays in the input.
#[test]
fn a_colleagues_save_is_taken_in_without_losing_the_place_or_the_typing() {
    let mut app = example_app(Lang::En);
    Keys(&mut app).ctrl('g').typ("1.2.Q1").enter().typ("5");
    let mut theirs = app.form.session.clone();
    theirs
        .sections
        .get_mut("personnel")
        .unwrap()
        .answers
        .insert("vacancies".into(), Value::from(3));
    theirs.insert_item(
        "public_services",
        0,
        saualnama::session::Item {
            id: "bob-1".into(),
            name: "New service".into(),
            ..Default::default()
        },
    );
    app.rebase(theirs);
    assert_eq!(vacancies(&app), 3);
    assert_eq!(app.stop().item(), Some(2), "the same service, now third");
    assert_eq!(app.editor.raw_text(), "5", "the 5 typed over the stored 2");
    Keys(&mut app).enter();
    assert_eq!(
        app.form.session.sections["public_services"].items[2].answers["services_rendered"],
        5
    );
}

/// From a fresh-eyes pass as a working group: Ctrl-Z must not undo a colleague's answer given
/// since, nor change a part a colleague is in; a deletion is refused in an item a colleague is in;
/// a key typed after moving an item in the menu does what it does on the form.
#[test]
fn undo_and_the_item_menu_leave_colleagues_work_alone() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app)
        .ctrl('g')
        .typ("4.К4б")
        .enter()
        .typ("3")
        .enter();
    assert_eq!(
        app.form.session.sections["personnel"].answers["dismissed_negative"],
        3
    );
    // Bob changes it to 7 after Alice left annex 4.
    let mut theirs = app.form.session.clone();
    theirs
        .sections
        .get_mut("personnel")
        .unwrap()
        .answers
        .insert("dismissed_negative".into(), Value::from(7));
    app.take_ops(1);
    app.save_done(1, 1, Ok(saualnama::save::MergedSave::default()));
    app.rebase(theirs);
    Keys(&mut app).ctrl('g').typ("1.1").enter().ctrl('z');
    assert_eq!(
        app.form.session.sections["personnel"].answers["dismissed_negative"], 7,
        "Bob's answer stays"
    );
    assert!(
        app.message
            .clone()
            .unwrap()
            .0
            .contains("после вас изменил коллега")
    );
    // A colleague in item 1.2: no deletion there, and an undo there waits.
    let id = app.form.session.items("public_services")[1].id.clone();
    app.others = vec![(format!("item:public_services:{id}"), "bob".into())];
    Keys(&mut app).ctrl('g').typ("1.2").enter().ctrl('t');
    app.update(key(KeyCode::Delete), now());
    assert!(app.overlay.is_none(), "no question asked");
    assert!(app.message.clone().unwrap().0.contains("заполняет bob"));
    assert_eq!(app.form.session.item_count("public_services"), 2);
    // Moving an item with the menu, then Ctrl-G at once: the go-to opens, nothing is typed.
    app.others.clear();
    Keys(&mut app).ctrl('g').typ("1.1").enter().ctrl('t');
    app.update(key(KeyCode::Down), now());
    Keys(&mut app).ctrl('g');
    assert!(
        matches!(
            app.overlay,
            Some(Overlay::Prompt(Prompt {
                purpose: Purpose::GoTo,
                ..
            }))
        ),
        "{:?}",
        app.overlay
    );
}

/// A draft left by a dropped connection, over an answer a colleague has changed since: the user is
/// told, and committing it keeps both (the save meets the colleague's value as a conflict).
#[test]
fn a_draft_over_a_colleagues_later_answer_is_not_committed_over_it() {
    let mut v: Value = serde_json::from_str(example_text()).unwrap();
    // Alice typed 9 over an empty 1.2 К5; meanwhile Bob saved 4 there.
    v["sections"]["public_services"]["items"][1]["answers"]["deadline_violations"] = 4.into();
    v["cursor"] = serde_json::json!({"section": "public_services", "item": 1,
        "field": "deadline_violations", "draft": "9", "seen": null});
    let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "x.json".into(), false);
    assert!(
        app.message
            .clone()
            .unwrap()
            .0
            .contains("пока вас не было, этот ответ изменил коллега"),
        "{:?}",
        app.message
    );
    assert_eq!(app.editor.raw_text(), "9");
    Keys(&mut app).enter();
    // In the editor's own view already (a save with nobody saving since writes the view as it is):
    // Bob's 4 stays the answer, and both values are listed.
    let slot = saualnama::session::Slot::Answer {
        section: "public_services".into(),
        item: Some(1),
        field: "deadline_violations".into(),
    };
    assert_eq!(app.form.session.value(&slot), Some(Value::from(4)));
    let values: Vec<_> = app
        .form
        .session
        .conflict(&slot)
        .expect("kept both")
        .values
        .clone();
    assert_eq!(
        values.iter().map(|r| r.value.clone()).collect::<Vec<_>>(),
        [Some(Value::from(4)), Some(Value::from(9))]
    );
    assert!(
        app.message
            .clone()
            .unwrap()
            .0
            .contains("сохранены оба значения"),
        "{:?}",
        app.message
    );
    let ops = app.take_ops(1);
    let set = ops
        .iter()
        .find(|e| e.field.as_deref() == Some("deadline_violations"))
        .unwrap();
    assert_eq!(
        set.old, None,
        "what Alice saw, not Bob's 4: the save keeps both"
    );
    let mut disk = app.form.session.clone();
    std::sync::Arc::make_mut(&mut disk.sections.get_mut("public_services").unwrap().items[1])
        .answers
        .insert("deadline_violations".into(), Value::from(4));
    let m = saualnama::merge::merge(disk, &app.form.session, &ops, "alice", "t");
    assert_eq!(m.conflicts, 1);
    assert_eq!(m.session.conflict(&slot).map(|c| c.values.len()), Some(2));
    app.give_back_ops(ops);
    // Undo keeps Bob's value and settles; redo puts Alice's beside it again.
    Keys(&mut app).ctrl('z');
    assert_eq!(app.form.session.value(&slot), Some(Value::from(4)));
    assert!(app.form.session.conflict(&slot).is_none());
    Keys(&mut app).ctrl('y');
    assert_eq!(
        app.form.session.conflict(&slot).map(|c| c.values.len()),
        Some(2)
    );
}

/// Ctrl-G 0 goes to the general information (the header), 0.N to its N-th field: the one part of the
/// form that had no number to go to.
#[test]
fn ctrl_g_zero_goes_to_the_general_information() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("0").enter();
    assert_eq!(where_is(&app), r#"{"field":"organisation"}"#);
    Keys(&mut app).ctrl('g').typ("4.К1").enter();
    Keys(&mut app).ctrl('g').typ("0.2").enter();
    assert_eq!(where_is(&app), r#"{"field":"head"}"#);
    Keys(&mut app).ctrl('g').typ("0.99").enter();
    assert_eq!(
        where_is(&app),
        r#"{"field":"head"}"#,
        "no such field: stays"
    );
}

/// The same over a count a check reads: what is said is that both values are kept, not the check
/// of the value that is not the answer (it quoted the draft's 444 while the report held 555).
#[test]
fn a_draft_over_a_colleagues_count_says_both_are_kept_not_a_check() {
    let mut v: Value = serde_json::from_str(example_text()).unwrap();
    v["sections"]["public_services"]["items"][0]["answers"]["services_rendered"] = 555.into();
    v["cursor"] = serde_json::json!({"section": "public_services", "item": 0,
        "field": "services_rendered", "draft": "444", "seen": 93});
    let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "x.json".into(), false);
    Keys(&mut app).enter();
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.contains("сохранены оба значения"), "{msg}");
    assert_eq!(
        app.form
            .session
            .count("public_services", Some(0), "services_rendered"),
        Some(555)
    );
    // Ended by a signal on the restored draft instead (no key pressed): both kept, stamped with
    // the time of the end (not 1970), and no draft left to be committed once more at the next start
    // (where Enter would have settled the conflict for the draft).
    let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "x.json".into(), false);
    app.shutdown(now());
    let slot = saualnama::session::Slot::Answer {
        section: "public_services".into(),
        item: Some(0),
        field: "services_rendered".into(),
    };
    let c = app.form.session.conflict(&slot).expect("both kept");
    assert!(
        c.values.iter().any(|r| r.value == Some(Value::from(444))
            && r.time.as_deref().is_some_and(|t| !t.starts_with("1970"))),
        "{c:?}"
    );
    assert!(!app.stash_draft(), "no draft");
    assert_eq!(
        app.form
            .session
            .cursor
            .as_ref()
            .and_then(|c| c.draft.clone()),
        None
    );
    assert_eq!(app.take_ops(1).len(), 1, "one change for the history");
}

/// Carol deletes a service, undoes it; Alice then answers in it. Carol's redo does not delete it
/// again with Alice's answer in it (an undo after that brought the item back without it).
#[test]
fn redo_of_a_deletion_spares_an_item_a_colleague_answered_since() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("1.2").enter().ctrl('t');
    app.update(key(KeyCode::Delete), now());
    Keys(&mut app).typ("д");
    assert_eq!(app.form.session.item_count("public_services"), 1);
    Keys(&mut app).ctrl('z');
    assert_eq!(app.form.session.item_count("public_services"), 2);
    // Alice's answer in it comes in with her save.
    let mut theirs = app.form.session.clone();
    std::sync::Arc::make_mut(&mut theirs.sections.get_mut("public_services").unwrap().items[1])
        .answers
        .insert("refusals".into(), Value::from(7));
    app.rebase(theirs);
    Keys(&mut app).ctrl('y');
    assert_eq!(
        app.form.session.item_count("public_services"),
        2,
        "not deleted again"
    );
    assert!(
        app.message
            .clone()
            .unwrap()
            .0
            .contains("повторно не удалена"),
        "{:?}",
        app.message
    );
    assert_eq!(
        app.form.session.items("public_services")[1].answers["refusals"],
        7
    );
}

/// A draft left in a service (a dropped connection) comes back in that service, found by its id,
/// though a colleague moved it meanwhile; when a colleague deleted it, the draft is kept aside and
/// shown, never put into the service that took its place.
#[test]
fn a_draft_comes_back_in_its_own_item_after_colleagues_moved_or_deleted_items() {
    let mut v: Value = serde_json::from_str(example_text()).unwrap();
    let items = v["sections"]["public_services"]["items"]
        .as_array_mut()
        .unwrap();
    items[0]["id"] = "n1".into();
    items[1]["id"] = "n2".into();
    items.swap(0, 1);
    v["cursor"] = serde_json::json!({"section": "public_services", "item": 0, "id": "n1",
        "field": "complaint_subjects", "draft": "жалоб не было", "seen": "келіп түскен жоқ"});
    let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
    let app = App::new(q, s, Lang::Ru, "x.json".into(), false);
    let c = app.form.session.cursor.clone().unwrap();
    assert_eq!(
        (c.item, c.id.as_deref(), c.field.as_deref()),
        (Some(1), Some("n1"), Some("complaint_subjects")),
        "the moved service, now second"
    );
    assert_eq!(app.editor.raw_text(), "жалоб не было");
    // Deleted: kept aside.
    v["sections"]["public_services"]["items"]
        .as_array_mut()
        .unwrap()
        .remove(1);
    let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
    let app = App::new(q, s, Lang::Ru, "x.json".into(), false);
    assert_ne!(app.editor.raw_text(), "жалоб не было");
    assert_eq!(
        app.form
            .session
            .cursor
            .as_ref()
            .unwrap()
            .extra
            .get("stray_draft"),
        Some(&Value::from("жалоб не было"))
    );
    assert!(app.message.clone().unwrap().0.contains("жалоб не было"));
}

/// Alice adds a service and leaves it; Bob fills it. Alice's undo of the add does not take Bob's
/// answers with the item (her own changes in it were undone before, undo going back in order).
#[test]
fn undo_of_an_add_spares_an_item_a_colleague_filled() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("1.1").enter().ctrl('a');
    assert_eq!(app.form.session.item_count("public_services"), 3);
    Keys(&mut app).ctrl('g').typ("4.К1").enter();
    let mut theirs = app.form.session.clone();
    let item =
        std::sync::Arc::make_mut(&mut theirs.sections.get_mut("public_services").unwrap().items[2]);
    item.name = "Услуга Боба".into();
    item.answers.insert("refusals".into(), Value::from(14));
    app.rebase(theirs);
    Keys(&mut app).ctrl('z');
    assert_eq!(app.form.session.item_count("public_services"), 3);
    assert_eq!(
        app.form.session.items("public_services")[2].answers["refusals"],
        14
    );
    assert!(
        app.message.clone().unwrap().0.contains("заполнил коллега"),
        "{:?}",
        app.message
    );
}

/// A draft restored over a colleague's later answer, in a part the colleague is in: Enter is
/// refused and the text stays — in the input and in the file as a draft — through quitting too,
/// until the part is free (it was reloaded away at the refused Enter).
#[test]
fn a_draft_in_a_held_part_is_kept_until_the_part_is_free() {
    let mut v: Value = serde_json::from_str(example_text()).unwrap();
    v["sections"]["public_services"]["items"][1]["answers"]["refusals"] = 44.into();
    v["cursor"] = serde_json::json!({"section": "public_services", "item": 1,
        "field": "refusals", "draft": "33", "seen": 0});
    let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "x.json".into(), false);
    app.held_by = Some(app.held_sentence("bob (с 10:42)"));
    Keys(&mut app).enter();
    assert_eq!(app.editor.raw_text(), "33", "kept in the input");
    // Moving on sets it aside as Esc does; Ctrl-Z brings it back.
    Keys(&mut app).tab(1);
    assert!(
        app.message.clone().unwrap().0.contains("текст не сохранён"),
        "{:?}",
        app.message
    );
    Keys(&mut app).ctrl('z');
    assert_eq!(app.editor.raw_text(), "33", "back");
    app.shutdown(now());
    assert_eq!(
        app.form
            .session
            .cursor
            .as_ref()
            .and_then(|c| c.draft.clone()),
        Some("33".into()),
        "kept in the file as a draft"
    );
    assert_eq!(
        app.form
            .session
            .count("public_services", Some(1), "refusals"),
        Some(44)
    );
}

/// Bob's answer met Alice's as a conflict (her save came late). Bob's Ctrl-Z does not undo his
/// answer away with hers (it chose his earlier value and dropped her 32): the conflict is to be
/// settled by choosing.
#[test]
fn undo_does_not_settle_a_conflict_a_colleagues_value_made_since() {
    use saualnama::session::{Rival, Slot};
    let mut app = example_app(Lang::Ru);
    Keys(&mut app)
        .ctrl('g')
        .typ("4.К3")
        .enter()
        .typ("43")
        .enter();
    let slot = Slot::Answer {
        section: "personnel".into(),
        item: None,
        field: "vacancies".into(),
    };
    // Alice's late save lands: both kept, his the answer.
    let mut theirs = app.form.session.clone();
    theirs.keep_both(
        &slot,
        Rival {
            user: Some("alice".into()),
            time: None,
            value: Some(Value::from(32)),
        },
    );
    app.rebase(theirs);
    Keys(&mut app).ctrl('z');
    assert_eq!(vacancies(&app), 43);
    assert!(
        app.form.session.conflict(&slot).is_some(),
        "both still there"
    );
    assert!(
        app.message.clone().unwrap().0.contains("изменил коллега"),
        "{:?}",
        app.message
    );
}

/// The one-key answer, then Space as the help line says, then the comment: «д» stays yes and the
/// comment is what follows (it was «д комм» with no choice). «И » still begins a sentence.
#[test]
fn a_yes_no_key_then_space_keeps_the_choice_and_opens_the_comment() {
    let mut v: Value = serde_json::from_str(example_text()).unwrap();
    v["sections"]["public_services"]["items"][0]["answers"]
        .as_object_mut()
        .unwrap()
        .remove("direct_contact_with_recipient");
    for (keys, yes) in [("д", true), ("н", false), ("т", false), ("ж", false)] {
        let (s, q) = session_from_str("x", &v.to_string(), crate::common::registry()).unwrap();
        let mut app = App::new(q, s, Lang::Ru, "x.json".into(), false);
        Keys(&mut app).ctrl('g').typ("1.1.13").enter();
        Keys(&mut app).answer(&format!("{keys} комментарий"));
        assert_eq!(
            app.form
                .session
                .answers("public_services", Some(0))
                .unwrap()["direct_contact_with_recipient"],
            serde_json::json!({"yes": yes, "comment": "комментарий"}),
            "{keys}"
        );
    }
    let mut app = example_app(Lang::Ru);
    Keys(&mut app)
        .ctrl('g')
        .typ("1.1.13")
        .enter()
        .typ("и при этом");
    assert!(app.editor.choice.is_none(), "a sentence, not an answer");
}

/// A line that drops while the user writes a yes/no's comment: the editor comes back in the
/// comment, at its end, and the sentence goes on there. Back on the choice, the rest of the
/// sentence was taken for a new answer: «нет» cleared, the comment replaced (found by a newcomer).
#[test]
fn a_comment_cut_off_by_a_dropped_line_goes_on_where_it_stopped() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("1.1.13").enter();
    // «нет», then into the comment with →, a sentence begun, and the line drops.
    app.update(key(KeyCode::Backspace), now());
    Keys(&mut app).typ("нет");
    app.update(key(KeyCode::Right), now());
    assert!(app.editor.on_comment);
    Keys(&mut app).typ(", факты не выявлены");
    app.shutdown(now());
    let saved = app.to_save();
    let text = saved.to_json_pretty();
    let (s, q) = session_from_str("resumed", &text, crate::common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "zhas-technikter-2017.json".into(), false);
    assert!(app.editor.on_comment, "back in the comment");
    let slot = app.stop().slot().unwrap().clone();
    Keys(&mut app).typ(", меры приняты").enter();
    let stored = app.form.session.get(&slot).cloned().unwrap();
    assert_eq!(stored["yes"], Value::Bool(false), "{stored}");
    let comment = stored["comment"].as_str().unwrap();
    assert!(
        comment.ends_with("факты не выявлены, меры приняты"),
        "{comment}"
    );
    // Once off the comment (Enter went on to the next question), a later start is not in one.
    let text = app.to_save().to_json_pretty();
    let (s, q) = session_from_str("again", &text, crate::common::registry()).unwrap();
    let app = App::new(q, s, Lang::Ru, "zhas-technikter-2017.json".into(), false);
    assert!(!app.editor.on_comment);
}

/// The copy of the report handed to the writer at a save shares its items with the editor's (a
/// report of 1,000 services was copied whole, 10 MB, at every save), and an answer given while the
/// writer works changes the editor's item only: the copy being written stays as it was handed over.
#[test]
fn a_save_shares_the_items_and_a_later_answer_does_not_reach_the_copy_being_written() {
    use std::sync::Arc;
    let mut app = example_app(Lang::Ru);
    let handed = app.to_save();
    let items = |s: &Session| s.sections["public_services"].items.clone();
    for (a, b) in items(&handed).iter().zip(items(&app.form.session).iter()) {
        assert!(Arc::ptr_eq(a, b), "shared, not copied");
    }
    // An answer in the second service while the first copy is still being written.
    Keys(&mut app).ctrl('g').typ("1.2.Q6a").enter();
    let slot = app.stop().slot().unwrap().clone();
    let before = handed.get(&slot).cloned();
    Keys(&mut app).typ("77").enter();
    assert_eq!(app.form.session.get(&slot), Some(&Value::from(77)));
    assert_eq!(
        handed.get(&slot).cloned(),
        before,
        "the copy handed over is untouched"
    );
    let (now, then) = (items(&app.form.session), items(&handed));
    assert!(
        Arc::ptr_eq(&now[0], &then[0]),
        "the other service is still shared"
    );
    assert!(
        !Arc::ptr_eq(&now[1], &then[1]),
        "the changed one was copied"
    );
}

/// A line that drops while the user corrects a word inside their text: the editor comes back with
/// the cursor at that letter, not at the end (found by a newcomer: the next letter landed there).
#[test]
fn a_correction_cut_off_by_a_dropped_line_goes_on_at_its_letter() {
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('g').typ("4.14").enter();
    let slot = app.stop().slot().unwrap().clone();
    Keys(&mut app).typ("тексеру жүргізілді");
    for _ in 0..11 {
        app.update(key(KeyCode::Left), now());
    }
    app.shutdown(now());
    let text = app.to_save().to_json_pretty();
    let (s, q) = session_from_str("resumed", &text, crate::common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Kk, "zhas-technikter-2017.json".into(), false);
    Keys(&mut app).typ("лер").enter();
    assert_eq!(
        app.form.session.get(&slot),
        Some(&Value::from("тексерулер жүргізілді"))
    );
    // At the end of the text, nothing is kept: the next start is at the end as always.
    let text = app.to_save().to_json_pretty();
    assert!(!text.contains("input_at"), "{text}");
}

/// A jump that the answer in hand refuses (a yes/no with text and no choice) says the user has
/// not moved: the sentence they type next would otherwise land in this question's comment, not in
/// the one they went for (found by a newcomer).
#[test]
fn a_refused_jump_says_the_user_has_not_moved() {
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.8").enter();
    let here = app.form.current;
    app.update(key(KeyCode::Backspace), now());
    Keys(&mut app).typ("1x2");
    Keys(&mut app).ctrl('g').typ("4.14").enter();
    assert_eq!(app.form.current, here);
    let (msg, _) = app.message.clone().unwrap();
    assert!(msg.starts_with("Переход не выполнен"), "{msg}");
    assert!(msg.contains("выбор не сделан"), "{msg}");
}

/// Keys that come in one burst (a fast typist, a slow link) are all taken before the live summary
/// is made again. The problem said on leaving a number must be the number's just stored: neither a
/// warning it has just put right, nor silence on one it has just made.
#[test]
fn the_problem_said_on_leaving_a_number_is_the_one_it_has_now() {
    let mut app = new_app(Lang::Kk);
    Keys(&mut app).ctrl('g').typ("1").enter().enter();
    Keys(&mut app).answer("Мүгедектік тағайындау");
    Keys(&mut app).answer("120").answer("50").answer("80");
    assert_eq!(app.form.summary.warnings(), 1, "50 + 80 is not 120");
    let burst = |app: &mut App, keys: &[Event]| {
        for k in keys {
            app.update_but_summary(k.clone(), now());
        }
    };
    let mut keys = vec![ctrl('g')];
    keys.extend("1.1.К1".chars().map(|c| key(KeyCode::Char(c))));
    keys.push(key(KeyCode::Enter));
    burst(&mut app, &keys);
    app.recompute();
    let retype = |app: &mut App, number: &str| {
        let mut keys = vec![key(KeyCode::Backspace); 3];
        keys.extend(number.chars().map(|c| key(KeyCode::Char(c))));
        keys.push(key(KeyCode::Enter));
        burst(app, &keys);
        let said = app.message.clone().map(|(m, _)| m).unwrap_or_default();
        app.recompute();
        app.update(key(KeyCode::Up), now());
        said
    };
    let said = retype(&mut app, "130");
    assert!(!said.contains("(120)"), "put right, and still said: {said}");
    assert_eq!(app.form.summary.warnings(), 0);
    let said = retype(&mut app, "100");
    assert!(
        said.contains("(130)") && said.contains("(100)"),
        "said: {said:?}"
    );
}

/// A decimal separator in a count is not dropped: «2,5» went in as 25, a number nobody typed. It
/// stays in the input with a word, and Enter asks for a whole number and stores nothing.
#[test]
fn a_fraction_typed_in_a_count_is_refused_not_made_another_number() {
    for (lang, fraction) in [(Lang::Ru, "2,5"), (Lang::Kk, "2.5")] {
        let mut app = example_app(lang);
        Keys(&mut app).ctrl('g').typ("4.Q1").enter();
        let stored = app.form.session.count("personnel", None, "staff_planned");
        Keys(&mut app).typ(fraction);
        assert_eq!(app.editor.raw_text(), fraction);
        let (msg, _) = app.message.clone().unwrap();
        assert!(msg.contains("целым") || msg.contains("бүтін"), "{msg}");
        Keys(&mut app).enter();
        assert_eq!(
            app.form.session.count("personnel", None, "staff_planned"),
            stored,
            "nothing stored"
        );
        assert_eq!(app.editor.raw_text(), fraction, "still there to correct");
        assert_eq!(
            where_is(&app),
            r#"{"section":"personnel","field":"staff_planned"}"#
        );
    }
}

/// The one-key usual answer never makes a corruption-risk finding: where «нет» is the risk
/// («is the commission duly approved?») it is refused with a word and nothing is stored; where «нет»
/// is the all-clear («were restrictions breached?») it answers as before.
#[test]
fn the_usual_answer_key_never_makes_a_risk() {
    let mut app = new_app(Lang::Ru);
    let slot = |field: &str| saualnama::session::Slot::Answer {
        section: "personnel".into(),
        item: None,
        field: field.into(),
    };
    Keys(&mut app).ctrl('g').typ("4.3").enter().ctrl('o');
    let (msg, _) = app.message.clone().unwrap();
    assert!(
        msg.contains("коррупционный риск") && msg.contains("«нет»"),
        "{msg}"
    );
    assert_eq!(
        app.form.session.value(&slot("commissions_duly_approved")),
        None
    );
    assert_eq!(app.form.summary.findings, 0);
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"commissions_duly_approved"}"#
    );
    Keys(&mut app).ctrl('g').typ("4.7").enter().ctrl('o');
    assert_eq!(
        app.form.session.value(&slot("restriction_breaches")),
        Some(serde_json::json!({"yes": false}))
    );
    assert_eq!(app.form.summary.findings, 0);
}

/// «иә» typed where the keyboard has no «ә»: «иа», «ия» are yes, as «жок» is no.
#[test]
fn kazakh_yes_without_the_letter_ae_is_yes() {
    for word in ["иа", "ия", "Иа"] {
        let mut app = new_app(Lang::Kk);
        Keys(&mut app)
            .ctrl('g')
            .typ("4.3")
            .enter()
            .typ(word)
            .enter();
        let slot = saualnama::session::Slot::Answer {
            section: "personnel".into(),
            item: None,
            field: "commissions_duly_approved".into(),
        };
        assert_eq!(
            app.form.session.value(&slot),
            Some(serde_json::json!({"yes": true})),
            "{word}"
        );
    }
}

/// The problems said on leaving a field are marked as the outline, the question and the summary
/// mark them: an error `✗`, first, then the warnings `!` (both were said with one `!`).
#[test]
fn the_problems_said_on_leaving_a_field_are_marked_errors_first() {
    let mut app = new_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("1").enter().enter();
    Keys(&mut app)
        .answer("Выдача справок")
        .answer("120")
        .tab(1)
        .answer("0");
    // Via the State Corporation more than rendered (an error), and the channels not adding up (a
    // warning), both at the field just left.
    Keys(&mut app).ctrl('g').typ("1.1.К2").enter().answer("150");
    let (said, _) = app.message.clone().unwrap();
    assert!(said.starts_with("✗ "), "{said}");
    assert!(said.contains(" · ! "), "{said}");
}

/// A share is said once both its sides are answered: with the refusals not yet entered the
/// refusal rate is «—», not 0 %; and refusals are a share of the applications (those served and
/// those refused), so that it cannot pass 100 % (it said 166,7 % for 200 refusals of 120 served).
#[test]
fn a_share_waits_for_both_its_sides_and_stays_within_the_whole() {
    let mut app = new_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("1").enter().enter();
    Keys(&mut app).answer("Выдача справок").answer("120");
    let share = |app: &App| {
        app.form
            .summary
            .indicators
            .iter()
            .find(|f| f.key == "public_services.refusal_share")
            .map(|f| (f.answered, f.value))
            .unwrap()
    };
    assert!(!share(&app).0, "refusals not entered: no rate yet");
    Keys(&mut app).ctrl('g').typ("1.1.К4").enter().answer("200");
    assert_eq!(share(&app), (true, Some(62.5)));
}

/// A yes/no's draft comes back with the choice typed with it, not the stored one. Found by a
/// newcomer: «Нет нарушений» (a sentence, no choice) over a stored «нет», then Ctrl-Q, came back
/// under «[x] нет» and was stored as no + «Нет нарушений» at the next quit; «нет, нарушения есть»
/// typed over a stored yes came back as a yes with that comment. A draft of a file from before the
/// choice was kept comes back with none: the user chooses again.
#[test]
fn a_yes_or_no_draft_comes_back_with_the_choice_typed_with_it() {
    let reopen = |app: &mut App| {
        app.shutdown(now());
        let text = app.to_save().to_json_pretty();
        let (s, q) = session_from_str("resumed", &text, crate::common::registry()).unwrap();
        App::new(q, s, Lang::Ru, "zhas-technikter-2017.json".into(), false)
    };
    // 4.7: stored no. A sentence with no choice.
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.7").enter();
    let slot = app.stop().slot().unwrap().clone();
    let stored = app.form.session.get(&slot).cloned();
    assert_eq!(
        stored.as_ref().map(|v| v["yes"].clone()),
        Some(Value::Bool(false))
    );
    Keys(&mut app).typ("Нет нарушений");
    assert_eq!(app.editor.choice, None);
    let mut app = reopen(&mut app);
    assert_eq!(
        app.form.session.get(&slot).cloned(),
        stored,
        "nothing stored"
    );
    assert_eq!(app.editor.choice, None, "no choice, as it was left");
    assert_eq!(app.editor.raw_text(), "Нет нарушений");
    let (msg, _) = app.message.clone().expect("says no choice is made");
    assert!(msg.starts_with("Выбор не сделан"), "{msg}");
    // Quitting again stores nothing either; the user's own choice then stores it.
    let mut app = reopen(&mut app);
    assert_eq!(app.form.session.get(&slot).cloned(), stored);
    Keys(&mut app).enter();
    Keys(&mut app).answer("да");
    assert_eq!(
        app.form.session.get(&slot).cloned(),
        Some(serde_json::json!({"yes": true, "comment": "Нет нарушений"}))
    );

    // 4.4: stored yes. «нет, нарушения есть» comes back as a no with its comment.
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.4").enter();
    let slot = app.stop().slot().unwrap().clone();
    assert_eq!(
        app.form.session.get(&slot).unwrap()["yes"],
        Value::Bool(true)
    );
    Keys(&mut app).typ("нет, нарушения есть");
    // The line drops before the answer is committed: only the draft is in the file.
    app.stash_draft();
    let text = app.to_save().to_json_pretty();
    let (s, q) = session_from_str("dropped", &text, crate::common::registry()).unwrap();
    let mut app = App::new(q, s, Lang::Ru, "zhas-technikter-2017.json".into(), false);
    assert_eq!(
        app.editor.choice,
        Some(false),
        "the no typed, not the stored yes"
    );
    Keys(&mut app).enter();
    assert_eq!(
        app.form.session.get(&slot).cloned(),
        Some(serde_json::json!({"yes": false, "comment": "нарушения есть"}))
    );

    // A draft from a file that does not say its choice: none.
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.4").enter();
    Keys(&mut app).typ("нет, нарушения есть");
    app.stash_draft();
    let mut saved: Value = serde_json::from_str(&app.to_save().to_json_pretty()).unwrap();
    let removed = saved["cursor"]
        .as_object_mut()
        .and_then(|c| c.remove("draft_choice"));
    assert_eq!(removed, Some(Value::Bool(false)), "{saved}");
    let (s, q) = session_from_str("old", &saved.to_string(), crate::common::registry()).unwrap();
    let app = App::new(q, s, Lang::Ru, "zhas-technikter-2017.json".into(), false);
    assert_eq!(app.editor.raw_text(), "нарушения есть");
    assert_eq!(app.editor.choice, None);
}

/// ↓ on a yes/no's choice goes to the next question, as it does everywhere else and as F1 says
/// («Tab / ↓ — следующий вопрос»); → and Space open the comment. With ↓ opening the comment, a
/// newcomer who pressed it to move on typed «нет» into the comment of a question answered «да»,
/// stored as «да. нет».
#[test]
fn down_on_a_yes_or_no_goes_to_the_next_question_not_into_the_comment() {
    let mut app = on_yes_no(Lang::Ru);
    let here = app.form.current;
    let before = yes_no_at(&app, 0, "legal_conflicts_unregulated");
    app.update(key(KeyCode::Down), now());
    assert!(!app.editor.on_comment);
    assert_eq!(app.form.current, here + 1, "on the next question");
    Keys(&mut app).answer("нет");
    assert_eq!(yes_no_at(&app, 0, "legal_conflicts_unregulated"), before);
    // A one-key answer and ↓: the answer, and on to the next one, as Tab.
    let mut app = on_yes_no(Lang::Ru);
    app.update(key(KeyCode::Backspace), now());
    Keys(&mut app).typ("н");
    app.update(key(KeyCode::Down), now());
    assert_eq!(app.form.current, here + 1);
    assert_eq!(
        yes_no_at(&app, 0, "legal_conflicts_unregulated"),
        Some(serde_json::json!({"yes": false}))
    );
}

/// ↑ and ↓ in an answer wrapped to several rows move a row within it, and leave the question only
/// from its first or last row. By lines of text, a long answer (one line wrapped to many rows) was
/// left from any row, and at 80×24 the rows scrolled out of view were out of reach (found by a
/// newcomer). A yes/no's comment alike: ↑ goes back to the choice from its first row only.
#[test]
fn up_and_down_move_by_the_rows_of_a_wrapped_answer() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use saualnama::tui::view::{Theme, view};
    let draw = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
        t.draw(|f| view(app, f, &Theme { color: false })).unwrap();
    };
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('g').typ("4.14").enter();
    let here = app.form.current;
    let paragraph =
        "Қызметкерлердің біліктілігін арттыру жоспары орындалды, тексеру жүргізілді. ".repeat(4);
    app.update(Event::Paste(paragraph.clone()), now());
    draw(&app);
    let rows = |app: &App| app.editor.area.screen_cursor().row;
    let last = rows(&app);
    assert!(last >= 4, "wrapped to several rows: {last}");
    for n in 1..=last {
        app.update(key(KeyCode::Up), now());
        draw(&app);
        assert_eq!(app.form.current, here, "still on the question after {n} ↑");
        assert_eq!(rows(&app), last - n);
    }
    app.update(key(KeyCode::Down), now());
    assert_eq!((app.form.current, rows(&app)), (here, 1));
    // From the first row, ↑ leaves: the answer is stored whole.
    app.update(key(KeyCode::Up), now());
    app.update(key(KeyCode::Up), now());
    assert_eq!(app.form.current, here - 1);
    assert_eq!(
        app.form
            .session
            .answers("personnel", None)
            .unwrap()
            .get("other"),
        Some(&Value::from(paragraph.trim_end()))
    );

    // A yes/no's comment of several rows: ↑ moves up it, and from its first row to the choice.
    let mut app = example_app(Lang::Ru);
    Keys(&mut app).ctrl('g').typ("4.4").enter();
    app.update(key(KeyCode::Right), now());
    app.update(Event::Paste(format!(" {paragraph}")), now());
    draw(&app);
    let last = rows(&app);
    assert!(last >= 2, "{last}");
    for _ in 0..last {
        app.update(key(KeyCode::Up), now());
        assert!(app.editor.on_comment);
    }
    app.update(key(KeyCode::Up), now());
    assert!(!app.editor.on_comment, "back on the choice");
    // ↓ on the choice goes on, wherever the comment's cursor stands.
    let here = app.form.current;
    app.update(key(KeyCode::Down), now());
    assert_eq!(app.form.current, here + 1);
}
