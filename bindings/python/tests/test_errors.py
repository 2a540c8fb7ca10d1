from __future__ import annotations

import io
import pathlib
import pickle
import warnings

import pytest

import redactum
from conftest import RULES

BAD_REGEX = """
[[rule]]
id = "broken-rule"
name = "Broken"
category = "secret"
pattern = '(unclosed'
"""


def test_bad_rule_raises_rule_error_naming_the_rule() -> None:
    with pytest.raises(redactum.RuleError) as info:
        redactum.Redactor(rules=BAD_REGEX)
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, redactum.RedactumError)
    assert "broken-rule" in str(e)
    assert (e.kind, e.rule_id, e.source) == ("invalid-regex", "broken-rule", "<rules>")


def test_bad_rule_file_is_named(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(BAD_REGEX, encoding="utf-8")
    with pytest.raises(redactum.RuleError, match="bad.toml.*broken-rule"):
        redactum.Redactor(rules=f)


@pytest.mark.parametrize(
    ("toml", "kind"),
    [
        ("[[rule]]\nid = 'x'\n", None),
        ("not toml at all [", "syntax"),
        (RULES + "\n[[rule]]\nid='x'\nname='x'\ncategory='secret'\npattern='a'\ncolour='red'\n", "unknown-field"),
        ("[[rule]]\nid='x'\nname='x'\ncategory='secret'\npattern='a*'\n", "empty-match"),
        ("[[rule]]\nid='x'\nname='x'\ncategory='secret'\npattern='(?=a)b'\n", None),
        ("[[rule]]\nid='x'\nname='x'\ncategory='secret'\npattern='ab'\nvalidators=['nope']\n", "unknown-validator"),
    ],
)
def test_rule_error_kinds(toml: str, kind: str | None) -> None:
    with pytest.raises(redactum.RuleError) as info:
        redactum.Redactor(rules=toml)
    if kind is not None:
        assert info.value.kind == kind


def test_duplicate_id() -> None:
    with pytest.raises(redactum.RuleError, match="test-token") as info:
        redactum.Redactor(rules=[RULES, RULES])
    assert info.value.kind == "duplicate-id"


def test_a_path_given_as_str_gets_a_hint(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "rules.toml"
    f.write_text(RULES, encoding="utf-8")
    with pytest.raises(redactum.RuleError, match="pathlib.Path"):
        redactum.Redactor(rules=str(f))


def test_missing_rule_file() -> None:
    with pytest.raises(FileNotFoundError, match="no-such.toml"):
        redactum.Redactor(rules=pathlib.Path("/no/such/dir/no-such.toml"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"style": "loud"},
        {"categories": ["secrets", "money"]},
        {"keep_start": -1},
        {"keep_end": -5},
        {"style": "hash"},
    ],
)
def test_config_errors_are_value_errors(kwargs: dict[str, object]) -> None:
    with pytest.raises(redactum.ConfigError) as info:
        redactum.Redactor(rules=RULES, **kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    "kwargs",
    [{"rules": 42}, {"rules": b"[[rule]]"}, {"key": 3.5, "style": "hash"}, {"categories": [1]}, {"style": None}],
)
def test_wrong_types(kwargs: dict[str, object]) -> None:
    with pytest.raises(TypeError):
        redactum.Redactor(**kwargs)  # type: ignore[arg-type]


def test_positional_arguments_are_refused() -> None:
    with pytest.raises(TypeError):
        redactum.Redactor(RULES)  # type: ignore[misc]


def test_none_is_a_type_error(r: redactum.Redactor) -> None:
    for call in (r.redact, r.redact_bytes, r.find, r.is_match, r.redact_batch):
        with pytest.raises(TypeError):
            call(None)  # type: ignore[operator]
    # A None item of a batch is passed through (tests/test_batch.py).
    with pytest.raises(TypeError):
        r.redact_batch("a str is not a batch")


def test_lone_surrogates_raise_unicode_encode_error(r: redactum.Redactor) -> None:
    # "\ud800" has no UTF-8 form: a clear UnicodeEncodeError (a ValueError), never garbage.
    for call in (r.redact, r.find, r.is_match):
        with pytest.raises(UnicodeEncodeError):
            call("abc \ud800 tok_abcdefgh12345678")
    with pytest.raises(UnicodeEncodeError):
        r.redact_batch(["fine", "\udcff"])
    # The documented way through: surrogatepass bytes.
    data = "x \ud800 tok_abcdefgh12345678".encode("utf-8", "surrogatepass")
    assert r.redact_bytes(data).decode("utf-8", "surrogatepass") == "x \ud800 [REDACTED:test-token]"


def test_huge_inputs(r: redactum.Redactor) -> None:
    # 8 MiB with no newline, a secret at each end; a 3 MiB line in the middle of a text.
    filler = "x" * (8 << 20)
    text = f"tok_abcdefgh12345678 {filler} tok_ZYXWVUTS87654321"
    out = r.redact(text)
    assert out.startswith("[REDACTED:test-token] x") and out.endswith("x [REDACTED:test-token]")
    assert len(out) == len(text) - 2 * (20 - len("[REDACTED:test-token]"))
    lines = "line\n" * 1000 + "y" * (3 << 20) + " ann@example.com\n" + "line\n" * 1000
    assert r.redact(lines).count("[REDACTED:test-email]") == 1


def test_panics_become_internal_error() -> None:
    with pytest.raises(redactum.InternalError, match="deliberate panic") as info:
        redactum._redactum._panic_for_tests()
    assert isinstance(info.value, RuntimeError)
    assert isinstance(info.value, Exception)  # not PyO3's PanicException (a BaseException)


PANICKY_RULES = """
[[rule]]
id = "p"
name = "p"
category = "secret"
pattern = '[A-Z]{5}'
validators = ["test-panic"]

[[rule]]
id = "d"
name = "d"
category = "pii"
pattern = '[0-9]{4}'
"""


def test_internal_error_raises_without_fail_closed() -> None:
    # `test-panic` panics inside the core scan: the error reaches Python as InternalError,
    # never as a pass-through of the failing line.
    r = redactum.Redactor(rules=PANICKY_RULES)
    with pytest.raises(redactum.InternalError):
        r.redact("pin 1234\nhas PANIC 5678\n")
    # Never the text cut short before the failing line.
    with pytest.raises(redactum.InternalError):
        r.redact_with_findings("pin 1234\nhas PANIC 5678\nlast\n")


def test_fail_closed_replaces_only_the_failing_line() -> None:
    r = redactum.Redactor(rules=PANICKY_RULES, fail_closed=True)
    text = "pin 1234\nhas PANIC 5678\nlast 9999"
    want = "pin [REDACTED:d]\n[REDACTED:internal-error]\nlast [REDACTED:d]"
    assert r.redact(text) == want
    assert r.redact_bytes(text.encode()) == want.encode()
    assert r.redact_with_findings(text)[0] == want
    src, dst = io.BytesIO(text.encode()), io.BytesIO()
    r.redact_stream(src, dst)
    assert dst.getvalue() == want.encode()
    # Kept through pickling.
    assert pickle.loads(pickle.dumps(r)).redact(text) == want


GITLEAKS = pathlib.Path(__file__).resolve().parents[3] / "core" / "tests" / "data" / "gitleaks-sample.toml"


def test_gitleaks_import_warnings_reach_python_warnings() -> None:
    with pytest.warns(redactum.RuleWarning) as caught:
        r = redactum.Redactor(rules=GITLEAKS)
    messages = [str(w.message) for w in caught]
    assert any("rule `pem-file`: path-only rule skipped" in m for m in messages), messages
    assert all(m.startswith(f"{GITLEAKS}: ") for m in messages), messages
    assert {w.filename for w in caught} == {__file__}, "reported at the caller's line"
    assert issubclass(redactum.RuleWarning, UserWarning)
    assert r.redact("ghp_" + "a1" * 18) == "[REDACTED:github-classic-pat]"
    # Text sources too; warnings as errors stop the construction.
    with warnings.catch_warnings():
        warnings.simplefilter("error", redactum.RuleWarning)
        with pytest.raises(redactum.RuleWarning, match="<extra_rules>: "):
            redactum.Redactor(extra_rules=GITLEAKS.read_text(encoding="utf-8"))
        redactum.Redactor(rules=RULES)  # redactum's own format: nothing to say
