"""The portal's demo runs after the agencies' demo and creates nothing new the second time."""

from __future__ import annotations

import pytest

from gongkai.agencies import demo as agencies_demo
from gongkai.catalogue.models import Item
from gongkai.portal import demo
from gongkai.portal.models import Channel, SearchDocument

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_the_guide_is_public(client):
    agencies_demo.load()
    demo.load()
    counts = (Item.objects.count(), Channel.objects.count(), SearchDocument.objects.count())
    demo.load()
    assert (Item.objects.count(), Channel.objects.count(), SearchDocument.objects.count()) == counts
    assert "政府信息公开指南" in client.get("/sfq-rmtzx/guide/").content.decode()
    assert not Channel.objects.get().enabled
