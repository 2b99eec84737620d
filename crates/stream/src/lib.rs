//! The scale-out mode: documents through NATS JetStream into a shared store.
//!
//! [`submit`] reads inputs as `ingest` does, but only as far as raw articles (cheap), and
//! publishes each as one message (see [`message`]) to a JetStream stream, deduplicated by
//! the article's fingerprint. [`work`] is one worker: it pulls messages from a durable
//! consumer that all workers share, cleans and annotates them (the expensive part, on all
//! its threads), stores the documents with a deferred filer, and acknowledges a message
//! only once the store has committed its document. Documents are placed in events by one
//! filer at a time ([`crosscheck_store::Store::exclusively`]), when the stream is drained:
//! the placing resumes the store's events and places every unplaced document in filing
//! order, as one `ingest` of the same inputs does. docs/SCALE.md gives the design and its
//! reasons.

pub mod message;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use async_nats::jetstream::{self, consumer, stream, AckKind};
use async_nats::HeaderMap;
use crosscheck_extract::Options;
use crosscheck_ingest::{read_inputs, InputEvent, Limits};
use crosscheck_pipeline::{annotate_all, Filer, Skip};
use crosscheck_store::Store;
use futures_util::StreamExt;

/// The default stream, and the durable consumer its workers share.
pub const DEFAULT_STREAM: &str = "CROSSCHECK_DOCUMENTS";
pub const DEFAULT_CONSUMER: &str = "crosscheck-workers";

/// Publish acknowledgements awaited together: enough to keep the link busy, few enough
/// that the client never holds thousands of futures (async-nats stalls past ~5,000).
const PUBLISH_WINDOW: usize = 256;
/// How many times one publication is tried before `submit` gives up.
const PUBLISH_TRIES: u32 = 20;
/// How long an unacknowledged message waits, by default, before it goes to another worker:
/// a worker killed mid-batch delays its messages by this much.
pub const DEFAULT_ACK_WAIT: Duration = Duration::from_secs(30);
/// Deliveries of one message before the stream gives up on it: a message that kills every
/// worker that reads it (a crash no `catch_unwind` sees) stops being redelivered.
const MAX_DELIVER: i64 = 5;
/// The longest wait between retries of a failing store or stream.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// How long one exchange with the server (a pull, the consumer's state, the batch's
/// acknowledgements) may take: a request sent while the server restarts gets no reply, and
/// a worker waiting on it would wait for ever.
const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(10);

/// Where documents go: the stream, its subject, and the workers' consumer.
#[derive(Debug, Clone)]
pub struct Names {
    pub stream: String,
    pub consumer: String,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            stream: DEFAULT_STREAM.into(),
            consumer: DEFAULT_CONSUMER.into(),
        }
    }
}

impl Names {
    /// The subject documents are published on: the stream's, so that two streams of one
    /// server never share messages.
    pub fn subject(&self) -> String {
        format!("{}.in", self.stream.to_lowercase())
    }
}

/// What a submission did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Submitted {
    /// Articles the stream acknowledged.
    pub published: usize,
    /// Of those, articles it already held (submitted before): stored once.
    pub duplicates: usize,
    /// Inputs or records that hold no article, or an article too large for a message.
    pub skipped: usize,
}

