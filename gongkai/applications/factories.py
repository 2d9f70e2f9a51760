"""factory_boy factories for cases and appeals (tests and benchmarks write rows directly)."""

from __future__ import annotations

import datetime as dt

import factory

from gongkai.agencies.factories import AgencyFactory

from .models import Appeal, Applicant, Application
from .vocab import AppealKind, AppealResult, AppealRole, ApplicationStatus


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    agency = factory.SubFactory(AgencyFactory)
    year = factory.LazyAttribute(lambda o: (o.received_on or dt.date(2026, 1, 1)).year)
    serial = factory.Sequence(lambda n: n + 1)
    case_number = factory.LazyAttribute(lambda o: f"{o.agency.code}-{o.year}-{o.serial:05d}")
    tracking_code = factory.Sequence(lambda n: f"TRACK{n:011d}")
    channel = "in_person"
    arrived_at = factory.LazyAttribute(
        lambda o: dt.datetime.combine(o.received_on or dt.date(2026, 1, 1), dt.time(10), tzinfo=dt.UTC)
    )
    received_on = dt.date(2026, 3, 2)
    applicant_type = "natural_person"
    request_description = "某文件"
    delivery_form = "electronic"
    delivery_method = "email"
    status = factory.LazyAttribute(
        lambda o: ApplicationStatus.CLOSED if o.outcome else ApplicationStatus.IN_PROGRESS
    )
    outcome = ""
    concluded_on = None


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Applicant

    application = factory.SubFactory(ApplicationFactory)
    name = "张三"
    id_type = "resident_id"
    id_number = "11010519491231002X"
    phone = "13800138000"


class AppealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appeal

    case = factory.SubFactory(ApplicationFactory)
    agency = factory.LazyAttribute(lambda o: o.case.agency)
    kind = AppealKind.RECONSIDERATION
    role = AppealRole.ORIGINAL_AGENCY
    filed_on = dt.date(2026, 5, 1)
    result = AppealResult.PENDING
    decided_on = None
