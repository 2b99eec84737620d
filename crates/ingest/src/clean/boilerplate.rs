//! Lines that are not part of the article: link teasers, appeals, share and follow prompts,
//! media placeholders, copyright notices, repeated captions, and the trailing credit that
//! names the outlet.
//!
//! Every rule matches a whole line, anchored and length-capped, so that a sentence of the
//! article that merely mentions a donation or Facebook is never taken for boilerplate. The
//! patterns come from the lines that recur across thousands of real articles (GVA local
//! news, FA-KES, Giveme5W1H, BBC); docs/EVALUATION.md counts what each removes.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// The longest line (in characters) any line rule may remove. It also bounds the `.*` of
/// the patterns: bounded repetitions like `.{0,200}` would blow up the regex automata.
const MAX_RULE_LINE_CHARS: usize = 300;

/// A named set of whole-line patterns.
struct Rule {
    name: &'static str,
    patterns: RegexSet,
}

fn rule(name: &'static str, patterns: &[&str]) -> Rule {
    // ASCII word boundaries keep the set on the fast DFA engines (a Unicode `\b` forces
    // the slow one); the words the patterns bound are all ASCII.
    let anchored: Vec<String> = patterns
        .iter()
        .map(|p| format!("(?i)^(?:{})$", p.replace(r"\b", r"(?-u:\b)")))
        .collect();
    Rule {
        name,
        // The patterns are literals of this file: a bad one fails every test at once.
        patterns: RegexSet::new(anchored)
            .unwrap_or_else(|e| panic!("boilerplate rule {name}: {e}")),
    }
}

