//! Reports made up for benchmarks and load tests: the seed's example, grown to many items.

use crate::questionnaire::{Questionnaire, Registry};
use crate::session::Session;
use crate::store::session_from_str;

pub const EXAMPLE: &str = include_str!("../examples/zhas-technikter-2017.json");

/// The seed's example and its form.
pub fn example() -> (Session, Questionnaire) {
    session_from_str("example", EXAMPLE, &Registry::bundled())
        .expect("the bundled example is sound")
}

/// The example with `items` public services, each a copy of the first one with its own name and counts.
pub fn with_public_services(items: usize) -> (Session, Questionnaire) {
    let (mut s, q) = example();
    let first = (*s.items("public_services")[0]).clone();
    let sec = s
        .sections
        .get_mut("public_services")
        .expect("the example has annex 1");
    sec.items = (0..items)
        .map(|i| {
            let mut it = first.clone();
            it.name = format!("Мемлекеттік көрсетілетін қызмет № {}", i + 1);
            let n = (i as u64 * 7919) % 500;
            it.answers.insert("services_rendered".into(), n.into());
            it.answers.insert("via_provider_office".into(), n.into());
            std::sync::Arc::new(it)
        })
        .collect();
    (s, q)
}
