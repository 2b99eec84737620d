//! Dossiers and documents as people read them, one way for every caller: the command line's
//! Markdown and self-contained HTML page, the server's pages, and the CSV tables coders load
//! into a spreadsheet.
//!
//! Everything here renders from the data of a dossier: each fact carries its evidence
//! (`{document, start, end, text}`), and [`cite`] turns that into the sentence and the link
//! a reader follows. Nothing parses a phrase back into data.
//!
//! Every string of an article is untrusted: HTML is built with maud, which escapes all it
//! interpolates, and Markdown escapes what would make markup.

pub mod cite;
pub mod export;
pub mod html;
pub mod markdown;
pub mod present;
pub mod standoff;
