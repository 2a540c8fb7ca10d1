//! Compiles rule specifications into rules ([`CompiledRules`]); the engine (`engine.rs`) is built over them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use regex_automata::meta::{self, Regex};
use regex_automata::util::prefilter::Prefilter;
use regex_automata::util::syntax;
use regex_syntax::hir::{
    self, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
};

use crate::error::{Error, ErrorKind};
use crate::keywords::Keywords;
use crate::rule::{Category, RuleSpec};
use crate::validators;

/// Longest match assumed for a single-line pattern without an upper bound.
pub(crate) const SINGLE_LINE_CAP: usize = 1024;
/// Longest match a multiline rule may declare.
pub(crate) const MULTILINE_CAP: usize = 64 * 1024;
/// Size limit of one compiled pattern.
const PATTERN_SIZE_LIMIT: usize = 4 << 20;
/// Cache of a multiline rule's early-release automaton in one stream (see
/// `Rule::release_dfa`): when its states outgrow it, the window is held to its end.
const RELEASE_CACHE: usize = 2 << 20;

/// A compiled rule.
pub(crate) struct Rule {
    pub id: Arc<str>,
    pub name: String,
    pub category: Category,
    pub keywords: Vec<String>,
    /// Compiled on first use for built-in rules (the test suite compiles every one), at build
    /// time for added rules: start-up and memory stay small when most rules never fire.
    pub regex: std::sync::OnceLock<Regex>,
    /// The pattern as written.
    pattern: Box<str>,
    /// Bytes around a keyword where a match may lie (besides its own length).
    window: usize,
    /// The pattern's syntax tree and what it tells; parsed at build for added and keyword-less
    /// rules, on first use for the other built-in rules.
    shape: std::sync::OnceLock<Shape>,
    /// Finds the secret part without captures, when the pattern's shape allows it (built on
    /// first use, as `regex` is).
    splitter: std::sync::OnceLock<Option<crate::split::Splitter>>,
    pub checks: Vec<validators::Check>,
    pub min_len: usize,
    pub max_len: usize,
    pub allow: Vec<Regex>,
    pub stopwords: Vec<Vec<u8>>,
    pub multiline: bool,
    /// Keywords must stand as words; a keyword that is a key looks forward only.
    pub word_keywords: bool,
    pub priority: i32,
    /// When every match contains a keyword at most this many bytes from its start, a keyword
    /// at `hs` bounds the match start to `hs - lead ..= hs`: the window shrinks to that.
    /// Computed on first use, as `regex` is: literal extraction over the whole catalog was
    /// two thirds of the catalog's build time.
    lead: std::sync::OnceLock<Option<usize>>,
    /// Single-line rules with keywords whose pattern is `BEFORE KEYWORD AFTER` (see
    /// [`KeywordSides`]), built on first use as `lead` is.
    sides: std::sync::OnceLock<Option<Box<KeywordSides>>>,
    /// Multiline rules: the pattern as an anchored lazy DFA (built on first use; `None` when
    /// over the pattern size limit), to learn early that a window's result can no longer
    /// change. Boxed: the DFA is 712 bytes, and only a few rules are multiline (inline, it
    /// made every rule 1,280 bytes instead of 560).
    release: std::sync::OnceLock<Option<Box<ReleaseDfa>>>,
    /// A prefilter of the pattern's prefix literals (every match starts with one), made with
    /// `regex` (whose automaton skips to its candidates), or before it; `None` when the pattern
    /// has no usable prefix. Multiline windows try its candidates (`Engine::search`).
    starts: std::sync::OnceLock<Option<Prefilter>>,
    /// Keyword-less rules: the spec's `candidate` pattern (parsed at build), which the
    /// combined search of keyword-less rules looks for in place of the pattern.
    candidate: Option<Hir>,
    /// Keyword-less rules: the shapes every match contains (the spec's `anchors`).
    pub anchors: crate::anchors::AnchorSet,
    pub index: usize,
}

/// A lazy forward DFA of a multiline rule's pattern, run anchored at each start.
pub(crate) type ReleaseDfa = regex_automata::hybrid::dfa::DFA;

impl Rule {
    /// See the field `shape`.
    #[inline]
    pub(crate) fn shape(&self) -> &Shape {
        match self.shape.get() {
            Some(s) => s,
            None => self.parse_shape(),
        }
    }

    #[cold]
    #[inline(never)]
    fn parse_shape(&self) -> &Shape {
        self.shape.get_or_init(|| {
            let max_len = Some(self.max_len).filter(|&m| m != usize::MAX);
            shape_of(&self.pattern, self.multiline, max_len, self.window)
                .expect("built-in rules parse: checked by the test suite")
        })
    }

    /// The pattern as compiled (newlines removed for single-line rules).
    #[inline]
    pub(crate) fn hir(&self) -> &Hir {
        &self.shape().hir
    }

    /// What the combined search of keyword-less rules looks for: the `candidate` pattern when
    /// the rule has one (it matches wherever the pattern does), else the pattern.
    #[inline]
    pub(crate) fn search_hir(&self) -> &Hir {
        self.candidate.as_ref().unwrap_or_else(|| self.hir())
    }

    /// The `candidate` pattern compiled alone, for checks (`rules check`, tests); `None` when
    /// the rule has none.
    pub(crate) fn candidate_regex(&self) -> Option<Regex> {
        self.candidate.as_ref().and_then(|h| build_many(&[h]).ok())
    }

    /// The first match in `hay` of the pattern or of the `candidate` (at every start where one
    /// has a match) that does not start inside a region of the rule's own `anchors` or ends
    /// past that region's reach: the combined search of keyword-less rules would not find it.
    /// `None` for a rule without anchors.
    pub(crate) fn anchor_miss(&self, hay: &[u8]) -> Option<(usize, usize)> {
        if self.anchors.is_empty() {
            return None;
        }
        let mut scratch = crate::anchors::AnchorScratch::default();
        crate::anchors::Finder::new(self.anchors).regions(
            hay,
            0..hay.len(),
            self.max_match(),
            &mut scratch,
        );
        let held = |s: usize, e: usize| {
            scratch
                .regions
                .iter()
                .zip(&scratch.reach)
                .any(|(r, &reach)| r.contains(&s) && e <= reach)
        };
        let candidate = self.candidate_regex();
        for re in std::iter::once(self.regex()).chain(candidate.as_ref()) {
            let mut at = 0;
            while let Some(m) = re.search(&regex_automata::Input::new(hay).range(at..)) {
                if !held(m.start(), m.end()) {
                    return Some((m.start(), m.end()));
                }
                at = m.start() + 1;
            }
        }
        None
    }

    /// The first match of the pattern in `hay` that does not start a match of `candidate`
    /// (see [`Rule::candidate_regex`]): each leftmost start of the pattern, searching again
    /// from the byte after it, is a place the combined keyword-less search must find.
    pub(crate) fn candidate_miss(&self, candidate: &Regex, hay: &[u8]) -> Option<(usize, usize)> {
        use regex_automata::{Anchored, Input};
        let mut at = 0;
        while at <= hay.len() {
            let m = self.regex().search(&Input::new(hay).range(at..))?;
            if !candidate.is_match(Input::new(hay).range(m.start()..).anchored(Anchored::Yes)) {
                return Some((m.start(), m.end()));
            }
            at = m.start() + 1;
        }
        None
    }

