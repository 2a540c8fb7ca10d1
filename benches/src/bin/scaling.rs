//! Parallel scaling of batch redaction: the same work on 1 and on N threads.
//!
//! `cargo run --release -p redactum-benches --bin scaling -- FILE [THREADS]`
//!
//! Cuts FILE into texts of about 64 KiB (at line ends), warms up the redactor, then times
//! `Redactor::redact_batch` over all texts in a rayon pool of 1 thread and of THREADS threads
//! (default 2), best of three each, and prints MB/s and the speed-up. (The CLI's many-files
//! mode runs the same per-file work on the same kind of pool: `redactum -j N --output DIR DIR`.)
//! The redactor has the default options of the core (`--format text`);
//! `REDACTUM_FORMAT=auto` (or `json`, `logfmt`) measures that line format instead, as the
//! bindings and the CLI use by default.

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: scaling FILE [THREADS]");
    let threads: usize = args.next().map_or(2, |t| t.parse().expect("THREADS"));
    let data = std::fs::read_to_string(&file).expect("read corpus (UTF-8)");
    let mut texts = Vec::new();
    let mut rest = data.as_str();
    while !rest.is_empty() {
        let cut = if rest.len() <= 64 << 10 {
            rest.len()
        } else {
            // The first line end from 64 KiB on (searched as bytes: 64 KiB may fall inside a
            // character; a line end is a character boundary).
            memchr::memchr(b'\n', &rest.as_bytes()[64 << 10..])
                .map_or(rest.len(), |i| (64 << 10) + i + 1)
        };
        texts.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    let format = std::env::var("REDACTUM_FORMAT").unwrap_or_else(|_| "text".into());
    let r = redactum::Redactor::builder()
        .format(
            redactum::Format::from_name(&format)
                .expect("REDACTUM_FORMAT: auto, text, json or logfmt"),
        )
        .build()
        .expect("catalog");
    let mb = data.len() as f64 / 1e6;
    let time_on = |n: usize| -> f64 {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .expect("thread pool");
        pool.install(|| {
            // Warm-up: every thread's lazy DFAs and caches.
            let _ = r.redact_batch(&texts);
            let mut best = f64::MAX;
            for _ in 0..3 {
                let t = Instant::now();
                let out = r.redact_batch(&texts);
                best = best.min(t.elapsed().as_secs_f64());
                assert_eq!(out.len(), texts.len());
            }
            best
        })
    };
    let one = time_on(1);
    let many = time_on(threads);
    println!(
        "{file} ({format}): {:.1} MB in {} texts; 1 thread {:.1} MB/s; {threads} threads {:.1} MB/s; speed-up {:.2}x",
        mb,
        texts.len(),
        mb / one,
        mb / many,
        one / many
    );
}
