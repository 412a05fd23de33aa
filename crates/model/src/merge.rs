//! A working group fills one report at once: each editor's save re-reads the report and applies only
//! its own committed changes onto it, field by field (`merge`). A change to a field someone else
//! changed meanwhile is a conflict: the report keeps what is there, and both values are listed in
//! `Session::conflicts` until someone chooses — neither is dropped. The same changes laid over a
//! newer report without conflicts (`overlay`) give the editor its live view of everyone's answers.

use crate::changes::{Entry, What};
use crate::session::{Item, Rival, Session, Slot};
use serde_json::Value;

/// What a merge gave: the report to write, and what the user should be told.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub session: Session,
    /// Fields where this editor's value met a colleague's (now listed in `session.conflicts`).
    pub conflicts: usize,
    /// Items this editor deleted that a colleague changed meanwhile: kept, not deleted.
    pub kept_items: usize,
    /// Which of `ops` those deletions were (not to be told as done in the history).
    pub refused: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A save: changes meet what colleagues saved, conflicts are recorded.
    Save,
    /// The live view: this editor's changes not yet on disk are shown as they are.
    View,
}

/// `disk` with this editor's `ops` applied, oldest first. `mine` is the editor's own view (where an
/// item a colleague deleted is taken back from, when this editor changed it since); `me` and `now`
/// name and stamp the values this editor brings into a conflict.
pub fn merge(disk: Session, mine: &Session, ops: &[Entry], me: &str, now: &str) -> Merged {
    run(disk, mine, ops, me, now, Mode::Save)
}

/// `disk` with `ops` laid over it as they are, for the editor to show: its changes still on their
/// way to the disk stay visible, and everything else is the colleagues'.
pub fn overlay(disk: Session, mine: &Session, ops: &[Entry]) -> Session {
    run(disk, mine, ops, "", "", Mode::View).session
}

fn run(mut out: Session, mine: &Session, ops: &[Entry], me: &str, now: &str, mode: Mode) -> Merged {
    out.ensure_item_ids();
    let mut conflicts = 0;
    let mut kept_items = 0;
    let mut refused = Vec::new();
    for (n, op) in ops.iter().enumerate() {
        match op.what {
            What::Set | What::Chosen => {
                if !bring_back_item(&mut out, mine, op) {
                    continue;
                }
                let Some(slot) = op.slot_in(&out) else {
                    continue;
                };
                let here = out.value(&slot);
                // A choice settles the conflict it was made in. Where that conflict is gone (a
                // colleague chose first), it is a value like any other, and meets theirs.
                let open = out.conflict(&slot).is_some();
                let chosen = (op.what == What::Chosen && open) || mode == Mode::View;
                if here == op.new {
                    if op.what == What::Chosen {
                        settle(&mut out, &slot);
                    }
                } else if chosen || here == op.old {
                    out.set(&slot, op.new.clone());
                    if op.what == What::Chosen {
                        settle(&mut out, &slot);
                    }
                } else {
                    conflicts += 1;
                    // A value chosen from a conflict is its author's, not the chooser's.
                    let by = op.by.clone().map(|by| Rival {
                        user: Some(by),
                        time: None,
                        value: op.new.clone(),
                    });
                    let author = (op.what == What::Chosen)
                        .then(|| op.slot_in(mine))
                        .flatten()
                        .and_then(|s| mine.conflict(&s))
                        .and_then(|c| {
                            c.values
                                .iter()
                                .find(|r| r.value == op.new && r.user.is_some())
                        })
                        .cloned();
                    let rival = by.or(author).unwrap_or_else(|| Rival {
                        user: Some(me.to_owned()),
                        time: Some(if op.time.is_empty() { now } else { &op.time }.to_owned()),
                        value: op.new.clone(),
                    });
                    out.keep_both(&slot, rival);
                }
            }
            What::Disputed => {
                let values = op
                    .new
                    .as_ref()
                    .and_then(|v| serde_json::from_value::<Vec<Rival>>(v.clone()).ok());
                if let (Some(slot), Some(values)) = (op.slot_in(&out), values) {
                    out.reopen(&slot, &values);
                }
            }
            What::Checked => {
                if let Some(slot) = op.slot_in(&out) {
                    out.mark_carried(&slot, false);
                }
            }
            What::ItemAdded => {
                let (Some(section), Some(id)) = (&op.section, &op.id) else {
                    continue;
                };
                if out.item_index(section, id).is_some() {
                    continue;
                }
                let item = op
                    .new
                    .as_ref()
                    .and_then(|v| serde_json::from_value::<Item>(v.clone()).ok())
                    .filter(|i| i.id == *id)
                    .unwrap_or_else(|| Item {
                        id: id.clone(),
                        ..Item::default()
                    });
                out.insert_item(
                    section,
                    op.item.unwrap_or(usize::MAX).saturating_sub(1),
                    item,
                );
            }
            What::ItemRemoved => {
                let (Some(section), Some(id)) = (&op.section, &op.id) else {
                    continue;
                };
                let Some(at) = out.item_index(section, id) else {
                    continue;
                };
                // Deleted as it was seen: a colleague's later answers in it keep it.
                let as_seen = op
                    .old
                    .as_ref()
                    .and_then(|v| serde_json::from_value::<Item>(v.clone()).ok());
                let same = as_seen.is_none_or(|seen| {
                    let now = &out.items(section)[at];
                    seen.name == now.name && seen.answers == now.answers
                });
                // The view shows what the save will do: an item a colleague changed since stays.
                if same {
                    out.remove_item(section, at);
                    out.conflicts.retain(|c| {
                        !(c.section.as_deref() == Some(section) && c.item.as_deref() == Some(id))
                    });
                } else {
                    kept_items += 1;
                    refused.push(n);
                }
            }
            What::ItemMoved => {
                let (Some(section), Some(id)) = (&op.section, &op.id) else {
                    continue;
                };
                let (Some(from), Some(to)) = (
                    out.item_index(section, id),
                    op.new.as_ref().and_then(Value::as_u64),
                ) else {
                    continue;
                };
                if let Some(sa) = out.sections.get_mut(section) {
                    let item = sa.items.remove(from);
                    let to = (to as usize).saturating_sub(1).min(sa.items.len());
                    sa.items.insert(to, item);
                }
            }
        }
    }
    if mode == Mode::Save {
        if let Some(c) = &mine.cursor {
            out.cursors.insert(me.to_owned(), c.clone());
        }
        out.cursor = mine.cursor.clone();
        // The report's language is the one it was started in: no member's interface changes it.
        out.language = out.language.or(mine.language);
        if !now.is_empty() {
            out.modified = Some(now.to_owned());
        }
    }
    Merged {
        session: out,
        conflicts,
        kept_items,
        refused,
    }
}

