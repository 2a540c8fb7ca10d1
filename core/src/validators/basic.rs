//! The basic validators: entropy, Luhn, IBAN mod-97 and the placeholder filter.

use super::Check;

/// `entropy(min)`: at least `min` bits per byte (see [`shannon_entropy`]).
pub(super) fn entropy_factory(arg: Option<&str>) -> Result<Check, String> {
    let arg = arg.ok_or("needs a minimum in bits per character, e.g. entropy(3.5)")?;
    let min: f64 = arg
        .parse()
        .map_err(|_| format!("`{arg}` is not a number of bits per character"))?;
    if !(0.0..=8.0).contains(&min) {
        return Err(format!("minimum {min} is outside 0..=8 bits per character"));
    }
    Ok(Box::new(move |s: &[u8]| shannon_entropy(s) >= min))
}

/// Test hook (see `TEST_REGISTRY`): fails (panics) on a candidate containing "PANIC", to exercise fail-closed.
#[cfg(any(test, feature = "test-hooks"))]
pub(super) fn test_panic(s: &[u8]) -> bool {
    if memchr::memmem::find(s, b"PANIC").is_some() {
        panic!("test-panic validator");
    }
    true
}

/// Shannon entropy of the byte distribution, in bits per byte.
pub fn shannon_entropy(s: &[u8]) -> f64 {
    if s.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    // The bytes present, so that only their counts are visited (in byte order, as a scan of
    // all 256 counts would add them: the sum is the same to the bit).
    let mut present = [0u64; 4];
    for &b in s {
        counts[b as usize] += 1;
        present[usize::from(b >> 6)] |= 1 << (b & 63);
    }
    let n = s.len() as f64;
    let term = |c: u32| {
        let p = f64::from(c) / n;
        -p * p.log2()
    };
    // A term depends only on its count: most bytes of a token share a few small counts, so
    // each small count's term is computed once (and added as often, in byte order).
    let mut small = [f64::NAN; 16];
    let mut sum = 0.0;
    for (w, &bits) in present.iter().enumerate() {
        let mut m = bits;
        while m != 0 {
            let c = counts[w * 64 + m.trailing_zeros() as usize];
            sum += match small.get_mut(c as usize) {
                Some(t) if t.is_nan() => {
                    *t = term(c);
                    *t
                }
                Some(t) => *t,
                None => term(c),
            };
            m &= m - 1;
        }
    }
    sum
}

/// Luhn (mod 10) over the digits of `s`; spaces and dashes are ignored, anything else fails.
/// At least two digits are required.
pub fn luhn_valid(s: &[u8]) -> bool {
    let mut sum = 0u32;
    let mut n = 0usize;
    for &b in s.iter().rev() {
        match b {
            b'0'..=b'9' => {
                let mut d = (b - b'0') as u32;
                if n % 2 == 1 {
                    d *= 2;
                    if d > 9 {
                        d -= 9;
                    }
                }
                sum += d;
                n += 1;
            }
            b' ' | b'-' => {}
            _ => return false,
        }
    }
    n >= 2 && sum % 10 == 0
}

