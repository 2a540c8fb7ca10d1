//! National identifiers of Europe (`pii-national-europe.toml`), Turkey included.

use super::check_digits::iso7064_mod11_10;
use super::digits::{
    all_same, compact, digits, luhn, number, two, valid_date, valid_date_yy, weighted,
};

/// UK National Insurance number: two prefix letters (not D, F, I, Q, U, V; second not O; not
/// BG, GB, KN, NK, NT, TN, ZZ), six digits, suffix A-D. Spaces are ignored.
pub fn uk_nino_valid(s: &[u8]) -> bool {
    let c = compact(s, b" ");
    if c.len() != 9 || !c[2..8].iter().all(u8::is_ascii_digit) || !(b'A'..=b'D').contains(&c[8]) {
        return false;
    }
    let (a, b) = (c[0], c[1]);
    let bad = b"DFIQUV";
    a.is_ascii_uppercase()
        && b.is_ascii_uppercase()
        && !bad.contains(&a)
        && !bad.contains(&b)
        && b != b'O'
        && ![b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"]
            .iter()
            .any(|p| p[..] == c[..2])
}

/// NHS number (England, Wales, Isle of Man): 10 digits, mod 11 with weights 10..2; a remainder
/// giving 10 is never issued.
pub fn nhs_number_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    if d.len() != 10 || all_same(&d) {
        return false;
    }
    let check = match 11 - weighted(&d, &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11 {
        11 => 0,
        10 => return false,
        v => v,
    };
    check == d[9]
}

/// German tax identification number (Steuer-IdNr): 11 digits, no leading zero, in the first
/// ten digits exactly one digit repeated (two or three times), ISO 7064 MOD 11,10 check digit.
pub fn de_steuer_id_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" /") else {
        return false;
    };
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let mut counts = [0u32; 10];
    for &x in &d[..10] {
        counts[x as usize] += 1;
    }
    let repeated: Vec<u32> = counts.iter().copied().filter(|&c| c >= 2).collect();
    repeated.len() == 1 && repeated[0] <= 3 && iso7064_mod11_10(&d)
}

/// France NIR (numéro de sécurité sociale): 13 characters + 2-digit key = 97 - (N mod 97);
/// Corsican departments 2A/2B count as 19/18. Sex digit 1, 2 (or 3, 4, 7, 8 for provisional).
pub fn fr_nir_valid(s: &[u8]) -> bool {
    let mut c = compact(s, b" .-");
    if c.len() != 15 || !b"123478".contains(&c[0]) {
        return false;
    }
    let corsica = match &c[5..7] {
        b"2A" => Some(b"19"),
        b"2B" => Some(b"18"),
        _ => None,
    };
    if let Some(r) = corsica {
        c[5..7].copy_from_slice(r);
    }
    let Some(d) = digits(&c, b"") else {
        return false;
    };
    let month = two(&d, 3);
    if !matches!(month, 1..=12 | 20 | 30..=42 | 50..=99) {
        return false;
    }
    97 - number(&d[..13]) % 97 == number(&d[13..])
}

const DNI_LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Spain DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter): letter = table[n mod 23].
pub fn es_dni_valid(s: &[u8]) -> bool {
    let mut c = compact(s, b" -.");
    if c.len() != 9 {
        return false;
    }
    match c[0] {
        b'X' => c[0] = b'0',
        b'Y' => c[0] = b'1',
        b'Z' => c[0] = b'2',
        _ => {}
    }
    let Some(d) = digits(&c[..8], b"") else {
        return false;
    };
    DNI_LETTERS[(number(&d) % 23) as usize] == c[8] && !all_same(&d)
}

/// Italy codice fiscale: 16 characters, month letter, check character from the odd/even tables;
/// omocodia (digits replaced by LMNPQRSTUV) is accepted.
pub fn it_codice_fiscale_valid(s: &[u8]) -> bool {
    let c = compact(s, b"");
    if c.len() != 16 || !c.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    if !b"ABCDEHLMPRST".contains(&c[8]) {
        return false;
    }
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let mut sum = 0;
    for (i, &ch) in c[..15].iter().enumerate() {
        let v = if ch.is_ascii_digit() {
            (ch - b'0') as usize
        } else {
            (ch - b'A') as usize
        };
        sum += if i % 2 == 0 { ODD[v] } else { v as u32 };
    }
    c[15] == b'A' + (sum % 26) as u8
}

/// Netherlands BSN: 9 digits (8 with an implied leading zero), the "11-test" with weights
/// 9..2 and -1 for the last digit.
pub fn nl_bsn_valid(s: &[u8]) -> bool {
    let Some(found) = digits(s, b" .-") else {
        return false;
    };
    if !(8..=9).contains(&found.len()) {
        return false;
    }
    // Eight digits read with a leading zero.
    let mut d = [0u32; 9];
    d[9 - found.len()..].copy_from_slice(&found);
    if all_same(&d) {
        return false;
    }
    let sum = weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]) as i64 - d[8] as i64;
    sum > 0 && sum % 11 == 0
}

