"""The binary readers never raise: arbitrary bytes and damaged real files give findings."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.report.findings import CHECKS
from gongkai.report.model import Document
from gongkai.report.readers import docx, pdf

from .test_docx import sample_docx
from .test_pdf import HAS_FONT, merged_pdf

READERS = {"docx": docx.read, "pdf": pdf.read}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_sound(doc: Document) -> None:
    assert isinstance(doc, Document)
    assert all(f.check in CHECKS for f in doc.findings)
    assert doc.blocks or doc.findings  # something was read, or we say why not


@cache
def valid(kind: str) -> bytes:
    return sample_docx() if kind == "docx" else merged_pdf()


@pytest.mark.parametrize("kind", sorted(READERS))
@SETTINGS
@given(data=st.binary(max_size=4096))
def test_arbitrary_bytes(kind, data):
    assert_sound(READERS[kind](data, path=f"fuzz.{kind}"))


@pytest.mark.parametrize("kind", sorted(READERS))
@SETTINGS
@given(data=st.data())
def test_damaged_valid_file(kind, data):
    if kind == "pdf" and not HAS_FONT:
        pytest.skip("fonts-noto-cjk is not installed")
    original = bytearray(valid(kind))
    flips = data.draw(
        st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(1, 255)), min_size=1, max_size=8)
    )
    for index, mask in flips:
        original[index] ^= mask
    if data.draw(st.booleans()):
        original = original[: data.draw(st.integers(0, len(original)))]
    assert_sound(READERS[kind](bytes(original), path=f"damaged.{kind}"))


@pytest.mark.parametrize("kind", sorted(READERS))
@SETTINGS
@given(
    prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b""]),
    tail=st.binary(max_size=2048),
)
def test_misleading_signatures(kind, prefix, tail):
    assert_sound(READERS[kind](prefix + tail))
