"""The public form and the tracking page in a real browser (Debian's chromium via Playwright)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_online_then_track_the_case(browser, live_server, office, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{live_server.url}/{office.code}/apply/")
    assert page.locator("h1").inner_text() == "政府信息公开申请"
    page.get_by_label("姓名或名称").fill("王五")
    page.get_by_label("身份证明类型").select_option("resident_id")
    page.get_by_label("证件号码").fill("110105194912310021")  # wrong check digit
    page.get_by_label("联系电话").fill("13700137000")
    page.get_by_label("电子邮箱").fill("wangwu@example.org")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(
        "示范区融媒体中心2025年部门决算"
    )
    page.get_by_label("获取信息的方式").select_option("electronic")
    page.get_by_label("获取信息的途径").select_option("email")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_selector(".field-error")
    assert "居民身份证号码不正确" in page.locator('[data-field="id_number"] .field-error').inner_text()
    assert page.get_by_label("姓名或名称").input_value() == "王五"  # what was typed is kept
    page.screenshot(path=str(tmp_path / "apply-error.png"), full_page=True)

    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_role("button", name="提交申请").dblclick()  # a double click still makes one case
    page.wait_for_selector("#case-number")
    case_number = page.locator("#case-number").inner_text()
    code = page.locator("#tracking-code").inner_text()
    assert case_number.startswith(f"{office.code}-") and len(code) == 16
    page.screenshot(path=str(tmp_path / "apply-done.png"), full_page=True)
    from gongkai.applications.models import Application

    assert Application.objects.count() == 1

    page.goto(f"{live_server.url}/track/")
    page.get_by_label("申请编号").fill(case_number)
    page.get_by_label("查询码").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    page.wait_for_selector("#track-status")
    assert "已收到" in page.locator("#track-status").inner_text()
    assert "年" in page.locator("#track-due").inner_text()
    body = page.locator("body").inner_text()
    assert "王五" not in body and "13700137000" not in body and "决算" not in body
    page.screenshot(path=str(tmp_path / "track.png"), full_page=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/{office.code}/apply/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
