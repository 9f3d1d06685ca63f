"""Joining, approval, payment, renewal and the end of a membership. Every change is audited;
the invoices go through ``billing`` and its signals bring the payments back
(``billing_receivers``)."""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Min, Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from muhandis.accounts.models import Employment, EmploymentRelation, Organisation, User
from muhandis.billing import services as billing
from muhandis.billing.models import Invoice
from muhandis.core import audit
from muhandis.notifications import services as notices

from .. import rules
from ..models import (
    FINAL,
    IN_GOOD_STANDING,
    MemberKind,
    Membership,
    MembershipFee,
    MembershipPeriod,
    MembershipType,
    PeriodKindPaid,
    Status,
)

logger = logging.getLogger(__name__)

# Statuses whose dates the daily recalculation keeps in line.
DATED = (Status.NEW, Status.CURRENT, Status.GRACE, Status.EXPIRED, Status.AWAITING_PAYMENT)
RECALCULATION_REASON = "daily recalculation"


class MembershipError(Exception):
    """A request that cannot be done; the message is for the person who asked."""


# Who is told, and how


def representatives(organisation: Organisation) -> list[User]:
    """The people who currently represent the firm (they receive the firm's emails)."""
    return list(
        User.objects.filter(
            employments__organisation=organisation,
            employments__relation=EmploymentRelation.REPRESENTATIVE,
            employments__end_date__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def represents(person: User, organisation: Organisation) -> bool:
    """Whether ``person`` currently represents ``organisation``."""
    return Employment.objects.filter(
        person=person,
        organisation=organisation,
        relation=EmploymentRelation.REPRESENTATIVE,
        end_date__isnull=True,
    ).exists()


def recipients(membership: Membership) -> list[User]:
    """Who hears about a membership: the member, or the firm's representatives (the applicant
    when the firm has none left)."""
    if membership.person is not None:
        return [membership.person]
    assert membership.organisation is not None  # a membership is a person's or a firm's
    people = representatives(membership.organisation)
    if not people and membership.applied_by is not None:
        people = [membership.applied_by]
    return people


def _link(name: str, language: str, *args: Any) -> str:
    try:
        with translation.override(language):
            return settings.SITE_URL.rstrip("/") + reverse(name, args=args)
    except NoReverseMatch:
        return ""


def notify(membership: Membership, template: str, *, to: User | None = None, **extra: Any) -> None:
    """Tell everyone who hears about ``membership`` (or only ``to``) through their
    notification centre, rendered from ``membership/email/<template>`` in each one's language
    and emailed as they chose, once the transaction commits."""
    pk = membership.pk

    def send() -> None:
        fresh = Membership.objects.select_related("type", "person", "organisation").get(pk=pk)
        for person in [to] if to is not None else recipients(fresh):
            language = person.preferred_language or "uz"
            invoice = extra.get("invoice")
            context = {
                "person": person,
                "membership": fresh,
                "type": fresh.type,
                "firm": fresh.organisation,
                "invoice_link": _link("billing:invoice", language, invoice.public_id)
                if invoice is not None
                else "",
                **extra,
            }
            with translation.override(language):
                url = reverse("membership:mine")
            notices.notify(
                person=person,
                kind=f"membership.{template}",
                template=f"membership/email/{template}",
                context=context,
                url=url,
            )

    transaction.on_commit(send)


# Fees and invoices


def fee_for(type: MembershipType, currency: str) -> MembershipFee | None:
    return MembershipFee.objects.filter(type=type, currency=currency).first()


def period_text(start: datetime.date, end: datetime.date) -> str:
    """ "01.01.2027–31.12.2027", in the active language."""
    return (
        f"{formats.date_format(start, 'SHORT_DATE_FORMAT')}–"
        f"{formats.date_format(end, 'SHORT_DATE_FORMAT')}"
    )


def payer_for(membership: Membership) -> billing.Payer:
    """The member pays: the person, or the firm (to the attention of a representative)."""
    if membership.person is not None:
        return billing.Payer.for_person(membership.person)
    assert membership.organisation is not None  # a membership is a person's or a firm's
    people = recipients(membership)
    return billing.Payer.for_organisation(
        membership.organisation, contact=people[0] if people else None
    )


def line_description(
    membership: Membership, start: datetime.date, end: datetime.date, language: str
) -> str:
    """ "Membership fee: <type> <period>", in ``language``."""
    with translation.override(language):
        return _("Membership fee: %(type)s %(period)s") % {
            "type": membership.type.name,
            "period": period_text(start, end),
        }


def _invoice_period(
    membership: Membership, period: MembershipPeriod, *, amount: Any, actor: User | None
) -> Invoice:
    payer = payer_for(membership)
    try:
        invoice = billing.create_invoice(
            payer=payer,
            lines=[
                billing.LineIn(
                    description=line_description(
                        membership, period.start_date, period.end_date, payer.language
                    ),
                    unit_price=amount,
                    vat_rate=membership.type.vat_rate,
                    ikpu_code=membership.type.ikpu_code,
                )
            ],
            currency=membership.currency,
            actor=actor,
        )
    except billing.BillingError as exc:
        raise MembershipError(str(exc)) from exc
    period.invoice = invoice
    period.save(update_fields=["invoice"])
    return invoice


def paid_periods(membership: Membership) -> Any:
    return MembershipPeriod.objects.filter(
        membership=membership, paid_at__isnull=False, cancelled_at__isnull=True
    )


def refresh_dates(membership: Membership, *, today: datetime.date | None = None) -> Membership:
    """Set the membership's dates from its paid periods and its status from the dates (a final
    status stays). Saves the membership; the caller holds its lock."""
    today = today or timezone.localdate()
    span = paid_periods(membership).aggregate(first=Min("start_date"), last=Max("end_date"))
    if span["last"] is None:
        membership.start_date = membership.end_date = membership.member_since = None
        if membership.status not in FINAL:
            # Nothing paid any more: staff approve it again (a new invoice) or cancel it.
            membership.status = Status.AWAITING_PAYMENT
    else:
        membership.member_since = membership.member_since or span["first"]
        current = (
            paid_periods(membership)
            .filter(start_date__lte=max(today, span["first"]))
            .order_by("-start_date")
            .first()
        )
        membership.start_date = current.start_date if current else span["first"]
        membership.end_date = span["last"]
        if membership.status not in FINAL:
            membership.status = rules.status_on(
                today=today,
                member_since=membership.member_since,
                paid_until=span["last"],
                grace_days=membership.type.grace_days,
            )
    membership.save(
        update_fields=["start_date", "end_date", "member_since", "status", "updated_at"]
    )
    return membership


def _lock(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("type", "person", "organisation")
        .get(pk=membership.pk)
    )


def _state(membership: Membership) -> dict[str, Any]:
    return {
        "status": membership.status,
        "type": membership.type.code,
        "currency": membership.currency,
        "start_date": membership.start_date,
        "end_date": membership.end_date,
    }


# Joining


def apply_for_membership(
    *,
    actor: User,
    type: MembershipType,
    currency: str,
    organisation: Organisation | None = None,
    note: str = "",
    request: Any = None,
) -> Membership:
    """A person applies for themselves (an individual type), or a firm's representative for the
    firm (a firm type). Refused with a message when the type does not fit (kind, size band,
    inactive, no fee in the currency), when the actor does not represent the firm, or when the
    person or firm already holds a membership that is not refused or cancelled ("joining
    twice"). Raises ``MembershipError``; the applicant is emailed "application received"."""
    if not type.is_active:
        raise MembershipError(_("“%(type)s” is not open to new members.") % {"type": type.name})
    if fee_for(type, currency) is None:
        raise MembershipError(
            _("“%(type)s” has no fee in %(currency)s: choose another currency.")
            % {"type": type.name, "currency": currency}
        )
    if organisation is not None:
        if type.kind != MemberKind.FIRM:
            raise MembershipError(
                _("“%(type)s” is for individual members: choose a type for member firms.")
                % {"type": type.name}
            )
        if not represents(actor, organisation):
            raise MembershipError(
                _("Only a representative of %(firm)s may apply for its membership.")
                % {"firm": organisation.name}
            )
        if type.size_band and type.size_band != organisation.size_band:
            raise MembershipError(
                _(
                    "“%(type)s” is for firms of another size; %(firm)s is listed as "
                    "“%(size)s”: choose the type for that size."
                )
                % {
                    "type": type.name,
                    "firm": organisation.name,
                    "size": organisation.get_size_band_display(),
                }
            )
        existing = Membership.objects.filter(organisation=organisation).exclude(status__in=FINAL)
        twice = _("%(firm)s already has a membership (%(status)s): it cannot join twice.")
        who = {"firm": organisation.name}
    else:
        if type.kind != MemberKind.INDIVIDUAL:
            raise MembershipError(
                _("“%(type)s” is for member firms: choose a type for individual members.")
                % {"type": type.name}
            )
        existing = Membership.objects.filter(person=actor).exclude(status__in=FINAL)
        twice = _("You already have a membership (%(status)s): you cannot join twice.")
        who = {}
    found = existing.first()
    if found is not None:
        raise MembershipError(twice % {**who, "status": found.get_status_display()})
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                type=type,
                person=None if organisation is not None else actor,
                organisation=organisation,
                status=Status.PENDING,
                currency=currency,
                applied_by=actor,
                application_note=note.strip(),
            )
            audit.record(
                "membership.membership.applied",
                actor=actor,
                target=membership,
                after=_state(membership),
                request=request,
            )
            notify(membership, "applied", to=actor)
    except IntegrityError as exc:
        raise MembershipError(twice % {**who, "status": Status.PENDING.label}) from exc
    return membership


def approve_membership(
    *,
    actor: User,
    membership: Membership,
    start: datetime.date | None = None,
    request: Any = None,
    today: datetime.date | None = None,
) -> Membership:
    """Staff approve a pending application: the first period is set (from ``start``, today by
    default) and invoiced to the member in their language; a zero fee counts as paid at once.
    An approved membership whose first invoice was cancelled (awaiting payment with no open
    invoice) may be approved again: a new first period and invoice. ``today`` (default: the
    date now) decides the status of a zero-fee membership."""
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = _lock(membership)
        open_periods = MembershipPeriod.objects.filter(membership=locked, cancelled_at__isnull=True)
        again = locked.status == Status.AWAITING_PAYMENT and not open_periods.exists()
        if locked.status != Status.PENDING and not again:
            raise MembershipError(
                _(
                    "Only an application waiting for approval can be approved; "
                    "this one is “%(status)s”."
                )
                % {"status": locked.get_status_display()}
            )
        fee = fee_for(locked.type, locked.currency)
        if fee is None:
            raise MembershipError(
                _("“%(type)s” has no fee in %(currency)s: set the fee first.")
                % {"type": locked.type.name, "currency": locked.currency}
            )
        before = _state(locked)
        first, last = rules.period_from(locked.type.period, start or today)
        period = MembershipPeriod.objects.create(
            membership=locked, kind=PeriodKindPaid.JOINING, start_date=first, end_date=last
        )
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["decided_by", "decided_at", "updated_at"])
        invoice = None
        if fee.amount == 0:
            period.paid_at = timezone.now()
            period.save(update_fields=["paid_at"])
            refresh_dates(locked, today=today)
        else:
            invoice = _invoice_period(locked, period, amount=fee.amount, actor=actor)
            locked.status = Status.AWAITING_PAYMENT
            locked.save(update_fields=["status", "updated_at"])
        audit.record(
            "membership.membership.approved",
            actor=actor,
            target=locked,
            before=before,
            after={**_state(locked), "invoice": invoice.number if invoice else None},
            request=request,
        )
        notify(locked, "approved", invoice=invoice, period=period)
    membership.refresh_from_db()
    return membership


