"""Demo cases for 示范区融媒体中心 (sfq-rmtzx): a dozen cases of 2025 and this year in every state.

Idempotent: each demo case carries an idempotency key, so a second run finds it and does nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency

from . import actions
from .models import Application

AGENCY = "sfq-rmtzx"
PEOPLE = (
    {"name": "张明", "id_type": "resident_id", "id_number": "11010519491231002X", "phone": "13800138000",
     "email": "zhangming@example.org", "address": "示范区人民路1号"},
    {"name": "示范区某科技有限公司", "id_type": "credit_code", "id_number": "91420100MA4K1234X5",
     "contact_person": "刘经理", "phone": "027-88886666", "email": "office@example.com", "address": "示范区光谷大道8号"},
    {"name": "李华", "id_type": "resident_id", "id_number": "42010619800101001X", "phone": "13900139000",
     "email": "lihua@example.org", "address": "示范区江汉路6号"},
)  # fmt: skip


def _at(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(9, 30)))


def _receive(agency, key: str, received: date, person: int, text: str, *, channel="in_person", actor=None,
             applicant_type="natural_person"):  # fmt: skip
    existing = Application.objects.filter(idempotency_key=f"demo-{key}").first()
    if existing:
        return existing, False
    case, created = actions.receive_application(
        agency, channel=channel, applicant_type=applicant_type, applicant=PEOPLE[person],
        request_description=text, delivery_form="electronic", delivery_method="email",
        arrived_at=_at(received), actor=actor if channel != "online" else None,
        idempotency_key=f"demo-{key}", confirmed_on=received if channel in ("email", "fax") else None,
    )  # fmt: skip
    return case, created


def load(stdout=None) -> None:
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None:
        return
    User = get_user_model()
    editor, head = User.objects.get(username="editor"), User.objects.get(username="head")
    today = timezone.localdate()
    created_count = 0

    def step(case, created, func):
        if created:
            func(case)

    # --- 2025: closed cases, a carried-over one, an appeal
    c, new = _receive(agency, "2025-1", date(2025, 3, 10), 0, "2024年示范区融媒体中心部门决算")
    step(c, new, lambda c: actions.close_case(c, actor=editor, outcome="granted", answered_on=date(2025, 3, 20),
                                              note="相关信息见附件。"))  # fmt: skip
    created_count += new
    c, new = _receive(agency, "2025-2", date(2025, 6, 2), 2, "2025年第一季度编委会讨论记录")
    if new:
        actions.close_case(c, actor=editor, outcome="withheld_process_info", answered_on=date(2025, 6, 20))
        review = actions.record_appeal(c, actor=editor, kind="reconsideration", filed_on=date(2025, 7, 10),
                                       result="upheld", decided_on=date(2025, 9, 1), reference="示复〔2025〕12号")  # fmt: skip
        actions.record_appeal(c, actor=editor, kind="suit_after_reconsideration", filed_on=date(2025, 9, 20),
                              follows=review, reference="（2025）示0102行初45号")  # fmt: skip
    created_count += new
    c, new = _receive(agency, "2025-3", date(2025, 11, 3), 0, "某某事项的有关文件")
    if new:
        actions.request_correction(c, actor=editor, items="请写明文件名称、文号或者其他特征性描述。",
                                   respond_by=date(2025, 11, 24), sent_on=date(2025, 11, 6))  # fmt: skip
        actions.close_for_no_correction(c, on=date(2025, 11, 26))
    created_count += new
    c, new = _receive(agency, "2025-4", date(2025, 12, 15), 1, "示范区融媒体中心2025年广告经营收入统计",
                      channel="email", actor=editor, applicant_type="commercial")  # fmt: skip
    if new and today > date(2026, 1, 8):
        actions.close_case(c, actor=editor, outcome="partial", answered_on=date(2026, 1, 8),
                           note="涉及第三方商业秘密的客户名单不予公开。")  # fmt: skip
    created_count += new

    # --- this year: open cases in every state
    def back(days: int) -> date:
        return today - timedelta(days=days)

    c, new = _receive(agency, "now-overdue", back(45), 0, "示范区融媒体中心2025年公务接待费明细")
    step(c, new, lambda c: actions.acknowledge(c, actor=editor))
    created_count += new
    c, new = _receive(agency, "now-soon", back(25), 2, "示范区融媒体中心新闻发布会工作制度")
    step(c, new, lambda c: actions.acknowledge(c, actor=editor))
    created_count += new
    c, new = _receive(agency, "now-correction", back(5), 0, "关于那个项目的材料")
    if new:
        actions.acknowledge(c, actor=editor)
        actions.request_correction(c, actor=editor, items="请写明项目名称及所需文件的名称或文号。",
                                   respond_by=today + timedelta(days=15), sent_on=back(2))  # fmt: skip
    created_count += new
    c, new = _receive(agency, "now-consulted", back(10), 1, "示范区融媒体中心与某公司签订的技术服务合同",
                      applicant_type="commercial")  # fmt: skip
    if new:
        actions.acknowledge(c, actor=editor)
        actions.start_consultation(
            c, actor=editor, kind="consultation", party="某信息技术有限公司", sent_on=back(3)
        )
    created_count += new
    c, new = _receive(agency, "now-fee", back(8), 2, "示范区融媒体中心近五年全部发文目录及全文")
    if new:
        actions.acknowledge(c, actor=editor)
        actions.send_fee_notice(c, actor=editor, method="per_volume", pages=150, sent_on=back(1))
    created_count += new
    c, new = _receive(agency, "now-extension", back(20), 0, "示范区融媒体中心2024—2025年全部采购项目资料")
    if new:
        actions.acknowledge(c, actor=editor)
        actions.grant_extension(c, actor=head, days=15, reason="申请内容涉及大量档案，需检索整理。")
    created_count += new
    c, new = _receive(agency, "now-closed", back(6), 2, "示范区融媒体中心1990年建台批复文件")
    step(c, new, lambda c: actions.close_case(c, actor=editor, outcome="unavailable_not_held",
                                              note="经检索，本机关未保存该文件，建议向示范区档案馆咨询。"))  # fmt: skip
    created_count += new
    c, new = _receive(agency, "now-online", today, 0, "示范区融媒体中心2026年部门预算", channel="online")
    created_count += new

    if stdout:
        stdout.write(f"依申请公开演示案件：新增{created_count}件（{AGENCY}）。")
        base = settings.GONGKAI_PUBLIC_BASE_URL.rstrip("/")
        stdout.write(f"  工作台：{base}/office/applications/?agency=sfq-rmtzx（editor、head）")
        stdout.write(f"  在线申请：{base}/{AGENCY}/apply/    进度查询：{base}/track/")
        online = Application.objects.filter(idempotency_key="demo-now-online").first()
        if online:
            stdout.write(f"  示例查询：申请编号 {online.case_number}，查询码 {online.tracking_code}")
        stdout.write(f"  节假日安排（admin）：{base}/office/applications/holidays/")
