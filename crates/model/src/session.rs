//! The answers: which form they answer, the header, the items of repeatable annexes, the answers keyed
//! by the form's stable ids, and where the user was. Values are kept as the JSON they were read as, so
//! fields and answers this version does not know survive a rewrite untouched.

use crate::answer::{Answer, AnswerError};
use crate::i18n::Lang;
use crate::json_path::JsonPath;
use crate::load_error::LoadError;
use crate::msg::Msg;
use crate::questionnaire::{FieldType, Questionnaire, Section};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const SESSION_FORMAT: &str = "saualnama-session/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub format: String,
    pub questionnaire: FormRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default)]
    pub header: BTreeMap<String, Value>,
    #[serde(default)]
    pub sections: BTreeMap<String, SectionAnswers>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<Cursor>,
    /// The last period's report this one was started from (`saualnama new --from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
    /// Where each member of the working group was (by OS user name), for each to resume there;
    /// `cursor` is the last one's, for versions that know only it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cursors: BTreeMap<String, Cursor>,
    /// Answers two colleagues changed at once: the report keeps the first saved, and every value
    /// stays here until someone chooses (see `merge`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// One place two colleagues filled differently at the same time, with each value entered.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Conflict {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The item's id (see `Item::id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Absent for an item's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub values: Vec<Rival>,
}

/// A value in a conflict, and who entered it when (as far as known).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Rival {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// `None`: the answer cleared.
    #[serde(default)]
    pub value: Option<Value>,
}

/// The report of the last period, as far as this one needs it: where it was, its period, and its
/// figures (`section.id` → value), kept here so that the comparison needs the old file no more.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Previous {
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_to: Option<String>,
    #[serde(default)]
    pub figures: BTreeMap<String, f64>,
}

/// Where the answers carried over from the last period and not yet checked are listed: in the item,
/// or in a single annex, under this key (so that they move with their item).
pub const CARRIED: &str = "carried";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRef {
    pub id: String,
    pub version: String,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct SectionAnswers {
    /// Repeatable annexes: one entry per service, permit, function or act. Shared (`Arc`): the
    /// copy of the report handed to the writer at every save shares the items; a change copies only
    /// the item changed, not a report of a thousand services (10 MB).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Arc<Item>>,
    /// Single annexes: the answers themselves.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Value>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Item {
    /// Stable for the item's life, whatever is added, deleted or moved around it: what a
    /// colleague's save and the history name it by. Reports from before ids get them on opening
    /// (see `ensure_item_ids`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub answers: BTreeMap<String, Value>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// Annex, item id and field: where a conflict is.
pub type ConflictKey = (Option<String>, Option<String>, Option<String>);

impl Conflict {
    pub fn key(&self) -> ConflictKey {
        (self.section.clone(), self.item.clone(), self.field.clone())
    }
}

/// Where the user was: a header field (`section` absent), an item's name (`field` absent), or an answer.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// The item's id (see `Item::id`): where the user was, whatever colleagues moved or deleted
    /// since (`item` is where it stood then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Text being typed and not yet committed, so a dropped connection does not lose it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<String>,
    /// The stored answer when the draft was begun (`null`: none): committed later, the draft meets
    /// a colleague's answer given since as a conflict, never silently over it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_even_if_null"
    )]
    pub seen: Option<Value>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A field that is there is `Some`, `null` included (`Some(Value::Null)`); one that is not is `None`.
fn present_even_if_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// One place a value goes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    Header {
        field: String,
    },
    ItemName {
        section: String,
        item: usize,
    },
    Answer {
        section: String,
        item: Option<usize>,
        field: String,
    },
}

impl Slot {
    pub fn to_cursor(&self) -> Cursor {
        match self {
            Slot::Header { field } => Cursor {
                field: Some(field.clone()),
                ..Cursor::default()
            },
            Slot::ItemName { section, item } => Cursor {
                section: Some(section.clone()),
                item: Some(*item),
                ..Cursor::default()
            },
            Slot::Answer {
                section,
                item,
                field,
            } => Cursor {
                section: Some(section.clone()),
                item: *item,
                field: Some(field.clone()),
                ..Cursor::default()
            },
        }
    }
}

