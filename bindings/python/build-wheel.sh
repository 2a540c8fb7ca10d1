#!/usr/bin/env bash
# Builds the release wheel of the Python binding (abi3, CPython 3.9+) for Linux with a manylinux
# tag, so that it installs on Spark executors and other machines without a Rust toolchain, and
# checks it: the tag is manylinux, the module has no debug info, and the wheel installs into a
# fresh virtualenv and redacts there.
#   bindings/python/build-wheel.sh [OUT_DIR]        (default: bindings/python/dist)
# Environment: PYTHON (default python3), CARGO_TARGET_DIR (default: the workspace's target/),
# The manylinux tag follows the glibc symbol versions the module uses (maturin checks them
# as auditwheel does): built on Debian 12 it is manylinux_2_34 (glibc 2.34 and later: Debian 12,
# Ubuntu 22.04, RHEL 9). An older glibc needs a build on an older system (or maturin --zig).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$(mkdir -p "${1:-$here/dist}" && cd "${1:-$here/dist}" && pwd)"
python="${PYTHON:-python3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

tools="$(mktemp -d)"
check="$(mktemp -d)"
trap 'rm -rf "$tools" "$check"' EXIT

"$python" -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.9,<2"
args=(build --release --out "$out" --manifest-path "$here/Cargo.toml")
rm -f "$out"/redactum-*.whl
# The release profile (Cargo.toml at the root) strips debug info; no test hooks in a package.
(cd "$here" && PATH="$tools/venv/bin:$PATH" "$tools/venv/bin/maturin" "${args[@]}")

wheel="$(ls "$out"/redactum-*.whl)"
name="$(basename "$wheel")"
echo "built $name"
case "$name" in
    *-cp39-abi3-manylinux*) ;;
    *) echo "build-wheel.sh: $name is not an abi3 manylinux wheel" >&2; exit 1 ;;
esac

# No debug info in the extension module: no .debug_* section in its ELF section table.
"$tools/venv/bin/python" - "$wheel" <<'PY'
import struct, sys, zipfile

def sections(elf: bytes) -> list[str]:
    assert elf[:4] == b"\x7fELF" and elf[4] == 2 and elf[5] == 1, "not a 64-bit little-endian ELF"
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    def header(i: int) -> tuple[int, int, int]:
        name, = struct.unpack_from("<I", elf, shoff + i * shentsize)
        offset, size = struct.unpack_from("<QQ", elf, shoff + i * shentsize + 0x18)
        return name, offset, size
    _, stroff, strsize = header(shstrndx)
    names = elf[stroff:stroff + strsize]
    return [names[n:names.index(b"\0", n)].decode() for n, _, _ in (header(i) for i in range(shnum))]

with zipfile.ZipFile(sys.argv[1]) as z:
    libs = [n for n in z.namelist() if n.endswith(".so")]
    assert libs, "no extension module in the wheel"
    for n in libs:
        data = z.read(n)
        names = sections(data)
        assert ".text" in names, names
        debug = [s for s in names if s.startswith((".debug", ".zdebug"))]
        assert not debug, f"{n} carries debug info: {debug}"
        print(f"{n}: {len(data) / 1e6:.1f} MB, {len(names)} sections, none .debug_*")
PY

# Installs into a fresh venv (no Rust involved) and works there.
"$python" -m venv "$check/venv"
"$check/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "$wheel"
(cd "$check" && "$check/venv/bin/python" -c '
import redactum
out = redactum.Redactor().redact("key AKIAZ3MHKEY7PQ4XW2LN mail ann@example.com")
assert out == "key [REDACTED:aws-access-key-id] mail [REDACTED:email]", out
print("installed in a fresh venv:", redactum.__file__)
')
echo "$wheel"
