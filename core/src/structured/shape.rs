//! The cheap classification of `--format auto` lines: [`plain_json`] in one pass over the line,
//! sixty-four bytes at a time (SSE2 on x86-64, a scalar loop elsewhere), finding quotes, `\`,
//! `=`, `:` and blanks together, with the keys of the line looked up in a small memo
//! ([`KeyMemo`]) instead of one [`KeySet::matches`] per key: JSON logs repeat the same few keys
//! on every line.

use super::kv::Eqs;
use super::{Format, KeySet, MAX_STRUCTURED_LINE};

/// Keys of this many bytes at most are remembered.
const MEMO_KEY: usize = 32;
/// Slots of the memo (a power of two).
const MEMO_SLOTS: usize = 64;

#[derive(Clone, Copy)]
struct Slot {
    /// Length of the key, `u8::MAX` for an empty slot.
    len: u8,
    sensitive: bool,
    /// [`words`] of the key.
    words: (u64, u64),
    /// The key, for keys of more than 16 bytes.
    bytes: [u8; MEMO_KEY],
}

/// Two words that tell keys of the same length up to 16 bytes apart: their first and last
/// eight bytes (four, or each byte, for shorter keys).
#[inline(always)]
fn words(key: &[u8]) -> (u64, u64) {
    let n = key.len();
    let le8 = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let le4 = |b: &[u8]| u64::from(u32::from_le_bytes(b.try_into().expect("4 bytes")));
    if n >= 8 {
        (le8(&key[..8]), le8(&key[n - 8..]))
    } else if n >= 4 {
        (le4(&key[..4]), le4(&key[n - 4..]))
    } else if n > 0 {
        (
            u64::from(key[0]) | u64::from(key[n / 2]) << 8,
            u64::from(key[n - 1]),
        )
    } else {
        (0, 0)
    }
}

/// Whether keys are sensitive ([`KeySet::matches`]), remembered for the keys last seen: a
/// direct-mapped table of [`MEMO_SLOTS`] keys of [`MEMO_KEY`] bytes at most. Exact: an entry
/// tells its key apart from any other. Allocated on first use.
#[derive(Default)]
pub(crate) struct KeyMemo {
    slots: Vec<Slot>,
    /// The keys of the JSON lines seen, by their place in the line (`[i]` for the `i`-th
    /// key), when not sensitive and of 16 bytes at most: length and [`words`]. Lines of one
    /// writer have the same keys in the same order, each told by two comparisons.
    seq: Vec<(usize, (u64, u64))>,
}

impl KeyMemo {
    /// [`KeyMemo::matches`] of the `i`-th key of a line.
    #[inline(always)]
    fn matches_nth(&mut self, keys: &KeySet, i: usize, key: &[u8]) -> bool {
        let n = key.len();
        if n > 16 {
            return self.matches(keys, key);
        }
        let w = words(key);
        if self.seq.get(i) == Some(&(n, w)) {
            return false;
        }
        self.matches_new_nth(keys, i, key, w)
    }

    #[inline(never)]
    fn matches_new_nth(&mut self, keys: &KeySet, i: usize, key: &[u8], w: (u64, u64)) -> bool {
        let sensitive = self.matches(keys, key);
        if !sensitive && i <= self.seq.len() {
            if i == self.seq.len() {
                self.seq.push((key.len(), w));
            } else {
                self.seq[i] = (key.len(), w);
            }
        }
        sensitive
    }

    /// [`KeySet::matches`] of `key`, remembered.
    #[inline]
    pub(crate) fn matches(&mut self, keys: &KeySet, key: &[u8]) -> bool {
        let n = key.len();
        if n > MEMO_KEY {
            return keys.matches(key);
        }
        let w = words(key);
        let h = (w.0 ^ w.1.rotate_left(29) ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let i = (h >> 58) as usize % MEMO_SLOTS;
        if let Some(s) = self.slots.get(i) {
            if usize::from(s.len) == n && s.words == w && (n <= 16 || s.bytes[..n] == *key) {
                return s.sensitive;
            }
        }
        self.insert(keys, key, w, i)
    }

    #[cold]
    #[inline(never)]
    fn insert(&mut self, keys: &KeySet, key: &[u8], words: (u64, u64), i: usize) -> bool {
        let sensitive = keys.matches(key);
        if self.slots.is_empty() {
            self.slots = vec![
                Slot {
                    len: u8::MAX,
                    sensitive: false,
                    words: (0, 0),
                    bytes: [0; MEMO_KEY],
                };
                MEMO_SLOTS
            ];
        }
        let s = &mut self.slots[i];
        s.len = key.len() as u8;
        s.sensitive = sensitive;
        s.words = words;
        s.bytes[..key.len()].copy_from_slice(key);
        sensitive
    }
}

/// Byte classes of sixty-four bytes, one bit per byte (bit `i` for byte `i`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Masks {
    /// `"`.
    quote: u64,
    /// `\` or `=`.
    special: u64,
    /// `:`.
    colon: u64,
    /// Bytes up to the space (`\0`..=` `): those where a blank may be.
    blank: u64,
}

