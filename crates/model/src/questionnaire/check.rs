//! Is a definition sound: every id well formed and unique, every reference resolvable, every text
//! present in all three languages. `saualnama check` prints these; loading refuses an unsound form.

use super::{FieldType, QUESTIONNAIRE_FORMAT, Questionnaire, Section, SummaryKind, Term, When};
use crate::i18n::Text;
use crate::json_path::JsonPath;
use std::collections::HashSet;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionProblem {
    pub path: JsonPath,
    pub message: String,
}

pub fn is_snake_id(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

struct Checker {
    problems: Vec<DefinitionProblem>,
}

impl Checker {
    fn bad(&mut self, path: JsonPath, message: impl Into<String>) {
        self.problems.push(DefinitionProblem {
            path,
            message: message.into(),
        });
    }

    fn text(&mut self, path: JsonPath, t: &Text) {
        for lang in t.missing() {
            self.bad(path.key(lang.code()), format!("the {lang} text is empty"));
        }
    }

    fn snake(&mut self, path: JsonPath, id: &str, seen: &mut HashSet<String>) {
        if !is_snake_id(id) {
            self.bad(
                path.clone(),
                format!("id {id:?} is not snake_case (a-z, 0-9, _)"),
            );
        }
        if !seen.insert(id.to_owned()) {
            self.bad(path, format!("id {id:?} is used twice"));
        }
    }
}

pub fn check(q: &Questionnaire) -> Vec<DefinitionProblem> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let root = JsonPath::root();
    if q.format != QUESTIONNAIRE_FORMAT {
        c.bad(
            root.key("format"),
            format!(
                "format must be {QUESTIONNAIRE_FORMAT:?}, not {:?}",
                q.format
            ),
        );
    }
    if q.id.is_empty()
        || !q
            .id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-' || ch == '_')
    {
        c.bad(
            root.key("id"),
            format!(
                "questionnaire id {:?} must be non-empty lowercase a-z, 0-9, - or _",
                q.id
            ),
        );
    }
    if q.version.trim().is_empty() {
        c.bad(root.key("version"), "version is empty");
    }
    c.text(root.key("title"), &q.title);
    if let Some(b) = &q.basis {
        c.text(root.key("basis"), b);
    }

    let mut header_ids = HashSet::new();
    for (i, h) in q.header.iter().enumerate() {
        let p = root.key("header").index(i);
        c.snake(p.key("id"), &h.id, &mut header_ids);
        c.text(p.key("text"), &h.text);
        if let Some(t) = &h.hint {
            c.text(p.key("hint"), t);
        }
        if let Some(other) = &h.not_before {
            let ok = q
                .header
                .iter()
                .any(|o| &o.id == other && o.kind == FieldType::Month && o.id != h.id);
            if h.kind != FieldType::Month || !ok {
                c.bad(p.key("not_before"), format!("not_before needs a month field and another month field's id; {other:?} is not one"));
            }
        }
    }

    let mut section_ids = HashSet::new();
    let mut section_numbers = HashSet::new();
    if q.sections.is_empty() {
        c.bad(
            root.key("sections"),
            "a questionnaire needs at least one section",
        );
    }
    for (si, s) in q.sections.iter().enumerate() {
        let sp = root.key("sections").index(si);
        c.snake(sp.key("id"), &s.id, &mut section_ids);
        if s.number.trim().is_empty() || !section_numbers.insert(s.number.clone()) {
            c.bad(
                sp.key("number"),
                format!("section number {:?} is empty or used twice", s.number),
            );
        }
        if s.number.contains('.') || s.number.contains(char::is_whitespace) {
            c.bad(
                sp.key("number"),
                "a section number may not contain '.' or spaces (go-to uses SECTION.QUESTION)",
            );
        }
        c.text(sp.key("label"), &s.label);
        c.text(sp.key("title"), &s.title);
        for (k, id) in s.carry.iter().enumerate() {
            if !s.questions.iter().any(|f| &f.id == id) {
                c.bad(
                    sp.key("carry").index(k),
                    format!(
                        "{id:?} is not a question of section {:?}: only questions carry over",
                        s.id
                    ),
                );
            }
        }
        if let Some(t) = &s.instructions {
            c.text(sp.key("instructions"), t);
        }
        if let Some(r) = &s.repeat {
            c.text(sp.key("repeat").key("item"), &r.item);
            c.text(sp.key("repeat").key("name"), &r.name);
        }
        let mut group_ids = HashSet::new();
        for (gi, g) in s.groups.iter().enumerate() {
            c.snake(sp.key("groups").index(gi).key("id"), &g.id, &mut group_ids);
            c.text(sp.key("groups").index(gi).key("text"), &g.text);
        }
        if s.indicators.is_empty() && s.questions.is_empty() {
            c.bad(
                sp.clone(),
                "a section needs at least one indicator or question",
            );
        }
        let mut field_ids = HashSet::new();
        let mut numbers = HashSet::new();
        for (list, fields) in [("indicators", &s.indicators), ("questions", &s.questions)] {
            for (fi, f) in fields.iter().enumerate() {
                let fp = sp.key(list).index(fi);
                c.snake(fp.key("id"), &f.id, &mut field_ids);
                if f.number.trim().is_empty()
                    || f.number.contains(char::is_whitespace)
                    || !numbers.insert(f.number.clone())
                {
                    c.bad(
                        fp.key("number"),
                        format!(
                            "number {:?} is empty, has spaces or is used twice in this section",
                            f.number
                        ),
                    );
                }
                c.text(fp.key("text"), &f.text);
                if let Some(t) = &f.hint {
                    c.text(fp.key("hint"), t);
                }
                if list == "indicators" && f.kind != FieldType::Count {
                    c.bad(
                        fp.key("type"),
                        format!("a quantitative indicator is a count, not {}", f.kind.name()),
                    );
                }
                if let Some(parent) = &f.parent {
                    let earlier = s.indicators[..fi.min(s.indicators.len())]
                        .iter()
                        .any(|o| &o.id == parent);
                    if list != "indicators" || !earlier {
                        c.bad(
                            fp.key("parent"),
                            format!(
                                "parent {parent:?} must be an indicator listed before this one"
                            ),
                        );
                    }
                }
                if let Some(g) = &f.group
                    && s.group(g).is_none()
                {
                    c.bad(fp.key("group"), format!("no group {g:?} in this section"));
                }
            }
        }
        let mut rule_ids = HashSet::new();
        for (ri, r) in s.rules.iter().enumerate() {
            let rp = sp.key("rules").index(ri);
            c.snake(rp.key("id"), &r.id, &mut rule_ids);
            c.text(rp.key("message"), &r.message);
            let mut sides = vec![
                ("left", &r.left, rp.clone()),
                ("right", &r.right, rp.clone()),
            ];
            if let Some(w) = &r.when {
                sides.push(("left", &w.left, rp.key("when")));
                sides.push(("right", &w.right, rp.key("when")));
            }
            for (name, terms, base) in sides {
                if terms.is_empty() {
                    c.bad(
                        base.key(name),
                        "a side of a relation needs at least one term",
                    );
                }
                for (ti, t) in terms.iter().enumerate() {
                    if let Term::Id(id) = t
                        && s.indicator(id).is_none()
                    {
                        c.bad(
                            base.key(name).index(ti),
                            format!("{id:?} is not an indicator of section {:?}", s.id),
                        );
                    }
                }
            }
        }
    }

    let mut summary_ids = HashSet::new();
    for (i, d) in q.summary.iter().enumerate() {
        let p = root.key("summary").index(i);
        c.text(p.key("label"), &d.label);
        let Some(s) = q.section(&d.section) else {
            c.bad(p.key("section"), format!("no section {:?}", d.section));
            continue;
        };
        if !is_snake_id(&d.id)
            || !summary_ids.insert(format!("{}.{}", d.section, d.id))
            || s.field(&d.id).is_some()
        {
            c.bad(
                p.key("id"),
                format!(
                    "summary id {:?} must be snake_case and unique among the section's ids",
                    d.id
                ),
            );
        }
        let lists: Vec<(&str, &Vec<String>)> = match d.kind {
            SummaryKind::Sum => vec![("of", &d.of)],
            SummaryKind::Share | SummaryKind::Ratio => {
                vec![("numerator", &d.numerator), ("denominator", &d.denominator)]
            }
        };
        for (name, ids) in lists {
            if ids.is_empty() {
                c.bad(p.key(name), format!("a {:?} figure needs {name}", d.kind));
            }
            for (k, id) in ids.iter().enumerate() {
                if s.indicator(id).is_none() {
                    c.bad(
                        p.key(name).index(k),
                        format!("{id:?} is not an indicator of section {:?}", s.id),
                    );
                }
            }
        }
    }
    let mut finding_ids = HashSet::new();
    for (i, r) in q.findings.iter().enumerate() {
        let p = root.key("findings").index(i);
        c.text(p.key("title"), &r.title);
        c.text(p.key("explanation"), &r.explanation);
        c.text(p.key("recommendation"), &r.recommendation);
        let Some(s) = q.section(&r.section) else {
            c.bad(p.key("section"), format!("no section {:?}", r.section));
            continue;
        };
        if !is_snake_id(&r.id) || !finding_ids.insert(format!("{}.{}", r.section, r.id)) {
            c.bad(
                p.key("id"),
                format!(
                    "finding id {:?} must be snake_case and unique in its section",
                    r.id
                ),
            );
        }
        check_when(&mut c, s, &r.when, p.key("when"));
        for (k, id) in r.evidence.iter().enumerate() {
            if s.field(id).is_none() {
                c.bad(
                    p.key("evidence").index(k),
                    format!("{id:?} is not a field of section {:?}", s.id),
                );
            }
        }
    }
    // Every field of every annex is read by a rule or said not to be a risk signal, and why: a
    // question no rule reads and nobody decided about is a risk the findings would be silent on.
    let mut accounted: HashSet<(String, String)> = HashSet::new();
    for r in &q.findings {
        for id in r
            .when
            .fields()
            .into_iter()
            .chain(r.evidence.iter().cloned())
        {
            accounted.insert((r.section.clone(), id));
        }
    }
    for (i, n) in q.not_signals.iter().enumerate() {
        let p = root.key("not_signals").index(i);
        c.text(p.key("reason"), &n.reason);
        let Some(s) = q.section(&n.section) else {
            c.bad(p.key("section"), format!("no section {:?}", n.section));
            continue;
        };
        for (k, id) in n.fields.iter().enumerate() {
            if s.field(id).is_none() {
                c.bad(
                    p.key("fields").index(k),
                    format!("{id:?} is not a field of section {:?}", s.id),
                );
            } else if !accounted.insert((n.section.clone(), id.clone())) {
                c.bad(
                    p.key("fields").index(k),
                    format!("{id:?} is read by a rule or listed twice, and here again"),
                );
            }
        }
    }
    if !q.findings.is_empty() || !q.not_signals.is_empty() {
        for (si, s) in q.sections.iter().enumerate() {
            for f in s.fields() {
                if !accounted.contains(&(s.id.clone(), f.id.clone())) {
                    c.bad(
                        root.key("sections").index(si),
                        format!(
                            "{}.{} ({}) is read by no finding rule and not listed in not_signals",
                            s.id, f.id, f.number
                        ),
                    );
                }
            }
        }
    }
    c.problems
}

