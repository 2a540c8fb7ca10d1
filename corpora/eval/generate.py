#!/usr/bin/env python3
"""Evaluation corpus for issue 15: realistic logs, SQL, manifests, CI output and chat with
planted sensitive values and planted look-alikes, and a ground-truth manifest.

Written independently of the rules: values come from the formats themselves (Luhn, IBAN
mod-97, SSA rules for SSNs, country numbering plans, providers' documented token shapes),
never from core/rules. Deterministic for a given seed.

    python3 corpora/eval/generate.py [--seed 15] [--out corpora/eval]

writes corpus.txt and truth.jsonl: one JSON object per planted value with its 1-based
line, byte span (start, end: offsets in corpus.txt), code-point span (cstart, cend), type,
whether it is sensitive, the shape (document kind) it sits in, and for values spread over
several lines (private key bodies) a group shared by their pieces.
"""

import argparse
import base64
import json
import os
import random
import string
import zlib

B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits


class Plant:
    __slots__ = ("value", "type", "sensitive", "group")

    def __init__(self, value, type_, sensitive=True, group=None):
        self.value, self.type, self.sensitive, self.group = value, type_, sensitive, group


def S(value, type_, group=None):
    """A sensitive value."""
    return Plant(value, type_, True, group)


def N(value, type_):
    """A non-sensitive value that must come out unchanged."""
    return Plant(value, type_, False)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.n_group = 0

    # ---- small helpers -------------------------------------------------------------
    def pick(self, seq):
        return self.r.choice(seq)

    def chars(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    def digits(self, n):
        return self.chars(string.digits, n)

    def ts(self):
        return "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
            self.r.randint(1, 12), self.r.randint(1, 28), self.r.randint(0, 23),
            self.r.randint(0, 59), self.r.randint(0, 59), self.r.randint(0, 999))

    # ---- PII -------------------------------------------------------------------------
    GIVEN = ["Jennifer", "Gerald", "Sofia", "Marcus", "Aisha", "Tomasz", "Priya", "Oliver",
             "Hannah", "Diego", "Yuki", "Fatima", "Lukas", "Chloe", "Rahul", "Isabel",
             "Nathan", "Elena", "Kwame", "Ingrid", "Mateo", "Zoe", "Samuel", "Leila",
             "Patrick", "Martina", "Victor", "Naomi", "Henrik", "Camila"]
    FAMILY = ["Cunningham", "Nichols", "Alvarez", "Okafor", "Kowalski", "Brennan", "Lindqvist",
              "Moreau", "Tanaka", "Haddad", "Fischer", "Whitfield", "Ramirez", "Delacroix",
              "Sorensen", "Patel", "Gallagher", "Novak", "Mensah", "Castellano", "Hughes",
              "Petrov", "Abernathy", "Yamamoto", "Larsen", "Donovan", "Ferreira", "Quinn"]
    DOMAINS = ["example.com", "mailbox.org", "acme-corp.io", "globex.net", "northwind.co.uk",
               "fastmail.fm", "contoso.de", "initech.com"]
    STREETS = ["Elm Street", "Harbour Road", "Rue de la Paix", "Kastanienallee", "Maple Avenue",
               "Calle Mayor", "Station Road", "Birch Lane", "Oak Drive", "Queen Street"]
    CITIES = ["Springfield", "Leeds", "Lyon", "Berlin", "Austin", "Valencia", "Dublin",
              "Portland", "Utrecht", "Tampere"]

    def person(self):
        return self.pick(self.GIVEN), self.pick(self.FAMILY)

    def email(self, given=None, family=None):
        if given is None:
            given, family = self.person()
        local = self.pick([
            "%s.%s" % (given.lower(), family.lower()),
            "%s%s" % (given[0].lower(), family.lower()),
            "%s_%s%d" % (given.lower(), family.lower()[:3], self.r.randint(1, 99)),
            "%s+%s" % (given.lower(), self.pick(["billing", "news", "dev"])),
        ])
        return "%s@%s" % (local, self.pick(self.DOMAINS))

    def ipv4(self):
        while True:
            a = self.r.randint(11, 223)
            if a in (10, 127, 169, 172, 192, 100):
                continue
            return "%d.%d.%d.%d" % (a, self.r.randint(0, 255), self.r.randint(0, 255),
                                    self.r.randint(1, 254))

    def ipv6(self):
        groups = ["%x" % self.r.randint(0, 0xFFFF) for _ in range(8)]
        groups[0] = self.pick(["2a02", "2a01", "2607", "2001", "2c0f", "2800", "2400"])
        if groups[0] == "2001":
            groups[1] = "%x" % self.r.randint(0x4000, 0xFFFF)  # not 2001:db8 (documentation)
        if self.r.random() < 0.5:
            return ":".join(groups)
        k = self.r.randint(3, 5)  # compressed: zeros in the middle
        return ":".join(groups[:k]) + "::" + ":".join(groups[k + 2:])

    def luhn_complete(self, prefix, length):
        body = prefix + self.digits(length - len(prefix) - 1)
        total = 0
        for i, ch in enumerate(reversed(body)):
            d = int(ch)
            if i % 2 == 0:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        return body + str((10 - total % 10) % 10)

    def card(self):
        brand = self.pick(["visa", "mc", "amex", "discover", "mc2"])
        if brand == "visa":
            n = self.luhn_complete("4", 16)
        elif brand == "mc":
            n = self.luhn_complete(str(self.r.randint(51, 55)), 16)
        elif brand == "mc2":
            n = self.luhn_complete(str(self.r.randint(2221, 2720)), 16)
        elif brand == "amex":
            n = self.luhn_complete(self.pick(["34", "37"]), 15)
        else:
            n = self.luhn_complete("6011", 16)
        sep = self.pick(["", " ", "-"])
        if len(n) == 15:
            return sep.join([n[:4], n[4:10], n[10:]])
        return sep.join(n[i:i + 4] for i in range(0, 16, 4))

    IBAN_BBAN = {
        "DE": lambda g: g.digits(18),
        "GB": lambda g: g.chars(string.ascii_uppercase, 4) + g.digits(14),
        "FR": lambda g: g.digits(23),
        "NL": lambda g: g.chars(string.ascii_uppercase, 4) + g.digits(10),
        "ES": lambda g: g.digits(20),
        "IT": lambda g: g.chars(string.ascii_uppercase, 1) + g.digits(22),
        "BE": lambda g: g.digits(12),
        "CH": lambda g: g.digits(17),
    }

    def iban(self):
        cc = self.pick(sorted(self.IBAN_BBAN))
        bban = self.IBAN_BBAN[cc](self)
        rearranged = bban + cc + "00"
        num = int("".join(str(int(c, 36)) for c in rearranged))
        iban = "%s%02d%s" % (cc, 98 - num % 97, bban)
        if self.r.random() < 0.4:
            return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        return iban

    def ssn(self, dashed=True):
        while True:
            area = self.r.randint(1, 899)
            if area != 666:
                break
        s = "%03d-%02d-%04d" % (area, self.r.randint(1, 99), self.r.randint(1, 9999))
        return s if dashed else s.replace("-", "")

    NANP_AREAS = ["212", "415", "312", "617", "206", "303", "512", "646", "404", "702",
                  "531", "473", "577", "258", "718", "919", "720", "503"]

    def nanp_parts(self):
        area = self.pick(self.NANP_AREAS)
        while True:
            exch = "%d%s" % (self.r.randint(2, 9), self.digits(2))
            if exch[1:] != "11" and exch != "555":
                break
        return area, exch, self.digits(4)

    def phone(self):
        """A phone number in one of many national or international shapes."""
        kind = self.r.randint(0, 11)
        if kind <= 3:
            a, e, s = self.nanp_parts()
            return ["(%s) %s-%s" % (a, e, s), "%s-%s-%s" % (a, e, s), "%s.%s.%s" % (a, e, s),
                    "+1 %s %s %s" % (a, e, s)][kind]
        if kind == 4:  # UK mobile
            n = "7%d%s" % (self.r.randint(4, 9), self.digits(8))
            return self.pick(["+44 %s %s" % (n[:4], n[4:]), "+44%s" % n, "+44-%s-%s" % (n[:3], n[3:])])
        if kind == 5:  # Germany mobile
            n = "1%s%s" % (self.pick(["51", "52", "60", "62", "70", "72", "76"]), self.digits(8))
            return self.pick(["+49 %s %s" % (n[:3], n[3:]), "+49%s" % n])
        if kind == 6:  # France mobile
            n = "%d%s" % (self.r.randint(6, 7), self.digits(8))
            return self.pick(["+33 %s %s %s %s %s" % (n[0], n[1:3], n[3:5], n[5:7], n[7:]), "+33%s" % n])
        if kind == 7:  # Australia mobile
            n = "4%s" % self.digits(8)
            return self.pick(["+61 %s %s %s" % (n[:3], n[3:6], n[6:]), "+61%s" % n])
        if kind == 8:  # Singapore
            n = "%d%s" % (self.r.randint(8, 9), self.digits(7))
            return self.pick(["+65 %s %s" % (n[:4], n[4:]), "+65-%s" % n])
        if kind == 9:  # India mobile
            n = "%d%s" % (self.r.randint(7, 9), self.digits(9))
            return self.pick(["+91 %s %s" % (n[:5], n[5:]), "+91%s" % n])
        if kind == 10:  # Spain mobile
            n = "6%s" % self.digits(8)
            return self.pick(["+34 %s %s %s" % (n[:3], n[3:6], n[6:]), "+34%s" % n])
        a, e, s = self.nanp_parts()
        return "+1%s%s%s" % (a, e, s)

    def address(self):
        return "%d %s, %s" % (self.r.randint(1, 2400), self.pick(self.STREETS), self.pick(self.CITIES))

    def dob(self):
        y, m, d = self.r.randint(1940, 2004), self.r.randint(1, 12), self.r.randint(1, 28)
        return self.pick(["%04d-%02d-%02d" % (y, m, d), "%02d/%02d/%04d" % (m, d, y)])

    # ---- secrets ---------------------------------------------------------------------
    def aws_key_id(self):
        return self.pick(["AKIA", "ASIA"]) + self.chars(string.ascii_uppercase + "234567", 16)

    def aws_secret(self):
        return self.chars(ALNUM + "/+", 40)

    def github_pat(self):
        body = self.chars(ALNUM, 30)
        crc = zlib.crc32(body.encode()) & 0xFFFFFFFF
        enc = ""
        while crc:
            crc, d = divmod(crc, 62)
            enc = B62[d] + enc
        return "ghp_" + body + enc.rjust(6, "0")

    def slack_token(self):
        p = self.pick(["xoxb", "xoxp"])
        if p == "xoxb":
            return "xoxb-%s-%s-%s" % (self.digits(12), self.digits(13), self.chars(ALNUM, 24))
        return "xoxp-%s-%s-%s-%s" % (self.digits(12), self.digits(12), self.digits(13),
                                     self.chars(string.hexdigits.lower()[:16], 32))

    def stripe_key(self):
        return "sk_live_" + self.chars(ALNUM, self.pick([24, 99]))

    def openai_key(self):
        a = ALNUM + "_-"
        return "sk-proj-" + self.chars(a, 74) + "T3BlbkFJ" + self.chars(a, 74)

    def google_key(self):
        return "AIza" + self.chars(ALNUM + "_-", 35)

    def jwt(self, given=None):
        def b64(obj):
            raw = json.dumps(obj, separators=(",", ":")).encode()
            return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
        head = b64({"alg": self.pick(["HS256", "RS256"]), "typ": "JWT"})
        body = b64({"sub": str(self.r.randint(10000, 99999)), "iat": 1790000000 + self.r.randint(0, 10**7),
                    "scope": self.pick(["read", "orders:write", "admin"])})
        sig = base64.urlsafe_b64encode(bytes(self.r.getrandbits(8) for _ in range(32))).rstrip(b"=").decode()
        return "%s.%s.%s" % (head, body, sig)

    def password(self):
        kind = self.r.randint(0, 3)
        if kind == 0:
            return self.chars(ALNUM + "!#%&*@^", self.r.randint(10, 18))
        if kind == 1:
            w = self.pick(["Summer", "Harbor", "Quartz", "Velvet", "Falcon", "Orbit", "Cobalt"])
            return "%s%d%s" % (w, self.r.randint(10, 9999), self.pick("!#%*@"))
        if kind == 2:
            return "%s%s%s%s" % (self.chars(string.ascii_uppercase, 1), self.chars(string.ascii_lowercase, 3),
                                 self.pick(["true", "none", "todo", "pass"]), self.chars(string.digits + "!#", 4))
        return self.chars(ALNUM, self.r.randint(16, 32))

    def secret_value(self):
        return self.chars(ALNUM, self.r.randint(24, 40))

    # ---- look-alikes -----------------------------------------------------------------
    def uuid(self):
        h = self.chars("0123456789abcdef", 32)
        return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], self.pick("89ab"), h[17:20], h[20:32])

    def git_sha(self):
        return self.chars("0123456789abcdef", 40)

    def sha256(self):
        return self.chars("0123456789abcdef", 64)

    def version(self):
        return self.pick(["v", ""]) + "%d.%d.%d" % (self.r.randint(0, 4), self.r.randint(0, 30), self.r.randint(0, 99))

    def order_id(self):
        return self.pick(["ORD-2026-%06d", "INV%08d", "po_%07d"]) % self.r.randint(1, 999999)

    PLACEHOLDERS = ["REPLACE_ME", "YOUR_API_KEY_HERE", "<password>", "changeme", "${DB_PASSWORD}",
                    "{{ secret }}", "xxx", "*****", "${API_TOKEN}", "<your-token>"]
    CLASSES = ["InvoiceService", "OrderRepository", "PaymentGatewayClient", "UserSessionManager",
               "RetryPolicy", "LedgerReconciler", "CheckoutController", "TokenBucketLimiter"]
    WORDS = ["Will retry", "May be transient", "Mark as read", "Grant access", "Rose sharply",
             "Page loaded", "Bill printed", "June batch"]

    def placeholder(self):
        return self.pick(self.PLACEHOLDERS)

    def klass(self):
        return self.pick(self.CLASSES)

    # ---- private keys ----------------------------------------------------------------
    def private_keys(self, count):
        """PEM blocks built from the seeded generator (RSA in PKCS#1 and PKCS#8, EC in SEC1),
        so the corpus is the same on every run."""
        keys = []
        for i in range(count):
            kind = i % 3
            if kind == 2:
                scalar = self.r.getrandbits(256).to_bytes(32, "big")
                oid_p256 = bytes.fromhex("06082a8648ce3d030107")
                der = _seq(_int(1) + _tlv(0x04, scalar) + _tlv(0xA0, oid_p256))
                label = "EC PRIVATE KEY"
            else:
                pkcs1 = self.rsa_der(1024)
                if kind == 0:
                    der, label = pkcs1, "RSA PRIVATE KEY"
                else:
                    alg = _seq(bytes.fromhex("06092a864886f70d010101") + b"\x05\x00")
                    der, label = _seq(_int(0) + alg + _tlv(0x04, pkcs1)), "PRIVATE KEY"
            b64 = base64.b64encode(der).decode()
            keys.append(["-----BEGIN %s-----" % label] + [b64[j:j + 64] for j in range(0, len(b64), 64)]
                        + ["-----END %s-----" % label])
        return keys

    def prime(self, bits):
        while True:
            c = self.r.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
            if _probably_prime(c, self.r):
                return c

    def rsa_der(self, bits):
        e = 65537
        while True:
            p, q = self.prime(bits // 2), self.prime(bits // 2)
            phi = (p - 1) * (q - 1)
            if p != q and phi % e:
                break
        d = pow(e, -1, phi)
        return _seq(b"".join(_int(x) for x in (0, p * q, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p))))

    def new_group(self):
        self.n_group += 1
        return "g%d" % self.n_group