    /// The capture index of the group named `secret`.
    #[inline]
    pub(crate) fn secret_group(&self) -> Option<usize> {
        self.shape().secret_group
    }

    /// Longest match the pattern can produce (capped).
    #[inline]
    pub(crate) fn max_match(&self) -> usize {
        self.shape().max_match
    }

    /// How far from a keyword a match may lie: `max_match + window`.
    #[inline]
    pub(crate) fn reach(&self) -> usize {
        self.shape().reach
    }

    /// An upper bound of [`Rule::reach`] of a single-line rule that does not parse the
    /// pattern: the exact value once parsed, else the cap of single-line rules plus the window
    /// (keyword-less rules are always parsed at build).
    pub(crate) fn reach_bound(&self) -> usize {
        self.shape
            .get()
            .map_or(SINGLE_LINE_CAP.saturating_add(self.window), |s| s.reach)
    }

    /// An upper bound of [`Rule::max_match`] that does not parse the pattern.
    pub(crate) fn max_match_bound(&self) -> usize {
        self.shape.get().map_or(SINGLE_LINE_CAP, |s| s.max_match)
    }

    #[inline]
    pub(crate) fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            rule_automaton(self.hir(), self.starts().cloned())
                .expect("built-in rules compile: checked by the test suite")
        })
    }

    /// See the field `lead`.
    #[inline]
    pub(crate) fn lead(&self) -> Option<usize> {
        *self.lead.get_or_init(|| {
            if self.multiline {
                None
            } else {
                keyword_lead(self.hir(), &self.keywords)
            }
        })
    }

    /// See [`KeywordSides`]: `None` for rules without keywords, multiline rules, rules whose
    /// keywords are context words, rules whose matches start with their keyword (one anchored
    /// search at the hit already decides) and patterns of another shape.
    #[inline]
    pub(crate) fn sides(&self) -> Option<&KeywordSides> {
        self.sides
            .get_or_init(|| {
                if self.multiline
                    || self.word_keywords
                    || self.keywords.is_empty()
                    || self.lead() == Some(0)
                {
                    return None;
                }
                KeywordSides::of(self.hir(), &self.keywords).map(Box::new)
            })
            .as_deref()
    }

    /// See the field `release`. A lazy DFA: its states are made as a stream's bytes need them,
    /// in a cache each stream owns (`scan.rs`), which gives up rather than clearing itself
    /// (state ids held across calls stay valid). The full DFA it replaces cost 25M
    /// instructions per rule on first use (the determinization of every state of a PEM
    /// body's counted repetitions): 125M of the 64 MB CLI run's 830M one-time instructions.
    pub(crate) fn release_dfa(&self) -> Option<&ReleaseDfa> {
        self.release
            .get_or_init(|| release_dfa_of(self.hir()).map(Box::new))
            .as_deref()
    }

    /// See the field `starts`: where a match can start. A match starting at `s` begins with
    /// one of the literals, so a search of the prefilter from `s` or before finds a candidate
    /// at `s` or before.
    pub(crate) fn starts(&self) -> Option<&Prefilter> {
        self.starts
            .get_or_init(|| prefix_prefilter(&[self.hir()]))
            .as_ref()
    }

    /// See the field `splitter`.
    #[inline]
    pub(crate) fn splitter(&self) -> Option<&crate::split::Splitter> {
        self.splitter
            .get_or_init(|| match self.secret_group() {
                Some(_) => crate::split::splitter(self.hir(), |hs| build_many(hs).ok()),
                None => None,
            })
            .as_ref()
    }
}

/// A rule to compile: its spec, the source it came from (for errors), and whether its
/// automaton may wait until first use (the built-in catalog: start-up and memory stay small
/// when most rules never fire; the test suite compiles every one).
pub(crate) struct SpecToCompile<'a> {
    pub source: &'a str,
    pub spec: &'a RuleSpec,
    pub lazy: bool,
}

/// The compiled rules, in order (rule `i` is `rules[i]`), with the engine's settings.
pub(crate) struct CompiledRules {
    pub rules: Vec<Rule>,
    /// Piece size for long lines (a test hook); `None` for the default.
    pub piece: Option<usize>,
    /// Replace a segment whose scan failed instead of propagating the panic.
    pub fail_closed: bool,
}

pub(crate) fn parse_hir(pattern: &str) -> Result<Hir, Error> {
    let mut parser = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build();
    parser.parse(pattern).map_err(|e| {
        let (msg, col) = match &e {
            regex_syntax::Error::Parse(p) => (p.kind().to_string(), p.span().start.column),
            regex_syntax::Error::Translate(t) => (t.kind().to_string(), t.span().start.column),
            _ => (e.to_string(), 0),
        };
        if msg.contains("look-around") || msg.contains("backreference") {
            Error::new(
                ErrorKind::Unsupported,
                format!(
                    "invalid pattern at column {col}: {msg} (redactum runs in linear time; \
                     express the condition with keywords, `allow` or a validator)"
                ),
            )
        } else {
            Error::new(
                ErrorKind::InvalidRegex,
                format!("invalid pattern at column {col}: {msg}"),
            )
        }
    })
}

/// Removes `\n` from every class so that a single-line rule cannot cross a line end.
fn strip_newlines(h: &Hir) -> Result<Hir, String> {
    Ok(match h.kind() {
        HirKind::Empty | HirKind::Look(_) => h.clone(),
        HirKind::Literal(hir::Literal(bytes)) => {
            if bytes.contains(&b'\n') {
                return Err(
                    "the pattern contains a literal newline; set `multiline = true`".into(),
                );
            }
            h.clone()
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut c = c.clone();
            c.difference(&ClassBytes::new([ClassBytesRange::new(b'\n', b'\n')]));
            if c.ranges().is_empty() {
                return Err("a class matches only a newline; set `multiline = true`".into());
            }
            Hir::class(Class::Bytes(c))
        }
        HirKind::Class(Class::Unicode(c)) => {
            let mut c = c.clone();
            c.difference(&ClassUnicode::new([ClassUnicodeRange::new('\n', '\n')]));
            if c.ranges().is_empty() {
                return Err("a class matches only a newline; set `multiline = true`".into());
            }
            Hir::class(Class::Unicode(c))
        }
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(strip_newlines(&r.sub)?),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(strip_newlines(&c.sub)?),
        }),
        HirKind::Concat(subs) => {
            Hir::concat(subs.iter().map(strip_newlines).collect::<Result<_, _>>()?)
        }
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(strip_newlines).collect::<Result<_, _>>()?)
        }
    })
}

