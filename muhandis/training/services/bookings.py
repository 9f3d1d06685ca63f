"""A firm's representative books several of its staff on a session at once, on one invoice to
the organisation."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import Employment, EmploymentRelation, Organisation, User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import roles_of
from muhandis.billing import services as billing
from muhandis.core import audit
from muhandis.membership.selectors.standing import covering_membership, firm_has_member_prices

from ..models import Booking, CourseSession, Enrolment, PayerKind
from . import enrolment_notices as notices
from .enrolment import (
    EnrolmentError,
    _lock,
    announce_paid,
    cancel_enrolment,
    enrolment_problem,
    invoice_line,
    price_for,
    take_seat,
)

if TYPE_CHECKING:
    from muhandis.billing.models import Invoice


def payer_kind_for(organisation: Organisation) -> str:
    """The price list a firm books at: the member firm price while the firm is a member in good
    standing whose type gives member prices, else the non-member price."""
    if firm_has_member_prices(organisation):
        return PayerKind.MEMBER_FIRM
    return PayerKind.NON_MEMBER_FIRM


def member_payer_kind(person: User) -> str:
    """The price list a person pays for themselves at: the member price while they are a
    member in good standing, or work for a member firm, whose type gives member prices; else
    the individual price. (The events app uses it; decision 0014.)"""
    covering = covering_membership(person)
    if covering is not None and covering.type.member_prices:
        return PayerKind.MEMBER
    return PayerKind.INDIVIDUAL


def represents(person: User, organisation: Organisation) -> bool:
    """Whether ``person`` may book for ``organisation``: an employer representative now."""
    if Role.EMPLOYER not in roles_of(person):
        return False
    return Employment.objects.filter(
        person=person,
        organisation=organisation,
        relation=EmploymentRelation.REPRESENTATIVE,
        end_date__isnull=True,
    ).exists()


def staff_of(organisation: Organisation) -> QuerySet[User]:
    """The people who work for the organisation now."""
    return (
        User.objects.filter(
            employments__organisation=organisation,
            employments__relation=EmploymentRelation.EMPLOYEE,
            employments__end_date__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("family_name", "given_name", "email")
    )


def colleague_by_email(email: str) -> User:
    """A colleague not yet linked to the organisation, found by the email of their account."""
    found = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if found is None:
        raise EnrolmentError(
            _("Nobody has a Muhandis account with the email %(email)s: ask them to sign up first.")
            % {"email": email.strip()}
        )
    return found


@dataclass
class BookingResult:
    """What a booking did: who has a seat, who waits, who could not be booked and why."""

    booking: Booking | None
    confirmed: list[Enrolment] = field(default_factory=list)
    waitlisted: list[Enrolment] = field(default_factory=list)
    refused: list[tuple[User, str]] = field(default_factory=list)

    @property
    def invoice(self) -> "Invoice | None":
        return self.booking.invoice if self.booking else None


def _invoice_booking(result: BookingResult, *, actor: User, price: Decimal, currency: str) -> None:
    booking = result.booking
    assert booking is not None
    if price == 0:
        now = timezone.now()
        for enrolment in result.confirmed:
            Enrolment.objects.filter(pk=enrolment.pk).update(
                status=Enrolment.Status.PAID, paid_at=now
            )
            enrolment.status, enrolment.paid_at = Enrolment.Status.PAID, now
            audit.record(
                "training.enrolment.paid",
                actor=actor,
                target=enrolment,
                after={"status": Enrolment.Status.PAID},
                reason=_("The course is free."),
            )
            announce_paid(enrolment)
        return
    payer = billing.Payer.for_organisation(booking.organisation, contact=actor)
    session = result.confirmed[0].session
    lines = []
    for enrolment in result.confirmed:
        line = invoice_line(session, price=price, language=payer.language)
        lines.append(
            billing.LineIn(
                description=f"{line.description} ({enrolment.person.display_name})",
                unit_price=line.unit_price,
                vat_rate=line.vat_rate,
                ikpu_code=line.ikpu_code,
                package_code=line.package_code,
            )
        )
    invoice = billing.create_invoice(payer=payer, lines=lines, currency=currency, actor=actor)
    booking.invoice = invoice
    booking.save(update_fields=["invoice", "updated_at"])
    Enrolment.objects.filter(pk__in=[e.pk for e in result.confirmed]).update(invoice=invoice)
    for enrolment in result.confirmed:
        enrolment.invoice = invoice


def book(
    *,
    session: CourseSession,
    organisation: Organisation,
    people: list[User],
    actor: User,
) -> BookingResult:
    """Book ``people`` on ``session`` for ``organisation``: the seats that are free are taken at
    once (in the order given) and invoiced together to the organisation at the firm's price;
    the others join the waiting list. Someone already enrolled is listed as refused."""
    if not represents(actor, organisation):
        raise EnrolmentError(_("You do not represent this organisation."))
    unique = list({p.pk: p for p in people}.values())
    if not unique:
        raise EnrolmentError(_("Choose at least one person to book."))
    problem = enrolment_problem(session)
    if problem:
        raise EnrolmentError(problem)
    payer_kind = payer_kind_for(organisation)
    price, currency = price_for(session, payer_kind)
    if price > 0:
        try:
            billing.issuer_for(currency)
        except billing.BillingError as exc:
            raise EnrolmentError(str(exc)) from exc
    with transaction.atomic():
        session = _lock(session)
        problem = enrolment_problem(session)
        if problem:
            raise EnrolmentError(problem)
        booking = Booking.objects.create(organisation=organisation, booked_by=actor)
        result = BookingResult(booking=booking)
        for person in unique:
            try:
                enrolment = take_seat(
                    session=session,
                    person=person,
                    actor=actor,
                    payer_kind=payer_kind,
                    price=price,
                    currency=currency,
                    booking=booking,
                )
            except EnrolmentError as exc:
                result.refused.append((person, str(exc)))
                continue
            enrolment.session = session
            if enrolment.status == Enrolment.Status.CONFIRMED:
                result.confirmed.append(enrolment)
            else:
                result.waitlisted.append(enrolment)
        if not result.confirmed and not result.waitlisted:
            transaction.set_rollback(True)
            return BookingResult(booking=None, refused=result.refused)
        audit.record(
            "training.booking.created",
            actor=actor,
            target=booking,
            after={
                "organisation": organisation.pk,
                "session": session.pk,
                "confirmed": [e.person_id for e in result.confirmed],
                "waitlisted": [e.person_id for e in result.waitlisted],
            },
        )
    if result.confirmed:
        try:
            with transaction.atomic():
                _invoice_booking(result, actor=actor, price=price, currency=currency)
        except billing.BillingError as exc:
            for enrolment in result.confirmed + result.waitlisted:
                cancel_enrolment(
                    enrolment=enrolment,
                    actor=None,
                    by=Enrolment.CancelledBy.SYSTEM,
                    reason=str(exc),
                    notify=False,
                )
            raise EnrolmentError(str(exc)) from exc
    for enrolment in result.confirmed:
        notices.confirmed(enrolment)
    for enrolment in result.waitlisted:
        notices.waitlisted(enrolment)
    return result
