//! Private keys and reversible encodings with a checksum or a fixed structure: Bitcoin WIF
//! and BIP-32 extended private keys (base58check), Nostr `nsec` keys (bech32) and Cisco IOS
//! type 7 passwords (an XOR with a published key, so the check is that the hex decodes to
//! printable text).

use super::pii::wallets::base58_decode;
use sha2::{Digest, Sha256};

/// The last four bytes of `raw` are the first four of SHA-256(SHA-256(rest)).
fn base58check_payload(s: &[u8]) -> Option<Vec<u8>> {
    let mut raw = base58_decode(s)?;
    if raw.len() < 5 {
        return None;
    }
    let body_len = raw.len() - 4;
    let digest = Sha256::digest(Sha256::digest(&raw[..body_len]));
    if digest[..4] != raw[body_len..] {
        return None;
    }
    raw.truncate(body_len);
    Some(raw)
}

/// Bitcoin wallet import format: version 0x80 (mainnet) or 0xef (testnet), a 32-byte key, an
/// optional 0x01 (compressed public key) and the base58check checksum.
pub fn wif_private_key_valid(s: &[u8]) -> bool {
    match base58check_payload(s) {
        Some(p) => {
            (p[0] == 0x80 || p[0] == 0xef) && (p.len() == 33 || (p.len() == 34 && p[33] == 0x01))
        }
        None => false,
    }
}

/// BIP-32 extended private key (`xprv`, `tprv`, and the SLIP-132 `yprv`/`zprv`/`uprv`/`vprv`/
/// `Yprv`/`Zprv` variants): 78 bytes whose key data starts with 0x00, and the checksum.
pub fn bip32_private_key_valid(s: &[u8]) -> bool {
    const VERSIONS: [[u8; 4]; 8] = [
        [0x04, 0x88, 0xAD, 0xE4], // xprv
        [0x04, 0x35, 0x83, 0x94], // tprv
        [0x04, 0x9D, 0x78, 0x78], // yprv
        [0x04, 0xB2, 0x43, 0x0C], // zprv
        [0x04, 0x4A, 0x4E, 0x28], // uprv
        [0x04, 0x5F, 0x18, 0xBC], // vprv
        [0x02, 0x95, 0xB0, 0x05], // Yprv
        [0x02, 0xAA, 0x7A, 0x99], // Zprv
    ];
    match base58check_payload(s) {
        Some(p) => p.len() == 78 && VERSIONS.iter().any(|v| p[..4] == *v) && p[45] == 0x00,
        None => false,
    }
}

/// Nostr private key (NIP-19): bech32 with human-readable part `nsec`, 32 bytes of key and a
/// valid checksum; lower case as written, or all upper case.
pub fn nostr_nsec_valid(s: &[u8]) -> bool {
    super::tokens::bech32_key32_valid(s, b"nsec")
}

/// The fixed key of Cisco's type 7 encoding.
const CISCO7_KEY: &[u8] = b"dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";