/// Belgium national register number: YYMMDD-SSS-CC, CC = 97 - (first 9 digits mod 97), with
/// a 2 prefixed for births from 2000; month may be 0 (unknown) or +20/+40 (bis numbers).
pub fn be_national_number_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" .-") else {
        return false;
    };
    if d.len() != 11 || !matches!(two(&d, 2), 0..=12 | 20..=32 | 40..=52) || two(&d, 4) > 31 {
        return false;
    }
    let base = number(&d[..9]);
    let check = number(&d[9..]);
    97 - base % 97 == check || 97 - (2_000_000_000 + base) % 97 == check
}

/// Poland PESEL: 11 digits, weights 1-3-7-9, birth date with the century in the month.
pub fn pl_pesel_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"") else {
        return false;
    };
    if d.len() != 11 || all_same(&d) {
        return false;
    }
    let check = (10 - weighted(&d, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10;
    let (yy, mm, dd) = (two(&d, 0), two(&d, 2), two(&d, 4));
    let (century, m) = match mm {
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        81..=92 => (1800, mm - 80),
        _ => return false,
    };
    check == d[10] && valid_date(century + yy, m, dd)
}

/// Sweden personnummer / samordningsnummer: [YY]YYMMDD[-+]NNNC, Luhn over the last 10 digits;
/// coordination numbers add 60 to the day.
pub fn se_personnummer_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"-+ ") else {
        return false;
    };
    let d = match d.len() {
        10 => &d[..],
        12 => {
            let year = number(&d[..4]);
            if !(1870..=2029).contains(&year) {
                return false;
            }
            &d[2..]
        }
        _ => return false,
    };
    let day = two(d, 4);
    let day = if day > 60 { day - 60 } else { day };
    valid_date_yy(two(d, 0), two(d, 2), day) && luhn(d) && !all_same(&d[6..])
}

/// Finland henkilötunnus: DDMMYY, century sign (+, -, A-F, U-Y), individual number 002-899 and
/// check character = table[DDMMYYNNN mod 31].
pub fn fi_hetu_valid(s: &[u8]) -> bool {
    let c = compact(s, b"");
    if c.len() != 11 {
        return false;
    }
    let century = match c[6] {
        b'+' => 1800,
        b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => 1900,
        b'A'..=b'F' => 2000,
        _ => return false,
    };
    let Some(a) = digits(&c[..6], b"") else {
        return false;
    };
    let Some(b) = digits(&c[7..10], b"") else {
        return false;
    };
    if !valid_date(century + two(&a, 4), two(&a, 2), two(&a, 0)) || !(2..=899).contains(&number(&b))
    {
        return false;
    }
    const T: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let n = number(&a) * 1000 + number(&b);
    T[(n % 31) as usize] == c[10]
}

/// Denmark CPR: DDMMYY-SSSS with a valid birth date (the old mod-11 rule is not applied: numbers
/// issued since 2007 need not satisfy it).
pub fn dk_cpr_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"- ") else {
        return false;
    };
    d.len() == 10 && valid_date_yy(two(&d, 4), two(&d, 2), two(&d, 0)) && !all_same(&d[6..])
}

/// Norway fødselsnummer / D-number: DDMMYY + 3-digit individual number + two mod-11 check
/// digits; D-numbers add 40 to the day, H-numbers 40 to the month.
pub fn no_fodselsnummer_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" ") else {
        return false;
    };
    if d.len() != 11 {
        return false;
    }
    let (mut day, mut month) = (two(&d, 0), two(&d, 2));
    if day > 40 {
        day -= 40;
    }
    if month > 40 {
        month -= 40;
    }
    if !valid_date_yy(two(&d, 4), month, day) {
        return false;
    }
    let k = |w: &[u32], n: usize| -> Option<u32> {
        match 11 - weighted(&d[..n], w) % 11 {
            11 => Some(0),
            10 => None,
            v => Some(v),
        }
    };
    k(&[3, 7, 6, 1, 8, 9, 4, 5, 2], 9) == Some(d[9])
        && k(&[5, 4, 3, 2, 7, 6, 5, 4, 3, 2], 10) == Some(d[10])
}

/// Switzerland AHV/AVS number: 756.XXXX.XXXX.XC, EAN-13 check digit.
pub fn ch_ahv_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b". ") else {
        return false;
    };
    if d.len() != 13 || number(&d[..3]) != 756 {
        return false;
    }
    let sum: u32 = d[..12]
        .iter()
        .enumerate()
        .map(|(i, &x)| if i % 2 == 0 { x } else { 3 * x })
        .sum();
    (10 - sum % 10) % 10 == d[12]
}

