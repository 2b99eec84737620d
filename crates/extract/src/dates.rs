//! The date grammar: calendar dates, with or without a year or a weekday, found in text.
//!
//! This is the first layer of the time-expression normalizer: it recognizes what a date
//! says ("Friday evening, March 22", "Dec. 14", "05 Apr 2017", "2017-09-15"), and leaves
//! resolving it against a reference date to its callers.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::lexicon::Entries;
use crate::segment::{tokens, Token, TokenKind};

/// The calendar words of a language: months and weekdays in every case news uses them,
/// parts of the day, and the day words relative to the publication ("вчера", "hier").
/// English's are the functions below ([`month_of`], [`weekday_of`]), whose capitals keep
/// "may" the verb from being a month; the other languages write these words in lower case,
/// and theirs come from `data/LANG/times.tsv`.
pub struct Calendar {
    english: bool,
    months: HashMap<String, u32>,
    weekdays: HashMap<String, Weekday>,
    parts: HashMap<String, PartOfDay>,
    /// Days from the publication day: "вчера" -1.
    pub relative: HashMap<String, i64>,
}

impl Calendar {
    fn parse(file: &str, data: &str) -> Self {
        let e = Entries::parse(file, data);
        Calendar {
            english: false,
            months: e.values(file, "month", |v| v.parse().ok()),
            weekdays: e.values(file, "weekday", |v| v.parse().ok()),
            parts: e.values(file, "part", PartOfDay::from_word),
            relative: e.values(file, "relative", |v| v.parse().ok()),
        }
    }

    pub fn month(&self, word: &str) -> Option<u32> {
        if self.english {
            return month_of(word);
        }
        let lower = word.to_lowercase();
        self.months
            .get(lower.as_str())
            .or_else(|| self.months.get(lower.trim_end_matches('.')))
            .copied()
    }

    pub fn weekday(&self, word: &str) -> Option<Weekday> {
        if self.english {
            return weekday_of(word);
        }
        self.weekdays.get(&word.to_lowercase()).copied()
    }

    pub fn part(&self, word: &str) -> Option<PartOfDay> {
        if self.english {
            return PartOfDay::from_word(word);
        }
        self.parts.get(&word.to_lowercase()).copied()
    }
}

static CALENDARS: LazyLock<HashMap<&'static str, Calendar>> = LazyLock::new(|| {
    let mut all: HashMap<&str, Calendar> = [
        ("fr", include_str!("../data/fr/times.tsv")),
        ("ru", include_str!("../data/ru/times.tsv")),
        ("uk", include_str!("../data/uk/times.tsv")),
    ]
    .into_iter()
    .map(|(lang, data)| {
        (
            lang,
            Calendar::parse(&format!("data/{lang}/times.tsv"), data),
        )
    })
    .collect();
    all.insert(
        "en",
        Calendar {
            english: true,
            months: HashMap::new(),
            weekdays: HashMap::new(),
            parts: HashMap::new(),
            relative: HashMap::new(),
        },
    );
    all
});

/// The calendar words of a language; English's for a language without its own.
pub fn calendar(language: &str) -> &'static Calendar {
    CALENDARS.get(language).unwrap_or_else(|| &CALENDARS["en"])
}

/// A date as the text states it; absent parts are unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub weekday: Option<Weekday>,
    pub part_of_day: Option<PartOfDay>,
}

impl DateMention {
    /// The calendar date, when year, month and day are all stated.
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }
}

/// The parts of a day that TIMEX3 names (`TMO`, `TAF`, `TEV`, `TNI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    fn from_word(word: &str) -> Option<PartOfDay> {
        Some(match word.to_lowercase().as_str() {
            "morning" => PartOfDay::Morning,
            "afternoon" => PartOfDay::Afternoon,
            "evening" => PartOfDay::Evening,
            "night" => PartOfDay::Night,
            _ => return None,
        })
    }
}

/// Month number of a month name or its abbreviation; names must be capitalized, so that
/// "may" the verb or "mar" is never a month.
pub fn month_of(word: &str) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_lowercase();
    let month = MONTHS.iter().position(|m| {
        *m == lower
            || (lower.len() >= 3
                && m.starts_with(lower.as_str())
                && (lower.len() == 3 || lower == "sept"))
    })?;
    Some(month as u32 + 1)
}

/// The weekday a capitalized name or abbreviation ("Friday", "Fri") stands for.
pub fn weekday_of(word: &str) -> Option<Weekday> {
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let lower = word.to_lowercase();
    let weekday = match lower.as_str() {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    };
    Some(weekday)
}

