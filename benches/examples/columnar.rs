//! Throughput of the core's column path (`Redactor::redact_column`) on short log messages,
//! next to `Redactor::redact` called per row: clean rows and rows of which about 20% hold PII,
//! with the default format (`auto`) and with `format = text`. The floor the Python columnar
//! paths (`bindings/python/bench/columnar.py`) cannot beat.
//!
//! ```text
//! cargo run --release -p redactum-benches --example columnar [-- ROWS]
//! ```
//!
//! For instruction counts, `-- ROWS measure FORMAT PII` makes one `redact_column` call (the
//! function `measure`) on one set, after a warm-up call, and prints nothing else (a fifth
//! argument `find` makes it one `find_column` call instead, `measure_find`; an argument
//! `kind=K` makes every row with PII hold the PII of `PII[K]`, an email, a phone number, an
//! IP address or a card number: with `100`, the cost of one kind per row):
//!
//! ```text
//! valgrind --tool=callgrind --toggle-collect='*columnar*measure*' \
//!     target/release/examples/columnar 100000 measure text 0
//! ```

use std::time::Instant;

use redactum::{Column, Format, Redactor};

const PII: [&str; 4] = [
    "contact ann.smith{n}@example.com for access",
    "call +1 415-555-{n4} after 5pm",
    "client 10.{a}.{b}.{c} rejected",
    "paid with 4111 1111 1111 1111 ok",
];
const CLEAN: [&str; 5] = [
    "GET /api/v1/items/{n} 200 {ms}ms",
    "worker {n} finished job in {ms} ms",
    "cache miss for key item:{n}, refilling",
    "user session {n} renewed, ttl=3600",
    "INFO scheduler tick {n} queue={ms}",
];

/// A small deterministic generator (xorshift), so that runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn rows(n: usize, pii_percent: u64, kind: Option<usize>) -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let pii = rng.next() % 100 < pii_percent;
            let t = if pii {
                PII[kind.unwrap_or((rng.next() % 4) as usize)]
            } else {
                CLEAN[(rng.next() % 5) as usize]
            };
            t.replace("{n4}", &format!("{:04}", i % 10000))
                .replace("{n}", &i.to_string())
                .replace("{ms}", &(rng.next() % 900).to_string())
                .replace("{a}", &(rng.next() % 256).to_string())
                .replace("{b}", &(rng.next() % 256).to_string())
                .replace("{c}", &(rng.next() % 256).to_string())
        })
        .collect()
}

/// The rows as one values buffer and `i32` offsets.
fn arrow_layout(data: &[String]) -> Result<(Vec<u8>, Vec<i32>), std::num::TryFromIntError> {
    let mut values = Vec::new();
    let mut offsets = vec![0i32];
    for s in data {
        values.extend_from_slice(s.as_bytes());
        offsets.push(i32::try_from(values.len())?);
    }
    Ok((values, offsets))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let args: Vec<String> = std::env::args().collect();
    if args.get(2).map(String::as_str) == Some("measure") {
        let format = match args.get(3).map(String::as_str) {
            Some("text") => Format::Text,
            _ => Format::Auto,
        };
        let pii: u64 = args.get(4).map(|a| a.parse()).transpose()?.unwrap_or(0);
        let r = Redactor::builder().format(format).build()?;
        let kind = args
            .iter()
            .find_map(|a| a.strip_prefix("kind="))
            .map(str::parse::<usize>)
            .transpose()?;
        if kind.is_some_and(|k| k >= PII.len()) {
            return Err(format!("kind=K: K is below {}", PII.len()).into());
        }
        let data = rows(n, pii, kind);
        let (values, offsets) = arrow_layout(&data)?;
        let col = Column::new(&values, &offsets, None)?;
        if args.get(5).map(String::as_str) == Some("find") {
            std::hint::black_box(r.find_column(&col, 1));
            std::hint::black_box(measure_find(&r, &col));
        } else {
            std::hint::black_box(r.redact_column(&col, 1)?);
            std::hint::black_box(measure(&r, &col)?);
        }
        return Ok(());
    }
    for (name, r) in [
        // `Redactor::new()` is `text`: the core's default format.
        ("auto", Redactor::builder().format(Format::Auto).build()?),
        ("text", Redactor::builder().format(Format::Text).build()?),
    ] {
        for pii in [0, 20] {
            let data = rows(n, pii, None);
            let (values, offsets) = arrow_layout(&data)?;
            let col = Column::new(&values, &offsets, None)?;
            let mb = values.len() as f64 / 1e6;
            let mut best = f64::MAX;
            for _ in 0..3 {
                let t = Instant::now();
                let out = r.redact_column(&col, 1)?;
                best = best.min(t.elapsed().as_secs_f64());
                std::hint::black_box(out);
            }
            let t = Instant::now();
            for s in &data {
                std::hint::black_box(r.redact(s));
            }
            let per_row = t.elapsed().as_secs_f64();
            println!(
                "format={name:<4} pii={pii:>2}%  redact_column {:>6.2}M rows/s {:>6.1} MB/s   redact per row {:>6.2}M rows/s",
                n as f64 / best / 1e6,
                mb / best,
                n as f64 / per_row / 1e6,
            );
        }
    }
    Ok(())
}

/// One `find_column` call (`-- ROWS measure FORMAT PII find`).
#[inline(never)]
fn measure_find(r: &Redactor, col: &Column<'_, i32>) -> usize {
    r.find_column(col, 1).len()
}

/// One `redact_column` call, the span callgrind counts (see the module documentation).
#[inline(never)]
fn measure(r: &Redactor, col: &Column<'_, i32>) -> Result<usize, redactum::ColumnError> {
    Ok(r.redact_column(col, 1)?.values.len())
}
