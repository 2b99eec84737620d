//! What a page says about its article: JSON-LD (`NewsArticle` and its kin), OpenGraph and
//! other meta tags, `<time>` elements, `itemprop` microdata, the canonical link, the URL and
//! the byline. Each field takes the first source that has it, in the order publishers are
//! most often right.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::dates::{human_date, machine_date, most_named_date, url_date};
use crate::Metadata;

/// `<meta>` names and properties that hold the publication date, most reliable first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "article_date_original",
    "publication_date",
    "publish_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "article:post_date",
    "created",
];
/// Dates of the last change: a page's publication date only when nothing else tells it.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
];
/// Class or id words of the elements that hold a byline's date.
const DATE_CLASS_WORDS: &[&str] = &[
    "date", "datum", "time", "publish", "posted", "pubdate", "byline", "dateline", "meta", "fecha",
    "data",
];
/// JSON-LD types whose `datePublished` is the article's.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "OpinionNewsArticle",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "WebPage",
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css:?}: {e}"))
}

/// The metadata a parsed page holds. `url` is the page's address where the input gave one.
pub(crate) fn read(page: &Html, url: Option<&str>) -> Metadata {
    let meta = MetaTags::of(page);
    let ld = LinkedData::of(page);
    let canonical = canonical_url(page, &meta);
    let url = url.map(str::to_string).or(canonical);
    Metadata {
        published: published(page, &meta, &ld, url.as_deref()),
        title: title(page, &meta, &ld),
        authors: authors(&meta, &ld),
        outlet: meta
            .first(&["og:site_name", "application-name"])
            .or(ld.publisher.clone()),
        language: language(page, &meta),
        url,
        crawled: None,
    }
}

/// The page's `<meta>` tags as (lowercased name or property, content) pairs, in order.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn of(page: &Html) -> MetaTags {
        static META: LazyLock<Selector> = LazyLock::new(|| selector("meta[content]"));
        let tags = page
            .select(&META)
            .filter_map(|m| {
                let el = m.value();
                let key = el
                    .attr("property")
                    .or(el.attr("name"))
                    .or(el.attr("itemprop"))
                    .or(el.attr("http-equiv"))?;
                let content = el.attr("content")?.trim();
                (!content.is_empty())
                    .then(|| (key.trim().to_ascii_lowercase(), content.to_string()))
            })
            .collect();
        MetaTags(tags)
    }

    /// The content of the first tag named by the first of `keys` that the page has.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .find_map(|key| self.all(key).next())
            .map(String::from)
    }

    fn all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(name, _)| name == key)
            .map(|(_, content)| content.as_str())
    }
}

/// What the page's JSON-LD says about its article.
#[derive(Default)]
struct LinkedData {
    published: Option<String>,
    /// A `datePublished` of an object that is not an article (a video, an event).
    published_elsewhere: Option<String>,
    modified: Option<String>,
    headline: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
}

impl LinkedData {
    fn of(page: &Html) -> LinkedData {
        static LD: LazyLock<Selector> =
            LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
        let mut data = LinkedData::default();
        for script in page.select(&LD) {
            let json: String = script.text().collect();
            // Publishers leave trailing semicolons and HTML comments around their JSON.
            let json = json.trim().trim_end_matches(';').trim();
            let json = json.strip_prefix("<!--").unwrap_or(json);
            let json = json.strip_suffix("-->").unwrap_or(json);
            if let Ok(value) = serde_json::from_str::<Value>(json) {
                data.visit(&value, 0);
            }
        }
        data
    }

    fn visit(&mut self, value: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.visit(v, depth + 1)),
            Value::Object(object) => {
                let is_article = match object.get("@type") {
                    Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                    Some(Value::Array(ts)) => ts
                        .iter()
                        .filter_map(Value::as_str)
                        .any(|t| ARTICLE_TYPES.contains(&t)),
                    _ => false,
                };
                let string = |key: &str| {
                    object
                        .get(key)
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                };
                if is_article {
                    let slot = &mut self.published;
                    if slot.is_none() {
                        *slot = string("datePublished").or_else(|| string("dateCreated"));
                    }
                    if self.modified.is_none() {
                        self.modified = string("dateModified");
                    }
                    if self.headline.is_none() {
                        self.headline = string("headline").or_else(|| string("name"));
                    }
                    if self.authors.is_empty() {
                        self.authors = names(object.get("author"));
                    }
                    if self.publisher.is_none() {
                        self.publisher = names(object.get("publisher")).into_iter().next();
                    }
                } else if self.published_elsewhere.is_none() {
                    self.published_elsewhere = string("datePublished");
                }
                if let Some(graph) = object.get("@graph") {
                    self.visit(graph, depth + 1);
                }
                if let Some(main) = object.get("mainEntity") {
                    self.visit(main, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// Names from a JSON-LD person or organization field: a string, an object with a `name`,
/// or an array of either.
fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.trim().to_string()],
        Some(Value::Object(o)) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|n| vec![n.trim().to_string()])
            .unwrap_or_default(),
        Some(Value::Array(items)) => items.iter().flat_map(|v| names(Some(v))).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|n| !n.is_empty() && !n.starts_with("http"))
    .collect()
}

