#!/usr/bin/env python3
"""Writes about 25 MB of text with about 1.9 million findings (an email address and an IPv4
address on each 26-byte line), for measuring report memory:

    python3 bindings/cli/tests/dense_findings.py /tmp/dense2.txt
    /usr/bin/time -f %M target/release/redactum --report sarif --report-file r.sarif /tmp/dense2.txt > /dev/null
"""
import sys

size = int(sys.argv[2]) if len(sys.argv) > 2 else 25_000_000
with open(sys.argv[1], "w") as out:
    i = n = 0
    while n < size:
        line = f"u{i}@ex.io 10.{i % 250}.{(i // 250) % 250}.9\n"
        out.write(line)
        n += len(line)
        i += 1
