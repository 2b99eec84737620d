//! Responsibility claims: who is said to be (or not to be) behind the attack, and by whom.
//!
//! Each rule is a phrase with a fixed stance: a party claiming the attack itself ("claimed
//! responsibility"), an assertion ("accused X of", "blamed X", "X was behind"), a suggestion
//! ("hinting at a Ukrainian trace", "the likely involvement of X", "X is most likely
//! involved") or a denial ("X has nothing to do with", "refuted these allegations",
//! "dismissed the assertions linking X"). The party is the entity the phrase names, a
//! country from its adjective ("a Ukrainian trace" → Ukraine), or for "these allegations"
//! the party of the claim they answer. Who says so is the speaker of the statement the
//! phrase is part of, else the subject of its clause. Conditions ("if they were involved")
//! and negated claims ("no group has claimed") are not claims.

use std::collections::HashSet;
use std::sync::LazyLock;

use crosscheck_model::{Claim, Entity, EntityType, EventScope, Span, Stance, Statement};
use regex::Regex;

use crate::mentions::Mentions;

mod party;
mod reported;

pub use party::{actor_of, generic_party, is_country};

/// What a rule's phrase says of the party.
#[derive(Clone, Copy, PartialEq)]
enum Party {
    /// The party claims it: the subject before the phrase.
    Claimant,
    /// The one who denies it denies its own part: "Moscow has denied any involvement".
    Denier,
    /// Named after the phrase: "the involvement of ISIS", "blamed on Daesh".
    After,
    /// Named just before the phrase: "Ukraine has nothing to do with", "ISIS is behind".
    Before,
    /// Named before, with who says so after: "the regime, accused by Washington of".
    BeforeBy,
    /// A country adjective in the phrase: "a “Ukrainian trace”".
    Adjective,
    /// The words of the `party` group, by the entity they name when one does: "accused the
    /// Kremlin and its special services of", "a Russian special service operation".
    Written,
    /// The party of the claim answered: "refuted these allegations".
    Answered,
    /// The subject of the clause, with who says so the speaker: "Le fired in self-defense,
    /// his attorney says".
    Subject,
    /// Who speaks, of their own part: "I'm taking responsibility," Tarantino said.
    Speaker,
    /// Every party named after the phrase: "carried out by either Russian or regime
    /// warplanes" (one claim each; a choice between them is a suggestion).
    AfterAll,
    /// Every party named just before the phrase, an entity or a list of words: "Russian
    /// and regime warplanes were behind" → Russian warplanes, regime warplanes.
    BeforeAll,
    /// The `party` group of the phrase as written: a language pack's rules say where the
    /// name is ("l'État islamique a revendiqué", "ответственность взяло на себя ИГИЛ").
    Group,
}

struct Rule {
    /// The rule's name, which every claim it makes carries.
    name: &'static str,
    pattern: Regex,
    stance: Stance,
    party: Party,
    /// Whether the sentence must speak of an attack: "held X responsible" is a claim only
    /// about one.
    attack: bool,
    /// A general form read only where no rule before it found a position of the same
    /// stance in the sentence: "refuted these allegations" names who is denied, and the
    /// general "refuted … allegations" (the denier denies) adds nothing there.
    fallback: bool,
}

impl Rule {
    fn fallback(mut self) -> Self {
        self.fallback = true;
        self
    }
}

/// The claim rules of the other languages, by ISO 639-1 code: `data/LANG/claim-rules.tsv`,
/// each line `rule<TAB>name<TAB>stance<TAB>party<TAB>pattern`, where `{NAME}` in a pattern
/// stands for the pattern of a `define<TAB>NAME<TAB>pattern` line (a party's name as the
/// language writes it); a `by` group names who says so. English's rules are [`RULES`].
static PACKS: LazyLock<Vec<(&'static str, Pack)>> = LazyLock::new(|| {
    [
        ("fr", include_str!("../../data/fr/claim-rules.tsv")),
        ("ru", include_str!("../../data/ru/claim-rules.tsv")),
        ("uk", include_str!("../../data/uk/claim-rules.tsv")),
    ]
    .into_iter()
    .map(|(lang, data)| {
        (
            lang,
            pack_rules(&format!("data/{lang}/claim-rules.tsv"), data),
        )
    })
    .collect()
});

/// A language's claim rules, and its relays: the words that give the sentence before them
/// a source ("Про це повідомив спікер …", "Об этом сообщил …").
struct Pack {
    rules: Vec<Rule>,
    relays: Vec<Regex>,
}

fn pack_rules(file: &str, data: &'static str) -> Pack {
    let mut relays = Vec::new();
    let rules = crate::lexicon::rule_lines(file, data)
        .into_iter()
        .filter_map(|r| {
            if r.fields[..] == ["relay"] {
                relays.push(
                    Regex::new(&r.pattern).unwrap_or_else(|e| panic!("{file}:{}: {e}", r.line)),
                );
                return None;
            }
            let [name, stance, party] = r.fields[..] else {
                panic!(
                    "{file}:{}: expected rule, name, stance, party, pattern",
                    r.line
                );
            };
            let stance = match stance {
                "claims" => Stance::Claims,
                "asserts" => Stance::Asserts,
                "suggests" => Stance::Suggests,
                "denies" => Stance::Denies,
                _ => panic!("{file}:{}: no stance {stance:?}", r.line),
            };
            let party = match party {
                "group" => Party::Group,
                "denier" => Party::Denier,
                "claimant" => Party::Claimant,
                _ => panic!("{file}:{}: no party {party:?}", r.line),
            };
            Some(rule(name, &r.pattern, stance, party, false))
        })
        .collect();
    Pack { rules, relays }
}

fn rule(name: &'static str, pattern: &str, stance: Stance, party: Party, attack: bool) -> Rule {
    Rule {
        name,
        pattern: Regex::new(pattern).unwrap_or_else(|e| panic!("claim pattern {pattern}: {e}")),
        stance,
        party,
        attack,
        fallback: false,
    }
}

