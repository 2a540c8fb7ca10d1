"""The README's example runs and does what it says."""

from __future__ import annotations

import contextlib
import io
import logging
import pathlib
import re

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
