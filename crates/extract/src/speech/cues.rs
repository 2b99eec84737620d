//! The words that introduce speech, and the words around a speaker that are not the speaker.

/// Reporting verbs, in the forms that are verbs only: "said", "told", "explained". Forms that
/// are as often nouns or adjectives ("report", "states", "claim", "call") are left out, and
/// so are verbs of responsibility ("denied", "accused"), which the claims read.
const CUES: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "telling",
    "add",
    "adds",
    "added",
    "adding",
    "explain",
    "explains",
    "explained",
    "explaining",
    "announce",
    "announces",
    "announced",
    "announcing",
    "stated",
    "declared",
    "declares",
    "reported",
    "informed",
    "assure",
    "assures",
    "assured",
    "claimed",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "noted",
    "noting",
    "warn",
    "warns",
    "warned",
    "warning",
    "argue",
    "argues",
    "argued",
    "arguing",
    "write",
    "writes",
    "wrote",
    "denounced",
    "denounces",
    "denouncing",
    "responded",
    "replied",
    "indicates",
    "indicated",
    "believes",
    "suggested",
    "suggests",
    "proposed",
    "confirmed",
    "confirms",
    "emphasized",
    "emphasised",
    "emphasizing",
    "stressed",
    "stressing",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "urged",
    "urges",
    "asked",
    "tweeted",
    "recalled",
    "recalls",
    "revealed",
    "mentioned",
    "commented",
    "alleges",
    "maintained",
    "vowed",
    "pledged",
    "promised",
    "conceded",
    "cautioned",
    "complained",
    "continued",
    "concluded",
    "observed",
    "remarked",
    "contended",
    "testified",
    "asserted",
    "asserts",
    "affirmed",
    "quipped",
    "retorted",
    "acknowledging",
    "posted",
    "joked",
    "shouted",
    "exclaimed",
    "boasted",
    "lamented",
    "repeated",
    "reminded",
    "confessed",
    "scolded",
    "stuttered",
    "asks",
    "reminds",
    "alleged",
    "sniffed",
    "scoffed",
    "mused",
    "advised",
    "advises",
    "predicted",
    "speculated",
    "wondered",
    "demanded",
    "countered",
    "accused",
    "accuses",
    "accusing",
    "blamed",
    "blames",
    "denied",
    "denies",
];

/// Reporting verbs whose object is the one told, not what was said: "told AFP that …".
const TOLD: &[&str] = &[
    "tell", "tells", "told", "telling", "informed", "assure", "assures", "assured", "warn",
    "warns", "warned", "urged", "urges", "asked", "reminded", "advised", "advises",
];

/// Words that may come between a speaker and the verb: "Macron also said", "had assured".
const BETWEEN_SPEAKER_AND_CUE: &[&str] = &[
    "also",
    "thus",
    "again",
    "quickly",
    "previously",
    "then",
    "later",
    "repeatedly",
    "further",
    "first",
    "already",
    "once",
    "reportedly",
    "recently",
    "publicly",
    "simply",
    "still",
    "often",
    "earlier",
    "now",
    "just",
    "only",
    "even",
    "has",
    "have",
    "had",
    "would",
    "will",
    "did",
    "does",
    "do",
    "could",
    "may",
    "might",
    "firmly",
    "clearly",
    "flatly",
    "immediately",
    "officially",
    "initially",
    "finally",
    "quietly",
    "openly",
    "strongly",
];

/// Words after which a speaker cannot end: "the reported attack", "of said".
const NOT_A_SPEAKER_END: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "of",
    "to",
    "for",
    "with",
    "in",
    "on",
    "at",
    "by",
    "from",
    "and",
    "or",
    "as",
    "which",
    "when",
    "be",
    "been",
    "being",
    "is",
    "are",
    "was",
    "were",
    "not",
    "never",
    "no",
    "than",
    "so",
    "if",
    "what",
    "how",
    "why",
    "where",
    "whether",
    "there",
    "here",
    "it's",
    "widely",
    "commonly",
    "newly",
    "previously",
    "him",
    "them",
    "me",
    "us",
    "each",
];

/// Words that end the phrase naming a speaker, going back from the verb.
pub(crate) const SPEAKER_BOUNDARY: &[&str] = &[
    "that",
    "and",
    "but",
    "while",
    "when",
    "after",
    "before",
    "as",
    "because",
    "which",
    "who",
    "whom",
    "where",
    "if",
    "although",
    "though",
    "since",
    "so",
    "whether",
    "meanwhile",
    "however",
    "yet",
    "whereas",
    "until",
    "unless",
    "once",
];

/// Pronouns a speaker may be written as, resolved from the sentence before.
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// Words of a description that say its holder is a news medium: "told the agency".
const MEDIA_WORDS: &[&str] = &[
    "agency",
    "agencies",
    "news",
    "press",
    "tv",
    "television",
    "radio",
    "newspaper",
    "daily",
    "broadcaster",
    "channel",
    "times",
    "post",
    "journal",
    "magazine",
    "outlet",
    "outlets",
    "media",
    "afp",
    "reuters",
    "ap",
    "tass",
    "interfax",
    "ria",
    "cnn",
    "bbc",
    "nbc",
    "cbs",
    "abc",
    "fox",
    "cbc",
    "ctv",
    "bloomberg",
    "guardian",
    "telegraph",
    "herald",
    "tribune",
    "gazette",
    "observer",
    "chronicle",
    "globe",
    "star",
    "sun",
    "xinhua",
    "anadolu",
    "efe",
    "ansa",
    "dpa",
    "kyodo",
    "yonhap",
    "axios",
    "politico",
    "nytimes",
];

