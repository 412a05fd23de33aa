//! One change of a report's stored values, as the history keeps it and as a save applies it onto
//! the report on disk (see `merge`): items are named by their stable ids, so a change lands on the
//! right item whatever colleagues added, deleted or moved meanwhile.

use crate::session::Slot;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One change, as the history keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// When (RFC 3339, to the second).
    pub time: String,
    /// Who, by the operating system's account (uid and its name, LDAP users too).
    pub uid: u32,
    pub user: String,
    pub what: What,
    /// The annex (absent for the header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The item, numbered from 1 as the form numbers them (where it stood then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// The item's stable id (see `session::Item::id`): what a save finds it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The field (absent for an item's name and for changes of whole items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// For a value chosen from a conflict: who entered it (the chooser is `user`). Absent for a
    /// value typed over a conflict, which is the typist's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// An answer, a header field or an item's name set or cleared.
    Set,
    ItemAdded,
    /// An item deleted; `old` is all it held.
    ItemRemoved,
    /// An item moved; `item` is where from, `new` where to (both from 1).
    ItemMoved,
    /// One of the values of a conflict chosen (`new`), or a new one entered over it: the conflict
    /// is settled.
    Chosen,
    /// An answer carried over from the last period checked as still true.
    Checked,
    /// A conflict put back (a choice undone): `new` lists its values, `Rival`s; the report keeps
    /// what it holds until one is chosen.
    Disputed,
}

impl Entry {
    /// A value set in `slot` (the user filled in by the writer).
    pub fn set(time: String, slot: &Slot, old: Option<Value>, new: Option<Value>) -> Entry {
        let (section, item, field) = match slot {
            Slot::Header { field } => (None, None, Some(field.clone())),
            Slot::ItemName { section, item } => (Some(section.clone()), Some(item + 1), None),
            Slot::Answer {
                section,
                item,
                field,
            } => (
                Some(section.clone()),
                item.map(|i| i + 1),
                Some(field.clone()),
            ),
        };
        Entry {
            time,
            uid: 0,
            user: String::new(),
            what: What::Set,
            section,
            item,
            id: None,
            field,
            old,
            new,
            by: None,
        }
    }

    /// Name the item by its id too (see `id`).
    pub fn with_id(self, id: Option<&str>) -> Entry {
        Entry {
            id: id.filter(|i| !i.is_empty()).map(str::to_owned),
            ..self
        }
    }

    /// The slot this entry changes, in `s` as it is now (its item found by id).
    pub fn slot_in(&self, s: &crate::session::Session) -> Option<Slot> {
        let item = match (&self.section, &self.id, self.item) {
            (Some(sec), Some(id), _) => Some(s.item_index(sec, id)?),
            (_, None, Some(i)) => Some(i.checked_sub(1)?),
            _ => None,
        };
        Some(match (&self.section, item, &self.field) {
            (None, _, Some(f)) => Slot::Header { field: f.clone() },
            (Some(sec), Some(i), None) => Slot::ItemName {
                section: sec.clone(),
                item: i,
            },
            (Some(sec), item, Some(f)) => Slot::Answer {
                section: sec.clone(),
                item,
                field: f.clone(),
            },
            _ => return None,
        })
    }

    /// A change of a whole item (`item` from 0).
    pub fn item(time: String, what: What, section: &str, item: usize) -> Entry {
        Entry {
            time,
            uid: 0,
            user: String::new(),
            what,
            section: Some(section.to_owned()),
            item: Some(item + 1),
            id: None,
            field: None,
            old: None,
            new: None,
            by: None,
        }
    }
}
