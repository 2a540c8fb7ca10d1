"""Benchmarks of the Python binding (figures, not tests).

    bindings/python/.venv/bin/maturin develop --release   # from bindings/python, CARGO_TARGET_DIR=target
    bindings/python/.venv/bin/python bindings/python/bench/bench.py [--mb 8] [--rules builtin|FILE]

Prints the per-call cost of `redact` on a 200-byte log line with nothing to redact next to
no-op calls (the cost of crossing into the binding), then the throughput (MB/s) of
`redact_batch` (threads=1 and 2), of `redact` called line by line, of one `redact` over the
whole corpus and of `redact_stream`, on a deterministic corpus of log-like lines.
"""

from __future__ import annotations

import argparse
import io
import os
import pathlib
import platform
import random
import string
import sys
import time
import timeit
from typing import Callable

import redactum


def corpus(megabytes: float, seed: int = 42) -> list[str]:
    """Log-like lines, about 1 in 50 with something to redact."""
    rng = random.Random(seed)
    alnum = string.ascii_letters + string.digits
    paths = ["/api/v1/items", "/api/v1/users", "/health", "/login", "/static/app.js", "/api/v2/orders"]
    out: list[str] = []
    size, target, i = 0, int(megabytes * 1e6), 0
    while size < target:
        i += 1
        line = (
            f"2026-03-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}.{i % 1000:03d}Z "
            f"{rng.choice(['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN'])} "
            f"svc=gateway req={rng.getrandbits(64):016x} method={rng.choice(['GET', 'POST'])} "
            f"path={rng.choice(paths)}/{rng.randrange(10**6)} status={rng.choice([200, 200, 201, 404, 500])} "
            f"bytes={rng.randrange(10**5)} took={rng.randrange(500)}ms ua=\"Mozilla/5.0 (X11; Linux x86_64)\""
        )
        k = rng.randrange(50)
        if k == 0:
            line += f" user={rng.choice(['ann', 'bob', 'eve'])}{rng.randrange(100)}@example.com"
        elif k == 1:
            line += " token=ghp_" + "".join(rng.choice(alnum) for _ in range(36))
        elif k == 2:
            line += " aws_key=AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16))
        out.append(line)
        size += len(line) + 1
    return out


def per_call_ns(fn: Callable[[], object], number: int) -> float:
    best = min(timeit.repeat(fn, number=number, repeat=5))
    return best / number * 1e9


def mb_s(nbytes: int, fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return nbytes / best / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=8.0, help="corpus size in MB (default 8)")
    ap.add_argument("--rules", default="builtin", help="'builtin' or a rule file")
    args = ap.parse_args()

    t0 = time.perf_counter()
    if args.rules == "builtin":
        r = redactum.Redactor()
    else:
        r = redactum.Redactor(rules=pathlib.Path(args.rules))
    build_ms = (time.perf_counter() - t0) * 1e3
    print(f"redactum {redactum.__version__}, Python {platform.python_version()}, {os.cpu_count()} cpus, {sys.platform}")
    print(f"rules: {len(r.rules())} ({args.rules}), built in {build_ms:.0f} ms")

    line = (
        "2026-03-01T12:00:00.000Z INFO svc=gateway req=9f86d081884c7d65 method=GET "
        "path=/api/v1/items/123456 status=200 bytes=5120 took=12ms ua=\"Mozilla/5.0 (X11; Linux x86_64) rv:120\""
    )
    line = (line + " " * 200)[:200]
    assert r.redact(line) is line, "the 200-byte line must have nothing to redact"
    n = 200_000
    print()
    print("per call, 200-byte line, nothing to redact (best of 5):")
    print(f"  len(line)              {per_call_ns(lambda: len(line), n):8.0f} ns")
    print(f"  r.style (native no-op) {per_call_ns(lambda: r.style, n):8.0f} ns")
    print(f"  r.redact(line)         {per_call_ns(lambda: r.redact(line), n // 4):8.0f} ns")
    print(f"  r.is_match(line)       {per_call_ns(lambda: r.is_match(line), n // 4):8.0f} ns")
    print(f"  r.find(line)           {per_call_ns(lambda: r.find(line), n // 4):8.0f} ns")

    lines = corpus(args.mb)
    nbytes = sum(len(s) + 1 for s in lines)
    whole = "\n".join(lines) + "\n"
    data = whole.encode()
    changed = sum(1 for a, b in zip(lines, r.redact_batch(lines)) if a is not b)
    print()
    print(f"corpus: {len(lines)} lines, {nbytes / 1e6:.1f} MB, {changed} lines with something to redact")
    print(f"  redact_batch threads=1 {mb_s(nbytes, lambda: r.redact_batch(lines, threads=1)):8.1f} MB/s")
    print(f"  redact_batch threads=2 {mb_s(nbytes, lambda: r.redact_batch(lines, threads=2)):8.1f} MB/s")
    print(f"  redact per line        {mb_s(nbytes, lambda: [r.redact(s) for s in lines]):8.1f} MB/s")
    print(f"  redact whole corpus    {mb_s(nbytes, lambda: r.redact(whole)):8.1f} MB/s")
    print(f"  redact_bytes whole     {mb_s(nbytes, lambda: r.redact_bytes(data)):8.1f} MB/s")
    print(f"  redact_stream (bytes)  {mb_s(nbytes, lambda: r.redact_stream(io.BytesIO(data), io.BytesIO())):8.1f} MB/s")
    print(f"  redact_stream (text)   {mb_s(nbytes, lambda: r.redact_stream(io.StringIO(whole), io.StringIO())):8.1f} MB/s")


if __name__ == "__main__":
    main()
