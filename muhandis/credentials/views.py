from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles

from .models import CertificateDocument


@require_GET
def certificate_pdf(request: HttpRequest, public_id) -> HttpResponse:
    """The holder (and staff) download the PDF exactly as it was issued."""
    document = get_object_or_404(
        CertificateDocument.objects.select_related("certificate"), certificate__public_id=public_id
    )
    staff = usable_roles(request.user) & {Role.REGISTRAR, Role.COMMITTEE, Role.ADMIN}
    if document.certificate.holder_id != request.user.pk and not staff:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"{document.certificate.number}.pdf",
    )
    response["X-Content-SHA256"] = document.sha256
    return response
