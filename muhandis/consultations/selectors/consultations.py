"""Reading consultations: the public list, one consultation with its clauses, counts and
comments in a fixed number of queries, and the staff's list."""

import datetime
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Queue, Section
from muhandis.accounts.models import User

from ..models import Clause, Comment, Consultation, Position, Status


def public_consultations() -> QuerySet[Consultation]:
    """Every consultation that is not a draft, newest first, with its number of clauses."""
    return (
        Consultation.objects.exclude(status=Status.DRAFT)
        .annotate(clause_count=Count("clauses", distinct=True))
        .order_by("-opens_on", "-id")
    )


def split_by_phase(
    found: list[Consultation], today: datetime.date
) -> tuple[list[Consultation], list[Consultation]]:
    """(open or opening soon, past) for the public list."""
    current = [c for c in found if c.phase(today) in ("open", "upcoming")]
    past = [c for c in found if c.phase(today) not in ("open", "upcoming")]
    return current, past


def staff_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.annotate(
        clause_count=Count("clauses", distinct=True),
        comment_count=Count("clauses__comments", distinct=True),
    ).order_by("-created_at", "-id")


def get_consultation(public_id: UUID, *, drafts: bool = False) -> Consultation:
    """The consultation, or 404; a draft only for staff (``drafts``)."""
    found = Consultation.objects.filter(public_id=public_id)
    if not drafts:
        found = found.exclude(status=Status.DRAFT)
    consultation = found.first()
    if consultation is None:
        raise Http404
    return consultation


def get_clause(consultation: Consultation, clause_id: int) -> Clause:
    clause = Clause.objects.filter(consultation=consultation, pk=clause_id).first()
    if clause is None:
        raise Http404
    clause.consultation = consultation
    return clause


@dataclass
class ClauseView:
    """One clause on the page: its counts by position, the comments shown and the reader's."""

    clause: Clause
    counts: dict[str, int] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)
    mine: Comment | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def clause_views(
    consultation: Consultation, *, with_comments: bool, reader_id: int | None
) -> list[ClauseView]:
    """The clauses in order with their counts (one query), and the comments with their authors
    and organisations (one more) when the reader may see them; the reader's own comment always."""
    views = {
        clause.pk: ClauseView(clause, counts={p: 0 for p in Position.values})
        for clause in Clause.objects.filter(consultation=consultation).order_by("order", "id")
    }
    for clause in views.values():
        clause.clause.consultation = consultation
    comments = Comment.objects.filter(clause__consultation=consultation)
    if with_comments:
        for comment in comments.select_related("author", "organisation").order_by(
            "created_at", "id"
        ):
            view = views[comment.clause_id]
            view.counts[comment.position] += 1
            view.comments.append(comment)
            if comment.author_id == reader_id:
                view.mine = comment
        return list(views.values())
    counted = comments.values("clause_id", "position").annotate(n=Count("id"))
    for row in counted:
        views[row["clause_id"]].counts[row["position"]] = row["n"]
    if reader_id is not None:
        for comment in comments.filter(author_id=reader_id):
            views[comment.clause_id].mine = comment
    return list(views.values())


def totals(views: list[ClauseView]) -> dict[str, int]:
    return {p: sum(v.counts.get(p, 0) for v in views) for p in Position.values}


def comments_for_export(consultation: Consultation) -> QuerySet[Comment]:
    return (
        Comment.objects.filter(clause__consultation=consultation)
        .select_related("author", "organisation")
        .order_by("clause__order", "clause_id", "created_at", "id")
    )


def open_for(today: datetime.date) -> QuerySet[Consultation]:
    """Consultations taking comments today (the dashboard's list)."""
    return Consultation.objects.filter(
        Q(status=Status.OPEN) & Q(opens_on__lte=today) & Q(closes_on__gte=today)
    ).order_by("closes_on")


def dashboard_open(person: User) -> Section | None:
    """Consultations a person may comment on now, with the nearest closing date."""
    found = open_for(timezone.localdate()).aggregate(count=Count("id"), nearest=Min("closes_on"))
    if not found["count"]:
        return None
    return Section(
        key="consultations.open",
        title=_("Policy consultations"),
        template="accounts/dashboard/_queues.html",
        items=[
            Queue(
                label=_("Consultations open for comments"),
                count=found["count"],
                url=reverse("consultations:list"),
                deadline=found["nearest"],
            )
        ],
    )


def dashboard_to_answer(person: User) -> Section:
    """For staff: consultations closed whose response is not published yet."""
    today = timezone.localdate()
    found = Consultation.objects.filter(
        Q(status=Status.CLOSED) | Q(status=Status.OPEN, closes_on__lt=today)
    ).aggregate(count=Count("id"), oldest=Min("closes_on"))
    return Section(
        key="consultations.to_answer",
        title=_("Policy consultations"),
        template="accounts/dashboard/_queues.html",
        items=[
            Queue(
                label=_("Closed consultations waiting for the association's response"),
                count=found["count"],
                url=reverse("consultations:staff_list"),
                oldest=found["oldest"],
            )
        ],
        link_url=reverse("consultations:staff_list"),
        link_label=_("Manage consultations"),
    )
