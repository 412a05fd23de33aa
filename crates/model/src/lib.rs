//! saualnama's model: the questionnaire (the form as data), the session (the answers), typed values,
//! and what they add up to — the summary with the form's relations and the corruption-risk findings —
//! with every interface text in three languages. Pure functions of data: nothing here reads a file,
//! the clock or the terminal, and the crate depends on nothing that could (serde and its formats,
//! and a UTF-8 check).

pub mod answer;
pub mod carry;
pub mod changes;
pub mod conditions;
pub mod findings;
pub mod i18n;
pub mod json_path;
pub mod load_error;
pub mod merge;
pub mod msg;
pub mod present;
pub mod questionnaire;
pub mod reading;
pub mod session;
pub mod summary;
pub mod ui_text;
