//! The rule-quality gate behind `redactum rules check`: every rule's examples and negative
//! examples run through the whole rule set, keywords against examples, declared overlaps, the
//! build's cost check, and statistics of the set.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::builder::RedactorBuilder;
use crate::error::Error;
use crate::rule::{Category, RuleSpec};

/// What a [`Problem`] is about.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// Fewer than two examples.
    TooFewExamples,
    /// No negative example.
    NoNegativeExample,
    /// No reference to documentation.
    NoReference,
    /// A secret rule without `provider`.
    NoProvider,
    /// An example in which the rule finds nothing through the whole rule set.
    ExampleNotFound,
    /// An example the rule finds, but whose replaced span carries another rule's label.
    ExampleMislabelled,
    /// Part of an example's secret survives redaction.
    SecretSurvives,
    /// Streaming redaction of an example differs from whole-input redaction.
    StreamingDiffers,
    /// A negative example in which the rule finds something.
    NegativeFound,
    /// An example that holds none of the rule's keywords (the keyword stage would never open
    /// a window on it).
    ExampleWithoutKeyword,
    /// The rule finds another rule's example without declaring it in `overlaps`.
    UndeclaredOverlap,
    /// `overlaps` names a rule that is not in the set.
    UnknownOverlap,
    /// The pattern matches somewhere in an example or a negative example where the rule's
    /// `candidate` does not: the combined search would never try that place.
    CandidateMisses,
    /// A match of the pattern (or of the `candidate`) in an example or a negative example
    /// holds none of the rule's `anchors`, or reaches further past one than the anchor allows:
    /// the combined search, which runs around anchors, would miss it.
    AnchorMisses,
}

impl ProblemKind {
    /// A short kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::TooFewExamples => "too-few-examples",
            ProblemKind::NoNegativeExample => "no-negative-example",
            ProblemKind::NoReference => "no-reference",
            ProblemKind::NoProvider => "no-provider",
            ProblemKind::ExampleNotFound => "example-not-found",
            ProblemKind::ExampleMislabelled => "example-mislabelled",
            ProblemKind::SecretSurvives => "secret-survives",
            ProblemKind::StreamingDiffers => "streaming-differs",
            ProblemKind::NegativeFound => "negative-found",
            ProblemKind::ExampleWithoutKeyword => "example-without-keyword",
            ProblemKind::UndeclaredOverlap => "undeclared-overlap",
            ProblemKind::UnknownOverlap => "unknown-overlap",
            ProblemKind::CandidateMisses => "candidate-misses",
            ProblemKind::AnchorMisses => "anchor-misses",
        }
    }
}

/// One thing wrong with one rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// The rule file.
    pub source: String,
    /// The rule.
    pub rule_id: String,
    /// Details: the example, the other rule, the keyword.
    pub detail: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}: {}",
            self.source,
            self.rule_id,
            self.kind.as_str(),
            self.detail
        )
    }
}

/// Counts over the checked rule set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogStats {
    /// Rules per category (`secret`, `pii`).
    pub per_category: BTreeMap<String, usize>,
    /// Rules per provider (`-` for rules without one).
    pub per_provider: BTreeMap<String, usize>,
    /// Rules per rule file.
    pub per_file: BTreeMap<String, usize>,
    /// Rules using each validator (by name, without its argument).
    pub validators: BTreeMap<String, usize>,
    /// Rules without keywords (searched everywhere).
    pub without_keywords: usize,
    /// Keywords (lower-cased) that several rules share, with those rules.
    pub shared_keywords: BTreeMap<String, Vec<String>>,
    /// (rule, keyword) pairs whose keyword appears in none of the rule's examples: the
    /// keyword stage opens windows for it that no example exercises. Listed, not a problem:
    /// such a keyword is often a context word for a format another example covers.
    pub untested_keywords: Vec<(String, String)>,
    /// Examples run.
    pub examples: usize,
    /// Negative examples run.
    pub negative_examples: usize,
}

/// The result of [`check`]: the rule count, every problem, and statistics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Rules checked.
    pub rules: usize,
    /// Problems, in rule order.
    pub problems: Vec<Problem>,
    /// Counts over the set.
    pub stats: CatalogStats,
}

