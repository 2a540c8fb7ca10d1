//! A literal prefilter in front of the keyword automaton: it finds the places where a keyword
//! may occur, so that the automaton runs only there.
//!
//! Every keyword is anchored on one of its 3-grams, the rarest in log-like text (by the table
//! of [`crate::trigrams`]); a keyword of two bytes is anchored on itself followed by any byte,
//! and the keywords of one byte are compared apart. Bytes are folded with `& 0xDF`, which gives
//! ASCII letters one case (and merges a few other pairs, such as `@` and `` ` ``: more
//! candidates, never fewer). The filter hashes the folded 3-gram at every position into a
//! table of 2^18 bits (32 KiB), eight positions per AVX2 gather where the processor has it, one
//! at a time otherwise. A set bit whose 3-gram is an anchor opens a window from the start of
//! the furthest keyword that anchor can begin to the end of the longest one it can end. Every
//! keyword occurrence lies in the window of its anchor's occurrence, so the automaton run over
//! the merged windows finds exactly the occurrences of a run over the whole span, in the same
//! order.

use std::collections::HashMap;

use crate::trigrams;

/// The bit table has `1 << WORD_BITS` words of 32 bits: word `product >> (32 - WORD_BITS)`,
/// bit `product & 31`, for `product` the 3-gram times [`HASH_MUL`]. (The low five bits of the
/// product are those of the 3-gram's first byte, up to a bijection: the word index, from the
/// top bits, mixes all three bytes.)
const WORD_BITS: u32 = 13;

/// Multiplier of the 3-gram hash.
const HASH_MUL: u32 = 0x9E37_79B1;

/// Multiplier of the anchor map's hash.
const MAP_MUL: u32 = 0x85EB_CA6B;

/// Case fold of three bytes in a little-endian word (the fourth byte dropped).
const FOLD3: u32 = 0x00DF_DFDF;

/// Keywords of one byte the filter checks apart (each is one compare per 32 bytes); a set with
/// more has no prefilter.
const MAX_SINGLES: usize = 4;

/// Positions handled per block by the vector loop.
const BLOCK: usize = 32;

/// Windows closer than this merge into one: one run of the automaton over the gap costs less
/// than starting another.
const GAP: usize = 16;

pub(crate) struct Prefilter {
    /// The bit of each anchor 3-gram's hash is set (see [`WORD_BITS`]).
    bits: Box<[u32]>,
    /// Anchor 3-gram to the window it opens.
    anchors: AnchorMap,
    /// Folded keywords of one byte, and how many there are.
    singles: [u8; MAX_SINGLES],
    nsingles: usize,
    /// Whether the AVX2 loop may run (detected once, when the filter is built).
    avx2: bool,
}

/// How much of a span the prefilter may mark before it gives up.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Budget {
    /// At most one candidate position (a set bit or a one-byte keyword) in this many, with
    /// [`SLACK`]: checked after each block of 32 positions, so that a dense span is given up
    /// early.
    pub(crate) density: usize,
    /// Bytes covered by the windows.
    pub(crate) cover: usize,
}

/// Positions counted in the span before the first, so that a short span or a burst at the
/// start of a long one does not give up.
const SLACK: usize = 512;

impl Budget {
    pub(crate) const UNLIMITED: Budget = Budget {
        density: 1,
        cover: usize::MAX,
    };

    /// Whether `count` candidates up to the end of the block starting at `at` are too many.
    #[inline(always)]
    fn exceeded(&self, count: usize, at: usize) -> bool {
        count.saturating_mul(self.density) > at + BLOCK + SLACK
    }
}

/// Scratch space of the filter.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The merged windows of the last span, as offsets into it: sorted, at least [`GAP`]
    /// bytes apart.
    pub(crate) windows: Vec<(usize, usize)>,
    /// Blocks of the vector loop that hold candidates: (offset, positions as a bit mask).
    marks: Vec<(usize, u32)>,
}

