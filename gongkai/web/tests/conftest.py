"""Fixtures for the web tests: the real seed report (used in place, skipped when absent), a copy
with one table-三 number changed, and small synthetic reports written as HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.formats import FORMAT_2021
from gongkai.report.synth import generate_report, mutate_cell
from gongkai.report.writers.html import write

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
SEED = SHARED / "seed" / "000_a817628b4ef7e32e.txt"


@pytest.fixture
def seed_bytes() -> bytes:
    if not SEED.is_file():
        pytest.skip(f"the seed report is not available at {SEED}")
    return SEED.read_bytes()


def break_received_natural_person(data: bytes, value: str = "5") -> bytes:
    """The seed with table 三 `received.natural_person` changed from 0: the first value line after
    the row's label (DOMAIN §0.5 layout: one tab-indented cell per line)."""
    label = FORMAT_2021.three.row("received").label
    lines = data.decode("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == label)
    assert "0" in lines[at + 1], "the seed layout changed"
    lines[at + 1] = lines[at + 1].replace("0", value)
    return "\n".join(lines).encode("utf-8")


@pytest.fixture
def broken_seed_bytes(seed_bytes: bytes) -> bytes:
    return break_received_natural_person(seed_bytes)


@pytest.fixture
def synth_html() -> bytes:
    """A consistent 2022 report (no table errors by construction), as published HTML."""
    return write(generate_report(7, year=2022))


@pytest.fixture
def synth_broken_html() -> bytes:
    """The same report with table 三 `granted.total` off by one."""
    return write(mutate_cell(generate_report(7, year=2022), "three", "granted.total", 1))