/// What a perpetrator is accused of: "accused X of orchestrating the attack".
const PERPETRATING: &str = r"(?:orchestrat|carr(?:y|ied|ying) out|being behind|responsib|stag|plott|perpetrat|launch|conduct|commit|kill|bomb|attack|organi[sz]|plann|shell|strik|target|firing|shoot|massacr|gass|using chemical|dropp|murder|ambush|involvement|complicity|the (?:attack|bombing|shooting|strike|massacre))";

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    use Party::*;
    use Stance::*;
    let p = PERPETRATING;
    vec![
        rule(
            "claims/claimed-responsibility",
            r"(?i)(?-u:\b)(?:claimed|claims|claiming|has claimed|took|takes|taking|accepted) (?:the )?(?:responsibility|credit)(?-u:\b)",
            Claims,
            Claimant,
            false,
        ),
        rule(
            "claims/responsibility-claimed-by",
            r"(?i)(?-u:\b)responsibility (?:for [^,.;]{1,60} )?(?:was|has been|had been) claimed by(?-u:\b)",
            Claims,
            After,
            false,
        ),
        rule(
            "claims/nothing-to-do-with",
            r"(?i)(?-u:\b)(?:has|had|have) (?:absolutely |strictly )?nothing (?:whatsoever )?to do with(?-u:\b)",
            Denies,
            Before,
            true,
        ),
        rule(
            "claims/not-responsible",
            r"(?i)(?-u:\b)(?:was|were|is|are) not (?:responsible|behind|involved)(?-u:\b)",
            Denies,
            Before,
            true,
        ),
        rule(
            "claims/denied-involvement",
            r"(?i)(?-u:\b)(?:denied|denies|deny|denying|refuted|refutes|refuting|rejected|rejects|rejecting|dismissed|dismisses|dismiss|dismissing) (?:any |all )?(?:involvement|role|responsibility|participation|complicity)(?-u:\b)",
            Denies,
            Denier,
            true,
        ),
        rule(
            "claims/denied-allegations-linking",
            r"(?i)(?-u:\b)(?:denied|denies|deny|denying|refuted|refutes|refuting|rejected|rejects|rejecting|dismissed|dismisses|dismiss|dismissing) (?:the |these |such |those )?(?:allegations?|accusations?|assertions?|claims?|suggestions?) (?:linking|implicating|blaming|that) ",
            Denies,
            After,
            false,
        ),
        rule(
            "claims/denied-these-allegations",
            r"(?i)(?-u:\b)(?:denied|denies|deny|denying|refuted|refutes|refuting|rejected|rejects|rejecting|dismissed|dismisses|dismiss|dismissing) (?:these|such|those|the) (?:allegations|accusations|assertions|claims)(?-u:\b)",
            Denies,
            Answered,
            false,
        ),
        rule(
            "claims/non-involvement",
            r"(?i)(?-u:\b)non-involvement(?-u:\b)",
            Denies,
            Before,
            false,
        ),
        rule(
            "claims/denied-role-of",
            r"(?-u:\b)(?:denied|denies|deny|denying|refuted|rejected|dismissed|dismiss|dismissing|ruled out|rules out) (?P<party>[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3})[’']s (?:involvement|role|responsibility|participation)(?-u:\b)",
            Denies,
            Written,
            false,
        ),
        rule(
            "claims/no-evidence-of-link",
            r"(?i)(?-u:\b)no evidence (?:suggested|suggests|of|that)(?-u:\b)[^.;]{0,40}(?-u:\b)(?:connection|link|involvement|role)(?-u:\b)",
            Denies,
            After,
            true,
        ),
        rule(
            "claims/accused-of",
            &format!(r"(?i)(?-u:\b)accus(?:ed|es|ing) (?P<party>[^,.;]{{2,60}}?) of {p}"),
            Asserts,
            Written,
            false,
        ),
        rule(
            "claims/is-accused-of",
            &format!(r"(?i)(?-u:\b)(?:is|are|was|were|been|being) accused of {p}"),
            Asserts,
            Before,
            false,
        ),
        rule(
            "claims/accused-by",
            &format!(r"(?i)(?-u:\b)accused by (?P<by>[^,.;]{{2,60}}?) of {p}"),
            Asserts,
            BeforeBy,
            false,
        ),
        rule(
            "claims/blamed-for",
            r"(?i)(?-u:\b)blam(?:ed|es|ing) (?P<party>[^,.;]{2,60}?) for (?:the |this |that |a )?(?:attack|shooting|bombing|explosion|blast|massacre|strike|raid|killing|assault|incident)",
            Asserts,
            Written,
            false,
        ),
        rule(
            "claims/blamed-on",
            r"(?i)(?-u:\b)blamed on (?:the )?",
            Asserts,
            After,
            true,
        ),
        rule(
            "claims/blamed-act-on",
            r"(?i)(?-u:\b)blam(?:ed|es|ing) (?:(?:the|this|that|a|an|last|[a-z]+(?:'s|’s)|(?:mon|tues|wednes|thurs|fri|satur|sun)days) ){1,2}(?:[a-z-]+ )?(?:attacks?|shootings?|bombings?|explosions?|blasts?|massacres?|strikes?|airstrikes?|raids?|killings?|assaults?|incidents?|violence|deaths?|crash|fire|ambush) on (?:the )?",
            Asserts,
            After,
            false,
        ),
        rule(
            "claims/pointed-finger-at",
            r"(?i)(?-u:\b)point(?:ed|ing|s)? (?:the|their|a) fingers? at (?:the )?",
            Asserts,
            After,
            true,
        ),
        rule(
            "claims/held-responsible",
            r"(?i)(?-u:\b)(?:held|holds|hold|holding) (?P<party>[^,.;]{2,60}?) responsible(?-u:\b)",
            Asserts,
            Written,
            true,
        ),
        rule(
            "claims/holds-responsibility",
            r"(?i)(?-u:\b)(?:holds|hold|bears|bear|bore) (?:full |the |direct |ultimate |sole )?responsibility for(?-u:\b)",
            Asserts,
            Before,
            true,
        ),
        rule(
            "claims/blamed-quoted",
            r#"(?i)(?-u:\b)blam(?:ed|es|ing) ["“](?P<party>[^"”]{2,40})["”]"#,
            Asserts,
            Group,
            true,
        ),
        rule(
            "claims/attributed-to",
            r"(?i)(?-u:\b)(?:attack|bombing|blast|strike|shooting|plot|explosion|assault|massacre)[^.;]{0,60}(?-u:\b)attributed to(?-u:\b)",
            Asserts,
            After,
            false,
        ),
        rule(
            "claims/was-behind",
            r"(?i)(?-u:\b)(?:was|were|is|are) behind (?:the|this|these|that|it)(?-u:\b)",
            Asserts,
            BeforeAll,
            true,
        ),
        rule(
            "claims/hinted-at-trace",
            r"(?i)(?-u:\b)hint(?:ed|ing|s)? at (?:an? )?[“”\x22]?(?P<adj>[A-Z][a-z]+) (?:trace|link|connection|hand|involvement|footprint)",
            Suggests,
            Adjective,
            false,
        ),
        rule(
            "claims/likely-involvement-of",
            r"(?i)(?-u:\b)(?:likely|possible|probable|potential|suspected) (?:involvement|role|participation|hand) of (?:the )?",
            Suggests,
            After,
            false,
        ),
        rule(
            "claims/likely-involved",
            r"(?i)(?-u:\b)(?:is|are|was|were) (?:most |very |quite )?(?:likely|probably|possibly) (?:involved|behind|responsible)(?-u:\b)",
            Suggests,
            Before,
            true,
        ),
        rule(
            "claims/may-have-been-involved",
            r"(?i)(?-u:\b)(?:may|might|could) (?:have been|be) (?:involved|behind|responsible)(?-u:\b)",
            Suggests,
            Before,
            true,
        ),
        rule(
            "claims/suggested-operation",
            r"(?i)(?-u:\b)(?:suggesting|suggested|suggests|claiming|saying|believes?|indicating) (?:that )?the (?:attack|event|shooting|bombing|incident|massacre) (?:could|may|might|was|is) (?:have been |be )?(?:an? )?(?P<party>(?:[A-Z][\w.-]* |[a-z]+ ){1,4}?)(?:operation|plot|provocation|false flag)(?-u:\b)",
            Suggests,
            Written,
            false,
        ),
        rule(
            "claims/denied-report",
            r"(?i)(?-u:\b)(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)(?: all| any| the| these| those| such| a| its| his| her| their)?(?: media| news| press| earlier| latest)? (?:reports?|claims?|allegations?|accusations?|charges|accounts?|stor(?:y|ies)|suggestions?|assertions?|rumou?rs?)(?-u:\b)",
            Denies,
            Denier,
            false,
        )
        .fallback(),
        rule(
            "claims/denied-doing",
            r"(?i)(?-u:\b)(?:denied|denies|deny|denying)(?: ever| having| any of (?:its|their|his|her) [a-z]+| that (?:it|its|they|their|he|his|she|her)| (?:its|their) [a-z]+ (?:were|was|had|have|carried|conducted|launched))? [a-z]+ing(?-u:\b)",
            Denies,
            Denier,
            false,
        )
        .fallback(),
        rule(
            "claims/charges-of-untrue",
            r"(?i)(?-u:\b)(?:claims?|allegations?|accusations?|charges|reports?|suggestions?) (?:of|that) (?P<party>[^,.;]{2,40}?) (?:[a-z]+ing|were|was|had|have|did)(?-u:\b)[^.;]{0,80}?(?-u:\b)(?:(?:are|were|is|was) (?:completely |totally |entirely |absolutely |simply )?(?:untrue|false|baseless|groundless|unfounded|fabricated|not true|nonsense|lies)|(?:do|does|did) not (?:accord|tally) with (?:the )?facts)(?-u:\b)",
            Denies,
            Written,
            false,
        ),
        rule(
            "claims/untrue",
            r"(?i)(?-u:\b)(?:claims?|allegations?|accusations?|charges|reports?|accounts?)(?-u:\b)[^.;]{0,80}(?-u:\b)(?:(?:are|were|is|was) (?:completely |totally |entirely |absolutely |simply )?(?:untrue|false|baseless|groundless|unfounded|fabricated|not true|nonsense|lies)|(?:do|does|did) not (?:accord|tally) with (?:the )?facts)(?-u:\b)",
            Denies,
            Answered,
            false,
        )
        .fallback(),
        rule(
            "claims/denied-its-involvement",
            r"(?i)(?-u:\b)(?:denied|denies|deny|denying) (?:that )?(?:any of )?(?:its|their|his|her) (?:[A-Za-z-]+ ){1,8}(?:were|was|had been|have been|are|is) (?:ever )?involved(?-u:\b)",
            Denies,
            Denier,
            false,
        ),
        rule(
            "claims/denied-its-act",
            r"(?i)(?-u:\b)(?:denied|denies|deny|denying) (?:that )?(?:its|their) (?:[a-z-]+ ){0,2}[a-z-]+ (?:had )?(?:carried out|conducted|launched|struck|bombed|hit|targeted|attacked|fired on|fired at|shelled)(?-u:\b)",
            Denies,
            Denier,
            false,
        ),
        rule(
            "claims/taking-responsibility",
            r"(?i)(?-u:\b)(?:I|we)(?:['’]m|['’]re| am| are)? (?:taking|take|took|accept|accepted) (?:full |complete |all )?responsibility(?-u:\b)",
            Claims,
            Speaker,
            false,
        ),
        rule(
            "claims/not-guilty",
            r"(?i)(?-u:\b)(?:pleaded|pleads|pleading|plead|has pleaded|had pleaded) (?:not guilty|innocent)|entered (?:a )?not[- ]guilty plea",
            Denies,
            Denier,
            false,
        ),
        rule(
            "claims/self-defense",
            r"(?i)(?-u:\b)in self[- ]defen[cs]e(?-u:\b)",
            Denies,
            Subject,
            false,
        ),
        rule(
            "claims/carried-out-by",
            r"(?i)(?-u:\b)(?:carried out|perpetrated|conducted|committed|launched|staged|orchestrated|executed) by (?:either )?(?:the )?",
            Asserts,
            AfterAll,
            true,
        ),
        rule(
            "claims/accused-of-doing",
            r"(?i)(?-u:\b)accus(?:e|ed|es|ing) (?P<party>[^,.;]{2,60}?) (?:of|for) (?:allegedly |illegally |secretly |deliberately )?(?:killing|shooting|murdering|attacking|bombing|shelling|targeting|assaulting|raping|abusing|harassing|groping|molesting|forcing|smuggling|selling|supplying|exporting|transferring|shipping|violating|breaching|helping|aiding|funding|financing|arming|sponsoring|supporting|orchestrating|organi[sz]ing|planning|plotting|carrying out|committing|perpetrating|causing|starting|stealing|torturing|kidnapping|abducting|executing|poisoning|hacking|interfering|meddling|letting|allowing|evading|hiding|sheltering|harbou?ring|recruiting|training|inciting|being (?:behind|responsible|involved|complicit|caught))(?-u:\b)",
            Asserts,
            Written,
            false,
        ),
        rule(
            "claims/blamed-on",
            r"(?i)(?-u:\b)blam(?:ed|es|ing) [^,.;]{2,50}? on (?:the )?",
            Asserts,
            After,
            true,
        ),
        rule(
            "claims/to-blame",
            r"(?i)(?-u:\b)(?:was|were|is|are|be) to blame(?-u:\b)",
            Asserts,
            Before,
            true,
        ),
        rule(
            "claims/pointed-to",
            r"(?i)(?-u:\b)point(?:ed|s|ing)? to (?P<adj>[A-Z][a-z]+)(?: government| state)? (?:responsibility|involvement|culpability|complicity)",
            Asserts,
            Adjective,
            false,
        ),
        rule(
            "claims/suspected-of",
            r"(?i)(?-u:\b)(?:is|was|are|were|being|been) suspected of(?-u:\b)",
            Suggests,
            Before,
            false,
        ),
        rule(
            "claims/admitted",
            r"(?i)(?-u:\b)(?:admitted|admits|admitting|confessed|confesses|confessing)(?: to)? [a-z]+ing(?-u:\b)",
            Claims,
            Claimant,
            false,
        ),
        rule(
            "claims/said-responsible",
            r"(?i)(?-u:\b)(?:said|says|say|announced|declared) (?:that )?(?:it|they|he|she) (?:was|were|is|are) (?:responsible for|behind)(?-u:\b)",
            Claims,
            Claimant,
            true,
        ),
        rule(
            "claims/complied",
            r"(?i)(?-u:\b)(?:(?:has|have|had) )?(?:strictly |fully |faithfully |completely |always |consistently )*(?:and (?:strictly |fully |faithfully |completely )*)?(?:followed|implemented|enforced|complied with|abided by|observed|defended its enforcement of|defends its enforcement of) (?:the |all |relevant )?(?:UN |U\.N\. |United Nations |Security Council )?(?:resolutions?|sanctions)(?-u:\b)",
            Denies,
            Subject,
            false,
        ),
        rule(
            "claims/led-to-suspect",
            r"(?i)(?-u:\b)led (?:them|police|investigators|officers|detectives|deputies|authorities) to suspect (?:a |an |the )?",
            Suggests,
            After,
            false,
        ),
        rule(
            "claims/whom-identified-as",
            r"(?i), (?:whom|who) (?P<by>[^,.;]{2,40}?) (?:have |had |has )?(?:identified|described|named) as (?:a |an |the )?(?:suspect|shooter|gunman|attacker|assailant|killer|perpetrator)(?-u:\b)",
            Asserts,
            BeforeBy,
            false,
        ),
        rule(
            "claims/identified-as",
            r"(?i)(?-u:\b)identified (?P<party>[^,.;]{2,50}?) as (?:a |an |the )?(?:suspect|shooter|gunman|attacker|assailant|killer|perpetrator)(?-u:\b)",
            Asserts,
            Written,
            false,
        ),
        rule(
            "claims/defended-against",
            r"(?i)(?-u:\b)in self[- ]defen[cs]e[^.;]{0,60}? (?:from|against) (?P<party>(?:another|a second|an?|the other|an unidentified|a third)[^.;]{0,40}?(?:gunman|shooter|man|attacker|assailant|suspect))",
            Asserts,
            Written,
            false,
        ),
        rule(
            "claims/convicted",
            r"(?i)(?-u:\b)(?:convicted|found) (?P<party>[A-Z][^,.;]{1,40}?) (?:of (?:murder|manslaughter|killing|assault|attempted|first|second|capital|homicide)|guilty)(?-u:\b)",
            Asserts,
            Written,
            false,
        ),
    ]
});