static LINE_RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(
            "read_also",
            &[
                r"(?:read|see) (?:also|more)(?:\s*(?:[:»>|–-]|>>).*)?[.!]?",
                r"also (?:read|see)\s*:.*",
                r"related(?: (?:articles?|stories|coverage|content|news|links?))?\s*:.*",
                r"read more (?:top )?(?:trending )?(?:stories|news) (?:on|at|from) \S+\s*:?",
                r"(?:more|trending|top) (?:stories|news|headlines)\s*:?",
                r"more from \S+",
                // The same teasers in the other languages of European news sites.
                r"(?:lesen sie (?:auch|mehr|hier)|auch lesen|mehr zum thema|mehr dazu|auch interessant|das (?:könnte|dürfte) sie auch interessieren|weitere (?:artikel|beiträge|themen)|ähnliche (?:artikel|beiträge))(?: die folgenden beiträge)?(?:\s*(?:[:»>|–-]|>>).*)?[.!]?",
                r"(?:(?:à )?lire aussi|voir aussi|sur le même sujet|à voir aussi|pour aller plus loin)(?:\s*(?:[:»>|–-]|>>).*)?[.!]?",
                r"(?:lee también|lea también|leer más|(?:también )?te puede interesar|le puede interesar|noticias relacionadas|leia (?:também|mais)|veja também|saiba mais|leggi anche|potrebbe interessarti|lees ook|lees meer)(?:\s*(?:[:»>|–-]|>>).*)?[.!]?",
                r"(?:mira|vea|ver|entdecke)\s*:.*",
                // Russian and Ukrainian teasers.
                r"(?:читайте (?:также|тоже|ещё|еще|по теме|також|ще|більше)|смотрите (?:также|тоже)|дивіться (?:також|ще)|по теме|по темі|материалы по теме|матеріали за темою|другие новости|інші новини|больше новостей|більше новин|новости партнеров|новини партнерів)(?:\s*(?:[:»>|–-]|>>).*)?[.!]?",
            ],
        ),
        rule(
            "appeal",
            &[
                r".*\bsupport (?:us|our (?:work|journalism|newsroom|reporting))\b.*",
                r".*\bdonate (?:now|today|here)\b.*",
                r".*\bbecome an? (?:patron|member|subscriber|supporter)\b.*",
                r"(?:subscribe|sign up)\b.*",
                r".*\bsign up for (?:our|one of our|the) .*newsletters?\b.*",
                r"already (?:a subscriber|a member|have an account)\s*\??.*",
                r"get (?:digital|unlimited|full) access.*",
                r"thank you for (?:registering|subscribing|signing up)\b.*",
                r"by submitting your registration information\b.*",
                r"we have sent you a verification email\b.*",
                r"welcome back\. please sign in.*",
                r"sign in using you(?:r)? account with\b.*",
                r"(?:close )?get email notifications on\b.*",
                r"email notifications are only sent\b.*",
                r"your notification has been saved\.?",
                r"there was a problem saving your notification\.?",
                r"whenever .+ posts new content\b.*",
                r"click on the button below to set up your account\b.*",
                r"(?:>>\s*)?download (?:our|the) .*\bapps?\b.*",
                r"enjoy the convenience of home delivery\b.*",
                r"re-enter zip code\b.*",
                r"sorry, this zip ?code is not in our deliverable area\b.*",
                r"you must enter the characters\b.*",
                r"we pay for your stories!.*",
                r"(?:faites un don|soutenez-nous|поддержите (?:нас|проект|редакцию)|підтримайте (?:нас|проєкт|проект|редакцію)).*",
            ],
        ),
        rule(
            "share_follow",
            &[
                r"share(?: this)?(?: article| story| page| post)?(?: on \w+)?\s*:?",
                r"like this:\s*like loading\.*",
                r"(?:stay up to date,?\s*)?(?:follow|like|join|find) (?:us|[^\s,]+(?: [^\s,]+){0,3}) on (?:the )?(?:\S+ )?(?:facebook|twitter|instagram|telegram|youtube|linkedin|tiktok)\b.*",
                r"never miss another (?:facebook|twitter|instagram) post from\b.*",
                r"add a location to your tweets",
                r"when you tweet with a location, twitter stores that location\b.*",
                r"follow \S+\s*:.*",
                r"(?:folgen sie uns|folge uns|suivez-nous|síguenos|siguenos|síganos|segue-nos|siga-nos|seguici|volg ons)\b.*",
                r"(?:den |diesen )?(?:artikel|beitrag) (?:mit anderen )?teilen\b.*",
                r"(?:подписывайтесь|подпишитесь|підписуйтесь|підпишіться) на .{0,80}",
                r"(?:поделиться|поділитися|partager)(?: (?:в|у|на|sur) \S+)?\s*:?",
            ],
        ),
        rule(
            "media_placeholder",
            &[
                r"advertisement(?:\s*[-–]?\s*continue reading (?:the main story|below))?",
                r"(?:story|article) continues below(?: advertisement)?",
                r"please enable javascript to (?:watch|view) this video\.?",
                r"scroll down for (?:video|more)\.?",
                r"watch (?:this story|the video|video)\.?",
                r"hide transcript show transcript",
                r"having trouble viewing the video\?.*",
                r"photos?|close|a a|copy link copy",
                r"click here to return to the page you were visiting\.?",
                r"click here for reuse options!?",
                r"just one more thing\.*",
                r"(?:\d+ )?(?:pending )?comments?",
                r"you are the owner of this article\.?",
                r"report an error or submit a tip\b.*",
                r"why are we asking this\?",
                // A picture's credit on a line of its own: a name, no sentence.
                r"(?:photo|photos|foto|fotos|bild|bilder|image|crédits? photo|photo credit|фото|фотография|ілюстрація|иллюстрация)\s*:\s*[^.!?]{1,80}",
                r"(?:реклама|publicité)",
            ],
        ),
        rule(
            "copyright",
            &[
                r"\(?\s*(?:source:.*)?©.*",
                r"\(?\s*(?:tm and )?(?:\(c\)|©)?\s*copyright\s*(?:\(c\)\s*|©\s*)?(?:\d{4}|by\b).*",
                r".*\bcopyright (?:©\s*)?\d{4}\b.*",
                r".*\ball rights reserved\b.*",
                r".*(?:все права защищены|всі права захищені|tous droits réservés).*",
                r"(?:this|the) material may not be published\b.*",
                r"used under license\.?\)?",
            ],
        ),
    ]
});

