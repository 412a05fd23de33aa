//! The questionnaires a run knows: the forms compiled into the binary, plus those `store` reads from
//! the folders the user names. Pure: it reads no files.

use super::{Questionnaire, check};
use crate::load_error::LoadError;
use crate::msg::Msg;

/// The bundled forms: (file name, the form in postcard's encoding, written by build.rs from the
/// file of that name in `questionnaires/`). The program needs no files beside it. A static, not a
/// constant: one copy of the bytes, which `i18n::Text` borrows the form's texts from.
pub static BUNDLED: &[(&str, &[u8])] = &[(
    "corruption-risk-internal-analysis.json",
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/corruption-risk-internal-analysis.postcard"
    )),
)];

/// Parse a definition and refuse it unless `check` finds it sound, so that the rest of the program can
/// rely on every id it names.
pub fn parse_questionnaire(file: &str, src: &str) -> Result<Questionnaire, LoadError> {
    let q: Questionnaire = LoadError::parse(file, src)?;
    if let Some(p) = check(&q).into_iter().next() {
        return Err(LoadError::at(file, src, p.path, Msg::Plain(p.message)));
    }
    Ok(q)
}

/// The questionnaires available to this run.
#[derive(Clone, Debug)]
pub struct Registry {
    pub forms: Vec<Questionnaire>,
}

impl Registry {
    /// Only the bundled forms.
    pub fn bundled() -> Registry {
        let forms = BUNDLED
            .iter()
            .map(|(name, bytes)| {
                // Read and checked by the build and the test suite (tests/it/form_structure.rs),
                // so start-up does not check it again: a failure here is a build defect.
                postcard::from_bytes(bytes)
                    .unwrap_or_else(|e| panic!("bundled questionnaire {name} is broken: {e}"))
            })
            .collect();
        Registry { forms }
    }

    pub fn add(&mut self, q: Questionnaire) {
        self.forms
            .retain(|f| !(f.id == q.id && f.version == q.version));
        self.forms.push(q);
    }

    /// The newest form with this id (a later entry wins among equal ids).
    pub fn get(&self, id: &str) -> Option<&Questionnaire> {
        self.forms.iter().rev().find(|f| f.id == id)
    }

    pub fn get_version(&self, id: &str, version: &str) -> Option<&Questionnaire> {
        self.forms
            .iter()
            .rev()
            .find(|f| f.id == id && f.version == version)
    }

    /// A known form by its id, or what to say when there is none.
    pub fn by_id(&self, id: &str) -> Result<&Questionnaire, LoadError> {
        if let Some(q) = self.get(id) {
            return Ok(q);
        }
        let known = self
            .forms
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        Err(LoadError {
            file: id.to_owned(),
            line: None,
            column: None,
            path: None,
            what: Box::new(Msg::NoSuchQuestionnaire { known }),
        })
    }

    pub fn default_form(&self) -> &Questionnaire {
        &self.forms[0]
    }

    /// The default form, taken out of the registry rather than copied (see `take`).
    pub fn take_default(self) -> Questionnaire {
        self.take(0)
    }

    /// Where `form`, one of this registry's own, is in it.
    pub fn position(&self, form: &Questionnaire) -> usize {
        self.forms
            .iter()
            .position(|f| std::ptr::eq(f, form))
            .expect("a form of this registry")
    }

    /// The form at `at`, taken out rather than copied: the editor's start, where the registry is
    /// not needed after, and a copy of the form was a tenth of a millisecond.
    pub fn take(mut self, at: usize) -> Questionnaire {
        self.forms.swap_remove(at)
    }
}
