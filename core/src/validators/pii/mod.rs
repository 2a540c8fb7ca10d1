//! Check algorithms for personal data: national identifiers, bank and card numbers, network
//! and wallet addresses, phone numbers and dates.
//!
//! Every function takes the secret part as the rule matched it, strips the separators that the
//! rule's pattern allows (spaces, dashes, dots, slashes, parentheses where the format has them)
//! and returns true when the value passes its format's own check. Anything else is rejected, so
//! a validator never accepts a candidate it does not understand.
//!
//! The files follow the rule files in `core/rules/`: `pii-global.toml` is checked by
//! `payment`, `network`, `phone`, `wallets` and `dates`; `pii-national-americas.toml` by
//! `americas`, `pii-national-europe.toml` by `europe` and `pii-national-asia-africa.toml` by
//! `asia_africa`. `check_digits` holds the generic schemes that rules also name on their own
//! (ISO 7064, Verhoeff), and `digits` the digit and calendar helpers that all of them share.

pub(super) mod americas;
pub(super) mod asia_africa;
pub(super) mod check_digits;
pub(super) mod dates;
mod digits;
pub(super) mod europe;
pub(super) mod network;
pub(super) mod payment;
pub(super) mod phone;
mod phone_metadata;
pub(super) mod wallets;

/// Asserts that `f` accepts every value in `good` and rejects every value in `bad`.
#[cfg(test)]
fn all(f: fn(&[u8]) -> bool, good: &[&str], bad: &[&str]) {
    for g in good {
        assert!(f(g.as_bytes()), "{g} should be valid");
    }
    for b in bad {
        assert!(!f(b.as_bytes()), "{b} should be invalid");
    }
}
