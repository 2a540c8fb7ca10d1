//! Phone numbers (`pii-global.toml`): international E.164 numbers and national formats.

use super::digits::{all_same, digits};

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

/// An international number valid for its country by libphonenumber's metadata (the
/// `phonenumber` crate; the metadata of a country calling code is loaded on the first number
/// of that code): the country code exists and the national number has a length and a prefix
/// that country assigns.
fn libphonenumber_valid(s: &[u8]) -> bool {
    matches!(parse_international(s), Some((n, db)) if phonenumber::is_valid_with(db, &n))
}

/// `+CC` and digits with the rule's separators, parsed by libphonenumber, with the database of
/// its country calling code; `None` when the text is not such a number or the country code is
/// not assigned.
fn parse_international(
    s: &[u8],
) -> Option<(
    phonenumber::PhoneNumber,
    &'static phonenumber::metadata::Database,
)> {
    parse_international_in(s, super::phone_metadata::database_for)
}

/// [`parse_international`] with the database that `database` gives for the digits after `+`.
fn parse_international_in<'d>(
    s: &[u8],
    database: impl FnOnce(&[u8]) -> Option<&'d phonenumber::metadata::Database>,
) -> Option<(
    phonenumber::PhoneNumber,
    &'d phonenumber::metadata::Database,
)> {
    let text = std::str::from_utf8(s).ok()?;
    // Only `+`, digits and the separators the rule admits reach the parser.
    if !text.starts_with('+')
        || !text[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || b" -./()".contains(&b))
    {
        return None;
    }
    let (mut buf, mut n) = ([0u8; 15], 0);
    for b in text.bytes().filter(u8::is_ascii_digit) {
        if n == buf.len() {
            return None;
        }
        buf[n] = b;
        n += 1;
    }
    if n < 8 {
        return None;
    }
    let db = database(&buf[..n])?;
    let n = phonenumber::parse_with(db, None, text).ok()?;
    db.by_code(&n.code().value())?;
    Some((n, db))
}

/// A `+CC` number that could be a phone number of its country (issue 15, item 2), for the
/// rule that needs a phone word or key nearby: the country code is assigned and the national
/// number has 6 to 13 digits, not all the same. Numbers that libphonenumber does not know as
/// assigned (test data, new ranges) are still phone numbers when a phone word says so.
pub fn e164_possible(s: &[u8]) -> bool {
    let Some((n, _)) = parse_international(s) else {
        return false;
    };
    let national = n.national().to_string();
    (6..=13).contains(&national.len()) && !national.bytes().all(|b| b == national.as_bytes()[0])
}

/// A North American (NANP) number written `(NPA) NXX-XXXX`, `NPA-NXX-XXXX` or `NPA.NXX.XXXX`,
/// optionally after `1` or `+1`: area code and exchange each 2-9 then two digits, neither
/// N11 (service codes), the exchange not 555 with a line in 0100-0199 (fiction numbers), the
/// area code not 37X or 96X (reserved).
pub fn nanp_valid(s: &[u8]) -> bool {
    let Some(d) = digits(s, b" -.()+") else {
        return false;
    };
    let d = match &d[..] {
        [1, rest @ ..] if rest.len() == 10 => rest,
        all => all,
    };
    if d.len() != 10 {
        return false;
    }
    let code = |i: usize| d[i] >= 2 && !(d[i + 1] == 1 && d[i + 2] == 1);
    let line = d[6] * 1000 + d[7] * 100 + d[8] * 10 + d[9];
    let exchange = d[3] * 100 + d[4] * 10 + d[5];
    let area = d[0] * 100 + d[1] * 10 + d[2];
    code(0)
        && code(3)
        && (exchange != 555 || !(100..200).contains(&line))
        && !(370..380).contains(&area)
        && !(960..970).contains(&area)
        && !all_same(d)
}

/// International number `+CC NSN`, valid for its country by libphonenumber's metadata or by
/// the plan table. Plan table: separators (space, dash, dot, slash, parentheses) and a
/// national trunk `(0)` are ignored; the country code must be known and the national number
/// must have that plan's length and leading digit. NANP numbers also need a valid exchange.
pub fn e164_valid(s: &[u8]) -> bool {
    e164_plan_valid(s) || libphonenumber_valid(s)
}

