//! The event's title: one outlet's own headline, the earliest that says what happened, as
//! the story's words, without the site's name or a desk's tag ("UPDATE:", "- KMOV.com").

use crosscheck_model::{Document, Evidence, Field};

/// Tags a desk puts before a headline.
const TAGS: &[&str] = &[
    "update:",
    "updated:",
    "breaking:",
    "breaking news:",
    "watch:",
    "video:",
    "photos:",
    "live:",
    "developing:",
    "exclusive:",
];

/// What separates a headline from the site's name after it.
const SEPARATORS: &[&str] = &[" - ", " | ", " – ", " — ", " :: "];

/// Fewer words than this are a category ("Drive-By Shooting"), not what happened.
const INFORMATIVE_WORDS: usize = 4;

/// The earliest headline that says what happened, else the earliest headline; each as the
/// story's words, with where in its document's title they are.
pub fn event_title(docs: &[Document]) -> Option<Evidence> {
    let mut dated: Vec<(Option<&str>, Evidence)> = docs
        .iter()
        .filter_map(|d| {
            let title = d.title.as_deref()?;
            let words = story_words(title, d.outlet.as_deref());
            let start = words.as_ptr() as usize - title.as_ptr() as usize;
            let evidence = Evidence {
                document: d.id.clone(),
                start,
                end: start + words.len(),
                text: words.to_string(),
                field: Some(Field::Title),
            };
            let when = d.published.as_deref().or(d.published_not_before.as_deref());
            (!words.is_empty()).then_some((when, evidence))
        })
        .collect();
    // Undated last, as the filer places them.
    dated.sort_by(|a, b| (a.0.is_none(), a.0).cmp(&(b.0.is_none(), b.0)));
    let informative = dated
        .iter()
        .find(|(_, t)| t.text.split_whitespace().count() >= INFORMATIVE_WORDS);
    informative.or(dated.first()).map(|(_, t)| t.clone())
}

/// A headline without a desk's tag before it and a site's name after it: a part of it.
fn story_words<'a>(title: &'a str, outlet: Option<&str>) -> &'a str {
    let mut t = title.trim();
    loop {
        let lower = t.to_lowercase();
        match TAGS.iter().find(|tag| lower.starts_with(*tag)) {
            Some(tag) => t = t[tag.len()..].trim_start(),
            None => break,
        }
    }
    for sep in SEPARATORS {
        if let Some((story, site)) = t.rsplit_once(sep) {
            if site_name(site, outlet) && story.split_whitespace().count() >= 2 {
                t = story.trim_end();
                break;
            }
        }
    }
    t
}

/// Whether the words after a headline's last separator name a site: the outlet, a domain,
/// or a station ("WDRB 41 Louisville News", "KSLA News 12 Shreveport").
fn site_name(words: &str, outlet: Option<&str>) -> bool {
    let lower = words.to_lowercase();
    let outlet = outlet.map(str::to_lowercase);
    let is_outlet = outlet
        .as_deref()
        .is_some_and(|o| !o.is_empty() && (lower.contains(o) || o.contains(lower.trim())));
    let domain = [".com", ".org", ".net", ".co.uk", ".tv"]
        .iter()
        .any(|d| lower.contains(d));
    let station =
        words.split_whitespace().next().is_some_and(|w| {
            w.len() >= 3 && w.len() <= 5 && w.chars().all(|c| c.is_ascii_uppercase())
        }) || lower.split_whitespace().any(|w| w == "news");
    is_outlet || domain || station
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, published: &str, title: &str) -> Document {
        let mut d = Document::new(id.into(), format!("{id}.txt"), "Text.".into());
        d.published = Some(published.into());
        d.title = Some(title.into());
        d
    }

    #[test]
    fn the_story_not_the_site() {
        assert_eq!(
            story_words("UPDATE: 2 dead, 4 injured after shootings in Shawnee Park - WDRB 41 Louisville News", None),
            "2 dead, 4 injured after shootings in Shawnee Park"
        );
        assert_eq!(
            story_words(
                "Ballwin officer identity released after 'ambush' shooting on Fri - KMOV.com",
                None
            ),
            "Ballwin officer identity released after 'ambush' shooting on Fri"
        );
        assert_eq!(
            story_words("Bus bombing kills 6 | Jordan Times", Some("Jordan Times")),
            "Bus bombing kills 6"
        );
        // A dash inside the story stays.
        assert_eq!(
            story_words("Tram crash - seven dead in Croydon", None),
            "Tram crash - seven dead in Croydon"
        );
    }

    #[test]
    fn a_category_is_no_title() {
        let docs = [
            doc("a", "2017-04-01", "Drive-By Shooting"),
            doc(
                "b",
                "2017-04-02",
                "One dead, four wounded in South Howard shooting",
            ),
        ];
        assert_eq!(
            event_title(&docs).map(|e| e.text).as_deref(),
            Some("One dead, four wounded in South Howard shooting")
        );
        assert_eq!(
            event_title(&docs[..1]).map(|e| e.text).as_deref(),
            Some("Drive-By Shooting")
        );
    }
}
