"""`gongkai check`: the "Done when" scenario on a copy of the seed report, JSON Lines, errors, formats."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from gongkai.cli import main

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "000_a817628b4ef7e32e.txt"
ID = "110101199003074514"
MOBILE = "13912345678"
PLANTED = (
    f"本单位工作人员身份证号码{ID}，手机{MOBILE}。依据国家卫生和计划生育委员会国卫办发(2017)12号文件。\n"
)

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="shared seed report not present")


def _planted_copy(tmp_path: Path) -> tuple[Path, bytes]:
    original = SEED.read_bytes()
    text = original.decode("utf-8")
    at = text.index("（四）政府信息公开平台建设情况")
    planted = (text[:at] + PLANTED + text[at:]).encode("utf-8")
    path = tmp_path / "report.txt"
    path.write_bytes(planted)
    return path, planted


def _json_lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


@needs_seed
def test_done_when_planted_seed_report(tmp_path, capsys):
    path, planted = _planted_copy(tmp_path)
    out_dir = tmp_path / "redacted"
    code = main(["check", str(path), "--json", "--redact", str(out_dir)])
    assert code == 1  # valid personal data unredacted: blocking
    (record,) = _json_lines(capsys)
    found = {(f["code"], f["text"]) for f in record["findings"]}
    assert ("PD.id_number", ID) in found
    assert ("PD.mobile", MOBILE) in found
    assert ("C.outdated_name", "国家卫生和计划生育委员会") in found
    assert ("N.doc_number_bracket", "(2017)12号") in found
    for f in record["findings"]:
        assert set(f) >= {"code", "severity", "start", "end", "line", "column", "text", "suggestion"}
    # --redact masks the ID and the phone, and leaves every other byte as it was
    redacted = (out_dir / "report.txt").read_bytes()
    expected = planted.replace(ID.encode(), b"110101********4514").replace(MOBILE.encode(), b"139****5678")
    assert redacted == expected
    assert path.read_bytes() == planted
    # the redacted copy no longer blocks
    assert main(["check", str(out_dir / "report.txt")]) == 0


@needs_seed
def test_unmodified_seed_does_not_block(capsys):
    assert main(["check", str(SEED), "--json"]) == 0
    (record,) = _json_lines(capsys)
    assert not record["blocking"]
    assert not [f for f in record["findings"] if f["code"].startswith("PD.")]


def test_human_output_has_context(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("我们迫不急待地开展工作。\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "【迫不急待】" in out and "迫不及待" in out and "1:3" in out


def test_unreadable_files_do_not_stop_the_batch(tmp_path, capsys):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    good = tmp_path / "good.txt"
    good.write_text("按装设备。", encoding="utf-8")
    code = main(
        ["check", str(broken), str(tmp_path / "missing.pdf"), str(tmp_path / "x.xlsx"), str(good), "--json"]
    )
    assert code == 2
    lines = _json_lines(capsys)
    assert [line.get("error", {}).get("code") for line in lines] == [
        "E.unreadable",
        "E.not_found",
        "E.not_found",
        None,
    ]
    assert lines[3]["findings"][0]["code"] == "C.typo"
    bad_pdf = tmp_path / "bad.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4 garbage")
    assert main(["check", str(bad_pdf)]) == 2
    assert "E.unreadable" in capsys.readouterr().out


def test_extra_dictionary_and_docx_html(tmp_path, capsys):
    extra = tmp_path / "agency.tsv"
    extra.write_text(
        "# kind: typos\n# name: a\n# version: 1\n# date: 2025-01-01\n# source: 本机关\n# columns: wrong right\n"
        "融媒中心\t融媒体中心\n",
        encoding="utf-8",
    )
    document = docx.Document()
    document.add_paragraph("硚口区融媒中心")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "秘密★1年"
    docx_path = tmp_path / "r.docx"
    document.save(str(docx_path))
    html_path = tmp_path / "r.html"
    html_path.write_text(
        "<html><head><title>t</title><script>var x='按装';</script></head>"
        "<body><p>设备按装</p><div>手机13812345678</div></body></html>",
        encoding="gbk",
    )
    code = main(
        [
            "check",
            str(docx_path),
            str(html_path),
            "--dict",
            str(extra),
            "--json",
            "--redact",
            str(tmp_path / "o"),
        ]
    )
    assert code == 1
    docx_record, html_record = _json_lines(capsys)
    assert {f["code"] for f in docx_record["findings"]} >= {"C.typo", "S.classified"}
    html_codes = [(f["code"], f["text"]) for f in html_record["findings"]]
    assert html_codes.count(("C.typo", "按装")) == 1  # script text is not visible text
    assert ("PD.mobile", "13812345678") in html_codes
    redacted_html = (tmp_path / "o" / "r.html").read_bytes()
    assert "138****5678".encode("gbk") in redacted_html
    assert (
        redacted_html.replace("138****5678".encode("gbk"), "13812345678".encode("gbk"))
        == html_path.read_bytes()
    )


@pytest.mark.skipif(not (SHARED / "fixtures" / "real" / "hongze-2024.pdf").exists(), reason="no PDF fixture")
def test_real_pdf_reads_without_false_alarms(tmp_path, capsys):
    pdf = SHARED / "fixtures" / "real" / "hongze-2024.pdf"
    assert main(["check", str(pdf), "--json", "--redact", str(tmp_path)]) == 0
    (record,) = _json_lines(capsys)
    codes = {f["code"] for f in record["findings"]}
    assert "N.unpaired" not in codes  # PDF line breaks are layout, not paragraphs
    assert (tmp_path / "hongze-2024.redacted.txt").exists()


def test_bad_dictionary_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "bad.tsv"
    bad.write_text("no header\n", encoding="utf-8")
    good = tmp_path / "g.txt"
    good.write_text("正文", encoding="utf-8")
    assert main(["check", str(good), "--dict", str(bad)]) == 2
    assert "词典" in capsys.readouterr().err
