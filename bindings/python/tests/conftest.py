"""Shared rules and fixtures. The tests use their own rules (TOML text) so that they do not
depend on the built-in catalog, which evolves on its own."""

from __future__ import annotations

import pytest

import redactum

RULES = r"""
[[rule]]
id = "test-token"
name = "Test token"
category = "secret"
keywords = ["tok_"]
pattern = '\b(?P<secret>tok_[A-Za-z0-9]{16})\b'

[[rule]]
id = "test-email"
name = "Test email"
category = "pii"
keywords = ["@"]
pattern = '\b(?P<secret>[a-z0-9._]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b'
"""

TOKEN = "tok_abcdefgh12345678"
TOKEN2 = "tok_ZYXWVUTS87654321"
EMAIL = "ann@example.com"


@pytest.fixture(scope="session")
def r() -> redactum.Redactor:
    return redactum.Redactor(rules=RULES)


def log_lines(n: int, every: int = 0) -> list[str]:
    """Deterministic log-like lines; every `every`-th line (if any) carries a token."""
    out = []
    for i in range(n):
        line = f"2026-01-01T00:00:{i % 60:02d}Z INFO req={i:08d} path=/api/v1/items/{i * 7 % 1000} status=200 took={i % 97}ms"
        if every and i % every == 0:
            line += f" auth={TOKEN}"
        out.append(line)
    return out
