//! National identifiers of the Americas (`pii-national-americas.toml`): United States,
//! Canada, Brazil, Mexico, Chile.

use super::digits::{all_same, compact, digits, luhn, number, two, valid_date_yy, weighted};

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
    let mut full = [8, 0, 8, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    full[5..].copy_from_slice(&d);
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

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

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
}
