//! What went wrong reading a questionnaire or a session file, and where.

use crate::i18n::Lang;
use crate::json_path::{JsonPath, locate};
use crate::msg::Msg;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file, or `<bundled:ID>` for a form compiled into the binary.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub path: Option<JsonPath>,
    /// What is wrong: the parser's own words, or ours in every language.
    pub what: Box<Msg>,
}

impl LoadError {
    pub fn io(file: &str, err: &std::io::Error) -> LoadError {
        LoadError {
            file: file.to_owned(),
            line: None,
            column: None,
            path: None,
            what: Box::new(match err.kind() {
                std::io::ErrorKind::NotFound => Msg::NoSuchFile,
                std::io::ErrorKind::PermissionDenied => Msg::NoPermission,
                std::io::ErrorKind::IsADirectory => Msg::IsADirectory,
                _ => Msg::Plain(err.to_string()),
            }),
        }
    }

    /// The message in `lang`: file, line:column, JSON path, what is wrong.
    pub fn render(&self, lang: Lang) -> String {
        format!("{}: {}", self.place(), self.what.render(lang))
    }

    fn place(&self) -> String {
        let mut p = self.file.clone();
        if let (Some(l), Some(c)) = (self.line, self.column) {
            p += &format!(":{l}:{c}");
        }
        if let Some(path) = &self.path {
            p += &format!(": {path}");
        }
        p
    }

    /// A problem found after parsing, at `path` in `src`.
    pub fn at(file: &str, src: &str, path: JsonPath, what: Msg) -> LoadError {
        let (line, column) = locate(src, &path).unzip();
        LoadError {
            file: file.to_owned(),
            line,
            column,
            path: Some(path),
            what: Box::new(what),
        }
    }

    /// Parse `src` as JSON into `T`, naming the position and the JSON path of the first problem.
    pub fn parse<T: serde::de::DeserializeOwned>(file: &str, src: &str) -> Result<T, LoadError> {
        // The common case, a sound file, without the cost of tracking the path; only a failure is
        // parsed again to say where.
        if let Ok(v) = serde_json::from_str(src) {
            return Ok(v);
        }
        let mut de = serde_json::Deserializer::from_str(src);
        let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut de);
        let value = parsed.map_err(|e| {
            let path = JsonPath::from_serde(e.path());
            let inner = e.inner();
            let message = strip_position(&inner.to_string());
            let (line, column) = if inner.line() == 0 {
                locate(src, &path).unzip()
            } else {
                (Some(inner.line()), Some(inner.column().max(1)))
            };
            LoadError {
                file: file.to_owned(),
                line,
                column,
                path: if path.0.is_empty() && inner.is_syntax() {
                    None
                } else {
                    Some(path)
                },
                what: Box::new(Msg::Plain(message)),
            }
        })?;
        // Trailing characters are an error the deserialiser reports only through `end()`.
        de.end().map_err(|e| LoadError {
            file: file.to_owned(),
            line: Some(e.line()),
            column: Some(e.column().max(1)),
            path: None,
            what: Box::new(Msg::Plain(strip_position(&e.to_string()))),
        })?;
        Ok(value)
    }
}

/// serde_json appends " at line L column C"; we print the position ourselves, first.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.what.render(Lang::En))
    }
}

impl std::error::Error for LoadError {}
