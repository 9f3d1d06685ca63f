"""Public verification of a certificate by its number: the form that takes a typed or
scanned number, and the page the QR code on every certificate points to."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from muhandis.core.ratelimit import limited

from ..forms.verification import VerifyNumberForm
from ..selectors import verification


@require_GET
@limited("verify")
def verify_form(request: HttpRequest) -> HttpResponse:
    """Anyone types (or scans) a certificate number and is taken to its verification page;
    a mistyped or unknown number is explained here, in the reader's language."""
    form = VerifyNumberForm(request.GET or None)
    if form.is_valid():
        response = redirect("verify", number=form.cleaned_data["number"])
        # The verification page has no language in its address: it follows this cookie.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            request.LANGUAGE_CODE,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
    status = 400 if form.errors else 200
    return render(request, "certification/verify_form.html", {"form": form}, status=status)


@require_GET
@limited("verify")
def verify(request: HttpRequest, number: str) -> HttpResponse:
    """Anyone checks a certificate by its number (the QR code on the certificate points here)."""
    found = verification.verify(number, with_history=True)
    context: dict = {"number": found.number, "problem": found.problem}
    if found.certificate is None:
        return render(request, "certification/verify.html", context, status=404)
    certificate = found.certificate
    context.update(certificate=certificate, status=certificate.public_status(timezone.localdate()))
    return render(request, "certification/verify.html", context)
