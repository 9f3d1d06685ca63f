"""Background work of needs surveys (``django.tasks``): sending invitations and reminders."""

from django.tasks import task

from .models import Survey, SurveyStatus
from .services import distribution


@task(queue_name="default")
def send_survey_invitations(survey_id: int) -> int:
    """Email the personal links of a survey's invitations not sent yet; how many were sent."""
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None or survey.status != SurveyStatus.OPEN:
        return 0
    return distribution.send_invitations(survey=survey)


@task(queue_name="default")
def send_needs_reminders() -> int:
    """The daily run of ``manage.py send_needs_reminders``, as a task."""
    return distribution.send_reminders()