/// Credits that close an article and name its outlet.
static ORIGINAL_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:read|see|view) the original (?:article|story|version)(?: (?:on|at|in))?|this (?:article|story) (?:was )?(?:originally|first) (?:appeared|published) (?:on|in|by|at)|originally published (?:on|in|by|at))\s*:?\s*(?P<outlet>\S.{0,79}?)\s*\.?$",
    )
    .unwrap_or_else(|e| panic!("original-article pattern: {e}"))
});

/// Share-button words: a short line made only of these (and at least one network) is a row
/// of buttons.
const SHARE_WORDS: &[&str] = &[
    "share", "this", "on", "email", "e-mail", "print", "more", "copy", "link", "tweet", "and",
    "sms", "comments", "comment", "save",
];
const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "google",
    "google+",
    "pinterest",
    "linkedin",
    "whatsapp",
    "reddit",
    "tumblr",
    "telegram",
    "messenger",
    "instagram",
    "youtube",
    "email",
    "e-mail",
    "print",
    "x",
];

/// Lines of the article and what was taken out of them.
pub(crate) struct Stripped {
    pub lines: Vec<String>,
    pub removed: Vec<(&'static str, String)>,
    /// The outlet a trailing credit names ("Read the original article on X").
    pub outlet: Option<String>,
}

/// How many of the last non-blank lines may hold the closing credit.
const CREDIT_WINDOW: usize = 3;

/// Removes boilerplate lines. `lines` are trimmed; blank lines mark paragraphs and are kept.
pub(crate) fn strip(lines: Vec<String>) -> Stripped {
    let mut removed = Vec::new();
    let outlet_at = lines
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, l)| !l.is_empty())
        .take(CREDIT_WINDOW)
        .find_map(|(i, l)| Some((i, ORIGINAL_ARTICLE.captures(l)?["outlet"].to_string())));
    let outlet = outlet_at.as_ref().map(|(_, o)| o.clone());
    let mut kept = Vec::with_capacity(lines.len());
    let caption = repeated_caption(&lines);
    let mut previous: Option<&str> = None;
    for (i, line) in lines.iter().enumerate() {
        let verdict = if outlet_at.as_ref().is_some_and(|(at, _)| *at == i) {
            Some("original_article")
        } else if caption.contains(&i) {
            Some("caption")
        } else if !line.is_empty() && previous == Some(line.as_str()) {
            Some("repeated_line")
        } else {
            line_rule(line)
        };
        // A line repeats the last line kept, not the last one read: once the line between
        // two copies is removed, they stand together, and cleaning again must not find more.
        if !line.is_empty() && verdict.is_none() {
            previous = Some(line);
        }
        match verdict {
            Some(rule) => removed.push((rule, line.clone())),
            None => kept.push(line.clone()),
        }
    }
    Stripped {
        lines: kept,
        removed,
        outlet,
    }
}

/// The name of the rule that removes `line`, if any. A line of several sentences goes only
/// when each of them is boilerplate, so that a notice glued to a sentence of the article
/// ("© 2016 Cox Media Group. Cheron Shelton is also still behind bars …") keeps the
/// article's words; an appeal, teaser or share prompt of one or two sentences goes whole
/// ("We’re bringing the voice of Ukraine to the world. Support us …").
fn line_rule(line: &str) -> Option<&'static str> {
    if line.is_empty() || line.chars().count() > MAX_RULE_LINE_CHARS {
        return None;
    }
    let parts = sentences_of(line);
    let verdicts: Vec<Option<&'static str>> = parts.iter().map(|p| rule_for(p)).collect();
    if let Some(Some(rule)) = verdicts.iter().find(|v| v.is_some()) {
        if verdicts.iter().all(Option::is_some) {
            return Some(rule);
        }
    }
    rule_for(line).filter(|rule| parts.len() <= 2 && WHOLE_LINE_RULES.contains(rule))
}

