from __future__ import annotations

import pathlib

import pytest

import redactum
from conftest import EMAIL, RULES, TOKEN, TOKEN2


def test_redacts_both_categories(r: redactum.Redactor) -> None:
    assert r.redact(f"a {TOKEN} b {EMAIL} c") == "a [REDACTED:test-token] b [REDACTED:test-email] c"


def test_nothing_to_redact_returns_the_same_object(r: redactum.Redactor) -> None:
    text = "nothing secret here " * 10
    assert r.redact(text) is text
    data = text.encode()
    assert r.redact_bytes(data) is data


def test_empty_inputs(r: redactum.Redactor) -> None:
    assert r.redact("") == ""
    assert r.redact_bytes(b"") == b""
    assert r.find("") == []
    assert r.redact_batch([]) == []
    assert not r.is_match("")


def test_redact_bytes_keeps_invalid_utf8(r: redactum.Redactor) -> None:
    data = b"\xff\xfe " + TOKEN.encode() + b" \xc3"
    assert r.redact_bytes(data) == b"\xff\xfe [REDACTED:test-token] \xc3"
    assert r.redact_bytes(bytearray(data)) == b"\xff\xfe [REDACTED:test-token] \xc3"
    assert type(r.redact_bytes(bytearray(b"x"))) is bytes


def test_redact_bytes_rejects_str(r: redactum.Redactor) -> None:
    with pytest.raises(TypeError):
        r.redact_bytes("text")  # type: ignore[arg-type]


def test_is_match(r: redactum.Redactor) -> None:
    assert r.is_match(f"x {TOKEN}")
    assert not r.is_match("x tok_short")


def test_categories() -> None:
    secrets = redactum.Redactor(rules=RULES, categories=["secret"])
    pii = redactum.Redactor(rules=RULES, categories="pii")
    text = f"{TOKEN} {EMAIL}"
    assert secrets.redact(text) == f"[REDACTED:test-token] {EMAIL}"
    assert pii.redact(text) == f"{TOKEN} [REDACTED:test-email]"
    assert [i.id for i in secrets.rules()] == ["test-token"]
    # No category leaves no rule: an error, not a redactor that redacts nothing (issue 18).
    with pytest.raises(redactum.ConfigError, match="no rule"):
        redactum.Redactor(rules=RULES, categories=[])


def test_only_and_disable_rules() -> None:
    text = f"{TOKEN} {EMAIL}"
    assert redactum.Redactor(rules=RULES, only_rules=["test-email"]).redact(text) == f"{TOKEN} [REDACTED:test-email]"
    assert redactum.Redactor(rules=RULES, disable_rules="test-email").redact(text) == f"[REDACTED:test-token] {EMAIL}"
    with pytest.raises(redactum.ConfigError, match="no-such-rule"):
        redactum.Redactor(rules=RULES, only_rules=["no-such-rule"])


def test_styles() -> None:
    text = f"k={TOKEN}"
    assert redactum.Redactor(rules=RULES, style="mask").redact(text) == "k=" + "*" * len(TOKEN)
    assert redactum.Redactor(rules=RULES, style="partial").redact(text) == "k=tok_" + "*" * 12 + "5678"
    assert (
        redactum.Redactor(rules=RULES, style="partial", keep_start=2, keep_end=0).redact(text)
        == "k=to" + "*" * 18
    )
    h1 = redactum.Redactor(rules=RULES, style="hash", key="k1")
    h1b = redactum.Redactor(rules=RULES, style="hash", key=b"k1")
    h2 = redactum.Redactor(rules=RULES, style="hash", key="k2")
    out = h1.redact(text)
    assert out.startswith("k=[REDACTED:test-token:") and len(out) == len("k=[REDACTED:test-token:]") + 16
    assert h1b.redact(text) == out
    assert h2.redact(text) != out
    assert h1.redact(f"k={TOKEN2}") != out
    assert h1.style == "hash"


def test_hash_needs_a_key() -> None:
    for key in (None, "", b""):
        with pytest.raises(ValueError, match="key"):
            redactum.Redactor(rules=RULES, style="hash", key=key)


def test_rules_from_path_and_list(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(RULES, encoding="utf-8")
    assert redactum.Redactor(rules=f).redact(TOKEN) == "[REDACTED:test-token]"
    assert redactum.Redactor(rules=[f]).redact(TOKEN) == "[REDACTED:test-token]"
    first, second = RULES.split("[[rule]]")[1:]
    both = redactum.Redactor(rules=["[[rule]]" + first, "[[rule]]" + second])
    assert [i.id for i in both.rules()] == ["test-token", "test-email"]


def test_extra_rules_add_to_the_builtin_catalog() -> None:
    builtin = redactum.Redactor()
    extra = redactum.Redactor(extra_rules=RULES)
    ids = [i.id for i in extra.rules()]
    assert ids[-2:] == ["test-token", "test-email"]
    assert len(ids) == len(builtin.rules()) + 2
    assert extra.redact(TOKEN) == "[REDACTED:test-token]"


def test_rule_info(r: redactum.Redactor) -> None:
    info = r.rules()[0]
    assert (info.id, info.name, info.category, info.keywords) == ("test-token", "Test token", "secret", ["tok_"])
    assert "test-token" in repr(info)
    assert repr(r) == "Redactor(style='label', rules=2)"


def test_module_level_redact() -> None:
    assert redactum.redact("nothing here") == "nothing here"


def test_redactor_is_immutable(r: redactum.Redactor) -> None:
    import copy

    assert copy.copy(r) is r
    assert copy.deepcopy(r) is r
    with pytest.raises(AttributeError):
        r.style = "mask"  # type: ignore[misc]
