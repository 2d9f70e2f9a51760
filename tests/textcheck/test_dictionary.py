"""Dictionaries as data: built-in content, merge order, forward and reverse checks."""

from __future__ import annotations

import json
from datetime import date

import pytest

from gongkai.textcheck import CheckConfig, Checker, Code, DictionaryError, check_text, load_dictionaries
from gongkai.textcheck.dictionary import BUILTIN_DIR, DictionarySet


def found(text: str, checker: Checker | None = None) -> list[tuple[str, str, str]]:
    findings = checker.check(text) if checker else check_text(text)
    return [(f.code.value, f.text, f.suggestion) for f in findings if f.code.value.startswith("C.")]


def test_builtin_dictionaries_are_big_enough_and_sourced():
    builtin = DictionarySet.builtin()
    for dictionary in builtin.dictionaries:
        for key in ("version", "date", "source", "name"):
            assert dictionary.meta[key], (dictionary.path, key)
    terms = builtin.terms().values()
    typos = [t for t in terms if t.code is Code.TYPO]
    outdated = [t for t in terms if t.code is Code.OUTDATED_NAME]
    assert len(typos) >= 500
    assert len(outdated) >= 100
    assert all(t.changed and t.source for t in outdated)
    for t in outdated:
        date.fromisoformat(t.changed if t.changed.count("-") == 2 else t.changed + "-01")


def test_no_wrong_form_is_a_suggested_form():
    terms = DictionarySet.builtin().terms()
    suggestions = {t.suggestion for t in terms.values()}
    assert not set(terms) & suggestions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("按装调试", [("C.typo", "按装", "安装")]),
        ("大家迫不急待", [("C.typo", "迫不急待", "迫不及待")]),
        ("按装修标准执行", []),  # 按 + 装修: a longer correct form protects it
        ("建立工作台帐", [("C.typo", "台帐", "台账")]),
        ("国家卫生和计划生育委员会", [("C.outdated_name", "国家卫生和计划生育委员会", "国家卫生健康委员会")]),
        ("国家卫生健康委员会", []),
        ("市场监督管理局", []),
        ("区工商行政管理局", [("C.outdated_name", "工商行政管理局", "市场监督管理局")]),
        ("原国土资源局", []),  # deliberate historical reference
        ("住房和城乡建设厅", []),
        ("卫生部门", []),
        ("截止2022年底", [("C.wrong_expression", "截止20", "截至20")]),
    ],
)
def test_forward_check(text, expected):
    assert found(text) == expected


def test_outdated_names_respect_as_of():
    early = Checker(CheckConfig(as_of=date(2017, 12, 31)))
    assert found("国家卫生和计划生育委员会", early) == []
    assert found("国家卫生和计划生育委员会", Checker(CheckConfig(as_of=date(2018, 6, 1))))


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_merge_order_builtin_supervisor_agency(tmp_path):
    supervisor = _write(
        tmp_path / "sup.tsv",
        "# kind: typos\n# name: sup\n# version: 1\n# date: 2025-01-01\n# source: 主管部门\n# columns: wrong right\n"
        "按装\t安置\n硚口区融媒中心\t硚口区融媒体中心\n",
    )
    agency = _write(
        tmp_path / "agency.yaml",
        "meta: {kind: typos, name: agency, version: 2, date: 2025-02-01, source: 本机关}\n"
        "entries:\n  - [按装, 安装好]\n  - {wrong: 迫不急待, right: '-'}\n",
    )
    dictionaries = load_dictionaries(agency=[agency], supervisor=[supervisor])
    assert [d.level for d in dictionaries.ordered()][-2:] == ["supervisor", "agency"]
    terms = dictionaries.terms()
    assert terms["按装"].suggestion == "安装好"  # agency overrides supervisor overrides built-in
    assert "迫不急待" not in terms  # withdrawn by the agency
    checker = Checker(CheckConfig(dictionaries=dictionaries))
    assert found("硚口区融媒中心", checker) == [("C.typo", "硚口区融媒中心", "硚口区融媒体中心")]


def test_json_dictionary_and_bad_files(tmp_path):
    good = tmp_path / "w.json"
    meta = {"kind": "wrong_expressions", "name": "j", "version": "1", "date": "2025-01-01", "source": "测试"}
    good.write_text(
        json.dumps({"meta": meta, "entries": [{"wrong": "甲乙丙", "right": "丙乙甲"}]}), encoding="utf-8"
    )
    checker = Checker(CheckConfig(dictionaries=load_dictionaries([good])))
    assert found("甲乙丙", checker) == [("C.wrong_expression", "甲乙丙", "丙乙甲")]
    missing = _write(tmp_path / "m.tsv", "# kind: typos\n# name: x\n# columns: wrong right\n甲\t乙\n")
    with pytest.raises(DictionaryError, match="version"):
        load_dictionaries([missing])
    with pytest.raises(DictionaryError):
        load_dictionaries([_write(tmp_path / "x.txt", "hello")])


def test_reverse_check_names_and_titles(tmp_path):
    canonical = _write(
        tmp_path / "canonical.yaml",
        "meta: {kind: canonical, name: qk, version: 1, date: 2025-01-01, source: 本机关}\n"
        "agencies:\n"
        "  - full_name: 武汉市硚口区融媒体中心\n"
        "    accepted: [硚口区融媒体中心]\n"
        "    wrong_variants: [桥口区融媒体中心]\n"
        "    people:\n"
        "      - {name: 王建国, title: 主任, former_titles: [副主任]}\n",
    )
    checker = Checker(CheckConfig(dictionaries=load_dictionaries(agency=[canonical])))

    def reverse(text):
        return [(f.code.value, f.text) for f in checker.check(text) if f.code.value.startswith("C.reverse")]

    assert reverse("武汉市硚口区融媒体中心发布") == []
    assert reverse("硚口区融媒体中心发布") == []
    assert reverse("桥口区融媒体中心发布") == [("C.reverse_name", "桥口区融媒体中心")]
    assert reverse("武汉市硚口区融媒中心发布") == [("C.reverse_name", "武汉市硚口区融媒中心")]  # dropped 体
    assert reverse("武汉市硚口区融煤体中心发布") == [("C.reverse_name", "武汉市硚口区融煤体中心")]  # 媒→煤
    assert reverse("主任王建国讲话") == []
    assert reverse("王建国主任讲话") == []
    assert reverse("副主任王建国讲话") == [
        ("C.reverse_title", "王建国")
    ]  # former title, though it contains 主任
    assert reverse("王建国同志讲话") == [("C.reverse_title", "王建国")]


def test_builtin_dir_holds_data_files_only():
    assert sorted(p.suffix for p in BUILTIN_DIR.iterdir()) == [".tsv"] * 4
