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
    before = logging.getLogRecordFactory()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code.group(1), str(README), "exec"), {})
        record = logging.getLogRecordFactory()("x", logging.INFO, "f", 1, "to %s", ("ann@example.com",), None)
    finally:
        logging.setLogRecordFactory(before)
    lines = out.getvalue().splitlines()
    assert lines[0] == "key=[REDACTED:aws-access-key-id] user=[REDACTED:email]"
    assert lines[1] == "[('email', 5, 20)]"
    assert record.getMessage() == "to [REDACTED:email]"
