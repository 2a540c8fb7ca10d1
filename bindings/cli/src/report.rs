//! Finding reports: JSON and SARIF 2.1.0, written as the findings come. They carry positions
//! and rule ids, never values.
//!
//! # Memory usage
//! Findings are not kept: each file's findings go out in batches of [`BATCH`] while the file
//! is scanned, so the report costs the same memory for ten findings or ten million. The
//! price: files come in the order they finish (in parallel runs), each file's findings in
//! order. JSON and SARIF objects have no key order, so SARIF's `results` come before the
//! `tool` object, whose `rules` list only the rules that were reported.

use std::cell::RefCell;
use std::collections::{BTreeSet, VecDeque};
use std::fmt::Write as _;
use std::io::{self, Read, Write};
use std::path::Path;
use std::rc::Rc;
use std::sync::Mutex;

use redactum::{Redactor, StreamFinding};
use serde_json::json;

use crate::args::ReportFormat;

/// Findings a worker holds before writing them.
pub const BATCH: usize = 1024;

/// One finding as reported.
pub struct Record {
    pub rule_id: String,
    pub category: &'static str,
    pub line: u64,
    /// 1-based byte column (JSON's `column`).
    pub column: u64,
    pub start: usize,
    pub end: usize,
    /// Start and end (exclusive) as 1-based line and code-point column, when known (SARIF).
    pub region: Option<Region>,
}

#[derive(Clone, Copy)]
pub struct Region {
    pub start_line: u64,
    pub start_column: u64,
    pub end_line: u64,
    pub end_column: u64,
}

impl Record {
    pub fn new(f: &StreamFinding, region: Option<Region>) -> Record {
        Record {
            rule_id: f.finding.rule_id().to_string(),
            category: f.finding.category().as_str(),
            line: f.line,
            column: f.column,
            start: f.finding.start(),
            end: f.finding.end(),
            region,
        }
    }
}

struct State {
    out: Box<dyn Write + Send>,
    first: bool,
    rules: BTreeSet<String>,
    err: Option<io::Error>,
}

/// A report being written.
pub struct Report {
    format: ReportFormat,
    state: Mutex<State>,
}

impl Report {
    /// Starts a report on `out` (a file or stderr).
    pub fn new(format: ReportFormat, out: Box<dyn Write + Send>) -> Report {
        let r = Report {
            format,
            state: Mutex::new(State {
                out,
                first: true,
                rules: BTreeSet::new(),
                err: None,
            }),
        };
        let head: &[u8] = match format {
            ReportFormat::Json => b"{\"findings\": [",
            ReportFormat::Sarif => concat!(
                "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n",
                " \"version\": \"2.1.0\",\n",
                " \"runs\": [{\"columnKind\": \"unicodeCodePoints\",\n",
                "  \"results\": ["
            )
            .as_bytes(),
        };
        r.put(|s| s.out.write_all(head));
        r
    }

    /// True when findings need code-point regions (SARIF).
    pub fn wants_regions(&self) -> bool {
        self.format == ReportFormat::Sarif
    }

    fn put(&self, f: impl FnOnce(&mut State) -> io::Result<()>) {
        let mut s = match self.state.lock() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        if s.err.is_none() {
            if let Err(e) = f(&mut s) {
                s.err = Some(e);
            }
        }
    }

    /// Writes the findings of one file (`None`: stdin), in one piece. The text is made
    /// before the lock is taken: threads only wait for each other's writes.
    pub fn write(&self, file: Option<&Path>, recs: &[Record]) {
        if recs.is_empty() {
            return;
        }
        let mut text = String::with_capacity(recs.len() * 256);
        let mut ids: Vec<&str> = Vec::new();
        match self.format {
            ReportFormat::Json => {
                let name = json_str(&file.map_or("-".into(), |p| p.to_string_lossy()));
                for (i, r) in recs.iter().enumerate() {
                    let _ = write!(
                        text,
                        "{}    {{\"rule_id\": {}, \"category\": {}, \"file\": {name}, \"line\": {}, \"column\": {}, \"start\": {}, \"end\": {}}}",
                        if i > 0 { ",\n" } else { "" },
                        json_str(&r.rule_id),
                        json_str(r.category),
                        r.line,
                        r.column,
                        r.start,
                        r.end,
                    );
                }
            }
            ReportFormat::Sarif => {
                let uri = json_str(&file.map_or("stdin".into(), uri));
                for (i, r) in recs.iter().enumerate() {
                    if !ids.contains(&r.rule_id.as_str()) {
                        ids.push(&r.rule_id);
                    }
                    if i > 0 {
                        text.push_str(",\n");
                    }
                    sarif_result(&mut text, r, &uri);
                }
            }
        }
        self.put(|s| {
            s.out.write_all(if s.first { b"\n" } else { b",\n" })?;
            s.first = false;
            for id in ids {
                if !s.rules.contains(id) {
                    s.rules.insert(id.to_string());
                }
            }
            s.out.write_all(text.as_bytes())
        });
    }