impl Prefilter {
    /// The filter for `words` (lower-case keywords), or `None` if it cannot help: no keyword,
    /// an empty one, one longer than 255 bytes, or more than [`MAX_SINGLES`] of one byte.
    pub(crate) fn new(words: &[String]) -> Option<Prefilter> {
        let mut anchors: HashMap<u32, Anchor> = HashMap::new();
        let mut singles = [0u8; MAX_SINGLES];
        let mut nsingles = 0;
        // Keyword `w` anchored at `o`.
        let mut add = |g: u32, w: &[u8], o: usize| {
            let a = anchors.entry(g).or_default();
            a.before = a.before.max(o as u8);
            a.after = a.after.max((w.len() - o) as u8);
            a.prev |= o.checked_sub(1).map_or(!0, |i| 1 << (w[i] & 31));
            a.next |= w.get(o + 3).map_or(!0, |&b| 1 << (b & 31));
        };
        for w in words {
            let w = w.as_bytes();
            match w.len() {
                0 => return None,
                1 => {
                    let b = w[0] & 0xDF;
                    if !singles[..nsingles].contains(&b) {
                        if nsingles == MAX_SINGLES {
                            return None;
                        }
                        singles[nsingles] = b;
                        nsingles += 1;
                    }
                }
                // Its 3-gram is the keyword and any byte after it (or the end of the span,
                // read as 0).
                2 => {
                    for x in 0..=255u8 {
                        add(gram(&[w[0], w[1], x]), w, 0);
                    }
                }
                n if n > 255 => return None,
                n => {
                    let o = (0..=n - 3).min_by_key(|&o| commonness(w, o)).unwrap_or(0);
                    add(gram(&[w[o], w[o + 1], w[o + 2]]), w, o);
                }
            }
        }
        if anchors.is_empty() && nsingles == 0 {
            return None;
        }
        let mut bits = vec![0u32; 1 << WORD_BITS].into_boxed_slice();
        for &g in anchors.keys() {
            let (word, bit) = slot(g);
            bits[word] |= 1 << bit;
        }
        Some(Prefilter {
            bits,
            anchors: AnchorMap::new(&anchors),
            singles,
            nsingles,
            avx2: avx2_available(),
        })
    }

