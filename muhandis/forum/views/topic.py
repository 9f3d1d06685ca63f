"""A topic's page: the question, its answers (the accepted one first, then by score), the
comments, and what a signed-in reader may do there — answer, comment, vote, accept, flag.

Anyone may read a visible topic. Anonymous readers get the posts from a short-lived cache
(``topic_cache``); signed-in readers always read the database, with their own votes and the
buttons they may use. Every form works without JavaScript; votes also work with htmx, which
swaps the post's score in place.
"""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import AnswerForm, CommentForm, VoteForm
from ..models import Post
from ..selectors import pages
from ..services import ForumError, trust
from ..services import posting as services
from . import topic_cache


def _viewer(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


def _post_url(post: Post) -> str:
    return reverse("forum:topic", args=[post.topic.public_id]) + f"#post-{post.number}"


def _context(request: HttpRequest, page: pages.TopicPage, moderator: bool) -> dict[str, Any]:
    viewer = _viewer(request)
    topic = page.topic
    return {
        "page": page,
        "topic": topic,
        # Each post's links are this address and the post's number (no reverse() per post).
        "t_url": reverse("forum:topic", args=[topic.public_id]),
        "viewer": viewer,
        "moderator": moderator,
        "may_accept": viewer is not None and (moderator or viewer.pk == topic.author_id),
        "may_answer": viewer is not None
        and not topic.is_hidden
        and (moderator or not topic.is_closed),
    }


def _title(topic: Any, hidden: bool) -> str:
    return _("Hidden question") if hidden else topic.title


def topic_response(
    request: HttpRequest,
    public_id: UUID,
    *,
    answer_form: AnswerForm | None = None,
    errors: dict[int, dict[str, Any]] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The topic's page, with a refused answer or comment kept on its form (status 400).
    Anonymous readers get the kept page when there is one (``topic_cache``)."""
    viewer = _viewer(request)
    language = get_language()
    if viewer is None:
        kept = topic_cache.get(public_id, language)
        if kept is not None:
            title, html = kept
            return render(request, "forum/page_topic.html", {"title": title, "content": html})
    moderator = viewer is not None and trust.is_moderator(viewer)
    found = pages.topic_of(public_id)
    hidden = found.is_hidden and not moderator and (viewer is None or viewer.pk != found.author_id)
    context: dict[str, Any] = {"topic": found, "hidden_from_viewer": hidden}
    if not hidden:
        page = pages.topic_page(topic=found, viewer=viewer, moderator=moderator)
        for post in [page.question, *page.answers]:
            if post is not None:
                post.err = (errors or {}).get(post.pk)  # type: ignore[attr-defined]  # kept text
        context |= _context(request, page, moderator)
        context["answer_form"] = answer_form or AnswerForm()
    # The content is a string of its own so that anonymous readers' copy can be kept.
    html = render_to_string("forum/part_topic_posts.html", context, request=request)
    title = _title(found, hidden)
    if viewer is None and not hidden:
        html = topic_cache.keep(public_id, language, title, html)
    return render(
        request, "forum/page_topic.html", {"title": title, "content": html}, status=status
    )


def topic(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return topic_response(request, public_id)


@require_POST
def read(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Asked by the page once it has loaded (htmx): counts the view and, for a signed-in
    reader, what they have read (trust levels are earned by reading). Kept out of the page's
    own request so that reading the page stays cheap."""
    found = pages.topic_for_reading(public_id)
    try:
        number = max(0, int(request.POST.get("up_to", "0")))
    except ValueError:
        number = 0
    trust.record_visit(topic=found, person=_viewer(request), read_up_to=min(number, 100_000))
    return HttpResponse(status=204)


def _refused(request: HttpRequest, post: Post, error: ForumError) -> HttpResponse:
    messages.error(request, str(error))
    return redirect(_post_url(post))


@require_POST
@login_required
def answer(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = pages.topic_of(public_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            post = services.answer(person=request.user, topic=found, body=form.cleaned_data["body"])
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            topic_cache.forget(found.public_id)
            messages.success(request, _("Your answer is posted."))
            return redirect(_post_url(post))
    return topic_response(request, public_id, answer_form=form, status=400)


@require_POST
@login_required
def comment(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    post = pages.post_of(topic_id=public_id, number=number)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment(person=request.user, post=post, body=form.cleaned_data["body"])
        except ForumError as error:
            form.add_error(None, str(error))
        else:
            topic_cache.forget(post.topic.public_id)
            messages.success(request, _("Your comment is posted."))
            return redirect(_post_url(post))
    errors = {
        post.pk: {
            "comment": request.POST.get("body", ""),
            "comment_errors": [str(e) for e in form.errors.get("body", [])]
            + [str(e) for e in form.non_field_errors()],
        }
    }
    return topic_response(request, public_id, errors=errors, status=400)


def _votes_fragment(request: HttpRequest, post: Post, error: str = "") -> HttpResponse:
    post.refresh_from_db(fields=["score"])
    post.n = str(post.number)  # type: ignore[attr-defined]  # as on the page
    context = {
        "post": post,
        "my_vote": pages.vote_of(person=request.user, post=post),
        "vote_error": error,
        "viewer": request.user,
        "t_url": reverse("forum:topic", args=[post.topic.public_id]),
    }
    return render(request, "forum/part_votes.html", context)


@require_POST
@login_required
def vote(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    """Vote up or down; the same vote again takes it back. With htmx only the score and the
    buttons are sent back; without, the page is shown again at the post."""
    post = pages.post_of(topic_id=public_id, number=number)
    form = VoteForm(request.POST)
    htmx = bool(request.headers.get("HX-Request"))
    error = ""
    if not form.is_valid():
        error = _("Choose to vote up or down.")
    else:
        value = form.cleaned_data["value"]
        if pages.vote_of(person=request.user, post=post) == value:
            value = 0
        try:
            services.vote(person=request.user, post=post, value=value)
        except ForumError as refusal:
            error = str(refusal)
        else:
            topic_cache.forget(post.topic.public_id)
    if htmx:
        return _votes_fragment(request, post, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your vote is counted."))
    return redirect(_post_url(post))


@require_POST
@login_required
def accept(request: HttpRequest, public_id: UUID, number: int) -> HttpResponse:
    post = pages.post_of(topic_id=public_id, number=number)
    try:
        if request.POST.get("undo"):
            services.unaccept_answer(person=request.user, topic=post.topic)
            done = _("The answer is no longer marked as accepted.")
        else:
            services.accept_answer(person=request.user, post=post)
            done = _("The answer is marked as the one that solved the question.")
    except ForumError as error:
        return _refused(request, post, error)
    topic_cache.forget(post.topic.public_id)
    messages.success(request, done)
    return redirect(_post_url(post))


urlpatterns = [
    path("t/<uuid:public_id>/", topic, name="topic"),
    path("t/<uuid:public_id>/read/", read, name="read"),
    path("t/<uuid:public_id>/answer/", answer, name="answer"),
    path("t/<uuid:public_id>/<int:number>/comment/", comment, name="comment"),
    path("t/<uuid:public_id>/<int:number>/vote/", vote, name="vote"),
    path("t/<uuid:public_id>/<int:number>/accept/", accept, name="accept"),
]
