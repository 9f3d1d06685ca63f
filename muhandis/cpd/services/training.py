"""CPD hours credited for a course completed with the association (``training``'s
``enrolment_completed``): recorded once, verified, in the course's category."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muhandis.core import audit
from muhandis.training.models import Enrolment

from ..models import MAX_ACTIVITY_HOURS, CpdActivity


def source_of(enrolment: Enrolment) -> str:
    return f"training:{enrolment.public_id}"


def _parts(hours: Decimal) -> list[Decimal]:
    """The hours in parts of at most MAX_ACTIVITY_HOURS: one activity counts for no more (a
    long course is recorded as "part 1 of n", "part 2 of n" …, each its own activity)."""
    parts = []
    while hours > 0:
        parts.append(min(hours, MAX_ACTIVITY_HOURS))
        hours -= parts[-1]
    return parts


def record_completed_course(*, enrolment: Enrolment) -> list[CpdActivity]:
    """Record the course's CPD hours in the participant's ledger as verified activities (the
    association ran the course, so no registrar reviews them: ``reviewed_by`` is empty and the
    note says so), with the course's title, category and competencies and the session's dates.
    Once per enrolment (a unique ``source``): a repeated call returns what was recorded. A
    course of more than MAX_ACTIVITY_HOURS CPD hours is recorded in parts of at most that; a
    course without CPD hours (or a category) records nothing."""
    course = enrolment.session.course
    hours = Decimal(course.cpd_hours or 0)
    if enrolment.status != Enrolment.Status.COMPLETED or hours <= 0 or not course.cpd_category:
        return []
    source = source_of(enrolment)
    existing = list(CpdActivity.objects.filter(source__startswith=source).order_by("pk"))
    if existing:
        return existing
    person = enrolment.person
    language = person.preferred_language or settings.LANGUAGE_CODE
    session = enrolment.session
    start = timezone.localtime(session.starts_at).date()
    end: datetime.date | None = timezone.localtime(session.ends_at).date()
    competencies = [link.competency_id for link in course.course_competencies.all()]
    parts = _parts(hours)
    now = timezone.now()
    with translation.override(language):
        title = course.title
        provider = settings.ASSOCIATION_NAME.get(language) or settings.ASSOCIATION_NAME["en"]
        note = _("Completed a course run by the association; credited automatically.")
    recorded = []
    try:
        with transaction.atomic():
            for number, part in enumerate(parts, start=1):
                with translation.override(language):
                    part_title = (
                        title
                        if len(parts) == 1
                        else _("%(title)s (part %(n)d of %(of)d)")
                        % {"title": title, "n": number, "of": len(parts)}
                    )
                activity = CpdActivity.objects.create(
                    person=person,
                    title=part_title[:200],
                    provider=provider[:200],
                    start_date=start,
                    end_date=end if end != start else None,
                    hours=part,
                    category=course.cpd_category,
                    status=CpdActivity.Status.VERIFIED,
                    reviewed_at=now,
                    review_note=note,
                    source=source if number == 1 else f"{source}:{number}",
                )
                activity.competencies.set(competencies)
                audit.record(
                    "cpd.activity.credited_from_training",
                    target=activity,
                    after={
                        "title": activity.title,
                        "hours": activity.hours,
                        "category": activity.category,
                        "source": activity.source,
                    },
                )
                recorded.append(activity)
    except IntegrityError:
        # Credited at the same moment by another process: what it recorded stands.
        return list(CpdActivity.objects.filter(source__startswith=source).order_by("pk"))
    return recorded
