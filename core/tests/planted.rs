//! Every planted secret of every built-in rule is replaced: each rule's `examples`, embedded in
//! other text with separators (space, tab, newline, `=`, `:`, quotes, commas), still lose the
//! secret part this rule finds in them. Deterministic over every rule and separator, then
//! randomised (proptest) over the surrounding text and the mix of separators.

#[path = "common/invariants.rs"]
mod invariants;

use std::sync::OnceLock;

use proptest::prelude::*;
use redactum::{parse_rules, Redactor};

/// An example and the secret parts (this rule's finding spans) it must lose.
struct Planted {
    rule: String,
    example: String,
    secrets: Vec<String>,
}

fn redactor() -> &'static Redactor {
    static R: OnceLock<Redactor> = OnceLock::new();
    R.get_or_init(|| Redactor::new().expect("built-in catalog compiles"))
}

fn planted() -> &'static [Planted] {
    static P: OnceLock<Vec<Planted>> = OnceLock::new();
    P.get_or_init(|| {
        let r = redactor();
        let mut out = Vec::new();
        for (file, text) in redactum::builtin_rule_files() {
            for spec in parse_rules(file, text).expect("built-in rule file parses") {
                for ex in &spec.examples {
                    let alone = r.redact(ex);
                    // Secrets the example alone loses (rule_examples.rs checks that it loses
                    // all of them); a secret that also appears as ordinary text is skipped.
                    let secrets: Vec<String> = r
                        .find_overlapping(ex.as_bytes())
                        .iter()
                        .filter(|f| f.rule_id() == spec.id)
                        .map(|f| ex[f.span()].to_string())
                        .filter(|s| !alone.contains(s.as_str()))
                        .collect();
                    if !secrets.is_empty() {
                        out.push(Planted {
                            rule: spec.id.clone(),
                            example: ex.clone(),
                            secrets,
                        });
                    }
                }
            }
        }
        out
    })
}

/// What may come before an example: `=` and `:` as in `key=value`.
const SEPARATORS: &[&str] = &[
    " ", "\t", "\n", "=", ":", "\"", "'", ",", ", ", "\r\n", " = ", ": \"",
];
/// What may come after: `=` and `:` are left out, they can be part of the value itself (base64
/// padding, passwords), so appending them makes a different, longer value.
const AFTER: &[&str] = &[" ", "\t", "\n", "\"", "'", ",", ", ", "\r\n", " = ", "; "];

/// Words that are no rule's context (no keyword, no digit, nothing that looks like a value).
/// Not `node`: `ipv4` reads `node 1.2.3.4` as a Node.js version and skips it, by design.
const WORDS: &[&str] = &[
    "request", "done", "in", "the", "queue", "worker", "started", "ok", "status", "reply", "from",
    "batch", "with",
];

fn survivors(p: &Planted, text: &str) -> Vec<String> {
    let out = redactor().redact(text);
    p.secrets
        .iter()
        .filter(|s| out.contains(s.as_str()))
        .cloned()
        .collect()
}

#[test]
fn every_example_secret_is_replaced_between_any_separators() {
    let all = planted();
    assert!(
        all.len() > 100,
        "only {} planted examples: is the catalog loaded?",
        all.len()
    );
    let mut failures = Vec::new();
    for p in all {
        for before in SEPARATORS {
            for after in AFTER {
                let text = format!("status ok{before}{}{after}done", p.example);
                let left = survivors(p, &text);
                if !left.is_empty() {
                    failures.push(format!("{}: {left:?} survives in {text:?}", p.rule));
                    break;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} planted secrets survive:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_example_secret_is_replaced_repeated_on_one_line() {
    // The same example several times on a line, and the examples of every rule concatenated:
    // neighbouring secrets do not hide one another.
    let mut failures = Vec::new();
    for p in planted() {
        for sep in [" ", ", ", "\t", " | "] {
            let text = [p.example.as_str(); 3].join(sep);
            let left = survivors(p, &text);
            if !left.is_empty() {
                failures.push(format!("{}: {left:?} survives in {text:?}", p.rule));
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} planted secrets survive when repeated:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn surrounding() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        proptest::sample::select(WORDS).prop_map(str::to_string),
        "[a-z]{1,6}",
        proptest::sample::select(AFTER).prop_map(str::to_string),
    ];
    proptest::collection::vec(word, 0..8).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn planted_secret_replaced_in_random_text(
        idx in any::<proptest::sample::Index>(),
        prefix in surrounding(),
        suffix in surrounding(),
        before in proptest::sample::select(SEPARATORS),
        after in proptest::sample::select(AFTER),
    ) {
        let p = idx.get(planted());
        let text = format!("{prefix}{before}{}{after}{suffix}", p.example);
        let left = survivors(p, &text);
        prop_assert!(left.is_empty(), "{}: {:?} survives in {:?} -> {:?}", p.rule, left, text, redactor().redact(&text));
    }
}

#[test]
fn doubled_secrets_hold_the_invariants() {
    // The secret written twice in its example (`ip 1.2.3.4 1.2.3.4`). Whether the second copy
    // is a finding depends on the rule (`KEY=value value` has one value), but whatever is
    // found, the output must hold nothing more to find: a rule whose pattern consumes the
    // separator after one value, hiding the next one until the first is replaced, fails here.
    let mut failures = Vec::new();
    for p in planted() {
        let secret = &p.secrets[0];
        for sep in [" ", ", ", "\t", " / "] {
            let text = p
                .example
                .replacen(secret.as_str(), &format!("{secret}{sep}{secret}"), 1);
            if let Err(e) = invariants::check_whole(redactor(), text.as_bytes()) {
                failures.push(format!("{}: {e}", p.rule));
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} doubled secrets break the invariants:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
