//! The types of a form's definition. Their own file, because the build script reads them too: it
//! compiles the bundled form into the binary in their binary encoding (see `build.rs`).

use crate::i18n::Text;
use serde::{Deserialize, Serialize};

pub const QUESTIONNAIRE_FORMAT: &str = "saualnama-questionnaire/1";

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    pub format: String,
    pub id: String,
    pub version: String,
    pub title: Text,
    /// The act the form follows, for the title block of printed reports.
    #[serde(default)]
    pub basis: Option<Text>,
    /// Where the texts come from (translator's note; not shown to users).
    #[serde(default)]
    pub provenance: Option<String>,
    pub header: Vec<HeaderField>,
    pub sections: Vec<Section>,
    #[serde(default)]
    pub summary: Vec<SummaryDef>,
    /// Corruption-risk factors to look for in the answers, for the analytical report.
    #[serde(default)]
    pub findings: Vec<FindingRule>,
    /// How text answers are read: the phrases that say "nothing found" and those that leave it
    /// unclear, in the three languages (see `reading`).
    #[serde(default)]
    pub readings: Readings,
    /// Fields that are deliberately not a risk signal, with the reason: with the rules, they account
    /// for every field of every annex (`check` verifies it).
    #[serde(default)]
    pub not_signals: Vec<NotSignal>,
}

/// The phrase lists of `reading`, lower case, ё written е.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readings {
    /// Whole answers that say nothing: «жоқ», «нет», «none», dashes.
    #[serde(default)]
    pub none: Vec<String>,
    /// Phrases that negate the clause they stand in: «не выявлено», «анықталған жоқ», "not found".
    #[serde(default)]
    pub negations: Vec<String>,
    /// Words that negate a clause only at its end («… нет», «… жоқ»); at its start, before more
    /// words («нет чёткого порядка»), they describe a gap and leave the answer unclear.
    #[serde(default)]
    pub negating_last_words: Vec<String>,
    /// Statements that all is in order («все процессы урегулированы»), unless the clause also holds
    /// one of `unsettled`.
    #[serde(default)]
    pub settled: Vec<String>,
    #[serde(default)]
    pub unsettled: Vec<String>,
    /// Words that make an answer neither yes nor no («частично», "partly"): to review.
    #[serde(default)]
    pub unclear: Vec<String>,
    /// Words that start a new clause inside a sentence («однако», «бірақ», "but").
    #[serde(default)]
    pub contrasts: Vec<String>,
}

/// Fields of a section that no rule reads, on purpose.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotSignal {
    pub section: String,
    pub fields: Vec<String>,
    /// Why these are not a risk signal (for the form's authors; in the form's notes).
    pub reason: Text,
}

/// How much a finding weighs in the analytical report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum FindingSeverity {
    /// A corruption-risk factor the answers show.
    #[default]
    Risk,
    /// Something to look into: an answer that may hide a risk, or reads neither way.
    Review,
    /// Figures that do not add up: what to check, not a conclusion.
    Inconsistency,
}

/// A corruption-risk factor: when `when` holds for a block of a section (an item, or the single
/// annex), the finding is reported with its explanation and recommendation.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingRule {
    pub id: String,
    pub section: String,
    #[serde(default)]
    pub severity: FindingSeverity,
    pub when: When,
    /// More answers to show as evidence (the reasons, the subjects of complaints), when answered.
    #[serde(default)]
    pub evidence: Vec<String>,
    pub title: Text,
    pub explanation: Text,
    pub recommendation: Text,
}

