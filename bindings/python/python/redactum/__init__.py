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
import json
import logging
import math
from typing import Any, Mapping, Optional

from ._errors import ConfigError, InternalError, RedactumError, RuleError, RuleWarning, VaultError
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
    "VaultError",
    "RuleWarning",
    "InternalError",
    "redact",
    "redact_obj",
    "redact_all_logs",
    "__version__",
]


@functools.lru_cache(maxsize=None)
def _default() -> Redactor:
    return Redactor()


def redact(text: str) -> str:
    """Redacts ``text`` with a shared ``Redactor()`` (built-in rules, label style)."""
    return _default().redact(text)


_LEAF_TYPES = (str, int, float, bool, type(None))


def _wrap(path: list[Any], value: Any) -> Any:
    """`value` nested under `path` (a key, or None for a list item)."""
    for step in reversed(path):
        value = [value] if step is None else {step: value}
    return value


def _unwrap(path: list[Any], value: Any) -> Any:
    """The inverse of `_wrap`; where core replaced a container whole (the value of a sensitive
    key), the replacement."""
    for step in path:
        if step is None:
            if not isinstance(value, list) or len(value) != 1:
                return value
            value = value[0]
        else:
            if not isinstance(value, dict) or step not in value:
                return value
            value = value[step]
    return value


def redact_obj(obj: Any, redactor: Optional[Redactor] = None) -> Any:
    """A copy of a JSON-like object (dicts, lists, tuples, strings, numbers...) with secrets
    and personal data replaced, key-aware: the value of a sensitive key (``password``,
    ``token``, ``api_key``... and the redactor's ``sensitive_keys``) is replaced whatever it
    holds, at any depth (a number or boolean becomes the marker string); every string is
    scanned. Containers keep their type and keys; values that change nothing are the same
    objects (a mapping comes back as a ``dict``; the whole object itself when nothing changes). Other objects are scanned as ``str(value)`` and kept if nothing is found.

    ``redactor`` defaults to a shared ``Redactor()``::

        redact_obj({"user": {"password": 42, "mail": "ann@example.com"}})
        # {'user': {'password': '[REDACTED:sensitive-key]', 'mail': '[REDACTED:email]'}}
    """
    r = redactor if redactor is not None else _default()
    paths: list[list[Any]] = []
    leaves: list[Any] = []

    def collect(value: Any, path: list[Any], seen: set[int]) -> None:
        if isinstance(value, Mapping) or isinstance(value, (list, tuple)):
            if id(value) in seen:
                raise ValueError("redact_obj: the object contains a cycle")
            seen.add(id(value))
            if isinstance(value, Mapping):
                for k, v in value.items():
                    collect(v, path + [k if isinstance(k, str) else str(k)], seen)
            else:
                for v in value:
                    collect(v, path + [None], seen)
            seen.discard(id(value))
            return
        paths.append(path)
        if isinstance(value, float) and not math.isfinite(value):
            value = str(value)
        leaves.append(value if isinstance(value, _LEAF_TYPES) else str(value))

    collect(obj, [], set())
    if not leaves:
        return obj
    lines = [json.dumps(_wrap(p, v), ensure_ascii=False) for p, v in zip(paths, leaves)]
    joined = "\n".join(lines)
    out = r.redact_json(joined)
    if out == joined:
        return obj
    results: list[Any] = []
    for path, line, after in zip(paths, lines, out.split("\n")):
        if after == line:
            results.append(_UNCHANGED)
            continue
        try:
            results.append(_unwrap(path, json.loads(after)))
        except ValueError:
            results.append(after)  # still redacted, only not JSON
    it = iter(results)

    def rebuild(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: rebuild(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rebuild(v) for v in value]
        if isinstance(value, tuple):
            return tuple(rebuild(v) for v in value)
        new = next(it)
        return value if new is _UNCHANGED else new

    return rebuild(obj)


_UNCHANGED = object()


# Formats exception text the way logging.Formatter does by default.
_EXC_FORMATTER = logging.Formatter()

# The attributes every LogRecord has (and those formatters add); any other attribute came from
# `extra=`, a filter or a record factory, and is redacted.
_RECORD_ATTRS = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "taskName",
    "_redactum_by",
}

# Core reads a longer line as text, where the values of sensitive keys are not recognised
# (core's MAX_STRUCTURED_LINE).
_MAX_JSON_LINE = 1 << 20


