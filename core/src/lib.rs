//! redactum finds secrets (cloud and API keys, tokens, private keys, passwords) and personal
//! data (emails, phone numbers, card numbers, national ids...) in text and replaces them.
//!
//! Rules are data (`core/rules/*.toml`, see `docs/rule-format.md`). They compile once into an
//! Aho-Corasick keyword automaton and regex-automata engines; candidates are confirmed by
//! validators (Luhn, mod-97, token checksums, entropy). Nothing is copied when nothing is found,
//! and the streaming redactor works in bounded memory whatever the input.
//!
//! # Example
//! ```
//! use redactum::Redactor;
//!
//! let redactor = Redactor::new()?;
//! let line = "login ok user=ann@example.com key=AKIAZ3MHKEY7PQ4XW2LN";
//! assert_eq!(
//!     redactor.redact(line),
//!     "login ok user=[REDACTED:email] key=[REDACTED:aws-access-key-id]"
//! );
//!
//! // Streaming, in bounded memory: same output as the whole-input call.
//! let mut out = Vec::new();
//! redactor.stream_redact(line.as_bytes(), &mut out)?;
//! assert_eq!(out, redactor.redact(line).as_bytes());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overlaps
//! Every rule's validated findings are collected; findings that overlap merge into one
//! replaced span, so no fragment of a secret survives between two replacements. A merged span
//! is labelled by the finding that starts leftmost, then the longest, then the one with the
//! highest `priority`, then the rule that comes first.
//!
//! # Structured logs
//! [`RedactorBuilder::format`] picks how lines are read ([`Format`]: `Text`, the builder's
//! default, `Auto`, the default of [`Options`] and so of every interface, `Json`, `Logfmt`). In a JSON line every string is scanned (strings written with
//! escapes are decoded first, and a finding maps back to the escaped source), the value of a
//! sensitive key ([`DEFAULT_SENSITIVE_KEYS`] plus [`RedactorBuilder::sensitive_keys`]) is replaced
//! whatever it holds, and the line is rewritten in place: untouched bytes, key order and spacing
//! stay as they were, and a replaced number, boolean, null, object or array becomes a JSON
//! string holding the replacement. In `key=value` lines, HTTP header dumps and URL query
//! strings the values of sensitive keys are replaced too; the rest of each line still goes
//! through the rules. Other lines are plain text and come out exactly as in text mode.
//!
//! ```
//! use redactum::{Format, Redactor, Style};
//!
//! let r = Redactor::builder()
//!     .format(Format::Auto)
//!     .style_for("credit-card", Style::Partial { keep_start: 0, keep_end: 4 })
//!     .build()?;
//! assert_eq!(
//!     r.redact(r#"{"user": {"apiKey": 42, "mail": "ann\u0040example.com"}, "n": 1}"#),
//!     r#"{"user": {"apiKey": "[REDACTED:sensitive-key]", "mail": "[REDACTED:email]"}, "n": 1}"#
//! );
//! assert_eq!(r.redact("level=info password=hunter2 card=4111111111111111"),
//!            "level=info password=[REDACTED:sensitive-key] card=************1111");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Reversible placeholders
//! [`Redactor::redact_reversible`] replaces each distinct value with a numbered placeholder
//! (`<EMAIL_1>`) kept in a [`Vault`]; [`Vault::restore`] puts the values back into a language
//! model's answer.

#![warn(missing_docs)]

// The layers, each using only those listed before it:
// rule data (specs, the built-in catalog, gitleaks import) and leaf utilities;
mod anchors;
mod catalog;
mod error;
mod gitleaks;
mod keywords;
mod marker;
mod prefilter;
mod rule;
mod span;
mod split;
mod sql_values;
mod trigrams;
pub mod validators;
mod vault;
// compilation of specs into rules; the scan of one segment; segments and settling;
mod compile;
mod engine;
mod scan;
// replacement (styles, markers); the text redactor and its stream; structured lines;
mod render;
mod structured;
mod text;
// the public redactor and its builder; options by name, on top of the builder.
mod builder;
mod options;
mod redact;
// batches in the Arrow string layout, over the public redactor.
mod columnar;
// the rule-quality gate over a built rule set.
mod check;

