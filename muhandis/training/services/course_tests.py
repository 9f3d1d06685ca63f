"""What a course's tests tell training: whether a participant passed the post-test, which the
completion rule may require (``Course.post_test_required``).

The tests themselves are sat in ``exams`` (decision 0010): exams calls ``record_post_test_result``
each time a post-test result is computed, or changed after a re-mark."""

from django.db import transaction

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.training.models import Enrolment


def record_post_test_result(
    *,
    enrolment: Enrolment,
    passed: bool,
    percent: float,
    actor: User | None = None,
    reason: str = "",
) -> Enrolment:
    """Record the participant's post-test result on their enrolment, audited. ``actor`` is the
    person whose action produced the result (the participant handing in, a marker), or None
    when the server handed the test in at its deadline. Recording the same outcome again
    changes nothing and is not audited twice."""
    if not 0 <= percent <= 100:
        raise ValueError(f"A test score is from 0 to 100, not {percent}.")
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        before = enrolment.post_test_passed
        if before is passed:
            return enrolment
        enrolment.post_test_passed = passed
        enrolment.save(update_fields=["post_test_passed", "updated_at"])
        audit.record(
            "training.enrolment.post_test_scored",
            actor=actor,
            target=enrolment,
            before={"post_test_passed": before},
            after={"post_test_passed": passed, "percent": round(percent, 2)},
            reason=reason,
        )
    return enrolment
