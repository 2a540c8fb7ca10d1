"""The type stubs (_redactum.pyi) describe the compiled module: mypy's stubtest compares
every name, signature and default with the module itself; mypy --strict checks the package."""

from __future__ import annotations

import inspect
import pathlib
import subprocess
import sys

import pytest

import redactum
from redactum import _redactum

PACKAGE = pathlib.Path(redactum.__file__).parent


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy", reason="mypy is not installed (test.sh installs it)")
    return subprocess.run(
        [sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        timeout=600,
    )


def test_stubtest() -> None:
    p = _mypy("mypy.stubtest", "redactum._redactum")
    assert p.returncode == 0, p.stdout + p.stderr


def test_package_type_checks_strictly() -> None:
    p = _mypy("mypy", "--strict", "--no-incremental", "-p", "redactum")
    assert p.returncode == 0, p.stdout + p.stderr


def test_stub_names_match_the_module() -> None:
    # The same check without mypy: every public name and method is in the stub and back.
    stub = (PACKAGE / "_redactum.pyi").read_text(encoding="utf-8")
    for name, obj in vars(_redactum).items():
        if name.startswith("__") and name != "__version__":
            continue
        assert f"{name}" in stub, name
        if inspect.isclass(obj):
            for attr in vars(obj):
                if not attr.startswith("__") or attr in ("__reduce__", "__getnewargs_ex__", "__copy__", "__deepcopy__"):
                    assert f"def {attr}(" in stub, f"{name}.{attr}"
    sig = inspect.signature(_redactum.Redactor)
    assert list(sig.parameters) == [
        "rules", "extra_rules", "categories", "style", "key", "keep_start", "keep_end", "only_rules", "disable_rules",
        "format", "sensitive_keys", "personal_keys", "fail_closed", "style_for", "replace_with",
    ]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in sig.parameters.values())
