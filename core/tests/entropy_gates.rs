//! Issue 15, item 7: an entropy gate must not drop real tokens. For every built-in rule with an
//! `entropy(min)` validator, 100,000 random tokens in the format of the rule's first example
//! (its fixed prefix and separators kept, every other character drawn from the alphabet that
//! the example's characters belong to) go through the gate; at most 0.1% may be rejected.

use redactum::validators::shannon_entropy;
use redactum::{Redactor, RuleSpec};

const TOKENS: usize = 100_000;
/// At most 0.1% rejected.
const MAX_REJECTED: usize = TOKENS / 1000;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn entropy_min(spec: &RuleSpec) -> Option<f64> {
    spec.validators.iter().find_map(|v| {
        v.trim()
            .strip_prefix("entropy(")?
            .strip_suffix(')')?
            .trim()
            .parse()
            .ok()
    })
}

/// The format of a token: a fixed prefix (letters and digits up to a `_` or `-` in the first
/// 16 bytes, e.g. `hf_`, `sk-proj-`), then per position either a kept byte (separators, `=`
/// padding) or a draw from the alphabet.
struct Format {
    prefix: Vec<u8>,
    slots: Vec<Option<u8>>,
    alphabet: Vec<u8>,
}

fn format_of(secret: &[u8]) -> Format {
    let head = &secret[..secret.len().min(16)];
    let cut = head
        .iter()
        .rposition(|&b| b == b'_' || b == b'-')
        .filter(|&i| head[..i].iter().all(u8::is_ascii_alphanumeric) && i + 8 < secret.len())
        .map_or(0, |i| i + 1);
    let (prefix, rest) = secret.split_at(cut);
    let has = |f: fn(&u8) -> bool| rest.iter().any(f);
    let hex_lower = rest
        .iter()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b) || !b.is_ascii_alphanumeric());
    let hex_upper = rest
        .iter()
        .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b) || !b.is_ascii_alphanumeric());
    let mut alphabet: Vec<u8> = Vec::new();
    if hex_lower && has(u8::is_ascii_lowercase) {
        alphabet.extend(b"0123456789abcdef");
    } else if hex_upper && has(u8::is_ascii_uppercase) {
        alphabet.extend(b"0123456789ABCDEF");
    } else {
        if has(u8::is_ascii_uppercase) {
            alphabet.extend(b'A'..=b'Z');
        }
        if has(u8::is_ascii_lowercase) {
            alphabet.extend(b'a'..=b'z');
        }
        if has(u8::is_ascii_digit) {
            alphabet.extend(b'0'..=b'9');
        }
    }
    for s in [b'+', b'/'] {
        if rest.contains(&s) {
            alphabet.push(s);
        }
    }
    let slots = rest
        .iter()
        .map(|&b| (!alphabet.contains(&b)).then_some(b))
        .collect();
    Format {
        prefix: prefix.to_vec(),
        slots,
        alphabet,
    }
}

#[test]
fn entropy_gates_keep_random_tokens_of_their_format() {
    let red = Redactor::builder().build().unwrap();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, text) in redactum::builtin_rule_files() {
        for spec in redactum::parse_rules(file, text).unwrap() {
            let Some(min) = entropy_min(&spec) else {
                continue;
            };
            let Some(example) = spec.examples.first() else {
                continue;
            };
            let Some(f) = red
                .find_overlapping(example.as_bytes())
                .into_iter()
                .find(|f| f.rule_id() == spec.id)
            else {
                failures.push(format!("{}: first example not found", spec.id));
                continue;
            };
            let secret = &example.as_bytes()[f.span()];
            let fmt = format_of(secret);
            if fmt.alphabet.len() < 2 {
                continue;
            }
            checked += 1;
            let mut token = Vec::with_capacity(secret.len());
            let mut rejected = 0;
            for _ in 0..TOKENS {
                token.clear();
                token.extend_from_slice(&fmt.prefix);
                for slot in &fmt.slots {
                    token.push(slot.unwrap_or_else(|| fmt.alphabet[rng.below(fmt.alphabet.len())]));
                }
                if shannon_entropy(&token) < min {
                    rejected += 1;
                }
            }
            if rejected > MAX_REJECTED {
                failures.push(format!(
                    "{file}: {} entropy({min}) rejects {rejected} of {TOKENS} random tokens like {:?} (alphabet {})",
                    spec.id,
                    String::from_utf8_lossy(&token),
                    fmt.alphabet.len()
                ));
            }
        }
    }
    assert!(checked > 50, "only {checked} gated rules checked");
    assert!(
        failures.is_empty(),
        "{} gates too strict:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