impl Masks {
    fn shr(self, k: usize) -> Masks {
        Masks {
            quote: self.quote >> k,
            special: self.special >> k,
            colon: self.colon >> k,
            blank: self.blank >> k,
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn block(b: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let mut m = Masks {
        quote: 0,
        special: 0,
        colon: 0,
        blank: 0,
    };
    for (k, c) in b.chunks_exact(16).enumerate() {
        // SAFETY: SSE2 is part of x86-64 (these intrinsics need no run-time detection); the
        // load reads 16 bytes of `b`, unaligned.
        let [quote, special, colon, blank] = unsafe {
            let v = _mm_loadu_si128(c.as_ptr().cast::<__m128i>());
            let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            [
                _mm_movemask_epi8(eq(b'"')),
                _mm_movemask_epi8(_mm_or_si128(eq(b'\\'), eq(b'='))),
                _mm_movemask_epi8(eq(b':')),
                // Bytes up to the space: a superset of the blanks (the caller checks).
                _mm_movemask_epi8(_mm_cmpeq_epi8(
                    _mm_max_epu8(v, _mm_set1_epi8(0x20)),
                    _mm_set1_epi8(0x20),
                )),
            ]
        };
        let at = 16 * k;
        m.quote |= u64::from(quote as u16) << at;
        m.special |= u64::from(special as u16) << at;
        m.colon |= u64::from(colon as u16) << at;
        m.blank |= u64::from(blank as u16) << at;
    }
    m
}

/// [`block`] with AVX2: thirty-two bytes a load.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
unsafe fn block_avx2(b: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        __m256i, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_max_epu8, _mm256_movemask_epi8,
        _mm256_or_si256, _mm256_set1_epi8,
    };
    let mut m = Masks {
        quote: 0,
        special: 0,
        colon: 0,
        blank: 0,
    };
    for (k, c) in b.chunks_exact(32).enumerate() {
        // SAFETY: the caller's CPU has AVX2; the load reads 32 bytes of `b`, unaligned.
        let [quote, special, colon, blank] = unsafe {
            let v = _mm256_loadu_si256(c.as_ptr().cast::<__m256i>());
            let eq = |c: u8| _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c as i8));
            let sp = _mm256_set1_epi8(0x20);
            [
                _mm256_movemask_epi8(eq(b'"')),
                _mm256_movemask_epi8(_mm256_or_si256(eq(b'\\'), eq(b'='))),
                _mm256_movemask_epi8(eq(b':')),
                _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(v, sp), sp)),
            ]
        };
        let at = 32 * k;
        m.quote |= u64::from(quote as u32) << at;
        m.special |= u64::from(special as u32) << at;
        m.colon |= u64::from(colon as u32) << at;
        m.blank |= u64::from(blank as u32) << at;
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn block(b: &[u8; 64]) -> Masks {
    block_scalar(b)
}

/// [`block`] a byte at a time: the reference of the SIMD path, and the path of other
/// architectures.
fn block_scalar(b: &[u8; 64]) -> Masks {
    let mut m = Masks {
        quote: 0,
        special: 0,
        colon: 0,
        blank: 0,
    };
    for (i, &c) in b.iter().enumerate() {
        m.quote |= u64::from(c == b'"') << i;
        m.special |= u64::from(c == b'\\' || c == b'=') << i;
        m.colon |= u64::from(c == b':') << i;
        m.blank |= u64::from(c <= b' ') << i;
    }
    m
}

