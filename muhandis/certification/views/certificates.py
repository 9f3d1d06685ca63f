"""The page of one certificate: the holder's and staff's view, where registrars record
suspensions, reinstatements, withdrawals, scope reductions and re-issues."""

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core.formviews import form_page, submitted

from .. import selectors, services, verification_counts
from ..forms import certificates as forms
from ..models import Certificate

FORMS = {
    "status": forms.CertificateStatusForm,
    "scope": forms.ScopeReductionForm,
    "reissue": forms.ReissueForm,
}


def _registrar_forms(request: HttpRequest, which: str) -> dict[str, Form]:
    """The registrar's forms on the page, the submitted one (``which``) bound to the POST."""
    return {
        name: form_class(request.POST if which == name else None, prefix=name)
        for name, form_class in FORMS.items()
    }


@login_required
@require_http_methods(["GET", "POST"])
def certificate_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The holder's (and staff's) page of a certificate. Registrars record suspensions,
    reinstatements, withdrawals, scope reductions and re-issues here, and see the whole history
    from the application to today."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("scheme", "holder", "replaces", "replaced_by"),
        public_id=public_id,
    )
    roles = usable_roles(request.user)
    staff = bool(roles & {Role.REGISTRAR, Role.COMMITTEE, Role.ADMIN})
    if certificate.holder_id != request.user.pk and not staff:
        raise Http404
    registrar = Role.REGISTRAR in roles
    if request.method == "POST" and not registrar:
        raise PermissionDenied(_("Only a registrar records decisions on certificates."))
    which = request.POST.get("form", "status") if request.method == "POST" else ""
    bound = _registrar_forms(request, which) if registrar else {}
    target = certificate

    def act(data: dict[str, Any]) -> None:
        nonlocal target
        if which == "scope":
            services.reduce_scope(
                certificate=certificate, actor=request.user, request=request, **data
            )
        elif which == "reissue":
            target = services.reissue_certificate(
                certificate=certificate, actor=request.user, request=request, **data
            )
        else:
            services.change_certificate_status(
                certificate=certificate, actor=request.user, request=request, **data
            )

    if which in bound and submitted(
        request, bound[which], act, _("The decision has been recorded.")
    ):
        return redirect("certification:certificate", public_id=target.public_id)
    context = {
        "certificate": certificate,
        "status": certificate.public_status(timezone.localdate()),
        "staff": staff,
        "status_form": bound.get("status"),
        "scope_form": bound.get("scope"),
        "reissue_form": bound.get("reissue"),
        "changes": certificate.status_changes.select_related("decided_by") if staff else None,
        "history": selectors.certificate_history(certificate) if staff else None,
        "verifications": verification_counts.verification_summary(certificate),
    }
    return form_page(request, "certification/certificate.html", context)
