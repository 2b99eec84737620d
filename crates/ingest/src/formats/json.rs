//! JSON (one object, an array of objects, or several objects in a row) and JSON Lines (one
//! object a line), with the field names of SPEC.md and of news-please.

use std::io::BufRead;

use serde_json::{Map, Value};

use super::text::read_capped;
use super::{fingerprint, next_line, record_source, Line, Reader, Record};
use crate::{Body, Limits, Metadata, RawArticle, SkipReason};

/// The fields that may hold each piece of an article, first match wins.
const TEXT_FIELDS: &[&str] = &["text", "maintext"];
const ID_FIELDS: &[&str] = &["id", "dId"];
/// `source` names the outlet in many dumps; it never overrides the document's own `source`.
const OUTLET_FIELDS: &[&str] = &["outlet", "source_domain", "source"];
const PUBLISHED_FIELDS: &[&str] = &["published", "date_publish"];

pub(crate) struct JsonReader;

impl Reader for JsonReader {
    fn read(
        &self,
        input: &mut dyn BufRead,
        source: &str,
        limits: &Limits,
        emit: &mut dyn FnMut(Record),
    ) -> Result<(), SkipReason> {
        // A JSON file is usually one array: it is held whole, so its cap is generous; each
        // article in it is still held to the per-document limit.
        let file_limit = limits.max_document_bytes.saturating_mul(64);
        let bytes = read_capped(input, file_limit)?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(SkipReason::Empty);
        }
        let mut values = Vec::new();
        for value in serde_json::Deserializer::from_slice(bytes).into_iter::<Value>() {
            match value {
                Ok(Value::Array(items)) => values.extend(items),
                Ok(value) => values.push(value),
                Err(e) if values.is_empty() => {
                    return Err(SkipReason::MalformedJson(e.to_string()))
                }
                Err(e) => {
                    let at = record_source(source, values.len() + 1);
                    emit_all(values, source, limits, emit);
                    emit(Record::Skipped {
                        source: at,
                        reason: SkipReason::MalformedJson(format!(
                            "{e}; the rest of the file is unreadable"
                        )),
                    });
                    return Ok(());
                }
            }
        }
        emit_all(values, source, limits, emit);
        Ok(())
    }
}

/// Emits the records of a JSON file; a file holding a single object is named without `#1`.
fn emit_all(values: Vec<Value>, source: &str, limits: &Limits, emit: &mut dyn FnMut(Record)) {
    let single = values.len() == 1;
    for (i, value) in values.into_iter().enumerate() {
        let position = i + 1;
        let name = if single {
            source.to_string()
        } else {
            record_source(source, position)
        };
        let raw = serde_json::to_vec(&value).unwrap_or_default();
        emit(record(value, name, &raw, position, limits));
    }
}

pub(crate) struct JsonLinesReader;

impl Reader for JsonLinesReader {
    fn read(
        &self,
        input: &mut dyn BufRead,
        source: &str,
        limits: &Limits,
        emit: &mut dyn FnMut(Record),
    ) -> Result<(), SkipReason> {
        let mut position = 0;
        while let Some(line) = next_line(input, limits.max_document_bytes)? {
            let line = match line {
                Line::Text(bytes) => bytes,
                Line::TooLong => {
                    position += 1;
                    emit(Record::Skipped {
                        source: record_source(source, position),
                        reason: SkipReason::TooLarge {
                            limit: limits.max_document_bytes,
                        },
                    });
                    continue;
                }
            };
            let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            position += 1;
            let name = record_source(source, position);
            emit(match serde_json::from_slice::<Value>(line) {
                Ok(value) => record(value, name, line, position, limits),
                Err(e) => Record::Skipped {
                    source: name,
                    reason: SkipReason::MalformedJson(e.to_string()),
                },
            });
        }
        if position == 0 {
            return Err(SkipReason::Empty);
        }
        Ok(())
    }
}

/// One JSON value as a record: an article, or the reason it is none.
fn record(value: Value, source: String, raw: &[u8], position: usize, limits: &Limits) -> Record {
    match article(value, &source, raw, position, limits) {
        Ok(article) => Record::Article(Box::new(article)),
        Err(reason) => Record::Skipped { source, reason },
    }
}

