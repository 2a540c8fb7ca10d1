#!/usr/bin/env python3
"""`--format auto` (the CLI default) against `--format text` on one file, in time.

Runs the two formats alternately, RUNS times each, and prints the median and the fastest of
each: wall time, and the CPU time (user + system) of the child, which moves less when the
machine is shared. Issue 14 asks for auto within 15% of text on ordinary logs.

    python3 benches/auto_vs_text.py [--bin target/release/redactum] [--runs 21] FILE

Build first: `cargo build --release -p redactum-cli`. Use an idle machine; the figure in
instructions (callgrind, docs/benchmarks.md) is the one that does not drift.
"""

import argparse
import resource
import statistics
import subprocess
import sys
import time


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--bin", default="target/release/redactum")
    ap.add_argument("--runs", type=int, default=21)
    args = ap.parse_args()
    cpu = {"auto": [], "text": []}
    wall = {"auto": [], "text": []}
    for _ in range(args.runs):
        for fmt in ("auto", "text"):
            c0, t0 = child_cpu(), time.perf_counter()
            with open(args.file, "rb") as inp:
                subprocess.run(
                    [args.bin, "--format", fmt],
                    stdin=inp,
                    stdout=subprocess.DEVNULL,
                    check=True,
                )
            wall[fmt].append((time.perf_counter() - t0) * 1000)
            cpu[fmt].append((child_cpu() - c0) * 1000)
    for name, d in (("cpu", cpu), ("wall", wall)):
        a, t = d["auto"], d["text"]
        ma, mt = statistics.median(a), statistics.median(t)
        print(
            f"{name}: auto median {ma:.0f} ms, fastest {min(a):.0f}; "
            f"text median {mt:.0f} ms, fastest {min(t):.0f}; "
            f"auto over text: median {100 * (ma / mt - 1):.1f}%, "
            f"fastest {100 * (min(a) / min(t) - 1):.1f}%"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
