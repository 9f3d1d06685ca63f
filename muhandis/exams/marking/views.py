"""Blind marking of essays: the examiner's queue and the page of one script."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core.formviews import form_page, submitted
from muhandis.exams.marking import services as essays
from muhandis.exams.marking.forms import MarkForm
from muhandis.exams.models import (
    Answer,
)


@role_required(Role.EXAMINER)
def marking_queue(request: HttpRequest) -> HttpResponse:
    scripts = essays.queue(request.user)
    return form_page(request, "exams/staff/marking_queue.html", {"scripts": scripts})


@role_required(Role.EXAMINER)
@require_http_methods(["GET", "POST"])
def mark_script(request: HttpRequest, pk: int) -> HttpResponse:
    answer = get_object_or_404(
        Answer.objects.select_related(
            "version__item", "attempt__registration__sitting__blueprint"
        ).filter(Q(version__item__kind="essay")),
        pk=pk,
    )
    try:
        script = essays.script_for(request.user, answer)
    except PermissionDenied:
        raise Http404 from None
    form = MarkForm(request.POST or None)

    def give(data: dict[str, Any]) -> None:
        essays.give_mark(answer=answer, marker=request.user, request=request, **data)

    if submitted(request, form, give, _("Your mark has been recorded.")):
        return redirect("exams:staff_marking")
    language = answer.attempt.registration.language
    content = answer.version.content
    context = {
        "script": script,
        "form": form,
        "question": essays.localised(content.get("texts"), language),
        "rubric": essays.localised(content.get("rubric"), language),
        "text": answer.response.get("text", ""),
    }
    return form_page(request, "exams/staff/mark.html", context)
