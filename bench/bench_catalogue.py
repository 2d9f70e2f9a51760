"""Catalogue figures: index-number allocation and the table-二 statistics over many items.

Runs against a throw-away SQLite database in a temporary directory (never the project's database).
Each allocation is its own committed transaction, so the rate is bound by the disk's fsync; people
create items one at a time, so 10 per second is ample.
"""

from __future__ import annotations

import os
import tempfile
import time

from bench.common import Figure

ITEMS = 2000


def run() -> list[Figure]:
    tmp = tempfile.mkdtemp(prefix="gongkai-bench-catalogue-")
    os.environ["GONGKAI_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.platform.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, Membership
    from gongkai.catalogue import actions
    from gongkai.catalogue.models import Column, Item
    from gongkai.catalogue.statistics import published_counts, table_two_documents
    from gongkai.catalogue.vocab import ItemStatus

    agency = Agency.objects.create(name="基准测试局", code="bench")
    head = get_user_model().objects.create(username="bench-head")
    Membership.objects.create(user=head, agency=agency, role="office_head")
    column = Column.objects.create(
        agency=agency, name="规范性文件", slug="gf", table_two_row="normative_documents"
    )

    start = time.perf_counter()
    numbers = [actions.allocate_index_number(agency, 2024) for _ in range(ITEMS)]
    allocation_rate = ITEMS / (time.perf_counter() - start)
    Item.objects.bulk_create(
        Item(agency=agency, column=column, title=f"文件{n}", index_number=number, status=ItemStatus.PUBLISHED,
             published_date=f"2024-{1 + n % 12:02d}-15", written_date=f"2024-{1 + n % 12:02d}-10")
        for n, number in enumerate(numbers)
    )  # fmt: skip
    start = time.perf_counter()
    published_counts(agency, 2024)
    table_two_documents(agency, 2024)
    statistics_ms = (time.perf_counter() - start) * 1000
    return [
        Figure(
            "catalogue index numbers allocated per second (SQLite)", allocation_rate, "numbers/s", ">= 200"
        ),
        Figure(f"catalogue statistics for {ITEMS} items", statistics_ms, "ms", "<= 500"),
    ]


if __name__ == "__main__":
    for figure in run():
        print(figure.line())
