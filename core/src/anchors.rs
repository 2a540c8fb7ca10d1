//! Anchors of keyword-less rules: byte shapes that every match of a rule contains, found with
//! SIMD byte classes, so that the combined automaton of keyword-less rules runs only on the
//! lines that hold one.
//!
//! A rule without keywords is searched everywhere. Most such rules (IP and MAC addresses,
//! card, phone and national numbers, IBANs) match only text that holds a short shape of
//! digits and separators: a dotted quad, a chain of twelve digits, a `+` before a digit. A
//! rule names the shapes in its `anchors`, meaning: every match of its pattern (and of its
//! `candidate`) contains an occurrence of one of them. Findings cannot change: a match holds
//! no newline (single-line rules) and is at most as long as the longest match, so it starts on
//! the line of its anchor, at most that far before it, and before the anchor's end; and it
//! ends by the anchor's reach ([`Anchor::tail`] past its end). The automaton runs over those
//! regions only and finds there every match it would find over the whole text.
//!
//! The input is classified sixty-four bytes at a time into bit masks (digits, hex letters,
//! upper-case letters, `.`, `-`, `:`, `+` or `)`, bytes 0x40-0x7F, spaces, `0`, `1` or `3`):
//! two nibble lookups and four compares per 32 bytes with AVX2 where the processor has it, a
//! byte at a time otherwise (the reference that the property test and the fuzz target
//! `anchors` compare the vector path with). Shifts and ands of the masks give the few places
//! where an anchor can start (a quad's first dot, with two more dots close after it; the start
//! of four digits followed by twelve digits among digits, spaces and dashes ...), and each is
//! checked there by scalar code.

use std::ops::Range;

/// A shape of bytes that every match of a rule contains (the rule field `anchors`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Anchor {
    /// `\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`.
    DottedQuad,
    /// Twelve digits or more from the start of a run of four, with at most one space or `-`
    /// between two digits (`4111 1111 1111 1111`, `123456789012`).
    DigitChain,
    /// `::`, or four colons between five groups of one to four hex digits (in a run of hex
    /// digits and colons that holds `::` or four colons).
    HexColon,
    /// `[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}`.
    HexDash,
    /// `[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}`.
    HexDot,
    /// `\d{3}[.\-]\d{4}` or `\d\)[ .\-]?\d{3}`.
    PhoneDigits,
    /// `\d{3}-\d{2}-\d{4}`.
    SsnDigits,
    /// `\+[1-9]`, the `+` at the start or after a byte that is not a letter, digit, `_` or `+`.
    PlusDigit,
    /// `[A-Z]{2}\d{2}` at the start of a word.
    IbanPrefix,
    /// `[13][1-9A-HJ-NP-Za-km-z]{25}`.
    Base58Run,
}

impl Anchor {
    pub(crate) const ALL: [Anchor; 10] = [
        Anchor::DottedQuad,
        Anchor::DigitChain,
        Anchor::HexColon,
        Anchor::HexDash,
        Anchor::HexDot,
        Anchor::PhoneDigits,
        Anchor::SsnDigits,
        Anchor::PlusDigit,
        Anchor::IbanPrefix,
        Anchor::Base58Run,
    ];

    /// The name a rule file uses.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Anchor::DottedQuad => "dotted-quad",
            Anchor::DigitChain => "digit-chain",
            Anchor::HexColon => "hex-colon",
            Anchor::HexDash => "hex-dash",
            Anchor::HexDot => "hex-dot",
            Anchor::PhoneDigits => "phone-digits",
            Anchor::SsnDigits => "ssn-digits",
            Anchor::PlusDigit => "plus-digit",
            Anchor::IbanPrefix => "iban-prefix",
            Anchor::Base58Run => "base58-run",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Anchor> {
        Anchor::ALL.into_iter().find(|a| a.name() == name)
    }

    /// How far past the end of an occurrence (its span's end: a run's end for runs) a match
    /// that holds it can reach, at most: the union search around an anchor stops there.
    /// Checked by the tests over every match of the rules that name the anchor.
    pub(crate) fn tail(self) -> usize {
        match self {
            // A quad, a chain, a phone's or an SSN's last digits end the match but for a
            // boundary byte or two (`1.2.3.4.`, `555-1234-`).
            Anchor::DottedQuad | Anchor::DigitChain | Anchor::SsnDigits => 2,
            Anchor::HexDash | Anchor::HexDot => 2,
            // `(555) 555` before `-1234` and a boundary.
            Anchor::PhoneDigits => 8,
            // `+4` before up to six groups of up to eight digits, each with a `(0)` and a
            // separator.
            Anchor::PlusDigit => 96,
            // An IBAN of 34 characters with spaces, from its first four.
            Anchor::IbanPrefix => 40,
            // Up to 35 characters from the first 26.
            Anchor::Base58Run => 10,
            // An IPv6 address (at most 45 characters) from its first `::` or colons.
            Anchor::HexColon => 64,
        }
    }

    /// The names, for an error message.
    pub(crate) fn names() -> String {
        Anchor::ALL.map(Anchor::name).join(", ")
    }
}

/// A set of [`Anchor`]s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct AnchorSet(u16);

impl AnchorSet {
    /// How many sets there are: [`AnchorSet::bits`] is below this.
    pub(crate) const COUNT: usize = 1 << Anchor::ALL.len();

    /// The set as a number below [`AnchorSet::COUNT`].
    pub(crate) fn bits(self) -> usize {
        usize::from(self.0)
    }

    /// The set whose [`AnchorSet::bits`] are `bits` (below [`AnchorSet::COUNT`]).
    pub(crate) fn from_bits(bits: usize) -> AnchorSet {
        debug_assert!(bits < Self::COUNT);
        AnchorSet(bits as u16)
    }