/// Every date mention of `text`, in order, in the words of `calendar`. A date never spans a
/// line break: in listings, "Tuesday, 1 March" above "2000 GMT" is a day and a kick-off
/// time, not a year.
pub fn find_dates(text: &str, calendar: &Calendar) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        out.extend(
            find_in_line(line, calendar)
                .into_iter()
                .map(|m| DateMention {
                    start: m.start + offset,
                    end: m.end + offset,
                    ..m
                }),
        );
        offset += line.len();
    }
    out
}

fn find_in_line(text: &str, calendar: &Calendar) -> Vec<DateMention> {
    let toks = tokens(text);
    let word = |i: usize| toks.get(i).map(|t: &Token| &text[t.start..t.end]);
    let mut out: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(mut found) = calendar_date(text, &toks, i, calendar) else {
            i += 1;
            continue;
        };
        let next = found.1;
        // A weekday (and a part of the day) just before the date belongs to it:
        // "Friday evening, March 22", "Wed 05 Apr 2017".
        let mut k = i;
        let mut part = None;
        if k >= 1 && word(k - 1) == Some(",") {
            k -= 1;
        }
        if k >= 1 {
            if let Some(p) = word(k - 1).and_then(|w| calendar.part(w)) {
                part = Some(p);
                k -= 1;
            }
        }
        let abbreviated = k >= 2 && word(k - 1) == Some(".");
        let w = if abbreviated {
            k - 2
        } else {
            k.wrapping_sub(1)
        };
        if let Some(weekday) = word(w).and_then(|w| calendar.weekday(w)) {
            found.0.weekday = Some(weekday);
            found.0.part_of_day = part;
            found.0.start = toks[w].start;
            // A weekday abbreviation directly before the date is only taken when it matches.
            if found.0.date().is_some_and(|d| d.weekday() != weekday) {
                found.0.weekday = None;
                found.0.start = toks[i].start;
            }
        }
        if let Some(last) = out.last() {
            if last.end > found.0.start {
                out.pop();
            }
        }
        out.push(found.0);
        i = next;
    }
    out.extend(lone_weekdays(text, &toks, &out, calendar));
    out.sort_by_key(|m| m.start);
    out
}

/// A calendar date starting at token `i`, and the index of the token after it.
fn calendar_date(
    text: &str,
    toks: &[Token],
    i: usize,
    calendar: &Calendar,
) -> Option<(DateMention, usize)> {
    let w = |k: usize| toks.get(k).map(|t| &text[t.start..t.end]);
    let mention = |end_tok: usize, year, month, day| DateMention {
        start: toks[i].start,
        end: toks[end_tok].end,
        year,
        month: Some(month),
        day,
        weekday: None,
        part_of_day: None,
    };
    if let Some((y, m, d)) = iso_date(w(i)?) {
        return Some((mention(i, Some(y), m, Some(d)), i + 1));
    }
    // Month Day[,] [Year]: "March 22", "Dec. 14, 2016"
    if let Some(month) = w(i).and_then(|w| calendar.month(w)) {
        let mut k = i + 1;
        if w(k) == Some(".") {
            k += 1;
        }
        let day = w(k).and_then(day_of)?;
        let mut end = k;
        let mut year = None;
        let mut y = k + 1;
        if w(y) == Some(",") {
            y += 1;
        }
        if let Some(found) = w(y).and_then(year_of).filter(|_| !is_clock_time(w(y + 1))) {
            year = Some(found);
            end = y;
        }
        return valid(mention(end, year, month, Some(day)), end + 1);
    }
    // Day Month [Year]: "22 March 2024", "05 Apr 2017"
    let day = w(i).and_then(day_of)?;
    let mut k = i + 1;
    if w(k) == Some("of") {
        k += 1;
    }
    let month = w(k).and_then(|w| calendar.month(w))?;
    let mut end = k;
    if w(k + 1) == Some(".") {
        end = k + 1;
    }
    let year = w(end + 1)
        .and_then(year_of)
        .filter(|_| !is_clock_time(w(end + 2)));
    if year.is_some() {
        end += 1;
    }
    valid(mention(end, year, month, Some(day)), end + 1)
}

fn valid(m: DateMention, next: usize) -> Option<(DateMention, usize)> {
    let (month, day) = (m.month?, m.day?);
    let exists = NaiveDate::from_ymd_opt(m.year.unwrap_or(2024), month, day).is_some();
    exists.then_some((m, next))
}

