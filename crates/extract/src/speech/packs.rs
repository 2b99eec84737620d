//! Statements in the languages other than English: each pack's phrases, as data
//! (`data/LANG/speech-rules.tsv`), name the speaker, the reporting verb and what was said —
//! reported ("X заявил, что …", "X a déclaré que …"), quoted ("«…», — сказал X") or attributed
//! ("selon X, …", "за словами X, …"). English keeps its own reader ([`super::find_statements`]),
//! which also resolves pronouns and relays; these phrases read what they name and no more.
//!
//! A file holds `define<TAB>NAME<TAB>pattern` lines, whose pattern stands for `{NAME}` in the
//! rules after them, and `rule<TAB>name<TAB>direct|reported<TAB>pattern` lines with the
//! groups `speaker`, `content` and, where the phrase has one, `cue`.

use std::sync::LazyLock;

use crosscheck_model::{Span, Statement};
use regex::Regex;

struct Rule {
    name: &'static str,
    direct: bool,
    pattern: Regex,
}

static PACKS: LazyLock<Vec<(&'static str, Vec<Rule>)>> = LazyLock::new(|| {
    [
        ("fr", include_str!("../../data/fr/speech-rules.tsv")),
        ("ru", include_str!("../../data/ru/speech-rules.tsv")),
        ("uk", include_str!("../../data/uk/speech-rules.tsv")),
    ]
    .into_iter()
    .map(|(lang, data)| (lang, rules(&format!("data/{lang}/speech-rules.tsv"), data)))
    .collect()
});

fn rules(file: &str, data: &'static str) -> Vec<Rule> {
    crate::lexicon::rule_lines(file, data)
        .into_iter()
        .map(|r| {
            let [name, kind] = r.fields[..] else {
                panic!("{file}:{}: expected rule, name, kind, pattern", r.line);
            };
            let direct = match kind {
                "direct" => true,
                "reported" => false,
                _ => panic!("{file}:{}: no kind {kind:?}", r.line),
            };
            let pattern = Regex::new(&r.pattern)
                .unwrap_or_else(|e| panic!("{file}:{}: pattern: {e}", r.line));
            Rule {
                name,
                direct,
                pattern,
            }
        })
        .collect()
}

/// The statements of `text` in `language`, sentence by sentence, in text order; one a
/// stretch of text (the first rule to read it wins).
pub(super) fn find_statements(
    language: &str,
    text: &str,
    sentences: &[(usize, usize)],
) -> Vec<Statement> {
    let Some((_, rules)) = PACKS.iter().find(|(l, _)| *l == language) else {
        return Vec::new();
    };
    let mut out: Vec<Statement> = Vec::new();
    for &(start, end) in sentences {
        let sentence = &text[start..end];
        // Only this sentence's statements can overlap one of its phrases: checking them
        // alone keeps a long document linear.
        let first = out.len();
        for r in rules {
            for caps in r.pattern.captures_iter(sentence) {
                let (Some(whole), Some(speaker), Some(content)) = (
                    caps.get(0),
                    crate::lexicon::named_group(&caps, "speaker"),
                    caps.name("content"),
                ) else {
                    continue;
                };
                let (from, to) = (start + whole.start(), start + whole.end());
                if out[first..]
                    .iter()
                    .any(|s| s.span.start < to && from < s.span.end)
                {
                    continue;
                }
                let content = content
                    .as_str()
                    .trim()
                    .trim_end_matches([',', '.', ';', ':']);
                // "І повідомили, що…", "Он сказал": a conjunction or a pronoun opening the
                // sentence names no one.
                if content.split_whitespace().count() < 3 || speaker.chars().count() <= 2 {
                    continue;
                }
                out.push(Statement {
                    speaker: Some(speaker),
                    speaker_entity: None,
                    role: None,
                    cue: caps.name("cue").map(|c| c.as_str().to_lowercase()),
                    content: content.to_string(),
                    direct: r.direct,
                    via: Vec::new(),
                    rule: r.name.to_string(),
                    span: Span {
                        text: text[from..to].to_string(),
                        start: from,
                        end: to,
                        field: None,
                    },
                });
            }
        }
    }
    out.sort_by_key(|s| s.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(language: &str, text: &str) -> Vec<(String, String, bool)> {
        let s = crate::segment::sentences(text);
        find_statements(language, text, &s)
            .into_iter()
            .map(|st| (st.speaker.unwrap_or_default(), st.content, st.direct))
            .collect()
    }

    #[test]
    fn reported_and_quoted_in_each_language() {
        assert_eq!(
            said(
                "ru",
                "Глава Крыма Сергей Аксёнов заявил, что стрельбу устроил студент колледжа."
            ),
            [(
                "Глава Крыма Сергей Аксёнов".to_string(),
                "стрельбу устроил студент колледжа".to_string(),
                false
            )]
        );
        assert_eq!(
            said(
                "uk",
                "«Росія повинна відповісти за те, що вони зробили», — сказала Джасінда Ардерн."
            ),
            [(
                "Джасінда Ардерн".to_string(),
                "Росія повинна відповісти за те, що вони зробили".to_string(),
                true
            )]
        );
        assert_eq!(
            said(
                "fr",
                "Selon la préfecture, le tireur a été neutralisé vers 21 heures."
            ),
            [(
                "la préfecture".to_string(),
                "le tireur a été neutralisé vers 21 heures".to_string(),
                false
            )]
        );
        assert!(said("de", "Der Minister sagte, dass es ruhig sei.").is_empty());
    }
}
