#!/usr/bin/env python3
"""How many planted items a tool caught.

  score.py redacted MANIFEST OUTPUT        a redactor's output: a planted value counts as caught
                                           when it no longer appears anywhere in the output
  score.py lines MANIFEST FORMAT REPORT    a scanner's report: a planted value counts as caught
                                           when the tool reports a finding on its line (any of
                                           its lines, for values that span several)

MANIFEST is a planted.manifest.jsonl ({"line": N, "value"|"secret": "..."} per item).
FORMAT is kingfisher (jsonl), detect-secrets (json) or secretlint (json).
Prints "caught total".
"""
import json
import sys


def manifest(path):
    items = []
    for raw in open(path, encoding="utf-8"):
        raw = raw.strip()
        if raw:
            rec = json.loads(raw)
            items.append((rec["line"], rec.get("secret", rec.get("value"))))
    return items


def reported_lines(fmt, path):
    lines = set()
    if fmt == "kingfisher":
        for raw in open(path, encoding="utf-8"):
            raw = raw.strip()
            if raw.startswith("{"):
                rec = json.loads(raw)
                f = rec.get("finding")
                if isinstance(f, dict) and isinstance(f.get("line"), int):
                    lines.add(f["line"])
    elif fmt == "detect-secrets":
        for found in json.load(open(path, encoding="utf-8")).get("results", {}).values():
            lines.update(f["line_number"] for f in found)
    elif fmt == "secretlint":
        for res in json.load(open(path, encoding="utf-8")):
            for m in res.get("messages", []):
                loc = m.get("loc", {})
                lines.update(range(loc["start"]["line"], loc.get("end", loc["start"])["line"] + 1))
    else:
        raise SystemExit("unknown format " + fmt)
    return lines


def main():
    mode = sys.argv[1]
    items = manifest(sys.argv[2])
    if mode == "redacted":
        out = open(sys.argv[3], encoding="utf-8", errors="replace").read()
        caught = sum(1 for _, v in items if v not in out)
    elif mode == "lines":
        lines = reported_lines(sys.argv[3], sys.argv[4])
        caught = sum(1 for ln, v in items if any(ln + k in lines for k in range(v.count("\n") + 1)))
    else:
        raise SystemExit(__doc__)
    print(caught, len(items))


if __name__ == "__main__":
    main()
