"""A training course's test blueprint: the training manager says how many items of which of
the course's competencies (or a competency under them) its pre- and post-test draw from the
item bank. Pre- and post-test use the same blueprint, so the two are comparable competency by
competency (the learning gain)."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.exams.blueprints.drawing import course_nodes
from muhandis.exams.blueprints.services import (
    RowSpec,
    _check_settings,
    _fixed_items,
    write_blueprint,
)
from muhandis.exams.models import Blueprint
from muhandis.training.models import Course

TRAINING_MANAGERS = frozenset({Role.TRAINING_MANAGER, Role.ADMIN})


def is_training_manager(person: User) -> bool:
    """Whether the person manages training (a training manager or an administrator)."""
    return bool(usable_roles(person) & TRAINING_MANAGERS)


def _check_course_rows(
    errors: dict[str, list[str]], course: Course, rows: list[RowSpec], form_mode: str
) -> None:
    """Each row names one of the course's competencies or one under it, and asks for items."""
    nodes = course_nodes(course.pk)
    if not nodes:
        errors.setdefault("rows", []).append(
            _("The course develops no competency yet: name its competencies first.")
        )
    for number, row in enumerate(rows, start=1):
        if row.area_code not in nodes:
            errors.setdefault("rows", []).append(
                _(
                    "Row %(n)d: %(code)s is neither a competency the course develops nor one "
                    "under it."
                )
                % {"n": number, "code": row.area_code}
            )
        if row.count < 1:
            errors.setdefault("rows", []).append(
                _("Row %(n)d: ask for at least one item.") % {"n": number}
            )
    if form_mode == Blueprint.FormMode.RANDOM and not rows:
        errors.setdefault("rows", []).append(_("Add at least one row."))


def save_course_blueprint(
    *,
    course: Course,
    actor: User,
    time_limit_minutes: int,
    pass_mark: int,
    form_mode: str,
    rows: list[RowSpec],
    double_marking: bool = False,
    marking_threshold: int = 20,
    fixed_codes: Sequence[str] = (),
    request: HttpRequest | None = None,
) -> Blueprint:
    """Create or change the course's test blueprint (training manager or administrator)."""
    if not is_training_manager(actor):
        raise PermissionDenied(_("Only the training manager writes a course's test."))
    errors: dict[str, list[str]] = {}
    _check_settings(errors, time_limit_minutes, pass_mark, form_mode)
    _check_course_rows(errors, course, rows, form_mode)
    fixed_items = _fixed_items(errors, fixed_codes, form_mode)
    if errors:
        raise ValidationError(errors)
    return write_blueprint(
        owner={"course": course},
        actor=actor,
        action="exams.course_blueprint.saved",
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


def node_choices(course: Course) -> list[tuple[str, str]]:
    """What a row of the course's test may name, by code, in tree order; those under a
    competency of the course are indented."""
    return [
        (code, "\u2003" * node.depth + f"{code} {node.competency.title}")
        for code, node in course_nodes(course.pk).items()
    ]