/// Checks that every classification path gives the scalar reference's masks on each 64-byte
/// window of `bytes` (every start offset, so that each byte is seen at each lane position):
/// SSE2 and, when the CPU has it, AVX2. For the `simd_classes` fuzz target.
pub(crate) fn blocks_agree(bytes: &[u8]) -> Result<(), String> {
    for start in 0..bytes.len().saturating_sub(63) {
        let b: &[u8; 64] = bytes[start..start + 64].try_into().expect("64 bytes");
        let want = block_scalar(b);
        let sse2 = block(b);
        if sse2 != want {
            return Err(format!("at {start}: sse2 {sse2:?}, scalar {want:?}"));
        }
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            let avx2 = unsafe { block_avx2(b) };
            if avx2 != want {
                return Err(format!("at {start}: avx2 {avx2:?}, scalar {want:?}"));
            }
        }
    }
    Ok(())
}

/// Bit `i` set when an odd number of the bits `0..=i` of `x` are.
#[inline(always)]
fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

/// Whether the JSON path would do nothing but scan `line` as text: it is shaped like a JSON
/// object (`{...}`) or an array of objects, arrays or strings, and holds no escape (strings
/// that need decoding), no `=` (`key=value` pairs inside strings) and no key (a string
/// followed by `:`) that is sensitive. Such a line without findings comes out as it came in,
/// without a parse: in JSON logs most lines are such.
///
/// This does not check that the line is JSON. A line that is not (and has no findings) comes
/// out as it came in as well; it only ends the run of text lines before it, as a JSON line
/// does, which only a multiline window could tell. Callers take this path only when the line
/// holds no keyword of a multiline rule, so no window starts there.
///
/// Without escapes, strings run from one quote to the next: the quotes pair up in order, and
/// a pair followed (after blanks) by `:` is a key.
#[inline(always)]
pub(crate) fn plain_json(format: Format, keys: &KeySet, memo: &mut KeyMemo, line: &[u8]) -> bool {
    if !matches!(format, Format::Auto | Format::Json) || line.len() > MAX_STRUCTURED_LINE {
        return false;
    }
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let Some(first) = line.iter().position(|b| !blank(b)) else {
        return false;
    };
    // Most lines of a log are told apart here, without a call.
    matches!(line[first], b'{' | b'[') && plain_json_from(keys, memo, line, first)
}

/// [`plain_json`] of a line whose first non-blank byte, at `first`, is `{` or `[`.
fn plain_json_from(keys: &KeySet, memo: &mut KeyMemo, line: &[u8], first: usize) -> bool {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2.
        return unsafe { plain_json_avx2(keys, memo, line, first) };
    }
    plain_json_with(keys, memo, line, first, block)
}

/// [`plain_json_with`] compiled for AVX2, with [`block_avx2`].
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn plain_json_avx2(keys: &KeySet, memo: &mut KeyMemo, line: &[u8], first: usize) -> bool {
    plain_json_with(keys, memo, line, first, |b| {
        // SAFETY: this function runs only where the CPU has AVX2.
        unsafe { block_avx2(b) }
    })
}