impl Session {
    /// A new, empty session on `q`, with every annex present and no items.
    pub fn new(q: &Questionnaire, now: String) -> Session {
        Session {
            format: SESSION_FORMAT.to_owned(),
            questionnaire: FormRef {
                id: q.id.clone(),
                version: q.version.clone(),
                extra: BTreeMap::new(),
            },
            language: None,
            created: Some(now.clone()),
            modified: Some(now),
            header: BTreeMap::new(),
            sections: q
                .sections
                .iter()
                .map(|s| (s.id.clone(), SectionAnswers::default()))
                .collect(),
            cursor: None,
            previous: None,
            cursors: BTreeMap::new(),
            conflicts: Vec::new(),
            extra: BTreeMap::new(),
        }
    }

    /// Give every item without an id one: `n` and its place (`n3`), the same for every editor that
    /// opens the same old report, so that their changes name the same items.
    pub fn ensure_item_ids(&mut self) -> bool {
        let mut changed = false;
        for sa in self.sections.values_mut() {
            if sa.items.iter().all(|i| !i.id.is_empty()) {
                continue;
            }
            let mut taken: std::collections::BTreeSet<String> =
                sa.items.iter().map(|i| i.id.clone()).collect();
            for (n, it) in sa.items.iter_mut().enumerate() {
                if it.id.is_empty() {
                    let mut id = format!("n{}", n + 1);
                    let mut k = 2;
                    while taken.contains(&id) {
                        id = format!("n{}-{k}", n + 1);
                        k += 1;
                    }
                    taken.insert(id.clone());
                    Arc::make_mut(it).id = id;
                    changed = true;
                }
            }
        }
        changed
    }

    /// Where the item with `id` stands now.
    pub fn item_index(&self, section: &str, id: &str) -> Option<usize> {
        self.items(section).iter().position(|i| i.id == id)
    }

    /// The id of the item at `index`.
    pub fn item_id(&self, section: &str, index: usize) -> Option<&str> {
        self.items(section).get(index).map(|i| i.id.as_str())
    }

    /// The conflict at a slot, if two colleagues filled it differently.
    /// Keep both: list what the report holds at `slot` (whoever entered it) and `rival`, once each.
    /// The report's value stays as it is until one of them is chosen.
    pub fn keep_both(&mut self, slot: &Slot, rival: Rival) {
        let here = self.value(slot);
        let Some(c) = self.conflict_entry(slot) else {
            return;
        };
        if !c.values.iter().any(|r| r.value == here) {
            c.values.push(Rival {
                user: None,
                time: None,
                value: here,
            });
        }
        c.values.retain(|r| r.value != rival.value);
        c.values.push(rival);
    }

    /// A conflict put back as it was (an undone choice): its values, with what the report holds
    /// among them, whatever colleagues added to it meanwhile.
    pub fn reopen(&mut self, slot: &Slot, values: &[Rival]) {
        let here = self.value(slot);
        let Some(c) = self.conflict_entry(slot) else {
            return;
        };
        for v in values {
            if !c.values.iter().any(|r| r.value == v.value) {
                c.values.push(v.clone());
            }
        }
        if !c.values.iter().any(|r| r.value == here) {
            c.values.push(Rival {
                user: None,
                time: None,
                value: here,
            });
        }
    }

    /// The conflict at `slot`, made if there is none.
    fn conflict_entry(&mut self, slot: &Slot) -> Option<&mut Conflict> {
        let key = self.conflict_key(slot)?;
        let at = match self.conflicts.iter().position(|c| c.key() == key) {
            Some(i) => i,
            None => {
                self.conflicts.push(Conflict {
                    section: key.0,
                    item: key.1,
                    field: key.2,
                    values: Vec::new(),
                });
                self.conflicts.len() - 1
            }
        };
        Some(&mut self.conflicts[at])
    }

    pub fn conflict(&self, slot: &Slot) -> Option<&Conflict> {
        let key = self.conflict_key(slot)?;
        self.conflicts.iter().find(|c| c.key() == key)
    }

