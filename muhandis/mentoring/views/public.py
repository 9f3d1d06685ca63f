"""The public pages: programmes open for applications, one programme, and applying (which
needs an account)."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core.formviews import apply_errors, form_page

from ..forms import ApplicationForm
from ..models import ApplicationStatus, Side
from ..selectors import programmes as selectors
from ..services import applications as services


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request, "mentoring/page_home.html", {"programmes": selectors.open_programmes(today)}
    )


def programme(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = selectors.public_programme(public_id)
    applied: set[str] = set()
    if request.user.is_authenticated:
        applied = set(
            found.applications.filter(
                person=request.user, status=ApplicationStatus.APPLIED
            ).values_list("side", flat=True)
        )
    return render(
        request,
        "mentoring/page_programme.html",
        {
            "programme": found,
            "is_open": found.is_open(timezone.localdate()),
            "applied": applied,
            "sides": Side,
        },
    )


@login_required
def apply(request: HttpRequest, public_id: UUID, side: str) -> HttpResponse:
    if side not in Side.values:
        raise Http404
    found = selectors.public_programme(public_id)
    user = request.user
    initial = {"region": user.region_id, "languages": [user.preferred_language]}
    form = ApplicationForm(request.POST or None, side=side, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.apply(
                programme=found,
                person=user,
                side=side,
                goals=data["goals"],
                areas=data["areas"],
                hours_per_month=data["hours_per_month"],
                mode=data["mode"],
                region=data["region"],
                languages=data["languages"],
                max_mentees=data.get("max_mentees") or 1,
                wants_woman_mentor=data.get("wants_woman_mentor", False),
                wants_same_region=data.get("wants_same_region", False),
                wants_language=data.get("wants_language", ""),
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your application is received. The programme's staff will pair you and "
                    "tell you."
                ),
            )
            return redirect("mentoring:mine")
    already = found.applications.filter(
        person=user, side=side, status=ApplicationStatus.APPLIED
    ).exists()
    return form_page(
        request,
        "mentoring/page_apply.html",
        {
            "programme": found,
            "form": form,
            "side": side,
            "as_mentor": side == Side.MENTOR,
            "already": already and request.method != "POST",
            "is_open": found.is_open(timezone.localdate()),
        },
    )


urlpatterns = [
    path("", home, name="home"),
    path("programmes/<uuid:public_id>/", programme, name="programme"),
    path("programmes/<uuid:public_id>/apply/<slug:side>/", apply, name="apply"),
]