/// A word every rule's phrase contains: sentences without one (nearly all) are passed over
/// in one literal search.
static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)responsib|credit|nothing|deni|deny|refut|reject|dismiss|accus|blam|responsible|attributed|behind|hint|involve|likely|probabl|possibl|evidence|operation|plot|provocation|false flag|finger|untrue|accord|false|baseless|unfounded|guilty|innocent|self-defen|self defen|carried out|perpetrated|conducted|committed|launched|staged|orchestrated|executed by|point|suspected|admit|confess|convicted|found|followed|implemented|enforced|complied|abided|observed|identified")
        .unwrap_or_else(|e| panic!("trigger pattern: {e}"))
});

/// Words that say a sentence is about an attack or another violent event.
static ATTACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:attacks?|attackers?|bomb(?:s|ing|ings|er|ers)?|blasts?|explosions?|shootings?|strikes?|air ?strikes?|raids?|massacres?|assaults?|killings?|murders?|ambush(?:es)?|sieges?|hostages?|kidnapp\w*|abduct\w*|shelling|rockets?|missiles?|chemical|gas|incident|events?|tragedy|violence|operation|plot|crash|fire|terror\w*|gunm[ae]n|suspects?|investigation)(?-u:\b)")
        .unwrap_or_else(|e| panic!("attack pattern: {e}"))
});

/// Country adjectives and the countries they name.
const ADJECTIVES: &[(&str, &str)] = &[
    ("Ukrainian", "Ukraine"),
    ("Russian", "Russia"),
    ("American", "United States"),
    ("Israeli", "Israel"),
    ("Palestinian", "Palestine"),
    ("Iranian", "Iran"),
    ("Syrian", "Syria"),
    ("Turkish", "Turkey"),
    ("Chinese", "China"),
    ("Afghan", "Afghanistan"),
    ("Pakistani", "Pakistan"),
    ("Indian", "India"),
    ("Iraqi", "Iraq"),
    ("Saudi", "Saudi Arabia"),
    ("Lebanese", "Lebanon"),
    ("British", "United Kingdom"),
    ("French", "France"),
    ("German", "Germany"),
    ("Chechen", "Chechnya"),
    ("Georgian", "Georgia"),
    ("Belarusian", "Belarus"),
    ("Polish", "Poland"),
    ("Egyptian", "Egypt"),
    ("Libyan", "Libya"),
    ("Yemeni", "Yemen"),
    ("Somali", "Somalia"),
    ("Nigerian", "Nigeria"),
    ("Qatari", "Qatar"),
    ("Jordanian", "Jordan"),
    ("Azerbaijani", "Azerbaijan"),
    ("Armenian", "Armenia"),
    ("Tajik", "Tajikistan"),
    ("Uzbek", "Uzbekistan"),
    ("Kazakh", "Kazakhstan"),
];

/// Words just before a phrase that make its attribution a suggestion.
const HEDGES: &[&str] = &[
    "believed",
    "suspected",
    "thought",
    "likely",
    "probably",
    "possibly",
];

/// Words that make what follows a condition or a question, not a claim.
const CONDITIONS: &[&str] = &["if", "whether", "unless", "in case"];

