//! Throughput of structured (JSON-lines) redaction against plain text mode on the same corpus.
//!
//! `cargo run --release -p redactum-benches --bin throughput_json -- corpora/generated/jsonl.txt`
//! (make the corpus with `python3 corpora/bench/generate.py --size-mb 32 jsonl`).
//! Prints MB/s for text, json and auto formats, whole-input and streaming, best of three.

use std::time::Instant;

use redactum::{Format, Redactor};

fn best_of<F: FnMut() -> usize>(n: usize, mut f: F) -> (f64, usize) {
    let mut best = f64::MAX;
    let mut out = 0;
    for _ in 0..n {
        let t = Instant::now();
        out = f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, out)
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let formats = [
        ("text", Format::Text),
        ("json", Format::Json),
        ("auto", Format::Auto),
    ];
    let redactors: Vec<(&str, Redactor)> = formats
        .iter()
        .map(|(n, f)| (*n, Redactor::builder().format(*f).build().expect("catalog")))
        .collect();
    for f in files {
        let data = std::fs::read(&f).expect("read corpus");
        let mb = data.len() as f64 / 1e6;
        println!(
            "{f}: {mb:.1} MB, {} lines",
            memchr::memchr_iter(b'\n', &data).count()
        );
        let mut text_whole = 0.0;
        for (name, r) in &redactors {
            // Warm up the lazy DFAs.
            let _ = r.redact_bytes(&data);
            let (whole, out_len) = best_of(3, || r.redact_bytes(&data).len());
            let (stream, _) = best_of(2, || {
                let mut sink = std::io::sink();
                r.stream_redact(&data[..], &mut sink).unwrap().findings as usize
            });
            let mut findings = 0u64;
            r.stream_redact_with(&data[..], std::io::sink(), |_| findings += 1)
                .unwrap();
            if *name == "text" {
                text_whole = mb / whole;
            }
            println!(
                "  {name:>5}: whole {:.1} MB/s ({:.0}% of text), stream {:.1} MB/s, {findings} findings, output {out_len} bytes",
                mb / whole,
                100.0 * (mb / whole) / text_whole,
                mb / stream,
            );
        }
    }
}
