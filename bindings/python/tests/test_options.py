"""Issue 18: one option surface (core's Options), mistakes that fail loudly, per-type styles,
replacement callables, redaction with findings, dict redaction, the shared catalog."""

from __future__ import annotations

import inspect
import pathlib
import pickle
import sys
import time
from typing import Any

import pytest

import redactum
from conftest import EMAIL, RULES, TOKEN

CARD = "4111 1111 1111 1111"


# Mistakes fail loudly.


@pytest.mark.parametrize(
    "kwargs",
    [
        {"categories": []},
        {"rules": []},
        {"only_rules": ["email"], "disable_rules": ["email"]},
        {"only_rules": ["email"], "categories": ["secret"]},
    ],
)
def test_zero_rules_is_an_error(kwargs: dict[str, Any]) -> None:
    with pytest.raises(redactum.ConfigError, match="no rule"):
        redactum.Redactor(**kwargs)


def test_unknown_id_in_disable_rules_is_an_error() -> None:
    with pytest.raises(redactum.ConfigError, match="emial"):
        redactum.Redactor(disable_rules=["emial"])


def test_an_extra_rule_with_a_builtin_id_needs_replace() -> None:
    rule = "[[rule]]\nid = 'email'\nname = 'e'\ncategory = 'pii'\npattern = 'mail-[0-9]{4}'\n"
    with pytest.raises(redactum.RuleError, match="replace = true") as info:
        redactum.Redactor(extra_rules=rule)
    assert info.value.rule_id == "email"
    r = redactum.Redactor(extra_rules=rule + "replace = true\n")
    assert r.redact(f"mail-1234 {EMAIL}") == f"[REDACTED:email] {EMAIL}"


def test_errors_name_no_cli_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDACTUM_KEY", raising=False)
    with pytest.raises(redactum.ConfigError) as info:
        redactum.Redactor(style="hash")
    assert "key" in str(info.value) and "--" not in str(info.value)


def test_typed_placeholders_are_never_restored() -> None:
    r = redactum.Redactor(rules=RULES)
    vault = redactum.Vault()
    assert vault.redact(r, f"mail {EMAIL}") == "mail <TEST_EMAIL_1>"
    safe = vault.redact(r, "my template says <TEST_EMAIL_2>, bob@example.org")
    assert safe == "my template says <TEST_EMAIL_2>, <TEST_EMAIL_3>"
    answer = "<TEST_EMAIL_1> <TEST_EMAIL_2> <TEST_EMAIL_3>"
    want = f"{EMAIL} <TEST_EMAIL_2> bob@example.org"
    assert vault.restore(answer) == want
    assert redactum.Vault.from_json(vault.to_json()).restore(answer) == want


def test_email_keeps_emoji_and_apostrophes() -> None:
    r = redactum.Redactor(only_rules=["email"])
    assert r.redact(f"{EMAIL}😀") == "[REDACTED:email]😀"
    assert r.redact("bob.o'neil@example.com") == "[REDACTED:email]"


# One option surface.


def test_default_format_is_auto() -> None:
    assert redactum.Redactor().redact("password=hunter2") == "password=[REDACTED:sensitive-key]"
    assert redactum.Redactor(format="text").redact("password=hunter2") == "password=hunter2"


def test_style_names_are_cores() -> None:
    r = redactum.Redactor(only_rules=["credit-card"], style="partial:0:4")
    assert r.redact(CARD) == "***************1111"
    with pytest.raises(redactum.ConfigError, match="unknown style"):
        redactum.Redactor(style="masked")
    with pytest.raises(redactum.ConfigError, match="at most 256"):
        redactum.Redactor(style="partial", keep_start=300)


def test_categories_accept_the_same_names() -> None:
    assert redactum.Redactor(categories=["secrets"]).redact(EMAIL) == EMAIL
    with pytest.raises(redactum.ConfigError, match="unknown category"):
        redactum.Redactor(categories=["secret", "PII"])


def test_hash_key_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDACTUM_KEY", "k" * 32)
    a = redactum.Redactor(style="hash").redact(EMAIL)
    assert a.startswith("[REDACTED:email:") and EMAIL not in a
    b = redactum.Redactor(style="hash", key="k" * 32).redact(EMAIL)
    assert a == b


def test_style_for() -> None:
    r = redactum.Redactor(style_for={"credit-card": "partial:0:4", "email": "mask"})
    assert r.redact(f"{CARD} {EMAIL}") == f"***************1111 {'*' * len(EMAIL)}"
    with pytest.raises(redactum.ConfigError, match="no rule or category"):
        redactum.Redactor(style_for={"credit-crad": "mask"})
    with pytest.raises(TypeError):
        redactum.Redactor(style_for=["credit-card=mask"])  # type: ignore[arg-type]


