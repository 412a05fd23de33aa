//! A normalised, self-describing dump: every place with its texts beside its value, for other tools.

use super::value_text;
use crate::i18n::Lang;
use crate::questionnaire::Questionnaire;
use crate::session::{Session, Slot};
use crate::summary::summarize;
use serde_json::{Value, json};

pub fn to_json(q: &Questionnaire, s: &Session, lang: Lang) -> Value {
    let field_json = |sec: &crate::questionnaire::Section,
                      item: Option<usize>,
                      f: &crate::questionnaire::Field| {
        let slot = Slot::Answer {
            section: sec.id.clone(),
            item,
            field: f.id.clone(),
        };
        json!({
            "id": f.id,
            "number": f.number,
            "kind": if sec.indicator(&f.id).is_some() { "indicator" } else { "question" },
            "type": f.kind.name(),
            "text": f.text,
            "value": s.get(&slot).cloned().unwrap_or(Value::Null),
            "display": s.get(&slot).map(|_| value_text(s, f, &slot, lang)),
        })
    };
    let sections: Vec<Value> = q
        .sections
        .iter()
        .map(|sec| {
            let block = |item: Option<usize>| -> Vec<Value> { sec.fields().map(|f| field_json(sec, item, f)).collect() };
            let mut v = json!({
                "id": sec.id,
                "number": sec.number,
                "label": sec.label,
                "title": sec.title,
                "repeat": sec.is_repeat(),
            });
            if sec.is_repeat() {
                v["items"] = (0..s.item_count(&sec.id))
                    .map(|i| json!({"number": i + 1, "name": s.items(&sec.id)[i].name, "answers": block(Some(i))}))
                    .collect();
            } else {
                v["answers"] = block(None).into();
            }
            v
        })
        .collect();
    json!({
        "format": "saualnama-export/1",
        "questionnaire": {"id": q.id, "version": q.version, "title": q.title, "basis": q.basis},
        "language": lang.code(),
        "header": q.header.iter().map(|h| json!({
            "id": h.id, "type": h.kind.name(), "text": h.text,
            "value": s.header.get(&h.id).cloned().unwrap_or(Value::Null),
        })).collect::<Vec<_>>(),
        "sections": sections,
        "summary": summarize(q, s, lang),
    })
}
