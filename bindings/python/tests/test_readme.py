"""The README's example runs and does what it says."""

from __future__ import annotations

import contextlib
import io
import logging
import pathlib
import re
import subprocess
import sys

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


def test_readme_example() -> None:
    code = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert code is not None
    out = io.StringIO()
    log = logging.getLogger("redactum-test.readme")
    log.propagate = False
    logged = io.StringIO()
    handler = logging.StreamHandler(logged)
    log.addHandler(handler)
    before = logging.Logger.handle
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code.group(1), str(README), "exec"), {})
        log.warning("to %s", "ann@example.com")
    finally:
        logging.Logger.handle = before  # type: ignore[method-assign]
        log.removeHandler(handler)
    lines = out.getvalue().splitlines()
    assert lines[0] == "key=[REDACTED:aws-access-key-id] user=[REDACTED:email]"
    assert lines[1] == "[('email', 5, 20)]"
    assert logged.getvalue() == "to [REDACTED:email]\n"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_blocks_run_in_a_fresh_interpreter() -> None:
    # Issue 18: the logging snippet and the Vault example, each in a new process, as a user
    # pasting them would run them.
    first, vault = _blocks()[:2]
    snippet = first + '\nimport logging\nlogging.basicConfig(format="%(message)s %(token)s")\n' \
        'logging.getLogger("app").warning("login %s", "ann@example.com", extra={"token": "AKIAZ3MHKEY7PQ4XW2LN"})\n'
    p = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stderr == "login [REDACTED:email] [REDACTED:aws-access-key-id]\n", p.stderr
    p = subprocess.run([sys.executable, "-c", vault], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines() == [
        "mail <EMAIL_1> or <EMAIL_2>",
        "I wrote to bob@example.org, then ann@example.com.",
        "ann@example.com",
    ]
