//! Digit and calendar helpers shared by the personal-data validators: digit values with
//! separators skipped, weighted sums, Luhn over digit values, and dates from digit fields.

/// The digit values of `s`, skipping the bytes in `seps`; `None` if anything else occurs.
pub(super) fn digits(s: &[u8], seps: &[u8]) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(s.len());
    for &b in s {
        if b.is_ascii_digit() {
            out.push((b - b'0') as u32);
        } else if !seps.contains(&b) {
            return None;
        }
    }
    Some(out)
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
