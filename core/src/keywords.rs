//! The keyword automaton: every occurrence of every keyword, ASCII letters in any case.
//!
//! A hand-built Aho-Corasick DFA over byte classes: one table lookup per byte and one
//! comparison to learn whether any keyword ends there (states that end a keyword are numbered
//! after all others). Long spans run as four interleaved lanes (see [`Table::for_each_hit`]).
//! With the built-in catalog's ~900 keywords, on the ordinary-log corpus: about 1.5 GB/s
//! against about 0.42 GB/s for the overlapping search of the `aho-corasick` crate's DFA
//! (0.57 GB/s as one lane), with a 1.4 MB table against about 6 MB. A keyword set whose table
//! would be too large uses that crate instead. Measured by the criterion bench
//! `prefilter` in `benches/benches/stages.rs`, which runs both.
//!
//! In front of the table, a literal prefilter ([`crate::prefilter`]) finds the few places of a
//! span where a keyword may occur; the automaton runs only there, unless the candidates are
//! dense (then over the whole span, as before).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::error::{Error, ErrorKind};
use crate::prefilter::{self, Budget, Prefilter};

/// Largest transition table built by hand (bytes); larger sets use `aho-corasick`.
const TABLE_LIMIT: usize = 16 << 20;

/// Spans shorter than this run as one lane.
const LANE_MIN: usize = 4096;

/// Spans shorter than this run without the prefilter.
const PREFILTER_MIN: usize = 64;

/// The prefilter gives up on a span (and the automaton runs over all of it, which then costs
/// less than many short runs) when more than one position in this many is a candidate, or
/// when its windows cover more than half of the span.
const PREFILTER_DENSITY: usize = 16;

/// Scratch space of a search: the hits of lanes 2 to 4 (keyword, start, end), and the
/// prefilter's windows.
#[derive(Default)]
pub(crate) struct Lanes {
    hits: [Vec<(usize, usize, usize)>; 3],
    prefilter: prefilter::Scratch,
}

pub(crate) enum Keywords {
    Table(Box<Table>),
    General(AhoCorasick),
}

pub(crate) struct Table {
    /// Byte to class: ASCII letters of both cases share one; bytes no keyword holds are 0.
    classes: [u8; 256],
    /// Number of classes (the stride of a state's row).
    stride: usize,
    /// Transitions, premultiplied: state ids are row offsets (`index * stride`).
    trans: Vec<u32>,
    /// States at or above this id end at least one keyword.
    first_match: u32,
    /// A power of two above every state that ends no keyword and at most `first_match` (the
    /// rows between are never reached): the bitwise or of several states is at least this
    /// exactly when one of them is a match state, one test for four steps.
    match_bit: u32,
    /// Rows of padding before the first match state, never read (those past the trie's own
    /// rows never touched, so never resident; the others hold rows that moved down).
    #[cfg_attr(not(test), allow(dead_code))]
    pad_rows: usize,
    /// For match state `first_match + k * stride`: `outputs[ranges[k]..ranges[k + 1]]`, the
    /// keywords ending there as (keyword, length), longest first.
    ranges: Vec<u32>,
    outputs: Vec<(u32, u32)>,
    /// Length of the longest keyword.
    longest: usize,
    /// Where keywords may occur, found faster than the automaton finds them.
    prefilter: Option<Prefilter>,
}

/// How [`Keywords::for_each_hit_by`] searches: as the engine does (the prefilter with its
/// budget), through the prefilter's windows whatever their density, or with the automaton
/// alone. All three give the same hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Search {
    Engine,
    Windows,
    Plain,
}

impl Keywords {
    /// The automaton for `words` (lower-case; keyword `i` is `words[i]`).
    pub(crate) fn new(words: &[String]) -> Result<Keywords, Error> {
        Keywords::with_limit(words, TABLE_LIMIT)
    }

