//! A message no worker can read (a foreign payload, a damaged header) is acknowledged as
//! failed, with its reason, and never redelivered; the articles around it are stored. Needs
//! a NATS server (`tools/services.sh start`); says it skipped without one.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use crosscheck_extract::Options;
use crosscheck_ingest::Limits;
use crosscheck_store::testing::service;
use crosscheck_store::{MemoryStore, Store};
use crosscheck_stream::{submit, work, Names, Progress, WorkerSettings};

#[test]
fn a_poison_message_is_acknowledged_with_its_reason_not_redelivered() {
    let Some(nats) = service("CROSSCHECK_TEST_NATS", "the poison-message test") else {
        return;
    };
    let names = Names {
        stream: format!("CC_POISON_{}", std::process::id()),
        consumer: "workers".into(),
    };
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Bridge collapse in Riverton\n\nAt least 12 people were killed when a bridge collapsed in Riverton on Tuesday, officials said.",
    )
    .unwrap();
    let submitted = submit(&nats, &names, &[article], &Limits::default(), &mut |s| {
        panic!("skipped {s}")
    })
    .unwrap();
    assert_eq!(submitted.published, 1);
    // Two messages of another kind on the stream's subject.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = async_nats::connect(&nats).await.unwrap();
        let js = async_nats::jetstream::new(client);
        for payload in [&b"not a document"[..], b"cc1\n\0\0\0\x05{oops"] {
            js.publish(names.subject(), payload.to_vec().into())
                .await
                .unwrap()
                .await
                .unwrap();
        }
    });

    let store = MemoryStore::new();
    let settings = WorkerSettings {
        options: Options {
            reference_date: "2026-12-01".parse().unwrap(),
        },
        threads: 1,
        batch: 8,
        drain: true,
        ack_wait: Duration::from_secs(1),
    };
    let mut failures = Vec::new();
    let worked = work(
        &nats,
        &names,
        &store,
        &settings,
        &AtomicBool::new(false),
        &mut |p| {
            if let Progress::Failed(skip) = p {
                failures.push(skip.to_string());
            }
        },
    )
    .unwrap();
    assert_eq!((worked.stored, worked.failed, worked.placed), (1, 2, 1));
    assert!(
        failures[0].contains("not a crosscheck document message"),
        "{failures:?}"
    );
    assert!(
        failures[1].contains("damaged message header"),
        "{failures:?}"
    );
    assert!(
        failures[1].starts_with(&format!("{}#3: ", names.subject())),
        "{failures:?}"
    );
    assert_eq!(store.count().unwrap(), 1);
    assert_eq!(store.events().unwrap().len(), 1);

    // Nothing comes back: a second worker finds the stream drained at once.
    let again = work(
        &nats,
        &names,
        &store,
        &settings,
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((again.stored, again.failed), (0, 0));
}
