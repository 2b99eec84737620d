//! Walking the inputs a user names: files, directories (recursively) and standard input.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use crate::formats::{Format, Record};
use crate::gzip::{is_gzip, Gunzip};
use crate::names::path_name;
use crate::{Limits, RawArticle, SkipReason};

/// What reading the inputs produces, in input order.
#[derive(Debug)]
pub enum InputEvent {
    /// Boxed: an article is ten times the size of the other variants.
    Article(Box<RawArticle>),
    /// An input or record that holds no readable article, and why.
    Skipped { source: String, reason: SkipReason },
    /// A file inside a directory whose extension crosscheck does not read: counted, not an
    /// error.
    Ignored(PathBuf),
    /// A record that holds no article by design (a WARC `request` record): counted, not an
    /// error.
    Passed { what: String },
}

/// Something to read: a path a user named, or bytes that came with a name of their own (a
/// file sent to the server, a record of an API request), read in the format the name's
/// extension announces, else the one their first bytes show. A name is never a path: it is
/// only the source documents and skips carry.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file, a directory (walked) or `-` (standard input).
    Path(PathBuf),
    Bytes {
        name: String,
        bytes: Vec<u8>,
    },
}

/// Reads every source as [`read_inputs`] reads paths.
pub fn read_sources(sources: &[Source], limits: &Limits, emit: &mut dyn FnMut(InputEvent)) {
    for source in sources {
        match source {
            Source::Path(path) => read_inputs(std::slice::from_ref(path), limits, emit),
            Source::Bytes { name, bytes } => {
                let format = Format::from_path(Path::new(name));
                if let Err(reason) = read_with(&mut &bytes[..], format, name, limits, emit) {
                    emit(InputEvent::Skipped {
                        source: name.clone(),
                        reason,
                    });
                }
            }
        }
    }
}

/// Reads every input (`-` is standard input), handing each article or skip to `emit`.
/// Directories are walked recursively in sorted order, hidden entries skipped.
pub fn read_inputs(inputs: &[PathBuf], limits: &Limits, emit: &mut dyn FnMut(InputEvent)) {
    for input in inputs {
        if input.as_os_str() == "-" {
            read_stdin(limits, emit);
        } else if input.is_dir() {
            walk_dir(input, limits, emit);
        } else {
            // A file named on the command line is read even without a known extension.
            let format = Format::from_path(input);
            read_file(input, format, limits, emit);
        }
    }
}

/// The files the inputs name or hold, walked as [`read_inputs`] walks them, that it would
/// read: what a watch looks at. An unreadable directory holds none.
pub fn input_files(inputs: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for path in visible_entries(dir).unwrap_or_default() {
            if path.is_dir() {
                if walks_into(&path) {
                    walk(&path, out);
                }
            } else if Format::from_path(&path).is_some() {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        if input.is_dir() {
            walk(input, &mut out);
        } else {
            out.push(input.clone());
        }
    }
    out
}

/// The entries of a directory a walk visits: sorted, hidden ones left out.
fn visible_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    paths.sort();
    Ok(paths)
}

/// Whether a walk goes into a directory: not through a symbolic link, so a link cycle
/// cannot loop.
fn walks_into(dir: &Path) -> bool {
    !fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink())
}

fn walk_dir(dir: &Path, limits: &Limits, emit: &mut dyn FnMut(InputEvent)) {
    let paths = match visible_entries(dir) {
        Ok(paths) => paths,
        Err(e) => {
            return emit(InputEvent::Skipped {
                source: path_name(dir),
                reason: SkipReason::Unreadable(e.to_string()),
            })
        }
    };
    for path in paths {
        if path.is_dir() {
            if walks_into(&path) {
                walk_dir(&path, limits, emit);
            }
        } else if let Some(format) = Format::from_path(&path) {
            read_file(&path, Some(format), limits, emit);
        } else {
            emit(InputEvent::Ignored(path));
        }
    }
}

fn read_file(
    path: &Path,
    format: Option<Format>,
    limits: &Limits,
    emit: &mut dyn FnMut(InputEvent),
) {
    let source = path_name(path);
    let result = File::open(path)
        .map_err(|e| SkipReason::Unreadable(e.to_string()))
        .and_then(|file| read_with(&mut BufReader::new(file), format, &source, limits, emit));
    if let Err(reason) = result {
        emit(InputEvent::Skipped { source, reason });
    }
}

fn read_stdin(limits: &Limits, emit: &mut dyn FnMut(InputEvent)) {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    if let Err(reason) = read_with(&mut input, None, "-", limits, emit) {
        emit(InputEvent::Skipped {
            source: "-".into(),
            reason,
        });
    }
}