/// Weekdays named without a date: "on Friday", "in the early hours of Saturday".
fn lone_weekdays(
    text: &str,
    toks: &[Token],
    dated: &[DateMention],
    calendar: &Calendar,
) -> Vec<DateMention> {
    toks.iter()
        .filter(|t| {
            // `dated` is in text order and its mentions do not overlap: the one that could
            // hold this token is the last to start at or before it.
            let i = dated.partition_point(|m| m.start <= t.start);
            t.kind == TokenKind::Word && !(i > 0 && t.end <= dated[i - 1].end)
        })
        .filter_map(|t| {
            // "Friday's meeting": the weekday without its possessive.
            let word = &text[t.start..t.end];
            let word = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            // Abbreviations alone ("Sun", "Sat") are too often something else.
            let weekday = calendar.weekday(word).filter(|_| word.len() >= 6)?;
            Some(DateMention {
                start: t.start,
                end: t.start + word.len(),
                year: None,
                month: None,
                day: None,
                weekday: Some(weekday),
                part_of_day: None,
            })
        })
        .collect()
}

fn day_of(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix = &word[digits.len()..];
    // "1er janvier": French's first.
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1800..=2199).contains(y))
}

/// How many years back a weekday and a date are matched to a year.
const MAX_YEARS_BACK: i32 = 40;

/// The latest year, not after `reference` and at most `MAX_YEARS_BACK` before it, in which
/// `month`/`day` falls on `weekday`.
pub fn resolve_year(
    month: u32,
    day: u32,
    weekday: Weekday,
    reference: NaiveDate,
) -> Option<NaiveDate> {
    (0..=MAX_YEARS_BACK)
        .map(|back| reference.year() - back)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|d| *d <= reference && d.weekday() == weekday)
}

/// "2000 GMT": four digits before a time zone are a time of day, not a year.
fn is_clock_time(next: Option<&str>) -> bool {
    matches!(
        next,
        Some(
            "GMT"
                | "BST"
                | "UTC"
                | "CET"
                | "CEST"
                | "EST"
                | "EDT"
                | "PST"
                | "PDT"
                | "hrs"
                | "hours"
                | "GST"
                | "MSK"
        )
    )
}

fn iso_date(word: &str) -> Option<(i32, u32, u32)> {
    let mut parts = word.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some((date.year(), date.month(), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Found<'a> = (
        &'a str,
        Option<i32>,
        Option<u32>,
        Option<u32>,
        Option<Weekday>,
    );

    fn found(text: &str) -> Vec<Found<'_>> {
        find_dates(text, calendar("en"))
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.year, m.month, m.day, m.weekday))
            .collect()
    }

    #[test]
    fn dates_with_weekdays_and_parts_of_day() {
        assert_eq!(
            found("killed Friday evening, March 22, in an attack"),
            [(
                "Friday evening, March 22",
                None,
                Some(3),
                Some(22),
                Some(Weekday::Fri)
            )]
        );
        let m = find_dates(
            "killed Friday evening, March 22, in an attack",
            calendar("en"),
        )[0];
        assert_eq!(m.part_of_day, Some(PartOfDay::Evening));
        let m = find_dates("on Wednesday, Dec. 14, 2016 at noon", calendar("en"))[0];
        assert_eq!(
            (m.year, m.month, m.day, m.weekday),
            (Some(2016), Some(12), Some(14), Some(Weekday::Wed))
        );
    }

    #[test]
    fn day_month_year_and_iso() {
        assert_eq!(
            found("Wed 05 Apr 2017 Syria")[0],
            (
                "Wed 05 Apr 2017",
                Some(2017),
                Some(4),
                Some(5),
                Some(Weekday::Wed)
            )
        );
        assert_eq!(
            found("Updated: 2017-09-15 17:52")[0],
            ("2017-09-15", Some(2017), Some(9), Some(15), None)
        );
        assert_eq!(
            found("on the 3rd of March")[0],
            ("3rd of March", None, Some(3), Some(3), None)
        );
    }

    #[test]
    fn dates_stop_at_line_breaks_and_before_clock_times() {
        assert_eq!(found("Tuesday, 1 March\n\n2000 GMT")[0].1, None);
        assert_eq!(found("Saturday 12 February at 2005 GMT")[0].1, None);
        assert_eq!(found("on 12 February 2005, officials")[0].1, Some(2005));
    }

    #[test]
    fn lone_weekdays_and_non_dates() {
        assert_eq!(
            found("in the early hours of Saturday."),
            [("Saturday", None, None, None, Some(Weekday::Sat))]
        );
        assert!(found("you may 5 times march 22 and In 2002 the Sun rose").is_empty());
        assert!(found("February 30").is_empty());
    }
}
