//! saualnama: the working form of the internal analysis of corruption risks, in a terminal.
//!
//! The model is its own crate (`saualnama-model`, re-exported here module by module), so that the
//! compiler keeps it free of the terminal and the disk. Here: `store` is the disk, `tui` the editor,
//! `export` and `aggregate` the documents, `cli` the command line, `output` what it prints.

pub use saualnama_model::{
    answer, carry, changes, conditions, findings, i18n, json_path, load_error, merge, msg, present,
    questionnaire, reading, session, summary, ui_text,
};

pub mod aggregate;
pub mod cli;
pub mod export;
pub mod history;
pub mod output;
pub mod presence;
pub mod sample;
pub mod save;
pub mod store;
pub mod tui;
