//! The compiled rule set and the scan of one segment of input.
//!
//! A segment is either a block of complete lines or one piece of a line longer than
//! [`PIECE`]. Scanning a block gives exactly what scanning each of its lines alone would give
//! (single-line rules cannot match `\n`, and keyword windows are clipped to the keyword's line),
//! so the streaming redactor and the whole-input redactor agree whatever the read sizes.

use std::ops::Range;

use regex_automata::meta::{Cache, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, Match, PatternID, PatternSet};

use crate::compile::{CompiledRules, Rule};
use crate::error::Error;
use crate::keywords::Keywords;
use crate::marker;
use crate::span::{Hit, Label, INTERNAL_ERROR_RULE, PERSONAL_KEY_RULE, SENSITIVE_KEY_RULE};

/// Lines longer than this are scanned in pieces of this size, with an overlap.
pub(crate) const PIECE: usize = 1 << 20;

/// A keyword of a multiline rule whose window is still to be searched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MlHit {
    pub rule: u32,
    pub start: usize,
    pub end: usize,
    /// Where the window starts: the keyword's line start, at most `reach` back, never before
    /// the segment the keyword was found in.
    pub win_start: usize,
}

/// Reusable buffers for scanning, so that nothing is allocated per line.
pub(crate) struct Scratch {
    windows: Vec<Vec<(usize, usize, usize)>>,
    touched: Vec<u32>,
    caps: Vec<Option<Captures>>,
    /// The search caches of the automata, taken from the engine's pool for a scan
    /// ([`Engine::lend_caches`]), made when none is there.
    caches: Option<Caches>,
    /// Caches of each rule's [`KeywordSides`](crate::compile::KeywordSides) automata, made on
    /// first use.
    sides: Vec<Option<Box<SideCaches>>>,
    kwless_next: Vec<usize>,
    /// Patterns of the keyword-less set that match at a candidate.
    kwless_set: PatternSet,
    /// Regions of the anchors of keyword-less rules.
    anchors: crate::anchors::AnchorScratch,
    hits: Vec<(u32, usize, usize)>,
    lanes: crate::keywords::Lanes,
    /// Spans a rule's iteration consumed without a finding (a veto alternative, a rejected
    /// candidate): from the match start to where the iteration resumed.
    pub(crate) consumed: Vec<(usize, usize, u32)>,
    /// Starts of findings whose context holds a match of their own rule.
    pub(crate) resettle: Vec<usize>,
    /// Value spans of an SQL column name's column (see `sql_values::column_values`).
    columns: Vec<(usize, usize)>,
    /// False while a segment is scanned whose bytes in reach hold no marker body
    /// (`REDACTED:`): every marker check would pass, so none is made. True otherwise.
    markers: bool,
}

impl Scratch {
    pub(crate) fn new(engine: &Engine) -> Scratch {
        Scratch {
            windows: vec![Vec::new(); engine.rules.len()],
            touched: Vec::new(),
            caps: (0..engine.rules.len()).map(|_| None).collect(),
            caches: None,
            sides: (0..engine.rules.len()).map(|_| None).collect(),
            kwless_next: Vec::new(),
            kwless_set: PatternSet::new(engine.keywordless.len()),
            anchors: Default::default(),
            hits: Vec::new(),
            lanes: Default::default(),
            consumed: Vec::new(),
            resettle: Vec::new(),
            columns: Vec::new(),
            markers: true,
        }
    }
}

/// The search caches of an engine's automata, each made on first use. A scan takes one set
/// from the engine's pool and searches with [`Regex::search_with`]: a search that took its
/// cache from the automaton's own pool paid that pool's bookkeeping, and a lock in every
/// thread but the first that searched with it. Scanners of one thread (a stream's, and the
/// pooled ones of whole-input calls) take turns with one set, as they did with the
/// automata's pools: the lazy DFAs' states are built once per thread, not once per scanner.
pub(crate) struct Caches {
    /// Each rule's, by index.
    rules: Vec<Option<Box<Cache>>>,
    /// The automata of keyword-less rules: all of them, by anchor set (as
    /// `Engine::keywordless_by_anchors`), and the overlapping set.
    kwless_all: Option<Box<Cache>>,
    kwless_by_anchors: Vec<Option<Box<Cache>>>,
    kwless_set: Option<Box<Cache>>,
}

impl Caches {
    fn new(engine: &Engine) -> Caches {
        Caches {
            rules: (0..engine.rules.len()).map(|_| None).collect(),
            kwless_all: None,
            kwless_by_anchors: (0..engine.keywordless_by_anchors.len())
                .map(|_| None)
                .collect(),
            kwless_set: None,
        }
    }
}

/// Shards of the engine's pool of [`Caches`]: a thread keeps to one (see [`thread_shard`]).
const CACHE_SHARDS: usize = 8;

/// Sets of caches kept in a shard at most; more are dropped when given back.
const CACHE_SHARD_MAX: usize = 4;

/// The shard of pools a thread uses: threads are spread over the shards in the order they
/// first ask, so that a thread finds in its shard what it left there.
pub(crate) fn thread_shard(shards: usize) -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SHARD: usize = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    // A thread being torn down has no thread-locals left: any shard will do.
    SHARD.try_with(|s| *s).unwrap_or(0) % shards
}

/// The search cache of `re` in `slot`, made on first use.
#[inline(always)]
fn cache_of<'s>(slot: &'s mut Option<Box<Cache>>, re: &Regex) -> &'s mut Cache {
    slot.get_or_insert_with(|| Box::new(re.create_cache()))
}

/// The lazy-DFA caches of a rule's keyword sides (before, after), each made on first use.
type SideCaches = [Option<regex_automata::hybrid::dfa::Cache>; 2];

/// Where the combined search of keyword-less rules goes on after a candidate at `s`: no rule
/// looks at a candidate before its own resume point (`next`), so the next search starts at the
/// nearest one. A rule whose match runs far (`x[^ ]*`) is then not searched again from every
/// byte it covered, which would cost the length of the match for each of its bytes.
#[inline]
fn next_search(next: &[usize], s: usize, end: usize) -> usize {
    next.iter().copied().min().unwrap_or(end).max(s + 1)
}

/// A multiline window ends at the latest after this many line ends from its keyword (the
/// keyword's own line included), so that a stream holds at most this many lines for it. A
/// PEM key of 32 KiB in 64-byte lines has 512.
pub(crate) const MULTILINE_LINES: usize = 512;

/// The end of a multiline window that would run from `from` to `we`: just past its
/// [`MULTILINE_LINES`]-th line end, or `we`.
pub(crate) fn multiline_end(hay: &[u8], from: usize, we: usize) -> usize {
    match memchr::memchr_iter(b'\n', &hay[from..we]).nth(MULTILINE_LINES - 1) {
        Some(i) => from + i + 1,
        None => we,
    }
}

/// The keyword-less rules `keywordless` (indexes into `rules`) in one automaton, pattern `k`
/// being rule `keywordless[k]`. Each rule's `candidate` when it has one: a place this union
/// finds is confirmed with the rule's own pattern, so a larger language only adds places to try.
fn keywordless_union(rules: &[Rule], keywordless: &[u32]) -> Result<Regex, Error> {
    let hirs: Vec<&regex_syntax::hir::Hir> = keywordless
        .iter()
        .map(|&r| rules[r as usize].search_hir())
        .collect();
    crate::compile::build_many(&hirs)
}

impl MlKeywords {
    fn of(rules: &[Rule]) -> MlKeywords {
        let words: Vec<&str> = rules
            .iter()
            .filter(|r| r.multiline)
            .flat_map(|r| r.keywords.iter().map(String::as_str))
            .collect();
        if words.is_empty() {
            // A multiline rule without keywords has no window: it never runs.
            return MlKeywords::None;
        }
        if words.iter().any(|w| w.is_empty() || w.contains('\n')) {
            return MlKeywords::Anywhere;
        }
        let mut words: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
        words.sort();
        words.dedup();
        Keywords::new(&words).map_or(MlKeywords::Anywhere, MlKeywords::Some)
    }
}

/// Where the keywords of multiline rules are, found ahead of a scan by the callers that join
/// lines or rows into one engine call (`structured::lines`, `columnar`). A multiline window
/// starts no earlier than its keyword's line, so the lines before the first such line find in
/// a scan of several lines what they find alone.
///
/// They look once a batch holds such a keyword, then at the start of every batch until one
/// holds none (`eager`): input without them pays nothing.
#[derive(Default)]
pub(crate) struct MlLookahead {
    lanes: crate::keywords::Lanes,
    /// The starts found by the last [`MlLookahead::look`], ascending.
    pub starts: Vec<usize>,
    /// Look at the start of the next batch: the last look found some, or cannot find them.
    pub eager: bool,
}

impl MlLookahead {
    /// Finds the keywords of multiline rules in `hay` (the keyword automaton's hits, word
    /// rules' boundaries unchecked: a superset of the multiline hits a scan of `hay` reports),
    /// as positions plus `base`. False when they cannot be found this way: take one at every
    /// place.
    pub(crate) fn look(&mut self, engine: &Engine, hay: &[u8], base: usize) -> bool {
        self.starts.clear();
        let known = match engine
            .ml_keywords
            .get_or_init(|| MlKeywords::of(&engine.rules))
        {
            MlKeywords::None => true,
            MlKeywords::Some(k) => {
                let starts = &mut self.starts;
                k.for_each_hit(hay, 0..hay.len(), &mut self.lanes, |_, s, _| {
                    starts.push(base + s)
                });
                starts.sort_unstable();
                true
            }
            MlKeywords::Anywhere => false,
        };
        self.eager = !known || !self.starts.is_empty();
        known
    }
}

/// Keyword hits are collected over this many bytes of a segment at a time.
const HIT_CHUNK: usize = 64 << 10;

/// How far the combined keyword-less search looks for a match start at a time.
const KEYWORDLESS_STRIDE: usize = 4096;

