"""Asking a question, editing a post, a post's history of edits, and flagging a post. A
refusal of the services (a rate limit, links from a new member, a suspension) is shown on the
form, with everything the person typed kept."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from ..forms import AskForm, EditForm, FlagForm
from ..models import Post
from ..selectors import pages, topics
from ..services import ForumError, trust
from ..services import moderation as moderation_services
from ..services import posting as services
from . import topic_cache


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    invalid = any(getattr(v, "errors", None) for v in context.values() if hasattr(v, "is_bound"))
    return render(request, template, context, status=400 if invalid else 200)


@login_required
def ask(request: HttpRequest) -> HttpResponse:
    initial = {}
    chosen = topics.category_by_slug(request.GET.get("category", ""))
    if chosen is not None:
        initial["category"] = chosen.pk
    form = AskForm(request.POST or None, choices=topics.category_choices(), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            topic = services.ask_question(
                person=request.user,
                category=data["category"],
                title=data["title"],
                body=data["body"],
                tags=data["tags"],
            )
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your question is posted."))
            return redirect(topic.get_absolute_url())
    return _page(request, "forum/page_ask.html", {"form": form})


def _may_edit(request: HttpRequest, post: Post) -> bool:
    return post.author_id == request.user.pk or trust.is_moderator(request.user)


@login_required
def edit(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    post = pages.post_of(topic_id=public_id, number=number)
    if not _may_edit(request, post):
        raise PermissionDenied(_("Only the author or a moderator can edit this post."))
    initial = {"title": post.topic.title, "body": post.body}
    form = EditForm(request.POST or None, initial=initial, with_title=post.is_question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_post(
                person=request.user,
                post=post,
                body=data["body"],
                title=data.get("title"),
                reason=data["reason"],
            )
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            topic_cache.forget(post.topic.public_id)
            messages.success(request, _("Your changes are saved; the earlier text is kept."))
            return redirect(post.get_absolute_url())
    as_moderator = post.author_id != request.user.pk
    return _page(
        request,
        "forum/page_edit.html",
        {"form": form, "post": post, "topic": post.topic, "as_moderator": as_moderator},
    )


def revisions(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    """What a post said before each edit, newest first. Public while the post is visible;
    a hidden or deleted post's history is for moderators only."""
    post = pages.post_of(topic_id=public_id, number=number)
    moderator = request.user.is_authenticated and trust.is_moderator(request.user)
    if not (post.is_visible and not post.topic.is_hidden) and not moderator:
        raise PermissionDenied(_("This post is hidden pending moderator review."))
    context = {"post": post, "topic": post.topic, "revisions": list(topics.revisions(post))}
    return render(request, "forum/page_revisions.html", context)


@login_required
def flag(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    post = pages.post_of(topic_id=public_id, number=number)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation_services.flag_post(
                person=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            topic_cache.forget(post.topic.public_id)
            messages.success(request, _("Thank you: the moderators will look at this post."))
            return redirect(post.get_absolute_url())
    return _page(request, "forum/page_flag.html", {"form": form, "post": post, "topic": post.topic})


urlpatterns = [
    path("ask/", ask, name="ask"),
    path("t/<uuid:public_id>/<int:number>/edit/", edit, name="edit"),
    path("t/<uuid:public_id>/<int:number>/history/", revisions, name="revisions"),
    path("t/<uuid:public_id>/<int:number>/flag/", flag, name="flag"),
]