/// [`plain_json_from`], with `block` classifying sixty-four bytes.
#[inline(always)]
fn plain_json_with(
    keys: &KeySet,
    memo: &mut KeyMemo,
    line: &[u8],
    first: usize,
    block: impl Fn(&[u8; 64]) -> Masks,
) -> bool {
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let last = line.iter().rposition(|b| !blank(b)).unwrap_or(first);
    let shaped = match line[first] {
        b'{' => line[last] == b'}',
        // Not `[2026-12-05 08:46:57] INFO ...`, a common log prefix.
        b'[' => {
            line[last] == b']'
                && line[first + 1..]
                    .iter()
                    .find(|b| !blank(b))
                    .is_some_and(|b| matches!(b, b'{' | b'[' | b'"' | b']'))
        }
        _ => false,
    };
    if !shaped {
        return false;
    }
    // Sixty-four bytes at a time: `inside` has a bit for each byte from an opening quote to
    // the byte before its closing quote (the quotes pair up in order); a closing quote
    // followed by `:` ends a key, whose opening quote is the quote before it.
    let n = line.len();
    let mut nth = 0;
    let mut inside = 0u64;
    let mut open = 0usize;
    let mut at = 0;
    while at < n {
        let (m, valid) = if at + 64 <= n {
            (block(line[at..at + 64].try_into().expect("64 bytes")), !0)
        } else if n >= 64 {
            // The last sixty-four bytes, without those already seen.
            let from = n - 64;
            let k = at - from;
            (
                block(line[from..].try_into().expect("64 bytes")).shr(k),
                !0 >> k,
            )
        } else {
            let mut b = [0u8; 64];
            b[..n].copy_from_slice(line);
            (block(&b), (1u64 << n) - 1)
        };
        if m.special != 0 {
            return false;
        }
        let q = m.quote;
        let p = prefix_xor(q) ^ inside;
        let opening = q & p;
        let closing = q & !p;
        if closing != 0 {
            // What follows each byte: the next byte's bits, the last one from the next block.
            let next = line.get(at + 64).copied();
            let colon_after = m.colon >> 1 | u64::from(next == Some(b':')) << 63;
            let blank_after = m.blank >> 1 | u64::from(next.is_some_and(|b| b <= b' ')) << 63;
            let mut ends = closing & (colon_after | blank_after) & valid;
            while ends != 0 {
                let bit = ends.trailing_zeros();
                ends &= ends - 1;
                let close = at + bit as usize;
                if blank_after >> bit & 1 != 0
                    && line[close + 1..].iter().find(|b| !blank(b)) != Some(&b':')
                {
                    continue;
                }
                let before = opening & ((1 << bit) - 1);
                let o = if before != 0 {
                    at + 63 - before.leading_zeros() as usize
                } else {
                    open
                };
                if memo.matches_nth(keys, nth, &line[o + 1..close]) {
                    return false;
                }
                nth += 1;
            }
        }
        if opening != 0 {
            open = at + 63 - opening.leading_zeros() as usize;
        }
        inside = 0u64.wrapping_sub(p >> 63);
        at += 64;
    }
    true
}

/// The bytes of a header name: ASCII letters and digits, `-` and `_`.
static NAME: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-' || c == b'_';
        b += 1;
    }
    t
};