pub(crate) struct Engine {
    pub rules: Vec<Rule>,
    /// Sets of search caches between scans (see [`Caches`]).
    caches: [std::sync::Mutex<Vec<Caches>>; CACHE_SHARDS],
    ac: Option<Keywords>,
    owners: Vec<Vec<u32>>,
    keywordless: Vec<u32>,
    /// All keyword-less patterns in one automaton, pattern `k` being rule `keywordless[k]`
    /// (built with the engine or on first use: see `Engine::new`).
    keywordless_all: std::sync::OnceLock<Regex>,
    /// The same patterns as a set (built on first use): which rules match at a candidate, in
    /// one anchored pass instead of one anchored search per rule.
    keywordless_set: std::sync::OnceLock<Option<Regex>>,
    /// For each set of anchors a region can hold (indexed by [`AnchorSet::bits`]), the
    /// patterns of the keyword-less rules that name one of them, in one automaton (built on
    /// first use; `None` when they are all the rules, or did not build: `keywordless_all`
    /// then). A smaller automaton makes fewer and cheaper lazy-DFA states: over ordinary logs
    /// the union of every keyword-less rule made most of a run's states (where regions hold
    /// only dotted quads, and only the IPv4 rule can match). Empty without anchors.
    ///
    /// [`AnchorSet::bits`]: crate::anchors::AnchorSet::bits
    keywordless_by_anchors: Vec<std::sync::OnceLock<Option<Regex>>>,
    /// For each set of anchors (indexed as `keywordless_by_anchors`), the keyword-less rule
    /// (its place in `keywordless`) that alone names one of them, `u32::MAX` when none or
    /// several do. Empty without anchors.
    keywordless_single: Vec<u32>,
    /// The longest match of any keyword-less rule.
    keywordless_cap: usize,
    /// Where keyword-less rules can match: `Some` when every keyword-less rule names its
    /// anchors (the combined search then runs only on the lines that hold one).
    anchors: Option<crate::anchors::Finder>,
    pub max_keyword: usize,
    /// Look-ahead past the end of a piece of a long line.
    pub overlap: usize,
    /// Lines longer than this are scanned in pieces ([`PIECE`] unless a test sets it).
    pub piece: usize,
    /// Replace a segment whose scan failed instead of propagating the panic.
    pub fail_closed: bool,
    /// The keywords of the multiline rules (see [`MlLookahead`]), built on first use.
    ml_keywords: std::sync::OnceLock<MlKeywords>,
    /// Whether a keyword hit opens a window only where the rule's
    /// [`KeywordSides`](crate::compile::KeywordSides) can match (see [`Engine::keyword_fits`]).
    keyword_sides: bool,
}

/// How the keywords of multiline rules are found ahead of a scan.
enum MlKeywords {
    /// No multiline rule.
    None,
    /// An automaton of their keywords.
    Some(Keywords),
    /// A keyword this cannot find (empty, or holding a line end): assume one at every place.
    Anywhere,
}

impl Engine {
    /// The combined search of keyword-less rules over every line, and a window at every
    /// keyword hit (a test hook: neither the anchors nor the keyword sides may change
    /// findings).
    pub(crate) fn without_gates(&mut self) {
        self.anchors = None;
        self.keyword_sides = false;
    }

    /// Whether the combined search of keyword-less rules runs on anchored lines only.
    pub(crate) fn anchored(&self) -> bool {
        self.anchors.is_some()
    }

    /// Builds the engine over compiled rules: the keyword automaton and the combined
    /// automaton of the keyword-less rules.
    pub(crate) fn new(compiled: CompiledRules) -> Result<Engine, Error> {
        let (ac, owners, max_keyword) = compiled.keyword_index()?;
        let CompiledRules {
            rules,
            piece,
            fail_closed,
        } = compiled;
        let keywordless: Vec<u32> = rules
            .iter()
            .filter(|r| r.keywords.is_empty())
            .map(|r| r.index as u32)
            .collect();
        // Gated only when every keyword-less rule says where it can match.
        let anchors = keywordless
            .iter()
            .map(|&r| rules[r as usize].anchors)
            .try_fold(crate::anchors::AnchorSet::default(), |set, a| {
                (!a.is_empty()).then(|| set.union(a))
            })
            .filter(|set| !set.is_empty())
            .map(|set| {
                // A match holds an anchor its rule names and is at most the rule's longest
                // match: it starts at most that far before the anchor.
                crate::anchors::Finder::new(set).with_back(|a| {
                    keywordless
                        .iter()
                        .map(|&r| &rules[r as usize])
                        .filter(|r| r.anchors.contains(a))
                        .map(|r| r.max_match())
                        .max()
                        .unwrap_or(0)
                })
            });
        // The union of the keyword-less rules: built now when the search runs ungated, or when
        // one of the rules was compiled now (an added rule: a union over the size limit must
        // fail the build, not a scan). Over the built-in rules, which say their anchors, most
        // regions are searched by a smaller automaton (`keywordless_by_anchors`) and the union
        // (an eighth of the start-up's instructions) is built the first time a region needs it.
        let keywordless_all = std::sync::OnceLock::new();
        if !keywordless.is_empty()
            && (anchors.is_none()
                || keywordless
                    .iter()
                    .any(|&r| rules[r as usize].regex.get().is_some()))
        {
            let _ = keywordless_all.set(keywordless_union(&rules, &keywordless)?);
        }
        let keywordless_by_anchors = if anchors.is_some() {
            (0..crate::anchors::AnchorSet::COUNT)
                .map(|_| std::sync::OnceLock::new())
                .collect()
        } else {
            Vec::new()
        };
        let keywordless_single = if anchors.is_some() {
            (0..crate::anchors::AnchorSet::COUNT)
                .map(|bits| {
                    let kinds = crate::anchors::AnchorSet::from_bits(bits);
                    let mut naming = keywordless
                        .iter()
                        .enumerate()
                        .filter(|&(_, &r)| rules[r as usize].anchors.intersects(kinds));
                    match (naming.next(), naming.next()) {
                        (Some((k, _)), None) => k as u32,
                        _ => u32::MAX,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let keywordless_cap = keywordless
            .iter()
            .map(|&r| rules[r as usize].max_match())
            .max()
            .unwrap_or(0)
            .max(1);
        let overlap = rules
            .iter()
            .filter(|r| !r.multiline)
            .map(|r| (2 * r.reach_bound() + max_keyword).max(r.max_match_bound()))
            .max()
            .unwrap_or(0)
            + 8;
        Ok(Engine {
            rules,
            ac,
            owners,
            keywordless,
            keywordless_all,
            keywordless_set: std::sync::OnceLock::new(),
            caches: Default::default(),
            keywordless_by_anchors,
            keywordless_single,
            keywordless_cap,
            anchors,
            max_keyword,
            overlap,
            piece: piece.map_or(PIECE, |p| p.max(16)),
            fail_closed,
            ml_keywords: std::sync::OnceLock::new(),
            keyword_sides: true,
        })
    }

    /// The id a label is written with.
    pub(crate) fn label_id(&self, label: Label) -> &str {
        match label {
            Label::Rule(r) => &self.rules[r as usize].id,
            Label::SensitiveKey => SENSITIVE_KEY_RULE,
            Label::PersonalKey(_) => PERSONAL_KEY_RULE,
            Label::Failed => INTERNAL_ERROR_RULE,
        }
    }

    /// A label's priority when findings overlap (higher wins); pseudo-rules rank last.
    pub(crate) fn priority(&self, label: Label) -> i32 {
        match label {
            Label::Rule(r) => self
                .rules
                .get(r as usize)
                .map_or(i32::MAX, |rule| rule.priority),
            Label::SensitiveKey | Label::PersonalKey(_) | Label::Failed => i32::MAX,
        }
    }

    #[cfg(test)]
    pub(crate) fn keywords(&self) -> Option<&Keywords> {
        self.ac.as_ref()
    }

    /// Gives `scratch` a set of search caches for a scan, from this thread's shard of the
    /// pool when one is there. `try_lock`: never wait (nor deadlock in a forked child); a
    /// busy shard means a new set.
    pub(crate) fn lend_caches(&self, scratch: &mut Scratch) {
        if scratch.caches.is_none() {
            let shard = &self.caches[thread_shard(CACHE_SHARDS)];
            scratch.caches = shard.try_lock().ok().and_then(|mut p| p.pop());
        }
    }

    /// Takes back the caches [`lend_caches`](Self::lend_caches) gave `scratch`.
    pub(crate) fn take_back_caches(&self, scratch: &mut Scratch) {
        if let Some(c) = scratch.caches.take() {
            if let Ok(mut p) = self.caches[thread_shard(CACHE_SHARDS)].try_lock() {
                if p.len() < CACHE_SHARD_MAX {
                    p.push(c);
                }
            }
        }
    }

    /// The set of caches in `slot` (a scratch's; a new set when it has none).
    #[inline(always)]
    fn caches<'s>(&self, slot: &'s mut Option<Caches>) -> &'s mut Caches {
        slot.get_or_insert_with(|| Caches::new(self))
    }

    /// Rule `r`'s search cache in `scratch`.
    #[inline(always)]
    fn rule_cache<'s>(&self, scratch: &'s mut Scratch, r: usize) -> &'s mut Cache {
        cache_of(
            &mut self.caches(&mut scratch.caches).rules[r],
            self.rules[r].regex(),
        )
    }

    /// Rule `r`'s search of `input`, with its cache in `scratch`.
    #[inline(always)]
    fn rule_search(&self, scratch: &mut Scratch, r: usize, input: &Input<'_>) -> Option<Match> {
        self.rules[r]
            .regex()
            .search_with(self.rule_cache(scratch, r), input)
    }

    /// Bytes before a segment start that a scan may look at.
    pub(crate) fn lookbehind(&self) -> usize {
        // A piece's view starts `overlap` bytes back, a keyword may straddle the view start,
        // and marker checks look back `marker::LOOKBACK` bytes from it.
        self.overlap + self.max_keyword + marker::LOOKBACK + 8
    }