/// The plan table above (kept beside libphonenumber: a number it accepts stays accepted).
fn e164_plan_valid(s: &[u8]) -> bool {
    let Some(rest) = s.strip_prefix(b"+") else {
        return false;
    };
    // The first `(0)` (a national trunk) is left out: the digits before it, then those after.
    const SEPS: &[u8] = b" -./()";
    let mut joined = [0u32; 15];
    let whole;
    let d: &[u32] = match memchr::memmem::find(rest, b"(0)") {
        None => match digits(rest, SEPS) {
            Some(found) => {
                whole = found;
                &whole
            }
            None => return false,
        },
        Some(i) => {
            let (Some(a), Some(b)) = (digits(&rest[..i], SEPS), digits(&rest[i + 3..], SEPS))
            else {
                return false;
            };
            let n = a.len() + b.len();
            if n > joined.len() {
                return false;
            }
            joined[..a.len()].copy_from_slice(&a);
            joined[a.len()..n].copy_from_slice(&b);
            &joined[..n]
        }
    };
    if !(8..=15).contains(&d.len()) {
        return false;
    }
    for cc_len in 1..=3 {
        let cc = &d[..cc_len];
        let plan = E164_PLANS.iter().find(|p| {
            p.0.len() == cc_len && p.0.bytes().zip(cc).all(|(a, &b)| u32::from(a - b'0') == b)
        });
        if let Some(&(cc, min, max, first)) = plan {
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
    // A dotted quad of octets is an IPv4 address, which its own rule claims (issue 15, item 1).
    if lens.len() == 4
        && s.iter().all(|&b| b.is_ascii_digit() || b == b'.')
        && groups.iter().all(|g| {
            g.len() <= 3 && digits(g, b"").is_some_and(|d| super::digits::number(&d) <= 255)
        })
    {
        return false;
    }
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

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

    #[test]
    fn libphonenumber_and_possible_numbers() {
        // Valid for their country: found anywhere.
        for n in [
            "+14155552671",
            "+44 20 7946 0958",
            "+65 6123 4567",
            "+61 4 1234 5678",
            "+33 6 12 34 56 78",
        ] {
            assert!(e164_valid(n.as_bytes()), "{n}");
        }
        // Issue 15: not assigned ranges, but possible numbers of a real country code.
        for n in [
            "+65-252-36765",
            "+61 98 8060 653",
            "+398303748450",
            "+44-615-3058389",
        ] {
            assert!(!libphonenumber_valid(n.as_bytes()), "{n}");
            assert!(e164_possible(n.as_bytes()), "{n}");
        }
        for n in [
            "+999 1234 5678",
            "+1234",
            "+05:30",
            "+44 1111111111",
            "+2024-05-06",
        ] {
            assert!(!e164_possible(n.as_bytes()), "{n}");
        }
    }

    /// The database of the number's own code gives what the crate's whole database gives:
    /// the same country code and national number, the same validity, for the example numbers
    /// of every region and type (libphonenumber's own), their neighbours, and random numbers
    /// of every code.
    #[test]
    fn the_database_of_a_code_parses_as_the_whole_database() {
        use phonenumber::metadata::DATABASE;
        type Outcome = Option<(u16, String, bool)>;
        let ours = |s: &str| -> Outcome {
            parse_international(s.as_bytes()).map(|(n, db)| {
                (
                    n.code().value(),
                    n.national().to_string(),
                    phonenumber::is_valid_with(db, &n),
                )
            })
        };
        let whole = |s: &str| -> Outcome {
            parse_international_in(s.as_bytes(), |_| Some(&*DATABASE)).map(|(n, db)| {
                (
                    n.code().value(),
                    n.national().to_string(),
                    phonenumber::is_valid_with(db, &n),
                )
            })
        };
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut metas: Vec<_> = DATABASE.iter().collect();
        metas.sort_by_key(|m| m.country_code());
        let (mut checked, mut valid) = (0, 0);
        let mut last_code = None;
        for m in metas {
            let code = m.country_code();
            let d = m.descriptors();
            let mut nationals: Vec<String> = [
                Some(d.general()),
                d.fixed_line(),
                d.mobile(),
                d.toll_free(),
                d.premium_rate(),
                d.shared_cost(),
                d.personal_number(),
                d.voip(),
                d.pager(),
                d.uan(),
                d.voicemail(),
            ]
            .into_iter()
            .flatten()
            .filter_map(|x| x.example().map(str::to_string))
            .collect();
            for e in nationals.clone() {
                let mut b = e.clone().into_bytes();
                let i = next(b.len() as u64) as usize;
                b[i] = b'0' + ((b[i] - b'0' + 1) % 10);
                nationals.push(String::from_utf8(b).unwrap());
                nationals.push(format!("{e}{}", next(10)));
                nationals.push(e[..e.len() - 1].to_string());
                nationals.push(format!("0{e}"));
            }
            if last_code != Some(code) {
                last_code = Some(code);
                for _ in 0..24 {
                    let len = 5 + next(10);
                    nationals.push(
                        (0..len)
                            .map(|_| char::from(b'0' + next(10) as u8))
                            .collect(),
                    );
                }
            }
            for nat in nationals {
                let spaced: String = nat
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if i > 0 && i % 3 == 0 {
                            format!(" {c}")
                        } else {
                            c.to_string()
                        }
                    })
                    .collect();
                for text in [
                    format!("+{code}{nat}"),
                    format!("+{code} {spaced}"),
                    format!("+{code} (0){nat}"),
                    format!("+{code}-{}", spaced.replace(' ', "-")),
                ] {
                    let w = whole(&text);
                    assert_eq!(ours(&text), w, "{text}");
                    valid += usize::from(matches!(w, Some((_, _, true))));
                    checked += 1;
                }
            }
        }
        assert!(
            checked > 20_000 && valid > 2_000,
            "{checked} numbers, {valid} valid"
        );
    }

    #[test]
    fn nanp_values() {
        all(
            nanp_valid,
            &[
                "(531) 628-4608",
                "473-295-5717",
                "577.663.5190",
                "(258) 295-3343",
                "+1 (415) 628-2671",
                "1-415-628-2671",
            ],
            &[
                "(115) 628-4608",
                "411-295-5717",
                "473-111-5717",
                "415-555-0123",
                "123-456-7890",
                "375-295-5717",
            ],
        );
    }

    #[test]
    fn national_is_not_an_ip() {
        assert!(!phone_national_valid(b"72.16.57.236"));
        assert!(!phone_national_valid(b"192.168.100.200"));
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
}
