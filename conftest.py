"""Project-wide test set-up: service-backed tests skip locally with a reason, but never in CI."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI") == "true"
SHARED = Path(__file__).resolve().parent.parent / "shared"


def service_up(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int) -> None:
    """Skip when a service is absent locally; in CI its absence is a failure, not a skip."""
    if service_up(host, port):
        return
    if IN_CI:
        pytest.fail(f"{name} is not reachable on {host}:{port}, and CI=true requires it")
    pytest.skip(f"{name} not reachable on {host}:{port} (runs in CI)")


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


def pytest_configure(config):
    """PBKDF2's deliberate slowness costs a second per user created; tests need no such strength."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    """Debian's chromium driven by Playwright (never Playwright's own browser download).

    Playwright's sync API runs an event loop in the test thread, so Django's async guard is
    relaxed for browser tests only."""
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail("/usr/bin/chromium is missing; `make sysdeps` installs it")
        pytest.skip("/usr/bin/chromium is missing (the Makefile's sysdeps target installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
