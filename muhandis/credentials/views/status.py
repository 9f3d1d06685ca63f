"""Published status lists: anyone (and any verifier) reads them; they change within a minute
of a suspension, reinstatement or withdrawal."""

from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from ..models import StatusList
from ..services import issuing

# Verifiers may cache a list this long; a status change shows within a minute.
MAX_AGE = 60


@require_GET
def status_list(request: HttpRequest, purpose: str, number: int) -> JsonResponse:
    if purpose not in StatusList.Purpose.values:
        raise Http404
    found = get_object_or_404(StatusList, purpose=purpose, number=number)
    response = JsonResponse(issuing.signed_list(found), content_type="application/vc+ld+json")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response["Access-Control-Allow-Origin"] = "*"
    response["Last-Modified"] = found.updated_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return response
