"""Member firms book at the member firm price (the membership domain answers who is one)."""

from decimal import Decimal

import pytest
import time_machine

from muhandis.accounts.models import Employment
from muhandis.accounts.tests.factories import UserFactory
from muhandis.membership.tests.factories_core import (
    D,
    approved,
    issuers,
    make_firm,
    make_type,
    pay,
)
from muhandis.training.models import Enrolment, PayerKind
from muhandis.training.services import bookings

from .factories import CourseSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _issuers(db):
    issuers()


def book(capture, firm, employer):
    session = CourseSessionFactory(max_seats=5)
    person = UserFactory()
    Employment.objects.create(person=person, organisation=firm, relation="employee")
    with capture(execute=True):
        return bookings.book(session=session, organisation=firm, people=[person], actor=employer)


def test_a_member_firm_books_at_the_member_firm_price(
    django_capture_on_commit_callbacks, employer, registrar
):
    firms = make_type("small", kind="firm", size_band="small", fees={"UZS": "3000000"})
    firm, _ = make_firm(representative=employer)
    today = D(2026, 12, 7)
    with time_machine.travel(today, tick=False):
        membership = approved(
            actor=registrar, type=firms, firm=firm, representative=employer, start=today
        )
        with django_capture_on_commit_callbacks(execute=True):
            pay(membership)
        result = book(django_capture_on_commit_callbacks, firm, employer)
    assert result.invoice.gross_total == Decimal("896000.00")  # 80 % of 1 120 000
    assert {e.payer_kind for e in Enrolment.objects.all()} == {PayerKind.MEMBER_FIRM}


def test_a_firm_awaiting_payment_still_books_at_the_non_member_price(
    django_capture_on_commit_callbacks, employer, registrar
):
    firms = make_type("small", kind="firm", size_band="small", fees={"UZS": "3000000"})
    firm, _ = make_firm(representative=employer)
    approved(actor=registrar, type=firms, firm=firm, representative=employer)
    result = book(django_capture_on_commit_callbacks, firm, employer)
    assert result.invoice.gross_total == Decimal("1344000.00")
    assert {e.payer_kind for e in Enrolment.objects.all()} == {PayerKind.NON_MEMBER_FIRM}
