//! Generic check-digit schemes that rules name on their own: ISO 7064 MOD 11,10 (German
//! tax id, Croatian OIB) and Verhoeff (Aadhaar).

use super::digits::{all_same, digits};

/// ISO 7064 MOD 11,10 (pure system, hybrid): German tax id, Croatian OIB.
pub(super) fn iso7064_mod11_10(d: &[u32]) -> bool {
    if d.len() < 2 {
        return false;
    }
    let (body, check) = d.split_at(d.len() - 1);
    let mut p = 10;
    for &x in body {
        let mut s = (x + p) % 10;
        if s == 0 {
            s = 10;
        }
        p = (s * 2) % 11;
    }
    (11 - p) % 10 == check[0]
}

/// ISO 7064 MOD 11,10 over the digits (spaces, dashes and dots ignored).
pub fn iso7064_mod11_10_valid(s: &[u8]) -> bool {
    match digits(s, b" -.") {
        Some(d) if d.len() >= 2 && !all_same(&d) => iso7064_mod11_10(&d),
        _ => false,
    }
}

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Verhoeff (dihedral group D5) check over the digits, check digit last: Aadhaar.
/// Spaces and dashes are ignored; a run of one repeated digit is rejected.
pub fn verhoeff_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    if d.len() < 2 || all_same(&d) {
        return false;
    }
    let mut c = 0usize;
    for (i, &x) in d.iter().rev().enumerate() {
        c = VERHOEFF_D[c][VERHOEFF_P[i % 8][x as usize] as usize] as usize;
    }
    c == 0
}

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

    #[test]
    fn iso7064_mod11_10_values() {
        // Croatian OIB specimen 69435151530; German tax-id specimen 86095742719.
        all(
            iso7064_mod11_10_valid,
            &["69435151530", "86095742719", "12345678903"],
            &["69435151531", "86095742710", "11111111111"],
        );
    }

    #[test]
    fn verhoeff_values() {
        // 236 -> check 3 (the classic worked example); Aadhaar-shaped numbers built the same way.
        all(
            verhoeff_valid,
            &["2363", "234123412346", "2341 2341 2346", "499118665246"],
            &["2364", "234123412345", "499118665247", "222222222222"],
        );
    }
}
