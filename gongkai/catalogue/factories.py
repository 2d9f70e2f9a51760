"""factory_boy factories for the catalogue; items are made through the actions so events exist."""

from __future__ import annotations

import factory

from gongkai.agencies.factories import AgencyFactory

from .models import Column


class ColumnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Column

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"col{n}")
    order = factory.Sequence(lambda n: n * 10)
