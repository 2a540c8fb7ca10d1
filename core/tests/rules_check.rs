//! `redactum rules check` (`redactum::check`): the built-in catalog is clean, and each kind of
//! problem is reported on a rule set made to have it.

use redactum::{check, ProblemKind, Redactor};

#[test]
fn builtin_catalog_is_clean() {
    let report = check(&Redactor::builder()).expect("built-in catalog builds eagerly");
    let listed: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        report.is_clean(),
        "{} problems:\n{}",
        listed.len(),
        listed.join("\n")
    );
    let secrets = report
        .stats
        .per_category
        .get("secret")
        .copied()
        .unwrap_or(0);
    assert!(secrets >= 384, "{secrets} secret rules");
    assert_eq!(
        report.rules,
        report.stats.per_category.values().sum::<usize>()
    );
    eprintln!(
        "{} rules, {} providers, {} shared keywords",
        report.rules,
        report.stats.per_provider.len(),
        report.stats.shared_keywords.len()
    );
}

const BAD: &str = r#"
[[rule]]
id = "acme-key"
name = "Acme key"
category = "secret"
provider = "Acme"
keywords = ["acme_"]
pattern = '''\b(?P<secret>acme_[a-z0-9]{20})\b'''
references = ["https://acme.example/docs"]
examples = ["k=acme_0123456789abcdefghij", "no keyword here: ACMX_0123456789abcdefghij"]
negative_examples = ["acme_0123456789abcdefghzz"]

[[rule]]
id = "acme-wide"
name = "Acme anything"
category = "secret"
keywords = ["acme"]
pattern = '''\b(?P<secret>acme_[a-z0-9]{20})\b'''
priority = 1
overlaps = ["nobody"]
references = []
examples = ["acme_zzzzzzzzzzzzzzzzzzzz"]
"#;

#[test]
fn each_problem_is_reported() {
    let mut b = Redactor::builder();
    b.builtin_rules(false).add_rules("bad.toml", BAD);
    let report = check(&b).expect("builds");
    let has = |id: &str, kind: ProblemKind| {
        report
            .problems
            .iter()
            .any(|p| p.rule_id == id && p.kind == kind)
    };
    // Second example: no keyword, and nothing found.
    assert!(has("acme-key", ProblemKind::ExampleWithoutKeyword));
    assert!(has("acme-key", ProblemKind::ExampleNotFound));
    // The negative is found (same shape).
    assert!(has("acme-key", ProblemKind::NegativeFound));
    // acme-wide wins the label on acme-key's example (priority) and finds it undeclared.
    assert!(has("acme-key", ProblemKind::ExampleMislabelled));
    assert!(has("acme-wide", ProblemKind::UndeclaredOverlap));
    assert!(has("acme-wide", ProblemKind::UnknownOverlap));
    assert!(has("acme-wide", ProblemKind::TooFewExamples));
    assert!(has("acme-wide", ProblemKind::NoNegativeExample));
    assert!(has("acme-wide", ProblemKind::NoReference));
    assert!(has("acme-wide", ProblemKind::NoProvider));
    assert!(!has("acme-key", ProblemKind::NoProvider));
    assert_eq!(report.stats.per_provider.get("Acme"), Some(&1));
}

#[test]
fn declared_overlap_is_accepted() {
    let text = BAD.replace(r#"overlaps = ["nobody"]"#, r#"overlaps = ["acme-key"]"#);
    let mut b = Redactor::builder();
    b.builtin_rules(false).add_rules("bad.toml", &text);
    let report = check(&b).unwrap();
    assert!(!report.problems.iter().any(|p| matches!(
        p.kind,
        ProblemKind::UndeclaredOverlap | ProblemKind::UnknownOverlap
    )));
}

#[test]
fn costly_pattern_fails_the_check() {
    let mut b = Redactor::builder();
    b.builtin_rules(false).add_rules(
        "costly.toml",
        "[[rule]]\nid='c'\nname='c'\ncategory='secret'\npattern='''[a-z]{1,1024}x'''\n",
    );
    let e = check(&b).unwrap_err();
    assert_eq!(e.kind(), redactum::ErrorKind::TooCostly);
    assert_eq!(e.rule_id(), Some("c"));
}
