//! Check algorithms for personal data: national identifiers, bank and card numbers, network
//! and wallet addresses, phone numbers and dates.
//!
//! Every function takes the secret part as the rule matched it, strips the separators that the
//! rule's pattern allows (spaces, dashes, dots, slashes, parentheses where the format has them)
//! and returns true when the value passes its format's own check. Anything else is rejected, so
//! a validator never accepts a candidate it does not understand.

use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------------
// Helpers

/// The digit values of `s`, skipping the bytes in `seps`; `None` if anything else occurs.
fn digits(s: &[u8], seps: &[u8]) -> Option<Vec<u32>> {
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
fn compact(s: &[u8], seps: &[u8]) -> Vec<u8> {
    s.iter()
        .filter(|b| !seps.contains(b))
        .map(u8::to_ascii_uppercase)
        .collect()
}

/// Digits as a number (at most 19 digits).
fn number(d: &[u32]) -> u64 {
    d.iter().fold(0u64, |n, &x| n * 10 + x as u64)
}

fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

fn all_same(d: &[u32]) -> bool {
    d.windows(2).all(|w| w[0] == w[1])
}

fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
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
fn valid_date_yy(yy: u32, m: u32, d: u32) -> bool {
    valid_date(1900 + yy, m, d) || valid_date(2000 + yy, m, d)
}

fn two(d: &[u32], i: usize) -> u32 {
    d[i] * 10 + d[i + 1]
}

/// Luhn over digit values (the rightmost digit is the check digit).
fn luhn(d: &[u32]) -> bool {
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

// ---------------------------------------------------------------------------------------------
// Generic check-digit schemes

/// ISO 7064 MOD 11,10 (pure system, hybrid): German tax id, Croatian OIB.
fn iso7064_mod11_10(d: &[u32]) -> bool {
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

// ---------------------------------------------------------------------------------------------
// Cards and banks

/// Brand IIN ranges and lengths (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay,
/// Maestro, Mir, Troy). The Luhn check is the separate `luhn` validator.
pub fn card_iin_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    let n = d.len();
    if !(12..=19).contains(&n) || all_same(&d) {
        return false;
    }
    let p = |k: usize| number(&d[..k]);
    let ok = |lens: &[usize]| lens.contains(&n);
    let r16_19 = [16, 17, 18, 19];
    if d[0] == 4 {
        return ok(&[13, 16, 19]);
    }
    if (51..=55).contains(&p(2)) || (2221..=2720).contains(&p(4)) {
        return ok(&[16]);
    }
    if p(2) == 34 || p(2) == 37 {
        return ok(&[15]);
    }
    if (2200..=2204).contains(&p(4)) {
        return ok(&r16_19);
    }
    if p(4) == 6011
        || (644..=649).contains(&p(3))
        || p(2) == 65
        || (622126..=622925).contains(&p(6))
    {
        return ok(&r16_19);
    }
    if (3528..=3589).contains(&p(4)) {
        return ok(&r16_19);
    }
    if (300..=305).contains(&p(3)) || p(4) == 3095 || p(2) == 36 || p(2) == 38 || p(2) == 39 {
        return ok(&[14, 16]);
    }
    if p(2) == 62 {
        return ok(&r16_19);
    }
    if [5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].contains(&p(4)) {
        return ok(&[12, 13, 14, 15, 16, 17, 18, 19]);
    }
    if p(4) == 9792 {
        return ok(&[16]);
    }
    false
}

/// IBAN length per country (ISO 13616 registry). Pairs of country code and total length.
const IBAN_LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BI", 27),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DJ", 27),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FK", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"LY", 25),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MN", 20),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NI", 28),
    (b"NL", 18),
    (b"NO", 15),
    (b"OM", 23),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"RU", 33),
    (b"SA", 24),
    (b"SC", 31),
    (b"SD", 18),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"SO", 23),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
    (b"YE", 30),
];

/// The IBAN has the registered length of its country (spaces ignored). Use with `mod97`.
pub fn iban_length_valid(s: &[u8]) -> bool {
    let c = compact(s, b" ");
    if c.len() < 15 || !c.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    IBAN_LENGTHS
        .iter()
        .any(|(cc, len)| c[..2] == cc[..] && c.len() == *len)
}

/// ISO 3166-1 alpha-2 codes, for BIC country fields.
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM \
    BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO \
    DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK \
    HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI \
    LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF \
    NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE \
    SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG \
    UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

fn is_country(cc: &[u8]) -> bool {
    cc.len() == 2
        && COUNTRIES
            .split_ascii_whitespace()
            .any(|c| c.as_bytes() == cc)
}

