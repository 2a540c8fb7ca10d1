"""Exceptions raised by redactum.

Defined in Python so that each can also be the built-in exception a caller expects
(a bad rule is a ``ValueError``); the compiled module raises them by name.
"""

from __future__ import annotations

from typing import Optional

__all__ = ["RedactumError", "RuleError", "ConfigError", "VaultError", "InternalError", "RuleWarning"]


class RedactumError(Exception):
    """Base class of every error raised by redactum."""


class RuleError(RedactumError, ValueError):
    """A rule that cannot be parsed or compiled.

    The message names the rule source (the file, or ``<rules>``/``<extra_rules>`` for text)
    and the rule id; they are also attributes.
    """

    #: What is wrong, e.g. ``"syntax"``, ``"invalid-regex"``, ``"duplicate-id"``.
    kind: Optional[str] = None
    #: The id of the offending rule, when known.
    rule_id: Optional[str] = None
    #: The rule file or source name, when known.
    source: Optional[str] = None


class ConfigError(RedactumError, ValueError):
    """An invalid option: unknown style, category or format, hash style without a key, unknown rule id."""

    kind: Optional[str] = None
    rule_id: Optional[str] = None
    source: Optional[str] = None


class VaultError(RedactumError, ValueError):
    """Text given to ``Vault.from_json`` that is not a saved vault."""


class InternalError(RedactumError, RuntimeError):
    """A bug in redactum (a Rust panic, caught before it reached Python)."""


class RuleWarning(UserWarning):
    """An imported rule (a gitleaks configuration) that was skipped or changed because it uses
    a feature redactum does not have; the message names the file and the rule."""
