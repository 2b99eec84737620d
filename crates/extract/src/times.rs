//! Time expressions: TIMEX3 detection and normalization against the publication date.
//!
//! Calendar dates come from the date grammar ([`crate::dates`]); the rest (clock times,
//! "yesterday", "last week", "two days ago", durations, sets, bare years, months, seasons,
//! quarters, "now") from the patterns below. Values follow TIMEX3: `2024-03-22TEV`,
//! `XXXX-03-25` when the year is unknown, `PT48H`, `P1W`, `XXXX-WXX-5`, `PAST_REF`. Where
//! overlapping candidates compete, the longest wins.

use std::sync::LazyLock;

use chrono::{Datelike, Months, NaiveDate, Weekday};
use crosscheck_model::{Span, TimeExpr, TimexType};
use regex::{Captures, Regex};

use crate::dates::{
    calendar, find_dates, resolve_year, weekday_of, Calendar, DateMention, PartOfDay,
};
use crate::incident_dates;
use crate::numbers::{self, NUMBER_PATTERN};
use crate::segment::{tokens, TokenKind};
use crate::tense::Told;

/// One recognized expression before overlaps are settled.
struct Candidate {
    start: usize,
    end: usize,
    timex_type: TimexType,
    value: String,
}

/// The kinds of expression the patterns recognize, each normalized its own way.
#[derive(Clone, Copy)]
enum Rule {
    Clock,
    DayWord,
    Relative,
    Ago,
    Offset,
    Duration,
    MonthYear,
    Month,
    Year,
    Decade,
    Set,
    Reference,
    Season,
    Quarter,
    Vague,
    Holiday,
    NamedWeekday,
    Century,
    Weekend,
}

const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const UNITS: &str =
    "seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century";
const MONTHS: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";

static PATTERNS: LazyLock<Vec<(Rule, Regex)>> = LazyLock::new(|| {
    let n = NUMBER_PATTERN;
    let few = format!("(?:{n}|a few|few|several|many|some)");
    let table: Vec<(Rule, String)> = vec![
        (Rule::Clock, format!(r"(?i)\b(\d{{1,2}})(?:[:.](\d{{2}}))?\s*(a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?:on\s+)?({WEEKDAYS}))?|\b(noon|midnight)(?:\s+(?:on\s+)?({WEEKDAYS}))?\b")),
        (Rule::NamedWeekday, format!(r"(?i)\b(last|next|this past|this coming|the previous|the following) ({WEEKDAYS})\b")),
        (Rule::DayWord, r"(?i)\b(today|yesterday|tomorrow|tonight|last night|(?:this|yesterday|tomorrow) (?:morning|afternoon|evening))\b".into()),
        (Rule::Relative, r"(?i)\b(?:the )?(last|this|next|past|coming|previous|earlier this|later this) (?:fiscal )?(week|weekend|month|year|decade|century)\b".into()),
        (Rule::Weekend, r"(?i)\bthe weekend\b".into()),
        (Rule::Ago, format!(r"(?i)\b({few}) ({UNITS}) ago\b")),
        (Rule::Offset, format!(r"(?i)\b({few}) ({UNITS}) (earlier|later|before|after)\b")),
        (Rule::Duration, format!(r"(?i)\b(?:the (?:past|last|next|first) )?(?:({n})(?:(?: to |-| or )({n}))?|(a few|few|several|many))[ -](?:more )?({UNITS})\b")),
        (Rule::Vague, format!(r"(?i)\b(?:for|over|within|after|in recent|in|recent|coming|past) ((?:{UNITS}))\b")),
        (Rule::Vague, r"(?i)\bthe ((?:days|weeks|months|years)) (?:before|after|following|ahead|since|leading)\b".into()),
        (Rule::Vague, r"(?i)\b((?:days|weeks|months|years|hours|minutes)) (?:later|earlier|before|after)\b".into()),
        (Rule::MonthYear, format!(r"\b({MONTHS})(?: of)?,? (1[89]\d\d|20\d\d)\b")),
        (Rule::Month, format!(r"\b((?:(last|next|this|early|late) )?(?:mid-)?({MONTHS}))\b")),
        (Rule::Year, r"\b(1[89]\d\d|20\d\d)\b".into()),
        (Rule::Decade, r"\b(?:the )?(1[89]\d|20\d)0s\b".into()),
        (Rule::Century, r"(?i)\b(?:the )?(\d{1,2})(?:st|nd|rd|th) century\b".into()),
        (Rule::Set, format!(r"(?i)\b(?:every|each) ({WEEKDAYS}|day|week|month|year|night|morning|season)\b|\b(daily|weekly|monthly|yearly)\b|\b(once|twice) a (day|week|month|year)\b")),
        (
            Rule::Reference,
            r"(?i)\b(now|currently|recently|nowadays|the past|the future|recent years)\b".into(),
        ),
        (Rule::Season, r"(?i)\b(?:(this|last|next|the) )(spring|summer|fall|autumn|winter)\b".into()),
        (Rule::Quarter, r"(?i)\b(?:the )?(?:(1[89]\d\d|20\d\d) |(year-earlier|year-ago) )?(first|second|third|fourth|1st|2nd|3rd|4th)[ -]quarter(?: of (1[89]\d\d|20\d\d))?\b|\bthe (latest|last|past|recent|most recent|year-earlier|year-ago|current)? ?(quarter|period)\b".into()),
        (Rule::Holiday, r"\b(Christmas Eve|Christmas Day|Christmas|New Year's Eve|New Year's Day|Independence Day|July Fourth|Halloween|Thanksgiving Day|Thanksgiving|Valentine's Day)\b".into()),
    ];
    table
        .into_iter()
        // ASCII word boundaries keep the search on the DFA engines (every word bounded is
        // ASCII). The patterns are literals of this file: a bad one fails every test at once.
        .map(|(rule, p)| {
            (
                rule,
                Regex::new(&p.replace(r"\b", r"(?-u:\b)"))
                    .unwrap_or_else(|e| panic!("time pattern: {e}")),
            )
        })
        .collect()
});