fn article(
    value: Value,
    source: &str,
    raw: &[u8],
    position: usize,
    limits: &Limits,
) -> Result<RawArticle, SkipReason> {
    let Value::Object(object) = value else {
        return Err(SkipReason::NoArticle(format!(
            "a record must be a JSON object, found {}",
            kind_of(&value)
        )));
    };
    let body = match (
        body_field(&object, TEXT_FIELDS)?,
        body_field(&object, &["html"])?,
    ) {
        (Some(text), _) => Body::Text(text),
        // The JSON string is already decoded: the page's own charset no longer applies.
        (None, Some(html)) => Body::Page {
            bytes: html.into_bytes(),
            charset: Some("utf-8".into()),
        },
        (None, None)
            if [TEXT_FIELDS, &["html"]]
                .concat()
                .iter()
                .any(|f| object.get(*f).is_some_and(Value::is_string)) =>
        {
            return Err(SkipReason::Empty)
        }
        (None, None) => return Err(SkipReason::NoArticle("no `text` or `html` field".into())),
    };
    if body.byte_len() > limits.max_document_bytes {
        return Err(SkipReason::TooLarge {
            limit: limits.max_document_bytes,
        });
    }
    Ok(RawArticle {
        source: source.to_string(),
        id: first_string(&object, ID_FIELDS),
        fingerprint: fingerprint(raw, position),
        body,
        metadata: Metadata {
            url: first_string(&object, &["url"]),
            outlet: first_string(&object, OUTLET_FIELDS),
            title: first_string(&object, &["title"]),
            authors: authors(&object),
            published: first_string(&object, PUBLISHED_FIELDS),
            language: first_string(&object, &["language"]),
            crawled: None,
        },
    })
}

/// The first of `fields` present (and not null) that holds a non-empty string; one that
/// holds anything else is the record's error, named by its type: a number or an object
/// is no article's text.
fn body_field(object: &Map<String, Value>, fields: &[&str]) -> Result<Option<String>, SkipReason> {
    let Some((field, value)) = fields
        .iter()
        .find_map(|f| object.get(*f).filter(|v| !v.is_null()).map(|v| (f, v)))
    else {
        return Ok(None);
    };
    match value {
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        other => Err(SkipReason::NoArticle(format!(
            "field `{field}` holds {}, not a string",
            kind_of(other)
        ))),
    }
}

