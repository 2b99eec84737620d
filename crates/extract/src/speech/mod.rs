//! Statements: who said what, in quotes or in reported speech, and through whom.
//!
//! A statement is made of a cue (a reporting verb, or "according to"), a speaker (the phrase
//! governing the cue, before it or, inverted, after it) and a content (the quote the cue is
//! attached to, or the clause it governs). Relays are read from the words around: "cited by
//! Y", "told AFP", "was quoted as saying by Y", a trailing ", TASS reported". A quote with no
//! cue of its own continues the statement of the sentence before; a pronoun speaker takes
//! the speaker of the same or the previous sentence. Nothing is guessed beyond that: an
//! unresolved "he" stays "he".

mod cues;
mod packs;
mod quotes;
mod speaker;

use std::borrow::Cow;
use std::collections::HashSet;

use crosscheck_model::{Entity, EntityType, Span, Statement};

use crate::mentions::Mentions;
use crate::segment::{tokens_in, Token, TokenKind};
pub(crate) use cues::is_pronoun;
use quotes::Quote;
use speaker::{Phrase, Speaker};

/// The statements of `text` in `language`, in text order: English by the reader below,
/// French, Russian and Ukrainian by their packs' phrases ([`packs`]), others not at all.
pub(crate) fn find_statements(
    language: &str,
    text: &str,
    sentences: &[(usize, usize)],
    entities: &[Entity],
) -> Vec<Statement> {
    if language != "en" {
        return packs::find_statements(language, text, sentences);
    }
    let reader = Reader {
        text,
        sentences,
        quotes: quotes::find_quotes(text),
        mentions: Mentions::new(entities, |t| {
            matches!(t, EntityType::Person | EntityType::Org)
        }),
        ordinals: ordinals(text, sentences),
    };
    let mut found = Vec::new();
    let mut consumed = HashSet::new();
    for index in 0..sentences.len() {
        reader.read_sentence(index, &mut consumed, &mut found);
    }
    found.sort_by_key(|f| (f.start, f.content.0));
    resolve(&mut found);
    found
        .into_iter()
        .filter_map(|f| f.into_statement(text))
        .collect()
}

/// A statement as it is being read, with byte ranges into the text.
#[derive(Debug, Clone)]
struct Found {
    /// The sentences the statement starts and ends in.
    sentence: usize,
    last_sentence: usize,
    start: usize,
    end: usize,
    speaker: Option<Speaker>,
    cue: Option<String>,
    content: (usize, usize),
    direct: bool,
    via: Vec<String>,
    /// The rule that read it (see [`Statement::rule`]).
    rule: &'static str,
}

impl Found {
    fn into_statement(self, text: &str) -> Option<Statement> {
        let speaker = self.speaker?;
        let content = text.get(self.content.0..self.content.1)?.trim();
        let content = content.trim_end_matches([',', '.', ';', ':']).trim();
        // A reported content of two words is a headline's or a fragment's ("warns ‘sextortion’ cases").
        let least = if self.direct { 2 } else { 3 };
        (content.split_whitespace().count() >= least).then(|| Statement {
            speaker: Some(speaker.name),
            speaker_entity: speaker.entity,
            role: speaker.role,
            cue: self.cue,
            content: content.to_string(),
            direct: self.direct,
            via: self.via,
            rule: self.rule.to_string(),
            span: Span {
                text: text[self.start..self.end].to_string(),
                start: self.start,
                end: self.end,
                field: None,
            },
        })
    }
}

struct Reader<'a> {
    text: &'a str,
    sentences: &'a [(usize, usize)],
    quotes: Vec<Quote>,
    mentions: Mentions<'a>,
    /// Per sentence, its rank among the sentences with words: "the sentence before" skips
    /// the lone dots some sites put between paragraphs.
    ordinals: Vec<usize>,
}

fn ordinals(text: &str, sentences: &[(usize, usize)]) -> Vec<usize> {
    let mut rank = 0;
    sentences
        .iter()
        .map(|&(start, end)| {
            let here = rank;
            if text[start..end].chars().any(char::is_alphanumeric) {
                rank += 1;
            }
            here
        })
        .collect()
}

/// A cue found in a sentence and the speaker governing it.
struct Attribution {
    cue: usize,
    speaker: Speaker,
    /// The first token of the speaker phrase, and the token after the whole attribution.
    from: usize,
    to: usize,
    via: Vec<String>,
    according: bool,
}

impl Attribution {
    /// A cue whose speaker is not written beside it but carried over from its clause or the
    /// statement before: a participle or a coordinated verb.
    fn carried(cue: usize, speaker: Speaker) -> Self {
        Attribution {
            cue,
            speaker,
            from: cue,
            to: cue + 1,
            via: Vec::new(),
            according: false,
        }
    }
}

