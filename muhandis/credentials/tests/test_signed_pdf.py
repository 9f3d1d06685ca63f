import io

import pytest

from muhandis.certification import services
from muhandis.certification.models import Certificate
from muhandis.credentials import pdfsign

pytestmark = pytest.mark.django_db


def _validate(content: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(content))
    (signature,) = reader.embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[pdfsign.certificate()]))


@pytest.fixture
def signed_pdf(assessed_application, committee_member, second_member) -> bytes:
    pdfsign.create_self_signed()
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    document = Certificate.objects.get().document
    with document.file.open("rb") as handle:
        return handle.read()


def test_the_certificate_pdf_carries_a_pades_signature_over_the_whole_file(signed_pdf):
    status = _validate(signed_pdf)
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert (
        "Association of Consulting Engineers of Uzbekistan"
        in status.signing_cert.subject.human_friendly
    )


def test_one_changed_byte_breaks_the_signature(signed_pdf):
    changed = bytearray(signed_pdf)
    changed[len(changed) // 3] ^= 0x01
    assert not _validate(bytes(changed)).intact


def test_without_a_signing_certificate_the_pdf_is_still_made(
    assessed_application, committee_member, second_member
):
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    document = Certificate.objects.get().document
    with document.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF")
    assert b"/ByteRange" not in content
