"""Answering a needs survey: a response is started by a public or personal link, its ratings are
saved as the respondent goes (one at a time, or a page at once), and it is submitted once.

A personal link is single use: its invitation has at most one response, whatever the number of
browsers that open it, and once submitted it only says thank you. Nothing saved is lost when a
later value is refused: a refused rating leaves the one saved before it as it was."""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit

from ..models import (
    Barrier,
    Channel,
    Invitation,
    Rating,
    Response,
    Survey,
    SurveyItem,
)
from .surveys import accepting_answers

PSEUDONYM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
BACKGROUND_FIELDS = (
    "gender",
    "age_band",
    "region",
    "sector",
    "job_role",
    "employer_size",
    "experience",
    "education",
)
OPEN_FIELDS = ("barriers", "barriers_other", "comments")
TEXT_LIMIT = 4000


def new_pseudonym() -> str:
    return "R-" + "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(8))


def _not_open(survey: Survey) -> ValidationError:
    return ValidationError(
        _("The survey “%(title)s” is not open for answers now.") % {"title": survey.title},
        code="closed",
    )


def _create(survey: Survey, **fields: Any) -> Response:
    """A new response with a unique pseudonym (drawn again on the rare collision)."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Response.objects.create(survey=survey, pseudonym=new_pseudonym(), **fields)
        except IntegrityError:
            if (
                "invitation" in fields
                and Response.objects.filter(invitation=fields["invitation"]).exists()
            ):
                raise
    raise RuntimeError("no free pseudonym after five draws")


def start_public(*, survey: Survey, kind: str, language: str) -> Response:
    """An anonymous response through the survey's public link."""
    if not (survey.public_link and accepting_answers(survey)):
        raise _not_open(survey)
    if kind not in survey.kinds:
        raise ValidationError(
            {"kind": _("Choose whether you answer about yourself or about your staff.")}
        )
    return _create(survey, channel=Channel.PUBLIC, kind=kind, language=language)


def invitation_from_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.filter(token=token).select_related("survey", "person").first()
        if token
        else None
    )
    if invitation is None:
        raise ValidationError(
            _("This link is not valid. Check that you copied all of it from the email."),
            code="invalid",
        )
    return invitation


def start_personal(*, invitation: Invitation, language: str) -> Response:
    """The response of a personal link: the one it has already (from any browser), or a new
    one. Refused once submitted (``code="used"``) or when the survey is not open."""
    existing = Response.objects.filter(invitation=invitation).first()
    if existing is not None and existing.submitted_at is not None:
        raise ValidationError(_("You have already answered this survey."), code="used")
    if not accepting_answers(invitation.survey):
        raise _not_open(invitation.survey)
    if existing is not None:
        return existing
    try:
        return _create(
            invitation.survey,
            channel=Channel.PERSONAL,
            kind=invitation.kind,
            invitation=invitation,
            person=invitation.person,
            language=language,
            region=invitation.region,
            gender=invitation.gender,
        )
    except IntegrityError:  # another browser started it a moment ago
        return Response.objects.get(invitation=invitation)


def response_from_token(token: str) -> Response:
    response = (
        Response.objects.filter(resume_token=token).select_related("survey").first()
        if token
        else None
    )
    if response is None:
        raise ValidationError(
            _("This link is not valid. Check that you copied all of it."), code="invalid"
        )
    return response


def check_answering(response: Response) -> None:
    """Refuse (``code="used"`` or ``"closed"``) unless the response can still be changed."""
    if response.submitted_at is not None:
        raise ValidationError(_("You have already answered this survey."), code="used")
    if not accepting_answers(response.survey):
        raise _not_open(response.survey)


# Ratings -------------------------------------------------------------------------------------


def _value(raw: object, survey: Survey, title: str, question: str) -> int | None:
    """A rating as stored (None when not given); refused when off the survey's scale."""
    if raw is None or raw == "":
        return None
    try:
        number = int(str(raw))
    except ValueError:
        number = None
    if number is None or not survey.scale_min <= number <= survey.scale_max:
        raise ValidationError(
            _("“%(competency)s”, %(question)s: choose a rating from %(low)s to %(high)s.")
            % {
                "competency": title,
                "question": question,
                "low": survey.scale_min,
                "high": survey.scale_max,
            },
            code="scale",
        )
    return number


def _questions() -> tuple[str, str]:
    return _("required level"), _("current level")