/// True when `line` is neither an SQL `INSERT` (`sql::insert_spans`) nor a line with a
/// sensitive `key=value` pair or header (`kv_spans`): it does not start with the word
/// `insert`, none of its `=` has a sensitive or personal key (as `kv_spans` reads keys), and it
/// does not start with a header name followed by `:` that is sensitive. Most text lines are
/// told so by a `memchr` and a few bytes, where the two full checks cost several hundred
/// instructions a line. False means "maybe": the full checks decide.
#[inline(always)]
pub(crate) fn no_pairs(keys: &KeySet, line: &[u8], eqs: Eqs) -> bool {
    let Some(&b) = line.iter().find(|b| !b.is_ascii_whitespace()) else {
        return true;
    };
    // An `INSERT`, or a `key=value` pair whose key is sensitive or personal.
    let insert =
        matches!(b, b'i' | b'I') && crate::sql_values::after_words(line, &[b"insert"]).is_some();
    if insert || super::kv::has_eq_pair(keys, line, eqs) {
        return false;
    }
    // `Name: value`, optionally after curl's `> ` / `< ` (as `kv_spans` reads it).
    let i = super::kv::header_name_start(line);
    let name = line[i..]
        .iter()
        .take_while(|&&b| NAME[usize::from(b)])
        .count();
    !(name > 0 && line.get(i + name) == Some(&b':') && keys.matches(&line[i..i + name]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::structured::DEFAULT_SENSITIVE_KEYS;
    use proptest::prelude::*;

    /// The definition this replaces (main at 04caa76): `memchr2` for `\` and `=`, then the
    /// quotes in order, every key looked up.
    fn plain_json_reference(format: Format, keys: &KeySet, line: &[u8]) -> bool {
        if !matches!(format, Format::Auto | Format::Json) || line.len() > MAX_STRUCTURED_LINE {
            return false;
        }
        let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
        let Some(first) = line.iter().position(|b| !blank(b)) else {
            return false;
        };
        let last = line.iter().rposition(|b| !blank(b)).unwrap_or(first);
        let shaped = match line[first] {
            b'{' => line[last] == b'}',
            b'[' => {
                line[last] == b']'
                    && line[first + 1..]
                        .iter()
                        .find(|b| !blank(b))
                        .is_some_and(|b| matches!(b, b'{' | b'[' | b'"' | b']'))
            }
            _ => false,
        };
        if !shaped || memchr::memchr2(b'\\', b'=', line).is_some() {
            return false;
        }
        let quotes: Vec<usize> = memchr::memchr_iter(b'"', line).collect();
        for pair in quotes.chunks_exact(2) {
            let (open, close) = (pair[0], pair[1]);
            let after = line[close + 1..]
                .iter()
                .find(|b| !matches!(b, b' ' | b'\t' | b'\r'));
            if after == Some(&b':') && keys.matches(&line[open + 1..close]) {
                return false;
            }
        }
        true
    }

    fn keys() -> KeySet {
        let types = crate::structured::builtin_personal_keys();
        let personal: Vec<(u16, &str, crate::structured::ValueShape)> = types
            .iter()
            .enumerate()
            .flat_map(|(i, (_, id, keys))| {
                keys.iter()
                    .map(move |k| (i as u16, k.as_str(), crate::structured::ValueShape::of(id)))
            })
            .collect();
        KeySet::with_personal(DEFAULT_SENSITIVE_KEYS.iter().copied(), &personal)
    }

    /// Pieces of JSON-ish lines: keys (sensitive, personal, plain, with separators and case),
    /// values, escapes, `=`, quotes, blanks, unicode.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("{".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just("\"".to_string()),
            Just(":".to_string()),
            Just(",".to_string()),
            Just(" ".to_string()),
            Just("\t".to_string()),
            Just("\r".to_string()),
            Just("\\".to_string()),
            Just("=".to_string()),
            Just("é".to_string()),
            Just("日本".to_string()),
            prop::sample::select(vec![
                "password",
                "apiKey",
                "x-api-key",
                "db_password",
                "email",
                "E-Mail",
                "ts",
                "level",
                "msg",
                "request_id",
                "trace_id",
                "version",
                "ssn",
                "token",
                "Token",
                "client_secret",
                "ip",
                "user",
                "zipCode",
                "bytes",
                "",
            ])
            .prop_map(|k| format!("\"{k}\"")),
            "[a-zA-Z0-9_ .:-]{0,12}",
            "\"[a-zA-Z_-]{0,40}\"",
            any::<char>().prop_map(|c| c.to_string()),
        ]
    }

    fn line() -> impl Strategy<Value = Vec<u8>> {
        (
            "[ \t]{0,2}",
            prop_oneof![Just("{"), Just("["), Just("[{"), Just("x"), Just("")],
            prop::collection::vec(piece(), 0..40),
            prop_oneof![Just("}"), Just("]"), Just("}]"), Just("")],
            "[ \t\r]{0,2}",
        )
            .prop_map(|(a, b, c, d, e)| format!("{a}{b}{}{d}{e}", c.concat()).into_bytes())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn plain_json_agrees_with_its_definition(lines in prop::collection::vec(line(), 1..8)) {
            let keys = keys();
            // One memo across the lines, as a stream keeps it.
            let mut memo = KeyMemo::default();
            for line in &lines {
                for format in [Format::Auto, Format::Json, Format::Text] {
                    prop_assert_eq!(
                        plain_json(format, &keys, &mut memo, line),
                        plain_json_reference(format, &keys, line),
                        "{:?}", String::from_utf8_lossy(line)
                    );
                }
            }
        }

        #[test]
        fn plain_json_agrees_on_any_bytes(line in prop::collection::vec(
            prop_oneof![Just(b'"'), Just(b':'), Just(b'{'), Just(b'}'), Just(b' '), any::<u8>()],
            0..200,
        )) {
            let keys = keys();
            let mut memo = KeyMemo::default();
            let mut wrapped = b"{".to_vec();
            wrapped.extend_from_slice(&line);
            wrapped.push(b'}');
            for l in [&line, &wrapped] {
                prop_assert_eq!(
                    plain_json(Format::Auto, &keys, &mut memo, l),
                    plain_json_reference(Format::Auto, &keys, l)
                );
            }
        }

        #[test]
        fn simd_blocks_agree_with_the_scalar_loop(b in prop::collection::vec(
            prop_oneof![Just(b'"'), Just(b'\\'), Just(b'='), Just(b':'), Just(b' '), Just(b'\t'), Just(b'\r'), any::<u8>()],
            64,
        )) {
            let b: &[u8; 64] = b[..].try_into().unwrap();
            prop_assert_eq!(block(b), block_scalar(b));
            #[cfg(target_arch = "x86_64")]
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU has AVX2.
                prop_assert_eq!(unsafe { block_avx2(b) }, block_scalar(b));
            }
        }

        #[test]
        fn no_pairs_means_neither_insert_nor_pairs(line in prop::collection::vec(prop_oneof![
            Just("=".to_string()),
            Just(":".to_string()),
            Just(": ".to_string()),
            Just(" ".to_string()),
            Just("\t".to_string()),
            Just("> ".to_string()),
            Just("< ".to_string()),
            Just("?".to_string()),
            Just("&".to_string()),
            Just("\"".to_string()),
            Just("\\".to_string()),
            Just("é".to_string()),
            prop::sample::select(vec![
                "password", "Authorization", "X-Api-Key", "token", "email", "INSERT", "insert",
                "into", "users", "(ssn, name)", "VALUES", "('1', 'a')", "2026-09-01T22",
                "java.lang.Exception", "at", "ip", "sig", "Cookie", "ttl", "queue", "x.y-z",
                ",", ";", "(", "{", "'", "access_token", "SSN",
            ])
            .prop_map(str::to_string),
            "[a-zA-Z0-9_ .-]{0,12}",
            any::<char>().prop_map(|c| c.to_string()),
        ], 0..12)) {
            let keys = keys();
            let line = line.concat().into_bytes();
            // The `=` given as a mask (lines of at most 64 bytes) give what `memchr` gives.
            let searched = no_pairs(&keys, &line, Eqs::Search);
            if line.len() <= 64 {
                let mask = line.iter().enumerate().fold(0u64, |m, (i, &b)| m | u64::from(b == b'=') << i);
                prop_assert_eq!(no_pairs(&keys, &line, Eqs::Mask(mask)), searched);
            }
            if searched {
                let mut spans = Vec::new();
                prop_assert!(!crate::structured::sql::insert_spans(&line, &keys, &mut spans));
                prop_assert!(!crate::structured::kv::kv_spans(&line, &keys, true, &mut spans));
            }
        }

        #[test]
        fn memo_agrees_with_the_key_set(keys_seen in prop::collection::vec(
            prop_oneof!["[a-zA-Z_-]{0,40}", prop::sample::select(vec![
                "password", "apiKey", "email", "ts", "level", "request_id", "ssn", "Secret",
            ]).prop_map(str::to_string)],
            1..200,
        )) {
            let keys = keys();
            let mut memo = KeyMemo::default();
            for k in &keys_seen {
                prop_assert_eq!(memo.matches(&keys, k.as_bytes()), keys.matches(k.as_bytes()), "{}", k);
            }
        }
    }

    #[test]
    fn plain_json_is_a_shape_without_escapes_pairs_or_sensitive_keys() {
        let keys = KeySet::new(DEFAULT_SENSITIVE_KEYS.iter().copied());
        let mut memo = KeyMemo::default();
        let mut plain = |l: &str| plain_json(Format::Auto, &keys, &mut memo, l.as_bytes());
        assert!(plain(r#"{"a":1,"b":{"c":"x"}}"#));
        assert!(plain(r#"  [{"a":1}] "#));
        assert!(plain(r#"["x", "y"]"#));
        assert!(!plain(r#"{"password":"x"}"#));
        assert!(!plain(r#"{"user": {"apiKey": 1}}"#));
        assert!(!plain(r#"{"a":"x\u0040y"}"#));
        assert!(!plain(r#"{"msg":"k=v"}"#));
        assert!(!plain("[2026-12-05 08:46:57] INFO x"));
        assert!(!plain("[2026-12-05] [a]"));
        assert!(!plain(r#"{"a":1"#));
        assert!(!plain("plain text"));
        // A sensitive word as a value is not a key.
        assert!(plain(r#"{"kind":"password"}"#));
        // Keys across the sixteen-byte chunks, and in the last bytes.
        assert!(!plain(
            r#"{"aaaaaaaaaaaaaa":1,"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb":2,"token":3}"#
        ));
        assert!(!plain(
            r#"{"aaaaaaaaaaaaaa":1,"bbbbbbbbbbbbbbbbbbbb":"x","xx":"=""#
        ));
        assert!(plain(
            r#"{"aaaaaaaaaaaaaa":1,"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb":2,"c":3}"#
        ));
        let long = format!(
            r#"{{"a":"{}","b":1,"x":"{}","token" :2}}"#,
            "y".repeat(70),
            "z".repeat(50)
        );
        assert!(!plain(&long));
        assert!(plain(&long.replace("token", "tokens")));
        assert!(!plain_json(
            Format::Text,
            &keys,
            &mut KeyMemo::default(),
            br#"{"a":1}"#
        ));
    }
}
