//! saualnama: the working form of the internal analysis of corruption risks, in a terminal.
//!
//! The model (`questionnaire`, `session`, `answer`, `summary`) is pure: it knows nothing of the
//! terminal or the disk. `store` is the disk, `tui` the screen, `cli` the command line.

pub mod aggregate;
pub mod answer;
pub mod cli;
pub mod cli_help;
pub mod export;
pub mod findings;
pub mod i18n;
pub mod json_path;
pub mod load_error;
pub mod questionnaire;
pub mod reading;
pub mod sample;
pub mod session;
pub mod store;
pub mod summary;
pub mod tui;
pub mod ui_text;
