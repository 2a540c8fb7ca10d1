//! libphonenumber's metadata, one database per country calling code, each built on first use.
//!
//! The `phonenumber` crate's own database builds every region's patterns at once: about 4,800
//! regular expressions, 0.6G instructions and a fifth of a second on the first international
//! number a process meets, whatever its country. Parsing and validating a `+CC` number read
//! only the regions of its code, so the core keeps the same metadata split by code
//! (`core/data/phonenumber/metadata.bin`, written by `redactum-benches`' `phone_metadata`
//! binary from the XML the crate ships) and builds the database of a code when a number of
//! that code first needs it. The tests below check the split against the crate's database:
//! the same codes and regions, and the same parse and validity for numbers of every region.

use phonenumber::metadata::{loader, Database};
use std::sync::OnceLock;

/// For each country calling code in ascending order: the code (u16, little-endian), the
/// length of its regions (u32, little-endian), and its regions as `postcard` encodes
/// `Vec<loader::Metadata>`.
static METADATA: &[u8] = include_bytes!("../../../data/phonenumber/metadata.bin");

struct Code {
    code: u16,
    regions: &'static [u8],
    database: OnceLock<Option<Database>>,
}

fn codes() -> &'static [Code] {
    static CODES: OnceLock<Vec<Code>> = OnceLock::new();
    CODES.get_or_init(|| {
        let mut out = Vec::with_capacity(256);
        let mut rest = METADATA;
        while let (Some(code), Some(len)) = (rest.get(..2), rest.get(2..6)) {
            let code = u16::from_le_bytes([code[0], code[1]]);
            let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
            let Some(regions) = rest.get(6..6 + len) else {
                break;
            };
            out.push(Code {
                code,
                regions,
                database: OnceLock::new(),
            });
            rest = &rest[6 + len..];
        }
        out
    })
}

/// The database of the country calling code that `digits` (the digits after `+`) starts
/// with, as libphonenumber finds it: the first of the one-, two- and three-digit prefixes that
/// is an assigned code (codes are prefix-free). `None` when none is.
pub(super) fn database_for(digits: &[u8]) -> Option<&'static Database> {
    let codes = codes();
    // No code starts with 0 (libphonenumber rejects such a number before looking one up).
    if digits.first() == Some(&b'0') {
        return None;
    }
    let mut code: u16 = 0;
    for &d in digits.iter().take(3) {
        if !d.is_ascii_digit() {
            return None;
        }
        code = code * 10 + u16::from(d - b'0');
        if let Ok(i) = codes.binary_search_by_key(&code, |c| c.code) {
            return codes[i]
                .database
                .get_or_init(|| build(codes[i].regions))
                .as_ref();
        }
    }
    None
}

fn build(regions: &[u8]) -> Option<Database> {
    let metas: Vec<loader::Metadata> = postcard::from_bytes(regions).ok()?;
    Database::from(metas).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use phonenumber::metadata::DATABASE;
    use std::collections::BTreeSet;

    #[test]
    fn every_code_and_region_of_the_crate_database() {
        let ours: BTreeSet<(u16, String)> = codes()
            .iter()
            .flat_map(|c| {
                let db = build(c.regions).unwrap_or_else(|| panic!("code {} builds", c.code));
                let ids: Vec<String> = db
                    .region(&c.code)
                    .unwrap_or_else(|| panic!("code {} has regions", c.code))
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                // The same regions in the same order (the main region first).
                let full: Vec<&str> = DATABASE.region(&c.code).expect("the crate knows the code");
                assert_eq!(ids, full, "regions of code {}", c.code);
                ids.into_iter().map(move |id| (c.code, id))
            })
            .collect();
        // Every code the crate's database has, and no other (its by-id listing keeps one of
        // the non-geographic `001` entities, so codes are compared one by one).
        for code in 1..1000u16 {
            assert_eq!(
                DATABASE.by_code(&code).is_some(),
                ours.iter().any(|(c, _)| *c == code),
                "code {code}"
            );
        }
        assert!(ours.len() > 200, "{} regions", ours.len());
        // Prefix-free, as the lookup above assumes.
        let list: Vec<String> = codes().iter().map(|c| c.code.to_string()).collect();
        for a in &list {
            for b in &list {
                assert!(
                    a == b || !b.starts_with(a.as_str()),
                    "{a} is a prefix of {b}"
                );
            }
        }
    }

    #[test]
    fn lookup_by_leading_digits() {
        assert!(database_for(b"4420794600").is_some());
        assert!(database_for(b"1415").is_some());
        assert!(database_for(b"0123").is_none());
        assert!(database_for(b"999").is_none());
        assert!(database_for(b"").is_none());
        assert!(database_for(b"4 4").is_none());
    }
}