/// The responsibility claims of a document. `scopes` is each sentence's event scope.
pub(crate) fn find_claims(
    language: &str,
    text: &str,
    sentences: &[(usize, usize)],
    scopes: &[EventScope],
    entities: &[Entity],
    statements: &[Statement],
) -> Vec<Claim> {
    let mentions = Mentions::new(entities, |_| true);
    let said = reported::said(statements);
    let mut out: Vec<Claim> = Vec::new();
    // The party of the latest assertion or suggestion: what "these allegations" are about.
    let mut answered: Option<String> = None;
    let english = language == "en";
    let (rules, relays): (&[Rule], &[Regex]) = if english {
        (&RULES, &[])
    } else {
        match PACKS.iter().find(|(l, _)| *l == language) {
            Some((_, pack)) => (&pack.rules, &pack.relays),
            None => return Vec::new(),
        }
    };
    for (&(start, end), &event) in sentences.iter().zip(scopes) {
        let first_of_sentence = out.len();
        let sentence = &text[start..end];
        let event = if plot(sentence) {
            EventScope::Other
        } else {
            event
        };
        if english && !TRIGGER.is_match(sentence) {
            continue;
        }
        let attack = ATTACK.is_match(sentence);
        let sources = reported::sources(text, start, end, &mentions, &said, entities);
        for r in rules.iter().filter(|r| attack || !r.attack) {
            if r.fallback
                && out[first_of_sentence..]
                    .iter()
                    .any(|c| c.stance == r.stance)
            {
                continue;
            }
            for caps in r.pattern.captures_iter(sentence) {
                let Some(whole) = caps.get(0) else { continue };
                let (at, to) = (start + whole.start(), start + whole.end());
                // What is read around a phrase is bounded, whatever the sentence's length.
                let floor = floor_char(text, at.saturating_sub(REACH).max(start));
                let before = &text[floor..at];
                if conditional(before) || negated(before) || undecided(before) {
                    continue;
                }
                let subject = || mentions.subject(text, floor, at);
                // Who says what holds the phrase: a statement's speaker, else a source the
                // sentence gives ("…, said the Observatory").
                let speaker = || {
                    speaker_at(statements, at).or_else(|| {
                        sources
                            .iter()
                            .find(|(from, to, _)| (*from..*to).contains(&at))
                            .map(|(_, _, by)| by.clone())
                    })
                };
                // "a spokeswoman for China’s Foreign Ministry dismissed": the state whose
                // organ denies, and the organ as written.
                let state = (english
                    && (r.party == Party::Denier
                        || (r.party == Party::Subject && r.stance == Stance::Denies)))
                    .then(|| state_behind(text, clause_start(text, floor, at), at, entities))
                    .flatten();
                let by = match r.party {
                    Party::Claimant => mentions.subject_entity(text, floor, at),
                    // The organ's spokesman, else the organ: "Defense Ministry spokesman
                    // Igor Konashenkov denied".
                    Party::Denier if state.is_some() => mentions
                        .subject_entity(text, floor, at)
                        .or_else(|| state.as_ref().map(|(_, organ)| organ.clone())),
                    // "Joseph Brown, who they identified as a suspect": a pronoun stands for
                    // the sentence's subject ("Police are searching for …").
                    Party::BeforeBy => caps.name("by").and_then(|b| {
                        mentions
                            .first_in(start + b.start(), start + b.end())
                            .or_else(|| {
                                let written = b.as_str().trim();
                                if crate::speech::is_pronoun(written) {
                                    opening_words(&text[start..at])
                                } else {
                                    Some(written.to_string())
                                }
                            })
                    }),
                    // Passives say who is blamed, not who blames.
                    Party::After
                        if whole.as_str().starts_with("blamed on")
                            && !active(sentence, whole.start()) =>
                    {
                        speaker_at(statements, at)
                    }
                    Party::Before
                        if r.stance == Stance::Asserts && whole.as_str().contains("accused of") =>
                    {
                        speaker_at(statements, at)
                    }
                    // The one said to be responsible is the subject: who says so is a
                    // speaker or no one. A pack's phrase names its party; a claim of one's
                    // own is by its claimant, another position by a speaker or no one.
                    Party::Before | Party::BeforeAll | Party::Subject | Party::Speaker => speaker(),
                    Party::Group if r.stance == Stance::Claims => {
                        crate::lexicon::named_group(&caps, "party")
                    }
                    // A pack's phrase may name who says so ("(?P<by>…) сообщил, что …").
                    // One who denies with no other source denies their own part: "Кавун
                    // однако это отрицает".
                    Party::Group => crate::lexicon::named_group(&caps, "by")
                        .or_else(speaker)
                        .or_else(|| english.then(subject).flatten())
                        .or_else(|| {
                            (r.stance == Stance::Denies)
                                .then(|| crate::lexicon::named_group(&caps, "party"))
                                .flatten()
                        }),
                    _ => speaker()
                        .or_else(|| english.then(|| adjacent_source(&text[floor..at])).flatten())
                        .or_else(subject),
                };
                let parties: Vec<(String, Stance)> = match r.party {
                    Party::BeforeAll if mentions.before(text, start, at).is_none() => {
                        parties_before(text, start, at, entities, r.stance)
                    }
                    Party::AfterAll => {
                        // "believed to have been carried out by": a suggestion.
                        let hedged = HEDGES.iter().any(|h| {
                            text[floor_char(text, at.saturating_sub(40).max(start))..at]
                                .to_lowercase()
                                .contains(h)
                        });
                        let stance = if hedged { Stance::Suggests } else { r.stance };
                        parties_after(text, to, end, entities, &mentions, stance)
                    }
                    other => {
                        let party = match other {
                            Party::Claimant => by.clone(),
                            Party::Denier => state
                                .as_ref()
                                .map(|(country, _)| country.clone())
                                .or_else(|| by.clone()),
                            Party::After => mentions.after(text, to, end),
                            Party::Before | Party::BeforeBy | Party::BeforeAll => {
                                mentions.before(text, start, at)
                            }
                            Party::Adjective => {
                                caps.name("adj").and_then(|a| country(entities, a.as_str()))
                            }
                            Party::Written => caps.name("party").and_then(|p| {
                                let (from, to) = (start + p.start(), start + p.end());
                                mentions
                                    .first_in(from, to)
                                    .or_else(|| written_party(p.as_str()))
                            }),
                            Party::Answered => answered.clone(),
                            Party::Subject => mentions
                                .subject(text, floor, at)
                                .or_else(|| state.as_ref().map(|(country, _)| country.clone())),
                            Party::Speaker => by.clone(),
                            Party::Group => crate::lexicon::named_group(&caps, "party"),
                            Party::AfterAll => None,
                        };
                        // "обвиняемые, Ирина Урбах и Евгений Кавун": each name of a pack's
                        // list is a party.
                        party
                            .into_iter()
                            .flat_map(|p| match r.party {
                                Party::Group => listed_names(&p).unwrap_or_else(|| vec![p]),
                                _ => vec![p],
                            })
                            .map(|p| (p, r.stance))
                            .collect()
                    }
                };
                for (party, stance) in parties {
                    if crate::speech::is_pronoun(&party)
                        || out[first_of_sentence..]
                            .iter()
                            .any(|c| c.stance == stance && c.party == party && c.by == by)
                    {
                        continue;
                    }
                    if matches!(stance, Stance::Asserts | Stance::Suggests)
                        && event == EventScope::Main
                    {
                        answered = Some(party.clone());
                    }
                    // The sentence is the evidence; a sentence too long to read is cut around
                    // the phrase.
                    let (from, until) = if end - start <= 2 * REACH {
                        (start, end)
                    } else {
                        (floor, floor_char(text, (to + REACH).min(end)))
                    };
                    let span = Span {
                        text: text[from..until].to_string(),
                        start: from,
                        end: until,
                        field: None,
                    };
                    // "police said Montanez admitted firing": the admission relayed is the
                    // speaker's assertion too.
                    if r.name == "claims/admitted" {
                        if let Some(relay) = speaker().filter(|s| *s != party) {
                            out.push(Claim {
                                stance: Stance::Asserts,
                                party: party.clone(),
                                by: Some(relay),
                                event,
                                rule: "claims/relayed-admission".to_string(),
                                span: span.clone(),
                            });
                        }
                    }
                    out.push(Claim {
                        stance,
                        party,
                        by: by.clone(),
                        event,
                        rule: r.name.to_string(),
                        span,
                    });
                }
            }
        }
    }
    // Acts attributed in reported speech, where a phrase rule did not already read the
    // same position.
    let key = |c: &Claim| (c.party.clone(), c.stance, c.by.clone(), c.span.start);
    let mut read: HashSet<_> = out.iter().map(key).collect();
    if english {
        for claim in reported::reported_claims(text, sentences, scopes, &mentions, &said, entities)
        {
            if read.insert(key(&claim)) {
                out.push(claim);
            }
        }
    }
    // "… з боку російсько-терористичних військ. Про це повідомив спікер …": a position
    // with no source in its sentence has the one the next sentence names.
    if !relays.is_empty() {
        for claim in out.iter_mut().filter(|c| c.by.is_none()) {
            let next = sentences.partition_point(|&(s, _)| s < claim.span.end);
            let Some(&(s, e)) = sentences.get(next) else {
                continue;
            };
            claim.by = relays
                .iter()
                .find_map(|r| r.captures(&text[s..e]))
                .and_then(|caps| crate::lexicon::named_group(&caps, "by"));
        }
    }
    // One actor, one party: "Russian warplanes" and "Russia" are one position.
    let mut kept = HashSet::new();
    out.retain_mut(|c| {
        c.party = party::actor(&c.party);
        kept.insert(key(c))
    });
    out.sort_by_key(|c| c.span.start);
    out
}

/// Every party named right after byte `from` (before `until`), in a list joined by "or",
/// "and" or commas: "either Russian or regime warplanes" → Russia, regime warplanes. A
/// choice between parties makes each a suggestion.
fn parties_after(
    text: &str,
    from: usize,
    until: usize,
    entities: &[Entity],
    mentions: &Mentions<'_>,
    stance: Stance,
) -> Vec<(String, Stance)> {
    const ENDS: &[&str] = &[
        " in ",
        " on ",
        " at ",
        " near ",
        " killing",
        " killed",
        " which",
        " that",
        " who",
        " said",
        " says",
        " according",
        " targeting",
        " against",
        ",",
        ".",
        ";",
        " – ",
        " — ",
    ];
    let window_end = floor_char(text, (from + 120).min(until));
    let window = &text[from..window_end];
    let cut = ENDS
        .iter()
        .filter_map(|e| window.find(e))
        .min()
        .unwrap_or(window.len());
    let list = &window[..cut];
    let choice = list.contains(" or ") || text[..from].ends_with("either ");
    let stance = if choice && stance == Stance::Asserts {
        Stance::Suggests
    } else {
        stance
    };
    let mut out: Vec<(String, Stance)> = Vec::new();
    let mut at = from;
    let chunks: Vec<&str> = list.split(" or ").flat_map(|c| c.split(" and ")).collect();
    // "Syrian and Russian forces": a bare adjective shares the last part's noun.
    let noun = chunks
        .last()
        .and_then(|c| c.trim().rsplit_once(' '))
        .map(|(_, n)| n.trim_end_matches(['.', ',']));
    for chunk in chunks {
        let offset = at + list[at - from..].find(chunk).unwrap_or(0);
        at = offset + chunk.len();
        let words = chunk
            .trim()
            .trim_start_matches("either ")
            .trim_start_matches("the ");
        if words.is_empty() {
            continue;
        }
        // "between 10 and 30 people": a count, no party.
        if words
            .split_whitespace()
            .any(|w| crate::numbers::parse(w).is_some())
        {
            continue;
        }
        let bare_adjective = !words.contains(' ') && country(entities, words).is_some();
        let party = match (mentions.first_in(offset, offset + chunk.len()), noun) {
            (Some(entity), _) => entity,
            (None, Some(noun)) if bare_adjective => format!("{words} {noun}"),
            (None, _) if bare_adjective => country(entities, words).unwrap_or_default(),
            (None, _) => words.to_string(),
        };
        if !out.iter().any(|(p, _)| *p == party) && out.len() < 3 {
            out.push((party, stance));
        }
    }
    out
}