/// Rules whose match stands for the whole of a short line, even next to another sentence.
const WHOLE_LINE_RULES: &[&str] = &["appeal", "read_also", "share_follow"];

fn rule_for(text: &str) -> Option<&'static str> {
    if is_share_row(text) {
        return Some("share_follow");
    }
    LINE_RULES
        .iter()
        .find(|rule| rule.patterns.is_match(text))
        .map(|rule| rule.name)
}

/// The sentences of one line, cut after a final mark (and closing quotes or brackets) that
/// a space and a capital, a digit or an opening mark follow.
fn sentences_of(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.peek() {
            if !matches!(q, '"' | '”' | '’' | ')' | ']' | '.' | '!' | '?') {
                break;
            }
            end = j + q.len_utf8();
            chars.next();
        }
        let rest = &line[end..];
        let next = rest.trim_start().chars().next();
        if rest.starts_with(' ')
            && next.is_some_and(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '(' | '"' | '“' | '©')
            })
        {
            parts.push(line[start..end].trim());
            start = end;
        }
    }
    parts.push(line[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

fn is_share_row(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | ',' | ':' | '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    !words.is_empty()
        && words.len() <= 12
        && words.iter().any(|w| NETWORKS.contains(&w.as_str()))
        && words
            .iter()
            .all(|w| SHARE_WORDS.contains(&w.as_str()) || NETWORKS.contains(&w.as_str()))
}

/// A short line printed twice in a row before the first paragraph: an image caption under
/// the headline (seed 003's "Crocus City Hall"). Both copies go.
fn repeated_caption(lines: &[String]) -> Vec<usize> {
    let first_paragraph = lines
        .iter()
        .position(|l| l.split_whitespace().count() > 12 && ends_sentence(l))
        .unwrap_or(lines.len());
    let non_blank: Vec<usize> = (0..first_paragraph)
        .filter(|&i| !lines[i].is_empty())
        .collect();
    non_blank
        .windows(2)
        .filter(|w| lines[w[0]] == lines[w[1]] && is_caption_like(&lines[w[0]]))
        .flat_map(|w| [w[0], w[1]])
        .collect()
}

fn is_caption_like(line: &str) -> bool {
    line.split_whitespace().count() <= 15 && !ends_sentence(line)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', '…'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(|l| l.trim().to_string()).collect()
    }

    fn rule_of(line: &str) -> Option<&'static str> {
        line_rule(line)
    }

    #[test]
    fn removes_each_kind_of_boilerplate() {
        assert_eq!(rule_of("Read also:"), Some("read_also"));
        assert_eq!(
            rule_of("READ MORE: Police name suspect in shooting"),
            Some("read_also")
        );
        assert_eq!(rule_of("Related: Three hurt in crash"), Some("read_also"));
        assert_eq!(
            rule_of("We’re bringing the voice of Ukraine to the world. Support us with a one-time donation, or become a Patron!"),
            Some("appeal")
        );
        assert_eq!(
            rule_of("Sign up for one of our email newsletters."),
            Some("appeal")
        );
        assert_eq!(rule_of("Share this: Facebook"), Some("share_follow"));
        assert_eq!(rule_of("Facebook | Twitter | Email"), Some("share_follow"));
        assert_eq!(
            rule_of("Stay Up To Date, Follow KDKA On Twitter"),
            Some("share_follow")
        );
        assert_eq!(rule_of("Advertisement"), Some("media_placeholder"));
        assert_eq!(
            rule_of("Please enable Javascript to watch this video"),
            Some("media_placeholder")
        );
        assert_eq!(
            rule_of("Copyright 2016 The Associated Press. All rights reserved."),
            Some("copyright")
        );
        assert_eq!(rule_of("(© 2016 KHOU)"), Some("copyright"));
        // The same in French, Russian and Ukrainian.
        assert_eq!(
            rule_of("Читайте также: В Керчи объявлен траур"),
            Some("read_also")
        );
        assert_eq!(rule_of("Дивіться також"), Some("read_also"));
        assert_eq!(
            rule_of("Підписуйтесь на наш Telegram-канал"),
            Some("share_follow")
        );
        assert_eq!(rule_of("Фото: Reuters"), Some("media_placeholder"));
        assert_eq!(rule_of("Реклама"), Some("media_placeholder"));
        assert_eq!(rule_of("Все права защищены."), Some("copyright"));
        assert_eq!(rule_of("Tous droits réservés"), Some("copyright"));
        // A sentence that opens with the same words stays.
        assert_eq!(rule_of("По теме выступил министр внутренних дел."), None);
    }

    #[test]
    fn notices_glued_to_the_article_keep_the_article() {
        for line in [
            "© 2016 Cox Media Group. Cheron Shelton is also still behind bars facing the same charges. He was questioned twice.",
            "No arrests were immediately made. Keep up with local news with the WDSU app here. Sign up for our email newsletters to get breaking news. Click here to sign up!",
            "They've set up an account where you can make a donation. Click here for more information.",
        ] {
            assert_eq!(rule_of(line), None, "{line}");
        }
        assert_eq!(
            rule_of("(Source: Sun-Times Media Wire © Chicago Sun-Times 2015. All Rights Reserved. This material may not be published, broadcast, rewritten, or redistributed.)"),
            Some("copyright")
        );
        assert_eq!(
            rule_of("(TM and Copyright 2015 CBS Radio Inc. and its relevant subsidiaries. CBS RADIO and EYE Logo TM and Copyright 2015 CBS Broadcasting Inc. Used under license. All Rights Reserved. This material may not be published, broadcast, rewritten, or redistributed.)"),
            Some("copyright")
        );
    }

    #[test]
    fn keeps_sentences_that_only_mention_the_same_words() {
        for line in [
            "He made a donation to the campaign last year, records show.",
            "The suspect had posted threats on Facebook before the shooting, police said.",
            "Readers can see more photos of the scene in our gallery below the article, the editor said.",
            "Police asked anyone with information to call 911.",
            "The Associated Press contributed to this report.",
            "Share prices fell 3% on Monday.",
            "Comments from the mayor were not immediately available.",
            "Background on the Crocus City Hall incident:",
            "Subscribers to the service were warned.",
            "Like many residents, she first heard about it on Facebook.",
            "Copyright infringement lawsuits were filed against him.",
        ] {
            assert_eq!(rule_of(line), None, "{line}");
        }
    }

    #[test]
    fn trailing_credit_names_the_outlet() {
        let s = strip(lines(
            "Body.\n\nRead the original article on The New Voice of Ukraine",
        ));
        assert_eq!(s.outlet.as_deref(), Some("The New Voice of Ukraine"));
        assert_eq!(s.lines, ["Body.", ""]);
        let s = strip(lines(
            "This article originally appeared on Kyiv Independent.\nBody after.",
        ));
        assert_eq!(s.outlet.as_deref(), Some("Kyiv Independent"));
    }

    #[test]
    fn credit_in_the_middle_is_not_the_outlet() {
        let s = strip(lines(
            "Read the original article on X\n\nOne.\n\nTwo.\n\nThree.\n\nFour.",
        ));
        assert_eq!(s.outlet, None);
    }

    #[test]
    fn caption_printed_twice_under_the_headline_goes() {
        let s = strip(lines("Crocus City Hall\nCrocus City Hall\n\nThe ISIS terrorist group, which claimed responsibility for the shooting, tried it before in France, Macron said."));
        assert_eq!(s.removed.iter().filter(|(r, _)| *r == "caption").count(), 2);
        assert_eq!(s.lines[0], "");
    }

    #[test]
    fn later_repeats_keep_the_first_copy() {
        let s = strip(lines("A long first paragraph that ends the way sentences do, with many words in it.\n\nSame line.\nSame line."));
        assert_eq!(s.removed, [("repeated_line", "Same line.".to_string())]);
    }
}