/// Words after a four-digit number that make it a count, a time of day or an address, not
/// a year.
const NOT_AFTER_YEAR: &[&str] = &[
    "people",
    "troops",
    "soldiers",
    "residents",
    "gmt",
    "hours",
    "hrs",
    "utc",
    "bst",
    "est",
    "block",
    "km",
    "miles",
    "metres",
    "meters",
    "feet",
    "dollars",
    "euros",
    "tons",
    "tonnes",
    "cars",
    "homes",
    "houses",
    "jobs",
    "workers",
    "children",
    "victims",
    "deaths",
    "cases",
    "members",
    "points",
    "votes",
    "kg",
    "pounds",
    "students",
    "men",
    "women",
    "a.m.",
    "p.m.",
];

/// Every time expression of `text` in `language` (its calendar words: months, weekdays,
/// parts of the day, "вчера"), normalized against `reference` (the publication day) where
/// the expression is relative and the reference is known.
pub fn find_times(
    language: &str,
    text: &str,
    sentences: &[(usize, usize)],
    reference: Option<NaiveDate>,
) -> Vec<TimeExpr> {
    let told = Told::new(text, sentences);
    let words = calendar(language);
    let mut candidates: Vec<Candidate> = find_dates(text, words)
        .into_iter()
        .filter_map(|m| calendar_date(text, &m, &told, reference, words))
        .collect();
    if let Some(reference) = reference {
        candidates.extend(relative_days(text, words, reference));
    }
    for (rule, re) in PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            // A month or a year is the expression without the preposition that found it.
            let span = match rule {
                Rule::Month | Rule::Year | Rule::Vague => caps.get(1),
                _ => caps.get(0),
            };
            let Some(span) = span else { continue };
            // "a six-year term": the article is not part of the expression.
            let start = match rule {
                Rule::Duration => span.start() + article_before_number(span.as_str()),
                _ => span.start(),
            };
            if let Some((timex_type, value)) =
                normalize(*rule, &caps, text, span.start(), &told, reference)
            {
                candidates.push(Candidate {
                    start,
                    end: span.end(),
                    timex_type,
                    value,
                });
            }
        }
    }
    let mut times: Vec<TimeExpr> = settle(candidates)
        .into_iter()
        .map(|c| TimeExpr {
            span: Span {
                text: text[c.start..c.end].to_string(),
                start: c.start,
                end: c.end,
                field: None,
            },
            timex_type: c.timex_type,
            value: c.value,
            incident: false,
        })
        .collect();
    incident_dates::mark(language, text, sentences, &mut times);
    times
}

/// The length of a leading "a " or "an " that an article, not the number one: "a six-year".
fn article_before_number(text: &str) -> usize {
    let lower = text.to_lowercase();
    let Some(rest) = lower
        .strip_prefix("a ")
        .or_else(|| lower.strip_prefix("an "))
    else {
        return 0;
    };
    let next: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect();
    let counts = next.chars().all(|c| c.is_ascii_digit())
        || numbers::parse(&next).is_some_and(|_| {
            !matches!(next.as_str(), "hundred" | "thousand" | "million" | "dozen")
        });
    if counts && !next.is_empty() {
        lower.len() - rest.len()
    } else {
        0
    }
}

/// Keeps the longest of overlapping candidates (the earliest among equals), in text order.
fn settle(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.start));
    // Kept spans never overlap, so a candidate overlaps one only if it overlaps the kept
    // span that starts last before its end: one look-up, whatever the document's length.
    let mut kept: std::collections::BTreeMap<usize, Candidate> = std::collections::BTreeMap::new();
    for c in candidates {
        let clashes = kept
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, k)| k.end > c.start);
        if !clashes {
            kept.insert(c.start, c);
        }
    }
    kept.into_values().collect()
}

