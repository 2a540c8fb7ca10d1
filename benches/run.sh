#!/usr/bin/env bash
# Every benchmark: the criterion suite (stages and end to end, on corpora/bench/samples), then
# the comparison with peer tools (benches/compare/run.sh, arguments passed on).
# Usage: bash benches/run.sh [--criterion-only | --compare-only] [compare options...]
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CRITERION=1 COMPARE=1
case "${1:-}" in
    --criterion-only) COMPARE=0; shift ;;
    --compare-only) CRITERION=0; shift ;;
esac
status=0
if [ "$CRITERION" = 1 ]; then
    echo "== criterion (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    (cd "$ROOT" && cargo bench -p redactum-benches --bench stages --bench end_to_end) || status=1
fi
if [ "$COMPARE" = 1 ]; then
    bash "$ROOT/benches/compare/run.sh" "$@" || status=1
fi
exit "$status"