/// Cisco IOS type 7: two decimal digits (an offset into the key, 0 to 15), then pairs of hex
/// digits; accepted when every decoded byte is printable ASCII.
pub fn cisco_type7_valid(s: &[u8]) -> bool {
    if s.len() < 4 || s.len() % 2 != 0 || !s[..2].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let seed = ((s[0] - b'0') * 10 + (s[1] - b'0')) as usize;
    if seed > 15 {
        return false;
    }
    s[2..].chunks(2).enumerate().all(|(i, pair)| {
        let hex = std::str::from_utf8(pair).ok();
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => (b ^ CISCO7_KEY[(seed + i) % CISCO7_KEY.len()]).is_ascii_graphic(),
            None => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validators::pii::wallets::{bech32_polymod, BECH32_CHARSET};

    /// Base58check of `payload` (test-side encoder, independent of the decoder above).
    fn b58check(payload: &[u8]) -> String {
        const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        let mut data = payload.to_vec();
        data.extend_from_slice(&Sha256::digest(Sha256::digest(payload))[..4]);
        let mut digits: Vec<u8> = Vec::new();
        for &byte in &data {
            let mut carry = byte as u32;
            for d in digits.iter_mut() {
                carry += (*d as u32) << 8;
                *d = (carry % 58) as u8;
                carry /= 58;
            }
            while carry > 0 {
                digits.push((carry % 58) as u8);
                carry /= 58;
            }
        }
        let zeros = data.iter().take_while(|&&b| b == 0).count();
        std::iter::repeat_n(b'1', zeros)
            .chain(digits.iter().rev().map(|&d| B58[d as usize]))
            .map(char::from)
            .collect()
    }

    fn flip_last(s: &str) -> String {
        let mut b = s.as_bytes().to_vec();
        let last = b.len() - 1;
        b[last] = if b[last] == b'2' { b'3' } else { b'2' };
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn wif_keys() {
        let key: Vec<u8> = (1..=32).collect();
        let mut uncompressed = vec![0x80];
        uncompressed.extend(&key);
        let mut compressed = uncompressed.clone();
        compressed.push(0x01);
        let mut testnet = vec![0xef];
        testnet.extend(&key);
        for p in [&uncompressed, &compressed, &testnet] {
            let s = b58check(p);
            assert!(wif_private_key_valid(s.as_bytes()), "{s}");
            assert!(!wif_private_key_valid(flip_last(&s).as_bytes()), "{s}");
        }
        // Right checksum, wrong version byte (0x00 is an address) or length.
        let mut address = vec![0x00];
        address.extend(&key[..20]);
        assert!(!wif_private_key_valid(b58check(&address).as_bytes()));
        let mut bad_flag = uncompressed.clone();
        bad_flag.push(0x02);
        assert!(!wif_private_key_valid(b58check(&bad_flag).as_bytes()));
        assert!(!wif_private_key_valid(b"5Hx0OIl"));
    }

    #[test]
    fn bip32_keys() {
        let mut xprv = vec![
            0x04, 0x88, 0xAD, 0xE4, 3, 0xAA, 0xBB, 0xCC, 0xDD, 0, 0, 0, 1,
        ];
        xprv.extend([7u8; 32]); // chain code
        xprv.push(0x00);
        xprv.extend([9u8; 32]); // key
        let s = b58check(&xprv);
        assert!(s.starts_with("xprv"), "{s}");
        assert!(bip32_private_key_valid(s.as_bytes()));
        assert!(!bip32_private_key_valid(flip_last(&s).as_bytes()));
        // An extended public key: version xpub and a 0x02/0x03 key prefix.
        let mut xpub = xprv.clone();
        xpub[..4].copy_from_slice(&[0x04, 0x88, 0xB2, 0x1E]);
        xpub[45] = 0x02;
        assert!(!bip32_private_key_valid(b58check(&xpub).as_bytes()));
        // Private version but no 0x00 before the key.
        let mut odd = xprv.clone();
        odd[45] = 0x03;
        assert!(!bip32_private_key_valid(b58check(&odd).as_bytes()));
    }

    /// Bech32 encoding of 32 bytes under `nsec` (test-side encoder).
    fn nsec(key: &[u8; 32]) -> String {
        let mut five = Vec::new();
        let (mut acc, mut bits) = (0u32, 0u32);
        for &b in key {
            acc = (acc << 8) | b as u32;
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                five.push(((acc >> bits) & 31) as u8);
            }
        }
        if bits > 0 {
            five.push(((acc << (5 - bits)) & 31) as u8);
        }
        let hrp = b"nsec";
        let mut values: Vec<u8> = hrp.iter().map(|c| c >> 5).collect();
        values.push(0);
        values.extend(hrp.iter().map(|c| c & 31));
        values.extend(&five);
        values.extend([0u8; 6]);
        let m = bech32_polymod(&values) ^ 1;
        five.extend((0..6).map(|i| ((m >> (5 * (5 - i))) & 31) as u8));
        let data: String = five
            .iter()
            .map(|&v| BECH32_CHARSET[v as usize] as char)
            .collect();
        format!("nsec1{data}")
    }

    #[test]
    fn nostr_keys() {
        let s = nsec(&[0x5a; 32]);
        assert_eq!(s.len(), 63);
        assert!(nostr_nsec_valid(s.as_bytes()));
        assert!(nostr_nsec_valid(s.to_ascii_uppercase().as_bytes()));
        assert!(!nostr_nsec_valid(flip_last(&s).as_bytes()));
        let npub = s.replacen("nsec", "npub", 1);
        assert!(!nostr_nsec_valid(npub.as_bytes()));
        let mut mixed = s.clone().into_bytes();
        mixed[10] = mixed[10].to_ascii_uppercase();
        if mixed[10] != s.as_bytes()[10] {
            assert!(!nostr_nsec_valid(&mixed));
        }
        assert!(!nostr_nsec_valid(b"nsec1short"));
    }

    fn cisco7(plain: &str, seed: usize) -> String {
        let mut out = format!("{seed:02}");
        for (i, b) in plain.bytes().enumerate() {
            out.push_str(&format!(
                "{:02X}",
                b ^ CISCO7_KEY[(seed + i) % CISCO7_KEY.len()]
            ));
        }
        out
    }

    #[test]
    fn cisco_type7() {
        for seed in [0, 7, 15] {
            let s = cisco7("Rout3rPass!", seed);
            assert!(cisco_type7_valid(s.as_bytes()), "{s}");
        }
        // Offset above 15, odd length, non-hex, and hex that decodes to control bytes.
        assert!(!cisco_type7_valid(b"16001F"));
        assert!(!cisco_type7_valid(b"0822455D0A1"));
        assert!(!cisco_type7_valid(b"08ZZ455D0A16"));
        let control: String = std::iter::once("00".to_string())
            .chain((0..6).map(|i| format!("{:02X}", CISCO7_KEY[i])))
            .collect();
        assert!(!cisco_type7_valid(control.as_bytes()), "{control}");
    }
}
