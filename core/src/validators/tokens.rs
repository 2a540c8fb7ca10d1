//! Structural and checksum validators for token formats.
//!
//! Every check here is a pure function of the candidate bytes, with no allocation beyond a small
//! decode buffer. They encode what the providers publish about their formats:
//! GitHub classic tokens and npm tokens end in the base62 CRC32 of their 30 random characters,
//! PyPI tokens are base64url macaroons whose location is `pypi.org`, JWT headers are JSON with
//! an `alg`, age secret keys are Bech32 with a checksum.

use super::basic::is_placeholder;

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 (IEEE 802.3, the one in zlib and PNG).
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc = CRC_TABLE[((crc ^ b as u32) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// `n` in base62 (digits, upper, lower), left-padded with `0` to six characters.
fn base62_6(mut n: u32) -> [u8; 6] {
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    out
}

/// `prefix_` + 30 random base62 characters + base62(CRC32(random part)), six wide.
fn prefixed_crc32_valid(s: &[u8], prefix_ok: fn(&[u8]) -> bool) -> bool {
    let Some(us) = s.iter().position(|&b| b == b'_') else {
        return false;
    };
    let (prefix, tail) = (&s[..us], &s[us + 1..]);
    if !prefix_ok(prefix) || tail.len() != 36 || !tail.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    base62_6(crc32(&tail[..30])) == tail[30..]
}

/// GitHub classic token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`): the last six characters are
/// the base62 CRC32 of the 30 characters after the prefix.
pub fn github_checksum_valid(s: &[u8]) -> bool {
    prefixed_crc32_valid(s, |p| {
        p.len() == 3 && p[0] == b'g' && p[1] == b'h' && b"pousr".contains(&p[2])
    })
}

/// npm access token (`npm_`): same scheme as GitHub's classic tokens.
pub fn npm_checksum_valid(s: &[u8]) -> bool {
    prefixed_crc32_valid(s, |p| p == b"npm")
}

fn b64_value(b: u8) -> Option<u8> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' | b'-' => 62,
        b'/' | b'_' => 63,
        _ => return None,
    })
}