    /// Closes the document (SARIF: the tool and the rules that were reported) and flushes.
    pub fn finish(self, redactor: &Redactor) -> io::Result<()> {
        let format = self.format;
        let mut s = match self.state.into_inner() {
            Ok(s) => s,
            Err(p) => p.into_inner(),
        };
        if let Some(e) = s.err.take() {
            return Err(e);
        }
        let tail = match format {
            ReportFormat::Json => "\n]}\n".to_string(),
            ReportFormat::Sarif => {
                let rules: Vec<serde_json::Value> =
                    s.rules.iter().map(|id| sarif_rule(id, redactor)).collect();
                let tool = json!({ "driver": {
                    "name": "redactum",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://example.invalid/redactum",
                    "rules": rules,
                }});
                format!(
                    "\n  ],\n  \"tool\": {}\n}}]}}\n",
                    serde_json::to_string_pretty(&tool).unwrap_or_default()
                )
            }
        };
        s.out.write_all(tail.as_bytes())?;
        s.out.flush()
    }
}

/// One SARIF result; `uri` is already a JSON string.
fn sarif_result(text: &mut String, r: &Record, uri: &str) {
    let id = json_str(&r.rule_id);
    let _ = write!(
        text,
        "    {{\"ruleId\": {id}, \"level\": \"error\", \"message\": {{\"text\": {}}}, \
         \"locations\": [{{\"physicalLocation\": {{\"artifactLocation\": {{\"uri\": {uri}}}, \
         \"region\": {{",
        json_str(&format!("{} ({}) found", r.rule_id, r.category)),
    );
    if let Some(g) = r.region {
        let _ = write!(
            text,
            "\"startLine\": {}, \"startColumn\": {}, \"endLine\": {}, \"endColumn\": {}, ",
            g.start_line, g.start_column, g.end_line, g.end_column
        );
    }
    let _ = write!(
        text,
        "\"byteOffset\": {}, \"byteLength\": {}}}}}}}]}}",
        r.start,
        r.end - r.start
    );
}

/// `s` as a JSON string, quotes included.
fn json_str(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

/// A rule entry for every reported rule id, the catalog's or the engine's own
/// (`sensitive-key`, `internal-error`).
fn sarif_rule(id: &str, redactor: &Redactor) -> serde_json::Value {
    match redactor.rules().iter().find(|r| r.id == id) {
        Some(r) => json!({
            "id": r.id,
            "name": r.name,
            "shortDescription": { "text": r.name },
            "properties": { "category": r.category.as_str() },
        }),
        None => {
            let text = match id {
                "sensitive-key" => "Value of a sensitive key in a structured line",
                "internal-error" => "Line replaced after an internal scanning error",
                _ => "Finding",
            };
            json!({
                "id": id,
                "shortDescription": { "text": text },
            })
        }
    }
}

/// A path as a URI reference (RFC 3986): a relative path stays relative, an absolute one
/// becomes `file:///...`; every byte outside the unreserved set and `/` is percent-encoded
/// (so a `:` can never be read as a scheme, nor `#` or `?` end the path).
pub fn uri(p: &Path) -> String {
    let bytes = p.as_os_str().as_encoded_bytes();
    let mut s = String::with_capacity(bytes.len() + 8);
    if p.is_absolute() {
        s.push_str("file://");
    }
    for &b in bytes {
        let b = if cfg!(windows) && b == b'\\' { b'/' } else { b };
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            let _ = write!(s, "%{b:02X}");
        }
    }
    if cfg!(windows) && p.is_absolute() {
        s.insert(7, '/');
    }
    s
}

/// Follows the bytes of one input to give each finding its line and code-point column, which
/// the stream reports in bytes only.
///
/// # Memory usage
/// Keeps the bytes read but not yet passed by a finding, at most [`WINDOW`]: more than the
/// scanner ever holds back, so a finding never falls behind it.
pub struct Tracker {
    window: VecDeque<u8>,
    /// Offset of `window[0]`.
    base: u64,
    line: u64,
    col: u64,
}

const WINDOW: usize = 16 << 20;

impl Default for Tracker {
    fn default() -> Tracker {
        Tracker {
            window: VecDeque::new(),
            base: 0,
            line: 1,
            col: 1,
        }
    }
}

