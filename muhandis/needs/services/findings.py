"""Publishing a closed survey's headline findings: the competencies the industry needs most,
as they stand when published, for the public home page. Re-publishing replaces the snapshot;
withdrawing takes it off the site. Both audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit

from ..models import Finding, Survey, SurveyStatus
from ..selectors.analysis import analyse
from .plans import require_manager

HEADLINES = 5  # how many competencies a published finding names


def _published_codes(survey: Survey) -> list[str]:
    return list(survey.findings.order_by("rank").values_list("competency__code", flat=True))


@transaction.atomic
def publish_findings(*, actor: Any, survey: Survey, count: int = HEADLINES) -> list[Finding]:
    """Snapshot the ``count`` competencies ranked highest into the survey's findings and show
    them on the public site."""
    require_manager(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.CLOSED:
        raise ValidationError(_("Close the survey before you publish its findings."))
    analysis = analyse(survey)
    if not analysis.competencies:
        raise ValidationError(
            _("The survey has no submitted answers: there is nothing to publish.")
        )
    before = {
        "published": survey.findings_published_at.isoformat()
        if survey.findings_published_at
        else None,
        "competencies": _published_codes(survey),
    }
    survey.findings.all().delete()
    findings = Finding.objects.bulk_create(
        Finding(
            survey=survey,
            competency_id=result.competency_id,
            rank=rank,
            mwds=result.figures.mwds,
            share_below=result.figures.share_below,
            respondents=result.figures.respondents,
        )
        for rank, result in enumerate(analysis.competencies[:count], start=1)
    )
    survey.findings_published_at = timezone.now()
    survey.save(update_fields=["findings_published_at", "updated_at"])
    audit.record(
        "needs.survey.findings_published",
        actor=actor,
        target=survey,
        before=before,
        after={
            "published": survey.findings_published_at.isoformat(),
            "respondents": analysis.respondents,
            "competencies": [r.code for r in analysis.competencies[:count]],
        },
    )
    return findings


@transaction.atomic
def withdraw_findings(*, actor: Any, survey: Survey, reason: str = "") -> None:
    """Take the survey's findings off the public site."""
    require_manager(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.findings_published_at is None:
        raise ValidationError(_("The survey's findings are not published."))
    before = {
        "published": survey.findings_published_at.isoformat(),
        "competencies": _published_codes(survey),
    }
    survey.findings.all().delete()
    survey.findings_published_at = None
    survey.save(update_fields=["findings_published_at", "updated_at"])
    audit.record(
        "needs.survey.findings_withdrawn",
        actor=actor,
        target=survey,
        before=before,
        after={"published": None},
        reason=reason[:500],
    )
