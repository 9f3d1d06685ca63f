"""Reads of certification schemes."""

from django.db.models import Prefetch, QuerySet

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
