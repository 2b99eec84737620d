//! Dates as web pages write them, in their metadata, their URLs and their bylines: ISO 8601
//! and its relatives, day-month-year with month names in the main European languages, and
//! numeric forms. A date is taken only when it is whole (day, month and year) and plausible.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate};
use regex::Regex;

/// No news page is older than the web.
const FIRST_YEAR: i32 = 1993;
const LAST_YEAR: i32 = 2100;

/// Month names and their common abbreviations, in English, German, French, Spanish,
/// Italian, Portuguese and Dutch (lowercase, without accents; the text is folded before
/// matching).
const MONTHS: [&[&str]; 12] = [
    &[
        "january", "jan", "januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jänner",
        "janner",
    ],
    &[
        "february",
        "feb",
        "februar",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
    ],
    &[
        "march", "mar", "marz", "maerz", "mars", "marzo", "marco", "maart", "mrz",
    ],
    &["april", "apr", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "maggio", "maio", "mei"],
    &["june", "jun", "juni", "juin", "junio", "giugno", "junho"],
    &["july", "jul", "juli", "juillet", "julio", "luglio", "julho"],
    &["august", "aug", "aout", "agosto", "augustus"],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "settembre",
        "setembro",
    ],
    &[
        "october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "outubro",
    ],
    &["november", "nov", "novembre", "noviembre", "novembro"],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
    ],
];

/// A date in a machine-written value (a `content` or `datetime` attribute, a JSON-LD
/// field): ISO first, then what people write. A full ISO date-time is returned as written,
/// so that its time and offset are kept; anything else as `YYYY-MM-DD`.
pub(crate) fn machine_date(value: &str) -> Option<String> {
    let value = value.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(value) {
        return plausible(dt.date_naive()).then(|| value.to_string());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(value) {
        return plausible(dt.date_naive()).then(|| dt.to_rfc3339());
    }
    human_date(value).map(|d| d.to_string())
}

/// The first whole date in a short text ("Posted on 3 March 2019 at 10:12", "22.03.2019",
/// "2019-03-22T10:00"), or `None`.
pub(crate) fn human_date(text: &str) -> Option<NaiveDate> {
    dates_in(text)
        .into_iter()
        .min_by_key(|(at, _)| *at)
        .map(|(_, d)| d)
}

/// The date a page's text names most often (the first of them on a tie): where nothing
/// else dates a page, its own date is usually repeated (byline, footer, "last updated"),
/// where the dates of other things each come once.
pub(crate) fn most_named_date(text: &str) -> Option<NaiveDate> {
    let mut found = dates_in(text);
    found.sort_by_key(|(at, _)| *at);
    let mut best: Option<(usize, NaiveDate)> = None;
    for (_, date) in &found {
        let count = found.iter().filter(|(_, d)| d == date).count();
        if best.is_none_or(|(n, _)| count > n) {
            best = Some((count, *date));
        }
    }
    best.map(|(_, date)| date)
}

/// Every whole date in a text, with its byte offset in the folded text.
fn dates_in(text: &str) -> Vec<(usize, NaiveDate)> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)").unwrap()
    });
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[^\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?[./-]\s?((?:19|20)\d\d)(?:[^\d]|$)",
        )
        .unwrap()
    });
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)(?:^|[^\p{L}\d])(?:(\d{1,2})(?:st|nd|rd|th|er|º)?\.?(?:\s+de)?\s+(\p{L}{3,10})\.?(?:\s+de|,)?\s+((?:19|20)\d\d)",
            r"|(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d))(?:[^\d]|$)"
        ))
        .unwrap()
    });
    // Chinese, Japanese and Korean: 2019年6月24日, 2019년 6월 24일.
    static CJK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d\d)\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]").unwrap()
    });
    let folded = fold(text);
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    for c in CJK.captures_iter(&folded) {
        if let Some(date) = ymd(&c[1], &c[2], &c[3]) {
            found.push((c.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for c in ISO.captures_iter(&folded) {
        if let Some(date) = ymd(&c[1], &c[2], &c[3]) {
            found.push((c.get(1).map_or(0, |m| m.start()), date));
        }
    }
    for c in DMY.captures_iter(&folded) {
        let (first, second, year) = (&c[1], &c[3], &c[4]);
        // 03/22/2019 can only be month first and 22.03.2019 day first; with dots or dashes
        // the European order is the rule. 03/04/2019 is April in Paris and March in New
        // York: not a date to guess.
        let date = match (&c[2], number(first) <= 12, number(second) <= 12) {
            ("/", true, true) => None,
            (_, true, false) => ymd(year, first, second),
            _ => ymd(year, second, first),
        };
        if let Some(date) = date {
            found.push((c.get(1).map_or(0, |m| m.start()), date));
        }
    }
    for c in NAMED.captures_iter(&folded) {
        let (day, month, year) = match (c.get(1), c.get(4)) {
            (Some(day), _) => (day.as_str(), &c[2], &c[3]),
            (None, Some(month)) => (&c[5], month.as_str(), &c[6]),
            (None, None) => continue,
        };
        if let Some(month) = month_number(month) {
            if let Some(date) = ymd(year, &month.to_string(), day) {
                found.push((c.get(0).map_or(0, |m| m.start()), date));
            }
        }
    }
    found
}

/// A date in a URL path: `/2019/03/22/`, `/2019-03-22-`, `/20190322/`.
pub(crate) fn url_date(url: &str) -> Option<NaiveDate> {
    static PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d\d)[/_-]?([01]\d)[/_-]?([0-3]\d)(?:[/_.-]|$)").unwrap()
    });
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/')?..];
    let c = PATH.captures(path)?;
    ymd(&c[1], &c[2], &c[3])
}