def _tlv(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + head + body


def _int(x):
    raw = x.to_bytes(max(1, (x.bit_length() + 8) // 8), "big")  # room for a sign bit
    return _tlv(0x02, raw)


def _seq(body):
    return _tlv(0x30, body)


def _probably_prime(n, rng, rounds=24):
    for sp in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % sp == 0:
            return n == sp
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 2), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


# ---- documents: each returns a list of lines; a line is a list of str | Plant ---------------

def nginx(g, n):
    out = []
    for _ in range(n):
        ip = g.ipv4()
        path = g.pick(["/api/orders/%s" % g.order_id(), "/static/app-%s.js" % g.git_sha()[:8],
                       "/healthz", "/api/v2/users/%d" % g.r.randint(1, 99999)])
        q = []
        roll = g.r.random()
        if roll < 0.1:
            q = ["?token=", S(g.secret_value(), "secret-value")]
        elif roll < 0.18:
            q = ["?email=", S(g.email(), "email")]
        elif roll < 0.24:
            q = ["?access_token=", S(g.jwt(), "jwt")]
        ua = g.pick(["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)", "curl/8.5.0",
                     "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0", "kube-probe/1.29"])
        out.append([S(ip, "ipv4"), " - - [05/Dec/2026:%02d:%02d:%02d +0000] \"GET " % (
            g.r.randint(0, 23), g.r.randint(0, 59), g.r.randint(0, 59)), path] + q +
            [" HTTP/1.1\" %d %d \"-\" \"%s\"" % (g.pick([200, 200, 204, 301, 404, 500]), g.r.randint(0, 90000), ua)])
    return out


def apache(g, n):
    out = []
    for _ in range(n):
        ip = S(g.ipv6(), "ipv6") if g.r.random() < 0.3 else S(g.ipv4(), "ipv4")
        user = g.pick(["-", "-", "admin"])
        out.append([ip, " - %s [05/Dec/2026:10:%02d:%02d +0100] \"POST /login HTTP/1.1\" 302 - rid=" % (
            user, g.r.randint(0, 59), g.r.randint(0, 59)), N(g.uuid(), "uuid")])
    return out


def json_logs(g, n):
    out = []
    for _ in range(n):
        given, family = g.person()
        fields = [("id", N(g.uuid(), "uuid"))]
        opts = [
            ("name", lambda: S("%s %s" % (given, family), "person-name")),
            ("email", lambda: S(g.email(given, family), "email")),
            ("phone", lambda: S(g.phone(), "phone")),
            ("ssn", lambda: S(g.ssn(g.r.random() < 0.8), "ssn")),
            ("ip", lambda: S(g.ipv4(), "ipv4")),
            ("address", lambda: S(g.address(), "address")),
            ("dob", lambda: S(g.dob(), "date-of-birth")),
            ("card_number", lambda: S(g.card(), "credit-card")),
            ("iban", lambda: S(g.iban(), "iban")),
            ("order_id", lambda: N(g.order_id(), "order-id")),
            ("app_version", lambda: N(g.version(), "version")),
            ("commit", lambda: N(g.git_sha(), "git-sha")),
        ]
        for k, f in g.r.sample(opts, g.r.randint(3, 6)):
            fields.append((k, f()))
        body = []
        for i, (k, v) in enumerate(fields):
            body += [(", " if i else ""), '"%s": "' % k, v, '"']
        level = g.pick(["info", "warn", "error"])
        msg = g.pick(["user created", "profile updated", "payment declined", "login"])
        out.append(['{"ts": "', N(g.ts(), "timestamp"), '", "level": "%s", "msg": "%s", "user": {' % (level, msg)]
                   + body + ["}}"])
    return out


def sql(g, n):
    out = []
    for _ in range(n):
        roll = g.r.randint(0, 5)
        given, family = g.person()
        if roll <= 2:
            cols = [("id", lambda: str(g.r.randint(1, 99999)), None),
                    ("full_name", lambda: "%s %s" % (given, family), "person-name"),
                    ("email", lambda: g.email(given, family), "email"),
                    ("phone", lambda: g.phone(), "phone"),
                    ("ssn", lambda: g.ssn(g.r.random() < 0.7), "ssn"),
                    ("iban", lambda: g.iban(), "iban"),
                    ("card_number", lambda: g.card(), "credit-card"),
                    ("street_address", lambda: g.address(), "address"),
                    ("birth_date", lambda: g.dob(), "date-of-birth")]
            chosen = [cols[0]] + g.r.sample(cols[1:], g.r.randint(3, 6))
            line = ["INSERT INTO customers (%s) VALUES (" % ", ".join(c[0] for c in chosen)]
            for i, (_, f, t) in enumerate(chosen):
                v = f()
                if i:
                    line.append(", ")
                if t is None:
                    line.append(v)
                else:
                    line += ["'", S(v, t), "'"]
            out.append(line + [");"])
        elif roll == 3:
            out.append(["UPDATE users SET password_hash = '", N(g.sha256(), "sha256"), "', updated_at = '",
                        N(g.ts(), "timestamp"), "' WHERE email = '", S(g.email(given, family), "email"), "';"])
        elif roll == 4:
            form = g.r.randint(0, 2)
            pw = S(g.password(), "password")
            if form == 0:
                out.append(["CREATE USER app_rw WITH PASSWORD '", pw, "';"])
            elif form == 1:
                out.append(["ALTER USER 'report'@'%' IDENTIFIED BY '", pw, "';"])
            else:
                out.append(["CREATE LOGIN svc_etl WITH PASSWORD = '", pw, "', CHECK_POLICY = OFF;"])
        else:
            out.append(["SELECT id, status FROM orders WHERE order_ref = '", N(g.order_id(), "order-id"),
                        "' AND created_at > '", N(g.ts(), "timestamp"), "';"])
    return out


ENV_SECRETS = [("AWS_ACCESS_KEY_ID", "aws_key_id", "aws-access-key-id"),
               ("AWS_SECRET_ACCESS_KEY", "aws_secret", "aws-secret-access-key"),
               ("GITHUB_TOKEN", "github_pat", "github-pat"),
               ("SLACK_BOT_TOKEN", "slack_token", "slack-token"),
               ("STRIPE_SECRET_KEY", "stripe_key", "stripe-secret-key"),
               ("OPENAI_API_KEY", "openai_key", "openai-key"),
               ("GOOGLE_API_KEY", "google_key", "google-api-key"),
               ("DB_PASSWORD", "password", "password"),
               ("SESSION_SECRET", "secret_value", "secret-value"),
               ("REDIS_PASSWORD", "password", "password")]


def env_secret(g):
    name, fn, t = g.pick(ENV_SECRETS)
    return name, S(getattr(g, fn)(), t)


def k8s(g, n):
    out = []
    while len(out) < n:
        app = g.pick(["orders", "billing", "gateway", "worker"])
        out += [["apiVersion: apps/v1"], ["kind: Deployment"], ["metadata:"], ["  name: %s" % app],
                ["spec:"], ["  template:"], ["    spec:"], ["      containers:"],
                ["        - name: %s" % app], ["          image: registry.example.com/%s:" % app, N(g.version(), "version")],
                ["          env:"]]
        for _ in range(g.r.randint(2, 4)):
            name, val = env_secret(g)
            q = g.pick(['"', "", "'"])
            out += [["            - name: %s" % name], ["              value: ", q, val, q]]
        out += [["            - name: LOG_LEVEL"], ["              value: \"info\""],
                ["            - name: BUILD_SHA"], ["              value: \"", N(g.git_sha(), "git-sha"), "\""],
                ["            - name: API_TOKEN"], ["              value: \"", N(g.placeholder(), "placeholder"), "\""],
                ["---"], ["apiVersion: v1"], ["kind: Secret"], ["metadata:"], ["  name: %s-db" % app],
                ["type: Opaque"], ["stringData:"],
                ["  username: svc_%s" % app], ["  password: ", S(g.password(), "password")],
                ["  api-key: ", S(g.secret_value(), "secret-value")]]
        pw = g.password().encode()
        out += [["data:"], ["  db-password: ", S(base64.b64encode(pw).decode(), "password")], ["---"]]
    return out


def ci(g, n):
    out = []
    for _ in range(n):
        roll = g.r.randint(0, 11)
        t = "[%s] " % g.ts()
        raw = g.password()
        # A shell command quotes what the shell would read (`&` backgrounds, `!` expands).
        q = "'" if any(c in raw for c in "&!#*^@%") else ""
        pw = [q, S(raw, "password"), q]
        if roll == 0:
            out.append([t, "$ docker login -u bot -p "] + pw + [" registry.example.com"])
        elif roll == 1:
            out.append([t, "$ curl -sSf -u deploy:"] + pw + [" https://artifacts.example.com/upload"])
        elif roll == 2:
            name, val = env_secret(g)
            out.append([t, "$ export %s=" % name, val])
        elif roll == 3:
            out.append([t, "$ mysql -h db.internal -u root -p"] + pw + [" shop < schema.sql"])
        elif roll == 4:
            out.append([t, "$ redis-cli -h cache.internal -a "] + pw + [" PING"])
        elif roll == 5:
            out.append([t, "$ sshpass -p "] + pw + [" ssh deploy@", S(g.ipv4(), "ipv4")])
        elif roll == 6:
            out.append([t, "$ mysql --password="] + pw + [" -u app orders"])
        elif roll == 7:
            out.append([t, "$ psql --host=db.internal --username=app --password "] + pw)
        elif roll == 8:
            out.append([t, "Step 4/9 : FROM python:", N(g.version(), "version"), " sha256:", N(g.sha256(), "sha256")])
        elif roll == 9:
            out.append([t, "HEAD is now at ", N(g.git_sha(), "git-sha"), " ", N(g.klass(), "class-name"),
                        ": ", N(g.pick(g.WORDS), "word")])
        elif roll == 10:
            out.append([t, "$ docker login --username ci --password "] + pw + [" ghcr.io"])
        else:
            out.append([t, "$ git clone https://x-access-token:", S(g.github_pat(), "github-pat"),
                        "@github.com/acme/infra.git"])
    return out


def uris(g, n):
    out = []
    for _ in range(n):
        roll = g.r.randint(0, 5)
        t = [N(g.ts(), "timestamp"), " connecting to "]
        pw = S(g.password().replace("@", "x").replace("/", "x").replace("#", "x").replace("%", "x").replace("^", "x"),
               "uri-password")
        if roll == 0:
            out.append(t + ["postgres://app:", pw, "@orders.svc.cluster.local:5432/orders"])
        elif roll == 1:
            out.append(t + ["mysql://root:", pw, "@", S(g.ipv4(), "ipv4"), ":3306/shop"])
        elif roll == 2:
            out.append(t + ["mongodb+srv://reporting:", pw, "@cluster0.mongodb.net/analytics?retryWrites=true"])
        elif roll == 3:
            out.append(t + ["redis://:", pw, "@cache.internal:6379/0"])
        elif roll == 4:
            out.append(t + ["amqp://worker:", pw, "@mq.internal:5672/vhost"])
        else:
            out.append(t + ["postgresql://etl:", pw, "@", S(g.ipv4(), "ipv4"), ":5432/warehouse?sslmode=require"])
    return out


def stack_traces(g, n):
    out = []
    while len(out) < n:
        given, family = g.person()
        out += [["Traceback (most recent call last):"],
                ["  File \"/srv/app/billing/charge.py\", line %d, in charge" % g.r.randint(10, 400)],
                ["    resp = client.charge(card_number, amount)"],
                ["  Locals:"],
                ["    card_number = '", S(g.card(), "credit-card"), "'"],
                ["    customer = {'email': '", S(g.email(given, family), "email"), "', 'phone': '",
                 S(g.phone(), "phone"), "', 'ssn': '", S(g.ssn(), "ssn"), "'}"],
                ["    api_key = '", S(g.stripe_key(), "stripe-secret-key"), "'"],
                ["    request_id = '", N(g.uuid(), "uuid"), "'"],
                ["stripe.error.CardError: Your card was declined."],
                ["Exception in thread \"main\" java.lang.IllegalStateException: login failed for ",
                 S(g.email(), "email"), " from ", S(g.ipv4(), "ipv4")],
                ["\tat com.acme.billing.", N(g.klass(), "class-name"), ".process(", "Service.java:%d)" % g.r.randint(10, 999)],
                ["\tat com.acme.billing.", N(g.klass(), "class-name"), ".run(Worker.java:%d)" % g.r.randint(10, 999)],
                ["Caused by: java.sql.SQLException: Access denied for user 'app'@'", S(g.ipv4(), "ipv4"),
                 "' (using password: YES)"]]
    return out


def chat(g, n):
    out = []
    while len(out) < n:
        given, family = g.person()
        g2, f2 = g.person()
        a, e, s = g.nanp_parts()
        out += [["User: Hi, I'm ", S("%s %s" % (given, family), "person-name"), ". My card ",
                 S(g.card(), "credit-card"), " was charged twice, call me on ", S("(%s) %s-%s" % (a, e, s), "phone"), "."],
                ["Assistant: Sorry about that. ", N(g.pick(g.WORDS), "word"),
                 ". Can you confirm the email on the account?"],
                ["User: it's ", S(g.email(given, family), "email"), " and my SSN is ", S(g.ssn(), "ssn"),
                 " if you need it"],
                ["User: also my IBAN ", S(g.iban(), "iban"), " for the refund, phone ", S(g.phone(), "phone")],
                ["Prompt: Summarise this ticket. Dear Ms. ", S(f2, "person-name"),
                 ", order ", N(g.order_id(), "order-id"), " shipped on ", N(g.ts(), "timestamp"), "."],
                ["cc ", S("%s %s" % (g2, f2), "person-name"), " <", S(g.email(g2, f2), "email"), ">"],
                ["From: \"", S("%s %s." % (given, family[0]), "person-name"), "\" <", S(g.email(given, family), "email"), ">"],
                ["-- "], [S("%s %s" % (g2, f2), "person-name")],
                ["Here is my key for the test: ", S(g.openai_key(), "openai-key")]]
    return out


def dotenv(g, n):
    out = []
    for _ in range(n):
        roll = g.r.random()
        if roll < 0.7:
            name, val = env_secret(g)
            out.append(["%s=" % name, val])
        elif roll < 0.8:
            out.append(["API_KEY=", N(g.placeholder(), "placeholder")])
        elif roll < 0.9:
            out.append(["APP_VERSION=", N(g.version(), "version")])
        else:
            out.append(["DATABASE_URL=postgres://app:", S(g.password().replace("@", "x").replace("/", "x")
                        .replace("#", "x").replace("%", "x").replace("^", "x"), "uri-password"),
                        "@db.internal:5432/app"])
    return out


def yaml_cfg(g, n):
    out = []
    while len(out) < n:
        given, family = g.person()
        out += [["database:"], ["  host: db.internal"], ["  user: app"], ["  password: ", S(g.password(), "password")],
                ["payments:"], ["  stripe_secret_key: ", S(g.stripe_key(), "stripe-secret-key")],
                ["  webhook_secret: \"", S(g.secret_value(), "secret-value"), "\""],
                ["  api_key: ", N(g.placeholder(), "placeholder")],
                ["owner:"], ["  email: ", S(g.email(given, family), "email")],
                ["  phone: \"", S(g.phone(), "phone"), "\""],
                ["  mobile: ", S(g.phone(), "phone")],
                ["  address: \"", S(g.address(), "address"), "\""],
                ["  date_of_birth: ", S(g.dob(), "date-of-birth")],
                ["  handler: ", N(g.klass(), "class-name")],
                ["release: ", N(g.version(), "version")],
                ["google:"], ["  maps_key: ", S(g.google_key(), "google-api-key")],
                ["  jwt: ", S(g.jwt(), "jwt")]]
    return out


def xml_cfg(g, n):
    out = []
    while len(out) < n:
        out += [["<configuration>"], ["  <appSettings>"],
                ["    <add key=\"StripeSecret\" value=\"", S(g.stripe_key(), "stripe-secret-key"), "\" />"],
                ["    <add key=\"SmtpPassword\" value=\"", S(g.password(), "password"), "\" />"],
                ["    <add key=\"ClientSecret\" value=\"", S(g.secret_value(), "secret-value"), "\" />"],
                ["    <add key=\"SupportEmail\" value=\"", S(g.email(), "email"), "\" />"],
                ["    <add key=\"BuildId\" value=\"", N(g.uuid(), "uuid"), "\" />"],
                ["    <add key=\"ApiKey\" value=\"", N(g.placeholder(), "placeholder"), "\" />"],
                ["  </appSettings>"], ["  <connectionStrings>"],
                ["    <add name=\"Main\" connectionString=\"Server=sql01;Database=shop;User Id=app;Password=",
                 S(g.password().replace(";", "x").replace('"', "x"), "password"), ";\" />"],
                ["  </connectionStrings>"], ["</configuration>"]]
    return out


def dicts(g, n):
    out = []
    for _ in range(n):
        given, family = g.person()
        roll = g.r.randint(0, 3)
        if roll == 0:
            out.append(["config = {'api_key': '", S(g.secret_value(), "secret-value"), "', 'region': 'eu-west-1', 'version': '",
                        N(g.version(), "version"), "'}"])
        elif roll == 1:
            out.append(["user = {'email': '", S(g.email(given, family), "email"), "', 'phone': '", S(g.phone(), "phone"),
                        "', 'ssn': '", S(g.ssn(), "ssn"), "', 'dob': '", S(g.dob(), "date-of-birth"), "'}"])
        elif roll == 2:
            out.append(["const creds = { password: \"", S(g.password(), "password"), "\", user: \"app\", token: \"",
                        S(g.secret_value(), "secret-value"), "\" };"])
        else:
            out.append(["payload = {\"iban\": \"", S(g.iban(), "iban"), "\", \"amount\": %d, \"ref\": \"" % g.r.randint(1, 9999),
                        N(g.order_id(), "order-id"), "\"}"])
    return out


def pem(g, keys):
    out = []
    for i, lines in enumerate(keys):
        grp = g.new_group()
        shape = i % 3
        if shape == 0:  # bare, in a log
            out.append(["[%s] loaded signing key:" % g.ts()])
            out.append([lines[0]])
            out += [[S(l, "private-key", grp)] for l in lines[1:-1]]
            out.append([lines[-1]])
        elif shape == 1:  # indented in YAML
            out += [["tls:"], ["  key: |"], ["    " + lines[0]]]
            out += [["    ", S(l, "private-key", grp)] for l in lines[1:-1]]
            out.append(["    " + lines[-1]])
        else:  # with a log prefix on every line
            out.append(["%s INFO " % g.ts(), lines[0]])
            out += [["%s INFO " % g.ts(), S(l, "private-key", grp)] for l in lines[1:-1]]
            out.append(["%s INFO " % g.ts(), lines[-1]])
    return out


SHAPES = [("nginx", nginx, 400), ("apache", apache, 150), ("json-log", json_logs, 450), ("sql", sql, 300),
          ("k8s", k8s, 400), ("ci", ci, 350), ("uri", uris, 150), ("stack-trace", stack_traces, 200),
          ("chat", chat, 300), ("dotenv", dotenv, 150), ("yaml", yaml_cfg, 200), ("xml", xml_cfg, 130),
          ("dict", dicts, 150)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--keys", type=int, default=9, help="private keys to plant")
    args = ap.parse_args()
    g = Gen(args.seed)
    docs = [(name, fn(g, n)) for name, fn, n in SHAPES]
    docs.append(("pem", pem(g, g.private_keys(args.keys))))
    # Interleave documents in blocks, as a log store mixes sources.
    blocks = []
    for name, lines in docs:
        i = 0
        while i < len(lines):
            k = g.r.randint(20, 60)
            if name in ("k8s", "yaml", "xml", "stack-trace", "chat", "pem"):
                # Keep multi-line documents whole: cut only at a document start.
                j = min(len(lines), i + k)
                while j < len(lines) and not _doc_start(lines[j]):
                    j += 1
                k = j - i
            blocks.append((name, lines[i:i + k]))
            i += k
    g.r.shuffle(blocks)
    corpus = bytearray()
    truth = []
    line_no = 0
    chars = 0
    for name, lines in blocks:
        for parts in lines:
            line_no += 1
            for p in parts:
                text = p.value if isinstance(p, Plant) else p
                b = text.encode()
                if isinstance(p, Plant):
                    rec = {"line": line_no, "start": len(corpus), "end": len(corpus) + len(b),
                           "cstart": chars, "cend": chars + len(text), "type": p.type,
                           "sensitive": p.sensitive, "shape": name}
                    if p.group:
                        rec["group"] = p.group
                    truth.append(rec)
                corpus += b
                chars += len(text)
            corpus += b"\n"
            chars += 1
    with open(os.path.join(args.out, "corpus.txt"), "wb") as f:
        f.write(bytes(corpus))
    with open(os.path.join(args.out, "truth.jsonl"), "w") as f:
        for rec in truth:
            f.write(json.dumps(rec, sort_keys=True) + "\n")
    print("%d lines, %d bytes, %d planted values" % (line_no, len(corpus), len(truth)))


def _doc_start(parts):
    first = "".join(p for p in parts if isinstance(p, str))
    return first.startswith(("apiVersion: apps", "database:", "<configuration>", "Traceback", "User: Hi",
                              "tls:")) or (first.startswith("[") and "loaded signing key" in first) or \
        ("INFO -----BEGIN" in first and "BEGIN" in first)


if __name__ == "__main__":
    main()