def refuse_membership(
    *, actor: User, membership: Membership, reason: str, request: Any = None
) -> Membership:
    """Staff refuse a pending application, with a reason the applicant is told."""
    reason = (reason or "").strip()
    if not reason:
        raise MembershipError(_("Say why the application is refused: the applicant is told."))
    with transaction.atomic():
        locked = _lock(membership)
        if locked.status != Status.PENDING:
            raise MembershipError(
                _(
                    "Only an application waiting for approval can be refused; "
                    "this one is “%(status)s”."
                )
                % {"status": locked.get_status_display()}
            )
        before = _state(locked)
        locked.status = Status.REFUSED
        locked.reason = reason
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated_at"])
        audit.record(
            "membership.membership.refused",
            actor=actor,
            target=locked,
            before=before,
            after=_state(locked),
            reason=reason,
            request=request,
        )
        notify(locked, "refused", reason=reason)
    membership.refresh_from_db()
    return membership


def cancel_membership(
    *, actor: User, membership: Membership, reason: str, request: Any = None
) -> Membership:
    """Staff (or the member) end a membership; unpaid invoices are cancelled. Paid periods stay
    as they were (money back is a refund in billing)."""
    reason = (reason or "").strip()
    if not reason:
        raise MembershipError(_("Say why the membership is cancelled: the member is told."))
    with transaction.atomic():
        locked = _lock(membership)
        if locked.status in FINAL:
            raise MembershipError(
                _("This membership has already ended (%(status)s).")
                % {"status": locked.get_status_display()}
            )
        before = _state(locked)
        now = timezone.now()
        unpaid = MembershipPeriod.objects.filter(
            membership=locked, paid_at__isnull=True, cancelled_at__isnull=True
        ).select_related("invoice")
        for period in unpaid:
            period.cancelled_at = now
            period.save(update_fields=["cancelled_at"])
            invoice = period.invoice
            if invoice is not None and invoice.status not in {
                Invoice.Status.CANCELLED,
                Invoice.Status.REFUNDED,
                Invoice.Status.PAID,
            }:
                try:
                    billing.cancel_invoice(invoice=invoice, reason=reason, actor=actor)
                except billing.BillingError as exc:
                    raise MembershipError(str(exc)) from exc
        locked.status = Status.CANCELLED
        locked.reason = reason
        locked.decided_by = actor
        locked.decided_at = now
        locked.save(update_fields=["status", "reason", "decided_by", "decided_at", "updated_at"])
        audit.record(
            "membership.membership.cancelled",
            actor=actor,
            target=locked,
            before=before,
            after=_state(locked),
            reason=reason,
            request=request,
        )
        notify(locked, "cancelled", reason=reason)
    membership.refresh_from_db()
    return membership


