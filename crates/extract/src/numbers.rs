//! Numbers written in words or digits: "forty-eight", "a hundred", "two million", "1,500",
//! "2.6 million", "a quarter of a million".

/// A regex fragment matching a number in digits or words (up to billions), for patterns that
/// need one; [`parse`] reads what it matched.
pub const NUMBER_PATTERN: &str = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?) (?:thousand|million|billion)|(?:a quarter|a half|half|three quarters) of an? (?:thousand|million|billion)|half an? (?:thousand|million|billion)|\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|and)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|and))*)";

fn unit(word: &str) -> Option<u64> {
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// The value of a number in digits ("1,500") or words ("two hundred and five", "a dozen",
/// "forty-eight", "three million"); `None` for anything else, or a fraction.
pub fn parse(text: &str) -> Option<u64> {
    let text = text.trim().to_lowercase();
    if text.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return text.replace(',', "").parse().ok();
    }
    if let Some(value) = scaled(&text) {
        return Some(value);
    }
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    let mut seen = false;
    let words: Vec<&str> = text
        .split(['-', ' '])
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    // "a six-year term": the article, not a one; "a hundred", "a dozen": one of them.
    let skip_article = words.len() > 1
        && matches!(words[0], "a" | "an")
        && !matches!(words[1], "hundred" | "thousand" | "million" | "dozen");
    for word in words.into_iter().skip(usize::from(skip_article)) {
        match word {
            "dozen" => current = current.max(1) * 12,
            "hundred" => current = current.max(1) * 100,
            "thousand" | "million" => {
                let scale = if word == "thousand" { 1_000 } else { 1_000_000 };
                total += current.max(1) * scale;
                current = 0;
            }
            w => current += unit(w)?,
        }
        seen = true;
    }
    seen.then_some(total + current)
}

/// The value a scale word multiplies by.
fn scale(word: &str) -> Option<u64> {
    Some(match word {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        _ => return None,
    })
}

/// Digits before a scale word ("2.6 million", "5 thousand") and fractions of one ("a
/// quarter of a million", "half a million").
fn scaled(text: &str) -> Option<u64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (&last, rest) = words.split_last()?;
    let scale = scale(last)?;
    let fraction = |num: u64, den: u64| Some(scale / den * num);
    match rest {
        [digits]
            if digits
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',') =>
        {
            let value: f64 = digits.replace(',', "").parse().ok()?;
            let total = value * scale as f64;
            (total.fract() == 0.0 && total > 0.0).then_some(total as u64)
        }
        ["a", "quarter", "of", "a" | "an"] => fraction(1, 4),
        ["three", "quarters", "of", "a" | "an"] => fraction(3, 4),
        ["a", "half", "of", "a" | "an"] | ["half", "of", "a" | "an"] | ["half", "a" | "an"] => {
            fraction(1, 2)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_digits() {
        assert_eq!(parse("forty-eight"), Some(48));
        assert_eq!(parse("a hundred"), Some(100));
        assert_eq!(parse("two hundred and five"), Some(205));
        assert_eq!(parse("three million"), Some(3_000_000));
        assert_eq!(parse("two hundred thousand"), Some(200_000));
        assert_eq!(parse("a dozen"), Some(12));
        assert_eq!(parse("a six"), Some(6));
        assert_eq!(parse("1,500"), Some(1500));
        assert_eq!(parse("fifteen"), Some(15));
        assert_eq!(parse("many"), None);
        assert_eq!(parse("and"), None);
        assert_eq!(parse("6 million"), Some(6_000_000));
        assert_eq!(parse("2.6 million"), Some(2_600_000));
        assert_eq!(parse("5 thousand"), Some(5_000));
        assert_eq!(parse("a quarter of a million"), Some(250_000));
        assert_eq!(parse("half a million"), Some(500_000));
    }

    #[test]
    fn the_pattern_matches_what_parse_reads() {
        let re = regex::Regex::new(&format!("^{NUMBER_PATTERN}$")).unwrap();
        for n in [
            "forty-eight",
            "a hundred",
            "two million",
            "1,500",
            "12",
            "2.6 million",
            "a quarter of a million",
        ] {
            assert!(re.is_match(n), "{n}");
            assert!(parse(n).is_some(), "{n}");
        }
    }
}