/// SWIFT/BIC (ISO 9362): 4-letter institution, ISO country, 2-character location, optional
/// 3-character branch. Upper case only: lower-case words are not BICs.
pub fn bic_valid(s: &[u8]) -> bool {
    (s.len() == 8 || s.len() == 11)
        && s[..6].iter().all(u8::is_ascii_uppercase)
        && s[6..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && is_country(&s[4..6])
}

/// ABA routing transit number: 9 digits, a Federal Reserve prefix and the 3-7-1 checksum.
pub fn aba_routing_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"") else {
        return false;
    };
    if d.len() != 9 || all_same(&d) {
        return false;
    }
    let prefix = two(&d, 0);
    if !matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80) {
        return false;
    }
    weighted(&d, &[3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 == 0
}

// ---------------------------------------------------------------------------------------------
// Network addresses, email, phone

/// Dotted-quad IPv4: four decimal octets 0..=255 without leading zeros. Addresses that identify
/// no one are rejected: a first octet of 0 (0.0.0.0), loopback 127/8 and the reserved 240/4
/// (which holds the broadcast address and netmasks such as 255.255.255.0).
pub fn ipv4_valid(s: &[u8]) -> bool {
    let mut octets = [0u32; 4];
    let mut n = 0;
    for part in s.split(|&b| b == b'.') {
        if n == 4 || part.is_empty() || part.len() > 3 || !part.iter().all(u8::is_ascii_digit) {
            return false;
        }
        if part.len() > 1 && part[0] == b'0' {
            return false;
        }
        let v = part.iter().fold(0u32, |a, &b| a * 10 + (b - b'0') as u32);
        if v > 255 {
            return false;
        }
        octets[n] = v;
        n += 1;
    }
    n == 4 && octets[0] != 0 && octets[0] != 127 && octets[0] < 240
}

/// IPv6 text form (RFC 4291 section 2.2): eight groups, or fewer with one `::`, optionally
/// ending in a dotted quad. At least two non-zero groups are required, one of them written with
/// three or more digits, so `::`, `::1` and slices such as `a[1::2]` are rejected; so are
/// multicast addresses (ff00::/8) and netmasks.
pub fn ipv6_valid(s: &[u8]) -> bool {
    let s = match s.iter().position(|&b| b == b'%') {
        Some(i) => &s[..i],
        None => s,
    };
    if s.len() < 3 || s.len() > 45 {
        return false;
    }
    let (head, tail, compressed) = match memchr::memmem::find(s, b"::") {
        Some(i) => {
            if memchr::memmem::find(&s[i + 1..], b"::").is_some() {
                return false;
            }
            (&s[..i], &s[i + 2..], true)
        }
        None => (s, &s[..0], false),
    };
    let mut groups: Vec<u32> = Vec::new();
    let parse = |part: &[u8], last_allows_v4: bool, out: &mut Vec<u32>| -> bool {
        if part.is_empty() {
            return true;
        }
        let fields: Vec<&[u8]> = part.split(|&b| b == b':').collect();
        for (i, f) in fields.iter().enumerate() {
            if last_allows_v4 && i == fields.len() - 1 && f.contains(&b'.') {
                if !ipv4_valid(f) && *f != b"0.0.0.0" {
                    return false;
                }
                let o: Vec<u32> = f
                    .split(|&b| b == b'.')
                    .map(|p| p.iter().fold(0, |a, &b| a * 10 + (b - b'0') as u32))
                    .collect();
                out.push(o[0] << 8 | o[1]);
                out.push(o[2] << 8 | o[3]);
                continue;
            }
            if f.is_empty() || f.len() > 4 || !f.iter().all(u8::is_ascii_hexdigit) {
                return false;
            }
            out.push(
                f.iter()
                    .fold(0u32, |a, &b| a * 16 + (b as char).to_digit(16).unwrap_or(0)),
            );
        }
        true
    };
    let mut tail_groups = Vec::new();
    if compressed {
        if !parse(head, false, &mut groups) || !parse(tail, true, &mut tail_groups) {
            return false;
        }
        if groups.len() + tail_groups.len() > 7 {
            return false;
        }
    } else {
        if !parse(head, true, &mut groups) || groups.len() != 8 {
            return false;
        }
    }
    let first = if head.is_empty() { 0 } else { groups[0] };
    groups.extend(tail_groups);
    let long_field = s.split(|&b| b == b':').any(|f| f.len() >= 3);
    groups.iter().filter(|&&g| g != 0).count() >= 2 && long_field && first < 0xff00
}

/// MAC-48 address: six hex pairs with one consistent separator (`:` or `-`), or three groups of
/// four with dots. All-zero, broadcast and repeated-byte addresses are rejected.
pub fn mac_address_valid(s: &[u8]) -> bool {
    let (sep, group) = match s.len() {
        17 if s[2] == b':' || s[2] == b'-' => (s[2], 2),
        14 if s[4] == b'.' => (b'.', 4),
        _ => return false,
    };
    let mut hex = Vec::with_capacity(12);
    for (i, &b) in s.iter().enumerate() {
        if (i + 1) % (group + 1) == 0 {
            if b != sep {
                return false;
            }
        } else if b.is_ascii_hexdigit() {
            hex.push(b.to_ascii_lowercase());
        } else {
            return false;
        }
    }
    hex.len() == 12 && !hex.chunks(2).all(|c| c == &hex[..2]) && !hex.iter().all(|&b| b == b'0')
}

/// Email address: local part of at most 64 bytes without leading, trailing or doubled dots; a
/// domain of dot-separated labels (letters, digits, hyphens, or any non-ASCII for IDN) whose last
/// label is alphabetic (or an `xn--` punycode label).
pub fn email_valid(s: &[u8]) -> bool {
    let Some(at) = s.iter().rposition(|&b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    if local.is_empty() || local.len() > 64 || domain.len() < 4 || domain.len() > 253 {
        return false;
    }
    if local[0] == b'.'
        || local[local.len() - 1] == b'.'
        || memchr::memmem::find(local, b"..").is_some()
    {
        return false;
    }
    let labels: Vec<&[u8]> = domain.split(|&b| b == b'.').collect();
    if labels.len() < 2 {
        return false;
    }
    for l in &labels {
        if l.is_empty() || l.len() > 63 || l[0] == b'-' || l[l.len() - 1] == b'-' {
            return false;
        }
        if !l
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80)
        {
            return false;
        }
    }
    let tld = labels[labels.len() - 1];
    let alpha_tld = tld.len() >= 2 && tld.iter().all(|&b| b.is_ascii_alphabetic() || b >= 0x80);
    let puny = tld.len() > 4 && tld[..4].eq_ignore_ascii_case(b"xn--");
    alpha_tld || puny
}

/// National significant number lengths (minimum, maximum) and allowed first digits per country
/// calling code (ITU-T E.164 national numbering plans).
const E164_PLANS: &[(&str, usize, usize, &str)] = &[
    ("1", 10, 10, "23456789"),
    ("7", 10, 10, "3489"),
    ("20", 8, 10, "123456789"),
    ("27", 9, 9, "12345678"),
    ("30", 10, 10, "2689"),
    ("31", 9, 9, "123456789"),
    ("32", 8, 9, "123456789"),
    ("33", 9, 9, "123456789"),
    ("34", 9, 9, "56789"),
    ("36", 8, 9, "123456789"),
    ("39", 6, 11, "0123"),
    ("40", 9, 9, "237"),
    ("41", 9, 9, "2345789"),
    ("43", 4, 13, "123456789"),
    ("44", 9, 10, "1235789"),
    ("45", 8, 8, "2345678"),
    ("46", 7, 10, "123456789"),
    ("47", 8, 8, "2345789"),
    ("48", 9, 9, "123456789"),
    ("49", 6, 13, "123456789"),
    ("51", 8, 9, "123456789"),
    ("52", 10, 10, "123456789"),
    ("54", 10, 11, "123456789"),
    ("55", 10, 11, "123456789"),
    ("56", 9, 9, "2345679"),
    ("57", 10, 10, "13468"),
    ("60", 8, 10, "123456789"),
    ("61", 9, 9, "234578"),
    ("62", 8, 12, "123456789"),
    ("63", 10, 10, "23456789"),
    ("64", 8, 10, "2345679"),
    ("65", 8, 8, "3689"),
    ("66", 8, 9, "23456789"),
    ("81", 9, 10, "123456789"),
    ("82", 8, 10, "123456789"),
    ("84", 9, 10, "235789"),
    ("86", 10, 11, "123456789"),
    ("90", 10, 10, "234589"),
    ("91", 10, 10, "123456789"),
    ("92", 9, 10, "23456789"),
    ("234", 8, 10, "123456789"),
    ("254", 9, 9, "1247"),
    ("351", 9, 9, "2389"),
    ("352", 4, 11, "2456789"),
    ("353", 7, 9, "12456789"),
    ("354", 7, 9, "4568"),
    ("358", 5, 12, "123456789"),
    ("359", 8, 9, "23456789"),
    ("370", 8, 8, "3456"),
    ("371", 8, 8, "26"),
    ("372", 7, 8, "3456789"),
    ("380", 9, 9, "3456789"),
    ("420", 9, 9, "2345679"),
    ("421", 9, 9, "2345689"),
    ("852", 8, 8, "235679"),
    ("886", 8, 9, "2345678"),
    ("966", 9, 9, "15"),
    ("971", 8, 9, "234679"),
    ("972", 8, 9, "234589"),
    ("974", 8, 8, "3457"),
];

/// International number `+CC NSN`: separators (space, dash, dot, slash, parentheses) and a
/// national trunk `(0)` are ignored; the country code must be known and the national number
/// must have that plan's length and leading digit. NANP numbers also need a valid exchange.
pub fn e164_valid(s: &[u8]) -> bool {
    let Some(rest) = s.strip_prefix(b"+") else {
        return false;
    };
    let mut cleaned = rest.to_vec();
    if let Some(i) = memchr::memmem::find(&cleaned, b"(0)") {
        cleaned.drain(i..i + 3);
    }
    let Some(d) = digits(&cleaned, b" -./()") else {
        return false;
    };
    if d.len() < 8 || d.len() > 15 {
        return false;
    }
    for cc_len in 1..=3 {
        let cc: String = d[..cc_len]
            .iter()
            .map(|x| char::from(b'0' + *x as u8))
            .collect();
        if let Some(&(_, min, max, first)) = E164_PLANS.iter().find(|p| p.0 == cc) {
            let nsn = &d[cc_len..];
            if nsn.len() < min || nsn.len() > max {
                return false;
            }
            if !first.as_bytes().contains(&(b'0' + nsn[0] as u8)) {
                return false;
            }
            if cc == "1" && (nsn[3] < 2 || (nsn[1] == 1 && nsn[2] == 1)) {
                return false;
            }
            return !all_same(nsn);
        }
    }
    false
}

/// A number written in a national format, without country code, that fits the numbering plan
/// of at least one of: US/Canada (NANP), UK, Germany, France, Italy, Spain, Netherlands,
/// Belgium, Switzerland, Austria, Sweden, Ireland, Poland, Australia, New Zealand, India,
/// Brazil, Mexico, Japan, China, South Korea, South Africa. Groups that read as a date
/// (2024-01-05, 05.01.2024) or as an HTTP status and a size (`200 5837260`) are rejected.
pub fn phone_national_valid(s: &[u8]) -> bool {
    let groups: Vec<&[u8]> = s
        .split(|b| b" -./()".contains(b))
        .filter(|g| !g.is_empty())
        .collect();
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    // Dates and times (2024-01-05 14, 05.01.2024) and an HTTP status followed by a byte count
    // (`404 1609248`).
    const STATUS: [&[u8]; 20] = [
        b"200", b"201", b"204", b"206", b"301", b"302", b"304", b"400", b"401", b"403", b"404",
        b"405", b"409", b"410", b"422", b"429", b"500", b"502", b"503", b"504",
    ];
    let date = lens.len() >= 3 && (lens[..3] == [4, 2, 2] || lens[..3] == [2, 2, 4]);
    if date || lens == [2, 2, 2] || (lens.len() == 2 && lens[1] >= 6 && STATUS.contains(&groups[0]))
    {
        return false;
    }
    let Some(d) = digits(s, b" -./()") else {
        return false;
    };
    let n = d.len();
    if !(9..=14).contains(&n) || all_same(&d[1..]) {
        return false;
    }
    let nanp = |d: &[u32]| d.len() == 10 && d[0] >= 2 && d[3] >= 2 && !(d[1] == 1 && d[2] == 1);
    if nanp(&d) || (d[0] == 1 && nanp(&d[1..])) {
        return true;
    }
    if d[0] == 0 {
        // Trunk prefix 0: UK, DE, FR, IT, NL, BE, CH, AT, SE, IE, AU, NZ, IN, JP, CN, KR, ZA.
        // The national number after it has 8 to 13 digits and does not start with 0.
        return d[1] != 0 && (8..=13).contains(&(n - 1));
    }
    match n {
        9 => d[0] >= 1,  // ES, PL, PT
        10 => d[0] >= 2, // IN mobiles, MX, IT mobiles, BR landlines
        11 => (d[0] == 1 && (3..=9).contains(&d[1])) || (d[0] >= 1 && d[2] == 9), // CN, BR mobile
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Crypto wallets

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn base58_decode(s: &[u8]) -> Option<Vec<u8>> {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for &c in s {
        let mut carry = B58.iter().position(|&x| x == c)? as u32;
        for byte in out.iter_mut().rev() {
            carry += (*byte as u32) * 58;
            *byte = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            out.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.iter().take_while(|&&c| c == b'1').count();
    let mut full = vec![0u8; zeros];
    full.extend(out);
    Some(full)
}

/// Bitcoin legacy address: base58, 25 bytes, version 0x00 (P2PKH), 0x05 (P2SH) or the testnet
/// versions 0x6f/0xc4, and a double-SHA-256 checksum.
pub fn base58check_valid(s: &[u8]) -> bool {
    let Some(raw) = base58_decode(s) else {
        return false;
    };
    if raw.len() != 25 || ![0x00, 0x05, 0x6f, 0xc4].contains(&raw[0]) {
        return false;
    }
    let first = Sha256::digest(&raw[..21]);
    let second = Sha256::digest(first);
    second[..4] == raw[21..]
}

/// The Bech32 data alphabet (BIP 173), shared with the token validators.
pub(crate) const BECH32_CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/// The Bech32 checksum polynomial (BIP 173), shared with the token validators.
pub(crate) fn bech32_polymod(values: &[u8]) -> u32 {
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let mut chk: u32 = 1;
    for &v in values {
        let top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v as u32;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    chk
}

/// SegWit address (BIP-173 bech32 for witness version 0, BIP-350 bech32m for 1 to 16) with
/// the `bc` or `tb` prefix and a valid witness program length.
pub fn bech32_address_valid(s: &[u8]) -> bool {
    if s.len() < 14 || s.len() > 90 {
        return false;
    }
    let lower = s.iter().any(u8::is_ascii_lowercase);
    let upper = s.iter().any(u8::is_ascii_uppercase);
    if lower && upper {
        return false;
    }
    let s = s.to_ascii_lowercase();
    let Some(sep) = s.iter().rposition(|&b| b == b'1') else {
        return false;
    };
    let (hrp, data) = (&s[..sep], &s[sep + 1..]);
    if (hrp != b"bc" && hrp != b"tb") || data.len() < 7 {
        return false;
    }
    let mut values: Vec<u8> = hrp.iter().map(|c| c >> 5).collect();
    values.push(0);
    values.extend(hrp.iter().map(|c| c & 31));
    let mut five = Vec::with_capacity(data.len());
    for c in data {
        let Some(v) = BECH32_CHARSET.iter().position(|x| x == c) else {
            return false;
        };
        five.push(v as u8);
    }
    values.extend(&five);
    let residue = bech32_polymod(&values);
    let version = five[0];
    let expected = if version == 0 { 1 } else { 0x2bc830a3 };
    if residue != expected || version > 16 {
        return false;
    }
    // 5-bit groups to bytes, without the checksum.
    let payload = &five[1..five.len() - 6];
    let (mut acc, mut bits, mut prog) = (0u32, 0u32, Vec::new());
    for &v in payload {
        acc = (acc << 5) | v as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            prog.push((acc >> bits) as u8);
        }
    }
    if bits >= 5 || (acc & ((1 << bits) - 1)) != 0 {
        return false;
    }
    match version {
        0 => prog.len() == 20 || prog.len() == 32,
        _ => (2..=40).contains(&prog.len()),
    }
}

const KECCAK_RC: [u64; 24] = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808a,
    0x8000000080008000,
    0x000000000000808b,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008a,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000a,
    0x000000008000808b,
    0x800000000000008b,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800a,
    0x800000008000000a,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
];
const KECCAK_ROT: [u32; 25] = [
    0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
];

fn keccak_f(a: &mut [u64; 25]) {
    for rc in KECCAK_RC {
        // theta
        let mut c = [0u64; 5];
        for x in 0..5 {
            c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        // rho and pi
        let mut b = [0u64; 25];
        for x in 0..5 {
            for y in 0..5 {
                b[y + 5 * ((2 * x + 3 * y) % 5)] = a[x + 5 * y].rotate_left(KECCAK_ROT[x + 5 * y]);
            }
        }
        // chi
        for x in 0..5 {
            for y in 0..5 {
                a[x + 5 * y] = b[x + 5 * y] ^ (!b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
            }
        }
        // iota
        a[0] ^= rc;
    }
}

/// Keccak-256 as used by Ethereum (original padding 0x01, not SHA3's 0x06).
pub fn keccak256(data: &[u8]) -> [u8; 32] {
    const RATE: usize = 136;
    let mut state = [0u64; 25];
    let mut padded = data.to_vec();
    padded.push(0x01);
    while padded.len() % RATE != 0 {
        padded.push(0);
    }
    let last = padded.len() - 1;
    padded[last] |= 0x80;
    for block in padded.chunks(RATE) {
        for (i, lane) in block.chunks(8).enumerate() {
            let mut w = [0u8; 8];
            w.copy_from_slice(lane);
            state[i] ^= u64::from_le_bytes(w);
        }
        keccak_f(&mut state);
    }
    let mut out = [0u8; 32];
    for i in 0..4 {
        out[i * 8..i * 8 + 8].copy_from_slice(&state[i].to_le_bytes());
    }
    out
}

/// Ethereum address `0x` + 40 hex digits. All-lower or all-upper case carries no checksum and is
/// accepted; mixed case must follow EIP-55 (a letter is upper case where the matching nibble of
/// keccak-256 of the lower-case hex is >= 8). The zero address is rejected.
pub fn eip55_valid(s: &[u8]) -> bool {
    let Some(hex) = s.strip_prefix(b"0x") else {
        return false;
    };
    if hex.len() != 40 || !hex.iter().all(u8::is_ascii_hexdigit) || hex.iter().all(|&b| b == b'0') {
        return false;
    }
    let lower = hex.to_ascii_lowercase();
    let has_lower = hex.iter().any(u8::is_ascii_lowercase);
    let has_upper = hex.iter().any(u8::is_ascii_uppercase);
    if !(has_lower && has_upper) {
        return true;
    }
    let hash = keccak256(&lower);
    hex.iter().enumerate().all(|(i, &c)| {
        let nibble = if i % 2 == 0 {
            hash[i / 2] >> 4
        } else {
            hash[i / 2] & 0xf
        };
        if c.is_ascii_digit() {
            true
        } else if nibble >= 8 {
            c.is_ascii_uppercase()
        } else {
            c.is_ascii_lowercase()
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Month from an English, German, French, Spanish, Italian or Portuguese name or abbreviation
/// (UTF-8 accents as written: `März`, `févr.`, `août`, `déc.`).
fn month_from_name(w: &[u8]) -> Option<u32> {
    let w = w.to_ascii_lowercase();
    const NAMES: &[(&[u8], u32)] = &[
        (b"jan", 1),
        (b"ene", 1),
        (b"gen", 1),
        (b"feb", 2),
        (b"fev", 2),
        (b"f\xc3\xa9v", 2),
        (b"mar", 3),
        (b"m\xc3\xa4r", 3),
        (b"mrz", 3),
        (b"apr", 4),
        (b"avr", 4),
        (b"abr", 4),
        (b"may", 5),
        (b"mai", 5),
        (b"mag", 5),
        (b"juin", 6),
        (b"jun", 6),
        (b"giu", 6),
        (b"juil", 7),
        (b"jul", 7),
        (b"lug", 7),
        (b"aug", 8),
        (b"ago", 8),
        (b"aou", 8),
        (b"ao\xc3\xbb", 8),
        (b"sep", 9),
        (b"set", 9),
        (b"oct", 10),
        (b"okt", 10),
        (b"ott", 10),
        (b"out", 10),
        (b"nov", 11),
        (b"dec", 12),
        (b"d\xc3\xa9c", 12),
        (b"dez", 12),
        (b"dic", 12),
    ];
    if w.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .find(|(n, _)| w.starts_with(n))
        .map(|&(_, m)| m)
}

/// A plausible date of birth (years 1900 to 2029): `YYYY-MM-DD` (also `/` and `.`),
/// `DD.MM.YYYY` or `MM/DD/YYYY` (either reading), `DD-MM-YY`, `12 March 1985`,
/// `March 12, 1985`, `12-Mar-1985`.
pub fn date_of_birth_valid(s: &[u8]) -> bool {
    let parts: Vec<&[u8]> = s
        .split(|b| b" -./,".contains(b))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return false;
    }
    let num = |p: &[u8]| -> Option<u32> {
        if p.is_empty() || p.len() > 4 || !p.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(p.iter().fold(0, |a, &b| a * 10 + (b - b'0') as u32))
    };
    let year_ok = |y: u32| (1900..=2029).contains(&y);
    let (a, b, c) = (parts[0], parts[1], parts[2]);
    match (num(a), num(b), num(c)) {
        (Some(y), Some(m), Some(d)) if a.len() == 4 => year_ok(y) && valid_date(y, m, d),
        (Some(x), Some(z), Some(y)) if c.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            year_ok(y) && (valid_date(y, z, x) || valid_date(y, x, z))
        }
        (Some(x), Some(z), Some(yy)) if c.len() == 2 && a.len() <= 2 && b.len() <= 2 => {
            valid_date_yy(yy, z, x) || valid_date_yy(yy, x, z)
        }
        (Some(d), None, Some(y)) if c.len() == 4 && a.len() <= 2 => {
            month_from_name(b).is_some_and(|m| year_ok(y) && valid_date(y, m, d))
        }
        (None, Some(d), Some(y)) if c.len() == 4 && b.len() <= 2 => {
            month_from_name(a).is_some_and(|m| year_ok(y) && valid_date(y, m, d))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// National identifiers: Americas

/// US Social Security number: area 001-899 except 666, group 01-99, serial 0001-9999; the
/// invalidated 078-05-1120 and 219-09-9999 and the sample 123-45-6789 are rejected.
pub fn us_ssn_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    if d.len() != 9 {
        return false;
    }
    let area = number(&d[..3]);
    let group = number(&d[3..5]);
    let serial = number(&d[5..]);
    let n = number(&d);
    area != 0
        && area != 666
        && area < 900
        && group != 0
        && serial != 0
        && ![78051120, 219099999, 123456789].contains(&n)
        && !all_same(&d)
}

/// US ITIN: 9XX-GG-XXXX with the group in 50-65, 70-88, 90-92 or 94-99.
pub fn us_itin_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    d.len() == 9 && d[0] == 9 && matches!(two(&d, 3), 50..=65 | 70..=88 | 90..=92 | 94..=99)
}

/// US Employer Identification Number: XX-XXXXXXX with an IRS campus prefix.
pub fn us_ein_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    d.len() == 9
        && matches!(two(&d, 0), 1..=6 | 10..=16 | 20..=27 | 30..=48 | 50..=68 | 71..=77 | 80..=88 | 90..=95 | 98 | 99)
        && !all_same(&d[2..])
}

/// US National Provider Identifier: 10 digits starting 1 or 2, Luhn over `80840` + the number.
pub fn us_npi_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b"") else {
        return false;
    };
    if d.len() != 10 || !(d[0] == 1 || d[0] == 2) {
        return false;
    }
    let mut full = vec![8, 0, 8, 4, 0];
    full.extend(d);
    luhn(&full)
}

/// Canada Social Insurance Number: 9 digits, Luhn, first digit not 8 (business numbers).
pub fn ca_sin_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -") else {
        return false;
    };
    d.len() == 9 && d[0] != 8 && luhn(&d) && !all_same(&d)
}

/// Brazil CPF: 11 digits, two mod-11 check digits; repeated digits are invalid.
pub fn br_cpf_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b".- ") else {
        return false;
    };
    if d.len() != 11 || all_same(&d) {
        return false;
    }
    let dv = |n: usize| -> u32 {
        let sum: u32 = (0..n).map(|i| d[i] * (n as u32 + 1 - i as u32)).sum();
        (sum * 10) % 11 % 10
    };
    dv(9) == d[9] && dv(10) == d[10]
}

/// Brazil CNPJ: 14 digits, two mod-11 check digits.
pub fn br_cnpj_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b".-/ ") else {
        return false;
    };
    if d.len() != 14 || all_same(&d) {
        return false;
    }
    let dv = |w: &[u32]| -> u32 {
        let r = weighted(&d, w) % 11;
        if r < 2 {
            0
        } else {
            11 - r
        }
    };
    dv(&[5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) == d[12]
        && dv(&[6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) == d[13]
}

/// Mexico CURP: 18 characters, birth date, sex H/M/X and a mod-10 check digit over the
/// 37-symbol alphabet 0-9, A-N, Ñ, O-Z (Ñ is written X in ASCII data).
pub fn mx_curp_valid(s: &[u8]) -> bool {
    if s.len() != 18
        || !s
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return false;
    }
    let Some(date) = digits(&s[4..10], b"") else {
        return false;
    };
    if !valid_date_yy(two(&date, 0), two(&date, 2), two(&date, 4)) || !b"HMX".contains(&s[10]) {
        return false;
    }
    let value = |c: u8| -> u32 {
        match c {
            b'0'..=b'9' => (c - b'0') as u32,
            b'A'..=b'N' => (c - b'A') as u32 + 10,
            _ => (c - b'A') as u32 + 11,
        }
    };
    let sum: u32 = s[..17]
        .iter()
        .enumerate()
        .map(|(i, &c)| value(c) * (18 - i as u32))
        .sum();
    s[17].is_ascii_digit() && (10 - sum % 10) % 10 == (s[17] - b'0') as u32
}

/// Chile RUT/RUN: body digits (dots allowed), dash, mod-11 check digit 0-9 or K.
pub fn cl_rut_valid(s: &[u8]) -> bool {
    let c = compact(s, b". ");
    let Some(dash) = c.iter().position(|&b| b == b'-') else {
        return false;
    };
    let (body, check) = (&c[..dash], &c[dash + 1..]);
    if check.len() != 1 || !(7..=8).contains(&body.len()) {
        return false;
    }
    let Some(d) = digits(body, b"") else {
        return false;
    };
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| x * (2 + (i as u32 % 6)))
        .sum();
    let expected = match 11 - sum % 11 {
        11 => b'0',
        10 => b'K',
        v => b'0' + v as u8,
    };
    check[0] == expected && !all_same(&d)
}

