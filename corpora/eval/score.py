#!/usr/bin/env python3
"""Scores redactum on the evaluation corpus (corpus.txt + truth.jsonl, see generate.py).

    python3 corpora/eval/score.py [--bin PATH] [--check] [--thresholds FILE] [--json]

Runs `redactum --format auto --report json` on corpus.txt and compares the reported findings
(byte spans, rule ids; never values) with the ground truth:

- recall of a type: share of its planted values whose every byte is inside findings (a value
  spread over several lines, a private key body, counts once, found if all its lines are);
- label accuracy: share of the found values covered by a finding whose rule id is one that
  LABELS (below) accepts for the type, so a password reported as an e-mail is found but not
  labelled right;
- non-sensitive changed: share of the planted look-alikes (UUIDs, hashes, versions, order
  ids, timestamps, placeholders, class names, ordinary words) touched by any finding.

Targets of issue 15 are printed next to the figures. With --check the exit status is 1 when a
figure is below the thresholds file (default thresholds.json next to this script): these are
the figures achieved when it was last updated, so CI catches regressions.
"""

import argparse
import bisect
import fnmatch
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Rule ids (shell patterns) accepted as the label of each ground-truth type. `sensitive-key`
# is the label of the value of a sensitive key in a structured line; passwords and generic
# secrets are found by context rules of many names, so any secret rule counts for them. The
# PII key types accept the key-derived labels of the same type.
SECRET_CONTEXT = ["sensitive-key", "generic-*", "*-password*", "password-*", "k8s-env-secret",
                  "xml-appsetting-secret", "xml-password", "sql-password-clause", "*-cli-*",
                  "docker-login-password", "sshpass-password", "curl-user-password", "redis-*",
                  "mysql-*", "authorization-*", "http-*"]
LABELS = {
    "aws-access-key-id": ["aws-access-key-id", "aws-temporary-access-key-id"],
    "aws-secret-access-key": ["aws-secret-access-key", "aws-*"] + SECRET_CONTEXT,
    "github-pat": ["github-pat-classic"],
    "slack-token": ["slack-bot-token", "slack-user-token"],
    "stripe-secret-key": ["stripe-secret-key"],
    "openai-key": ["openai-project-key"],
    "google-api-key": ["gcp-api-key"],
    "jwt": ["jwt"],
    "private-key": ["private-key-*"],
    "password": ["*"],
    "secret-value": ["*"],
    "uri-password": ["*-uri-password", "url-userinfo-password", "redis-connection-string-password",
                     "jdbc-url-password", "mssql-connection-password"],
    "email": ["email"],
    "phone": ["phone-*"],
    "ssn": ["us-ssn", "us-ssn-dashed"],
    "credit-card": ["credit-card"],
    "iban": ["iban"],
    "ipv4": ["ipv4"],
    "ipv6": ["ipv6"],
    "address": ["postal-address", "address"],
    "date-of-birth": ["date-of-birth"],
    "person-name": ["person-name*"],
}
# Which ground-truth types are secrets; the others are PII ("person-name" is reported apart).
SECRET_TYPES = {"aws-access-key-id", "aws-secret-access-key", "github-pat", "slack-token",
                "stripe-secret-key", "openai-key", "google-api-key", "jwt", "private-key",
                "password", "secret-value", "uri-password"}
TARGETS = {"secrets": 0.995, "pii": 0.995, "names": 0.90, "nonsensitive_changed_max": 0.002}