/// A calendar date of the grammar as a TIMEX3 date, with a part of the day that follows a
/// lone weekday ("Friday evening") taken in.
fn calendar_date(
    text: &str,
    m: &DateMention,
    told: &Told<'_>,
    reference: Option<NaiveDate>,
    words: &Calendar,
) -> Option<Candidate> {
    let future = told.future(m.start);
    let mut end = m.end;
    let mut part = m.part_of_day;
    let date = match (m.year, m.month, m.day, m.weekday) {
        (Some(_), Some(_), Some(_), _) => Some(m.date()?),
        (None, Some(month), Some(day), Some(weekday)) => reference.and_then(|r| {
            nearest_year(month, day, r)
                .filter(|d| d.weekday() == weekday)
                .or_else(|| resolve_year(month, day, weekday, r))
        }),
        (None, Some(month), Some(day), None) => reference.and_then(|r| {
            if future {
                next_occurrence(month, day, r)
            } else {
                nearest_year(month, day, r)
            }
        }),
        (None, None, None, Some(weekday)) => {
            if part.is_none() {
                if let Some((p, e)) = part_of_day_after(text, m.end, words) {
                    part = Some(p);
                    end = e;
                }
            }
            match reference {
                Some(r) => Some(nearest_weekday(weekday, r, future)),
                None => {
                    return Some(Candidate {
                        start: m.start,
                        end,
                        timex_type: TimexType::Date,
                        value: format!(
                            "XXXX-WXX-{}{}",
                            weekday.number_from_monday(),
                            part_suffix(part)
                        ),
                    })
                }
            }
        }
        _ => None,
    };
    let value = match (date, m.month, m.day) {
        (Some(d), _, _) => d.format("%Y-%m-%d").to_string(),
        (None, Some(month), Some(day)) => format!("XXXX-{month:02}-{day:02}"),
        _ => return None,
    };
    Some(Candidate {
        start: m.start,
        end,
        timex_type: TimexType::Date,
        value: value + &part_suffix(part),
    })
}

fn part_suffix(part: Option<PartOfDay>) -> String {
    match part {
        Some(PartOfDay::Morning) => "TMO",
        Some(PartOfDay::Afternoon) => "TAF",
        Some(PartOfDay::Evening) => "TEV",
        Some(PartOfDay::Night) => "TNI",
        None => "",
    }
    .to_string()
}

/// "Friday evening", "vendredi soir": a part of the day right after a weekday.
fn part_of_day_after(text: &str, at: usize, words: &Calendar) -> Option<(PartOfDay, usize)> {
    let rest = &text[at..];
    let trimmed = rest.strip_prefix(' ')?;
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    let part = words.part(&word)?;
    Some((part, at + 1 + word.len()))
}

/// The day words of a language that count from the publication ("вчера", "hier",
/// "сьогодні"), with a part of the day after them ("вчера вечером"). English's are among
/// the patterns.
fn relative_days(text: &str, words: &Calendar, reference: NaiveDate) -> Vec<Candidate> {
    if words.relative.is_empty() {
        return Vec::new();
    }
    tokens(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .filter_map(|t| {
            let offset = *words.relative.get(&text[t.start..t.end].to_lowercase())?;
            let day = reference.checked_add_signed(chrono::Duration::days(offset))?;
            let (part, end) = match part_of_day_after(text, t.end, words) {
                Some((p, e)) => (Some(p), e),
                None => (None, t.end),
            };
            Some(Candidate {
                start: t.start,
                end,
                timex_type: TimexType::Date,
                value: day.format("%Y-%m-%d").to_string() + &part_suffix(part),
            })
        })
        .collect()
}

/// The year that puts `month`/`day` nearest before `reference` (news tells of the recent
/// past): the publication year, unless that puts the date more than two months ahead.
fn nearest_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(reference.year(), month, day);
    let last = NaiveDate::from_ymd_opt(reference.year() - 1, month, day);
    match this {
        Some(d) if (d - reference).num_days() > 60 => last.or(Some(d)),
        Some(d) => Some(d),
        None => last,
    }
}

/// The last quarter completed before `reference`'s: the one a report published then is
/// about (year, quarter 1–4).
fn latest_quarter(reference: NaiveDate) -> (i32, u32) {
    match reference.month0() / 3 {
        0 => (reference.year() - 1, 4),
        q => (reference.year(), q),
    }
}

/// The first `month`/`day` on or after `reference`: a date told as to come.
fn next_occurrence(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    [reference.year(), reference.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d >= reference)
}

/// A weekday named alone: the nearest such day in the direction the tense implies, the
/// reference day included.
fn nearest_weekday(weekday: Weekday, reference: NaiveDate, future: bool) -> NaiveDate {
    let now = reference.weekday().num_days_from_monday() as i64;
    let target = weekday.num_days_from_monday() as i64;
    let offset = if future {
        (target - now).rem_euclid(7)
    } else {
        -((now - target).rem_euclid(7))
    };
    reference + chrono::Duration::days(offset)
}