    /// A slot as a conflict names it: annex, item id, field.
    pub fn conflict_key(&self, slot: &Slot) -> Option<ConflictKey> {
        Some(match slot {
            Slot::Header { field } => (None, None, Some(field.clone())),
            Slot::ItemName { section, item } => (
                Some(section.clone()),
                Some(self.item_id(section, *item)?.to_owned()),
                None,
            ),
            Slot::Answer {
                section,
                item,
                field,
            } => (
                Some(section.clone()),
                match item {
                    Some(i) => Some(self.item_id(section, *i)?.to_owned()),
                    None => None,
                },
                Some(field.clone()),
            ),
        })
    }

    fn carried_list<'a>(
        &'a self,
        slot: &'a Slot,
    ) -> Option<(&'a BTreeMap<String, Value>, &'a str)> {
        let Slot::Answer {
            section,
            item,
            field,
        } = slot
        else {
            return None;
        };
        let sa = self.sections.get(section)?;
        let extra = match item {
            Some(i) => &sa.items.get(*i)?.extra,
            None => &sa.extra,
        };
        Some((extra, field.as_str()))
    }

    /// An answer carried over from the last period and not yet checked by the user.
    pub fn is_carried(&self, slot: &Slot) -> bool {
        self.carried_list(slot).is_some_and(|(extra, field)| {
            extra
                .get(CARRIED)
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|v| v.as_str() == Some(field)))
        })
    }

    /// Mark an answer as carried over (unchecked); `false` unmarks it (checked).
    pub fn mark_carried(&mut self, slot: &Slot, carried: bool) {
        let Slot::Answer {
            section,
            item,
            field,
        } = slot
        else {
            return;
        };
        let Some(sa) = self.sections.get_mut(section) else {
            return;
        };
        let extra = match item {
            Some(i) => match sa.items.get_mut(*i) {
                Some(it) => &mut Arc::make_mut(it).extra,
                None => return,
            },
            None => &mut sa.extra,
        };
        let mut list: Vec<Value> = extra
            .get(CARRIED)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        list.retain(|v| v.as_str() != Some(field));
        if carried {
            list.push(Value::String(field.clone()));
        }
        if list.is_empty() {
            extra.remove(CARRIED);
        } else {
            extra.insert(CARRIED.to_owned(), Value::Array(list));
        }
    }

    pub fn items(&self, section: &str) -> &[Arc<Item>] {
        self.sections.get(section).map_or(&[], |s| &s.items)
    }

    pub fn item_count(&self, section: &str) -> usize {
        self.items(section).len()
    }

    /// The answers of one block: the section's own for a single annex, the item's for a repeated one.
    pub fn answers(&self, section: &str, item: Option<usize>) -> Option<&BTreeMap<String, Value>> {
        let s = self.sections.get(section)?;
        match item {
            None => Some(&s.answers),
            Some(i) => s.items.get(i).map(|it| &it.answers),
        }
    }

    fn answers_mut(
        &mut self,
        section: &str,
        item: Option<usize>,
    ) -> Option<&mut BTreeMap<String, Value>> {
        let s = self.sections.entry(section.to_owned()).or_default();
        match item {
            None => Some(&mut s.answers),
            Some(i) => s.items.get_mut(i).map(|it| &mut Arc::make_mut(it).answers),
        }
    }

    pub fn get(&self, slot: &Slot) -> Option<&Value> {
        match slot {
            Slot::Header { field } => self.header.get(field),
            Slot::ItemName { .. } => None,
            Slot::Answer {
                section,
                item,
                field,
            } => self.answers(section, *item)?.get(field),
        }
    }

    /// The item's name, or the stored value; `None` for an empty or missing one.
    pub fn item_name(&self, section: &str, item: usize) -> Option<&str> {
        self.items(section)
            .get(item)
            .map(|i| i.name.as_str())
            .filter(|n| !n.trim().is_empty())
    }

    /// Store (or with `None`, clear) a value. Returns false where the slot does not exist.
    pub fn set(&mut self, slot: &Slot, value: Option<Value>) -> bool {
        match slot {
            Slot::Header { field } => {
                match value {
                    Some(v) => self.header.insert(field.clone(), v),
                    None => self.header.remove(field),
                };
                true
            }
            Slot::ItemName { section, item } => {
                let Some(it) = self
                    .sections
                    .get_mut(section)
                    .and_then(|s| s.items.get_mut(*item))
                else {
                    return false;
                };
                Arc::make_mut(it).name = value
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                true
            }
            Slot::Answer {
                section,
                item,
                field,
            } => {
                let Some(map) = self.answers_mut(section, *item) else {
                    return false;
                };
                match value {
                    Some(v) => map.insert(field.clone(), v),
                    None => map.remove(field),
                };
                true
            }
        }
    }

    /// Add a block to a repeatable annex; returns its index.
    pub fn add_item(&mut self, section: &str, name: &str) -> usize {
        self.add_item_with_id(section, name, String::new())
    }

    /// Add a block with its id (see `Item::id`); returns its index.
    pub fn add_item_with_id(&mut self, section: &str, name: &str, id: String) -> usize {
        let s = self.sections.entry(section.to_owned()).or_default();
        s.items.push(Arc::new(Item {
            id,
            name: name.to_owned(),
            ..Item::default()
        }));
        s.items.len() - 1
    }

    /// Put an item (back) at `index`, moving the ones from there down; past the end it goes last.
    pub fn insert_item(
        &mut self,
        section: &str,
        index: usize,
        item: impl Into<Arc<Item>>,
    ) -> usize {
        let s = self.sections.entry(section.to_owned()).or_default();
        let at = index.min(s.items.len());
        s.items.insert(at, item.into());
        at
    }

    /// What a slot holds as a value, an item's name included (`None` for a blank name).
    pub fn value(&self, slot: &Slot) -> Option<Value> {
        match slot {
            Slot::ItemName { section, item } => self
                .items(section)
                .get(*item)
                .filter(|i| !i.name.trim().is_empty())
                .map(|i| Value::String(i.name.clone())),
            _ => self.get(slot).cloned(),
        }
    }

    pub fn remove_item(&mut self, section: &str, item: usize) -> Option<Item> {
        let s = self.sections.get_mut(section)?;
        (item < s.items.len()).then(|| Arc::unwrap_or_clone(s.items.remove(item)))
    }

    /// Move an item one place up (`-1`) or down (`+1`); returns its new index.
    pub fn move_item(&mut self, section: &str, item: usize, delta: isize) -> Option<usize> {
        let s = self.sections.get_mut(section)?;
        let to = item.checked_add_signed(delta)?;
        if item >= s.items.len() || to >= s.items.len() {
            return None;
        }
        s.items.swap(item, to);
        Some(to)
    }

    /// The typed answer in a slot, or why the stored value does not fit.
    pub fn typed(&self, kind: FieldType, slot: &Slot) -> Option<Result<Answer, AnswerError>> {
        self.get(slot).map(|v| Answer::from_json(kind, v))
    }

    /// The count answered for an indicator, where it is answered and valid.
    pub fn count(&self, section: &str, item: Option<usize>, field: &str) -> Option<u64> {
        self.answers(section, item)?.get(field)?.as_u64()
    }

    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a session always serialises");
        s.push('\n');
        s
    }
}

