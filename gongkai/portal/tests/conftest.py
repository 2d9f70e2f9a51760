"""Fixtures: an agency whose head runs a one-stage workflow, so tests publish through the real
catalogue actions (and so through the real `published` hook) in three calls."""

from __future__ import annotations

import http.server
import json
import threading
from dataclasses import dataclass, field

import pytest

from gongkai.agencies.factories import AgencyFactory, staff
from gongkai.agencies.roles import Role
from gongkai.catalogue import actions as catalogue


@dataclass
class Site:
    agency: object
    head: object
    columns: dict = field(default_factory=dict)

    def column(self, slug: str, name: str, parent: str | None = None):
        if slug not in self.columns:
            self.columns[slug] = catalogue.create_column(
                agency=self.agency, actor=self.head, name=name, slug=slug, parent=self.columns.get(parent)
            )
        return self.columns[slug]

    def publish(self, title: str, body: str = "", column: str = "tzgg", **fields):
        column_obj = self.columns.get(column) or self.column(column, "通知公告")
        item = catalogue.create_item(
            agency=self.agency, actor=self.head, column=column_obj, title=title, body=body, **fields
        )
        catalogue.submit_for_review(item, actor=self.head)
        catalogue.approve(item, actor=self.head)
        item.refresh_from_db()
        return item

    def draft(self, title: str, column: str = "tzgg", **fields):
        column_obj = self.columns.get(column) or self.column(column, "通知公告")
        return catalogue.create_item(
            agency=self.agency, actor=self.head, column=column_obj, title=title, **fields
        )


@pytest.fixture(autouse=True)
def files_dir(settings, tmp_path):
    settings.GONGKAI_CATALOGUE_FILES_DIR = tmp_path / "files"
    return settings.GONGKAI_CATALOGUE_FILES_DIR


def make_site(code: str, name: str) -> Site:
    agency = AgencyFactory(code=code, name=name)
    head = staff(agency, Role.OFFICE_HEAD, f"{code}-head")
    catalogue.set_workflow(agency, actor=head, stages=[Role.OFFICE_HEAD])
    site = Site(agency=agency, head=head)
    site.column("tzgg", "通知公告")
    return site


@pytest.fixture
def site(db) -> Site:
    return make_site("sfq-rmtzx", "示范区融媒体中心")


@pytest.fixture
def other_site(db) -> Site:
    return make_site("sfq-jyj", "示范区教育局")


class Receiver:
    """A local webhook receiver on 127.0.0.1 in a thread; answers with `status` and keeps requests."""

    def __init__(self) -> None:
        self.status = 200
        self.requests: list[dict] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                self.wfile.write(b"ok" if receiver.status < 300 else "服务暂不可用".encode())

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def json(self, n: int = -1) -> dict:
        return json.loads(self.requests[n]["body"])


@pytest.fixture
def receiver():
    r = Receiver()
    r.thread.start()
    yield r
    r.server.shutdown()
    r.server.server_close()


@pytest.fixture
def closed_port_url():
    """A URL on a port nothing listens on: bind, read the port, close."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"