/// ISO 13616 IBAN check: move the first four characters to the end, letters to numbers
/// (A=10..Z=35), the remainder mod 97 must be 1. Spaces are ignored; lower case is accepted.
pub fn mod97_valid(s: &[u8]) -> bool {
    let chars: Vec<u8> = s.iter().copied().filter(|b| *b != b' ').collect();
    if chars.len() < 5 || chars.len() > 34 {
        return false;
    }
    if !chars[..2].iter().all(u8::is_ascii_alphabetic)
        || !chars[2..4].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &b in chars[4..].iter().chain(&chars[..4]) {
        let v = match b {
            b'0'..=b'9' => (b - b'0') as u32,
            b'A'..=b'Z' => (b - b'A') as u32 + 10,
            b'a'..=b'z' => (b - b'a') as u32 + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// True for values that are obviously not real secrets: template variables and code references,
/// angle-bracket placeholders, runs of one character, sequences, and values made only of
/// stand-in words (`changeme`, `YOUR_API_KEY_HERE`, `none`). Words count only as the whole
/// value: `Q7v!truex9Lm` and `Password123!` are real passwords (issue 15, item 10).
pub(crate) fn is_placeholder(s: &[u8]) -> bool {
    let t = trim_quotes(s);
    if t.is_empty() {
        return true;
    }
    // ${VAR}, $VAR, {{ var }}, #{Var}#, <your-key>, %VAR%, [REDACTED...]
    if (t.starts_with(b"${") && t.ends_with(b"}"))
        || (t.starts_with(b"{{") && t.ends_with(b"}}"))
        || (t.starts_with(b"#{") && (t.ends_with(b"}") || t.ends_with(b"}#")))
        || (t.starts_with(b"<") && t.ends_with(b">"))
        || (t.starts_with(b"%") && t.ends_with(b"%") && t.len() > 2)
        || (t[0] == b'$'
            && t[1..]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'_'))
    {
        return true;
    }
    // one character repeated (xxxx, ****, 0000), ignoring a short prefix such as "sk-"
    let distinct = {
        let mut seen = [false; 256];
        let mut n = 0;
        for &b in t {
            if !seen[b as usize] {
                seen[b as usize] = true;
                n += 1;
            }
        }
        n
    };
    if distinct <= 2 && t.len() >= 4 {
        return true;
    }
    // A template or a code reference anywhere: the value is read from somewhere else.
    if code_references().is_match(t) {
        return true;
    }
    // A number that holds a run of eight sequential digits is a dummy id (`912345678`).
    if t.iter().all(u8::is_ascii_digit)
        && [&b"12345678"[..], b"23456789", b"98765432", b"87654321"]
            .iter()
            .any(|run| memchr::memmem::find(t, run).is_some())
    {
        return true;
    }
    DUMMY_VALUES
        .iter()
        .any(|d| t.eq_ignore_ascii_case(d.as_bytes()))
        || is_stand_in_words(t)
        || is_sequence(t)
}

/// Template syntax and code that reads a value from elsewhere, in one automaton.
fn code_references() -> &'static aho_corasick::AhoCorasick {
    static REFS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    REFS.get_or_init(|| {
        const LIST: &[&str] = &["${", "{{", "process.env", "os.environ", "getenv", "env("];
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(LIST)
            .expect("a small fixed automaton")
    })
}

/// Whole values that are well-known dummies although they are not made of stand-in words.
const DUMMY_VALUES: &[&str] = &[
    "test1234", "12345678", "abcdefgh", "qwerty", "letmein", "hunter2", "foobar", "xxxx", "****",
];

/// Words that, when a value is made only of them, make it a stand-in: `changeme`,
/// `YOUR_API_KEY_HERE`, `replace-me`, `<none>`, `insert_token_here`, `not_real`.
const STAND_IN_WORDS: &[&str] = &[
    "a",
    "an",
    "this",
    "is",
    "changeme",
    "change",
    "me",
    "replaceme",
    "replace",
    "password",
    "passwd",
    "secret",
    "example",
    "placeholder",
    "your",
    "yourkey",
    "my",
    "insert",
    "enter",
    "put",
    "redacted",
    "dummy",
    "sample",
    "todo",
    "fixme",
    "tbd",
    "notreal",
    "not",
    "real",
    "fake",
    "none",
    "null",
    "nil",
    "undefined",
    "true",
    "false",
    "here",
    "goes",
    "the",
    "api",
    "key",
    "token",
    "value",
    "xxx",
    "xxxx",
    "test",
    "foo",
    "bar",
    "foobar",
];

/// True if `t` is made only of stand-in words written with `_`, `-`, `.` or
/// spaces between them (or in camel case), without digits or other symbols.
pub(crate) fn is_stand_in_words(t: &[u8]) -> bool {
    if !t
        .iter()
        .all(|&b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'-' | b'.' | b' '))
    {
        return false;
    }
    let mut words = 0;
    let mut start = 0;
    for i in 0..=t.len() {
        let boundary = i == t.len()
            || !t[i].is_ascii_alphabetic()
            || (i > start && t[i - 1].is_ascii_lowercase() && t[i].is_ascii_uppercase());
        if !boundary {
            continue;
        }
        if i > start {
            let w = &t[start..i];
            if !STAND_IN_WORDS
                .iter()
                .any(|s| w.eq_ignore_ascii_case(s.as_bytes()))
            {
                return false;
            }
            words += 1;
        }
        start = if i < t.len() && t[i].is_ascii_alphabetic() {
            i
        } else {
            i + 1
        };
    }
    words > 0
}

