#!/usr/bin/env python3
"""Wall and CPU time of several commands over one input, in turn each round; medians.

Usage: python3 benches/compare/alternate.py [--before SETUP] FILE ROUNDS NAME=COMMAND [NAME=COMMAND ...]

Each COMMAND runs through the shell once per round, the commands in the order given. A command
holding `{in}` gets FILE's path there and no stdin; any other reads FILE on stdin. Output goes
to /dev/null. Prints, per command, the median and fastest wall time and the median CPU time
(user + system of the child), then the first command's medians over each other's.
`--before SETUP` runs the shell command SETUP before each timed command, untimed: for a run that
writes a directory, `--before "rm -rf OUT1 OUT2"` clears the last round's output (removing 65
files took 9 ms here, which a timed `rm -rf OUT && redactum ...` adds to every run).

`benches/compare/run.sh` reports the best of a few runs; on a machine where one tool's runs fall
in two groups (Kingfisher's, on a 2-CPU VM), best and median ratios differ, and this script
gives the medians of many alternating rounds. Example (docs/benchmarks.md, nineteenth pass):

  python3 benches/compare/alternate.py corpora/generated/compare-64mb/ordinary.txt 15 \
    "kf=benches/compare/.peers/venv/bin/kingfisher scan {in} -j 1 --no-validate --no-update-check --format jsonl -o /dev/null" \
    "redactum=target/release/redactum"
"""
import resource
import statistics
import subprocess
import sys
import time


def main() -> int:
    args = sys.argv[1:]
    before = None
    if args[:1] == ["--before"]:
        if len(args) < 2:
            print(__doc__, file=sys.stderr)
            return 2
        before, args = args[1], args[2:]
    if len(args) < 3 or any("=" not in a for a in args[2:]):
        print(__doc__, file=sys.stderr)
        return 2
    path, rounds = args[0], int(args[1])
    tools = [a.split("=", 1) for a in args[2:]]
    wall = {name: [] for name, _ in tools}
    cpu = {name: [] for name, _ in tools}
    for _ in range(rounds):
        for name, cmd in tools:
            if before is not None and subprocess.run(before, shell=True).returncode != 0:
                print(f"--before {before!r} failed", file=sys.stderr)
                return 1
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            if "{in}" in cmd:
                rc = subprocess.run(cmd.replace("{in}", path), shell=True,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            else:
                with open(path, "rb") as f:
                    rc = subprocess.run(cmd, shell=True, stdin=f,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime)
            if rc not in (0, 200, 205):  # Kingfisher exits 200/205 when it finds something
                print(f"{name}: exit status {rc}", file=sys.stderr)
                return 1
    for name, _ in tools:
        print(f"{name:12s} wall median {statistics.median(wall[name]):.4f} s, fastest "
              f"{min(wall[name]):.4f} s; cpu median {statistics.median(cpu[name]):.4f} s")
    first = tools[0][0]
    for name, _ in tools[1:]:
        print(f"{first} / {name}: wall {statistics.median(wall[first]) / statistics.median(wall[name]):.3f}x, "
              f"cpu {statistics.median(cpu[first]) / statistics.median(cpu[name]):.3f}x (medians); "
              f"fastest {min(wall[first]) / min(wall[name]):.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