/// Decodes standard or URL-safe base64, padding optional. A dangling single character (which
/// cannot encode a byte) is an error, as is any byte outside the two alphabets.
pub(crate) fn base64_decode(s: &[u8]) -> Option<Vec<u8>> {
    let body = match s.iter().position(|&b| b == b'=') {
        Some(p) if s[p..].iter().all(|&b| b == b'=') && s.len() - p <= 2 => &s[..p],
        Some(_) => return None,
        None => s,
    };
    if body.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in body {
        acc = (acc << 6) | b64_value(b)? as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// Decodes the longest prefix of `s` that is whole base64 quanta (ignores a trailing partial
/// group), for tokens whose base64 part runs into other characters.
fn base64_decode_prefix(s: &[u8]) -> Option<Vec<u8>> {
    let run = s.iter().take_while(|&&b| b64_value(b).is_some()).count();
    base64_decode(&s[..run - run % 4])
}

fn read_varint(data: &[u8], pos: &mut usize) -> Option<usize> {
    let mut v: usize = 0;
    for shift in (0..35).step_by(7) {
        let b = *data.get(*pos)?;
        *pos += 1;
        v |= ((b & 0x7F) as usize) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Reads one macaroon v2 field: `(type, data)`, or `(0, [])` for an end-of-section marker.
fn read_field<'a>(data: &'a [u8], pos: &mut usize) -> Option<(u8, &'a [u8])> {
    let t = *data.get(*pos)?;
    *pos += 1;
    if t == 0 {
        return Some((0, &[]));
    }
    let len = read_varint(data, pos)?;
    let field = data.get(*pos..pos.checked_add(len)?)?;
    *pos += len;
    Some((t, field))
}

/// PyPI API token: `pypi-` + base64url(macaroon, version 2 binary format) whose location is
/// `pypi.org` or `test.pypi.org`, with an identifier, well-formed caveats and a 32-byte
/// signature as its last field.
pub fn pypi_macaroon_valid(s: &[u8]) -> bool {
    let Some(body) = s.strip_prefix(b"pypi-") else {
        return false;
    };
    let Some(m) = base64_decode(body) else {
        return false;
    };
    parse_macaroon_v2(&m).is_some_and(|loc| loc == b"pypi.org" || loc == b"test.pypi.org")
}

/// Returns the location of a well-formed v2 macaroon.
fn parse_macaroon_v2(m: &[u8]) -> Option<&[u8]> {
    const LOCATION: u8 = 1;
    const IDENTIFIER: u8 = 2;
    const VID: u8 = 4;
    const SIGNATURE: u8 = 6;
    if m.first() != Some(&2) {
        return None;
    }
    let mut pos = 1;
    let mut location: Option<&[u8]> = None;
    let mut has_id = false;
    loop {
        match read_field(m, &mut pos)? {
            (0, _) => break,
            (LOCATION, d) if location.is_none() && !has_id => location = Some(d),
            (IDENTIFIER, d) if !has_id && !d.is_empty() => has_id = true,
            _ => return None,
        }
    }
    if !has_id {
        return None;
    }
    // Caveats: sections of [location] identifier [vid] EOS; an empty section ends the list.
    loop {
        let mut fields = 0;
        let mut cav_id = false;
        loop {
            match read_field(m, &mut pos)? {
                (0, _) => break,
                (LOCATION | VID, _) => {}
                (IDENTIFIER, d) if !d.is_empty() => cav_id = true,
                _ => return None,
            }
            fields += 1;
        }
        if fields == 0 {
            break;
        }
        if !cav_id {
            return None;
        }
    }
    match read_field(m, &mut pos)? {
        (SIGNATURE, sig) if sig.len() == 32 && pos == m.len() => location,
        _ => None,
    }
}

fn is_printable_text(d: &[u8]) -> bool {
    std::str::from_utf8(d).is_ok_and(|t| t.chars().all(|c| !c.is_control() || c == '\t'))
}

/// A JSON object as text: printable, `{` ... `}` after trimming whitespace.
fn looks_like_json_object(d: &[u8]) -> bool {
    let t = d.trim_ascii();
    t.len() >= 2 && t[0] == b'{' && t[t.len() - 1] == b'}' && is_printable_text(t)
}

/// JWT (JWS compact form): three base64url parts; the header is a JSON object with an `alg`
/// member, the payload a JSON object, the signature non-empty base64url.
pub fn jwt_valid(s: &[u8]) -> bool {
    let mut parts = s.split(|&b| b == b'.');
    let (Some(h), Some(p), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (Some(h), Some(p)) = (base64_decode(h), base64_decode(p)) else {
        return false;
    };
    looks_like_json_object(&h)
        && memchr::memmem::find(&h, b"\"alg\"").is_some()
        && looks_like_json_object(&p)
        && !sig.is_empty()
        && base64_decode(sig).is_some()
}

/// A token carrying base64 JSON (1Password service accounts, Grafana, Sentry org tokens): from
/// the first `eyJ` (base64 of `{"`), the decoded bytes begin like a JSON object with a member.
pub fn base64_json_valid(s: &[u8]) -> bool {
    let Some(i) = memchr::memmem::find(s, b"eyJ") else {
        return false;
    };
    let Some(d) = base64_decode_prefix(&s[i..]) else {
        return false;
    };
    let head = &d[..d.len().min(24)];
    d.len() >= 8
        && d.starts_with(b"{\"")
        && head.iter().all(|&b| (0x20..0x7F).contains(&b))
        && memchr::memmem::find(head, b"\":").is_some()
}

/// A DER structure in base64 (a key or PKCS#12 file without PEM armour): the decoded bytes are
/// one SEQUENCE whose length field matches the decoded length exactly. Random base64 that
/// merely starts like one (`MII...`) almost never does.
pub fn der_sequence_valid(s: &[u8]) -> bool {
    let Some(d) = base64_decode(s) else {
        return false;
    };
    if d.len() < 2 || d[0] != 0x30 {
        return false;
    }
    let (header, len) = match d[1] {
        n if n < 0x80 => (2, n as usize),
        0x81 if d.len() >= 3 => (3, d[2] as usize),
        0x82 if d.len() >= 4 => (4, (d[2] as usize) << 8 | d[3] as usize),
        0x83 if d.len() >= 5 => (
            5,
            (d[2] as usize) << 16 | (d[3] as usize) << 8 | d[4] as usize,
        ),
        _ => return false,
    };
    header + len == d.len()
}

/// A NATS NKey seed: RFC 4648 base32 (no padding) of 36 bytes, the seed prefix in the top five
/// bits of the first byte, a 32-byte key, and a CRC-16 (XMODEM: polynomial 0x1021, initial 0)
/// of the first 34 bytes, little-endian.
pub fn nkey_seed_valid(s: &[u8]) -> bool {
    let mut out = Vec::with_capacity(36);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in s {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'2'..=b'7' => b - b'2' + 26,
            _ => return false,
        };
        acc = (acc << 5) | v as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    if out.len() != 36 || out[0] & 0xF8 != 18 << 3 {
        return false;
    }
    let mut crc: u16 = 0;
    for &b in &out[..34] {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc == u16::from_le_bytes([out[34], out[35]])
}

/// HTTP Basic / Docker / npm `_auth` credentials: base64 of `user:password`, printable, both
/// parts non-empty, and the password not a placeholder.
pub fn base64_userpass_valid(s: &[u8]) -> bool {
    let Some(d) = base64_decode(s) else {
        return false;
    };
    if d.len() < 3 || !d.iter().all(|&b| (0x21..0x7F).contains(&b)) {
        return false;
    }
    match d.iter().position(|&b| b == b':') {
        Some(c) if c > 0 && c + 1 < d.len() => !is_placeholder(&d[c + 1..]),
        _ => false,
    }
}

/// Discord bot token: the first part is the base64 of the bot's user id, a 17 to 20 digit
/// snowflake.
pub fn discord_bot_token_valid(s: &[u8]) -> bool {
    let first = s.split(|&b| b == b'.').next().unwrap_or_default();
    match base64_decode(first) {
        Some(id) => {
            (17..=20).contains(&id.len()) && id.iter().all(u8::is_ascii_digit) && id[0] != b'0'
        }
        None => false,
    }
}

use super::pii::wallets::{bech32_polymod, BECH32_CHARSET as BECH32};

/// age secret key: Bech32 (BIP 173) with human-readable part `age-secret-key-`, 32 bytes of
/// key data and a valid checksum. Upper case as age writes it; mixed case is rejected.
pub fn age_bech32_valid(s: &[u8]) -> bool {
    bech32_key32_valid(s, b"age-secret-key-")
}

/// A Bech32 (BIP 173) string with human-readable part `hrp` (lower case), then `1`, 32 bytes
/// of data (52 five-bit groups) and a valid six-group checksum; all lower or all upper case.
pub(super) fn bech32_key32_valid(s: &[u8], hrp: &[u8]) -> bool {
    if s.iter().any(u8::is_ascii_lowercase) && s.iter().any(u8::is_ascii_uppercase) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    let Some(data) = lower.strip_prefix(hrp).and_then(|r| r.strip_prefix(b"1")) else {
        return false;
    };
    if data.len() != 58 {
        return false;
    }
    let mut values: Vec<u8> = Vec::with_capacity(2 * hrp.len() + 1 + data.len());
    values.extend(hrp.iter().map(|c| c >> 5));
    values.push(0);
    values.extend(hrp.iter().map(|c| c & 31));
    for &c in data {
        match BECH32.iter().position(|&b| b == c) {
            Some(v) => values.push(v as u8),
            None => return false,
        }
    }
    bech32_polymod(&values) == 1
}

/// True for values of generic assignments that name something in code rather than hold a
/// literal secret: identifiers and paths (`args.pw`, `settings.API_KEY`, `crate::token::Token`,
/// `MI_UserCredentials_0`, `ed25519.Ed25519PrivateKey`), pointer types and YAML aliases
/// (`*const`, `*anchor`), file paths, command-line flags and YAML tags (`!vault`).
pub(crate) fn is_code_reference(s: &[u8]) -> bool {
    let t = s.trim_ascii();
    let t = t
        .strip_prefix(b"\"")
        .or_else(|| t.strip_prefix(b"'"))
        .unwrap_or(t);
    let t = t
        .strip_suffix(b"\"")
        .or_else(|| t.strip_suffix(b"'"))
        .unwrap_or(t);
    let Some(&first) = t.first() else { return true };
    if first == b'/' || first == b'-' || first == b'~' {
        return true;
    }
    let is_word = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_';
    if (first == b'!' || first == b'*' || first == b'&')
        && t.len() > 1
        && t[1].is_ascii_alphabetic()
        && t[1..].iter().all(is_word)
    {
        return true;
    }
    // Identifier paths: pieces separated by `.` or `::` (empty pieces come from `::`).
    let segs: Vec<&[u8]> = t
        .split(|&b| b == b'.' || b == b':')
        .filter(|seg| !seg.is_empty())
        .collect();
    let ident = segs.iter().all(|seg| {
        (seg[0].is_ascii_alphabetic() || seg[0] == b'_' || seg[0] == b'$')
            && seg.iter().all(|c| is_word(c) || *c == b'$')
    });
    if !ident {
        return false;
    }
    if !t.iter().any(u8::is_ascii_digit) {
        return true;
    }
    // A snake_case name whose digits are short word suffixes (`MI_UserCredentials_0`), or a
    // dotted path of real names with digits (`ed25519.Ed25519PrivateKey`). Passwords made of
    // letters, digits, `.` and `_` (`Tiger35._Rcj.E`) stay literals: a piece starts with `_`
    // or is a single character.
    let digit_runs = |p: &[u8]| {
        p.windows(2)
            .filter(|w| w[0].is_ascii_digit() && !w[1].is_ascii_digit())
            .count()
            + usize::from(p.last().is_some_and(u8::is_ascii_digit))
    };
    let wordy = |n: usize| {
        t.split(|c| !c.is_ascii_lowercase())
            .any(|run| run.len() >= n)
    };
    let suffix_digits = segs
        .iter()
        .flat_map(|seg| seg.split(|&b| b == b'_'))
        .all(|part| {
            let letters = part.iter().take_while(|c| !c.is_ascii_digit()).count();
            part.len() - letters <= 3 && part[letters..].iter().all(u8::is_ascii_digit)
        });
    if segs.len() == 1 && t.contains(&b'_') && suffix_digits && wordy(3) {
        return true;
    }
    segs.len() >= 2
        && segs
            .iter()
            .all(|seg| seg.len() >= 2 && seg[0] != b'_' && digit_runs(seg) <= 1)
        && wordy(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Valid values below were produced by corpora/secrets/generate.py (an independent Python
    // implementation using zlib's CRC32): random characters of the published alphabet plus the
    // computed checksum. None is a real credential.
    const GHP: &str = "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";
    const GHO: &str = "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";
    const NPM: &str = "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";
    const PYPI: &str = "pypi-AgEIcHlwaS5vcmcCOXsidmVyc2lvbiI6MSwiaWQiOiI1ZmQyZDI0OS0wY2E0LTQ2MTYtOThjNC1iZjE0NGQzMzM0OTUifQACNXsidmVyc2lvbiI6MSwicGVybWlzc2lvbnMiOnsicHJvamVjdHMiOlsibmVncmt5cHoiXX19AAAGIDvYQR7b0lwvrRKASQKV1QxWN2BmVtLPZmJq0F6IFy7h";
    const TESTPYPI: &str = "pypi-AgENdGVzdC5weXBpLm9yZwI5eyJ2ZXJzaW9uIjoxLCJpZCI6IjFiY2U3OTc5LTNhNjctNDllMi05ZDgyLTlhZjQ4ZDlkNTljZSJ9AAI1eyJ2ZXJzaW9uIjoxLCJwZXJtaXNzaW9ucyI6eyJwcm9qZWN0cyI6WyJta2dsYXZsdyJdfX0AAAYgS_bZMeSqqivKo0Koar7A3bQ7aNzcWKhmAByAiDMAhU8";
    const AGE: &str = "AGE-SECRET-KEY-1Y9AW48QHT6QZSWAMJF7RTD76R9HECVL8ESKZY7DUU5LJE4A0GY4QKXWPN2";

    fn flip_last(s: &str) -> String {
        let mut b = s.as_bytes().to_vec();
        let last = b.len() - 1;
        b[last] = if b[last] == b'A' { b'B' } else { b'A' };
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn crc32_reference_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn base62_padding() {
        assert_eq!(&base62_6(0), b"000000");
        assert_eq!(&base62_6(61), b"00000z");
        assert_eq!(&base62_6(62), b"000010");
        assert_eq!(&base62_6(u32::MAX), b"4gfFC3");
    }

    #[test]
    fn github_checksums() {
        assert!(github_checksum_valid(GHP.as_bytes()));
        assert!(github_checksum_valid(GHO.as_bytes()));
        assert!(!github_checksum_valid(flip_last(GHP).as_bytes()));
        // Same random part under another prefix is still valid (the prefix is not summed).
        assert!(github_checksum_valid(
            GHP.replace("ghp_", "ghs_").as_bytes()
        ));
        assert!(!github_checksum_valid(
            GHP.replace("ghp_", "ghx_").as_bytes()
        ));
        assert!(!github_checksum_valid(
            b"ghp_1234567890abcdefghijklmnopqrstuvwxyz"
        ));
        assert!(!github_checksum_valid(b"ghp_short"));
        assert!(!github_checksum_valid(NPM.as_bytes()));
    }

    #[test]
    fn npm_checksums() {
        assert!(npm_checksum_valid(NPM.as_bytes()));
        assert!(!npm_checksum_valid(flip_last(NPM).as_bytes()));
        assert!(!npm_checksum_valid(GHP.as_bytes()));
        assert!(!npm_checksum_valid(b"npm_config_cache"));
    }

    #[test]
    fn base64_both_alphabets() {
        assert_eq!(base64_decode(b"aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_decode(b"aGVsbG8").unwrap(), b"hello");
        assert_eq!(
            base64_decode(b"-_8").unwrap(),
            base64_decode(b"+/8=").unwrap()
        );
        assert!(base64_decode(b"a").is_none());
        assert!(base64_decode(b"aGV=sbG8").is_none());
        assert!(base64_decode(b"aGVs!G8=").is_none());
    }

    #[test]
    fn pypi_macaroons() {
        assert!(pypi_macaroon_valid(PYPI.as_bytes()));
        assert!(pypi_macaroon_valid(TESTPYPI.as_bytes()));
        // Truncated: the signature field is cut.
        assert!(!pypi_macaroon_valid(&PYPI.as_bytes()[..PYPI.len() - 4]));
        // Right prefix, random tail.
        assert!(!pypi_macaroon_valid(
            b"pypi-AgEIcHlwaS5vcmcAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        ));
        assert!(!pypi_macaroon_valid(
            b"pypi-AgEIcHlwaS5vcmcrandomgarbageQmFzZTY0IGlzIG5vdCBhIG1hY2Fyb29u"
        ));
        assert!(!pypi_macaroon_valid(b"AgEIcHlwaS5vcmc"));
    }

    #[test]
    fn jwts() {
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MjQyIiwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLWJ5dGVzLWdvLWhlcmUtMzItYnl0ZXM";
        assert!(jwt_valid(jwt.as_bytes()));
        // Header without alg.
        assert!(!jwt_valid(
            b"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiI0MjQyIn0.c2lnbmF0dXJl"
        ));
        // Not JSON.
        assert!(!jwt_valid(b"eyJhbGciOi.eyJzdWIiOiI0MjQyIn0.c2lnbmF0dXJl"));
        assert!(!jwt_valid(b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MjQyIn0"));
        assert!(!jwt_valid(b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MjQyIn0."));
    }

    #[test]
    fn base64_json_tokens() {
        assert!(base64_json_valid(b"glc_eyJvIjoiaHJ6ZzYzMmlFUFBoT3J0YVpoIiwibiI6IkVQUVV4a1ZmTUd5b0I4Q2IiLCJrIjoiVU03RHFTTFIifQ"));
        assert!(base64_json_valid(
            b"ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSJ9"
        ));
        assert!(!base64_json_valid(
            b"ops_eyJ8q2ZbX0wPxR7mKs9Lh4TvYu1NcE3aGdBf6Wj"
        ));
        assert!(!base64_json_valid(b"glc_AAAAAAAA"));
    }

    #[test]
    fn der_sequences() {
        // SEQUENCE { INTEGER 0 }, 5 bytes: MAMCAQA=
        assert!(der_sequence_valid(b"MAMCAQA="));
        // The same with one byte more than its length says.
        assert!(!der_sequence_valid(b"MAMCAQAA"));
        // Long form: 30 82 00 03 02 01 00 = MIIAAwIBAA==
        assert!(der_sequence_valid(b"MIIAAwIBAA=="));
        // Length 4 claimed, 3 present.
        assert!(!der_sequence_valid(b"MIIABAIBAA=="));
        // Not a SEQUENCE, not base64.
        assert!(!der_sequence_valid(b"AgEA"));
        assert!(!der_sequence_valid(b"MII*"));
    }

    #[test]
    fn nkey_seeds() {
        // A user seed made as corpora/secrets/rulegen.py's nkey_seed makes them.
        let good = b"SUAJ6QN5LPF3B4OXXWTOZBYH2534N4J7UYG6MKA4L54N4P3BRMNJEP4CQA";
        assert!(nkey_seed_valid(good));
        let mut bad = good.to_vec();
        bad[20] = if bad[20] == b'A' { b'B' } else { b'A' };
        assert!(!nkey_seed_valid(&bad));
        assert!(!nkey_seed_valid(&good[..good.len() - 1]));
        assert!(!nkey_seed_valid(b"SUAVE"));
        // A public key (35 bytes, prefix U): valid checksum, not a seed.
        assert!(!nkey_seed_valid(
            b"UBFFB5RSRLQK3IBUF3YPPMBS6736IYSMAVOGUKXPEVBRAVCN2GNJMW56"
        ));
    }

    #[test]
    fn basic_credentials() {
        assert!(base64_userpass_valid(b"ZGVwbG95OlhrOSN2UTJtTHA=")); // deploy:Xk9#vQ2mLp
        assert!(!base64_userpass_valid(b"dXNlcjpwYXNzd29yZA==")); // user:password
        assert!(!base64_userpass_valid(b"aGVsbG8gd29ybGQ=")); // no colon
        assert!(!base64_userpass_valid(b"OnNlY3JldA==")); // empty user
        assert!(!base64_userpass_valid(b"not base64"));
    }

    #[test]
    fn discord_tokens() {
        assert!(discord_bot_token_valid(
            b"ODQzMzA2MjYwNTM0OTM4ODg4.tUoqpE.widTCkz1dW0GbehUM3ADZQXmHgX3TAEy5JVdr3"
        ));
        assert!(!discord_bot_token_valid(
            b"aGVsbG8gd29ybGQgaGVsbG8.tUoqpE.widTCkz1dW0GbehUM3ADZQXmHgX3TAEy5JVdr3"
        ));
        assert!(!discord_bot_token_valid(
            b"MTIzNA.tUoqpE.widTCkz1dW0GbehUM3ADZQXmHgX3TAEy5JVdr3"
        ));
    }

    #[test]
    fn code_references() {
        for r in [
            "args.pw",
            "settings.API_KEY_FROM_ENVIRONMENT",
            "user_input",
            "CONSTANT_NAME",
            "self.token",
            "!vault",
            "/run/secrets/db",
            "--stdin",
            "'inputValue'",
            "crate::call::private::Token",
            "sys::IORING_FLAGS_PASS",
            "*const",
            "*default_db",
            "MI_UserCredentials_0",
            "ed25519.Ed25519PrivateKey",
        ] {
            assert!(is_code_reference(r.as_bytes()), "{r} is a code reference");
        }
        for v in [
            "Tiger12!xQ",
            "q8Zr2LxV0pN7fK3mW9sT",
            "hX9#kq2!Lm",
            "s3cr.et",
            "Summer2024",
            "aB3xY9_kLm2pQ7rT",
            "*Xk9#2",
            "Tiger35._RcjML.E",
            "Dragon12",
        ] {
            assert!(!is_code_reference(v.as_bytes()), "{v} is a literal");
        }
    }

    #[test]
    fn age_keys() {
        assert!(age_bech32_valid(AGE.as_bytes()));
        assert!(age_bech32_valid(AGE.to_ascii_lowercase().as_bytes()));
        assert!(!age_bech32_valid(flip_last(AGE).as_bytes()));
        assert!(!age_bech32_valid(
            format!("AGE-SECRET-KEY-1{}", "Q".repeat(58)).as_bytes()
        ));
        assert!(!age_bech32_valid(b"AGE-SECRET-KEY-1SHORT"));
    }
}
