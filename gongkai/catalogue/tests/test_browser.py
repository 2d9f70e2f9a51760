"""The main paths in a real browser (Debian's chromium through Playwright, against the live server):
an editor drafts, three reviewers approve, the item is published; and an item carrying an ID number
is stopped until a redacted copy is produced."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from gongkai.catalogue.models import Item
from gongkai.catalogue.vocab import ItemStatus

from .conftest import FAKE_ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, live_server, user, *, phone=False, via_form=False):
    """A browser page with `user`'s session: through the real login form, or a session cookie."""
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    if via_form:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill("demo-pass")
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/office/")
        return page
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return page


def portal_serves(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.app_name != "catalogue" and "portal" in (match.func.__module__ or "")


def draft_through_the_form(page, live_server, office, title, body):
    page.goto(f"{live_server.url}/office/catalogue/{office.agency.code}/new/")
    page.get_by_label("栏目").select_option(label=office.column.name)
    page.get_by_label("标题").fill(title)
    page.get_by_label("正文").fill(body)
    page.get_by_label("形成或变更日期").fill("2024-01-02")
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("#index-number")
    page.get_by_role("button", name="提交审核").click()
    page.wait_for_selector("#item-status:has-text('审核中')")
    return Item.objects.get(title=title)


def review(browser, live_server, reviewer, item, button, phone=False):
    page = signed_in(browser, live_server, reviewer, phone=phone)
    page.goto(f"{live_server.url}/office/catalogue/{item.agency.code}/items/{item.pk}/")
    page.get_by_role("button", name=button).click()
    page.wait_for_selector(".messages")
    return page


def test_editor_drafts_three_reviewers_approve_and_it_is_published(browser, live_server, office, tmp_path):
    editor = signed_in(browser, live_server, office.editor, via_form=True)
    item = draft_through_the_form(
        editor, live_server, office, "中心举办媒体融合发展座谈会", "座谈会邀请业内专家围绕媒体融合深入交流。"
    )
    review(browser, live_server, office.first, item, "初审通过")
    review(browser, live_server, office.second, item, "复审通过", phone=True)
    page = review(browser, live_server, office.final, item, "终审通过")
    assert "信息已发布" in page.locator(".messages").inner_text()
    assert page.locator("#item-status").inner_text() == "已发布"
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
    timeline = page.locator("#timeline li").all_inner_texts()
    assert any("初审" in t and "审核通过" in t for t in timeline) and any("发布" in t for t in timeline)
    page.screenshot(path=str(tmp_path / "catalogue-published.png"))

    assert portal_serves(item.get_absolute_url())
    portal = browser.new_page()
    portal.goto(f"{live_server.url}{item.get_absolute_url()}")
    assert "中心举办媒体融合发展座谈会" in portal.content()
    # the public searches for it, as a person would, from the portal's search box
    portal.fill("#portal-q", "媒体融合座谈会")
    portal.press("#portal-q", "Enter")
    portal.wait_for_load_state()
    assert "/search/" in portal.url
    hit = portal.locator(f'a[href="{item.get_absolute_url()}"]')
    assert hit.count() >= 1
    assert portal.locator("mark").count() >= 1  # highlighted terms in the result


def test_an_id_number_blocks_publication_until_a_redacted_copy_is_made(
    browser, live_server, office, tmp_path
):
    editor = signed_in(browser, live_server, office.editor)
    item = draft_through_the_form(
        editor, live_server, office, "中心志愿服务队走访社区", f"志愿服务队登记帮扶对象，身份证号{FAKE_ID}。"
    )
    page = signed_in(browser, live_server, office.first, phone=True)
    page.goto(f"{live_server.url}/office/catalogue/{office.agency.code}/items/{item.pk}/")
    assert page.locator("#blocking-alert").is_visible()
    mark = page.locator('#item-body mark[data-code="PD.id_number"]')
    assert mark.inner_text() == FAKE_ID
    # the phone layout does not scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.get_by_role("button", name="初审通过").click()
    review(browser, live_server, office.second, item, "复审通过")
    page = review(browser, live_server, office.final, item, "终审通过")
    assert "尚未发布" in page.locator(".messages").inner_text()
    assert page.locator("#item-status").inner_text() == "已审核待发布"
    page.get_by_role("button", name="生成隐藏化处理稿").click()
    page.wait_for_selector("#redacted-body")
    assert page.locator("#item-status").inner_text() == "已发布"
    assert FAKE_ID not in page.locator("#redacted-body").inner_text()
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and FAKE_ID in item.body and FAKE_ID not in item.public_body
    page.screenshot(path=str(tmp_path / "catalogue-redacted.png"), full_page=True)

    if portal_serves(item.get_absolute_url()):
        portal = browser.new_page()
        portal.goto(f"{live_server.url}{item.get_absolute_url()}")
        assert "中心志愿服务队走访社区" in portal.content() and FAKE_ID not in portal.content()
