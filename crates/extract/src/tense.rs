//! Whether the text tells of a moment as past or as to come.

/// How many words before a moment a future marker governs it ("will meet on Friday"), so
/// that a future far back in a long sentence does not turn a past day into one to come.
const FUTURE_REACH: usize = 8;
/// The bytes before a moment that can hold those words.
const FUTURE_WINDOW_BYTES: usize = 160;

/// Words that, before a weekday in its sentence, make it a day to come, not a day past.
const FUTURE_MARKERS: &[&str] = &[
    "will",
    "would",
    "shall",
    "next",
    "upcoming",
    "scheduled",
    "expected",
    "planned",
    "plans",
    "until",
    "coming",
    "tomorrow",
    "holding",
    "planning",
    "slated",
];

/// How the text tells of a moment: in the past, or as what is to come.
pub(crate) struct Told<'a> {
    text: &'a str,
    sentences: &'a [(usize, usize)],
}

impl<'a> Told<'a> {
    pub(crate) fn new(text: &'a str, sentences: &'a [(usize, usize)]) -> Self {
        Told { text, sentences }
    }

    /// "Putin spoke overnight": the night after the day of the events, told in the past.
    pub(crate) fn overnight_in_the_past(&self, after: usize) -> bool {
        self.text[after..]
            .match_indices("overnight")
            .any(|(i, _)| !self.future(after + i))
    }

    /// The text of the sentence holding byte `at`.
    pub(crate) fn sentence_text(&self, at: usize) -> &'a str {
        let (start, end) = self.sentence(at);
        &self.text[start..end]
    }

    fn sentence(&self, at: usize) -> (usize, usize) {
        let i = self.sentences.partition_point(|&(_, end)| end <= at);
        self.sentences
            .get(i)
            .map_or((0, self.text.len()), |&(start, end)| {
                (start.min(at), end.max(at))
            })
    }

    /// Whether the sentence holding byte `at` speaks of what is to come just before it.
    pub(crate) fn future(&self, at: usize) -> bool {
        let (mut start, _) = self.sentence(at);
        // Only the last few words count: look no further back than a short window, so
        // that a sentence of a million words costs no more than a short one.
        start = start.max(at.saturating_sub(FUTURE_WINDOW_BYTES));
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        self.text[start..at]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .rev()
            .take(FUTURE_REACH)
            .any(|w| FUTURE_MARKERS.contains(&w.to_lowercase().as_str()))
    }
}
