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

    /// Every node of any JSON, written compactly or pretty: `locate` points at the start of that
    /// node's own text (its line and its column in characters).
    mod property {
        use super::super::*;
        use proptest::prelude::*;
        use serde_json::Value;

        fn json() -> impl Strategy<Value = Value> {
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(Value::from),
                "[a-zа-яәіңғүұқөһ \\\\\"\\n{}\\[\\]:,]{0,8}".prop_map(Value::String),
            ];
            leaf.prop_recursive(4, 40, 5, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                    prop::collection::btree_map("[a-zа-яә_ \\\\\"]{0,6}", inner, 0..5)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        fn paths(v: &Value, at: JsonPath, out: &mut Vec<(JsonPath, Value)>) {
            out.push((at.clone(), v.clone()));
            match v {
                Value::Array(a) => {
                    for (i, x) in a.iter().enumerate() {
                        paths(x, at.index(i), out);
                    }
                }
                Value::Object(o) => {
                    for (k, x) in o {
                        paths(x, at.key(k), out);
                    }
                }
                _ => {}
            }
        }

        /// The value written at `line`:`column` of `src`.
        fn value_at(src: &str, line: usize, column: usize) -> Option<Value> {
            let text = src.split('\n').nth(line - 1)?;
            let line_start = src
                .split('\n')
                .take(line - 1)
                .map(|l| l.len() + 1)
                .sum::<usize>();
            let offset: usize = text.chars().take(column - 1).map(char::len_utf8).sum();
            let rest = &src[line_start + offset..];
            serde_json::Deserializer::from_str(rest)
                .into_iter::<Value>()
                .next()?
                .ok()
        }

        proptest! {
            #[test]
            fn locate_points_at_every_node(v in json(), pretty in any::<bool>()) {
                let src = if pretty {
                    serde_json::to_string_pretty(&v).unwrap()
                } else {
                    serde_json::to_string(&v).unwrap()
                };
                let mut all = Vec::new();
                paths(&v, JsonPath::root(), &mut all);
                for (p, node) in all {
                    let (line, column) = locate(&src, &p).expect("found");
                    prop_assert_eq!(value_at(&src, line, column), Some(node), "{} in {}", p, src);
                }
            }
        }
    }
}