// ---------------------------------------------------------------------------------------------
// National identifiers: Europe

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
    let Some(mut d) = digits(s, b" .-") else {
        return false;
    };
    if d.len() == 8 {
        d.insert(0, 0);
    }
    if d.len() != 9 || all_same(&d) {
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

// ---------------------------------------------------------------------------------------------
// National identifiers: Asia, Oceania, Africa

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
    use super::*;

    fn all(f: fn(&[u8]) -> bool, good: &[&str], bad: &[&str]) {
        for g in good {
            assert!(f(g.as_bytes()), "{g} should be valid");
        }
        for b in bad {
            assert!(!f(b.as_bytes()), "{b} should be invalid");
        }
    }

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

    #[test]
    fn card_iin_values() {
        all(
            card_iin_valid,
            &[
                "4111111111111111",
                "5500 0000 0000 0004",
                "2223000048400011",
                "378282246310005",
                "6011111111111117",
                "3530111333300000",
                "30569309025904",
                "6200000000000005",
                "2200123456789010",
                "6759649826438453",
            ],
            &[
                "1234567812345670",
                "411111111111",
                "3782822463100051",
                "5600000000000000",
                "99999999999999",
                "301407577775045",
            ],
        );
    }

    #[test]
    fn iban_length_values() {
        all(
            iban_length_valid,
            &[
                "GB82WEST12345698765432",
                "DE89 3704 0044 0532 0130 00",
                "NO9386011117947",
                "FR1420041010050500013M02606",
            ],
            &[
                "GB82WEST1234569876543",
                "DE8937040044053201300",
                "XX89370400440532013000",
                "NO93860111179470",
            ],
        );
    }

    #[test]
    fn bic_values() {
        all(
            bic_valid,
            &["DEUTDEFF", "DEUTDEFF500", "NEDSZAJJXXX", "BOFAUS3N"],
            &["DEUTXXFF", "deutdeff", "DEUTDEF", "1EUTDEFF", "HOSTNAMEX"],
        );
    }

    #[test]
    fn aba_routing_values() {
        all(
            aba_routing_valid,
            &["011000015", "021000021", "026009593", "121000358"],
            &["011000016", "021000022", "991000013", "000000000"],
        );
    }

    #[test]
    fn ipv4_values() {
        all(
            ipv4_valid,
            &["10.1.2.3", "192.168.0.1", "8.8.8.8", "223.255.255.254"],
            &[
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "01.2.3.4",
                "0.0.0.0",
                "127.0.0.1",
                "255.255.255.255",
                "255.255.255.0",
                "version 1.2.3.4",
                "1..2.3",
            ],
        );
    }

    #[test]
    fn ipv6_values() {
        all(
            ipv6_valid,
            &[
                "2001:db8::1",
                "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                "fe80::1ff:fe23:4567:890a",
                "::ffff:192.0.2.128",
                "2001:db8:0:0:1:0:0:1",
                "fe80::1%eth0",
            ],
            &[
                "::1",
                "::",
                "2001:db8:::1",
                "1:2:3:4:5:6:7:8:9",
                "2001:db8::g",
                "12:34:56",
                "1::2::3",
                "0::1",
                "1::2",
                "ff02::1:ff00:1234",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0",
                "2001:db8:85a3:0:0:8a2e:370",
            ],
        );
    }

    #[test]
    fn mac_values() {
        all(
            mac_address_valid,
            &["00:1A:2B:3C:4D:5E", "a4-5e-60-e8-1f-02", "001a.2b3c.4d5e"],
            &[
                "00:00:00:00:00:00",
                "ff:ff:ff:ff:ff:ff",
                "00:1A:2B-3C:4D:5E",
                "00:1A:2B:3C:4D",
                "0g:1A:2B:3C:4D:5E",
            ],
        );
    }

    #[test]
    fn email_values() {
        all(
            email_valid,
            &[
                "jane.doe+news@example.co.uk",
                "müller@bücher.de",
                "x@xn--80ak6aa92e.com",
                "a_b@sub.domain.org",
                "用户@例子.广告",
            ],
            &[
                "a..b@example.com",
                ".a@example.com",
                "a@localhost",
                "foo@1.2.3",
                "pkg@1.2.3.tgz4",
                "a@-bad.com",
                "com.acme.Foo@1a2b3c",
            ],
        );
    }

    #[test]
    fn e164_values() {
        all(
            e164_valid,
            &[
                "+14155552671",
                "+1 (415) 555-2671",
                "+44 20 7946 0958",
                "+44 (0)20 7946 0958",
                "+49 30 12345678",
                "+33 1 23 45 67 89",
                "+91 98765 43210",
                "+61 4 1234 5678",
                "+81 3-1234-5678",
                "+86 138 0013 8000",
            ],
            &[
                "+0000",
                "+05:30",
                "+1234",
                "+1 415 155 2671",
                "+44 20 7946 09",
                "+999 1234 5678",
                "+33 0 23 45 67 89",
                "+11111111111",
            ],
        );
    }

    #[test]
    fn phone_national_values() {
        all(
            phone_national_valid,
            &[
                "(415) 555-2671",
                "415-555-2671",
                "020 7946 0958",
                "030 12345678",
                "01 23 45 67 89",
                "612 345 678",
                "98765 43210",
                "(11) 91234-5678",
                "03-1234-5678",
                "138 0013 8000",
            ],
            &[
                "2024-01-05",
                "2025-06-24 14",
                "05.01.2024",
                "404 1609248",
                "12345",
                "(115) 555-2671",
                "0000000000",
                "000 1234 5678",
            ],
        );
    }

    #[test]
    fn base58check_values() {
        all(
            base58check_valid,
            &[
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
                "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
                "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
            ],
            &[
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
                "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a",
                "11111111111111111111111111",
            ],
        );
    }

    #[test]
    fn bech32_values() {
        // BIP-173 and BIP-350 test vectors.
        all(
            bech32_address_valid,
            &[
                "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
                "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
                "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
            ],
            &[
                "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdp",
                "bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj1",
                "ltc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0x",
            ],
        );
    }

    #[test]
    fn keccak_known_digests() {
        let hex = |b: [u8; 32]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(keccak256(b"")),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
        assert_eq!(
            hex(keccak256(b"abc")),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
        );
        let long = vec![b'a'; 200]; // more than one 136-byte block
        assert_eq!(keccak256(&long).len(), 32);
    }

    #[test]
    fn eip55_values() {
        // EIP-55 specification test vectors.
        all(
            eip55_valid,
            &[
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
                "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            ],
            &[
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",
                "0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0x0000000000000000000000000000000000000000",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA",
                "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            ],
        );
    }

    #[test]
    fn date_of_birth_values() {
        all(
            date_of_birth_valid,
            &[
                "1985-03-12",
                "12.03.1985",
                "03/12/1985",
                "29/02/2000",
                "12 March 1985",
                "March 12, 1985",
                "12-Mar-1985",
                "12. März 1985",
                "3 août 1990",
                "1 juin 1990",
                "12/03/85",
            ],
            &[
                "1985-13-12",
                "31.04.1985",
                "29/02/1900",
                "12 Foo 1985",
                "2099-01-01",
                "1985-03",
                "1.2.3.4",
            ],
        );
    }

    #[test]
    fn us_ssn_values() {
        all(
            us_ssn_valid,
            &["536-22-8726", "536228726", "001-01-0001", "899 99 9999"],
            &[
                "000-12-3456",
                "666-12-3456",
                "900-12-3456",
                "536-00-8726",
                "536-22-0000",
                "078-05-1120",
                "123-45-6789",
                "111-11-1111",
            ],
        );
    }

    #[test]
    fn us_itin_ein_npi_values() {
        all(
            us_itin_valid,
            &["912-70-1234", "900-94-0000", "999 88 1234"],
            &["812-70-1234", "912-69-1234", "912-93-1234"],
        );
        all(
            us_ein_valid,
            &["12-3456789", "98-7654321", "01-2345678"],
            &["07-1234567", "00-1234567", "89-1234567", "12-0000000"],
        );
        // NPI 1234567893 is CMS's worked example.
        all(
            us_npi_valid,
            &["1234567893", "1245319599"],
            &["1234567890", "3234567893", "123456789"],
        );
    }

    #[test]
    fn ca_sin_values() {
        // 046 454 286 is the specimen in Service Canada's documentation.
        all(
            ca_sin_valid,
            &["046 454 286", "046-454-286", "130692544"],
            &["046 454 287", "846454286", "000000000"],
        );
    }

    #[test]
    fn br_values() {
        all(
            br_cpf_valid,
            &["529.982.247-25", "52998224725", "111.444.777-35"],
            &["529.982.247-26", "111.111.111-11", "52998224752"],
        );
        all(
            br_cnpj_valid,
            &["11.222.333/0001-81", "11222333000181"],
            &[
                "11.222.333/0001-82",
                "00.000.000/0000-00",
                "11.222.333/0001-18",
            ],
        );
    }

    #[test]
    fn mx_curp_values() {
        all(
            mx_curp_valid,
            &[
                "HEGG560427MVZRRL04",
                "SOOR661228MJCBFM03",
                "LIEE000309MGTRSHA3",
            ],
            &[
                "HEGG560427MVZRRL05",
                "HEGG561327MVZRRL04",
                "HEGG560427QVZRRL04",
            ],
        );
    }

    #[test]
    fn cl_rut_values() {
        all(
            cl_rut_valid,
            &["12.345.678-5", "12345678-5", "7.654.321-6"],
            &["12.345.678-6", "12345678-K", "123-4", "11.111.111-1"],
        );
    }

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