    /// The same, with a hand-built table only up to `limit` bytes.
    fn with_limit(words: &[String], limit: usize) -> Result<Keywords, Error> {
        if let Some(t) = Table::new(words, limit) {
            return Ok(Keywords::Table(Box::new(t)));
        }
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(words.len() < 64)
            .build(words)
            .or_else(|_| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(words)
            })
            .map(Keywords::General)
            .map_err(|e| Error::new(ErrorKind::TooBig, format!("keyword automaton: {e}")))
    }

    /// [`Keywords::for_each_hit`], searched as `how` says (for tests and benchmarks).
    pub(crate) fn for_each_hit_by(
        &self,
        hay: &[u8],
        span: Range<usize>,
        lanes: &mut Lanes,
        how: Search,
        f: impl FnMut(usize, usize, usize),
    ) {
        match (self, how) {
            (Keywords::Table(t), Search::Windows) => {
                t.search_prefiltered(hay, span, lanes, Budget::UNLIMITED, f)
            }
            (Keywords::Table(t), Search::Plain) => t.search_span(hay, span, lanes, f),
            _ => self.for_each_hit(hay, span, lanes, f),
        }
    }

    /// Whether the prefilter's vector loop and scalar loop give the same windows over `hay`
    /// (true when there is no prefilter).
    pub(crate) fn prefilter_loops_agree(&self, hay: &[u8]) -> bool {
        let Keywords::Table(t) = self else {
            return true;
        };
        let Some(pf) = &t.prefilter else {
            return true;
        };
        let (mut a, mut b) = (prefilter::Scratch::default(), prefilter::Scratch::default());
        for budget in [
            Budget::UNLIMITED,
            Budget {
                density: PREFILTER_DENSITY,
                cover: hay.len() / 2,
            },
        ] {
            let (va, vb) = (
                pf.windows(hay, &mut a, budget),
                pf.windows_scalar(hay, &mut b, budget),
            );
            if va != vb || (va && a.windows != b.windows) {
                return false;
            }
        }
        true
    }

    /// Calls `f(keyword, start, end)` for every keyword occurrence inside `span`, in order of
    /// their ends (longest first for the same end).
    #[inline]
    pub(crate) fn for_each_hit(
        &self,
        hay: &[u8],
        span: Range<usize>,
        lanes: &mut Lanes,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        match self {
            Keywords::Table(t) => t.for_each_hit(hay, span, lanes, f),
            Keywords::General(ac) => {
                for m in ac.find_overlapping_iter(aho_corasick::Input::new(hay).span(span)) {
                    f(m.pattern().as_usize(), m.start(), m.end());
                }
            }
        }
    }
}

/// Calls `f(class, target)` for each edge of a trie row (its nonzero entries), in class
/// order. Most rows have one or two: they are found eight entries at a time.
#[inline(always)]
fn each_edge(row: &[u32], mut f: impl FnMut(usize, u32)) {
    for (k, chunk) in row.chunks(8).enumerate() {
        if chunk.iter().fold(0, |a, &t| a | t) == 0 {
            continue;
        }
        for (j, &t) in chunk.iter().enumerate() {
            if t != 0 {
                f(k * 8 + j, t);
            }
        }
    }
}

