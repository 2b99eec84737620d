//! The server end to end, without a network: requests go straight into the Router
//! (`tower::ServiceExt::oneshot`) over a store holding the seed articles.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use chrono::NaiveDate;
use crosscheck_extract::Options;
use crosscheck_ingest::{Limits, Source};
use crosscheck_pipeline::Filer;
use crosscheck_server::{router, Config, RateLimit};
use crosscheck_store::testing::TestDatabase;
use crosscheck_store::{PostgresStore, SqliteStore, Store};
use serde_json::{json, Value};
use tempfile::TempDir;
use tower::ServiceExt;

const TOKEN: &str = "a-test-token-0123456789";

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/crocus")
}

/// Room for every request a test makes: the rate limit is tested on its own.
fn config() -> Config {
    Config {
        rate: RateLimit {
            per_second: 1000.0,
            burst: 1000.0,
        },
        ..Config::default()
    }
}

/// The application over a new store holding the seed articles, as `crosscheck serve
/// examples/crocus` opens it; the directory holds the store.
fn app(config: Config) -> (Router, TempDir) {
    let dir = TempDir::new().unwrap();
    let store = SqliteStore::open(&dir.path().join("test.db")).unwrap();
    (app_over(Box::new(store), config), dir)
}

/// The application over `store`, after filing the seed articles into it.
fn app_over(store: Box<dyn Store>, config: Config) -> Router {
    let mut filer = Filer::resume(&*store).unwrap();
    let options = Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    };
    crosscheck_pipeline::run(
        &[Source::Path(examples())],
        &Limits::default(),
        &options,
        1,
        &mut |skip| panic!("{skip}"),
        &mut |doc| {
            filer.file(&*store, doc)?;
            Ok(())
        },
    )
    .unwrap();
    filer.finish(&*store).unwrap();
    router(store, filer, config)
}

async fn send(app: &Router, request: Request<Body>) -> Response {
    app.clone().oneshot(request).await.unwrap()
}

async fn get(app: &Router, uri: &str) -> Response {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn text(response: Response) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

async fn json_of(response: Response) -> Value {
    let body = text(response).await;
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

async fn post_json(app: &Router, body: &Value) -> Response {
    let request = Request::post("/api/documents")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, request).await
}

async fn first_event(app: &Router) -> Value {
    let events = json_of(get(app, "/api/events").await).await;
    events[0].clone()
}

#[tokio::test]
async fn events_and_dossiers_have_the_spec_keys() {
    let (app, _dir) = app(config());
    let response = get(&app, "/api/events").await;
    assert_eq!(response.status(), StatusCode::OK);
    let events = json_of(response).await;
    assert_eq!(events.as_array().map(Vec::len), Some(1), "{events}");
    let keys = [
        "id",
        "title",
        "when",
        "where",
        "documents",
        "entities",
        "figures",
        "claims",
        "statements",
        "framing",
        "conflicts",
        "timeline",
    ];
    let id = events[0]["id"].as_str().unwrap();
    let dossier = json_of(get(&app, &format!("/api/events/{id}")).await).await;
    for event in [&events[0], &dossier] {
        for key in keys {
            assert!(event.get(key).is_some(), "missing {key}");
        }
    }
    let killed = &dossier["figures"][0];
    for key in ["kind", "latest", "reports", "trend"] {
        assert!(killed.get(key).is_some(), "figure lacks {key}");
    }
    assert_eq!(killed["kind"], "killed");
    assert_eq!(killed["latest"]["value"], 137);
}

#[tokio::test]
async fn documents_have_the_spec_keys() {
    let (app, _dir) = app(config());
    let event = first_event(&app).await;
    let id = event["documents"][0]["id"].as_str().unwrap();
    let doc = json_of(get(&app, &format!("/api/documents/{id}")).await).await;
    for key in crosscheck_model::Document::CONTRACT_KEYS {
        assert!(doc.get(*key).is_some(), "missing {key}");
    }
    assert_eq!(doc["id"], id);
}

#[tokio::test]
async fn unknown_ids_are_not_found() {
    let (app, _dir) = app(config());
    for uri in ["/api/events/nope", "/api/documents/nope", "/api/nothing"] {
        let response = get(&app, uri).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
        assert!(json_of(response).await["error"].is_string(), "{uri}");
    }
    for uri in [
        "/events/nope",
        "/documents/nope",
        "/nothing",
        "/documents/..%2F..%2Fetc%2Fpasswd",
    ] {
        let response = get(&app, uri).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
        assert!(text(response).await.contains("<h1>404"), "{uri}");
    }
}

#[tokio::test]
async fn search_finds_and_marks_the_words() {
    let (app, _dir) = app(config());
    let hits = json_of(get(&app, "/api/search?q=crocus%20hall").await).await;
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2);
    for hit in hits {
        for key in [
            "id",
            "title",
            "outlet",
            "published",
            "event",
            "snippet",
            "matches",
            "score",
        ] {
            assert!(hit.get(key).is_some(), "missing {key}");
        }
        let snippet = hit["snippet"].as_str().unwrap();
        for range in hit["matches"].as_array().unwrap() {
            let (start, end) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
            let word = &snippet[start as usize..end as usize];
            assert!(
                ["crocus", "hall"].contains(&word.to_lowercase().as_str()),
                "{word}"
            );
        }
    }
    let none = json_of(get(&app, "/api/search?q=%22%20(").await).await;
    assert_eq!(none, json!([]));
    let page = text(get(&app, "/search?q=Zelenskyy").await).await;
    assert!(page.contains("<mark>Zelenskyy</mark>"), "{page}");
}

