#!/usr/bin/env bash
# Long fuzz run of one target: fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
# Seeds the corpus (fuzz/seed.sh), runs at the lowest CPU priority, keeps the log under
# fuzz/logs/ and prints libFuzzer's final figures: executions, exec/s, coverage, crashes.
# Crash inputs land in fuzz/artifacts/TARGET/; minimise with
#   RUSTC_BOOTSTRAP=1 cargo fuzz tmin -s none -a TARGET fuzz/artifacts/TARGET/crash-...
# and keep the result under fuzz/regressions/TARGET/ (replayed by `cargo test`).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
shift 2
# cargo-fuzz passes nightly-only flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
./seed.sh "$target" > /dev/null
case $target in
  parse_rules) max_len=4096 ;;
  *) max_len=16384 ;;
esac
mkdir -p logs
log=logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log
start=$(date +%s)
set +e
# No sanitizer: the core's unsafe code is small (the keyword table's unchecked step, whose
# bounds the table's construction checks, and SIMD intrinsics, compared with scalar paths by
# tests and by the keyword_prefilter and simd_classes targets), and ASan costs half the speed;
# debug assertions (overflow checks, and the debug_assert on the table step) stay on.
nice -n 19 cargo fuzz run --sanitizer none --debug-assertions "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -print_final_stats=1 -max_len="$max_len" -timeout=60 \
  -rss_limit_mb=3072 "$@" 2>&1 | tee "$log" | grep -E --line-buffered '(NEW|REDUCE|pulse|DONE|INITED|ERROR|panicked|Test unit|artifact|SUMMARY)' | grep -v -E 'REDUCE|NEW' 
status=${PIPESTATUS[0]}
set -e
minutes=$(( ($(date +%s) - start + 30) / 60 ))
echo
echo "== $target: ran ${minutes} min, exit status $status, log $log"
grep -E '^#[0-9]+' "$log" | tail -n 1 || true
grep -E '^stat::' "$log" || true
crashes=$(ls "artifacts/$target" 2> /dev/null | grep -c -E '^(crash|oom|timeout|leak)-' || true)
echo "crash/oom/timeout artifacts in fuzz/artifacts/$target: $crashes"
exit "$status"