/// Austria social insurance number: SSSC DDMMYY, check digit C = weighted sum mod 11 (never 10).
pub fn at_svnr_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" ") else {
        return false;
    };
    if d.len() != 10 || d[0] == 0 {
        return false;
    }
    let sum = weighted(&d, &[3, 7, 9, 0, 5, 8, 4, 2, 1, 6]);
    sum % 11 == d[3] && two(&d, 4) <= 31 && two(&d, 6) <= 12
}

/// Portugal NIF: 9 digits, mod-11 check digit with weights 9..2.
pub fn pt_nif_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" ") else {
        return false;
    };
    if d.len() != 9 || !matches!(d[0], 1 | 2 | 3 | 5 | 6 | 8 | 9) || all_same(&d) {
        return false;
    }
    let r = 11 - weighted(&d, &[9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    (if r >= 10 { 0 } else { r }) == d[8]
}

/// Ireland PPS number: 7 digits, check letter (mod 23), optional second letter (A, B, H, W...).
pub fn ie_ppsn_valid(s: &[u8]) -> bool {
    let c = compact(s, b" ");
    if !(8..=9).contains(&c.len()) {
        return false;
    }
    let Some(d) = digits(&c[..7], b"") else {
        return false;
    };
    if !c[7..].iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    let mut sum = weighted(&d, &[8, 7, 6, 5, 4, 3, 2]);
    if c.len() == 9 && c[8] != b'W' {
        sum += (c[8] - b'A' + 1) as u32 * 9;
    }
    b"WABCDEFGHIJKLMNOPQRSTUV"[(sum % 23) as usize] == c[7]
}

/// Romania CNP: 13 digits, sex/century digit, birth date, weights 279146358279 mod 11.
pub fn ro_cnp_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"") else {
        return false;
    };
    if d.len() != 13 || d[0] == 0 {
        return false;
    }
    let (yy, m, day) = (two(&d, 1), two(&d, 3), two(&d, 5));
    let date_ok = match d[0] {
        1 | 2 => valid_date(1900 + yy, m, day),
        3 | 4 => valid_date(1800 + yy, m, day),
        5 | 6 => valid_date(2000 + yy, m, day),
        _ => valid_date_yy(yy, m, day),
    };
    let r = weighted(&d, &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
    date_ok && (if r == 10 { 1 } else { r }) == d[12]
}

/// Czech/Slovak birth number (rodné číslo), 10-digit form: divisible by 11 (or the legacy
/// remainder-10 rule with check 0); month +50 for women, +20/+70 for the overflow series.
pub fn cz_birth_number_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"/ ") else {
        return false;
    };
    if d.len() != 10 {
        return false;
    }
    let mut m = two(&d, 2);
    if m > 70 {
        m -= 70;
    } else if m > 50 {
        m -= 50;
    } else if m > 20 {
        m -= 20;
    }
    if !valid_date_yy(two(&d, 0), m, two(&d, 4)) {
        return false;
    }
    let n = number(&d);
    n % 11 == 0 || (number(&d[..9]) % 11 == 10 && d[9] == 0)
}

