#!/usr/bin/env bash
# Builds the Python binding from source into bindings/python/.venv and runs its test suite.
# Needs only Rust, python3 (3.9+) with venv and pip, a C toolchain, and PyPI.
#   bindings/python/test.sh [pytest args...]
# Environment: PYTHON (interpreter for the venv, default python3), CARGO_TARGET_DIR (default:
# the workspace's target/), MATURIN_ARGS (e.g. "--release").
# The module is built with the test-hooks feature (the test-panic validator); a package never is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

# A venv left by another interpreter (or half made) is rebuilt.
if ! "$venv/bin/python" -c 'import sys; assert sys.version_info >= (3, 9)' 2>/dev/null; then
    rm -rf "$venv"
    # Debian's python3 lacks ensurepip unless python3-venv is installed: fall back to
    # virtualenv from PyPI.
    if ! "$python" -m venv "$venv" 2>/dev/null; then
        rm -rf "$venv"
        "$python" -m pip install --quiet --user --disable-pip-version-check virtualenv \
            || "$python" -m pip install --quiet --user --break-system-packages --disable-pip-version-check virtualenv
        "$python" -m virtualenv --quiet "$venv"
    fi
fi
vpy="$venv/bin/python"
"$vpy" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9,<2" "pytest>=7" "mypy>=1.8" "python-json-logger>=3.1"
# The columnar paths (redactum.arrow, .pandas, .polars) and DuckDB's Arrow UDFs, tested for real.
"$vpy" -m pip install --quiet --disable-pip-version-check \
    "pyarrow>=14" "pandas>=2" "polars>=1" "duckdb>=1.1" "pyspark>=3.5"
# redactum.spark is tested in PySpark local mode, which needs a Java runtime (17 and later):
# installed with the system package manager when missing (CI runs as root on Debian).
if ! command -v java >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        openjdk-17-jre-headless >/dev/null
fi
# Here the Spark tests must run: tests/test_spark.py fails instead of skipping.
export REDACTUM_REQUIRE_SPARK=1

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
# maturin installs into the environment named by VIRTUAL_ENV.
(
    cd "$here"
    VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" \
        "$venv/bin/maturin" develop --quiet --features test-hooks ${MATURIN_ARGS:-}
)

# With no arguments, the whole suite; otherwise what the arguments name (paths relative to
# bindings/python, e.g. tests/test_stream.py -k text).
cd "$here"
[ "$#" -gt 0 ] || set -- tests
set +e
"$vpy" -m pytest -q -p no:cacheprovider "$@"
rc=$?
set -e
# pytest: 0 all passed, 1 some failed, 2 interrupted, 3 internal error, 4 usage error,
# 5 no test collected. Collecting nothing here means the suite is broken: fail.
if [ "$rc" -eq 5 ]; then
    echo "bindings/python/test.sh: pytest collected no test" >&2
    exit 1
fi
exit "$rc"