#[tokio::test]
async fn searches_users_expect_and_queries_that_say_why() {
    let (app, _dir) = app(config());
    // Spellings of one name meet, and a prefix finds the words it starts.
    for q in ["Zelensky", "Zelenskiy", "zelensk*"] {
        let hits = json_of(get(&app, &format!("/api/search?q={q}")).await).await;
        assert!(!hits.as_array().unwrap().is_empty(), "{q}");
    }
    // A long query of one word repeated is one word, and cheap.
    let repeated = vec!["a"; 300].join("+");
    let answer = get(&app, &format!("/api/search?q={repeated}")).await;
    assert_eq!(answer.status(), StatusCode::OK);
    // Too many words, an open quotation, a one-letter prefix: refused with the reason, in
    // the API's one error shape.
    let many: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
    for (q, reason) in [
        (many.join("+"), "more than 16 distinct words"),
        ("%22crocus+hall".into(), "not closed"),
        ("c*".into(), "prefix"),
    ] {
        let answer = get(&app, &format!("/api/search?q={q}")).await;
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{q}");
        let error = json_of(answer).await;
        assert!(error["error"].as_str().unwrap().contains(reason), "{error}");
    }
    let page = get(&app, "/search?q=c*").await;
    assert_eq!(page.status(), StatusCode::BAD_REQUEST);
    assert!(text(page).await.contains("prefix"));
}

#[tokio::test]
async fn every_api_error_is_json() {
    let (app, _dir) = app(config());
    let malformed = Request::post("/api/documents")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{broken"))
        .unwrap();
    let missing = Request::get("/api/search").body(Body::empty()).unwrap();
    let wrong_type = Request::post("/api/documents")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("{}"))
        .unwrap();
    for request in [malformed, missing, wrong_type] {
        let answer = send(&app, request).await;
        assert!(answer.status().is_client_error(), "{}", answer.status());
        assert_eq!(answer.headers()[header::CONTENT_TYPE], "application/json");
        let error = json_of(answer).await;
        assert!(!error["error"].as_str().unwrap().is_empty(), "{error}");
    }
}

