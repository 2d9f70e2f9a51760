"""年报体检 page through Django's test client: uploads, paste, limits, bad input, download, API."""

from __future__ import annotations

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lxml import html as lxml_html

from gongkai.report.findings import CHECKS, Finding, Severity
from gongkai.report.formats import FORMAT_2021
from gongkai.web.presenters import finding_cells, highlights

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def page(response) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(response.content.decode("utf-8"))


def cell(doc, index: int, table: str, key: str):
    found = doc.xpath(
        f'//article[@id="report-{index}"]//table[@data-table="{table}"]//td[@data-cell="{key}"]'
    )
    assert len(found) == 1, f"cell {table}/{key} of report {index} not rendered"
    return found[0]


def checks_shown(doc, index: int = 1) -> set[str]:
    return set(doc.xpath(f'//article[@id="report-{index}"]//li[contains(@class, "finding")]/@data-check'))


# ---------------------------------------------------------------- the empty page


def test_page_is_chinese_accessible_and_offers_multiple_upload(client: Client):
    response = client.get("/audit/")
    assert response.status_code == 200
    doc = page(response)
    assert doc.get("lang") == "zh-CN"
    assert doc.xpath("//h1")[0].text_content() == "年报体检"
    files = doc.xpath('//input[@type="file" and @name="files"]')[0]
    assert files.get("multiple") is not None
    for name in ("files", "text", "prior"):
        control = doc.xpath(f'//*[@name="{name}"]')[0]
        assert doc.xpath(f'//label[@for="{control.get("id")}"]'), f"{name} has no label"
    assert "不会保存" in response.content.decode()
    assert doc.xpath('//meta[@name="viewport"]')


@pytest.mark.django_db
def test_audit_page_is_linked_from_the_portal_home(client: Client):
    response = client.get("/")
    assert response.status_code == 200 and 'href="/audit/"' in response.content.decode()


# ---------------------------------------------------------------- a real report


def test_seed_report_is_identified_and_its_tables_shown(client: Client, seed_bytes: bytes):
    response = client.post("/audit/", {"files": [upload("seed.txt", seed_bytes)]})
    assert response.status_code == 200
    doc = page(response)
    article = doc.xpath('//article[@id="report-1"]')[0]
    text = article.text_content()
    assert "硚口区融媒体中心" in text and "2022年度" in text
    assert f"2021版格式（{FORMAT_2021.issued_by}）" in text
    assert article.get("data-verdict") == "ok", text
    # 175 + 10 + 15 data cells, every one addressable, and none highlighted in a correct report.
    cells = article.xpath(".//td[@data-cell]")
    assert len(cells) == 200
    assert not article.xpath('.//td[@data-cell][contains(@class, "error")]')
    # The §11 heading variant: section 五 found without its numeral.
    problems = FORMAT_2021.section("problems")
    row = article.xpath(f'.//table[@class="sections"]//tr[th="{problems.heading}"]')[0]
    assert row.xpath("td")[0].text_content() == problems.title
    assert "X.heading" in checks_shown(doc)


def test_broken_cell_is_reported_as_error_and_highlighted(client: Client, broken_seed_bytes: bytes):
    response = client.post("/audit/", {"files": [upload("broken.txt", broken_seed_bytes)]})
    assert response.status_code == 200
    doc = page(response)
    assert doc.xpath('//article[@id="report-1"]')[0].get("data-verdict") == "errors"
    shown = checks_shown(doc)
    assert {"T3.balance", "T3.total_col"} <= shown
    error_group = doc.xpath('//article[@id="report-1"]//div[contains(@class, "finding-group")]')[0]
    assert "error" in error_group.get("class") and error_group.xpath("h5")[0].text_content().startswith(
        "错误"
    )
    td = cell(doc, 1, "three", "received.natural_person")
    assert "error" in td.get("class", "").split()
    assert td.text_content().strip() == "5"
    assert "T3.balance" in td.get("title", "")
    # the finding links to the highlighted cell
    assert doc.xpath(f'//a[@href="#{td.get("id")}"]')


def test_paste_is_audited_like_an_upload(client: Client, broken_seed_bytes: bytes):
    response = client.post("/audit/", {"text": broken_seed_bytes.decode("utf-8")})
    assert response.status_code == 200
    doc = page(response)
    assert "粘贴的文本" in doc.xpath('//article[@id="report-1"]//h3')[0].text_content()
    assert "T3.balance" in checks_shown(doc)
    assert "error" in cell(doc, 1, "three", "received.natural_person").get("class", "")


def test_several_files_each_get_their_own_result(client: Client, synth_html: bytes, synth_broken_html: bytes):
    response = client.post(
        "/audit/", {"files": [upload("good.html", synth_html), upload("bad.html", synth_broken_html)]}
    )
    assert response.status_code == 200
    doc = page(response)
    articles = doc.xpath('//article[contains(@class, "report-result")]')
    assert [a.get("data-verdict") for a in articles] == ["ok", "errors"]
    assert "T3.total_col" in checks_shown(doc, 2) and "T3.total_row" in checks_shown(doc, 2)
    assert "error" in cell(doc, 2, "three", "granted.total").get("class", "")
    assert "error" not in cell(doc, 1, "three", "granted.total").get("class", "")
    # each report's element ids are its own, so anchors and `headers` never cross reports
    first, second = (set(a.xpath(".//@id")) for a in articles)
    assert first and second and not first & second
    assert len(doc.xpath('//nav[@aria-label="报告列表"]//li')) == 2


