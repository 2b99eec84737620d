//! Years across documents: an article that never gives its year ("on March 25", no date
//! line) takes it from the event it joins.

use chrono::{Datelike, NaiveDate};
use crosscheck_model::Document;

use crate::profile::day_of;

/// Gives the undated documents of one event the year of its dated ones: each unknown year
/// (`XXXX`) in `published_not_before`, the time expressions and the figures' `when` becomes
/// the year that puts the date nearest the event's days. Documents with a publication date
/// keep theirs, and an event with no dated document changes nothing.
pub fn resolve_years(docs: &mut [Document]) {
    let mut days: Vec<i32> = docs
        .iter()
        .filter_map(|d| d.published.as_deref().and_then(day_of))
        .collect();
    if days.is_empty() {
        return;
    }
    days.sort_unstable();
    let event_day = days[days.len() / 2];
    for doc in docs.iter_mut() {
        resolve_year(doc, event_day);
    }
}

/// Gives a document without a publication date the year nearest `event_day` (a day from
/// the common era) wherever its year is unknown.
pub fn resolve_year(doc: &mut Document, event_day: i32) {
    if doc.published.is_some() {
        return;
    }
    let mut anchor = event_day;
    if let Some(resolved) = doc
        .published_not_before
        .as_deref()
        .and_then(|v| with_year(v, event_day))
    {
        anchor = day_of(&resolved).unwrap_or(event_day);
        doc.published_not_before = Some(resolved);
    }
    for time in &mut doc.times {
        if let Some(resolved) = with_year(&time.value, anchor) {
            time.value = resolved;
        }
    }
    for figure in &mut doc.figures {
        if let Some(resolved) = figure.when.as_deref().and_then(|v| with_year(v, anchor)) {
            figure.when = Some(resolved);
        }
    }
}

/// A TIMEX3 value with an unknown year (`XXXX-03-25`, `XXXX-03-22TEV`, `XXXX-03`) given the
/// year that puts it nearest `anchor`; `None` when the year is known or the value is no
/// calendar date.
fn with_year(value: &str, anchor: i32) -> Option<String> {
    let rest = value.strip_prefix("XXXX")?;
    let anchor_year = NaiveDate::from_num_days_from_ce_opt(anchor)?.year();
    (anchor_year - 1..=anchor_year + 1)
        .filter_map(|year| {
            let candidate = format!("{year:04}{rest}");
            let day =
                day_of(&candidate).or_else(|| day_of(&format!("{}-15", candidate.get(..7)?)))?;
            Some(((day - anchor).abs(), candidate))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{Span, TimeExpr, TimexType};

    fn doc(published: Option<&str>, not_before: Option<&str>) -> Document {
        let mut d = Document::new("d".into(), "d.txt".into(), "On March 25.".into());
        d.published = published.map(String::from);
        d.published_not_before = not_before.map(String::from);
        d.times = vec![TimeExpr {
            span: Span {
                text: "March 25".into(),
                start: 3,
                end: 11,
                field: None,
            },
            timex_type: TimexType::Date,
            value: "XXXX-03-25".into(),
            incident: false,
        }];
        d
    }

    #[test]
    fn an_undated_document_takes_the_year_of_its_event() {
        let mut docs = vec![doc(Some("2024-03-23"), None), doc(None, Some("XXXX-03-25"))];
        resolve_years(&mut docs);
        assert_eq!(docs[1].published_not_before.as_deref(), Some("2024-03-25"));
        assert_eq!(docs[1].times[0].value, "2024-03-25");
        assert_eq!(
            docs[0].times[0].value, "XXXX-03-25",
            "dated documents are left alone"
        );
    }

    #[test]
    fn the_nearest_year_wins_across_new_year() {
        assert_eq!(
            with_year("XXXX-12-30TNI", day_of("2025-01-02").unwrap()).as_deref(),
            Some("2024-12-30TNI")
        );
        assert_eq!(
            with_year("XXXX-03", day_of("2024-03-23").unwrap()).as_deref(),
            Some("2024-03")
        );
        assert_eq!(with_year("2024-03-25", 0), None);
        assert_eq!(with_year("XXXX-WXX-1", day_of("2024-03-23").unwrap()), None);
    }

    #[test]
    fn an_event_with_no_dated_document_changes_nothing() {
        let mut docs = vec![doc(None, Some("XXXX-03-25"))];
        resolve_years(&mut docs);
        assert_eq!(docs[0].published_not_before.as_deref(), Some("XXXX-03-25"));
    }
}