/// The first of `fields` that holds a non-empty string (or a number, for ids).
fn first_string(object: &Map<String, Value>, fields: &[&str]) -> Option<String> {
    fields.iter().find_map(|field| match object.get(*field)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

fn authors(object: &Map<String, Value>) -> Vec<String> {
    match object.get("authors").or_else(|| object.get("author")) {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::formats::tests::{article_of, read_records};

    fn read(reader: &dyn Reader, input: &[u8]) -> (Vec<Record>, Result<(), SkipReason>) {
        read_records(reader, input, 1000)
    }

    #[test]
    fn news_please_fields_are_understood() {
        let line = br#"{"dId": "abc", "maintext": "Body.", "date_publish": "2017-09-15T00:00:00", "source_domain": "x.com", "authors": ["A B", ""], "title": "T"}"#;
        let (records, result) = read(&JsonLinesReader, line);
        assert!(result.is_ok());
        let a = article_of(&records[0]);
        assert_eq!(a.id.as_deref(), Some("abc"));
        assert_eq!(a.source, "in#1");
        assert_eq!(a.body, Body::Text("Body.".into()));
        assert_eq!(a.metadata.outlet.as_deref(), Some("x.com"));
        assert_eq!(a.metadata.published.as_deref(), Some("2017-09-15T00:00:00"));
        assert_eq!(a.metadata.authors, vec!["A B"]);
    }

    #[test]
    fn source_field_is_the_outlet_and_numeric_ids_are_strings() {
        let (records, _) = read(
            &JsonLinesReader,
            br#"{"id": 42, "text": "x", "source": "reuters"}"#,
        );
        let a = article_of(&records[0]);
        assert_eq!(a.id.as_deref(), Some("42"));
        assert_eq!(a.metadata.outlet.as_deref(), Some("reuters"));
        assert_eq!(a.source, "in#1");
    }

    #[test]
    fn a_body_field_of_another_type_is_named_as_such() {
        let input =
            b"{\"text\": 5}\n{\"text\": {\"a\": 1}}\n{\"text\": null, \"maintext\": \"m\"}\n";
        let (records, _) = read(&JsonLinesReader, input);
        let reasons: Vec<String> = records.iter().map(Record::summary).collect();
        assert_eq!(
            reasons[..2],
            [
                "skip in#1: no article: field `text` holds a number, not a string",
                "skip in#2: no article: field `text` holds an object, not a string",
            ]
        );
        assert_eq!(article_of(&records[2]).body, Body::Text("m".into()));
    }

    #[test]
    fn bad_lines_are_reported_and_the_rest_is_read() {
        let input =
            b"{\"text\": \"one\"}\n\n{broken\n[1]\n{\"title\": \"no body\"}\n{\"text\": \"two\"}\n";
        let (records, result) = read(&JsonLinesReader, input);
        assert!(result.is_ok());
        let sources: Vec<String> = records
            .iter()
            .map(|r| {
                r.summary()
                    .split(':')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        assert_eq!(
            sources,
            ["ok in#1", "skip in#2", "skip in#3", "skip in#4", "ok in#5"]
        );
    }

    #[test]
    fn overlong_lines_are_skipped_without_holding_them() {
        let mut input = br#"{"text": ""#.to_vec();
        input.extend(std::iter::repeat_n(b'a', 5000));
        input.extend(b"\"}\n{\"text\": \"short\"}\n");
        let (records, _) = read(&JsonLinesReader, &input);
        assert!(matches!(
            &records[0],
            Record::Skipped {
                reason: SkipReason::TooLarge { .. },
                ..
            }
        ));
        assert_eq!(article_of(&records[1]).source, "in#2");
    }

    #[test]
    fn json_arrays_objects_and_truncated_files() {
        let (records, _) = read(&JsonReader, br#"{"text": "only"}"#);
        assert_eq!(article_of(&records[0]).source, "in");
        let (records, _) = read(&JsonReader, br#"[{"text": "a"}, {"text": "b"}]"#);
        assert_eq!(article_of(&records[1]).source, "in#2");
        let (records, result) = read(&JsonReader, br#"{"text": "a"} {"text": "b"} {"te"#);
        assert!(result.is_ok());
        assert!(matches!(&records[2], Record::Skipped { source, .. } if source == "in#3"));
        let (_, result) = read(&JsonReader, b"nope");
        assert!(matches!(result, Err(SkipReason::MalformedJson(_))));
        let (_, result) = read(&JsonReader, b"  ");
        assert_eq!(result, Err(SkipReason::Empty));
    }

    #[test]
    fn html_fields_are_pages_already_decoded() {
        let (records, _) = read(&JsonLinesReader, br#"{"html": "<p>x</p>", "text": ""}"#);
        assert_eq!(
            article_of(&records[0]).body,
            Body::Page {
                bytes: b"<p>x</p>".to_vec(),
                charset: Some("utf-8".into())
            }
        );
        let (records, _) = read(&JsonLinesReader, br#"{"html": " "}"#);
        assert!(matches!(
            &records[0],
            Record::Skipped {
                reason: SkipReason::Empty,
                ..
            }
        ));
    }

    proptest::proptest! {
        #[test]
        fn readers_never_panic(input in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let _ = read(&JsonLinesReader, &input);
            let _ = read(&JsonReader, &input);
        }

        #[test]
        fn every_jsonl_record_is_accounted_for(texts in proptest::collection::vec("[a-z \"\\\\{}]{0,20}", 0..10)) {
            let input: String = texts.iter().map(|t| format!("{{\"text\": {}}}\n", serde_json::to_string(t).unwrap())).collect();
            let (records, _) = read(&JsonLinesReader, input.as_bytes());
            proptest::prop_assert_eq!(records.len(), texts.len());
        }
    }
}