/// Estonia isikukood (also Lithuania asmens kodas): 11 digits, sex/century digit, birth date,
/// two-stage mod-11 check digit.
pub fn ee_isikukood_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"") else {
        return false;
    };
    if d.len() != 11 {
        return false;
    }
    let century = match d[0] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return false,
    };
    if !valid_date(century + two(&d, 1), two(&d, 3), two(&d, 5)) {
        return false;
    }
    let mut r = weighted(&d, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
    if r == 10 {
        r = weighted(&d, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
        if r == 10 {
            r = 0;
        }
    }
    r == d[10]
}

/// Turkey T.C. Kimlik No: 11 digits, no leading zero, two check digits.
pub fn tr_tckn_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"") else {
        return false;
    };
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let odd: i32 = [0, 2, 4, 6, 8].iter().map(|&i| d[i] as i32).sum();
    let even: i32 = [1, 3, 5, 7].iter().map(|&i| d[i] as i32).sum();
    let d10 = (odd * 7 - even).rem_euclid(10) as u32;
    let d11 = d[..10].iter().sum::<u32>() % 10;
    d10 == d[9] && d11 == d[10]
}

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

    #[test]
    fn uk_values() {
        all(
            uk_nino_valid,
            &["AB123456C", "AB 12 34 56 C", "JG103759A"],
            &[
                "DA123456C",
                "AO123456C",
                "GB123456A",
                "AB123456E",
                "AB12345C",
            ],
        );
        // 943 476 5919 is the NHS Digital example number.
        all(
            nhs_number_valid,
            &["9434765919", "943 476 5919", "401 023 2137"],
            &["9434765918", "0000000000", "943 476 591"],
        );
    }

    #[test]
    fn de_steuer_id_values() {
        all(
            de_steuer_id_valid,
            &["86095742719", "47036892816", "65929970489"],
            &["86095742718", "01234567890", "12345678903", "11111111116"],
        );
    }

    #[test]
    fn fr_nir_values() {
        all(
            fr_nir_valid,
            &[
                "1 85 05 78 006 084 91",
                "185057800608491",
                "2 69 05 2A 123 456 88",
                "1 47 11 2B 559 414 38",
            ],
            &["185057800608436", "585057800608436", "1851378006084"],
        );
    }

    #[test]
    fn es_values() {
        all(
            es_dni_valid,
            &[
                "12345678Z",
                "12345678-Z",
                "X1234567L",
                "Y2166605L",
                "Z-2697976-N",
                "Z7654321H",
            ],
            &["12345678A", "X1234567A", "00000000T"],
        );
    }

    #[test]
    fn it_codice_fiscale_values() {
        all(
            it_codice_fiscale_valid,
            &["RSSMRA85T10A562S", "MRTMTT25D09F205Z", "RSSMRA85T10A56NH"],
            &["RSSMRA85T10A562T", "RSSMRA85Z10A562S", "RSSMRA85T10A562"],
        );
    }

    #[test]
    fn nl_bsn_values() {
        all(
            nl_bsn_valid,
            &["111222333", "123456782", "1112.22.333"],
            &["111222334", "123456789", "000000000"],
        );
    }

    #[test]
    fn be_national_number_values() {
        all(
            be_national_number_valid,
            &["85.07.30-033.28", "85073003328", "17.07.30-033.84"],
            &["85073003329", "85.13.30-033.28"],
        );
    }

    #[test]
    fn pl_pesel_values() {
        all(
            pl_pesel_valid,
            &["44051401359", "02070803628", "02270803624"],
            &["44051401358", "44151401359", "00000000000"],
        );
    }

    #[test]
    fn se_personnummer_values() {
        // 811218-9876 is the Skatteverket example; 701063-2391 a coordination number.
        all(
            se_personnummer_valid,
            &["811218-9876", "19811218-9876", "8112189876", "701063-2391"],
            &["811218-9877", "811318-9876", "20811218-9876"],
        );
    }

    #[test]
    fn fi_hetu_values() {
        // 131052-308T is the example used by the Digital and Population Data Services Agency.
        all(
            fi_hetu_valid,
            &["131052-308T", "010244-177A", "271100A4316"],
            &["131052-308U", "131352-308T", "131052Q308T", "131052-001J"],
        );
    }

    #[test]
    fn dk_cpr_values() {
        all(
            dk_cpr_valid,
            &["070761-4285", "0707614285", "290200-1234"],
            &["320761-4285", "071361-4285", "290201-1234", "070761-0000"],
        );
    }

    #[test]
    fn no_fodselsnummer_values() {
        all(
            no_fodselsnummer_valid,
            &["07058647912", "27038879753", "18026137868"],
            &["07058647913", "32010101006", "01010101016"],
        );
    }

    #[test]
    fn ch_ahv_values() {
        // 756.9217.0769.85 is the example printed by the Swiss compensation office.
        all(
            ch_ahv_valid,
            &["756.9217.0769.85", "7569217076985", "756.1234.5678.97"],
            &["756.9217.0769.84", "757.9217.0769.85", "756.9217.0769"],
        );
    }

    #[test]
    fn at_svnr_values() {
        all(
            at_svnr_valid,
            &["1237 010180", "1237010180"],
            &["1238010180", "0237010180", "1237013280"],
        );
    }

    #[test]
    fn pt_nif_values() {
        all(
            pt_nif_valid,
            &["123456789", "501964843", "999999990"],
            &["123456788", "423456780", "501964844"],
        );
    }

    #[test]
    fn ie_ppsn_values() {
        all(
            ie_ppsn_valid,
            &["1234567T", "1234567TW", "1234567FA"],
            &["1234567A", "1234567TA", "123456T"],
        );
    }

    #[test]
    fn ro_cnp_values() {
        all(
            ro_cnp_valid,
            &["2410211053443", "1800709096034"],
            &["2410211053444", "1801301221144", "0800101221144"],
        );
    }

    #[test]
    fn cz_birth_number_values() {
        all(
            cz_birth_number_valid,
            &["736028/5163", "7360285163", "635822/9515", "845613/8064"],
            &["736028/5164", "731328/5163", "7360285"],
        );
    }

    #[test]
    fn ee_isikukood_values() {
        all(
            ee_isikukood_valid,
            &["37605030299", "49403136526"],
            &["37605030298", "77605030299", "37613030299"],
        );
    }

    #[test]
    fn tr_tckn_values() {
        all(
            tr_tckn_valid,
            &["10000000146", "12345678950"],
            &["10000000147", "02345678950", "12345678951"],
        );
    }
}
