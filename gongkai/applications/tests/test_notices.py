"""The written notices a case sends while it runs (arts. 30, 32, 33, 42): each step that the
Regulation says is notified in writing issues exactly one letter, kept beside the case, from the
agency's template or the default, rendered to DOCX and PDF; a failed rendering refuses the step."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import docx
import pytest
from django.core.exceptions import PermissionDenied

from gongkai.applications import actions, letters
from gongkai.applications.errors import ActionError, ErrorCode
from gongkai.applications.events import EventType
from gongkai.applications.models import (
    Application,
    CaseEvent,
    Consultation,
    Correction,
    Extension,
    FeeNotice,
    LetterTemplate,
    ReplyLetter,
)
from gongkai.applications.vocab import NOTICE_KINDS, LetterKind, Outcome

pytestmark = pytest.mark.django_db
D = date.fromisoformat


@dataclass(frozen=True)
class Step:
    """One notifying step: how to run it on a case, and what its letter must say."""

    kind: str
    event: str
    received: str  # the day the case is filed
    today: str  # the day the step is taken
    run: object  # (case, people) -> the step's row
    says: tuple[str, ...]  # the values the letter names
    rows: type  # the step's own model, absent after a rollback
    own_placeholder: str  # one placeholder only this kind may use
    not_to: tuple[str, ...] = field(default=())  # what the letter must not contain


STEPS = [
    Step(
        "correction_notice",
        EventType.CORRECTION_REQUESTED,
        "2026-03-02",
        "2026-03-04",
        lambda case, p: actions.request_correction(
            case, actor=p["editor"], items="请写明所需文件的名称、文号或者其他特征性描述。", respond_by=D("2026-03-18")
        ),
        ("请写明所需文件的名称、文号或者其他特征性描述。", "2026年3月18日前（含当日）", "2026年3月2日",
         "第三十条", "一次性告知", "视为放弃申请", "张三"),
        Correction,
        "补正事项",
    ),
    Step(
        "extension_notice",
        EventType.EXTENSION_GRANTED,
        "2023-03-06",
        "2023-03-30",
        lambda case, p: actions.grant_extension(
            case, actor=p["head"], days=20, reason="申请内容涉及大量档案，需检索整理。"
        ),
        ("因申请内容涉及大量档案，需检索整理，", "延长20个工作日", "2023年4月3日前作出答复",
         "将于2023年5月4日前（含当日）", "第三十三条第二款", "政府信息公开工作机构负责人同意", "张三"),
        Extension,
        "新的答复期限",
    ),
    Step(
        "fee_notice",
        EventType.FEE_NOTICE_SENT,
        "2026-03-02",
        "2026-03-02",
        lambda case, p: actions.send_fee_notice(case, actor=p["editor"], method="per_volume", pages=150),
        ("按量计收", "人民币1700元", "第31至100页（70页）×10元/页 = 700元", "第101至150页（50页）×20元/页 = 1000元",
         "2026年3月30日前（含当日）", "第四十二条第一款", "国办函〔2020〕109号", "行政复议", "张三"),
        FeeNotice,
        "费用金额",
    ),
    Step(
        "consultation_letter",
        EventType.CONSULTATION_STARTED,
        "2026-03-02",
        "2026-03-03",
        lambda case, p: actions.start_consultation(
            case, actor=p["editor"], kind="consultation", party="某信息技术有限公司", delivered_on=D("2026-03-03")
        ),
        ("某信息技术有限公司：", "自收到本函之日起15个工作日内（即2026年3月24日前）", "2026年3月2日",
         "第三十二条", "2025年度示范区融媒体中心部门预算"),
        Consultation,
        "第三方名称",
        not_to=("张三", "11010519491231002X"),  # the third party is not told who asked
    ),
]  # fmt: skip
IDS = [s.kind for s in STEPS]


def _run(step: Step, travel, file_case, people) -> Application:
    travel(step.received)
    case = file_case()
    travel(step.today)
    step.run(case, people)
    case.refresh_from_db()
    return case


def _docx_text(letter: ReplyLetter) -> str:
    with letter.docx.open("rb") as f:
        return "\n".join(p.text for p in docx.Document(io.BytesIO(f.read())).paragraphs)


def test_every_notice_kind_has_a_default_and_no_key_is_both_an_outcome_and_a_notice():
    assert set(letters.NOTICES) == set(NOTICE_KINDS) == set(letters.NOTICE_PLACEHOLDERS)
    assert not set(NOTICE_KINDS) & set(Outcome.values)
    for kind in NOTICE_KINDS:
        title, basis, body = letters.default_template(kind)
        assert "条例》第" in basis and letters.unknown_placeholders(body, kind) == []


@pytest.mark.parametrize("step", STEPS, ids=IDS)
def test_each_notifying_step_issues_exactly_one_letter_naming_its_values(step, travel, file_case, people):
    case = _run(step, travel, file_case, people)
    letter = case.letters.get()
    title, basis, _ = letters.default_template(step.kind)
    assert (letter.kind, letter.outcome, letter.title, letter.legal_basis) == (step.kind, "", title, basis)
    assert letter.template is None and letter.dated == D(step.today)
    text = _docx_text(letter)
    assert title in text and case.case_number in text and "{{" not in text
    for value in step.says:
        assert value in letter.body and value in text
    for secret in step.not_to:
        assert secret not in text
    import pdfplumber

    assert letter.pdf.read(4) == b"%PDF"
    with pdfplumber.open(letter.pdf.path) as pdf:
        assert title in pdf.pages[0].extract_text()
    event = CaseEvent.objects.get(case=case, type=step.event)
    assert event.data["letter"] == letter.pk and event.text().endswith(f"；生成{title}")


def test_consulting_another_agency_issues_no_third_party_letter(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    actions.start_consultation(case, actor=people["editor"], kind="agency_consultation", party="示范区财政局")
    assert not case.letters.exists()
    assert "letter" not in CaseEvent.objects.get(case=case, type=EventType.CONSULTATION_STARTED).data


def test_consultation_letter_without_a_delivery_date_gives_the_period_only(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    actions.start_consultation(case, actor=people["editor"], kind="consultation", party="某公司")
    assert "请贵方自收到本函之日起15个工作日内，以书面形式" in case.letters.get().body


@pytest.mark.parametrize("step", STEPS, ids=IDS)
def test_the_agency_template_overrides_the_default(step, travel, file_case, people, office):
    body = f"致：{{{{申请编号}}}}\n本机关特别文书，{{{{{step.own_placeholder}}}}}。"
    template = actions.save_letter_template(
        office,
        actor=people["head"],
        key=step.kind,
        title="本机关专用文书",
        body=body,
        legal_basis="本机关依据",
    )
    assert (template.kind, template.outcome) == (step.kind, "")
    case = _run(step, travel, file_case, people)
    letter = case.letters.get()
    assert (letter.title, letter.legal_basis, letter.template) == ("本机关专用文书", "本机关依据", template)
    assert f"致：{case.case_number}" in letter.body and "{{" not in letter.body


@pytest.mark.parametrize(
    ("key", "body"),
    [
        ("correction_notice", "{{申请人}}：请补正{{不存在}}。"),
        ("correction_notice", "{{申请人}}：{{说明}}"),  # a reply letter's placeholder
        ("extension_notice", "{{申请人}}：延期至{{补正期限}}。"),  # another notice's placeholder
        ("fee_notice", "{{申请人}}：{{费用}}元。"),
        ("consultation_letter", "{{第三方名称}}：申请人{{申请人}}申请公开。"),  # never the applicant
        ("granted", "{{申请人}}：{{补正事项}}"),  # a notice's placeholder in a reply letter
    ],
)
def test_unknown_placeholders_are_refused_per_kind(key, body, office, people):
    with pytest.raises(ActionError) as err:
        actions.save_letter_template(office, actor=people["head"], key=key, title="文书", body=body,
                                     legal_basis="条例")  # fmt: skip
    assert err.value.code is ErrorCode.TEMPLATE_PLACEHOLDER
    assert not LetterTemplate.objects.exists()


def test_template_keys_are_outcomes_or_notice_kinds_and_need_the_office_head(office, people):
    with pytest.raises(ActionError) as err:
        actions.save_letter_template(office, actor=people["head"], key="nonsense", title="文书", body="正文",
                                     legal_basis="条例")  # fmt: skip
    assert err.value.code is ErrorCode.OUTCOME_INVALID
    with pytest.raises(PermissionDenied):
        actions.save_letter_template(office, actor=people["editor"], key="fee_notice", title="文书",
                                     body="正文", legal_basis="条例")  # fmt: skip


@pytest.mark.parametrize("step", STEPS, ids=IDS)
def test_a_rendering_failure_refuses_the_step_and_leaves_the_case_as_it_was(
    step, travel, file_case, people, monkeypatch
):
    travel(step.received)
    case = file_case()
    before = Application.objects.values().get(pk=case.pk)
    events = list(CaseEvent.objects.filter(case=case).values_list("pk", flat=True))

    def broken(letter):
        raise OSError("字体文件无法读取")

    monkeypatch.setattr(letters, "render_pdf", broken)
    travel(step.today)
    with pytest.raises(ActionError) as err:
        step.run(case, people)
    assert err.value.code is ErrorCode.LETTER_FAILED
    assert err.value.message == f"{letters.default_template(step.kind)[0]}生成失败：字体文件无法读取"
    assert Application.objects.values().get(pk=case.pk) == before
    assert list(CaseEvent.objects.filter(case=case).values_list("pk", flat=True)) == events
    assert not ReplyLetter.objects.exists() and not step.rows.objects.exists()


def test_an_extension_whose_new_deadline_cannot_be_computed_is_refused(travel, file_case, people):
    travel("2026-12-01")
    case = file_case()
    travel("2026-12-10")
    with pytest.raises(ActionError) as err:
        actions.grant_extension(case, actor=people["head"], days=20, reason="信息量大")
    assert err.value.code is ErrorCode.CALENDAR_MISSING and "2027" in err.value.message
    case.refresh_from_db()
    assert case.extension_days == 0 and not hasattr(case, "extension") and not case.letters.exists()


def test_the_closing_reply_letter_comes_after_the_notices(travel, file_case, people):
    travel("2026-03-02")
    case = file_case()
    actions.send_fee_notice(case, actor=people["editor"], method="per_volume", pages=40)
    actions.record_payment(case, actor=people["editor"])
    actions.close_case(case, actor=people["editor"], outcome="granted")
    assert [(letter.kind, letter.outcome) for letter in case.letters.all()] == [
        ("fee_notice", ""),
        ("reply_letter", "granted"),
    ]


# ---------------------------------------------------------------- the staff pages


def _noticed_case(travel, file_case, people) -> Application:
    travel("2026-03-02")
    case = file_case()
    actions.acknowledge(case, actor=people["editor"])
    actions.start_consultation(case, actor=people["editor"], kind="consultation", party="某信息技术有限公司")
    actions.end_consultation(case, actor=people["editor"], answer="不同意公开")
    actions.send_fee_notice(case, actor=people["editor"], method="per_volume", pages=150)
    return case


def test_the_case_page_lists_the_notices_and_downloads_them(client, travel, file_case, people):
    case = _noticed_case(travel, file_case, people)
    client.force_login(people["editor"])
    page = client.get(f"/office/applications/case/{case.pk}/").content.decode()
    for letter in case.letters.all():
        assert (
            letter.title in page
            and f"/letters/{letter.pk}.docx" in page
            and f"/letters/{letter.pk}.pdf" in page
        )
    assert "征求第三方意见函" in page and "收费通知书" in page
    assert "；生成政府信息公开申请收费通知书" in page  # the timeline names the letter its step issued
    fee = case.letters.get(kind="fee_notice")
    r = client.get(f"/office/applications/case/{case.pk}/letters/{fee.pk}.docx")
    assert r.status_code == 200 and b"".join(r.streaming_content)[:2] == b"PK"
    assert "收费通知书" in r["Content-Disposition"] or "filename*" in r["Content-Disposition"]
    r = client.get(f"/office/applications/case/{case.pk}/letters/{fee.pk}.pdf")
    assert r.status_code == 200 and b"".join(r.streaming_content)[:4] == b"%PDF"
    assert case.personal_data_views.filter(what="下载收费通知书（PDF）").exists()


@pytest.mark.parametrize("who", ["outsider", "supervisor"])
def test_other_agencies_and_supervisors_cannot_download_the_notices(who, client, travel, file_case, people):
    case = _noticed_case(travel, file_case, people)
    client.force_login(people[who])
    for letter in case.letters.all():
        for fmt in ("docx", "pdf"):
            assert (
                client.get(f"/office/applications/case/{case.pk}/letters/{letter.pk}.{fmt}").status_code
                == 403
            )
    if who == "supervisor":  # sees the case, lists the letters, gets no link
        page = client.get(f"/office/applications/case/{case.pk}/").content.decode()
        assert "收费通知书" in page and "/letters/" not in page


def test_a_step_whose_letter_fails_answers_400_with_the_reason(
    client, travel, file_case, people, monkeypatch
):
    travel("2026-03-02")
    case = file_case()
    actions.acknowledge(case, actor=people["editor"])
    case.refresh_from_db()

    def broken(letter):
        raise RuntimeError("排版引擎不可用")

    monkeypatch.setattr(letters, "render_docx", broken)
    client.force_login(people["editor"])
    r = client.post(f"/office/applications/case/{case.pk}/do/correction/", {
        "correction-version": case.version, "correction-items": "请写明文件名称。",
        "correction-respond_by": "2026-03-16",
    })  # fmt: skip
    assert r.status_code == 400 and "政府信息公开申请补正通知书生成失败：排版引擎不可用" in r.content.decode()
    assert not Correction.objects.exists() and not case.letters.exists()


def test_the_template_editor_lists_and_edits_the_notices(client, office, people):
    client.force_login(people["head"])
    page = client.get("/office/applications/templates/?agency=t-rmt").content.decode()
    for kind in NOTICE_KINDS:
        assert f"/office/applications/templates/t-rmt/{kind}/" in page and LetterKind(kind).label in page
    page = client.get("/office/applications/templates/t-rmt/fee_notice/").content.decode()
    assert "政府信息公开申请收费通知书" in page and "{{计算方式}}" in page and "{{说明}}" not in page
    r = client.post("/office/applications/templates/t-rmt/fee_notice/",
                    {"title": "收费通知书", "legal_basis": "条例", "body": "{{申请人}}{{说明}}"})  # fmt: skip
    assert r.status_code == 400 and "无法识别" in r.content.decode()
    r = client.post("/office/applications/templates/t-rmt/fee_notice/",
                    {"title": "收费通知书", "legal_basis": "条例", "body": "{{申请人}}：请缴纳{{费用金额}}元。"})  # fmt: skip
    assert r.status_code == 302
    assert LetterTemplate.objects.get().kind == "fee_notice"
    assert (
        "本机关模板（第1版）" in client.get("/office/applications/templates/?agency=t-rmt").content.decode()
    )
    assert client.get("/office/applications/templates/t-rmt/nonsense/").status_code == 404
