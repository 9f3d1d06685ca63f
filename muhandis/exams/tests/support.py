"""Shared by the exam tests: the moment the test sitting is open, and finding items on a form."""

from django.utils import timezone

NOW = timezone.now()


def item_of_kind(attempt, kind):
    from muhandis.exams.models import ItemVersion

    return next(v for v in ItemVersion.objects.filter(pk__in=attempt.form) if v.item.kind == kind)
