//! Kazakh and Russian as a civil servant writes them: every interface text, every message with data
//! in it, and every text of the bundled form, checked against `docs/glossary.md` for what a machine can
//! check — no straight quotes, no Latin words outside the product's and the keys' names, no decimal
//! point, none of the words the glossary rules out.

use saualnama::i18n::Lang;
use saualnama::ui_text::Ui;
use serde_json::Value;

/// Latin words a Kazakh or Russian text may hold: names of the program, keys, formats, commands.
const LATIN_OK: &[&str] = &[
    "saualnama",
    "Ctrl",
    "Alt",
    "Enter",
    "Esc",
    "Tab",
    "PgDn",
    "PgUp",
    "Home",
    "End",
    "JSON",
    "Word",
    "Excel",
    "CSV",
    "HTML",
    "Markdown",
    "UTF",
    "stdout",
    "stdin",
    "DIR",
    "ID",
    "id",
    "PATH",
    "FILE",
    "TERM",
    "dumb",
    "report",
    "json",
    "xlsx",
    "docx",
    "md",
    "csv",
    "html",
    "README",
    "English",
    "roff",
    "man",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
    "LibreOffice",
    "chmod",
    "kk",
    "ru",
    "en",
    "yes",
    "no",
    "comment",
    "true",
    "false",
    "none",
    "help",
    "next",
    "back",
    "go",
    "summary",
    "findings",
    "quit",
    "validate",
    "export",
    "blank",
    "new",
    "format",
    "questionnaires",
];

/// Words the glossary rules out (lower case, whole words).
const NOT_RU: &[&str] = &[
    "раздел",
    "раздела",
    "разделе",
    "разделы",
    "разделов",
    "гк",
    "занять",
    "занят",
    "делитель",
    "шапка",
];
const NOT_KK: &[&str] = &["бөлім", "бөлімде", "бөлімдер", "үлгілер"];
/// The interface's own: committing an answer is «енгізу»; «бекіту» (approve) stays for the form's
/// recommendations, where approving is meant.
const NOT_KK_INTERFACE: &[&str] = &["бекітіп", "бекіту", "ескерту", "ескертулер"];
const NOT_KK_PHRASES: &[&str] = &[
    "ұстап алу",
    "тақырып бөлігі",
    "тек сандар",
    "теріс негіздер",
];

/// Question numbers and navigation examples («4.10», «1.2.Q3») are not decimals.
const NUMBERS_OK: &[Ui] = &[Ui::GoToPrompt, Ui::DescGoTo, Ui::CliNumber, Ui::PlainHelp];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What is wrong with `text` in `lang`, if anything.
fn problems(text: &str, lang: Lang, numbers_ok: bool) -> Vec<String> {
    let mut out = Vec::new();
    // Places the program fills in ({left}) and JSON shapes are not prose.
    let prose: String = {
        let mut s = String::new();
        let mut depth = 0;
        for c in text.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth > 0 => depth -= 1,
                c if depth == 0 => s.push(c),
                _ => {}
            }
        }
        s
    };
    if prose.contains('"') {
        out.push("a straight quote".to_owned());
    }
    for w in words(&prose) {
        let latin = w.chars().all(|c| c.is_ascii_alphabetic());
        if latin && w.len() > 1 && !LATIN_OK.contains(&w.as_str()) {
            out.push(format!("the Latin word {w:?}"));
        }
    }
    let chars: Vec<char> = prose.chars().collect();
    if !numbers_ok
        && chars
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit())
    {
        out.push("a decimal point".to_owned());
    }
    let lower = prose.to_lowercase();
    let ws = words(&lower);
    let (banned, phrases): (&[&str], &[&str]) = match lang {
        Lang::Ru => (NOT_RU, &[]),
        Lang::Kk => (NOT_KK, NOT_KK_PHRASES),
        Lang::En => (&[], &[]),
    };
    for b in banned {
        if ws.iter().any(|w| w == b) {
            out.push(format!("the word «{b}» (see docs/glossary.md)"));
        }
    }
    for p in phrases {
        if lower.contains(p) {
            out.push(format!("«{p}» (see docs/glossary.md)"));
        }
    }
    out
}

