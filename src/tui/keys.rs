//! The one key table. Every key the editor answers to is a row here: its action, the place it works
//! in, and its help text. `App::update` dispatches through it, the `F1` help and the status line are
//! drawn from it, texts name keys through it (`{quick}` in a text becomes `Ctrl-O / F3`), and a test
//! holds the README's key table to it. Adding a key is one row here and one match arm in `app`.

use crate::i18n::Lang;
use crate::ui_text::Ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::borrow::Cow;

/// What a key does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    // Anywhere in the editor.
    Quit,
    Save,
    Lang,
    // On a question.
    Next,
    Prev,
    Commit,
    Newline,
    Quick,
    NextAnnex,
    PrevAnnex,
    GoTo,
    NextUnanswered,
    NextProblem,
    Search,
    Findings,
    AddItem,
    ItemMenu,
    Undo,
    Redo,
    Revert,
    History,
    Outline,
    Summary,
    Help,
    // On the yes/no choice of a question.
    Yes,
    No,
    ToComment,
    ClearChoice,
    // In the comment of a yes/no question.
    ToChoice,
    // The item menu.
    ItemAdd,
    ItemRename,
    ItemDelete,
    ItemUp,
    ItemDown,
    // Asked before deleting an item.
    ConfirmDelete,
    KeepItem,
    // An answer's history.
    Choose,
    // The findings list.
    FindingNext,
    FindingPrev,
    FindingOpen,
    // Help, prompts and lists.
    ScrollDown,
    ScrollUp,
    Close,
}

/// Where a binding works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere in the editor, before anything else.
    Global,
    /// On a question (the field being typed into).
    Form,
    /// On the yes/no choice of a question.
    Choice,
    /// In the comment of a yes/no question.
    Comment,
    /// The item menu (`Ctrl-T`).
    ItemMenu,
    /// The question before an item is deleted.
    Confirm,
    /// The findings list.
    Findings,
    /// An answer's history, with its conflict.
    History,
    /// Help, go-to and search.
    Overlay,
}

impl Context {
    /// In the order the help screen lists them.
    pub const ALL: [Context; 9] = [
        Context::Form,
        Context::Choice,
        Context::Comment,
        Context::Global,
        Context::ItemMenu,
        Context::Confirm,
        Context::Findings,
        Context::History,
        Context::Overlay,
    ];

    pub fn title(self) -> Ui {
        match self {
            Context::Global => Ui::CtxGlobal,
            Context::Form => Ui::CtxForm,
            Context::Choice => Ui::CtxChoice,
            Context::Comment => Ui::CtxComment,
            Context::ItemMenu => Ui::CtxItemMenu,
            Context::Confirm => Ui::CtxConfirm,
            Context::Findings => Ui::CtxFindings,
            Context::History => Ui::CtxHistory,
            Context::Overlay => Ui::CtxOverlay,
        }
    }
}

/// One key: a code and the modifiers it needs (Shift is ignored on letters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    /// The interfaces whose readers press it for this action; every one when empty. The Y key types
    /// `y` on a Latin layout and «н» on a Cyrillic one, yes to one reader and no to the other
    /// (`answer::layout_slip`), and «и» is no yes to a Russian reader.
    pub only: &'static [Lang],
}

const EN: &[Lang] = &[Lang::En];
const KK: &[Lang] = &[Lang::Kk];
const RU: &[Lang] = &[Lang::Ru];
const KK_RU: &[Lang] = &[Lang::Kk, Lang::Ru];

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
        only: &[],
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

/// A letter that means this only to readers of `only`.
const fn ch_in(c: char, only: &'static [Lang]) -> Key {
    Key {
        only,
        ..plain(KeyCode::Char(c))
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        only: &[],
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
        only: &[],
    }
}

impl Key {
    /// How the help, the README and the texts write it.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Insert => "Insert".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }

    /// The short form of the status line: `^Q` for Ctrl-Q.
    pub fn short(&self) -> String {
        match self.code {
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                format!("^{}", c.to_ascii_uppercase())
            }
            _ => self.label(),
        }
    }

    /// Whether a reader of `lang` presses this key for what the table says.
    pub fn reads(&self, lang: Lang) -> bool {
        self.only.is_empty() || self.only.contains(&lang)
    }

    /// The same key, whoever it is for.
    pub fn same(&self, other: &Key) -> bool {
        self.code == other.code && self.mods == other.mods
    }

    pub fn matches(&self, k: &KeyEvent) -> bool {
        // Shift is part of the character (Y, Д) and of Shift-Tab; Alt and Ctrl must be as written.
        let mods = k.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if mods != self.mods {
            return false;
        }
        match (self.code, k.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => {
                a == b || b.to_lowercase().eq(std::iter::once(a))
            }
            (a, b) => a == b,
        }
    }
}

