"""Certificates of completion of courses: the participant's page with the PDF and the
credential (JSON-LD, VC-JWT) to download, and the public page a QR code on the PDF opens."""

import json
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core.ratelimit import limited

from .. import pdfsign, selectors
from ..models import CompletionCredential
from ..reasons import CHECK_NAMES, REASONS
from ..services import completions

STAFF = frozenset({Role.TRAINING_MANAGER, Role.REGISTRAR, Role.ADMIN})
RELATED = ("enrolment__person", "enrolment__session__course")


def _own(request: HttpRequest, public_id: UUID) -> CompletionCredential:
    """The record, for its participant or staff; anyone else is told it does not exist."""
    record = get_object_or_404(
        CompletionCredential.objects.select_related(*RELATED), public_id=public_id
    )
    if record.enrolment.person_id != request.user.pk and not usable_roles(request.user) & STAFF:
        raise Http404
    return record


@login_required
@require_GET
def my_completions(request: HttpRequest) -> HttpResponse:
    records = (
        CompletionCredential.objects.filter(enrolment__person_id=request.user.pk)
        .select_related(*RELATED)
        .order_by("-created_at")
    )
    return render(request, "credentials/completion/mine.html", {"records": records})


@login_required
@require_GET
def completion_pdf(request: HttpRequest, public_id: UUID) -> HttpResponse:
    record = _own(request, public_id)
    if not record.file:
        try:
            completions.make_completion_pdf(record)
        except pdfsign.SigningUnavailable:
            return render(
                request, "credentials/completion/waiting.html", {"record": record}, status=503
            )
    response = FileResponse(
        record.file.open("rb"),
        content_type="application/pdf",
        filename=f"{record.enrolment.session.course.code}-{record.public_id}.pdf",
    )
    response["X-Content-SHA256"] = record.sha256
    return response


def _signed(request: HttpRequest, public_id: UUID) -> CompletionCredential:
    record = _own(request, public_id)
    if record.document is None:
        record = completions.sign_completion(record)
    if record.document is None:
        raise Http404
    return record


@login_required
@require_GET
def completion_json(request: HttpRequest, public_id: UUID) -> HttpResponse:
    record = _signed(request, public_id)
    response = HttpResponse(
        json.dumps(record.document, ensure_ascii=False, indent=2),
        content_type="application/vc+ld+json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{record.public_id}.json"'
    return response


@login_required
@require_GET
def completion_jwt(request: HttpRequest, public_id: UUID) -> HttpResponse:
    record = _signed(request, public_id)
    response = HttpResponse(record.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="{record.public_id}.jwt"'
    return response


@require_GET
@limited("verify")
def completion_verify(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Public: whom the certificate names, for which course, and whether its credential
    verifies (signature, issuer, dates, revocation, suspension)."""
    record = get_object_or_404(
        CompletionCredential.objects.select_related(*RELATED), public_id=public_id
    )
    rows, verified = None, False
    if record.document is not None:
        result = selectors.verify_credential(record.document)
        verified = result.verified
        rows = [
            {
                "name": CHECK_NAMES.get(check.name, check.name),
                "passed": check.passed,
                "reason": REASONS.get(check.code, check.detail),
            }
            for check in result.checks
        ]
    context = {"record": record, "rows": rows, "verified": verified}
    return render(request, "credentials/completion/verify.html", context)
