#!/usr/bin/env bash
# Builds the Node binding and runs its tests: npm ci, napi build (debug unless
# REDACTUM_NODE_RELEASE=1), tsc on the TypeScript usage test, node --test.
# Needs Rust, Node >= 20 with npm, and a C toolchain; reaches only the npm registry and crates.io.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

echo "== redactum node binding: npm ci"
# The package's install hook would build a release addon when none loads yet: this script
# builds its own (debug) one below.
REDACTUM_SKIP_INSTALL_BUILD=1 npm ci --no-audit --no-fund --loglevel=error

profile=()
if [[ "${REDACTUM_NODE_RELEASE:-0}" == 1 ]]; then profile=(--release); fi
echo "== napi build ${profile[*]:-(debug)}"
# The test-hooks feature compiles in the test-panic validator; packages never have it.
npx --no-install napi build --platform "${profile[@]}" --features test-hooks --js binding.js --dts binding.d.ts

echo "== tsc (declarations against test/types.ts)"
npx --no-install tsc -p test/tsconfig.json

echo "== node --test"
# The panic test panics on purpose: keep its report to one line.
RUST_BACKTRACE=0 node --test test/*.test.js test/*.test.mjs
