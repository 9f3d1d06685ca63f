"""The moderators' pages: the review queue of flagged posts (agree or disagree, with a note),
a person's moderation history, and suspending a person or lifting a suspension. For
community moderators and administrators only; every decision is audited by the services."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts.permissions import role_required

from ..forms import DecisionForm, SuspendForm
from ..models import TrustLevel
from ..permissions import MODERATORS
from ..selectors import moderation, pages
from ..services import ForumError
from ..services import moderation as services
from . import topic_cache


def _queue(request: HttpRequest, *, refused: dict[int, Any] | None = None) -> HttpResponse:
    refused = refused or {}
    rows = [
        {
            "post": item.post,
            "flags": item.flags,
            "form": refused.get(item.post.pk) or DecisionForm(prefix=f"p{item.post.pk}"),
        }
        for item in moderation.review_queue()
    ]
    status = 400 if refused else 200
    return render(request, "forum/page_queue.html", {"rows": rows}, status=status)


@role_required(*MODERATORS)
def queue(request: HttpRequest) -> HttpResponse:
    return _queue(request)


@require_POST
@role_required(*MODERATORS)
def decide(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    """Agree with the flags on a post (it stays hidden, or is deleted) or disagree (it is
    shown again); the note goes into the audit trail."""
    post = pages.post_of(topic_id=public_id, number=number)
    form = DecisionForm(request.POST, prefix=f"p{post.pk}")
    decision = request.POST.get("decision")
    if form.is_valid() and decision in ("agree", "delete", "disagree"):
        note = form.cleaned_data["note"]
        try:
            if decision == "disagree":
                count = services.disagree_with_flags(moderator=request.user, post=post, reason=note)
                done = _("You disagreed with %(count)d flag(s): the post is shown again.")
            else:
                count = services.agree_with_flags(
                    moderator=request.user, post=post, reason=note, delete=decision == "delete"
                )
                done = _("You agreed with %(count)d flag(s): the post stays hidden.")
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            topic_cache.forget(post.topic.public_id)
            messages.success(request, done % {"count": count})
            return redirect("forum:review")
    elif form.is_valid():
        form.add_error(None, _("Choose to agree or to disagree with the flags."))
    return _queue(request, refused={post.pk: form})


def _person_page(
    request: HttpRequest,
    public_id: UUID,
    *,
    suspend_form: SuspendForm | None = None,
    lift_form: DecisionForm | None = None,
) -> HttpResponse:
    person = pages.person_of(public_id)
    history = pages.person_history(person)
    context = {
        "history": history,
        "level_label": TrustLevel(history.standing.level).label,
        "person": person,
        "suspend_form": suspend_form or SuspendForm(prefix="suspend"),
        "lift_form": lift_form or DecisionForm(prefix="lift"),
    }
    status = 400 if (suspend_form or lift_form) else 200
    return render(request, "forum/page_person.html", context, status=status)


@role_required(*MODERATORS)
def person(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _person_page(request, public_id)


@require_POST
@role_required(*MODERATORS)
def suspend(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = pages.person_of(public_id)
    form = SuspendForm(request.POST, prefix="suspend")
    if form.is_valid():
        try:
            services.suspend(
                moderator=request.user,
                person=found,
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
            )
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The person is suspended and told why."))
            return redirect("forum:person", public_id=found.public_id)
    return _person_page(request, public_id, suspend_form=form)


@require_POST
@role_required(*MODERATORS)
def lift(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = pages.person_of(public_id)
    form = DecisionForm(request.POST, prefix="lift")
    if form.is_valid():
        try:
            services.lift_suspension(
                moderator=request.user, person=found, reason=form.cleaned_data["note"]
            )
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The suspension is lifted; the person is told."))
            return redirect("forum:person", public_id=found.public_id)
    return _person_page(request, public_id, lift_form=form)


@require_POST
@role_required(*MODERATORS)
def topic_state(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Close or reopen, pin or unpin a question (the buttons on its page)."""
    found = pages.topic_of(public_id)
    change = request.POST.get("change", "")
    states = {
        "close": {"closed": True},
        "reopen": {"closed": False},
        "pin": {"pinned": True},
        "unpin": {"pinned": False},
    }
    if change not in states:
        messages.error(request, _("Choose what to change about the question."))
        return redirect(found.get_absolute_url())
    try:
        services.set_topic_state(
            moderator=request.user,
            topic=found,
            reason=request.POST.get("reason", ""),
            **states[change],
        )
    except ForumError as error:
        messages.error(request, str(error))
    else:
        topic_cache.forget(found.public_id)
        messages.success(request, _("The question is changed; the change is recorded."))
    return redirect(found.get_absolute_url())


urlpatterns = [
    path("moderation/", queue, name="review"),
    path("moderation/<uuid:public_id>/<int:number>/", decide, name="decide"),
    path("moderation/people/<uuid:public_id>/", person, name="person"),
    path("moderation/people/<uuid:public_id>/suspend/", suspend, name="suspend"),
    path("moderation/people/<uuid:public_id>/lift/", lift, name="lift"),
    path("moderation/t/<uuid:public_id>/", topic_state, name="topic_state"),
]