#[tokio::test]
async fn json_ingest_reports_each_record() {
    let (app, _dir) = app(config());
    let body = json!([
        {"id": "new-1", "title": "Flood in Springfield", "outlet": "Daily Planet",
         "published": "2025-05-02",
         "text": "Floods killed 12 people in Springfield on Thursday, police said. Rescuers evacuated 300 residents."},
        {"title": "no text here"},
        42
    ]);
    let response = post_json(&app, &body).await;
    assert_eq!(response.status(), StatusCode::OK);
    let report = json_of(response).await;
    assert_eq!(report["documents"][0]["id"], "new-1");
    assert_eq!(report["documents"][0]["source"], "api#1");
    assert!(report["documents"][0]["event"].is_string());
    assert_eq!(report["added"], 1);
    let errors: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["source"].as_str().unwrap())
        .collect();
    assert_eq!(errors, ["api#2", "api#3"], "{report}");
    let doc = json_of(get(&app, "/api/documents/new-1").await).await;
    assert_eq!(doc["figures"][0]["value"], 12);
    assert_eq!(post_json(&app, &body).await.status(), StatusCode::OK);
    let again = json_of(post_json(&app, &body).await).await;
    assert_eq!(again["unchanged"], 1, "ingesting is idempotent: {again}");
    let bad = post_json(&app, &json!({"title": "nothing"})).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        post_json(&app, &json!("text")).await.status(),
        StatusCode::BAD_REQUEST
    );
}

/// A multipart form with one file.
fn form(name: &str, content: &str) -> Request<Body> {
    let boundary = "XyZ-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n{content}\r\n--{boundary}--\r\n"
    );
    Request::post("/documents")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn uploads_are_ingested_and_reported() {
    let (app, _dir) = app(config());
    let record = r#"{"id": "up-1", "text": "Gunmen killed 7 people in Rivertown on Monday, officials said."}"#;
    let response = send(&app, form("../../etc/dump.jsonl", record)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.starts_with("/?report="), "{location}");
    let page = text(get(&app, &location).await).await;
    assert!(page.contains("1 document read: 1 added"), "{page}");
    let doc = json_of(get(&app, "/api/documents/up-1").await).await;
    assert_eq!(
        doc["source"], "upload/dump.jsonl#1",
        "the sent name, never its path"
    );
    let empty = send(&app, form("", "")).await;
    assert_eq!(empty.status(), StatusCode::BAD_REQUEST);
}

/// The operations the OpenAPI document lists, as (method, path).
fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            ops.push((method.to_uppercase(), path.clone()));
        }
    }
    ops.sort();
    ops
}

#[tokio::test]
async fn the_openapi_document_matches_the_routes() {
    let (app, _dir) = app(config());
    let doc = json_of(get(&app, "/api/openapi.json").await).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let ops = operations(&doc);
    let expected = [
        ("GET", "/api/documents/{id}"),
        ("GET", "/api/events"),
        ("GET", "/api/events/{id}"),
        ("GET", "/api/openapi.json"),
        ("GET", "/api/search"),
        ("POST", "/api/documents"),
    ];
    let listed: Vec<(&str, &str)> = ops.iter().map(|(m, p)| (m.as_str(), p.as_str())).collect();
    let mut want = expected.to_vec();
    want.sort();
    assert_eq!(listed, want);
    // Every documented operation is routed (not the fallback), and no method the document
    // leaves out is: each path answers 405 to the others.
    let paths: Vec<&str> = expected.iter().map(|(_, p)| *p).collect();
    for path in paths {
        let uri = path.replace("{id}", "x") + "?q=crocus";
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::PATCH,
        ] {
            let request = Request::builder()
                .method(method.clone())
                .uri(&uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("[]"))
                .unwrap();
            let response = send(&app, request).await;
            let documented = listed.contains(&(method.as_str(), path));
            let status = response.status();
            let body = text(response).await;
            if documented {
                assert!(
                    !body.contains("no such page") && status != StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path}: {status} {body}"
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path} is served but not documented"
                );
            }
        }
    }
}

/// The hostile article of the security tests.
fn hostile() -> Value {
    json!({
        "id": "hostile-1",
        "title": "<script>alert(1)</script> Blast kills 9",
        "outlet": "\"><img src=x onerror=alert(1)>",
        "url": "javascript:alert(document.cookie)",
        "published": "2025-06-01",
        "text": "A blast killed 9 people in Eastport on Sunday, police said. \"<b>bold</b> <script>alert(2)</script>\" said the mayor' onmouseover='alert(3)."
    })
}

