//! Builds the catalog and redacts one file once: for instruction counts under callgrind
//! (`valgrind --tool=callgrind --toggle-collect='*scan_once*measure*' ...`), which are
//! repeatable on a busy machine where wall-clock figures are not. With `--stream` as second
//! argument the measured call is `stream_redact` (128 KiB reads) instead of `redact_bytes`.
//! `REDACTUM_FORMAT=auto` (or `json`, `logfmt`) measures that line format instead of text.
fn main() {
    let file = std::env::args().nth(1).expect("file");
    let data = std::fs::read(&file).unwrap();
    let stream = std::env::args().nth(2).as_deref() == Some("--stream");
    let format = std::env::var("REDACTUM_FORMAT").unwrap_or_else(|_| "text".into());
    let r = redactum::Redactor::builder()
        .format(
            redactum::Format::from_name(&format)
                .expect("REDACTUM_FORMAT: auto, text, json or logfmt"),
        )
        .build()
        .unwrap();
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
