//! When the event happened: the day its documents' leads give, never a publication date.

use std::collections::HashMap;

use crosscheck_model::{Document, EventScope, TimeExpr, TimexType};

/// The TIMEX3 value of the event: the calendar day most of its documents date it to, in
/// the most precise form any of them gives ("2024-03-22TEV" over "2024-03-22"). Each
/// document votes once: for the day of its first toll of this event ("60 killed … Friday
/// evening, March 22"), else for the first day its headline or lead names that is not after
/// its publication. On a tie the earliest day wins: an event comes before what is said of
/// it ("Macron said on March 25"). No day after the earliest report counts: an event comes
/// before its first report, and a follow-up's "Tuesday" is the day of an arrest. `None` when
/// no document gives a day.
pub fn event_when(docs: &[Document]) -> Option<String> {
    let first_report = docs
        .iter()
        .filter_map(|d| d.published.as_deref()?.get(..10))
        .filter(|d| is_day(d))
        .min();
    let mut votes: HashMap<String, usize> = HashMap::new();
    let mut forms: HashMap<String, String> = HashMap::new();
    for doc in docs {
        let Some(value) = figure_day(doc).or_else(|| lead_day(doc)) else {
            continue;
        };
        let day = value[..10].to_string();
        if first_report.is_some_and(|first| day.as_str() > first) {
            continue;
        }
        *votes.entry(day.clone()).or_insert(0) += 1;
        let form = forms.entry(day).or_insert_with(|| value.to_string());
        if value.len() > form.len() {
            *form = value.to_string();
        }
    }
    let (day, _) = votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
    forms.remove(&day)
}

/// The day of the first figure about this event that says when it happened.
fn figure_day(doc: &Document) -> Option<&str> {
    doc.figures
        .iter()
        .filter(|f| f.event == EventScope::Main)
        .filter_map(|f| f.when.as_deref())
        .find(|w| w.get(..10).is_some_and(is_day))
}

/// The first time in a document's headline or lead that names an incident by its day ("the
/// March 22 attack"), else the first that names a calendar day, not after
/// its publication.
fn lead_day(doc: &Document) -> Option<&str> {
    let published = doc.published.as_deref().and_then(|p| p.get(..10));
    let days = doc.times.iter().filter(|t| {
        let in_lead = doc.in_lead(&t.span);
        let day = t.value.get(..10).filter(|d| is_day(d));
        in_lead
            && matches!(t.timex_type, TimexType::Date | TimexType::Time)
            && day.is_some_and(|d| published.is_none_or(|p| d <= p))
    });
    TimeExpr::dating_event(days).map(|t| t.value.as_str())
}

/// Whether a string is a `YYYY-MM-DD` day with a known year.
fn is_day(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{Span, TimeExpr};

    fn doc(published: Option<&str>, text: &str, times: &[(&str, usize, &str)]) -> Document {
        let mut d = Document::new("d".into(), "d.txt".into(), text.into());
        d.published = published.map(String::from);
        d.sentences = vec![(0, text.len())];
        d.times = times
            .iter()
            .map(|(words, start, value)| TimeExpr {
                span: Span {
                    text: words.to_string(),
                    start: *start,
                    end: start + words.len(),
                    field: None,
                },
                timex_type: TimexType::Date,
                value: value.to_string(),
                incident: false,
            })
            .collect();
        d
    }

    #[test]
    fn the_earliest_of_equally_supported_days_in_its_most_precise_form() {
        let report = doc(
            Some("2024-03-23"),
            "Friday evening, March 22.",
            &[("Friday evening, March 22", 0, "2024-03-22TEV")],
        );
        let reaction = doc(
            None,
            "Macron said on March 25.",
            &[("March 25", 15, "2024-03-25")],
        );
        assert_eq!(
            event_when(&[reaction, report]).as_deref(),
            Some("2024-03-22TEV")
        );
    }

    #[test]
    fn no_publication_date_is_ever_the_event_date_and_future_days_do_not_count() {
        let d = doc(
            Some("2024-03-23"),
            "A vote on April 2.",
            &[("April 2", 10, "2024-04-02")],
        );
        assert_eq!(event_when(&[d]), None);
        assert_eq!(
            event_when(&[doc(Some("2024-03-23"), "No date.", &[])]),
            None
        );
    }
}