def test_prior_year_report_is_used_for_cross_year_checks(client: Client):
    from gongkai.report.synth import generate_report
    from gongkai.report.writers.html import write

    prior = generate_report(11, year=2021, agency="云溪市教育局")
    current = generate_report(12, year=2022, agency="云溪市教育局")
    response = client.post(
        "/audit/",
        {"files": [upload("2022.html", write(current))], "prior": upload("2021.html", write(prior))},
    )
    assert response.status_code == 200
    doc = page(response)
    text = doc.xpath('//article[@id="report-1"]')[0].text_content()
    assert "2021.html" in text
    not_run = doc.xpath('//article[@id="report-1"]//ul[@class="not-run"]//code/text()')
    assert "T3.carry_continuity" not in not_run


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40),
        ("garbage.docx", b"PK\x03\x04" + b"\x00\xff" * 500),
        ("noise.bin", bytes(range(256)) * 20),
        ("empty.txt", b""),
        ("blank.txt", b"   \n\n  "),
    ],
)
def test_unreadable_files_give_a_coded_chinese_message_not_a_500(client: Client, name: str, data: bytes):
    response = client.post("/audit/", {"files": [upload(name, data)]})
    assert response.status_code == 200
    doc = page(response)
    article = doc.xpath('//article[@id="report-1"]')[0]
    assert article.get("data-verdict") in {"unreadable", "errors"}
    codes = [c for c in checks_shown(doc) if c.startswith(("R.", "X.", "T"))]
    assert codes, article.text_content()
    messages = article.xpath('.//li[contains(@class, "finding")]//p[@class="message"]')
    assert all(re.search(r"[\u4e00-\u9fff]", m.text_content()) for m in messages)


def test_empty_upload_is_r_empty(client: Client):
    response = client.post("/audit/", {"files": [upload("zero.txt", b"")]})
    doc = page(response)
    assert doc.xpath('//article[@id="report-1"]')[0].get("data-verdict") == "unreadable"
    assert "R.empty" in checks_shown(doc)
    assert CHECKS["R.empty"].title in doc.text_content()


def test_nothing_submitted(client: Client):
    response = client.post("/audit/", {"text": "   "})
    assert response.status_code == 400
    assert page(response).xpath('//div[@id="problem"]')[0].get("data-code") == "nothing"


def test_too_many_files(client: Client, settings):
    settings.GONGKAI_AUDIT_MAX_FILES = 2
    files = [upload(f"{i}.txt", b"x") for i in range(3)]
    response = client.post("/audit/", {"files": files})
    assert response.status_code == 400
    problem = page(response).xpath('//div[@id="problem"]')[0]
    assert problem.get("data-code") == "too_many_files"
    assert "最多检查2份" in problem.text_content()


def test_file_over_the_size_limit(client: Client, settings):
    settings.GONGKAI_AUDIT_MAX_FILE_BYTES = 1000
    response = client.post("/audit/", {"files": [upload("big.txt", b"0" * 5000)]})
    assert response.status_code == 400
    problem = page(response).xpath('//div[@id="problem"]')[0]
    assert problem.get("data-code") == "file_too_large"
    assert "big.txt" in problem.text_content()


def test_huge_paste_over_the_character_limit(client: Client, settings):
    settings.GONGKAI_AUDIT_MAX_PASTE_CHARS = 10_000
    response = client.post("/audit/", {"text": "政" * 20_000})
    assert response.status_code == 400
    assert page(response).xpath('//div[@id="problem"]')[0].get("data-code") == "paste_too_large"


