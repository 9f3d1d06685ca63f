"""Reads of appeals and complaints: the staff queues with their deadlines, and histories."""

from django.db.models import Count, Min, Model, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Queue, Section
from muhandis.accounts.models import User
from muhandis.core.models import AuditEntry

from .models import Appeal, Complaint, PanelMember


def appeals_queue(*, open_only: bool = True) -> QuerySet[Appeal]:
    appeals = Appeal.objects.select_related(
        "appellant", "application__scheme", "certificate"
    ).order_by("respond_by", "created_at")
    return appeals.filter(status__in=Appeal.OPEN) if open_only else appeals.order_by("-created_at")


def appeals_of(person: User) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(appellant=person)
        .select_related("application__scheme", "certificate")
        .order_by("-created_at")
    )


def panel_seats_of(member: User) -> QuerySet[PanelMember]:
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


def history(target: Model) -> QuerySet[AuditEntry]:
    """The audit entries about one appeal or complaint, oldest first."""
    return (
        AuditEntry.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
        .select_related("actor")
        .order_by("sequence")
    )


# Dashboard sections (registered in apps.py; see accounts/dashboard.py) -----------------------


def dashboard_my_appeals(person: User) -> Section | None:
    """The person's open appeals, when they have any."""
    appeals = list(appeals_of(person).filter(status__in=Appeal.OPEN))
    if not appeals:
        return None
    return Section(
        key="appeals.mine",
        title=_("Your appeals"),
        template="appeals/dashboard/_my_appeals.html",
        items=appeals,
        link_url=reverse("appeals:my_appeals"),
        link_label=_("Your appeals and the decisions you may appeal"),
    )


def dashboard_registrar(person: User) -> Section:
    """Appeals and complaints for the registrar, with their nearest deadlines."""
    lodged = Q(status=Appeal.Status.LODGED)
    forming = Q(status=Appeal.Status.ACKNOWLEDGED)
    appeals = Appeal.objects.filter(lodged | forming).aggregate(
        lodged=Count("pk", filter=lodged),
        lodged_oldest=Min("created_at", filter=lodged),
        lodged_due=Min("respond_by", filter=lodged),
        forming=Count("pk", filter=forming),
        forming_oldest=Min("acknowledged_at", filter=forming),
        forming_due=Min("respond_by", filter=forming),
    )
    received = Q(status=Complaint.Status.RECEIVED)
    investigating = Q(status=Complaint.Status.INVESTIGATING)
    complaints = Complaint.objects.filter(received | investigating).aggregate(
        received=Count("pk", filter=received),
        received_oldest=Min("created_at", filter=received),
        received_due=Min("acknowledge_by", filter=received),
        investigating=Count("pk", filter=investigating),
        investigating_oldest=Min("acknowledged_at", filter=investigating),
        investigating_due=Min("resolve_by", filter=investigating),
    )
    appeals_url = reverse("appeals:appeals_queue")
    complaints_url = reverse("appeals:complaints_queue")

    def queue(label: str, found: dict, key: str, url: str) -> Queue:
        return Queue(
            label=label,
            count=found[key],
            oldest=found[f"{key}_oldest"],
            deadline=found[f"{key}_due"],
            url=url,
        )

    return Section(
        key="appeals.registrar",
        title=_("Appeals and complaints"),
        template="accounts/dashboard/_queues.html",
        items=[
            queue(_("Appeals to acknowledge"), appeals, "lodged", appeals_url),
            queue(_("Appeals waiting for a panel"), appeals, "forming", appeals_url),
            queue(_("Complaints to acknowledge"), complaints, "received", complaints_url),
            queue(_("Complaints under investigation"), complaints, "investigating", complaints_url),
        ],
    )


def dashboard_panels(person: User) -> Section:
    """Appeal panels waiting for the member's vote."""
    seats = (
        panel_seats_of(person)
        .filter(vote="", appeal__status=Appeal.Status.UNDER_REVIEW)
        .order_by("appeal__respond_by", "pk")
    )
    return Section(
        key="appeals.panels",
        title=_("Appeal panels waiting for your vote"),
        template="appeals/dashboard/_panels.html",
        items=list(seats),
        empty=_("No appeal panel waits for your vote."),
        link_url=reverse("appeals:panels"),
        link_label=_("All your appeal panels"),
    )