impl Table {
    fn new(words: &[String], limit: usize) -> Option<Table> {
        // Byte classes: one per distinct (lower-cased) byte of any keyword, plus "other".
        let mut classes = [0u8; 256];
        let mut n = 1usize;
        for w in words {
            for b in w.bytes() {
                let b = b.to_ascii_lowercase();
                if classes[b as usize] == 0 {
                    if n == 256 {
                        return None;
                    }
                    classes[b as usize] = n as u8;
                    n += 1;
                }
            }
        }
        for b in b'a'..=b'z' {
            classes[b.to_ascii_uppercase() as usize] = classes[b as usize];
        }
        let stride = n;
        // The trie: `goto[s * stride + c]`, 0 meaning none (the root is never a target).
        let total: usize = words.iter().map(String::len).sum();
        if (total + 1).saturating_mul(stride).saturating_mul(4) > limit {
            return None;
        }
        // One zeroed allocation for the trie and, later, the table made of it in place: room
        // for `total + 1` states (each keyword byte makes at most one) and as many rows of
        // padding (see `match_bit`). Zeroed memory is given by the system untouched: only the
        // rows written are ever resident, and the trie never moves as it grows.
        let mut goto: Vec<u32> = vec![0; 2 * (total + 1) * stride];
        // `own[s]`: the first keyword ending at state `s` (NONE: none), `chain[i]`: the next
        // keyword ending where keyword `i` does, in the order of `words`.
        const NONE: u32 = u32::MAX;
        let mut own: Vec<u32> = vec![NONE];
        let mut own_last: Vec<u32> = vec![NONE];
        let mut chain: Vec<u32> = vec![NONE; words.len()];
        for (i, w) in words.iter().enumerate() {
            if w.is_empty() {
                return None;
            }
            let mut s = 0usize;
            for b in w.bytes() {
                let c = classes[b as usize] as usize;
                let next = goto[s * stride + c] as usize;
                s = if next != 0 {
                    next
                } else {
                    let id = own.len();
                    goto[s * stride + c] = id as u32;
                    // The new row's first touch a write: a read first would map the zero
                    // page, and the first write then fault again.
                    goto[id * stride] = 0;
                    own.push(NONE);
                    own_last.push(NONE);
                    id
                };
            }
            if own[s] == NONE {
                own[s] = i as u32;
            } else {
                chain[own_last[s] as usize] = i as u32;
            }
            own_last[s] = i as u32;
        }
        drop(own_last);
        let states = own.len();
        // Breadth first over the trie: failure links, and which states end a keyword (their
        // own, or their failure state's, which is shallower). A state outputs its own
        // keywords, then its failure state's: longest first.
        let mut fail: Vec<u32> = vec![0; states];
        let mut matches: Vec<bool> = own.iter().map(|&o| o != NONE).collect();
        let mut order: Vec<u32> = Vec::with_capacity(states);
        each_edge(&goto[..stride], |_, t| order.push(t));
        let mut head = 0;
        while head < order.len() {
            let s = order[head] as usize;
            head += 1;
            let f = fail[s] as usize;
            matches[s] |= matches[f];
            each_edge(&goto[s * stride..(s + 1) * stride], |c, t| {
                // The failure state's move on `c`: along the failure links to the first state
                // with an edge on `c`, else the root.
                let mut g = f;
                fail[t as usize] = loop {
                    let to = goto[g * stride + c];
                    if to != 0 || g == 0 {
                        break to;
                    }
                    g = fail[g] as usize;
                };
                order.push(t);
            });
        }
        // Renumber: states without outputs first (the root stays 0), then match states.
        let mut new_id: Vec<u32> = vec![0; states];
        let mut next = 0u32;
        for (id, _) in new_id.iter_mut().zip(&matches).filter(|(_, &m)| !m) {
            *id = next;
            next += 1;
        }
        // Match states start at the first row at or above a power of two (see `match_bit`).
        let match_bit = (next as usize * stride).next_power_of_two();
        let first_match_index = match_bit.div_ceil(stride) as u32;
        let pad = first_match_index - next;
        next = first_match_index;
        let mut ranges: Vec<u32> = vec![0];
        let mut outputs: Vec<(u32, u32)> = Vec::new();
        for s in 0..states {
            if !matches[s] {
                continue;
            }
            new_id[s] = next;
            next += 1;
            // Own keywords, then along the failure links to the root.
            let mut q = s;
            loop {
                let mut i = own[q];
                while i != NONE {
                    outputs.push((i, words[i as usize].len() as u32));
                    i = chain[i as usize];
                }
                if q == 0 {
                    break;
                }
                q = fail[q] as usize;
            }
            ranges.push(outputs.len() as u32);
        }
        // The padding rows are never read: those past the trie's rows stay untouched.
        let rows = states + pad as usize;
        // What `step` relies on to index without a bounds check: every class is below
        // `stride` (classes are numbered below `n`), and every entry is the offset of a row
        // (`new_id` maps the `states` states onto rows below `rows`: checked here).
        if next as usize != rows
            || rows * stride > goto.len()
            || classes.iter().any(|&c| c as usize >= stride)
        {
            return None;
        }
        // Full rows, in place and in the order above (a state's failure state comes before
        // it), of row offsets: a state's own edges, the failure state's moves elsewhere (the
        // root's: to itself). Each row is written once; until then it holds the trie's edges.
        let row_at: Vec<u32> = new_id.iter().map(|&i| i * stride as u32).collect();
        let mut full = vec![0u32; stride];
        for s in std::iter::once(0).chain(order.iter().map(|&s| s as usize)) {
            let row = s * stride..(s + 1) * stride;
            if s == 0 {
                full.fill(0);
            } else {
                let f = fail[s] as usize * stride;
                full.copy_from_slice(&goto[f..f + stride]);
            }
            each_edge(&goto[row.clone()], |c, t| full[c] = row_at[t as usize]);
            goto[row].copy_from_slice(&full);
        }
        drop(order);
        // The rows to their places, in the trie's own memory: the match states' rows aside,
        // the others down to their places in order (each moves down or stays: a state's
        // new place counts only the states before it), then the match states' rows after
        // the padding, which starts at or after the last of the others.
        let mut match_rows: Vec<u32> =
            Vec::with_capacity((rows - first_match_index as usize) * stride);
        for s in (0..states).filter(|&s| matches[s]) {
            match_rows.extend_from_slice(&goto[s * stride..(s + 1) * stride]);
        }
        for s in (0..states).filter(|&s| !matches[s]) {
            let to = new_id[s] as usize;
            if to != s {
                goto.copy_within(s * stride..(s + 1) * stride, to * stride);
            }
        }
        let first = first_match_index as usize * stride;
        goto[first..first + match_rows.len()].copy_from_slice(&match_rows);
        drop(match_rows);
        goto.truncate(rows * stride);
        goto.shrink_to_fit();
        let table = goto;
        Some(Table {
            classes,
            stride,
            trans: table,
            first_match: first_match_index * stride as u32,
            match_bit: match_bit as u32,
            pad_rows: pad as usize,
            ranges,
            outputs,
            longest: words.iter().map(String::len).max().unwrap_or(0),
            prefilter: Prefilter::new(words),
        })
    }