def save_rating(
    *,
    response: Response,
    item_id: int,
    importance: object = None,
    current: object = None,
    given: tuple[str, ...] = ("importance", "current"),
) -> None:
    """Save one competency's ratings (only the ones ``given``: a question left out keeps the
    value saved before). The survey's response must still be answerable (check_answering);
    this is the lean path of the page's autosave: one item check and one upsert."""
    if not SurveyItem.objects.filter(pk=item_id, survey_id=response.survey_id).exists():
        raise ValidationError(
            _("This competency is not part of the survey: reload the page."), code="item"
        )
    title = ""
    if _needs_title(response, importance, current):  # only a refusal needs the title
        title = SurveyItem.objects.select_related("competency").get(pk=item_id).competency.title
    required, current_label = _questions()
    values = {
        "importance": _value(importance, response.survey, title, required),
        "current": _value(current, response.survey, title, current_label),
    }
    fields = [name for name in ("importance", "current") if name in given]
    if not fields:
        return
    Rating.objects.bulk_create(
        [Rating(response=response, item_id=item_id, **values)],
        update_conflicts=True,
        unique_fields=["response", "item"],
        update_fields=fields,
    )


def _needs_title(response: Response, *raws: object) -> bool:
    """Whether a value is refused (the competency's title is then fetched for the message)."""
    survey = response.survey
    for raw in raws:
        if raw is None or raw == "":
            continue
        try:
            if survey.scale_min <= int(str(raw)) <= survey.scale_max:
                continue
        except ValueError:
            pass
        return True
    return False


@dataclass(frozen=True)
class PageResult:
    saved: int
    errors: dict[int, str]  # item id → message naming the competency


def save_ratings(*, response: Response, values: Mapping[int, tuple[object, object]]) -> PageResult:
    """Save a page of ratings (``{item_id: (importance, current)}``); the valid ones are saved,
    each refused one is reported by its item, and its earlier value is kept."""
    check_answering(response)
    items = {
        item.pk: item
        for item in SurveyItem.objects.filter(
            survey_id=response.survey_id, pk__in=list(values)
        ).select_related("competency")
    }
    required, current_label = _questions()
    rows, errors = [], {}
    for item_id, (importance, current) in values.items():
        if importance in (None, "") and current in (None, ""):
            continue  # not answered on this page: nothing to save, nothing to lose
        item = items.get(item_id)
        if item is None:
            errors[item_id] = _("This competency is not part of the survey: reload the page.")
            continue
        title = item.competency.title
        try:
            rows.append(
                Rating(
                    response=response,
                    item=item,
                    importance=_value(importance, response.survey, title, required),
                    current=_value(current, response.survey, title, current_label),
                )
            )
        except ValidationError as exc:
            errors[item_id] = " ".join(exc.messages)
    if rows:
        Rating.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["response", "item"],
            update_fields=["importance", "current"],
        )
    return PageResult(saved=len(rows), errors=errors)


# Background and open questions ----------------------------------------------------------------


def save_background(*, response: Response, data: Mapping[str, Any]) -> Response:
    """Save the background and open answers (all optional). ``data`` holds cleaned values:
    choice codes, a Region or None, a list of barrier codes, texts."""
    check_answering(response)
    fields = []
    for name in BACKGROUND_FIELDS:
        if name in data:
            value = data[name]
            setattr(response, name, value if name == "region" else (value or ""))
            fields.append(name)
    if "barriers" in data:
        known = set(Barrier.values)
        response.barriers = [code for code in data["barriers"] if code in known]
        fields.append("barriers")
    for name in ("barriers_other", "comments"):
        if name in data:
            setattr(response, name, str(data[name] or "").strip()[:TEXT_LIMIT])
            fields.append(name)
    if fields:
        response.save(update_fields=[*fields, "updated_at"])
    return response


# Progress and submission ----------------------------------------------------------------------


def unrated_items(response: Response) -> list[SurveyItem]:
    """The survey's competencies whose two ratings are not both given, in the survey's order."""
    complete = Rating.objects.filter(
        response=response, importance__isnull=False, current__isnull=False
    ).values("item_id")
    return list(
        SurveyItem.objects.filter(survey_id=response.survey_id)
        .exclude(pk__in=complete)
        .select_related("competency__area")
        .order_by("sort_order", "pk")
    )


def submit_response(*, response: Response, request: HttpRequest | None = None) -> Response:
    """Send the answers: no change afterwards. Competencies left unrated are allowed (they are
    simply not counted); the invitation, if any, is marked answered. The audit trail records
    that the survey was answered, never the answers."""
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("survey").get(pk=response.pk)
        check_answering(response)
        now = timezone.now()
        response.submitted_at = now
        response.save(update_fields=["submitted_at", "updated_at"])
        if response.invitation_id:
            Invitation.objects.filter(pk=response.invitation_id).update(answered_at=now)
        audit.record(
            "needs.response.submitted",
            actor=None,
            target=response,
            after={
                "survey": response.survey.code,
                "channel": response.channel,
                "kind": response.kind,
            },
            request=request,
        )
    return response
