"""Demo annual reports for `make run` (after the agencies, catalogue and applications demos):

- 示范区融媒体中心: its 2025 report imported as published and put into the portal's 年报 column by the
  office head (`actions.add_to_portal`), the catalogue item approved by the agency's reviewers
  (reviewer1/2/3) through the catalogue's own actions, so the portal shows the real report with its
  tables; the current year is left for a person to draft, check, review and publish (editor →
  reviewer1/2/3).
- 示范区教育局, 示范区市场监督管理局, 示范区人民政府: 2025 reports imported (one published late), and
  this year's reports in review and in drafting, so the supervisor sees several statuses and totals.

Reports are synthetic (`gongkai.report.synth`). Idempotent: nothing is created twice.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.catalogue import actions as catalogue
from gongkai.report.synth import generate_report
from gongkai.report.writers import render

from . import actions
from .models import AnnualReportRecord
from .publication import annual_column
from .vocab import ReportStatus

# code, seed, date the previous year's report was published (month, day of the next year)
PAST = (
    ("sfq-rmtzx", 21, (1, 20)),
    ("sfq-jyj", 22, (1, 26)),
    ("sfq-sjj", 23, (2, 10)),  # late: departments publish by 31 January
    ("sfq", 24, (3, 18)),
)


def _current_year() -> int:
    today = timezone.localdate()
    return today.year - 1 if today.month <= 3 else today.year


def load(stdout=None) -> None:
    agencies = {a.code: a for a in Agency.objects.filter(code__in=[c for c, _, _ in PAST])}
    admin = get_user_model().objects.filter(username="admin").first()
    if admin is None or "sfq-rmtzx" not in agencies:
        return
    year = _current_year()
    past = year - 1
    created = 0
    for code, seed, (month, day) in PAST:
        agency = agencies.get(code)
        if agency is None or AnnualReportRecord.objects.filter(agency=agency, year=past).exists():
            continue
        report = generate_report(seed, year=past, agency=agency.name)
        published = date(past + 1, month, day)
        report.published_date = published
        actions.import_report(
            agency, actor=admin, data=render(report, "json"), filename=f"{agency.name}{past}年度报告.json",
            published_date=published,
        )  # fmt: skip
        created += 1
    in_portal = _into_portal(agencies["sfq-rmtzx"], past)
    jyj, sjj = agencies.get("sfq-jyj"), agencies.get("sfq-sjj")
    if jyj is not None and not AnnualReportRecord.objects.filter(agency=jyj, year=year).exists():
        record = actions.create_draft(jyj, year, actor=admin)
        record = actions.save_sections(
            record, actor=admin, version=record.version,
            sections={"problems": "一是政策解读形式较为单一；二是依申请公开答复的规范化水平有待提高。下一步将加强培训。"},
        )  # fmt: skip
        for finding in list(record.findings):
            if finding["severity"] == "warning" and finding["key"] not in record.dismissed:
                record = actions.dismiss_warning(
                    record, actor=admin, version=record.version, key=finding["key"], reason="演示数据，已核实"
                )
        actions.submit(record, actor=admin, version=record.version)
        created += 1
    if sjj is not None and not AnnualReportRecord.objects.filter(agency=sjj, year=year).exists():
        actions.create_draft(sjj, year, actor=admin)
        created += 1
    if stdout:
        base = settings.GONGKAI_PUBLIC_BASE_URL.rstrip("/")
        stdout.write(
            f"年度报告：新建{created}份（{past}年度报告已导入；{year}年度教育局审核中、市场监管局起草中）"
        )
        if in_portal:
            stdout.write(f"  融媒体中心{past}年度报告已放入门户年报栏目，经公开目录三审后公开")
        stdout.write(
            f"  起草本年度报告（editor）：{base}/office/annual/sfq-rmtzx/  → 审核 reviewer1、reviewer2、reviewer3 → 终审发布"
        )
        stdout.write(
            f"  主管部门（supervisor）：{base}/office/annual/supervise/{year}/   上年度：{base}/office/annual/supervise/{past}/"
        )
        stdout.write(f"  门户年报栏目：{base}/sfq-rmtzx/annual/")


def _into_portal(agency: Agency, year: int) -> bool:
    """The media centre's imported report goes into the portal's 年报 column: added by the office head,
    approved by the three reviewers in the catalogue, as an agency moving onto the platform does."""
    record = AnnualReportRecord.objects.filter(agency=agency, year=year).first()
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=("head", "reviewer1", "reviewer2", "reviewer3"))
    }
    if (
        record is None
        or record.status != ReportStatus.PUBLISHED
        or record.catalogue_item_id is not None
        or len(users) < 4
        or annual_column(agency) is None  # the catalogue demo makes the column
    ):
        return False
    record = actions.add_to_portal(record, actor=users["head"])
    for name in ("reviewer1", "reviewer2", "reviewer3"):
        catalogue.approve(record.catalogue_item, actor=users[name])
    return True
