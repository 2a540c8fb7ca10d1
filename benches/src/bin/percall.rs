//! Per-call cost of `redact` on a clean 200-byte log line with the full catalog.
use std::time::Instant;
fn main() {
    let line = "2026-11-21T23:59:01.123Z INFO  [http-nio-8080-exec-7] c.a.orders.OrderService - order 8f14e45f processed in 123 ms for customer 4411 status=OK region=eu-west-1 retries=0 cache=hit";
    let line = &line[..200.min(line.len())];
    let r = redactum::Redactor::new().unwrap();
    assert!(
        matches!(r.redact(line), std::borrow::Cow::Borrowed(_)),
        "{}",
        r.redact(line)
    );
    let n = 200_000;
    let t = Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += r.redact(std::hint::black_box(line)).len();
    }
    let per = t.elapsed().as_secs_f64() / n as f64;
    println!(
        "{} bytes: {:.0} ns per redact call ({:.0} MB/s) [{k}]",
        line.len(),
        per * 1e9,
        line.len() as f64 / per / 1e6
    );
}
