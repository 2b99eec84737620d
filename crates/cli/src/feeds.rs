//! Feeds that `watch` follows over HTTP and HTTPS: each is asked again only with what the
//! last answer said of it (`If-None-Match` with its ETag, `If-Modified-Since` with its date),
//! so an unchanged feed costs a 304 and no reading; a feed that fails is asked again later
//! and later (the interval doubled at each failure, up to an hour), never given up on.

use std::io::Read;
use std::time::{Duration, Instant};

use ureq::Agent;

/// The largest feed read: a feed is a page of items, not an archive.
const MAX_FEED_BYTES: u64 = 20 * 1024 * 1024;
/// The longest a failing feed waits before it is asked again.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// The longest one request may take, connection to last byte.
const TIMEOUT: Duration = Duration::from_secs(30);

/// One followed feed and what its server last said of it.
pub struct Feed {
    pub url: String,
    etag: Option<String>,
    modified: Option<String>,
    /// A digest of the last body read: a server that ignores conditional requests and
    /// sends the same feed again changes nothing.
    last: Option<u64>,
    due: Instant,
    failures: u32,
}

/// What asking a feed gave.
pub enum Fetched {
    /// Nothing new: a 304, or the same body again.
    Unchanged,
    /// A new version of the feed.
    New(Vec<u8>),
}

/// The HTTP client of `watch`: every status is an answer to read (a 304 is no error).
pub fn agent() -> Agent {
    Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("crosscheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// Whether `input` names a feed to fetch rather than a file or folder.
pub fn is_url(input: &str) -> bool {
    input.starts_with("http://") || input.starts_with("https://")
}

impl Feed {
    pub fn new(url: String) -> Feed {
        Feed {
            url,
            etag: None,
            modified: None,
            last: None,
            due: Instant::now(),
            failures: 0,
        }
    }

    /// Whether the feed is to be asked at `now`.
    pub fn due(&self, now: Instant) -> bool {
        now >= self.due
    }

    /// Asks the feed, conditionally; the next time is `every` later, or later still after a
    /// failure, whose reason (with the wait) is the error.
    pub fn fetch(&mut self, agent: &Agent, every: Duration) -> Result<Fetched, String> {
        let mut request = agent.get(&self.url);
        if let Some(etag) = &self.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(modified) = &self.modified {
            request = request.header("If-Modified-Since", modified);
        }
        let answer = request.call().map_err(|e| e.to_string()).and_then(|mut r| {
            let status = r.status().as_u16();
            if status == 304 {
                return Ok(None);
            }
            if !(200..300).contains(&status) {
                return Err(format!("HTTP {status}"));
            }
            let header = |name: &str| {
                r.headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            let (etag, modified) = (header("etag"), header("last-modified"));
            let mut body = Vec::new();
            r.body_mut()
                .as_reader()
                .take(MAX_FEED_BYTES + 1)
                .read_to_end(&mut body)
                .map_err(|e| format!("reading the answer: {e}"))?;
            if body.len() as u64 > MAX_FEED_BYTES {
                return Err(format!("larger than {} MB", MAX_FEED_BYTES >> 20));
            }
            Ok(Some((etag, modified, body)))
        });
        match answer {
            Ok(answer) => {
                self.failures = 0;
                self.due = Instant::now() + every;
                let Some((etag, modified, body)) = answer else {
                    return Ok(Fetched::Unchanged);
                };
                self.etag = etag;
                self.modified = modified;
                let digest = fnv(&body);
                if self.last == Some(digest) {
                    return Ok(Fetched::Unchanged);
                }
                self.last = Some(digest);
                Ok(Fetched::New(body))
            }
            Err(reason) => {
                self.failures += 1;
                let wait = every
                    .saturating_mul(1 << self.failures.min(16))
                    .min(MAX_BACKOFF)
                    .max(every);
                self.due = Instant::now() + wait;
                Err(format!("{reason}; next try in {}s", wait.as_secs()))
            }
        }
    }
}

/// FNV-1a: a digest to tell one body from the next, not a checksum against anyone.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/feed.xml"));
        assert!(is_url("http://localhost:8080/rss"));
        assert!(!is_url("news/feed.xml"));
        assert!(!is_url("httpdocs"));
    }

    #[test]
    fn a_failing_feed_waits_longer_each_time() {
        let agent = agent();
        // Nothing listens on port 9 of the loopback address (discard): the connection fails.
        let mut feed = Feed::new("http://127.0.0.1:9/feed.xml".into());
        let every = Duration::from_millis(100);
        let first = feed.fetch(&agent, every).err().unwrap();
        let second = feed.fetch(&agent, every).err().unwrap();
        assert!(first.ends_with("next try in 0s"), "{first}");
        assert_eq!(feed.failures, 2);
        assert!(
            feed.due > Instant::now() + Duration::from_millis(300),
            "{second}"
        );
    }
}
