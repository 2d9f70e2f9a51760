"""Public pages: published items only, valid feeds and sitemap, reserved paths left alone."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from gongkai.catalogue import actions as catalogue

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def item(site):
    return site.publish(
        "关于2024年政务公开工作要点的通知",
        "推进政务公开标准化。\n第二段。",
        document_number="示融发〔2024〕3号",
    )


def test_home_lists_agencies(client, site):
    page = client.get("/")
    assert page.status_code == 200
    assert "示范区融媒体中心" in page.content.decode()


def test_agency_page_shows_the_column_tree_with_counts(client, site, item):
    site.column("zcwj", "政策文件")
    site.column("gfxwj", "规范性文件", parent="zcwj")
    site.publish("规范性文件一", "", column="gfxwj")
    html = client.get("/sfq-rmtzx/").content.decode()
    assert "政策文件" in html and "（1）" in html
    assert item.title in html
    assert 'href="/sfq-rmtzx/apply/"' in html


def test_column_listing_includes_sub_columns_and_pages(client, site, settings):
    site.column("zcwj", "政策文件")
    site.column("gfxwj", "规范性文件", parent="zcwj")
    site.publish("上级栏目的信息", "", column="zcwj")
    site.publish("下级栏目的信息", "", column="gfxwj")
    html = client.get("/sfq-rmtzx/columns/zcwj/").content.decode()
    assert "上级栏目的信息" in html and "下级栏目的信息" in html
    assert client.get("/sfq-rmtzx/columns/zcwj/?page=abc").status_code == 200
    assert client.get("/sfq-rmtzx/columns/zcwj/?page=999").status_code == 200
    assert client.get("/sfq-rmtzx/columns/nothing/").status_code == 404


def test_item_page_has_the_metadata_table(client, item):
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("索引号", "发布机构", "发文字号", "成文日期", "发布日期", "有效性", "公开属性"):
        assert f'<th scope="row">{label}</th>' in html
    assert item.index_number in html and "示融发〔2024〕3号" in html and "主动公开" in html
    assert "<p>推进政务公开标准化。<br>第二段。</p>" in html


def test_drafts_and_withdrawn_items_are_not_found(client, site, item):
    draft = site.draft("尚未发布的草稿")
    assert client.get(draft.get_absolute_url()).status_code == 404
    catalogue.withdraw(item, actor=site.head, reason="内容需要更新")
    assert client.get(item.get_absolute_url()).status_code == 404
    assert item.title not in client.get("/sfq-rmtzx/").content.decode()
    assert item.title not in client.get("/search/?q=政务公开").content.decode()


def test_an_item_of_another_agency_is_not_found_under_this_one(client, site, other_site):
    theirs = other_site.publish("教育局的信息")
    assert client.get(f"/sfq-rmtzx/items/{theirs.index_number}/").status_code == 404
    assert client.get("/no-such-agency/").status_code == 404


def test_search_page_highlights_and_filters(client, site, other_site, item):
    other_site.publish("教育局政务公开工作")
    html = client.get("/search/", {"q": "政务公开", "agency": "sfq-rmtzx"}).content.decode()
    assert "共 1 条" in html
    assert "<mark>" in html and item.get_absolute_url() in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "公开", "from": "2024-13-45"}, "日期格式不正确"),
        ({"q": "公开", "from": "2024-05-01", "to": "2024-01-01"}, "结束日期不能早于开始日期"),
        ({"q": "公开", "validity": "bogus"}, "请选择有效性"),
        ({"q": "公" * 101}, "检索词不能超过100个字"),
    ],
)
def test_bad_search_input_shows_a_chinese_message(client, site, params, message):
    page = client.get("/search/", params)
    assert page.status_code == 200
    assert message in page.content.decode()


def test_search_page_numbers_out_of_range_do_not_break(client, site, item):
    assert client.get("/search/?q=政务&page=x").status_code == 200
    assert client.get("/search/?q=政务&page=100000").status_code == 200


def test_rss_and_atom_feeds_are_valid_xml(client, site, item):
    rss = client.get("/sfq-rmtzx/columns/tzgg/feed.rss")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    assert channel.find("item/title").text == item.title
    assert channel.find("item/link").text.endswith(item.get_absolute_url())
    atom = client.get("/sfq-rmtzx/columns/tzgg/feed.atom")
    root = ET.fromstring(atom.content)
    assert root.find(f"{ATOM}entry/{ATOM}title").text == item.title
    assert client.get("/sfq-rmtzx/columns/none/feed.rss").status_code == 404


def test_sitemap_lists_public_items_only(client, site, item):
    hidden = site.draft("草稿")
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [e.text for e in index.iter(f"{SM}loc")]
    assert locs[0].endswith("/sitemap-pages.xml") and locs[1].endswith("/sitemap-items-1.xml")
    items = ET.fromstring(client.get("/sitemap-items-1.xml").content)
    urls = [e.text for e in items.iter(f"{SM}loc")]
    assert any(u.endswith(item.get_absolute_url()) for u in urls)
    assert not any(u.endswith(hidden.get_absolute_url()) for u in urls)
    pages = ET.fromstring(client.get("/sitemap-pages.xml").content)
    assert any(e.text.endswith("/sfq-rmtzx/columns/tzgg/") for e in pages.iter(f"{SM}loc"))
    assert client.get("/sitemap-items-9.xml").status_code == 404


def test_guide_and_annual_columns(client, site):
    assert "尚未在门户发布政府信息公开指南" in client.get("/sfq-rmtzx/guide/").content.decode()
    site.column("gkzn", "政府信息公开指南")
    site.publish(
        "示范区融媒体中心政府信息公开指南", "一、主动公开\n本机关主动公开的政府信息范围。", column="gkzn"
    )
    html = client.get("/sfq-rmtzx/guide/").content.decode()
    assert "本机关主动公开的政府信息范围" in html
    site.column("gknb", "政府信息公开年报")
    site.publish("示范区融媒体中心2023年政府信息公开工作年度报告", "", column="gknb")
    assert "2023年政府信息公开工作年度报告" in client.get("/sfq-rmtzx/annual/").content.decode()


def test_large_text_is_remembered_in_a_cookie(client, site):
    page = client.get("/sfq-rmtzx/?size=large")
    assert 'class="portal portal-large"' in page.content.decode()
    assert page.cookies["gk_text_size"].value == "large"
    assert 'class="portal portal-large"' in client.get("/").content.decode()
    assert "portal-large" not in client.get("/?size=normal").content.decode()


@pytest.mark.parametrize("path", ["/audit/", "/office/", "/admin/", "/accounts/login/"])
def test_reserved_paths_are_not_taken_by_agency_codes(client, path):
    response = client.get(path)
    assert response.status_code in (200, 302)
    assert response.resolver_match.app_name != "portal"


def test_audit_page_still_works(client):
    page = client.get("/audit/")
    assert page.status_code == 200 and "年报体检" in page.content.decode()


def test_pages_never_ask_for_javascript(client, site, item):
    for url in ("/", "/sfq-rmtzx/", "/sfq-rmtzx/columns/tzgg/", item.get_absolute_url(), "/search/?q=政务"):
        html = client.get(url).content.decode()
        assert "<script" not in html
        assert '<meta name="viewport"' in html


def test_a_cached_item_page_is_never_served_after_withdrawal(client, site, item, django_assert_num_queries):
    url = item.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get("/sfq-rmtzx/columns/tzgg/").status_code == 200
    with django_assert_num_queries(1):  # the cache token; the page itself comes from the cache
        assert item.title in client.get(url).content.decode()
    catalogue.withdraw(item, actor=site.head, reason="内容需要更新")
    assert client.get(url).status_code == 404
    assert item.title not in client.get("/sfq-rmtzx/columns/tzgg/").content.decode()
    assert item.title not in client.get("/sfq-rmtzx/").content.decode()


def test_a_page_cached_before_publication_shows_the_new_item(client, site, item):
    assert item.title in client.get("/sfq-rmtzx/columns/tzgg/").content.decode()
    newer = site.publish("关于新一期政务公开的通知")
    assert newer.title in client.get("/sfq-rmtzx/columns/tzgg/").content.decode()
    assert newer.title in client.get("/sfq-rmtzx/").content.decode()


def test_a_validity_change_reaches_a_cached_item_page(client, site, item):
    assert "<td>有效</td>" in client.get(item.get_absolute_url()).content.decode()
    catalogue.change_validity(item, actor=site.head, validity="expired", changed_on=item.published_date)
    assert "<td>失效（" in client.get(item.get_absolute_url()).content.decode()


def test_large_and_normal_text_are_cached_apart(client, site, item):
    url = item.get_absolute_url()
    assert "portal-large" not in client.get(url).content.decode()
    client.cookies["gk_text_size"] = "large"
    assert 'class="portal portal-large"' in client.get(url).content.decode()
    client.cookies["gk_text_size"] = "normal"
    assert "portal-large" not in client.get(url).content.decode()


def test_column_listing_counts_large_sets_by_the_planner_estimate(site, item, monkeypatch):
    from django.db import connection

    from gongkai.portal import queries

    monkeypatch.setattr(queries, "EXACT_COUNT_UP_TO", 0)
    paginator = queries.ListingPaginator(queries.listing(site.agency), 20)
    assert paginator.count >= 1
    assert paginator.estimated == (connection.vendor == "postgresql")


def test_item_page_shows_sub_column_crumbs_attachments_and_a_public_replacement(client, site):
    site.column("zcwj", "政策文件")
    site.column("gfxwj", "规范性文件", parent="zcwj")
    newer = site.publish("新的规范性文件", "", column="gfxwj")
    old = site.draft("旧的规范性文件", column="gfxwj")
    catalogue.add_attachment(old, actor=site.head, name="现场.png", data=b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    catalogue.submit_for_review(old, actor=site.head)
    catalogue.approve(old, actor=site.head)
    old.refresh_from_db()
    catalogue.change_validity(
        old, actor=site.head, validity="repealed", changed_on=old.published_date, replaced_by=newer
    )
    html = client.get(old.get_absolute_url()).content.decode()
    assert 'href="/sfq-rmtzx/columns/zcwj/">政策文件</a>' in html
    assert 'href="/sfq-rmtzx/columns/gfxwj/">规范性文件</a>' in html
    assert "现场.png" in html and "/attachments/" in html
    assert f'<a href="{newer.get_absolute_url()}">新的规范性文件</a>' in html
    assert "现场.png" not in client.get(newer.get_absolute_url()).content.decode()
    catalogue.withdraw(newer, actor=site.head, reason="已废止")
    html = client.get(old.get_absolute_url()).content.decode()
    assert "新的规范性文件" not in html and "<td>废止（" in html