/// The parties of the noun group right before byte `at` (from `start`), when no entity
/// names it: "Russian and regime warplanes" → Russian warplanes, regime warplanes.
fn parties_before(
    text: &str,
    start: usize,
    at: usize,
    entities: &[Entity],
    stance: Stance,
) -> Vec<(String, Stance)> {
    let head = text[floor_char(text, at.saturating_sub(80).max(start))..at].trim_end();
    let words: Vec<&str> = head.split_whitespace().collect();
    // The group: the last words back to a clause's start, five at most.
    let mut first = words.len();
    while first > 0 && words.len() - first < 5 {
        let w = words[first - 1];
        if w.ends_with([',', ';', ':', '"', '“', '”']) || matches!(w, "that" | "said" | "says")
        {
            break;
        }
        first -= 1;
    }
    let group = words[first..].join(" ");
    let group = group.trim_start_matches("the ").trim_start_matches("The ");
    let chunks: Vec<&str> = group.split(" or ").flat_map(|c| c.split(" and ")).collect();
    let noun = chunks
        .last()
        .and_then(|c| c.rsplit_once(' '))
        .map(|(_, n)| n);
    let mut out = Vec::new();
    for chunk in chunks {
        let chunk = chunk.trim();
        if chunk.is_empty() || crate::speech::is_pronoun(chunk) {
            continue;
        }
        let bare = !chunk.contains(' ');
        let party = match noun {
            Some(noun) if bare && chunk != noun => format!("{chunk} {noun}"),
            _ => chunk.to_string(),
        };
        let party = country(entities, &party).unwrap_or(party);
        if out.len() < 3 {
            out.push((party, stance));
        }
    }
    out
}

/// Whether a sentence is about a foiled or planned attack, which is another event than the
/// one that happened.
fn plot(sentence: &str) -> bool {
    static PLOT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:foiled|thwarted|prevented|averted|planned attack|plotted|plot (?:to|against))(?-u:\b)")
            .unwrap_or_else(|e| panic!("plot pattern: {e}"))
    });
    PLOT.is_match(sentence)
}

/// Whether the verb at byte `at` has its subject before it ("Washington (has) blamed on"),
/// not a noun it describes ("explosions blamed on").
fn active(sentence: &str, at: usize) -> bool {
    let previous = sentence[..at].split_whitespace().next_back().unwrap_or("");
    matches!(previous, "has" | "have" | "had")
        || previous.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a phrase is under a condition, from the words `before` it: "would kill Ukrainian
/// leaders if it turned out that they were involved".
pub(super) fn conditional(before: &str) -> bool {
    let before = before.to_lowercase();
    CONDITIONS.iter().any(|c| {
        before
            .rfind(c)
            .is_some_and(|i| is_word_at(&before, i, c.len()) && before.len() - i < 80)
    })
}

/// Whether a phrase is negated, from the words `before` it: "no group has claimed", "did
/// not accuse".
pub(super) fn negated(before: &str) -> bool {
    let tail = &before[floor_char(before, before.len().saturating_sub(32))..];
    let tail = tail.to_lowercase();
    [
        "not ",
        "n't ",
        "n’t ",
        "never ",
        "no one ",
        "nobody ",
        "no group ",
        "no longer ",
    ]
    .iter()
    .any(|n| tail.contains(n))
}

/// The source word right before a phrase, past adverbs and auxiliaries, when it opens its
/// clause: "…, and witnesses later identified Montanez as the shooter" — a clause after
/// "and" whose subject the comma rules of [`clause_start`] do not reach.
fn adjacent_source(before: &str) -> Option<String> {
    const PASSED: &[&str] = &[
        "later",
        "also",
        "have",
        "has",
        "had",
        "first",
        "initially",
        "previously",
        "then",
    ];
    // The source is the whole subject: after a conjunction or a comma, not the head of a
    // name ("the Ahrar al-Sham rebel group denied").
    const OPENING: &[&str] = &["and", "but", "while", "as", "when", "after", "that"];
    let mut words = before
        .split_whitespace()
        .rev()
        .skip_while(|w| PASSED.contains(&w.to_lowercase().as_str()));
    let word = words.next()?;
    let opens = words
        .next()
        .is_some_and(|w| w.ends_with(',') || OPENING.contains(&w.to_lowercase().as_str()));
    let lower = word.to_lowercase();
    (opens && reported::ENGLISH.source.contains(&[lower.as_str()], 0)).then(|| word.to_string())
}

/// The names of a list written as a pack's party ("Ирина Урбах и Евгений Кавун"), when it
/// is one: two or more capitalized parts joined by commas or the packs' "and".
fn listed_names(party: &str) -> Option<Vec<String>> {
    const AND: &[&str] = &[" и ", " і ", " та ", " et "];
    let mut parts: Vec<String> = party.split(',').map(str::to_string).collect();
    for and in AND {
        parts = parts
            .iter()
            .flat_map(|p| p.split(and).map(str::to_string))
            .collect();
    }
    let parts: Vec<String> = parts.iter().map(|p| p.trim().to_string()).collect();
    (parts.len() > 1 && parts.iter().all(|p| p.starts_with(char::is_uppercase))).then_some(parts)
}

/// Whether a denial is one side of a choice not made: "to confirm or deny the report",
/// "neither confirmed nor denied".
fn undecided(before: &str) -> bool {
    let before = before.trim_end();
    before.ends_with(" or") || before.ends_with(" nor")
}

/// How far around a phrase its subject, conditions and evidence are read, in bytes.
const REACH: usize = 300;

/// `at`, moved back to a character boundary of `text`.
pub(super) fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn is_word_at(s: &str, i: usize, len: usize) -> bool {
    let before = s[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after = s[i + len..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before && after
}

/// The speaker of the statement whose content holds byte `at`.
pub(super) fn speaker_at(statements: &[Statement], at: usize) -> Option<String> {
    let (i, statement) = statements
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            let Some(offset) = s.span.text.find(&s.content) else {
                return false;
            };
            let from = s.span.start + offset;
            from <= at && at < from + s.content.len()
        })
        .min_by_key(|(_, s)| s.content.len())?;
    named_speaker(statements, i, statement.speaker.as_deref()?)
}

/// A statement's speaker by name: a pronoun ("It said…", "He said…") stands for the
/// nearest named speaker of the statements just before it.
pub(super) fn named_speaker(statements: &[Statement], i: usize, speaker: &str) -> Option<String> {
    if !crate::speech::is_pronoun(speaker) {
        return Some(speaker.to_string());
    }
    let at = statements[i].span.start;
    statements[..i]
        .iter()
        .rev()
        .take_while(|s| at.saturating_sub(s.span.end) < 2_000)
        .filter_map(|s| s.speaker.as_deref())
        .find(|s| !crate::speech::is_pronoun(s))
        .map(str::to_string)
}

/// The country an adjective names, by the document's entity for it when there is one.
pub(super) fn country(entities: &[Entity], adjective: &str) -> Option<String> {
    let (_, name) = ADJECTIVES.iter().find(|(a, _)| *a == adjective)?;
    let entity = entities.iter().find(|e| {
        e.entity_type == EntityType::Location
            && (e.name == *name || e.aliases.iter().any(|a| a == name))
    });
    Some(entity.map_or_else(|| name.to_string(), |e| e.name.clone()))
}

/// The state whose organ the clause from `from` to `at` names, and the organ as written:
/// "China’s Foreign Ministry", "the Chinese Defense Ministry", "a spokesman for the Russian
/// government" (the `organ` words of `data/en/claims.tsv` after a country's adjective or a
/// place, possessive or not).
fn state_behind(
    text: &str,
    from: usize,
    at: usize,
    entities: &[Entity],
) -> Option<(String, String)> {
    let words: Vec<&str> = text[from..at]
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | '(' | ')' | '"' | '“' | '”')))
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let place = |name: &str| {
        entities
            .iter()
            .find(|e| {
                e.entity_type == EntityType::Location
                    && (e.name == name || e.aliases.iter().any(|a| a == name))
            })
            .map(|e| e.name.clone())
            .or_else(|| {
                (party::is_country(name)
                    || (name.starts_with(char::is_uppercase) && crate::entities::is_place(name)))
                .then(|| name.to_string())
            })
    };
    // The organ nearest the verb is the subject's: "… with the Nigerian government, but the
    // authorities denied" names no state.
    let (mut i, mut organ) = (1..words.len())
        .rev()
        .find_map(|i| reported::ENGLISH.organ.at(&lower, i).map(|m| (i, m)))?;
    // "Defense Ministry" rather than its last word.
    while let Some(longer) = (i > 1)
        .then(|| reported::ENGLISH.organ.at(&lower, i - 1))
        .flatten()
        .filter(|m| m.end >= organ.end)
    {
        (i, organ) = (i - 1, longer);
    }
    let owner = words[i - 1];
    let owner = owner
        .strip_suffix("’s")
        .or_else(|| owner.strip_suffix("'s"))
        .unwrap_or(owner);
    // "South Korea’s": a place of two words before one.
    let two = (i >= 2 && words[i - 2].starts_with(char::is_uppercase))
        .then(|| place(&format!("{} {owner}", words[i - 2])))
        .flatten();
    let first = if two.is_some() { i - 2 } else { i - 1 };
    let state = two
        .or_else(|| place(owner))
        .or_else(|| country(entities, owner))?;
    Some((state, words[first..organ.end].join(" ")))
}

