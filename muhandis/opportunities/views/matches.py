"""A member firm's representatives: the opportunities that match the firm, what it looks for,
and what it posted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from ..forms import PreferencesForm
from ..selectors import board, matching, posting
from ..services import opportunities as errors
from ..services import preferences as services


@login_required
def matches(request: HttpRequest) -> HttpResponse:
    firms = posting.member_firms(request.user)
    found = [
        (firm, matching.preferences_of(firm), matching.matches_for(firm, limit=50))
        for firm in firms
    ]
    context = {
        "found": found,
        "represented": posting.represented_firms(request.user),
        "posted": board.posted_by([firm.pk for firm in firms]),
        "may_post": bool(posting.posting_firms(request.user)),
        "min_score": matching.MIN_SCORE,
    }
    return render(request, "opportunities/matches.html", context)


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    firms = posting.member_firms(request.user)
    chosen = next((f for f in firms if str(f.public_id) == request.GET.get("firm")), None)
    firm = chosen or (firms[0] if firms else None)
    if firm is None:
        return render(request, "opportunities/preferences.html", {"firm": None}, status=403)
    current = matching.preferences_of(firm)
    form = PreferencesForm(
        request.POST or None,
        initial={
            "sectors": current.sectors,
            "regions": current.region_ids,
            "areas": current.area_ids,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preferences(
                actor=request.user,  # type: ignore[arg-type]
                organisation=firm,
                sectors=form.cleaned_data["sectors"],
                regions=list(form.cleaned_data["regions"]),
                areas=list(form.cleaned_data["areas"]),
                request=request,
            )
        except errors.OpportunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved: the matches follow what %s looks for.") % firm)
            return redirect("opportunities:matches")
    context = {"form": form, "firm": firm, "firms": firms, "current": current}
    return render(
        request, "opportunities/preferences.html", context, status=400 if form.errors else 200
    )


urlpatterns = [
    path("matches/", matches, name="matches"),
    path("matches/preferences/", preferences, name="preferences"),
]
