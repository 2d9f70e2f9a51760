"""`gongkai render`: every output from one source; warnings, --strict, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.report.api import read_report
from gongkai.report.source import load_source

from .conftest import DEMO


@pytest.mark.parametrize("kind", ["html", "docx", "xlsx", "json", "csv"])
def test_render_writes_each_format_that_reads_back(tmp_path, kind):
    out = tmp_path / f"demo.{kind}"
    assert main(["render", str(DEMO), "--to", kind, "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data
    if kind in ("html", "docx", "xlsx", "json"):
        expected, _ = load_source(DEMO.read_bytes(), str(DEMO))
        assert read_report(data, out.name).tables_json() == expected.tables_json()


def test_default_output_is_next_to_the_source(tmp_path):
    source = tmp_path / "r.yaml"
    source.write_bytes(DEMO.read_bytes())
    assert main(["render", str(source), "--to", "html"]) == 0
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")


def test_json_to_stdout_and_back_from_audit_json(tmp_path, capsysbinary):
    assert main(["render", str(DEMO), "--to", "json", "-o", "-"]) == 0
    data = json.loads(capsysbinary.readouterr().out)
    audit = tmp_path / "audit.json"
    audit.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert main(["render", str(audit), "--to", "csv", "-o", "-"]) == 0
    assert b"received,total,12" in capsysbinary.readouterr().out


def _broken(tmp_path):
    text = DEMO.read_text("utf-8").replace(
        "total:                      [10, 1, 0, 0, 1, 0, 12]", "total: [10, 1, 0, 0, 1, 0, 13]"
    )
    source = tmp_path / "broken.yaml"
    source.write_text(text, "utf-8")
    return source


def test_errors_are_rendered_visibly_and_strict_refuses(tmp_path, capsys):
    pytest.importorskip("gongkai.report.checks")
    source = _broken(tmp_path)
    out = tmp_path / "broken.html"
    assert main(["render", str(source), "--to", "html", "-o", str(out)]) == 0
    page = out.read_text("utf-8")
    assert 'role="alert"' in page and "T3." in page
    out.unlink()
    assert main(["render", str(source), "--to", "html", "-o", str(out), "--strict"]) == 1
    assert not out.exists()
    assert "T3." in capsys.readouterr().err


def test_bad_source_exits_2_with_code_and_no_traceback(tmp_path, capsys):
    source = tmp_path / "bad.yaml"
    source.write_text("agency: 某局\nyear: 二〇二三\n", "utf-8")
    assert main(["render", str(source), "--to", "html"]) == 2
    err = capsys.readouterr().err
    assert "[S.type]" in err and "第2行" in err and "Traceback" not in err


def test_missing_file_and_binary_to_stdout(tmp_path, capsys):
    assert main(["render", str(tmp_path / "none.yaml"), "--to", "html"]) == 2
    assert "[R.unreadable]" in capsys.readouterr().err
    assert main(["render", str(DEMO), "--to", "xlsx", "-o", "-"]) == 2
    assert "[O.binary]" in capsys.readouterr().err


SEED = Path(__file__).resolve().parents[3] / ".." / "shared" / "seed" / "000_a817628b4ef7e32e.txt"


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")
@pytest.mark.parametrize("kind", ["html", "docx", "xlsx", "json"])
def test_published_seed_report_re_renders_with_the_same_tables(tmp_path, kind):
    original = read_report(SEED.read_bytes(), SEED.name)
    out = tmp_path / f"seed.{kind}"
    assert main(["render", str(SEED), "--to", kind, "-o", str(out)]) == 0
    again = read_report(out.read_bytes(), out.name)
    assert again.tables_json() == original.tables_json()
    assert len(again.three.cells) == 175
    assert again.title == original.title