# The daily run


def recalculate_statuses(*, today: datetime.date | None = None) -> int:
    """Bring every paid membership's status in line with the dates (run daily); how many
    changed. Each change is audited (no actor, reason "daily recalculation")."""
    today = today or timezone.localdate()
    paid = Q(periods__paid_at__isnull=False, periods__cancelled_at__isnull=True)
    rows = (
        Membership.objects.filter(status__in=DATED)
        .annotate(paid_until=Max("periods__end_date", filter=paid))
        .annotate(first_paid=Min("periods__start_date", filter=paid))
        .filter(paid_until__isnull=False)
        .select_related("type", "person", "organisation")
        .order_by("pk")
    )
    changed = 0
    for membership in rows.iterator(chunk_size=500):
        status = rules.status_on(
            today=today,
            member_since=membership.member_since or membership.first_paid,
            paid_until=membership.paid_until,
            grace_days=membership.type.grace_days,
        )
        if status == membership.status:
            continue
        with transaction.atomic():
            updated = Membership.objects.filter(pk=membership.pk, status=membership.status).update(
                status=status, updated_at=timezone.now()
            )
            if not updated:
                continue
            audit.record(
                "membership.membership.status_changed",
                actor=None,
                target=membership,
                before={"status": membership.status},
                after={"status": status},
                reason=RECALCULATION_REASON,
            )
        changed += 1
    return changed