fn check_when(c: &mut Checker, s: &Section, w: &When, p: JsonPath) {
    let mut want = |kind: FieldType, key: &str, id: &str| match s.field(id) {
        Some(f) if f.kind == kind => {}
        Some(f) => c.bad(
            p.key(key),
            format!("{id:?} is a {} field, not {}", f.kind.name(), kind.name()),
        ),
        None => c.bad(
            p.key(key),
            format!("{id:?} is not a field of section {:?}", s.id),
        ),
    };
    match w {
        When::Yes(id) => want(FieldType::YesNo, "yes", id),
        When::No(id) => want(FieldType::YesNo, "no", id),
        When::Described(id) => want(FieldType::Text, "described", id),
        When::Undescribed(id) => want(FieldType::Text, "undescribed", id),
        When::Below { field, .. } => want(FieldType::Percent, "below", field),
        When::Compare(cond) => {
            for (side, terms) in [("left", &cond.left), ("right", &cond.right)] {
                if terms.is_empty() {
                    c.bad(
                        p.key("compare").key(side),
                        "a side of a relation needs at least one term",
                    );
                }
                for (ti, t) in terms.iter().enumerate() {
                    if let Term::Id(id) = t
                        && s.indicator(id).is_none()
                    {
                        c.bad(
                            p.key("compare").key(side).index(ti),
                            format!("{id:?} is not an indicator of section {:?}", s.id),
                        );
                    }
                }
            }
        }
        When::All(ws) | When::Any(ws) => {
            let key = if matches!(w, When::All(_)) {
                "all"
            } else {
                "any"
            };
            if ws.is_empty() {
                c.bad(p.key(key), "needs at least one condition");
            }
            for (i, inner) in ws.iter().enumerate() {
                check_when(c, s, inner, p.key(key).index(i));
            }
        }
    }
}