impl CheckReport {
    /// True when no problem was found.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the rule set `builder` would compile (its built-in catalog and added files, after
/// its filters):
///
/// - the set builds with every pattern compiled now, so the cost check (`TooCostly`), size
///   limits and validators are verified for every rule, not only those an input wakes;
/// - every rule has a reference (secret rules a provider too), two examples and a negative example;
/// - every example is found by its rule through the whole set, its replaced span carries the
///   rule's label, the secret is gone from the output and streaming gives the same output;
/// - no negative example is found by its rule;
/// - every example holds one of the rule's keywords (ASCII case ignored, as the keyword stage
///   matches); keywords that appear in no example are listed in the statistics;
/// - a rule that finds part of another rule's example declares it in `overlaps` (or `*`).
///
/// # Errors
/// The set does not build (a file that does not parse, a pattern that does not compile or is
/// too costly): the error names the file and the rule.
pub fn check(builder: &RedactorBuilder) -> Result<CheckReport, Error> {
    let specs = builder.specs()?;
    let mut eager = builder.clone();
    let redactor = eager.eager(true).build()?;
    let mut report = CheckReport {
        rules: specs.len(),
        ..CheckReport::default()
    };
    let by_id: BTreeMap<&str, &RuleSpec> = specs.iter().map(|(_, s)| (s.id.as_str(), s)).collect();
    let mut keyword_rules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    // Reported under the rule that finds the other's example, after the rest.
    let mut overlaps = Vec::new();
    for (source, spec) in &specs {
        let problems = &mut report.problems;
        let mut problem = |kind, detail: String| {
            problems.push(Problem {
                kind,
                source: source.to_string(),
                rule_id: spec.id.clone(),
                detail,
            })
        };
        let stats = &mut report.stats;
        *stats
            .per_category
            .entry(spec.category.as_str().to_string())
            .or_default() += 1;
        *stats
            .per_provider
            .entry(spec.provider.clone().unwrap_or_else(|| "-".into()))
            .or_default() += 1;
        *stats.per_file.entry(source.to_string()).or_default() += 1;
        for v in &spec.validators {
            let name = v.split('(').next().unwrap_or(v).trim().to_string();
            *stats.validators.entry(name).or_default() += 1;
        }
        if spec.keywords.is_empty() {
            stats.without_keywords += 1;
        }
        for k in &spec.keywords {
            keyword_rules
                .entry(k.to_ascii_lowercase())
                .or_default()
                .insert(spec.id.clone());
        }
        stats.examples += spec.examples.len();
        stats.negative_examples += spec.negative_examples.len();

        if spec.examples.len() < 2 {
            problem(
                ProblemKind::TooFewExamples,
                format!("{} example(s), at least 2", spec.examples.len()),
            );
        }
        if spec.negative_examples.is_empty() {
            problem(ProblemKind::NoNegativeExample, "none".into());
        }
        if spec.references.is_empty() {
            problem(ProblemKind::NoReference, "none".into());
        }
        if spec.category == Category::Secret
            && spec.provider.as_deref().is_none_or(|p| p.trim().is_empty())
        {
            problem(ProblemKind::NoProvider, "none".into());
        }
        for o in &spec.overlaps {
            if o != "*" && !by_id.contains_key(o.as_str()) {
                problem(
                    ProblemKind::UnknownOverlap,
                    format!("no rule `{o}` in the set"),
                );
            }
        }
        let compiled = redactor
            .text()
            .engine
            .rules
            .iter()
            .find(|r| *r.id == *spec.id);
        if spec.candidate.is_some() {
            if let Some((rule, cand)) = compiled.and_then(|r| r.candidate_regex().map(|c| (r, c))) {
                for ex in spec.examples.iter().chain(&spec.negative_examples) {
                    if let Some((s, e)) = rule.candidate_miss(&cand, ex.as_bytes()) {
                        problem(
                            ProblemKind::CandidateMisses,
                            format!(
                                "{ex:?}: the pattern matches {:?} at {s}, the candidate does not",
                                String::from_utf8_lossy(&ex.as_bytes()[s..e])
                            ),
                        );
                    }
                }
            }
        }
        if !spec.anchors.is_empty() {
            for ex in spec.examples.iter().chain(&spec.negative_examples) {
                if let Some((s, e)) = compiled.and_then(|r| r.anchor_miss(ex.as_bytes())) {
                    problem(
                        ProblemKind::AnchorMisses,
                        format!(
                            "{ex:?}: the rule matches {:?} at {s}, which holds none of its \
                             anchors ({}) or reaches too far past one",
                            String::from_utf8_lossy(&ex.as_bytes()[s..e]),
                            spec.anchors.join(", ")
                        ),
                    );
                }
            }
        }
        let lower_keywords: Vec<String> = spec
            .keywords
            .iter()
            .map(|k| k.to_ascii_lowercase())
            .collect();
        let mut keyword_seen = vec![false; lower_keywords.len()];
        for ex in &spec.examples {
            if !lower_keywords.is_empty() {
                let hay = ex.to_ascii_lowercase();
                let mut any = false;
                for (i, k) in lower_keywords.iter().enumerate() {
                    if hay.contains(k.as_str()) {
                        keyword_seen[i] = true;
                        any = true;
                    }
                }
                if !any {
                    problem(ProblemKind::ExampleWithoutKeyword, format!("{ex:?}"));
                }
            }
            let found = redactor.find_overlapping(ex.as_bytes());
            let mine: Vec<_> = found.iter().filter(|f| f.rule_id() == spec.id).collect();
            if mine.is_empty() {
                let others: Vec<&str> = found.iter().map(|f| f.rule_id()).collect();
                problem(
                    ProblemKind::ExampleNotFound,
                    format!("{ex:?} (found: {others:?})"),
                );
                continue;
            }
            let merged: Vec<_> = redactor.find_iter(ex.as_bytes()).collect();
            for m in &mine {
                let label = merged
                    .iter()
                    .find(|s| s.start() <= m.start() && m.end() <= s.end())
                    .map(|s| s.rule_id());
                if label != Some(spec.id.as_str()) {
                    problem(
                        ProblemKind::ExampleMislabelled,
                        format!("{ex:?} labelled {}", label.unwrap_or("-")),
                    );
                }
            }
            let out = redactor.redact(ex);
            for m in &mine {
                let secret = &ex[m.span()];
                if out.contains(secret) {
                    problem(
                        ProblemKind::SecretSurvives,
                        format!("{secret:?} in {out:?}"),
                    );
                }
            }
            let mut streamed = Vec::new();
            if redactor
                .stream_redact(ex.as_bytes(), &mut streamed)
                .is_err()
                || streamed != out.as_bytes()
            {
                problem(ProblemKind::StreamingDiffers, format!("{ex:?}"));
            }
            for other in found.iter().filter(|f| f.rule_id() != spec.id) {
                let overlapping = mine
                    .iter()
                    .any(|m| other.start() < m.end() && m.start() < other.end());
                if !overlapping {
                    continue;
                }
                let declared = by_id
                    .get(other.rule_id())
                    .is_some_and(|o| o.overlaps.iter().any(|x| x == "*" || *x == spec.id))
                    || spec.overlaps.iter().any(|x| x == other.rule_id());
                if !declared {
                    overlaps.push(Problem {
                        kind: ProblemKind::UndeclaredOverlap,
                        source: source.to_string(),
                        rule_id: other.rule_id().to_string(),
                        detail: format!("finds {}'s example {ex:?}", spec.id),
                    });
                }
            }
        }
        for (i, seen) in keyword_seen.iter().enumerate() {
            if !seen && !spec.examples.is_empty() {
                report
                    .stats
                    .untested_keywords
                    .push((spec.id.clone(), spec.keywords[i].clone()));
            }
        }
        for neg in &spec.negative_examples {
            if redactor
                .find_overlapping(neg.as_bytes())
                .iter()
                .any(|f| f.rule_id() == spec.id)
            {
                problem(ProblemKind::NegativeFound, format!("{neg:?}"));
            }
        }
    }
    report.problems.extend(overlaps);
    report.stats.shared_keywords = keyword_rules
        .into_iter()
        .filter(|(_, rules)| rules.len() > 1)
        .map(|(k, rules)| (k, rules.into_iter().collect()))
        .collect();
    Ok(report)
}
