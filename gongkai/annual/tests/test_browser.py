"""The issue's two paths in a real browser (Debian's chromium through Playwright, live server): the
agency drafts, checks, reviews and publishes its report; the supervisor finds it in the table."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from gongkai.annual.models import AnnualReportRecord

from .helpers import TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY, tick=True)


def signed_in(browser, live_server, user, *, phone=False):
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def test_draft_check_review_publish_and_the_supervisor_sees_it(browser, live_server, setting, tmp_path):
    url = f"{live_server.url}/office/annual/csq-rmt/"
    page = signed_in(browser, live_server, setting.editor)
    page.goto(url)
    page.get_by_role("button", name="起草2026年度报告").click()
    page.wait_for_selector("#report-title")
    assert page.locator("#report-status").inner_text() == "起草中"
    assert page.locator("#error-count").inner_text() == "错误 0"
    # an edit that contradicts table 三 shows a warning beside the text; explaining it allows submission
    page.get_by_role("textbox", name="三、收到和处理政府信息公开申请情况").fill(
        "本年度本机关新收政府信息公开申请9件。"
    )
    page.get_by_role("button", name="保存并检查").click()
    page.wait_for_selector("li.finding.warning[data-check='X.text_vs_table']")
    assert page.locator("#section-applications .finding.warning").count() >= 1
    page.get_by_role("button", name="提交审核").click()
    assert "未处理" in page.locator(".messages").inner_text()
    while page.locator("li.finding.warning textarea").count():
        page.locator("li.finding.warning textarea").first.fill("以台账为准，正文稍后统一修改")
        page.locator("li.finding.warning").get_by_role("button", name="保留并说明").first.click()
        page.wait_for_selector(".messages")
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_selector("#report-status:has-text('审核中')")

    for user, button, phone in ((setting.first, "初审通过", True), (setting.second, "复审通过", False),
                                (setting.final, "终审通过", False)):  # fmt: skip
        reviewer = signed_in(browser, live_server, user, phone=phone)
        reviewer.goto(f"{url}2026/")
        reviewer.get_by_role("button", name=button).click()
        reviewer.wait_for_selector(".messages")
        if phone:
            assert reviewer.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    reviewer.get_by_role("button", name="发布到门户网站").click()
    reviewer.wait_for_selector("#report-status:has-text('已发布')")
    reviewer.screenshot(path=str(tmp_path / "annual-published.png"), full_page=True)
    record = AnnualReportRecord.objects.get(agency=setting.agency, year=2026)
    assert record.status == "published"
    href = reviewer.locator("#portal-link").get_attribute("href")
    portal = browser.new_page()
    portal.goto(f"{live_server.url}{href}")
    assert "测试区融媒体中心2026年政府信息公开工作年度报告" in portal.content()

    sup = signed_in(browser, live_server, setting.supervisor)
    sup.goto(f"{live_server.url}/office/annual/supervise/2026/")
    row = sup.locator("tr[data-agency='csq-rmt']")
    assert row.get_attribute("data-status") == "published"
    assert "已发布" in row.inner_text() and "2027-01-10" in row.inner_text()
    assert sup.locator("tr[data-agency='csq']").get_attribute("data-status") == "not_started"
    sup.get_by_label("状态").select_option(label="已发布")
    sup.get_by_role("button", name="筛选").click()
    sup.wait_for_url("**status=published**")
    assert sup.locator("#agency-table tbody tr").count() == 1
    sup.get_by_role("link", name="汇总统计").click()
    assert sup.locator("svg.chart").count() >= 1 and sup.locator("#table-three").is_visible()
