//! The editor driven through `update`, key by key, as a user would.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use saualnama::i18n::Lang;
use saualnama::questionnaire::Registry;
use saualnama::session::Session;
use saualnama::store::session_from_str;
use saualnama::tui::app::App;
use serde_json::Value;

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
            self.0.update(key(KeyCode::Char(c)));
        }
        self
    }
    fn enter(&mut self) -> &mut Self {
        self.0.update(key(KeyCode::Enter));
        self
    }
    /// Type an answer and commit it.
    fn answer(&mut self, s: &str) -> &mut Self {
        self.typ(s).enter()
    }
    fn tab(&mut self, n: usize) -> &mut Self {
        for _ in 0..n {
            self.0.update(key(KeyCode::Tab));
        }
        self
    }
    /// The one-key commonest answer, `n` times.
    fn none(&mut self, n: usize) -> &mut Self {
        for _ in 0..n {
            self.0.update(ctrl('o'));
        }
        self
    }
    fn ctrl(&mut self, c: char) -> &mut Self {
        self.0.update(ctrl(c));
        self
    }
}

fn new_app(lang: Lang) -> App {
    let q = Registry::bundled().default_form().clone();
    let s = Session::new(&q, "2026-01-01T00:00:00Z".into());
    App::new(q, s, lang, "report.json".into(), false)
}

fn example_text() -> &'static str {
    include_str!("../examples/zhas-technikter-2017.json")
}

fn without_timestamps(mut v: Value) -> Value {
    let o = v.as_object_mut().unwrap();
    o.remove("created");
    o.remove("modified");
    v
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
        .answer("2017-06");
    // Annex 1, service 1.
    k.enter().answer("Балаларға қосымша білім беру үшін құжаттар қабылдау және қосымша білім беру ұйымдарына қабылдау");
    k.answer("93").none(1).answer("93").none(2).tab(4);
    k.none(1)
        .answer("мерзімдер бұзылған жоқ")
        .answer("келіп түскен жоқ")
        .none(2); // Q1–Q5
    k.none(1).tab(1).none(1); // Q6 no, Q7 blank, Q8 no
    k.typ("y").answer(REFUSAL_NORM).none(1).tab(1).none(1); // Q9 yes, Q10 no, Q11 blank, Q12 no
    k.typ("н").answer(CONTACT).answer(INFO); // Q13 yes on a Cyrillic layout, Q14
    // Service 2: what the seed kept of it.
    k.enter().answer(
        "Мектепке дейінгі тәрбие мен оқыту, бастауыш, негізгі орта, жалпы орта, техникалық және кәсіптік, орта білімнен кейінгі білім беру бағдарламаларын іске асыратын білім беру ұйымдарының педагог қызметкерлері мен оларға теңестірілген тұлғаларға біліктілік санаттарын беру (растау) үшін оларды аттестаттаудан өткізуге құжаттар қабылдау",
    );
    k.answer("2").tab(1).answer("2").none(6).tab(8);
    k.typ("y")
        .answer(REFUSAL_NORM)
        .none(3)
        .typ("y")
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
    k.none(2)
        .typ("y")
        .answer("Қызметкерлердің біліктілігін арттыру жоспарына сәйкес сақталды.");
    k.answer("Жұмыс күнінің басында жұмыс орнында дәлелді себепсіз болмау (кешігу) фактілері анықталған.");
    k.none(7);
    k.answer("Жасырын сауалнаманың қорытындысы өңделеді, талданады және негізделген басқару шешімдерін қабылдауға әсер етеді.");

    let got = without_timestamps(serde_json::to_value(&app.session).unwrap());
    let want = without_timestamps(serde_json::from_str(example_text()).unwrap());
    assert_eq!(
        got,
        want,
        "got:\n{}",
        serde_json::to_string_pretty(&got).unwrap()
    );
    assert!(app.needs_save, "a committed answer asks for a save");
}

fn example_app(lang: Lang) -> App {
    let (s, q) = session_from_str("example", example_text(), &Registry::bundled()).unwrap();
    App::new(q, s, lang, "zhas-technikter-2017.json".into(), false)
}