/// `h` with `f` applied to each of its children (leaves are cloned as they are).
fn map_children(h: &Hir, f: fn(&Hir) -> Hir) -> Hir {
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) | HirKind::Literal(_) | HirKind::Class(_) => h.clone(),
        HirKind::Repetition(r) => Hir::repetition(hir::Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(f(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(hir::Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(f(&c.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(f).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(f).collect()),
    }
}

/// `h` with each class that is one ASCII letter in both cases (what `(?i)` makes of a
/// letter) written as the lower-case letter. The literals of the result are those of `h`
/// lower-cased, one for each case-blind spelling: [`keyword_lead`] compares them
/// case-insensitively, and extracting them was the largest part of a rule's first use
/// (`(?i)` keyword prefixes of n letters made 2^n literals to cross and search).
fn fold_case_pairs(h: &Hir) -> Hir {
    let pair = |bytes: &mut dyn Iterator<Item = (u32, u32)>| -> Option<u8> {
        let mut set = Vec::new();
        for (a, b) in bytes {
            if b > 0x7F || b - a > 1 || set.len() > 2 {
                return None;
            }
            set.extend((a..=b).map(|c| c as u8));
        }
        match set[..] {
            [x, y] if x.is_ascii_alphabetic() && x.eq_ignore_ascii_case(&y) && x != y => {
                Some(x.to_ascii_lowercase())
            }
            _ => None,
        }
    };
    let folded = match h.kind() {
        HirKind::Class(hir::Class::Bytes(c)) => pair(
            &mut c
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end()))),
        ),
        HirKind::Class(hir::Class::Unicode(c)) => pair(
            &mut c
                .ranges()
                .iter()
                .map(|r| (u32::from(r.start()), u32::from(r.end()))),
        ),
        _ => return map_children(h, fold_case_pairs),
    };
    match folded {
        Some(l) => Hir::literal([l]),
        None => h.clone(),
    }
}

/// The byte-oriented Thompson NFA of `hir` under the pattern size limit.
fn byte_nfa(hir: &Hir) -> Result<regex_automata::nfa::thompson::NFA, String> {
    use regex_automata::nfa::thompson;
    thompson::Compiler::new()
        .configure(
            thompson::Config::new()
                .utf8(false)
                .nfa_size_limit(Some(PATTERN_SIZE_LIMIT)),
        )
        .build_from_hir(hir)
        .map_err(|e| e.to_string())
}

/// The release automaton of `hir` (see [`Rule::release_dfa`]), or `None` when its NFA is
/// over the pattern size limit.
fn release_dfa_of(hir: &Hir) -> Option<ReleaseDfa> {
    let nfa = byte_nfa(hir).ok()?;
    ReleaseDfa::builder()
        .configure(
            ReleaseDfa::config()
                .cache_capacity(RELEASE_CACHE)
                .minimum_cache_clear_count(Some(0)),
        )
        .build_from_nfa(nfa)
        .ok()
}

fn build_regex(hir: &Hir) -> Result<Regex, Error> {
    build_many(&[hir])
}

/// A prefilter of the prefix literals of `hirs` (leftmost-first), if they make one.
fn prefix_prefilter(hirs: &[&Hir]) -> Option<Prefilter> {
    Prefilter::from_hirs_prefix(regex_automata::MatchKind::LeftmostFirst, hirs)
}

/// A rule's own automaton, with `starts`, its pattern's prefix prefilter (`Rule::starts`).
fn rule_automaton(hir: &Hir, starts: Option<Prefilter>) -> Result<Regex, Error> {
    build_with(&[hir], false, starts, false)
}

/// One automaton over several patterns (pattern `i` is `hirs[i]`).
pub(crate) fn build_many(hirs: &[&Hir]) -> Result<Regex, Error> {
    build_with(hirs, false, prefix_prefilter(hirs), false)
}

/// [`build_many`] without a literal prefilter: for searches over short ranges that something
/// else has already found (anchored regions), where a prefilter's candidates cost more than
/// they skip.
pub(crate) fn build_many_unfiltered(hirs: &[&Hir]) -> Result<Regex, Error> {
    build_with(hirs, false, None, false)
}

/// A pattern set: one automaton that reports every pattern matching at a position
/// (`which_overlapping_matches`), so a candidate is tested against several rules in one pass.
pub(crate) fn build_set(hirs: &[&Hir]) -> Result<Regex, Error> {
    build_with(hirs, true, None, true)
}

/// The automaton of `hirs` (a set when `set`), with the prefix prefilter `explicit` (see
/// below) or, when `auto`, the prefilters the meta engine chooses.
fn build_with(
    hirs: &[&Hir],
    set: bool,
    explicit: Option<Prefilter>,
    auto: bool,
) -> Result<Regex, Error> {
    let capacity = match (set, hirs.len() > 1) {
        // A set's anchored queries visit few states.
        (true, _) => 1 << 20,
        (false, true) => 4 << 20,
        (false, false) => SEARCH_CACHE,
    };
    let kind = if set {
        regex_automata::MatchKind::All
    } else {
        regex_automata::MatchKind::LeftmostFirst
    };
    // The prefix prefilter is made by the caller and given, with automatic prefilters off: the meta
    // engine then skips its reverse-suffix and reverse-inner strategies, which extract
    // suffix and inner literals and build one more reverse NFA per rule when the rule is first
    // used. Those strategies only pay over long haystacks that a prefilter skips through;
    // rules search keyword windows and anchored regions. The 64 MB CLI run of ordinary logs
    // took 2,221M instructions with them and 2,162M without (the 8 MB slice 419M and 399M);
    // the library's steady state stayed within 0.2% on every corpus, outputs the same. Sets
    // (`MatchKind::All`) have neither strategy and keep the automatic prefilter.
    meta::Builder::new()
        .configure(
            // No full DFAs: built for the small patterns when a rule is first used, they cost
            // 2% of the instructions of a 16 MB CLI run and saved none at steady state (the lazy
            // DFA that replaces them measured the same in time and in instructions; ordinary
            // and dense logs, 2026-12-06). No one-pass DFAs:
            // they only speed up capture groups, which most rules never need (`split.rs`
            // finds the secret part without them), and cost 8 MB of the 55 MB peak RSS with
            // every rule in use (dense corpus; +2% instructions without them).
            meta::Config::new()
                .nfa_size_limit(Some(PATTERN_SIZE_LIMIT))
                .hybrid_cache_capacity(capacity)
                .onepass(false)
                .dfa(false)
                .auto_prefilter(auto)
                .prefilter(explicit)
                .match_kind(kind),
        )
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .build_many_from_hir(hirs)
        .map_err(|e| {
            if let Some(limit) = e.size_limit() {
                Error::new(
                    ErrorKind::TooBig,
                    format!("compiled pattern exceeds the size limit of {limit} bytes"),
                )
            } else {
                Error::new(
                    ErrorKind::InvalidRegex,
                    format!("pattern does not compile: {e}"),
                )
            }
        })
}

/// Lazy-DFA cache of the cost probe (below): a rule whose lazy DFA outgrows it on a probe
/// is refused, as its search would cost the pattern's size for every byte.
const SINGLE_RULE_CACHE: usize = 512 << 10;

/// Lazy-DFA cache of a one-rule automaton when it searches. Larger than the probe's: on
/// match-dense text some rules' caches filled at 512 KiB and were cleared again and again
/// (`cache_next_state` and determinization were 9% of the dense corpus's instructions at
/// steady state); at 2 MiB none is. A cache grows only as far as its rule needs.
const SEARCH_CACHE: usize = 2 << 20;

/// Bytes of each probe.
const COST_PROBE_LEN: usize = 8 << 10;

