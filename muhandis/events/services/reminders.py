"""The reminder the day before an event, to everyone with a seat; once per registration."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from muhandis.training.models import Enrolment

from ..models import Event, Reminder
from . import notices

REMINDED = (Enrolment.Status.CONFIRMED, Enrolment.Status.PAID)


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind each person with a seat at a published event that starts before the end of
    tomorrow (the association's day) and has not started; run daily (or more often: nobody is
    reminded twice). Returns how many were reminded."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    until = timezone.make_aware(
        datetime.datetime.combine(tomorrow + datetime.timedelta(days=1), datetime.time.min)
    )
    events = {
        e.session_id: e
        for e in Event.objects.filter(
            status=Event.Status.PUBLISHED, starts_at__gt=now, starts_at__lt=until
        ).select_related("region")
    }
    due = (
        Enrolment.objects.filter(session_id__in=list(events), status__in=REMINDED)
        .exclude(pk__in=Reminder.objects.values("enrolment_id"))
        .select_related("person", "invoice")
        .order_by("pk")
    )
    count = 0
    for enrolment in due:
        try:
            with transaction.atomic():
                Reminder.objects.create(enrolment=enrolment, sent_at=now)
                notices.tell("reminder", event=events[enrolment.session_id], enrolment=enrolment)
        except IntegrityError:
            continue  # another run reminded this person a moment ago
        count += 1
    return count
