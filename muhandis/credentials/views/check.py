"""The page where anyone checks a credential."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from muhandis.core.ratelimit import limited

from .. import selectors
from ..forms import CheckForm
from ..reasons import CHECK_NAMES, REASONS


@require_http_methods(["GET", "POST"])
@limited("verify")
def check_page(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = CheckForm(request.POST if posted else None, request.FILES if posted else None)
    rows = None
    verified = False
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        given = upload.read() if upload is not None else form.cleaned_data["text"]
        result = selectors.verify_credential(given)
        verified = result.verified
        rows = [
            {
                "name": CHECK_NAMES.get(check.name, check.name),
                "passed": check.passed,
                "reason": REASONS.get(check.code, check.detail),
            }
            for check in result.checks
        ]
        holder = (result.credential or {}).get("credentialSubject", {}) if verified else {}
        number = holder.get("licenseNumber") if isinstance(holder, dict) else None
    else:
        number = None
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    context = {"form": form, "rows": rows, "verified": verified, "number": number}
    return render(request, "credentials/check.html", context, status=status)