/// Rejects a pattern whose search cost explodes on simple input: runs of one byte of each of
/// the pattern's byte classes, and of a few two-byte alternations, are searched by a lazy DFA
/// with a fixed cache; if a probe fills the cache (the automaton keeps making new states, as
/// `[a-z]{1,1024}x` does over `aaaa...`: a state per count), the rule is refused at build
/// time, naming the probe. Deterministic: it counts automaton states, not time.
fn check_cost(hir: &Hir) -> Result<(), Error> {
    use regex_automata::hybrid::dfa::DFA;
    let nfa = byte_nfa(hir)
        .map_err(|e| Error::new(ErrorKind::TooBig, format!("pattern does not compile: {e}")))?;
    let dfa = DFA::builder()
        .configure(
            DFA::config()
                .cache_capacity(SINGLE_RULE_CACHE)
                .minimum_cache_clear_count(Some(0)),
        )
        .build_from_nfa(nfa)
        .map_err(|e| Error::new(ErrorKind::TooBig, format!("pattern does not compile: {e}")))?;
    let mut cache = dfa.create_cache();
    let reps: Vec<u8> = dfa
        .byte_classes()
        .representatives(..)
        .filter_map(|u| u.as_u8())
        .collect();
    let mut probe = Vec::with_capacity(COST_PROBE_LEN);
    let mut probes = reps.iter().map(|&b| [b, b]).collect::<Vec<_>>();
    // Alternations of a letter, a digit and a separator.
    for pair in [*b"a0", *b"a-", *b"0-", *b"a ", *b"0.", *b"aA"] {
        probes.push(pair);
    }
    for pair in probes {
        probe.clear();
        probe.extend(pair.iter().cycle().take(COST_PROBE_LEN));
        let mut at = 0;
        // Search as the engine does: from each match end on.
        while at < probe.len() {
            let input = regex_automata::Input::new(&probe).range(at..);
            let found = dfa.try_search_fwd(&mut cache, &input);
            // Giving up is what a cleared cache leads to: the same verdict.
            if cache.clear_count() > 0 || found.is_err() {
                return Err(Error::new(
                    ErrorKind::TooCostly,
                    format!(
                        "pattern is too costly to search: on a run of {:?} its automaton keeps growing (a counted repetition such as `{{1,1024}}` over a class that also matches what follows it?); narrow the counts",
                        String::from_utf8_lossy(&pair[..]).into_owned()
                    ),
                ));
            }
            match found {
                Ok(Some(m)) if m.offset() > at => at = m.offset(),
                Ok(Some(_)) => at += 1,
                _ => break,
            }
        }
    }
    Ok(())
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Compiles one rule; errors name nothing (the caller adds source and rule id).
/// The capture index of the group named `secret`, as the compiled regex numbers it.
fn secret_index(h: &Hir) -> Option<usize> {
    match h.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some("secret") => Some(c.index as usize),
        HirKind::Capture(c) => secret_index(&c.sub),
        HirKind::Repetition(r) => secret_index(&r.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().find_map(secret_index),
        _ => None,
    }
}

/// What a pattern's syntax tree tells: the tree as compiled (newlines removed for single-line
/// rules), the capture of the secret, the longest match.
pub(crate) struct Shape {
    pub hir: Hir,
    pub secret_group: Option<usize>,
    /// Longest match the pattern can produce (capped).
    pub max_match: usize,
    /// How far from a keyword a match may lie: `max_match + window`.
    pub reach: usize,
}

/// Parses a rule's pattern and checks what needs the syntax tree.
fn shape_of(
    pattern: &str,
    multiline: bool,
    max_len: Option<usize>,
    window: usize,
) -> Result<Shape, Error> {
    let parsed = parse_hir(pattern)?;
    let hir = if multiline {
        parsed
    } else {
        strip_newlines(&parsed).map_err(|m| Error::new(ErrorKind::InvalidRegex, m))?
    };
    let props = hir.properties();
    if props.minimum_len().is_none_or(|m| m == 0) {
        return Err(Error::new(
            ErrorKind::EmptyMatch,
            "the pattern can match the empty string",
        ));
    }
    let pattern_max = props.maximum_len();
    let max_match = if multiline {
        let bound = match (pattern_max, max_len) {
            (Some(p), Some(m)) => p.min(m),
            (Some(p), None) => p,
            (None, Some(m)) => m,
            (None, None) => {
                return Err(Error::new(
                    ErrorKind::InvalidRule,
                    "a multiline rule needs max_len (its pattern is unbounded)",
                ))
            }
        };
        if bound > MULTILINE_CAP {
            return Err(Error::new(
                ErrorKind::InvalidRule,
                format!("a multiline rule may span at most {MULTILINE_CAP} bytes"),
            ));
        }
        bound
    } else {
        pattern_max.unwrap_or(usize::MAX).min(SINGLE_LINE_CAP)
    };
    Ok(Shape {
        secret_group: secret_index(&hir),
        hir,
        max_match,
        reach: max_match.saturating_add(window),
    })
}

/// Compiles one rule; errors name nothing (the caller adds source and rule id). Without
/// `eager`, the pattern is checked (parsed, bounded) but compiled on first use.
pub(crate) fn compile_rule(spec: &RuleSpec, index: usize, eager: bool) -> Result<Rule, Error> {
    if !is_kebab(&spec.id) {
        return Err(Error::new(
            ErrorKind::InvalidRule,
            "id must be kebab-case: lower-case letters, digits and single dashes",
        ));
    }
    if spec.name.trim().is_empty() {
        return Err(Error::new(ErrorKind::InvalidRule, "name is empty"));
    }
    for k in &spec.keywords {
        if k.is_empty() {
            return Err(Error::new(ErrorKind::InvalidRule, "a keyword is empty"));
        }
        if k.contains('\n') || k.contains('\r') {
            return Err(Error::new(
                ErrorKind::InvalidRule,
                format!(
                    "keyword `{}` must not contain a line break",
                    k.escape_debug()
                ),
            ));
        }
    }
    if let (Some(a), Some(b)) = (spec.min_len, spec.max_len) {
        if a > b {
            return Err(Error::new(
                ErrorKind::InvalidRule,
                format!("min_len {a} is greater than max_len {b}"),
            ));
        }
    }
    if spec.max_len == Some(0) {
        return Err(Error::new(ErrorKind::InvalidRule, "max_len is 0"));
    }
    let window = spec.window.unwrap_or(0);
    if window > SINGLE_LINE_CAP {
        return Err(Error::new(
            ErrorKind::InvalidRule,
            format!("window {window} is over the limit of {SINGLE_LINE_CAP}"),
        ));
    }
    if spec.multiline && spec.keywords.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidRule,
            "a multiline rule needs keywords",
        ));
    }
    // Built-in rules with keywords are parsed on first use (the test suite parses and compiles
    // every one): parsing every pattern was half of the catalog's build time. Keyword-less
    // rules are parsed now: the combined automaton of them is built with the engine.
    let shape = std::sync::OnceLock::new();
    let parse_now = eager || spec.keywords.is_empty();
    if parse_now {
        let _ = shape.set(shape_of(
            &spec.pattern,
            spec.multiline,
            spec.max_len,
            window,
        )?);
    }
    let regex = std::sync::OnceLock::new();
    let starts = std::sync::OnceLock::new();
    if eager {
        // The built-in catalog is checked by the test suite (which builds it eagerly).
        let hir = &shape.get().expect("parsed when eager").hir;
        check_cost(hir)?;
        let pre = prefix_prefilter(&[hir]);
        let _ = regex.set(rule_automaton(hir, pre.clone())?);
        let _ = starts.set(pre);
    }
    let candidate = match &spec.candidate {
        None => None,
        Some(_) if !spec.keywords.is_empty() => {
            return Err(Error::new(
                ErrorKind::InvalidRule,
                "candidate applies to rules without keywords only (rules with keywords are \
                 searched around their keywords)",
            ))
        }
        Some(c) => {
            let h = parse_hir(c)
                .map_err(|e| Error::new(e.kind(), format!("candidate `{c}`: {}", e.message())))?;
            let h = strip_newlines(&h).map_err(|m| {
                Error::new(ErrorKind::InvalidRegex, format!("candidate `{c}`: {m}"))
            })?;
            if h.properties().minimum_len().is_none_or(|m| m == 0) {
                return Err(Error::new(
                    ErrorKind::EmptyMatch,
                    format!("candidate `{c}` can match the empty string"),
                ));
            }
            Some(h)
        }
    };
    let mut anchors = crate::anchors::AnchorSet::default();
    for a in &spec.anchors {
        if !spec.keywords.is_empty() || spec.multiline {
            return Err(Error::new(
                ErrorKind::InvalidRule,
                "anchors apply to single-line rules without keywords only",
            ));
        }
        let anchor = crate::anchors::Anchor::from_name(a).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRule,
                format!(
                    "unknown anchor `{a}` (known: {})",
                    crate::anchors::Anchor::names()
                ),
            )
        })?;
        anchors.insert(anchor);
    }
    let mut checks = Vec::with_capacity(spec.validators.len());
    for v in &spec.validators {
        checks.push(validators::build(v).map_err(|m| Error::new(ErrorKind::UnknownValidator, m))?);
    }
    let mut allow = Vec::with_capacity(spec.allow.len());
    for a in &spec.allow {
        let h = parse_hir(a)
            .map_err(|e| Error::new(e.kind(), format!("allow `{a}`: {}", e.message())))?;
        allow.push(build_regex(&h)?);
    }
    Ok(Rule {
        id: Arc::from(spec.id.as_str()),
        name: spec.name.clone(),
        category: spec.category,
        keywords: spec.keywords.clone(),
        regex,
        pattern: spec.pattern.as_str().into(),
        window,
        shape,
        splitter: std::sync::OnceLock::new(),
        checks,
        min_len: spec.min_len.unwrap_or(1),
        max_len: spec.max_len.unwrap_or(usize::MAX),
        allow,
        stopwords: spec
            .stopwords
            .iter()
            .map(|s| s.to_ascii_lowercase().into_bytes())
            .filter(|s| !s.is_empty())
            .collect(),
        multiline: spec.multiline,
        word_keywords: spec.word_keywords,
        priority: spec.priority,
        lead: std::sync::OnceLock::new(),
        sides: std::sync::OnceLock::new(),
        release: std::sync::OnceLock::new(),
        starts,
        candidate,
        anchors,
        index,
    })
    .inspect(|rule| {
        if eager {
            rule.lead();
            rule.splitter();
            rule.sides();
        }
    })
}

