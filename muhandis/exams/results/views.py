"""The exam manager's page of one attempt: each item's mark, and a reasoned change."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core.formviews import apply_errors, form_page
from muhandis.exams.models import (
    Attempt,
    ItemVersion,
    Result,
)
from muhandis.exams.results import services as results
from muhandis.exams.results.forms import ChangeMarkForm


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def attempt_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The exam manager's view of one attempt: each item's mark, and a reasoned change."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("registration__candidate", "registration__sitting"),
        public_id=public_id,
    )
    form = ChangeMarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answer = attempt.answers.filter(pk=request.POST.get("answer")).first()
        if answer is None:
            answer = results.blank_answer(attempt=attempt, version=request.POST.get("version"))
        if answer is None:
            form.add_error(None, _("Choose an item of this exam."))
        else:
            try:
                results.change_score(
                    answer=answer,
                    actor=request.user,
                    request=request,
                    percent=form.cleaned_data["percent"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The mark has been changed and recorded."))
                return redirect("exams:staff_attempt", public_id=attempt.public_id)
            except ValidationError as exc:
                apply_errors(form, exc)
    versions = {
        v.pk: v for v in ItemVersion.objects.select_related("item").filter(pk__in=attempt.form)
    }
    answers = {a.version_id: a for a in attempt.answers.prefetch_related("marks")}
    lines = [
        {"number": n, "version": versions[pk], "answer": answers.get(pk)}
        for n, pk in enumerate(attempt.form, start=1)
        if pk in versions
    ]
    context = {
        "attempt": attempt,
        "lines": lines,
        "result": Result.objects.filter(attempt=attempt).first(),
        "form": form,
        "events": attempt.events.all(),
    }
    return form_page(request, "exams/staff/attempt.html", context)
