"""Reads of programmes, applications and pairs, each fetching what its page shows up front.

The pair's own page (``pair_for_member``) carries the meetings' notes; the staff's
(``pair_for_staff``) leaves them in the database."""

import datetime
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from muhandis.accounts.models import User
from muhandis.core.models import AuditEntry

from ..models import Application, ApplicationStatus, Goal, Meeting, Pair, Programme, Side

# What staff may see of a meeting: that it happened, never what was said.
MEETING_FACTS = ("id", "public_id", "pair_id", "held_on", "minutes", "mode", "created_at")


def open_programmes(today: datetime.date) -> QuerySet[Programme]:
    """Programmes taking applications today, the soonest closing first."""
    return Programme.objects.filter(
        is_active=True, opens_on__lte=today, closes_on__gte=today
    ).order_by("closes_on", "id")


def programme(public_id: UUID) -> Programme:
    try:
        return Programme.objects.get(public_id=public_id)
    except Programme.DoesNotExist:
        raise Http404 from None


def public_programme(public_id: UUID) -> Programme:
    """A programme anyone may read about: an active one."""
    try:
        return Programme.objects.get(public_id=public_id, is_active=True)
    except Programme.DoesNotExist:
        raise Http404 from None


def staff_programmes() -> QuerySet[Programme]:
    """Every programme with its counts of open applications on each side and open pairs."""
    applied = Q(applications__status=ApplicationStatus.APPLIED)
    return Programme.objects.annotate(
        mentors=Count(
            "applications", filter=applied & Q(applications__side=Side.MENTOR), distinct=True
        ),
        mentees=Count(
            "applications", filter=applied & Q(applications__side=Side.MENTEE), distinct=True
        ),
        open_pairs=Count("pairs", filter=Q(pairs__ended_on__isnull=True), distinct=True),
    ).order_by("-opens_on", "-id")


def _with_person(found: QuerySet[Application]) -> QuerySet[Application]:
    return found.select_related("person", "region").prefetch_related("areas")


def programme_applications(programme: Programme) -> list[Application]:
    """The applications of a programme, mentors first, each with its open pair's count."""
    found = _with_person(Application.objects.filter(programme=programme)).annotate(
        open_as_mentor=Count(
            "as_mentor", filter=Q(as_mentor__ended_on__isnull=True), distinct=True
        ),
        open_as_mentee=Count(
            "as_mentee", filter=Q(as_mentee__ended_on__isnull=True), distinct=True
        ),
    )
    return sorted(found, key=lambda a: (a.side != Side.MENTOR, a.status, a.created_at))


def programme_pairs(programme: Programme) -> QuerySet[Pair]:
    return (
        Pair.objects.filter(programme=programme)
        .select_related("mentor__person", "mentee__person")
        .annotate(meeting_count=Count("meetings", distinct=True))
    )


def application_of(public_id: UUID) -> Application:
    try:
        return Application.objects.select_related("programme", "person").get(public_id=public_id)
    except Application.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class Mine:
    applications: list[Application]
    pairs: list[Pair]


def mine(person: User) -> Mine:
    """A person's applications (with their programmes) and pairs (with their meetings)."""
    applications: list[Application] = list(
        _with_person(Application.objects.filter(person=person))
        .select_related("programme")
        .annotate(
            in_pair=Count("as_mentor", filter=Q(as_mentor__ended_on__isnull=True), distinct=True)
            + Count("as_mentee", filter=Q(as_mentee__ended_on__isnull=True), distinct=True)
        )
        .order_by("-created_at")
    )
    pairs: list[Pair] = list(
        Pair.objects.filter(Q(mentor__person=person) | Q(mentee__person=person))
        .select_related("programme", "mentor__person", "mentee__person")
        .annotate(meeting_count=Count("meetings", distinct=True))
        .order_by("ended_on", "-started_on")
    )
    return Mine(applications=applications, pairs=pairs)


def _pair(public_id: UUID, meetings: QuerySet[Meeting]) -> Pair:
    try:
        return (
            Pair.objects.select_related(
                "programme", "mentor__person", "mentee__person", "mentor__region", "mentee__region"
            )
            .prefetch_related(
                Prefetch("meetings", queryset=meetings),
                Prefetch("goals", queryset=Goal.objects.order_by("id")),
            )
            .get(public_id=public_id)
        )
    except Pair.DoesNotExist:
        raise Http404 from None


def pair_for_member(public_id: UUID, person: User) -> Pair:
    """The pair's page for its mentor or mentee, with the notes; anyone else: not found."""
    found = _pair(
        public_id, Meeting.objects.select_related("logged_by").order_by("-held_on", "-id")
    )
    if person.pk not in (found.mentor.person_id, found.mentee.person_id):
        raise Http404
    return found


def pair_for_staff(public_id: UUID) -> Pair:
    """The pair for staff: its meetings' facts without their notes (never loaded)."""
    return _pair(public_id, Meeting.objects.only(*MEETING_FACTS).order_by("-held_on", "-id"))


def pair_history(pair: Pair) -> QuerySet[AuditEntry]:
    """What happened to a pair, oldest first, for staff: pairing, meetings logged (never their
    notes, which the trail does not hold), goals and the end."""
    return (
        AuditEntry.objects.filter(target_type="mentoring.pair", target_id=str(pair.pk))
        .select_related("actor")
        .order_by("sequence")
    )


def goal_of(pair: Pair, goal_id: int) -> Goal:
    try:
        return Goal.objects.select_related("pair__mentee").get(pair=pair, pk=goal_id)
    except Goal.DoesNotExist:
        raise Http404 from None
