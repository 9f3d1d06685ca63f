"""A certificate's documents: its PDF and verifiable credential (JSON-LD, VC-JWT), and a
scheme's PDFs as one ZIP."""

import json
import shutil
import zipfile
from collections.abc import Iterable, Iterator
from uuid import UUID

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.certification.models import Certificate
from muhandis.core.ratelimit import limited

from ..models import CertificateDocument, IssuedCredential
from ..services import documents


@require_GET
def certificate_pdf(request: HttpRequest, public_id: UUID) -> FileResponse:
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


def _credential(public_id: UUID) -> IssuedCredential:
    return get_object_or_404(
        IssuedCredential.objects.select_related("certificate"), certificate__public_id=public_id
    )


@require_GET
@limited("verify")
def credential_json(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The credential as JSON-LD with its Data Integrity proof (public, like the register)."""
    record = _credential(public_id)
    response = HttpResponse(
        _json(record.document), content_type="application/vc+ld+json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{record.certificate.number}.json"'
    return response


@require_GET
@limited("verify")
def credential_jwt(request: HttpRequest, public_id: UUID) -> HttpResponse:
    record = _credential(public_id)
    response = HttpResponse(record.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="{record.certificate.number}.jwt"'
    return response


def _json(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


class _Chunks:
    """A write-only file for zipfile that hands out what was written so far."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def _zip_chunks(certificates: Iterable[Certificate], readme: tuple[str, str]) -> Iterator[bytes]:
    """Each certificate's PDF as <number>.pdf, and a README.txt listing those without one."""
    sink, missing = _Chunks(), []
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            document = getattr(certificate, "document", None)
            try:
                if document is None:
                    raise FileNotFoundError
                with (
                    document.file.open("rb") as source,
                    archive.open(f"{certificate.number}.pdf", "w") as target,
                ):
                    shutil.copyfileobj(source, target, 256 * 1024)
            except FileNotFoundError:
                missing.append(f"{certificate.number}\t{certificate.holder_name_latin}")
            yield sink.take()
        title, none_missing = readme
        lines = [title, "", *(missing or [none_missing])]
        archive.writestr("README.txt", "\n".join(lines) + "\n")
    yield sink.take()


@role_required(Role.REGISTRAR)
@require_GET
def scheme_documents_zip(request: HttpRequest, code: str) -> StreamingHttpResponse:
    """Every certificate PDF of a scheme (all its versions), as one ZIP streamed as it is made."""
    certificates = documents.documents_of_scheme(code=code, actor=request.user, request=request)
    if certificates is None:
        raise Http404
    readme = (
        _("Certificates of scheme %(code)s without a PDF (number, holder):") % {"code": code},
        _("Every certificate has its PDF in this archive."),
    )
    response = StreamingHttpResponse(
        _zip_chunks(certificates.iterator(chunk_size=500), readme), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{code}-certificates.zip"'
    return response
