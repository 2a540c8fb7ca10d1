#!/usr/bin/env python3
"""Deterministic PII corpus for redactum's PII catalog (GitHub issue #4).

Writes, next to this script (or into the directory given as the first argument):

* ``planted.txt``: realistic log and form lines, each carrying one personal value;
* ``planted.manifest.jsonl``: one JSON object per planted value:
  ``{"line": N, "rule": "rule-id", "value": "exact text"}`` (lines are 1-based);
* ``decoy-lognoise.txt``: more than 2 MB of log noise that holds no personal data at all:
  timestamps, durations, ids, UUIDs, versions, ports, byte counts, digests, stack traces,
  counters, java/python/nginx/json lines.

Values are generated from the check algorithms below (stdlib only, seeded), independently of
the examples written in the rule files. Context words appear where the rule needs them, as in
real logs and forms.

Dotted-quad policy: an address after a separator such as ``client=10.1.2.3``, ``from 10.1.2.3``
or at the start of an nginx line is an IP address and is redacted. A dotted quad that follows a
version word (``version 1.2.3.4``, ``app_version=4.12.0.3``, ``build: 2.0.1.7``), a ``v``
(``v1.2.3.4``), a product token (``Chrome/120.0.0.0``) or a dash (``pkg-1.2.3.4``) is a version
and is left alone; so are longer dotted sequences (OIDs such as ``1.3.6.1.4.1``), CIDR blocks
(``10.0.0.0/8``) and package versions (``1.2.5.1-2``). See README.md.

Usage: python3 corpora/pii/generate.py [OUT_DIR]
"""

import hashlib
import json
import os
import random
import string
import sys

SEED = 4

# ------------------------------------------------------------------------------------------
# Check algorithms (written from the specifications, not shared with the Rust validators)


