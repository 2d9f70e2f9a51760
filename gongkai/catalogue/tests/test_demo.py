"""The demo loads the media centre's catalogue, and loading it twice creates nothing new."""

from __future__ import annotations

import io

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.catalogue import demo
from gongkai.catalogue.models import Column, Item, ItemEvent
from gongkai.catalogue.review import is_blocked
from gongkai.catalogue.vocab import ItemStatus

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent():
    agencies_demo.load()
    out = io.StringIO()
    demo.load(stdout=out)
    items = Item.objects.filter(agency__code=demo.AGENCY)
    assert items.count() >= 30
    assert items.filter(status=ItemStatus.IN_REVIEW).count() == 1
    assert items.filter(status=ItemStatus.WITHDRAWN).count() == 1
    blocked = items.get(title="中心志愿服务队开展社区走访活动")
    assert blocked.status == ItemStatus.APPROVED and is_blocked(blocked)
    assert "/office/catalogue/sfq-rmtzx/" in out.getvalue()
    counts = (Item.objects.count(), Column.objects.count(), ItemEvent.objects.count())
    demo.load(stdout=io.StringIO())
    assert (Item.objects.count(), Column.objects.count(), ItemEvent.objects.count()) == counts
