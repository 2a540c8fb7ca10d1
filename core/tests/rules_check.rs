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

/// A keyword-less rule's `candidate` must match wherever its pattern does: a candidate that
/// misses one of the rule's examples is reported; one that holds is not. A candidate on a rule
/// with keywords is an error at build.
#[test]
fn a_candidate_that_misses_the_pattern_is_reported() {
    let rule = |candidate: &str| {
        format!(
            r#"
[[rule]]
id = "ticket-no"
name = "Ticket number"
category = "pii"
pattern = '''(?i:ref(?:erence)?[:=])\d{{8}}|\b(?P<secret>T\d{{8}})\b'''
candidate = '''{candidate}'''
references = ["https://example.org/tickets"]
examples = ["opened T12345678 today", "see T87654321"]
negative_examples = ["reference=12345678 only"]
"#
        )
    };
    let report_for = |candidate: &str| {
        let mut b = Redactor::builder();
        b.builtin_rules(false).add_rules("t.toml", &rule(candidate));
        check(&b).expect("builds")
    };
    let misses = |candidate: &str| {
        report_for(candidate)
            .problems
            .iter()
            .filter(|p| p.rule_id == "ticket-no" && p.kind == ProblemKind::CandidateMisses)
            .count()
    };
    // The veto's words replaced by any word: a superset.
    assert_eq!(misses(r"(?i:[a-z]+[:=])\d{8}|\bT\d{8}\b"), 0);
    // Without the veto alternative: the negative example's `reference=` is missed.
    assert_eq!(misses(r"\bT\d{8}\b"), 1);
    // Without the finding's alternative: both examples are missed.
    assert_eq!(misses(r"(?i:[a-z]+[:=])\d{8}"), 2);

    let with_keywords = rule(r"\bT\d{8}\b").replace(
        "category = \"pii\"\n",
        "category = \"pii\"\nkeywords = [\"T\"]\n",
    );
    let err = Redactor::builder()
        .builtin_rules(false)
        .add_rules("t.toml", &with_keywords)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("candidate"), "{err}");
    assert!(err.to_string().contains("ticket-no"), "{err}");
}

/// A keyword-less rule's `anchors` must hold in every match: a rule whose examples match
/// without one of its anchors is reported; one whose anchors hold is not. Unknown anchors, and
/// anchors on a rule with keywords, are errors at build.
#[test]
fn anchors_that_miss_a_match_are_reported() {
    let rule = |anchors: &str| {
        format!(
            r#"
[[rule]]
id = "order-ip"
name = "Order host"
category = "pii"
pattern = '''\border=(?P<secret>\d{{1,3}}(?:\.\d{{1,3}}){{3}}|\d{{6}})\b'''
anchors = [{anchors}]
references = ["https://example.org/orders"]
examples = ["order=10.1.2.3 shipped", "order=123456 shipped"]
negative_examples = ["order 10.1.2.3"]
"#
        )
    };
    let misses = |anchors: &str| {
        let mut b = Redactor::builder();
        b.builtin_rules(false).add_rules("t.toml", &rule(anchors));
        check(&b)
            .expect("builds")
            .problems
            .iter()
            .filter(|p| p.rule_id == "order-ip" && p.kind == ProblemKind::AnchorMisses)
            .count()
    };
    // Six digits hold no quad: that example is reported.
    assert_eq!(misses(r#""dotted-quad""#), 1);
    // A chain needs twelve digits: neither example holds one.
    assert_eq!(misses(r#""digit-chain""#), 2);

    for (anchors, message) in [
        (r#""dotted-quads""#, "unknown anchor"),
        (r#""dotted-quad""#, "keywords"),
    ] {
        let text = rule(anchors);
        let text = if message == "keywords" {
            text.replace(
                "category = \"pii\"\n",
                "category = \"pii\"\nkeywords = [\"order\"]\n",
            )
        } else {
            text
        };
        let err = Redactor::builder()
            .builtin_rules(false)
            .add_rules("t.toml", &text)
            .build()
            .unwrap_err();
        assert!(err.to_string().contains(message), "{err}");
        assert!(err.to_string().contains("order-ip"), "{err}");
    }
}
