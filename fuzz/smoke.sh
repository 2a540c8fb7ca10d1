#!/usr/bin/env bash
# Builds every fuzz target and runs each for a fixed number of inputs (FUZZ_RUNS, default 4000;
# at most FUZZ_SECONDS, default 120). Works with the stable toolchain alone: installs cargo-fuzz if missing and sets
# RUSTC_BOOTSTRAP=1 for the nightly-only flags it passes. Called by scripts/test-all.sh.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
seconds=${FUZZ_SECONDS:-120}
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
nice -n 19 cargo fuzz build --sanitizer none --debug-assertions
for t in $(cargo fuzz list); do
  echo "== fuzz $t for ${seconds}s"
  # A fixed seed and a fixed number of runs: the smoke run explores the same inputs on every
  # machine, so CI does not fail by chance on something a long run should find instead.
  ./run.sh "$t" "$seconds" -seed=1 -runs="${FUZZ_RUNS:-4000}" > /dev/null 2>&1 || {
    echo "fuzz target $t failed; see the newest fuzz/logs/$t-*.log and fuzz/artifacts/$t/" >&2
    exit 1
  }
  log=$(ls -t logs/"$t"-*.log | head -n 1)
  grep -E '^#[0-9]+.*DONE' "$log" | tail -n 1 || true
done
echo "fuzz smoke passed"