/// The TIMEX3 type and value of a pattern match, or `None` when it is no time expression.
fn normalize(
    rule: Rule,
    caps: &Captures<'_>,
    text: &str,
    start: usize,
    told: &Told<'_>,
    reference: Option<NaiveDate>,
) -> Option<(TimexType, String)> {
    let group = |i: usize| caps.get(i).map(|m| m.as_str());
    let lower = |i: usize| group(i).map(str::to_lowercase);
    let day_value = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let unknown_day = || "XXXX-XX-XX".to_string();
    match rule {
        Rule::Clock => {
            let (hour, minute) = match lower(5).as_deref() {
                Some("noon") => (12, 0),
                Some(_) => (24, 0),
                None => {
                    let hour: u32 = group(1)?.parse().ok()?;
                    let minute: u32 = group(2).map_or(Some(0), |m| m.parse().ok())?;
                    let pm = lower(3)?.starts_with('p');
                    if !(1..=12).contains(&hour) || minute > 59 {
                        return None;
                    }
                    (hour % 12 + if pm { 12 } else { 0 }, minute)
                }
            };
            let named = group(4).or(group(6));
            let day = match (named.and_then(|w| weekday_of(&capitalize(w))), reference) {
                (Some(w), Some(r)) => day_value(nearest_weekday(w, r, told.future(start))),
                (None, Some(r)) => day_value(r),
                (_, None) => unknown_day(),
            };
            Some((TimexType::Time, format!("{day}T{hour:02}:{minute:02}")))
        }
        Rule::DayWord => {
            let word = lower(1)?;
            let (offset, part) = match word.as_str() {
                "today" => (0, ""),
                "yesterday" => (-1, ""),
                "tomorrow" => (1, ""),
                "tonight" => (0, "TNI"),
                "last night" => (-1, "TNI"),
                other => {
                    let (day, part) = other.split_once(' ')?;
                    let offset = match day {
                        "yesterday" => -1,
                        "tomorrow" => 1,
                        _ => 0,
                    };
                    let part = match part {
                        "morning" => "TMO",
                        "afternoon" => "TAF",
                        _ => "TEV",
                    };
                    (offset, part)
                }
            };
            let day = match reference {
                Some(r) => day_value(r + chrono::Duration::days(offset)),
                None if offset == 0 && part.is_empty() => {
                    return Some((TimexType::Date, "PRESENT_REF".into()))
                }
                None => unknown_day(),
            };
            let timex_type = if part.is_empty() {
                TimexType::Date
            } else {
                TimexType::Time
            };
            Some((timex_type, format!("{day}{part}")))
        }
        Rule::Relative => {
            let (which, unit) = (lower(1)?, lower(2)?);
            if which == "past" {
                let code = match unit.as_str() {
                    "week" => "P1W",
                    "weekend" => "P1WE",
                    "month" => "P1M",
                    "year" => "P1Y",
                    _ => "P10Y",
                };
                return Some((TimexType::Duration, code.into()));
            }
            let step: i32 = match which.as_str() {
                "last" | "previous" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            let Some(r) = reference else {
                return Some((
                    TimexType::Date,
                    if step < 0 {
                        "PAST_REF"
                    } else if step > 0 {
                        "FUTURE_REF"
                    } else {
                        "PRESENT_REF"
                    }
                    .into(),
                ));
            };
            Some((TimexType::Date, shift_unit(r, &unit, step)?))
        }
        Rule::Ago | Rule::Offset => {
            let count = numbers::parse(&lower(1)?);
            let unit = lower(2)?;
            let direction = if matches!(rule, Rule::Ago)
                || matches!(lower(3).as_deref(), Some("earlier" | "before"))
            {
                -1
            } else {
                1
            };
            let unit = singular(&unit).to_string();
            // "a year ago" in a report on quarterly results: the same quarter a year before.
            if let (Some(1), Some(r), "year") = (count, reference, unit.as_str()) {
                if direction < 0 && told.sentence_text(start).contains("quarter") {
                    let (year, quarter) = latest_quarter(r);
                    return Some((TimexType::Date, format!("{}-Q{quarter}", year - 1)));
                }
            }
            match (count, reference, rule) {
                // "a year earlier", "two years later": years are coarse enough to count from
                // the publication; days and weeks are counted from an event, and stay spans.
                (Some(n), Some(r), Rule::Offset)
                    if unit == "year" && lower(3).as_deref() == Some("earlier") =>
                {
                    Some((
                        TimexType::Date,
                        (r.year() + direction * i32::try_from(n).ok()?).to_string(),
                    ))
                }
                (Some(n), Some(r), Rule::Ago) => Some((
                    TimexType::Date,
                    shift_unit(r, &unit, direction * i32::try_from(n).ok()?)?,
                )),
                (_, _, Rule::Ago) => Some((TimexType::Date, "PAST_REF".into())),
                // "a few days earlier": relative to another event, not to the publication.
                (Some(n), _, _) => Some((TimexType::Duration, duration(Some(n), &unit)?)),
                (None, _, _) => Some((TimexType::Duration, duration(None, &unit)?)),
            }
        }
        Rule::Duration => {
            let unit = lower(4)?;
            let count = match (group(1), group(2), group(3)) {
                (Some(_), Some(_), _) => None,
                (Some(n), None, _) => Some(numbers::parse(n)?),
                _ => None,
            };
            // "a day" in "a day of mourning" is a duration; "one day" as in "one day, he…"
            // is kept too: TIMEX3 annotates both.
            // "a 6-year-old": an age, not a duration.
            if text[caps.get(0)?.end()..].starts_with("-old") {
                return None;
            }
            let next_word = text[caps.get(0)?.end()..]
                .split_whitespace()
                .next()
                .unwrap_or("");
            if matches!(
                next_word.to_lowercase().trim_end_matches([',', '.']),
                "ago" | "earlier" | "later" | "before" | "after"
            ) {
                return None;
            }
            Some((TimexType::Duration, duration(count, singular(&unit))?))
        }
        Rule::MonthYear => {
            let month = crate::dates::month_of(group(1)?)?;
            Some((TimexType::Date, format!("{}-{month:02}", group(2)?)))
        }
        Rule::Month => {
            let name = group(3)?;
            let prefix = lower(2);
            // "May" alone is mostly the verb; it is a month after a preposition.
            let before = text[..caps.get(1)?.start()]
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            let after_preposition = matches!(
                before.as_str(),
                "in" | "since" | "by" | "until" | "during" | "through" | "of" | "from" | "to"
            );
            if name == "May" && prefix.is_none() && !after_preposition {
                return None;
            }
            let month = crate::dates::month_of(name)?;
            let Some(r) = reference else {
                return Some((TimexType::Date, format!("XXXX-{month:02}")));
            };
            // A month without a year is the nearest one before the publication, unless the
            // words move it: "last", "next", "this", or a future told just before it.
            let year = match prefix.as_deref() {
                Some("last") => r.year() - i32::from(month >= r.month()),
                Some("next") => r.year() + i32::from(month <= r.month()),
                Some("this") => r.year(),
                _ if told.future(start) => next_occurrence(month, 28, r)?.year(),
                _ => nearest_year(month, 1, r)?.year(),
            };
            Some((TimexType::Date, format!("{year}-{month:02}")))
        }
        Rule::Year => {
            let m = caps.get(1)?;
            if !is_year_in_context(text, m.start(), m.end()) {
                return None;
            }
            Some((TimexType::Date, m.as_str().to_string()))
        }
        Rule::Decade => Some((TimexType::Date, group(1)?.to_string())),
        // The 20th century is "19": TIMEX3 writes a century as its first two digits.
        Rule::Century => {
            let n: u32 = group(1)?.parse().ok()?;
            (1..=30)
                .contains(&n)
                .then(|| (TimexType::Date, format!("{:02}", n - 1)))
        }
        Rule::Weekend => {
            let Some(r) = reference else {
                return Some((TimexType::Date, "XXXX-WXX-WE".into()));
            };
            // The weekend just past, or the coming one when a future is told.
            let saturday = nearest_weekday(Weekday::Sat, r, told.future(start));
            let week = saturday.iso_week();
            Some((
                TimexType::Date,
                format!("{}-W{:02}-WE", week.year(), week.week()),
            ))
        }
        Rule::Set => {
            if let Some(unit) = lower(1) {
                let value = match weekday_of(&capitalize(&unit)) {
                    Some(w) => format!("XXXX-WXX-{}", w.number_from_monday()),
                    None => match unit.as_str() {
                        "day" => "P1D".into(),
                        "night" => "TNI".into(),
                        "morning" => "TMO".into(),
                        "week" => "P1W".into(),
                        "month" => "P1M".into(),
                        "season" => "P1S".into(),
                        _ => "P1Y".into(),
                    },
                };
                return Some((TimexType::Set, value));
            }
            if let Some(adverb) = lower(2) {
                let value = match adverb.as_str() {
                    "daily" => "P1D",
                    "weekly" => "P1W",
                    "monthly" => "P1M",
                    _ => "P1Y",
                };
                return Some((TimexType::Set, value.into()));
            }
            let unit = lower(4)?;
            Some((TimexType::Set, format!("P1{}", unit_code(&unit)?.1)))
        }
        Rule::Reference => {
            let value = match lower(1)?.as_str() {
                "recently" | "the past" | "recent years" => "PAST_REF",
                "the future" => "FUTURE_REF",
                _ => "PRESENT_REF",
            };
            Some((TimexType::Date, value.into()))
        }
        Rule::Season => {
            let code = match lower(2)?.as_str() {
                "spring" => "SP",
                "summer" => "SU",
                "winter" => "WI",
                _ => "FA",
            };
            let year = match (lower(1).as_deref(), reference) {
                (Some("last"), Some(r)) => (r.year() - 1).to_string(),
                (Some("next"), Some(r)) => (r.year() + 1).to_string(),
                (_, Some(r)) => r.year().to_string(),
                (_, None) => "XXXX".into(),
            };
            Some((TimexType::Date, format!("{year}-{code}")))
        }
        Rule::Quarter if group(3).is_none() => {
            // "the latest quarter", "the year-ago period": the last quarter reported on.
            let (which, unit) = (lower(5).unwrap_or_default(), lower(6)?);
            if unit == "period" && !which.starts_with("year") {
                return None;
            }
            let Some(r) = reference else {
                return Some((TimexType::Date, "XXXX-QX".into()));
            };
            let (mut year, mut quarter) = latest_quarter(r);
            if which == "current" {
                (year, quarter) = (r.year(), r.month0() / 3 + 1);
            }
            if which.starts_with("year") {
                year -= 1;
            }
            Some((TimexType::Date, format!("{year}-Q{quarter}")))
        }
        Rule::NamedWeekday => {
            let weekday = weekday_of(&capitalize(&lower(2)?))?;
            let Some(r) = reference else {
                return Some((
                    TimexType::Date,
                    format!("XXXX-WXX-{}", weekday.number_from_monday()),
                ));
            };
            // "last Wednesday" said on a Wednesday is the week before; "next" the week after.
            let back = matches!(
                lower(1).as_deref(),
                Some("last" | "this past" | "the previous")
            );
            let day = if back {
                nearest_weekday(weekday, r - chrono::Duration::days(1), false)
            } else {
                nearest_weekday(weekday, r + chrono::Duration::days(1), true)
            };
            Some((TimexType::Date, day_value(day)))
        }
        Rule::Vague => Some((TimexType::Duration, duration(None, singular(&lower(1)?))?)),
        Rule::Holiday => {
            let name = group(1)?;
            let year = reference.map(|r| r.year());
            let day = |y: i32| -> Option<NaiveDate> {
                match name {
                    "Christmas Eve" => NaiveDate::from_ymd_opt(y, 12, 24),
                    "New Year's Eve" => NaiveDate::from_ymd_opt(y, 12, 31),
                    "New Year's Day" => NaiveDate::from_ymd_opt(y, 1, 1),
                    "Independence Day" | "July Fourth" => NaiveDate::from_ymd_opt(y, 7, 4),
                    "Halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
                    "Valentine's Day" => NaiveDate::from_ymd_opt(y, 2, 14),
                    // The fourth Thursday of November.
                    "Thanksgiving" | "Thanksgiving Day" => {
                        NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4)
                    }
                    _ => NaiveDate::from_ymd_opt(y, 12, 25),
                }
            };
            // The occurrence nearest the reference: "New Year's Eve" said in January is the
            // one just past, in late December the one to come.
            let nearest = reference.zip(year).and_then(|(r, y)| {
                (y - 1..=y + 1)
                    .filter_map(day)
                    .min_by_key(|d| (*d - r).num_days().abs())
            });
            let value = match nearest {
                Some(d) => d.format("%Y-%m-%d").to_string(),
                None => day(2000)
                    .map(|d| d.format("XXXX-%m-%d").to_string())
                    .unwrap_or_else(|| "XXXX-XX-XX".into()),
            };
            Some((TimexType::Date, value))
        }
        Rule::Quarter => {
            let q = match lower(3)?.as_str() {
                "first" | "1st" => 1,
                "second" | "2nd" => 2,
                "third" | "3rd" => 3,
                _ => 4,
            };
            let stated = group(1).or(group(4)).and_then(|y| y.parse::<i32>().ok());
            let year = match (stated, reference) {
                (Some(y), _) => y.to_string(),
                (None, Some(r)) => {
                    // "the year-earlier third quarter": a year before the one reported on.
                    let back = i32::from(group(2).is_some());
                    let (latest_year, latest) = latest_quarter(r);
                    let year = if q <= latest {
                        latest_year
                    } else {
                        latest_year - 1
                    };
                    (year - back).to_string()
                }
                (None, None) => "XXXX".into(),
            };
            Some((TimexType::Date, format!("{year}-Q{q}")))
        }
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn singular(unit: &str) -> &str {
    match unit {
        "centuries" => "century",
        u => u.strip_suffix('s').unwrap_or(u),
    }
}

/// Whether a unit counts in time (`PT…`) and its TIMEX3 letter, with its multiplier.
fn unit_code(unit: &str) -> Option<(bool, &'static str, u64)> {
    Some(match singular(unit) {
        "second" => (true, "S", 1),
        "minute" => (true, "M", 1),
        "hour" => (true, "H", 1),
        "day" | "night" => (false, "D", 1),
        "week" => (false, "W", 1),
        "month" => (false, "M", 1),
        "year" => (false, "Y", 1),
        "decade" => (false, "Y", 10),
        "century" => (false, "Y", 100),
        _ => return None,
    })
}

/// `PT48H`, `P2D`, `P10Y`; `PXD` for an unknown count.
fn duration(count: Option<u64>, unit: &str) -> Option<String> {
    let (time, letter, factor) = unit_code(unit)?;
    let amount = match count {
        Some(n) => (n * factor).to_string(),
        None if factor > 1 => format!("{}X", "X".repeat(factor.to_string().len() - 2)),
        None => "X".into(),
    };
    Some(format!("P{}{amount}{letter}", if time { "T" } else { "" }))
}

/// The week, month or year `step` units from `reference`'s.
fn shift_unit(reference: NaiveDate, unit: &str, step: i32) -> Option<String> {
    let days = |n: i64| reference + chrono::Duration::days(n);
    Some(match singular(unit) {
        "day" | "night" => days(i64::from(step)).format("%Y-%m-%d").to_string(),
        "week" => {
            let d = days(7 * i64::from(step));
            format!("{}-W{:02}", d.iso_week().year(), d.iso_week().week())
        }
        "weekend" => {
            let d = days(7 * i64::from(step));
            format!("{}-W{:02}-WE", d.iso_week().year(), d.iso_week().week())
        }
        "month" => {
            let d = if step >= 0 {
                reference.checked_add_months(Months::new(step.unsigned_abs()))?
            } else {
                reference.checked_sub_months(Months::new(step.unsigned_abs()))?
            };
            d.format("%Y-%m").to_string()
        }
        "year" => (reference.year() + step).to_string(),
        "decade" => format!("{}", (reference.year() + 10 * step) / 10),
        "century" => format!("{}", (reference.year() + 100 * step) / 100),
        // Seconds, minutes and hours ago are the publication day itself.
        _ => reference.format("%Y-%m-%d").to_string(),
    })
}

/// A four-digit number is a year unless a count, a time of day, an amount or a longer number
/// reads better: "2000 GMT", "$2015", "1,2015", "2015 people".
fn is_year_in_context(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '$' | '£' | '€' | '#' | ',' | '.' | '/'))
        || after.is_some_and(|c| c.is_ascii_digit() || matches!(c, '%'))
    {
        return false;
    }
    let next = text[end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ';', ':', ')'])
        .to_lowercase();
    !NOT_AFTER_YEAR.contains(&next.as_str())
}