impl Reader<'_> {
    fn word<'t>(&'t self, t: &Token) -> &'t str {
        &self.text[t.start..t.end]
    }

    fn in_quote(&self, at: usize) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.start <= at);
        self.quotes[..i].last().filter(|q| at < q.end)
    }

    fn sentence_of(&self, at: usize) -> usize {
        self.sentences
            .partition_point(|&(start, _)| start <= at)
            .saturating_sub(1)
    }

    /// Reads the statements of one sentence: its quotes first (each takes the cue next to
    /// it), then the cues left, as reported speech.
    /// `consumed` holds the byte offsets of the cues quotes have taken.
    fn read_sentence(&self, index: usize, consumed: &mut HashSet<usize>, found: &mut Vec<Found>) {
        let (start, end) = self.sentences[index];
        let toks = tokens_in(self.text, start, end);
        let cues = self.cues(&toks);
        for quote in self.quotes_starting_in(start, end) {
            let last = self.sentence_of(quote.end.saturating_sub(1)).max(index);
            let (last_start, last_end) = self.sentences[last];
            let after = if last == index {
                Cow::Borrowed(toks.as_slice())
            } else {
                Cow::Owned(tokens_in(self.text, last_start, last_end))
            };
            let next_quote = self
                .quotes
                .get(self.quotes.partition_point(|q| q.start < quote.end))
                .map_or(usize::MAX, |q| q.start);
            // "“Go!” Nunes said.": the splitter ends a sentence at "!”" and "?”".
            let exclaims = self.text[quote.inner_start..quote.inner_end]
                .trim_end()
                .ends_with(['!', '?']);
            let following = match self.sentences.get(last + 1) {
                Some(&(s, e)) if exclaims && after.last().is_some_and(|t| t.end <= quote.end) => {
                    tokens_in(self.text, s, e)
                }
                _ => Vec::new(),
            };
            // "… objected to the list's inclusion of “three-peat,” Shibley said.": a short
            // quote inside a clause is part of a reported statement, not the statement.
            let open = toks.partition_point(|t| t.end <= quote.start);
            let words_before = toks[..open]
                .iter()
                .rev()
                .filter(|t| t.kind == TokenKind::Word)
                .take(3)
                .count();
            let embedded = words_before >= 3 && words(self.text, &quote) < 6;
            let attribution = self
                .attribution_after(&after, quote.end, next_quote)
                .map(|a| (a, last, &*after))
                .or_else(|| {
                    self.attribution_after(&following, quote.end, next_quote)
                        .map(|a| (a, last + 1, following.as_slice()))
                })
                .filter(|_| !embedded)
                .or_else(|| {
                    let previous = found
                        .last()
                        .filter(|f| f.last_sentence == self.ordinals[index])
                        .and_then(|f| f.speaker.as_ref());
                    self.attribution_before(&toks, &cues, quote.start, previous)
                        .map(|a| (a, index, toks.as_slice()))
                });
            match attribution {
                Some((a, at_sentence, at_toks)) => {
                    consumed.insert(at_toks[a.cue].start);
                    let relay = self.trailing_relay(at_toks, a.to);
                    let (start, mut end) = self.around(at_toks, &a, (quote.start, quote.end));
                    if relay.is_some() {
                        end = end.max(at_toks.last().map_or(end, |t| t.end));
                    }
                    let via = [
                        a.via.clone(),
                        relay.map(|(_, name)| name).into_iter().collect(),
                    ]
                    .concat();
                    found.push(Found {
                        sentence: self.ordinals[index],
                        last_sentence: self.ordinals[at_sentence.max(last)],
                        start,
                        end,
                        speaker: Some(a.speaker),
                        // A signature's dash is not a reporting verb.
                        cue: Some(self.word(&at_toks[a.cue]).to_string())
                            .filter(|w| w.chars().any(char::is_alphabetic)),
                        content: (quote.inner_start, quote.inner_end),
                        direct: true,
                        via,
                        rule: "statements/quote-with-cue",
                    });
                }
                // A quote with no cue continues the statement before only when it is the
                // whole sentence: words after it are an attribution not understood.
                None if quote.start == start
                    && words(self.text, &quote) >= 3
                    && after[after.partition_point(|t| t.end <= quote.end)..]
                        .iter()
                        .all(|t| t.kind == TokenKind::Punct) =>
                {
                    found.push(Found {
                        sentence: self.ordinals[index],
                        last_sentence: self.ordinals[last],
                        start: quote.start,
                        end: quote.end,
                        speaker: None,
                        cue: None,
                        content: (quote.inner_start, quote.inner_end),
                        direct: true,
                        via: Vec::new(),
                        rule: "statements/quote-continued",
                    });
                }
                // "Martell is more blunt: “…”", "Then, after a pause: “…”": the clause's
                // subject when a name opens it, else the statement before.
                None if self.after_colon(&toks, quote.start) => {
                    found.push(Found {
                        sentence: self.ordinals[index],
                        last_sentence: self.ordinals[last],
                        start: quote.start,
                        end: quote.end,
                        speaker: speaker::sentence_subject(self, &toks),
                        cue: None,
                        content: (quote.inner_start, quote.inner_end),
                        direct: true,
                        via: Vec::new(),
                        rule: "statements/quote-after-colon",
                    });
                }
                None => {}
            }
        }
        let free: Vec<usize> = cues
            .into_iter()
            .filter(|&c| !consumed.contains(&toks[c].start))
            .collect();
        self.read_reported(index, &toks, &free, found);
    }

    /// The words of a statement: its content with its attribution, from the speaker phrase
    /// through the cue.
    fn around(&self, toks: &[Token], a: &Attribution, content: (usize, usize)) -> (usize, usize) {
        let from = toks.get(a.from).map_or(content.0, |t| t.start);
        let to =
            a.to.checked_sub(1)
                .and_then(|i| toks.get(i))
                .map_or(content.1, |t| t.end);
        (from.min(content.0), to.max(content.1))
    }

    /// Whether the quote at byte `at` follows a colon of its sentence.
    fn after_colon(&self, toks: &[Token], at: usize) -> bool {
        let open = toks.partition_point(|t| t.start < at);
        open > 0 && self.word(&toks[open - 1]) == ":"
    }

    fn quotes_starting_in(&self, start: usize, end: usize) -> Vec<Quote> {
        let from = self.quotes.partition_point(|q| q.start < start);
        self.quotes[from..]
            .iter()
            .take_while(|q| q.start < end)
            .copied()
            .collect()
    }

    /// Token indices of the cues of a sentence outside its quotes: reporting verbs written
    /// in lower case, and the "according" of "according to".
    fn cues(&self, toks: &[Token]) -> Vec<usize> {
        (0..toks.len())
            .filter(|&i| {
                let t = &toks[i];
                t.kind == TokenKind::Word
                    && self.in_quote(t.start).is_none()
                    && (self.is_cue_at(toks, i) || self.is_according(toks, i))
            })
            .collect()
    }

    /// A reporting verb in its context: "claimed responsibility" is a claim, not speech;
    /// "called" reports speech only as "called for", "called on", "called to".
    fn is_cue_at(&self, toks: &[Token], i: usize) -> bool {
        let w = self.word(&toks[i]);
        let next = toks.get(i + 1).map_or("", |t| self.word(t));
        match w {
            "called" | "calls" | "calling" if matches!(next, "for" | "on" | "to" | "in") => true,
            "claimed" | "claims" if matches!(next, "responsibility" | "credit") => false,
            "points" | "pointed" | "pointing" => next == "out",
            // "called it “completely unfair”", "described herself as “short of breath”"
            "called" | "calls" | "calling" | "described" | "describes" | "describing" => {
                self.quote_follows(toks, i)
            }
            _ => cues::is_cue(w),
        }
    }

    /// Whether a quote opens within the few tokens after token `i`.
    fn quote_follows(&self, toks: &[Token], i: usize) -> bool {
        toks[i + 1..toks.len().min(i + 6)]
            .iter()
            .any(|t| self.in_quote(t.start).is_some())
    }

    fn is_according(&self, toks: &[Token], i: usize) -> bool {
        self.word(&toks[i]).eq_ignore_ascii_case("according")
            && toks.get(i + 1).is_some_and(|t| self.word(t) == "to")
    }

    /// The attribution right after a quote: `,” Macron said`, `,” said X, a …`.
    fn attribution_after(&self, toks: &[Token], from: usize, until: usize) -> Option<Attribution> {
        let first = toks.partition_point(|t| t.start < from);
        let ceiling = toks.partition_point(|t| t.start < until);
        if let Some(signed) = self.signature(toks, first, ceiling) {
            return Some(signed);
        }
        let mut lead = first;
        while lead < ceiling && matches!(self.word(&toks[lead]), "," | "—" | "–") {
            lead += 1;
        }
        if lead < ceiling && self.is_according(toks, lead) {
            return self.according(toks, lead, ceiling);
        }
        // An attribution opens the words after a quote: a speaker phrase and its cue.
        for cue in lead..ceiling.min(lead + 40) {
            let t = &toks[cue];
            if t.kind == TokenKind::Punct && !matches!(self.word(t), "." | "(" | ")" | "-" | ",") {
                return None;
            }
            if t.kind != TokenKind::Word || !self.is_cue_at(toks, cue) {
                continue;
            }
            if cue == lead {
                return cues::may_invert(self.word(t))
                    .then(|| self.inverted(toks, cue, ceiling))
                    .flatten();
            }
            let mut phrase = speaker::before(self, toks, cue, lead)?;
            // "the lanky, bespectacled professor said": adjectives set off by a comma.
            let adjectives = phrase.from - lead <= 4
                && toks[lead..phrase.from].iter().all(|t| {
                    let w = self.word(t);
                    w == ","
                        || t.kind == TokenKind::Word
                            && !cues::is_finite(w)
                            && !self.is_cue_at(toks, lead)
                });
            if adjectives {
                phrase.from = lead;
            }
            return (phrase.from == lead).then(|| self.attribute(toks, cue, phrase, ceiling));
        }
        None
    }

    /// A quote signed with a dash and a name closing its line: `“…” ― Sonya Herridge`,
    /// `— Alicia Draus (@Alicia_Draus)`.
    fn signature(&self, toks: &[Token], dash: usize, ceiling: usize) -> Option<Attribution> {
        if !matches!(self.word(toks.get(dash)?), "―" | "—" | "–") {
            return None;
        }
        let end_of_line = self.text[toks[dash].end..]
            .find('\n')
            .map_or(self.text.len(), |i| toks[dash].end + i);
        let phrase = speaker::phrase_until_comma(self, toks, dash + 1, ceiling)?;
        let name_end = (phrase.from..phrase.to)
            .find(|&i| self.word(&toks[i]) == "(")
            .unwrap_or(phrase.to);
        let capitalized = toks[phrase.from..name_end].iter().all(|t| {
            self.word(t)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        });
        let closes_line = toks.get(phrase.to).is_none_or(|t| t.start >= end_of_line)
            || toks.get(phrase.to).is_some_and(|t| self.word(t) == ",");
        let short = (1..=5).contains(&(name_end - phrase.from));
        (capitalized && closes_line && short).then(|| Attribution {
            cue: dash,
            speaker: speaker::resolve(self, toks, &Phrase::plain(phrase.from, name_end)),
            from: dash,
            to: name_end,
            via: Vec::new(),
            according: false,
        })
    }

    /// The attribution right before a quote: `Macron said that “…`, `he said: “…`,
    /// `According to X, “…`.
    /// `previous`: the speaker of the sentence's statement before, which a participle
    /// continues ("Kim confirmed, adding that “…”").
    fn attribution_before(
        &self,
        toks: &[Token],
        cues: &[usize],
        at: usize,
        previous: Option<&Speaker>,
    ) -> Option<Attribution> {
        let open = toks.partition_point(|t| t.start < at);
        let cue = *cues.get(cues.partition_point(|&c| c < open).checked_sub(1)?)?;
        if self.is_according(toks, cue) {
            let a = self.according(toks, cue, open)?;
            let gap = toks.get(a.to..open).unwrap_or_default();
            return gap.iter().all(|t| self.word(t) == ",").then_some(a);
        }
        // "…, asks Policy Options editor Jennifer Ditchburn, “has anyone …”"
        if cues::may_invert(self.word(&toks[cue])) && cue > 0 && self.word(&toks[cue - 1]) == "," {
            if let Some(a) = self.inverted(toks, cue, open) {
                let rest = toks.get(a.to..open).unwrap_or_default();
                if rest.iter().all(|t| matches!(self.word(t), "," | ":")) {
                    return Some(a);
                }
            }
        }
        let mut gap = cue + 1;
        if cues::takes_listener(self.word(&toks[cue])) {
            gap = self.listener_end(toks, cue, open).0;
        }
        let gap = gap.min(open);
        let connective = toks[gap..open]
            .iter()
            .all(|t| matches!(self.word(t), "," | ":" | "that" | "—"));
        // "joked in his turn to answer the question, “…”", "said in a statement: “…”"
        let introduced = open > gap
            && open - gap <= 12
            && cues::opens_adverbial(self.word(&toks[gap]))
            && matches!(self.word(&toks[open - 1]), "," | ":")
            && toks[gap..open]
                .iter()
                .all(|t| self.in_quote(t.start).is_none());
        if !connective && !introduced {
            return None;
        }
        if self.word(&toks[cue]).ends_with("ing") {
            return Some(Attribution::carried(cue, previous?.clone()));
        }
        let Some(phrase) = speaker::before(self, toks, cue, 0) else {
            // "Colton laughed and stuttered, “I … I …”"
            let coordinated = cue > 0 && self.word(&toks[cue - 1]) == "and";
            if !coordinated {
                return None;
            }
            let speaker = speaker::clause_subject(self, toks, cue)?;
            return Some(Attribution::carried(cue, speaker));
        };
        let mut a = self.attribute(toks, cue, phrase, open);
        a.via.extend(self.listener_via(toks, cue, open));
        Some(a)
    }

    /// A cue with its speaker after it: `said X`, `assured, before the claim, an advisor …`.
    fn inverted(&self, toks: &[Token], cue: usize, ceiling: usize) -> Option<Attribution> {
        let phrase = speaker::after(self, toks, cue, ceiling)?;
        let to = phrase.to;
        let speaker = speaker::resolve(self, toks, &phrase);
        Some(Attribution {
            cue,
            speaker,
            from: cue,
            to,
            via: self.quoted_by(toks, to, ceiling),
            according: false,
        })
    }

    fn attribute(&self, toks: &[Token], cue: usize, phrase: Phrase, ceiling: usize) -> Attribution {
        let speaker = speaker::resolve(self, toks, &phrase);
        let mut via = self.quoted_by(toks, cue + 1, ceiling);
        via.extend(self.listener_via(toks, cue, ceiling));
        Attribution {
            cue,
            speaker,
            from: phrase.from,
            to: cue + 1,
            via,
            according: false,
        }
    }

    /// "according to X", "according to A citing B" (B speaks, through A), "according to X,
    /// cited by Y".
    fn according(&self, toks: &[Token], cue: usize, ceiling: usize) -> Option<Attribution> {
        let from = cue + 2;
        let mut end = from;
        while end < ceiling
            && !matches!(
                self.word(&toks[end]),
                "," | ";" | ":" | "." | "“" | "\"" | "”"
            )
            && self.word(&toks[end]) != "citing"
        {
            end += 1;
        }
        if end == from || end - from > 14 {
            return None;
        }
        let mut phrase = Phrase::plain(from, end);
        let mut via = Vec::new();
        let mut to = end;
        if toks.get(end).is_some_and(|t| self.word(t) == "citing") {
            let cited = speaker::phrase_until_comma(self, toks, end + 1, ceiling)?;
            via.push(speaker::written(self, toks, from, end));
            to = cited.to;
            phrase = cited;
        } else if toks.get(end).is_some_and(|t| self.word(t) == ",")
            && toks.get(end + 2).is_some_and(|t| self.word(t) == "by")
            && toks
                .get(end + 1)
                .is_some_and(|t| matches!(self.word(t), "cited" | "quoted"))
        {
            let relay = speaker::phrase_until_comma(self, toks, end + 3, ceiling)?;
            via.push(speaker::written(self, toks, relay.from, relay.to));
            to = relay.to;
        }
        let speaker = speaker::resolve(self, toks, &phrase);
        Some(Attribution {
            cue,
            speaker,
            from: cue,
            to,
            via,
            according: true,
        })
    }

    /// Where the listener of "told X (that)" ends, and whether there is one.
    fn listener_end(&self, toks: &[Token], cue: usize, ceiling: usize) -> (usize, bool) {
        let reach = (cue + 12).min(ceiling);
        // "told AFP that …", "told police she could hear …"
        if let Some(end) = (cue + 1..reach.min(cue + 12)).find(|&i| {
            let w = self.word(&toks[i]);
            w == "that" || cues::is_subject_pronoun(w)
        }) {
            return (end, end > cue + 1);
        }
        if let Some(end) = self.mentions.ending_after(self.text, toks, cue + 1) {
            return (end.min(ceiling), end > cue + 1);
        }
        let mut end = cue + 1;
        while end < reach
            && (toks[end].kind != TokenKind::Punct || matches!(self.word(&toks[end]), "(" | ")"))
        {
            end += 1;
        }
        (end, end > cue + 1)
    }

    /// The medium a speaker told: "told Agence France-Presse (AFP)" → the relay.
    fn listener_via(&self, toks: &[Token], cue: usize, ceiling: usize) -> Option<String> {
        if !cues::takes_listener(self.word(&toks[cue])) {
            return None;
        }
        let (end, some) = self.listener_end(toks, cue, ceiling);
        let listener = speaker::written(self, toks, cue + 1, end);
        (some && cues::names_medium(&listener)).then_some(listener)
    }

    /// "was quoted as saying by Y", "quoted by Y", right after the cue or speaker.
    fn quoted_by(&self, toks: &[Token], from: usize, ceiling: usize) -> Vec<String> {
        let reach = (from + 6).min(ceiling);
        let Some(by) = (from..reach).find(|&i| {
            self.word(&toks[i]) == "by" && i > 0 && {
                let before = self.word(&toks[i - 1]);
                before == "saying" || before == "quoted" || before == "cited"
            }
        }) else {
            return Vec::new();
        };
        speaker::phrase_until_comma(self, toks, by + 1, ceiling)
            .map(|p| vec![speaker::written(self, toks, p.from, p.to)])
            .unwrap_or_default()
    }

    /// `, X reported.` at the end of a sentence, after token `from`: where its comma is, and X.
    fn trailing_relay(&self, toks: &[Token], from: usize) -> Option<(usize, String)> {
        let mut last = toks.len();
        while last > from && toks[last - 1].kind == TokenKind::Punct {
            last -= 1;
        }
        let cue = last.checked_sub(1).filter(|&c| c > from)?;
        if !matches!(
            self.word(&toks[cue]),
            "reported" | "reports" | "said" | "says"
        ) {
            return None;
        }
        let phrase = speaker::before(self, toks, cue, from)?;
        let comma = phrase.from.checked_sub(1)?;
        let short = cue - phrase.from <= 5;
        (short && self.word(&toks[comma]) == "," && comma >= from)
            .then(|| (comma, speaker::written(self, toks, phrase.from, cue)))
    }

    /// Reported speech: each cue not taken by a quote, with the clause it governs, which
    /// ends where the next attribution of the sentence begins.
    fn read_reported(&self, index: usize, toks: &[Token], cues: &[usize], found: &mut Vec<Found>) {
        let ordinal = self.ordinals[index];
        let of_this_sentence = || found.iter().rev().take_while(|f| f.sentence == ordinal);
        let quoted_here = of_this_sentence().next().is_some();
        let relay = self
            .trailing_relay(toks, 0)
            .filter(|(comma, _)| quoted_here || cues.iter().any(|c| c < comma));
        let stop = relay.as_ref().map_or(toks.len(), |(comma, _)| *comma);
        let mut attributions: Vec<Attribution> = Vec::new();
        let quoted_speaker = of_this_sentence().find_map(|f| f.speaker.clone());
        for &cue in cues.iter().filter(|&&c| c < stop) {
            let previous = attributions
                .last()
                .map(|a| &a.speaker)
                .or(quoted_speaker.as_ref());
            if let Some(a) = self.reported_attribution(toks, cue, previous) {
                attributions.push(a);
            }
        }
        // An attribution that reports nothing ("it posted a drop") does not cut the one
        // before it short.
        attributions.retain(|a| self.reported_content(toks, a, stop, true).is_some());
        for (i, a) in attributions.iter().enumerate() {
            let next = attributions
                .get(i + 1)
                .map_or(stop, |n| self.clause_start(toks, n.from));
            let last = i + 1 == attributions.len();
            let Some(content) = self.reported_content(toks, a, next.min(stop), last) else {
                continue;
            };
            let mut via = a.via.clone();
            via.extend(relay.iter().map(|(_, name)| name.clone()));
            let direct = self.whole_quote(content);
            let mut content = direct.map_or(content, |q| (q.inner_start, q.inner_end));
            // A quote the content opens may run on past the sentence: "were “very pleased
            // with the decision. This really just levels …”".
            if let Some(q) = self.in_quote(content.1.saturating_sub(1)) {
                content.1 = content.1.max(q.inner_end);
            }
            let last_sentence = self.sentence_of(content.1.saturating_sub(1)).max(index);
            let (start, mut end) = self.around(toks, a, content);
            if relay.is_some() {
                end = end.max(toks.last().map_or(end, |t| t.end));
            }
            if let Some(q) = self.in_quote(content.1.saturating_sub(1)) {
                end = end.max(q.end);
            }
            found.push(Found {
                sentence: self.ordinals[index],
                last_sentence: self.ordinals[last_sentence],
                start,
                end,
                speaker: Some(a.speaker.clone()),
                cue: Some(self.word(&toks[a.cue]).to_lowercase()),
                content,
                direct: direct.is_some(),
                via,
                rule: if a.according {
                    "statements/according-to"
                } else {
                    "statements/reported"
                },
            });
        }
    }

    /// Where the clause of an attribution starting at token `from` begins: before the
    /// "and" or comma that joins it to what comes before.
    fn clause_start(&self, toks: &[Token], mut from: usize) -> usize {
        while from > 0
            && matches!(
                self.word(&toks[from - 1]),
                "and" | "," | "but" | "while" | ";"
            )
        {
            from -= 1;
        }
        from
    }

    /// The speaker of a reported cue: the phrase before it, the one after an inverted cue
    /// ("…, said X."), or for a participle ("…, adding that") the speaker of the sentence's
    /// previous cue.
    fn reported_attribution(
        &self,
        toks: &[Token],
        cue: usize,
        previous: Option<&Speaker>,
    ) -> Option<Attribution> {
        if self.is_according(toks, cue) {
            return self.according(toks, cue, toks.len());
        }
        let word = self.word(&toks[cue]);
        let after_comma = cue > 0 && self.word(&toks[cue - 1]) == ",";
        // "… and added", "… and have alleged"
        let mut before_cue = cue;
        while before_cue > 0 && cues::may_separate(self.word(&toks[before_cue - 1])) {
            before_cue -= 1;
        }
        let coordinated = before_cue > 0 && self.word(&toks[before_cue - 1]) == "and";
        // "published a notice Tuesday saying that …"
        let after_document =
            (cue.saturating_sub(3)..cue).any(|i| cues::is_document(self.word(&toks[i])));
        if word.ends_with("ing") && (after_comma || after_document) || coordinated {
            // "…, adding that", "X said … and added": the speaker of the clause.
            let speaker = match previous {
                Some(p) => p.clone(),
                None => speaker::clause_subject(self, toks, cue)?,
            };
            return Some(Attribution::carried(cue, speaker));
        }
        if let Some(phrase) = speaker::before(self, toks, cue, 0) {
            return Some(self.attribute(toks, cue, phrase, toks.len()));
        }
        if after_comma && cues::may_invert(word) {
            return self.inverted(toks, cue, toks.len());
        }
        None
    }

    /// What a reported cue governs: the clause after it ("said that …", "announced the
    /// cancellation …"), or the one before it when the attribution closes the sentence
    /// ("…, the French leader said.", "…, according to the authorities.").
    /// `last`: whether no other attribution follows in the sentence.
    fn reported_content(
        &self,
        toks: &[Token],
        a: &Attribution,
        stop: usize,
        last: bool,
    ) -> Option<(usize, usize)> {
        let closing = a.from > 1 && self.closes_clause(toks, a.from - 1);
        if a.according && a.from > 0 {
            return self
                .clause_before(toks, a.from)
                .or_else(|| self.clause_after(toks, a, stop));
        }
        // "…, she said, especially …": the attribution interrupts the content.
        let interrupting = closing
            && toks.get(a.to).is_some_and(|t| self.word(t) == ",")
            && toks.get(a.to + 1).is_some_and(|t| self.word(t) != "that");
        if interrupting {
            if let Some(before) = self.clause_before(toks, a.from) {
                return Some(before);
            }
        }
        let after = self.clause_after(toks, a, stop);
        let short = after.is_none_or(|(s, e)| self.text[s..e].split_whitespace().count() <= 4);
        if closing && short && last {
            return self.clause_before(toks, a.from).or(after);
        }
        after
    }

    fn clause_after(&self, toks: &[Token], a: &Attribution, stop: usize) -> Option<(usize, usize)> {
        let mut from = a.to;
        if !a.according && cues::takes_listener(self.word(&toks[a.cue])) {
            from = self.listener_end(toks, a.cue, stop).0;
        }
        if toks.get(from).is_some_and(|t| self.word(t) == ",") && !a.according {
            // "assured, through the voice of a spokesperson, that …"
            let close = (from + 1..(from + 10).min(stop)).find(|&i| self.word(&toks[i]) == ",");
            from = close.map_or(from, |c| c + 1);
        }
        while toks
            .get(from)
            .is_some_and(|t| matches!(self.word(t), "," | ":" | "that" | "—"))
        {
            from += 1;
        }
        if !self.may_govern(toks, a.cue, from) {
            return None;
        }
        // "…, the Kenya Red Cross said, raising the possibility …": a participle, not speech.
        let participle = from > 0
            && self.word(&toks[from - 1]) == ","
            && toks[from].kind == TokenKind::Word
            && self.word(&toks[from]).ends_with("ing");
        if participle && !a.according {
            return None;
        }
        let mut stop = stop.min(toks.len());
        while stop > from
            && toks[stop - 1].kind == TokenKind::Punct
            && self.in_quote(toks[stop - 1].start).is_none()
        {
            stop -= 1;
        }
        (stop > from + 1).then(|| (toks[from].start, toks[stop - 1].end))
    }

    /// Whether the words from token `from` may be what the cue at `cue` reports: not a
    /// number ("added 0.4 per cent"), and for verbs that as often take a plain object
    /// ("added a goal", "denied a request", "responded with"), a clause or a quote.
    fn may_govern(&self, toks: &[Token], cue: usize, from: usize) -> bool {
        let Some(first) = toks.get(from) else {
            return false;
        };
        let after_that = from
            .checked_sub(1)
            .is_some_and(|i| matches!(self.word(&toks[i]), "that" | ":"));
        if after_that || self.in_quote(first.start).is_some() {
            return true;
        }
        // A number opens a clause when people or an outcome follow it ("said 18 people were
        // killed"), not a measure ("added 0.4 per cent").
        let counted = first.kind != TokenKind::Number
            || toks.get(from + 1).is_some_and(|next| {
                next.kind == TokenKind::Word
                    && !matches!(
                        self.word(next).to_lowercase().as_str(),
                        "per"
                            | "percent"
                            | "pc"
                            | "points"
                            | "point"
                            | "goals"
                            | "goal"
                            | "runs"
                            | "wickets"
                            | "degrees"
                            | "dollars"
                            | "pounds"
                            | "euros"
                            | "cents"
                            | "times"
                            | "years"
                            | "months"
                            | "weeks"
                            | "days"
                            | "hours"
                            | "minutes"
                            | "seconds"
                            | "of"
                    )
            });
        counted
            && !cues::aspectual(self.word(&toks[cue]), self.word(first))
            && (!cues::needs_clause(self.word(&toks[cue])) || cues::opens_clause(self.word(first)))
    }

    /// The clause before the attribution starting at token `from`, back to the sentence
    /// start or a semicolon.
    fn clause_before(&self, toks: &[Token], from: usize) -> Option<(usize, usize)> {
        let comma = from.checked_sub(1)?;
        if !self.closes_clause(toks, comma) || comma < 3 {
            return None;
        }
        // `…,” she said`: the clause keeps its quote, up to the closing mark.
        let comma = if self.word(&toks[comma]) == "," {
            comma
        } else {
            comma + 1
        };
        // Back to the sentence start or a semicolon, within reach: a clause is not longer.
        let floor = comma.saturating_sub(MAX_CLAUSE);
        let begin = toks[floor..comma]
            .iter()
            .rposition(|t| self.word(t) == ";")
            .map_or(floor, |i| floor + i + 1);
        let words = toks[begin..comma]
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count();
        (words >= 4).then(|| (toks[begin].start, toks[comma - 1].end))
    }

    /// Whether token `i` ends the clause before an attribution: a comma, or the closing mark
    /// of a quote (`,” she said`, `“an eye-opener” Farinloye says`).
    fn closes_clause(&self, toks: &[Token], i: usize) -> bool {
        let w = self.word(&toks[i]);
        w == ","
            || matches!(w, "”" | "\"" | "“")
                && self
                    .in_quote(toks[i].start)
                    .is_some_and(|q| q.end == toks[i].end)
    }

    /// The quote that is the whole of a content, if it is one: `said that “…”`.
    fn whole_quote(&self, (start, end): (usize, usize)) -> Option<Quote> {
        let quote = *self.in_quote(start)?;
        let trimmed_end = self.text[..end].trim_end_matches(['.', ',', ';']).len();
        (quote.start == start && quote.end >= trimmed_end).then_some(quote)
    }
}

