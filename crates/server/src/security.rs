//! What protects every request: security headers, the per-client rate limit, and the access
//! token with the checks against cross-site requests.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use subtle::ConstantTimeEq;

use crate::error::Failure;
use crate::state::AppState;

/// Nothing from elsewhere: scripts only from this server's own file (no inline script, no
/// `eval`), connections only back here (the live pages' events), styles only from its
/// stylesheet (no inline styles), forms posting only here, and never framed.
pub const CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; \
                       style-src 'self'; img-src 'self' data:; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The cookie that carries the access token for a browser, and the query parameter that
/// sets it.
const TOKEN_COOKIE: &str = "token";

/// Adds the security headers to every response, refusals included.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// A token bucket per client address: `burst` requests at once, refilled at `per_second`.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub per_second: f64,
    pub burst: f64,
}

impl Default for RateLimit {
    /// Room for a page with its stylesheet and a reader clicking through evidence, not for
    /// a scraper.
    fn default() -> Self {
        RateLimit {
            per_second: 20.0,
            burst: 100.0,
        }
    }
}

/// Clients tracked before idle ones are forgotten, so that the table stays bounded.
const MAX_CLIENTS: usize = 10_000;

/// The rate limiter: a small token bucket of our own rather than `tower_governor`, which
/// would bring its own dependencies for the same few lines.
pub struct Limiter {
    rate: RateLimit,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl Limiter {
    pub fn new(rate: RateLimit) -> Self {
        Limiter {
            rate,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `client`, or says how long until one is free.
    fn admit(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let RateLimit { per_second, burst } = self.rate;
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_CLIENTS {
            // A full bucket is an idle client: forgetting it changes nothing.
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_second < burst
            });
        }
        let (tokens, at) = buckets.entry(client).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - *tokens) / per_second.max(1e-6),
            ))
        }
    }
}

/// Answers 429 (with `Retry-After`) to a client over its rate. Clients are told apart by
/// their address; headers such as `X-Forwarded-For` are not trusted.
pub async fn rate_limit(
    State(limiter): State<Arc<Limiter>>,
    request: Request,
    next: Next,
) -> Response {
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    match limiter.admit(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let mut response = Failure::new(StatusCode::TOO_MANY_REQUESTS, "too many requests")
                .answer(request.uri().path());
            let seconds = wait.as_secs().max(1).to_string();
            if let Ok(value) = HeaderValue::from_str(&seconds) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
    }
}

/// Lets a request through when it may be served: from this site (no cross-site writes, no
/// page fetched under a foreign host name), and with the access token when one is set. A
/// valid `?token=` sets the token cookie and redirects to the same page without it, so that
/// the token does not stay in the address bar.
pub async fn authenticate(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if let Err(failure) = same_site(&request, state.config.token.is_some()) {
        return failure.answer(&path);
    }
    let Some(token) = state.config.token.as_deref() else {
        return next.run(request).await;
    };
    if query_token(&request).is_some_and(|given| matches(&given, token)) {
        // Only ever to a path of this site: `//host` would leave it.
        let target = format!("/{}", path.trim_start_matches(['/', '\\']));
        return with_cookie(Redirect::to(&target).into_response(), token);
    }
    if presented(request.headers()).is_some_and(|given| matches(given, token)) {
        return next.run(request).await;
    }
    let mut response =
        Failure::new(StatusCode::UNAUTHORIZED, "an access token is needed").answer(&path);
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// Refuses a write whose `Origin` is another site (a form elsewhere posting here), and,
/// when no token guards the server, a request for a host name other than this machine's
/// (a DNS rebinding page reaching a loopback server).
fn same_site(request: &Request, guarded: bool) -> Result<(), Failure> {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if !guarded && host.is_some_and(|h| !is_local_host(h)) {
        return Err(Failure::new(StatusCode::FORBIDDEN, "unknown host name"));
    }
    let writes = !matches!(*request.method(), Method::GET | Method::HEAD);
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok());
    match (writes, origin) {
        (true, Some(origin)) if Some(strip_scheme(origin)) != host => Err(Failure::new(
            StatusCode::FORBIDDEN,
            "cross-site requests are refused",
        )),
        _ => Ok(()),
    }
}

/// `localhost`, a loopback address, with any port.
fn is_local_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn strip_scheme(origin: &str) -> &str {
    origin.split_once("://").map_or(origin, |(_, rest)| rest)
}

/// The token of `Authorization: Bearer` (the scheme's name in any case, RFC 9110), else
/// of the token cookie.
fn presented(headers: &HeaderMap) -> Option<&str> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim_start().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    bearer.or_else(|| {
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|pair| pair.trim().strip_prefix(TOKEN_COOKIE)?.strip_prefix('='))
    })
}

/// The `token` of a page's query (a link given to a reader), on reads only.
fn query_token(request: &Request) -> Option<String> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return None;
    }
    url::form_urlencoded::parse(request.uri().query()?.as_bytes())
        .find(|(name, _)| name == TOKEN_COOKIE)
        .map(|(_, value)| value.into_owned())
}

/// Why a token cannot be used: it travels in a header and a cookie, so it must be printable
/// ASCII with no separators, and long enough not to be guessed.
pub fn token_problem(token: &str) -> Option<&'static str> {
    if token.len() < 16 {
        Some("the access token must be at least 16 characters long")
    } else if !token
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b';' | b',' | b'"' | b'\\'))
    {
        Some("the access token may only hold printable ASCII without ; , \" or \\")
    } else {
        None
    }
}

/// Compares in constant time, so that the answer's timing tells nothing of the token.
fn matches(given: &str, token: &str) -> bool {
    given.as_bytes().ct_eq(token.as_bytes()).into()
}

fn with_cookie(mut response: Response, token: &str) -> Response {
    let cookie = format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_refill_at_their_rate() {
        let limiter = Limiter::new(RateLimit {
            per_second: 1.0,
            burst: 2.0,
        });
        let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let t0 = Instant::now();
        assert!(limiter.admit(ip, t0).is_ok());
        assert!(limiter.admit(ip, t0).is_ok());
        assert!(limiter.admit(ip, t0).is_err());
        assert!(limiter.admit(ip, t0 + Duration::from_millis(1100)).is_ok());
        let other = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1));
        assert!(
            limiter.admit(other, t0).is_ok(),
            "clients have their own bucket"
        );
    }

    #[test]
    fn local_host_names() {
        for host in ["localhost:8080", "127.0.0.1:18080", "[::1]:80", "LOCALHOST"] {
            assert!(is_local_host(host), "{host}");
        }
        for host in ["evil.example:8080", "10.0.0.1", "127.0.0.1.evil.example"] {
            assert!(!is_local_host(host), "{host}");
        }
    }
}
