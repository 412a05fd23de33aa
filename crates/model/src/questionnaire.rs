//! The definition of a form: header fields, sections (annexes) with their quantitative indicators and
//! numbered qualitative questions, the relations between counts, and the summary figures.
//! Pure data; `check` says whether a definition is sound.

mod check;
mod definition;
mod registry;

pub use check::{DefinitionProblem, check};
pub use definition::*;
pub use registry::{BUNDLED, Registry, parse_questionnaire};