/// The most tokens a reported clause before its attribution is read back.
const MAX_CLAUSE: usize = 200;

fn words(text: &str, quote: &Quote) -> usize {
    text[quote.inner_start..quote.inner_end]
        .split_whitespace()
        .count()
}

/// Gives pronoun speakers and quotes with no cue the speaker of the same or the previous
/// sentence, when there is one (cue-less quotes that have none are dropped later).
fn resolve(found: &mut [Found]) {
    // The latest statement with a named speaker, and the latest with any: what a pronoun
    // and a quote with no cue may refer to, in one pass.
    let mut named: Option<(usize, Speaker)> = None;
    let mut any: Option<(usize, Speaker, Vec<String>)> = None;
    for f in found.iter_mut() {
        let recent = |last_sentence: usize| last_sentence + 1 >= f.sentence;
        match &f.speaker {
            None => {
                if let Some((_, speaker, via)) = any.as_ref().filter(|(l, _, _)| recent(*l)) {
                    f.speaker = Some(speaker.clone());
                    // A quote continuing a statement keeps its relays.
                    f.via = via.clone();
                }
            }
            Some(pronoun) if pronoun.pronoun => {
                let antecedent = named
                    .as_ref()
                    .filter(|(l, s)| recent(*l) && s.agrees_with(pronoun))
                    .map(|(_, s)| s.clone());
                if let Some(antecedent) = antecedent {
                    f.speaker = Some(antecedent);
                }
            }
            Some(_) => {}
        }
        if let Some(speaker) = &f.speaker {
            if !speaker.pronoun {
                named = Some((f.last_sentence, speaker.clone()));
            }
            any = Some((f.last_sentence, speaker.clone(), f.via.clone()));
        }
    }
}

#[cfg(test)]
mod tests;