#[test]
fn interface_texts_follow_the_glossary() {
    let mut found = Vec::new();
    for t in Ui::ALL {
        // The JSON shape of a yes/no answer is shown as it is written.
        if *t == Ui::NotYesNo {
            continue;
        }
        for lang in [Lang::Kk, Lang::Ru] {
            let mut ps = problems(t.get(lang), lang, NUMBERS_OK.contains(t));
            if lang == Lang::Kk {
                let ws = words(&t.get(lang).to_lowercase());
                ps.extend(
                    NOT_KK_INTERFACE
                        .iter()
                        .filter(|b| ws.iter().any(|w| w == *b))
                        .map(|b| format!("the word «{b}» (see docs/glossary.md)")),
                );
            }
            for p in ps {
                found.push(format!("{t:?} ({lang}): {p}: {}", t.get(lang)));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// Every {kk, ru, en} text of the bundled form, found wherever it is.
fn form_texts(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(o) => {
            if let (Some(Value::String(kk)), Some(Value::String(ru))) = (o.get("kk"), o.get("ru")) {
                out.push((kk.clone(), ru.clone()));
            }
            for x in o.values() {
                form_texts(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| form_texts(x, out)),
        _ => {}
    }
}

#[test]
fn the_forms_texts_follow_the_glossary() {
    let q = crate::common::registry().default_form();
    let mut texts = Vec::new();
    form_texts(&serde_json::to_value(q).unwrap(), &mut texts);
    assert!(texts.len() > 300, "{} texts read", texts.len());
    let mut found = Vec::new();
    for (kk, ru) in &texts {
        for (lang, t) in [(Lang::Kk, kk), (Lang::Ru, ru)] {
            // The penalty itself is «ескерту» in the form (4 Q9a): only the interface avoids it.
            for p in problems(t, lang, false) {
                found.push(format!("({lang}) {p}: {t}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_finds_what_it_looks_for() {
    assert_eq!(
        problems("В этом разделе \"x\" 9.1", Lang::Ru, false).len(),
        3
    );
    assert_eq!(
        problems("разделитель столбцов", Lang::Ru, false),
        Vec::<String>::new()
    );
    assert_eq!(problems("Тек сандар, Ctrl-G", Lang::Kk, false).len(), 1);
    assert_eq!(
        problems("через ГК «Xyz»", Lang::Ru, false).len(),
        2,
        "ГК and a Latin word"
    );
}

/// The messages built with data in them, and the analytical report's running text on the example.
/// `text` without the items' places that stand before a dash («1.2 — »).
fn without_places(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split(" — ").enumerate() {
        if i > 0 {
            out.push_str(" — ");
        }
        // The word just before the dash: a place when it is digits and points only.
        let (head, last) = part.rsplit_once(' ').unwrap_or(("", part));
        if last.contains('.') && last.chars().all(|c| c.is_ascii_digit() || c == '.') {
            out.push_str(head);
            out.push(' ');
        } else {
            out.push_str(part);
        }
    }
    out
}

#[test]
fn built_texts_follow_the_glossary() {
    use saualnama::msg::Msg;
    let msgs = [
        Msg::NotUtf8,
        Msg::NotASession {
            found: "x".into(),
            expected: "y".into(),
        },
        Msg::NewerVersion {
            id: "f".into(),
            version: "2".into(),
            have: "1".into(),
        },
        Msg::UnknownQuestionnaire {
            id: "f".into(),
            known: "g".into(),
        },
        Msg::NoSuchQuestionnaire { known: "g".into() },
        Msg::AnswersBelongInItems {
            section: "s".into(),
        },
        Msg::NoItems {
            section: "s".into(),
        },
        Msg::OwnerChanges {
            owner: "alice".into(),
            you: "bob".into(),
        },
        Msg::GroupChanges { group: "wg".into() },
    ];
    let mut found = Vec::new();
    for m in &msgs {
        for lang in [Lang::Kk, Lang::Ru] {
            // Data (ids, names, the option's name) is the caller's; the words are checked.
            let text = m.render(lang);
            let text = text.replace("--questionnaires", "");
            for p in problems(&text, lang, false)
                .into_iter()
                .filter(|p| !p.contains("straight quote") && !p.contains("Latin word"))
            {
                found.push(format!("{m:?} ({lang}): {p}: {text}"));
            }
        }
    }
    let (s, q) = saualnama::sample::example();
    for lang in [Lang::Kk, Lang::Ru] {
        let doc = saualnama::export::analytical_report(&q, &s, lang);
        for p in &doc.paragraphs {
            if let saualnama::export::Para::Text(t) | saualnama::export::Para::Heading(t) = p {
                // A paragraph's own number («1.2.») is no decimal; a section of the report is a
                // «бөлім» / «раздел» (an annex of the form is not).
                let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
                // Nor is an item's place in the form's numbering before its questions («1.2 —
                // вопросы 1, 2»): a decimal is written with a comma.
                let t = &without_places(t);
                for pr in problems(t, lang, false)
                    .into_iter()
                    .filter(|p| !p.contains("бөлім") && !p.contains("раздел"))
                {
                    found.push(format!("analytical ({lang}): {pr}: {t}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// What the commands print in Russian: types by their Russian names, a breakdown's part with its
/// group, the CSV's kinds and types in words, the lock holder in Russian.
#[test]
fn command_output_speaks_the_language() {
    use crate::common::{example_path, run, stdout};
    let outline = stdout(&run(&["outline", "-l", "ru"]));
    assert!(
        outline.contains(" число ") && outline.contains(" да / нет "),
        "{outline}"
    );
    assert!(
        !outline.contains(" count ") && !outline.contains(" yes_no "),
        "{outline}"
    );
    let ex = example_path();
    let summary = stdout(&run(&["summary", ex.to_str().unwrap(), "-l", "ru"]));
    assert!(
        summary.contains("Поступило жалоб (на сотрудника)"),
        "{summary}"
    );
    // A part of a breakdown is named with its group in brackets: followed by «: value», it read
    // «Применено дисциплинарных взысканий: замечание: 2».
    let findings = stdout(&run(&["findings", ex.to_str().unwrap(), "-l", "ru"]));
    assert!(
        findings.contains("Применено дисциплинарных взысканий (замечание): 2"),
        "{findings}"
    );
    let csv = stdout(&run(&[
        "export",
        ex.to_str().unwrap(),
        "--format",
        "csv",
        "-l",
        "ru",
        "-o",
        "-",
    ]));
    let row = csv
        .lines()
        .find(|l| l.contains(";services_rendered;"))
        .unwrap();
    assert!(
        row.contains(";показатель;") && row.contains(";число;"),
        "{row}"
    );
    let holder = saualnama::presence::Record {
        user: "alice".into(),
        uid: 1001,
        pid: 42,
        since: "2026-11-28T09:00:00Z".into(),
        part: Some("annex:personnel".into()),
        entered: Some("2026-11-28T10:42:07Z".into()),
    };
    assert_eq!(holder.describe(Lang::Ru), "alice (с 10:42)");
    assert_eq!(holder.describe(Lang::Kk), "alice (10:42-ден бастап)");
}

/// An answer that does not fit is answered with a whole instruction, not a fragment.
#[test]
fn the_editor_says_what_to_type() {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let (s, q) = saualnama::sample::example();
    let mut app = saualnama::tui::app::App::new(q, s, Lang::Ru, "r.json".into(), false);
    let now = std::time::SystemTime::now();
    let key = |c, m| Event::Key(KeyEvent::new(c, m));
    app.update(key(KeyCode::Char('g'), KeyModifiers::CONTROL), now);
    app.update(Event::Paste("1.1.4".into()), now);
    app.update(key(KeyCode::Enter, KeyModifiers::NONE), now);
    app.update(key(KeyCode::Backspace, KeyModifiers::NONE), now);
    app.update(key(KeyCode::Backspace, KeyModifiers::NONE), now);
    app.update(key(KeyCode::Backspace, KeyModifiers::NONE), now);
    app.update(Event::Paste("150".into()), now);
    app.update(key(KeyCode::Enter, KeyModifiers::NONE), now);
    let said = app
        .message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default();
    assert_eq!(said, "Введите процент от 0 до 100");
}

/// No Latin «Q» on Kazakh and Russian screens: the indicators read «К1», «К9а», and «4.К9а» (or
/// «4.Q9a», or «4.й9а» from the Q key) goes to them.
#[test]
fn indicators_are_numbered_in_cyrillic_and_found_either_way() {
    use crate::common::run;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let outline = crate::common::stdout(&run(&["outline", "-l", "ru"]));
    assert!(
        outline.contains("К9а") && !outline.contains("Q9a"),
        "{outline}"
    );
    assert!(crate::common::stdout(&run(&["outline", "-l", "en"])).contains("Q9a"));
    for target in ["4.К9а", "4.Q9a", "4.й9а", "4,к9а"] {
        let (s, q) = saualnama::sample::example();
        let mut app = saualnama::tui::app::App::new(q, s, Lang::Ru, "r.json".into(), false);
        let now = std::time::SystemTime::now();
        app.update(
            Event::Key(KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL)),
            now,
        );
        app.update(Event::Paste(target.into()), now);
        app.update(
            Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            now,
        );
        let field = match app.stop() {
            saualnama::tui::nav::Stop::Slot(saualnama::session::Slot::Answer { field, .. }, _) => {
                field.clone()
            }
            other => panic!("{target}: {other:?}"),
        };
        assert_eq!(field, "penalty_remark", "{target}");
    }
}

/// A mistake on the command line is said in the language asked for, with the way to the help, and
/// exits 2: clap said «the following required arguments were not provided» whatever `-l` said.
#[test]
fn command_line_mistakes_are_said_in_the_language() {
    use crate::common::{example_path, run, stderr};
    let ex = example_path();
    let ex = ex.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["summary", "-l", "ru"],
            "ошибка: не указан обязательный аргумент: <FILE>",
        ),
        (
            &["summary", "-l", "kk"],
            "қате: міндетті аргумент берілмеген: <FILE>",
        ),
        (
            &["--bogus", "-l", "ru"],
            "ошибка: лишний или неизвестный аргумент: --bogus",
        ),
        (
            &["--bogus", "-l", "kk"],
            "қате: артық немесе белгісіз аргумент: --bogus",
        ),
        (
            &["export", ex, "--format", "doc", "-l", "ru"],
            "недопустимое значение «doc» для --format <FORMAT>; допустимые значения: docx, xlsx, html, md, csv, json",
        ),
        (
            &["export", ex, "--format", "doc", "-l", "en"],
            "error: invalid value 'doc' for --format <FORMAT>; possible values: docx, xlsx",
        ),
    ];
    for (args, said) in cases {
        let o = run(args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(err.contains("saualnama --help"), "{args:?}: {err}");
        if !args.contains(&"en") {
            assert!(
                !err.contains("error:") && !err.contains("Usage"),
                "{args:?}: {err}"
            );
        }
    }
}

/// A report that is not there, or a folder named for one, is said in the language asked for (the
/// system says «No such file or directory (os error 2)»).
#[test]
fn a_missing_report_is_said_in_the_language() {
    use crate::common::{run, stderr};
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("нет.json");
    let folder = dir.path().to_str().unwrap();
    for (args, said) in [
        (
            vec!["summary", missing.to_str().unwrap(), "-l", "ru"],
            "такого файла нет",
        ),
        (
            vec!["findings", missing.to_str().unwrap(), "-l", "kk"],
            "мұндай файл жоқ",
        ),
        (vec!["validate", folder, "-l", "ru"], "это папка, а не файл"),
        (
            vec!["summary", folder, "-l", "en"],
            "this is a folder, not a file",
        ),
    ] {
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(!err.contains("os error"), "{args:?}: {err}");
    }
}
