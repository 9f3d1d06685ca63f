"""Published headline findings: staff publish or withdraw a closed survey's findings; anyone
reads them on the home page and on the survey's public findings page (the top competencies
and their areas, no breakdowns)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from muhandis.accounts.permissions import role_required

from ..models import Survey
from ..permissions import MANAGERS
from ..selectors import plans as selectors
from ..services import findings as services


@require_GET
def public_findings(request: HttpRequest, code: str) -> HttpResponse:
    survey = selectors.published_findings(code)
    if survey is None:
        raise Http404(_("This survey's findings are not published."))
    return render(
        request,
        "needs/plan_findings.html",
        {"survey": survey, "findings": survey.headline_findings},
    )


@require_POST
@role_required(*MANAGERS)
def publish(request: HttpRequest, code: str) -> HttpResponse:
    survey = get_object_or_404(Survey, code=code)
    try:
        services.publish_findings(actor=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The findings are published: the home page shows them from now on.")
        )
    return redirect("needs:priorities", code=survey.code)


@require_POST
@role_required(*MANAGERS)
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    survey = get_object_or_404(Survey, code=code)
    try:
        services.withdraw_findings(
            actor=request.user, survey=survey, reason=request.POST.get("reason", "")[:500]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The findings are withdrawn from the public site."))
    return redirect("needs:priorities", code=survey.code)


urlpatterns = [
    path("findings/<slug:code>/", public_findings, name="findings"),
    path("surveys/<slug:code>/findings/publish/", publish, name="findings_publish"),
    path("surveys/<slug:code>/findings/withdraw/", withdraw, name="findings_withdraw"),
]
