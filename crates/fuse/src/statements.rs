//! Statements across documents: one quote carried by several outlets is one statement,
//! with all its documents.

use crosscheck_model::fold::folded_words;
use crosscheck_model::{Document, DossierStatement, Evidence};

use crate::entities::Names;

/// Content words shorter than this are too little to call two statements one.
const MIN_WORDS: usize = 4;

/// The event's statements, deduplicated: the same speaker (by canonical name; an unnamed
/// speaker matches only an unnamed one) saying the same words, or words one outlet trimmed
/// from the other's, is one statement. The fullest wording is kept, with every document.
pub fn deduplicated(docs: &[Document], names: &Names) -> Vec<DossierStatement> {
    let mut out: Vec<(Option<String>, String, DossierStatement)> = Vec::new();
    for doc in docs {
        for statement in &doc.statements {
            let speaker = statement.speaker.as_deref().map(|s| names.canonical(s));
            let words = folded_words(&statement.content).join(" ");
            let same = out.iter().position(|(s, w, _)| {
                *s == speaker
                    && words.split(' ').count() >= MIN_WORDS
                    && (w.contains(&words) || words.contains(w.as_str()))
            });
            let evidence = Evidence::of(&doc.id, &statement.span);
            match same {
                Some(k) => {
                    let entry = &mut out[k];
                    if !entry.2.documents.contains(&doc.id) {
                        entry.2.documents.push(doc.id.clone());
                    }
                    entry.2.evidence.push(evidence);
                    if words.len() > entry.1.len() {
                        entry.1 = words;
                        entry.2.statement = statement.clone();
                    }
                }
                None => out.push((
                    speaker,
                    words,
                    DossierStatement {
                        statement: statement.clone(),
                        documents: vec![doc.id.clone()],
                        evidence: vec![evidence],
                    },
                )),
            }
        }
    }
    out.into_iter().map(|(_, _, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{CanonicalEntity, EntityType, Span, Statement};

    fn statement(speaker: Option<&str>, content: &str) -> Statement {
        Statement {
            speaker: speaker.map(String::from),
            speaker_entity: None,
            role: None,
            cue: Some("said".into()),
            content: content.into(),
            direct: true,
            via: Vec::new(),
            rule: "test".into(),
            span: Span {
                text: content.into(),
                start: 0,
                end: content.len(),
                field: None,
            },
        }
    }

    fn doc(id: &str, statements: Vec<Statement>) -> Document {
        let mut d = Document::new(id.into(), format!("{id}.txt"), String::new());
        d.statements = statements;
        d
    }

    #[test]
    fn one_quote_in_two_outlets_is_one_statement_with_the_fullest_words() {
        let quote = "Ukraine has absolutely nothing to do with these events";
        let docs = [
            doc(
                "a",
                vec![statement(
                    Some("Mykhaïlo Podoliak"),
                    &format!("Let's be clear: {quote}."),
                )],
            ),
            doc(
                "b",
                vec![
                    statement(Some("Podoliak"), &format!("{quote},")),
                    statement(
                        Some("Zelensky"),
                        "Putin and the other scum are trying to blame Ukraine",
                    ),
                    statement(None, "Ok"),
                ],
            ),
            doc("c", vec![statement(None, "Ok")]),
        ];
        let names = Names::new(&[CanonicalEntity {
            id: "E1".into(),
            name: "Mykhaïlo Podoliak".into(),
            entity_type: EntityType::Person,
            aliases: vec!["Podoliak".into()],
            documents: vec![],
        }]);
        let found = deduplicated(&docs, &names);
        assert_eq!(
            found.len(),
            4,
            "too short to merge: two one-word remarks stay apart"
        );
        assert_eq!(found[0].documents, ["a", "b"]);
        assert!(found[0].statement.content.starts_with("Let's be clear"));
    }
}