/// A date is plausible between the first web years and the far future.
fn plausible(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    plausible(date).then_some(date)
}

fn number(digits: &str) -> u32 {
    digits.parse().unwrap_or(0)
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .map(|i| i as u32 + 1)
}

/// Accents off the letters month names carry (März, février, août, março, dicembre is
/// plain), so that one list matches them written either way.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ä' | 'à' | 'â' | 'á' | 'ã' => 'a',
            'Ä' | 'À' | 'Â' | 'Á' => 'A',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' => 'E',
            'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ô' | 'ó' | 'ö' => 'o',
            'í' => 'i',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<String> {
        human_date(s).map(|d| d.to_string())
    }

    #[test]
    fn machine_values() {
        assert_eq!(
            machine_date("2019-03-22T10:00:00+01:00").as_deref(),
            Some("2019-03-22T10:00:00+01:00")
        );
        assert_eq!(machine_date("2019-03-22").as_deref(), Some("2019-03-22"));
        assert_eq!(
            machine_date("Fri, 22 Mar 2019 10:00:00 +0000").as_deref(),
            Some("2019-03-22T10:00:00+00:00")
        );
        assert_eq!(machine_date("0001-01-01T00:00:00Z"), None);
        assert_eq!(machine_date("yesterday"), None);
    }

    #[test]
    fn what_people_write() {
        assert_eq!(
            day("Posted on 3 March 2019 at 10:12").as_deref(),
            Some("2019-03-03")
        );
        assert_eq!(day("March 22, 2019").as_deref(), Some("2019-03-22"));
        assert_eq!(day("22. März 2019").as_deref(), Some("2019-03-22"));
        assert_eq!(day("le 5 février 2018").as_deref(), Some("2018-02-05"));
        assert_eq!(day("5 de febrero de 2018").as_deref(), Some("2018-02-05"));
        assert_eq!(day("22.03.2019, 10:15").as_deref(), Some("2019-03-22"));
        assert_eq!(day("03/22/2019").as_deref(), Some("2019-03-22"));
        assert_eq!(day("22/03/2019").as_deref(), Some("2019-03-22"));
        assert_eq!(day("03/04/2019"), None);
        assert_eq!(day("2019/03/22").as_deref(), Some("2019-03-22"));
        assert_eq!(
            day("Updated 2019-03-22T10:00").as_deref(),
            Some("2019-03-22")
        );
    }

    #[test]
    fn the_most_named_date_of_a_page() {
        let text = "Home | 2 May 2019 Other story\n\nPosted 03.04.2019\n\nLast change 03.04.2019";
        assert_eq!(
            most_named_date(text).map(|d| d.to_string()).as_deref(),
            Some("2019-04-03")
        );
        assert_eq!(most_named_date("No dates."), None);
    }

    #[test]
    fn partial_or_impossible_dates_are_not_dates() {
        assert_eq!(day("March 2019"), None);
        assert_eq!(day("31.02.2019"), None);
        assert_eq!(day("Call 12.10.1234"), None);
        assert_eq!(day("in may 22 people 2019"), None);
    }

    #[test]
    fn url_paths() {
        let d = |u: &str| url_date(u).map(|d| d.to_string());
        assert_eq!(
            d("https://x.com/2019/03/22/story").as_deref(),
            Some("2019-03-22")
        );
        assert_eq!(
            d("https://x.com/news/20190322-story.html").as_deref(),
            Some("2019-03-22")
        );
        assert_eq!(d("https://x.com/2019/03/story"), None);
        assert_eq!(d("https://2019.03.22.com/"), None);
    }
}
