//! One bench per stage of the engine, each in bytes per second:
//! keyword prefilter, confirmation of one rule, validators, replacement.

use std::hint::black_box;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use redactum::bench::Search;
use redactum::{validators, Redactor, Style};

mod common;
use common::{config, sample, CLASSES};

/// The catalog's keywords, as the engine collects them (lower-cased, deduplicated).
fn catalog_keywords() -> Vec<String> {
    let mut words: Vec<String> = redactum::builtin_rule_files()
        .iter()
        .flat_map(|(name, text)| redactum::parse_rules(name, text).expect("built-in rules parse"))
        .flat_map(|spec| spec.keywords)
        .map(|k| k.to_ascii_lowercase())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The keyword automaton over every keyword of the catalog, alone: how fast candidates are
/// found. `engine` is redactum's search as the engine runs it (the literal prefilter, then the
/// hand-built DFA around its candidates, or over the whole span where they are dense);
/// `engine-plain` the DFA alone (four lanes); `aho-corasick` the crate's DFA with overlapping
/// search, for reference.
fn prefilter(c: &mut Criterion) {
    let words = catalog_keywords();
    let mut engine = redactum::bench::KeywordAutomaton::new(&words).expect("keyword automaton");
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&words)
        .expect("keyword automaton");
    let mut g = c.benchmark_group(format!("prefilter/{}-keywords", words.len()));
    for class in CLASSES {
        let hay = sample(class);
        g.throughput(Throughput::Bytes(hay.len() as u64));
        let n = ac.find_overlapping_iter(&hay[..]).count();
        assert_eq!(
            engine.count(&hay),
            n,
            "both automata find the same keywords"
        );
        assert_eq!(engine.count_by(&hay, Search::Plain), n);
        g.bench_function(format!("engine/{class}"), |b| {
            b.iter(|| engine.count(black_box(&hay[..])))
        });
        g.bench_function(format!("engine-plain/{class}"), |b| {
            b.iter(|| engine.count_by(black_box(&hay[..]), Search::Plain))
        });
        g.bench_function(format!("aho-corasick/{class}"), |b| {
            b.iter(|| ac.find_overlapping_iter(black_box(&hay[..])).count())
        });
    }
    g.finish();
}

/// One rule at a time (its keywords, then its regex over the windows around them, then its
/// validators): a keyworded secret, a keyworded PII shape, a digit shape and a checksummed one.
fn confirmation(c: &mut Criterion) {
    for rule in ["stripe-secret-key", "email", "credit-card", "iban"] {
        let r = Redactor::builder()
            .only_rules([rule])
            .build()
            .expect("rule builds");
        let mut g = c.benchmark_group(format!("confirm/{rule}"));
        for class in ["ordinary", "dense"] {
            let hay = sample(class);
            let found = r.find_iter(&hay).count();
            eprintln!(
                "confirm/{rule}/{class}: {found} findings in {} bytes",
                hay.len()
            );
            // the planted lines hold items of every rule: a bench that finds nothing is wrong
            assert!(
                class != "dense" || found > 0,
                "{rule} finds nothing in {class}"
            );
            g.throughput(Throughput::Bytes(hay.len() as u64));
            g.bench_function(class, |b| b.iter(|| r.find_iter(black_box(&hay)).count()));
        }
        g.finish();
    }
}

/// Candidate-shaped inputs, one `Vec` per candidate.
type Inputs = Vec<Vec<u8>>;

/// Card numbers, IBAN shapes and base62 tokens for the validators.
fn validator_inputs() -> (Inputs, Inputs, Inputs) {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let cards = (0..1000)
        .map(|_| format!("4{:015}", next() % 1_000_000_000_000_000).into_bytes())
        .collect();
    let ibans = (0..1000)
        .map(|_| {
            format!(
                "DE{:02}{:018}",
                next() % 100,
                next() % 1_000_000_000_000_000_000
            )
            .into_bytes()
        })
        .collect();
    const B62: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let tokens = (0..1000)
        .map(|_| (0..40).map(|_| B62[(next() % 62) as usize]).collect())
        .collect();
    (cards, ibans, tokens)
}

fn validators_bench(c: &mut Criterion) {
    let (cards, ibans, tokens) = validator_inputs();
    let bytes = |v: &[Vec<u8>]| v.iter().map(Vec::len).sum::<usize>() as u64;
    let mut g = c.benchmark_group("validators");
    g.throughput(Throughput::Bytes(bytes(&cards)));
    g.bench_function("luhn/16-digit", |b| {
        b.iter(|| {
            cards
                .iter()
                .filter(|s| validators::luhn_valid(black_box(s)))
                .count()
        })
    });
    g.throughput(Throughput::Bytes(bytes(&ibans)));
    g.bench_function("mod97/DE-iban", |b| {
        b.iter(|| {
            ibans
                .iter()
                .filter(|s| validators::mod97_valid(black_box(s)))
                .count()
        })
    });
    g.throughput(Throughput::Bytes(bytes(&tokens)));
    g.bench_function("shannon-entropy/40-byte", |b| {
        b.iter(|| {
            tokens
                .iter()
                .map(|s| validators::shannon_entropy(black_box(s)))
                .sum::<f64>()
        })
    });
    g.finish();
}

/// Replacement cost on text dense with findings: `find_iter` alone against `redact_bytes`
/// with each style (the difference is building the output).
fn replacement(c: &mut Criterion) {
    let hay = sample("dense");
    let mut g = c.benchmark_group("replace/dense");
    g.throughput(Throughput::Bytes(hay.len() as u64));
    let plain = Redactor::new().expect("catalog builds");
    eprintln!(
        "replace/dense: {} findings in {} bytes",
        plain.find_iter(&hay).count(),
        hay.len()
    );
    g.bench_function("find_iter-only", |b| {
        b.iter(|| plain.find_iter(black_box(&hay)).count())
    });
    for (name, style) in [
        ("label", Style::Label),
        ("mask", Style::Mask),
        ("hash", Style::Hash),
    ] {
        let r = Redactor::builder()
            .style(style)
            .hash_key(b"bench-key-0123456789")
            .build()
            .expect("catalog builds");
        g.bench_function(format!("redact_bytes-{name}"), |b| {
            b.iter(|| r.redact_bytes(black_box(&hay)).len())
        });
    }
    g.finish();
}

criterion_group! {
    name = stages;
    config = config();
    targets = prefilter, confirmation, validators_bench, replacement
}
criterion_main!(stages);
