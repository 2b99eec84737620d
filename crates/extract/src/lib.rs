//! Annotations of a clean document: what later stages read off its text.
//!
//! Each annotator is a plain function of the document; [`annotate`] runs them in order.
//! This crate now holds the sentence splitter, the date grammar and the publication date;
//! entities, time expressions, figures, statements and claims join it, each in its module.

mod dates;
mod published;
pub mod segment;

use chrono::NaiveDate;
use crosscheck_model::Document;

/// What annotation depends on besides the document.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The day relative to which dates without a year are read ("Friday, March 22" is the
    /// last such Friday up to it); today, unless pinned.
    pub reference_date: NaiveDate,
}

/// Fills the annotations of `doc`: sentences, and the publication date.
pub fn annotate(doc: &mut Document, options: &Options) {
    doc.sentences = segment::sentences(&doc.text);
    published::date_publication(doc, options.reference_date);
}
