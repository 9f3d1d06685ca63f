"""Pages of CPD: the engineer's ledger, the registrar's verification, renewal and its votes."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.certification.models import Certificate
from muhandis.certification.services import committee
from muhandis.core.formviews import form_page, submitted

from . import forms, selectors, services
from .models import CpdActivity, Renewal


def _activity_data(data: dict) -> dict:
    return {
        "title": data["title"],
        "provider": data["provider"],
        "start_date": data["start_date"],
        "end_date": data["end_date"],
        "hours": data["hours"],
        "category": data["category"],
        "competencies": data["competencies"],
        "evidence": data["evidence_file"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def ledger(request: HttpRequest) -> HttpResponse:
    """The engineer's own CPD: what they recorded, its status, and a form to add more."""
    form = forms.ActivityForm(request.POST or None, request.FILES or None)

    def add(data: dict[str, Any]) -> None:
        services.record_activity(person=request.user, request=request, **_activity_data(data))

    if submitted(request, form, add, _("The activity has been recorded.")):
        return redirect("cpd:ledger")
    context = {
        "form": form,
        "activities": selectors.activities_of(request.user),
        "totals": selectors.totals_by_category(request.user),
        "certificates": Certificate.objects.filter(
            holder=request.user, status=Certificate.Status.VALID
        ).select_related("scheme"),
    }
    return form_page(request, "cpd/ledger.html", context)


def _own_activity(request: HttpRequest, pk: int) -> CpdActivity:
    return get_object_or_404(CpdActivity, pk=pk, person=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _own_activity(request, pk)
    if not activity.editable:
        messages.error(request, _("A verified activity can no longer be changed."))
        return redirect("cpd:ledger")
    # The form works on its own copy, so the service sees the activity as it was.
    form = forms.ActivityForm(
        request.POST or None, request.FILES or None, instance=CpdActivity.objects.get(pk=pk)
    )

    def change(data: dict[str, Any]) -> None:
        services.update_activity(
            activity=activity, actor=request.user, request=request, **_activity_data(data)
        )

    if submitted(request, form, change, _("The activity has been changed.")):
        return redirect("cpd:ledger")
    return form_page(request, "cpd/activity_edit.html", {"form": form, "activity": activity})


@login_required
@require_POST
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _own_activity(request, pk)
    try:
        services.delete_activity(activity=activity, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The activity has been deleted."))
    return redirect("cpd:ledger")


@login_required
def evidence_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An activity's evidence, for its engineer and for registrars only."""
    activity = get_object_or_404(CpdActivity, pk=pk)
    if activity.person_id != request.user.pk and Role.REGISTRAR not in usable_roles(request.user):
        return render(request, "403.html", status=403)
    if not activity.evidence:
        raise Http404
    response = FileResponse(
        activity.evidence.open("rb"), content_type=activity.evidence_content_type
    )
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(Role.REGISTRAR)
def verification_queue(request: HttpRequest) -> HttpResponse:
    sampled = request.GET.get("sample") == "1"
    page = Paginator(selectors.waiting_activities(sampled_only=sampled), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "sampled": sampled,
        "sample_form": forms.AuditSampleForm(initial={"year": timezone.localdate().year - 1}),
    }
    return render(request, "cpd/verification_queue.html", context)


@role_required(Role.REGISTRAR)
@require_POST
def draw_sample(request: HttpRequest) -> HttpResponse:
    form = forms.AuditSampleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a year and a share from 1 to 100 %."))
        return redirect("cpd:verification_queue")
    try:
        sample = services.draw_audit_sample(
            year=form.cleaned_data["year"],
            fraction=form.cleaned_data["percent"] / 100,
            actor=request.user,
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cpd:verification_queue")
    messages.success(
        request,
        _("%(chosen)d of %(population)d activities were drawn for the audit (seed %(seed)d).")
        % {"chosen": len(sample.chosen), "population": len(sample.population), "seed": sample.seed},
    )
    return redirect(reverse("cpd:verification_queue") + "?sample=1")


@role_required(Role.REGISTRAR)
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        CpdActivity.objects.select_related("person", "reviewed_by").prefetch_related(
            "competencies"
        ),
        pk=pk,
    )
    form = forms.ReviewForm(request.POST or None)

    def decide(data: dict[str, Any]) -> None:
        common = {"activity": activity, "actor": request.user, "request": request}
        if data["decision"] == "verify":
            services.verify_activity(note=data["note"], **common)
        else:
            services.reject_activity(reason=data["note"], **common)

    try:
        if submitted(request, form, decide, _("The review has been recorded.")):
            return redirect("cpd:verification_queue")
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return form_page(request, "cpd/review.html", {"form": form, "activity": activity})


@login_required
@require_http_methods(["GET", "POST"])
def renewal_apply(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The holder's renewal page for one certificate: the rule, their progress, and Apply."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("scheme"), public_id=public_id, holder=request.user
    )
    if request.method == "POST":
        try:
            services.apply_for_renewal(certificate=certificate, actor=request.user, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your renewal has been sent to the committee."))
        return redirect("cpd:renewal_apply", public_id=certificate.public_id)
    opens, closes = services.renewal_window(certificate)
    context = {
        "certificate": certificate,
        "problems": services.renewal_problems(certificate),
        "opens": opens,
        "closes": closes,
        "renewals": certificate.renewals.all(),
    }
    return render(request, "cpd/renewal_apply.html", context)


@role_required(Role.COMMITTEE)
def committee_renewals(request: HttpRequest) -> HttpResponse:
    renewals = (
        Renewal.objects.filter(status=Renewal.Status.SUBMITTED)
        .select_related("holder", "certificate__scheme")
        .order_by("created_at")
    )
    return render(request, "cpd/committee_renewals.html", {"renewals": renewals})


@role_required(Role.COMMITTEE)
@require_http_methods(["GET", "POST"])
def committee_renewal(request: HttpRequest, public_id: UUID) -> HttpResponse:
    renewal = get_object_or_404(
        Renewal.objects.select_related("holder", "certificate__scheme"), public_id=public_id
    )
    form = forms.RenewalVoteForm(request.POST or None)
    problem = services.renewal_vote_problem(request.user, renewal)

    def vote(data: dict[str, Any]) -> None:
        services.cast_renewal_vote(renewal=renewal, actor=request.user, request=request, **data)

    if problem is None and submitted(request, form, vote, _("Your vote has been recorded.")):
        return redirect("cpd:committee_renewal", public_id=renewal.public_id)
    context = {
        "renewal": renewal,
        "certificate": renewal.certificate,
        "form": form,
        **committee.ballot(
            votes=renewal.votes.all(),
            member=request.user,
            problem=problem,
            voting_open=renewal.status == Renewal.Status.SUBMITTED,
        ),
        "activities": selectors.period_activities(renewal.certificate),
    }
    return form_page(request, "cpd/committee_renewal.html", context)