impl Tracker {
    fn feed(&mut self, bytes: &[u8]) {
        self.window.extend(bytes);
        if self.window.len() > WINDOW {
            let to = self.base + (self.window.len() - WINDOW) as u64;
            self.advance(to);
        }
    }

    /// Moves to `to`; false if `to` is already behind.
    fn advance(&mut self, to: u64) -> bool {
        if to < self.base {
            return false;
        }
        let k = ((to - self.base) as usize).min(self.window.len());
        let (a, b) = self.window.as_slices();
        let (a, b) = if k <= a.len() {
            (&a[..k], &b[..0])
        } else {
            (a, &b[..k - a.len()])
        };
        for part in [a, b] {
            // Counting is per line: columns restart after the last newline.
            let tail = match part.iter().rposition(|&c| c == b'\n') {
                Some(i) => {
                    self.line += part[..=i].iter().filter(|&&c| c == b'\n').count() as u64;
                    self.col = 1;
                    &part[i + 1..]
                }
                None => part,
            };
            // Bytes that are not UTF-8 continuation bytes: one code point each.
            self.col += tail.iter().filter(|&&c| (c as i8) >= -0x40).count() as u64;
        }
        self.window.drain(..k);
        self.base += k as u64;
        true
    }

    /// The region of `start..end`; findings come in order, so both only move forward.
    pub fn region(&mut self, start: usize, end: usize) -> Option<Region> {
        if !self.advance(start as u64) {
            return None;
        }
        let (start_line, start_column) = (self.line, self.col);
        self.advance(end as u64);
        Some(Region {
            start_line,
            start_column,
            end_line: self.line,
            end_column: self.col,
        })
    }
}

/// A reader that feeds a [`Tracker`] and tags its errors as input errors.
pub struct Tracked<R> {
    pub inner: R,
    pub tracker: Option<Rc<RefCell<Tracker>>>,
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).map_err(crate::error::input)?;
        if let Some(t) = &self.tracker {
            t.borrow_mut().feed(&buf[..n]);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_point_columns_across_the_ring_seam() {
        // Findings at every offset of a text fed in pieces: the same as a naive count.
        let text = "aé\n🔑b\n\nxyz é🔑\n".repeat(5);
        let bytes = text.as_bytes();
        let naive = |off: usize| {
            let before = &text[..off];
            let line = before.matches('\n').count() as u64 + 1;
            let col = before.rsplit('\n').next().unwrap().chars().count() as u64 + 1;
            (line, col)
        };
        let mut t = Tracker::default();
        let mut fed = 0;
        for off in (0..bytes.len()).filter(|&o| text.is_char_boundary(o)) {
            while fed < bytes.len() && fed < off + 7 {
                let n = 3.min(bytes.len() - fed);
                t.feed(&bytes[fed..fed + n]);
                fed += n;
            }
            let r = t.region(off, off).unwrap();
            assert_eq!((r.start_line, r.start_column), naive(off), "at {off}");
        }
    }

    #[test]
    fn code_point_columns() {
        let mut t = Tracker::default();
        t.feed("ab\né🔑x yz\n".as_bytes());
        // "x" is at byte 2 + 1 + 2 + 4 = 9 of the input.
        let r = t.region(9, 10).unwrap();
        assert_eq!((r.start_line, r.start_column), (2, 3));
        assert_eq!((r.end_line, r.end_column), (2, 4));
        assert!(t.region(0, 1).is_none());
    }

    #[test]
    fn records_are_json() {
        let rec = |region| Record {
            rule_id: "r\"1".into(),
            category: "secret",
            line: 2,
            column: 3,
            start: 10,
            end: 14,
            region,
        };
        let mut t = String::new();
        sarif_result(&mut t, &rec(None), &json_str("a%20b"));
        let v: serde_json::Value = serde_json::from_str(&t).unwrap();
        assert_eq!(v["ruleId"], "r\"1");
        let region = &v["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["byteLength"], 4);
        assert!(region.get("startLine").is_none());
        let g = Region {
            start_line: 2,
            start_column: 3,
            end_line: 2,
            end_column: 7,
        };
        t.clear();
        sarif_result(&mut t, &rec(Some(g)), &json_str("a%20b"));
        let v: serde_json::Value = serde_json::from_str(&t).unwrap();
        assert_eq!(
            v["locations"][0]["physicalLocation"]["region"]["endColumn"],
            7
        );
        assert_eq!(
            v["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "a%20b"
        );
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri(Path::new("a b/c:d#?.log")), "a%20b/c%3Ad%23%3F.log");
        assert_eq!(uri(Path::new("/tmp/é")), "file:///tmp/%C3%A9");
    }
}