    /// Scans `view` of `hay` and pushes findings whose match starts inside `keep`, and the
    /// multiline keyword hits that start inside `keep`.
    pub(crate) fn scan_segment(
        &self,
        hay: &[u8],
        view: Range<usize>,
        keep: Range<usize>,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
        ml: &mut Vec<MlHit>,
    ) {
        // Marker checks read at most `lookbehind` bytes before the view and a marker's length
        // past it. Without a marker body in that reach (the usual case) they are skipped.
        let reach = view.start.saturating_sub(self.lookbehind())
            ..view.end.saturating_add(marker::OPEN.len()).min(hay.len());
        // Every other entry (`scan_multiline`) sets it back: a scan that panicked here leaves
        // nothing stale behind.
        scratch.markers = marker::holds_marker_body(&hay[reach]);
        if let Some(ac) = &self.ac {
            // Start early enough to see a keyword that straddles the segment start.
            let ac_start = view
                .start
                .saturating_sub(self.max_keyword.saturating_sub(1));
            // Hits come in order of their end, and keywords hold no newline, so the line of
            // each hit is found by searching forward from the previous line's end: linear.
            let (mut line_start, mut line_end) = (view.start, view.start);
            let mut first = true;
            let mut hits = std::mem::take(&mut scratch.hits);
            // Keyword hits are gathered a chunk of the view at a time (by their end), so that
            // text where a keyword ends at every byte (`aaaa...` and a keyword `aa`) holds a
            // bounded number of hits, not one per byte of a 1 MiB piece.
            let mut chunk_end = view.start;
            while chunk_end < view.end {
                let chunk_start = chunk_end;
                chunk_end = chunk_start.saturating_add(HIT_CHUNK).min(view.end);
                hits.clear();
                let from = chunk_start
                    .saturating_sub(self.max_keyword.saturating_sub(1))
                    .max(ac_start);
                ac.for_each_hit(hay, from..chunk_end, &mut scratch.lanes, |p, hs, he| {
                    hits.push((p as u32, hs, he))
                });
                for &(pid, hs, he) in &hits {
                    if he <= chunk_start {
                        continue;
                    }
                    if first || hs >= line_end {
                        let bound = if first { view.start } else { line_end };
                        let probe = hs.max(view.start);
                        line_start = match memchr::memrchr(b'\n', &hay[bound..probe]) {
                            Some(i) => bound + i + 1,
                            None => bound,
                        };
                        line_end = match memchr::memchr(b'\n', &hay[probe..view.end]) {
                            Some(i) => probe + i,
                            None => view.end,
                        };
                        first = false;
                    }
                    // A keyword inside a marker (`[REDACTED:us-ssn]`) is not context.
                    if scratch.markers
                        && (hay[..hs].ends_with(marker::OPEN) || marker::inside_marker(hay, hs))
                    {
                        continue;
                    }
                    // Whether the hit is a column name of an SQL `INSERT` (its values' spans in
                    // `scratch.columns`), decided on the first context-word rule that asks.
                    let mut column: Option<bool> = None;
                    for &r in &self.owners[pid as usize] {
                        let rule = &self.rules[r as usize];
                        let mut forward_end = None;
                        if rule.word_keywords {
                            let bounds = (line_start, line_end, view.start);
                            match self.word_window(hay, r, hs, he, bounds, &mut column, scratch) {
                                WordWindow::Skip => continue,
                                WordWindow::Forward(end) => forward_end = Some(end),
                                WordWindow::Both => {}
                            }
                        }
                        if rule.multiline {
                            // A keyword in the look-ahead of a piece of a long line (the view
                            // runs on past `keep` only there, and only on the same line): its
                            // match may start in this piece, where the next piece's window,
                            // which starts at that piece, cannot see it. This piece opens a
                            // window for it too.
                            if keep.contains(&hs) || (hs >= keep.end && hs < view.end) {
                                let win_start = hs
                                    .saturating_sub(rule.reach())
                                    .max(line_start)
                                    .max(keep.start);
                                ml.push(MlHit {
                                    rule: r,
                                    start: hs,
                                    end: he,
                                    win_start,
                                });
                            }
                            continue;
                        }
                        let shape = rule.shape();
                        let lead = rule.lead();
                        if lead == Some(0) {
                            // Every match starts with a keyword: one anchored search at the hit
                            // (no window, no reverse scan).
                            if !keep.contains(&hs) || hs < line_start {
                                continue;
                            }
                            let we = hs.saturating_add(shape.max_match).max(he).min(line_end);
                            let (ws, we) = clip(scratch.markers, hay, hs, we, hs, he);
                            if ws != hs || ws >= we {
                                continue;
                            }
                            let input = Input::new(hay).range(hs..we).anchored(Anchored::Yes);
                            if let Some(m) = self.rule_search(scratch, r as usize, &input) {
                                self.confirm(
                                    hay,
                                    r,
                                    hs,
                                    m.end(),
                                    view.start,
                                    line_end,
                                    scratch,
                                    out,
                                );
                            }
                            continue;
                        }
                        let (ws, we) = match lead {
                            Some(lead) => (
                                hs.saturating_sub(lead),
                                hs.saturating_add(shape.max_match).max(he),
                            ),
                            None => match forward_end {
                                Some(end) => (hs, end),
                                None => (
                                    hs.saturating_sub(shape.reach),
                                    he.saturating_add(shape.reach),
                                ),
                            },
                        };
                        let (ws, we) = (ws.max(line_start).max(view.start), we.min(line_end));
                        // No match holds its keyword here: the window would hold only matches
                        // that the windows of their own keywords hold.
                        if !self.keyword_fits(
                            rule,
                            hay,
                            hs,
                            he,
                            line_start.max(view.start),
                            line_end,
                            scratch,
                        ) {
                            continue;
                        }
                        // A window never reaches across a marker: a replacement shorter than what
                        // it replaced would bring new text within reach on a second redaction.
                        let (ws, we) = clip(scratch.markers, hay, ws, we, hs, he);
                        if ws >= we {
                            continue;
                        }
                        push_window(
                            &mut scratch.windows[r as usize],
                            &mut scratch.touched,
                            r,
                            (ws, we, line_end),
                        );
                    }
                }
            }
            let touched = std::mem::take(&mut scratch.touched);
            for &r in &touched {
                let mut wins = std::mem::take(&mut scratch.windows[r as usize]);
                wins.sort_unstable();
                let mut i = 0;
                while i < wins.len() {
                    let (ws, mut we, le) = wins[i];
                    let mut j = i + 1;
                    while j < wins.len() && wins[j].0 < we && wins[j].2 == le {
                        we = we.max(wins[j].1);
                        j += 1;
                    }
                    self.search(hay, r, ws..we, le, &keep, scratch, out);
                    i = j;
                }
                wins.clear();
                scratch.windows[r as usize] = wins;
            }
            scratch.touched = touched;
            scratch.touched.clear();
            scratch.hits = hits;
        }
        self.scan_keywordless(hay, view, &keep, scratch, out);
        scratch.markers = true;
    }

    /// Whether some match of `rule` can hold its keyword at the hit `hs..he`, starting at
    /// `lo` at the earliest and ending at `hi` at the latest, as far as its
    /// [`KeywordSides`](crate::compile::KeywordSides) tell (true when the rule has none, or a
    /// search gives up).
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn keyword_fits(
        &self,
        rule: &Rule,
        hay: &[u8],
        hs: usize,
        he: usize,
        lo: usize,
        hi: usize,
        scratch: &mut Scratch,
    ) -> bool {
        let Some(sides) = rule.sides().filter(|_| self.keyword_sides) else {
            return true;
        };
        let caches = scratch.sides[rule.index].get_or_insert_with(Default::default);
        // Each side matches at least one byte, within the line and its longest match; a match
        // is at most `max_match` bytes long, so neither search reads further than that from
        // the hit (an unbounded side on a long line would read to its start at every hit).
        let cap = rule.max_match();
        let before = sides.before.as_ref().is_none_or(|b| {
            let from = hs.saturating_sub(b.max.map_or(cap, |m| m.min(cap))).max(lo);
            from < hs && b.matches(&mut caches[0], hay, from..hs, true)
        });
        before
            && sides.after.as_ref().is_none_or(|a| {
                let to = he.saturating_add(a.max.map_or(cap, |m| m.min(cap))).min(hi);
                he < to && a.matches(&mut caches[1], hay, he..to, false)
            })
    }

    /// How a keyword hit of a context-word rule (`word_keywords`) opens its windows: not at all
    /// when glued to a word (`iPhone`); forward to the end of its value when it is a key; on
    /// its own values only when it is a column name of an SQL `INSERT` (those windows are added
    /// here); both ways otherwise. `bounds` is (line start, line end, view start).
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn word_window(
        &self,
        hay: &[u8],
        r: u32,
        hs: usize,
        he: usize,
        bounds: (usize, usize, usize),
        column: &mut Option<bool>,
        scratch: &mut Scratch,
    ) -> WordWindow {
        let (line_start, line_end, view_start) = bounds;
        let rule = &self.rules[r as usize];
        let windowed = !rule.multiline && rule.lead().is_none();
        match context_word(hay, hs, he) {
            ContextWord::NotAWord => WordWindow::Skip,
            ContextWord::Key if windowed => WordWindow::Forward(key_value_end(
                hay,
                he,
                he.saturating_add(rule.reach()).min(line_end),
            )),
            ContextWord::Key => WordWindow::Forward(he.saturating_add(rule.reach())),
            ContextWord::Word if windowed => {
                // A column name is context for its own value only.
                let is_column = *column.get_or_insert_with(|| {
                    column_windows(hay, line_start, line_end, hs, &mut scratch.columns)
                });
                if !is_column {
                    return WordWindow::Both;
                }
                for k in 0..scratch.columns.len() {
                    let (vs, ve) = scratch.columns[k];
                    // A byte either side: patterns read the bytes around a value.
                    let ws = vs.saturating_sub(1).max(line_start).max(view_start);
                    let we = (ve + 1).min(line_end);
                    let (ws, we) = clip(scratch.markers, hay, ws, we, hs, he);
                    if ws < we {
                        push_window(
                            &mut scratch.windows[r as usize],
                            &mut scratch.touched,
                            r,
                            (ws, we, line_end),
                        );
                    }
                }
                WordWindow::Skip
            }
            ContextWord::Word => WordWindow::Both,
        }
    }

    /// Searches the window of a multiline keyword; `avail` is the end of the input known so far
    /// (the caller guarantees it reaches `hit.end + reach` unless the input ends first).
    pub(crate) fn scan_multiline(
        &self,
        hay: &[u8],
        hit: MlHit,
        avail: usize,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        // Marker checks as usual: the flag `scan_segment` clears is for its own segment.
        scratch.markers = true;
        let rule = &self.rules[hit.rule as usize];
        let we = multiline_end(
            hay,
            hit.end,
            hit.end.saturating_add(rule.reach()).min(avail),
        );
        let line_end = match memchr::memchr(b'\n', &hay[hit.end..we]) {
            Some(i) => hit.end + i + 1,
            None => we,
        };
        self.search(
            hay,
            hit.rule,
            hit.win_start..we,
            we,
            &(hit.win_start..line_end),
            scratch,
            out,
        );
    }

