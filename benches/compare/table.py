#!/usr/bin/env python3
"""Format the comparison rows (TSV: tool, corpus, MB/s, peak RSS MB, caught, note) as a
Markdown table. Usage: table.py ROWS.tsv"""
import sys

print("| tool | corpus | MB/s | peak RSS (MB) | planted caught | note |")
print("| --- | --- | ---: | ---: | ---: | --- |")
for raw in open(sys.argv[1], encoding="utf-8"):
    cells = raw.rstrip("\n").split("\t")
    cells += [""] * (6 - len(cells))
    print("| " + " | ".join(c.replace("|", "\\|") or "" for c in cells[:6]) + " |")
