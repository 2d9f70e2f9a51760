"""What the annual report takes from the catalogue: items published per column, and table 二."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from gongkai.catalogue import actions
from gongkai.catalogue.factories import ColumnFactory
from gongkai.catalogue.statistics import published_counts, table_two_documents
from gongkai.catalogue.vocab import Validity

pytestmark = pytest.mark.django_db


def published(office, review_all, column, on: str, **fields):
    with time_machine.travel(dt.datetime.fromisoformat(on + "T02:00:00+00:00"), tick=False):
        item = actions.create_item(
            agency=office.agency,
            actor=office.editor,
            column=column,
            title=fields.pop("title", "信息"),
            **fields,
        )
        return review_all(item)


def test_published_counts_per_column_for_the_year(office, review_all):
    news = office.column
    other = ColumnFactory(agency=office.agency, name="人事任免", slug="rsrm")
    published(office, review_all, news, "2023-12-29")
    published(office, review_all, news, "2024-01-02")
    item = published(office, review_all, news, "2024-06-03")
    published(office, review_all, other, "2024-07-01")
    actions.withdraw(item, actor=office.final, reason="重复发布")  # still published that year
    counts = published_counts(office.agency, 2024)
    assert counts.total == 3
    assert {c.column.name: c.count for c in counts.columns} == {"政务动态": 2, "人事任免": 1}


def test_table_two_issued_repealed_in_force_at_year_end(office, review_all):
    policy = ColumnFactory(
        agency=office.agency, name="行政规范性文件", slug="gfxwj", table_two_row="normative_documents"
    )
    sub = ColumnFactory(agency=office.agency, name="2024年", slug="gf2024", parent=policy)
    old = published(office, review_all, policy, "2023-03-01", written_date=dt.date(2023, 2, 20))
    lapsed = published(office, review_all, policy, "2023-04-03", written_date=dt.date(2023, 4, 1))
    published(office, review_all, sub, "2024-05-06", written_date=dt.date(2024, 4, 28))
    later = published(office, review_all, policy, "2024-08-01", written_date=dt.date(2024, 7, 30))
    published(office, review_all, office.column, "2024-08-01")  # not a normative document
    actions.change_validity(
        old, actor=office.editor, validity=Validity.REPEALED, changed_on=dt.date(2024, 9, 1)
    )
    actions.change_validity(
        lapsed, actor=office.editor, validity=Validity.EXPIRED, changed_on=dt.date(2024, 3, 31)
    )
    actions.change_validity(
        later, actor=office.editor, validity=Validity.REPEALED, changed_on=dt.date(2025, 2, 1)
    )
    figures = table_two_documents(office.agency, 2024)
    docs = figures["normative_documents"]
    assert (docs.issued, docs.repealed, docs.in_force) == (2, 1, 2)
    assert figures["rules"].issued == figures["rules"].in_force == 0
    prior = table_two_documents(office.agency, 2023)["normative_documents"]
    assert (prior.issued, prior.repealed, prior.in_force) == (2, 0, 2)
