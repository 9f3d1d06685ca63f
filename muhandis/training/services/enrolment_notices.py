"""Emails about an enrolment, each in the participant's language, sent once the change that
caused it is committed; and the reminder two days before a session starts."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from muhandis.core.mail import send_in_language

from ..models import CourseKind, CourseSession, Enrolment

REMIND_HOURS = 48


def link(name: str, language: str, *args: Any) -> str:
    """An absolute address of a page, in ``language``."""
    with translation.override(language):
        return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def invoice_link(invoice: Any, language: str) -> str:
    """The invoice page, when billing has one."""
    if invoice is None:
        return ""
    try:
        return link("billing:invoice", language, invoice.public_id)
    except NoReverseMatch:
        return ""


def _send(enrolment: Enrolment, template: str, **extra: Any) -> None:
    """Email the participant once the transaction commits. The message is written and sent by
    a background task, so that a crowd enrolling at once does not wait for it. An event's
    registrants hear from the events app instead (decision 0014)."""
    if enrolment.session.course.kind == CourseKind.EVENT:
        return
    pk = enrolment.pk
    transaction.on_commit(lambda: deliver_notice.enqueue(pk, template, extra))


@task(queue_name="default")
def deliver_notice(enrolment_id: int, template: str, extra: dict[str, Any]) -> bool:
    """Write ``training/email/<template>`` to the participant in their language and send it;
    False when the enrolment no longer exists."""
    enrolment = (
        Enrolment.objects.select_related(
            "person",
            "session__course",
            "session__room__venue",
            "invoice__issuer",
            "booking__organisation",
        )
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        return False
    person = enrolment.person
    language = person.preferred_language or "uz"
    session = enrolment.session
    context = {
        "person": person,
        "enrolment": enrolment,
        "session": session,
        "course": session.course,
        "invoice": enrolment.invoice,
        "issuer": enrolment.invoice.issuer if enrolment.invoice else None,
        "booking": enrolment.booking,
        "my_courses": link("training:my_courses", language),
        "invoice_link": invoice_link(enrolment.invoice, language),
        **extra,
    }
    # Dates in the association's time zone and the course title in the reader's language.
    with translation.override(language):
        context["starts"] = timezone.localtime(session.starts_at)
        context["ends"] = timezone.localtime(session.ends_at)
        if enrolment.offer_expires_at:
            context["offer_expires"] = timezone.localtime(enrolment.offer_expires_at)
        send_in_language(person.email, f"training/email/{template}", language, context)
    return True


def confirmed(enrolment: Enrolment) -> None:
    _send(enrolment, "confirmed")


def waitlisted(enrolment: Enrolment) -> None:
    from .enrolment import waitlist_position

    position = getattr(enrolment, "position", None) or waitlist_position(enrolment)
    _send(enrolment, "waitlisted", position=position)


def offered(enrolment: Enrolment) -> None:
    _send(enrolment, "offer")


def cancelled(enrolment: Enrolment, *, invoice_action: str = "") -> None:
    _send(enrolment, "cancelled", invoice_action=invoice_action)


def paid(enrolment: Enrolment) -> None:
    _send(enrolment, "paid")


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind each participant with a seat, once, in the two days before the session starts
    (run daily, or more often: nobody is reminded twice)."""
    now = now or timezone.now()
    due = (
        Enrolment.objects.filter(
            reminded_at__isnull=True,
            status__in=(Enrolment.Status.CONFIRMED, Enrolment.Status.PAID),
            session__status=CourseSession.Status.OPEN,
            session__course__kind=CourseKind.COURSE,
            session__starts_at__gt=now,
            session__starts_at__lte=now + datetime.timedelta(hours=REMIND_HOURS),
        )
        .select_related("person", "session__course", "session__room__venue", "invoice__issuer")
        .order_by("pk")
    )
    count = 0
    for enrolment in due:
        with transaction.atomic():
            claimed = Enrolment.objects.filter(pk=enrolment.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if not claimed:  # another run got there first
                continue
            _send(enrolment, "reminder")
        count += 1
    return count
