"""Reads of competency frameworks."""

from django.db.models import Prefetch, QuerySet

from .models import Area, Competency, Framework, RequiredLevel, RoleProfile


def frameworks() -> QuerySet[Framework]:
    return Framework.objects.select_related("scale")


def current_frameworks() -> QuerySet[Framework]:
    return frameworks().filter(status=Framework.Status.PUBLISHED)


def framework_areas(framework: Framework) -> QuerySet[Area]:
    """The areas of a framework with their competencies, in two queries."""
    return framework.areas.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("sort_order", "code"))
    )


def framework_profiles(framework: Framework) -> list[dict]:
    """Role profiles with the required level per competency code."""
    profiles = framework.profiles.prefetch_related(
        Prefetch("requirements", queryset=RequiredLevel.objects.select_related("competency"))
    )
    return [
        {"profile": p, "levels": {r.competency.code: r.level for r in p.requirements.all()}}
        for p in profiles
    ]


def profile_requirements(profile: RoleProfile) -> QuerySet[RequiredLevel]:
    return profile.requirements.select_related("competency__area")