    /// Leaves in `scratch.windows` the merged windows of `bytes` that hold every keyword
    /// occurrence of `bytes`, as offsets into it. Returns `false` (the windows are then
    /// incomplete) when there are more than `budget.candidates` candidates or the windows cover
    /// more than `budget.cover` bytes: where keywords are that dense, the automaton over the
    /// whole span costs less.
    pub(crate) fn windows(&self, bytes: &[u8], scratch: &mut Scratch, budget: Budget) -> bool {
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            let (marks, limit) = (&mut scratch.marks, budget);
            // SAFETY: `avx2` is set only when the processor has AVX2.
            let within = unsafe {
                match self.nsingles {
                    0 => self.marks_avx2::<0>(bytes, marks, limit),
                    1 => self.marks_avx2::<1>(bytes, marks, limit),
                    2 => self.marks_avx2::<2>(bytes, marks, limit),
                    3 => self.marks_avx2::<3>(bytes, marks, limit),
                    _ => self.marks_avx2::<MAX_SINGLES>(bytes, marks, limit),
                }
            };
            if !within {
                return false;
            }
            let mut w = WindowSink::new(&mut scratch.windows, budget.cover);
            for &(at, m) in &scratch.marks {
                if !self.candidates(bytes, at, m, &mut w) {
                    return false;
                }
            }
            return true;
        }
        self.windows_scalar(bytes, scratch, budget)
    }

    /// The same, one position at a time: on processors without AVX2, and the reference the
    /// vector loop is tested against.
    pub(crate) fn windows_scalar(
        &self,
        bytes: &[u8],
        scratch: &mut Scratch,
        budget: Budget,
    ) -> bool {
        let mut w = WindowSink::new(&mut scratch.windows, budget.cover);
        let mut count = 0;
        for p in 0..bytes.len() {
            let g = gram_at(bytes, p);
            let (word, bit) = slot(g);
            if self.bits[word] & (1 << bit) != 0 || self.is_single(g as u8) {
                count += 1;
                if !self.candidate(bytes, p, g, &mut w) {
                    return false;
                }
            }
            // The end of a block of the vector loop: the same check as there.
            if ((p + 1) % BLOCK == 0 || p + 1 == bytes.len())
                && budget.exceeded(count, p / BLOCK * BLOCK)
            {
                return false;
            }
        }
        true
    }

    /// Whether the vector loop is in use.
    #[cfg(test)]
    pub(crate) fn vectorised(&self) -> bool {
        self.avx2
    }

    /// A compare per keyword of one byte (at most [`MAX_SINGLES`]): `contains` on bytes calls
    /// `memchr`, which cost more than the compares on every candidate that does not fit.
    #[inline(always)]
    #[allow(clippy::manual_contains)] // `contains` is the call this avoids
    fn is_single(&self, b: u8) -> bool {
        self.singles[..self.nsingles].iter().any(|&s| s == b)
    }

    /// Opens the window of a candidate position `p` of `bytes` (a set bit or a one-byte
    /// keyword) whose folded 3-gram is `g`, if some anchor is really there; `false` once the
    /// windows cover more than the budget.
    #[inline(always)]
    fn candidate(&self, bytes: &[u8], p: usize, g: u32, w: &mut WindowSink) -> bool {
        let (before, after) = match self.anchors.get(g) {
            Some(a) => {
                let prev = match p {
                    0 => 0,
                    _ => bytes[p - 1],
                };
                let next = bytes.get(p + 3).copied().unwrap_or(0);
                if a.fits(prev, next) {
                    (a.before, a.after)
                } else if self.is_single(g as u8) {
                    (0, 1)
                } else {
                    return true;
                }
            }
            None if self.is_single(g as u8) => (0, 1),
            None => return true,
        };
        w.push(
            p.saturating_sub(before as usize),
            p + after as usize,
            bytes.len(),
        )
    }

    /// The candidates of the mask `m` of positions from `at`, in order.
    #[inline]
    fn candidates(&self, bytes: &[u8], at: usize, mut m: u32, w: &mut WindowSink) -> bool {
        while m != 0 {
            let p = at + m.trailing_zeros() as usize;
            if !self.candidate(bytes, p, gram_at(bytes, p), w) {
                return false;
            }
            m &= m - 1;
        }
        true
    }

    /// Leaves in `marks` the blocks of 32 positions of `bytes` that hold candidates, with their
    /// positions as bit masks (see [`Prefilter::block_avx2`]); `false` as soon as there are
    /// too many candidates for the budget. A separate pass from the candidates' so that the
    /// loop keeps its constants in registers.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,popcnt")]
    unsafe fn marks_avx2<const SINGLES: usize>(
        &self,
        bytes: &[u8],
        marks: &mut Vec<(usize, u32)>,
        budget: Budget,
    ) -> bool {
        marks.clear();
        let n = bytes.len();
        let mut count = 0;
        let mut i = 0;
        // A block reads 35 bytes (the last position's 3-gram, through the load at offset 3).
        while i + BLOCK + 3 <= n {
            let m = self.block_avx2::<SINGLES>(bytes.as_ptr().add(i));
            if m != 0 {
                count += m.count_ones() as usize;
                if budget.exceeded(count, i) {
                    return false;
                }
                marks.push((i, unshuffle(m)));
            }
            i += BLOCK;
        }
        // The rest (at most 34 positions) through a copy padded with zeros, as `gram_at`
        // reads past the end.
        let mut pad = [0u8; 2 * BLOCK + 3];
        pad[..n - i].copy_from_slice(&bytes[i..]);
        let mut at = 0;
        while i + at < n {
            let mut m = unshuffle(self.block_avx2::<SINGLES>(pad.as_ptr().add(at)));
            let valid = n - i - at;
            if valid < BLOCK {
                m &= (1u32 << valid) - 1;
            }
            if m != 0 {
                count += m.count_ones() as usize;
                if budget.exceeded(count, i + at) {
                    return false;
                }
                marks.push((i + at, m));
            }
            at += BLOCK;
        }
        true
    }

    /// The candidates among the 32 positions from `at` (35 bytes readable there), as a bit
    /// mask in the order of [`unshuffle`]. Four loads of 32 bytes at offsets `j` = 0 to 3
    /// hold, in their 32-bit lanes, the 3-grams at positions `4k + j`; each set of eight is
    /// hashed and looked up with one gather, and shifted so that the hit bit is the lane's
    /// sign; two saturating packs keep the signs, one byte per position.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn block_avx2<const SINGLES: usize>(&self, at: *const u8) -> u32 {
        use std::arch::x86_64::*;
        let fold = _mm256_set1_epi32(FOLD3 as i32);
        let mul = _mm256_set1_epi32(HASH_MUL as i32);
        let low = _mm256_set1_epi32(31);
        let table = self.bits.as_ptr() as *const i32;
        macro_rules! lookup {
            ($j:literal) => {{
                let v = _mm256_loadu_si256(at.add($j) as *const __m256i);
                let h = _mm256_mullo_epi32(_mm256_and_si256(v, fold), mul);
                let words = _mm256_i32gather_epi32::<4>(
                    table,
                    _mm256_srli_epi32::<{ 32 - WORD_BITS as i32 }>(h),
                );
                // Bit `h & 31` to bit 31: a left shift by `31 - (h & 31)`, that is `!h & 31`.
                _mm256_sllv_epi32(words, _mm256_andnot_si256(h, low))
            }};
        }
        let a = _mm256_packs_epi32(lookup!(0), lookup!(1));
        let b = _mm256_packs_epi32(lookup!(2), lookup!(3));
        let mut m = _mm256_movemask_epi8(_mm256_packs_epi16(a, b)) as u32;
        // The keywords of one byte (`SINGLES` of them: the loop is unrolled).
        if SINGLES > 0 {
            let v = _mm256_and_si256(
                _mm256_loadu_si256(at as *const __m256i),
                _mm256_set1_epi8(0xDFu8 as i8),
            );
            let mut eq = _mm256_setzero_si256();
            for &s in &self.singles[..SINGLES] {
                eq = _mm256_or_si256(eq, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(s as i8)));
            }
            // In position order: to the block's order (rare, so the shuffle is taken then).
            let e = _mm256_movemask_epi8(eq) as u32;
            if e != 0 {
                m |= shuffle(e);
            }
        }
        m
    }
}

