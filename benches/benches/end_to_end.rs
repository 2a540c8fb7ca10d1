//! End to end, in bytes per second: `Redactor::new()` (the whole catalog, secrets and PII) and
//! `redact_bytes` over each corpus class; JSON lines in `Format::Auto` too, and the streaming
//! redactor on the ordinary class.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use redactum::{Format, Redactor};

mod common;
use common::{config, sample, CLASSES};

fn end_to_end(c: &mut Criterion) {
    let r = Redactor::new().expect("catalog builds");
    let mut g = c.benchmark_group("end-to-end/redact_bytes");
    for class in CLASSES {
        let hay = sample(class);
        g.throughput(Throughput::Bytes(hay.len() as u64));
        g.bench_function(class, |b| b.iter(|| r.redact_bytes(black_box(&hay)).len()));
    }
    g.finish();

    let auto = Redactor::builder()
        .format(Format::Auto)
        .build()
        .expect("catalog builds");
    let jsonl = sample("jsonl");
    let mut g = c.benchmark_group("end-to-end/format-auto");
    g.throughput(Throughput::Bytes(jsonl.len() as u64));
    g.bench_function("jsonl", |b| {
        b.iter(|| auto.redact_bytes(black_box(&jsonl)).len())
    });
    g.finish();

    let ordinary = sample("ordinary");
    let mut g = c.benchmark_group("end-to-end/stream_redact");
    g.throughput(Throughput::Bytes(ordinary.len() as u64));
    g.bench_function("ordinary", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(ordinary.len());
            r.stream_redact(black_box(&ordinary[..]), &mut out)
                .expect("in-memory io");
            out.len()
        })
    });
    g.finish();
}

criterion_group! {
    name = e2e;
    config = config();
    targets = end_to_end
}
criterion_main!(e2e);
