//! Throwaway PostgreSQL databases for tests, of this crate and of those above it.
//!
//! A test given a server (`CROSSCHECK_TEST_POSTGRES`, a URL with rights to create databases:
//! `tools/services.sh start` prints it) gets a database of its own, dropped afterwards.
//! Without one it prints a line saying it skipped, unless `CROSSCHECK_REQUIRE_SERVICES` is
//! set (as CI sets it), where a missing server fails the test instead of hiding.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable naming the test server.
pub const POSTGRES_VAR: &str = "CROSSCHECK_TEST_POSTGRES";
/// The environment variable that makes a missing service fail a test.
pub const REQUIRE_VAR: &str = "CROSSCHECK_REQUIRE_SERVICES";

/// A database made for one test; dropped with it.
pub struct TestDatabase {
    admin: String,
    name: String,
    /// The URL of the new database.
    pub url: String,
}

/// The value of a service's variable, or `None` after saying the test skips; a panic where
/// services are required.
pub fn service(var: &str, test: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Some(value),
        _ if std::env::var_os(REQUIRE_VAR).is_some() => {
            panic!("{test}: {var} is not set, and {REQUIRE_VAR} requires the service")
        }
        _ => {
            eprintln!(
                "skipped {test}: no service ({var} unset; `tools/services.sh start` sets it)"
            );
            None
        }
    }
}

impl TestDatabase {
    /// A new empty database on the test server, or `None` when there is none.
    pub fn create(test: &str) -> Option<TestDatabase> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let admin = service(POSTGRES_VAR, test)?;
        let name = format!(
            "crosscheck_test_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("{test}: cannot reach the test server: {e}"));
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let base = admin
            .rsplit_once('/')
            .map_or(admin.as_str(), |(base, _)| base);
        let url = format!("{base}/{name}");
        Some(TestDatabase { admin, name, url })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