fn trim_quotes(s: &[u8]) -> &[u8] {
    let mut t = s;
    while let [b'"' | b'\'' | b'`', rest @ ..] = t {
        t = rest;
    }
    while let [rest @ .., b'"' | b'\'' | b'`'] = t {
        t = rest;
    }
    t
}

/// "abcdef", "123456", "987654" (any case): strictly sequential characters.
fn is_sequence(s: &[u8]) -> bool {
    let l = |b: u8| b.to_ascii_lowercase();
    s.len() >= 6
        && (s.windows(2).all(|w| l(w[1]) == l(w[0]).wrapping_add(1))
            || s.windows(2).all(|w| l(w[1]) == l(w[0]).wrapping_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn_valid(b"4111111111111111"));
        assert!(luhn_valid(b"4111 1111 1111 1111"));
        assert!(luhn_valid(b"5500-0000-0000-0004"));
        assert!(luhn_valid(b"79927398713"));
        assert!(!luhn_valid(b"4111111111111112"));
        assert!(!luhn_valid(b"79927398710"));
        assert!(!luhn_valid(b"4111a111"));
        assert!(!luhn_valid(b"0"));
    }

    #[test]
    fn mod97_known_values() {
        assert!(mod97_valid(b"GB82WEST12345698765432"));
        assert!(mod97_valid(b"DE89370400440532013000"));
        assert!(mod97_valid(b"DE89 3704 0044 0532 0130 00"));
        assert!(mod97_valid(b"FR1420041010050500013M02606"));
        assert!(!mod97_valid(b"GB82WEST12345698765433"));
        assert!(!mod97_valid(b"DE88370400440532013000"));
        assert!(!mod97_valid(b"1234"));
    }

    #[test]
    fn entropy_bounds() {
        assert_eq!(shannon_entropy(b""), 0.0);
        assert_eq!(shannon_entropy(b"aaaa"), 0.0);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-9);
        assert!(shannon_entropy(b"q8Zr2LxV0pN7fK3mW9sT") > 4.0);
    }

    proptest::proptest! {
        /// The same value, to the bit, as the sum over all 256 counts in byte order.
        #[test]
        fn entropy_is_that_of_all_counts(s in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let reference = if s.is_empty() {
                0.0
            } else {
                let mut counts = [0u32; 256];
                for &b in &s {
                    counts[b as usize] += 1;
                }
                let n = s.len() as f64;
                counts
                    .iter()
                    .filter(|&&c| c > 0)
                    .fold(0.0, |acc, &c| {
                        let p = c as f64 / n;
                        acc + -p * p.log2()
                    })
            };
            proptest::prop_assert_eq!(shannon_entropy(&s).to_bits(), f64::to_bits(reference));
        }
    }

    #[test]
    fn placeholders() {
        for p in [
            "${DB_PASSWORD}",
            "<your-api-key>",
            "xxxxxxxx",
            "********",
            "changeme",
            "'changeme'",
            "{{ secret }}",
            "$PASSWORD",
            "abcdefgh",
            "123456789",
            "%API_KEY%",
            "your_token_here",
            "YOUR_API_KEY_HERE",
            "REPLACE_ME",
            "none",
            "true",
            "secret",
            "password",
            "todo",
            "not-real",
            "insertYourTokenHere",
        ] {
            assert!(is_placeholder(p.as_bytes()), "{p} should be a placeholder");
        }
        for real in [
            "q8Zr2LxV0pN7fK3mW9sT",
            "Tr0ub4dor&3",
            "hX9#kq2!Lm",
            // Issue 15, item 10: stand-in words inside a real password.
            "Q7v!truex9Lm",
            "Password123!",
            "MySecretIs42",
            "n0nesuch-Todo7",
            "falsehood9X",
        ] {
            assert!(
                !is_placeholder(real.as_bytes()),
                "{real} is not a placeholder"
            );
        }
    }
}
