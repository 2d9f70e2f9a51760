import pytest

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
