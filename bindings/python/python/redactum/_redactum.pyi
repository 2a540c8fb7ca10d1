"""Type stubs of the compiled module; tests/test_stubs.py checks them against it."""

import os
from typing import Callable, Iterable, List, Mapping, Optional, Sequence, Tuple, Union, final, overload

from _typeshed import SupportsRead, SupportsWrite
from typing_extensions import TypeAlias

__all__ = ["__version__", "Redactor", "Finding", "RuleInfo", "StreamStats", "Vault", "_panic_for_tests",
           "_column_redact", "_column_is_match", "_column_find", "_polars_plugin_seed"]

__version__: str

_RuleSource: TypeAlias = Union[str, "os.PathLike[str]"]

@final
class Redactor:
    """Finds and replaces secrets and personal data. Built once; thread-safe; picklable."""

    def __new__(
        cls,
        *,
        rules: Union[_RuleSource, Sequence[_RuleSource], None] = None,
        extra_rules: Union[_RuleSource, Sequence[_RuleSource], None] = None,
        categories: Union[str, Iterable[str], None] = None,
        style: str = "label",
        key: Union[str, bytes, None] = None,
        keep_start: int = 4,
        keep_end: int = 4,
        only_rules: Union[str, Iterable[str], None] = None,
        disable_rules: Union[str, Iterable[str], None] = None,
        format: str = "auto",
        sensitive_keys: Union[str, Iterable[str], None] = None,
        personal_keys: Optional[Mapping[str, str]] = None,
        fail_closed: bool = False,
        style_for: Optional[Mapping[str, str]] = None,
        replace_with: Optional[Callable[[str, str], str]] = None,
    ) -> Redactor: ...
    def redact(self, text: str) -> str: ...
    def redact_bytes(self, data: Union[bytes, bytearray]) -> bytes: ...
    def redact_json(self, text: str) -> str: ...
    def redact_with_findings(self, text: str) -> Tuple[str, List[Finding]]: ...
    def find(self, text: str, *, overlapping: bool = False) -> List[Finding]: ...
    def is_match(self, text: str) -> bool: ...
    @overload
    def redact_batch(self, texts: Iterable[str], threads: Optional[int] = None) -> List[str]: ...
    @overload
    def redact_batch(
        self, texts: Iterable[Optional[str]], threads: Optional[int] = None
    ) -> List[Optional[str]]: ...
    def redact_stream(
        self,
        src: Union[SupportsRead[str], SupportsRead[bytes]],
        dst: Union[SupportsWrite[str], SupportsWrite[bytes]],
    ) -> StreamStats: ...
    def rules(self) -> List[RuleInfo]: ...
    @property
    def style(self) -> str: ...
    def __reduce__(self) -> tuple[object, ...]: ...
    def __getnewargs_ex__(self) -> tuple[tuple[()], dict[str, object]]: ...
    def __copy__(self) -> Redactor: ...
    def __deepcopy__(self, _memo: object) -> Redactor: ...

@final
class Finding:
    """One redacted span: ``text[f.start:f.end]`` is the secret (code points); ``byte_start``
    and ``byte_end`` are offsets into its UTF-8 encoding."""

    @property
    def rule_id(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class RuleInfo:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def keywords(self) -> List[str]: ...

@final
class StreamStats:
    @property
    def bytes_read(self) -> int: ...
    @property
    def bytes_written(self) -> int: ...
    @property
    def findings(self) -> int: ...

def _panic_for_tests() -> None: ...  # test builds only (the test-hooks feature)

@final
class Vault:
    """Placeholders given out in a conversation and the values they stand for."""

    def __new__(cls) -> Vault: ...
    def redact(self, redactor: Redactor, text: str) -> str: ...
    def restore(self, text: str) -> str: ...
    def merge(self, other: Vault) -> dict[str, str]: ...
    def to_json(self) -> str: ...
    @staticmethod
    def from_json(json: str) -> Vault: ...
    def get(self, placeholder: str) -> Optional[str]: ...
    def entries(self) -> list[tuple[str, str, str]]: ...
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[object, ...]: ...

# Arrow string columns (src/columnar.rs), private to redactum.arrow: the buffers are pyarrow
# Buffers (or None), read in place.
def _column_redact(
    redactor: Redactor,
    large: bool,
    length: int,
    offset: int,
    validity: Optional[object],
    offsets: Optional[object],
    data: Optional[object],
    threads: Optional[int] = None,
) -> tuple[bytes, bytes, Optional[bytes]]: ...
def _column_is_match(
    redactor: Redactor,
    large: bool,
    length: int,
    offset: int,
    validity: Optional[object],
    offsets: Optional[object],
    data: Optional[object],
    threads: Optional[int] = None,
) -> tuple[bytes, Optional[bytes]]: ...
def _column_find(
    redactor: Redactor,
    large: bool,
    length: int,
    offset: int,
    validity: Optional[object],
    offsets: Optional[object],
    data: Optional[object],
    threads: Optional[int] = None,
) -> tuple[int, list[bytes], bytes, list[str], list[str]]: ...
def _polars_plugin_seed(redactor: Redactor, kwargs: bytes) -> None: ...