/// The publication date. A whole date in the URL comes first: it is the day of first
/// publication in the outlet's own time zone, where metadata often gives a later update, or
/// UTC (a story of 21:25 in New York is dated the next day in `article:published_time`).
/// The metadata's date-time is kept when it falls on that same day, for its time of day.
/// Then meta tags, JSON-LD, microdata, `<time>`, a byline's text; the last change only when
/// none of these tells it, and the date the page's text names most as a last resort.
fn published(page: &Html, meta: &MetaTags, ld: &LinkedData, url: Option<&str>) -> Option<String> {
    static ITEMPROP: LazyLock<Selector> =
        LazyLock::new(|| selector(r#"[itemprop="datePublished"], [itemprop="dateCreated"]"#));
    static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time"));
    static ARTICLE_TIME: LazyLock<Selector> =
        LazyLock::new(|| selector("article time[datetime], main time[datetime]"));
    let from_meta = || {
        PUBLISHED_META
            .iter()
            .find_map(|key| meta.all(key).find_map(machine_date))
    };
    let from_microdata = || page.select(&ITEMPROP).find_map(|el| element_date(el, true));
    // A `<time>` marked as the publication, else the first of the article (not of an
    // embedded post or a list of other stories).
    let from_time = || {
        page.select(&TIME)
            .find(|t| {
                let el = t.value();
                el.attr("pubdate").is_some()
                    || el.attr("class").is_some_and(|c| {
                        let c = c.to_ascii_lowercase();
                        c.contains("publish") || c.contains("created") || c.contains("posted")
                    })
            })
            .or_else(|| page.select(&ARTICLE_TIME).next())
            .and_then(|t| element_date(t, true))
    };
    let stated = from_meta()
        .or_else(|| ld.published.as_deref().and_then(machine_date))
        .or_else(from_microdata)
        .or_else(from_time);
    if let Some(day) = url.and_then(url_date).map(|d| d.to_string()) {
        return Some(stated.filter(|s| s.starts_with(&day)).unwrap_or(day));
    }
    stated
        .or_else(|| byline_date(page))
        .or_else(|| ld.published_elsewhere.as_deref().and_then(machine_date))
        .or_else(|| ld.modified.as_deref().and_then(machine_date))
        .or_else(|| {
            MODIFIED_META
                .iter()
                .find_map(|key| meta.all(key).find_map(machine_date))
        })
        .or_else(|| most_named_date(&super::visible_text(page)).map(|d| d.to_string()))
}

/// A date held by an element: its `datetime`, `content` or `title` attribute (a "2 hours
/// ago" label carries the date there), else (when `text` is allowed) its short text.
fn element_date(el: ElementRef, text: bool) -> Option<String> {
    let value = el.value();
    ["datetime", "content", "title"]
        .iter()
        .find_map(|name| value.attr(name).and_then(machine_date))
        .or_else(|| {
            text.then(|| short_text(el))
                .flatten()
                .and_then(|t| human_date(&t))
                .map(|d| d.to_string())
        })
}

/// The date in the first short element whose class or id says it holds one.
fn byline_date(page: &Html) -> Option<String> {
    static MARKED: LazyLock<Selector> = LazyLock::new(|| selector("[class], [id]"));
    page.select(&MARKED)
        .filter(|el| {
            let v = el.value();
            let marks = format!(
                "{} {}",
                v.attr("class").unwrap_or_default(),
                v.attr("id").unwrap_or_default()
            )
            .to_ascii_lowercase();
            DATE_CLASS_WORDS.iter().any(|w| marks.contains(w))
                && !marks.contains("comment")
                && !marks.contains("update")
        })
        .take(200)
        .find_map(|el| element_date(el, true))
}

/// The text of an element that is short enough to be a label, not a passage.
fn short_text(el: ElementRef) -> Option<String> {
    let mut text = String::new();
    for piece in el.text() {
        text.push_str(piece);
        if text.len() > 160 {
            return None;
        }
    }
    Some(text)
}

fn title(page: &Html, meta: &MetaTags, ld: &LinkedData) -> Option<String> {
    static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
    meta.first(&["og:title", "twitter:title"])
        .or(ld.headline.clone())
        .or_else(|| {
            let title: String = page.select(&TITLE).next()?.text().collect();
            Some(strip_site_name(title.trim()).to_string())
        })
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

/// "Story headline | Site name" → "Story headline": the longest part around the
/// separators sites use.
fn strip_site_name(title: &str) -> &str {
    [" | ", " - ", " – ", " — ", " :: ", " « ", " » "]
        .iter()
        .find(|sep| title.contains(**sep))
        .map_or(title, |sep| {
            title
                .split(sep)
                .max_by_key(|part| part.len())
                .unwrap_or(title)
                .trim()
        })
}

fn authors(meta: &MetaTags, ld: &LinkedData) -> Vec<String> {
    if !ld.authors.is_empty() {
        return ld.authors.clone();
    }
    [
        "author",
        "article:author",
        "dc.creator",
        "parsely-author",
        "sailthru.author",
    ]
    .iter()
    .flat_map(|key| meta.all(key))
    .filter(|a| !a.starts_with("http"))
    .map(|a| a.trim().to_string())
    .take(1)
    .collect()
}

fn language(page: &Html, meta: &MetaTags) -> Option<String> {
    static HTML: LazyLock<Selector> = LazyLock::new(|| selector("html[lang]"));
    page.select(&HTML)
        .next()
        .and_then(|el| el.value().attr("lang"))
        .map(str::to_string)
        .or_else(|| meta.first(&["content-language", "og:locale", "dc.language", "language"]))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
}

/// `<link rel="canonical">`, else `og:url`, when absolute.
fn canonical_url(page: &Html, meta: &MetaTags) -> Option<String> {
    static CANONICAL: LazyLock<Selector> =
        LazyLock::new(|| selector(r#"link[rel="canonical"][href]"#));
    page.select(&CANONICAL)
        .filter_map(|l| l.value().attr("href"))
        .map(str::to_string)
        .chain(meta.first(&["og:url"]))
        .map(|u| u.trim().to_string())
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_page(html: &str, url: Option<&str>) -> Metadata {
        read(&Html::parse_document(html), url)
    }

    #[test]
    fn json_ld_news_articles() {
        let page = r#"<html lang="en-GB"><head>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":"NewsArticle","headline":"Floods hit the north","datePublished":"2021-07-15T08:30:00+02:00",
               "dateModified":"2021-07-16T10:00:00+02:00","author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chan"}],
               "publisher":{"@type":"Organization","name":"The Daily"}}]};</script>
            <title>Floods hit the north | The Daily</title></head><body><p>x</p></body></html>"#;
        let m = read_page(page, None);
        assert_eq!(m.published.as_deref(), Some("2021-07-15T08:30:00+02:00"));
        assert_eq!(m.title.as_deref(), Some("Floods hit the north"));
        assert_eq!(m.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(m.outlet.as_deref(), Some("The Daily"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn meta_tags_and_canonical_links() {
        let page = r#"<head><meta property="og:title" content="A &amp; B">
            <meta property="og:site_name" content="Herald">
            <meta name="author" content="Jo Smith">
            <meta property="article:modified_time" content="2020-02-02">
            <meta property="article:published_time" content="2020-01-31T23:00:00Z">
            <link rel="canonical" href="https://herald.example/a-b"></head>"#;
        let m = read_page(page, None);
        assert_eq!(m.title.as_deref(), Some("A & B"));
        assert_eq!(m.published.as_deref(), Some("2020-01-31T23:00:00Z"));
        assert_eq!(m.url.as_deref(), Some("https://herald.example/a-b"));
        assert_eq!(m.outlet.as_deref(), Some("Herald"));
        assert_eq!(m.authors, ["Jo Smith"]);
    }

    #[test]
    fn time_elements_urls_and_bylines() {
        let page = r#"<body><article><time datetime="2018-05-04">4 May</time></article></body>"#;
        assert_eq!(
            read_page(page, None).published.as_deref(),
            Some("2018-05-04")
        );
        let page = r#"<body><p>No date here.</p></body>"#;
        assert_eq!(
            read_page(page, Some("https://x.example/2017/10/09/story/"))
                .published
                .as_deref(),
            Some("2017-10-09")
        );
        let page = r#"<body><div class="post-meta">Posted 12. Oktober 2016 by Max</div></body>"#;
        assert_eq!(
            read_page(page, None).published.as_deref(),
            Some("2016-10-12")
        );
        let page = r#"<head><meta property="article:modified_time" content="2020-02-02"></head>"#;
        assert_eq!(
            read_page(page, None).published.as_deref(),
            Some("2020-02-02")
        );
    }

    #[test]
    fn broken_json_ld_is_passed_over() {
        let page = r#"<script type="application/ld+json">{"@type": "NewsArticle", </script>
            <meta name="date" content="2019-12-01">"#;
        assert_eq!(
            read_page(page, None).published.as_deref(),
            Some("2019-12-01")
        );
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        assert_eq!(strip_site_name("Big story here - Site"), "Big story here");
        assert_eq!(strip_site_name("Plain"), "Plain");
    }
}
