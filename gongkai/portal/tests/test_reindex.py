"""A published item's validity change reaches the search index without a rebuild."""

from __future__ import annotations

from datetime import date

from gongkai.catalogue import actions as catalogue
from gongkai.portal.search import get_backend


def test_validity_change_reindexes_the_item(site):
    item = site.publish("关于印发政务公开工作要点的通知", "全面推进政务公开标准化规范化。")
    backend = get_backend()
    assert backend.search("政务公开", validity="valid").total == 1
    catalogue.change_validity(item, actor=site.head, validity="repealed", changed_on=date(2026, 6, 1))
    assert backend.search("政务公开", validity="valid").total == 0
    assert backend.search("政务公开", validity="repealed").total == 1
