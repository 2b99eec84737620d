//! Whether a sentence is about the article's own incident or another one: a sentence that
//! opens in another time ("In 2002", "A few days earlier") is about another, and so is the
//! rest of a paragraph that opens so. Figures and claims read it alike.

use crosscheck_model::{EventScope, TimeExpr};

/// The scope of each sentence of `text`.
pub(crate) fn sentence_scopes(
    text: &str,
    sentences: &[(usize, usize)],
    times: &[TimeExpr],
    reference_year: Option<i32>,
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
            let other_time = starts_in_another_time(text, start, end, times, reference_year);
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
    reference_year: Option<i32>,
) -> bool {
    let head_end = (start + 40).min(end);
    // The times are in text order.
    let opening = times
        .get(times.partition_point(|t| t.span.start < start))
        .filter(|t| t.span.start < head_end);
    let other_year = opening.is_some_and(|t| {
        let year = t.value.get(..4).and_then(|y| y.parse::<i32>().ok());
        matches!((year, reference_year), (Some(y), Some(r)) if y < r)
            || (year.is_some() && reference_year.is_none() && t.value.len() == 4)
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
