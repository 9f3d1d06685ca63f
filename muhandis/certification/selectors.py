"""Reads of certification schemes."""

from django.db.models import Prefetch, Q, QuerySet

from .models import Scheme, SchemeCompetency


def schemes(*, include_drafts: bool = False) -> QuerySet[Scheme]:
    found = Scheme.objects.select_related("framework")
    if not include_drafts:
        found = found.exclude(status=Scheme.Status.DRAFT)
    return found


def open_schemes() -> QuerySet[Scheme]:
    return schemes().filter(status=Scheme.Status.ACTIVE)


def scheme_with_details(queryset: QuerySet[Scheme]) -> QuerySet[Scheme]:
    return queryset.select_related("framework__scale").prefetch_related(
        Prefetch(
            "competencies",
            queryset=SchemeCompetency.objects.select_related("competency__area"),
        ),
        "methods",
        "cpd_minimums",
    )


def certificate_lineage(certificate) -> list:
    """The certificate with those it replaced and those that replaced it, oldest first."""
    from .models import Certificate

    chain = [certificate]
    current = certificate
    while current.replaces_id:
        current = Certificate.objects.select_related("decision").get(pk=current.replaces_id)
        chain.insert(0, current)
    current = certificate
    while (following := Certificate.objects.filter(replaces=current).first()) is not None:
        chain.append(following)
        current = following
    return chain


def certificate_history(certificate) -> QuerySet:
    """Everything the audit trail holds about a certificate, from the application it was granted
    on, through every certificate in its line of re-issues, to today, oldest first. Other apps
    (renewals, appeals, complaints) appear here when they record with the certificate as
    target."""
    from muhandis.core.models import AuditEntry

    chain = certificate_lineage(certificate)
    applications = [c.decision.application_id for c in chain if c.decision_id]
    by_target = Q(target_type="certification.certificate", target_id__in=[str(c.pk) for c in chain])
    if applications:
        by_target |= Q(
            target_type="certification.application",
            target_id__in=[str(pk) for pk in applications],
        )
    return AuditEntry.objects.filter(by_target).select_related("actor").order_by("sequence")