    /// One step of the automaton from state `s` on byte `b`.
    #[inline(always)]
    fn step(&self, s: u32, b: u8) -> u32 {
        let i = s as usize + self.classes[b as usize] as usize;
        debug_assert!(i < self.trans.len());
        // SAFETY: `new` checks that every class is below `stride` and that every entry of
        // `trans` is the offset of a row (a multiple of `stride` below `trans.len()`). States
        // come only from `trans` or are 0 (the root), so `i` is in bounds. The bounds check
        // was two of the loop's instructions per byte.
        unsafe { *self.trans.get_unchecked(i) }
    }

    /// Calls `f` for each keyword that ends at `end` in state `s` (a match state).
    #[inline(always)]
    fn emit(&self, s: u32, end: usize, f: &mut impl FnMut(usize, usize, usize)) {
        let k = ((s - self.first_match) as usize) / self.stride;
        for &(p, len) in &self.outputs[self.ranges[k] as usize..self.ranges[k + 1] as usize] {
            f(p as usize, end - len as usize, end);
        }
    }

    /// Runs the automaton over `bytes` from state `s`; `base` is the position of `bytes[0]`.
    #[inline(never)]
    fn run(
        &self,
        mut s: u32,
        bytes: &[u8],
        base: usize,
        f: &mut impl FnMut(usize, usize, usize),
    ) -> u32 {
        let (fm, mb) = (self.first_match, self.match_bit);
        let mut chunks = bytes.chunks_exact(4);
        let mut at = base;
        // Four steps, then one test whether any of them reached a match state: match states
        // are rare, so the test is taken once per four bytes.
        for c in &mut chunks {
            let s0 = self.step(s, c[0]);
            let s1 = self.step(s0, c[1]);
            let s2 = self.step(s1, c[2]);
            let s3 = self.step(s2, c[3]);
            if s0 | s1 | s2 | s3 >= mb {
                for (k, st) in [s0, s1, s2, s3].into_iter().enumerate() {
                    if st >= fm {
                        self.emit(st, at + k + 1, f);
                    }
                }
            }
            s = s3;
            at += 4;
        }
        for &b in chunks.remainder() {
            s = self.step(s, b);
            at += 1;
            if s >= fm {
                self.emit(s, at, f);
            }
        }
        s
    }