pub(crate) fn is_cue(word: &str) -> bool {
    CUES.contains(&word)
}

pub(crate) fn takes_listener(cue: &str) -> bool {
    TOLD.contains(&cue)
}

/// Reporting verbs that as often take a plain object as what was said: their content must
/// be a clause ("added that", "denied they jammed") or a quote.
const NEED_CLAUSE: &[&str] = &[
    "add",
    "adds",
    "added",
    "adding",
    "responded",
    "replied",
    "continued",
    "posted",
    "denied",
    "denies",
    "pledged",
    "promised",
    "reported",
    "concluded",
    "observed",
    "asked",
    "urged",
    "urges",
    "warns",
    "warned",
    "warning",
    "write",
    "writes",
    "wrote",
];

/// Words that open a clause: the subject of what was said, or what is denied.
const CLAUSE_OPENERS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "there",
    "this",
    "these",
    "any",
    "involvement",
    "allegations",
    "reports",
    "claims",
    "accusations",
    "responsibility",
    "wrongdoing",
    "to",
];

/// Words opening an adverbial between a cue and its quote: "said in a statement: “…”".
pub(crate) fn opens_adverbial(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "at"
            | "to"
            | "during"
            | "after"
            | "before"
            | "with"
            | "from"
            | "via"
            | "through"
            | "of"
            | "for"
            | "by"
            | "later"
            | "earlier"
            | "again"
            | "then"
            | "simply"
    )
}

/// Nouns of written statements, after which a participle reports them: "a notice saying".
pub(crate) fn is_document(word: &str) -> bool {
    matches!(
        word,
        "statement"
            | "notice"
            | "letter"
            | "release"
            | "tweet"
            | "post"
            | "message"
            | "note"
            | "report"
            | "memo"
            | "email"
            | "e-mail"
            | "communique"
            | "communiqué"
            | "video"
    )
}

/// Whether a word is a subject pronoun: where a clause after "told police" begins.
pub(crate) fn is_subject_pronoun(word: &str) -> bool {
    matches!(word, "he" | "she" | "they" | "it" | "we" | "I" | "there")
}

/// Whether a cue is a verb of going on, not of saying, before `next`: "the man continued to
/// advance" says nothing.
pub(crate) fn aspectual(cue: &str, next: &str) -> bool {
    matches!(cue, "continued" | "repeated") && next == "to"
}

pub(crate) fn needs_clause(cue: &str) -> bool {
    NEED_CLAUSE.contains(&cue)
}

pub(crate) fn opens_clause(word: &str) -> bool {
    listed(CLAUSE_OPENERS, word) || word == "I"
}

/// Words that make a phrase a clause, not a speaker: "a claim the city's debt is higher".
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "did", "does", "do", "thought", "think", "thinks", "i",
];

pub(crate) fn is_finite(word: &str) -> bool {
    listed(FINITE, word)
        || word == "I"
        || ["’s", "'s", "’d", "'d", "’ll", "'ll", "’m", "'m"]
            .iter()
            .any(|s| word.ends_with(s) && word.chars().next().is_some_and(char::is_lowercase))
        || matches!(
            word,
            "Here's" | "Here’s" | "It's" | "It’s" | "That's" | "That’s" | "There's" | "There’s"
        )
}

/// Whether `word`, lower-cased unless it is an acronym ("IS" is not "is"), is in `list`.
fn listed(list: &[&str], word: &str) -> bool {
    let acronym = word.chars().count() > 1 && word.chars().all(|c| c.is_uppercase());
    !acronym && list.contains(&word.to_lowercase().as_str())
}

pub(crate) fn may_separate(word: &str) -> bool {
    listed(BETWEEN_SPEAKER_AND_CUE, word)
}

pub(crate) fn cannot_end_speaker(word: &str) -> bool {
    listed(NOT_A_SPEAKER_END, word)
}

pub(crate) fn ends_speaker_phrase(word: &str) -> bool {
    listed(SPEAKER_BOUNDARY, word)
}

pub(crate) fn is_pronoun(phrase: &str) -> bool {
    listed(PRONOUNS, phrase) || phrase == "I"
}

/// Whether a cue may come before its speaker: "…,” said Smith". Not "told", whose object
/// is the listener, nor a participle, whose subject is the clause's.
pub(crate) fn may_invert(cue: &str) -> bool {
    !cue.ends_with("ing")
        && !matches!(
            cue,
            "told"
                | "tell"
                | "tells"
                | "informed"
                | "urged"
                | "asked"
                | "reminded"
                | "warned"
                | "accused"
                | "blamed"
                | "denied"
                | "quoted"
        )
}

/// Whether a phrase names a news medium: "Agence France-Presse (AFP)", "BMF TV".
pub(crate) fn names_medium(phrase: &str) -> bool {
    phrase
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| MEDIA_WORDS.contains(&w.to_lowercase().as_str()))
}
