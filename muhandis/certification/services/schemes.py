"""Writes for certification schemes: open a version for applications, make a new version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.competencies.models import Framework
from muhandis.core import audit
from muhandis.core.versioning import activate_version, next_version_number

from ..models import AssessmentMethod, CpdRequirement, Scheme, SchemeCompetency

TRANSLATED = ("title", "scope", "required_training", "code_of_conduct")
LANGUAGES = ("uz", "ru", "en")


def scheme_problems(scheme: Scheme) -> list[str]:
    """What stops a draft scheme from opening for applications, in words a registrar acts on."""
    problems = []
    if scheme.framework.status != Framework.Status.PUBLISHED:
        problems.append(_("Its competency framework is not the published version."))
    requirements = list(scheme.competencies.select_related("competency"))
    if not requirements:
        problems.append(_("It covers no competency yet."))
    top = scheme.framework.scale.levels.aggregate(top=Max("value"))["top"] or 0
    for item in requirements:
        if item.competency.framework_id != scheme.framework_id:
            problems.append(
                _("%(code)s belongs to another framework.") % {"code": item.competency.code}
            )
        if item.level > top:
            problems.append(
                _("%(code)s requires level %(level)d, above the scale's highest level %(top)d.")
                % {"code": item.competency.code, "level": item.level, "top": top}
            )
    methods = list(scheme.methods.all())
    if not methods:
        problems.append(_("It has no assessment method."))
    for method in methods:
        if method.kind == AssessmentMethod.Kind.WRITTEN_EXAM and method.pass_mark is None:
            problems.append(_("The written examination has no pass mark."))
    minimums = sum(m.hours for m in scheme.cpd_minimums.all())
    if minimums > scheme.cpd_hours:
        problems.append(
            _(
                "The CPD minimums per category (%(sum)d hours) exceed the total "
                "required (%(total)d)."
            )
            % {"sum": minimums, "total": scheme.cpd_hours}
        )
    if not scheme.code_of_conduct.strip():
        problems.append(_("It has no code of conduct."))
    return problems


def activate_scheme(*, scheme: Scheme, actor: User, request: HttpRequest | None = None) -> Scheme:
    """Open a draft for applications; the version open before it is retired."""
    activate_version(
        obj=scheme,
        live_status=Scheme.Status.ACTIVE,
        retired_status=Scheme.Status.RETIRED,
        stamp_field="activated_at",
        not_draft=_("Only a draft scheme can be opened for applications."),
        problems=scheme_problems(scheme),
        action="certification.scheme.activated",
        actor=actor,
        request=request,
    )
    return scheme


def new_scheme_version(
    *, scheme: Scheme, actor: User, request: HttpRequest | None = None
) -> Scheme:
    """A draft copy of a scheme, with the next version number, to be changed and opened."""
    if Scheme.objects.filter(code=scheme.code, status=Scheme.Status.DRAFT).exists():
        raise ValidationError(_("A draft of this scheme already exists: change that one."))
    with transaction.atomic():
        version = next_version_number(Scheme, scheme.code)
        copy = Scheme.objects.get(pk=scheme.pk)
        copy.pk = copy.id = None
        copy.public_id = Scheme._meta.get_field("public_id").get_default()
        copy._state.adding = True
        copy.version, copy.status, copy.activated_at = version, Scheme.Status.DRAFT, None
        copy.save()
        SchemeCompetency.objects.bulk_create(
            SchemeCompetency(scheme=copy, competency_id=c.competency_id, level=c.level)
            for c in scheme.competencies.all()
        )
        AssessmentMethod.objects.bulk_create(
            AssessmentMethod(
                scheme=copy,
                kind=m.kind,
                pass_mark=m.pass_mark,
                **{f"assessors_{lang}": getattr(m, f"assessors_{lang}") for lang in LANGUAGES},
            )
            for m in scheme.methods.all()
        )
        CpdRequirement.objects.bulk_create(
            CpdRequirement(scheme=copy, category=m.category, hours=m.hours)
            for m in scheme.cpd_minimums.all()
        )
        audit.record(
            "certification.scheme.version_created",
            actor=actor,
            target=copy,
            before={"version": scheme.version},
            after={"version": copy.version},
            request=request,
        )
    return copy
