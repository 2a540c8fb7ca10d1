from __future__ import annotations

import io
import logging
from typing import Iterator

import pytest

import redactum
from conftest import EMAIL, RULES, TOKEN, TOKEN2


@pytest.fixture
def logger(request: pytest.FixtureRequest) -> Iterator[tuple[logging.Logger, io.StringIO, logging.Handler]]:
    log = logging.getLogger(f"redactum-test.{request.node.name}")
    log.setLevel(logging.DEBUG)
    log.propagate = False
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    log.addHandler(handler)
    yield log, out, handler
    log.removeHandler(handler)
    for f in list(log.filters):
        log.removeFilter(f)


def test_message_and_args_are_redacted(logger: tuple[logging.Logger, io.StringIO, logging.Handler]) -> None:
    log, out, _ = logger
    log.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES)))
    log.info("login user=%s token=%s n=%d", EMAIL, TOKEN, 3)
    log.warning(f"inline {TOKEN2}")
    log.info("mapping %(tok)s", {"tok": TOKEN})
    log.info({"not": "a string", "token": TOKEN})
    text = out.getvalue()
    assert TOKEN not in text and TOKEN2 not in text and EMAIL not in text
    assert "INFO login user=[REDACTED:test-email] token=[REDACTED:test-token] n=3" in text
    assert "WARNING inline [REDACTED:test-token]" in text
    assert "mapping [REDACTED:test-token]" in text


def test_exceptions_are_redacted(logger: tuple[logging.Logger, io.StringIO, logging.Handler]) -> None:
    log, out, _ = logger
    log.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES)))
    try:
        raise RuntimeError(f"cannot connect with {TOKEN}")
    except RuntimeError:
        log.exception("failed for %s", EMAIL)
    log.info("where %s", TOKEN2, stack_info=True)
    text = out.getvalue()
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: cannot connect with [REDACTED:test-token]" in text
    assert "ERROR failed for [REDACTED:test-email]" in text
    assert "Stack (most recent call last)" in text
    assert TOKEN not in text and EMAIL not in text and TOKEN2 not in text


def test_as_a_handler_filter_for_every_logger(logger: tuple[logging.Logger, io.StringIO, logging.Handler]) -> None:
    log, out, handler = logger
    handler.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES, style="mask")))
    child = log.getChild("child")
    child.error("child says %s", TOKEN)
    assert out.getvalue() == "ERROR child says " + "*" * len(TOKEN) + "\n"


def test_exc_info_is_dropped_unless_kept() -> None:
    f = redactum.RedactingFilter(redactum.Redactor(rules=RULES))
    try:
        raise ValueError(TOKEN)
    except ValueError:
        import sys

        exc = sys.exc_info()
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom %s", (TOKEN,), exc)
    assert f.filter(record) is True
    assert record.exc_info is None and record.args is None
    assert record.getMessage() == "boom [REDACTED:test-token]"
    assert record.exc_text is not None and "ValueError: [REDACTED:test-token]" in record.exc_text
    keep = redactum.RedactingFilter(redactum.Redactor(rules=RULES), keep_exc_info=True)
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, exc)
    keep.filter(record)
    assert record.exc_info is exc


def test_filter_never_raises_and_never_leaks() -> None:
    f = redactum.RedactingFilter(redactum.Redactor(rules=RULES))
    # Arguments that do not fit the format: logging would print them raw in its error report.
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "two %s %s", (TOKEN,), None)
    assert f.filter(record)
    assert TOKEN not in record.getMessage() and "[REDACTED:test-token]" in record.getMessage()
    # Lone surrogates (undecodable file names) go through with the secret removed.
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "file \udcff %s", (TOKEN,), None)
    assert f.filter(record)
    assert record.getMessage() == "file \udcff [REDACTED:test-token]"

    class Broken:
        def redact(self, text: str) -> str:
            raise RuntimeError("broken")

    bad = redactum.RedactingFilter(Broken())  # type: ignore[arg-type]
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "secret %s", (TOKEN,), None)
    assert bad.filter(record)
    assert TOKEN not in record.getMessage() and "could not redact" in record.getMessage()


def test_record_is_redacted_once(logger: tuple[logging.Logger, io.StringIO, logging.Handler]) -> None:
    log, out, handler = logger
    calls = []

    class Counting:
        def __init__(self) -> None:
            self.r = redactum.Redactor(rules=RULES)

        def redact(self, text: str) -> str:
            calls.append(text)
            return self.r.redact(text)

    f = redactum.RedactingFilter(Counting())  # type: ignore[arg-type]
    log.addFilter(f)
    handler.addFilter(f)
    log.info("t=%s", TOKEN)
    assert calls == [f"t={TOKEN}"]
    assert out.getvalue() == "INFO t=[REDACTED:test-token]\n"


def test_default_redactor_is_shared() -> None:
    try:
        a, b = redactum.RedactingFilter(), redactum.RedactingFilter()
    except redactum.RuleError as e:  # the built-in catalog must build
        pytest.fail(f"built-in catalog does not build: {e}")
    assert a.redactor is b.redactor


def test_redact_all_logs(logger: tuple[logging.Logger, io.StringIO, logging.Handler]) -> None:
    log, out, _ = logger
    before = logging.getLogRecordFactory()
    try:
        f = redactum.redact_all_logs(redactum.Redactor(rules=RULES))
        assert isinstance(f, redactum.RedactingFilter)
        log.getChild("deep").getChild("er").warning("key %s", TOKEN)
        try:
            raise KeyError(EMAIL)
        except KeyError:
            log.exception("lookup failed")
    finally:
        logging.setLogRecordFactory(before)
    text = out.getvalue()
    assert "WARNING key [REDACTED:test-token]" in text
    assert "KeyError: '[REDACTED:test-email]'" in text
    assert TOKEN not in text and EMAIL not in text


def test_different_redactors_each_apply(logger: tuple[logging.Logger, io.StringIO, logging.Handler]) -> None:
    log, out, handler = logger
    log.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES, categories=["secret"])))
    handler.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES, categories=["pii"])))
    log.info("%s %s", TOKEN, EMAIL)
    assert out.getvalue() == "INFO [REDACTED:test-token] [REDACTED:test-email]\n"
