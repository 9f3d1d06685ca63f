"""Who may see an exam attempt: the one rule, shared by the candidate's pages, the API and the
services (pages answer a refusal with 404, the API with 403, services raise PermissionDenied)."""

import uuid

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.exams.models import Attempt


def other_candidate_message() -> str:
    return _("This is another candidate's attempt.")


def find_attempt(public_id: uuid.UUID | str) -> Attempt | None:
    """The attempt with this public id, with its registration, or None."""
    return Attempt.objects.select_related("registration").filter(public_id=public_id).first()


def check_candidate(*, attempt: Attempt, actor: User | None) -> None:
    """Who may see an exam attempt — resume it, save an answer, hand it in, read its result:
    its candidate and nobody else. The one place this is decided: pages answer a refusal
    with 404, the API with 403."""
    if actor is None or actor.pk != attempt.registration.candidate_id:
        raise PermissionDenied(other_candidate_message())
