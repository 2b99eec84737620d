//! Runs candidate HTML -> article-text extractor crates (trafilatura, rs-trafilatura,
//! dom_smoothie) over the shared evaluation sets (ScrapingHub article-extraction-benchmark,
//! trafilatura eval, htmldate eval), single-threaded, and writes `OUT/<crate>.jsonl`, one line
//! a page: `{"set", "page", "text", "title", "published": "YYYY-MM-DD"|null, "ms"}`; `ms` is
//! the extraction time alone (decompression and decoding excluded), `text` is null on an error
//! or a panic. Prints speed, errors and panics per crate.
//!
//! ```sh
//! cd tools/compare_extractors
//! CARGO_TARGET_DIR=/tmp/compare-target cargo build --release
//! /tmp/compare-target/release/compare_extractors --data ../../../shared/data --out /tmp/compare-out
//! cd ../.. && python3 tools/eval/web.py --predictions /tmp/compare-out/trafilatura.jsonl --name trafilatura
//! ```

use serde_json::{json, Map, Value};
use std::io::{BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;
use std::{env, fs};

struct Page {
    set: &'static str,
    key: String,
    url: Option<String>,
    html: String,
    bytes: usize,
}

/// What an extractor returns; `published` is the crate's raw date string.
#[derive(Default)]
struct Out {
    text: Option<String>,
    title: Option<String>,
    published: Option<String>,
}

fn nonempty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn extract_trafilatura(p: &Page) -> Out {
    let mut opts = trafilatura::Options::default().with_fallback(true);
    if let Some(u) = p.url.as_deref().and_then(|u| url::Url::parse(u).ok()) {
        opts = opts.with_url(u);
    }
    match trafilatura::extract(&p.html, &opts) {
        Ok(r) => Out {
            text: Some(r.content_text),
            title: nonempty(r.metadata.title),
            published: r.metadata.date.map(|d| d.to_string()),
        },
        Err(_) => Out::default(),
    }
}

fn extract_rs_trafilatura(p: &Page) -> Out {
    let opts = rs_trafilatura::Options {
        url: p.url.clone(),
        ..Default::default()
    };
    match rs_trafilatura::extract_with_options(&p.html, &opts) {
        Ok(r) => Out {
            text: Some(r.content_text),
            title: r.metadata.title.and_then(nonempty),
            published: r.metadata.date.map(|d| d.format("%Y-%m-%d").to_string()),
        },
        Err(_) => Out::default(),
    }
}

fn extract_dom_smoothie(p: &Page) -> Out {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    match dom_smoothie::Readability::new(p.html.as_str(), p.url.as_deref(), Some(cfg))
        .and_then(|mut r| r.parse())
    {
        Ok(a) => Out {
            text: Some(a.text_content.to_string()),
            title: nonempty(a.title),
            published: a.published_time,
        },
        Err(_) => Out::default(),
    }
}

/// `YYYY-MM-DD` prefix of a date string, if it has one.
fn ymd(s: &str) -> Option<String> {
    let b = s.trim().as_bytes().get(..10)?;
    let ok = b.iter().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    ok.then(|| String::from_utf8_lossy(b).into_owned())
}

/// UTF-8 (or a BOM) if valid, else the charset declared in the first 8 KB, else windows-1252.
fn decode(b: &[u8]) -> (String, &'static str) {
    if let Some((enc, n)) = encoding_rs::Encoding::for_bom(b) {
        return (
            enc.decode_without_bom_handling(&b[n..]).0.into_owned(),
            "bom",
        );
    }
    if let Ok(s) = std::str::from_utf8(b) {
        return (s.to_owned(), "utf-8");
    }
    let head = String::from_utf8_lossy(&b[..b.len().min(8192)]).to_ascii_lowercase();
    let declared = head.split("charset=").skip(1).find_map(|rest| {
        let label: String = rest
            .trim_start_matches(['"', '\'', ' '])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    let (enc, how) = match declared {
        Some(e) => (e.output_encoding(), "declared charset"),
        None => (encoding_rs::WINDOWS_1252, "windows-1252 fallback"),
    };
    (enc.decode_without_bom_handling(b).0.into_owned(), how)
}

fn read_page(dirs: &[PathBuf], file: &str) -> Option<Vec<u8>> {
    for d in dirs {
        if let Ok(f) = fs::File::open(d.join(format!("{file}.gz"))) {
            let mut v = Vec::new();
            flate2::read::GzDecoder::new(f).read_to_end(&mut v).ok()?;
            return Some(v);
        }
        if let Ok(v) = fs::read(d.join(file)) {
            return Some(v);
        }
    }
    None
}

fn gold(path: PathBuf) -> Map<String, Value> {
    let raw = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // eval_mediacloud_2020.json has Python's bare `NaN` for missing dates.
    serde_json::from_str(&raw.replace(": NaN", ": null")).expect("gold JSON")
}

fn load(data: &Path) -> Vec<Page> {
    let sh = data.join("article_extraction_benchmark");
    let te = data.join("trafilatura_eval/tests");
    let hd = data.join("htmldate_eval/tests");
    // (set, key, url, directories, file name)
    let mut todo: Vec<(&str, String, Option<String>, Vec<PathBuf>, String)> = Vec::new();
    for (id, v) in gold(sh.join("ground-truth.json")) {
        let url = v["url"].as_str().map(str::to_string);
        todo.push((
            "scrapinghub",
            id.clone(),
            url,
            vec![sh.join("html")],
            format!("{id}.html"),
        ));
    }
    for (url, v) in gold(te.join("evaldata.json")) {
        let f = v["file"].as_str().expect("file").to_string();
        todo.push((
            "trafilatura",
            f.clone(),
            Some(url),
            vec![te.join("eval"), te.join("cache")],
            f,
        ));
    }
    let hd_dirs = vec![hd.join("eval"), hd.join("test_set"), hd.join("cache")];
    for name in ["eval_default.json", "eval_mediacloud_2020.json"] {
        for (url, v) in gold(hd.join(name)) {
            let f = v["file"].as_str().expect("file").to_string();
            if !todo.iter().any(|t| t.0 == "htmldate" && t.1 == f) {
                todo.push(("htmldate", f.clone(), Some(url), hd_dirs.clone(), f));
            }
        }
    }
    let mut routes: Vec<(&str, usize)> = Vec::new();
    let pages: Vec<Page> = todo
        .into_iter()
        .filter_map(|(set, key, url, dirs, file)| {
            let Some(b) = read_page(&dirs, &file) else {
                eprintln!("missing page: {set} {file}");
                return None;
            };
            let (html, how) = decode(&b);
            match routes.iter_mut().find(|r| r.0 == how) {
                Some(r) => r.1 += 1,
                None => routes.push((how, 1)),
            }
            Some(Page {
                set,
                key,
                url,
                html,
                bytes: b.len(),
            })
        })
        .collect();
    eprintln!("loaded {} pages; decoded as {routes:?}", pages.len());
    pages
}

fn run(name: &str, f: fn(&Page) -> Out, pages: &[Page], out: &Path) -> std::io::Result<()> {
    let mut w = BufWriter::new(fs::File::create(out.join(format!("{name}.jsonl")))?);
    let (mut errors, mut panics, mut dates, mut odd_dates) = (0, 0, 0, Vec::new());
    let mut ms_all = Vec::with_capacity(pages.len());
    for p in pages {
        let t = Instant::now();
        let r = panic::catch_unwind(AssertUnwindSafe(|| f(p)));
        let ms = t.elapsed().as_secs_f64() * 1e3;
        ms_all.push(ms);
        let o = r.unwrap_or_else(|_| {
            eprintln!("{name}: panic on {} {}", p.set, p.key);
            panics += 1;
            Out::default()
        });
        errors += o.text.is_none() as usize;
        let published = o.published.as_deref().and_then(|s| {
            let d = ymd(s);
            if d.is_none() && !s.trim().is_empty() {
                odd_dates.push(s.to_string());
            }
            d
        });
        dates += published.is_some() as usize;
        let line = json!({"set": p.set, "page": p.key, "text": o.text, "title": o.title,
                          "published": published, "ms": ms});
        writeln!(w, "{line}")?;
    }
    w.flush()?;
    let secs = ms_all.iter().sum::<f64>() / 1e3;
    let mb = pages.iter().map(|p| p.bytes).sum::<usize>() as f64 / 1e6;
    ms_all.sort_by(f64::total_cmp);
    println!(
        "{name}: {} pages, {errors} errors (incl. {panics} panics), {secs:.2} s, {:.1} pages/s, \
         {:.2} MB/s, ms/page median {:.2} mean {:.2} max {:.0}; {dates} dates, {} not YYYY-MM-DD {:?}",
        pages.len(),
        pages.len() as f64 / secs,
        mb / secs,
        ms_all[ms_all.len() / 2],
        secs * 1e3 / pages.len() as f64,
        ms_all.last().unwrap(),
        odd_dates.len(),
        &odd_dates[..odd_dates.len().min(5)],
    );
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = env::args().collect();
    let arg = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .map(PathBuf::from)
    };
    let (Some(data), Some(out)) = (arg("--data"), arg("--out")) else {
        eprintln!("usage: compare_extractors --data DIR --out DIR");
        std::process::exit(2);
    };
    fs::create_dir_all(&out)?;
    // Deeply nested pages can overflow the default 8 MB stack, which catch_unwind cannot catch.
    let worker = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || {
            let pages = load(&data);
            let mb = pages.iter().map(|p| p.bytes).sum::<usize>() as f64 / 1e6;
            println!(
                "{} pages, {mb:.1} MB of uncompressed HTML, single thread",
                pages.len()
            );
            let crates: [(&str, fn(&Page) -> Out); 3] = [
                ("trafilatura", extract_trafilatura),
                ("rs-trafilatura", extract_rs_trafilatura),
                ("dom_smoothie", extract_dom_smoothie),
            ];
            for (name, f) in crates {
                run(name, f, &pages, &out)?;
            }
            Ok(())
        })?;
    worker.join().expect("worker thread")
}
