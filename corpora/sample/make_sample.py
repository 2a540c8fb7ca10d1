#!/usr/bin/env python3
"""Builds app.log, the bundled sample for the README's first command: ordinary log lines
(corpora/bench/samples/ordinary.txt) with secrets and personal data from the planted corpora
mixed in. Deterministic."""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def planted(sub, rules):
    lines = open(os.path.join(ROOT, sub, "planted.txt"), encoding="utf-8").read().split("\n")
    out = {}
    for m in open(os.path.join(ROOT, sub, "planted.manifest.jsonl"), encoding="utf-8"):
        rec = json.loads(m)
        rid = rec.get("rule") or rec.get("rule_id")
        if rid in rules and rid not in out:
            i = rec["line"] - 1
            block = [lines[i]]
            if "-----BEGIN" in lines[i]:
                while "-----END" not in block[-1] and i + 1 < len(lines):
                    i += 1
                    block.append(lines[i])
            out[rid] = "\n".join(block)
    return [out[r] for r in rules if r in out]


def main():
    r = random.Random(2026)
    base = open(os.path.join(ROOT, "bench", "samples", "ordinary.txt"), encoding="utf-8").read().split("\n")[:60]
    special = planted("secrets", ["aws-access-key-id", "github-pat-classic", "slack-bot-token", "stripe-secret-key",
                                  "jwt", "postgres-uri-password", "openai-api-key", "generic-password", "private-key-openssh"])
    special += planted("pii", ["email", "credit-card", "iban", "us-ssn", "phone-e164", "uk-nino"])
    special.append("2026-11-21 10:02:11 INFO onboarding: employee record saved, SSN 536-22-8147, dob 1984-03-09")
    lines = list(base)
    for s in special:
        lines.insert(r.randrange(len(lines)), s)
    with open(os.path.join(HERE, "app.log"), "w", encoding="utf-8") as f:
        f.write("\n".join(l for l in lines if l) + "\n")


if __name__ == "__main__":
    main()