/// The folded 3-gram at `p` of `bytes` (bytes past the end read as 0).
#[inline(always)]
fn gram_at(bytes: &[u8], p: usize) -> u32 {
    match bytes.get(p..p + 4) {
        Some(q) => u32::from_le_bytes([q[0], q[1], q[2], q[3]]) & FOLD3,
        None => {
            let b = |i: usize| bytes.get(i).copied().unwrap_or(0);
            gram(&[b(p), b(p + 1), b(p + 2)])
        }
    }
}

/// The vector block's mask to position order. After the packs, bit `16h + 4j + k` of the mask
/// is position `16h + 4k + j` (`h`: half of the register, `j`: load, `k`: lane in the half):
/// in each 16-bit half, a 4-by-4 bit matrix to transpose.
#[inline(always)]
fn unshuffle(m: u32) -> u32 {
    // Two delta swaps transpose every 4-by-4 matrix of 16 bits (rows of 4 bits).
    let t = (m ^ (m >> 3)) & 0x0A0A_0A0A;
    let m = m ^ t ^ (t << 3);
    let t = (m ^ (m >> 6)) & 0x00CC_00CC;
    m ^ t ^ (t << 6)
}

/// Position order to the block's mask order: the transpose is its own inverse.
#[inline(always)]
fn shuffle(m: u32) -> u32 {
    unshuffle(m)
}

#[cfg(target_arch = "x86_64")]
fn avx2_available() -> bool {
    std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("popcnt")
}

#[cfg(not(target_arch = "x86_64"))]
fn avx2_available() -> bool {
    false
}

/// The folded 3-gram `g`, little-endian.
#[inline(always)]
fn gram(g: &[u8; 3]) -> u32 {
    u32::from_le_bytes([g[0], g[1], g[2], 0]) & FOLD3
}

/// The word and bit of the folded 3-gram `g` in the bit table.
#[inline(always)]
fn slot(g: u32) -> (usize, u32) {
    let h = g.wrapping_mul(HASH_MUL);
    ((h >> (32 - WORD_BITS)) as usize, h & 31)
}