/// The latest date the text reports as past: where the publication date is unknown, the
/// article was written on it or after (TIMEX3, the year may be `XXXX`).
pub fn not_before(times: &[TimeExpr], told: &Told<'_>) -> Option<String> {
    times
        .iter()
        .filter(|t| t.timex_type == TimexType::Date && !told.future(t.span.start))
        .filter_map(|t| {
            let day = t.value.get(..10)?;
            let (year, rest) = day.split_at(4);
            let valid = (year == "XXXX" || year.bytes().all(|b| b.is_ascii_digit()))
                && rest.len() == 6
                && rest[1..3].bytes().all(|b| b.is_ascii_digit())
                && rest[4..].bytes().all(|b| b.is_ascii_digit());
            valid.then(|| (year != "XXXX", day.to_string()))
        })
        // A known year outranks an unknown one; then the latest day.
        .max_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1[5..].cmp(&b.1[5..]))
                .then_with(|| a.1.cmp(&b.1))
        })
        .map(|(_, day)| day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_day_words_in_french_russian_and_ukrainian() {
        let r = NaiveDate::from_ymd_opt(2024, 3, 23);
        let values = |language: &str, text: &str| -> Vec<String> {
            let s = crate::segment::sentences(text);
            find_times(language, text, &s, r)
                .into_iter()
                .map(|t| t.value)
                .collect()
        };
        assert_eq!(
            values("ru", "Нападение произошло в пятницу вечером, 22 марта."),
            ["2024-03-22TEV"]
        );
        assert_eq!(
            values("fr", "Le vendredi 22 mars, la salle a été attaquée."),
            ["2024-03-22"]
        );
        assert_eq!(
            values("fr", "Les tirs ont commencé hier soir."),
            ["2024-03-22TEV"]
        );
        assert_eq!(
            values("uk", "Напад стався у п'ятницю ввечері."),
            ["2024-03-22TEV"]
        );
        assert_eq!(values("uk", "Учора затримали чотирьох."), ["2024-03-22"]);
        assert_eq!(values("ru", "1 января 2016 года"), ["2016-01-01"]);
        // English reads none of these words.
        assert!(values("en", "в пятницу вечером, 22 марта").is_empty());
    }
    use crate::segment::sentences;

    fn times(text: &str, reference: Option<&str>) -> Vec<(String, String)> {
        let r = reference.map(|r| NaiveDate::parse_from_str(r, "%Y-%m-%d").unwrap());
        find_times("en", text, &sentences(text), r)
            .into_iter()
            .map(|t| (t.span.text, t.value))
            .collect()
    }

    fn value_of(text: &str, reference: Option<&str>, expression: &str) -> String {
        times(text, reference)
            .into_iter()
            .find(|(t, _)| t == expression)
            .unwrap_or_else(|| panic!("{expression:?} not found in {:?}", times(text, reference)))
            .1
    }

    #[test]
    fn seed_expressions() {
        let r = Some("2024-03-23");
        assert_eq!(
            value_of(
                "killed Friday evening, March 22, in an attack",
                r,
                "Friday evening, March 22"
            ),
            "2024-03-22TEV"
        );
        assert_eq!(
            value_of(
                "was contained in the early hours of Saturday.",
                r,
                "Saturday"
            ),
            "2024-03-23"
        );
        assert_eq!(
            value_of(
                "In 2002, Chechen fighters took 912 people hostage.",
                r,
                "2002"
            ),
            "2002"
        );
        assert_eq!(
            value_of(
                "over the next forty-eight hours.",
                r,
                "the next forty-eight hours"
            ),
            "PT48H"
        );
        assert_eq!(
            value_of("On March 7, the embassy warned.", r, "March 7"),
            "2024-03-07"
        );
        assert_eq!(
            value_of(
                "for fifteen to twenty minutes, after which",
                r,
                "fifteen to twenty minutes"
            ),
            "PTXM"
        );
        assert_eq!(
            value_of("Macron said on March 25.", None, "March 25"),
            "XXXX-03-25"
        );
    }

    #[test]
    fn a_holiday_is_its_nearest_occurrence() {
        let eve = |r| value_of("the assaults on New Year's Eve", Some(r), "New Year's Eve");
        assert_eq!(eve("2016-01-22"), "2015-12-31");
        assert_eq!(eve("2016-12-30"), "2016-12-31");
    }

    #[test]
    fn relative_expressions() {
        let r = Some("2013-03-22");
        assert_eq!(
            value_of("It happened yesterday.", r, "yesterday"),
            "2013-03-21"
        );
        assert_eq!(
            value_of("reported in the last week", r, "the last week"),
            "2013-W11"
        );
        assert_eq!(value_of("two days ago", r, "two days ago"), "2013-03-20");
        assert_eq!(value_of("three years ago", r, "three years ago"), "2010");
        assert_eq!(
            value_of("at 10 p.m. Sunday", r, "10 p.m. Sunday"),
            "2013-03-17T22:00"
        );
        assert_eq!(
            value_of("He will speak on Monday.", r, "Monday"),
            "2013-03-25"
        );
        assert_eq!(value_of("He spoke on Monday.", r, "Monday"), "2013-03-18");
        assert_eq!(
            value_of("a few days earlier", r, "a few days earlier"),
            "PXD"
        );
        assert_eq!(
            value_of("It meets every Friday.", r, "every Friday"),
            "XXXX-WXX-5"
        );
        assert_eq!(value_of("the worst in a decade", r, "a decade"), "P10Y");
        assert_eq!(
            value_of("in March 2012 and in April", r, "March 2012"),
            "2012-03"
        );
        assert_eq!(
            // A quarter not yet over at publication is last year's.
            value_of("sales in the third quarter", r, "the third quarter"),
            "2012-Q3"
        );
        assert_eq!(value_of("profits rose last year", r, "last year"), "2012");
        assert_eq!(value_of("Prices are now higher", r, "now"), "PRESENT_REF");
        assert_eq!(
            value_of(
                "before Thanksgiving Day",
                Some("1999-11-20"),
                "Thanksgiving Day"
            ),
            "1999-11-25"
        );
    }

    #[test]
    fn named_weekdays_months_and_quarters() {
        let r = Some("1989-11-01"); // a Wednesday
        assert_eq!(
            value_of("said last Wednesday", r, "last Wednesday"),
            "1989-10-25"
        );
        assert_eq!(
            value_of("due next Wednesday", r, "next Wednesday"),
            "1989-11-08"
        );
        assert_eq!(
            value_of("since last December", r, "last December"),
            "1988-12"
        );
        assert_eq!(
            value_of(
                "profit in the year-earlier third quarter",
                r,
                "the year-earlier third quarter"
            ),
            "1988-Q3"
        );
        assert_eq!(
            value_of("in the 1988 second quarter", r, "the 1988 second quarter"),
            "1988-Q2"
        );
        assert_eq!(
            value_of(
                "Net rose 5% from a year ago in the quarter.",
                r,
                "a year ago"
            ),
            "1988-Q3"
        );
        assert_eq!(
            value_of("at noon Thursday", r, "noon Thursday"),
            "1989-10-26T12:00"
        );
    }

    #[test]
    fn tense_and_articles() {
        let r = Some("2013-03-22");
        assert_eq!(value_of("a six-year term", r, "six-year"), "P6Y");
        assert_eq!(
            value_of("Talks will resume on April 24.", r, "April 24"),
            "2013-04-24"
        );
        // Two months ahead or less stays in the year; further, a past date is last year's.
        assert_eq!(
            value_of("Talks resumed on June 24.", r, "June 24"),
            "2012-06-24"
        );
        assert_eq!(
            value_of("Talks will resume on June 24.", r, "June 24"),
            "2013-06-24"
        );
    }

    proptest::proptest! {
        #[test]
        fn offsets_round_trip(text in "[A-Za-z0-9 ,.'’-]{0,120}( (last|next) (week|year)| (two|a few) days ago| Friday| March 3| 10 p\\.m\\.){0,3}[a-z .]{0,40}") {
            let r = NaiveDate::from_ymd_opt(2013, 3, 22);
            for t in find_times("en", &text, &sentences(&text), r) {
                proptest::prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                proptest::prop_assert_eq!(&text[t.span.start..t.span.end], t.span.text.as_str());
            }
        }
    }

    #[test]
    fn numbers_that_are_not_years() {
        assert!(times(
            "at 2000 GMT and 2015 people and $2010 and 12,2014",
            Some("2013-03-22")
        )
        .is_empty());
    }

    #[test]
    fn latest_past_date_bounds_an_unknown_publication_date() {
        let text = "Macron said on March 25. Several people on March 22 opened fire. Talks will resume on April 2.";
        let s = sentences(text);
        let found = find_times("en", text, &s, None);
        assert_eq!(
            not_before(&found, &Told::new(text, &s)).as_deref(),
            Some("XXXX-03-25")
        );
    }
}