/// How far from its start every match of `hir` contains one of `keywords`, if the pattern's
/// prefix literals show it (each literal holds a keyword, ASCII case-insensitively).
fn keyword_lead(hir: &Hir, keywords: &[String]) -> Option<usize> {
    if keywords.is_empty() {
        return None;
    }
    let folded = fold_case_pairs(hir);
    if !may_hold_keyword(&folded, keywords) {
        return None;
    }
    // A few literals first: classes and repetitions of up to 8 (in the built-in catalog, 843
    // of 970 rules get their lead there, the same as below, in microseconds), then many: the
    // larger extraction was a sixth of the instructions of compiling rules on first use.
    lead_with(&folded, keywords, CHEAP_LITERALS)
        .or_else(|| lead_of_literals(&folded, keywords, 2000))
}

/// Whether a literal of `hir` can hold one of `keywords` (ASCII case-insensitively): each
/// keyword's bytes are among those of the pattern's literals and classes. When none can,
/// no prefix literal holds a keyword and there is no lead: the context-word rules of national
/// numbers (`\d{3}-\d{2}-\d{4}` for `ssn:`) learn it without crossing their digit classes.
fn may_hold_keyword(hir: &Hir, keywords: &[String]) -> bool {
    fn bytes(h: &Hir, set: &mut [bool; 256]) {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(l) => {
                for &b in l.0.iter() {
                    set[usize::from(b.to_ascii_lowercase())] = true;
                }
            }
            HirKind::Class(hir::Class::Bytes(c)) => {
                for r in c.ranges() {
                    for b in r.start()..=r.end() {
                        set[usize::from(b.to_ascii_lowercase())] = true;
                    }
                }
            }
            // Not made with Unicode off; any byte, to be safe.
            HirKind::Class(hir::Class::Unicode(_)) => *set = [true; 256],
            HirKind::Repetition(r) => bytes(&r.sub, set),
            HirKind::Capture(c) => bytes(&c.sub, set),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                for sub in subs {
                    bytes(sub, set);
                }
            }
        }
    }
    let mut set = [false; 256];
    bytes(hir, &mut set);
    keywords
        .iter()
        .any(|k| k.bytes().all(|b| set[usize::from(b.to_ascii_lowercase())]))
}

/// Limits of a literal extraction: total literals, class size, repetition count.
type LiteralLimits = (usize, usize, usize);

/// The small extraction [`keyword_lead`] tries first. Any prefix extraction gives a valid
/// lead (every match starts with one of its literals). A literal that lower limits cut short
/// is the start of longer ones, which hold its first keyword at the same place: where the
/// small extraction finds a lead it is in general the larger one's (the test
/// `cheap_leads_are_the_full_ones` checks the catalog).
const CHEAP_LITERALS: LiteralLimits = (64, 8, 8);

/// [`keyword_lead`] over the prefix literals of `hir` as it is, at most `limit` of them.
fn lead_of_literals(hir: &Hir, keywords: &[String], limit: usize) -> Option<usize> {
    lead_with(hir, keywords, (limit, 64, 64))
}

/// The lead of `hir`'s prefix literals under `limits`, if each literal holds a keyword.
fn lead_with(hir: &Hir, keywords: &[String], limits: LiteralLimits) -> Option<usize> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    if keywords.is_empty() {
        return None;
    }
    let (total, class, repeat) = limits;
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_total(total)
        .limit_class(class)
        .limit_repeat(repeat)
        .limit_literal_len(128);
    let seq = ex.extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() {
        return None;
    }
    let kws: Vec<Vec<u8>> = keywords
        .iter()
        .map(|k| k.to_ascii_lowercase().into_bytes())
        .collect();
    let mut lead = 0;
    for lit in lits {
        let l = lit.as_bytes().to_ascii_lowercase();
        let pos = kws
            .iter()
            .filter_map(|k| memchr::memmem::find(&l, k))
            .min()?;
        lead = lead.max(pos);
    }
    Some(lead)
}

