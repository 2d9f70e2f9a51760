"""The search rules, run unchanged on both engines: the suite runs once on SQLite (FTS5) and once
on PostgreSQL (tsvector + GIN), and `get_backend()` picks the engine of the database in use."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.portal.models import SearchDocument
from gongkai.portal.search import Document, get_backend
from gongkai.portal.search.tokenize import index_text, query_terms

pytestmark = pytest.mark.django_db


def doc(key: str, title: str, body: str = "", **extra) -> Document:
    values = {
        "url": f"/a/items/{key}/",
        "agency_code": "sfq-rmtzx",
        "agency_name": "示范区融媒体中心",
        "column_slug": "tzgg",
        "column_name": "通知公告",
        "published_date": dt.date(2024, 3, 1),
        "validity": "valid",
    }
    values.update(extra)
    return Document(key=key, title=title, body=body, **values)


@pytest.fixture
def backend():
    return get_backend()


@pytest.fixture
def corpus(backend):
    docs = [
        doc("1", "2024年政务公开工作要点", "全面推进政务公开标准化规范化建设。"),
        doc(
            "2",
            "关于开展安全生产大检查的通知",
            "各单位要落实安全生产责任制。",
            published_date=dt.date(2023, 5, 4),
        ),
        doc(
            "3",
            "示范区教育局2023年部门预算",
            "部门预算公开说明。",
            agency_code="sfq-jyj",
            agency_name="示范区教育局",
            column_slug="czyjs",
            column_name="财政预决算",
            published_date=dt.date(2023, 2, 1),
        ),
        doc("4", "政府信息公开指南", "本机关政务公开工作机构为办公室。", validity="expired"),
        doc("5", "会议纪要", "会议研究了城市更新项目。附件：城市更新项目清单（扫描件识别文字）"),
    ]
    for d in docs:
        backend.index(d)
    return docs


def keys(page) -> list[str]:
    return [hit.key for hit in page.hits]


def test_the_backend_matches_the_database_vendor(backend):
    from django.db import connection

    assert backend.vendor == connection.vendor


def test_segmented_search_finds_a_word_inside_a_longer_title(backend, corpus):
    page = backend.search("政务公开")
    assert "1" in keys(page)
    assert page.total == len(page.hits)


def test_search_needs_every_word_of_the_query(backend, corpus):
    assert keys(backend.search("安全生产 通知")) == ["2"]
    assert keys(backend.search("安全生产 预算")) == []


def test_a_shorter_dictionary_word_inside_an_indexed_word_matches(backend, corpus):
    # 示范区 is one word in the dictionary; 示范 is one of its parts, indexed in search mode
    assert "3" in keys(backend.search("示范"))


def test_attachment_text_is_searchable(backend, corpus):
    assert keys(backend.search("城市更新")) == ["5"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"agency": "sfq-jyj"}, {"3"}),
        ({"agency": "sfq-rmtzx"}, {"1", "4"}),
        ({"column": "czyjs"}, {"3"}),
        ({"validity": "expired"}, {"4"}),
        ({"validity": "valid"}, {"1", "3"}),
        ({"date_from": dt.date(2024, 1, 1)}, {"1", "4"}),
        ({"date_to": dt.date(2023, 12, 31)}, {"3"}),
        ({"date_from": dt.date(2023, 1, 1), "date_to": dt.date(2023, 3, 1)}, {"3"}),
    ],
)
def test_filters_narrow_the_results(backend, corpus, filters, expected):
    # every document in the corpus with 公开 in it
    assert set(keys(backend.search("公开", **filters))) == expected


def test_an_empty_query_lists_by_filters_newest_first(backend, corpus):
    page = backend.search("", agency="sfq-rmtzx")
    assert page.total == 4
    assert keys(page)[-1] == "2"


def test_the_snippet_marks_the_query_words_in_the_original_text(backend, corpus):
    hit = backend.search("政务公开").hits[0]
    assert "<mark>政务公开</mark>" in str(hit.title_html) or "<mark>政务</mark>" in str(hit.title_html)
    assert "<mark>" in str(hit.snippet)
    assert " " not in hit.title  # original text, not the segmented tokens


def test_snippets_escape_html(backend):
    backend.index(doc("x", "<script>alert(1)</script>公开", "a<b>公开</b>"))
    hit = backend.search("公开").hits[0]
    assert "<script>" not in str(hit.title_html)
    assert "&lt;script&gt;" in str(hit.title_html)
    assert "<b>" not in str(hit.snippet)


def test_a_title_match_ranks_above_a_body_match(backend):
    backend.index(doc("body", "会议通知", "会议还讨论了预算编制等其他事项，篇幅较长。" * 3))
    backend.index(doc("title", "部门预算", "说明。"))
    assert keys(backend.search("预算"))[0] == "title"


def test_more_occurrences_rank_higher(backend):
    backend.index(doc("once", "通知", "河道治理。"))
    backend.index(doc("often", "通知", "河道治理，河道巡查，河道保洁，河道整治。"))
    assert keys(backend.search("河道")) == ["often", "once"]


def test_reindexing_replaces_and_remove_deletes(backend, corpus):
    backend.index(doc("1", "乡村振兴工作要点", ""))
    assert "1" not in keys(backend.search("政务公开"))
    assert keys(backend.search("乡村振兴")) == ["1"]
    backend.remove("1")
    assert keys(backend.search("乡村振兴")) == []
    assert SearchDocument.objects.filter(key="1").count() == 0


def test_rebuild_replaces_the_whole_index(backend, corpus):
    count = backend.rebuild([doc("9", "防汛抗旱通知", "")])
    assert count == 1
    assert keys(backend.search("防汛")) == ["9"]
    assert keys(backend.search("政务公开")) == []


def test_pages(backend):
    for n in range(5):
        backend.index(doc(f"p{n}", f"第{n}号通告", "", published_date=dt.date(2024, 1, n + 1)))
    first = backend.search("通告", page_size=2)
    third = backend.search("通告", page=3, page_size=2)
    assert first.total == 5 and first.num_pages == 3 and first.has_next
    assert len(third.hits) == 1 and not third.has_next


@pytest.mark.parametrize(
    "query", ['"', "'", "AND", "OR NOT", "*", "政务 NEAR(公开)", "\\", "%", "a:b", "(((", "；；", "   "]
)
def test_query_syntax_never_breaks_the_engine(backend, corpus, query):
    page = backend.search(query)
    assert page.total >= 0


def test_full_width_and_case_fold():
    assert index_text("ＡＢＣ１２３") == index_text("abc123")
    assert query_terms("政务公开")[0][0] == "政务"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=12))
def test_any_query_is_safe(backend, query):
    page = backend.search(query)
    assert page.total >= 0


# The rank limit: more matches than `GONGKAI_SEARCH_RANK_LIMIT` rank only that many candidates (title
# matches, then the newest); the other matches follow newest first.


def all_keys(backend, query, page_size=3, **filters) -> list[str]:
    """Every result, read page after page."""
    first = backend.search(query, page_size=page_size, **filters)
    found = keys(first)
    for number in range(2, first.num_pages + 1):
        found += keys(backend.search(query, page=number, page_size=page_size, **filters))
    return found


@pytest.fixture
def ranked_corpus(backend):
    """Twelve items with 河道: two with it in the title (the oldest), ten only in the body, one a day."""
    backend.index(doc("t1", "河道治理方案", "说明。", published_date=dt.date(2023, 1, 1)))
    backend.index(doc("t2", "河道保洁通知", "说明。", published_date=dt.date(2023, 1, 2)))
    for n in range(10):
        body = "巡查河道。" if n % 2 else "河道巡查，河道保洁，河道整治。"
        backend.index(doc(f"b{n}", "工作通知", body, published_date=dt.date(2024, 5, 1 + n)))


def test_a_match_set_within_the_limit_is_ranked_as_without_a_limit(backend, ranked_corpus, settings):
    settings.GONGKAI_SEARCH_RANK_LIMIT = None
    unlimited = backend.search("河道", page_size=50)
    settings.GONGKAI_SEARCH_RANK_LIMIT = 12  # exactly the number of matches
    limited = backend.search("河道", page_size=50)
    assert keys(limited) == keys(unlimited)
    assert [h.score for h in limited.hits] == [h.score for h in unlimited.hits]
    assert limited.total == 12 and limited.ranked is None
    scores = [h.score for h in limited.hits]
    assert scores == sorted(scores, reverse=True)
    assert keys(limited)[:2] in (["t1", "t2"], ["t2", "t1"])  # title matches first
    # more occurrences rank higher: every three-times body above every once body
    assert max(keys(limited).index(f"b{n}") for n in (0, 2, 4, 6, 8)) < min(
        keys(limited).index(f"b{n}") for n in (1, 3, 5, 7, 9)
    )


def test_the_default_limit_leaves_small_result_sets_alone(backend, ranked_corpus):
    page = backend.search("河道")
    assert page.ranked is None and page.total == 12


def test_over_the_limit_title_matches_then_the_newest_are_ranked_the_rest_newest_first(
    backend, ranked_corpus, settings
):
    settings.GONGKAI_SEARCH_RANK_LIMIT = 4
    page = backend.search("河道", page_size=50)
    assert page.total == 12  # exact, not the limit
    assert page.ranked == 4
    found = keys(page)
    # candidates: both title matches (although the oldest), then the two newest body matches,
    # ranked best first: titles above bodies, three occurrences (b8) above one (b9)
    assert set(found[:2]) == {"t1", "t2"}
    assert found[2:4] == ["b8", "b9"]
    # the rest, newest first
    assert found[4:] == ["b7", "b6", "b5", "b4", "b3", "b2", "b1", "b0"]
    assert all(h.score > 0 for h in page.hits[:4])


def test_over_the_limit_the_newest_title_matches_are_the_candidates(backend, settings):
    for n in range(5):
        backend.index(doc(f"t{n}", f"河道治理第{n}期", "说明。", published_date=dt.date(2022, 1, 1 + n)))
    backend.index(doc("new", "工作通知", "巡查河道。", published_date=dt.date(2025, 1, 1)))
    settings.GONGKAI_SEARCH_RANK_LIMIT = 3
    page = backend.search("河道", page_size=50)
    assert page.total == 6 and page.ranked == 3
    assert set(keys(page)[:3]) == {"t4", "t3", "t2"}
    assert keys(page)[3:] == ["new", "t1", "t0"]


def test_over_the_limit_pages_neither_repeat_nor_skip(backend, ranked_corpus, settings):
    for n in range(3):  # same day, same text: only the order of last resort tells them apart
        backend.index(doc(f"same{n}", "工作通知", "巡查河道。", published_date=dt.date(2024, 5, 4)))
    settings.GONGKAI_SEARCH_RANK_LIMIT = 4
    whole = keys(backend.search("河道", page_size=50))
    for page_size in (1, 3, 5):  # pages inside the ranked head, across its end, and past it
        assert all_keys(backend, "河道", page_size=page_size) == whole
    assert sorted(whole) == sorted(["t1", "t2", *(f"b{n}" for n in range(10)), "same0", "same1", "same2"])
    past = backend.search("河道", page=9, page_size=5)
    assert past.total == 15 and past.hits == []


def test_over_the_limit_filters_apply_before_the_limit(backend, ranked_corpus, settings):
    backend.index(doc("other", "河道管理", "", agency_code="sfq-jyj", published_date=dt.date(2025, 1, 1)))
    settings.GONGKAI_SEARCH_RANK_LIMIT = 4
    page = backend.search("河道", agency="sfq-rmtzx", page_size=50)
    assert page.total == 12 and "other" not in keys(page)
    assert set(keys(page)[:4]) == {"t1", "t2", "b8", "b9"}


def test_the_search_page_says_when_only_the_first_results_are_ranked(
    client, backend, ranked_corpus, settings
):
    note = "结果较多，前4条按相关度排序，其余按发布日期排序"
    settings.GONGKAI_SEARCH_RANK_LIMIT = 4
    assert note in client.get("/search/", {"q": "河道"}).content.decode()
    settings.GONGKAI_SEARCH_RANK_LIMIT = 12
    html = client.get("/search/", {"q": "河道"}).content.decode()
    assert "按发布日期排序" not in html and "共 12 条" in html


# The count limit: more matches than `GONGKAI_SEARCH_COUNT_LIMIT` (default 10,000, as the column
# listing) and PostgreSQL gives the planner's estimate as the total; the results do not change.


def pages_until_empty(backend, query, page_size, **filters) -> list[str]:
    """Every result, read page after page until an empty one (an estimated total may be off)."""
    found, number = [], 1
    while hits := keys(backend.search(query, page=number, page_size=page_size, **filters)):
        found += hits
        number += 1
    return found


def test_above_the_count_limit_the_page_and_the_api_say_the_total_is_approximate(
    client, backend, ranked_corpus, settings
):
    settings.GONGKAI_SEARCH_COUNT_LIMIT = 5
    page = backend.search("河道")
    html = client.get("/search/", {"q": "河道"}).content.decode()
    api = client.get("/api/items/", {"q": "河道"}).json()
    if backend.vendor == "postgresql":
        assert page.estimated and page.total > 5
        assert f"共 约 {page.total} 条" in html
        assert api["count_estimated"] is True and api["count"] == page.total
    else:  # SQLite counts exactly, as the column listing does
        assert not page.estimated and page.total == 12
        assert "共 12 条" in html and api["count_estimated"] is False
    settings.GONGKAI_SEARCH_COUNT_LIMIT = 12
    assert not backend.search("河道").estimated
    assert "共 12 条" in client.get("/search/", {"q": "河道"}).content.decode()
    assert client.get("/api/items/", {"q": "河道"}).json()["count_estimated"] is False


def test_above_the_count_limit_the_results_and_their_pages_are_the_same(backend, ranked_corpus, settings):
    for n in range(3):  # same day, same text: only the order of last resort tells them apart
        backend.index(doc(f"same{n}", "工作通知", "巡查河道。", published_date=dt.date(2024, 5, 4)))
    backend.index(doc("undated", "工作通知", "巡查河道。", published_date=None))
    settings.GONGKAI_SEARCH_RANK_LIMIT = 4
    exact = backend.search("河道", page_size=50)
    narrowed = {"agency": "sfq-rmtzx", "date_from": dt.date(2024, 1, 1)}
    exact_narrowed = keys(backend.search("河道", page_size=50, **narrowed))
    settings.GONGKAI_SEARCH_COUNT_LIMIT = 5
    assert exact.total == 16 and not exact.estimated
    whole = keys(exact)
    assert [h.score for h in backend.search("河道", page_size=50).hits] == [h.score for h in exact.hits]
    for page_size in (1, 3, 5):  # pages inside the ranked head, across its end, and past it
        assert pages_until_empty(backend, "河道", page_size) == whole
    assert pages_until_empty(backend, "河道", 2, **narrowed) == exact_narrowed
    assert sorted(exact_narrowed) == sorted(k for k in whole if k.startswith(("b", "same")))


def test_above_the_count_limit_a_date_window_finds_the_same_newest_matches(backend, settings):
    """PostgreSQL looks for the newest matches among the newest items first (a window taken from the
    date statistics); whatever the window, the results are those of the exact count."""
    if backend.vendor != "postgresql":
        pytest.skip("the date window is PostgreSQL's")
    from django.db import connection

    for n in range(60):
        title = "河道治理方案" if n % 5 == 0 else "工作通知"
        body = "巡查河道。" if n % 2 else "城市更新。河道保洁。"
        published = dt.date(2020, 1, 1) + dt.timedelta(days=17 * n)
        backend.index(doc(f"d{n:02d}", title, body, published_date=published))
    for n in range(40):  # items without the word, to give the statistics more dates
        backend.index(
            doc(
                f"x{n:02d}",
                "会议纪要",
                "城市更新。",
                published_date=dt.date(2021, 1, 1) + dt.timedelta(days=n),
            )
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE portal_searchdocument")
    settings.GONGKAI_SEARCH_RANK_LIMIT = 1  # one candidate among twelve title matches: a window
    exact = keys(backend.search("河道", page_size=100))
    until = dt.date(2021, 6, 30)
    exact_until = keys(backend.search("河道", page_size=100, date_to=until))
    settings.GONGKAI_SEARCH_COUNT_LIMIT = 5
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        assert backend.search("河道").estimated
        for page_size in (2, 7):
            assert pages_until_empty(backend, "河道", page_size) == exact
        assert pages_until_empty(backend, "河道", 4, date_to=until) == exact_until
    windows = [sql for sql in statements if "d.published_date >= %s ORDER BY" in sql]
    assert any("title_vector" in sql for sql in windows) and any("search_vector" in sql for sql in windows)
