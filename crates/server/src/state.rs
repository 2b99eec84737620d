//! What every request shares: the store, the filer that places uploads, recent upload
//! reports, and the settings.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crosscheck_model::Event;
use crosscheck_pipeline::Filer;
use crosscheck_store::{Store, StoreError};

use crate::api::IngestReport;
use crate::error::Failure;
use crate::Config;

/// Upload reports kept for the page that shows them after the redirect.
const REPORTS_KEPT: usize = 32;
/// Fused dossiers kept between writes; past this many the cache starts again.
const DOSSIERS_KEPT: usize = 2_000;
/// Uploads received at once; more wait their turn (within the request timeout). With the
/// body limit this bounds what uploads hold in memory.
pub const UPLOADS_AT_ONCE: usize = 4;

pub struct AppState {
    /// The store, shared: its reads run at once (the SQLite store keeps a pool of read
    /// connections), so that one slow read — a costly search — holds up no other request.
    store: Box<dyn Store>,
    /// The clusterer that places uploaded documents in the store's events; its lock makes
    /// this server's writes one at a time.
    filer: Mutex<Filer>,
    reports: Mutex<VecDeque<(u64, IngestReport)>>,
    /// Turns to receive an upload (see [`UPLOADS_AT_ONCE`]).
    pub uploads: Arc<tokio::sync::Semaphore>,
    /// Held while an upload's articles are read: one upload is read at a time, on all the
    /// reading threads, so that the memory reading takes is one run's (bounded per page by
    /// the ingest crate's limits), however many uploads arrive.
    reading: Mutex<()>,
    /// Fused dossiers by event id, with the number of writes they were fused after: fusing
    /// is most of the cost of an events page, and an event changes only when something is
    /// written. A write empties the cache.
    dossiers: Mutex<(u64, HashMap<String, Arc<Event>>)>,
    pub config: Config,
    /// The served OpenAPI document, generated once from the routes.
    pub openapi: String,
    /// The change events pushed to open pages.
    pub live: crate::live::Live,
}

impl AppState {
    pub fn new(
        store: Box<dyn Store>,
        filer: Filer,
        config: Config,
        openapi: &utoipa::openapi::OpenApi,
    ) -> Self {
        AppState {
            store,
            filer: Mutex::new(filer),
            reports: Mutex::new(VecDeque::with_capacity(REPORTS_KEPT)),
            uploads: Arc::new(tokio::sync::Semaphore::new(UPLOADS_AT_ONCE)),
            reading: Mutex::new(()),
            dossiers: Mutex::new((0, HashMap::new())),
            config,
            openapi: openapi.to_pretty_json().unwrap_or_default(),
            live: crate::live::Live::default(),
        }
    }

    /// Runs `read` with the store (on a blocking thread, as every caller here is).
    pub fn read<T>(
        &self,
        read: impl FnOnce(&dyn Store) -> Result<T, StoreError>,
    ) -> Result<T, Failure> {
        Ok(read(&*self.store)?)
    }

    /// Runs `write` with the filer, locked, and the store.
    pub fn write<T>(
        &self,
        write: impl FnOnce(&mut Filer, &dyn Store) -> Result<T, StoreError>,
    ) -> Result<T, Failure> {
        let mut filer = lock(&self.filer);
        let written = write(&mut filer, &*self.store);
        self.forget_dossiers();
        Ok(written?)
    }

    /// Drops the fused dossiers: the store was written (by this server, or by another
    /// process).
    pub fn forget_dossiers(&self) {
        let mut dossiers = lock(&self.dossiers);
        dossiers.0 += 1;
        dossiers.1.clear();
    }

    /// Waits for the turn to read an upload's articles (see `reading`).
    pub fn reading_turn(&self) -> MutexGuard<'_, ()> {
        lock(&self.reading)
    }

    /// The number of writes so far: a dossier fused after reading at this point may be kept.
    pub fn writes(&self) -> u64 {
        lock(&self.dossiers).0
    }

    pub fn cached_dossier(&self, id: &str) -> Option<Arc<Event>> {
        lock(&self.dossiers).1.get(id).cloned()
    }

    /// Keeps a dossier fused from what the store held after `writes` writes, unless the
    /// store has been written since.
    pub fn keep_dossier(&self, writes: u64, event: Arc<Event>) {
        let mut dossiers = lock(&self.dossiers);
        if dossiers.0 != writes {
            return;
        }
        if dossiers.1.len() >= DOSSIERS_KEPT {
            dossiers.1.clear();
        }
        dossiers.1.insert(event.id.clone(), event);
    }

    /// Keeps an upload's report for the page the upload redirects to; returns its number.
    pub fn keep_report(&self, report: IngestReport) -> u64 {
        let mut reports = lock(&self.reports);
        let id = reports.back().map_or(1, |(id, _)| id + 1);
        if reports.len() == REPORTS_KEPT {
            reports.pop_front();
        }
        reports.push_back((id, report));
        id
    }

    pub fn report(&self, id: u64) -> Option<IngestReport> {
        let reports = lock(&self.reports);
        reports
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, r)| r.clone())
    }
}

/// A lock, even when a thread panicked while holding it: a store call that panicked has
/// rolled its transaction back, so what the mutex guards is still whole.
fn lock<T: ?Sized>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs blocking work (store calls, fusing, rendering, ingesting) off the async threads.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&AppState) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    let state = Arc::clone(state);
    tokio::task::spawn_blocking(move || work(&state))
        .await
        .map_err(Failure::internal)?
}