/// Compiles rule specs into rules; errors name the source and the rule.
pub(crate) fn compile(
    specs: &[SpecToCompile<'_>],
    piece: Option<usize>,
    fail_closed: bool,
) -> Result<CompiledRules, Error> {
    let mut seen = HashSet::new();
    let mut rules = Vec::with_capacity(specs.len());
    for (i, s) in specs.iter().enumerate() {
        if !seen.insert(s.spec.id.as_str()) {
            return Err(
                Error::new(ErrorKind::DuplicateId, "another rule has the same id")
                    .with_source(s.source)
                    .with_rule(&s.spec.id),
            );
        }
        rules.push(
            compile_rule(s.spec, i, !s.lazy)
                .map_err(|e| e.with_source(s.source).with_rule(&s.spec.id))?,
        );
    }
    Ok(CompiledRules {
        rules,
        piece,
        fail_closed,
    })
}

/// The keyword automaton, the rules owning each keyword, and the longest keyword.
pub(crate) type KeywordIndex = (Option<Keywords>, Vec<Vec<u32>>, usize);

impl CompiledRules {
    /// Builds the keyword automaton: distinct lower-cased keywords and, for each, the rules
    /// using it.
    pub(crate) fn keyword_index(&self) -> Result<KeywordIndex, Error> {
        keyword_automaton(&self.rules)
    }
}

fn keyword_automaton(rules: &[Rule]) -> Result<KeywordIndex, Error> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    let mut owners: Vec<Vec<u32>> = Vec::new();
    for r in rules {
        for k in &r.keywords {
            let lk = k.to_ascii_lowercase();
            let i = *index.entry(lk.clone()).or_insert_with(|| {
                words.push(lk);
                owners.push(Vec::new());
                words.len() - 1
            });
            if !owners[i].contains(&(r.index as u32)) {
                owners[i].push(r.index as u32);
            }
        }
    }
    if words.is_empty() {
        return Ok((None, owners, 0));
    }
    let max_len = words.iter().map(String::len).max().unwrap_or(0);
    // With hundreds of keywords, many short, a prefilter's candidates are so frequent that a
    // plain DFA is faster (measured: 442 vs 330 MB/s on ordinary logs with `aho-corasick`);
    // `Keywords` builds its own table, with the crate as fallback for very large sets.
    let ac = Keywords::new(&words)?;
    Ok((Some(ac), owners, max_len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_rule_eager(s: &RuleSpec, i: usize) -> Result<Rule, Error> {
        compile_rule(s, i, true)
    }

    /// Every rule of the catalog is built at start-up, and most are never used: their first-use
    /// parts stay behind pointers (a multiline rule's DFA is 712 bytes inline).
    #[test]
    fn a_rule_stays_small() {
        assert!(
            std::mem::size_of::<Rule>() <= 640,
            "{}",
            std::mem::size_of::<Rule>()
        );
    }

    /// Over the built-in catalog: where the small extraction of `keyword_lead` gives a lead,
    /// the large one gives the same, and a pattern that `may_hold_keyword` rules out has no
    /// lead by the large one either.
    #[test]
    fn cheap_leads_are_the_full_ones() {
        let (mut cheap, mut no_keyword, mut all) = (0, 0, 0);
        for (name, text) in crate::catalog::builtin_rule_files() {
            for spec in crate::rule::parse_rules(name, text).unwrap().iter() {
                if spec.multiline || spec.keywords.is_empty() {
                    continue;
                }
                let folded = fold_case_pairs(&parse_hir(&spec.pattern).unwrap());
                all += 1;
                if !may_hold_keyword(&folded, &spec.keywords) {
                    no_keyword += 1;
                    assert_eq!(
                        lead_of_literals(&folded, &spec.keywords, 2000),
                        None,
                        "{}",
                        spec.id
                    );
                    continue;
                }
                if let Some(c) = lead_with(&folded, &spec.keywords, CHEAP_LITERALS) {
                    cheap += 1;
                    let full = lead_of_literals(&folded, &spec.keywords, 2000);
                    assert_eq!(full, Some(c), "{}", spec.id);
                }
            }
        }
        // Most rules get their lead from the small extraction.
        assert!(cheap * 4 > all * 3, "{cheap} of {all}");
        // National numbers and the like: their patterns hold no keyword.
        assert!(no_keyword > 30, "{no_keyword}");
        eprintln!("{all} rules: {cheap} small extractions, {no_keyword} without a keyword");
    }

    /// Folding `(?i)` letters before the literal extraction of `keyword_lead` gives every
    /// built-in rule the lead the extraction over the pattern as written gives (where that
    /// one stayed within its limits), and no lead where that one had none is wrong: each is
    /// checked against the literals of the pattern as written with higher limits.
    #[test]
    fn folded_case_pairs_give_the_same_keyword_leads() {
        let written = lead_of_literals;
        let (mut same, mut gained) = (0, 0);
        for (name, text) in crate::catalog::builtin_rule_files() {
            for (i, spec) in crate::rule::parse_rules(name, text)
                .unwrap()
                .iter()
                .enumerate()
            {
                if spec.multiline || spec.keywords.is_empty() {
                    continue;
                }
                let rule = compile_rule_eager(spec, i).unwrap();
                let folded = keyword_lead(rule.hir(), &spec.keywords);
                match written(rule.hir(), &spec.keywords, 2000) {
                    Some(w) => {
                        assert_eq!(folded, Some(w), "{}", spec.id);
                        same += 1;
                    }
                    None => {
                        if let Some(f) = folded {
                            // The written extraction gave up at its limit: with a larger one
                            // it agrees, or it still gives up (then the folded lead is checked
                            // by the golden outputs).
                            if let Some(w) = written(rule.hir(), &spec.keywords, 1 << 16) {
                                assert_eq!(f, w, "{}", spec.id);
                            }
                            gained += 1;
                        }
                    }
                }
            }
        }
        assert!(same > 100, "{same}");
        eprintln!("{same} leads as before, {gained} rules with a lead they had not");
    }

    /// The rules whose pattern needs something before or after its keyword get keyword sides;
    /// rules whose matches start with their keyword, and patterns whose keyword part is
    /// optional or not only keywords, get none.
    #[test]
    fn keyword_sides_of_built_in_and_small_patterns() {
        let mut with = Vec::new();
        for (name, text) in crate::catalog::builtin_rule_files() {
            for (i, spec) in crate::rule::parse_rules(name, text)
                .unwrap()
                .iter()
                .enumerate()
            {
                let rule = compile_rule_eager(spec, i).unwrap();
                if let Some(s) = rule.sides() {
                    assert!(rule.lead() != Some(0) && !rule.multiline, "{}", spec.id);
                    with.push((spec.id.clone(), s.before.is_some(), s.after.is_some()));
                }
            }
        }
        for id in [
            "generic-cli-token",
            "generic-cli-password",
            "url-userinfo-password",
            "gradle-properties-password",
            "person-name-mail",
        ] {
            assert!(
                with.iter().any(|(w, b, a)| w == id && *b && *a),
                "{id}: {with:?}"
            );
        }
        assert!(with.iter().any(|(w, b, _)| w == "email" && *b), "{with:?}");
        // Its keywords stand inside longer words (`api_key`, `client_secret`): what must come
        // after them is still known.
        assert!(
            with.iter().any(|(w, _, a)| w == "generic-secret" && *a),
            "{with:?}"
        );
        let sides = |p: &str, kw: &[&str]| {
            let mut s = spec(p);
            s.keywords = kw.iter().map(|k| k.to_string()).collect();
            compile_rule_eager(&s, 0)
                .unwrap()
                .sides()
                .map(|s| (s.before.is_some(), s.after.is_some()))
        };
        assert_eq!(
            sides(r"\s-(?i:token|key)=(?P<secret>\w{8})", &["token", "key"]),
            Some((true, true))
        );
        // The keyword part is optional, or holds a word that is not a keyword.
        assert_eq!(sides(r"\s-(?:token)?=\w{8}", &["token"]), None);
        assert_eq!(sides(r"\s-(?:token|tok)=\w{8}", &["token"]), None);
        // Matches start with the keyword: one anchored search at the hit already decides.
        assert_eq!(sides(r"token=\w{8}", &["token"]), None);
        // Words that hold a keyword: the rest of each word joins the side.
        assert_eq!(
            sides(r"\s(?i:api_key|token)=\w{8}", &["key", "token"]),
            Some((true, true))
        );
        assert_eq!(sides(r"\s(?:api_key|tok)=\w{8}", &["key", "token"]), None);
        // The parser factors the words into a run of parts (`[Pp][Aa][Ss][Ss][Ww]...`).
        assert_eq!(
            sides(r"\s-(?i:password|passwd)=\w{8}", &["password", "passwd"]),
            Some((true, true))
        );
        // Alternations split when each branch does; a group splits inside.
        assert_eq!(
            sides(r"(?P<secret>\w+@\w+\.com)|git@\w+:", &["@"]),
            Some((true, true))
        );
        assert_eq!(sides(r"(?P<secret>\w+@\w+\.com)|\d{9}", &["@"]), None);
        assert_eq!(
            sides(r"\s(?:-p|(?P<k>--(?i:pass)=))\w{8}", &["pass"]),
            None,
            "a branch without the keyword"
        );
        assert_eq!(
            sides(r"\s(?P<k>--(?i:pass))=\w{8}", &["pass"]),
            Some((true, true))
        );
        // Nothing after the keyword: the before side alone.
        assert_eq!(sides(r"\w{8}@", &["@"]), Some((true, false)));
    }

    fn spec(p: &str) -> RuleSpec {
        RuleSpec::new("t", "T", Category::Secret, p)
    }

    #[test]
    fn rejects_lookaround_and_backrefs() {
        let e = compile_rule_eager(&spec(r"(?=abc)x"), 0).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
        assert!(e.message().contains("column"));
        let e = compile_rule_eager(&spec(r"(a)\1"), 0).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::Unsupported, "{e}");
    }

    #[test]
    fn rejects_empty_and_invalid() {
        assert_eq!(
            compile_rule_eager(&spec(r"a*"), 0).err().unwrap().kind(),
            ErrorKind::EmptyMatch
        );
        let e = compile_rule_eager(&spec(r"a(b"), 0).err().unwrap();
        assert_eq!(e.kind(), ErrorKind::InvalidRegex);
        assert!(!e.to_string().contains('\n'));
        assert_eq!(
            compile_rule_eager(&spec(r"a\nb"), 0).err().unwrap().kind(),
            ErrorKind::InvalidRegex
        );
    }

    #[test]
    fn rejects_huge() {
        let e = compile_rule_eager(&spec(r"(?u)\w{1000}[a-z]{1000}\w{1000}"), 0)
            .err()
            .unwrap();
        assert_eq!(e.kind(), ErrorKind::TooBig, "{e}");
    }

    #[test]
    fn single_line_classes_lose_newline() {
        let r = compile_rule_eager(&spec(r#"a[^"]+b"#), 0).unwrap();
        assert!(r.regex().find(b"a\nb").is_none());
        assert!(r.regex().find(b"axxb").is_some());
    }

    #[test]
    fn non_ascii_literal_allowed() {
        let r = compile_rule_eager(&spec("numéro"), 0).unwrap();
        assert!(r.regex().find("le numéro".as_bytes()).is_some());
    }

    #[test]
    fn ids_must_be_kebab() {
        let mut s = spec("a");
        s.id = "Bad_Id".into();
        assert_eq!(
            compile_rule_eager(&s, 0).err().unwrap().kind(),
            ErrorKind::InvalidRule
        );
    }
}
#[cfg(test)]
mod names_lead {
    /// The name rules whose keywords are frequent words (`hi`, `name`, `first`, `last`) must
    /// start every match with a keyword: one anchored search per hit, no window.
    #[test]
    fn cue_and_key_rules_start_at_their_keyword() {
        let text = include_str!("../rules/names.toml");
        for s in crate::parse_rules("names.toml", text).unwrap() {
            let r = super::compile_rule(&s, 0, true).unwrap();
            if s.id == "person-name" || s.id == "person-name-key" {
                assert_eq!(r.lead(), Some(0), "{}", s.id);
            }
            assert!(r.max_match() <= 512, "{}: {}", s.id, r.max_match());
        }
    }
}

/// What a rule's pattern requires around its keyword, when it reads as `BEFORE KEYWORD AFTER`
/// (see [`keyword_split`]: a part whose words each hold one of the rule's keywords, ASCII
/// case-insensitively as the keyword automaton finds them): a match holds its keyword at a
/// hit `hs..he` only if `BEFORE` matches a stretch ending at `hs` and `AFTER` one starting at
/// `he`. The engine opens no window at a hit where either cannot match, where the window
/// search would have read up to a few hundred bytes for nothing (`--api-token` flags among
/// every `token` of a log).
///
/// Every match lies in the window of its own keyword hit, so the windows that remain hold
/// every match; a match whose keyword the automaton does not report (none: the pattern is
/// compiled without Unicode) is the only kind a window of another hit could have found.
pub(crate) struct KeywordSides {
    /// `BEFORE`, compiled in reverse: an anchored reverse search ending at the hit's start.
    pub(crate) before: Option<Side>,
    /// `AFTER`: an anchored forward search from the hit's end.
    pub(crate) after: Option<Side>,
}

/// One side of a keyword (see [`KeywordSides`]).
pub(crate) struct Side {
    pub(crate) dfa: regex_automata::hybrid::dfa::DFA,
    /// The longest match of the side, when bounded.
    pub(crate) max: Option<usize>,
}

impl KeywordSides {
    fn of(hir: &Hir, keywords: &[String]) -> Option<KeywordSides> {
        let (before, after) = keyword_split(hir, keywords)?;
        let sides = KeywordSides {
            before: Side::of(&before, true),
            after: Side::of(&after, false),
        };
        (sides.before.is_some() || sides.after.is_some()).then_some(sides)
    }
}

impl Side {
    /// Whether the side matches a stretch of `hay[range]` that ends at its end (`reverse`: the
    /// side before a keyword) or starts at its start (the side after); true when the search
    /// gives up. `cache` is made on first use.
    pub(crate) fn matches(
        &self,
        cache: &mut Option<regex_automata::hybrid::dfa::Cache>,
        hay: &[u8],
        range: std::ops::Range<usize>,
        reverse: bool,
    ) -> bool {
        let cache = cache.get_or_insert_with(|| self.dfa.create_cache());
        let input = regex_automata::Input::new(hay)
            .range(range)
            .anchored(regex_automata::Anchored::Yes)
            .earliest(true);
        let found = if reverse {
            self.dfa.try_search_rev(cache, &input)
        } else {
            self.dfa.try_search_fwd(cache, &input)
        };
        !matches!(found, Ok(None))
    }

    /// The side's automaton, when the side cannot match the empty string (else it would
    /// rule out nothing worth a search).
    fn of(h: &Hir, reverse: bool) -> Option<Side> {
        use regex_automata::{hybrid, nfa::thompson};
        let props = h.properties();
        if props.minimum_len().unwrap_or(0) == 0 {
            return None;
        }
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(reverse)
                    .utf8(false)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(h)
            .ok()?;
        let dfa = hybrid::dfa::Builder::new().build_from_nfa(nfa).ok()?;
        Some(Side {
            dfa,
            max: props.maximum_len(),
        })
    }
}

/// Splits `hir` around its keyword: a side that must match before a keyword hit and one that
/// must match after it, for every match. A concatenation splits at its first part (or run of
/// up to [`SPLIT_RUN`] parts) whose language is a finite set of words that each hold one of
/// `keywords` (exact literals, ASCII case-insensitively): before, the parts before it, then
/// what a word of the part holds before one of its keywords; after, what a word holds after
/// one of its keywords, then the parts after it. Failing that, it splits inside a part that
/// splits. A word holds a keyword at several places, or the part holds several words: every
/// such prefix and suffix is an alternative. An alternation splits when each branch does, its
/// sides the alternations of theirs; a capture group as its contents. (The sides may say less
/// than the pattern, never more.)
fn keyword_split(hir: &Hir, keywords: &[String]) -> Option<(Hir, Hir)> {
    let kws: Vec<Vec<u8>> = keywords
        .iter()
        .map(|k| k.to_ascii_lowercase().into_bytes())
        .filter(|k| !k.is_empty())
        .collect();
    split_at_keyword(hir, &kws, 0)
}

/// [`keyword_split`] with the lower-cased keywords, `depth` groups down.
fn split_at_keyword(hir: &Hir, kws: &[Vec<u8>], depth: usize) -> Option<(Hir, Hir)> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
    if depth > 8 {
        return None;
    }
    let parts: &[Hir] = match hir.kind() {
        HirKind::Capture(c) => return split_at_keyword(&c.sub, kws, depth + 1),
        HirKind::Alternation(branches) => {
            let (before, after): (Vec<Hir>, Vec<Hir>) = branches
                .iter()
                .map(|b| split_at_keyword(b, kws, depth + 1))
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .unzip();
            return Some((Hir::alternation(before), Hir::alternation(after)));
        }
        HirKind::Concat(parts) => parts,
        _ => std::slice::from_ref(hir),
    };
    // The words of each part, extracted once (a run's are their cross product): for each, a
    // finite set of exact words, or `None`.
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_total(SPLIT_WORDS)
        .limit_class(4)
        .limit_repeat(4)
        .limit_literal_len(SPLIT_WORD_LEN);
    let words: Vec<Option<Seq>> = parts
        .iter()
        .map(|p| {
            let seq = ex.extract(&fold_case_pairs(p));
            let lits = seq.literals()?;
            (!lits.is_empty() && lits.iter().all(|l| l.is_exact())).then_some(seq)
        })
        .collect();
    // `None` when a word of `seq` holds no keyword, else the (prefix, suffix) pairs around
    // each keyword in each word.
    type Pairs = Vec<(Vec<u8>, Vec<u8>)>;
    let around = |seq: &Seq| -> Option<Pairs> {
        let mut pairs = Vec::new();
        for l in seq.literals()? {
            let w = l.as_bytes().to_ascii_lowercase();
            // A word without a keyword: a match could hold it and no keyword hit.
            if !kws.iter().any(|k| memchr::memmem::find(&w, k).is_some()) {
                return None;
            }
            for k in kws {
                for at in memchr::memmem::find_iter(&w, k) {
                    let pair = (w[..at].to_vec(), w[at + k.len()..].to_vec());
                    if !pairs.contains(&pair) {
                        pairs.push(pair);
                    }
                }
            }
        }
        Some(pairs)
    };
    // The part may be a run of parts: the parser writes `(?i:password|passwd)` as one class
    // a letter, the common letters factored out. A run grows while its words stay a finite
    // set of exact words (of at most `SPLIT_WORDS` words, each of `SPLIT_WORD_LEN` bytes).
    let run = (0..parts.len()).find_map(|i| {
        let mut seq = words[i].clone()?;
        for j in i + 1..=(i + SPLIT_RUN).min(parts.len()) {
            if j > i + 1 {
                let mut next = words[j - 1].clone()?;
                let grown = seq.len()?.checked_mul(next.len()?)?;
                if grown > SPLIT_WORDS {
                    return None;
                }
                seq.cross_forward(&mut next);
                seq.dedup();
                if seq.max_literal_len()? > SPLIT_WORD_LEN {
                    return None;
                }
            }
            if let Some(pairs) = around(&seq) {
                return Some((i, j, pairs));
            }
        }
        None
    });
    let Some((i, j, pairs)) = run else {
        // Inside a part that splits (a group).
        if parts.len() == 1 && std::ptr::eq(&parts[0], hir) {
            return None;
        }
        return parts.iter().enumerate().find_map(|(i, p)| {
            let (pb, pa) = split_at_keyword(p, kws, depth + 1)?;
            let mut before = parts[..i].to_vec();
            before.push(pb);
            let mut after = vec![pa];
            after.extend_from_slice(&parts[i + 1..]);
            Some((Hir::concat(before), Hir::concat(after)))
        });
    };
    let caseless_set = |mut ws: Vec<&[u8]>| {
        ws.sort_unstable();
        ws.dedup();
        Hir::alternation(ws.into_iter().map(caseless).collect())
    };
    let prefixes = caseless_set(pairs.iter().map(|(a, _)| &a[..]).collect());
    let suffixes = caseless_set(pairs.iter().map(|(_, b)| &b[..]).collect());
    let mut before = parts[..i].to_vec();
    before.push(prefixes);
    let mut after = vec![suffixes];
    after.extend_from_slice(&parts[j..]);
    Some((Hir::concat(before), Hir::concat(after)))
}

/// The longest run of parts of a concatenation that [`keyword_split`] reads as one.
const SPLIT_RUN: usize = 24;
/// The most words, and the longest word, of a run [`keyword_split`] reads.
const SPLIT_WORDS: usize = 256;
const SPLIT_WORD_LEN: usize = 64;

/// The bytes `w` (lower-case), each ASCII letter in either case.
fn caseless(w: &[u8]) -> Hir {
    Hir::concat(
        w.iter()
            .map(|&b| {
                if b.is_ascii_lowercase() {
                    Hir::class(Class::Bytes(ClassBytes::new([
                        ClassBytesRange::new(b.to_ascii_uppercase(), b.to_ascii_uppercase()),
                        ClassBytesRange::new(b, b),
                    ])))
                } else {
                    Hir::literal([b])
                }
            })
            .collect(),
    )
}
