from __future__ import annotations

import io
from typing import Any

import pytest

import redactum
from conftest import EMAIL, TOKEN, log_lines


def test_binary_stream(r: redactum.Redactor) -> None:
    data = ("\n".join(log_lines(5000, every=11)) + "\n").encode()
    dst = io.BytesIO()
    stats = r.redact_stream(io.BytesIO(data), dst)
    assert dst.getvalue() == r.redact_bytes(data)
    assert stats.bytes_read == len(data)
    assert stats.bytes_written == len(dst.getvalue())
    assert stats.findings == len(range(0, 5000, 11))
    assert "findings=" in repr(stats)


def test_text_stream_with_multibyte_characters(r: redactum.Redactor) -> None:
    text = "".join(f"ü😀 {i} {TOKEN if i % 3 == 0 else 'ok'} — {EMAIL}\n" for i in range(20000))
    dst = io.StringIO()
    r.redact_stream(io.StringIO(text), dst)
    assert dst.getvalue() == r.redact(text)


def test_text_file_to_binary_file(r: redactum.Redactor, tmp_path: Any) -> None:
    src_path, dst_path = tmp_path / "in.log", tmp_path / "out.log"
    src_path.write_text(f"é {TOKEN}\n" * 1000, encoding="utf-8")
    with open(src_path, encoding="utf-8") as src, open(dst_path, "wb") as dst:
        r.redact_stream(src, dst)
    assert dst_path.read_text(encoding="utf-8") == "é [REDACTED:test-token]\n" * 1000


class Trickle:
    """A reader that returns at most `n` items per read, to cut secrets and characters."""

    def __init__(self, data: Any, n: int) -> None:
        self.data, self.n, self.at, self.sizes = data, n, 0, []

    def read(self, size: int = -1) -> Any:
        self.sizes.append(size)
        n = self.n if size < 0 else min(self.n, size)
        chunk = self.data[self.at : self.at + n]
        self.at += len(chunk)
        return chunk


class Sink:
    """A writer that is not an io class: it takes the source's mode."""

    def __init__(self) -> None:
        self.parts: list[Any] = []

    def write(self, part: Any) -> int:
        self.parts.append(part)
        return len(part)


@pytest.mark.parametrize("n", [1, 3, 7, 4096])
def test_secrets_cut_between_reads_are_found(r: redactum.Redactor, n: int) -> None:
    text = f"a {TOKEN} 😀 {EMAIL} b\n" * 50
    src, dst = Trickle(text, n), Sink()
    r.redact_stream(src, dst)
    assert all(isinstance(p, str) for p in dst.parts)
    assert "".join(dst.parts) == r.redact(text)
    src_b, dst_b = Trickle(text.encode(), n), Sink()
    r.redact_stream(src_b, dst_b)
    assert all(isinstance(p, bytes) for p in dst_b.parts)
    assert b"".join(dst_b.parts) == r.redact(text).encode()


def test_stream_reads_in_bounded_chunks(r: redactum.Redactor) -> None:
    data = b"x" * (20 << 20)
    src = Trickle(data, 1 << 30)
    dst = Sink()
    r.redact_stream(src, dst)
    assert len(src.sizes) > 10 and max(src.sizes) <= 1 << 20
    assert max(len(p) for p in dst.parts) <= 4 << 20
    assert sum(len(p) for p in dst.parts) == len(data)


def test_errors_from_read_and_write_propagate(r: redactum.Redactor) -> None:
    class Boom(Exception):
        pass

    class BadReader:
        def read(self, size: int) -> bytes:
            raise Boom("read failed")

    class BadWriter:
        def write(self, data: bytes) -> int:
            raise Boom("write failed")

    with pytest.raises(Boom, match="read failed"):
        r.redact_stream(BadReader(), io.BytesIO())
    with pytest.raises(Boom, match="write failed"):
        r.redact_stream(io.BytesIO(b"abc\n"), BadWriter())


def test_bad_stream_objects(r: redactum.Redactor) -> None:
    class Numbers:
        def read(self, size: int) -> int:
            return 42

    with pytest.raises(TypeError, match="str or bytes"):
        r.redact_stream(Numbers(), io.BytesIO())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="read"):
        r.redact_stream(object(), io.BytesIO())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="write"):
        r.redact_stream(io.BytesIO(), object())  # type: ignore[arg-type]


def test_text_source_to_binary_destination_writes_utf8(r: redactum.Redactor) -> None:
    dst = io.BytesIO()
    r.redact_stream(io.StringIO(f"é {TOKEN}"), dst)  # type: ignore[misc]
    assert dst.getvalue() == "é [REDACTED:test-token]".encode()


def test_lone_surrogate_in_text_stream(r: redactum.Redactor) -> None:
    with pytest.raises(UnicodeEncodeError):
        r.redact_stream(io.StringIO("a \ud800 b"), io.StringIO())


def test_invalid_utf8_to_text_destination_is_replaced(r: redactum.Redactor) -> None:
    dst = io.StringIO()
    r.redact_stream(io.BytesIO(b"ok \xff " + TOKEN.encode() + b"\n"), dst)
    assert dst.getvalue() == "ok \ufffd [REDACTED:test-token]\n"


def test_empty_stream(r: redactum.Redactor) -> None:
    dst = io.BytesIO()
    stats = r.redact_stream(io.BytesIO(b""), dst)
    assert dst.getvalue() == b"" and stats.bytes_read == 0


def test_pipe_is_redacted_line_by_line(r: redactum.Redactor) -> None:
    # A buffered pipe: read(n) would wait for n bytes; each line must come out as soon as it
    # is complete, while the writer end is still open.
    import os
    import threading

    rfd, wfd = os.pipe()
    got: list[bytes] = []
    seen = threading.Event()

    class Out:
        def write(self, data: bytes) -> int:
            got.append(data)
            seen.set()
            return len(data)

    with os.fdopen(rfd, "rb") as src:
        t = threading.Thread(target=r.redact_stream, args=(src, Out()))
        t.start()
        try:
            os.write(wfd, f"first {TOKEN}\n".encode())
            assert seen.wait(30), "the first line was held back"
            assert b"".join(got) == b"first [REDACTED:test-token]\n"
        finally:
            os.close(wfd)
            t.join(30)
    assert not t.is_alive()
