from __future__ import annotations

import io
import json
import logging
import math
from typing import Any, Iterator

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


def test_redact_all_logs(
    logger: tuple[logging.Logger, io.StringIO, logging.Handler], monkeypatch: pytest.MonkeyPatch
) -> None:
    log, out, _ = logger
    monkeypatch.setattr(logging.Logger, "handle", logging.Logger.handle)  # undone after the test
    f = redactum.redact_all_logs(redactum.Redactor(rules=RULES))
    assert isinstance(f, redactum.RedactingFilter)
    log.getChild("deep").getChild("er").warning("key %s", TOKEN)
    try:
        raise KeyError(EMAIL)
    except KeyError:
        log.exception("lookup failed")
    text = out.getvalue()
    assert "WARNING key [REDACTED:test-token]" in text
    assert "KeyError: '[REDACTED:test-email]'" in text
    assert TOKEN not in text and EMAIL not in text


# Fields passed with extra= (and attributes other filters add) are printed by formatters
# (%(token)s) and written out by JSON formatters: they are redacted, by value and by key.

SENSITIVE = "[REDACTED:sensitive-key]"


class Opaque:
    """An object a formatter prints with str()."""

    def __str__(self) -> str:
        return f"Opaque({TOKEN2})"


def test_extra_fields_are_redacted_by_value_and_key(
    logger: tuple[logging.Logger, io.StringIO, logging.Handler],
) -> None:
    log, out, handler = logger
    handler.setFormatter(
        logging.Formatter("%(message)s token=%(token)s user=%(user)s pw=%(db_password)s n=%(n)d o=%(o)s c=%(ctx)s")
    )
    handler.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES)))
    log.info(
        "login",
        extra={
            "token": "AKIAZ3MHKEY7PQ4XW2LN",  # matches no test rule: replaced by its key
            "user": EMAIL,
            "db_password": "hunter2",
            "n": 7,
            "o": Opaque(),
            "ctx": {"apiKey": ["x", 1], "note": TOKEN, "fine": "ok"},
        },
    )
    text = out.getvalue()
    for secret in ["AKIAZ3MHKEY7PQ4XW2LN", EMAIL, "hunter2", TOKEN, TOKEN2, "'x'"]:
        assert secret not in text
    assert text == (
        f"login token={SENSITIVE} user=[REDACTED:test-email] pw={SENSITIVE} n=7 "
        f"o=Opaque([REDACTED:test-token]) "
        f"c={{'apiKey': '{SENSITIVE}', 'note': '[REDACTED:test-token]', 'fine': 'ok'}}\n"
    )


def test_extra_fields_keep_their_objects_when_clean() -> None:
    f = redactum.RedactingFilter(redactum.Redactor(rules=RULES))
    ctx = {"note": TOKEN, "n": 1}
    opaque = Opaque()
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    record.__dict__.update({"count": 3, "tags": ("a", "b"), "ctx": ctx, "clean": {"k": "v"}, "o": opaque})
    clean = record.__dict__["clean"]
    f.filter(record)
    assert record.__dict__["count"] == 3 and record.__dict__["tags"] == ("a", "b")
    assert record.__dict__["clean"] is clean
    # A changed field is a copy: the caller's object is untouched.
    assert record.__dict__["ctx"] == {"note": "[REDACTED:test-token]", "n": 1}
    assert ctx == {"note": TOKEN, "n": 1}
    assert record.__dict__["o"] == "Opaque([REDACTED:test-token])"


def test_attributes_set_by_other_filters_and_sensitive_keys_option(
    logger: tuple[logging.Logger, io.StringIO, logging.Handler],
) -> None:
    log, out, handler = logger

    def add_auth(record: logging.LogRecord) -> bool:
        record.auth = f"Bearer {TOKEN}"
        record.pin = "1234"
        return True

    log.addFilter(add_auth)
    handler.setFormatter(logging.Formatter("%(message)s auth=%(auth)s pin=%(pin)s"))
    handler.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES, sensitive_keys=["pin"])))
    log.warning("call")
    assert out.getvalue() == f"call auth=Bearer [REDACTED:test-token] pin={SENSITIVE}\n"


