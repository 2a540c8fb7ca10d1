#!/usr/bin/env bash
# Every benchmark: the criterion suite (stages and end to end, on corpora/bench/samples), the
# steady-state figures (single thread and 2-thread scaling on 32 MB corpora), then the
# comparison with peer tools (benches/compare/run.sh, arguments passed on).
# Usage: bash benches/run.sh [--criterion-only | --steady-only | --compare-only] [compare options...]
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CRITERION=1 COMPARE=1 STEADY=1
case "${1:-}" in
    --criterion-only) COMPARE=0; STEADY=0; shift ;;
    --compare-only) CRITERION=0; STEADY=0; shift ;;
    --steady-only) CRITERION=0; COMPARE=0; shift ;;
esac
status=0
if [ "$CRITERION" = 1 ]; then
    echo "== criterion (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    (cd "$ROOT" && cargo bench -p redactum-benches --bench stages --bench end_to_end) || status=1
fi
if [ "$STEADY" = 1 ]; then
    # Steady state on the corpora of corpora/generated/ (made at 32 MB when missing; other
    # scripts may have made them at another size): single-thread MB/s (catalog prebuilt,
    # warm) and the speed-up of batch redaction on 2 threads.
    echo "== steady state (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    gen="$ROOT/corpora/generated"
    for c in ordinary dense adversarial jsonl; do
        [ -s "$gen/$c.txt" ] || python3 "$ROOT/corpora/bench/generate.py" --out "$gen" --size-mb 32 "$c" || status=1
    done
    (cd "$ROOT" && cargo build -q --release -p redactum-benches --bin throughput --bin scaling) || status=1
    "$ROOT/target/release/throughput" "$gen"/{ordinary,dense,adversarial,jsonl}.txt || status=1
    "$ROOT/target/release/scaling" "$gen/ordinary.txt" 2 || status=1
    "$ROOT/target/release/scaling" "$gen/dense.txt" 2 || status=1
fi
if [ "$COMPARE" = 1 ]; then
    bash "$ROOT/benches/compare/run.sh" "$@" || status=1
fi
exit "$status"