/// One row of the table.
pub struct Binding {
    pub action: Action,
    pub context: Context,
    pub keys: &'static [Key],
    /// What the help says it does.
    pub help: Ui,
    /// The word on the status line, for the few keys shown there.
    pub status: Option<Ui>,
    /// The name texts use for it: `{quick}`.
    pub name: &'static str,
}

macro_rules! bindings {
    ($($action:ident, $ctx:ident, [$($key:expr),+ $(,)?], $help:ident, $status:expr, $name:literal;)*) => {
        pub const BINDINGS: &[Binding] = &[
            $(Binding {
                action: Action::$action,
                context: Context::$ctx,
                keys: &[$($key),+],
                help: Ui::$help,
                status: $status,
                name: $name,
            },)*
        ];
    };
}

// Every action has a key that works over SSH in PuTTY and Windows Terminal: nothing needs Ctrl-Enter,
// Shift-Enter or a function key alone. A key may appear once per context.
bindings! {
    Help, Form, [plain(KeyCode::F(1)), ctrl('k')], DescHelp, Some(Ui::KeyHelp), "help";
    Next, Form, [plain(KeyCode::Tab), plain(KeyCode::Down)], DescNext, None, "next";
    Prev, Form, [plain(KeyCode::BackTab), plain(KeyCode::Up)], DescPrev, None, "prev";
    Commit, Form, [plain(KeyCode::Enter)], DescEnter, None, "commit";
    Newline, Form, [ctrl('j'), alt(KeyCode::Enter)], DescNewline, None, "newline";
    Quick, Form, [ctrl('o'), plain(KeyCode::F(3))], DescQuick, None, "quick";
    NextAnnex, Form, [ctrl('n'), plain(KeyCode::PageDown)], DescNextAnnex, None, "next_annex";
    PrevAnnex, Form, [ctrl('p'), plain(KeyCode::PageUp)], DescPrevAnnex, None, "prev_annex";
    GoTo, Form, [ctrl('g')], DescGoTo, Some(Ui::KeyGoTo), "goto";
    NextUnanswered, Form, [ctrl('u')], DescUnanswered, None, "next_unanswered";
    NextProblem, Form, [ctrl('e')], DescProblem, None, "next_problem";
    Search, Form, [ctrl('f')], DescSearch, None, "search";
    Findings, Form, [ctrl('x'), plain(KeyCode::F(5))], DescFindings, None, "findings";
    AddItem, Form, [ctrl('a')], DescAddItem, None, "add_item";
    ItemMenu, Form, [ctrl('t')], DescItemMenu, None, "item_menu";
    Undo, Form, [ctrl('z')], DescUndo, None, "undo";
    Redo, Form, [ctrl('y')], DescRedo, None, "redo";
    Revert, Form, [plain(KeyCode::Esc)], DescRevert, None, "revert";
    History, Form, [alt(KeyCode::Char('h')), alt(KeyCode::Char('р')), plain(KeyCode::F(6))], DescHistory, None, "history";
    Outline, Form, [ctrl('w'), plain(KeyCode::F(2))], DescOutline, None, "outline";
    Summary, Form, [ctrl('r'), plain(KeyCode::F(4))], DescSummary, None, "summary";
    Yes, Choice, [ch_in('y', EN), ch('д'), ch('и')], DescYes, None, "yes";
    No, Choice, [ch('n'), ch_in('н', KK_RU), ch('т'), ch('ж')], DescNo, None, "no";
    ToComment, Choice, [plain(KeyCode::Right), ch(' ')], DescToComment, None, "to_comment";
    ClearChoice, Choice, [plain(KeyCode::Backspace), plain(KeyCode::Delete)], DescClearChoice, None, "clear_choice";
    ToChoice, Comment, [plain(KeyCode::Up), plain(KeyCode::Left)], DescToChoice, None, "to_choice";
    Quit, Global, [ctrl('q'), ctrl('c')], DescQuit, Some(Ui::KeyQuit), "quit";
    Save, Global, [ctrl('s')], DescSave, None, "save";
    Lang, Global, [ctrl('l')], DescLang, Some(Ui::KeyLang), "lang";
    ItemAdd, ItemMenu, [plain(KeyCode::Insert), ch('+')], DescItemAdd, None, "item_add";
    ItemRename, ItemMenu, [plain(KeyCode::Enter), plain(KeyCode::F(2))], DescItemRename, None, "item_rename";
    ItemDelete, ItemMenu, [plain(KeyCode::Delete), ch('-')], DescItemDelete, None, "item_delete";
    ItemUp, ItemMenu, [plain(KeyCode::Up)], DescItemUp, None, "item_up";
    ItemDown, ItemMenu, [plain(KeyCode::Down)], DescItemDown, None, "item_down";
    ConfirmDelete, Confirm, [ch_in('y', EN), ch_in('д', RU), ch_in('и', KK)], DescConfirmDelete, None, "confirm_delete";
    KeepItem, Confirm, [plain(KeyCode::Enter), plain(KeyCode::Esc), ch('n'), ch('н'), ch('т'), ch('ж')], DescKeepItem, None, "keep_item";
    Choose, History, [ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')], DescChoose, None, "choose";
    FindingNext, Findings, [plain(KeyCode::Down)], DescFindingNext, None, "finding_next";
    FindingPrev, Findings, [plain(KeyCode::Up)], DescFindingPrev, None, "finding_prev";
    FindingOpen, Findings, [plain(KeyCode::Enter)], DescFindingOpen, None, "finding_open";
    ScrollDown, Overlay, [plain(KeyCode::Down), plain(KeyCode::PageDown)], DescScrollDown, None, "scroll_down";
    ScrollUp, Overlay, [plain(KeyCode::Up), plain(KeyCode::PageUp)], DescScrollUp, None, "scroll_up";
    Close, Overlay, [plain(KeyCode::Esc)], DescClose, None, "close";
}

/// The action `k` has in `ctx` for a reader of `lang` (see `Key::only`); global keys first.
pub fn action_in(ctx: Context, k: &KeyEvent, lang: Lang) -> Option<Action> {
    find(ctx, k, Some(lang))
}

/// The action `k` has in `ctx`, of the keys that mean it to every reader; global keys first, as
/// everywhere.
pub fn action(ctx: Context, k: &KeyEvent) -> Option<Action> {
    find(ctx, k, None)
}

fn find(ctx: Context, k: &KeyEvent, lang: Option<Lang>) -> Option<Action> {
    let reads = |key: &Key| match lang {
        Some(lang) => key.reads(lang),
        None => key.only.is_empty(),
    };
    let find = |c: Context| {
        BINDINGS
            .iter()
            .find(|b| b.context == c && b.keys.iter().any(|key| key.matches(k) && reads(key)))
            .map(|b| b.action)
    };
    find(Context::Global).or_else(|| find(ctx))
}

pub fn binding(a: Action) -> &'static Binding {
    BINDINGS
        .iter()
        .find(|b| b.action == a)
        .expect("every action has a row in the key table")
}

