"""Every page a person can reach by following links — the portal for the public, the back office
for each demo role — answers without a server error.

The demo data is the one `make run` loads (every app's `demo.load`), so the pages are the ones
people will open first, with drafts, cases, notices and reports in several states. Links are followed
breadth first from the start pages, same site only, GET only, a bounded number of pages per role.
"""

from __future__ import annotations

import io
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LINK = re.compile(r'href="([^"#]*)"')
SKIP = re.compile(r"^/(static|admin)/|/logout/|\.(pdf|docx|xlsx|csv|zip)$|/download|/export")
PAGES_PER_ROLE = 150
ROLES = ("editor", "reviewer1", "reviewer3", "head", "supervisor", "admin")


@pytest.fixture
def demo(settings, tmp_path, time_machine):
    time_machine.move_to("2026-11-25 10:00:00+08:00")
    settings.GONGKAI_CATALOGUE_FILES_DIR = tmp_path / "catalogue"
    settings.GONGKAI_PRIVATE_FILES_ROOT = tmp_path / "private"
    settings.VAR_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())


def crawl(client, starts: list[str], within: str = "/") -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = deque(starts)
    while queue and len(seen) < PAGES_PER_ROLE:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url, follow=True)
        seen[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode("utf-8", "replace")):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith(within) or SKIP.search(parts.path):
                continue
            if href not in seen:
                queue.append(href)
    return seen


def _errors(seen: dict[str, int]) -> dict[str, int]:
    return {url: status for url, status in seen.items() if status >= 500}


def test_the_public_pages_never_fail(client, demo):
    seen = crawl(client, ["/", "/sfq-rmtzx/", "/search/?q=公开", "/track/", "/sfq-rmtzx/apply/", "/audit/"])
    assert len(seen) >= 40
    assert _errors(seen) == {}


@pytest.mark.parametrize("username", ROLES)
def test_the_back_office_never_fails_for_any_role(client, demo, username):
    client.force_login(get_user_model().objects.get(username=username))
    seen = crawl(client, ["/office/"], within="/office/")
    assert len(seen) >= 10, seen
    assert _errors(seen) == {}
