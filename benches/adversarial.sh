#!/usr/bin/env bash
# Adversarial throughput: shows that redaction time is linear in the input size.
#  1. benches/examples/adversarial.rs times user rules shaped for catastrophic backtracking
#     ((a+)+b, (a|aa)*c, (x+x+)+y, keyworded (a|a?)+z, a[^ ]*b|a) and the built-in catalog on long runs
#     of overlapping candidates, on inputs of 1, 2, 4 and 8 MiB: a flat MB/s column is linear.
#  2. A single line of ~1 GB of base64 (no newline) through the CLI: time, MB/s and peak
#     memory, which must stay bounded (about 1.5 MiB of buffers) whatever the line length.
# Usage: benches/adversarial.sh            (release build; ADV_SIZES="1 2 4 8", LINE_MB=1024)
#        PROFILE=dev ADV_SIZES="0.25 0.5" LINE_MB=16 benches/adversarial.sh   (quick check)
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${PROFILE:-release}
sizes=${ADV_SIZES:-1 2 4 8}
line_mb=${LINE_MB:-1024}
flag=(--profile "$profile")
dir=target/$([ "$profile" = dev ] && echo debug || echo "$profile")

echo "== linear time on adversarial inputs ($profile build)"
# shellcheck disable=SC2086
cargo run -q "${flag[@]}" -p redactum-benches --example adversarial -- $sizes

echo
echo "== one line of ${line_mb} MB of base64 through the CLI"
cargo build -q "${flag[@]}" -p redactum-cli
bytes=$((line_mb * 1000 * 1000))
start=$(date +%s.%N)
# base64 of random bytes, newlines removed: one line, with no secret to find.
if command -v /usr/bin/time > /dev/null; then
  head -c $((bytes * 3 / 4)) /dev/urandom | base64 -w 0 |
    /usr/bin/time -f "peak RSS %M KiB" "$dir/redactum" --stats > /dev/null
else
  head -c $((bytes * 3 / 4)) /dev/urandom | base64 -w 0 | "$dir/redactum" --stats > /dev/null
fi
end=$(date +%s.%N)
awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN { printf "%d MB in %.1f s (including the generator): %.1f MB/s\n", b / 1e6, e - s, b / 1e6 / (e - s) }'
