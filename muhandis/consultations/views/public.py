"""The public pages of consultations: the list (open and past), and a consultation clause by
clause with its counts, the comments (for people who may take part, and staff) and a form per
clause to comment. Comments are not public: members write to their association, which answers
in public with its response; the counts per clause are public."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts import selectors as accounts
from muhandis.core.formviews import apply_errors

from ..forms import CommentForm
from ..models import Comment, Consultation
from ..permissions import READERS
from ..selectors import consultations as selectors
from ..selectors import participation
from ..services import comments as services


def consultation_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    current, past = selectors.split_by_phase(list(selectors.public_consultations()), today)
    return render(
        request,
        "consultations/page_list.html",
        {"current": current, "past": past, "today": today},
    )


def _is_staff(request: HttpRequest) -> bool:
    return bool(accounts.roles_of(request.user) & set(READERS))


def _initial(mine: Comment | None) -> dict[str, Any]:
    if mine is None:
        return {}
    return {
        "position": mine.position,
        "text": mine.text,
        "proposed_wording": mine.proposed_wording,
        "anonymous": mine.anonymous,
    }


def _detail_page(
    request: HttpRequest,
    consultation: Consultation,
    *,
    staff: bool,
    bound: tuple[int, CommentForm] | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    signed_in = request.user.is_authenticated
    refusal = participation.refusal(request.user, consultation) if signed_in else None
    may_take_part = signed_in and refusal is None
    views = selectors.clause_views(
        consultation,
        with_comments=staff or may_take_part,
        reader_id=request.user.pk if signed_in else None,
    )
    open_now = consultation.accepts_comments(today)
    for view in views:
        if bound is not None and bound[0] == view.clause.pk:
            view.form = bound[1]  # type: ignore[attr-defined]
        elif may_take_part and open_now:
            view.form = CommentForm(  # type: ignore[attr-defined]
                prefix=f"c{view.clause.pk}", initial=_initial(view.mine)
            )
    context = {
        "consultation": consultation,
        "views": views,
        "totals": selectors.totals(views),
        "phase": consultation.phase(today),
        "open_now": open_now,
        "may_take_part": may_take_part,
        "refusal": refusal if open_now else None,
        "shows_comments": staff or may_take_part,
        "staff": staff,
    }
    return render(request, "consultations/page_detail.html", context, status=400 if bound else 200)


def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    staff = _is_staff(request)
    consultation = selectors.get_consultation(public_id, drafts=staff)
    return _detail_page(request, consultation, staff=staff)


@require_POST
@login_required
def comment(request: HttpRequest, public_id: UUID, clause_id: int) -> HttpResponse:
    staff = _is_staff(request)
    consultation = selectors.get_consultation(public_id, drafts=staff)
    clause = selectors.get_clause(consultation, clause_id)
    form = CommentForm(request.POST, prefix=f"c{clause.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.comment_on_clause(
                actor=request.user,
                clause=clause,
                position=data["position"],
                text=data["text"],
                proposed_wording=data["proposed_wording"],
                anonymous=data["anonymous"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your comment on clause %(number)s is saved. You may change it until the "
                    "consultation closes."
                )
                % {"number": clause.number},
            )
            url = reverse("consultations:detail", args=[consultation.public_id])
            return redirect(f"{url}#clause-{clause.pk}")
    return _detail_page(request, consultation, staff=staff, bound=(clause.pk, form))


urlpatterns = [
    path("", consultation_list, name="list"),
    path("<uuid:public_id>/", detail, name="detail"),
    path("<uuid:public_id>/clauses/<int:clause_id>/comment/", comment, name="comment"),
]