/// How common an occurrence of keyword `w`'s 3-gram at `o` that passes [`Anchor::fits`] is in
/// log-like text, as a log2 of its frequency in twelfths (lower is rarer): the 3-gram's weight
/// in the table (or, for a 3-gram it does not hold, its bytes' weights less 12, below almost
/// every 3-gram it holds), plus, for each neighbour in the keyword, the weight of the
/// neighbour's class against the text's length, at a quarter of its value. The neighbours
/// are worth little on their own (the bytes around a word are not independent of it), but
/// they make the middle of a keyword a better anchor than its ends: on the benchmark corpora
/// (the only figures this factor was chosen on) a quarter keeps the candidates of ordinary
/// logs as they were and takes those of JSON lines from 23,000 to 11,000 per MB.
fn commonness(w: &[u8], o: usize) -> i32 {
    let g = gram(&[w[o], w[o + 1], w[o + 2]]);
    let mut score = match trigrams::COMMON.binary_search_by_key(&g, |e| e & 0x00FF_FFFF) {
        Ok(i) => 12 * ((trigrams::COMMON[i] >> 24) as i32 - 1),
        Err(_) => {
            let bytes: i32 = w[o..o + 3]
                .iter()
                .map(|&b| trigrams::BYTES[(b & 0xDF) as usize] as i32)
                .sum();
            4 * bytes - 144
        }
    };
    let class = |b: u8| 3 * (trigrams::CLASSES[(b & 31) as usize] as i32 - trigrams::TOTAL as i32);
    if o > 0 {
        score += class(w[o - 1]);
    }
    if let Some(&b) = w.get(o + 3) {
        score += class(b);
    }
    score
}

/// Collects windows, merging each with the ones it overlaps or comes near.
struct WindowSink<'a> {
    out: &'a mut Vec<(usize, usize)>,
    covered: usize,
    budget: usize,
}

impl<'a> WindowSink<'a> {
    fn new(out: &'a mut Vec<(usize, usize)>, budget: usize) -> WindowSink<'a> {
        out.clear();
        WindowSink {
            out,
            covered: 0,
            budget,
        }
    }

    /// Adds `[start, end)` (clipped to `len`, the span's); `false` once the windows cover
    /// more than the budget.
    #[inline(always)]
    fn push(&mut self, mut start: usize, end: usize, len: usize) -> bool {
        let mut end = end.min(len);
        // Windows come in order of their anchor, and a window reaches back at most 255 bytes:
        // it merges with the last few windows at most.
        while let Some(&(s, e)) = self.out.last() {
            if start > e + GAP {
                break;
            }
            self.out.pop();
            self.covered -= e - s;
            start = start.min(s);
            end = end.max(e);
        }
        self.out.push((start, end));
        self.covered += end - start;
        self.covered <= self.budget
    }
}

/// What an anchor's keywords need around it.
#[derive(Clone, Copy, Default)]
struct Anchor {
    /// Bytes its window reaches before it, and from it on.
    before: u8,
    after: u8,
    /// The bytes that may come right before it and right after it, by their low five bits
    /// (`b & 31`: a folded letter, digit or sign and its case variants share it): bit `b & 31`
    /// is set for each keyword's byte there, every bit when a keyword starts (ends) with the
    /// anchor.
    prev: u32,
    next: u32,
}

impl Anchor {
    /// Whether the bytes around an occurrence (0 past either end of the span) may belong to
    /// one of its keywords.
    #[inline(always)]
    fn fits(&self, prev: u8, next: u8) -> bool {
        self.prev & (1 << (prev & 31)) != 0 && self.next & (1 << (next & 31)) != 0
    }
}

/// Open addressing from anchor 3-gram to its [`Anchor`]: a probe or two per candidate.
struct AnchorMap {
    /// `(gram | 1 << 24, anchor)`; key 0 is an empty slot.
    slots: Box<[(u32, Anchor)]>,
    shift: u32,
    mask: usize,
}

impl AnchorMap {
    fn new(anchors: &HashMap<u32, Anchor>) -> AnchorMap {
        let cap = (anchors.len() * 2).next_power_of_two().max(16);
        let mut map = AnchorMap {
            slots: vec![(0u32, Anchor::default()); cap].into_boxed_slice(),
            shift: 32 - cap.trailing_zeros(),
            mask: cap - 1,
        };
        for (&g, &a) in anchors {
            let mut i = map.index(g);
            while map.slots[i].0 != 0 {
                i = (i + 1) & map.mask;
            }
            map.slots[i] = (g | 1 << 24, a);
        }
        map
    }

    #[inline(always)]
    fn index(&self, g: u32) -> usize {
        (g.wrapping_mul(MAP_MUL) >> self.shift) as usize
    }

