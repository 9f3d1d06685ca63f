"""Shared by the exam tests: the moment the test sitting is open, and finding items on a form."""

from django.utils import timezone

from muhandis.exams.attempts import services as attempts
from muhandis.exams.models import Registration

NOW = timezone.now()


def item_of_kind(attempt, kind):
    from muhandis.exams.models import ItemVersion

    return next(v for v in ItemVersion.objects.filter(pk__in=attempt.form) if v.item.kind == kind)


def sit(sitting, candidate, invigilator, *, application=None, essay_text="Pumps and tanks."):
    registration = Registration.objects.create(
        sitting=sitting, candidate=candidate, language="en", application=application
    )
    attempts.check_identity(registration=registration, actor=invigilator)
    attempt = attempts.start(registration=registration, actor=candidate, now=NOW)
    single = item_of_kind(attempt, "single")
    attempts.save_answer(
        attempt=attempt, actor=candidate, version_id=single.pk, response={"choice": 0}, now=NOW
    )
    essay = item_of_kind(attempt, "essay")
    attempts.save_answer(
        attempt=attempt,
        actor=candidate,
        version_id=essay.pk,
        response={"text": essay_text},
        now=NOW,
    )
    return attempts.submit(attempt=attempt, actor=candidate, now=NOW)
