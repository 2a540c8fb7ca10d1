//! Shared helpers for the criterion benches: the committed samples and short measurement
//! settings, so the whole suite runs in a few minutes.

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;

/// The corpus classes committed under `corpora/bench/samples/`.
pub const CLASSES: [&str; 4] = ["ordinary", "dense", "adversarial", "jsonl"];

/// Reads `corpora/bench/samples/<class>.txt`.
pub fn sample(class: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../corpora/bench/samples")
        .join(format!("{class}.txt"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Short runs: 10 samples, 1 s warm-up, 3 s of measurement per bench.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}