    /// Runs one rule over `win`, validating each match; matches may extend up to `limit` when a
    /// window cut them short.
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        hay: &[u8],
        r: u32,
        win: Range<usize>,
        limit: usize,
        keep: &Range<usize>,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        let rule = &self.rules[r as usize];
        // Multiline windows run far past the keyword's line (up to the rule's longest match),
        // but only matches that start before `keep.end` count. Where the pattern's prefix
        // literals are known, the places before `keep.end` where one starts are tried anchored,
        // in order: the first that matches gives the leftmost match, as the search of the
        // window does, without reading the rest of the window for a later start (a PEM
        // header whose body does not follow read up to 64 KiB, once for every key rule whose
        // keyword it holds).
        let starts = if rule.multiline { rule.starts() } else { None };
        let mut at = win.start;
        while at < win.end {
            let found = match starts {
                Some(pre) => {
                    let end = keep.end.saturating_add(pre.max_needle_len()).min(win.end);
                    let mut found = None;
                    while at < keep.end.min(win.end) {
                        let Some(c) = pre.find(hay, regex_automata::Span { start: at, end }) else {
                            break;
                        };
                        if c.start >= keep.end {
                            break;
                        }
                        let input = Input::new(hay)
                            .range(c.start..win.end)
                            .anchored(Anchored::Yes);
                        if let Some(m) = self.rule_search(scratch, r as usize, &input) {
                            found = Some(m);
                            break;
                        }
                        at = c.start + 1;
                    }
                    found
                }
                None => self.rule_search(scratch, r as usize, &Input::new(hay).range(at..win.end)),
            };
            let Some(m) = found else {
                break;
            };
            let (s, mut e) = (m.start(), m.end());
            if e == win.end && win.end < limit {
                let ext = s.saturating_add(rule.max_match()).min(limit).max(win.end);
                let input = Input::new(hay).range(s..ext).anchored(Anchored::Yes);
                if let Some(m2) = self.rule_search(scratch, r as usize, &input) {
                    e = m2.end();
                }
            }
            if s >= keep.end {
                break;
            }
            let n = out.len();
            let resume = self.confirm(hay, r, s, e, win.start, limit, scratch, out);
            if s < keep.start {
                out.truncate(n);
            }
            at = resume.max(s + 1);
        }
    }

    /// Validates the match `s..e` of rule `r` and records its secret part.
    ///
    /// Returns where the rule's iteration resumes: after the secret part, so that context a
    /// pattern consumed after a secret (a separator) can open the next match; after the whole
    /// match when the match has no secret part (a pattern's veto alternative).
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn confirm(
        &self,
        hay: &[u8],
        r: u32,
        s: usize,
        e: usize,
        lo: usize,
        hi: usize,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) -> usize {
        let n = out.len();
        let resume = self.confirm_match(hay, r, s, e, lo, hi, scratch, out);
        // What the match read, up to its end (past the secret, a suffix context may have
        // decided between the pattern's alternatives), not only up to where it resumes.
        if out.len() == n && resume.max(e) > s {
            scratch.consumed.push((s, resume.max(e), r));
        }
        resume
    }

    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn confirm_match(
        &self,
        hay: &[u8],
        r: u32,
        s: usize,
        e: usize,
        lo: usize,
        hi: usize,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) -> usize {
        let rule = &self.rules[r as usize];
        let split = rule.splitter().and_then(|sp| sp.split(hay, s, e));
        let captured = |scratch: &mut Scratch| -> Option<(usize, usize)> {
            let g = rule.secret_group()?;
            let re = rule.regex();
            let Scratch { caps, caches, .. } = scratch;
            let caps = caps[r as usize].get_or_insert_with(|| re.create_captures());
            let cache = cache_of(&mut self.caches(caches).rules[r as usize], re);
            let input = Input::new(hay).range(s..e).anchored(Anchored::Yes);
            re.search_captures_with(cache, &input, caps);
            match caps.get_group(g) {
                Some(sp) if sp.end > sp.start => Some((sp.start, sp.end)),
                _ => None,
            }
        };
        let span = match (rule.secret_group(), split) {
            (None, _) => Some((s, e)),
            (Some(_), Some(sp)) => {
                debug_assert_eq!(
                    sp,
                    captured(scratch),
                    "splitter disagrees with captures for rule {}",
                    rule.id
                );
                sp
            }
            (Some(_), None) => captured(scratch),
        };
        let Some((ss, se)) = span else { return e };
        if !scratch.markers {
            return self.settle(rule, r, hay, s, ss, se, se, lo, hi, scratch, out);
        }
        // Context never reaches across a marker (as keyword windows do not): on a second
        // redaction the marker would stand where a value was.
        if ss > s && (marker::find_marker(&hay[s..ss]).is_some() || marker::inside_marker(hay, s)) {
            return se;
        }
        // Nor past the secret: a pattern that reads on after it (`\d{8}[^\w][^\w]`) and
        // reaches into a marker reads what a first redaction wrote where a value stood.
        if e > se
            && marker::find_marker(&hay[se..(e + marker::OPEN.len() - 1).min(hi.max(e))])
                .is_some_and(|i| se + i < e)
        {
            return se;
        }
        let resume = se;
        // A match running into a marker stops before it: the marker stays whole, so a second
        // redaction still recognises it.
        let se = match marker::find_marker(&hay[ss..(se + marker::OPEN.len() - 1).min(hi.max(se))])
        {
            // The secret would start with a marker's `[`: a marker is never a finding.
            Some(0) if ss < se => return resume,
            Some(i) if i > 0 && ss + i < se => ss + i,
            _ => se,
        };
        self.settle(rule, r, hay, s, ss, se, resume, lo, hi, scratch, out)
    }

    /// Records the secret part `ss..se` of the match at `s` when it passes [`accept`]
    /// (`Self::accept`); returns `resume`.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn settle(
        &self,
        rule: &Rule,
        r: u32,
        hay: &[u8],
        s: usize,
        ss: usize,
        se: usize,
        resume: usize,
        lo: usize,
        hi: usize,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) -> usize {
        if self.accept(rule, hay, ss, se, hi, scratch.markers) {
            // The context before the secret may hold a shorter match of the same rule (a
            // connection string with two passwords, the pattern preferring the last): once the
            // secret is a marker, a second redaction would find that one. Such a line is
            // settled (`scan.rs`).
            let earlier = ss > s + 1 && {
                let input = Input::new(hay).range(s..ss).earliest(true);
                let cache = self.rule_cache(scratch, rule.index);
                rule.regex().search_half_with(cache, &input).is_some()
            };
            if earlier {
                scratch.resettle.push(s);
            }
            let (ss, se) = widen_utf8(hay, ss, se, lo, hi);
            out.push(Hit {
                start: ss,
                end: se,
                label: Label::Rule(r),
            });
        }
        resume
    }

    /// Runs every keyword-less rule over `view` with one combined automaton: it finds each
    /// position where some rule can match, and the rules that match there are confirmed one
    /// by one. Gives exactly what each rule's own leftmost-first iteration would give.
    #[inline(never)]
    fn scan_keywordless(
        &self,
        hay: &[u8],
        view: Range<usize>,
        keep: &Range<usize>,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        if self.keywordless.is_empty() {
            return;
        }
        scratch.kwless_next.clear();
        scratch
            .kwless_next
            .resize(self.keywordless.len(), view.start);
        // Matches are at most `cap` bytes long (each rule's `max_match`): searches never read
        // further than that past where a match may start. Without this bound a pattern whose
        // preferred alternative runs on (`a[^ ]*b|a` over `aaaa...`) would read to the end of
        // the line for every candidate: quadratic in the line length.
        let cap = self.keywordless_cap;
        // Without anchors, one region: the view.
        let gated = match &self.anchors {
            Some(f) => {
                f.regions(hay, view.clone(), cap, &mut scratch.anchors);
                true
            }
            None => false,
        };
        let mut region = 0;
        let mut at = view.start;
        while at < view.end {
            // Matches start only inside regions: skip to the one that holds or follows `at`.
            let (region_end, reach, kinds) = if gated {
                let regions = &scratch.anchors.regions;
                while region < regions.len() && regions[region].end <= at {
                    region += 1;
                }
                let Some(r) = regions.get(region) else {
                    break;
                };
                at = at.max(r.start);
                (
                    r.end,
                    scratch.anchors.reach[region],
                    Some(scratch.anchors.kinds[region]),
                )
            } else {
                (view.end, view.end, None)
            };
            // Starts before `stride_end` are looked for in this search. A match that starts
            // in a region ends by its reach: the search stops there.
            let stride_end = at.saturating_add(KEYWORDLESS_STRIDE).min(region_end);
            let lim = stride_end.saturating_add(cap).min(view.end).min(reach);
            // A region where one rule alone can match (a dotted quad's: the IPv4 rule) is
            // searched with that rule's own pattern, unanchored: its leftmost match is the
            // one the loop below reaches (the union finds every place where the pattern
            // matches, in order, and the pattern is tried there anchored), with the same end
            // (leftmost-first: the match an anchored search at its start finds): one search
            // where the loop made two (the 64 MB ordinary corpus holds 103,000 addresses; its
            // CLI run took 2,122M instructions with two searches each and 2,056M with one).
            if let Some(k) = kinds.and_then(|kd| self.single_keywordless(kd)) {
                let from = at.max(scratch.kwless_next[k]);
                let r = self.keywordless[k];
                let found = (from < stride_end)
                    .then(|| {
                        self.rule_search(scratch, r as usize, &Input::new(hay).range(from..lim))
                    })
                    .flatten()
                    .filter(|m| m.start() < stride_end);
                let Some(m) = found else {
                    at = stride_end;
                    continue;
                };
                let (s, e) = (m.start(), m.end());
                if s >= keep.end {
                    break;
                }
                // The other rules cannot match in this region (as below).
                let kd = kinds.unwrap_or_default();
                for (j, next) in scratch.kwless_next.iter_mut().enumerate() {
                    let other = &self.rules[self.keywordless[j] as usize];
                    if j != k && *next <= s && !other.anchors.intersects(kd) {
                        *next = region_end;
                    }
                }
                let n = out.len();
                let resume = self.confirm(hay, r, s, e, view.start, view.end, scratch, out);
                if s < keep.start {
                    out.truncate(n);
                }
                scratch.kwless_next[k] = resume.max(s + 1);
                at = next_search(&scratch.kwless_next, s, view.end);
                continue;
            }
            // Inside a region only the rules that name one of its anchors can match (see
            // below): their own automaton finds the same leftmost start before `stride_end`.
            // It says nothing of later regions, so its search never ends the loop.
            let (searcher, whole, slot) =
                match kinds.and_then(|k| Some((k, self.keywordless_of(k)?))) {
                    Some((k, subset)) => (
                        subset,
                        false,
                        &mut self.caches(&mut scratch.caches).kwless_by_anchors[k.bits()],
                    ),
                    None => (
                        self.keywordless_all(),
                        true,
                        &mut self.caches(&mut scratch.caches).kwless_all,
                    ),
                };
            let found =
                searcher.search_with(cache_of(slot, searcher), &Input::new(hay).range(at..lim));
            let s = match found {
                // Every match of at most `cap` bytes that starts before `stride_end` ends
                // inside the range, so `s` is the leftmost start.
                Some(m) if m.start() < stride_end || (whole && lim == view.end) => m.start(),
                _ if whole && lim == view.end => break,
                _ => {
                    at = stride_end;
                    continue;
                }
            };
            if s >= keep.end {
                break;
            }
            // Which rules can match at `s`, in one anchored pass over the set, when more than
            // one is to be tried: a rule the set rules out has no match at `s` (its own search
            // reads a prefix of the set's range, and look-around sees the same bytes).
            // A rule none of whose anchors occur in the region of `s` has no match anywhere
            // in it: it is next tried after it.
            if let Some(kinds) = kinds.filter(|_| s < region_end) {
                for (k, next) in scratch.kwless_next.iter_mut().enumerate() {
                    let rule = &self.rules[self.keywordless[k] as usize];
                    if *next <= s && !rule.anchors.intersects(kinds) {
                        *next = region_end;
                    }
                }
            }
            let eligible = scratch.kwless_next.iter().filter(|&&n| n <= s).count();
            // The patterns compiled as one automaton already; should they not as a set,
            // every rule is tried. Two rules are tried each, anchored: the set's overlapping
            // pass over all keyword-less patterns cost more than a second anchored search
            // (regions of two rules: a `+` number for phone-e164 and phone-nanp, a digit chain
            // for credit-card and cn-resident-id; rows of phone numbers in `redact_column`
            // took 8,886 instructions each with the set and 7,493 without).
            let set = if eligible > 2 {
                self.keywordless_set
                    .get_or_init(|| {
                        let hirs: Vec<&regex_syntax::hir::Hir> = self
                            .keywordless
                            .iter()
                            .map(|&r| self.rules[r as usize].hir())
                            .collect();
                        crate::compile::build_set(&hirs).ok()
                    })
                    .as_ref()
            } else {
                None
            };
            if let Some(set) = set {
                scratch.kwless_set.clear();
                let Scratch {
                    caches, kwless_set, ..
                } = &mut *scratch;
                set.which_overlapping_matches_with(
                    cache_of(&mut self.caches(caches).kwless_set, set),
                    &Input::new(hay)
                        .range(s..s.saturating_add(cap).min(view.end))
                        .anchored(Anchored::Yes),
                    kwless_set,
                );
            }
            for k in 0..self.keywordless.len() {
                if scratch.kwless_next[k] > s {
                    continue;
                }
                if set.is_some() && !scratch.kwless_set.contains(PatternID::new_unchecked(k)) {
                    scratch.kwless_next[k] = s + 1;
                    continue;
                }
                let r = self.keywordless[k];
                let rule = &self.rules[r as usize];
                let lim = s.saturating_add(rule.max_match()).min(view.end);
                let input = Input::new(hay).range(s..lim).anchored(Anchored::Yes);
                if let Some(mm) = self.rule_search(scratch, r as usize, &input) {
                    let e = mm.end();
                    // Confirm (and validate) even before `keep` to learn where to resume;
                    // findings there are dropped.
                    let n = out.len();
                    let resume = self.confirm(hay, r, s, e, view.start, view.end, scratch, out);
                    if s < keep.start {
                        out.truncate(n);
                    }
                    scratch.kwless_next[k] = resume.max(s + 1);
                } else {
                    scratch.kwless_next[k] = s + 1;
                }
            }
            at = next_search(&scratch.kwless_next, s, view.end);
        }
    }

    /// The keyword-less rule (its place in `keywordless`) that alone names one of `kinds`,
    /// if one does.
    #[inline]
    fn single_keywordless(&self, kinds: crate::anchors::AnchorSet) -> Option<usize> {
        match self.keywordless_single.get(kinds.bits()) {
            Some(&k) if k != u32::MAX => Some(k as usize),
            _ => None,
        }
    }

    /// The union of the keyword-less rules (see the field `keywordless_all`). Built here only
    /// for rules compiled on first use (the built-in ones, whose union the test suite builds).
    fn keywordless_all(&self) -> &Regex {
        self.keywordless_all.get_or_init(|| {
            keywordless_union(&self.rules, &self.keywordless)
                .expect("built-in rules compile: checked by the test suite")
        })
    }

    /// The automaton of the keyword-less rules that name one of `kinds` (see
    /// `keywordless_by_anchors`); `None`: use the one of every keyword-less rule.
    fn keywordless_of(&self, kinds: crate::anchors::AnchorSet) -> Option<&Regex> {
        self.keywordless_by_anchors
            .get(kinds.bits())?
            .get_or_init(|| {
                let hirs: Vec<&regex_syntax::hir::Hir> = self
                    .keywordless
                    .iter()
                    .map(|&r| &self.rules[r as usize])
                    .filter(|rule| rule.anchors.intersects(kinds))
                    .map(|rule| rule.search_hir())
                    .collect();
                if hirs.is_empty() || hirs.len() == self.keywordless.len() {
                    return None;
                }
                crate::compile::build_many_unfiltered(&hirs).ok()
            })
            .as_ref()
    }

    /// Length bounds, marker checks, stop-words, allow-list and validators; `hi` is the end of
    /// the bytes this decision may look at.
    /// `markers`: false when the bytes in reach hold no marker body (the marker checks pass).
    fn accept(
        &self,
        rule: &Rule,
        hay: &[u8],
        ss: usize,
        se: usize,
        hi: usize,
        markers: bool,
    ) -> bool {
        let secret = &hay[ss..se];
        let n = secret.len();
        if n < rule.min_len || n > rule.max_len {
            return false;
        }
        if markers
            && (marker::contains_redacted(secret)
                || marker::inside_marker(hay, ss)
                || marker::touches_marker(hay, ss, se, hi))
        {
            return false;
        }
        // Line ends alone are nothing to hide, and a replacement keeps them as they are: a
        // finding of only `\r` would leave no marker behind.
        if secret.iter().all(|&b| b == b'\r' || b == b'\n') {
            return false;
        }
        for sw in &rule.stopwords {
            if secret.windows(sw.len()).any(|w| w.eq_ignore_ascii_case(sw)) {
                return false;
            }
        }
        for a in &rule.allow {
            // On the secret alone: `^` and `$` anchor to the secret part.
            if a.is_match(secret) {
                return false;
            }
        }
        rule.checks.iter().all(|c| c(secret))
    }
}