def load_truth(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def run(binary, corpus):
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        with open(corpus, "rb") as inp:
            proc = subprocess.run([binary, "--format", "auto", "--report", "json", "--report-file", report],
                                  stdin=inp, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode not in (0, 1):
            sys.exit("redactum failed (%d): %s" % (proc.returncode, proc.stderr.decode(errors="replace")))
        with open(report, encoding="utf-8") as f:
            return json.load(f)["findings"], proc.stdout


def label_ok(gt_type, rule_id, category):
    pats = LABELS.get(gt_type, [])
    if pats == ["*"]:
        return category == "secret"
    return any(fnmatch.fnmatchcase(rule_id, p) for p in pats)


def score(truth, findings, size):
    covered = bytearray(size)
    by_start = sorted(findings, key=lambda f: f["start"])
    starts = [f["start"] for f in by_start]
    longest = max((f["end"] - f["start"] for f in by_start), default=0)
    for f in by_start:
        covered[f["start"]:min(f["end"], size)] = b"\x01" * (min(f["end"], size) - f["start"])

    def overlapping(rec):
        lo = bisect.bisect_left(starts, rec["start"] - longest)
        hi = bisect.bisect_left(starts, rec["end"])
        return [f for f in by_start[lo:hi] if f["end"] > rec["start"]]

    groups = {}
    items = []
    for rec in truth:
        if "group" in rec:
            groups.setdefault(rec["group"], []).append(rec)
        else:
            items.append([rec])
    items += list(groups.values())
    stats = {}
    misses = []
    for parts in items:
        t = parts[0]["type"]
        st = stats.setdefault(t, {"type": t, "sensitive": parts[0]["sensitive"], "planted": 0, "found": 0,
                                  "labelled": 0, "touched": 0})
        st["planted"] += 1
        if parts[0]["sensitive"]:
            full = all(all(covered[rec["start"]:rec["end"]]) for rec in parts)
            if full:
                st["found"] += 1
                if all(any(label_ok(t, f["rule_id"], f["category"]) for f in overlapping(rec)) for rec in parts):
                    st["labelled"] += 1
                else:
                    misses.append(("label", parts[0], sorted({f["rule_id"] for f in overlapping(parts[0])})))
            else:
                misses.append(("miss", parts[0], sorted({f["rule_id"] for f in overlapping(parts[0])})))
        elif any(any(covered[rec["start"]:rec["end"]]) for rec in parts):
            st["touched"] += 1
            misses.append(("changed", parts[0], sorted({f["rule_id"] for f in overlapping(parts[0])})))
    return stats, misses


def summary(stats):
    def agg(pred):
        rows = [s for s in stats.values() if s["sensitive"] and pred(s["type"])]
        planted = sum(s["planted"] for s in rows)
        found = sum(s["found"] for s in rows)
        labelled = sum(s["labelled"] for s in rows)
        return {"planted": planted, "recall": found / planted if planted else 1.0,
                "label_accuracy": labelled / found if found else 1.0}
    ns = [s for s in stats.values() if not s["sensitive"]]
    ns_planted = sum(s["planted"] for s in ns)
    return {
        "secrets": agg(lambda t: t in SECRET_TYPES),
        "pii": agg(lambda t: t not in SECRET_TYPES and t != "person-name"),
        "names": agg(lambda t: t == "person-name"),
        "nonsensitive": {"planted": ns_planted,
                         "changed": sum(s["touched"] for s in ns) / ns_planted if ns_planted else 0.0},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("REDACTUM_BIN", "redactum"))
    ap.add_argument("--corpus", default=HERE, help="directory with corpus.txt and truth.jsonl")
    ap.add_argument("--check", action="store_true", help="exit 1 below the thresholds")
    ap.add_argument("--thresholds", default=os.path.join(HERE, "thresholds.json"))
    ap.add_argument("--misses", type=int, default=0, help="print up to N misses (type, line, rules seen)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    corpus = os.path.join(args.corpus, "corpus.txt")
    truth = load_truth(os.path.join(args.corpus, "truth.jsonl"))
    findings, _ = run(args.bin, corpus)
    stats, misses = score(truth, findings, os.path.getsize(corpus))
    summ = summary(stats)
    if args.json:
        print(json.dumps({"types": stats, "summary": summ}, indent=1, sort_keys=True))
    else:
        print("%-22s %8s %8s %8s %9s" % ("type", "planted", "found", "recall", "label-ok"))
        for s in sorted(stats.values(), key=lambda s: (not s["sensitive"], s["type"] not in SECRET_TYPES, s["type"])):
            if s["sensitive"]:
                print("%-22s %8d %8d %7.1f%% %8.1f%%" % (
                    s["type"], s["planted"], s["found"], 100.0 * s["found"] / s["planted"],
                    100.0 * s["labelled"] / s["found"] if s["found"] else 100.0))
        print()
        print("%-22s %8s %8s %8s" % ("non-sensitive", "planted", "changed", "share"))
        for s in sorted(stats.values(), key=lambda s: s["type"]):
            if not s["sensitive"]:
                print("%-22s %8d %8d %7.2f%%" % (s["type"], s["planted"], s["touched"],
                                                100.0 * s["touched"] / s["planted"]))
        print()
        for k, target in (("secrets", TARGETS["secrets"]), ("pii", TARGETS["pii"]), ("names", TARGETS["names"])):
            a = summ[k]
            print("%-8s recall %6.2f%% (target >= %.1f%%), label accuracy %6.2f%%, %d planted" % (
                k, 100 * a["recall"], 100 * target, 100 * a["label_accuracy"], a["planted"]))
        print("non-sensitive changed %.2f%% (target <= %.1f%%), %d planted" % (
            100 * summ["nonsensitive"]["changed"], 100 * TARGETS["nonsensitive_changed_max"],
            summ["nonsensitive"]["planted"]))
    for kind, rec, rules in misses[:args.misses]:
        print("%-7s %-20s line %5d %-12s rules %s" % (kind, rec["type"], rec["line"], rec["shape"], ",".join(rules)))

    if args.check:
        with open(args.thresholds, encoding="utf-8") as f:
            th = json.load(f)
        failed = []
        for k in ("secrets", "pii", "names"):
            for m in ("recall", "label_accuracy"):
                want = th.get(k, {}).get(m)
                if want is not None and summ[k][m] + 1e-9 < want:
                    failed.append("%s %s %.4f < %.4f" % (k, m, summ[k][m], want))
        most = th.get("nonsensitive_changed_max")
        if most is not None and summ["nonsensitive"]["changed"] > most + 1e-9:
            failed.append("non-sensitive changed %.4f > %.4f" % (summ["nonsensitive"]["changed"], most))
        for msg in failed:
            print("below threshold: " + msg, file=sys.stderr)
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
