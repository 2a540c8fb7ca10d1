//! Planted-corpus manifests, shared by the secret and PII recall tests.

/// One planted item: its 1-based line, the rule that should find it, and its exact value.
pub struct Planted {
    pub line: usize,
    pub rule: String,
    pub value: String,
}

/// Parses a `planted.manifest.jsonl`; `field` names the value (`secret` or `value`).
pub fn manifest(jsonl: &str, field: &str) -> Vec<Planted> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("manifest line is JSON");
            Planted {
                line: v["line"].as_u64().expect("line") as usize,
                rule: v["rule"].as_str().expect("rule").to_string(),
                value: v[field].as_str().expect("value field").to_string(),
            }
        })
        .collect()
}

/// Byte offset of the start of each line (1-based line `n` starts at `starts[n - 1]`).
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}
