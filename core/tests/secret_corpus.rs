//! Recall and precision of the built-in secret catalog on the generated corpora
//! (`corpora/secrets/generate.py`): every planted secret must be caught, the decoys left alone.
//!
//! A planted secret counts as caught when its exact value lies inside one finding's span and is
//! gone from the redacted output. Decoy findings are counted for the whole catalog (secrets and
//! personal data): none of the decoys is either.

use std::path::PathBuf;

use redactum::{Category, Redactor};

fn corpus(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../corpora/secrets")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run corpora/secrets/generate.py)", path.display()))
}

#[path = "common/corpus.rs"]
mod common_corpus;
use common_corpus::{line_starts, Planted};

fn manifest() -> Vec<Planted> {
    common_corpus::manifest(&corpus("planted.manifest.jsonl"), "secret")
}

#[test]
fn planted_secrets_are_caught() {
    let text = corpus("planted.txt");
    let planted = manifest();
    assert!(
        planted.len() >= 1000,
        "manifest too small: {}",
        planted.len()
    );
    let redactor = Redactor::new().expect("built-in catalog compiles");
    let findings = redactor.find_overlapping(text.as_bytes());
    let redacted = redactor.redact(&text);
    let mut streamed = Vec::new();
    redactor
        .stream_redact(text.as_bytes(), &mut streamed)
        .expect("streaming redaction");
    assert!(
        streamed == redacted.as_bytes(),
        "streaming output differs from whole-input output"
    );
    let starts = line_starts(&text);

    let mut missed = Vec::new();
    for p in &planted {
        let from = starts[p.line - 1];
        let Some(rel) = text[from..].find(&p.value) else {
            panic!(
                "manifest out of date: {:?} not found from line {}",
                p.value, p.line
            );
        };
        let (s, e) = (from + rel, from + rel + p.value.len());
        let covered = findings.iter().any(|f| f.start() <= s && e <= f.end());
        let gone = !redacted.contains(p.value.as_str());
        if !(covered && gone) {
            let near: Vec<_> = findings
                .iter()
                .filter(|f| f.end() > s && f.start() < e)
                .map(|f| f.rule_id().to_string())
                .collect();
            missed.push(format!(
                "line {} {}: {:?} (covered: {covered}, gone: {gone}, overlapping findings: {near:?})",
                p.line, p.rule, p.value
            ));
        }
    }
    let recall = 1.0 - missed.len() as f64 / planted.len() as f64;
    eprintln!(
        "secret corpus recall: {:.2}% ({} of {} planted secrets caught)",
        recall * 100.0,
        planted.len() - missed.len(),
        planted.len()
    );
    assert!(
        recall >= 0.99,
        "recall {:.2}% < 99%; missed:\n{}",
        recall * 100.0,
        missed.join("\n")
    );
    if !missed.is_empty() {
        eprintln!("missed:\n{}", missed.join("\n"));
    }
}

#[test]
fn decoys_stay_quiet() {
    quiet("decoy.txt", 2.0);
}

/// Configuration and manifests without secrets (issue 16): the places secrets live, empty.
#[test]
fn config_decoys_stay_quiet() {
    quiet("decoy-config.txt", 1.0);
}

/// No finding at all, of any rule (secret or personal data), on a decoy of at least `min_mb`.
fn quiet(name: &str, min_mb: f64) {
    let text = corpus(name);
    let redactor = Redactor::new().expect("built-in catalog compiles");
    let findings = redactor.find_overlapping(text.as_bytes());
    let mb = text.len() as f64 / 1_000_000.0;
    assert!(mb >= min_mb, "{name} too small: {mb:.2} MB");
    let show = |f: &redactum::Finding| {
        let (s, e) = (f.start(), f.end());
        let ls = text[..s].rfind('\n').map_or(0, |i| i + 1);
        let le = text[e..].find('\n').map_or(text.len(), |i| e + i);
        format!(
            "{} ({}): {:?} in {:?}",
            f.rule_id(),
            f.category(),
            &text[s..e],
            &text[ls..le.min(ls + 300)]
        )
    };
    let secret = findings
        .iter()
        .filter(|f| f.category() == Category::Secret)
        .count();
    eprintln!(
        "{name} findings (full catalog): {} in {mb:.2} MB ({secret} secret, {} pii)",
        findings.len(),
        findings.len() - secret
    );
    let listed: Vec<String> = findings.iter().map(show).collect();
    assert!(
        listed.is_empty(),
        "{} findings on {name}:\n{}",
        findings.len(),
        listed.join("\n")
    );
}
