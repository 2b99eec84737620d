//! The article body of a page, found by `trafilatura` (a port of go-trafilatura: scored
//! node by node on text and link density, with readability and a baseline as fallbacks).

use std::sync::LazyLock;

use trafilatura::{extract, HtmlDateMode, Options};

static OPTIONS: LazyLock<Options> = LazyLock::new(|| {
    let mut options = Options::default().with_fallback(true);
    // The date is our metadata reader's; comments are not the article.
    options.html_date_mode = HtmlDateMode::Disabled;
    options.exclude_comments = true;
    options
});

/// The article's text with its paragraphs, or `None` when the page holds none. The text is
/// read from the extracted HTML: trafilatura's own text output runs paragraphs together.
pub(super) fn article_text(html: &str, url: Option<&str>) -> Option<String> {
    let mut options = OPTIONS.clone();
    options.original_url = url.and_then(|u| url::Url::parse(u).ok());
    let result = extract(html, &options).ok()?;
    let text = super::fragment_text(&result.content_html);
    (!text.is_empty()).then_some(text)
}
