//! Output fingerprints of every committed corpus through every format and style.
//!
//! `tests/data/golden.txt` holds, per corpus file and configuration, SHA-256 digests of the
//! whole-input output, the streamed output (odd read sizes), the streamed findings (rule,
//! offsets, line, column) and, in text format, `find_overlapping`. It was written before the
//! engine's modules were rearranged ("Engine v2", layering step) so that the move is shown to
//! change nothing. A deliberate change of behaviour regenerates it
//! (`REDACTUM_BLESS=1 cargo test -p redactum --test golden`), and its commit says why.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use redactum::{Format, Redactor, Style, Vault};
use sha2::{Digest, Sha256};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[path = "common/corpora.rs"]
mod corpora;
use corpora::CORPORA;

/// Files small enough (or with enough findings) to run through every style; the large decoy
/// files give no finding, so only formats matter for them.
fn all_styles(path: &str) -> bool {
    !path.contains("decoy")
}

fn styles() -> Vec<(&'static str, Style)> {
    vec![
        ("label", Style::Label),
        ("mask", Style::Mask),
        (
            "partial",
            Style::Partial {
                keep_start: 2,
                keep_end: 3,
            },
        ),
        ("hash", Style::Hash),
    ]
}

const FORMATS: &[(&str, Format)] = &[
    ("text", Format::Text),
    ("auto", Format::Auto),
    ("json", Format::Json),
    ("logfmt", Format::Logfmt),
];

fn hex(d: impl AsRef<[u8]>) -> String {
    d.as_ref()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn digest(bytes: &[u8]) -> String {
    hex(Sha256::digest(bytes))
}

fn fingerprints() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for path in CORPORA {
        let input = std::fs::read(root().join(path)).expect("corpus file");
        for (fname, format) in FORMATS {
            for (sname, style) in styles() {
                if sname != "label" && !all_styles(path) {
                    continue;
                }
                let mut b = Redactor::builder();
                b.format(*format)
                    .style(style)
                    .hash_key("golden-test-key-0123456789");
                if sname == "partial" {
                    b.style_for("email", Style::Mask);
                }
                let r = b.build().expect("builds");
                let key = format!("{path} {fname} {sname}");
                let whole = r.redact_bytes(&input);
                out.insert(format!("{key} whole"), digest(&whole));

                // Streamed in odd-sized reads, with the findings.
                let mut st = r.stream();
                let mut streamed = Vec::new();
                let mut found = String::new();
                let mut on = |f: &redactum::StreamFinding| {
                    let _ = writeln!(
                        found,
                        "{} {} {} {} {}",
                        f.finding.rule_id(),
                        f.finding.start(),
                        f.finding.end(),
                        f.line,
                        f.column
                    );
                };
                for chunk in input.chunks(65_521) {
                    st.push_with(chunk, &mut streamed, &mut on);
                }
                st.finish_with(&mut streamed, &mut on);
                assert_eq!(streamed, whole.as_ref(), "{key}: stream and whole differ");
                out.insert(format!("{key} findings"), digest(found.as_bytes()));

                if *format == Format::Text && sname == "label" {
                    let mut all = String::new();
                    for f in r.find_overlapping(&input) {
                        let _ = writeln!(all, "{} {} {}", f.rule_id(), f.start(), f.end());
                    }
                    out.insert(format!("{key} overlapping"), digest(all.as_bytes()));
                }
                if sname == "label" && all_styles(path) {
                    if let Ok(text) = std::str::from_utf8(&input) {
                        let mut vault = Vault::new();
                        let safe = r.redact_reversible(text, &mut vault);
                        out.insert(format!("{key} reversible"), digest(safe.as_bytes()));
                        out.insert(format!("{key} vault"), digest(vault.to_json().as_bytes()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn outputs_match_the_committed_fingerprints() {
    let got = fingerprints();
    let file = root().join("core/tests/data/golden.txt");
    let mut text = String::from(
        "# Output fingerprints (see core/tests/golden.rs). Regenerate with REDACTUM_BLESS=1.\n",
    );
    for (k, v) in &got {
        let _ = writeln!(text, "{k} {v}");
    }
    if std::env::var_os("REDACTUM_BLESS").is_some() {
        std::fs::write(&file, text).expect("write golden file");
        return;
    }
    let want = std::fs::read_to_string(&file).expect("core/tests/data/golden.txt");
    let want: BTreeMap<String, String> = want
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (k, v) = l.rsplit_once(' ').expect("key value");
            (k.to_string(), v.to_string())
        })
        .collect();
    let mut diffs = Vec::new();
    for (k, v) in &want {
        match got.get(k) {
            Some(g) if g == v => {}
            Some(g) => diffs.push(format!("changed: {k} (was {v}, now {g})")),
            None => diffs.push(format!("missing: {k}")),
        }
    }
    for k in got.keys().filter(|k| !want.contains_key(*k)) {
        diffs.push(format!("new: {k}"));
    }
    assert!(
        diffs.is_empty(),
        "{} fingerprints differ:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
