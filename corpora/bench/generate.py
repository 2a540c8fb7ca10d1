#!/usr/bin/env python3
"""Deterministic benchmark corpora for redactum (stdlib only).

Classes (what each models):
  ordinary     production logs: nginx access logs, JSON application logs, Java logs with stack
               traces, Python logs, Kubernetes events; a planted secret or PII line about once
               every 2,000 lines (access-log client IPs are PII too, as in real logs).
  dense        match-dense text: a secret or PII item every ~120 bytes (lines taken from the
               planted corpora of corpora/secrets and corpora/pii, padded with prose).
  adversarial  inputs built to hurt scanners: long digit runs, `passwordpassword...`,
               megabyte base64 lines, minified JavaScript, hex dumps, long key=value chains.
  jsonl        JSON-lines application logs with nested objects and sensitive keys.
  escaped-keys every other line a JSON record with a PEM private key in a string (newlines
               escaped), the others request lines (not made unless named).

Usage: generate.py [--out DIR] [--size-mb N] [--seed S] [CLASS...]
Writes DIR/<class>.txt (default DIR: corpora/generated, N: 64). Small committed samples live in
corpora/bench/samples/ (made with --size-mb 0.25 --out corpora/bench/samples).
"""
import argparse
import base64
import json
import os
import random
import string

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

WORDS = ("request handled user session cache miss retry upstream timeout connection pool "
         "worker started stopped queue depth latency ok failed service order payment invoice "
         "shipment account profile token refresh scheduler batch job completed").split()


def planted_lines():
    """Lines with planted items from the catalogs' corpora (each line holds >= 1 item)."""
    out = []
    for sub in ("secrets", "pii"):
        p = os.path.join(ROOT, sub, "planted.txt")
        man = os.path.join(ROOT, sub, "planted.manifest.jsonl")
        if not (os.path.exists(p) and os.path.exists(man)):
            continue
        lines = open(p, encoding="utf-8", errors="replace").read().split("\n")
        wanted = set()
        for m in open(man, encoding="utf-8"):
            m = m.strip()
            if m:
                rec = json.loads(m)
                ln = rec.get("line")
                if isinstance(ln, int) and 1 <= ln <= len(lines):
                    wanted.add(ln - 1)
        out.extend(lines[i] for i in sorted(wanted) if lines[i].strip())
    if not out:
        out = ["contact ann@example.org about card 4111 1111 1111 1111"]
    return out


def ts(r):
    return "2026-%02d-%02dT%02d:%02d:%02d.%03dZ" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23),
                                                    r.randint(0, 59), r.randint(0, 59), r.randint(0, 999))


def hexs(r, n):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


