"""Reversible placeholders: redact, let a model answer, restore (the LLM round trip)."""

from __future__ import annotations

import json
import pickle
import threading

import pytest

import redactum
from conftest import EMAIL, RULES, TOKEN, TOKEN2

Vault = redactum.Vault


@pytest.fixture
def r() -> redactum.Redactor:
    return redactum.Redactor(rules=RULES)


def test_round_trip_with_reordered_and_repeated_placeholders(r: redactum.Redactor) -> None:
    vault = Vault()
    prompt = f"user {EMAIL} uses {TOKEN}, then {TOKEN2}; mail {EMAIL} again"
    safe = vault.redact(r, prompt)
    assert safe == "user <TEST_EMAIL_1> uses <TEST_TOKEN_1>, then <TEST_TOKEN_2>; mail <TEST_EMAIL_1> again"
    for v in (EMAIL, TOKEN, TOKEN2):
        assert v not in safe
    answer = "Rotate <TEST_TOKEN_2> and <TEST_TOKEN_1>, tell <TEST_EMAIL_1> (<TEST_EMAIL_1>). <TEST_EMAIL_7> is unknown."
    assert vault.restore(answer) == (
        f"Rotate {TOKEN2} and {TOKEN}, tell {EMAIL} ({EMAIL}). <TEST_EMAIL_7> is unknown."
    )
    assert vault.restore(safe) == prompt
    assert len(vault) == 3
    assert vault.get("<TEST_TOKEN_1>") == TOKEN
    assert vault.get("<NOPE_1>") is None
    assert vault.entries()[0] == ("<TEST_EMAIL_1>", EMAIL, "test-email")


def test_non_ascii_text_round_trips(r: redactum.Redactor) -> None:
    vault = Vault()
    prompt = f"😀 é {EMAIL} — {TOKEN} 漢字"
    safe = vault.redact(r, prompt)
    assert safe == "😀 é <TEST_EMAIL_1> — <TEST_TOKEN_1> 漢字"
    assert vault.restore("漢字 <TEST_TOKEN_1> 😀 <TEST_EMAIL_1>") == f"漢字 {TOKEN} 😀 {EMAIL}"


def test_turns_save_load_and_merge(r: redactum.Redactor) -> None:
    vault = Vault()
    assert vault.redact(r, f"a {EMAIL}") == "a <TEST_EMAIL_1>"
    # The next turn continues the numbering; a known value keeps its placeholder.
    assert vault.redact(r, f"b bob@example.org {EMAIL}") == "b <TEST_EMAIL_2> <TEST_EMAIL_1>"
    saved = vault.to_json()
    json.loads(saved)
    loaded = Vault.from_json(saved)
    assert loaded.entries() == vault.entries()
    assert pickle.loads(pickle.dumps(vault)).entries() == vault.entries()
    # A vault from another session, merged: new values are renumbered after ours.
    other = Vault()
    assert other.redact(r, f"c carl@example.net {TOKEN}") == "c <TEST_EMAIL_1> <TEST_TOKEN_1>"
    renamed = loaded.merge(other)
    assert renamed == {"<TEST_EMAIL_1>": "<TEST_EMAIL_3>"}
    assert loaded.restore("<TEST_EMAIL_3> <TEST_TOKEN_1>") == f"carl@example.net {TOKEN}"
    assert loaded.merge(loaded) == {}
    for bad in ["{not json", "[]", '{"entries": 3}']:
        with pytest.raises(redactum.VaultError) as info:
            Vault.from_json(bad)
        assert isinstance(info.value, ValueError) and isinstance(info.value, redactum.RedactumError)


def test_existing_placeholders_are_kept(r: redactum.Redactor) -> None:
    vault = Vault()
    safe = vault.redact(r, f"literal <TEST_EMAIL_1> and {EMAIL}")
    assert safe == "literal <TEST_EMAIL_1> and <TEST_EMAIL_2>"
    assert vault.restore(safe) == f"literal <TEST_EMAIL_1> and {EMAIL}"
    # Redacting the output again changes nothing.
    assert vault.redact(r, safe) == safe


def test_threads_share_a_vault(r: redactum.Redactor) -> None:
    vault = Vault()
    emails = [f"user{i}@example.com" for i in range(40)]

    def work(chunk: list[str]) -> None:
        for e in chunk:
            vault.redact(r, f"mail {e}")

    threads = [threading.Thread(target=work, args=(emails[i::4],)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(vault) == 40
    assert sorted(vault.restore(p) for p, _, _ in vault.entries()) == sorted(emails)
