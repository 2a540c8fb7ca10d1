//! Every built-in rule's examples must be found by that rule through the full catalog (and the
//! secret part must be gone from the output); no negative example may be found by it.

use redactum::{parse_rules, Redactor};

#[test]
fn every_rule_example_holds() {
    // Eager: every built-in pattern is compiled here, so lazy compilation can never fail later.
    let redactor = Redactor::builder()
        .eager(true)
        .build()
        .expect("built-in catalog compiles");
    let mut failures = Vec::new();
    let mut rules = 0;
    for (file, text) in redactum::builtin_rule_files() {
        for spec in parse_rules(file, text).expect("built-in rule file parses") {
            rules += 1;
            if spec.examples.len() < 2 {
                failures.push(format!("{file}: {}: fewer than two examples", spec.id));
            }
            if spec.negative_examples.is_empty() {
                failures.push(format!("{file}: {}: no negative example", spec.id));
            }
            for ex in &spec.examples {
                let found = redactor.find_overlapping(ex.as_bytes());
                let mine: Vec<_> = found.iter().filter(|f| f.rule_id() == spec.id).collect();
                if mine.is_empty() {
                    let others: Vec<_> = found.iter().map(|f| f.rule_id().to_string()).collect();
                    failures.push(format!(
                        "{file}: {}: example not found: {ex:?} (found: {others:?})",
                        spec.id
                    ));
                    continue;
                }
                let out = redactor.redact(ex);
                for f in mine {
                    let secret = &ex[f.span()];
                    if out.contains(secret) {
                        failures.push(format!(
                            "{file}: {}: {secret:?} survives in {out:?}",
                            spec.id
                        ));
                    }
                }
                let mut streamed = Vec::new();
                redactor
                    .stream_redact(ex.as_bytes(), &mut streamed)
                    .unwrap();
                if streamed != out.as_bytes() {
                    failures.push(format!("{file}: {}: streaming differs for {ex:?}", spec.id));
                }
            }
            for neg in &spec.negative_examples {
                let found = redactor.find_overlapping(neg.as_bytes());
                if found.iter().any(|f| f.rule_id() == spec.id) {
                    failures.push(format!(
                        "{file}: {}: negative example matched: {neg:?}",
                        spec.id
                    ));
                }
            }
        }
    }
    eprintln!("checked {rules} rules");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rule_ids_are_unique_and_catalog_compiles_per_rule() {
    let mut seen = std::collections::HashSet::new();
    for (file, text) in redactum::builtin_rule_files() {
        for spec in parse_rules(file, text).unwrap() {
            assert!(seen.insert(spec.id.clone()), "duplicate id {}", spec.id);
            assert!(
                !spec.references.is_empty(),
                "{file}: {}: no references",
                spec.id
            );
        }
    }
}
