"""Redaction: masked text, a record of what was masked, byte-identical TXT, DOCX runs kept."""

from __future__ import annotations

import docx
import pytest

from gongkai.textcheck import (
    Checker,
    Code,
    MaskRule,
    RedactionPolicy,
    check_text,
    redact,
    redact_docx,
    redact_txt_file,
)

ID = "110101199003074514"
MOBILE = "13812345678"


def test_redact_text_default_policy():
    text = f"身份证{ID}，手机{MOBILE}，电话027-85712345，姓名：张三，邮箱zhang@example.com"
    result = redact(text, check_text(text))
    assert "110101********4514" in result.text
    assert "138****5678" in result.text
    assert "027-85712345" in result.text  # landlines are usually the agency's: kept by default
    assert "姓名：张某" in result.text
    assert "z****@example.com" in result.text
    assert len(result.text) == len(text)
    assert [r.code for r in result.redactions] == [Code.ID_NUMBER, Code.MOBILE, Code.NAME, Code.EMAIL]
    assert all(ID not in str(r.as_dict()) for r in result.redactions)  # the record keeps no original


def test_policy_is_configurable():
    text = f"身份证{ID}"
    policy = RedactionPolicy.default().with_rule(Code.ID_NUMBER, MaskRule(0, 0, char="#"))
    assert redact(text, check_text(text), policy).text == "身份证" + "#" * 18
    assert redact(text, check_text(text), RedactionPolicy({})).text == text


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-8-sig"])
def test_txt_redaction_keeps_every_other_byte(tmp_path, codec):
    text = f"第一行\r\n联系电话{MOBILE}，号码{ID}。\r\n第三行：其它内容\r\n"
    src = tmp_path / "in.txt"
    src.write_bytes(text.encode(codec))
    dst = tmp_path / "out" / "in.txt"
    dst.parent.mkdir()
    records = redact_txt_file(src, dst, Checker())
    assert len(records) == 2
    expected = text.replace(MOBILE, "138****5678").replace(ID, "110101********4514").encode(codec)
    assert dst.read_bytes() == expected
    assert src.read_bytes() == text.encode(codec)  # original untouched
    with pytest.raises(ValueError):
        redact_txt_file(src, src, Checker())


def _docx_with_split_runs(path):
    document = docx.Document()
    p = document.add_paragraph("申请人身份证号")
    r1 = p.add_run(ID[:8])
    r1.bold = True
    r2 = p.add_run(ID[8:])
    r2.italic = True
    p.add_run("，手机")
    p.add_run(MOBILE)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "联系人：李四"
    table.cell(0, 1).text = "无个人信息"
    document.add_paragraph("国家卫生和计划生育委员会")
    document.save(str(path))


def test_docx_redaction_round_trip(tmp_path):
    src = tmp_path / "report.docx"
    _docx_with_split_runs(src)
    before = src.read_bytes()
    dst = tmp_path / "out.docx"
    records = redact_docx(src, dst, Checker())
    assert {r.code for r in records} == {Code.ID_NUMBER, Code.MOBILE, Code.NAME}
    assert src.read_bytes() == before
    out = docx.Document(str(dst))
    runs = out.paragraphs[0].runs
    assert [r.text for r in runs] == ["申请人身份证号", "110101**", "******4514", "，手机", "138****5678"]
    assert runs[1].bold and runs[2].italic  # formatting kept on both halves of the split match
    assert out.tables[0].cell(0, 0).text == "联系人：李某"
    assert out.tables[0].cell(0, 1).text == "无个人信息"
    assert out.paragraphs[1].text == "国家卫生和计划生育委员会"  # not personal data: untouched
    # the masked copy has nothing left to mask
    again = tmp_path / "again.docx"
    assert redact_docx(dst, again, Checker()) == []
