"""年报体检 in a real browser: Debian's chromium, driven by Playwright, against the live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import break_received_natural_person

pytestmark = pytest.mark.browser


def test_upload_two_reports_and_see_the_broken_cell_highlighted(browser, live_server, seed_bytes, tmp_path):
    good = tmp_path / "硚口区2022.txt"
    good.write_bytes(seed_bytes)
    broken = tmp_path / "硚口区2022-改动.txt"
    broken.write_bytes(break_received_natural_person(seed_bytes))

    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{live_server.url}/audit/")
    assert page.locator("h1").inner_text() == "年报体检"
    page.get_by_label("上传年度报告").set_input_files([str(good), str(broken)])
    page.get_by_role("button", name="开始体检").click()
    page.wait_for_selector("#results-heading")

    first, second = page.locator("#report-1"), page.locator("#report-2")
    assert first.get_attribute("data-verdict") == "ok"
    assert second.get_attribute("data-verdict") == "errors"
    finding = second.locator('li.finding.error[data-check="T3.balance"]')
    assert finding.count() >= 1
    assert finding.first.is_visible()
    td = second.locator('table[data-table="three"] td[data-cell="received.natural_person"]')
    assert "error" in (td.get_attribute("class") or "").split()
    assert "T3.balance" in (td.get_attribute("title") or "")
    # the non-colour cue is rendered: the cell shows a mark after its number
    after = td.evaluate("el => getComputedStyle(el, '::after').content")
    assert "✖" in after
    clean = first.locator('table[data-table="three"] td[data-cell="received.natural_person"]')
    assert "error" not in (clean.get_attribute("class") or "")

    # following the finding's link scrolls to the cell
    second.locator(f'a[href="#{td.get_attribute("id")}"]').first.click()
    assert page.evaluate("location.hash") == f"#{td.get_attribute('id')}"

    page.screenshot(path=str(tmp_path / "audit-desktop.png"), full_page=False)
    second.scroll_into_view_if_needed()
    page.evaluate("document.getElementById('report-2').scrollIntoView()")
    page.screenshot(path=str(tmp_path / "audit-report.png"))
    td.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "audit-cell.png"))

    # a phone-sized viewport: the page must not overflow sideways (wide tables scroll in their box)
    phone = browser.new_page(viewport={"width": 375, "height": 740}, locale="zh-CN")
    phone.goto(f"{live_server.url}/audit/")
    phone.get_by_label("上传年度报告").set_input_files([str(broken)])
    phone.get_by_role("button", name="开始体检").click()
    phone.wait_for_selector("#results-heading")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    phone.screenshot(path=str(tmp_path / "audit-phone.png"), full_page=False)
    shots = os.environ.get("GONGKAI_SCREENSHOTS")
    if shots:  # keep the screenshots for a human to look at
        for png in tmp_path.glob("*.png"):
            Path(shots, png.name).write_bytes(png.read_bytes())
