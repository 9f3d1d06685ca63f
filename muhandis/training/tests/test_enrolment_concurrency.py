"""Seats are never oversold: 200 people enrolling in the same second for 20 seats."""

import threading
import time

import pytest
from django.db import OperationalError, close_old_connections, connection

from muhandis.accounts.models import User
from muhandis.billing.tests.factories import IssuerFactory
from muhandis.training.models import Enrolment
from muhandis.training.services import enrolment as service

from .factories import CourseSessionFactory

PEOPLE = 200
SEATS = 20
# Database connections open at once, as a server's connection pool would allow: the server
# (max_connections 100 by default) is shared with the test run's own connections.
POOL = 40


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_200_people_at_once_for_20_seats_give_20_seats_and_180_waiting_in_arrival_order(
    reference_data,
):
    IssuerFactory()
    session = CourseSessionFactory(max_seats=SEATS)
    people = User.objects.bulk_create(
        User(email=f"crowd{n}@example.uz", given_name=f"Person {n}") for n in range(PEOPLE)
    )
    start = threading.Barrier(PEOPLE)
    pool = threading.BoundedSemaphore(POOL)
    errors: list[BaseException] = []

    def enrol(person: User) -> None:
        try:
            start.wait()
            with pool:
                _enrol_once(person)
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    def _enrol_once(person: User) -> None:
        try:
            for attempt in range(50):
                try:
                    service.enrol(session=session, person=person, actor=person)
                    return
                except OperationalError as exc:
                    # A server allowing fewer than 200 connections makes a thread wait for
                    # one, as a connection pool would; nothing was written.
                    if "too many clients" not in str(exc) or attempt == 49:
                        raise
                    connection.close()
                    time.sleep(0.05)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=enrol, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    enrolments = list(Enrolment.objects.filter(session=session))
    confirmed = [e for e in enrolments if e.status == Enrolment.Status.CONFIRMED]
    waiting = [e for e in enrolments if e.status == Enrolment.Status.WAITLISTED]
    assert len(confirmed) == SEATS
    assert len(waiting) == PEOPLE - SEATS
    assert all(e.invoice_id for e in confirmed)
    # Arrival order: every seat went to someone who arrived before everyone waiting, and the
    # waiting list is served in the order the requests were recorded.
    assert max(e.requested_at for e in confirmed) <= min(e.requested_at for e in waiting)
    by_arrival = sorted(enrolments, key=lambda e: (e.requested_at, e.pk))
    assert [e.pk for e in by_arrival] == sorted(e.pk for e in enrolments)
    assert [service.waitlist_position(e) for e in sorted(waiting, key=lambda e: e.pk)] == list(
        range(1, PEOPLE - SEATS + 1)
    )
