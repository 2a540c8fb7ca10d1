//! Dates of birth (`pii-global.toml`), written with digits or with month names.

use super::digits::{valid_date, valid_date_yy};

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

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

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
}
