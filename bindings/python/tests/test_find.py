from __future__ import annotations

import redactum
from conftest import EMAIL, TOKEN, TOKEN2


def test_offsets_are_code_points_with_emoji(r: redactum.Redactor) -> None:
    # 🔑 is one code point outside the BMP (4 UTF-8 bytes, 2 UTF-16 units); the family emoji
    # is five code points joined by zero-width joiners.
    text = f"🔑 👩‍👩‍👧 é {TOKEN} ✓ 😀 {EMAIL}!"
    found = r.find(text)
    assert [f.rule_id for f in found] == ["test-token", "test-email"]
    assert [text[f.start : f.end] for f in found] == [TOKEN, EMAIL]
    data = text.encode("utf-8")
    assert [data[f.byte_start : f.byte_end].decode() for f in found] == [TOKEN, EMAIL]
    assert found[0].byte_start > found[0].start
    assert [f.category for f in found] == ["secret", "pii"]


def test_ascii_offsets_equal_byte_offsets(r: redactum.Redactor) -> None:
    text = f"a {TOKEN} b {TOKEN2}"
    for f in r.find(text):
        assert (f.start, f.end) == (f.byte_start, f.byte_end)
        assert text[f.start : f.end] in (TOKEN, TOKEN2)


def test_find_agrees_with_redact(r: redactum.Redactor) -> None:
    text = f"ü {TOKEN}\n😀 {EMAIL} {TOKEN2}\n"
    out, at = [], 0
    for f in r.find(text):
        out.append(text[at : f.start] + f"[REDACTED:{f.rule_id}]")
        at = f.end
    out.append(text[at:])
    assert "".join(out) == r.redact(text)


def test_overlapping() -> None:
    rules = r"""
[[rule]]
id = "long"
name = "long"
category = "secret"
keywords = ["key"]
pattern = 'key-[0-9]{8}'

[[rule]]
id = "short"
name = "short"
category = "secret"
keywords = ["key"]
pattern = 'key-[0-9]{4}'
"""
    r = redactum.Redactor(rules=rules)
    text = "🙂 key-12345678"
    merged = r.find(text)
    assert [(f.rule_id, text[f.start : f.end]) for f in merged] == [("long", "key-12345678")]
    every = r.find(text, overlapping=True)
    assert sorted((f.rule_id, text[f.start : f.end]) for f in every) == [("long", "key-12345678"), ("short", "key-1234")]


def test_finding_value_semantics(r: redactum.Redactor) -> None:
    a, b = r.find(TOKEN), r.find(TOKEN)
    assert a == b and hash(a[0]) == hash(b[0])
    assert len({a[0], b[0]}) == 1
    assert repr(a[0]) == "Finding(rule_id='test-token', category='secret', start=0, end=20, byte_start=0, byte_end=20)"
