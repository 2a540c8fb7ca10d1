//! National identifiers of Asia, Oceania and Africa (`pii-national-asia-africa.toml`).

use super::digits::{
    all_same, compact, digits, luhn, number, two, valid_date, valid_date_yy, weighted,
};

/// Australia tax file number: 9 digits (weights 1,4,3,7,5,8,6,9,10) or the older 8 digits
/// (10,7,8,4,6,3,5,1); weighted sum mod 11 is 0.
pub fn au_tfn_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    if all_same(&d) {
        return false;
    }
    match d.len() {
        9 => weighted(&d, &[1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 == 0,
        8 => weighted(&d, &[10, 7, 8, 4, 6, 3, 5, 1]) % 11 == 0,
        _ => false,
    }
}

/// Australia Medicare card number: 10 digits (11 with the individual reference), first digit
/// 2-6, check digit 9 = weighted sum (1,3,7,9,1,3,7,9) mod 10.
pub fn au_medicare_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    (d.len() == 10 || d.len() == 11)
        && (2..=6).contains(&d[0])
        && weighted(&d, &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == d[8]
}

/// Singapore NRIC/FIN (S, T, F, G series): 7 digits, weights 2,7,6,5,4,3,2, offset 4 for T/G,
/// check letter from the series table.
pub fn sg_nric_valid(s: &[u8]) -> bool {
    let c = compact(s, b"");
    if c.len() != 9 {
        return false;
    }
    let Some(d) = digits(&c[1..8], b"") else {
        return false;
    };
    let offset = if c[0] == b'T' || c[0] == b'G' { 4 } else { 0 };
    let r = ((weighted(&d, &[2, 7, 6, 5, 4, 3, 2]) + offset) % 11) as usize;
    let table: &[u8] = match c[0] {
        b'S' | b'T' => b"JZIHGFEDCBA",
        b'F' | b'G' => b"XWUTRQPNMLK",
        _ => return false,
    };
    table[r] == c[8]
}

/// China resident identity card (GB 11643): 17 digits + ISO 7064 MOD 11-2 check (0-9 or X),
/// a region code starting 1-8 and a valid birth date YYYYMMDD.
pub fn cn_resident_id_valid(s: &[u8]) -> bool {
    let c = compact(s, b"");
    if c.len() != 18 {
        return false;
    }
    let Some(d) = digits(&c[..17], b"") else {
        return false;
    };
    if !(1..=8).contains(&d[0]) || !valid_date(number(&d[6..10]) as u32, two(&d, 10), two(&d, 12)) {
        return false;
    }
    if !(1900..=2029).contains(&number(&d[6..10])) {
        return false;
    }
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &x)| x * ((1u32 << (17 - i)) % 11))
        .sum();
    let check = (12 - sum % 11) % 11;
    let expected = if check == 10 {
        b'X'
    } else {
        b'0' + check as u8
    };
    c[17] == expected
}

/// Japan My Number (individual number): 12 digits, check = 11 - (sum P_n * Q_n mod 11), 0 when
/// the remainder is 0 or 1.
pub fn jp_my_number_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    if d.len() != 12 || all_same(&d) {
        return false;
    }
    let sum: u32 = (1..=11u32)
        .map(|n| d[11 - n as usize] * if n <= 6 { n + 1 } else { n - 5 })
        .sum();
    let r = sum % 11;
    (if r <= 1 { 0 } else { 11 - r }) == d[11]
}

/// South Korea resident registration number: YYMMDD-SNNNNNC, sex/century digit 1-8 (9, 0 for
/// the 1800s) and the mod-11 check digit (weights 2..9, 2..5).
pub fn kr_rrn_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"- ") else {
        return false;
    };
    if d.len() != 13 {
        return false;
    }
    let century = match d[6] {
        1 | 2 | 5 | 6 => 1900,
        3 | 4 | 7 | 8 => 2000,
        9 | 0 => 1800,
        _ => return false,
    };
    if !valid_date(century + two(&d, 0), two(&d, 2), two(&d, 4)) {
        return false;
    }
    let sum = weighted(&d, &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]);
    (11 - sum % 11) % 10 == d[12]
}

