//! Whether a sentence is about the article's own incident or another one: a sentence that
//! opens in another time ("In 2002", "A few days earlier") is about another, and so is the
//! rest of a paragraph that opens so. Figures and claims read it alike.

use chrono::{Datelike, NaiveDate};
use crosscheck_model::{EventScope, TimeExpr};

/// Days before publication within which a date of the year before is still the article's
/// time: New Year's Eve told on January 5.
const TURN_OF_YEAR_DAYS: i64 = 45;

/// The scope of each sentence of `text`.
pub(crate) fn sentence_scopes(
    text: &str,
    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    reference: Option<NaiveDate>,
) -> Vec<EventScope> {
    let mut other_paragraph = false;
    // Where the sentence before starts: a paragraph opens with a line break since then.
    let mut before = 0;
    sentences
        .iter()
        .map(|&(start, end)| {
            let new_paragraph = start == 0 || text[before.min(start)..start].contains('\n');
            before = start;
            if new_paragraph {
                other_paragraph = false;
            }
            let other_time = starts_in_another_time(text, start, end, times, reference);
            if other_time && new_paragraph {
                other_paragraph = true;
            }
            if other_time || other_paragraph {
                EventScope::Other
            } else {
                EventScope::Main
            }
        })
        .collect()
}

/// Whether a sentence opens in another time than the article's: a year other than the
/// publication's, or a shift back ("A few days earlier", "Previously", "Last year").
fn starts_in_another_time(
    text: &str,
    start: usize,
    end: usize,
    times: &[TimeExpr],
    reference: Option<NaiveDate>,
) -> bool {
    let head_end = (start + 40).min(end);
    // The times are in text order.
    let opening = times
        .get(times.partition_point(|t| t.span.start < start))
        .filter(|t| t.span.start < head_end);
    let other_year = opening.is_some_and(|t| {
        let year = t.value.get(..4).and_then(|y| y.parse::<i32>().ok());
        let day = t
            .value
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let turn_of_year = day
            .zip(reference)
            .is_some_and(|(d, r)| (0..=TURN_OF_YEAR_DAYS).contains(&(r - d).num_days()));
        matches!((year, reference), (Some(y), Some(r)) if y < r.year() && !turn_of_year)
            || (year.is_some() && reference.is_none() && t.value.len() == 4)
    });
    let lower = text[start..end].to_lowercase();
    let shifted = [
        "a few days earlier",
        "days earlier",
        "earlier",
        "previously",
        "last year",
        "in the past",
        "years ago",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    other_year || shifted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::sentences;
    use crate::times::find_times;

    fn scopes(text: &str, published: &str) -> Vec<EventScope> {
        let s = sentences(text);
        let reference = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        let times = find_times("en", text, &s, reference);
        sentence_scopes(text, &s, &times, reference)
    }

    #[test]
    fn the_year_before_is_another_time_but_not_at_the_turn_of_the_year() {
        let text = "On New Year's Eve, police said, men attacked women at the station.";
        assert_eq!(scopes(text, "2016-01-05"), [EventScope::Main]);
        let text = "In March 2015, men attacked women at the station.";
        assert_eq!(scopes(text, "2016-01-05"), [EventScope::Other]);
    }
}
