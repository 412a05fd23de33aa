//! A working group's save into a report of 1,000 services: this editor's changes applied onto the
//! report as colleagues left it (`merge`), and the whole save — read, parse, merge, write atomically
//! with fsync, append the history — under the save lock. `cargo bench --bench merge`; figures in
//! docs/performance.md (target: a merge under 20 ms).

use saualnama::changes::{Entry, What};
use saualnama::merge::merge;
use saualnama::sample;
use saualnama::session::{Session, Slot};
use serde_json::json;

fn main() {
    divan::main();
}

const ITEMS: usize = 1000;

/// The report as a colleague left it, and this editor's view with a few answers of its own.
fn reports() -> (Session, Session, Vec<Entry>) {
    let (mut disk, _) = sample::with_public_services(ITEMS);
    disk.ensure_item_ids();
    let mut mine = disk.clone();
    let mut ops = Vec::new();
    for (n, item) in [3usize, 500, 998].into_iter().enumerate() {
        let slot = Slot::Answer {
            section: "public_services".into(),
            item: Some(item),
            field: "refusals".into(),
        };
        let old = mine.value(&slot);
        mine.set(&slot, Some(json!(n + 1)));
        let id = mine.item_id("public_services", item).map(str::to_owned);
        ops.push(
            Entry::set(
                "2026-11-28T10:00:00Z".into(),
                &slot,
                old,
                Some(json!(n + 1)),
            )
            .with_id(id.as_deref()),
        );
    }
    // A colleague's answers since, elsewhere in the report.
    disk.sections
        .get_mut("personnel")
        .unwrap()
        .answers
        .insert("vacancies".into(), json!(5));
    let mut add = Entry::item(
        "2026-11-28T10:00:00Z".into(),
        What::ItemAdded,
        "public_services",
        ITEMS,
    );
    add.id = Some("new-1".into());
    ops.push(add);
    (disk, mine, ops)
}

#[divan::bench]
fn merge_1000_items(bencher: divan::Bencher) {
    let (disk, mine, ops) = reports();
    bencher
        .with_inputs(|| disk.clone())
        .bench_local_values(|d| merge(d, &mine, &ops, "alice", "2026-11-28T10:00:01Z"));
}

#[divan::bench(sample_count = 30)]
fn whole_save_1000_items(bencher: divan::Bencher) {
    let (disk, mine, ops) = reports();
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("r.json");
    let text = disk.to_json_pretty();
    let lock = std::fs::File::create(dir.path().join("r.json.lock")).unwrap();
    bencher
        .with_inputs(|| std::fs::write(&f, &text).unwrap())
        .bench_local_values(|()| {
            let mut last = None;
            saualnama::save::save_merged(
                &f,
                Some(&lock),
                (&mine, None),
                &ops,
                &mut last,
                false,
                "t",
            )
            .unwrap()
        });
}