def uuid(r):
    h = hexs(r, 32)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def access_line(r):
    ip = "%d.%d.%d.%d" % (r.randint(1, 223), r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
    path = "/" + "/".join(r.choice(WORDS) for _ in range(r.randint(1, 3)))
    if r.random() < 0.3:
        path += "?page=%d&sort=%s" % (r.randint(1, 50), r.choice(WORDS))
    return '%s - - [21/Nov/2026:%02d:%02d:%02d +0000] "%s %s HTTP/1.1" %d %d "-" "Mozilla/5.0 (X11; Linux x86_64) Chrome/%d.0.%d.%d"' % (
        ip, r.randint(0, 23), r.randint(0, 59), r.randint(0, 59), r.choice(["GET", "POST", "PUT"]), path,
        r.choice([200, 200, 200, 201, 204, 301, 304, 404, 500]), r.randint(0, 90000), r.randint(90, 130),
        r.randint(1000, 9999), r.randint(10, 200))


def json_line(r):
    obj = {"ts": ts(r), "level": r.choice(["info", "info", "debug", "warn", "error"]),
           "msg": " ".join(r.choice(WORDS) for _ in range(r.randint(2, 7))),
           "request_id": uuid(r), "duration_ms": round(r.random() * 900, 3),
           "service": r.choice(["api", "billing", "auth", "search"]), "version": "%d.%d.%d" % (r.randint(0, 9), r.randint(0, 30), r.randint(0, 99)),
           "trace": {"span_id": hexs(r, 16), "trace_id": hexs(r, 32)}, "bytes": r.randint(0, 10**7)}
    return json.dumps(obj, separators=(",", ":"))


def java_lines(r):
    cls = "com.acme.%s.%sService" % (r.choice(WORDS), r.choice(WORDS).capitalize())
    out = ["%s ERROR [%s-%d] %s - %s failed after %d ms" % (ts(r), r.choice(["http-nio-8080-exec", "pool-3-thread"]), r.randint(1, 64),
                                                               cls, r.choice(WORDS), r.randint(1, 30000))]
    out.append("java.lang.IllegalStateException: %s %s" % (r.choice(WORDS), r.choice(WORDS)))
    for _ in range(r.randint(3, 9)):
        m = r.choice(WORDS)
        out.append("\tat %s.%s(%sService.java:%d)" % (cls, m, m.capitalize(), r.randint(10, 2000)))
    return out


def python_line(r):
    return "%s,%03d %s [%s] %s: %s took %.3fs (attempt %d/%d)" % (
        ts(r)[:19].replace("T", " "), r.randint(0, 999), r.choice(["INFO", "WARNING", "DEBUG"]), r.choice(["worker", "celery", "gunicorn"]),
        r.choice(WORDS), " ".join(r.choice(WORDS) for _ in range(3)), r.random() * 10, r.randint(1, 3), 3)


def k8s_line(r):
    return "%s Normal Scheduled pod/%s-%s-%s Successfully assigned default/%s to node-%d (image sha256:%s)" % (
        ts(r), r.choice(WORDS), hexs(r, 10), hexs(r, 5), r.choice(WORDS), r.randint(1, 40), hexs(r, 64))


def ordinary(r, size, planted):
    n = 0
    while n < size:
        k = r.random()
        if k < 0.0005:
            lines = [r.choice(planted)]
        elif k < 0.35:
            lines = [access_line(r)]
        elif k < 0.65:
            lines = [json_line(r)]
        elif k < 0.72:
            lines = java_lines(r)
        elif k < 0.9:
            lines = [python_line(r)]
        else:
            lines = [k8s_line(r)]
        for l in lines:
            s = l + "\n"
            n += len(s.encode())
            yield s


def dense(r, size, planted):
    n = 0
    while n < size:
        l = r.choice(planted)
        pad = max(0, 120 - len(l))
        words = []
        while sum(len(w) + 1 for w in words) < pad:
            words.append(r.choice(WORDS))
        s = (" ".join(words) + " " + l if words else l) + "\n"
        n += len(s.encode())
        yield s


def minified_js(r, n):
    parts = []
    total = 0
    while total < n:
        p = r.choice([
            "function %s(a,b){return a.%s(b)||%d}" % (r.choice(WORDS), r.choice(WORDS), r.randint(0, 99999)),
            "var _0x%s=[\"%s\",\"%s\"];" % (hexs(r, 4), hexs(r, 8), base64.b64encode(os.urandom(12) if False else bytes(r.getrandbits(8) for _ in range(12))).decode()),
            "e.exports={%s:%d,%s:\"%s\"};" % (r.choice(WORDS), r.randint(0, 10**9), r.choice(WORDS), uuid(r)),
            "if(t===%d)throw new Error(\"%s\");" % (r.randint(0, 999), " ".join(r.choice(WORDS) for _ in range(3))),
        ])
        parts.append(p)
        total += len(p)
    return "".join(parts)


def adversarial(r, size, planted):
    n = 0
    while n < size:
        k = r.randrange(7)
        if k == 0:
            s = "".join(r.choice(string.digits) for _ in range(r.randint(2000, 20000)))
        elif k == 1:
            s = "password" * r.randint(500, 5000)
        elif k == 2:
            s = base64.b64encode(bytes(r.getrandbits(8) for _ in range(r.randint(200_000, 750_000)))).decode()
        elif k == 3:
            s = minified_js(r, r.randint(50_000, 300_000))
        elif k == 4:
            s = " ".join("%08x: %s" % (i * 16, " ".join(hexs(r, 2) for _ in range(16))) for i in range(r.randint(500, 3000)))
        elif k == 5:
            s = "&".join("%s_%d=%s" % (r.choice(["token", "key", "secret", "pass", "id"]), i, hexs(r, r.randint(8, 40))) for i in range(r.randint(500, 3000)))
        else:
            s = "4" * r.randint(1000, 10000) + " " + "1-" * r.randint(1000, 5000)
        s += "\n"
        n += len(s)
        yield s


def jsonl(r, size, planted):
    n = 0
    while n < size:
        obj = {"ts": ts(r), "level": r.choice(["info", "warn", "error"]), "msg": " ".join(r.choice(WORDS) for _ in range(4)),
               "http": {"method": r.choice(["GET", "POST"]), "path": "/" + r.choice(WORDS), "status": r.choice([200, 201, 404, 500]),
                        "headers": {"user-agent": "curl/8.%d" % r.randint(0, 9), "x-request-id": uuid(r)}},
               "user": {"id": r.randint(1, 10**6), "roles": [r.choice(WORDS) for _ in range(2)]}, "duration_ms": r.randint(1, 5000)}
        if r.random() < 0.05:
            obj["user"]["password"] = "".join(r.choice(string.ascii_letters + string.digits) for _ in range(14))
        if r.random() < 0.02:
            obj["msg"] += " " + r.choice(planted)
        s = json.dumps(obj) + "\n"
        n += len(s.encode())
        yield s


def escaped_keys(r, size, planted):
    """Every other line a JSON record holding a PEM private key in a string, its newlines
    escaped (a Kubernetes secret or a service-account file logged whole), the others short
    request lines with a client address."""
    kinds = ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"]
    n, i = 0, 0
    while n < size:
        if i % 2 == 0:
            body = base64.b64encode(bytes(r.getrandbits(8) for _ in range(384))).decode()
            rows = "\\n".join(body[k:k + 64] for k in range(0, len(body), 64))
            kind = r.choice(kinds)
            s = '{"ts":"%s","secret":{"data":"-----BEGIN %s-----\\n%s\\n-----END %s-----\\n"}}\n' % (
                ts(r), kind, rows, kind)
        else:
            s = "%s INFO request %d served in %d ms from 10.0.%d.%d\n" % (
                ts(r), i, r.randint(1, 900), r.randint(0, 255), r.randint(1, 254))
        n += len(s.encode())
        i += 1
        yield s


CLASSES = {"ordinary": ordinary, "dense": dense, "adversarial": adversarial, "jsonl": jsonl,
           "escaped-keys": escaped_keys}
# What a run without class names makes.
DEFAULT = ["ordinary", "dense", "adversarial", "jsonl"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "generated"))
    ap.add_argument("--size-mb", type=float, default=64)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("classes", nargs="*", default=DEFAULT)
    a = ap.parse_args()
    for c in a.classes:
        if c not in CLASSES:
            ap.error("unknown class %r (classes: %s)" % (c, ", ".join(CLASSES)))
    os.makedirs(a.out, exist_ok=True)
    planted = planted_lines()
    size = int(a.size_mb * 1_000_000)
    for c in a.classes:
        r = random.Random("%s-%d" % (c, a.seed))
        path = os.path.join(a.out, c + ".txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for s in CLASSES[c](r, size, planted):
                f.write(s)
        print(path, os.path.getsize(path))


if __name__ == "__main__":
    main()