/// A change into an item a colleague deleted: the item comes back as this editor has it, so that
/// nothing typed is lost. False where the change has nowhere to go.
fn bring_back_item(out: &mut Session, mine: &Session, op: &Entry) -> bool {
    let (Some(section), Some(id)) = (&op.section, &op.id) else {
        return true;
    };
    if out.item_index(section, id).is_some() {
        return true;
    }
    let Some(at) = mine.item_index(section, id) else {
        return false;
    };
    out.insert_item(section, at, mine.items(section)[at].clone());
    true
}

fn settle(out: &mut Session, slot: &Slot) {
    if let Some(key) = out.conflict_key(slot) {
        out.conflicts.retain(|c| c.key() != key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Cursor;
    use serde_json::json;

    /// Bob typed over a conflict (a choice) but his save came late; Carol had chosen meanwhile.
    /// His value meets hers as a new conflict instead of silently replacing her choice.
    #[test]
    fn a_late_choice_meets_a_colleagues_earlier_one() {
        let mut disk = report();
        let slot = Slot::Answer {
            section: "s4".into(),
            item: None,
            field: "k1".into(),
        };
        disk.set(&slot, Some(json!(3)));
        let op = Entry {
            what: What::Chosen,
            ..set(Some("s4"), None, "k1", json!(5), json!(4))
        };
        let m = merge(disk.clone(), &disk, std::slice::from_ref(&op), "bob", "t");
        assert_eq!(
            m.session.value(&slot),
            Some(json!(3)),
            "Carol's choice stays"
        );
        assert_eq!(m.conflicts, 1);
        // The value Bob chose is its author's in the new conflict, not his.
        let mut bobs_view = disk.clone();
        bobs_view.set(&slot, Some(json!(5)));
        bobs_view.keep_both(
            &slot,
            Rival {
                user: Some("alice".into()),
                time: Some("10:00".into()),
                value: Some(json!(4)),
            },
        );
        let m = merge(
            disk.clone(),
            &bobs_view,
            std::slice::from_ref(&op),
            "bob",
            "t",
        );
        assert_eq!(
            author_of(&m.session, &slot, json!(4)).as_deref(),
            Some("alice")
        );
        // Carried in the choice itself when the chooser's view has no conflict left to tell.
        let with_by = Entry {
            by: Some("carol".into()),
            ..op.clone()
        };
        let m = merge(
            disk.clone(),
            &disk,
            std::slice::from_ref(&with_by),
            "bob",
            "t",
        );
        assert_eq!(
            author_of(&m.session, &slot, json!(4)).as_deref(),
            Some("carol")
        );
        // With the conflict still open, the choice settles it.
        disk.keep_both(
            &slot,
            Rival {
                user: Some("alice".into()),
                time: None,
                value: Some(json!(5)),
            },
        );
        let m = merge(disk.clone(), &disk, &[op], "bob", "t");
        assert_eq!(m.session.value(&slot), Some(json!(4)));
        assert!(m.session.conflicts.is_empty());
    }

    /// Who a conflict at `slot` names for `value`.
    fn author_of(s: &Session, slot: &Slot, value: Value) -> Option<String> {
        s.conflict(slot)?
            .values
            .iter()
            .find(|r| r.value == Some(value.clone()))?
            .user
            .clone()
    }

    fn report() -> Session {
        let mut s: Session = serde_json::from_value(json!({
            "format": "saualnama-session/1",
            "questionnaire": {"id": "f", "version": "1"},
            "header": {"org": "A"},
            "sections": {
                "s1": {"items": [
                    {"id": "a", "name": "Служба", "answers": {"q1": 5}},
                    {"id": "b", "name": "Лицензия", "answers": {}}
                ]},
                "s4": {"answers": {"k1": 3}}
            }
        }))
        .unwrap();
        s.cursor = None;
        s
    }

    fn set(section: Option<&str>, id: Option<&str>, field: &str, old: Value, new: Value) -> Entry {
        Entry {
            time: "t".into(),
            uid: 0,
            user: String::new(),
            what: What::Set,
            section: section.map(str::to_owned),
            item: None,
            id: id.map(str::to_owned),
            field: Some(field.into()),
            old: (!old.is_null()).then_some(old),
            new: (!new.is_null()).then_some(new),
            by: None,
        }
    }

    #[test]
    fn two_editors_in_different_annexes_both_land() {
        let base = report();
        let mut alice = base.clone();
        alice.set(
            &Slot::Answer {
                section: "s4".into(),
                item: None,
                field: "k2".into(),
            },
            Some(json!(7)),
        );
        let a_ops = [set(Some("s4"), None, "k2", Value::Null, json!(7))];
        let b_ops = [set(Some("s1"), Some("b"), "q1", Value::Null, json!(2))];
        let after_a = merge(base.clone(), &alice, &a_ops, "alice", "t1").session;
        let after_b = merge(after_a, &base, &b_ops, "bob", "t2");
        assert_eq!(after_b.conflicts, 0);
        let s = after_b.session;
        assert_eq!(s.sections["s4"].answers["k2"], json!(7));
        assert_eq!(s.sections["s1"].items[1].answers["q1"], json!(2));
        assert_eq!(s.sections["s4"].answers["k1"], json!(3));
    }

    #[test]
    fn the_same_field_changed_by_two_keeps_both_until_chosen() {
        let base = report();
        let a = [set(Some("s1"), Some("a"), "q1", json!(5), json!(6))];
        let b = [set(Some("s1"), Some("a"), "q1", json!(5), json!(9))];
        let s = merge(base.clone(), &base, &a, "alice", "t1").session;
        let m = merge(s, &base, &b, "bob", "t2");
        assert_eq!(m.conflicts, 1);
        assert_eq!(
            m.session.sections["s1"].items[0].answers["q1"],
            json!(6),
            "the first saved stays"
        );
        let values: Vec<_> = m.session.conflicts[0]
            .values
            .iter()
            .map(|r| r.value.clone())
            .collect();
        assert_eq!(values, vec![Some(json!(6)), Some(json!(9))]);
        assert_eq!(
            m.session.conflicts[0].values[1].user.as_deref(),
            Some("bob")
        );
        // Alice chooses Bob's value: the conflict is settled, the value is his.
        let choose = [Entry {
            what: What::Chosen,
            ..set(Some("s1"), Some("a"), "q1", json!(6), json!(9))
        }];
        let done = merge(m.session, &base, &choose, "alice", "t3").session;
        assert!(done.conflicts.is_empty());
        assert_eq!(done.sections["s1"].items[0].answers["q1"], json!(9));
    }

    #[test]
    fn items_added_moved_and_deleted_by_id_whatever_the_others_did() {
        let base = report();
        // Bob adds an item at the end and names it.
        let mut add = Entry::item("t".into(), What::ItemAdded, "s1", 2).with_id(Some("c"));
        add.new = None;
        let bob = [
            add,
            Entry {
                what: What::Set,
                field: None,
                ..set(Some("s1"), Some("c"), "", Value::Null, json!("Новая"))
            },
        ];
        let s = merge(base.clone(), &base, &bob, "bob", "t").session;
        // Alice, who never saw it, deletes the first item and answers in «b», now the first.
        let mut del = Entry::item("t".into(), What::ItemRemoved, "s1", 0).with_id(Some("a"));
        del.old = serde_json::to_value(&base.sections["s1"].items[0]).ok();
        let alice = [del, set(Some("s1"), Some("b"), "q2", Value::Null, json!(1))];
        let m = merge(s, &base, &alice, "alice", "t");
        let items = &m.session.sections["s1"].items;
        assert_eq!(
            items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
            ["b", "c"]
        );
        assert_eq!(items[0].answers["q2"], json!(1));
        assert_eq!(items[1].name, "Новая");
        // Moving «c» up puts it first.
        let mv = Entry {
            new: Some(json!(1)),
            ..Entry::item("t".into(), What::ItemMoved, "s1", 1).with_id(Some("c"))
        };
        let moved = merge(m.session, &base, &[mv], "bob", "t").session;
        assert_eq!(moved.sections["s1"].items[0].id, "c");
    }

    #[test]
    fn a_deleted_item_changed_meanwhile_is_kept_and_an_item_changed_after_its_deletion_comes_back()
    {
        let base = report();
        let mut del = Entry::item("t".into(), What::ItemRemoved, "s1", 0).with_id(Some("a"));
        del.old = serde_json::to_value(&base.sections["s1"].items[0]).ok();
        // Bob answered in «a» first: Alice's deletion keeps it.
        let bob = [set(Some("s1"), Some("a"), "q2", Value::Null, json!(4))];
        let s = merge(base.clone(), &base, &bob, "bob", "t").session;
        let m = merge(s, &base, std::slice::from_ref(&del), "alice", "t");
        assert_eq!(m.kept_items, 1);
        assert_eq!(m.refused, [0], "not to be told as deleted in the history");
        assert_eq!(m.session.sections["s1"].items.len(), 2);
        // Alice deleted first: Bob's answer brings the item back as he has it.
        let gone = merge(base.clone(), &base, &[del], "alice", "t").session;
        let mut bobs = base.clone();
        std::sync::Arc::make_mut(&mut bobs.sections.get_mut("s1").unwrap().items[0])
            .answers
            .insert("q2".into(), json!(4));
        let back = merge(gone, &bobs, &bob, "bob", "t").session;
        assert_eq!(back.sections["s1"].items[0].answers["q2"], json!(4));
    }

    #[test]
    fn each_user_keeps_their_own_place_and_old_reports_get_the_same_ids_everywhere() {
        let mut old = report();
        for it in &mut old.sections.get_mut("s1").unwrap().items {
            std::sync::Arc::make_mut(it).id.clear();
        }
        let mut a = old.clone();
        let mut b = old.clone();
        a.ensure_item_ids();
        b.ensure_item_ids();
        assert_eq!(a, b);
        assert_eq!(a.sections["s1"].items[1].id, "n2");
        let mut mine = a.clone();
        mine.cursor = Some(Cursor {
            field: Some("org".into()),
            ..Cursor::default()
        });
        let m = merge(old, &mine, &[], "alice", "t").session;
        assert_eq!(m.cursors["alice"].field.as_deref(), Some("org"));
        assert_eq!(m.sections["s1"].items[1].id, "n2");
    }

    #[test]
    fn the_live_view_shows_changes_not_yet_saved_over_a_newer_report() {
        let base = report();
        let theirs = merge(
            base.clone(),
            &base,
            &[set(Some("s4"), None, "k1", json!(3), json!(4))],
            "bob",
            "t",
        )
        .session;
        let mine = [set(Some("s4"), None, "k1", json!(3), json!(8))];
        let view = overlay(theirs, &base, &mine);
        assert_eq!(view.sections["s4"].answers["k1"], json!(8));
        assert!(view.conflicts.is_empty());
    }
}