/// `Ctrl-O / F3`: every key of an action, as a reader of `lang` presses them. Joined by no-break
/// spaces: a wrapped hint never leaves «Ctrl-O /» at the end of one row and «F3» on the next.
pub fn label(a: Action, lang: Lang) -> String {
    memo(&LABELS, (a, lang), || label_made(a, lang))
}

fn label_made(a: Action, lang: Lang) -> String {
    binding(a)
        .keys
        .iter()
        .filter(|k| k.reads(lang))
        .map(|k| match k.code {
            // The one key with no name on its cap: called as the reader calls it.
            KeyCode::Char(' ') if k.mods.is_empty() => Ui::KeySpace.get(lang).to_owned(),
            _ => k.label(),
        })
        .collect::<Vec<_>>()
        .join("\u{a0}/\u{a0}")
}

/// The key of yes or no as a speaker of `lang` reads it: the initial of the word. (A Latin `y` is not
/// yes in Kazakh and Russian: it is «н» typed on a Latin layout; see `answer::layout_slip`.)
pub fn yes_no_keys(yes: bool, lang: Lang) -> &'static str {
    match (yes, lang) {
        (true, Lang::Kk) => "и",
        (true, Lang::Ru) => "д",
        (true, Lang::En) => "y",
        (false, Lang::Kk) => "ж",
        (false, Lang::Ru) => "н",
        (false, Lang::En) => "n",
    }
}

/// A text with its `{name}` places filled by the keys of the action of that name; `{yes_keys}` and
/// `{no_keys}` by the yes and no keys as a reader of `lang` knows them.
pub fn fill(text: &str, lang: Lang) -> Cow<'_, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match BINDINGS.iter().find(|b| b.name == name) {
                    Some(b) => out.push_str(&label(b.action, lang)),
                    None if name == "yes_keys" => out.push_str(yes_no_keys(true, lang)),
                    None if name == "no_keys" => out.push_str(yes_no_keys(false, lang)),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// An interface text in `lang`, keys filled in.