pub use builder::RedactorBuilder;
pub use catalog::builtin_rule_files;
pub use check::{check, CatalogStats, CheckReport, Problem, ProblemKind};
pub use columnar::{Column, ColumnError, ColumnFinding, Offset, RedactedColumn, Validity};
pub use error::{Error, ErrorKind};
pub use options::{canonical_name, Options, RuleSource, Value, KEY_ENV, OPTION_NAMES};
pub use redact::{FindIter, Redactor, RuleInfo, StreamRedactor};
pub use render::{label_marker, ReplaceFn, Style, MAX_KEEP};
pub use rule::{parse_rules, Category, RuleSpec};
pub use span::{Finding, StreamFinding, SENSITIVE_KEY_RULE};
pub use structured::{Format, DEFAULT_SENSITIVE_KEYS, QUERY_SENSITIVE_KEYS};
pub use text::StreamStats;
pub use vault::{placeholder_type, Entry as VaultEntry, Vault, VaultError};

/// Internals exposed for the benchmarks in `benches/` only; not a stable API.
#[doc(hidden)]
pub mod bench {
    /// The byte classification of `--format auto`'s JSON-line check: every SIMD path against
    /// the scalar reference on each 64-byte window of `bytes` (fuzz target `simd_classes`).
    pub fn line_classes_agree(bytes: &[u8]) -> Result<(), String> {
        crate::structured::shape::blocks_agree(bytes)
    }

    /// The byte classes of the anchors of keyword-less rules: the AVX2 path against the
    /// scalar reference on each 64-byte window of `bytes` (fuzz target `anchors`).
    pub fn anchor_classes_agree(bytes: &[u8]) -> Result<(), String> {
        crate::anchors::classes_agree(bytes)
    }

    /// Whether the combined search of keyword-less rules of `r` runs on anchored lines only.
    pub fn anchored(r: &crate::Redactor) -> bool {
        r.text().engine.anchored()
    }

    /// The engine's keyword automaton over `words` (ASCII letters in any case).
    pub struct KeywordAutomaton(crate::keywords::Keywords, crate::keywords::Lanes);

    impl KeywordAutomaton {
        /// Builds the automaton the engine would build for these keywords.
        pub fn new(words: &[String]) -> Result<KeywordAutomaton, crate::Error> {
            let words: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
            Ok(KeywordAutomaton(
                crate::keywords::Keywords::new(&words)?,
                Default::default(),
            ))
        }

        /// How many keyword occurrences (overlapping) `hay` holds, searched as the engine
        /// searches (the literal prefilter, then the automaton around its candidates).
        pub fn count(&mut self, hay: &[u8]) -> usize {
            self.count_by(hay, Search::Engine)
        }

        /// The same, searched as `how` says.
        pub fn count_by(&mut self, hay: &[u8], how: Search) -> usize {
            let mut n = 0;
            self.0
                .for_each_hit_by(hay, 0..hay.len(), &mut self.1, how.into(), |_, _, _| n += 1);
            n
        }

        /// Every keyword occurrence inside `span` of `hay` as (keyword, start, end), in order
        /// of their ends, searched as `how` says.
        pub fn hits(
            &mut self,
            hay: &[u8],
            span: std::ops::Range<usize>,
            how: Search,
        ) -> Vec<(usize, usize, usize)> {
            let mut v = Vec::new();
            self.0
                .for_each_hit_by(hay, span, &mut self.1, how.into(), |p, s, e| {
                    v.push((p, s, e))
                });
            v
        }

        /// Whether the prefilter's vector and scalar loops find the same windows in `hay`.
        pub fn prefilter_loops_agree(&self, hay: &[u8]) -> bool {
            self.0.prefilter_loops_agree(hay)
        }
    }

    /// How [`KeywordAutomaton`] searches; every way finds the same occurrences.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Search {
        /// As the engine does: the prefilter, unless its candidates are too dense.
        Engine,
        /// Through the prefilter's windows, however dense.
        Windows,
        /// The automaton alone over the whole span.
        Plain,
    }

    impl From<Search> for crate::keywords::Search {
        fn from(s: Search) -> Self {
            match s {
                Search::Engine => crate::keywords::Search::Engine,
                Search::Windows => crate::keywords::Search::Windows,
                Search::Plain => crate::keywords::Search::Plain,
            }
        }
    }
}

#[cfg(test)]
mod testoibits {
    use super::*;
    use std::panic::{RefUnwindSafe, UnwindSafe};

    fn assert_all<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}

    #[test]
    fn public_types_are_thread_safe() {
        assert_all::<Redactor>();
        assert_all::<StreamRedactor>();
        assert_all::<RedactorBuilder>();
        assert_all::<Finding>();
        assert_all::<Error>();
        assert_all::<Style>();
        assert_all::<RuleSpec>();
        assert_all::<Vault>();
        assert_all::<Format>();
        assert_all::<Options>();
    }
}