def luhn_check_digit(body):
    """Digit that makes body + digit pass Luhn."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # these get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
VERHOEFF_P = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]
for _ in range(7):
    VERHOEFF_P.append([VERHOEFF_P[-1][[1, 5, 7, 6, 2, 8, 3, 0, 9, 4][j]] for j in range(10)])
VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9]


def verhoeff_check_digit(body):
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = VERHOEFF_D[c][VERHOEFF_P[(i + 1) % 8][int(ch)]]
    return str(VERHOEFF_INV[c])


def iso7064_mod11_10_check(body):
    p = 10
    for ch in body:
        s = (int(ch) + p) % 10 or 10
        p = (s * 2) % 11
    return str((11 - p) % 10)


def mod11_weighted(body, weights):
    return sum(int(a) * w for a, w in zip(body, weights))


def iban_check(country, bban):
    rearranged = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearranged)
    return "%02d" % (98 - int(num) % 97)


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58check(payload):
    raw = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(raw) - len(raw.lstrip(b"\0"))
    return "1" * pad + out


BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def segwit_address(hrp, version, program):
    acc, bits, data = 0, 0, [version]
    for b in program:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    const = 1 if version == 0 else 0x2BC830A3
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    polymod = bech32_polymod(values + [0] * 6) ^ const
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + checksum)


def keccak256(data):
    rc = [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000,
        0x000000000000808B, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008A, 0x0000000000000088, 0x0000000080008009, 0x000000008000000A,
        0x000000008000808B, 0x800000000000008B, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ]
    # rotation offsets r[x][y]
    r = [[0, 36, 3, 41, 18], [1, 44, 10, 45, 2], [62, 6, 43, 15, 61], [28, 55, 25, 21, 56],
         [27, 20, 39, 8, 14]]
    mask = (1 << 64) - 1

    def rol(v, n):
        return ((v << n) | (v >> (64 - n))) & mask if n else v

    rate = 136
    msg = bytearray(data) + b"\x01"
    while len(msg) % rate:
        msg.append(0)
    msg[-1] |= 0x80
    st = [[0] * 5 for _ in range(5)]  # st[x][y]
    for off in range(0, len(msg), rate):
        block = msg[off:off + rate]
        for i in range(rate // 8):
            st[i % 5][i // 5] ^= int.from_bytes(block[8 * i:8 * i + 8], "little")
        for rnd in range(24):
            c = [st[x][0] ^ st[x][1] ^ st[x][2] ^ st[x][3] ^ st[x][4] for x in range(5)]
            d = [c[(x - 1) % 5] ^ rol(c[(x + 1) % 5], 1) for x in range(5)]
            st = [[st[x][y] ^ d[x] for y in range(5)] for x in range(5)]
            b = [[0] * 5 for _ in range(5)]
            for x in range(5):
                for y in range(5):
                    b[y][(2 * x + 3 * y) % 5] = rol(st[x][y], r[x][y])
            st = [[b[x][y] ^ ((~b[(x + 1) % 5][y]) & b[(x + 2) % 5][y]) for y in range(5)]
                  for x in range(5)]
            st[0][0] ^= rc[rnd]
    out = b""
    for i in range(4):
        out += st[i % 5][i // 5].to_bytes(8, "little")
    return out


def eip55(hex40):
    h = keccak256(hex40.lower().encode()).hex()
    return "0x" + "".join(c.upper() if c.isalpha() and int(h[i], 16) >= 8 else c
                          for i, c in enumerate(hex40.lower()))


assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
assert eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") == "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"

# ------------------------------------------------------------------------------------------
# Value generators: each returns one valid value written the way people write it.

rng = random.Random(SEED)


def digits(n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def nz_digits(n):
    return rng.choice("123456789") + digits(n - 1)


def pick(*options):
    return rng.choice(options)


def birth_date(lo=1940, hi=2005):
    y = rng.randint(lo, hi)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return y, m, d


def gen_email():
    first = pick("jane", "john", "maria", "li.wei", "o.connor", "anna-lena", "raj", "sofia", "k", "t.nguyen")
    last = pick("doe", "smith", "muller", "garcia", "rossi", "tanaka", "kowalski", "dubois", "silva", "ng")
    local = pick(f"{first}.{last}", f"{first}{rng.randint(1, 99)}", f"{first}+{pick('news', 'billing', 'test')}",
                 f"{last}_{first}", f"{first[0]}{last}")
    domain = pick("example.com", "mail.example.org", "corp.example.co.uk", "bücher.de", "müller-gmbh.at",
                  "xn--bcher-kva.de", "example.io", "students.uni-example.edu", "société.fr", "пример.рф")
    address = f"{local}@{domain}"
    return address.upper() if rng.random() < 0.1 else address


E164_SAMPLES = [
    # (country code, generator of a national significant number, formatter)
    ("1", lambda: rng.choice("23456789") + digits(2) + rng.choice("23456789") + digits(6),
     lambda cc, n: pick(f"+{cc} ({n[:3]}) {n[3:6]}-{n[6:]}", f"+{cc}{n}", f"+{cc} {n[:3]} {n[3:6]} {n[6:]}", f"+{cc}-{n[:3]}-{n[3:6]}-{n[6:]}")),
    ("44", lambda: "7" + digits(9), lambda cc, n: pick(f"+{cc} {n[:4]} {n[4:]}", f"+{cc}{n}", f"+{cc} (0){n[:4]} {n[4:]}")),
    ("49", lambda: "1" + rng.choice("567") + digits(rng.choice([8, 9])), lambda cc, n: pick(f"+{cc} {n[:3]} {n[3:]}", f"+{cc}{n}")),
    ("33", lambda: rng.choice("1234567") + digits(8), lambda cc, n: pick(f"+{cc} {n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:]}", f"+{cc}{n}")),
    ("34", lambda: rng.choice("67") + digits(8), lambda cc, n: pick(f"+{cc} {n[:3]} {n[3:6]} {n[6:]}", f"+{cc}{n}")),
    ("39", lambda: "3" + digits(9), lambda cc, n: pick(f"+{cc} {n[:3]} {n[3:]}", f"+{cc}{n}")),
    ("31", lambda: "6" + digits(8), lambda cc, n: pick(f"+{cc} {n[0]} {n[1:]}", f"+{cc}{n}")),
    ("91", lambda: rng.choice("6789") + digits(9), lambda cc, n: pick(f"+{cc} {n[:5]} {n[5:]}", f"+{cc}{n}", f"+{cc}-{n}")),
    ("61", lambda: "4" + digits(8), lambda cc, n: pick(f"+{cc} {n[0]} {n[1:5]} {n[5:]}", f"+{cc}{n}")),
    ("81", lambda: rng.choice("789") + "0" + digits(8), lambda cc, n: pick(f"+{cc} {n[:2]}-{n[2:6]}-{n[6:]}", f"+{cc}{n}")),
    ("86", lambda: "1" + rng.choice("3589") + digits(9), lambda cc, n: pick(f"+{cc} {n[:3]} {n[3:7]} {n[7:]}", f"+{cc}{n}")),
    ("55", lambda: rng.choice("1234") + rng.choice("123456789") + "9" + digits(8), lambda cc, n: pick(f"+{cc} {n[:2]} {n[2:7]}-{n[7:]}", f"+{cc}{n}")),
    ("52", lambda: rng.choice("2345") + digits(9), lambda cc, n: pick(f"+{cc} {n[:2]} {n[2:6]} {n[6:]}", f"+{cc}{n}")),
    ("65", lambda: rng.choice("89") + digits(7), lambda cc, n: pick(f"+{cc} {n[:4]} {n[4:]}", f"+{cc}{n}")),
    ("82", lambda: "10" + digits(8), lambda cc, n: pick(f"+{cc} {n[:2]}-{n[2:6]}-{n[6:]}", f"+{cc}{n}")),
    ("27", lambda: rng.choice("678") + digits(8), lambda cc, n: pick(f"+{cc} {n[:2]} {n[2:5]} {n[5:]}", f"+{cc}{n}")),
    ("46", lambda: "7" + rng.choice("0236") + digits(7), lambda cc, n: pick(f"+{cc} {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}", f"+{cc}{n}")),
    ("48", lambda: rng.choice("5678") + digits(8), lambda cc, n: pick(f"+{cc} {n[:3]} {n[3:6]} {n[6:]}", f"+{cc}{n}")),
    ("41", lambda: "7" + rng.choice("5689") + digits(7), lambda cc, n: pick(f"+{cc} {n[:2]} {n[2:5]} {n[5:7]} {n[7:]}", f"+{cc}{n}")),
    ("353", lambda: "8" + rng.choice("35679") + digits(7), lambda cc, n: pick(f"+{cc} {n[:2]} {n[2:5]} {n[5:]}", f"+{cc}{n}")),
]


def gen_phone_e164():
    cc, nsn, fmt = rng.choice(E164_SAMPLES)
    return fmt(cc, nsn())


def gen_phone_national():
    kind = rng.randrange(12)
    if kind == 0:  # US/Canada
        a = rng.choice("23456789") + digits(2)
        e = rng.choice("23456789") + digits(2)
        s = digits(4)
        return pick(f"({a}) {e}-{s}", f"{a}-{e}-{s}", f"{a}.{e}.{s}", f"1-{a}-{e}-{s}")
    if kind == 1:  # UK
        return pick(f"020 {rng.choice('378')}{digits(3)} {digits(4)}", f"07{digits(3)} {digits(6)}", f"0161 {digits(3)} {digits(4)}")
    if kind == 2:  # Germany
        return pick(f"030 {nz_digits(8)}", f"0{rng.choice(['151', '160', '171', '176'])} {nz_digits(8)}", f"089/{nz_digits(7)}")
    if kind == 3:  # France
        n = rng.choice("1234567") + digits(8)
        return f"0{n[0]} {n[1:3]} {n[3:5]} {n[5:7]} {n[7:]}"
    if kind == 4:  # Spain, Italy mobile
        return pick(f"6{digits(2)} {digits(3)} {digits(3)}", f"3{digits(2)} {digits(3)} {digits(4)}")
    if kind == 5:  # Netherlands, Belgium
        return pick(f"06-{nz_digits(8)}", f"020 {nz_digits(3)} {digits(4)}", f"0{rng.choice('234')}{digits(1)} {digits(2)} {digits(2)} {digits(2)}")
    if kind == 6:  # India
        return pick(f"{rng.choice('6789')}{digits(4)} {digits(5)}", f"0{rng.choice('2345')}{digits(1)} {digits(4)} {digits(4)}")
    if kind == 7:  # Australia
        return pick(f"04{digits(2)} {digits(3)} {digits(3)}", f"(0{rng.choice('2378')}) {nz_digits(4)} {digits(4)}")
    if kind == 8:  # Japan
        return pick(f"03-{nz_digits(4)}-{digits(4)}", f"090-{nz_digits(4)}-{digits(4)}")
    if kind == 9:  # Brazil, Mexico
        return pick(f"({rng.choice('1234')}{rng.choice('123456789')}) 9{digits(4)}-{digits(4)}", f"55 {nz_digits(4)} {digits(4)}")
    if kind == 10:  # China, South Korea
        return pick(f"1{rng.choice('3589')}{digits(1)} {digits(4)} {digits(4)}", f"010-{nz_digits(4)}-{digits(4)}")
    # Switzerland, Austria, Sweden, Ireland, South Africa, Poland
    return pick(f"044 {nz_digits(3)} {digits(2)} {digits(2)}", f"0664 {nz_digits(7)}", f"08-{nz_digits(3)} {digits(2)} {digits(2)}",
                f"087 {nz_digits(3)} {digits(4)}", f"082 {nz_digits(3)} {digits(4)}", f"{rng.choice('5678')}{digits(2)} {digits(3)} {digits(3)}")


CARD_BRANDS = [
    (lambda: "4" + digits(5), 16), (lambda: "4" + digits(5), 13), (lambda: str(rng.randint(51, 55)) + digits(4), 16),
    (lambda: str(rng.randint(2221, 2720)) + digits(2), 16), (lambda: pick("34", "37") + digits(4), 15),
    (lambda: "6011" + digits(2), 16), (lambda: str(rng.randint(3528, 3589)) + digits(2), 16),
    (lambda: str(rng.randint(300, 305)) + digits(3), 14), (lambda: "62" + str(rng.randint(2126, 2925)), 16),
    (lambda: "62" + digits(4), 19), (lambda: str(rng.randint(2200, 2204)) + digits(2), 16), (lambda: "4" + digits(5), 19),
]


def gen_credit_card():
    iin, n = rng.choice(CARD_BRANDS)
    body = iin() + digits(n - 7)
    num = body + luhn_check_digit(body)
    sep = pick("", " ", "-")
    if sep and n == 16:
        return sep.join(num[i:i + 4] for i in range(0, 16, 4))
    if sep and n == 15:
        return f"{num[:4]}{sep}{num[4:10]}{sep}{num[10:]}"
    if sep and n == 14:
        return f"{num[:4]}{sep}{num[4:10]}{sep}{num[10:]}"
    return num


IBAN_FORMATS = {  # country: BBAN layout (n = digit, a = upper letter, c = alnum)
    "DE": "n" * 18, "GB": "aaaa" + "n" * 14, "FR": "n" * 10 + "c" * 11 + "nn", "ES": "n" * 20, "IT": "a" + "n" * 10 + "c" * 12,
    "NL": "aaaa" + "n" * 10, "BE": "n" * 12, "CH": "n" * 5 + "c" * 12, "AT": "n" * 16, "PL": "n" * 24, "SE": "n" * 20,
    "NO": "n" * 11, "DK": "n" * 14, "FI": "n" * 14, "IE": "aaaa" + "n" * 14, "PT": "n" * 21, "SA": "nn" + "c" * 18,
    "BR": "n" * 23 + "a" + "c", "TR": "n" * 5 + "0" + "c" * 16, "AE": "n" * 19,
}


def gen_iban():
    cc = rng.choice(sorted(IBAN_FORMATS))
    bban = "".join(rng.choice({"n": string.digits, "a": string.ascii_uppercase,
                               "c": string.ascii_uppercase + string.digits, "0": "0"}[k])
                   for k in IBAN_FORMATS[cc])
    iban = cc + iban_check(cc, bban) + bban
    if rng.random() < 0.5:
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


def gen_bic():
    bank = "".join(rng.choice(string.ascii_uppercase) for _ in range(4))
    cc = pick("DE", "FR", "GB", "US", "CH", "NL", "IT", "ES", "JP", "SG", "ZA", "BR")
    loc = rng.choice(string.ascii_uppercase) + rng.choice(string.ascii_uppercase + "23456789")
    return bank + cc + loc + pick("", "XXX", "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(3)))


def gen_ipv4():
    first = rng.choice([10, 172, 192, rng.randint(11, 223)])
    if first == 172:
        return f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    if first == 192:
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def gen_ipv6():
    groups = [rng.randint(0, 0xFFFF) for _ in range(8)]
    groups[0] = rng.choice([0x2001, 0x2a02, 0x2600, 0xFE80, 0x2406])
    kind = rng.randrange(4)
    if kind == 0:
        return ":".join("%x" % g for g in groups)
    if kind == 1:
        return ":".join("%04x" % g for g in groups)
    if kind == 2:  # compressed run of zeros in the middle
        head = ":".join("%x" % g for g in groups[:rng.randint(2, 4)])
        tail = ":".join("%x" % g for g in groups[6:])
        return f"{head}::{tail}"
    return f"::ffff:{gen_ipv4()}"


def gen_mac():
    octets = [rng.randint(0, 255) for _ in range(6)]
    octets[0] &= 0xFE
    hexes = ["%02x" % o for o in octets]
    kind = rng.randrange(3)
    if kind == 0:
        return ":".join(hexes).upper() if rng.random() < 0.5 else ":".join(hexes)
    if kind == 1:
        return "-".join(hexes).upper()
    h = "".join(hexes)
    return f"{h[:4]}.{h[4:8]}.{h[8:]}"


def gen_btc_base58():
    version = rng.choice([b"\x00", b"\x05"])
    return base58check(version + bytes(rng.randrange(256) for _ in range(20)))


def gen_btc_bech32():
    if rng.random() < 0.6:
        return segwit_address("bc", 0, bytes(rng.randrange(256) for _ in range(rng.choice([20, 32]))))
    return segwit_address("bc", 1, bytes(rng.randrange(256) for _ in range(32)))


def gen_eth():
    hex40 = "".join(rng.choice("0123456789abcdef") for _ in range(40))
    return eip55(hex40) if rng.random() < 0.7 else "0x" + hex40


MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
             "Dezember"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
             "décembre"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def gen_dob():
    y, m, d = birth_date()
    return pick(f"{y}-{m:02d}-{d:02d}", f"{d:02d}.{m:02d}.{y}", f"{m:02d}/{d:02d}/{y}", f"{d:02d}/{m:02d}/{y}",
                f"{d} {MONTHS[m - 1]} {y}", f"{MONTHS[m - 1]} {d}, {y}", f"{d:02d}-{MONTHS[m - 1][:3]}-{y}",
                f"{d}. {MONTHS_DE[m - 1]} {y}", f"{d} {MONTHS_FR[m - 1]} {y}", f"{y}/{m:02d}/{d:02d}")


def gen_aba():
    while True:
        prefix = "%02d" % rng.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)))
        body = prefix + digits(6)
        for c in "0123456789":
            n = body + c
            if sum(int(a) * w for a, w in zip(n, [3, 7, 1] * 3)) % 10 == 0:
                return n


def gen_imei():
    body = pick("35", "86", "01", "49") + digits(12)
    n = body + luhn_check_digit(body)
    return n if rng.random() < 0.7 else f"{n[:2]}-{n[2:8]}-{n[8:14]}-{n[14]}"


def gen_us_ssn():
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    n = "%03d%02d%04d" % (area, rng.randint(1, 99), rng.randint(1, 9999))
    return pick(f"{n[:3]}-{n[3:5]}-{n[5:]}", n, f"{n[:3]} {n[3:5]} {n[5:]}")


def gen_us_itin():
    group = rng.choice(list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100)))
    n = "9%02d%02d%04d" % (rng.randint(0, 99), group, rng.randint(0, 9999))
    return pick(f"{n[:3]}-{n[3:5]}-{n[5:]}", n)


def gen_us_ein():
    prefix = rng.choice(list(range(1, 7)) + list(range(10, 17)) + list(range(20, 28)) + list(range(30, 49)) +
                        list(range(50, 69)) + list(range(71, 78)) + list(range(80, 89)) + list(range(90, 96)) + [98, 99])
    return "%02d-%s" % (prefix, digits(7))


def gen_us_passport():
    return pick(digits(9), rng.choice("ACEFGHJKLMNPRSTUVWXYZ") + digits(8))


def gen_us_npi():
    body = rng.choice("12") + digits(8)
    return body + luhn_check_digit("80840" + body)


def gen_ca_sin():
    body = rng.choice("1234567") + digits(7)
    n = body + luhn_check_digit(body)
    return pick(f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", n)


def gen_br_cpf():
    d = [int(c) for c in digits(9)]
    for n in (9, 10):
        d.append(sum(d[i] * (n + 1 - i) for i in range(n)) * 10 % 11 % 10)
    n = "".join(map(str, d))
    return pick(f"{n[:3]}.{n[3:6]}.{n[6:9]}-{n[9:]}", n)


def gen_br_cnpj():
    d = [int(c) for c in digits(8)] + [0, 0, 0, rng.randint(1, 3)]
    for w in ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]):
        r = sum(a * b for a, b in zip(d, w)) % 11
        d.append(0 if r < 2 else 11 - r)
    n = "".join(map(str, d))
    return pick(f"{n[:2]}.{n[2:5]}.{n[5:8]}/{n[8:12]}-{n[12:]}", n)


CURP_ALPHA = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ"  # & stands in for the N-tilde


def gen_mx_curp():
    up = string.ascii_uppercase
    y, m, d = birth_date(1950, 2005)
    body = (rng.choice("BCDFGHJLMPRSTV") + rng.choice("AEIOU") + rng.choice(up) + rng.choice(up) +
            "%02d%02d%02d" % (y % 100, m, d) + rng.choice("HM") + pick("DF", "JC", "NL", "VZ", "MC", "GT") +
            "".join(rng.choice("BCDFGHJKLMNPRSTVZ") for _ in range(3)) + ("0" if y < 2000 else "A"))
    total = sum(CURP_ALPHA.index(c) * (18 - i) for i, c in enumerate(body))
    return body + str((10 - total % 10) % 10)


def gen_cl_rut():
    body = str(rng.randint(5_000_000, 25_999_999))
    total = sum(int(c) * (2 + i % 6) for i, c in enumerate(reversed(body)))
    v = 11 - total % 11
    dv = "0" if v == 11 else "K" if v == 10 else str(v)
    dotted = f"{int(body):,}".replace(",", ".")
    return pick(f"{dotted}-{dv}", f"{body}-{dv}")


def gen_uk_nino():
    first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
    while True:
        second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
        if first + second not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    n = digits(6)
    suffix = rng.choice("ABCD")
    return pick(f"{first}{second}{n}{suffix}", f"{first}{second} {n[:2]} {n[2:4]} {n[4:]} {suffix}")


def gen_uk_nhs():
    while True:
        body = digits(9)
        c = 11 - mod11_weighted(body, range(10, 1, -1)) % 11
        if c == 11:
            c = 0
        if c != 10:
            n = body + str(c)
            return pick(f"{n[:3]} {n[3:6]} {n[6:]}", n, f"{n[:3]}-{n[3:6]}-{n[6:]}")


def gen_de_tax_id():
    while True:
        ds = rng.sample(range(10), 9)
        if ds[0] == 0:
            continue
        dup = rng.choice(ds)
        pos = rng.randint(1, 9)
        ten = ds[:pos] + [dup] + ds[pos:]
        if ten[0] == 0:
            continue
        body = "".join(map(str, ten))
        n = body + iso7064_mod11_10_check(body)
        return pick(n, f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:]}")


def gen_fr_nir():
    sex = rng.choice("12")
    y, m, _ = birth_date()
    dep = pick("%02d" % rng.randint(1, 95), "2A", "2B", "75", "69")
    body = f"{sex}{y % 100:02d}{m:02d}{dep}{rng.randint(1, 999):03d}{rng.randint(1, 999):03d}"
    numeric = body.replace("2A", "19", 1) if dep == "2A" else body.replace("2B", "18", 1) if dep == "2B" else body
    key = "%02d" % (97 - int(numeric) % 97)
    return pick(f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key}", body + key)


DNI = "TRWAGMYFPDXBNJZSQVHLCKE"


def gen_es_dni():
    n = rng.randint(1_000_000, 99_999_999)
    return pick("%08d%s" % (n, DNI[n % 23]), "%08d-%s" % (n, DNI[n % 23]))


def gen_es_nie():
    p = rng.choice("XYZ")
    n = rng.randint(0, 9_999_999)
    full = int(str("XYZ".index(p)) + "%07d" % n)
    return pick(f"{p}%07d{DNI[full % 23]}" % n, f"{p}-%07d-{DNI[full % 23]}" % n)


CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
                   10, 22, 25, 24, 23]))


def gen_it_cf():
    up = "BCDFGHLMNPRSTVZ"
    y, m, d = birth_date()
    day = d + (40 if rng.random() < 0.5 else 0)
    body = ("".join(rng.choice(up) for _ in range(3)) + "".join(rng.choice(up + "AEIO") for _ in range(3)) +
            "%02d" % (y % 100) + "ABCDEHLMPRST"[m - 1] + "%02d" % day + rng.choice("ABCDEFGHLMZ") + "%03d" % rng.randint(1, 999))
    total = 0
    for i, c in enumerate(body):
        total += CF_ODD[c] if i % 2 == 0 else (int(c) if c.isdigit() else ord(c) - 65)
    return body + chr(65 + total % 26)


def gen_nl_bsn():
    while True:
        body = nz_digits(8)
        s = mod11_weighted(body, range(9, 1, -1))
        last = s % 11
        if last < 10:
            n = body + str(last)
            return pick(n, f"{n[:4]}.{n[4:6]}.{n[6:]}")


def gen_be_nn():
    y, m, d = birth_date(1940, 2010)
    base = f"{y % 100:02d}{m:02d}{d:02d}{rng.randint(1, 997):03d}"
    check = 97 - (int(("2" if y >= 2000 else "") + base) % 97)
    n = base + "%02d" % check
    return pick(f"{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}", n)


def gen_pl_pesel():
    y, m, d = birth_date(1940, 2010)
    mm = m + (20 if y >= 2000 else 0)
    body = f"{y % 100:02d}{mm:02d}{d:02d}{digits(4)}"
    return body + str((10 - mod11_weighted(body, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10)


def gen_se_pnr():
    y, m, d = birth_date()
    body = f"{y % 100:02d}{m:02d}{d:02d}{digits(3)}"
    n = body + luhn_check_digit(body)
    return pick(f"{n[:6]}-{n[6:]}", f"{y // 100}{n[:6]}-{n[6:]}", f"{y // 100}{n}")


def gen_fi_hetu():
    y, m, d = birth_date(1940, 2010)
    ind = rng.randint(2, 899)
    sign = "-" if y < 2000 else "A"
    n = int(f"{d:02d}{m:02d}{y % 100:02d}{ind:03d}")
    return f"{d:02d}{m:02d}{y % 100:02d}{sign}{ind:03d}" + "0123456789ABCDEFHJKLMNPRSTUVWXY"[n % 31]


def gen_dk_cpr():
    y, m, d = birth_date()
    return pick(f"{d:02d}{m:02d}{y % 100:02d}-{digits(4)}", f"{d:02d}{m:02d}{y % 100:02d}{digits(4)}")


def gen_no_fnr():
    while True:
        y, m, d = birth_date()
        body = f"{d:02d}{m:02d}{y % 100:02d}{digits(3)}"
        k1 = 11 - mod11_weighted(body, [3, 7, 6, 1, 8, 9, 4, 5, 2]) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        body += str(k1)
        k2 = 11 - mod11_weighted(body, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return body + str(k2)


def gen_ch_ahv():
    body = "756" + digits(9)
    s = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body))
    n = body + str((10 - s % 10) % 10)
    return pick(f"{n[:3]}.{n[3:7]}.{n[7:11]}.{n[11:]}", n)


def gen_at_svnr():
    while True:
        y, m, d = birth_date()
        serial = str(rng.randint(100, 999))
        date = f"{d:02d}{m:02d}{y % 100:02d}"
        c = (mod11_weighted(serial, [3, 7, 9]) + mod11_weighted(date, [5, 8, 4, 2, 1, 6])) % 11
        if c != 10:
            return pick(f"{serial}{c} {date}", f"{serial}{c}{date}")


def gen_pt_nif():
    body = rng.choice("123") + digits(7)
    r = 11 - mod11_weighted(body, range(9, 1, -1)) % 11
    n = body + str(0 if r >= 10 else r)
    return pick(n, f"{n[:3]} {n[3:6]} {n[6:]}")


def gen_ie_ppsn():
    body = digits(7)
    second = pick("", "A", "W")
    s = mod11_weighted(body, range(8, 1, -1)) + (9 * (ord(second) - 64) if second and second != "W" else 0)
    return body + "WABCDEFGHIJKLMNOPQRSTUV"[s % 23] + second


def gen_ro_cnp():
    y, m, d = birth_date(1940, 2010)
    s = rng.choice("12") if y < 2000 else rng.choice("56")
    body = f"{s}{y % 100:02d}{m:02d}{d:02d}{rng.randint(1, 46):02d}{rng.randint(1, 999):03d}"
    r = mod11_weighted(body, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11
    return body + ("1" if r == 10 else str(r))


def gen_cz_rc():
    while True:
        y, m, d = birth_date(1954, 2010)
        mm = m + (50 if rng.random() < 0.5 else 0)
        body = f"{y % 100:02d}{mm:02d}{d:02d}{digits(3)}"
        c = (-int(body) * 10) % 11
        if c == 10:
            continue
        n = body + str(c)
        return pick(f"{n[:6]}/{n[6:]}", n)


def gen_ee_ik():
    while True:
        y, m, d = birth_date(1940, 2010)
        first = rng.choice("34") if y < 2000 else rng.choice("56")
        body = f"{first}{y % 100:02d}{m:02d}{d:02d}{digits(3)}"
        r = mod11_weighted(body, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11
        if r == 10:
            r = mod11_weighted(body, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11
            r = 0 if r == 10 else r
        return body + str(r)


def gen_hr_oib():
    body = digits(10)
    return body + iso7064_mod11_10_check(body)


def gen_tr_tckn():
    d = [int(c) for c in nz_digits(9)]
    d.append((sum(d[0:9:2]) * 7 - sum(d[1:8:2])) % 10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))


def gen_in_aadhaar():
    body = rng.choice("23456789") + digits(10)
    n = body + verhoeff_check_digit(body)
    return pick(n, f"{n[:4]} {n[4:8]} {n[8:]}", f"{n[:4]}-{n[4:8]}-{n[8:]}")


def gen_in_pan():
    up = string.ascii_uppercase
    return ("".join(rng.choice(up) for _ in range(3)) + rng.choice("PCHFATBLJG") + rng.choice(up) + digits(4) + rng.choice(up))


def gen_au_tfn():
    while True:
        body = nz_digits(8)
        for c in "0123456789":
            n = body + c
            if mod11_weighted(n, [1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 == 0:
                return pick(f"{n[:3]} {n[3:6]} {n[6:]}", n)


def gen_au_medicare():
    body = rng.choice("23456") + digits(7)
    n = body + str(mod11_weighted(body, [1, 3, 7, 9, 1, 3, 7, 9]) % 10) + rng.choice("123456789")
    return pick(f"{n[:4]} {n[4:9]} {n[9]}", n)


def gen_sg_nric():
    p = rng.choice("STFG")
    body = digits(7)
    r = (mod11_weighted(body, [2, 7, 6, 5, 4, 3, 2]) + (4 if p in "TG" else 0)) % 11
    return p + body + ("JZIHGFEDCBA" if p in "ST" else "XWUTRQPNMLK")[r]


def gen_cn_rid():
    y, m, d = birth_date()
    region = pick("110105", "310104", "440305", "510107", "330106", "420102", "210202", "610113")
    body = f"{region}{y}{m:02d}{d:02d}{digits(3)}"
    s = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(body))
    c = (12 - s % 11) % 11
    return body + ("X" if c == 10 else str(c))


def gen_jp_my_number():
    body = digits(11)
    s = sum(int(body[11 - n]) * (n + 1 if n <= 6 else n - 5) for n in range(1, 12))
    r = s % 11
    n = body + str(0 if r <= 1 else 11 - r)
    return pick(n, f"{n[:4]} {n[4:8]} {n[8:]}")


def gen_kr_rrn():
    y, m, d = birth_date(1940, 2010)
    s = rng.choice("12") if y < 2000 else rng.choice("34")
    body = f"{y % 100:02d}{m:02d}{d:02d}{s}{digits(5)}"
    c = (11 - mod11_weighted(body, [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]) % 11) % 10
    n = body + str(c)
    return pick(f"{n[:6]}-{n[6:]}", n)


def gen_hk_hkid():
    letters = pick(rng.choice(string.ascii_uppercase), rng.choice("ABCDEFGHKMPRWXYZ") + rng.choice(string.ascii_uppercase))
    body = digits(6)
    vals = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters] + [int(c) for c in body]
    s = sum(v * w for v, w in zip(vals, range(9, 1, -1)))
    c = (11 - s % 11) % 11
    check = "A" if c == 10 else str(c)
    return pick(f"{letters}{body}({check})", f"{letters}{body}{check}")


TW_CODES = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    [10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33]))


def gen_tw_id():
    letter = rng.choice(string.ascii_uppercase)
    body = rng.choice("12") + digits(7)
    code = TW_CODES[letter]
    s = code // 10 + (code % 10) * 9 + sum(int(c) * w for c, w in zip(body, [8, 7, 6, 5, 4, 3, 2, 1]))
    return letter + body + str((10 - s % 10) % 10)


def gen_za_id():
    y, m, d = birth_date()
    body = f"{y % 100:02d}{m:02d}{d:02d}{digits(4)}{rng.choice('01')}8"
    return body + luhn_check_digit(body)


def gen_il_id():
    body = digits(8)
    return body + luhn_check_digit(body)


# ------------------------------------------------------------------------------------------
# Planted lines: rule id -> (value generator, line templates). {v} is the value.

TS = lambda: f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999):03d}Z"

PLANTED = {
    "email": (gen_email, ["{ts} INFO  signup.Service - created account email={v} plan=pro", "From: \"Customer\" <{v}>",
                          '{{"ts":"{ts}","event":"password_reset","to":"{v}","ok":true}}', "{ts} WARN mailer: bounce for {v} (550 mailbox unavailable)"]),
    "phone-e164": (gen_phone_e164, ["{ts} INFO sms.gateway to={v} template=otp status=queued", "Contact number: {v}",
                                    '{{"msisdn":"{v}","carrier":"unknown","ts":"{ts}"}}', "{ts} DEBUG twilio call from {v} duration=37s"]),
    "phone-national": (gen_phone_national, ["Phone: {v}", "{ts} INFO crm: updated customer tel: {v}", "mobile={v} verified=false", "Phone: {v} ext. 204",
                                            "Telefon: {v}", "téléphone : {v}", "Call me at {v} after 5pm"]),
    "credit-card": (gen_credit_card, ["{ts} ERROR payment.Charge - declined card={v} amount=42.00 EUR", "card number: {v}",
                                      '{{"ts":"{ts}","pan":"{v}","exp":"12/27"}}', "{ts} INFO checkout: stored {v} for customer 88213"]),
    "iban": (gen_iban, ["{ts} INFO sepa: refund to IBAN {v} amount=19.99", "Kontoinhaber: M. Muster, IBAN: {v}", "IBAN {v} BIC GKCCBEBB",
                        '{{"debtor_account":"{v}","status":"ACCP"}}']),
    "swift-bic": (gen_bic, ["SWIFT: {v}", "{ts} INFO wire: beneficiary bic={v} ref=INV-2291", "BIC/SWIFT code {v}"]),
    "ipv4": (gen_ipv4, ["{ts} INFO http: client={v} GET /api/v2/orders 200 12ms", "{v} - - [12/Mar/2024:10:22:13 +0000] \"GET /index.html HTTP/1.1\" 200 612",
                        "sshd[2211]: Failed password for root from {v} port 51234 ssh2", '{{"remote_addr":"{v}","status":403}}',
                        "{ts} WARN db: connecting to server {v}:5432 failed (timeout 30s)", "X-Forwarded-For: {v}, 10.0.0.1"]),
    "ipv6": (gen_ipv6, ["{ts} INFO http: client={v} GET /health 200 1ms", "sshd[2211]: Accepted publickey for deploy from {v} port 40122 ssh2",
                        '{{"remote_addr":"{v}","status":200}}', "connection from [{v}]:443 closed", "ndp: neighbor {v}%eth0 reachable"]),
    "mac-address": (gen_mac, ["{ts} INFO dhcpd: DHCPACK on 10.0.4.17 to {v} via eth0", "device mac={v} joined ssid=guest",
                              "wlan0: authenticate with {v}"]),
    "bitcoin-address": (gen_btc_base58, ["{ts} INFO wallet: withdrawal to {v} amount=0.015 BTC", "BTC address: {v}"]),
    "bitcoin-bech32": (gen_btc_bech32, ["{ts} INFO wallet: deposit address {v} assigned", "send to {v} please"]),
    "ethereum-address": (gen_eth, ["{ts} INFO web3: transfer from={v} value=1.2 ETH", "ETH wallet {v}"]),
    "date-of-birth": (gen_dob, ["DOB: {v}", "Date of birth: {v}", "{ts} INFO kyc: applicant dob={v} country=DE", "Geburtsdatum: {v}",
                                "date de naissance : {v}", "fecha de nacimiento: {v}", '{{"birth_date":"{v}","verified":true}}']),
    "us-aba-routing": (gen_aba, ["Routing number: {v}", "{ts} INFO ach: aba={v} account=****6789", "ABA {v}", "routing_number={v}"]),
    "imei": (gen_imei, ["{ts} INFO mdm: enrolled device imei={v}", "IMEI: {v}"]),
    "us-ssn": (gen_us_ssn, ["SSN: {v}", "{ts} INFO kyc: ssn={v} match=true", "Social Security Number: {v}", '{{"ssn":"{v}"}}']),
    "us-itin": (gen_us_itin, ["ITIN: {v}", "{ts} INFO tax: itin={v} year=2023"]),
    "us-ein": (gen_us_ein, ["EIN: {v}", "{ts} INFO vendor onboarding employer identification number {v}"]),
    "us-passport": (gen_us_passport, ["Passport number: {v}", "{ts} INFO travel: passport={v} nationality=US", "Reisepass Nr. {v}"]),
    "us-npi": (gen_us_npi, ["NPI: {v}", "{ts} INFO claims: provider npi={v} status=active"]),
    "ca-sin": (gen_ca_sin, ["SIN: {v}", "Social Insurance Number: {v}", "{ts} INFO payroll: sin={v} province=ON"]),
    "br-cpf": (gen_br_cpf, ["CPF: {v}", "{ts} INFO cadastro: cpf={v} status=ativo"]),
    "br-cnpj": (gen_br_cnpj, ["CNPJ: {v}", "{ts} INFO nfe: emitente cnpj={v}"]),
    "mx-curp": (gen_mx_curp, ["CURP: {v}", "{ts} INFO registro: curp={v}"]),
    "cl-rut": (gen_cl_rut, ["RUT: {v}", "{ts} INFO boleta: rut={v}"]),
    "uk-nino": (gen_uk_nino, ["National Insurance number: {v}", "{ts} INFO hmrc: nino={v} tax_year=2023"]),
    "uk-nhs-number": (gen_uk_nhs, ["NHS number: {v}", "{ts} INFO ehr: patient nhs_number={v} ward=7B"]),
    "de-tax-id": (gen_de_tax_id, ["Steuer-ID: {v}", "Steuerliche Identifikationsnummer: {v}", "{ts} INFO lohn: steuerid={v}"]),
    "fr-nir": (gen_fr_nir, ["Numéro de sécurité sociale : {v}", "NIR: {v}", "{ts} INFO ameli: nir={v}"]),
    "es-dni": (gen_es_dni, ["DNI: {v}", "{ts} INFO alta: dni={v} provincia=Madrid"]),
    "es-nie": (gen_es_nie, ["NIE: {v}", "{ts} INFO extranjeria: nie={v}"]),
    "it-codice-fiscale": (gen_it_cf, ["Codice fiscale: {v}", "{ts} INFO anagrafe: cf={v}"]),
    "nl-bsn": (gen_nl_bsn, ["BSN: {v}", "Burgerservicenummer: {v}", "{ts} INFO gemeente: bsn={v}"]),
    "be-national-number": (gen_be_nn, ["Rijksregisternummer: {v}", "Numéro national : {v}", "{ts} INFO insz={v}"]),
    "pl-pesel": (gen_pl_pesel, ["PESEL: {v}", "{ts} INFO rejestracja: pesel={v}"]),
    "se-personnummer": (gen_se_pnr, ["Personnummer: {v}", "{ts} INFO skatt: personnummer={v}"]),
    "fi-hetu": (gen_fi_hetu, ["Henkilötunnus: {v}", "HETU: {v}", "{ts} INFO kela: hetu={v}"]),
    "dk-cpr": (gen_dk_cpr, ["CPR-nr.: {v}", "{ts} INFO borger: cpr={v}"]),
    "no-fodselsnummer": (gen_no_fnr, ["Fødselsnummer: {v}", "{ts} INFO nav: fnr={v}"]),
    "ch-ahv": (gen_ch_ahv, ["AHV-Nr.: {v}", "{ts} INFO ahv: versichertennummer {v}", "No AVS {v}"]),
    "at-svnr": (gen_at_svnr, ["Sozialversicherungsnummer: {v}", "{ts} INFO elga: svnr={v}"]),
    "pt-nif": (gen_pt_nif, ["NIF: {v}", "Número de contribuinte: {v}", "{ts} INFO fatura: nif={v}"]),
    "ie-ppsn": (gen_ie_ppsn, ["PPSN: {v}", "{ts} INFO revenue: pps number {v}"]),
    "ro-cnp": (gen_ro_cnp, ["CNP: {v}", "{ts} INFO anaf: cnp={v}"]),
    "cz-birth-number": (gen_cz_rc, ["Rodné číslo: {v}", "{ts} INFO rodne_cislo={v}"]),
    "ee-isikukood": (gen_ee_ik, ["Isikukood: {v}", "{ts} INFO eesti: isikukood={v}"]),
    "hr-oib": (gen_hr_oib, ["OIB: {v}", "{ts} INFO porezna: oib={v}"]),
    "tr-tckn": (gen_tr_tckn, ["TC Kimlik No: {v}", "{ts} INFO edevlet: tckn={v}"]),
    "in-aadhaar": (gen_in_aadhaar, ["Aadhaar: {v}", "{ts} INFO ekyc: aadhaar_number={v} consent=Y"]),
    "in-pan": (gen_in_pan, ["PAN: {v}", "{ts} INFO itr: pan={v} ay=2024-25", "PAN card number {v}"]),
    "au-tfn": (gen_au_tfn, ["TFN: {v}", "Tax file number: {v}", "{ts} INFO payroll: tfn={v}"]),
    "au-medicare": (gen_au_medicare, ["Medicare card: {v}", "{ts} INFO claims: medicare={v}"]),
    "sg-nric": (gen_sg_nric, ["NRIC: {v}", "{ts} INFO singpass: nric={v}", "FIN: {v}"]),
    "cn-resident-id": (gen_cn_rid, ["身份证号: {v}", "{ts} INFO kyc: id_card={v} name=张三", "resident id {v}"]),
    "jp-my-number": (gen_jp_my_number, ["マイナンバー: {v}", "My Number: {v}", "{ts} INFO nenkin: my_number={v}"]),
    "kr-rrn": (gen_kr_rrn, ["주민등록번호: {v}", "RRN: {v}", "{ts} INFO kyc: rrn={v}"]),
    "hk-hkid": (gen_hk_hkid, ["HKID: {v}", "{ts} INFO kyc: hkid={v}"]),
    "tw-national-id": (gen_tw_id, ["身分證字號: {v}", "{ts} INFO kyc: national id {v}"]),
    "za-id": (gen_za_id, ["ID number: {v}", "{ts} INFO fica: sa_id={v}"]),
    "il-teudat-zehut": (gen_il_id, ["Teudat zehut: {v}", "{ts} INFO kyc: israeli id {v}"]),
}


# Issue 15: shapes without a context word (SQL values, dict literals, prose) for the rules that
# need none, and +CC numbers of unassigned ranges next to a phone word. Generated after the
# decoy, with the same generator, so the lines above and the decoy stay as they were. Templates
# here are filled by replacement, so braces are written single.

def gen_nanp():
    def code():
        while True:
            c = rng.choice("23456789") + digits(2)
            if c[1:] != "11" and not c.startswith("37") and not c.startswith("96"):
                return c
    a, e = code(), code()
    s = digits(4)
    if e == "555" and s.startswith("01"):
        s = "2" + s[1:]
    return pick(f"({a}) {e}-{s}", f"{a}-{e}-{s}", f"{a}.{e}.{s}")


def gen_phone_possible():
    cc, lo, hi = rng.choice([("65", 8, 8), ("61", 9, 9), ("39", 9, 10), ("44", 10, 10), ("49", 10, 11), ("33", 9, 9), ("91", 10, 10)])
    n = rng.choice("123456789") + digits(rng.randint(lo, hi) - 1)
    return pick(f"+{cc}{n}", f"+{cc}-{n[:3]}-{n[3:]}", f"+{cc} {n[:2]} {n[2:6]} {n[6:]}")


def gen_ssn_dashed():
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    return "%03d-%02d-%04d" % (area, rng.randint(1, 99), rng.randint(1, 9999))


PLANTED_ISSUE15 = {
    "phone-nanp": (gen_nanp, ["INSERT INTO contacts (id, name, number) VALUES (17, 'Ann Lee', '{v}');", "{'name': 'Ann', 'contact': '{v}'}",
                              "please call {v} tomorrow", "| 17 | Ann Lee | {v} |"]),
    "phone-international": (gen_phone_possible, ['{"user": 17, "phone": "{v}"}', "phone={v} verified=false", "mobile: {v}",
                                                 "{'phone': '{v}'}", "Reach me on my mobile {v} after six"]),
    "us-ssn-dashed": (gen_ssn_dashed, ["INSERT INTO employees VALUES (42, 'Ann Lee', '{v}', '1984-02-11');", "{'tax_ref': '{v}', 'name': 'Ann'}",
                                       "row 17: {v}, Ann Lee, active", "applicant {v} approved"]),
}


WRAPS = ['"{v}"', "'{v}'", "({v})", "[{v}]", "<{v}>", "{v},", "{v}.", "{v};", "{v} (verified)", "{v}\tok", "{v}, thanks!"]


def planted(n_per_rule=120, table=None, lines=None, manifest=None):
    table = PLANTED if table is None else table
    lines = [] if lines is None else lines
    manifest = [] if manifest is None else manifest
    order = [(rule, i) for rule in table for i in range(n_per_rule)]
    rng.shuffle(order)
    for rule, _ in order:
        gen, templates = table[rule]
        value = gen()
        template = rng.choice(templates)
        if rng.random() < 0.35 and '"{v}"' not in template:
            # Punctuation around the value, as in prose, CSV and quoted fields.
            template = template.replace("{v}", rng.choice(WRAPS))
        line = template.replace("{ts}", TS()).replace("{v}", value)
        lines.append(line)
        manifest.append({"line": len(lines), "rule": rule, "value": value})
    return lines, manifest


# ------------------------------------------------------------------------------------------
# Decoy log noise: no personal data, lots of numbers.

def hexs(n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def uuid():
    h = hexs(32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


def epoch():
    return rng.randint(1_600_000_000, 1_800_000_000)


def version():
    return pick(f"{rng.randint(0, 20)}.{rng.randint(0, 40)}.{rng.randint(0, 200)}",
                f"{rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 99)}.{rng.randint(0, 9999)}",
                f"{rng.randint(1, 5)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}-rc{rng.randint(1, 5)}")


def quad_version():
    return f"{rng.randint(1, 30)}.{rng.randint(0, 20)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}"


def ts_iso():
    return TS()


def ts_syslog():
    return f"{pick('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun')} {rng.randint(1, 28):2d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def ts_nginx():
    return f"{rng.randint(1, 28):02d}/{pick('Jan', 'Feb', 'Mar')}/2024:{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} +0000"


JAVA_CLASSES = ["com.acme.orders.OrderService", "org.springframework.web.servlet.DispatcherServlet", "io.netty.channel.nio.NioEventLoop",
                "com.zaxxer.hikari.pool.HikariPool", "org.apache.kafka.clients.consumer.internals.Fetcher", "com.acme.billing.InvoiceJob"]
PATHS = ["/api/v1/orders", "/api/v2/users/me", "/healthz", "/metrics", "/static/app.9f3c2e1b.js", "/api/v1/search", "/login", "/graphql"]
UAS = ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{c}.0.0.0 Safari/537.36",
       "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.{m} Safari/605.1.15",
       "curl/8.{m}.1", "kube-probe/1.{m}", "python-requests/2.{m}.0", "Go-http-client/1.1", "okhttp/4.{m}.0"]
LOOPBACK = ["127.0.0.1", "0.0.0.0"]


def b62(n):
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(n))


def uhex(n):
    return "".join(rng.choice("0123456789ABCDEF") for _ in range(n))


def decoy_extra(k, ts):
    """Noise that sits next to words some PII rules use as context, or looks like an address."""
    if k == 0:
        return f"{ts} INFO git: fetching git@github.com:acme/{pick('orders', 'billing', 'infra')}.git (refs/heads/main) {hexs(7)}..{hexs(7)}"
    if k == 1:
        return f"deploy@ip-10-0-{rng.randint(0, 255)}-{rng.randint(0, 255)}:~$ systemctl restart app.service # pid {rng.randint(100, 4 * 10**6)}"
    if k == 2:
        return f"{ts} INFO netpol: allow 10.0.0.0/8, 172.16.0.0/12, 192.168.{rng.randint(0, 255)}.0/24 deny 0.0.0.0/0 rules={rng.randint(1, 500)}"
    if k == 3:
        return f"{ts} DEBUG s3: x-amz-request-id: {uhex(16)} x-amz-id-2: {b62(56)}= etag=\"{hexs(32)}\" bytes={rng.randint(1, 10**9)}"
    if k == 4:
        return f"{ts} INFO session: sid={b62(rng.choice([26, 32, 34]))} csrf={b62(40)} idle={rng.randint(0, 3600)}s"
    if k == 5:
        return f"{ts} INFO docker: pulled nginx:1.{rng.randint(20, 27)}.{rng.randint(0, 5)}@sha256:{hexs(64)} manifest sha256:{hexs(12)} size={rng.randint(10**6, 10**9)}"
    if k == 6:
        return f"{ts} INFO deps: resolved lodash@4.17.{rng.randint(0, 21)} golang.org/x/net@v0.{rng.randint(10, 30)}.0 @babel/core@7.{rng.randint(0, 24)}.{rng.randint(0, 9)}"
    if k == 7:
        return f"thread 'main' panicked at src/{pick('main', 'lib', 'scan')}.rs:{rng.randint(1, 900)}:{rng.randint(1, 80)}: called `Option::unwrap()` on a `None` value; std::vector<int>::at({rng.randint(0, 99)})"
    if k == 8:
        return f"{ts} INFO ledger: balance delta=+{rng.randint(1, 999999)} tz=+0{rng.randint(0, 9)}:00 retry in +{rng.randint(1, 120)}s"
    if k == 9:
        return f"{ts} INFO server: listening on [::1]:{rng.randint(1024, 65535)} and [::]:{rng.randint(1024, 65535)}; mac 00:00:00:00:00:00 ignored"
    if k == 10:
        return f"{ts} INFO PhoneVerificationService: job_id={rng.randint(10**6, 10**7 - 1)} attempts={rng.randint(1, 5)} took {rng.randint(1, 9999)}ms GET /api/v1/users/{rng.randint(1, 10**6)}/phone 200"
    if k == 11:
        return f"{ts} INFO amqp: routing_key=orders.{pick('created', 'paid', 'shipped')} delivery_tag={rng.randint(1, 10**9)} redelivered=false"
    if k == 12:
        return f"{ts} DEBUG feature flags: ssn_masking=on dob_check=skipped passport_scan=off timeout={rng.randint(1000, 60000)}ms"
    if k == 13:
        return f"Fatal error: Unexpectedly found nil while unwrapping an Optional value: file App/{pick('ViewController', 'SceneDelegate', 'API')}.swift, line {rng.randint(10, 900)}"
    if k == 14:
        return f"{ts} INFO ua: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{rng.randint(100, 131)}.0.{rng.randint(1000, 6999)}.{rng.randint(10, 250)} Safari/537.36"
    if k == 15:
        return f"{ts} INFO apt: upgraded linux-image-5.15.0.{rng.randint(50, 130)} firmware 20.{rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 99)} (kernel {rng.randint(4, 6)}.{rng.randint(0, 19)}.{rng.randint(0, 200)})"
    if k == 16:
        return f"{ts} INFO security: secure cookie rotated, security_level={rng.randint(1, 5)} keys={rng.randint(1, 9)} counter={rng.randint(10**12, 10**15)}"
    if k == 17:
        return f"{ts} INFO mdm: Adobe Acrobat Reader updated on {rng.randint(2023, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} (driver ver. {quad_version()}, browser=Chrome {rng.randint(100, 131)}.0.0.0)"
    if k == 18:
        return f"{ts} INFO security: logon SID S-1-5-21-{rng.randint(10**9, 4 * 10**9)}-{rng.randint(10**9, 4 * 10**9)}-{rng.randint(10**7, 10**9)}-{rng.randint(1000, 9999)} event 4624"
    if k == 19:
        pkg = pick("alsa-topology-conf:all", "gpgsm:amd64", "libssl3:amd64", "tzdata:all", "linux-image-6.1.0-18-amd64:amd64")
        ver = pick(f"{quad_version()}-{rng.randint(1, 9)}", f"{version()}-{rng.randint(1, 5)}+deb12u{rng.randint(1, 9)}", f"1:{version()}-1.1")
        return f"{ts[:10]} {ts[11:19]} {pick('install', 'upgrade', 'status installed', 'status half-configured', 'configure')} {pkg} {ver} <none>"
    if k == 20:
        return f"{ts} INFO net: route add 2a02:{hexs(4)}:{hexs(4)}::/48 dev eth0 proto kernel; add 10.{rng.randint(0, 255)}.0.0/16 metric {rng.randint(1, 999)}"
    if k == 21:
        return f"{ts} INFO i18n: loaded locale ar_EG table ARABIC FATHATAN DAMMATAN KASRATAN glyphs={rng.randint(100, 9999)}"
    return f"{ts} INFO billing: invoice INV-{rng.randint(10**5, 10**6)} total {rng.randint(1, 99999)}.{rng.randint(0, 99):02d} EUR paid via SEPA mandate MNDT-{rng.randint(10**7, 10**8)}"


def decoy_line():
    k = rng.randrange(57)
    ts = ts_iso()
    if k >= 34:
        return decoy_extra(k - 34, ts)
    if k == 0:
        return (f"{ts} INFO  [{pick('main', 'http-nio-8080-exec-' + str(rng.randint(1, 200)), 'pool-3-thread-7')}] {rng.choice(JAVA_CLASSES)} - "
                f"Completed request id={rng.randint(10**6, 10**9)} in {rng.randint(1, 5000)} ms")
    if k == 1:
        return f"\tat {rng.choice(JAVA_CLASSES)}.{pick('process', 'run', 'handle', 'lambda$submit$0')}({pick('OrderService', 'Main', 'Worker')}.java:{rng.randint(10, 2400)})"
    if k == 2:
        return f'  File "/usr/lib/python3.11/site-packages/{pick("requests", "urllib3", "celery", "app")}/{pick("models", "connectionpool", "worker", "api")}.py", line {rng.randint(5, 3000)}, in {pick("send", "urlopen", "run", "handle")}'
    if k == 3:
        ua = rng.choice(UAS).replace("{c}", str(rng.randint(100, 131))).replace("{m}", str(rng.randint(0, 30)))
        return (f"{rng.choice(LOOPBACK[:1])} - - [{ts_nginx()}] \"{pick('GET', 'POST', 'PUT')} {rng.choice(PATHS)}?page={rng.randint(1, 500)} HTTP/1.1\" "
                f"{pick(200, 201, 204, 301, 304, 404, 500)} {rng.randint(0, 10**7)} \"-\" \"{ua}\" rt={rng.random() * 3:.3f} uct=\"0.000\" urt=\"{rng.random():.3f}\"")
    if k == 4:
        return json.dumps({"ts": ts, "level": pick("info", "debug", "warn"), "msg": pick("request finished", "cache miss", "job done"),
                           "request_id": uuid(), "duration_ms": round(rng.random() * 900, 3), "bytes": rng.randint(0, 10**9),
                           "status": pick(200, 404, 500), "user_id": rng.randint(1, 10**7), "build": hexs(7)})
    if k == 5:
        return f"{ts} INFO app: starting {pick('orders-api', 'billing-worker', 'gateway')} version {quad_version()} (commit {hexs(40)}, go1.{rng.randint(18, 23)}.{rng.randint(0, 9)})"
    if k == 6:
        return f"{ts} INFO updater: upgraded agent v{quad_version()} -> v{quad_version()}; firmware={quad_version()} app_version={quad_version()}"
    if k == 7:
        return f"{ts} DEBUG pkg: installed libfoo-{quad_version()} python3-bar-{version()} node-v{rng.randint(14, 22)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
    if k == 8:
        return f"{ts} INFO metrics: epoch={epoch()} epoch_ms={epoch() * 1000 + rng.randint(0, 999)} epoch_ns={epoch() * 10**9 + rng.randint(0, 10**9 - 1)} uptime={rng.randint(0, 10**7)}s"
    if k == 9:
        return f"{ts} INFO kafka: topic=orders partition={rng.randint(0, 63)} offset={rng.randint(0, 10**12)} lag={rng.randint(0, 10**5)} consumer_group=billing-{rng.randint(1, 9)}"
    if k == 10:
        return f"{ts} INFO tracing: trace_id={rng.randint(0, 2**64 - 1)} span_id={rng.randint(0, 2**64 - 1)} parent_id={rng.randint(0, 2**63)} dd.trace_id={rng.randint(0, 2**64 - 1)}"
    if k == 11:
        return f"{ts} INFO artifact: sha256={hexs(64)} md5={hexs(32)} sha1={hexs(40)} size={rng.randint(10**3, 10**10)} bytes"
    if k == 12:
        return f"{ts} INFO listener: bound to 127.0.0.1:{rng.randint(1024, 65535)} and 0.0.0.0:{rng.randint(1024, 65535)}; workers={rng.randint(1, 64)}"
    if k == 13:
        return f"{ts} INFO order: order_id=ORD-{rng.randint(2019, 2024)}-{rng.randint(0, 999999):06d} invoice={rng.randint(10**7, 10**10)} customer_id={rng.randint(10**5, 10**9)} total={rng.randint(1, 99999) / 100:.2f}"
    if k == 14:
        return f"{ts} WARN gc: pause {rng.random() * 200:.3f}ms heap {rng.randint(10**8, 10**10)}->{rng.randint(10**8, 10**10)} ({rng.randint(10**9, 10**11)}) young={rng.randint(1, 10**6)}"
    if k == 15:
        return f"{ts} INFO counter: calls={rng.randint(10**9, 10**10 - 1)} errors={rng.randint(0, 10**6)} queue_depth={rng.randint(0, 10**6)} seq={rng.randint(10**10, 10**11 - 1)}"
    if k == 16:
        return f"{ts_syslog()} ip-10-0-{rng.randint(0, 255)}-{rng.randint(0, 255)} kernel: [{rng.randint(0, 10**6)}.{rng.randint(0, 999999):06d}] eth0: link up, {pick(1000, 10000)} Mbps, pid {rng.randint(1, 4 * 10**6)}"
    if k == 17:
        return f"{ts} INFO k8s: pod {pick('orders', 'billing', 'gateway')}-{hexs(10)}-{hexs(5)} restarted count={rng.randint(0, 40)} image=registry.example.com/app@sha256:{hexs(64)}"
    if k == 18:
        return f"{ts} DEBUG snmp: oid 1.3.6.1.4.1.{rng.randint(1, 60000)}.{rng.randint(1, 20)}.{rng.randint(1, 99)}.{rng.randint(1, 9)} = {rng.randint(0, 10**9)}"
    if k == 19:
        return f"{ts} INFO timing: took {rng.random() * 10:.6f}s p50={rng.random() * 100:.2f}ms p99={rng.random() * 1000:.2f}ms ratio={rng.random():.16f}"
    if k == 20:
        return f"{ts} INFO db: query_id={rng.randint(10**15, 10**16 - 1)} rows={rng.randint(0, 10**6)} plan_hash={rng.randint(10**9, 4 * 10**9)} elapsed={rng.randint(0, 10**6)}us"
    if k == 21:
        return f"{ts} INFO object: com.acme.cache.Entry@{hexs(8)} evicted; ptr=0x{hexs(12)} gen={rng.randint(0, 9)}"
    if k == 22:
        return f"{ts} INFO deploy: released {pick('web', 'api')}@{version()} build {rng.randint(1000, 99999)} from git {hexs(40)} ({rng.randint(1, 2000)} files changed)"
    if k == 23:
        return f"{ts} INFO cron: next run at {rng.randint(2024, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00 (in {rng.randint(1, 86400)}s) job=cleanup-{rng.randint(1, 99)}"
    if k == 24:
        return f"{ts} INFO ticket: JIRA-{rng.randint(100, 99999)} linked to build #{rng.randint(1, 99999)} pipeline {rng.randint(10**8, 10**9)}"
    if k == 25:
        return f"{ts} INFO stats: {rng.randint(0, 10**4)}/{rng.randint(10**4, 10**5)} done ({rng.random() * 100:.1f}%) eta {rng.randint(0, 99):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} rate={rng.randint(1, 10**6)}/s"
    if k == 26:
        return f"{ts} INFO cache: key=user:{rng.randint(1, 10**8)}:session:{hexs(16)} ttl={rng.randint(1, 86400)} hits={rng.randint(0, 10**9)}"
    if k == 27:
        return f"{ts} DEBUG grpc: /acme.orders.v1.OrderService/Get status=OK code=0 latency={rng.randint(100, 10**6)}ns msg_size={rng.randint(1, 10**6)}"
    if k == 28:
        return f"{ts} INFO sms_worker: sms_sent={rng.randint(0, 50)} phone_verified={pick('true', 'false')} latency_ms={rng.randint(1, 999)} batch={rng.randint(1, 999)}"
    if k == 29:
        return f"{ts} INFO router: route table v{rng.randint(1, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}.{rng.randint(0, 9)} loaded, {rng.randint(1, 10**5)} entries; release {quad_version()}"
    if k == 30:
        return f"{ts} INFO redis: INFO used_memory:{rng.randint(10**6, 10**10)} connected_clients:{rng.randint(0, 5000)} instantaneous_ops_per_sec:{rng.randint(0, 10**5)} rdb_last_save_time:{epoch()}"
    if k == 31:
        return f"{ts} INFO auth: session {uuid()} refreshed for user_id={rng.randint(1, 10**7)} tenant={uuid()} expires_in={rng.randint(60, 86400)}"
    if k == 32:
        return f"{ts} INFO http: GET /api/v1/items/{rng.randint(1, 10**9)}/history?from={epoch()}&to={epoch()}&limit={rng.randint(1, 500)} 200 {rng.randint(1, 900)}ms"
    return f"{ts} ERROR worker: exit status {rng.randint(1, 255)} after {rng.randint(1, 10**5)} retries; errno={rng.randint(1, 150)} signal {rng.randint(1, 31)} core dumped at 0x{hexs(16)}"


def decoy(min_bytes=2_300_000):
    lines, size = [], 0
    while size < min_bytes:
        line = decoy_line()
        lines.append(line)
        size += len(line.encode()) + 1
    return lines


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    lines, manifest = planted()
    noise = decoy()
    planted(table=PLANTED_ISSUE15, lines=lines, manifest=manifest)
    with open(os.path.join(out, "planted.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "planted.manifest.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for m in manifest:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "decoy-lognoise.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(noise) + "\n")
    print(f"planted: {len(lines)} lines, {len(PLANTED) + len(PLANTED_ISSUE15)} rules; decoy: {len(noise)} lines")


if __name__ == "__main__":
    main()
