import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies.factories import AgencyFactory, staff
from gongkai.agencies.roles import Role

pytestmark = pytest.mark.django_db


def test_office_home_needs_login(client):
    response = client.get("/office/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_office_home_lists_my_roles(client):
    agency = AgencyFactory(name="示范区融媒体中心", code="rmt")
    user = staff(agency, Role.FIRST_REVIEWER, username="r1")
    client.force_login(user)
    page = client.get("/office/").content.decode()
    assert "示范区融媒体中心" in page and "初审" in page


def test_login_page_renders_in_chinese(client):
    assert "工作人员登录" in client.get("/accounts/login/").content.decode()


@pytest.mark.parametrize(
    ("role", "areas"),
    [
        ("editor", ["公开目录", "依申请公开", "年度报告"]),
        ("supervisor", ["年度报告"]),
    ],
)
def test_the_navigation_offers_only_the_areas_the_user_may_enter(client, role, areas):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.web.office import AREAS

    agencies_demo.load()
    client.force_login(get_user_model().objects.get(username=role))
    page = client.get("/office/").content.decode()
    start = page.index('aria-label="工作台导航"')
    nav = page[start : page.index("</nav>", start)]
    assert [name for _, name, _ in AREAS if f">{name}</a>" in nav] == areas
    for path, name, _ in AREAS:
        if name in areas:
            assert client.get(path, follow=True).status_code == 200
