"""Invoice numbers: consecutive, never shared, and a number rolled back is given again."""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection, transaction

from muhandis.accounts.tests.factories import UserFactory
from muhandis.billing import services
from muhandis.billing.models import Invoice, InvoiceSequence

from .factories import IssuerFactory

pytestmark = pytest.mark.django_db(transaction=True)

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are exercised on PostgreSQL"
)


def _create(payer):
    return services.create_invoice(
        payer=services.Payer.for_person(payer),
        lines=[services.LineIn(description="Course", unit_price=Decimal("1000"))],
        currency="UZS",
        actor=None,
    )


def _serial(number: str) -> int:
    return int(number.rsplit("-", 1)[1])


class Rollback(Exception):
    pass


def test_a_number_rolled_back_with_its_invoice_is_given_to_the_next_one():
    IssuerFactory()
    payer = UserFactory()
    first = _create(payer)
    taken = []

    def create_then_fail():
        with transaction.atomic():
            taken.append(_create(payer).number)
            raise Rollback

    with pytest.raises(Rollback):
        create_then_fail()
    assert _serial(taken[0]) == 2
    following = _create(payer)
    assert _serial(first.number) == 1
    assert _serial(following.number) == 2
    assert Invoice.objects.count() == 2
    assert InvoiceSequence.objects.get().last_number == 2


def _run_at_once(count, work):
    start = threading.Barrier(count)
    errors = []

    def run(index):
        try:
            start.wait()
            work(index)
        except Exception as exc:  # collected and reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@on_postgresql
def test_twenty_invoices_issued_at_once_get_twenty_consecutive_numbers():
    IssuerFactory()
    payers = [UserFactory() for _ in range(20)]
    numbers = []

    def issue(index):
        numbers.append(_create(payers[index]).number)

    assert _run_at_once(20, issue) == []
    assert len(set(numbers)) == 20
    assert sorted(_serial(n) for n in numbers) == list(range(1, 21))


@on_postgresql
def test_numbers_rolled_back_under_contention_leave_no_gap():
    IssuerFactory()
    payers = [UserFactory() for _ in range(20)]
    kept = []

    def issue(index):
        try:
            with transaction.atomic():
                invoice = _create(payers[index])
                if index % 2:
                    raise Rollback
            kept.append(invoice.number)
        except Rollback:
            pass

    assert _run_at_once(20, issue) == []
    assert sorted(_serial(n) for n in kept) == list(range(1, 11))
    assert sorted(Invoice.objects.values_list("number", flat=True)) == sorted(kept)