/// Read a session file's text: the JSON itself and its format. What it answers is checked by
/// `check_against`, once the questionnaire is known.
pub fn parse_session(file: &str, src: &str) -> Result<Session, LoadError> {
    let s: Session = LoadError::parse(file, src)?;
    if s.format != SESSION_FORMAT {
        let found = &s.format;
        return Err(LoadError::at(
            file,
            src,
            JsonPath::root().key("format"),
            Msg::NotASession {
                found: found.clone(),
                expected: SESSION_FORMAT.to_owned(),
            },
        ));
    }
    Ok(s)
}

/// Every stored value that does not fit its field in `q`, with its path. Values under ids `q` does not
/// have are not problems: see `orphans`.
pub fn type_problems(q: &Questionnaire, s: &Session) -> Vec<(JsonPath, Msg)> {
    let mut out = Vec::new();
    let root = JsonPath::root();
    for h in &q.header {
        if let Some(v) = s.header.get(&h.id)
            && let Err(e) = Answer::from_json(h.kind, v)
        {
            out.push((root.key("header").key(&h.id), expected("", &e)));
        }
    }
    for sec in &q.sections {
        let Some(sa) = s.sections.get(&sec.id) else {
            continue;
        };
        let sp = root.key("sections").key(&sec.id);
        let check =
            |answers: &BTreeMap<String, Value>, p: JsonPath, out: &mut Vec<(JsonPath, Msg)>| {
                for f in sec.fields() {
                    if let Some(v) = answers.get(&f.id)
                        && let Err(e) = Answer::from_json(f.kind, v)
                    {
                        out.push((
                            p.key(&f.id),
                            expected(&format!("{}.{}: ", sec.number, f.number), &e),
                        ));
                    }
                }
            };
        if sec.is_repeat() {
            if !sa.answers.is_empty() {
                let id = &sec.id;
                out.push((
                    sp.key("answers"),
                    Msg::AnswersBelongInItems {
                        section: id.clone(),
                    },
                ));
            }
            for (i, it) in sa.items.iter().enumerate() {
                check(
                    &it.answers,
                    sp.key("items").index(i).key("answers"),
                    &mut out,
                );
            }
        } else {
            if !sa.items.is_empty() {
                let id = &sec.id;
                out.push((
                    sp.key("items"),
                    Msg::NoItems {
                        section: id.clone(),
                    },
                ));
            }
            check(&sa.answers, sp.key("answers"), &mut out);
        }
    }
    out
}

