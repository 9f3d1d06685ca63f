"""Reads of appeals and complaints: the staff queues with their deadlines, and histories."""

from django.db.models import QuerySet

from muhandis.core.models import AuditEntry

from .models import Appeal, Complaint, PanelMember


def appeals_queue(*, open_only: bool = True) -> QuerySet[Appeal]:
    appeals = Appeal.objects.select_related(
        "appellant", "application__scheme", "certificate"
    ).order_by("respond_by", "created_at")
    return appeals.filter(status__in=Appeal.OPEN) if open_only else appeals.order_by("-created_at")


def appeals_of(person) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(appellant=person)
        .select_related("application__scheme", "certificate")
        .order_by("-created_at")
    )


def panel_seats_of(member) -> QuerySet[PanelMember]:
    return (
        PanelMember.objects.filter(member=member)
        .select_related("appeal__appellant", "appeal__application__scheme", "appeal__certificate")
        .order_by("-appeal__status", "appeal__respond_by")
    )


def complaints_queue(*, open_only: bool = True) -> QuerySet[Complaint]:
    complaints = Complaint.objects.select_related("certificate", "investigator")
    if open_only:
        return complaints.exclude(status=Complaint.Status.CLOSED).order_by("resolve_by", "pk")
    return complaints.order_by("-created_at")


def history(target) -> QuerySet[AuditEntry]:
    """The audit entries about one appeal or complaint, oldest first."""
    return (
        AuditEntry.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
        .select_related("actor")
        .order_by("sequence")
    )
