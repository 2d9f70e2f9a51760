"""The services the platform runs on in production answer, and the ORM works on the configured database."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, transaction

from conftest import IN_CI, require_service


@pytest.mark.django_db
def test_orm_round_trip_on_configured_database():
    with transaction.atomic():
        Group.objects.create(name="政务公开办")
    assert Group.objects.filter(name="政务公开办").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_is_the_database_when_configured():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        if IN_CI:
            pytest.skip("the SQLite pass; the PostgreSQL pass of `make test` runs this test")
        pytest.skip("DATABASE_URL does not point at PostgreSQL")
    require_service("PostgreSQL", "127.0.0.1", 5432)
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("select to_tsvector('simple', %s)", ["政府 信息 公开"])
        assert "公开" in cursor.fetchone()[0]


@pytest.mark.redis
def test_redis_answers():
    require_service("Redis", "127.0.0.1", 6379)
    import redis

    client = redis.Redis.from_url(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15")
    client.set("gongkai:test", "公开", ex=10)
    assert client.get("gongkai:test").decode() == "公开"


def test_sqlite_is_the_embedded_default():
    if os.environ.get("DATABASE_URL"):
        pytest.skip("a DATABASE_URL is configured")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
