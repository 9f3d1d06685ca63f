import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from muhandis.accounts.tests.factories import make_person
from muhandis.certification import demo
from muhandis.certification.models import Certificate, Scheme
from muhandis.certification.services.decisions import next_certificate_number
from muhandis.core.dates import add_years
from muhandis.cpd import services

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english():
    """Messages of services called directly are read in English."""
    with translation.override("en"):
        yield


def pdf_upload(name="attendance.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def level_two(db):
    demo.load(lambda line: None)
    return Scheme.objects.get(code="CE-WSS-II", status=Scheme.Status.ACTIVE)


def make_certificate(holder, scheme, *, expires_in_days=120) -> Certificate:
    today = timezone.localdate()
    expiry = today + datetime.timedelta(days=expires_in_days)
    return Certificate.objects.create(
        number=next_certificate_number(today),
        holder=holder,
        scheme=scheme,
        source=Certificate.Source.IMPORT,
        holder_name_latin=holder.display_name,
        effective_date=add_years(expiry, -scheme.validity_years),
        expiry_date=expiry,
    )


@pytest.fixture
def certificate(engineer, level_two):
    """Level II, valid for four more months: in its last year, open for renewal."""
    return make_certificate(engineer, level_two)


@pytest.fixture
def second_member(db):
    return make_person("committee", two_factor=True)


def record(person, *, days_ago=10, hours="10", category="technical", **extra):
    """An activity that ended ``days_ago``; one of more than a day's hours lasted ten days."""
    last_day = timezone.localdate() - datetime.timedelta(days=days_ago)
    if Decimal(hours) > 24 and "end_date" not in extra:
        extra = {"end_date": last_day, **extra}
        last_day -= datetime.timedelta(days=9)
    data = {
        "title": "Network design course",
        "start_date": last_day,
        "hours": Decimal(hours),
        "category": category,
    }
    data.update(extra)
    return services.record_activity(person=person, **data)


def verified(person, registrar, **kwargs):
    activity = record(person, **kwargs)
    return services.verify_activity(activity=activity, actor=registrar)


@pytest.fixture
def rule_met(certificate, engineer, registrar):
    """Verified hours meeting level II's rule: 150 in all, every category's minimum."""
    for category, count in [("technical", 2), ("management", 1), ("regulatory", 1)]:
        for _ in range(count):
            verified(engineer, registrar, category=category, hours="30")
    verified(engineer, registrar, category="professional", hours="30")
    return certificate
