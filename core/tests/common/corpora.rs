//! The committed corpus texts, relative to the repository root: what the golden fingerprints
//! and the column tests run over.

pub const CORPORA: &[&str] = &[
    "corpora/sample/app.log",
    "corpora/bench/samples/ordinary.txt",
    "corpora/bench/samples/dense.txt",
    "corpora/bench/samples/jsonl.txt",
    "corpora/bench/samples/adversarial.txt",
    "corpora/secrets/planted.txt",
    "corpora/pii/planted.txt",
    "corpora/secrets/decoy.txt",
    "corpora/secrets/decoy-config.txt",
    "corpora/pii/decoy-lognoise.txt",
];
