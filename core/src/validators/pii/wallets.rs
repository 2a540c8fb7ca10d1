//! Crypto wallet addresses (`pii-global.toml`): Bitcoin base58check and bech32/bech32m,
//! Ethereum EIP-55 (with the Keccak-256 it needs).

use sha2::{Digest, Sha256};

const B58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

pub(crate) fn base58_decode(s: &[u8]) -> Option<Vec<u8>> {
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

#[cfg(test)]
mod tests {
    use super::super::all;
    use super::*;

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
}
