//! Annotations of a clean document: what later stages read off its text.
//!
//! Each annotator is a plain function of the document; [`annotate`] runs them in order.
//! This crate holds the sentence splitter, the date grammar, the publication date, the time
//! expressions, the entities, the figures, the statements and the claims, each in its module.

mod claims;
mod dates;
pub mod entities;
mod figures;
mod incident_dates;
mod lexicon;
mod mentions;
mod numbers;
mod published;
mod scope;
pub mod segment;
mod speech;
mod tense;
mod times;

pub use claims::{actor_of, generic_party, is_country};
pub use figures::languages;
/// The reader of the word-list files (`class<TAB>phrase[<TAB>value]`), for the stages after
/// extract that keep their own words as data (fuse's framing).
pub use lexicon::Entries;

use chrono::NaiveDate;
use crosscheck_model::{Document, EventScope, Field, Warning, WarningKind};

/// What annotation depends on besides the document.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The day relative to which dates without a year are read ("Friday, March 22" is the
    /// last such Friday up to it); today, unless pinned.
    pub reference_date: NaiveDate,
}

/// Fills the annotations of `doc`: sentences, the publication date, the time expressions
/// normalized against it (with `published_not_before` where it is unknown), entities,
/// figures, statements and responsibility claims.
pub fn annotate(doc: &mut Document, options: &Options) {
    doc.sentences = segment::sentences(&doc.text);
    published::date_publication(doc, options.reference_date);
    let reference = doc
        .published
        .as_deref()
        .and_then(|p| NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok());
    // The language picks each stage's pack; a document of unknown language is read as English.
    let language = doc.language.clone().unwrap_or_else(|| "en".to_string());
    let language = language.as_str();
    doc.times = times::find_times(language, &doc.text, &doc.sentences, reference);
    doc.entities = entities::find_entities(language, &doc.text, &doc.sentences);
    let scopes = scope::sentence_scopes(&doc.text, &doc.sentences, &doc.times, reference);
    // No silent emptiness: what is not read in the document's language is said.
    let read = languages();
    let unread = if !read.contains(&language) {
        Some(format!(
            "no extraction rules for language {language}: figures, claims, statements and \
             dates are read in {} only",
            read.join(", ")
        ))
    } else if language != "en" {
        Some(format!(
            "{language} is read by a smaller pack than English: figures, claims, statements \
             in their common phrasings, and of time expressions dates, weekdays, parts of the \
             day and day words"
        ))
    } else {
        None
    };
    if let Some(message) = unread {
        doc.warnings.push(Warning {
            kind: WarningKind::Language,
            message,
            start: None,
            end: None,
        });
    }
    doc.figures = figures::find_figures(
        language,
        &doc.text,
        &doc.sentences,
        &doc.times,
        &scopes,
        reference,
    );
    // The headline's counts, after the body's (so that the lead still gives the document's
    // first telling): a headline is often the only place a toll is said in so many words,
    // and one taken out of the text's first line was part of what the source wrote.
    if let Some(title) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
        let whole = [(0, title.len())];
        let title_figures =
            figures::find_figures(language, title, &whole, &[], &[EventScope::Main], reference);
        doc.figures.extend(title_figures.into_iter().map(|mut f| {
            f.span.field = Some(Field::Title);
            f
        }));
    }
    doc.statements = speech::find_statements(language, &doc.text, &doc.sentences, &doc.entities);
    doc.claims = claims::find_claims(
        language,
        &doc.text,
        &doc.sentences,
        &scopes,
        &doc.entities,
        &doc.statements,
    );
    if doc.published.is_none() {
        let told = tense::Told::new(&doc.text, &doc.sentences);
        doc.published_not_before = times::not_before(&doc.times, &told);
    }
    add_title_entities(doc, language);
}

/// The names of the headline, as mentions with the field `title`: often the only place an
/// article names the town ("États-Unis : une fusillade à Las Vegas tue 59 personnes", whose
/// text goes on with the hotel). Added after the stages that read the text's mentions
/// (statements, claims), so that they keep reading the text alone.
fn add_title_entities(doc: &mut Document, language: &str) {
    let Some(title) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) else {
        return;
    };
    let found = entities::find_entities(language, title, &segment::sentences(title));
    for entity in found {
        let mentions = entity.mentions.into_iter().map(|mut m| {
            m.field = Some(Field::Title);
            m
        });
        match doc
            .entities
            .iter_mut()
            .find(|e| e.entity_type == entity.entity_type && e.name == entity.name)
        {
            Some(known) => known.mentions.extend(mentions),
            None => {
                let id = format!("e{}", doc.entities.len() + 1);
                doc.entities.push(crosscheck_model::Entity {
                    id,
                    mentions: mentions.collect(),
                    ..entity
                });
            }
        }
    }
}
