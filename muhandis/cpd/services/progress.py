"""Progress towards the scheme's CPD rule: verified hours of a certificate's current validity
period, per category; hours recorded but not yet verified are shown apart and never count."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import formats
from django.utils.translation import gettext as _

from muhandis.certification.models import Certificate, CpdRequirement
from muhandis.core.dates import add_years

from ..models import CpdActivity

Category = CpdRequirement.Category


def hours_text(value: Decimal) -> str:
    """Hours as a reader writes them: 12, 7.5 (with the reader's decimal separator)."""
    whole = value == value.to_integral_value()
    return formats.number_format(value, decimal_pos=0 if whole else 1)


@dataclass(frozen=True)
class CategoryProgress:
    category: str
    label: str
    required: Decimal
    verified: Decimal
    pending: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.required - self.verified)

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, int(self.verified * 100 / self.required))


@dataclass(frozen=True)
class CpdProgress:
    """Verified hours of a certificate's current validity period against the scheme's rule;
    hours recorded but not yet verified are shown apart and never count."""

    certificate: Certificate
    period_start: datetime.date
    period_end: datetime.date
    required: Decimal
    verified: Decimal
    pending: Decimal
    categories: list[CategoryProgress]

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.required - self.verified)

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, int(self.verified * 100 / self.required))

    @property
    def met(self) -> bool:
        return not self.shortfalls()

    def shortfalls(self) -> list[str]:
        problems = []
        if self.shortfall:
            problems.append(
                _("In all: %(missing)s more verified hours are needed (%(have)s of %(need)s).")
                % {
                    "missing": hours_text(self.shortfall),
                    "have": hours_text(self.verified),
                    "need": hours_text(self.required),
                }
            )
        for row in self.categories:
            if row.shortfall:
                problems.append(
                    _(
                        "%(category)s: %(missing)s more verified hours are needed "
                        "(%(have)s of %(need)s)."
                    )
                    % {
                        "category": row.label,
                        "missing": hours_text(row.shortfall),
                        "have": hours_text(row.verified),
                        "need": hours_text(row.required),
                    }
                )
        return problems


def validity_period(certificate: Certificate) -> tuple[datetime.date, datetime.date]:
    """The current validity period: a renewed certificate's starts at its previous expiry."""
    start = add_years(certificate.expiry_date, -certificate.scheme.validity_years)
    return max(start, certificate.effective_date), certificate.expiry_date


def _hours_by(activities: QuerySet[CpdActivity], status: str) -> dict[str, Decimal]:
    rows = (
        activities.filter(status=status).values("category").annotate(total=Sum("hours")).order_by()
    )
    return {row["category"]: row["total"] for row in rows}


def cpd_progress(certificate: Certificate) -> CpdProgress:
    start, end = validity_period(certificate)
    activities = CpdActivity.objects.annotate(day=Coalesce("end_date", "start_date")).filter(
        person_id=certificate.holder_id, day__gte=start, day__lte=end
    )
    verified = _hours_by(activities, CpdActivity.Status.VERIFIED)
    pending = _hours_by(activities, CpdActivity.Status.RECORDED)
    return progress_from(certificate, verified=verified, pending=pending)


def progress_from(
    certificate: Certificate, *, verified: dict[str, Decimal], pending: dict[str, Decimal]
) -> CpdProgress:
    """The progress of ``certificate`` from the hours of its validity period per category,
    verified and waiting (its scheme's minimums may be prefetched)."""
    start, end = validity_period(certificate)
    minimums = {m.category: Decimal(m.hours) for m in certificate.scheme.cpd_minimums.all()}
    categories = [
        CategoryProgress(
            category=value,
            label=str(label),
            required=minimums.get(value, Decimal(0)),
            verified=verified.get(value, Decimal(0)),
            pending=pending.get(value, Decimal(0)),
        )
        for value, label in Category.choices
    ]
    return CpdProgress(
        certificate=certificate,
        period_start=start,
        period_end=end,
        required=Decimal(certificate.scheme.cpd_hours),
        verified=sum(verified.values(), Decimal(0)),
        pending=sum(pending.values(), Decimal(0)),
        categories=categories,
    )