/// What the claim rules look up in the mentions of every type.
impl Mentions<'_> {
    /// The party named right after byte `from`, before `until`: the first mention within a
    /// few words, else a capitalized group as written ("attributed to Afghan terrorists").
    fn after(&self, text: &str, from: usize, until: usize) -> Option<String> {
        let mut window_end = (from + 60).min(until);
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = &text[from..window_end];
        let i = self.spans.partition_point(|&(s, _, _)| s < from);
        if let Some(&(s, _, entity)) = self.spans.get(i).filter(|&&(s, _, _)| s < window_end) {
            let gap = &text[from..s];
            // "suspect a neighbor, William Hudson": a role in apposition before the name.
            let role = gap.trim_end().strip_suffix(',').is_some_and(|g| {
                !g.contains([',', ';', '.'])
                    && g.split_whitespace().count() <= 3
                    && g.split_whitespace()
                        .all(|w| w.chars().next().is_some_and(char::is_lowercase))
            });
            if role || (gap.split_whitespace().count() <= 4 && !gap.contains([',', ';', '.'])) {
                return Some(entity.name.clone());
            }
        }
        written_party(window).or_else(|| group_party(window))
    }

    /// The entity first named in `[from, to)` within its first words: "the Kremlin and its
    /// special services" → Kremlin.
    fn first_in(&self, from: usize, to: usize) -> Option<String> {
        let i = self.spans.partition_point(|&(s, _, _)| s < from);
        let within: Vec<_> = self.spans[i..]
            .iter()
            .take_while(|&&(s, e, _)| e <= to && s < to)
            .collect();
        // A person or organization of the group before a place it is from ("embattled
        // Hollywood producer Harvey Weinstein").
        within
            .iter()
            .find(|(_, _, e)| matches!(e.entity_type, EntityType::Person | EntityType::Org))
            .or_else(|| within.first().filter(|&&&(s, _, _)| s < from + 12))
            .map(|(_, _, entity)| entity.name.clone())
    }

    /// The party named just before byte `at` (after `floor`): "Ukraine has nothing to do",
    /// "Ukraine's non-involvement", "ISIS is most likely involved".
    fn before(&self, text: &str, floor: usize, at: usize) -> Option<String> {
        let i = self.spans.partition_point(|&(s, _, _)| s < at);
        let &(s, e, entity) = self.spans[..i].last()?;
        let gap = text.get(e..at)?.trim();
        let adjoining = gap.is_empty()
            || matches!(
                gap,
                "’s" | "'s" | "has" | "have" | "had" | "itself" | "themselves"
            );
        (s >= floor && adjoining).then(|| entity.name.clone())
    }

    /// The subject of the clause ending at byte `at`: its last person or organization
    /// mention ("Ukrainian President Volodymyr Zelenskyy dismissed"), a place right before
    /// the verb ("Moscow has denied"), else its opening words ("Russian authorities have
    /// apprehended …").
    fn subject(&self, text: &str, floor: usize, at: usize) -> Option<String> {
        // "the Syrian regime which denied": the one the relative pronoun stands for.
        let head = text[floor..at].trim_end();
        if let Some(antecedent) = head
            .strip_suffix(" which")
            .or_else(|| head.strip_suffix(" who"))
        {
            return self.before(text, floor, floor + antecedent.len());
        }
        let clause = clause_start(text, floor, at);
        self.subject_entity(text, floor, at)
            .or_else(|| opening_words(&text[clause..at]))
    }

    /// The subject of the clause ending at `at` when an entity names it: the nearest person
    /// or organization of the clause, else a place right before the verb ("Moscow has
    /// denied"); a name after a preposition ("a spokeswoman for China’s Foreign Ministry",
    /// "of Anderson County") is no subject. When the clause is an apposition ("Hudson, 33,
    /// of Anderson County, pleaded"), the clause before it is read too. A possessor stays
    /// with its name: "China’s Foreign Ministry".
    fn subject_entity(&self, text: &str, floor: usize, at: usize) -> Option<String> {
        // The clause, then the clauses before short appositions ("33", "of Anderson
        // County"), back to the name they describe.
        let mut levels = vec![clause_start(text, floor, at)];
        while levels.len() < APPOSITIONS + 2 {
            let inner = levels[levels.len() - 1];
            let outer = clause_start(text, floor, inner.saturating_sub(2).max(floor)).min(inner);
            let short = text[outer..inner].split_whitespace().count() <= APPOSITION_WORDS;
            levels.push(outer);
            if outer == inner || (levels.len() > 2 && !short) {
                break;
            }
        }
        let i = self.spans.partition_point(|&(s, _, _)| s < at);
        let near = |e: usize| {
            text.get(e..at)
                .is_some_and(|gap| gap.split_whitespace().count() <= 3)
        };
        let after_preposition = |s: usize| {
            text[floor_char(text, s.saturating_sub(8))..s]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "of" | "in" | "at" | "for" | "from" | "near" | "to" | "by" | "with" | "on"
                    )
                })
        };
        for lo in levels {
            let found = self.spans[..i]
                .iter()
                .rev()
                .take_while(|&&(s, _, _)| s >= lo)
                .filter(|&&(s, e, _)| e <= at && !after_preposition(s))
                .find(|&&(_, e, entity)| {
                    matches!(entity.entity_type, EntityType::Person | EntityType::Org) || near(e)
                });
            if let Some(&(s, _, entity)) = found {
                return Some(self.with_possessor(text, s, &entity.name));
            }
        }
        None
    }

    /// `name`, starting at byte `s`, with the name that owns it: "China’s" + "Foreign
    /// Ministry".
    fn with_possessor(&self, text: &str, s: usize, name: &str) -> String {
        let before = text[..s].trim_end();
        let Some(owner_end) = before
            .strip_suffix("’s")
            .or_else(|| before.strip_suffix("'s"))
            .map(str::len)
        else {
            return name.to_string();
        };
        let i = self.spans.partition_point(|&(st, _, _)| st < owner_end);
        match i.checked_sub(1).map(|k| self.spans[k]) {
            Some((_, e, owner)) if e == owner_end => format!("{}’s {name}", owner.name),
            _ => name.to_string(),
        }
    }
}

/// Where the clause ending at byte `at` starts, not before `floor`: after the last comma,
/// "but" or semicolon, unless what follows is a relative clause ("ISIS, which claimed").
/// Appositions read past to find a clause's subject ("Hudson, 33, of Anderson County,
/// pleaded"), and the words each may have.
const APPOSITIONS: usize = 2;
const APPOSITION_WORDS: usize = 5;

fn clause_start(text: &str, floor: usize, at: usize) -> usize {
    let before = &text[floor..at];
    let mut cut = [", ", " but ", "; ", " while "]
        .iter()
        .filter_map(|b| before.rfind(b).map(|i| i + b.len()))
        .max()
        .unwrap_or(0);
    let rest = &before[cut..];
    let relative = rest.starts_with("which ") || rest.starts_with("who ");
    // "Ukrainian officials, including the Foreign Ministry, have refuted": after an
    // apposition the clause goes on with its verb; its subject is before the apposition.
    let verb_first = rest.chars().next().is_some_and(char::is_lowercase);
    if relative || rest.trim().is_empty() {
        cut = before[..cut.saturating_sub(2)]
            .rfind(", ")
            .map_or(0, |i| i + 2);
    } else if verb_first && cut > 0 {
        let apposition = before[..cut - 2].rfind(", ").map_or(0, |i| i + 2);
        cut = before[..apposition.saturating_sub(2)]
            .rfind(", ")
            .map_or(0, |i| i + 2);
        if apposition == 0 {
            cut = 0;
        }
    }
    floor + cut
}

/// A party as written when no entity names it: a capitalized group of at most four words,
/// "Afghan terrorists linked to …" → "Afghan terrorists", "Chechen rebels".
/// An armed group named by what it is, opening `window` ("terrorists", "the rebel groups",
/// "\"terrorists.\""): the words of the list, without their quotes.
fn group_party(window: &str) -> Option<String> {
    let window = window.trim_start();
    let window = window.strip_prefix("the ").unwrap_or(window);
    let words: Vec<&str> = window.split_whitespace().take(4).collect();
    let lower: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_matches(['.', ',', ';', '"', '“', '”'])
                .to_lowercase()
        })
        .collect();
    let found = reported::ENGLISH.group.at(&lower, 0)?;
    Some(lower[..found.end].join(" "))
}

fn written_party(window: &str) -> Option<String> {
    const ENDS: &[&str] = &[
        "linked", "who", "which", "that", "of", "for", "in", "on", "and", "with", "to", "as",
        "from",
    ];
    let window = window.trim_start();
    let window = window.strip_prefix("the ").unwrap_or(window);
    let words: Vec<&str> = window
        .split_whitespace()
        .take_while(|w| !ENDS.contains(w))
        .take(5)
        .collect();
    let last = words.last()?;
    let complete = !last.ends_with(['.', ',', ';']) || words.len() > 1;
    let capitalized = words
        .first()?
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    (capitalized && complete && words.len() <= 4 && words.len() >= 2).then(|| {
        words
            .join(" ")
            .trim_end_matches(['.', ',', ';'])
            .to_string()
    })
}