def test_mapping_args_and_dict_messages_are_redacted_by_key(
    logger: tuple[logging.Logger, io.StringIO, logging.Handler],
) -> None:
    log, out, handler = logger
    handler.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES)))
    log.info("login %(user)s %(password)s", {"user": "bob", "password": "hunter2"})
    log.info({"user": "bob", "secret": "hunter2", "mail": EMAIL})
    text = out.getvalue()
    assert "hunter2" not in text and EMAIL not in text
    assert f"INFO login bob {SENSITIVE}\n" in text
    assert f"INFO {{'user': 'bob', 'secret': '{SENSITIVE}', 'mail': '[REDACTED:test-email]'}}\n" in text


def test_fields_json_cannot_write_are_still_redacted_by_key() -> None:
    # A cycle, NaN and non-str keys: json.dumps fails on each; the keys must still count.
    f = redactum.RedactingFilter(redactum.Redactor(rules=RULES))
    cyclic: dict[str, Any] = {"password": "hunter2", "n": float("nan")}
    cyclic["self"] = cyclic
    keyed = {1: TOKEN, ("a", "b"): "x", "api_key": "k-1"}
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    record.__dict__.update({"ctx": cyclic, "keyed": keyed, "nan": float("nan"), "inf": [float("inf"), {"token": "t"}]})
    f.filter(record)
    assert record.__dict__["ctx"] == {"password": SENSITIVE, "n": "nan", "self": "[Circular]"}
    assert record.__dict__["keyed"] == {"1": "[REDACTED:test-token]", "('a', 'b')": "x", "api_key": SENSITIVE}
    assert record.__dict__["inf"] == ["inf", {"token": SENSITIVE}]
    assert math.isnan(record.__dict__["nan"])
    assert cyclic["password"] == "hunter2"


def test_huge_field_under_a_sensitive_key_is_still_replaced() -> None:
    # Longer than core's JSON line limit: core reads it as text, the key is checked apart.
    f = redactum.RedactingFilter(redactum.Redactor(rules=RULES))
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", None, None)
    record.__dict__.update({"password": "p" * (1 << 20), "blob": "b" * (1 << 20) + " " + TOKEN})
    f.filter(record)
    assert record.__dict__["password"] == SENSITIVE
    assert record.__dict__["blob"].endswith(" [REDACTED:test-token]")


def test_python_json_logger_writes_no_secret(
    logger: tuple[logging.Logger, io.StringIO, logging.Handler],
) -> None:
    from pythonjsonlogger.json import JsonFormatter

    log, out, handler = logger
    handler.setFormatter(JsonFormatter("%(levelname)s %(message)s"))
    handler.addFilter(redactum.RedactingFilter(redactum.Redactor(rules=RULES)))
    log.info("login %s", EMAIL, extra={"token": "AKIAZ3MHKEY7PQ4XW2LN", "request": {"headers": {"Authorization": "Basic abc"}, "id": 7}})
    log.info({"event": "signup", "password": "hunter2", "mail": EMAIL})
    text = out.getvalue()
    for secret in ["AKIAZ3MHKEY7PQ4XW2LN", EMAIL, "Basic abc", "hunter2"]:
        assert secret not in text
    first, second = (json.loads(line) for line in text.splitlines())
    assert first == {
        "levelname": "INFO",
        "message": "login [REDACTED:test-email]",
        "token": SENSITIVE,
        "request": {"headers": {"Authorization": SENSITIVE}, "id": 7},
    }
    assert second == {
        "levelname": "INFO",
        "message": "",
        "event": "signup",
        "password": SENSITIVE,
        "mail": "[REDACTED:test-email]",
    }


def test_redact_all_logs_redacts_extra_fields(
    logger: tuple[logging.Logger, io.StringIO, logging.Handler], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pythonjsonlogger.json import JsonFormatter

    log, out, handler = logger
    handler.setFormatter(JsonFormatter("%(message)s"))
    monkeypatch.setattr(logging.Logger, "handle", logging.Logger.handle)  # undone after the test
    redactum.redact_all_logs(redactum.Redactor(rules=RULES))
    log.getChild("child").error("login", extra={"api_key": "k-123", "user": EMAIL})
    assert json.loads(out.getvalue()) == {"message": "login", "api_key": SENSITIVE, "user": "[REDACTED:test-email]"}