/// Publishes every article of `inputs` to the stream, creating it if missing, and returns
/// once the stream has acknowledged each. What cannot be published is given to `skipped`.
pub fn submit(
    nats: &str,
    names: &Names,
    inputs: &[PathBuf],
    limits: &Limits,
    skipped: &mut dyn FnMut(Skip),
) -> anyhow::Result<Submitted> {
    let runtime = runtime()?;
    let (_, js) = runtime.block_on(connect(nats))?;
    runtime.block_on(ensure_stream(&js, names))?;
    let max_payload = runtime.block_on(async { js.client().server_info().max_payload });
    let subject = names.subject();
    let mut tally = Submitted::default();
    let mut window: Vec<(String, Vec<u8>)> = Vec::with_capacity(PUBLISH_WINDOW);
    let mut failure = None;
    read_inputs(inputs, limits, &mut |event| {
        if failure.is_some() {
            return;
        }
        match event {
            InputEvent::Article(raw) => {
                let payload = message::encode(&raw);
                // The message also carries its headers: leave them room.
                if payload.len() + 1024 > max_payload {
                    tally.skipped += 1;
                    skipped(Skip {
                        source: raw.source,
                        reason: format!(
                            "too large for the stream ({} bytes; the server takes messages of {max_payload} bytes at most)",
                            payload.len()
                        ),
                    });
                    return;
                }
                window.push((raw.fingerprint.clone(), payload));
                if window.len() == PUBLISH_WINDOW {
                    let batch = std::mem::take(&mut window);
                    match runtime.block_on(publish_all(&js, &subject, batch)) {
                        Ok(acked) => tally.add(acked),
                        Err(e) => failure = Some(e),
                    }
                }
            }
            InputEvent::Skipped { source, reason } => {
                tally.skipped += 1;
                skipped(Skip {
                    source,
                    reason: reason.to_string(),
                });
            }
            InputEvent::Passed { .. } | InputEvent::Ignored(_) => {}
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    let acked = runtime.block_on(publish_all(&js, &subject, window))?;
    tally.add(acked);
    Ok(tally)
}

impl Submitted {
    fn add(&mut self, (published, duplicates): (usize, usize)) {
        self.published += published;
        self.duplicates += duplicates;
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .context("cannot start the runtime of the NATS client")
}

/// A client that reconnects by itself whenever the server goes away, and its JetStream.
async fn connect(nats: &str) -> anyhow::Result<(async_nats::Client, jetstream::Context)> {
    let client = async_nats::ConnectOptions::new()
        .name("crosscheck")
        .retry_on_initial_connect()
        .connection_timeout(Duration::from_secs(5))
        .connect(nats)
        .await
        .with_context(|| format!("{nats}: cannot reach the NATS server"))?;
    // The client connects in the background: say so when the server is not there yet, rather
    // than wait in silence.
    let since = std::time::Instant::now();
    while client.connection_state() != async_nats::connection::State::Connected {
        if since.elapsed() > Duration::from_secs(1) {
            tracing::warn!("{nats}: no NATS server answers yet; waiting for one");
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let js = jetstream::new(client.clone());
    Ok((client, js))
}

/// The stream, created if missing; tried again while the server is starting or away.
async fn ensure_stream(js: &jetstream::Context, names: &Names) -> anyhow::Result<stream::Stream> {
    let config = stream::Config {
        name: names.stream.clone(),
        subjects: vec![names.subject()],
        storage: stream::StorageType::File,
        // A work queue: a message acknowledged by a worker is deleted, so the stream holds
        // the backlog only, never the archive.
        retention: stream::RetentionPolicy::WorkQueue,
        // Articles are published once, and submitting them again within the window
        // (a retried publication, a rerun) is recognised by their fingerprints.
        duplicate_window: Duration::from_secs(600),
        ..Default::default()
    };
    retry("the NATS stream", || {
        js.get_or_create_stream(config.clone())
    })
    .await
}

/// Tries `attempt` with growing pauses, `PUBLISH_TRIES` times.
async fn retry<T, E: std::fmt::Display, F: std::future::Future<Output = Result<T, E>>>(
    what: &str,
    mut attempt: impl FnMut() -> F,
) -> anyhow::Result<T> {
    let mut pause = Duration::from_millis(200);
    for tried in 1.. {
        match attempt().await {
            Ok(done) => return Ok(done),
            Err(e) if tried < PUBLISH_TRIES => {
                tracing::warn!("{what}: {e}; trying again in {} ms", pause.as_millis());
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(MAX_BACKOFF);
            }
            Err(e) => anyhow::bail!("{what}: {e} (tried {tried} times)"),
        }
    }
    unreachable!("the loop returns")
}

/// Publishes a window of messages and waits for every acknowledgement; a publication that
/// fails (the server restarting) is made again. Returns how many were acknowledged, and how
/// many of those the stream already held.
async fn publish_all(
    js: &jetstream::Context,
    subject: &str,
    window: Vec<(String, Vec<u8>)>,
) -> anyhow::Result<(usize, usize)> {
    let mut waiting = Vec::with_capacity(window.len());
    for (id, payload) in &window {
        waiting.push(publish(js, subject, id, payload));
    }
    let mut duplicates = 0;
    for (ack, (id, payload)) in futures_util::future::join_all(waiting)
        .await
        .into_iter()
        .zip(&window)
    {
        let ack = match ack {
            Ok(ack) => ack,
            // Once more, alone and with pauses: deduplication makes a repeat harmless.
            Err(_) => {
                retry("publishing to the NATS stream", || {
                    publish(js, subject, id, payload)
                })
                .await?
            }
        };
        duplicates += usize::from(ack.duplicate);
    }
    Ok((window.len(), duplicates))
}

/// One message published and acknowledged, with its id for the stream's deduplication.
async fn publish(
    js: &jetstream::Context,
    subject: &str,
    id: &str,
    payload: &[u8],
) -> anyhow::Result<jetstream::publish::PublishAck> {
    let mut headers = HeaderMap::new();
    headers.insert("Nats-Msg-Id", id);
    let ack = js
        .publish_with_headers(subject.to_string(), headers, payload.to_vec().into())
        .await?;
    Ok(ack.await?)
}

/// How a worker works.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    pub options: Options,
    pub threads: usize,
    /// Messages pulled at a time.
    pub batch: usize,
    /// Return once the stream holds nothing for this consumer and everything is placed.
    pub drain: bool,
    /// How long a message may stay unacknowledged before it is redelivered (set when the
    /// consumer is created).
    pub ack_wait: Duration,
}

/// What a worker reports as it goes.
#[derive(Debug)]
pub enum Progress {
    /// Documents stored (a batch committed and acknowledged).
    Stored { documents: usize },
    /// A message that holds no document, acknowledged so that it is not redelivered.
    Failed(Skip),
    /// The store or the stream failed; the worker tries again after `pause`.
    Retrying { what: String, pause: Duration },
    /// Documents placed in their events by this worker.
    Placed { documents: usize, events: usize },
}

/// What a worker did before it stopped.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Worked {
    pub stored: usize,
    pub failed: usize,
    pub placed: usize,
}

/// Runs one worker until `stop` is raised (or, with `drain`, until nothing is left): pulls,
/// annotates, stores, acknowledges, and places documents in events when the stream is
/// drained. A failing store or stream is retried with backoff, never given up on: nothing
/// is acknowledged that is not stored.
pub fn work(
    nats: &str,
    names: &Names,
    store: &dyn Store,
    settings: &WorkerSettings,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Worked> {
    let runtime = runtime()?;
    let (_, js) = runtime.block_on(connect(nats))?;
    let config = consumer::pull::Config {
        durable_name: Some(names.consumer.clone()),
        ack_policy: consumer::AckPolicy::Explicit,
        ack_wait: settings.ack_wait,
        max_deliver: MAX_DELIVER,
        ..Default::default()
    };
    let mut consumer = runtime.block_on(open_consumer(&js, names, &config))?;
    let mut worked = Worked::default();
    // Documents a worker stopped before placing (killed, say) are placed at the next start.
    let mut unplaced = true;
    let mut backoff = Backoff::default();
    while !stop.load(Ordering::SeqCst) {
        let fetched = within(&runtime, async {
            let mut batch = consumer
                .fetch()
                .max_messages(settings.batch)
                .messages()
                .await?;
            let mut messages = Vec::new();
            while let Some(message) = batch.next().await {
                messages.push(message?);
            }
            Ok::<_, async_nats::Error>(messages)
        });
        let pulled = match fetched {
            Ok(Ok(messages)) => Ok(messages),
            Ok(Err(e)) => Err(format!("pulling from NATS: {e}")),
            Err(_) => Err("pulling from NATS: no reply".to_string()),
        };
        let messages = match pulled {
            Ok(messages) => messages,
            Err(what) => {
                backoff.wait(&what, stop, progress);
                // A server that came back without the consumer (or the stream) gets them
                // again: a pull for a consumer that is gone gets no reply at all, and a
                // worker would wait on it for ever.
                if let Ok(Ok(again)) = within(&runtime, open_consumer(&js, names, &config)) {
                    consumer = again;
                }
                continue;
            }
        };
        if messages.is_empty() {
            if unplaced && drained(&runtime, &consumer) {
                let placed = place(store, stop, &mut backoff, progress);
                worked.placed += placed;
                unplaced = false;
            } else if settings.drain && !unplaced && drained(&runtime, &consumer) {
                break;
            } else {
                std::thread::sleep(Duration::from_millis(100));
            }
            continue;
        }
        let (stored, failed) = handle(
            &runtime,
            store,
            settings,
            &messages,
            stop,
            &mut backoff,
            progress,
        );
        worked.stored += stored;
        worked.failed += failed;
        unplaced |= stored > 0;
        backoff = Backoff::default();
    }
    Ok(worked)
}

/// The workers' stream and their durable consumer, created where missing: at a worker's
/// start, and again when a restarted server no longer has them.
async fn open_consumer(
    js: &jetstream::Context,
    names: &Names,
    config: &consumer::pull::Config,
) -> anyhow::Result<consumer::PullConsumer> {
    let stream = ensure_stream(js, names).await?;
    retry("the NATS consumer", || {
        stream.get_or_create_consumer(&names.consumer, config.clone())
    })
    .await
}

/// Runs `exchange` on the runtime for [`EXCHANGE_TIMEOUT`] at most.
fn within<T>(
    runtime: &tokio::runtime::Runtime,
    exchange: impl std::future::Future<Output = T>,
) -> Result<T, tokio::time::error::Elapsed> {
    runtime.block_on(async { tokio::time::timeout(EXCHANGE_TIMEOUT, exchange).await })
}

/// Whether no message waits for this consumer and none is out with a worker: the moment
/// documents are placed, so that all those submitted together are placed together.
fn drained(runtime: &tokio::runtime::Runtime, consumer: &consumer::PullConsumer) -> bool {
    within(runtime, consumer.get_info())
        .is_ok_and(|info| info.is_ok_and(|i| i.num_pending == 0 && i.num_ack_pending == 0))
}

/// Annotates and stores one batch of messages, then acknowledges them: a message whose
/// article cannot be read is acknowledged as failed (terminated, never redelivered), and
/// the others once their documents are committed.
fn handle(
    runtime: &tokio::runtime::Runtime,
    store: &dyn Store,
    settings: &WorkerSettings,
    messages: &[jetstream::Message],
    stop: &AtomicBool,
    backoff: &mut Backoff,
    progress: &mut dyn FnMut(Progress),
) -> (usize, usize) {
    let mut raws = Vec::with_capacity(messages.len());
    let mut carried = Vec::with_capacity(messages.len());
    let mut failed = Vec::new();
    for message in messages {
        match message::decode(&message.payload) {
            Ok(raw) => {
                raws.push(raw);
                carried.push(message);
            }
            Err(reason) => failed.push((
                message,
                Skip {
                    // The subject and the stream's sequence number: where to find it.
                    source: match message.info() {
                        Ok(info) => format!("{}#{}", message.subject, info.stream_sequence),
                        Err(_) => message.subject.to_string(),
                    },
                    reason,
                },
            )),
        }
    }
    let mut documents = Vec::with_capacity(raws.len());
    let mut stored_messages = Vec::with_capacity(raws.len());
    for (message, outcome) in
        carried
            .into_iter()
            .zip(annotate_all(raws, &settings.options, settings.threads))
    {
        match outcome {
            Ok(doc) => {
                documents.push(doc);
                stored_messages.push(message);
            }
            Err(skip) => failed.push((message, skip)),
        }
    }
    // Stored before anything is acknowledged; tried again until it is (or the worker is
    // stopped, leaving the messages to be redelivered).
    loop {
        let mut filer = Filer::deferred();
        let filed = documents
            .iter()
            .try_for_each(|doc| filer.file(store, doc.clone()))
            .and_then(|()| filer.finish(store));
        match filed {
            Ok(_) => break,
            Err(e) if stop.load(Ordering::SeqCst) => {
                progress(Progress::Retrying {
                    what: format!("storing: {e}; stopping without acknowledging"),
                    pause: Duration::ZERO,
                });
                return (0, 0);
            }
            Err(e) => backoff.wait(&format!("storing: {e}"), stop, progress),
        }
    }
    let acks = stored_messages.iter().map(|m| m.double_ack());
    let terms = failed.iter().map(|(m, _)| m.double_ack_with(AckKind::Term));
    // An acknowledgement lost on the way only means a redelivery, which stores nothing
    // twice: ids are the documents'.
    let _ = within(runtime, async {
        futures_util::future::join_all(acks).await;
        futures_util::future::join_all(terms).await;
    });
    let failures = failed.len();
    for (_, skip) in failed {
        progress(Progress::Failed(skip));
    }
    progress(Progress::Stored {
        documents: documents.len(),
    });
    (documents.len(), failures)
}

/// Places every stored, unplaced document in its event under the store's filing lock.
fn place(
    store: &dyn Store,
    stop: &AtomicBool,
    backoff: &mut Backoff,
    progress: &mut dyn FnMut(Progress),
) -> usize {
    loop {
        let mut placed = 0;
        let mut events = 0;
        let done = store.exclusively(&mut || {
            let mut filer = Filer::resume(store)?;
            filer.finish(store)?;
            placed = filer.placed_on_resume();
            events = store.events()?.len();
            Ok(())
        });
        match done {
            Ok(()) => {
                if placed > 0 {
                    progress(Progress::Placed {
                        documents: placed,
                        events,
                    });
                }
                return placed;
            }
            Err(_) if stop.load(Ordering::SeqCst) => return 0,
            Err(e) => backoff.wait(&format!("placing: {e}"), stop, progress),
        }
    }
}

/// Pauses that double after each failure, up to [`MAX_BACKOFF`].
struct Backoff {
    pause: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            pause: Duration::from_millis(250),
        }
    }
}

impl Backoff {
    /// Says what failed and waits, in short steps so that a stop is seen at once.
    fn wait(&mut self, what: &str, stop: &AtomicBool, progress: &mut dyn FnMut(Progress)) {
        progress(Progress::Retrying {
            what: what.to_string(),
            pause: self.pause,
        });
        let until = std::time::Instant::now() + self.pause;
        while std::time::Instant::now() < until && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(50));
        }
        self.pause = (self.pause * 2).min(MAX_BACKOFF);
    }
}