def test_personal_keys() -> None:
    line = '{"patient_mobile": "ask-at-front-desk", "member_ref": "zq19", "n": 1}'
    assert redactum.Redactor().redact(line) == line  # no rule finds these values
    r = redactum.Redactor(personal_keys={"patient_mobile": "phone", "member_ref": "member-id"})
    out = '{"patient_mobile": "[REDACTED:phone]", "member_ref": "[REDACTED:member-id]", "n": 1}'
    assert r.redact(line) == out
    assert r.redact("level=info PatientMobile=ask-at-front-desk") == "level=info PatientMobile=[REDACTED:phone]"
    # Picklable with its keys.
    assert pickle.loads(pickle.dumps(r)).redact(line) == out
    with pytest.raises(redactum.ConfigError, match='personal key "nin" of type "Bad_Type"'):
        redactum.Redactor(personal_keys={"nin": "Bad_Type"})
    with pytest.raises(redactum.ConfigError, match='personal key "--"'):
        redactum.Redactor(personal_keys={"--": "phone"})
    with pytest.raises(TypeError, match="personal_keys must be a dict"):
        redactum.Redactor(personal_keys=["patient_mobile=phone"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="personal_keys must map str"):
        redactum.Redactor(personal_keys={"patient_mobile": 1})  # type: ignore[dict-item]


def test_replace_with_a_callable() -> None:
    seen: list[tuple[str, str]] = []

    def censor(value: str, rule: str) -> str:
        seen.append((value, rule))
        return f"<{rule}:{len(value)}>"

    r = redactum.Redactor(rules=RULES, replace_with=censor)
    assert r.redact(f"a {TOKEN} b {EMAIL}") == "a <test-token:20> b <test-email:15>"
    assert seen == [(TOKEN, "test-token"), (EMAIL, "test-email")]
    # In threads too (the callable runs with the GIL taken again).
    assert r.redact_batch([EMAIL] * 8, threads=4) == ["<test-email:15>"] * 8


def test_a_failing_callable_never_lets_the_value_through(monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)

    def boom(value: str, rule: str) -> str:
        raise RuntimeError("censor failed")

    def not_a_str(value: str, rule: str) -> Any:
        return 42

    for f in (boom, not_a_str):
        r = redactum.Redactor(rules=RULES, replace_with=f)
        reported.clear()
        assert r.redact(f"a {TOKEN} b") == "a [REDACTED:test-token] b"
        assert len(reported) == 1, reported
    with pytest.raises(TypeError, match="callable"):
        redactum.Redactor(replace_with="***")  # type: ignore[arg-type]


def test_redact_with_findings() -> None:
    r = redactum.Redactor(rules=RULES)
    text = f'🔑 {EMAIL}\n{{"password": "hunter2"}}'
    out, found = r.redact_with_findings(text)
    assert out == r.redact(text) == '🔑 [REDACTED:test-email]\n{"password": "[REDACTED:sensitive-key]"}'
    assert [(f.rule_id, text[f.start : f.end]) for f in found] == [
        ("test-email", EMAIL),
        ("sensitive-key", "hunter2"),
    ]


def test_redact_obj() -> None:
    r = redactum.Redactor(rules=RULES)
    obj = {
        "user": {"password": 42, "mail": EMAIL, "tags": ("a", TOKEN)},
        "items": [{"token": ["x", {"n": 1}]}, None, 3.5, True],
        "count": 7,
    }
    out = redactum.redact_obj(obj, r)
    assert out == {
        "user": {
            "password": "[REDACTED:sensitive-key]",
            "mail": "[REDACTED:test-email]",
            "tags": ("a", "[REDACTED:test-token]"),
        },
        "items": [{"token": ["[REDACTED:sensitive-key]", {"n": "[REDACTED:sensitive-key]"}]}, None, 3.5, True],
        "count": 7,
    }
    assert obj["user"]["password"] == 42  # type: ignore[index]  # the input is not changed
    clean = {"a": [1, "b"], "c": None}
    assert redactum.redact_obj(clean, r) is clean
    cyclic: list[Any] = []
    cyclic.append(cyclic)
    with pytest.raises(ValueError, match="cycle"):
        redactum.redact_obj(cyclic, r)


def test_second_construction_shares_the_compiled_catalog() -> None:
    t0 = time.perf_counter()
    a = redactum.Redactor(style="mask", format="json")
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    b = redactum.Redactor(style="mask", format="json")
    second = time.perf_counter() - t0
    assert a.redact(EMAIL) == b.redact(EMAIL) == "*" * len(EMAIL)
    assert second < first / 5, (first, second)


def _options_table() -> list[list[str]]:
    doc = (pathlib.Path(__file__).resolve().parents[3] / "docs" / "options.md").read_text(encoding="utf-8")
    table = doc.split("<!-- options-table: begin -->")[1].split("<!-- options-table: end -->")[0]
    rows = [line.strip("|").split(" | ") for line in table.strip().splitlines()[2:]]
    return [[cell.strip().strip("`") for cell in row] for row in rows]


def test_python_names_match_the_options_table() -> None:
    # docs/options.md: the Python column is exactly the keyword arguments of Redactor, in order.
    names = [row[2] for row in _options_table()]
    params = list(inspect.signature(redactum.Redactor).parameters)
    assert sorted(names) == sorted(params)
    # And core knows each of them: a wrong value is core's ConfigError naming the problem.
    with pytest.raises(redactum.ConfigError, match="unknown format"):
        redactum.Redactor(format="yaml")


def test_the_package_declares_and_ships_the_licenses() -> None:
    here = pathlib.Path(__file__).resolve().parents[1]
    pyproject = (here / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "MIT OR Apache-2.0"' in pyproject
    assert 'license-files = ["LICENSE-MIT", "LICENSE-APACHE"]' in pyproject
    for name in ("LICENSE-MIT", "LICENSE-APACHE"):
        assert (here / name).read_text(encoding="utf-8") == (here.parents[1] / name).read_text(encoding="utf-8")


def test_person_names_are_the_name_category() -> None:
    line = "Hi, I'm Jennifer Cunningham; mail " + EMAIL
    assert redactum.Redactor().redact(line) == "Hi, I'm [REDACTED:person-name]; mail [REDACTED:email]"
    assert redactum.Redactor(categories=["name"]).redact(line) == "Hi, I'm [REDACTED:person-name]; mail " + EMAIL
    assert redactum.Redactor(categories=["secret", "pii"]).redact(line) == "Hi, I'm Jennifer Cunningham; mail [REDACTED:email]"
    assert redactum.Redactor().redact('{"full_name": "Gerald Nichols"}') == '{"full_name": "[REDACTED:person-name-key]"}'
    assert redactum.Redactor().redact("Will retry; Mark as read") == "Will retry; Mark as read"