/// A condition over one block's answers. An unanswered field never makes a condition hold.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum When {
    /// A yes/no question answered yes.
    Yes(String),
    /// A yes/no question answered no.
    No(String),
    /// A text answer that says something (not blank, not «жоқ / нет / none»); an unclear one makes
    /// the rule a matter to review.
    Described(String),
    /// A text answer that is missing, blank, or says none («жоқ», «не выявлено»). One the phrase
    /// lists cannot read either way («частично») makes the rule a matter to review, not a finding.
    Undescribed(String),
    /// A relation between counts, as in the section's rules; here an unanswered count is read as 0
    /// ("not reported", and said so in the evidence) as long as one of them is answered, so that a
    /// breakdown left blank does not silence the rule.
    Compare(Condition),
    /// A percent answered below a value (a Regulation that departs from the Standard).
    Below {
        field: String,
        value: f64,
    },
    All(Vec<When>),
    Any(Vec<When>),
}

impl When {
    /// The fields the condition reads, in order, each once.
    pub fn fields(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        self.collect(&mut out);
        out
    }
    fn collect(&self, out: &mut Vec<String>) {
        let mut push = |id: &String| {
            if !out.contains(id) {
                out.push(id.clone());
            }
        };
        match self {
            When::Yes(f) | When::No(f) | When::Described(f) | When::Undescribed(f) => push(f),
            When::Below { field, .. } => push(field),
            When::Compare(c) => {
                for t in c.left.iter().chain(&c.right) {
                    if let Term::Id(id) = t {
                        push(id);
                    }
                }
            }
            When::All(ws) | When::Any(ws) => {
                for w in ws {
                    w.collect(out);
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Whole number ≥ 0.
    Count,
    /// 0–100.
    Percent,
    /// Yes or no, with an optional comment.
    YesNo,
    /// Free multi-line text.
    Text,
    /// A month, `YYYY-MM`.
    Month,
}

impl FieldType {
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Count => "count",
            FieldType::Percent => "percent",
            FieldType::YesNo => "yes_no",
            FieldType::Text => "text",
            FieldType::Month => "month",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderField {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub text: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    /// For a month: the id of another month field this one may not precede (period from/to).
    #[serde(default)]
    pub not_before: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    /// The form's own number of the annex ("1" … "5").
    pub number: String,
    /// "Annex 1" as printed on the form.
    pub label: Text,
    /// The annex label exactly as the source has it, where it differs ("5 (9) қосымша").
    #[serde(default)]
    pub source_label: Option<String>,
    pub title: Text,
    /// How to fill the annex, as the form says it.
    #[serde(default)]
    pub instructions: Option<Text>,
    /// Present for an annex that repeats one block per service, permit, function or act.
    #[serde(default)]
    pub repeat: Option<Repeat>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub indicators: Vec<Field>,
    #[serde(default)]
    pub questions: Vec<Field>,
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// The questions whose answers carry over to the next period's report (`saualnama new --from`):
    /// descriptions of rules and procedures, which change seldom — not counts, not the period's
    /// incidents.
    #[serde(default)]
    pub carry: Vec<String>,
}

impl Section {
    pub fn is_repeat(&self) -> bool {
        self.repeat.is_some()
    }
    /// Indicators first, then questions: the order the form's two columns are read in.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.indicators.iter().chain(self.questions.iter())
    }
    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().find(|f| f.id == id)
    }
    pub fn indicator(&self, id: &str) -> Option<&Field> {
        self.indicators.iter().find(|f| f.id == id)
    }
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// A field's text as it reads on its own: a breakdown's part with its group («Поступило жалоб:
    /// на сотрудника»), for lists that do not show the group above it.
    pub fn field_label(&self, f: &Field, lang: crate::i18n::Lang) -> String {
        match f.group.as_ref().and_then(|g| self.group(g)) {
            // In brackets, not after a colon: the label is followed by «: value» and by «: text»
            // («Поступило жалоб (на сотрудника): 1», where it read «…жалоб: на сотрудника: 1»);
            // after a dash when the group's own name ends in brackets («Тұрақсыздық (кадрлардың
            // ауысуы) — өз ынталары бойынша…», not two brackets in a row).
            Some(g) if g.text.get(lang).trim_end().ends_with(')') => {
                format!("{} — {}", g.text.get(lang), f.text.get(lang))
            }
            Some(g) => format!("{} ({})", g.text.get(lang), f.text.get(lang)),
            None => f.text.get(lang).to_owned(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// What one block is ("public service").
    pub item: Text,
    /// The heading of the name column ("Name of the public service").
    pub name: Text,
}

/// A heading over several indicators ("Complaints received:") that has no count of its own.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub text: Text,
}

/// One quantitative indicator or one numbered qualitative question.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub number: String,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub text: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    /// The indicator this one is a part of ("of which …").
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    /// The number as the source prints it, where the form's numbering is broken.
    #[serde(default)]
    pub source_label: Option<String>,
    /// Editor's note on the reading of the source (not shown to users).
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Op {
    pub fn holds(self, l: u64, r: u64) -> bool {
        match self {
            Op::Lt => l < r,
            Op::Le => l <= r,
            Op::Eq => l == r,
            Op::Ge => l >= r,
            Op::Gt => l > r,
        }
    }
}

/// A side of a relation: an indicator id of the same section, or a constant. Written in a form's
/// JSON as the bare number or id; in the binary encoding, which cannot tell the two apart
/// unannounced, with its variant (see `encoding`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Const(u64),
    Id(String),
}

/// The two ways a `Term` is written: bare (`untagged`) where the format says what a value is
/// (JSON), tagged in the binary one. Every field is written there, too: it has no names to leave a
/// field out by, hence no `skip_serializing_if` in this file.
mod encoding {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    mod bare {
        #[derive(serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum Term {
            Const(u64),
            Id(String),
        }
    }

    mod tagged {
        #[derive(serde::Serialize, serde::Deserialize)]
        pub enum Term {
            Const(u64),
            Id(String),
        }
    }

    impl Serialize for super::Term {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let t = self.clone();
            if s.is_human_readable() {
                match t {
                    super::Term::Const(n) => bare::Term::Const(n),
                    super::Term::Id(id) => bare::Term::Id(id),
                }
                .serialize(s)
            } else {
                match t {
                    super::Term::Const(n) => tagged::Term::Const(n),
                    super::Term::Id(id) => tagged::Term::Id(id),
                }
                .serialize(s)
            }
        }
    }

    impl<'de> Deserialize<'de> for super::Term {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(if d.is_human_readable() {
                match bare::Term::deserialize(d)? {
                    bare::Term::Const(n) => super::Term::Const(n),
                    bare::Term::Id(id) => super::Term::Id(id),
                }
            } else {
                match tagged::Term::deserialize(d)? {
                    tagged::Term::Const(n) => super::Term::Const(n),
                    tagged::Term::Id(id) => super::Term::Id(id),
                }
            })
        }
    }
}

/// `sum(left) op sum(right)`, checked per item; where it fails, `message` is shown with `{left}` and
/// `{right}` replaced by the two sums. Skipped while any indicator it names is unanswered.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub left: Vec<Term>,
    pub op: Op,
    pub right: Vec<Term>,
    pub message: Text,
    /// The rule applies only while this holds.
    #[serde(default)]
    pub when: Option<Condition>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub left: Vec<Term>,
    pub op: Op,
    pub right: Vec<Term>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SummaryKind {
    /// The sum of indicators over all items.
    Sum,
    /// sum(numerator) / sum(denominator) over all items, as a percentage.
    Share,
    /// sum(numerator) / sum(denominator) over all items, as a plain ratio («1,25 violations per
    /// inspection»): for figures that may exceed one, which a percentage would misstate.
    Ratio,
}

/// A figure of the live summary beyond the plain totals of every count.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryDef {
    pub id: String,
    pub section: String,
    pub kind: SummaryKind,
    pub label: Text,
    #[serde(default)]
    pub of: Vec<String>,
    #[serde(default)]
    pub numerator: Vec<String>,
    #[serde(default)]
    pub denominator: Vec<String>,
}

impl Questionnaire {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }
    pub fn header_field(&self, id: &str) -> Option<&HeaderField> {
        self.header.iter().find(|h| h.id == id)
    }
}