    pub(crate) fn insert(&mut self, a: Anchor) {
        self.0 |= 1 << a as u16;
    }

    pub(crate) fn contains(self, a: Anchor) -> bool {
        self.0 & (1 << a as u16) != 0
    }

    pub(crate) fn union(self, other: AnchorSet) -> AnchorSet {
        AnchorSet(self.0 | other.0)
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(crate) fn intersects(self, other: AnchorSet) -> bool {
        self.0 & other.0 != 0
    }
}

impl FromIterator<Anchor> for AnchorSet {
    fn from_iter<I: IntoIterator<Item = Anchor>>(iter: I) -> Self {
        let mut s = AnchorSet::default();
        for a in iter {
            s.insert(a);
        }
        s
    }
}

/// Bits of a byte's class (see [`CLASS`]).
const DIGIT: u8 = 1 << 0;
const HEX_LETTER: u8 = 1 << 1;
const DOT: u8 = 1 << 2;
const DASH: u8 = 1 << 3;
const COLON: u8 = 1 << 4;
/// `+` or `)`.
const PLUS_PAREN: u8 = 1 << 5;
/// `A` to `O`.
const UPPER_AO: u8 = 1 << 6;
/// `P` to `Z`.
const UPPER_PZ: u8 = 1 << 7;

/// Each class is a set of (high nibble, low nibble) pairs that is a product of a set of high
/// nibbles and a set of low nibbles, so a byte's class is `LOW[b & 15] & HIGH[b >> 4]` (bytes
/// from 0x80 have a high nibble whose entry is zero).
const LOW: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut i = 0;
    while i < 16 {
        let mut c = 0;
        if i <= 9 {
            c |= DIGIT;
        }
        if i >= 1 && i <= 6 {
            c |= HEX_LETTER;
        }
        if i == 0xE {
            c |= DOT;
        }
        if i == 0xD {
            c |= DASH;
        }
        if i == 0xA {
            c |= COLON;
        }
        if i == 0xB || i == 0x9 {
            c |= PLUS_PAREN;
        }
        if i >= 1 {
            c |= UPPER_AO;
        }
        if i <= 0xA {
            c |= UPPER_PZ;
        }
        t[i] = c;
        i += 1;
    }
    t
};

const HIGH: [u8; 16] = {
    let mut t = [0u8; 16];
    t[2] = DOT | DASH | PLUS_PAREN;
    t[3] = DIGIT | COLON;
    t[4] = HEX_LETTER | UPPER_AO;
    t[5] = UPPER_PZ;
    t[6] = HEX_LETTER;
    t
};

/// The class of every byte.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = LOW[b & 15] & HIGH[b >> 4];
        b += 1;
    }
    t
};

/// The base58 alphabet (Bitcoin's): digits but `0`, letters but `0`, `I`, `O` and `l`.
const BASE58: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = matches!(c, b'1'..=b'9' | b'A'..=b'H' | b'J'..=b'N' | b'P'..=b'Z' | b'a'..=b'k' | b'm'..=b'z');
        b += 1;
    }
    t
};

/// The class masks of sixty-four bytes: bit `i` of `m[k]` is set when byte `i` has class bit
/// `k`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Masks {
    /// Class bits 0 to 5 (digits to `+`/`)`).
    m: [u64; 6],
    /// Upper-case letters (class bits 6 and 7, only ever asked for together).
    upper: u64,
    /// Bytes 0x40 to 0x7F.
    latin: u64,
    /// Spaces.
    space: u64,
    /// `0`.
    zero: u64,
    /// `1` and `3`.
    one_three: u64,
}

impl Masks {
    #[inline(always)]
    fn get(&self, class: u8) -> u64 {
        self.m[class.trailing_zeros() as usize]
    }
}

/// What [`seeds`] asks of the block before: its last bytes' digits, hex digits and word
/// bytes (digits and letters that can start or continue an anchor's word).
#[derive(Clone, Copy, Default)]
struct Prev {
    digit: u64,
    hex: u64,
    word: u64,
}

impl Prev {
    #[inline(always)]
    fn of(m: &Masks) -> Prev {
        let hex = m.get(DIGIT) | m.get(HEX_LETTER);
        Prev {
            digit: m.get(DIGIT),
            hex,
            word: hex | m.upper,
        }
    }
}

/// [`Masks`] a byte at a time: the reference of the vector path.
pub(crate) fn classify_scalar(b: &[u8; 64]) -> Masks {
    let mut m = [0u64; 6];
    let (mut upper, mut latin, mut space, mut zero, mut one_three) = (0, 0, 0, 0, 0);
    for (i, &byte) in b.iter().enumerate() {
        let c = CLASS[byte as usize];
        for (k, mk) in m.iter_mut().enumerate() {
            *mk |= u64::from((c >> k) & 1) << i;
        }
        upper |= u64::from(c & (UPPER_AO | UPPER_PZ) != 0) << i;
        latin |= u64::from((0x40..0x80).contains(&byte)) << i;
        space |= u64::from(byte == b' ') << i;
        zero |= u64::from(byte == b'0') << i;
        one_three |= u64::from(byte == b'1' || byte == b'3') << i;
    }
    Masks {
        m,
        upper,
        latin,
        space,
        zero,
        one_three,
    }
}

