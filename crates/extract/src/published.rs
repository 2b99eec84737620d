//! The publication date: from metadata where the input gives one, else from a dateline,
//! else inferred from a weekday and a date in the text. Never invented: unknown stays null.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use crosscheck_model::{Basis, Document, Warning, WarningKind};

use crate::dates::{calendar, find_dates, resolve_year, DateMention};
use crate::tense::Told;

/// How many lines into the text a dateline may stand.
const DATELINE_LINES: usize = 3;

/// Sets `published` and `published_basis` of `doc`: normalizes a metadata date to ISO 8601,
/// or reads one from the text (whose `sentences` must be set). `reference` is the day of
/// reading: no date from the text may come after it.
pub fn date_publication(doc: &mut Document, reference: NaiveDate) {
    if doc.published_basis == Basis::Metadata {
        let given = doc.published.take().unwrap_or_default();
        match normalize_metadata_date(&given) {
            Some(iso) => {
                doc.published = Some(iso);
                return;
            }
            None => doc.warnings.push(Warning {
                kind: WarningKind::Metadata,
                message: format!("publication date {given:?} is not a date: ignored"),
                start: None,
                end: None,
            }),
        }
    }
    let mentions = find_dates(&doc.text, calendar(doc.language.as_deref().unwrap_or("en")));
    let (published, basis) = match dateline(&doc.text, &mentions, reference) {
        Some(date) => (Some(date), Basis::Text),
        None => match infer(&Told::new(&doc.text, &doc.sentences), &mentions, reference) {
            Some(date) => (Some(date), Basis::Inferred),
            None => (None, Basis::Unknown),
        },
    };
    doc.published = published.map(|d| d.format("%Y-%m-%d").to_string());
    doc.published_basis = basis;
}

/// A metadata date as ISO 8601: a date, or a date-time when it has a time of day (a time
/// of exactly midnight is how many systems write "no time", and is dropped).
fn normalize_metadata_date(given: &str) -> Option<String> {
    let given = given.trim();
    if let Ok(dt) =
        DateTime::parse_from_rfc3339(given).or_else(|_| DateTime::parse_from_rfc2822(given))
    {
        return Some(if dt.time() == chrono::NaiveTime::MIN {
            dt.date_naive().to_string()
        } else {
            dt.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
        });
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(given, format) {
            return Some(if dt.time() == chrono::NaiveTime::MIN {
                dt.date().to_string()
            } else {
                dt.format("%Y-%m-%dT%H:%M:%S").to_string()
            });
        }
    }
    for format in [
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%Y/%m/%d",
    ] {
        if let Ok(date) = NaiveDate::parse_from_str(given, format) {
            return Some(date.to_string());
        }
    }
    find_dates(given, calendar("en"))
        .first()
        .filter(|m| m.start == 0 && m.end == given.len())
        .and_then(DateMention::date)
        .map(|d| d.to_string())
}

/// A full date (with its year) that stands as a dateline in the first lines of the text:
/// at the start of a line ("Wed 05 Apr 2017 Syria attack …"), after a city in capitals
/// ("LONDON, March 3, 2017 (Reuters) -") or after a publication label ("Xinhua | Updated:
/// 2017-09-15 17:52"). A date inside a sentence there is about an event, not the article.
fn dateline(text: &str, mentions: &[DateMention], reference: NaiveDate) -> Option<NaiveDate> {
    let head_end = text
        .match_indices('\n')
        .nth(DATELINE_LINES - 1)
        .map_or(text.len(), |(i, _)| i);
    mentions
        .iter()
        .take_while(|m| m.start < head_end)
        .filter(|m| {
            // The line's start, looked for no further back than a prefix may reach.
            let mut lo = m.start.saturating_sub(MAX_PREFIX_BYTES);
            while !text.is_char_boundary(lo) {
                lo += 1;
            }
            match text[lo..m.start].rfind('\n') {
                Some(i) => is_dateline_prefix(&text[lo + i + 1..m.start]),
                None if lo == 0 => is_dateline_prefix(&text[..m.start]),
                None => false,
            }
        })
        .find_map(DateMention::date)
        .filter(|d| *d <= reference)
}

/// Longer than any prefix a dateline may have (60 characters).
const MAX_PREFIX_BYTES: usize = 256;

