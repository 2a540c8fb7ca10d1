//! Cards and banks (`pii-global.toml`): card brand ranges, IBAN lengths, SWIFT/BIC and ABA
//! routing numbers.

use super::digits::{all_same, compact, digits, number, two, weighted};

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

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

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
}
