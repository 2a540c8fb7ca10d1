"""format= and sensitive_keys=: structured log lines (JSON, logfmt), handled by core."""

from __future__ import annotations

import io
import logging

import pytest

import redactum
from conftest import EMAIL, RULES, TOKEN

LINE = '{"user":"bob","password":"hunter2"}'
REDACTED = '{"user":"bob","password":"[REDACTED:sensitive-key]"}'


@pytest.fixture(scope="module")
def builtin_json() -> redactum.Redactor:
    return redactum.Redactor(format="json")


def test_json_replaces_the_value_of_a_sensitive_key(builtin_json: redactum.Redactor) -> None:
    assert builtin_json.redact(LINE) == REDACTED


def test_auto_is_the_default_and_text_leaves_the_value(builtin_json: redactum.Redactor) -> None:
    # `hunter2` alone matches no rule of the built-in catalog: only the JSON key gives it away.
    # The default format is `auto`, as on the command line and in Node (issue 18).
    assert redactum.Redactor().redact(LINE) == builtin_json.redact(LINE) == REDACTED
    assert redactum.Redactor(format="text").redact(LINE) is LINE


@pytest.mark.parametrize(
    ("fmt", "json_out", "kv_out"),
    [
        ("text", LINE, "password=hunter2 user=bob"),
        ("json", REDACTED, "password=hunter2 user=bob"),
        ("logfmt", LINE, "password=[REDACTED:sensitive-key] user=bob"),
        ("auto", REDACTED, "password=[REDACTED:sensitive-key] user=bob"),
    ],
)
def test_each_format(fmt: str, json_out: str, kv_out: str) -> None:
    r = redactum.Redactor(rules=RULES, format=fmt)
    assert r.redact(LINE) == json_out
    assert r.redact("password=hunter2 user=bob") == kv_out


def test_rules_still_apply_in_structured_lines() -> None:
    r = redactum.Redactor(rules=RULES, format="json")
    line = f'{{"msg": "mail {EMAIL}", "auth": "{TOKEN}", "token": 123}}'
    assert r.redact(line) == (
        '{"msg": "mail [REDACTED:test-email]", "auth": "[REDACTED:test-token]", '
        '"token": "[REDACTED:sensitive-key]"}'
    )


def test_sensitive_keys_are_added_to_the_defaults() -> None:
    line = '{"session_hint":"abc","password":"x"}'
    plain = redactum.Redactor(rules=RULES, format="json")
    assert plain.redact(line) == '{"session_hint":"abc","password":"[REDACTED:sensitive-key]"}'
    r = redactum.Redactor(rules=RULES, format="json", sensitive_keys=["session_hint"])
    assert r.redact('{"session_hint":"abc"}') == '{"session_hint":"[REDACTED:sensitive-key]"}'
    assert r.redact(line) == '{"session_hint":"[REDACTED:sensitive-key]","password":"[REDACTED:sensitive-key]"}'
    # Core's matching ignores case and separators, and matches a key ending with the name.
    assert r.redact('{"X-Session-Hint": 7}') == '{"X-Session-Hint": "[REDACTED:sensitive-key]"}'
    # A str is one key, as for the other list options; a tuple or any iterable of str works.
    for keys in ("session_hint", ("session_hint",), iter(["session_hint"])):
        assert redactum.Redactor(rules=RULES, format="json", sensitive_keys=keys).redact(line) == r.redact(line)


def test_sensitive_keys_need_a_structured_format() -> None:
    r = redactum.Redactor(rules=RULES, sensitive_keys=["session_hint"], format="text")
    assert r.redact('{"session_hint":"abc"}') == '{"session_hint":"abc"}'


def test_the_style_applies_to_sensitive_values() -> None:
    r = redactum.Redactor(rules=RULES, format="json", style="mask")
    assert r.redact(LINE) == '{"user":"bob","password":"*******"}'