/// Labels that introduce a publication date ("Date of publication", "Posted on").
const DATELINE_LABELS: &[&str] = &["updated", "published", "posted", "date", "publication", "|"];

fn is_dateline_prefix(prefix: &str) -> bool {
    let prefix = prefix.trim();
    if prefix.is_empty() {
        return true;
    }
    if prefix.chars().count() > 60 {
        return false;
    }
    let city = prefix.ends_with(',')
        && prefix
            .chars()
            .all(|c| c.is_uppercase() || c.is_whitespace() || matches!(c, ',' | '.' | '-' | '\''));
    let label = prefix.trim_end_matches([':', ' ']).to_lowercase();
    let label = label
        .strip_suffix(" on")
        .or_else(|| label.strip_suffix(" at"))
        .unwrap_or(&label);
    city || DATELINE_LABELS.iter().any(|l| label.ends_with(l))
}

/// The publication day from a weekday with a date ("Friday evening, March 22"): writers
/// name weekdays for the days just past, so such a date anchors the article in time. A
/// year-less one takes the most recent year, not after `reference`, in which that date is
/// that weekday. The day is then moved to the day after when the text already tells of it in
/// the past ("in the early hours of Saturday", "spoke overnight").
///
/// Anchors told as days to come ("will meet on Friday, May 3") are not taken, nor those that
/// would fall in the weeks just after `reference` (an upcoming event, or a reference date
/// far from the article's), nor years-less ones that resolve outside the years the text's
/// own full dates give (a typo'd weekday sends the year a decade back).
fn infer(told: &Told<'_>, mentions: &[DateMention], reference: NaiveDate) -> Option<NaiveDate> {
    let stated_years: Vec<i32> = mentions
        .iter()
        .filter(|m| m.date().is_some())
        .filter_map(|m| m.year)
        .collect();
    let plausible_year = |year: i32| match (stated_years.iter().min(), stated_years.iter().max()) {
        (Some(&lo), Some(&hi)) => (lo..=hi + 1).contains(&year),
        _ => true,
    };
    let (anchor_mention, anchor) = mentions
        .iter()
        .filter(|m| m.year.is_none() && !told.future(m.start))
        .filter_map(|m| {
            let (month, day, weekday) = (m.month?, m.day?, m.weekday?);
            if upcoming(month, day, weekday, reference) {
                return None;
            }
            let date = resolve_year(month, day, weekday, reference)?;
            plausible_year(date.year()).then_some((m, date))
        })
        .max_by_key(|(_, d)| *d)?;
    let next_day = anchor.checked_add_days(Days::new(1))?;
    let told_after = mentions.iter().any(|m| {
        m.start > anchor_mention.end
            && m.month.is_none()
            && m.weekday == Some(next_day.weekday())
            && !told.future(m.start)
    }) || told.overnight_in_the_past(anchor_mention.end);
    Some(if told_after && next_day <= reference {
        next_day
    } else {
        anchor
    })
}

/// How far after the reference date a weekday and a date mark an upcoming day.
const UPCOMING_DAYS: u64 = 60;

