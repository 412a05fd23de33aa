//! The arithmetic of conditions, shared by the form's relations (`summary`: «of which ≤ total») and
//! the risk findings (`findings`): a side is a sum of counts and constants over one block.

use crate::questionnaire::{Condition, Term};
use crate::session::Session;

/// How a side counts an unanswered count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unanswered {
    /// The side has no value until every count on it is answered: a relation is not checked on
    /// half-typed figures.
    Waits,
    /// An unanswered count is 0, and the side has a value once anything on it is answered (or it is
    /// constants only): a finding compares what the report says.
    Zero,
}

/// The sum of a side over one block of section `sec`.
pub fn side(
    s: &Session,
    sec: &str,
    item: Option<usize>,
    terms: &[Term],
    unanswered: Unanswered,
) -> Option<u64> {
    let mut any = false;
    let mut sum = 0u64;
    for t in terms {
        match t {
            Term::Const(c) => sum = sum.saturating_add(*c),
            Term::Id(id) => match s.count(sec, item, id) {
                Some(v) => {
                    any = true;
                    sum = sum.saturating_add(v);
                }
                None if unanswered == Unanswered::Waits => return None,
                None => {}
            },
        }
    }
    let only_consts = terms.iter().all(|t| matches!(t, Term::Const(_)));
    (any || only_consts || unanswered == Unanswered::Waits).then_some(sum)
}

/// Whether `c` holds in one block; `None` when a side has no value.
pub fn holds(
    s: &Session,
    sec: &str,
    item: Option<usize>,
    c: &Condition,
    unanswered: Unanswered,
) -> Option<bool> {
    Some(c.op.holds(
        side(s, sec, item, &c.left, unanswered)?,
        side(s, sec, item, &c.right, unanswered)?,
    ))
}