/// [`marker::clip_at_markers`] when the bytes in reach may hold a marker (`markers`); the
/// window as it is otherwise.
#[inline]
fn clip(markers: bool, hay: &[u8], ws: usize, we: usize, hs: usize, he: usize) -> (usize, usize) {
    if markers {
        marker::clip_at_markers(hay, ws, we, hs, he)
    } else {
        (ws, we.max(ws))
    }
}

/// When the context word at `hs` is a column name of an SQL `INSERT` on the line
/// `line_start..line_end`, puts the spans of its values into `out` (see
/// `sql_values::column_values`).
#[inline(never)]
fn column_windows(
    hay: &[u8],
    line_start: usize,
    line_end: usize,
    hs: usize,
    out: &mut Vec<(usize, usize)>,
) -> bool {
    out.clear();
    let found = crate::sql_values::column_values(&hay[line_start..line_end], hs - line_start, out);
    for c in out.iter_mut() {
        *c = (c.0 + line_start, c.1 + line_start);
    }
    found
}

/// Adds the window `win` (start, end, line end) of rule `r`.
#[inline]
fn push_window(
    w: &mut Vec<(usize, usize, usize)>,
    touched: &mut Vec<u32>,
    r: u32,
    win: (usize, usize, usize),
) {
    let (ws, we, line_end) = win;
    match w.last_mut() {
        // Overlapping windows of one line are searched as one (after sorting, in
        // `scan_segment`); merging them as they come keeps the list short.
        Some(last) if last.2 == line_end && last.0 <= ws && ws < last.1 => {
            last.1 = last.1.max(we);
        }
        Some(_) => w.push(win),
        None => {
            touched.push(r);
            w.push(win);
        }
    }
}

/// Moves span ends off UTF-8 continuation bytes (within `lo..hi`), so a replacement never
/// splits a character.
fn widen_utf8(hay: &[u8], mut s: usize, mut e: usize, lo: usize, hi: usize) -> (usize, usize) {
    let cont = |b: u8| (0x80..0xC0).contains(&b);
    let mut k = 0;
    while k < 3 && s > lo && cont(hay[s]) {
        s -= 1;
        k += 1;
    }
    k = 0;
    while k < 3 && e < hi.min(hay.len()) && cont(hay[e]) {
        e += 1;
        k += 1;
    }
    (s, e)
}

/// What [`Engine::word_window`] decided for a keyword hit.
enum WordWindow {
    /// No window (or the column's windows, already added).
    Skip,
    /// A key: the window runs forward from the keyword to here.
    Forward(usize),
    /// A word in text: the window runs both ways.
    Both,
}

/// How a keyword occurrence of a `word_keywords` rule stands in its text.
#[derive(Debug, PartialEq)]
enum ContextWord {
    /// Glued to the letters or digits before it (`iPhone`, `smartphone`, `2fax`).
    NotAWord,
    /// A key: followed by `:` or `=` (after word characters, quotes and spaces), so it gives
    /// context to its own value only.
    Key,
    /// A word in text.
    Word,
}

