//! load → save → load is the identity, and what this version does not know survives.

use proptest::prelude::*;
use saualnama::questionnaire::Registry;
use saualnama::session::{Session, orphans, parse_session};
use saualnama::store::session_from_str;
use serde_json::{Value, json};

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u32>().prop_map(|n| json!(n)),
        any::<bool>().prop_map(|b| json!(b)),
        "[a-zA-Zәіңғүұқөһа-я «»\\n\"\\\\]{0,20}".prop_map(|s| json!(s)),
        Just(Value::Null),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4).prop_map(|m| json!(m)),
        ]
    })
}

/// A session: the example's answers plus random answers under ids the form has not, and random fields
/// at every level.
fn session() -> impl Strategy<Value = Value> {
    (
        prop::collection::btree_map("x_[a-z]{1,6}", json_value(), 0..3),
        prop::collection::btree_map("x_[a-z]{1,6}", json_value(), 0..3),
        prop::collection::btree_map("x_[a-z]{1,6}", json_value(), 0..3),
        prop::collection::btree_map("gone_[a-z]{1,6}", json_value(), 0..3),
        "[\\PC]{0,30}",
        0u64..1_000_000,
    )
        .prop_map(|(top, sec, item, gone, name, n)| {
            let mut v: Value =
                serde_json::from_str(include_str!("../../examples/zhas-technikter-2017.json"))
                    .unwrap();
            for (k, x) in top {
                v[k] = x;
            }
            for (k, x) in sec {
                v["sections"]["personnel"][k] = x;
            }
            let it = &mut v["sections"]["public_services"]["items"][0];
            for (k, x) in item {
                it[k] = x;
            }
            for (k, x) in gone {
                it["answers"][k] = x;
            }
            it["name"] = json!(name);
            it["answers"]["services_rendered"] = json!(n);
            v
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn save_then_load_is_the_identity(v in session()) {
        let text = serde_json::to_string_pretty(&v).unwrap();
        let registry = Registry::bundled();
        let (s1, q) = session_from_str("a.json", &text, &registry).unwrap();
        let saved = s1.to_json_pretty();
        let (s2, _) = session_from_str("b.json", &saved, &registry).unwrap();
        prop_assert_eq!(&s1, &s2);
        // Saving again gives the same bytes: the key order is stable.
        prop_assert_eq!(&saved, &s2.to_json_pretty());
        // Nothing the program does not know was dropped.
        let back: Value = serde_json::from_str(&saved).unwrap();
        prop_assert_eq!(back, v.clone());
        // Answers to ids the form lacks are listed.
        let gone = orphans(&q, &s2).len();
        let expected = v["sections"]["public_services"]["items"][0]["answers"]
            .as_object().unwrap().keys().filter(|k| k.starts_with("gone_")).count();
        prop_assert_eq!(gone, expected);
    }
}

#[test]
fn the_example_is_in_canonical_form() {
    let text = include_str!("../../examples/zhas-technikter-2017.json");
    let s: Session = parse_session("example", text).unwrap();
    assert_eq!(
        s.to_json_pretty(),
        text,
        "rewrite the example with the program's own key order"
    );
}

#[test]
fn unknown_numbers_are_kept_to_the_digit() {
    let mut v: serde_json::Value =
        serde_json::from_str(include_str!("../../examples/zhas-technikter-2017.json")).unwrap();
    let src = v.to_string().replacen(
        "\"format\"",
        "\"future\": {\"big\": 123456789012345678901234567890, \"exact\": 0.1000000000000000055511151231257827, \"e\": 1e400}, \"format\"",
        1,
    );
    v = serde_json::from_str(&src).unwrap();
    let _ = v;
    let (s, _) = saualnama::store::session_from_str(
        "x",
        &src,
        &saualnama::questionnaire::Registry::bundled(),
    )
    .unwrap();
    let out = s.to_json_pretty();
    // 1e400 is past f64 (it would have become null or failed): kept as the number it is, 1e+400.
    for n in [
        "123456789012345678901234567890",
        "0.1000000000000000055511151231257827",
        "1e+400",
    ] {
        assert!(out.contains(n), "{n} in\n{out}");
    }
}

#[test]
fn version_numbers_of_any_length_compare_right() {
    use saualnama::store::version_cmp;
    use std::cmp::Ordering::*;
    assert_eq!(version_cmp("2016-10-19.2", "2016-10-19.10"), Less);
    assert_eq!(version_cmp("1.99999999999999999999", "1.1"), Greater);
    assert_eq!(
        version_cmp("1.99999999999999999999", "1.99999999999999999998"),
        Greater
    );
    assert_eq!(version_cmp("1.007", "1.7"), Equal.then("1.007".cmp("1.7")));
}
