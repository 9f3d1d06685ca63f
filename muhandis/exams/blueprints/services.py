"""A scheme's exam blueprint: written and changed by the exam manager, audited, and checked
against the bank (can every language fill every row?)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.certification.models import Scheme
from muhandis.competencies.models import Area, Competency
from muhandis.core import audit
from muhandis.exams.blueprints.drawing import (
    NotEnoughItems,
    Row,
    blueprint_rows,
    fixed_form,
    pool_for,
)
from muhandis.exams.models import Blueprint, Item

LANGUAGES = ("uz", "ru", "en")


@dataclass(frozen=True)
class RowSpec:
    area_code: str
    difficulty: int | None
    count: int


def _snapshot(blueprint: Blueprint) -> dict:
    return {
        "time_limit_minutes": blueprint.time_limit_minutes,
        "pass_mark": blueprint.pass_mark,
        "pass_rule": blueprint.pass_rule,
        "form_mode": blueprint.form_mode,
        "double_marking": blueprint.double_marking,
        "marking_threshold": blueprint.marking_threshold,
        "rows": [[r.area_code, r.difficulty, r.count] for r in blueprint.rows.all()],
        "fixed_items": sorted(blueprint.fixed_items.values_list("code", flat=True)),
    }


def _check_settings(
    errors: dict[str, list[str]], time_limit_minutes: int, pass_mark: int, form_mode: str
) -> None:
    if not 1 <= time_limit_minutes <= 600:
        errors.setdefault("time_limit_minutes", []).append(_("Allow from 1 to 600 minutes."))
    if not 0 <= pass_mark <= 100:
        errors.setdefault("pass_mark", []).append(_("Enter a pass mark from 0 to 100."))
    if form_mode not in Blueprint.FormMode.values:
        errors.setdefault("form_mode", []).append(_("Choose how forms are made."))


def _check_rows(
    errors: dict[str, list[str]], scheme: Scheme, rows: list[RowSpec], form_mode: str
) -> None:
    """Each row names one node of the scheme's framework (an area, or a competency at any
    depth) and asks for items; a random form needs at least one row. A code that names both
    an area and a competency is refused: drawing would take the area."""
    framework = scheme.framework
    areas = set(Area.objects.filter(framework=framework).values_list("code", flat=True))
    competencies = set(
        Competency.objects.filter(framework=framework).values_list("code", flat=True)
    )
    for number, row in enumerate(rows, start=1):
        if row.area_code in areas and row.area_code in competencies:
            errors.setdefault("rows", []).append(
                _(
                    "Row %(n)d: %(code)s names both an area and a competency of the scheme's "
                    "framework; give one of them another code in the framework."
                )
                % {"n": number, "code": row.area_code}
            )
        elif row.area_code not in areas | competencies:
            errors.setdefault("rows", []).append(
                _(
                    "Row %(n)d: %(code)s is neither an area nor a competency of the scheme's "
                    "framework."
                )
                % {"n": number, "code": row.area_code}
            )
        if row.count < 1:
            errors.setdefault("rows", []).append(
                _("Row %(n)d: ask for at least one item.") % {"n": number}
            )
    if form_mode == Blueprint.FormMode.RANDOM and not rows:
        errors.setdefault("rows", []).append(_("Add at least one row."))


def _fixed_items(
    errors: dict[str, list[str]], fixed_codes: Sequence[str], form_mode: str
) -> list[Item]:
    """The items of a fixed form, by code; every code must name an item."""
    fixed_items = list(Item.objects.filter(code__in=fixed_codes))
    unknown = sorted(set(fixed_codes) - {i.code for i in fixed_items})
    if unknown:
        errors.setdefault("fixed_items", []).append(
            _("No item has these codes: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    if form_mode == Blueprint.FormMode.FIXED and not fixed_codes:
        errors.setdefault("fixed_items", []).append(_("Name the items of the fixed form."))
    return fixed_items


def save_blueprint(
    *,
    scheme: Scheme,
    actor: User,
    time_limit_minutes: int,
    pass_mark: int,
    form_mode: str,
    double_marking: bool,
    marking_threshold: int,
    rows: list[RowSpec],
    fixed_codes: Sequence[str] = (),
    request: HttpRequest | None = None,
) -> Blueprint:
    """Create or change the blueprint. A pass mark set by a modified-Angoff panel stays
    until the manager types another one, which makes the rule fixed again."""
    if Role.REGISTRAR not in usable_roles(actor):
        raise PermissionDenied(_("Only the exam manager writes blueprints."))
    errors: dict[str, list[str]] = {}
    _check_settings(errors, time_limit_minutes, pass_mark, form_mode)
    _check_rows(errors, scheme, rows, form_mode)
    fixed_items = _fixed_items(errors, fixed_codes, form_mode)
    if errors:
        raise ValidationError(errors)
    return write_blueprint(
        owner={"scheme": scheme},
        actor=actor,
        action="exams.blueprint.saved",
        settings={
            "time_limit_minutes": time_limit_minutes,
            "pass_mark": pass_mark,
            "form_mode": form_mode,
            "double_marking": double_marking,
            "marking_threshold": marking_threshold,
        },
        rows=rows,
        fixed_items=fixed_items,
        request=request,
    )


def write_blueprint(
    *,
    owner: dict,
    actor: User,
    action: str,
    settings: dict,
    rows: list[RowSpec],
    fixed_items: list[Item],
    request: HttpRequest | None = None,
) -> Blueprint:
    """Create or change the blueprint of ``owner`` (``{"scheme": ...}`` or ``{"course": ...}``)
    with checked settings and rows, and audit it against the owner."""
    with transaction.atomic():
        blueprint = Blueprint.objects.select_for_update().filter(**owner).first()
        before = _snapshot(blueprint) if blueprint else None
        if blueprint is None:
            blueprint = Blueprint(**owner)
        rule_changes = blueprint.pk is None or blueprint.pass_mark != settings["pass_mark"]
        for name, value in settings.items():
            setattr(blueprint, name, value)
        if rule_changes:
            blueprint.pass_rule = Blueprint.PassRule.FIXED
        blueprint.save()
        blueprint.rows.all().delete()
        blueprint.rows.bulk_create(
            [
                blueprint.rows.model(
                    blueprint=blueprint,
                    area_code=r.area_code,
                    difficulty=r.difficulty,
                    count=r.count,
                )
                for r in rows
            ]
        )
        blueprint.fixed_items.set(fixed_items)
        audit.record(
            action,
            actor=actor,
            target=next(iter(owner.values())),
            before=before,
            after=_snapshot(blueprint),
            request=request,
        )
    return blueprint


@dataclass(frozen=True)
class Coverage:
    language: str
    rows: list[tuple[Row, int]]  # each row with the active items that could fill it
    problem: str


def coverage(blueprint: Blueprint) -> list[Coverage]:
    """For each language, whether the bank can make a form that meets the blueprint."""
    found = []
    rows = blueprint_rows(blueprint)
    for language in LANGUAGES:
        if blueprint.form_mode == Blueprint.FormMode.FIXED:
            try:
                fixed_form(blueprint, language)
                problem = ""
            except NotEnoughItems as exc:
                problem = exc.messages[0]
            found.append(Coverage(language, [], problem))
            continue
        pool = pool_for(blueprint, language)
        counted, problem = [], ""
        for row in rows:
            fits = [c for c in pool if row.fits(c)]
            counted.append((row, len(fits)))
            if len(fits) < row.count and not problem:
                problem = _(
                    "The bank has %(have)d active items for %(area)s in this language; "
                    "the blueprint asks for %(need)d."
                ) % {"have": len(fits), "area": row.area_code, "need": row.count}
        found.append(Coverage(language, counted, problem))
    return found