/// Hong Kong identity card: 1-2 letters, 6 digits, check digit or A in optional parentheses.
pub fn hk_hkid_valid(s: &[u8]) -> bool {
    let c = compact(s, b"() ");
    if !(8..=9).contains(&c.len()) {
        return false;
    }
    let letters = c.len() - 7;
    if !c[..letters].iter().all(u8::is_ascii_uppercase)
        || !c[letters..c.len() - 1].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let mut vals: Vec<u32> = Vec::with_capacity(8);
    if letters == 1 {
        vals.push(36);
    }
    vals.extend(c[..letters].iter().map(|&b| (b - b'A') as u32 + 10));
    vals.extend(c[letters..c.len() - 1].iter().map(|&b| (b - b'0') as u32));
    let sum = weighted(&vals, &[9, 8, 7, 6, 5, 4, 3, 2]);
    let check = (11 - sum % 11) % 11;
    let expected = if check == 10 {
        b'A'
    } else {
        b'0' + check as u8
    };
    c[c.len() - 1] == expected
}

/// Taiwan national identification number: letter + sex digit (1, 2; 8, 9 for residents) +
/// 8 digits, checksum over the two-digit area code of the letter.
pub fn tw_national_id_valid(s: &[u8]) -> bool {
    if s.len() != 10 || !s[0].is_ascii_uppercase() {
        return false;
    }
    let Some(d) = digits(&s[1..], b"") else {
        return false;
    };
    if ![1, 2, 8, 9].contains(&d[0]) {
        return false;
    }
    const CODES: [u32; 26] = [
        10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32,
        30, 31, 33,
    ];
    let code = CODES[(s[0] - b'A') as usize];
    let sum = code / 10 + (code % 10) * 9 + weighted(&d, &[8, 7, 6, 5, 4, 3, 2, 1, 1]);
    sum % 10 == 0
}

/// South Africa identity number: YYMMDD SSSS C A Z, citizenship digit 0/1/2, Luhn check.
pub fn za_id_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" ") else {
        return false;
    };
    d.len() == 13 && valid_date_yy(two(&d, 0), two(&d, 2), two(&d, 4)) && d[10] <= 2 && luhn(&d)
}

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

    #[test]
    fn au_values() {
        // 123 456 782 is the ATO's published example TFN.
        all(
            au_tfn_valid,
            &["123 456 782", "123456782", "876 543 210"],
            &["123 456 781", "111111111", "12345678901"],
        );
        all(
            au_medicare_valid,
            &["2123 45670 1", "2123456701", "4811 22288 2"],
            &["2123 45671 1", "7123456701", "212345670"],
        );
    }

    #[test]
    fn sg_nric_values() {
        all(
            sg_nric_valid,
            &["S1234567D", "T1234567J", "F1234567N", "G1234567X"],
            &["S1234567A", "T1234567D", "X1234567D", "S123456D"],
        );
    }

    #[test]
    fn cn_resident_id_values() {
        // 11010519491231002X is the specimen of GB 11643-1999.
        all(
            cn_resident_id_valid,
            &[
                "11010519491231002X",
                "440305199107073324",
                "210202195105248818",
            ],
            &[
                "110105194912310021",
                "11010519491331002X",
                "91010519491231002X",
            ],
        );
    }

    #[test]
    fn jp_my_number_values() {
        all(
            jp_my_number_valid,
            &[
                "123456789018",
                "1234 5678 9018",
                "812056734346",
                "5336 4717 6419",
            ],
            &["123456789017", "111111111111", "12345678901"],
        );
    }

    #[test]
    fn kr_rrn_values() {
        all(
            kr_rrn_valid,
            &["960413-2350541", "6111092365606", "040907-3842873"],
            &["960413-2350542", "961313-2350541", "960413-A350541"],
        );
    }

    #[test]
    fn hk_hkid_values() {
        all(
            hk_hkid_valid,
            &["T124226(6)", "PY3415218", "A6656660", "A665666(0)"],
            &["T124226(5)", "A12345(3)", "1123456(3)"],
        );
    }

    #[test]
    fn tw_national_id_values() {
        all(
            tw_national_id_valid,
            &["A123456789", "F131104093"],
            &["A123456788", "A323456789", "a123456789"],
        );
    }

    #[test]
    fn za_id_values() {
        all(
            za_id_valid,
            &["8001015009087", "4607020583181", "6008026331188"],
            &["8001015009088", "8013015009087", "8001015009387"],
        );
    }
}