/// Classifies the keyword at `hs..he`. A keyword glued to a lower-case word before it counts
/// as a word when it starts a camel-case word after at least two lower-case letters
/// (`homePhone`), not after one (`iPhone`).
fn context_word(hay: &[u8], hs: usize, he: usize) -> ContextWord {
    let before = |i: usize| {
        if i == 0 {
            None
        } else {
            hay.get(i - 1).copied()
        }
    };
    match before(hs) {
        Some(b) if b.is_ascii_digit() => return ContextWord::NotAWord,
        Some(b) if b.is_ascii_alphabetic() => {
            let camel = b.is_ascii_lowercase()
                && hay[hs].is_ascii_uppercase()
                && before(hs - 1).is_some_and(|a| a.is_ascii_lowercase());
            if !camel {
                return ContextWord::NotAWord;
            }
        }
        _ => {}
    }
    // The keyword may end with its own punctuation (`tel:`): look at what follows.
    if matches!(hay.get(he.wrapping_sub(1)), Some(b':' | b'=')) {
        return ContextWord::Key;
    }
    // At most 64 bytes are looked at, so a run of keywords (`phonephone...`) stays linear.
    let end = hay.len().min(he.saturating_add(64));
    let mut i = he;
    while i < end && (hay[i].is_ascii_alphanumeric() || hay[i] == b'_' || hay[i] == b'-') {
        i += 1;
    }
    while i < end && matches!(hay[i], b'"' | b'\'' | b' ' | b'\t') {
        i += 1;
    }
    match hay.get(i) {
        Some(b':' | b'=') => ContextWord::Key,
        _ => ContextWord::Word,
    }
}

/// Where the value of a key ends, for a context word at `..he` that is a key
/// ([`ContextWord::Key`]): the window of its rule ends there, so a key gives context to its own
/// value only, not to the next member (`"dob": "01/17/1968", "app_version": "4.15.52"`). A
/// quoted value ends with its closing quote; an unquoted one with the separator before the next
/// `key:` or `key=` (`dob=1968-01-17 app_version=4.15.52`). Never past `limit`.
#[inline(never)]
fn key_value_end(hay: &[u8], he: usize, limit: usize) -> usize {
    let limit = limit.min(hay.len());
    let mut i = he;
    // The keyword may end with its own separator (`tel:`); else the rest of the key's name, its
    // closing quote and spaces come first (as `context_word` reads them).
    if !matches!(hay.get(he.wrapping_sub(1)), Some(b':' | b'=')) {
        while i < limit && (hay[i].is_ascii_alphanumeric() || hay[i] == b'_' || hay[i] == b'-') {
            i += 1;
        }
        while i < limit && matches!(hay[i], b'"' | b'\'' | b' ' | b'\t') {
            i += 1;
        }
        while i < limit && matches!(hay[i], b':' | b'=' | b'>') {
            i += 1;
        }
    }
    while i < limit && matches!(hay[i], b' ' | b'\t') {
        i += 1;
    }
    if i >= limit {
        return limit;
    }
    if let q @ (b'"' | b'\'') = hay[i] {
        return match memchr::memchr(q, &hay[i + 1..limit]) {
            Some(k) => i + 1 + k + 1,
            None => limit,
        };
    }
    // Unquoted: up to a separator that a key follows, the separator included (a pattern may
    // read the byte after its secret).
    let mut j = i;
    while j < limit {
        if matches!(hay[j], b' ' | b'\t' | b',' | b';' | b'&') && key_at(hay, j + 1, limit) {
            return j + 1;
        }
        j += 1;
    }
    limit
}

/// Whether a key (`name=`, `name:`, `"name":`, after spaces) starts at `i`: a letter or `_`,
/// word characters, dots and dashes, an optional closing quote, then `:` or `=`.
fn key_at(hay: &[u8], mut i: usize, limit: usize) -> bool {
    while i < limit && matches!(hay[i], b' ' | b'\t' | b'"' | b'\'') {
        i += 1;
    }
    if i >= limit || !(hay[i].is_ascii_alphabetic() || hay[i] == b'_') {
        return false;
    }
    while i < limit && (hay[i].is_ascii_alphanumeric() || matches!(hay[i], b'_' | b'-' | b'.')) {
        i += 1;
    }
    while i < limit && matches!(hay[i], b'"' | b'\'' | b' ') {
        i += 1;
    }
    i < limit && matches!(hay[i], b':' | b'=')
}

#[cfg(test)]
mod context_word_tests {
    use super::{context_word, ContextWord};

    fn at(hay: &str, word: &str) -> ContextWord {
        let hs = hay.find(word).unwrap();
        context_word(hay.as_bytes(), hs, hs + word.len())
    }

    #[test]
    fn words_keys_and_glued_keywords() {
        assert_eq!(at("Mozilla (iPhone; CPU", "Phone"), ContextWord::NotAWord);
        assert_eq!(at("smartphone 123", "phone"), ContextWord::NotAWord);
        assert_eq!(at("2phone 123", "phone"), ContextWord::NotAWord);
        assert_eq!(at("homePhone: 0161", "Phone"), ContextWord::Key);
        assert_eq!(at("{\"phone\": \"+44\"}", "phone"), ContextWord::Key);
        assert_eq!(at("phone_number=1", "phone"), ContextWord::Key);
        assert_eq!(at("'phone': '1'", "phone"), ContextWord::Key);
        assert_eq!(at("tel: 1", "tel:"), ContextWord::Key);
        assert_eq!(at("ip 1.2.3.4 phone +44", "phone"), ContextWord::Word);
        assert_eq!(at("call me at 5", "call me"), ContextWord::Word);
    }