/// [`Masks`] with AVX2: the class bytes by two nibble lookups, each class bit moved to the
/// sign bit and gathered with `movemask`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(crate) unsafe fn classify_avx2(b: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    // SAFETY: the CPU has AVX2 (the caller's contract); the loads read 64 bytes of `b`.
    unsafe {
        let low = _mm256_broadcastsi128_si256(_mm_loadu_si128(LOW.as_ptr().cast()));
        let high = _mm256_broadcastsi128_si256(_mm_loadu_si128(HIGH.as_ptr().cast()));
        let nib = _mm256_set1_epi8(0x0F);
        let classes = |p: *const u8| {
            let v = _mm256_loadu_si256(p.cast());
            let lo = _mm256_and_si256(v, nib);
            let hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), nib);
            // Bytes from 0x80 have a high nibble from 8: `HIGH` is zero there.
            _mm256_and_si256(_mm256_shuffle_epi8(low, lo), _mm256_shuffle_epi8(high, hi))
        };
        let a = classes(b.as_ptr());
        let c = classes(b.as_ptr().add(32));
        let mut m = [0u64; 6];
        macro_rules! bit {
            ($k:literal) => {{
                let x = _mm256_movemask_epi8(_mm256_slli_epi16(a, 7 - $k)) as u32 as u64;
                let y = _mm256_movemask_epi8(_mm256_slli_epi16(c, 7 - $k)) as u32 as u64;
                m[$k] = x | (y << 32);
            }};
        }
        bit!(0);
        bit!(1);
        bit!(2);
        bit!(3);
        bit!(4);
        bit!(5);
        // Bits 6 and 7 at once: the sign bit of `x | x << 1` is bit 7 or bit 6 of `x`.
        let upper = {
            let x = _mm256_movemask_epi8(_mm256_or_si256(a, _mm256_slli_epi16(a, 1))) as u32;
            let y = _mm256_movemask_epi8(_mm256_or_si256(c, _mm256_slli_epi16(c, 1))) as u32;
            u64::from(x) | (u64::from(y) << 32)
        };
        // Signed: bytes from 0x80 are negative.
        let ge40 = |x: __m256i| _mm256_cmpgt_epi8(x, _mm256_set1_epi8(0x3F));
        let sp = |x: __m256i| _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b' ' as i8));
        let va = _mm256_loadu_si256(b.as_ptr().cast());
        let vc = _mm256_loadu_si256(b.as_ptr().add(32).cast());
        let two = |f: &dyn Fn(__m256i) -> __m256i| {
            (_mm256_movemask_epi8(f(va)) as u32 as u64)
                | ((_mm256_movemask_epi8(f(vc)) as u32 as u64) << 32)
        };
        let latin = two(&ge40);
        let space = two(&sp);
        let zero = two(&|x| _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'0' as i8)));
        let one_three = two(&|x| {
            _mm256_or_si256(
                _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'1' as i8)),
                _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'3' as i8)),
            )
        });
        Masks {
            m,
            upper,
            latin,
            space,
            zero,
            one_three,
        }
    }
}

/// Checks that the vector classification (when the CPU has AVX2) gives the scalar
/// reference's masks on each 64-byte window of `bytes`: for the fuzz target `anchors`.
pub(crate) fn classes_agree(bytes: &[u8]) -> Result<(), String> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        for start in 0..bytes.len().saturating_sub(63) {
            let b: &[u8; 64] = bytes[start..start + 64].try_into().expect("64 bytes");
            let want = classify_scalar(b);
            // SAFETY: the CPU has AVX2 (checked above).
            let got = unsafe { classify_avx2(b) };
            if got != want {
                return Err(format!("at {start}: avx2 {got:?}, scalar {want:?}"));
            }
        }
    }
    let _ = bytes;
    Ok(())
}

/// Where the combined automaton of keyword-less rules must look in `hay[view]`.
pub(crate) struct Finder {
    set: AnchorSet,
    avx2: bool,
    /// For each anchor (by its place in [`Anchor::ALL`]), how far before an occurrence a
    /// match that holds it may start: the longest match of the rules that name it.
    back: [usize; Anchor::ALL.len()],
}

/// Reusable buffers of [`Finder::regions`].
#[derive(Default)]
pub(crate) struct AnchorScratch {
    /// Occurrences: start, end, reach and the anchor.
    spans: Vec<(usize, usize, usize, Anchor)>,
    /// Where matches can start, in order and disjoint.
    pub(crate) regions: Vec<Range<usize>>,
    /// Where the matches that start in `regions[i]` end at the latest.
    pub(crate) reach: Vec<usize>,
    /// The anchors that occur in `regions[i]`: only rules that name one can match there.
    pub(crate) kinds: Vec<AnchorSet>,
}

impl Finder {
    pub(crate) fn new(set: AnchorSet) -> Finder {
        #[cfg(target_arch = "x86_64")]
        let avx2 = std::arch::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        let avx2 = false;
        Finder {
            set,
            avx2,
            back: [usize::MAX; Anchor::ALL.len()],
        }
    }

    /// The finder with a bound of how far before an occurrence of each anchor a match may
    /// start (`back(anchor)`: the longest match of the rules that name it). Regions then
    /// reach back that far from an anchor rather than by the longest match of every rule:
    /// a dotted quad's region holds the bytes an address may span before it, not those of
    /// the longest keyword-less match.
    pub(crate) fn with_back(mut self, back: impl Fn(Anchor) -> usize) -> Finder {
        for a in Anchor::ALL {
            self.back[a as usize] = back(a);
        }
        self
    }

    /// The vector path off, for tests.
    #[cfg(test)]
    pub(crate) fn scalar(set: AnchorSet) -> Finder {
        Finder {
            avx2: false,
            ..Finder::new(set)
        }
    }

