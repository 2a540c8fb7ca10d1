//! Builds the catalog and redacts one file once: for instruction counts under callgrind
//! (`valgrind --tool=callgrind --toggle-collect='*scan_once*measure*' ...`), which are
//! repeatable on a busy machine where wall-clock figures are not. With `--stream` as second
//! argument the measured call is `stream_redact` (128 KiB reads) instead of `redact_bytes`.
//! `REDACTUM_FORMAT=auto` (or `json`, `logfmt`) measures that line format instead of text.
//! `REDACTUM_CATALOG_DIR=DIR` replaces the built-in catalog with the `*.toml` files of DIR
//! (another commit's `core/rules`), compiled lazily as the built-in files are
//! (`lazy_added_rules`): the same engine with a smaller or larger catalog (issue 16).
//! The catalog build time goes to stderr.
fn main() {
    let file = std::env::args().nth(1).expect("file");
    let data = std::fs::read(&file).unwrap();
    let stream = std::env::args().nth(2).as_deref() == Some("--stream");
    let format = std::env::var("REDACTUM_FORMAT").unwrap_or_else(|_| "text".into());
    let mut b = redactum::Redactor::builder();
    b.format(
        redactum::Format::from_name(&format).expect("REDACTUM_FORMAT: auto, text, json or logfmt"),
    );
    if let Some(dir) = std::env::var_os("REDACTUM_CATALOG_DIR") {
        b.builtin_rules(false);
        // Compiled on first use as the built-in files are (another commit's catalog, which
        // its test suite checked).
        b.lazy_added_rules(true);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("REDACTUM_CATALOG_DIR")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        for f in files {
            let name = format!("rules/{}", f.file_name().unwrap().to_string_lossy());
            b.add_rules(&name, &std::fs::read_to_string(&f).unwrap());
        }
    }
    let started = std::time::Instant::now();
    let r = b.build().unwrap();
    eprintln!(
        "catalog: {} rules built in {:.1} ms",
        r.rules().len(),
        started.elapsed().as_secs_f64() * 1e3
    );
    // Warm the lazy DFAs first: their states are built once, then reused.
    let _ = warm(&r, &data);
    let n = if stream {
        measure_stream(&r, &data)
    } else {
        measure(&r, &data)
    };
    println!("{} bytes out", n);
}

#[inline(never)]
fn measure(r: &redactum::Redactor, data: &[u8]) -> usize {
    r.redact_bytes(data).len()
}

#[inline(never)]
fn warm(r: &redactum::Redactor, data: &[u8]) -> usize {
    r.redact_bytes(data).len()
}

#[inline(never)]
fn measure_stream(r: &redactum::Redactor, data: &[u8]) -> usize {
    let mut out = Vec::with_capacity(data.len() + 4096);
    r.stream_redact(data, &mut out).unwrap();
    out.len()
}
