//! JSON paths for messages (`$.sections[0].indicators[2].id`) and finding where a path starts in the
//! source text, so a problem found after parsing still gets a line:column.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct JsonPath(pub Vec<Seg>);

impl JsonPath {
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }
    pub fn key(&self, k: &str) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_owned()));
        p
    }
    pub fn index(&self, i: usize) -> JsonPath {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    /// From serde_path_to_error's path, which is what a failed deserialisation reports.
    pub fn from_serde(path: &serde_path_to_error::Path) -> JsonPath {
        use serde_path_to_error::Segment;
        JsonPath(
            path.iter()
                .filter_map(|s| match s {
                    Segment::Seq { index } => Some(Seg::Index(*index)),
                    Segment::Map { key } => Some(Seg::Key(key.clone())),
                    Segment::Enum { variant } => Some(Seg::Key(variant.clone())),
                    Segment::Unknown => None,
                })
                .collect(),
        )
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for seg in &self.0 {
            match seg {
                Seg::Index(i) => write!(f, "[{i}]")?,
                Seg::Key(k)
                    if !k.is_empty()
                        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
                {
                    write!(f, ".{k}")?
                }
                Seg::Key(k) => write!(f, "[{}]", serde_json::Value::String(k.clone()))?,
            }
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of the value at `path` in `src`, which must be valid JSON.
/// Where the path runs out (a key that is absent) the position of the deepest value found is given.
pub fn locate(src: &str, path: &JsonPath) -> Option<(usize, usize)> {
    let mut s = Scanner {
        b: src.as_bytes(),
        i: 0,
    };
    s.ws();
    for seg in &path.0 {
        let start = s.i;
        match (seg, s.peek()?) {
            (Seg::Key(want), b'{') => {
                s.i += 1;
                let mut found = false;
                loop {
                    s.ws();
                    if s.peek()? == b'}' {
                        break;
                    }
                    let key = s.string()?;
                    s.ws();
                    s.expect(b':')?;
                    s.ws();
                    if &key == want {
                        found = true;
                        break;
                    }
                    s.skip_value()?;
                    s.ws();
                    if s.peek()? == b',' {
                        s.i += 1;
                    }
                }
                if !found {
                    s.i = start;
                    break;
                }
            }
            (Seg::Index(want), b'[') => {
                s.i += 1;
                let mut n = 0;
                let mut found = false;
                loop {
                    s.ws();
                    if s.peek()? == b']' {
                        break;
                    }
                    if n == *want {
                        found = true;
                        break;
                    }
                    s.skip_value()?;
                    s.ws();
                    if s.peek()? == b',' {
                        s.i += 1;
                    }
                    n += 1;
                }
                if !found {
                    s.i = start;
                    break;
                }
            }
            _ => break,
        }
    }
    Some(line_col(src, s.i))
}

fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let before = &src[..byte.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }
    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }
    fn string(&mut self) -> Option<String> {
        let start = self.i;
        self.expect(b'"')?;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        let raw = std::str::from_utf8(self.b.get(start..self.i)?).ok()?;
        serde_json::from_str(raw).ok()
    }
    fn skip_value(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.i += 1;
                loop {
                    self.ws();
                    if self.peek()? == close {
                        self.i += 1;
                        return Some(());
                    }
                    self.skip_value()?;
                    self.ws();
                    if matches!(self.peek()?, b',' | b':') {
                        self.i += 1;
                    }
                }
            }
            _ => {
                while !matches!(
                    self.peek()?,
                    b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'
                ) {
                    self.i += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_indices() {
        let src = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c\": {\"d\": 5}\n}";
        let p = JsonPath::root().key("a").index(1).key("b");
        assert_eq!(locate(src, &p), Some((2, 18)));
        assert_eq!(
            locate(src, &JsonPath::root().key("c").key("d")),
            Some((3, 14))
        );
        assert_eq!(p.to_string(), "$.a[1].b");
    }

    #[test]
    fn missing_key_points_at_its_object() {
        let src = "{\"a\": {\"b\": 1}}";
        assert_eq!(
            locate(src, &JsonPath::root().key("a").key("zz")),
            Some((1, 7))
        );
    }

    #[test]
    fn odd_keys_are_quoted() {
        assert_eq!(JsonPath::root().key("a b").to_string(), "$[\"a b\"]");
    }
}
