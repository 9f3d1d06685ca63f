"""Members' comments on a clause: one position per person per clause; a second comment replaces
the first, whose earlier wording is kept and the change audited."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import Employment, Organisation, User
from muhandis.core import audit
from muhandis.membership.selectors import standing

from ..models import Clause, Comment, CommentRevision, Consultation, Position, Status
from ..selectors.participation import refusal

MAX_TEXT = 5000


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def check_open(consultation: Consultation, today: datetime.date) -> None:
    """Refuse, saying why and when, unless the consultation takes comments today."""
    if consultation.accepts_comments(today):
        return
    if consultation.status == Status.DRAFT:
        raise ValidationError(
            _("This consultation is not published yet: comments are not accepted.")
        )
    if consultation.phase(today) == "upcoming":
        raise ValidationError(
            _("This consultation opens for comments on %(date)s. Your text is kept below.")
            % {"date": _date(consultation.opens_on)}
        )
    raise ValidationError(
        _(
            "This consultation closed for comments on %(date)s: comments are no longer "
            "accepted. Your text is kept below, should you wish to copy it."
        )
        % {"date": _date(consultation.closes_on)}
    )


def _organisation(person: User) -> Organisation | None:
    """The firm named beside the comment: the member firm covering the person, else where they
    work now."""
    covering = standing.covering_membership(person)
    if covering is not None and covering.organisation_id:
        return covering.organisation
    employment = (
        Employment.objects.filter(person=person, end_date__isnull=True)
        .select_related("organisation")
        .order_by("-start_date", "-id")
        .first()
    )
    return employment.organisation if employment else None


def _check_values(position: str, text: str, proposed: str) -> None:
    errors: dict[str, list[str]] = {}
    if position not in Position.values:
        errors["position"] = [_("Choose your position from the list.")]
    if not text.strip():
        errors["text"] = [_("Write your comment.")]
    elif len(text) > MAX_TEXT:
        errors["text"] = [_("A comment has at most %(count)s characters.") % {"count": MAX_TEXT}]
    if position == Position.SUGGEST and not proposed.strip():
        errors["proposed_wording"] = [_("Give the wording you propose for the clause.")]
    elif len(proposed) > MAX_TEXT:
        errors["proposed_wording"] = [
            _("A proposed wording has at most %(count)s characters.") % {"count": MAX_TEXT}
        ]
    if errors:
        raise ValidationError(errors)


def comment_on_clause(
    *,
    actor: User,
    clause: Clause,
    position: str,
    text: str,
    proposed_wording: str = "",
    anonymous: bool = False,
    today: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Comment:
    """Record ``actor``'s position on ``clause``, replacing their earlier one (kept as a
    revision). Refused outside the consultation's dates or for someone who may not take part."""
    consultation = clause.consultation
    why_not = refusal(actor, consultation)
    if why_not is not None:
        raise ValidationError(why_not)
    check_open(consultation, today or timezone.localdate())
    _check_values(position, text, proposed_wording)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().filter(clause=clause, author=actor).first()
        if comment is None:
            return _first(actor, clause, position, text, proposed_wording, anonymous, request)
        return _replace(comment, position, text, proposed_wording, anonymous, request)


def _first(
    actor: User,
    clause: Clause,
    position: str,
    text: str,
    proposed: str,
    anonymous: bool,
    request: HttpRequest | None,
) -> Comment:
    comment = Comment.objects.create(
        clause=clause,
        author=actor,
        organisation=_organisation(actor),
        position=position,
        text=text.strip(),
        proposed_wording=proposed.strip(),
        anonymous=anonymous,
    )
    audit.record(
        "consultations.comment.posted",
        actor=actor,
        target=clause.consultation,
        after={"clause": clause.number, "position": position},
        request=request,
    )
    return comment


def _replace(
    comment: Comment,
    position: str,
    text: str,
    proposed: str,
    anonymous: bool,
    request: HttpRequest | None,
) -> Comment:
    CommentRevision.objects.create(
        comment=comment,
        position=comment.position,
        text=comment.text,
        proposed_wording=comment.proposed_wording,
        written_at=comment.updated_at,
    )
    before: dict[str, Any] = {"clause": comment.clause.number, "position": comment.position}
    comment.position = position
    comment.text = text.strip()
    comment.proposed_wording = proposed.strip()
    comment.anonymous = anonymous
    comment.revisions += 1
    comment.save()
    audit.record(
        "consultations.comment.revised",
        actor=comment.author,
        target=comment.clause.consultation,
        before=before,
        after={"clause": comment.clause.number, "position": position},
        request=request,
    )
    return comment