#[tokio::test]
async fn hostile_articles_are_escaped_everywhere() {
    let (app, _dir) = app(config());
    let report = json_of(post_json(&app, &hostile()).await).await;
    let event = report["documents"][0]["event"]
        .as_str()
        .unwrap()
        .to_string();
    let pages = [
        "/".to_string(),
        format!("/events/{event}"),
        "/documents/hostile-1".to_string(),
        "/search?q=blast".to_string(),
        "/search?q=%3Cscript%3Ealert(1)%3C/script%3E".to_string(),
    ];
    for uri in &pages {
        let response = get(&app, uri).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        // The page's one script is the server's own file; no other may appear.
        let page = text(response).await.replacen(
            r#"<script src="/static/live.js" defer></script>"#,
            "",
            1,
        );
        for bad in [
            "<script",
            "<img",
            "<b>bold",
            "onerror=alert(1)>",
            "href=\"javascript:",
        ] {
            assert!(!page.contains(bad), "{uri} holds {bad}: {page}");
        }
        assert!(!has_handler(&page), "{uri}");
    }
    assert!(
        has_handler("<p><img src=x onerror=alert(1)>"),
        "the check itself works"
    );
    let doc = text(get(&app, "/documents/hostile-1").await).await;
    assert!(
        doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{doc}"
    );
    assert!(
        doc.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        "{doc}"
    );
    assert!(
        doc.contains("javascript:alert(document.cookie)</dd>"),
        "the URL is text: {doc}"
    );
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let (app, _dir) = app(config());
    let event = first_event(&app).await;
    let uris = [
        "/".to_string(),
        format!("/events/{}", event["id"].as_str().unwrap()),
        "/static/app.css".to_string(),
        "/api/events".to_string(),
        "/nothing".to_string(),
    ];
    for uri in &uris {
        let response = get(&app, uri).await;
        let headers = response.headers();
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
            "{uri}"
        );
        assert!(!csp.contains("unsafe-inline"), "{uri}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{uri}");
    }
    let css = get(&app, "/static/app.css").await;
    assert!(css.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    let page = text(get(&app, "/").await).await;
    assert!(
        !page.contains(" style=") && !page.contains("<style"),
        "no inline style"
    );
    assert!(!has_handler(&page), "no inline event handler");
}

/// Whether a page holds an attribute such as ` onclick=` in a tag (outside attribute values;
/// every `<` of article text is escaped, so each `<` starts a tag).
fn has_handler(page: &str) -> bool {
    page.split('<').skip(1).any(|tag| {
        let tag = tag.split('>').next().unwrap_or_default();
        let mut quoted = false;
        let mut names = Vec::new();
        let mut name = String::new();
        for c in tag.chars() {
            match c {
                '"' => quoted = !quoted,
                c if !quoted && (c.is_ascii_alphanumeric() || c == '-') => name.push(c),
                _ if !quoted => names.push(std::mem::take(&mut name)),
                _ => {}
            }
        }
        names.iter().any(|n| n.starts_with("on"))
    })
}

