//! The key list: one table drives the help screen and the README, so they cannot disagree.

use crate::ui_text::Ui;

/// (keys, what they do). Every action has a key that works over SSH in PuTTY and Windows Terminal:
/// nothing needs Ctrl-Enter, Shift-Enter or a function key alone.
pub const KEYS: &[(&str, Ui)] = &[
    ("Tab / ↓   Shift-Tab / ↑", Ui::DescMove),
    ("Enter", Ui::DescEnter),
    ("Ctrl-J / Alt-Enter", Ui::DescNewline),
    ("Ctrl-O / F3", Ui::DescQuick),
    ("y / n", Ui::DescYesNo),
    ("Ctrl-N / PgDn   Ctrl-P / PgUp", Ui::DescAnnex),
    ("Ctrl-G", Ui::DescGoTo),
    ("Ctrl-U", Ui::DescUnanswered),
    ("Ctrl-E", Ui::DescProblem),
    ("Ctrl-F", Ui::DescSearch),
    ("Ctrl-X / F5", Ui::DescFindings),
    ("Ctrl-A", Ui::DescAddItem),
    ("Ctrl-T", Ui::DescItemMenu),
    ("Ctrl-Z / Ctrl-Y", Ui::DescUndo),
    ("Esc", Ui::DescRevert),
    ("Ctrl-W / F2   Ctrl-R / F4", Ui::DescPanels),
    ("Ctrl-L", Ui::DescLang),
    ("Ctrl-S", Ui::DescSave),
    ("Ctrl-Q / Ctrl-C", Ui::DescQuit),
    ("Ctrl-K / F1", Ui::DescHelp),
];
