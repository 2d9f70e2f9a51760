"""The portal in a real browser: a published item appears, and search finds it highlighted."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_published_item_is_on_the_portal_and_found_by_search(browser, live_server, site):
    item = site.publish(
        "2024年政务公开工作要点", "全面推进政务公开标准化规范化。", document_number="示融发〔2024〕5号"
    )

    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")  # a phone
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="示范区融媒体中心").click()
    page.get_by_role("link", name="通知公告").first.click()
    page.get_by_role("link", name="2024年政务公开工作要点").click()
    assert page.locator("h1").inner_text() == "2024年政务公开工作要点"
    assert page.locator("tr", has_text="索引号").first.inner_text().find(item.index_number) >= 0
    # the page fits the phone's width: no horizontal scrolling
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_label("站内检索").fill("政务公开")
    page.get_by_role("button", name="检索").first.click()
    hit = page.locator("li.hit").first
    assert "2024年政务公开工作要点" in hit.inner_text()
    marks = hit.locator("mark")
    assert marks.count() >= 1
    assert marks.first.inner_text() in ("政务公开", "政务", "公开")

    # 大字版: a link, no script; the text grows and the choice sticks
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.hit')).fontSize)")
    page.get_by_role("link", name="大字版").click()
    after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.hit')).fontSize)")
    assert after > before
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    assert page.locator(".portal-large").count() == 1
    page.close()