fn where_is(app: &App) -> String {
    serde_json::to_string(&app.session.cursor).unwrap()
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
    assert_eq!(app.summary.totals["personnel.staff_planned"], 7);
    Keys(&mut app).typ("3");
    assert_eq!(app.summary.totals["personnel.staff_planned"], 73);
    assert_eq!(
        app.session.count("personnel", None, "staff_planned"),
        Some(42),
        "not committed yet"
    );
    // No overflow: a count is at most 12 digits.
    Keys(&mut app).typ("99999999999999999999");
    assert!(app.editor.raw_text().len() <= 12);
    Keys(&mut app).0.update(key(KeyCode::Esc));
    assert_eq!(
        app.editor.raw_text(),
        "42",
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
    Keys(&mut app).ctrl('g').typ("1.9").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"public_services","item":1,"field":"standard_has_refusal_grounds"}"#,
        "stays in the item"
    );
    Keys(&mut app).ctrl('g').typ("3.13").enter();
    assert!(app.message.as_ref().unwrap().0.contains("No such question"));
    Keys(&mut app).ctrl('g').typ("4").enter();
    assert_eq!(
        where_is(&app),
        r#"{"section":"personnel","field":"staff_planned"}"#
    );
}

#[test]
fn next_unanswered_next_problem_and_search() {
    let mut app = example_app(Lang::En);
    Keys(&mut app).ctrl('u');
    assert_eq!(
        where_is(&app),
        r#"{"section":"public_services","item":0,"field":"complaints_staff"}"#,
        "the first unanswered after 4.14, wrapping round"
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
        app.update(key(KeyCode::Backspace));
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
    assert_eq!(app.session.item_count("public_services"), 3);
    // Move it up, to the second place.
    Keys(&mut app).ctrl('g').typ("1.3").enter();
    Keys(&mut app).ctrl('t');
    app.update(key(KeyCode::Up));
    app.update(key(KeyCode::Esc));
    assert_eq!(
        app.session.item_name("public_services", 1),
        Some("Үшінші қызмет")
    );
    // Delete asks first; n keeps it.
    Keys(&mut app).ctrl('t');
    app.update(key(KeyCode::Delete));
    Keys(&mut app).typ("n");
    assert_eq!(app.session.item_count("public_services"), 3);
    Keys(&mut app).ctrl('t');
    app.update(key(KeyCode::Delete));
    Keys(&mut app).typ("y");
    assert_eq!(app.session.item_count("public_services"), 2);
    assert_eq!(
        app.session
            .item_name("public_services", 1)
            .map(|n| n.starts_with("Мектепке")),
        Some(true)
    );
}

#[test]
fn yes_no_on_both_layouts_and_paste() {
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('g').typ("1.1.7").enter();
    Keys(&mut app).typ("т").typ("коллизия табылмады").enter();
    let a = app.session.answers("public_services", Some(0)).unwrap()["legal_conflicts_unregulated"]
        .clone();
    assert_eq!(
        a,
        serde_json::json!({"yes": false, "comment": "коллизия табылмады"})
    );
    // A multi-line paste stays whole in a text answer; a paste into a count is refused if not digits.
    Keys(&mut app).ctrl('g').typ("1.2.2").enter();
    app.update(Event::Paste("бірінші жол\r\nекінші жол".into()));
    Keys(&mut app).enter();
    let a = app.session.answers("public_services", Some(1)).unwrap()["deadline_violation_reasons"]
        .clone();
    assert_eq!(a, "бірінші жол\nекінші жол");
    Keys(&mut app).ctrl('g').typ("1.1.Q6a").enter();
    app.update(Event::Paste("12 шт".into()));
    assert!(app.message.is_some());
    assert_eq!(app.editor.raw_text(), "");
}

#[test]
fn language_switches_everything() {
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('l');
    assert_eq!(app.lang, Lang::Ru);
    assert!(
        app.summary.problems[0]
            .message
            .contains("Фактическая численность")
    );
    assert_eq!(app.session.language, Some(Lang::Ru));
}

#[test]
fn quit_keeps_an_unfinished_answer_as_a_draft() {
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).typ("жартылай жазылған");
    Keys(&mut app).ctrl('q');
    assert!(app.quit);
    // Text answers commit on quit.
    assert_eq!(
        app.session.answers("personnel", None).unwrap()["other"],
        "жартылай жазылған"
    );
    // An invalid value stays a draft instead of being lost.
    let mut app = example_app(Lang::Kk);
    Keys(&mut app).ctrl('g').typ("4.Q1").enter();
    app.update(key(KeyCode::Backspace));
    app.update(key(KeyCode::Backspace));
    Keys(&mut app).typ("4");
    app.update(Event::Paste("5".into()));
    Keys(&mut app).ctrl('g').typ("1.1.4").enter();
    // Typing into a stored number replaces it, as in a spreadsheet cell.
    Keys(&mut app).typ("150").ctrl('q');
    assert_eq!(
        app.session.cursor.as_ref().unwrap().draft.as_deref(),
        Some("150")
    );
    let reopened = App::new(
        app.q.clone(),
        app.session.clone(),
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