/// "1.Q3: expected a whole number, 0 or more".
fn expected(place: &str, e: &AnswerError) -> Msg {
    Msg::Expected {
        place: place.to_owned(),
        error: e.clone(),
    }
}

/// Answers kept in the file under ids this form does not have (a later or earlier version's).
pub fn orphans(q: &Questionnaire, s: &Session) -> Vec<JsonPath> {
    let mut out = Vec::new();
    let root = JsonPath::root();
    for k in s.header.keys() {
        if q.header_field(k).is_none() {
            out.push(root.key("header").key(k));
        }
    }
    for (sid, sa) in &s.sections {
        let sp = root.key("sections").key(sid);
        let sec: Option<&Section> = q.section(sid);
        let known = |id: &str| sec.is_some_and(|s| s.field(id).is_some());
        for k in sa.answers.keys().filter(|k| !known(k)) {
            out.push(sp.key("answers").key(k));
        }
        for (i, it) in sa.items.iter().enumerate() {
            for k in it.answers.keys().filter(|k| !known(k)) {
                out.push(sp.key("items").index(i).key("answers").key(k));
            }
        }
    }
    out
}

/// Every place a value goes, in the order the form is filled: the header, then each annex — for a
/// repeatable one, each item's name followed by its fields.
pub fn slots(q: &Questionnaire, s: &Session) -> Vec<(Slot, Option<FieldType>)> {
    let mut out: Vec<(Slot, Option<FieldType>)> = q
        .header
        .iter()
        .map(|h| {
            (
                Slot::Header {
                    field: h.id.clone(),
                },
                Some(h.kind),
            )
        })
        .collect();
    for sec in &q.sections {
        let block = |item: Option<usize>, out: &mut Vec<(Slot, Option<FieldType>)>| {
            for f in sec.fields() {
                out.push((
                    Slot::Answer {
                        section: sec.id.clone(),
                        item,
                        field: f.id.clone(),
                    },
                    Some(f.kind),
                ));
            }
        };
        if sec.is_repeat() {
            for i in 0..s.item_count(&sec.id) {
                out.push((
                    Slot::ItemName {
                        section: sec.id.clone(),
                        item: i,
                    },
                    None,
                ));
                block(Some(i), &mut out);
            }
        } else {
            block(None, &mut out);
        }
    }
    out
}

/// Whether a slot holds a valid answer (an item's name: a non-blank one).
pub fn is_answered(s: &Session, slot: &Slot, kind: Option<FieldType>) -> bool {
    match (slot, kind) {
        (Slot::ItemName { section, item }, _) => s.item_name(section, *item).is_some(),
        (_, Some(k)) => s.typed(k, slot).is_some_and(|r| r.is_ok()),
        (_, None) => false,
    }
}
