//! Single-thread throughput of the full default catalog on corpus files.
//!
//! `cargo run --release -p redactum-benches --bin throughput -- FILE...`
//! Prints the catalog build time, then MB/s for whole-input redaction and for streaming.

use std::time::Instant;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let t = Instant::now();
    let r = redactum::Redactor::new().expect("catalog");
    println!(
        "catalog: {} rules, built in {:.1} ms",
        r.rules().len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    for f in files {
        let data = std::fs::read(&f).expect("read corpus");
        // Warm up the lazy DFAs, then take the best of three.
        let _ = r.redact_bytes(&data);
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let out = r.redact_bytes(&data);
            best = best.min(t.elapsed().as_secs_f64());
            found = out.len();
        }
        let mut sbest = f64::MAX;
        for _ in 0..2 {
            let t = Instant::now();
            let mut sink = std::io::sink();
            r.stream_redact(&data[..], &mut sink).unwrap();
            sbest = sbest.min(t.elapsed().as_secs_f64());
        }
        let mb = data.len() as f64 / 1e6;
        println!(
            "{f}: {:.1} MB, whole {:.1} MB/s, stream {:.1} MB/s, findings {} (output {} bytes)",
            mb,
            mb / best,
            mb / sbest,
            r.find_iter(&data).count(),
            found
        );
    }
}
