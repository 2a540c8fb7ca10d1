"""redactum: find and replace secrets (API keys, tokens, private keys, passwords) and personal
data (emails, phone numbers, card numbers...) in text, logs and streams.

The work is done by the Rust library (``redactum._redactum``), with the GIL released while it
scans, so threads scan in parallel::

    import redactum

    r = redactum.Redactor()
    r.redact("user=ann@example.com")            # 'user=[REDACTED:email]'

    import logging
    logging.getLogger().addFilter(redactum.RedactingFilter(r))
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Optional

from ._errors import ConfigError, InternalError, RedactumError, RuleError
from ._redactum import Finding, Redactor, RuleInfo, StreamStats, Vault, __version__

__all__ = [
    "Redactor",
    "Finding",
    "RuleInfo",
    "StreamStats",
    "Vault",
    "RedactingFilter",
    "RedactumError",
    "RuleError",
    "ConfigError",
    "InternalError",
    "redact",
    "redact_all_logs",
    "__version__",
]


@functools.lru_cache(maxsize=None)
def _default() -> Redactor:
    return Redactor()


def redact(text: str) -> str:
    """Redacts ``text`` with a shared ``Redactor()`` (built-in rules, label style)."""
    return _default().redact(text)


# Formats exception text the way logging.Formatter does by default.
_EXC_FORMATTER = logging.Formatter()


class RedactingFilter(logging.Filter):
    """A ``logging.Filter`` that redacts every record it sees, in place.

    It redacts the formatted message (``msg % args``: the arguments are formatted first, then
    the result is redacted, and ``args`` is cleared), the exception text (``exc_text``, formatted
    as ``logging.Formatter`` does) and ``stack_info``. By default it also drops ``exc_info``, the
    live exception object, whose message may hold the secret: handlers print the redacted
    ``exc_text`` instead. Pass ``keep_exc_info=True`` to keep it (for a handler that needs the
    exception object and redacts on its own).

    It never drops a record and never raises: if redaction itself fails, the message is
    replaced by a marker (fail closed). Add it to a logger (every record logged through that
    logger) or to a handler (every record that handler emits, whichever logger it came from)::

        logging.getLogger().addFilter(RedactingFilter())          # records of the root logger
        handler.addFilter(RedactingFilter(Redactor(style="mask")))  # all records of a handler

    Note that a filter on a logger does not see records of its child loggers (they propagate
    to the parent's handlers, not through its filters): ``logging.getLogger().addFilter(...)``
    cleans what is logged on the root logger itself. To clean everything an app logs, put the
    filter on the handlers, or call :func:`redact_all_logs`.
    """

    def __init__(self, redactor: Optional[Redactor] = None, *, keep_exc_info: bool = False) -> None:
        super().__init__()
        self.redactor: Redactor = redactor if redactor is not None else _default()
        self.keep_exc_info = keep_exc_info

    def filter(self, record: logging.LogRecord) -> bool:
        # The same redactor twice (a filter on a logger and on its handler) redacts once.
        if getattr(record, "_redactum_by", None) is self.redactor:
            return True
        try:
            self._redact_record(record)
        except Exception as e:  # never let a log call raise, never let a secret through
            record.msg = f"[REDACTED: redactum could not redact this record: {type(e).__name__}]"
            record.args = None
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        setattr(record, "_redactum_by", self.redactor)
        return True

    def _redact_record(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:
            # Arguments that do not match the format: keep both, redacted, rather than let
            # logging print them raw in its error report.
            message = f"{record.msg!s} (arguments: {record.args!r})"
        record.msg = self._redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = _EXC_FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if not self.keep_exc_info:
            record.exc_info = None
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)

    def _redact(self, text: str) -> str:
        try:
            return self.redactor.redact(text)
        except UnicodeEncodeError:
            # Lone surrogates (e.g. from os.fsdecode) cannot be UTF-8: carry them through.
            data = self.redactor.redact_bytes(text.encode("utf-8", "surrogatepass"))
            try:
                return data.decode("utf-8", "surrogatepass")
            except UnicodeDecodeError:
                return data.decode("utf-8", "replace")


def redact_all_logs(redactor: Optional[Redactor] = None, *, keep_exc_info: bool = False) -> RedactingFilter:
    """Redacts every log record of every logger from now on, whatever its handlers.

    Wraps logging's record factory (``logging.setLogRecordFactory``), so records are redacted
    as they are created, before any filter or handler (including handlers added later and
    those of third-party libraries) sees them. Returns the filter it applies.
    """
    f = RedactingFilter(redactor, keep_exc_info=keep_exc_info)
    make = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        f.filter(record)
        return record

    logging.setLogRecordFactory(factory)
    return f
