//! Where questionnaires come from: the forms compiled into the binary, plus any directory the user names.

use super::{Questionnaire, check};
use crate::i18n::Text;
use crate::load_error::LoadError;
use std::path::{Path, PathBuf};

/// The bundled forms: (file name, text). The program needs no files beside it.
pub const BUNDLED: &[(&str, &str)] = &[(
    "corruption-risk-internal-analysis.json",
    include_str!("../../questionnaires/corruption-risk-internal-analysis.json"),
)];

/// Parse a definition and refuse it unless `check` finds it sound, so that the rest of the program can
/// rely on every id it names.
pub fn parse_questionnaire(file: &str, src: &str) -> Result<Questionnaire, LoadError> {
    let q: Questionnaire = LoadError::parse(file, src)?;
    if let Some(p) = check(&q).into_iter().next() {
        return Err(LoadError::at(file, src, p.path, p.message));
    }
    Ok(q)
}

pub fn load_questionnaire_file(path: &Path) -> Result<Questionnaire, LoadError> {
    let name = path.display().to_string();
    let bytes = crate::store::read_regular(path).map_err(|e| LoadError::io(&name, &e))?;
    let src = String::from_utf8(bytes).map_err(|_| {
        LoadError::io(
            &name,
            &std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
        )
    })?;
    parse_questionnaire(&name, &src)
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
            .map(|(name, src)| {
                // Checked by the test suite (tests/form_structure.rs), so start-up skips the checks
                // and the path tracking: a failure here is a build defect.
                serde_json::from_str(src)
                    .unwrap_or_else(|e| panic!("bundled questionnaire {name} is broken: {e}"))
            })
            .collect();
        Registry { forms }
    }

    /// The bundled forms plus every `*.json` in `dirs`; a later form with the same id and version
    /// replaces an earlier one. A file that is not a sound definition is left out, and what is wrong
    /// with it is handed to `warn`: one colleague's broken draft in a shared folder must not stop
    /// every command. A folder that cannot be read is an error.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<Registry, LoadError> {
        Registry::with_dirs_warning(dirs, |_| {})
    }

    pub fn with_dirs_warning(
        dirs: &[PathBuf],
        mut warn: impl FnMut(LoadError),
    ) -> Result<Registry, LoadError> {
        let mut reg = Registry::bundled();
        for dir in dirs {
            let name = dir.display().to_string();
            let entries = std::fs::read_dir(dir).map_err(|e| LoadError::io(&name, &e))?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            for f in files {
                match load_questionnaire_file(&f) {
                    Ok(q) => reg.add(q),
                    Err(e) => warn(e),
                }
            }
        }
        Ok(reg)
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

    /// `ID` of a known form, or `PATH` of a definition file.
    pub fn resolve(&self, id_or_path: &str) -> Result<Questionnaire, LoadError> {
        if let Some(q) = self.get(id_or_path) {
            return Ok(q.clone());
        }
        let p = Path::new(id_or_path);
        if p.exists() || id_or_path.ends_with(".json") || id_or_path.contains('/') {
            return load_questionnaire_file(p);
        }
        let known = self
            .forms
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let text = Text::new(
            &format!("мұндай сауалнама жоқ; барлары: {known}"),
            &format!("нет такой анкеты; есть: {known}"),
            &format!("no such questionnaire; known: {known}"),
        );
        Err(LoadError {
            file: id_or_path.to_owned(),
            line: None,
            column: None,
            path: None,
            message: text.en.clone(),
            text: Some(Box::new(text)),
        })
    }

    pub fn default_form(&self) -> &Questionnaire {
        &self.forms[0]
    }
}