#[tokio::test]
async fn a_token_is_needed_when_one_is_set() {
    let (app, _dir) = app(Config {
        token: Some(TOKEN.to_string()),
        ..config()
    });
    let refused = get(&app, "/api/events").await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(refused
        .headers()
        .contains_key(header::CONTENT_SECURITY_POLICY));
    let with = |name: header::HeaderName, value: String| {
        Request::get("/api/events")
            .header(name, value)
            .body(Body::empty())
            .unwrap()
    };
    let bearer = send(&app, with(header::AUTHORIZATION, format!("Bearer {TOKEN}"))).await;
    assert_eq!(bearer.status(), StatusCode::OK);
    // The scheme's name is case-insensitive.
    let lower = send(&app, with(header::AUTHORIZATION, format!("bearer {TOKEN}"))).await;
    assert_eq!(lower.status(), StatusCode::OK);
    let wrong = send(
        &app,
        with(
            header::AUTHORIZATION,
            "Bearer a-test-token-0123456780".into(),
        ),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let cookie = send(
        &app,
        with(header::COOKIE, format!("theme=dark; token={TOKEN}")),
    )
    .await;
    assert_eq!(cookie.status(), StatusCode::OK);
    let visit = get(&app, &format!("/?token={TOKEN}")).await;
    assert_eq!(visit.status(), StatusCode::SEE_OTHER);
    assert_eq!(visit.headers()[header::LOCATION], "/");
    let set = visit.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set.starts_with(&format!("token={TOKEN};")) && set.contains("HttpOnly"),
        "{set}"
    );
    assert_eq!(
        get(&app, "/?token=guess").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let escape = get(&app, &format!("//evil.example/?token={TOKEN}")).await;
    assert_eq!(
        escape.headers()[header::LOCATION],
        "/evil.example/",
        "never off the site"
    );
}

#[tokio::test]
async fn foreign_hosts_and_cross_site_writes_are_refused() {
    let (app, _dir) = app(config());
    let at = |host: &str| {
        Request::get("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        send(&app, at("localhost:8080")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        send(&app, at("127.0.0.1:8080")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        send(&app, at("evil.example:8080")).await.status(),
        StatusCode::FORBIDDEN
    );
    let mut post = form("a.txt", "Text.");
    post.headers_mut()
        .insert(header::HOST, "localhost:8080".parse().unwrap());
    post.headers_mut()
        .insert(header::ORIGIN, "http://evil.example".parse().unwrap());
    assert_eq!(send(&app, post).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let (app, _dir) = app(Config {
        max_body: 1024,
        ..config()
    });
    let big = json!({"text": "x".repeat(4096)});
    assert_eq!(
        post_json(&app, &big).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let upload = send(&app, form("big.txt", &"word ".repeat(1000))).await;
    assert_eq!(upload.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn clients_over_the_rate_are_told_to_wait() {
    let (app, _dir) = app(Config {
        rate: RateLimit {
            per_second: 0.01,
            burst: 3.0,
        },
        ..Config::default()
    });
    for _ in 0..3 {
        assert_eq!(get(&app, "/static/app.css").await.status(), StatusCode::OK);
    }
    let refused = get(&app, "/api/events").await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.headers().contains_key(header::RETRY_AFTER));
    assert!(refused
        .headers()
        .contains_key(header::CONTENT_SECURITY_POLICY));
}

/// Every evidence link of the dossier page leads to a document page holding its target.
#[tokio::test]
async fn facts_link_to_their_sentences() {
    let (app, _dir) = app(config());
    let event = first_event(&app).await;
    let page = text(get(&app, &format!("/events/{}", event["id"].as_str().unwrap())).await).await;
    let links: Vec<&str> = page
        .split("href=\"/documents/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|link| link.contains("#s-"))
        .collect();
    assert!(links.len() > 20, "{} links", links.len());
    let mut checked = std::collections::HashMap::new();
    for link in links {
        let (id, anchor) = link.split_once('#').unwrap();
        if !checked.contains_key(id) {
            let doc = text(get(&app, &format!("/documents/{id}")).await).await;
            checked.insert(id.to_string(), doc);
        }
        assert!(checked[id].contains(&format!("id=\"{anchor}\"")), "{link}");
    }
    let doc = checked.values().next().unwrap();
    for class in [
        "mark class=\"fig",
        "mark class=\"ent",
        "mark class=\"time",
        "class=\"stmt",
    ] {
        assert!(doc.contains(class), "{class}");
    }
}

#[tokio::test]
async fn a_dossier_kept_for_speed_is_fused_again_once_its_event_grows() {
    let (app, _dir) = app(config());
    let event = first_event(&app).await;
    let id = event["id"].as_str().unwrap().to_string();
    let path = format!("/api/events/{id}");
    let before = json_of(get(&app, &path).await).await;
    assert_eq!(before["documents"].as_array().map(Vec::len), Some(2));
    // A syndicated copy of a seed article joins its event.
    let seed = std::fs::read_to_string(examples().join("000_8103a67227389a93.txt")).unwrap();
    let copy = json!({"id": "copy-1", "outlet": "Wire copy", "text": seed});
    let report = json_of(post_json(&app, &copy).await).await;
    assert_eq!(report["documents"][0]["event"], id.as_str(), "{report}");
    let after = json_of(get(&app, &path).await).await;
    assert_eq!(
        after["documents"].as_array().map(Vec::len),
        Some(3),
        "{after}"
    );
    let listed = first_event(&app).await;
    assert_eq!(listed["documents"].as_array().map(Vec::len), Some(3));
}

/// The shared store behind the same application: events, a dossier, its pages, search and an
/// upload (the store's calls never run on the server's async threads, where PostgreSQL's
/// synchronous client could not). Skips without a test server.
#[test]
fn a_postgresql_store_serves_as_the_embedded_one_does() {
    let Some(db) = TestDatabase::create("serving a PostgreSQL store") else {
        return;
    };
    let store = PostgresStore::open(&db.url).unwrap();
    let app = app_over(Box::new(store), config());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let event = first_event(&app).await;
        let id = event["id"].as_str().unwrap();
        assert_eq!(event["documents"].as_array().unwrap().len(), 2, "{event}");
        let dossier = json_of(get(&app, &format!("/api/events/{id}")).await).await;
        assert_eq!(dossier["id"], event["id"]);
        for page in [format!("/events/{id}"), "/search?q=Krasnogorsk".into(), "/".into()] {
            let response = get(&app, &page).await;
            assert_eq!(response.status(), StatusCode::OK, "{page}");
        }
        let found = text(get(&app, "/search?q=Krasnogorsk").await).await;
        assert!(found.contains("Krasnogorsk"), "{found}");
        let sent = json!([{"id": "pg-1", "title": "Ferry fire", "text": "At least 12 people were killed in a ferry fire on the lake on Friday, officials said."}]);
        let report = json_of(post_json(&app, &sent).await).await;
        assert_eq!(report["added"], 1, "{report}");
        let doc = json_of(get(&app, "/api/documents/pg-1").await).await;
        assert_eq!(doc["figures"][0]["value"], 12);
        assert_eq!(json_of(get(&app, "/api/events").await).await.as_array().unwrap().len(), 2);
    });
}

/// An open `/api/changes` stream receives the change events of an upload: the toll raised by
/// the new article, with its sentence. The page script and its policy are served too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_pages_receive_the_change_events_of_an_upload() {
    use futures_util::StreamExt;
    let (app, _dir) = app(config());
    let response = get(&app, "/api/changes").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let mut stream = response.into_body().into_data_stream();
    // The store is read every second while someone listens: let it take its first look.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let sent = json!([{"id": "late-1", "title": "Crocus City Hall attack: death toll rises to 145",
        "published": "2024-03-26",
        "text": "The death toll from the terrorist attack on Crocus City Hall in Krasnogorsk near Moscow has risen to 145, the Russian Emergencies Ministry said on Tuesday."}]);
    assert_eq!(post_json(&app, &sent).await.status(), StatusCode::OK);
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !seen.contains("figure_changed") {
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("a change event within 10 s")
            .unwrap()
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let line = seen.lines().find(|l| l.contains("figure_changed")).unwrap();
    let change: Value = serde_json::from_str(line.trim_start_matches("data:").trim()).unwrap();
    assert_eq!(change["kind"], "killed");
    assert_eq!(change["old"]["value"], 137);
    assert_eq!(change["new"]["value"], 145);
    assert!(change["sentence"]
        .as_str()
        .unwrap()
        .contains("risen to 145"));

    let script = get(&app, "/static/live.js").await;
    let policy = script.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe"));
    assert!(text(script).await.contains("EventSource"));
}