def test_every_redacting_call_follows_the_format() -> None:
    r = redactum.Redactor(rules=RULES, format="auto", sensitive_keys=["session_hint"])
    text = f'{LINE}\nplain {TOKEN}\nsession_hint=abc user=x\n{{"session_hint":"abc"}}\n'
    expected = (
        f"{REDACTED}\nplain [REDACTED:test-token]\nsession_hint=[REDACTED:sensitive-key] user=x\n"
        '{"session_hint":"[REDACTED:sensitive-key]"}\n'
    )
    assert r.redact(text) == expected
    assert r.redact_bytes(text.encode()) == expected.encode()
    assert r.redact_batch([text, LINE], threads=2) == [expected, REDACTED]
    dst = io.BytesIO()
    stats = r.redact_stream(io.BytesIO(text.encode()), dst)
    assert dst.getvalue() == expected.encode()
    assert stats.findings == 4
    tdst = io.StringIO()
    r.redact_stream(io.StringIO(text), tdst)
    assert tdst.getvalue() == expected
    vault = redactum.Vault()
    safe = vault.redact(r, LINE)
    assert safe == '{"user":"bob","password":"<SENSITIVE_KEY_1>"}'
    assert vault.restore(safe) == LINE


def test_logging_filter_follows_the_format() -> None:
    f = redactum.RedactingFilter(redactum.Redactor(rules=RULES, format="json"))
    record = logging.LogRecord("x", logging.INFO, "f", 1, "%s", (LINE,), None)
    f.filter(record)
    assert record.getMessage() == REDACTED


def test_find_and_is_match_read_text_whatever_the_format() -> None:
    # Core's find_iter / find_overlapping / is_match ignore the format: the value of a
    # sensitive key is replaced by redact() but not reported by find().
    r = redactum.Redactor(rules=RULES, format="json")
    assert r.redact(LINE) == REDACTED
    assert r.find(LINE) == [] and r.find(LINE, overlapping=True) == []
    assert r.is_match(LINE) is False
    line = f'{{"password":"{TOKEN}"}}'
    assert [(f.rule_id, line[f.start : f.end]) for f in r.find(line)] == [("test-token", TOKEN)]


@pytest.mark.parametrize("fmt", ["xml", "JSON", "", "Text"])
def test_unknown_format_is_a_config_error(fmt: str) -> None:
    with pytest.raises(redactum.ConfigError, match='"auto", "text", "json" or "logfmt"') as info:
        redactum.Redactor(rules=RULES, format=fmt)
    assert isinstance(info.value, ValueError)
    assert repr(fmt) in str(info.value).replace('"', "'")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"format": None}, "format"),
        ({"format": 1}, "format"),
        ({"format": b"json"}, "format"),
        ({"sensitive_keys": 5}, "sensitive_keys must be a list of str"),
        ({"sensitive_keys": [1]}, "sensitive_keys must be a list of str"),
        ({"sensitive_keys": ["ok", None]}, "sensitive_keys must be a list of str"),
        ({"sensitive_keys": [b"session"]}, "sensitive_keys must be a list of str"),
    ],
)
def test_wrong_types(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        redactum.Redactor(rules=RULES, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("key", ["", "--", "пароль"])
def test_sensitive_key_that_could_never_match_is_a_config_error(key: str) -> None:
    with pytest.raises(redactum.ConfigError, match="no ASCII letter or digit") as info:
        redactum.Redactor(rules=RULES, sensitive_keys=["pin", key])
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("fmt", ["text", "auto", "json", "logfmt"])
def test_redact_json_reads_json_lines_whatever_the_format(fmt: str) -> None:
    r = redactum.Redactor(rules=RULES, format=fmt)
    assert r.redact_json(LINE) == REDACTED
    assert r.redact_json(f'{{"a": {{"b": ["{TOKEN}"]}}}}') == '{"a": {"b": ["[REDACTED:test-token]"]}}'
    clean = '{"user":"bob"}\nplain text'
    assert r.redact_json(clean) is clean
    assert r.redact_json(f"not json {TOKEN}") == "not json [REDACTED:test-token]"


def test_pretty_printed_json_has_sensitive_values_replaced() -> None:
    # Each line of pretty-printed JSON that holds a member is read as a one-member object.
    r = redactum.Redactor(rules=RULES, format="json")
    text = '{\n  "user": "bob",\n  "password": "hunter2"\n}'
    assert "hunter2" not in r.redact(text)
    assert "hunter2" not in r.redact_json(text)