/// Whether `month`/`day` is `weekday` within the weeks just after `reference`.
fn upcoming(month: u32, day: u32, weekday: Weekday, reference: NaiveDate) -> bool {
    let horizon = reference
        .checked_add_days(Days::new(UPCOMING_DAYS))
        .unwrap_or(reference);
    [reference.year(), reference.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .any(|d| d > reference && d <= horizon && d.weekday() == weekday)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn dated(text: &str, published: Option<&str>, reference: &str) -> (Option<String>, Basis) {
        let mut doc = Document::new("x".into(), "x".into(), text.into());
        doc.sentences = crate::segment::sentences(text);
        if let Some(p) = published {
            doc.published = Some(p.into());
            doc.published_basis = Basis::Metadata;
        }
        date_publication(&mut doc, day(reference));
        (doc.published, doc.published_basis)
    }

    #[test]
    fn weekday_and_date_give_the_year_and_later_days_push_it() {
        let text = "At least 60 people were killed Friday evening, March 22. The fire was contained in the early hours of Saturday.";
        assert_eq!(
            dated(text, None, "2026-12-01"),
            (Some("2024-03-23".into()), Basis::Inferred)
        );
        let text = "At least 60 people were killed Friday evening, March 22.";
        assert_eq!(
            dated(text, None, "2026-12-01"),
            (Some("2024-03-22".into()), Basis::Inferred)
        );
        // The reference date bounds the year: in 2019, the last Friday 22 March was in 2019.
        assert_eq!(
            dated(text, None, "2019-06-01").0.as_deref(),
            Some("2019-03-22")
        );
    }

    #[test]
    fn days_to_come_do_not_move_the_day() {
        let text = "They met Friday, March 22. Talks will resume on Saturday.";
        assert_eq!(
            dated(text, None, "2026-12-01").0.as_deref(),
            Some("2024-03-22")
        );
    }

    #[test]
    fn datelines_and_metadata() {
        assert_eq!(
            dated("Wed 05 Apr 2017 Syria attack symptoms.", None, "2026-01-01"),
            (Some("2017-04-05".into()), Basis::Text)
        );
        assert_eq!(
            dated("Body.", Some("2017-09-15T00:00:00"), "2026-01-01"),
            (Some("2017-09-15".into()), Basis::Metadata)
        );
        assert_eq!(
            dated("Body.", Some("2017-09-15T17:52:00"), "2026-01-01")
                .0
                .as_deref(),
            Some("2017-09-15T17:52:00")
        );
        assert_eq!(
            dated(
                "Body.",
                Some("Fri, 22 Mar 2024 18:00:00 +0300"),
                "2026-01-01"
            )
            .0
            .as_deref(),
            Some("2024-03-22T18:00:00+03:00")
        );
        assert_eq!(
            dated("Body.", Some("April 9, 2017"), "2026-01-01")
                .0
                .as_deref(),
            Some("2017-04-09")
        );
        assert_eq!(
            dated("Body.", Some("4/9/2017"), "2026-01-01").0.as_deref(),
            Some("2017-04-09")
        );
    }

    #[test]
    fn dates_inside_sentences_are_not_datelines() {
        assert_eq!(
            dated(
                "Profits fell in the three months to 31 December 2004, it said.",
                None,
                "2026-01-01"
            )
            .0,
            None
        );
        assert_eq!(
            dated(
                "China opposes it\nXinhua | Updated: 2017-09-15 17:52\nBEIJING -- China said.",
                None,
                "2026-01-01"
            )
            .0
            .as_deref(),
            Some("2017-09-15")
        );
        assert_eq!(
            dated(
                "LONDON, March 3, 2017 (Reuters) - Shares fell.",
                None,
                "2026-01-01"
            )
            .0
            .as_deref(),
            Some("2017-03-03")
        );
    }

    #[test]
    fn doubtful_anchors_are_not_taken() {
        // An upcoming event, told in the future or just after the reference date.
        assert_eq!(
            dated(
                "The meeting will begin Wednesday, April 24, at City Hall.",
                None,
                "2013-04-20"
            )
            .0,
            None
        );
        assert_eq!(
            dated("It happened on Sunday, December 14th.", None, "2014-11-04").0,
            None
        );
        // A weekday that does not fit the years the text states.
        assert_eq!(
            dated(
                "On March 3, 2014 police came. The spike began on Friday, June 22.",
                None,
                "2014-07-09"
            )
            .0,
            None
        );
        // A full date, weekday or not, is no anchor: it may be background.
        let background = "He was shot on Monday, Nov. 24, 2014, in Ferguson.";
        assert_eq!(dated(background, None, "2016-09-22").0, None);
        // Abbreviations do not cut the sentence a future is told in.
        let future = "The meeting will begin at 6:30 p.m. Wednesday, April 24.";
        assert_eq!(dated(future, None, "2013-04-25").0, None);
    }

    #[test]
    fn never_invented() {
        assert_eq!(
            dated(
                "In 2002, fighters took hostages on March 7.",
                None,
                "2026-01-01"
            ),
            (None, Basis::Unknown)
        );
        assert_eq!(
            dated("Body.", Some("yesterday"), "2026-01-01"),
            (None, Basis::Unknown)
        );
        // A dateline after the reference date is not taken.
        assert_eq!(dated("Mon 05 Apr 2027 news.", None, "2026-01-01").0, None);
    }
}
