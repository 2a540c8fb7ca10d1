#!/usr/bin/env bash
# Runs every test of the project: Rust (format, lints, unit, integration, property and doc
# tests), the Python binding (pytest) and the Node binding (node --test), then a short fuzz
# smoke run. Works on a fresh machine with Rust, Python 3 + pip, Node + npm and gcc: each
# binding's script installs what it needs (virtualenv, maturin, pytest; npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets --all-features -- -D warnings
# Packages build without the test-hooks feature: that configuration must compile too.
cargo clippy --workspace --all-targets -- -D warnings

step "cargo test (core, CLI)"
cargo test -p redactum -p redactum-cli

if [ -f bindings/cli/tests/sarif/validate.sh ]; then
  step "SARIF output against the SARIF 2.1.0 schema"
  bash bindings/cli/tests/sarif/validate.sh
fi

step "benchmark scripts (README table writer)"
python3 -m unittest discover -s benches/compare -p 'test_*.py'

if [ -f bindings/python/test.sh ]; then
  step "Python binding"
  bash bindings/python/test.sh
fi

if [ -f bindings/node/test.sh ]; then
  step "Node binding"
  bash bindings/node/test.sh
fi

if [ -f fuzz/smoke.sh ] && [ "${REDACTUM_SKIP_FUZZ:-0}" != 1 ]; then
  step "fuzz smoke"
  bash fuzz/smoke.sh
fi

step "all tests passed"