def test_huge_paste_over_the_request_limit_is_not_a_500(client: Client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    response = client.post("/audit/", {"text": "政" * 100_000})
    assert response.status_code == 413
    assert page(response).xpath('//div[@id="problem"]')[0].get("data-code") == "request_too_large"


def test_uploads_never_go_to_disk(client: Client, settings, monkeypatch, synth_html: bytes):
    """Django would spool a file above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file."""
    from django.core.files import uploadhandler

    def refuse(*args, **kwargs):
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(uploadhandler.TemporaryFileUploadHandler, "new_file", refuse)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100
    settings.GONGKAI_AUDIT_MAX_FILE_BYTES = 10 * 1024 * 1024
    response = client.post("/audit/", {"files": [upload("good.html", synth_html)]})
    assert response.status_code == 200
    assert page(response).xpath('//article[@id="report-1"]')[0].get("data-verdict") == "ok"


def test_the_upload_form_is_csrf_protected(synth_html: bytes):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/audit/", {"files": [upload("good.html", synth_html)]}).status_code == 403


# ---------------------------------------------------------------- keeping the result: download, API


def test_download_returns_the_embedded_record_as_an_attachment(client: Client, synth_broken_html: bytes):
    doc = page(client.post("/audit/", {"files": [upload("北湖报告.html", synth_broken_html)]}))
    form = doc.xpath('//article[@id="report-1"]//details[@class="download"]//form')[0]
    assert form.get("action") == "/audit/download/"
    fields = {el.get("name"): (el.text or el.get("value") or "") for el in form.xpath(".//textarea|.//input")}
    response = client.post("/audit/download/", fields)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment") and "filename*=utf-8''" in disposition
    record = json.loads(response.content)
    assert record["path"] == "北湖报告.html"
    assert any(f["check"] == "T3.total_col" for f in record["findings"])


def test_download_rejects_bad_data(client: Client):
    assert client.post("/audit/download/", {"record": "not json"}).status_code == 400
    assert client.post("/audit/download/", {"record": "[1, 2]"}).status_code == 400
    assert client.get("/audit/download/").status_code == 405


def test_api_returns_one_json_record_per_report(client: Client, synth_html: bytes, synth_broken_html: bytes):
    response = client.post(
        "/audit/api", {"files": [upload("a.html", synth_html), upload("b.html", synth_broken_html)]}
    )
    assert response.status_code == 200
    records = [json.loads(line) for line in response.content.decode().splitlines()]
    assert [r["path"] for r in records] == ["a.html", "b.html"]
    assert not [f for f in records[0]["findings"] if f["severity"] == "error"]
    assert any(f["check"] == "T3.total_row" for f in records[1]["findings"])
    assert (
        records[1]["tables"]["three"]["granted"]["total"]
        == records[0]["tables"]["three"]["granted"]["total"] + 1
    )


def test_api_errors_are_json_with_a_code(client: Client, settings):
    settings.GONGKAI_AUDIT_MAX_FILES = 1
    response = client.post("/audit/api", {"files": [upload("a.txt", b"x"), upload("b.txt", b"y")]})
    assert response.status_code == 400
    assert response.json()["code"] == "too_many_files"
    assert client.get("/audit/api").status_code == 405


# ---------------------------------------------------------------- findings → cells


def _valid():
    from gongkai.web.presenters import TABLES, cell_keys

    return {name: set(cell_keys(FORMAT_2021, name)) for name in TABLES}


def test_a_cell_finding_points_at_its_row_and_column():
    f = Finding("T3.int", "…", {"table": "三", "row": "granted", "column": "research"})
    assert finding_cells(f, _valid()) == [("three", "granted.research")]


def test_an_equation_finding_points_at_every_addend():
    f = Finding(
        "T3.balance",
        "…",
        {"table": "三", "column": "total"},
        {"lhs": {"addends": {"received.total": 1, "carried_in.total": 0}}, "rhs": {"total.total": 0}},
    )
    assert {k for _, k in finding_cells(f, _valid())} == {"received.total", "carried_in.total", "total.total"}


def test_a_column_finding_without_cells_covers_the_column():
    f = Finding("T4.shape", "…", {"table": "四", "column": "pending"})
    assert {k for _, k in finding_cells(f, _valid())} == {
        f"{g.code}.pending" for g in FORMAT_2021.four.groups
    }


def test_text_findings_point_at_no_cell():
    f = Finding("X.period_missing", "…", {"section": "overview"})
    assert finding_cells(f, _valid()) == []


def test_errors_win_over_warnings_on_the_same_cell():
    warn = Finding("T3.blank", "…", {"table": "三", "row": "granted", "column": "total"})
    err = Finding("T3.total_col", "…", {"table": "三", "row": "granted", "column": "total"})
    marks = highlights([(warn, [("three", "granted.total")]), (err, [("three", "granted.total")])])
    assert [f.severity for f in marks["three"]["granted.total"]] == [Severity.ERROR, Severity.WARNING]


def test_cell_links_name_the_shared_row_once():
    from gongkai.web.presenters import TABLES, cell_labels, cell_links

    labels = {name: cell_labels(FORMAT_2021, name) for name in TABLES}
    three = FORMAT_2021.three
    scope, links = cell_links(
        [("three", "received.natural_person"), ("three", "received.total")], labels, "r1-"
    )
    assert scope == f"“{three.row('received').label}”"
    assert [text for text, _, _ in links] == [
        three.column("natural_person").label,
        three.column("total").label,
    ]
    assert links[0][2] == "r1-t-three-received-natural_person"


def test_an_unreadable_prior_report_is_said_so(client: Client, synth_html: bytes):
    response = client.post(
        "/audit/",
        {"files": [upload("2022.html", synth_html)], "prior": upload("prior.pdf", b"%PDF-1.4 junk")},
    )
    assert response.status_code == 200
    text = page(response).xpath('//article[@id="report-1"]//dl[@class="facts"]')[0].text_content()
    assert "prior.pdf（无法读取，未用于跨年度检查）" in text