/// The noun group opening a clause, after an introductory phrase: "In the aftermath,
/// Russian authorities have …" → "Russian authorities".
fn opening_words(clause: &str) -> Option<String> {
    const VERBS: &[&str] = &[
        "have", "has", "had", "is", "are", "was", "were", "will", "would", "also", "said", "says",
    ];
    const OPENERS: &[&str] = &[
        "in",
        "on",
        "at",
        "after",
        "before",
        "meanwhile",
        "however",
        "contrastingly",
        "earlier",
        "later",
        "for",
        "with",
        "during",
        "since",
        "also",
        "that",
        "this",
        "last",
        "recently",
        "moreover",
        "still",
        "yet",
        "but",
        "and",
        "then",
        "so",
        "thus",
        "instead",
        "separately",
    ];
    let clause = clause.split(", ").find(|segment| {
        segment
            .split_whitespace()
            .next()
            .is_some_and(|w| !OPENERS.contains(&w.to_lowercase().as_str()))
    })?;
    let words: Vec<&str> = clause
        .split_whitespace()
        .take_while(|w| {
            let lower = w.to_lowercase();
            let verb_like = w.chars().next().is_some_and(char::is_lowercase)
                && (lower.ends_with("ly") || lower.ends_with("ed"));
            !VERBS.contains(&lower.as_str()) && !verb_like
        })
        .collect();
    let capitalized = words
        .first()?
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    let phrase = words.join(" ");
    // "(AP Archive) A car bombing", "Date of publication 19 October": not a subject.
    let odd = ATTACK.is_match(&phrase) || phrase.contains(|c: char| c.is_ascii_digit() || c == '(');
    (capitalized && !odd && (1..=4).contains(&words.len())).then(|| {
        phrase
            .strip_prefix("The ")
            .map_or(phrase.clone(), str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::find_entities;
    use crate::segment::sentences;

    fn claims(text: &str) -> Vec<(Stance, String, Option<String>)> {
        claims_in("en", text)
    }

    fn claims_in(language: &str, text: &str) -> Vec<(Stance, String, Option<String>)> {
        let s = sentences(text);
        let entities = find_entities(language, text, &s);
        let statements = crate::speech::find_statements(language, text, &s, &entities);
        let scopes = vec![EventScope::Main; s.len()];
        find_claims(language, text, &s, &scopes, &entities, &statements)
            .into_iter()
            .map(|c| (c.stance, c.party, c.by))
            .collect()
    }

    #[test]
    fn blame_for_an_act_laid_on_a_party_named_or_described() {
        let asserts = |party: &str, by: &str| (Stance::Asserts, party.to_string(), Some(by.into()));
        assert_eq!(
            claims("Officials blamed the attack on the Islamic State."),
            [asserts("Islamic State", "Officials")]
        );
        assert_eq!(
            claims("A car bomb hit the buses. The government blamed Saturday's attack on \"terrorists.\""),
            [asserts("terrorists", "government")]
        );
        assert_eq!(
            claims("The army blamed the deadly blast on rebel groups."),
            [asserts("rebel groups", "army")]
        );
        // Blame for what is no act of violence is no claim: "blamed the delay on the weather".
        assert!(claims("The airline blamed the delay on the weather.").is_empty());
    }

    #[test]
    fn claims_in_french_russian_and_ukrainian() {
        let one = |language: &str, text: &str| {
            let c = claims_in(language, text);
            assert_eq!(c.len(), 1, "{language}: {c:?}");
            (c[0].0, c[0].1.clone())
        };
        let claimed = |party: &str| (Stance::Claims, party.to_string());
        assert_eq!(
            one(
                "fr",
                "L'attentat a été revendiqué par l'organisation État islamique."
            ),
            claimed("État islamique")
        );
        assert_eq!(
            one(
                "fr",
                "Le groupe autoproclamé « État islamique » a revendiqué les attaques."
            ),
            claimed("État islamique")
        );
        assert_eq!(
            one(
                "fr",
                "L'organisation « État islamique » revendique l'attaque."
            ),
            claimed("État islamique")
        );
        assert_eq!(
            one(
                "ru",
                "Ответственность за теракт взяло на себя Исламское государство."
            ),
            claimed("Исламское государство")
        );
        assert_eq!(
            one(
                "uk",
                "Відповідальність за напад взяло на себе угруповання ІДІЛ."
            ),
            claimed("ІДІЛ")
        );
        assert_eq!(
            one(
                "ru",
                "Эр-Рияд отрицает причастность к исчезновению журналиста."
            ),
            (Stance::Denies, "Riyadh".to_string())
        );
        // Without a pack, nothing is read.
        assert!(claims_in("de", "Der IS hat die Verantwortung übernommen.").is_empty());
    }

    #[test]
    fn accusations_and_denials_in_russian_and_ukrainian() {
        let all = |language: &str, text: &str| {
            claims_in(language, text)
                .into_iter()
                .map(|(stance, party, by)| (stance, party, by.unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        let claim = |stance, party: &str, by: &str| (stance, party.to_string(), by.to_string());
        // Who denies their own part, and a plea.
        assert_eq!(
            all("ru", "Петров однако это отрицает."),
            [claim(Stance::Denies, "Петров", "Петров")]
        );
        assert_eq!(
            all("ru", "Сидоренко на суде не признал свою вину."),
            [claim(Stance::Denies, "Сидоренко", "Сидоренко")]
        );
        // A state's organ rejecting the accusations: the state is the party.
        assert_eq!(
            all(
                "uk",
                "Речник МЗС Угорщини Янош Ковач відкинув ці звинувачення."
            ),
            [claim(Stance::Denies, "Угорщини", "МЗС Угорщини Янош Ковач")]
        );
        // The doer after the deed, the doer described, an organisation in the plural.
        assert_eq!(
            all("uk", "Поліція запевняє, що спровокували бійку приїжджі."),
            [claim(Stance::Asserts, "приїжджі", "Поліція")]
        );
        assert_eq!(
            all(
                "uk",
                "Міністр Іван Петренко заявив, що ворожі війська вчинили «воєнні злочини»."
            ),
            [claim(
                Stance::Asserts,
                "ворожі війська",
                "Міністр Іван Петренко"
            )]
        );
        assert_eq!(
            all(
                "ru",
                "В МВД подтвердили эти данные, уточнив, что нападение совершил 30-летний мужчина."
            ),
            [claim(Stance::Asserts, "30-летний мужчина", "МВД")]
        );
        // An act from a party's side; a conjunction ends the party.
        assert_eq!(
            all(
                "ru",
                "Город подвергся обстрелу со стороны боевиков и наёмников."
            ),
            [claim(Stance::Asserts, "боевиков", "")]
        );
        // A source named in the next sentence.
        assert_eq!(
            all(
                "uk",
                "Вночі зафіксовано обстріл з боку бойовиків. Про це повідомив речник Іван Коваль."
            ),
            [claim(Stance::Asserts, "бойовиків", "речник Іван Коваль")]
        );
        // Each name of a list the investigation's version gives.
        assert_eq!(
            all(
                "ru",
                "По версии следствия обвиняемые, Анна Лис и Олег Жук, похищали деньги пенсионеров."
            ),
            [
                claim(Stance::Asserts, "Анна Лис", "следствия"),
                claim(Stance::Asserts, "Олег Жук", "следствия")
            ]
        );
        // The doer of a passive deed, with the quote's speaker.
        assert_eq!(
            all(
                "uk",
                "«Цивільних, поранених ворожими військами, вивезли», – заявив міністр Іван Бойко."
            ),
            [claim(
                Stance::Asserts,
                "ворожими військами",
                "міністр Іван Бойко"
            )]
        );
        // A version an investigation leans to is a suggestion.
        assert_eq!(
            all(
                "uk",
                "Слідство схиляється до версії про підпал конкурентами."
            ),
            [claim(Stance::Suggests, "конкурентами", "Слідство")]
        );
    }

    #[test]
    fn a_state_denies_through_its_organs() {
        let c = claims("A spokeswoman for Brazil’s Foreign Ministry dismissed the reports.");
        assert_eq!(
            c,
            [(
                Stance::Denies,
                "Brazil".to_string(),
                Some("Brazil’s Foreign Ministry".to_string())
            )]
        );
        let c = claims("The Turkish Defense Ministry denied the reports.");
        assert_eq!(c[0].1, "Turkey");
        // A choice not made is no denial.
        assert!(claims("The firm would neither confirm nor deny the reports.").is_empty());
        assert!(claims("The company declined to confirm or deny the report.").is_empty());
    }

    #[test]
    fn denied_acts_blame_in_quotes_and_responsibility_held() {
        let c =
            claims("Moscow denied its bombers or those of its allies were involved in the raid.");
        assert_eq!(c[0].0, Stance::Denies);
        let c = claims("The Turkish army has denied its jets struck the village.");
        assert_eq!((c[0].0, c[0].1.as_str()), (Stance::Denies, "Turkey"));
        let c = claims("The ministry blamed \"foreign agents\" for the bombing.");
        assert_eq!(
            c,
            [(
                Stance::Asserts,
                "foreign agents".to_string(),
                Some("ministry".to_string())
            )]
        );
        let c = claims("Trump accused Iran on Thursday of being behind the attack.");
        assert_eq!((c[0].0, c[0].1.as_str()), (Stance::Asserts, "Iran"));
        let c = claims("\"We hold the Iranian government responsible for the attack,\" Ross said.");
        assert_eq!(c[0].1, "Iranian government");
    }

    #[test]
    fn a_name_past_its_apposition() {
        let c = claims(
            "Tom Reed, 38, a Newton resident, who allegedly shot three people, was arrested, police said.",
        );
        assert_eq!(c[0].1, "Tom Reed");
        // A place or an adverb before the comma is no name the apposition describes.
        let c = claims("In Brooklyn, a gunman shot two men, police said.");
        assert!(c.iter().all(|c| c.1 != "Brooklyn"), "{c:?}");
    }

    #[test]
    fn joint_actors_each_named_and_a_choice_suggests() {
        let c =
            claims("Syrian or Russian warplanes bombed aid trucks near Aleppo, activists said.");
        let parties: Vec<(Stance, &str)> = c.iter().map(|c| (c.0, c.1.as_str())).collect();
        assert_eq!(
            parties,
            [(Stance::Suggests, "Syria"), (Stance::Suggests, "Russia")]
        );
        let c = claims("Activists said that the Assad regime and Russian jets bombed the towns.");
        let parties: Vec<&str> = c.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(parties, ["regime", "Russia"]);
    }

    #[test]
    fn subjects_past_adverbials_and_sources_without_commas() {
        // A text whose commas were lost still names its source before the closing verb.
        let c = claims(
            "Russian warplanes bombed the market the Syrian Observatory for Human Rights also reported.",
        );
        assert_eq!(
            c[0].2.as_deref(),
            Some("Syrian Observatory for Human Rights")
        );
        let c = claims(
            "On Tuesday the regime carried out air strikes on the town, the Observatory said.",
        );
        assert_eq!(c[0].1, "regime");
        // A gerund after a preposition is no act of the clause's subject, but one blamed
        // "for" it is.
        let c = claims(
            "The authorities said they inspected a vessel, suspected of secretly transferring oil.",
        );
        assert!(c.is_empty(), "{c:?}");
        let c = claims(
            "Trump said he was very disappointed in China for allegedly selling oil to the North.",
        );
        assert_eq!(c[0].1, "China");
    }

    #[test]
    fn a_clause_going_on_with_and_keeps_its_subject() {
        let c = claims(
            "Prosecutor Bob McCulloch said the suspect walked up to the officer, who by this \
             time was on the ground, and shot him again.",
        );
        assert_eq!(c[0].1, "suspect");
        // "began to fire" is done; "slang for an AR-15" is no one who began shooting.
        let c = claims(
            "Police said the gunman got out and began to fire multiple rounds at the crowd.",
        );
        assert_eq!(c[0].1, "gunman");
        let c = claims(
            "Police said he pulled a “chopper,” slang for an AR-15, and began shooting into the crowd.",
        );
        assert!(c.iter().all(|c| c.1 != "slang"), "{c:?}");
    }

    #[test]
    fn what_evidence_shows() {
        let c = claims("A graphic video released Tuesday shows the officer shooting the teen.");
        assert_eq!(
            c,
            [(
                Stance::Asserts,
                "officer".to_string(),
                Some("graphic video".to_string())
            )]
        );
        // The act's own modifiers are no doer, and a hedge makes a suggestion.
        assert!(claims("Surveillance video from a gas station captured the shooting.").is_empty());
        let c = claims("Images purportedly show Chinese tankers transferring oil at sea.");
        assert_eq!(c[0].0, Stance::Suggests);
        assert_eq!(c[0].1, "Chinese tankers");
    }

    #[test]
    fn identified_by_whom() {
        let c = claims("Police are searching for Joseph Brown, who they identified as a suspect.");
        assert_eq!(
            c,
            [(
                Stance::Asserts,
                "Joseph Brown".to_string(),
                Some("Police".to_string())
            )]
        );
        let c = claims("A clerk was hurt, and witnesses later identified Ray Cole as the shooter.");
        assert_eq!(c[0].2.as_deref(), Some("witnesses"));
    }

    #[test]
    fn first_person_responsibility_and_charges_called_false() {
        let c = claims("\"I'm taking full responsibility for the crash,\" Jones said.");
        assert_eq!(
            c,
            [(
                Stance::Claims,
                "Jones".to_string(),
                Some("Jones".to_string())
            )]
        );
        let c = claims(
            "A spokesman said that claims of Turkish troops shelling the village were baseless.",
        );
        assert_eq!(c[0].0, Stance::Denies);
        assert_eq!(c[0].1, "Turkish troops");
    }

    #[test]
    fn acts_attributed_in_reported_speech() {
        let c = claims("Police said the suspect shot open the door and shot him in the stomach.");
        assert!(
            c.iter().any(|(s, p, b)| *s == Stance::Asserts
                && p == "suspect"
                && b.as_deref() == Some("Police")),
            "{c:?}"
        );
        let c =
            claims("According to the Observatory, Russian warplanes bombed the market on Sunday.");
        assert!(
            c.iter()
                .any(|(_, p, b)| p == "Russia" && b.as_deref() == Some("Observatory")),
            "{c:?}"
        );
        let c = claims("And police say the attackers appeared to be Arab or North African.");
        let parties: Vec<&str> = c.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(parties, ["Arab", "North African"], "{c:?}");
        assert!(c.iter().all(|(s, _, _)| *s == Stance::Suggests));
        // A pronoun before a name given as the perpetrators' identity; not before anything.
        let c = claims("The police chief says they look \"Arab or North African.\"");
        let parties: Vec<&str> = c.iter().map(|(_, p, _)| p.as_str()).collect();
        assert_eq!(parties, ["Arab", "North African"], "{c:?}");
        assert!(claims("Police said they looked for clues near the house.").is_empty());
        assert!(claims("A neighbor said they looked like a regular family.").is_empty());
        // A victim described, not a doer; a passive without its agent.
        assert!(claims("Police said a 37-year-old niece was shot in the arm.").is_empty());
    }

    #[test]
    fn denials_in_many_forms() {
        let denies = |text: &str| {
            claims(text)
                .into_iter()
                .filter(|(s, _, _)| *s == Stance::Denies)
                .map(|(_, p, _)| p)
                .collect::<Vec<_>>()
        };
        assert_eq!(denies("China denied the reports on Friday."), ["China"]);
        assert_eq!(
            denies(
                "Hua said that charges of Chinese ships sending oil \"do not accord with facts.\""
            ),
            ["Chinese ships"]
        );
        assert_eq!(
            denies("Beijing has denied making illegal shipments."),
            ["Beijing"]
        );
        assert!(
            !denies("William Mitchell Hudson, 33, pleaded not guilty to capital murder.")
                .is_empty()
        );
        assert_eq!(
            denies("William Mitchell Hudson, 33, of Anderson County, pleaded not guilty."),
            ["William Mitchell Hudson"]
        );
        let suspected = claims(
            "Physical evidence, the sheriff said, led them to suspect a neighbor, William Hudson, 33, for the crime.",
        );
        assert_eq!(suspected.len(), 1, "{suspected:?}");
        assert_eq!(suspected[0].1, "William Hudson");
        // The source in commas mid-sentence says it.
        assert_eq!(suspected[0].2.as_deref(), Some("sheriff"));
        let c = claims(
            "The raids were carried out by either Russian or regime warplanes, the monitor said.",
        );
        let parties: Vec<&str> = c.iter().map(|(_, p, _)| p.as_str()).collect();
        // Each actor, not its aircraft, is the party.
        assert_eq!(parties, ["Russian warplanes", "regime"], "{c:?}");
        assert!(c.iter().all(|(s, _, _)| *s == Stance::Suggests));
    }

    #[test]
    fn stances_parties_and_who_says_so() {
        let c = claims("The Taliban claimed responsibility for the bombing in Kabul.");
        assert_eq!(
            c,
            [(
                Stance::Claims,
                "Taliban".to_string(),
                Some("Taliban".to_string())
            )]
        );

        let c = claims("The Foreign Ministry has firmly denied any involvement in the attack.");
        assert_eq!(c[0].0, Stance::Denies);
        assert!(c[0].1.contains("Foreign Ministry"));

        let c = claims("Police have hinted at a “Chechen trace” in the bombing.");
        assert_eq!(c[0].0, Stance::Suggests);
        assert_eq!(c[0].1, "Chechnya");

        let c =
            claims("The United States accused the Syrian government of carrying out the attack.");
        assert_eq!(c[0].0, Stance::Asserts);
        assert!(c[0].1.contains("Syrian government"));
        assert!(c[0]
            .2
            .as_deref()
            .is_some_and(|b| b.contains("United States")));
    }

    #[test]
    fn not_claims_of_an_attack() {
        assert!(claims("The fund holds 60 percent of the company.").is_empty());
        assert!(claims("Critics accused the mayor of arrogance.").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_hold(text in "([A-Za-zé’“” ,.;-]{0,10}| claimed responsibility| accused| of attacking| denied| any involvement| has nothing to do with| Ukraine| the Kremlin| if| not| which| blamed on| hinting at a “Ukrainian trace”| is most likely involved| said){0,30}") {
            let s = sentences(&text);
            let entities = find_entities("en", &text, &s);
            let statements = crate::speech::find_statements("en", &text, &s, &entities);
            let scopes = vec![EventScope::Main; s.len()];
            for c in find_claims("en", &text, &s, &scopes, &entities, &statements) {
                proptest::prop_assert_eq!(&text[c.span.start..c.span.end], c.span.text.as_str());
                proptest::prop_assert!(!c.party.is_empty());
            }
        }
    }

    #[test]
    fn conditions_and_negations_are_not_claims() {
        assert!(claims("Medvedev said Moscow would retaliate if it turned out that Ukraine was behind the attack.").is_empty());
        assert!(claims("No group has claimed responsibility for the attack.").is_empty());
    }
}