    /// Every keyword in `span`, in order of ends (longest first for the same end): the
    /// automaton runs over the prefilter's windows, or over the whole span when they would
    /// cover much of it.
    #[inline]
    fn for_each_hit(
        &self,
        hay: &[u8],
        span: Range<usize>,
        lanes: &mut Lanes,
        f: impl FnMut(usize, usize, usize),
    ) {
        let budget = Budget {
            density: PREFILTER_DENSITY,
            cover: span.len() / 2,
        };
        self.search_prefiltered(hay, span, lanes, budget, f);
    }

    /// The same, with the prefilter's `budget`.
    fn search_prefiltered(
        &self,
        hay: &[u8],
        span: Range<usize>,
        lanes: &mut Lanes,
        budget: Budget,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        if let Some(pf) = &self.prefilter {
            if let Some(bytes) = hay.get(span.clone()).filter(|b| b.len() >= PREFILTER_MIN) {
                let mut scratch = std::mem::take(&mut lanes.prefilter);
                let all = pf.windows(bytes, &mut scratch, budget);
                if all {
                    for &(ws, we) in &scratch.windows {
                        if we - ws < LANE_MIN {
                            self.run(0, &bytes[ws..we], span.start + ws, &mut f);
                        } else {
                            self.search_span(hay, span.start + ws..span.start + we, lanes, &mut f);
                        }
                    }
                }
                lanes.prefilter = scratch;
                if all {
                    return;
                }
            }
        }
        self.search_span(hay, span, lanes, &mut f);
    }

    /// Every keyword in `span`, in order of ends. A long span is cut into four lanes that the
    /// loop steps together: each step of one lane waits for the table lookup of its previous
    /// step, so four independent chains keep the processor busy where one leaves it waiting.
    /// Each lane after the first starts `longest - 1` bytes early and keeps only keywords
    /// that end in its own part; the last lane runs on to the end.
    fn search_span(
        &self,
        hay: &[u8],
        span: Range<usize>,
        lanes: &mut Lanes,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let Some(bytes) = hay.get(span.clone()) else {
            return;
        };
        let ov = self.longest.saturating_sub(1);
        if bytes.len() < LANE_MIN.max(8 * (ov + 1)) {
            self.run(0, bytes, span.start, &mut f);
            return;
        }
        let q = bytes.len() / 4;
        let len = q + ov;
        let starts = [0, q - ov, 2 * q - ov, 3 * q - ov];
        let (a0, a1, a2, a3) = (
            &bytes[starts[0]..starts[0] + len],
            &bytes[starts[1]..starts[1] + len],
            &bytes[starts[2]..starts[2] + len],
            &bytes[starts[3]..starts[3] + len],
        );
        for l in lanes.hits.iter_mut() {
            l.clear();
        }
        let [l1, l2, l3] = &mut lanes.hits;
        let (fm, mb) = (self.first_match, self.match_bit);
        let (mut s0, mut s1, mut s2, mut s3) = (0u32, 0u32, 0u32, 0u32);
        // One index for the four lanes (all `len` long): no per-lane iterator to advance.
        for i in 0..len {
            s0 = self.step(s0, a0[i]);
            s1 = self.step(s1, a1[i]);
            s2 = self.step(s2, a2[i]);
            s3 = self.step(s3, a3[i]);
            if s0 | s1 | s2 | s3 >= mb {
                // Positions relative to `bytes`; each lane keeps the ends in its own part.
                if s0 >= fm && i < q {
                    self.emit(s0, span.start + i + 1, &mut f);
                }
                for (s, st, out) in [
                    (s1, starts[1], &mut *l1),
                    (s2, starts[2], &mut *l2),
                    (s3, starts[3], &mut *l3),
                ] {
                    if s >= fm && i >= ov {
                        self.emit(s, span.start + st + i + 1, &mut |p, hs, he| {
                            out.push((p, hs, he))
                        });
                    }
                }
            }
        }
        for out in [&*l1, &*l2, &*l3] {
            for &(p, hs, he) in out.iter() {
                f(p, hs, he);
            }
        }
        self.run(s3, &bytes[4 * q..], span.start + 4 * q, &mut f);
    }