def send_renewal_invoices(*, today: datetime.date | None = None) -> int:
    """Invoice the next period of memberships ending within ``MEMBERSHIP_RENEWAL_DAYS`` and
    remind the member by email in their language (once per period); how many. A membership is
    reminded once for the period ending on ``reminded_for``: a renewal invoice cancelled later
    is not sent again by this run (staff send a new one by hand)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.MEMBERSHIP_RENEWAL_DAYS)
    candidates = list(
        Membership.objects.filter(
            status__in=IN_GOOD_STANDING, end_date__isnull=False, end_date__lte=horizon
        )
        .exclude(reminded_for=F("end_date"))
        .values_list("pk", flat=True)
        .order_by("pk")
    )
    sent = 0
    for pk in candidates:
        try:
            if _renew(pk, today=today):
                sent += 1
        except MembershipError as exc:
            logger.warning("Membership %s not invoiced for renewal: %s", pk, exc)
    return sent


def _renew(pk: int, *, today: datetime.date) -> bool:
    with transaction.atomic():
        locked = _lock(Membership(pk=pk))
        if locked.status not in IN_GOOD_STANDING or locked.end_date is None:
            return False
        if locked.reminded_for == locked.end_date:
            return False
        first, last = rules.next_period(locked.type.period, locked.end_date)
        if MembershipPeriod.objects.filter(
            membership=locked, start_date__gte=first, cancelled_at__isnull=True
        ).exists():
            locked.reminded_for = locked.end_date
            locked.save(update_fields=["reminded_for", "updated_at"])
            return False
        fee = fee_for(locked.type, locked.currency)
        if fee is None:
            raise MembershipError(f"no fee in {locked.currency}")
        period = MembershipPeriod.objects.create(
            membership=locked, kind=PeriodKindPaid.RENEWAL, start_date=first, end_date=last
        )
        before = _state(locked)
        invoice = None
        locked.reminded_for = locked.end_date
        locked.save(update_fields=["reminded_for", "updated_at"])
        if fee.amount == 0:
            period.paid_at = timezone.now()
            period.save(update_fields=["paid_at"])
            refresh_dates(locked, today=today)
        else:
            invoice = _invoice_period(locked, period, amount=fee.amount, actor=None)
        audit.record(
            "membership.period.renewal_invoiced",
            actor=None,
            target=locked,
            before=before,
            after={
                **_state(locked),
                "period": f"{first.isoformat()} – {last.isoformat()}",
                "invoice": invoice.number if invoice else None,
            },
        )
        notify(locked, "renewal", invoice=invoice, period=period)
    return True