    fn value<'a>(hay: &'a str, key: &str) -> &'a str {
        let he = hay.find(key).unwrap() + key.len();
        let end = super::key_value_end(hay.as_bytes(), he, hay.len());
        &hay[he..end]
    }

    #[test]
    fn a_key_value_ends_where_its_value_does() {
        assert_eq!(
            value(r#""dob": "01/17/1968", "app_version": "4.15.52""#, "dob"),
            r#"": "01/17/1968""#
        );
        assert_eq!(
            value("'dob': '1964-07-12', 'v': '4.1.20'", "dob'"),
            ": '1964-07-12'"
        );
        assert_eq!(
            value("dob=1968-01-17 app_version=4.15.52", "dob="),
            "1968-01-17 "
        );
        assert_eq!(
            value("Date of birth: March 12, 1985 (verified)", "Date of birth"),
            ": March 12, 1985 (verified)"
        );
        assert_eq!(
            value("tel: 0161 496 0312; fax: 0161", "tel:"),
            " 0161 496 0312;"
        );
        assert_eq!(value(r#"{"dob": "1985-03-12"#, "dob"), r#"": "1985-03-12"#);
    }

    #[test]
    fn long_runs_are_bounded() {
        let hay = "phone".repeat(100_000);
        for i in (0..hay.len()).step_by(5) {
            let _ = context_word(hay.as_bytes(), i, i + 5);
        }
    }
}

#[cfg(test)]
mod lazy_shape_tests {
    use super::rule_texts;
    use regex_automata::{Anchored, Input};

    /// The union of the built-in keyword-less rules is not built with the engine; a region that
    /// holds an anchor of every one of them needs it, and it is then built, the findings those
    /// of an engine that built it at once (eager) and of one that searches every line with it.
    #[test]
    fn the_keywordless_union_is_built_when_a_region_needs_it() {
        let lazy = crate::Redactor::builder().build().unwrap();
        let eager = crate::Redactor::builder().eager(true).build().unwrap();
        let ungated = crate::Redactor::builder()
            .anchor_gate(false)
            .build()
            .unwrap();
        assert!(lazy.text().engine.keywordless_all.get().is_none());
        assert!(eager.text().engine.keywordless_all.get().is_some());
        let quiet = "GET /health 200 from 10.0.0.7 at 12:00:01";
        assert_eq!(lazy.redact(quiet), eager.redact(quiet));
        assert!(lazy.text().engine.keywordless_all.get().is_none());
        let every = "call +44 20 7946 0958 or (415) 555-0123, card 4111 1111 1111 1111, iban \
                     DE89 3704 0044 0532 0130 00, host 10.1.2.3 fe80::1:2:3:4, mac \
                     00-1a-2b-3c-4d-5e 001a.2b3c.4d5e, pay 1BoatSLRHtKNngkdXEeobR76b53LETtpyT, \
                     ssn 123-45-6789";
        let out = lazy.redact(every);
        assert!(lazy.text().engine.keywordless_all.get().is_some());
        assert_eq!(out, eager.redact(every));
        assert_eq!(out, ungated.redact(every));
        assert!(
            out.contains("[REDACTED:iban]") && out.contains("[REDACTED:ipv4]"),
            "{out}"
        );
    }

    /// The premise of the anchored tries of multiline windows (`Engine::search`): on every
    /// text the tests of candidates use, each match of a multiline rule that has a prefix
    /// prefilter starts where a search of the prefilter from before it reports a candidate,
    /// and the search anchored there ends where the unanchored search does.
    #[test]
    fn multiline_matches_start_at_a_prefix_candidate() {
        let r = crate::Redactor::builder().build().unwrap();
        let texts = rule_texts();
        let mut checked = 0;
        for rule in r.text().engine.rules.iter().filter(|r| r.multiline) {
            let Some(pre) = rule.starts() else {
                continue;
            };
            for hay in &texts {
                let mut at = 0;
                while let Some(m) = rule.regex().search(&Input::new(hay).range(at..)) {
                    let span = regex_automata::Span {
                        start: at,
                        end: hay.len(),
                    };
                    let c = pre.find(hay, span).map(|c| c.start);
                    assert!(
                        c.is_some_and(|c| c <= m.start()),
                        "{}: match at {} but candidate {c:?}",
                        rule.id,
                        m.start()
                    );
                    // Each candidate before the match has no anchored match of its own.
                    let mut c = c.unwrap_or(0);
                    while c < m.start() {
                        let input = Input::new(hay).range(c..).anchored(Anchored::Yes);
                        assert!(rule.regex().search(&input).is_none(), "{} at {c}", rule.id);
                        let next = regex_automata::Span {
                            start: c + 1,
                            end: hay.len(),
                        };
                        c = pre.find(hay, next).map_or(usize::MAX, |n| n.start);
                    }
                    assert_eq!(c, m.start(), "{}", rule.id);
                    let anchored = Input::new(hay).range(c..).anchored(Anchored::Yes);
                    assert_eq!(
                        rule.regex().search(&anchored).map(|a| a.end()),
                        Some(m.end()),
                        "{}",
                        rule.id
                    );
                    checked += 1;
                    at = m.end().max(m.start() + 1);
                }
            }
        }
        assert!(checked > 20, "{checked} matches checked");
    }

    /// A thread's scanners take turns with one set of search caches: a stream's scanner and
    /// the pooled scanner of whole-input calls leave one set in the thread's shard between
    /// calls, not one each (each set builds its own lazy-DFA states).
    #[test]
    fn a_thread_keeps_one_set_of_caches() {
        let r = crate::Redactor::builder()
            .format(crate::Format::Auto)
            .build()
            .unwrap();
        let text = "mail ann@example.com from 10.1.2.3\n{\"password\": \"hunter22\"}\ntail\n";
        let once = r.redact(text).into_owned();
        let mut s = r.stream();
        let mut out = Vec::new();
        s.push(text.as_bytes(), &mut out);
        s.finish(&mut out);
        assert_eq!(String::from_utf8(out).unwrap(), once);
        assert_eq!(r.redact(text), once);
        let held: usize = r
            .text()
            .engine
            .caches
            .iter()
            .map(|shard| shard.lock().unwrap().len())
            .sum();
        assert_eq!(held, 1);
    }

    /// A header whose body does not follow, then on the same line a whole key: the window's
    /// first place where the pattern's prefix occurs has no match, the second has.
    #[test]
    fn a_multiline_window_tries_each_prefix_before_its_line_ends() {
        let r = crate::Redactor::new().unwrap();
        let body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n\
                    VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n";
        let text = format!(
            "cfg={{\"key\": \"-----BEGIN RSA PRIVATE KEY-----\\nQUJD\"}} then \
             -----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----\nnext line\n"
        );
        let out = r.redact(&text);
        assert!(!out.contains("MIIEowIBAAKCAQEAu1SU"), "{out}");
        assert!(!out.contains("VTLw7onLRnrq0"), "{out}");
        assert!(out.starts_with("cfg={"), "{out}");
        assert!(out.ends_with("next line\n"), "{out}");
    }

    /// Built-in rules are parsed on first use, so the engine bounds their reach when it sizes
    /// the overlap of long-line pieces: with the built-in catalog, the bound is the exact value
    /// (rules capped at the single-line limit exist), and the lazy and eager builds agree on
    /// every rule's figures.
    #[test]
    fn lazy_and_eager_catalogs_agree() {
        let lazy = crate::Redactor::builder().build().unwrap();
        let eager = crate::Redactor::builder().eager(true).build().unwrap();
        let (l, e) = (&lazy.text().engine, &eager.text().engine);
        assert_eq!(l.overlap, e.overlap);
        assert!(l
            .rules
            .iter()
            .filter(|r| !r.multiline && !r.keywords.is_empty())
            .all(|r| r.reach_bound() >= r.reach()));
        for (a, b) in l.rules.iter().zip(&e.rules) {
            assert_eq!(
                (a.max_match(), a.reach(), a.secret_group(), a.lead()),
                (b.max_match(), b.reach(), b.secret_group(), b.lead()),
                "{}",
                a.id
            );
        }
    }
}

/// Every built-in rule's examples and negative examples, and the committed corpora: the texts
/// on which the tests of candidates and anchors check every match of the keyword-less rules.
#[cfg(test)]
fn rule_texts() -> Vec<Vec<u8>> {
    let mut texts: Vec<Vec<u8>> = Vec::new();
    for (name, text) in crate::catalog::builtin_rule_files() {
        for spec in crate::rule::parse_rules(name, text).unwrap() {
            texts.extend(
                spec.examples
                    .into_iter()
                    .chain(spec.negative_examples)
                    .map(String::into_bytes),
            );
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpora");
    for f in [
        "bench/samples/ordinary.txt",
        "bench/samples/dense.txt",
        "bench/samples/jsonl.txt",
        "bench/samples/adversarial.txt",
        "eval/corpus.txt",
        "pii/planted.txt",
        "pii/decoy-lognoise.txt",
        "secrets/decoy.txt",
        "sample/app.log",
    ] {
        texts.push(std::fs::read(root.join(f)).unwrap_or_else(|e| panic!("{f}: {e}")));
    }
    texts
}

#[cfg(test)]
mod candidate_tests {
    //! A rule's `candidate` must match wherever its pattern does: the combined search of
    //! keyword-less rules looks for candidates only, so a place where the pattern matches and
    //! the candidate does not would never be tried (a finding lost, or a veto missed).
    use crate::compile::Rule;
    use proptest::prelude::*;
    use regex_automata::{meta::Regex, Input};

    fn candidates() -> Vec<(&'static Rule, Regex)> {
        static R: std::sync::OnceLock<crate::Redactor> = std::sync::OnceLock::new();
        let r = R.get_or_init(|| crate::Redactor::builder().build().unwrap());
        r.text()
            .engine
            .rules
            .iter()
            .filter(|rule| rule.keywords.is_empty())
            .filter_map(|rule| rule.candidate_regex().map(|c| (rule, c)))
            .collect()
    }

    /// Every place where the pattern has a match is a place where the candidate has one; the
    /// number of places.
    fn check(rule: &Rule, cand: &Regex, hay: &[u8]) -> Result<usize, String> {
        if let Some((s, e)) = rule.candidate_miss(cand, hay) {
            return Err(format!(
                "{}: the pattern matches {:?} at {s}, the candidate does not",
                rule.id,
                String::from_utf8_lossy(&hay[s..e]),
            ));
        }
        let mut at = 0;
        let mut n = 0;
        while let Some(m) = rule.regex().search(&Input::new(hay).range(at..)) {
            n += 1;
            at = m.start() + 1;
        }
        Ok(n)
    }

    #[test]
    fn the_catalog_has_candidates() {
        let ids: Vec<&str> = candidates().iter().map(|(r, _)| &*r.id).collect();
        assert!(
            ids.contains(&"credit-card") && ids.contains(&"ipv4"),
            "{ids:?}"
        );
    }

    #[test]
    fn every_match_of_a_pattern_starts_a_match_of_its_candidate() {
        let texts = super::rule_texts();
        for (rule, cand) in candidates() {
            let mut found = 0;
            for t in &texts {
                found += check(rule, &cand, t).unwrap_or_else(|e| panic!("{e}"));
            }
            // Vetoed and found places both: the texts exercise the rule.
            assert!(found > 100, "{}: {found} matches", rule.id);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn candidates_hold_on_generated_text(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "order_id", "trace.id", "ID", "ts", "elapsed_ms", "x", "total", "amount",
                "version", "Version", "ver", "nginx", "fw", "build", "v", "abc1", "1a",
                "=", ":", " ", "  ", "\"", "'", "_", ".", "-", "/", "//", "@", "root@", "ssh ",
                "\t", "\n", "4111111111111111", "4111 1111 1111 1111", "378282246310005",
                "123456789012", "1234567890123456789", "10.0.0.1", "192.168.1.254", "1.2.3",
                "256.1.1.1", "7", "42", "0",
            ]),
            0..24,
        )) {
            let hay = parts.concat().into_bytes();
            for (rule, cand) in candidates() {
                if let Err(e) = check(rule, &cand, &hay) {
                    prop_assert!(false, "{} in {:?}", e, String::from_utf8_lossy(&hay));
                }
            }
        }
    }
}

#[cfg(test)]
mod anchor_tests {
    //! A keyword-less rule's `anchors` must hold: every match of its pattern (and of its
    //! candidate, which the combined search looks for) starts inside a region of the anchor
    //! finder and ends by that region's reach. Otherwise the combined search, which runs only
    //! there, would miss the match (a finding lost, or a veto missed).
    use crate::compile::Rule;
    use proptest::prelude::*;
    use regex_automata::{meta::Regex, Input};

    fn redactors() -> &'static (crate::Redactor, crate::Redactor) {
        static R: std::sync::OnceLock<(crate::Redactor, crate::Redactor)> =
            std::sync::OnceLock::new();
        R.get_or_init(|| {
            let gated = crate::Redactor::builder().build().unwrap();
            let plain = crate::Redactor::builder()
                .anchor_gate(false)
                .build()
                .unwrap();
            (gated, plain)
        })
    }

    /// The examples of the built-in rules that have keyword sides.
    fn sides_examples() -> &'static [String] {
        static E: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        E.get_or_init(|| {
            let (gated, _) = redactors();
            let with: Vec<&str> = gated
                .text()
                .engine
                .rules
                .iter()
                .filter(|r| r.sides().is_some())
                .map(|r| &*r.id)
                .collect();
            let mut out = Vec::new();
            for (name, text) in crate::catalog::builtin_rule_files() {
                for spec in crate::rule::parse_rules(name, text).unwrap() {
                    if with.contains(&spec.id.as_str()) {
                        out.extend(spec.examples.iter().cloned());
                    }
                }
            }
            assert!(out.len() > 40, "{}", out.len());
            out
        })
    }

    /// Words that hold a keyword with more after it (`credentials` for `credential`): the
    /// side after the keyword starts with the rest of the word.
    #[test]
    fn keyword_sides_read_the_rest_of_a_word() {
        let (gated, plain) = redactors();
        for line in [
            "credentials = 'q8Zr2LmX7vT4nB9kW3pY6sD1'",
            "export MY_CREDENTIALS=q8Zr2LmX7vT4nB9kW3pY6sD1",
            "client_secret: q8Zr2LmX7vT4nB9kW3pY6sD1",
            "run --api-key q8Zr2LmX7vT4nB9kW3pY6sD1",
        ] {
            let found = gated.find_overlapping(line.as_bytes());
            assert!(!found.is_empty(), "{line}");
            assert_eq!(found, plain.find_overlapping(line.as_bytes()), "{line}");
        }
    }

    /// A long line with a keyword at every few bytes: the sides read at most a match's length
    /// from each hit, and the finding at the end is still found.
    #[test]
    fn keyword_sides_on_a_long_line_of_hits() {
        let (gated, plain) = redactors();
        let line = format!(
            "{}run --api-token=q8Zr2LmX7vT4nB9kW3pY6sD1 done",
            "x token key secret ".repeat(20_000)
        );
        let found = gated.find_overlapping(line.as_bytes());
        assert!(found.iter().any(|f| f.start > 380_000), "{found:?}");
        assert_eq!(found, plain.find_overlapping(line.as_bytes()));
    }

    /// The keyword-less rules, each with the regexes the combined search and the confirmation
    /// use (the candidate, when it has one, and the pattern).
    fn anchored_rules() -> Vec<(&'static Rule, Vec<Regex>)> {
        let (gated, _) = redactors();
        assert!(
            gated.text().engine.anchored(),
            "the built-in catalog is anchored"
        );
        gated
            .text()
            .engine
            .rules
            .iter()
            .filter(|rule| rule.keywords.is_empty())
            .map(|rule| {
                let mut res = vec![rule.regex().clone()];
                res.extend(rule.candidate_regex());
                (rule, res)
            })
            .collect()
    }

    /// A match of the rule (pattern or candidate) in `hay` that lies in no region of its
    /// anchors, as an error; else the number of places where `re` matches.
    fn check(rule: &Rule, re: &Regex, hay: &[u8]) -> Result<usize, String> {
        if let Some((s, e)) = rule.anchor_miss(hay) {
            return Err(format!(
                "{}: {:?} at {s}..{e} is in no region of its anchors",
                rule.id,
                String::from_utf8_lossy(&hay[s..e]),
            ));
        }
        let mut at = 0;
        let mut n = 0;
        while let Some(m) = re.search(&Input::new(hay).range(at..)) {
            n += 1;
            at = m.start() + 1;
        }
        Ok(n)
    }

    #[test]
    fn every_match_of_a_keywordless_rule_lies_in_a_region_of_its_anchors() {
        let texts = super::rule_texts();
        for (rule, res) in anchored_rules() {
            for re in &res {
                let mut found = 0;
                for t in &texts {
                    found += check(rule, re, t).unwrap_or_else(|e| panic!("{e}"));
                }
                assert!(found > 20, "{}: {found} matches", rule.id);
            }
        }
    }

    fn piece() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "order_id",
            "ID",
            "ts",
            "elapsed_ms",
            "x",
            "version",
            "nginx",
            "v",
            "abc1",
            "=",
            ":",
            " ",
            "\"",
            "'",
            "_",
            ".",
            "-",
            "/",
            "@",
            "root@",
            "ssh ",
            "\t",
            "\n",
            "(",
            ")",
            "+",
            "::",
            "4111111111111111",
            "4111 1111 1111 1111",
            "378282246310005",
            "123456789012",
            "10.0.0.1",
            "192.168.1.254",
            "1.2.3",
            "7",
            "42",
            "0",
            "555",
            "867-5309",
            "(555) 867",
            "123-45-6789",
            "+44 20 7946 0958",
            "+1",
            "DE89",
            "3704 0044 0532 0130 00",
            "GB29NWBK60161331926819",
            "fe80::1",
            "2001:db8::",
            "0:0:0:0:0:0:0:1",
            "00:1a:2b:3c:4d:5e",
            "00-1a-2b-3c-4d-5e",
            "001a.2b3c.4d5e",
            "1BoatSLRHtKNngkdXEeobR76b53LETtpyT",
            "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
            "11010519491231002X",
            "ab",
            "ff",
            "2026-11-20 22:20:49",
            // Vetoes whose match starts well before the anchor.
            "build_version=10.1.2.3",
            "firmware v1.2.3.4",
            "order_id=4111111111111111",
            "elapsed_ms: 123456789012",
            "ssh deploy@10.1.2.3",
            "mysql://root:pw@10.1.2.3",
        ])
    }

    /// Regions that hold only dotted quads, where the IPv4 rule's own pattern is searched
    /// (one rule alone names the anchor): the same findings as the union and the anchored
    /// pattern, vetoes, rejected quads and several quads on a line included.
    #[test]
    fn regions_of_one_rule_find_what_the_union_finds() {
        let (gated, plain) = redactors();
        for (line, want) in [
            (
                "47.79.193.139 - - [21/Nov/2026:11:48:36 +0000] \"GET / HTTP/1.1\" 200",
                1,
            ),
            ("upstream 10.1.2.3, 10.1.2.4;10.1.2.5 and 10.1.2.6", 4),
            ("version 1.2.3.4 from 10.1.2.3 via 10.1.2.4", 2),
            ("Chrome/120.0.0.0 client=203.0.113.7 build 4.3.2.1", 1),
            ("bad 256.1.2.3 ok 127.0.0.1 and 1.2.3.4.5 then 8.8.8.8", 1),
            (
                "ssh deploy@24.104.132.182 && web@2.3.63.99 10.0.0.0/8 10.2.3.4/",
                2,
            ),
            ("app_version=4.12.0.3 10.9.8.7", 1),
            ("1.2.3.4", 1),
            ("x1.2.3.4 1.2.3.4x 1.2.3.4", 1),
        ] {
            let found = gated.find_overlapping(line.as_bytes());
            assert_eq!(found, plain.find_overlapping(line.as_bytes()), "{line}");
            let ips = found.iter().filter(|f| &*f.rule_id == "ipv4").count();
            assert_eq!(ips, want, "{line}: {found:?}");
            // The same line after a long run of other bytes, and twice on one line.
            for hay in [
                format!("{} {line}", "ab ".repeat(2000)),
                format!("{line} {line}"),
            ] {
                assert_eq!(
                    gated.find_overlapping(hay.as_bytes()),
                    plain.find_overlapping(hay.as_bytes()),
                    "{hay}"
                );
            }
        }
    }

    /// Vetoes that start well before their anchor, after a long run of other bytes on the same
    /// line: the region of an anchor reaches back as far as the longest match.
    #[test]
    fn vetoes_far_before_their_anchor_hold_on_long_lines() {
        let (gated, plain) = redactors();
        for (veto, finding) in [
            ("build_version=10.1.2.3", "client 10.1.2.4"),
            ("firmware v1.2.3.4", "client 10.9.8.7"),
            ("order_id=4111111111111111", "card 4111111111111111"),
            ("elapsed_ms: 123456789012", "card 378282246310005"),
        ] {
            for fill in [0, 100, 1500, 5000] {
                let line = format!("{} {veto} {finding}", "ab ".repeat(fill));
                let found = gated.find_overlapping(line.as_bytes());
                assert_eq!(
                    found,
                    plain.find_overlapping(line.as_bytes()),
                    "{veto}, {fill}"
                );
                let at = line.find(finding).unwrap();
                // The veto stands; the finding after it is found.
                assert!(
                    found.iter().all(|f| f.start >= at),
                    "{veto}, {fill}: {found:?}"
                );
                assert!(
                    found.iter().any(|f| f.start >= at),
                    "{veto}, {fill}: {found:?}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn anchors_hold_on_generated_text(parts in proptest::collection::vec(piece(), 0..24)) {
            let hay = parts.concat().into_bytes();
            for (rule, res) in anchored_rules() {
                for re in &res {
                    if let Err(e) = check(rule, re, &hay) {
                        prop_assert!(false, "{} in {:?}", e, String::from_utf8_lossy(&hay));
                    }
                }
            }
        }

        /// Lines longer than the longest match: a region starts at most that far before its
        /// anchor.
        #[test]
        fn anchors_do_not_change_findings_on_long_lines(
            parts in proptest::collection::vec(
                (piece(), proptest::sample::select(vec!["a", "7", " ", "ab.", "1-", "x=", "é"]), 0usize..1400),
                1..6,
            )
        ) {
            let hay: Vec<u8> = parts
                .iter()
                .flat_map(|(p, fill, n)| {
                    p.bytes().chain(fill.bytes().cycle().take(*n * fill.len()))
                })
                .collect();
            let (gated, plain) = redactors();
            prop_assert_eq!(gated.find_overlapping(&hay), plain.find_overlapping(&hay));
        }

        /// Text around the keywords of the rules with keyword sides (`--api-token`, `token:`,
        /// `://`, `@`, `Password`, `pass:` ...), near and far from what their patterns need
        /// before and after the keyword.
        #[test]
        fn keyword_sides_do_not_change_findings(parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "--api-token=", "--token ", " -", "--", "-", "token", "TOKEN", "key", "Key",
                "secret", "_", "=", " ", "  ", "\t", "\n", "\"", "'", ":", "token:", "  token: ",
                "x7Kq2mP9vR4tL8wZ3nB6cY1d", "sk-live-9fQ2", "docker login -u bob ", "podman ",
                "login", " -p ", "--password ", "s3cr3t-Pa55", "https://", "://", "pg://",
                "admin:", "@", "db.example.com", "ossrh", "signingPassword", "Password",
                "openssl enc -passin ", "pass:", "Jane ", "Doe", "<", ">", "jane.doe",
                "example.org", "aws configure set aws_secret_access_key ", "SharedKey ",
                "AccountKey", "Signature", "keyId=\"k1\",", "é", "api_key", "API-KEY",
                "client_secret", "credentials", "=>", ":=", "tokenizer", "apikey", "-value",
                "https://hooks.example.com/services/", "sentry.io", "?sig=", "--db-password ",
                "PASSWD", "pwd", "passphrase", "Bearer ", "Basic ", "Authorization: ", "git@",
                "gitlab.com:", "ssh://", ".com",
            ]),
            0..30,
        )) {
            let hay = parts.concat().into_bytes();
            let (gated, plain) = redactors();
            prop_assert_eq!(gated.find_overlapping(&hay), plain.find_overlapping(&hay));
            prop_assert_eq!(gated.redact_bytes(&hay), plain.redact_bytes(&hay));
        }

        /// The examples of the rules with keyword sides, inside other text and cut short: the
        /// sides rule out no match the windows would find.
        #[test]
        fn keyword_sides_keep_examples_in_noise(
            pick in any::<proptest::sample::Index>(),
            before in proptest::collection::vec(piece(), 0..4),
            after in proptest::collection::vec(piece(), 0..4),
            cut in 0usize..40,
        ) {
            let examples = sides_examples();
            let ex = examples[pick.index(examples.len())].as_bytes();
            let ex = &ex[..ex.len() - cut.min(ex.len())];
            let mut hay = before.concat().into_bytes();
            hay.extend_from_slice(ex);
            hay.extend_from_slice(after.concat().as_bytes());
            let (gated, plain) = redactors();
            prop_assert_eq!(gated.find_overlapping(&hay), plain.find_overlapping(&hay));
        }

        #[test]
        fn anchors_do_not_change_findings(parts in proptest::collection::vec(piece(), 0..40)) {
            let hay = parts.concat().into_bytes();
            let (gated, plain) = redactors();
            prop_assert_eq!(gated.find_overlapping(&hay), plain.find_overlapping(&hay));
            prop_assert_eq!(gated.redact_bytes(&hay), plain.redact_bytes(&hay));
        }
    }
}