    /// Fills `scratch.regions` with the places in `view` where a match of a rule whose
    /// anchors are in the set can start, in order and disjoint: for each anchor occurrence,
    /// from the start of its line (or of `view`), but at most `back` bytes (the longest
    /// match) before it, and no further than the anchor's own bound ([`Finder::with_back`]),
    /// to its end. Bytes outside `view` are not read: a match inside `view`
    /// holds its anchor inside `view`.
    pub(crate) fn regions(
        &self,
        hay: &[u8],
        view: Range<usize>,
        back: usize,
        scratch: &mut AnchorScratch,
    ) {
        scratch.spans.clear();
        scratch.regions.clear();
        scratch.reach.clear();
        scratch.kinds.clear();
        let v = &hay[view.clone()];
        #[cfg(target_arch = "x86_64")]
        if self.avx2 {
            // SAFETY: the CPU has AVX2 (detected when the finder was made).
            unsafe { self.spans_avx2(v, &mut scratch.spans) };
        } else {
            self.spans_with(v, &mut scratch.spans, classify_scalar);
        }
        #[cfg(not(target_arch = "x86_64"))]
        self.spans_with(v, &mut scratch.spans, classify_scalar);
        // A match holds no newline and at most its rule's longest match: it starts after the
        // last newline before its anchor's occurrence `a..b`, and at most the anchor's bound
        // (or `back`) before `a`. Each occurrence's range runs from there to `b`; ranges that
        // overlap or touch make one region. The bounds differ by anchor: a later occurrence
        // may reach back over regions already made, which it then takes in.
        //
        // Spans come in the order of their places checked; a run's span starts before its
        // place: sorted by `a`, the bytes that some occurrence can reach back to are searched
        // for a newline, each once.
        scratch.spans.sort_unstable();
        let most = back.min(self.back.iter().copied().max().unwrap_or(0));
        // `line`: after the last newline before `searched` (bytes from `searched - most` on
        // have been searched; a newline before that is before every earliest start to come).
        let (mut line, mut searched) = (0, 0);
        for &(a, b, reach, anchor) in &scratch.spans {
            let from = a.saturating_sub(most).max(searched);
            if let Some(i) = memchr::memrchr(b'\n', &v[from..a]) {
                line = from + i + 1;
            }
            searched = searched.max(a);
            let earliest = a.saturating_sub(back.min(self.back[anchor as usize]));
            let mut range = view.start + earliest.max(line)..view.start + b;
            let mut reach = view.start + reach.min(v.len());
            let mut kinds: AnchorSet = [anchor].into_iter().collect();
            while let Some(last) = scratch.regions.last() {
                if range.start > last.end {
                    break;
                }
                range = range.start.min(last.start)..range.end.max(last.end);
                scratch.regions.pop();
                reach = reach.max(scratch.reach.pop().unwrap_or(0));
                kinds = kinds.union(scratch.kinds.pop().unwrap_or_default());
            }
            scratch.regions.push(range);
            scratch.reach.push(reach);
            scratch.kinds.push(kinds);
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn spans_avx2(&self, v: &[u8], spans: &mut Vec<(usize, usize, usize, Anchor)>) {
        self.spans_with(v, spans, |b| {
            // SAFETY: this function runs only where the CPU has AVX2.
            unsafe { classify_avx2(b) }
        })
    }

    /// The spans of anchor occurrences in `v` (every occurrence lies inside one), with
    /// `classify` giving the masks of sixty-four bytes.
    ///
    /// A seed is a place that shifts and ands of the masks cannot rule out; [`Finder::check`]
    /// decides there. Each seed mask holds the first byte of every occurrence of its anchors
    /// (or, for runs, a byte of the run), so no occurrence goes unchecked.
    #[inline(always)]
    fn spans_with(
        &self,
        v: &[u8],
        spans: &mut Vec<(usize, usize, usize, Anchor)>,
        classify: impl Fn(&[u8; 64]) -> Masks,
    ) {
        let set = self.set;
        let want = |a: Anchor| set.contains(a);
        let mut done = Done::default();
        let block = |j: usize| -> Masks {
            let at = j * 64;
            if at + 64 <= v.len() {
                classify(v[at..at + 64].try_into().expect("64 bytes"))
            } else if at < v.len() {
                let mut tail = [0u8; 64];
                tail[..v.len() - at].copy_from_slice(&v[at..]);
                classify(&tail)
            } else {
                Masks::default()
            }
        };
        let blocks = v.len().div_ceil(64);
        // Block `j`'s masks are at `ring[j % 2]`, the next block's at the other place; of the
        // block before, the three masks that look behind.
        let mut ring = [block(0), Masks::default()];
        let mut prev = Prev::default();
        for j in 0..blocks {
            ring[(j + 1) % 2] = block(j + 1);
            let (cur, next) = (&ring[j % 2], &ring[(j + 1) % 2]);
            let mut seeds = seeds(want, &prev, cur, next);
            prev = Prev::of(cur);
            while seeds != 0 {
                let p = j * 64 + seeds.trailing_zeros() as usize;
                seeds &= seeds - 1;
                self.check(v, p, &mut done, spans);
            }
        }
    }

    /// Checks the anchors of the set that can occur at place `p` (a seed of the masks).
    #[inline(never)]
    fn check(
        &self,
        v: &[u8],
        p: usize,
        done: &mut Done,
        spans: &mut Vec<(usize, usize, usize, Anchor)>,
    ) {
        let set = self.set;
        let d = |i: usize| i < v.len() && v[i].is_ascii_digit();
        let digits = |from: usize, n: usize| (from..from + n).all(d);
        match v[p] {
            b'.' | b'-' => {
                let dot = v[p] == b'.';
                // Each check runs only where its seed's condition holds (the next dot of a
                // quad 2 to 4 bytes on, of `hhhh.hhhh` 5, the next dash of `hh-hh` 3): a
                // seed of another anchor skips it.
                let at = |k: usize| v.get(p + k).copied();
                let quad_dot = matches!(
                    (at(2), at(3), at(4)),
                    (Some(b'.'), _, _) | (_, Some(b'.'), _) | (_, _, Some(b'.'))
                );
                if dot && quad_dot && set.contains(Anchor::DottedQuad) && p >= done.quad {
                    let (a, b) = run(v, p, |c| c.is_ascii_digit() || c == b'.');
                    done.quad = b;
                    if groups_hold(
                        &v[a..b],
                        b'.',
                        &[(1, usize::MAX), (1, 3), (1, 3), (1, usize::MAX)],
                    ) {
                        span(spans, a, b, Anchor::DottedQuad);
                    }
                }
                if dot && at(5) == Some(b'.') && set.contains(Anchor::HexDot) && p >= done.hex_dot {
                    let (a, b) = run(v, p, |c| c.is_ascii_hexdigit() || c == b'.');
                    done.hex_dot = b;
                    if groups_hold(&v[a..b], b'.', &[(4, usize::MAX), (4, 4), (4, usize::MAX)]) {
                        span(spans, a, b, Anchor::HexDot);
                    }
                }
                if !dot
                    && at(3) == Some(b'-')
                    && set.contains(Anchor::HexDash)
                    && p >= done.hex_dash
                {
                    let (a, b) = run(v, p, |c| c.is_ascii_hexdigit() || c == b'-');
                    done.hex_dash = b;
                    let g = [
                        (2, usize::MAX),
                        (2, 2),
                        (2, 2),
                        (2, 2),
                        (2, 2),
                        (2, usize::MAX),
                    ];
                    if groups_hold(&v[a..b], b'-', &g) {
                        span(spans, a, b, Anchor::HexDash);
                    }
                }
                if p >= 3 && digits(p - 3, 3) {
                    if set.contains(Anchor::PhoneDigits) && digits(p + 1, 4) {
                        span(spans, p - 3, p + 5, Anchor::PhoneDigits);
                    }
                    if !dot
                        && set.contains(Anchor::SsnDigits)
                        && digits(p + 1, 2)
                        && v.get(p + 3) == Some(&b'-')
                        && digits(p + 4, 4)
                    {
                        span(spans, p - 3, p + 8, Anchor::SsnDigits);
                    }
                }
            }
            b':' if p >= done.colon => {
                let (a, b) = run(v, p, |c| c.is_ascii_hexdigit() || c == b':');
                done.colon = b;
                let r = &v[a..b];
                let colons = r.iter().filter(|&&c| c == b':').count();
                if colons >= 4 || r.windows(2).any(|w| w == b"::") {
                    span(spans, a, b, Anchor::HexColon);
                }
            }
            b'+' if set.contains(Anchor::PlusDigit)
                && matches!(v.get(p + 1), Some(b'1'..=b'9'))
                && (p == 0 || !(is_word_ascii(v[p - 1]) || v[p - 1] == b'+')) =>
            {
                span(spans, p, p + 2, Anchor::PlusDigit);
            }
            b')' if set.contains(Anchor::PhoneDigits) && p >= 1 && d(p - 1) => {
                let q = if matches!(v.get(p + 1), Some(b' ' | b'.' | b'-')) {
                    p + 2
                } else {
                    p + 1
                };
                if digits(q, 3) {
                    span(spans, p - 1, q + 3, Anchor::PhoneDigits);
                }
            }
            b'0'..=b'9' => {
                if set.contains(Anchor::DigitChain) && p >= done.chain && digits(p, 4) {
                    let mut q = p;
                    let mut n = 0;
                    loop {
                        if d(q) {
                            n += 1;
                            q += 1;
                        } else if matches!(v.get(q), Some(b' ' | b'-')) && d(q + 1) {
                            q += 1;
                        } else {
                            break;
                        }
                    }
                    done.chain = q;
                    if n >= 12 {
                        span(spans, p, q, Anchor::DigitChain);
                    }
                }
                if set.contains(Anchor::Base58Run)
                    && p >= done.base58
                    && (p == 0 || !is_word_ascii(v[p - 1]))
                    && matches!(v[p], b'1' | b'3')
                {
                    match (1..26).find(|&k| !v.get(p + k).is_some_and(|&c| BASE58[c as usize])) {
                        Some(k) => done.base58 = p + k,
                        None => {
                            done.base58 = p + 26;
                            span(spans, p, p + 26, Anchor::Base58Run);
                        }
                    }
                }
            }
            c if c.is_ascii_uppercase()
                && set.contains(Anchor::IbanPrefix)
                && (p == 0 || !is_word_ascii(v[p - 1])) =>
            {
                span(spans, p, p + 4, Anchor::IbanPrefix);
            }
            _ => {}
        }
    }
}

/// Bit `i` of `(c, n)` shifted to look `k` bytes ahead (`0 < k < 64`): bit `i + k` of the
/// 128 bits `c` (this block) then `n` (the next).
#[inline(always)]
fn ahead(c: u64, n: u64, k: u32) -> u64 {
    (c >> k) | (n << (64 - k))
}

/// Bit `i`: bit `i - k` of `p` (the previous block) then `c` (`0 < k < 64`).
#[inline(always)]
fn behind(p: u64, c: u64, k: u32) -> u64 {
    (c << k) | (p >> (64 - k))
}

/// Bit `i` set when bits `i .. i + len` of `w` are all set (`2 <= len <= 32`): where a run of
/// `len` or more starts, in the block whose bits are the low 64 of `w`.
#[inline(always)]
fn run_starts(w: u128, len: u32) -> u64 {
    // Doubling: `r` marks runs of `have` bits; the last step overlaps two runs to make `len`.
    let (mut r, mut have) = (w, 1);
    while have * 2 <= len {
        r &= r >> have;
        have *= 2;
    }
    if have < len {
        r &= r >> (len - have);
    }
    r as u64
}

/// The seeds of a block: each holds the first byte of every occurrence of the anchors `want`
/// asks for that starts in the block (for runs, a byte of the run), and few other bytes.
/// Each anchor's cheapest condition is tested first: most blocks stop there.
#[inline(always)]
fn seeds(want: impl Fn(Anchor) -> bool, prev: &Prev, cur: &Masks, next: &Masks) -> u64 {
    // This block's own look-behind masks: its hex digits and word bytes, as the next block
    // will see them.
    let here = Prev::of(cur);
    let (dp, dc, dn) = (prev.digit, cur.get(DIGIT), next.get(DIGIT));
    // Bit i of `d[k]`: a digit at byte i + k; of `db[k]`: at byte i - k.
    let d = |k: u32| ahead(dc, dn, k);
    let db = |k: u32| behind(dp, dc, k);
    let (dotc, dotn) = (cur.get(DOT), next.get(DOT));
    let (dashc, dashn) = (cur.get(DASH), next.get(DASH));
    let (d1, b1) = (d(1), db(1));
    let mut seeds = 0u64;
    // A dot or dash between two digits: quads, phones, SSNs start at one.
    let sepd = (dotc | dashc) & b1 & d1;
    if sepd != 0 {
        if want(Anchor::DottedQuad) && dotc & sepd != 0 {
            // The first dot of a quad: two more dots follow, each 2 to 4 bytes on.
            let near = |x: u64, nx: u64| ahead(x, nx, 2) | ahead(x, nx, 3) | ahead(x, nx, 4);
            // Over the next block, the chain is cut at its end; a chain from this block
            // ends at most 8 bytes into the next.
            let n1 = dotn & (dotn >> 2 | dotn >> 3 | dotn >> 4);
            let c1 = dotc & near(dotc, dotn);
            seeds |= dotc & sepd & near(c1, n1);
        }
        if want(Anchor::PhoneDigits) || want(Anchor::SsnDigits) {
            let three_before = sepd & db(2) & db(3);
            if three_before != 0 {
                if want(Anchor::PhoneDigits) {
                    seeds |= three_before & d(2) & d(3) & d(4);
                }
                if want(Anchor::SsnDigits) {
                    seeds |= three_before
                        & dashc
                        & d(2)
                        & ahead(dashc, dashn, 3)
                        & d(4)
                        & d(5)
                        & d(6)
                        & d(7);
                }
            }
        }
    }
    if want(Anchor::HexDot) || want(Anchor::HexDash) {
        let (hp, hc, hn) = (prev.hex, here.hex, next.get(DIGIT) | next.get(HEX_LETTER));
        let hexsep = (dotc | dashc) & behind(hp, hc, 1) & ahead(hc, hn, 1);
        if want(Anchor::HexDot) && dotc & hexsep != 0 {
            // The first dot of `hhhh.hhhh.hhhh`.
            let x = dotc & hexsep & ahead(dotc, dotn, 5);
            if x != 0 {
                let h = |k: u32| ahead(hc, hn, k);
                seeds |= x & h(2) & h(3) & h(4) & h(6) & h(7) & h(8) & h(9);
            }
        }
        if want(Anchor::HexDash) && dashc & hexsep != 0 {
            // The first dash of `hh-hh-hh-hh-hh-hh`.
            seeds |= dashc
                & hexsep
                & ahead(dashc, dashn, 3)
                & ahead(dashc, dashn, 6)
                & ahead(dashc, dashn, 9)
                & ahead(dashc, dashn, 12);
        }
    }
    let pp = cur.get(PLUS_PAREN);
    if pp != 0 {
        if want(Anchor::PlusDigit) {
            seeds |= pp & d1 & !ahead(cur.zero, next.zero, 1);
        }
        if want(Anchor::PhoneDigits) && pp & b1 != 0 {
            // `d)` before three digits, after a space, dot or dash or not.
            let sc = cur.get(DOT) | cur.get(DASH) | cur.space;
            let sn = next.get(DOT) | next.get(DASH) | next.space;
            seeds |= pp & b1 & ((d1 & d(2) & d(3)) | (ahead(sc, sn, 1) & d(2) & d(3) & d(4)));
        }
    }
    if want(Anchor::HexColon) {
        let (cc, cn) = (cur.get(COLON), next.get(COLON));
        if cc != 0 {
            // `::`, or the first colon of four, each 2 to 5 bytes after the one before
            // (`h:h:h:h:h`, groups of one to four hex digits). Over the next block the
            // chain is cut at its end; one from this block ends at most 15 bytes into it.
            let near = |x: u64, nx: u64| {
                ahead(x, nx, 2) | ahead(x, nx, 3) | ahead(x, nx, 4) | ahead(x, nx, 5)
            };
            let mut x = 0;
            // Most blocks have no colon 2 to 5 bytes before another.
            if cc & near(cc, cn) != 0 {
                let w = (cc as u128) | ((cn as u128) << 64);
                let near = |x: u128| (x >> 2) | (x >> 3) | (x >> 4) | (x >> 5);
                let mut y = w;
                for _ in 0..3 {
                    y = w & near(y);
                    if y == 0 {
                        break;
                    }
                }
                x = y;
            }
            let xc = x as u64;
            seeds |= cc & (ahead(cc, cn, 1) | xc);
        }
    }
    if want(Anchor::DigitChain) {
        // The start of four digits, from which the bytes up to the first that is not a
        // digit, space or dash hold twelve digits (the chain lies inside them).
        let mut starts = dc & !b1 & d1 & d(2) & d(3);
        let chc = dc | cur.get(DASH) | cur.space;
        let chn = dn | next.get(DASH) | next.space;
        if starts != 0 {
            // First a few of the twelve bytes (most four-digit runs, years in dates, stop
            // before them).
            starts &= ahead(chc, chn, 4) & ahead(chc, chn, 8) & ahead(chc, chn, 11);
        }
        if starts != 0 {
            let ch = (chc as u128) | ((chn as u128) << 64);
            starts &= run_starts(ch, 12);
            let dd = (dc as u128) | ((dn as u128) << 64);
            while starts != 0 {
                let i = starts.trailing_zeros();
                starts &= starts - 1;
                // A run that goes on past the next block holds 64 bytes or more: enough
                // for twelve digits or not, the seed is kept.
                let run = (!(ch >> i)).trailing_zeros();
                if run >= 64 || ((dd >> i) & ((1u128 << run) - 1)).count_ones() >= 12 {
                    seeds |= 1 << i;
                }
            }
        }
    }
    if want(Anchor::IbanPrefix) {
        let (uc, un) = (cur.upper, next.upper);
        if uc != 0 {
            seeds |= uc & !behind(prev.word, here.word, 1) & ahead(uc, un, 1) & d(2) & d(3);
        }
    }
    if want(Anchor::Base58Run) {
        // A digit that no digit or (upper-case or hex) letter precedes, starting 26 bytes
        // of digits and bytes 0x40-0x7F (every base58 byte is one).
        let lc = dc | cur.latin;
        let ln = dn | next.latin;
        let mut starts = cur.one_three & !behind(prev.word, here.word, 1);
        if starts != 0 {
            starts &= ahead(lc, ln, 1) & ahead(lc, ln, 2) & ahead(lc, ln, 3);
        }
        if starts != 0 {
            seeds |= starts & run_starts((lc as u128) | ((ln as u128) << 64), 26);
        }
    }
    seeds
}

/// Where the anchors of runs have been checked up to (a run is checked once, from its first
/// seed).
#[derive(Default)]
struct Done {
    quad: usize,
    hex_dot: usize,
    hex_dash: usize,
    colon: usize,
    chain: usize,
    base58: usize,
}

fn is_word_ascii(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Records the span `a..b` of an occurrence of `anchor`.
#[inline(always)]
fn span(spans: &mut Vec<(usize, usize, usize, Anchor)>, a: usize, b: usize, anchor: Anchor) {
    spans.push((a, b, b + anchor.tail(), anchor));
}

/// The maximal run of bytes in `class` around `p`.
fn run(v: &[u8], p: usize, class: impl Fn(u8) -> bool) -> (usize, usize) {
    let mut a = p;
    while a > 0 && class(v[a - 1]) {
        a -= 1;
    }
    let mut b = p + 1;
    while b < v.len() && class(v[b]) {
        b += 1;
    }
    (a, b)
}

/// Whether `run`, split at `sep`, has consecutive groups whose lengths lie in `bounds` (the
/// first group may be longer than its match, being cut at its start, and the last at its
/// end: their bounds say so).
fn groups_hold(run: &[u8], sep: u8, bounds: &[(usize, usize)]) -> bool {
    // The lengths of the last `bounds.len()` groups, oldest first once full.
    let mut last = [0usize; 8];
    let n = bounds.len();
    debug_assert!(n <= last.len());
    let mut seen = 0;
    for group in run.split(|&c| c == sep) {
        last.copy_within(1..n, 0);
        last[n - 1] = group.len();
        seen += 1;
        if seen >= n
            && last[..n]
                .iter()
                .zip(bounds)
                .all(|(&l, &(lo, hi))| l >= lo && l <= hi)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all() -> AnchorSet {
        Anchor::ALL.into_iter().collect()
    }

    fn regions(f: &Finder, hay: &[u8]) -> Vec<Range<usize>> {
        let mut s = AnchorScratch::default();
        f.regions(hay, 0..hay.len(), usize::MAX, &mut s);
        s.regions
    }

    #[test]
    fn classes_are_those_of_the_table() {
        let mut b = [0u8; 64];
        for chunk in 0..4 {
            for (i, x) in b.iter_mut().enumerate() {
                *x = (chunk * 64 + i) as u8;
            }
            let m = classify_scalar(&b);
            for (i, &c) in b.iter().enumerate() {
                let bit = |k: u8| (m.get(k) >> i) & 1 == 1;
                assert_eq!(bit(DIGIT), c.is_ascii_digit(), "{c}");
                assert_eq!(
                    bit(HEX_LETTER),
                    c.is_ascii_hexdigit() && !c.is_ascii_digit(),
                    "{c}"
                );
                assert_eq!(bit(DOT), c == b'.');
                assert_eq!(bit(DASH), c == b'-');
                assert_eq!(bit(COLON), c == b':');
                assert_eq!(bit(PLUS_PAREN), c == b'+' || c == b')');
                assert_eq!((m.upper >> i) & 1 == 1, c.is_ascii_uppercase(), "{c}");
            }
            classes_agree(&b).unwrap();
        }
    }

    #[test]
    fn each_anchor_is_found_and_its_line_is_a_region() {
        let cases: [(&str, Anchor); 12] = [
            ("client 10.1.2.3 ok", Anchor::DottedQuad),
            ("card 4111 1111 1111 1111 ok", Anchor::DigitChain),
            ("n=123456789012", Anchor::DigitChain),
            ("addr fe80::1 up", Anchor::HexColon),
            ("addr 1:2:3:4:5:6 up", Anchor::HexColon),
            ("mac 00-1a-2b-3c-4d-5e", Anchor::HexDash),
            ("mac 001a.2b3c.4d5e", Anchor::HexDot),
            ("call 555.867.5309", Anchor::PhoneDigits),
            ("call (555) 867 5309", Anchor::PhoneDigits),
            ("ssn 123-45-6789", Anchor::SsnDigits),
            ("tel +44 20", Anchor::PlusDigit),
            ("iban DE89 3704", Anchor::IbanPrefix),
        ];
        for (line, anchor) in cases {
            let hay = format!("first line\n{line}\nlast line\n");
            let set: AnchorSet = [anchor].into_iter().collect();
            for f in [Finder::new(set), Finder::scalar(set)] {
                let r = regions(&f, hay.as_bytes());
                assert_eq!(r.len(), 1, "{line}: {r:?}");
                assert_eq!(r[0].start, 11, "{line}");
                assert!(
                    r[0].end > 11 && r[0].end <= 11 + line.len(),
                    "{line}: {r:?}"
                );
            }
        }
        let btc = "pay 1BoatSLRHtKNngkdXEeobR76b53LETtpyT now";
        let set: AnchorSet = [Anchor::Base58Run].into_iter().collect();
        assert_eq!(regions(&Finder::new(set), btc.as_bytes()), vec![0..30]);
    }

    #[test]
    fn near_misses_are_not_anchors() {
        for line in [
            "version 1.29.64 and 97.0.7464.35",
            "2026-11-20 22:20:49,111 took 890.603 ms",
            "id f386cb6b-ca83-06a6-910c-6334d86f6932",
            "301 17142 \"-\"",
            "+0000 and (12) 34",
            "Abc1 de12",
            "10000000000, 1Abcdefghijkmnopqrstuvwxy- and 0.5",
        ] {
            assert_eq!(
                regions(&Finder::new(all()), line.as_bytes()),
                Vec::<Range<usize>>::new(),
                "{line}"
            );
        }
    }

    #[test]
    fn regions_merge_on_one_line_and_start_at_the_view() {
        let hay = b"a 10.0.0.1 b 10.0.0.2\nc 10.0.0.3";
        let f = Finder::new(all());
        assert_eq!(regions(&f, hay), vec![0..21, 22..32]);
        let mut s = AnchorScratch::default();
        f.regions(hay, 4..32, usize::MAX, &mut s);
        // The first run is cut by the view: `0.0.1` holds no quad.
        assert_eq!(s.regions, vec![4..21, 22..32]);
    }

    /// Each anchor's own bound of how far back a match may start shortens its regions, and
    /// only its own: a quad's region holds at most its bound before it, a card chain's the
    /// overall bound. (`Finder::with_back` indexes by `Anchor as usize`: the order of `ALL`.)
    #[test]
    fn each_anchor_reaches_back_by_its_own_bound() {
        assert!(Anchor::ALL
            .iter()
            .enumerate()
            .all(|(i, &a)| a as usize == i));
        let f = Finder::new(all()).with_back(|a| match a {
            Anchor::DottedQuad => 15,
            _ => usize::MAX,
        });
        let line = format!(
            "{}from 10.20.30.40 {}card 4111111111111111",
            "ab ".repeat(30),
            "cd ".repeat(15)
        );
        let quad = line.find("10.20").expect("quad");
        let card = line.find("4111").expect("card");
        let mut s = AnchorScratch::default();
        f.regions(line.as_bytes(), 0..line.len(), 40, &mut s);
        assert_eq!(s.regions, vec![quad - 15..quad + 11, card - 40..card + 16]);
        // Closer, the card's range reaches back before the quad's: one region from there.
        let line = format!("{}from 1.2.3.4 4111111111111111", "ab ".repeat(30));
        let (quad, card) = (
            line.find("1.2").expect("quad"),
            line.find("4111").expect("card"),
        );
        f.regions(line.as_bytes(), 0..line.len(), 40, &mut s);
        assert_eq!(s.regions, vec![card - 40..card + 16]);
        assert!(card - 40 < quad - 15);
    }

    /// Spans that overlap (a phone's `d) ddd` inside two card chains) make one region; a
    /// region starts at most `back` bytes before its anchor on a long line.
    #[test]
    fn overlapping_spans_make_one_region_and_back_bounds_a_long_line() {
        let f = Finder::new(all());
        let hay = b"4111111111111111)4111111111111111=";
        assert_eq!(regions(&f, hay), vec![0..33]);
        let long = format!("{}card 4111111111111111", "ab ".repeat(100));
        let mut s = AnchorScratch::default();
        f.regions(long.as_bytes(), 0..long.len(), 40, &mut s);
        assert_eq!(s.regions, vec![305 - 40..321]);
    }

    #[test]
    fn run_starts_marks_where_long_enough_runs_start() {
        for len in [2, 3, 12, 26, 32] {
            for seed in 0u64..200 {
                let w = (seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) as u128)
                    | ((seed.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) as u128) << 64)
                    | if seed % 3 == 0 {
                        0xFFFF_FFFF << (seed % 60)
                    } else {
                        0
                    };
                let naive = (0..64).fold(0u64, |acc, i| {
                    let all = (i..i + len).all(|k| (w >> k) & 1 == 1);
                    acc | (u64::from(all) << i)
                });
                assert_eq!(run_starts(w, len as u32), naive, "{len} {w:#x}");
            }
        }
    }

    fn texty() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(
            proptest::sample::select(b"0123456789abcdefABCDEFXYZ.-:+() \n13_".to_vec()),
            0..400,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn vector_and_scalar_paths_agree(hay in texty(), cut in 0usize..64) {
            classes_agree(&hay).unwrap();
            let lo = cut.min(hay.len());
            let mut a = AnchorScratch::default();
            let mut b = AnchorScratch::default();
            Finder::new(all()).regions(&hay, lo..hay.len(), 40, &mut a);
            Finder::scalar(all()).regions(&hay, lo..hay.len(), 40, &mut b);
            prop_assert_eq!(a.regions, b.regions);
        }
    }
}
