//! Network and email addresses (`pii-global.toml`): IPv4, IPv6, MAC-48 and email.

/// Dotted-quad IPv4: four decimal octets 0..=255 without leading zeros. Addresses that identify
/// no one are rejected: a first octet of 0 (0.0.0.0), loopback 127/8 and the reserved 240/4
/// (which holds the broadcast address and netmasks such as 255.255.255.0).
pub fn ipv4_valid(s: &[u8]) -> bool {
    // One pass: `v` the octet so far, `len` its digits, `n` the dots before it. (Called on
    // every dotted quad a log holds: the split of before cost 300 instructions a quad.)
    let (mut octets, mut n, mut v, mut len) = ([0u32; 4], 0usize, 0u32, 0usize);
    for &b in s {
        match b {
            b'0'..=b'9' => {
                // No leading zero, at most three digits.
                if len == 3 || (len == 1 && v == 0) {
                    return false;
                }
                v = v * 10 + u32::from(b - b'0');
                len += 1;
            }
            b'.' if len > 0 && v <= 255 && n < 3 => {
                octets[n] = v;
                n += 1;
                (v, len) = (0, 0);
            }
            _ => return false,
        }
    }
    if n != 3 || len == 0 || v > 255 {
        return false;
    }
    octets[3] = v;
    octets[0] != 0 && octets[0] != 127 && octets[0] < 240
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
    // One pass each, without allocating or building a substring searcher: the validator runs
    // on every address a log line holds.
    if local[0] == b'.' || local[local.len() - 1] == b'.' || local.windows(2).any(|w| w == b"..") {
        return false;
    }
    let (mut labels, mut tld): (usize, &[u8]) = (0, &[]);
    for l in domain.split(|&b| b == b'.') {
        if l.is_empty() || l.len() > 63 || l[0] == b'-' || l[l.len() - 1] == b'-' {
            return false;
        }
        if !l
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80)
        {
            return false;
        }
        labels += 1;
        tld = l;
    }
    if labels < 2 {
        return false;
    }
    let alpha_tld = tld.len() >= 2 && tld.iter().all(|&b| b.is_ascii_alphabetic() || b >= 0x80);
    let puny = tld.len() > 4 && tld[..4].eq_ignore_ascii_case(b"xn--");
    alpha_tld || puny
}

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

    /// The check written as one conjunction of conditions (the former code's, with a `Vec` of
    /// labels and `memmem` for `..`): the one-pass version must say the same.
    fn email_reference(s: &[u8]) -> bool {
        let Some(at) = s.iter().rposition(|&b| b == b'@') else {
            return false;
        };
        let (local, domain) = (&s[..at], &s[at + 1..]);
        let labels: Vec<&[u8]> = domain.split(|&b| b == b'.').collect();
        let label_ok = |l: &&[u8]| {
            (1..=63).contains(&l.len())
                && !l.starts_with(b"-")
                && !l.ends_with(b"-")
                && l.iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b >= 0x80)
        };
        let tld = labels.last().copied().unwrap_or_default();
        (1..=64).contains(&local.len())
            && (4..=253).contains(&domain.len())
            && !local.starts_with(b".")
            && !local.ends_with(b".")
            && memchr::memmem::find(local, b"..").is_none()
            && labels.len() >= 2
            && labels.iter().all(label_ok)
            && ((tld.len() >= 2 && tld.iter().all(|&b| b.is_ascii_alphabetic() || b >= 0x80))
                || (tld.len() > 4 && tld[..4].eq_ignore_ascii_case(b"xn--")))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn email_is_its_reference(
            s in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::Just(b'a'), proptest::prelude::Just(b'Z'),
                proptest::prelude::Just(b'7'), proptest::prelude::Just(b'.'),
                proptest::prelude::Just(b'-'), proptest::prelude::Just(b'@'),
                proptest::prelude::Just(b'x'), proptest::prelude::Just(b'n'),
                proptest::prelude::Just(0xC3u8), proptest::prelude::Just(b'_'),
                proptest::prelude::any::<u8>(),
            ], 0..90),
        ) {
            proptest::prop_assert_eq!(email_valid(&s), email_reference(&s), "{:?}", String::from_utf8_lossy(&s));
        }
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

    /// The one-pass check says what parsing each octet as a number says.
    fn ipv4_reference(s: &[u8]) -> bool {
        let Ok(text) = std::str::from_utf8(s) else {
            return false;
        };
        let parts: Vec<&str> = text.split('.').collect();
        let octets: Option<Vec<u32>> = parts
            .iter()
            .map(|p| {
                let digits = !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit());
                let leading_zero = p.len() > 1 && p.starts_with('0');
                (digits && !leading_zero)
                    .then(|| p.parse::<u32>().ok())
                    .flatten()
                    .filter(|&v| v <= 255)
            })
            .collect();
        matches!(octets, Some(o) if o.len() == 4 && o[0] != 0 && o[0] != 127 && o[0] < 240)
    }

    proptest::proptest! {
        #[test]
        fn ipv4_is_its_reference(s in "[0-9.]{0,18}|([0-9]{1,4}\\.){3}[0-9]{1,4}|[0-9a.x ]{0,12}") {
            proptest::prop_assert_eq!(ipv4_valid(s.as_bytes()), ipv4_reference(s.as_bytes()), "{:?}", s);
        }
    }

    /// Every quad of octets near the bounds (0, 9-10, 99-100, 199-200, 249-256, 299-300,
    /// 999 and a leading zero), and the same cut to three and grown to five octets.
    #[test]
    fn ipv4_quads_near_the_bounds_are_their_reference() {
        let forms = [
            "0", "1", "9", "10", "99", "100", "127", "199", "200", "239", "240", "249", "250",
            "254", "255", "256", "299", "300", "999", "00", "01", "010", "0255", "1000",
        ];
        let mut checked = 0;
        for a in forms {
            for b in forms {
                for c in forms {
                    for d in forms {
                        for s in [
                            format!("{a}.{b}.{c}.{d}"),
                            format!("{a}.{b}.{c}"),
                            format!("{a}.{b}.{c}.{d}.{a}"),
                            format!("{a}.{b}.{c}.{d}."),
                        ] {
                            assert_eq!(
                                ipv4_valid(s.as_bytes()),
                                ipv4_reference(s.as_bytes()),
                                "{s}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 4 * forms.len().pow(4));
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
}