def _jsonable(value: Any, seen: set[int]) -> Any:
    """`value` as data `json.dumps` always accepts, keeping every key name: containers copied
    (a cycle becomes ``"[Circular]"``, keys become `str`), NaN and infinities and any other
    object become the text a formatter's ``%(field)s`` would print."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (Mapping, list, tuple, set, frozenset)):
        if id(value) in seen:
            return "[Circular]"
        seen.add(id(value))
        try:
            if isinstance(value, Mapping):
                return {k if isinstance(k, str) else str(k): _jsonable(v, seen) for k, v in value.items()}
            return [_jsonable(v, seen) for v in value]
        finally:
            seen.discard(id(value))
    return str(value)


def _json_line(key: str, value: Any) -> str:
    """`{key: value}` as one JSON line."""
    try:
        return json.dumps({key: _jsonable(value, set())}, ensure_ascii=False)
    except RecursionError:
        return json.dumps({key: str(value)}, ensure_ascii=False)


class RedactingFilter(logging.Filter):
    """A ``logging.Filter`` that redacts every record it sees, in place.

    It redacts the formatted message (``msg % args``: the arguments are formatted first, then
    the result is redacted, and ``args`` is cleared; a ``dict`` of arguments, and a ``dict``
    logged as the message, first have the values of sensitive keys replaced), the exception
    text (``exc_text``, formatted as ``logging.Formatter`` does), ``stack_info``, and every
    other attribute of the record: the fields passed with ``extra=`` or added by other
    filters, which formatters print (``%(token)s``) and JSON formatters write out. Those are
    redacted as structured data (``Redactor.redact_json``): strings at any depth are scanned,
    and the value of a sensitive key (``password``, ``token``, ``api_key``... and the
    redactor's ``sensitive_keys``) is replaced whatever it holds, whatever the redactor's
    ``format``. A field that changes becomes its redacted JSON form (``str``, ``dict`` or
    ``list``); the others are left as they are. By default it also drops ``exc_info``, the
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
            for key in [k for k in record.__dict__ if k not in _RECORD_ATTRS]:
                record.__dict__[key] = "[REDACTED]"
            if "message" in record.__dict__:
                record.message = record.msg
        setattr(record, "_redactum_by", self.redactor)
        return True

    def _redact_record(self, record: logging.LogRecord) -> None:
        if isinstance(record.args, Mapping) and record.args:
            args = self._redact_mapping(record.args)
            if isinstance(args, Mapping):
                record.args = args
        if isinstance(record.msg, dict) and not record.args:
            msg = self._redact_mapping(record.msg)
        else:
            msg = None
        if isinstance(msg, dict):
            # Kept a dict: JSON formatters merge a dict message into the line.
            record.msg = msg
            record.args = None
        else:
            try:
                message = record.getMessage()
            except Exception:
                # Arguments that do not match the format: keep both, redacted, rather than let
                # logging print them raw in its error report.
                message = f"{record.msg!s} (arguments: {record.args!r})"
            record.msg = self._redact(message)
            record.args = None
        if "message" in record.__dict__:
            # Set by a formatter that ran before this filter (another handler's).
            record.message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = _EXC_FORMATTER.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if not self.keep_exc_info:
            record.exc_info = None
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        self._redact_fields(record)

    def _redact_fields(self, record: logging.LogRecord) -> None:
        fields = record.__dict__
        keys = [k for k in fields if k not in _RECORD_ATTRS]
        if not keys:
            return
        lines = [_json_line(k, fields[k]) for k in keys]
        for key, before, after in zip(keys, lines, self._redact_lines(lines)):
            if after is not before:
                fields[key] = after
        # A value too long for core's JSON lines was read as text: if its key is sensitive,
        # replace it whole.
        for key, line in zip(keys, lines):
            if len(line) * 4 > _MAX_JSON_LINE and len(line.encode("utf-8", "surrogatepass")) > _MAX_JSON_LINE:
                probe = _json_line(key, 0)
                (out,) = self._redact_lines([probe])
                if out is not probe:
                    fields[key] = out

    def _redact_mapping(self, value: Mapping[Any, Any]) -> Any:
        """`value` with sensitive keys and strings redacted, or `value` itself if unchanged."""
        line = _json_line("", value)
        (out,) = self._redact_lines([line])
        return value if out is line else out

    def _redact_lines(self, lines: list[str]) -> list[Any]:
        """Each `{key: value}` JSON line redacted: the new value, or the line object itself when
        nothing changed."""
        joined = "\n".join(lines)
        try:
            out = self.redactor.redact_json(joined)
        except UnicodeEncodeError:
            # Lone surrogates: JSON escapes (\\udcff) are scanned as the text they stand for.
            joined = "\n".join(json.dumps(json.loads(line)) for line in lines)
            out = self.redactor.redact_json(joined)
        if out == joined:
            return list(lines)
        results: list[Any] = []
        for line, before, after in zip(lines, joined.split("\n"), out.split("\n")):
            if after == before:
                results.append(line)
                continue
            try:
                results.append(next(iter(json.loads(after).values())))
            except (ValueError, StopIteration, AttributeError):
                results.append(after)  # still redacted, only not JSON
        return results

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

    Wraps ``logging.Logger.handle``, so each record is redacted when a logger handles it:
    after ``extra=`` fields are set on it, before any filter or handler (including handlers
    added later and those of third-party libraries) sees it. Returns the filter it applies.
    """
    f = RedactingFilter(redactor, keep_exc_info=keep_exc_info)
    handle = logging.Logger.handle

    @functools.wraps(handle)
    def redacting_handle(self: logging.Logger, record: logging.LogRecord) -> Any:
        f.filter(record)
        return handle(self, record)

    logging.Logger.handle = redacting_handle  # type: ignore[method-assign]
    return f