/// Reads one input with the reader of its format, sniffed from its first bytes when unknown.
/// Gzip-compressed input, known by its magic number, is decompressed on the way.
fn read_with(
    input: &mut dyn BufRead,
    format: Option<Format>,
    source: &str,
    limits: &Limits,
    emit: &mut dyn FnMut(InputEvent),
) -> Result<(), SkipReason> {
    if is_gzip(input).map_err(|e| SkipReason::Unreadable(e.to_string()))? {
        let mut decompressed = BufReader::new(Gunzip::new(input));
        return read_plain(&mut decompressed, format, source, limits, emit);
    }
    read_plain(input, format, source, limits, emit)
}

fn read_plain(
    input: &mut dyn BufRead,
    format: Option<Format>,
    source: &str,
    limits: &Limits,
    emit: &mut dyn FnMut(InputEvent),
) -> Result<(), SkipReason> {
    let format = match format {
        Some(format) => format,
        None => {
            let head = input
                .fill_buf()
                .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
            Format::sniff(head)
        }
    };
    // Feeds are parsed by third-party code: a panic there costs that input, not the run.
    let read = catch_unwind(AssertUnwindSafe(|| {
        format.reader().read(input, source, limits, &mut |record| {
            emit(match record {
                Record::Article(article) => InputEvent::Article(article),
                Record::Passed { what } => InputEvent::Passed { what },
                Record::Skipped { source, reason } => InputEvent::Skipped { source, reason },
            })
        })
    }));
    read.unwrap_or_else(|_| {
        Err(SkipReason::Unreadable(
            "internal error while reading (a bug; the message above says where)".into(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_with_a_name_are_read_in_the_format_the_name_announces() {
        let feed = br#"<rss version="2.0"><channel><title>Wire</title><item><title>A</title><description>Forty people were hurt.</description></item></channel></rss>"#;
        let sources = [
            Source::Bytes {
                name: "upload/wire.RSS".into(),
                bytes: feed.to_vec(),
            },
            // No extension: the first bytes decide.
            Source::Bytes {
                name: "api".into(),
                bytes: b"{\"id\": \"r1\", \"text\": \"Two were killed.\"}\n".to_vec(),
            },
            Source::Bytes {
                name: "upload/empty.txt".into(),
                bytes: Vec::new(),
            },
        ];
        let mut seen = Vec::new();
        read_sources(&sources, &Limits::default(), &mut |event| {
            seen.push(match event {
                InputEvent::Article(a) => format!("article {}", a.source),
                InputEvent::Skipped { source, reason } => format!("skipped {source}: {reason}"),
                other => format!("{other:?}"),
            })
        });
        assert_eq!(
            seen,
            [
                "article upload/wire.RSS#1",
                "article api#1",
                "skipped upload/empty.txt: empty"
            ]
        );
    }

    fn collect(inputs: &[PathBuf]) -> Vec<String> {
        let mut out = Vec::new();
        read_inputs(inputs, &Limits::default(), &mut |event| {
            out.push(match event {
                InputEvent::Article(a) => format!("article {}", a.source),
                InputEvent::Skipped { source, reason } => format!("skipped {source}: {reason}"),
                InputEvent::Ignored(p) => format!("ignored {}", p.display()),
                InputEvent::Passed { what } => format!("passed {what}"),
            })
        });
        out
    }

    #[test]
    fn directories_are_walked_sorted_without_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("b.txt"), "Body b.").unwrap();
        fs::write(
            root.join("a.jsonl"),
            "{\"text\": \"x\"}\n{\"text\": \"y\"}\n",
        )
        .unwrap();
        fs::write(root.join("sub/c.txt"), "Body c.").unwrap();
        fs::write(root.join(".hidden.txt"), "Hidden.").unwrap();
        fs::write(root.join("notes.md"), "# not an input").unwrap();
        fs::write(root.join("empty.txt"), "").unwrap();
        let r = |p: &str| root.join(p).display().to_string();
        assert_eq!(
            collect(&[root.to_path_buf()]),
            [
                format!("article {}#1", r("a.jsonl")),
                format!("article {}#2", r("a.jsonl")),
                format!("article {}", r("b.txt")),
                format!("skipped {}: empty", r("empty.txt")),
                format!("ignored {}", r("notes.md")),
                format!("article {}", r("sub/c.txt")),
            ]
        );
    }

    #[test]
    fn gzipped_files_are_read_by_their_inner_extension() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html.gz");
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(b"<html><body><article><p>Gzipped page body, long enough to be an article of its own.</p></article></body></html>")
            .unwrap();
        fs::write(&path, encoder.finish().unwrap()).unwrap();
        let truncated = dir.path().join("cut.jsonl.gz");
        fs::write(&truncated, &fs::read(&path).unwrap()[..20]).unwrap();
        let out = collect(&[dir.path().to_path_buf()]);
        assert!(
            out[0].starts_with("skipped") && out[0].contains("gzip: truncated"),
            "{out:?}"
        );
        assert_eq!(out[1], format!("article {}", path.display()));
    }

    #[test]
    fn missing_files_are_reported() {
        let out = collect(&[PathBuf::from("/nonexistent/x.txt")]);
        assert!(
            out[0].starts_with("skipped /nonexistent/x.txt: cannot read"),
            "{out:?}"
        );
    }
}