pub fn text(t: Ui, lang: Lang) -> String {
    memo(&TEXTS, (t, lang), || fill(t.get(lang), lang).into_owned())
}

type Memo<K> = std::thread::LocalKey<std::cell::RefCell<Vec<(K, String)>>>;

thread_local! {
    /// Texts and key labels as made once: the same for the whole run (the key table is fixed),
    /// they were written out again at every frame (the hints under a question, a tenth of
    /// drawing a typed letter).
    static TEXTS: std::cell::RefCell<Vec<((Ui, Lang), String)>> = const { std::cell::RefCell::new(Vec::new()) };
    static LABELS: std::cell::RefCell<Vec<((Action, Lang), String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What `make` makes of `key`, made once.
fn memo<K: PartialEq + Copy>(
    kept: &'static Memo<K>,
    key: K,
    make: impl FnOnce() -> String,
) -> String {
    if let Some(made) = kept.with(|k| {
        k.borrow()
            .iter()
            .find(|(at, _)| *at == key)
            .map(|(_, s)| s.clone())
    }) {
        return made;
    }
    let made = make();
    kept.with(|k| k.borrow_mut().push((key, made.clone())));
    made
}

/// The help screen's rows, context by context: a heading (`None` key) then (keys, what they do).
pub fn help_rows(lang: Lang) -> Vec<(Option<String>, String)> {
    let mut rows = Vec::new();
    for ctx in Context::ALL {
        rows.push((None, ctx.title().get(lang).to_owned()));
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            rows.push((Some(label(b.action, lang)), text(b.help, lang)));
        }
    }
    rows
}

/// The README's key table, in English: what a test holds the README to.
pub fn markdown_table() -> String {
    let mut out = String::from("| Where | Keys | What they do |\n|---|---|---|\n");
    for ctx in Context::ALL {
        for b in BINDINGS.iter().filter(|b| b.context == ctx) {
            let keys = b
                .keys
                .iter()
                .map(|k| match k.only {
                    [] => format!("`{}`", k.label()),
                    only => {
                        let who = only
                            .iter()
                            .map(|l| match l {
                                Lang::Kk => "Kazakh",
                                Lang::Ru => "Russian",
                                Lang::En => "English",
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        format!("`{}` ({who})", k.label())
                    }
                })
                .collect::<Vec<_>>()
                .join(" / ");
            out.push_str(&format!(
                "| {} | {keys} | {} |\n",
                ctx.title().get(Lang::En),
                text(b.help, Lang::En)
            ));
        }
    }
    out
}

/// The keys shown on the status line: `F1 help ^Q quit …`. Made once a language: the status bar
/// asks for them at every frame.
pub fn status_keys(lang: Lang) -> &'static str {
    static MADE: [std::sync::OnceLock<String>; 3] = [const { std::sync::OnceLock::new() }; 3];
    let at = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    MADE[at].get_or_init(|| {
        BINDINGS
            .iter()
            .filter_map(|b| Some((b.keys[0].short(), b.status?.get(lang))))
            .map(|(k, w)| format!("{k} {w}"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_things_in_one_place() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                // The choice's and the comment's keys come before the question's (↓ on the choice
                // opens the comment; ↑ on the comment's first line goes back to the choice).
                let clash = a.context == b.context
                    || a.context == Context::Global
                    || b.context == Context::Global;
                if !clash {
                    continue;
                }
                for k in a.keys {
                    assert!(
                        !b.keys.iter().any(|o| o.same(k)),
                        "{} is both {:?} and {:?}",
                        k.label(),
                        a.action,
                        b.action
                    );
                }
            }
        }
    }

    #[test]
    fn the_space_bar_is_called_as_the_reader_calls_it() {
        let to_comment = |lang| label(Action::ToComment, lang);
        assert_eq!(to_comment(Lang::Ru), "→\u{a0}/\u{a0}Пробел");
        assert_eq!(to_comment(Lang::Kk), "→\u{a0}/\u{a0}Бос орын");
        assert_eq!(to_comment(Lang::En), "→\u{a0}/\u{a0}Space");
    }

    #[test]
    fn every_action_has_one_row_and_every_name_is_unique() {
        for (i, a) in BINDINGS.iter().enumerate() {
            assert!(
                BINDINGS[i + 1..]
                    .iter()
                    .all(|b| b.action != a.action && b.name != a.name),
                "{:?}",
                a.action
            );
        }
    }

    #[test]
    fn yes_and_no_share_no_key() {
        // The whole point: no key may mean yes to one reader and no to another.
        for k in binding(Action::Yes).keys {
            assert!(
                !binding(Action::No).keys.iter().any(|o| o.same(k)),
                "{}",
                k.label()
            );
        }
        let ev = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let ru = Lang::Ru;
        assert_eq!(action_in(Context::Choice, &ev('н'), ru), Some(Action::No));
        assert_eq!(action_in(Context::Choice, &ev('Н'), ru), Some(Action::No));
        assert_eq!(action_in(Context::Choice, &ev('т'), ru), Some(Action::No));
        assert_eq!(action_in(Context::Choice, &ev('Д'), ru), Some(Action::Yes));
        assert_eq!(
            action_in(Context::Confirm, &ev('н'), ru),
            Some(Action::KeepItem)
        );
        // The Y key: yes to the English reader, «н» (no) to the others.
        assert_eq!(action_in(Context::Choice, &ev('y'), ru), None);
        assert_eq!(action_in(Context::Confirm, &ev('y'), ru), None);
        assert_eq!(action_in(Context::Choice, &ev('н'), Lang::En), None);
        assert_eq!(
            action_in(Context::Confirm, &ev('y'), Lang::En),
            Some(Action::ConfirmDelete)
        );
        // Only the interface's own yes deletes: «и» is «and» to a Russian reader.
        assert_eq!(action_in(Context::Confirm, &ev('и'), ru), None);
        assert_eq!(action_in(Context::Confirm, &ev('д'), Lang::Kk), None);
    }

    #[test]
    fn the_table_reads_the_y_key_as_the_editor_does() {
        use crate::answer::layout_slip;
        for a in [Action::Yes, Action::No] {
            for k in binding(a).keys {
                let KeyCode::Char(c) = k.code else {
                    panic!("{}", k.label())
                };
                for lang in Lang::ALL {
                    assert_eq!(k.reads(lang), !layout_slip(c, lang), "{c} in {lang}");
                }
            }
        }
        for lang in Lang::ALL {
            // The confirm's yes is the one the texts name.
            assert_eq!(label(Action::ConfirmDelete, lang), yes_no_keys(true, lang));
        }
    }

    #[test]
    fn texts_fill_in_keys() {
        assert_eq!(fill("{quick} — 0", Lang::En), "Ctrl-O\u{a0}/\u{a0}F3 — 0");
        assert_eq!(fill("{nope} stays", Lang::En), "{nope} stays");
        assert_eq!(fill("a { b", Lang::En), "a { b");
        assert_eq!(fill("{yes_keys}", Lang::Ru), "д");
    }

    #[test]
    fn texts_name_keys_only_through_the_table() {
        // The shape of a stored yes/no answer, in JSON: braces that are no places to fill.
        for t in Ui::ALL.iter().filter(|t| **t != Ui::NotYesNo) {
            for lang in Lang::ALL {
                let raw = t.get(lang);
                for hand in [
                    "Ctrl-", "Alt-", "Esc", "Enter", "Tab", "F1", "F3", "PgDn", "Insert",
                ] {
                    assert!(
                        !raw.contains(hand),
                        "{t:?} ({lang}) names {hand} by hand: {raw}"
                    );
                }
                // What is left are the places the caller fills with data.
                let filled = text(*t, lang)
                    .replace("{file}", "")
                    .replace("{owner}", "")
                    .replace("{mode}", "")
                    .replace("{annex}", "")
                    .replace("{n}", "")
                    .replace("{count}", "")
                    .replace("{other}", "")
                    .replace("{this}", "")
                    .replace("{that}", "")
                    .replace("{first}", "")
                    .replace("{user}", "")
                    .replace("{pid}", "")
                    .replace("{holder}", "")
                    .replace("{since}", "")
                    .replace("{value}", "")
                    .replace("{arg}", "")
                    .replace("{valid}", "")
                    .replace("{total}", "")
                    .replace("{parts}", "")
                    .replace("{place}", "")
                    .replace("{reason}", "");
                assert!(
                    !filled.contains('{') && !filled.contains('}'),
                    "{t:?} ({lang}) has a place no key fills: {filled}"
                );
            }
        }
    }

    #[test]
    fn the_yes_and_no_keys_are_the_initials_of_the_words() {
        use crate::answer::{NO_WORDS, YES_WORDS, yes_no_prefix};
        for (a, yes) in [(Action::Yes, true), (Action::No, false)] {
            for k in binding(a).keys {
                let KeyCode::Char(c) = k.code else {
                    panic!("{}", k.label())
                };
                assert_eq!(yes_no_prefix(&c.to_string()), Some(yes), "{c}");
                let words = if yes { YES_WORDS } else { NO_WORDS };
                assert!(words.contains(&c.to_string().as_str()), "{c}");
            }
        }
    }
}