    #[inline(always)]
    fn get(&self, g: u32) -> Option<&Anchor> {
        let key = g | 1 << 24;
        let mut i = self.index(g);
        loop {
            let (k, a) = &self.slots[i];
            if *k == key {
                return Some(a);
            }
            if *k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn filter(words: &[&str]) -> Prefilter {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        Prefilter::new(&words).unwrap()
    }

    /// Both loops, with their verdicts.
    type Windows = Vec<(usize, usize)>;
    /// The verdicts of both loops, and their windows when complete.
    fn both(pf: &Prefilter, hay: &[u8], budget: Budget) -> ((bool, Windows), (bool, Windows)) {
        let (mut a, mut b) = (Scratch::default(), Scratch::default());
        let va = pf.windows(hay, &mut a, budget);
        let vb = pf.windows_scalar(hay, &mut b, budget);
        let complete = |v: bool, w: Windows| (v, if v { w } else { Vec::new() });
        (complete(va, a.windows), complete(vb, b.windows))
    }

    #[test]
    fn windows_hold_each_keyword() {
        let pf = filter(&["password", "sk", "@", "abc"]);
        // 'ssw' or another 3-gram of "password" is its anchor; the window reaches its ends.
        let dots = ".".repeat(40);
        let hay = format!("{dots} my PASSWORD is{dots}here, mail@host,{dots} and abc.{dots}");
        let hay = hay.as_bytes();
        let ((v, w), scalar) = both(&pf, hay, Budget::UNLIMITED);
        assert!(v);
        assert_eq!((v, w.clone()), scalar);
        for kw in [&b"PASSWORD"[..], b"@", b"abc"] {
            let at = hay.windows(kw.len()).position(|x| x == kw).unwrap();
            assert!(
                w.iter().any(|&(s, e)| s <= at && at + kw.len() <= e),
                "{w:?} misses {}",
                String::from_utf8_lossy(kw)
            );
        }
        // Sorted, disjoint, inside the span; most of the text is outside every window.
        assert!(w.windows(2).all(|p| p[0].1 + GAP < p[1].0));
        assert!(w.iter().all(|&(s, e)| s < e && e <= hay.len()));
        assert!(w.iter().map(|(s, e)| e - s).sum::<usize>() < hay.len() / 2);
        // A budget too small stops the scan.
        let cover = Budget {
            cover: 3,
            ..Budget::UNLIMITED
        };
        let candidates = Budget {
            density: 1000,
            ..Budget::UNLIMITED
        };
        for b in [cover, candidates] {
            assert!(!pf.windows(hay, &mut Scratch::default(), b));
            assert!(!pf.windows_scalar(hay, &mut Scratch::default(), b));
        }
    }

    #[test]
    fn block_order_is_a_transpose() {
        for b in 0..32u32 {
            let (h, j, k) = (b / 16, b % 16 / 4, b % 4);
            assert_eq!(unshuffle(1 << b), 1 << (16 * h + 4 * k + j), "bit {b}");
            assert_eq!(shuffle(unshuffle(1 << b)), 1 << b);
        }
    }

    #[test]
    fn unusable_sets_have_no_filter() {
        let s = |v: &[&str]| v.iter().map(|w| w.to_string()).collect::<Vec<String>>();
        assert!(Prefilter::new(&s(&["a", "b", "c", "d", "e"])).is_none());
        assert!(Prefilter::new(&s(&["a", ""])).is_none());
        assert!(Prefilter::new(&s(&["a", "b", "c", "d", "abc"])).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// The vector loop and the scalar loop give the same windows and stop at the same
        /// place (on a machine without AVX2 both are the scalar loop).
        #[test]
        fn vector_and_scalar_loops_agree(
            words in proptest::collection::vec("[a-zA-Z0-9_@ :é\\-]{1,12}", 1..60),
            hay in proptest::collection::vec(prop_oneof![
                any::<u8>(), Just(b'a'), Just(b'B'), Just(b'c'), Just(b'_'), Just(b' '),
                Just(b'@'), Just(0xc3), Just(0xa9)
            ], 0..700),
            cover in prop_oneof![Just(usize::MAX), 0usize..400],
            density in prop_oneof![Just(1usize), 2usize..400],
        ) {
            let budget = Budget { density, cover };
            let words: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
            if let Some(pf) = Prefilter::new(&words) {
                let (a, b) = both(&pf, &hay, budget);
                prop_assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn vector_loop_in_use_where_available() {
        let pf = filter(&["token"]);
        #[cfg(target_arch = "x86_64")]
        assert_eq!(pf.vectorised(), std::is_x86_feature_detected!("avx2"));
        #[cfg(not(target_arch = "x86_64"))]
        assert!(!pf.vectorised());
    }
}
