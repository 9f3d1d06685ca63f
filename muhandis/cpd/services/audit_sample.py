"""The yearly audit sample: a reproducible random sample of the year's activities, drawn for the
registrar to verify."""

import math
import random
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.core import audit

from ..models import CpdActivity
from .common import require_role


@dataclass(frozen=True)
class AuditSample:
    year: int
    seed: int
    population: list[int]
    chosen: list[int]


def choose_sample(population: list[int], size: int, seed: int) -> list[int]:
    """The same population, size and seed always give the same sample (sorted ids)."""
    # Reproducibility is the point here, not secrecy: the seed is published in the audit trail.
    return sorted(random.Random(seed).sample(sorted(population), size))  # noqa: S311


def _check_sample_request(fraction: float | None, size: int | None) -> None:
    if (fraction is None) == (size is None):
        raise ValidationError(_("Give either a fraction or a number of activities, not both."))
    if size is not None and size < 1:
        raise ValidationError({"size": _("Draw at least one activity.")})
    if fraction is not None and not 0 < fraction <= 1:
        raise ValidationError({"fraction": _("The fraction is more than 0 and at most 1.")})


def _sample_size(population: int, fraction: float | None, size: int | None) -> int:
    if fraction is None:  # then a size was given (see _check_sample_request)
        return min(size or 0, population)
    return min(population, math.ceil(population * fraction))


def draw_audit_sample(
    *,
    year: int,
    actor: User | None = None,
    fraction: float | None = None,
    size: int | None = None,
    seed: int | None = None,
    request: HttpRequest | None = None,
) -> AuditSample:
    """Draw a random sample of the year's activities not yet verified and not drawn before.

    The seed and the population are recorded in the audit trail, so anyone can draw the same
    sample again with ``choose_sample``. ``actor`` None is the scheduled command.
    """
    if actor is not None:
        require_role(actor, Role.REGISTRAR, _("Only a registrar draws the audit sample."))
    _check_sample_request(fraction, size)
    seed = secrets.randbelow(2**31) if seed is None else seed
    with transaction.atomic():
        population = list(
            CpdActivity.objects.select_for_update()
            .annotate(day=Coalesce("end_date", "start_date"))
            .filter(status=CpdActivity.Status.RECORDED, audit_year__isnull=True, day__year=year)
            .values_list("pk", flat=True)
        )
        if not population:
            raise ValidationError(
                _("No activity of %(year)d is waiting for verification.") % {"year": year}
            )
        chosen = choose_sample(population, _sample_size(len(population), fraction, size), seed)
        CpdActivity.objects.filter(pk__in=chosen).update(audit_year=year)
        audit.record(
            "cpd.audit.sample_drawn",
            actor=actor,
            after={
                "year": year,
                "seed": seed,
                "population": sorted(population),
                "chosen": chosen,
            },
            request=request,
        )
    return AuditSample(year=year, seed=seed, population=sorted(population), chosen=chosen)