    /// Bytes held by the tables.
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        (self.trans.len() - self.pad_rows * self.stride) * 4
            + self.ranges.len() * 4
            + self.outputs.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hits(k: &Keywords, hay: &[u8], span: Range<usize>) -> Vec<(usize, usize, usize)> {
        let mut v = Vec::new();
        k.for_each_hit(hay, span, &mut Lanes::default(), |p, s, e| {
            v.push((p, s, e))
        });
        v
    }

    /// The `aho-corasick` fallback for the same words (no table fits in 0 bytes).
    fn general(words: &[String]) -> Keywords {
        let g = Keywords::with_limit(words, 0).unwrap();
        assert!(matches!(g, Keywords::General(_)));
        g
    }

    /// Distinct lower-cased keywords, as the engine collects them.
    fn lower<S: AsRef<str>>(ws: &[S]) -> Vec<String> {
        let mut v: Vec<String> = ws.iter().map(|w| w.as_ref().to_ascii_lowercase()).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn overlapping_hits_any_case_longest_first() {
        let words: Vec<String> = ["pass", "password", "word", "sword", "マイナンバー", "a"]
            .map(String::from)
            .to_vec();
        let t = Keywords::new(&words).unwrap();
        assert!(matches!(t, Keywords::Table(_)));
        let hay = "x PassWORD マイナンバー".as_bytes();
        let got = hits(&t, hay, 0..hay.len());
        assert_eq!(
            got,
            vec![
                (5, 3, 4),
                (0, 2, 6),
                (1, 2, 10),
                (3, 5, 10),
                (2, 6, 10),
                (4, 11, 11 + "マイナンバー".len()),
            ]
        );
        assert_eq!(got, hits(&general(&words), hay, 0..hay.len()));
        // A span: keywords must lie wholly inside it.
        assert_eq!(hits(&t, hay, 3..8), hits(&general(&words), hay, 3..8));
        // Non-ASCII bytes match exactly: a different case of a non-letter is not folded.
        assert!(hits(&t, "ÀÁ".as_bytes(), 0..4).is_empty());
        // Over the size limit, the general automaton gives the same hits.
        assert!(matches!(
            Keywords::with_limit(&words, 64).unwrap(),
            Keywords::General(_)
        ));
    }

    #[test]
    fn builtin_catalog_table_is_small() {
        let r = crate::Redactor::new().unwrap();
        let Some(Keywords::Table(t)) = r.engine_keywords() else {
            panic!("the built-in catalog uses the hand-built table");
        };
        // 4.29 MB at 1,001 rules (issue 16, from under 4 MiB at 595): the table grows with the
        // keywords; the budget catches a blow-up, far below the 16 MiB fallback limit.
        assert!(t.heap_bytes() < 6 << 20, "{} bytes", t.heap_bytes());
        // The one-test-for-four-steps invariant: every state below `match_bit` ends no
        // keyword, every state at or above it does.
        assert!(t.match_bit.is_power_of_two() && t.match_bit <= t.first_match);
        let nonmatch_rows = t.trans.len() / t.stride - t.pad_rows - (t.ranges.len() - 1);
        assert!(nonmatch_rows * t.stride <= t.match_bit as usize);
        assert!(t
            .trans
            .iter()
            .all(|&s| s < t.match_bit || s >= t.first_match));
    }

    /// The hand-built table for `words` (lower-cased, deduplicated).
    fn table(words: &[String]) -> Box<Table> {
        match Keywords::new(&lower(words)).unwrap() {
            Keywords::Table(t) => t,
            Keywords::General(_) => panic!("small sets get a table"),
        }
    }

    /// Hits through the prefilter (with `budget`), and without.
    type Hits = Vec<(usize, usize, usize)>;
    fn prefiltered_and_plain(
        t: &Table,
        hay: &[u8],
        span: Range<usize>,
        budget: Budget,
    ) -> (Hits, Hits) {
        let mut lanes = Lanes::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        t.search_prefiltered(hay, span.clone(), &mut lanes, budget, |p, s, e| {
            a.push((p, s, e))
        });
        t.search_span(hay, span, &mut lanes, |p, s, e| b.push((p, s, e)));
        (a, b)
    }

    /// `hay` with keywords inserted at the given places, each ASCII letter in the given case.
    fn with_keywords(
        words: &[String],
        mut hay: Vec<u8>,
        inserts: &[(prop::sample::Index, prop::sample::Index, Vec<bool>)],
    ) -> Vec<u8> {
        for (at, which, upper) in inserts {
            let w = which.get(words).as_bytes();
            let cased: Vec<u8> = w
                .iter()
                .zip(upper.iter().cycle())
                .map(|(&b, &u)| if u { b.to_ascii_uppercase() } else { b })
                .collect();
            let at = at.index(hay.len() + 1);
            hay.splice(at..at, cased);
        }
        hay
    }

    #[test]
    fn prefilter_windows_on_a_known_case() {
        let words = lower(&["token", "sk", "@", "password", "xoxb-"]);
        let t = table(&words);
        assert!(t.prefilter.is_some());
        let mut hay = b"plain words here, a TOKEN and a Sk, @ and PassWord, xoxB-1".to_vec();
        hay.extend(std::iter::repeat_n(b'.', 200));
        hay.extend_from_slice(b"sk");
        for (cover, density) in [(0, 1), (40, 1), (usize::MAX, 1000), (usize::MAX, 1)] {
            let budget = Budget { cover, density };
            let (a, b) = prefiltered_and_plain(&t, &hay, 0..hay.len(), budget);
            assert_eq!(a, b);
            assert_eq!(b.len(), 6);
        }
        // A keyword that crosses the span's end is no hit, and one at its very end is.
        let (a, b) = prefiltered_and_plain(&t, &hay, 0..hay.len() - 1, Budget::UNLIMITED);
        assert_eq!((a.len(), b.len()), (5, 5));
    }

    #[test]
    fn builtin_catalog_prefilter_on_the_bench_samples() {
        let r = crate::Redactor::new().unwrap();
        let Some(Keywords::Table(t)) = r.engine_keywords() else {
            panic!("the built-in catalog uses the hand-built table");
        };
        let pf = t.prefilter.as_ref().expect("the catalog has a prefilter");
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpora/bench/samples");
        for class in ["ordinary", "dense", "jsonl", "adversarial"] {
            let hay = std::fs::read(format!("{dir}/{class}.txt")).unwrap();
            // Spans of the engine's size, from the start and from odd places.
            for span in [
                0..hay.len().min(64 << 10),
                1001..hay.len().min(70_001),
                0..hay.len(),
            ] {
                let (a, b) = prefiltered_and_plain(t, &hay, span.clone(), Budget::UNLIMITED);
                assert_eq!(a, b, "{class} {span:?}");
                let mut a = Vec::new();
                t.for_each_hit(&hay, span.clone(), &mut Lanes::default(), |p, s, e| {
                    a.push((p, s, e))
                });
                assert_eq!(a, b, "{class} {span:?}");
            }
            if class == "ordinary" {
                // The 3-gram table still picks rare anchors on ordinary logs.
                let mut w = prefilter::Scratch::default();
                let budget = Budget {
                    density: PREFILTER_DENSITY,
                    cover: hay.len() / 2,
                };
                assert!(pf.windows(&hay, &mut w, budget), "no gain on ordinary logs");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn prefilter_gives_the_hits_of_the_plain_automaton(
            words in proptest::collection::vec("[a-z0-9_@ :\\-é]{1,12}", 1..40),
            filler in proptest::collection::vec(prop_oneof![
                any::<u8>(), Just(b'a'), Just(b'E'), Just(b' '), Just(b'-'), Just(b'\n')
            ], 0..3000),
            inserts in proptest::collection::vec(
                (any::<prop::sample::Index>(), any::<prop::sample::Index>(),
                 proptest::collection::vec(any::<bool>(), 1..12)),
                0..40,
            ),
            cut in 0usize..80,
            cover in prop_oneof![Just(usize::MAX), 0usize..3000],
            density in prop_oneof![Just(1usize), 2usize..300],
        ) {
            let budget = Budget { cover, density };
            let words = lower(&words);
            let t = table(&words);
            let hay = with_keywords(&words, filler, &inserts);
            let span = cut.min(hay.len())..hay.len().saturating_sub(cut / 3).max(cut.min(hay.len()));
            let (a, b) = prefiltered_and_plain(&t, &hay, span, budget);
            prop_assert_eq!(a, b);
        }

        /// Input made of keyword pieces only: anchors at almost every byte, windows merging
        /// into each other, partial keywords everywhere.
        #[test]
        fn prefilter_on_anchor_dense_input(
            words in proptest::collection::vec("[a-f_é]{2,10}", 1..30),
            pieces in proptest::collection::vec(
                (any::<prop::sample::Index>(), 0usize..10, 0usize..10, any::<bool>()),
                1..400,
            ),
            cover in prop_oneof![Just(usize::MAX), 0usize..3000],
            density in prop_oneof![Just(1usize), 2usize..300],
        ) {
            let budget = Budget { cover, density };
            let words = lower(&words);
            let t = table(&words);
            prop_assert!(t.prefilter.is_some());
            let mut hay = Vec::new();
            for (which, a, b, upper) in &pieces {
                let w = which.get(&words).as_bytes();
                let (a, b) = ((*a).min(w.len()), (*b).min(w.len()));
                let piece = &w[a.min(b)..a.max(b).max(a.min(b) + 1).min(w.len())];
                hay.extend(piece.iter().map(|&c| if *upper { c.to_ascii_uppercase() } else { c }));
            }
            let (a, b) = prefiltered_and_plain(&t, &hay, 0..hay.len(), budget);
            prop_assert_eq!(a, b);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]
        #[test]
        fn lanes_give_the_hits_of_one_pass(
            words in proptest::collection::vec("[a-cA-C\\-]{1,9}", 1..30),
            seed in proptest::collection::vec(prop_oneof![
                Just(b'a'), Just(b'B'), Just(b'c'), Just(b'-'), Just(b'\n'), any::<u8>()
            ], 1..64),
            len in 4096usize..12000,
            cut in 0usize..300,
        ) {
            let words = lower(&words);
            // A long haystack from the seed, bytes mixed so that keywords fall everywhere,
            // lane boundaries included.
            let hay: Vec<u8> = (0..len)
                .map(|i| seed[(i * 7 + i / 13) % seed.len()])
                .collect();
            let t = Keywords::new(&words).unwrap();
            let g = general(&words);
            let span = cut..hay.len() - cut / 2;
            prop_assert_eq!(hits(&t, &hay, span.clone()), hits(&g, &hay, span));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn same_hits_as_aho_corasick(
            words in proptest::collection::vec("[a-dA-D\\-_é]{1,6}", 1..40),
            hay in proptest::collection::vec(prop_oneof![
                Just(b'a'), Just(b'B'), Just(b'c'), Just(b'D'), Just(b'-'), Just(b'_'),
                Just(0xc3u8), Just(0xa9u8), Just(0x89u8), Just(b'\n'), any::<u8>()
            ], 0..300),
            cut in 0usize..40,
        ) {
            let words = lower(&words);
            let t = Keywords::new(&words).unwrap();
            prop_assert!(matches!(t, Keywords::Table(_)));
            let g = general(&words);
            let span = cut.min(hay.len())..hay.len().saturating_sub(cut / 3).max(cut.min(hay.len()));
            prop_assert_eq!(hits(&t, &hay, span.clone()), hits(&g, &hay, span));
        }
    }
}
