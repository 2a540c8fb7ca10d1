//! Digit and calendar helpers shared by the personal-data validators: digit values with
//! separators skipped, weighted sums, Luhn over digit values, and dates from digit fields.

/// Digit values, held inline up to [`Digits::INLINE`] (every national number, card and phone
/// number: a validator runs on each candidate of its rule, and the allocation and free of a
/// `Vec` cost as much as the checks), on the heap beyond.
#[derive(Clone, Debug)]
pub(super) enum Digits {
    Inline { len: u8, d: [u32; Digits::INLINE] },
    Heap(Vec<u32>),
}

impl Digits {
    pub(super) const INLINE: usize = 24;
}

impl std::ops::Deref for Digits {
    type Target = [u32];
    #[inline]
    fn deref(&self) -> &[u32] {
        match self {
            Digits::Inline { len, d } => &d[..usize::from(*len)],
            Digits::Heap(v) => v,
        }
    }
}

/// The digit values of `s`, skipping the bytes in `seps`; `None` if anything else occurs.
#[inline(always)]
pub(super) fn digits(s: &[u8], seps: &[u8]) -> Option<Digits> {
    // Compares, not `contains`: on bytes it calls `memchr` for each separator.
    #[allow(clippy::manual_contains)]
    let sep = |b: u8| seps.iter().any(|&x| x == b);
    if s.len() > Digits::INLINE {
        let mut out = Vec::with_capacity(s.len());
        for &b in s {
            if b.is_ascii_digit() {
                out.push(u32::from(b - b'0'));
            } else if !sep(b) {
                return None;
            }
        }
        return Some(Digits::Heap(out));
    }
    let (mut d, mut len) = ([0u32; Digits::INLINE], 0);
    for &b in s {
        if b.is_ascii_digit() {
            // `len` stays below `s.len()`, at most `INLINE`.
            d[len] = u32::from(b - b'0');
            len += 1;
        } else if !sep(b) {
            return None;
        }
    }
    Some(Digits::Inline { len: len as u8, d })
}

/// Upper-cased bytes of `s` without the bytes in `seps`.
pub(super) fn compact(s: &[u8], seps: &[u8]) -> Vec<u8> {
    s.iter()
        .filter(|b| !seps.contains(b))
        .map(u8::to_ascii_uppercase)
        .collect()
}

/// Digits as a number (at most 19 digits).
pub(super) fn number(d: &[u32]) -> u64 {
    d.iter().fold(0u64, |n, &x| n * 10 + x as u64)
}

pub(super) fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

pub(super) fn all_same(d: &[u32]) -> bool {
    d.windows(2).all(|w| w[0] == w[1])
}

fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub(super) fn valid_date(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// A two-digit year is valid if the date exists in the 1900s or the 2000s.
pub(super) fn valid_date_yy(yy: u32, m: u32, d: u32) -> bool {
    valid_date(1900 + yy, m, d) || valid_date(2000 + yy, m, d)
}

pub(super) fn two(d: &[u32], i: usize) -> u32 {
    d[i] * 10 + d[i + 1]
}

/// Luhn over digit values (the rightmost digit is the check digit).
pub(super) fn luhn(d: &[u32]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 1 {
                if x * 2 > 9 {
                    x * 2 - 9
                } else {
                    x * 2
                }
            } else {
                x
            }
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_inline_and_past_it() {
        for n in [
            0,
            1,
            Digits::INLINE - 1,
            Digits::INLINE,
            Digits::INLINE + 1,
            100,
        ] {
            let s: Vec<u8> = (0..n).map(|i| b"0123456789"[i % 10]).collect();
            let with_seps: Vec<u8> = s.iter().flat_map(|&b| [b, b'-']).collect();
            let want: Vec<u32> = (0..n).map(|i| (i % 10) as u32).collect();
            let d = digits(&with_seps, b"-").unwrap();
            assert_eq!(&d[..], &want[..], "{n} digits");
            // Inline while the text is at most `INLINE` bytes, separators included.
            let plain = digits(&s, b"-").unwrap();
            assert_eq!(&plain[..], &want[..], "{n} digits");
            assert_eq!(matches!(plain, Digits::Heap(_)), n > Digits::INLINE);
        }
        assert!(digits(b"12a3", b"-").is_none());
        assert_eq!(&digits(b"", b"").unwrap()[..], &[] as &[u32]);
    }
}
