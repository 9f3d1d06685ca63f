"""Where people get a certificate's verifiable credential, and the page where anyone checks one."""

import json

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from muhandis.core.ratelimit import limited

from . import verifying
from .models import IssuedCredential
from .reasons import CHECK_NAMES, REASONS

MAX_UPLOAD = 256 * 1024


def _credential(public_id) -> IssuedCredential:
    return get_object_or_404(
        IssuedCredential.objects.select_related("certificate"), certificate__public_id=public_id
    )


@require_GET
@limited("verify")
def credential_json(request: HttpRequest, public_id) -> HttpResponse:
    """The credential as JSON-LD with its Data Integrity proof (public, like the register)."""
    record = _credential(public_id)
    response = HttpResponse(
        _json(record.document), content_type="application/vc+ld+json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{record.certificate.number}.json"'
    return response


@require_GET
@limited("verify")
def credential_jwt(request: HttpRequest, public_id) -> HttpResponse:
    record = _credential(public_id)
    response = HttpResponse(record.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="{record.certificate.number}.jwt"'
    return response


def _json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


class CheckForm(forms.Form):
    file = forms.FileField(
        label=_("credential file"),
        required=False,
        help_text=_("The .json or .jwt file of a Muhandis certificate."),
    )
    text = forms.CharField(
        label=_("or paste the credential"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large for a credential (256 KB)."))
        if upload is None and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a credential file or paste its text."))
        return data


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
        result = verifying.verify(given)
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
