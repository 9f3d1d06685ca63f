"""Signing PDF certificates (PAdES baseline B-B, with pyHanko), so that a PDF reader shows
whether a certificate was altered. The association's certificate and key come from
CREDENTIALS_PDF_CERT_FILE / CREDENTIALS_PDF_KEY_FILE when it supplies its own; otherwise
``manage.py credentials_keys create`` makes a self-signed one in CREDENTIALS_KEY_DIR.

With neither file there (a development set-up), PDFs are made unsigned. Once signing is set up,
a certificate or key that cannot be used (unreadable, damaged, not a pair) raises
``SigningUnavailable``: no PDF is ever stored unsigned because of it."""

import datetime
import io
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.x509.oid import NameOID
from django.conf import settings

if TYPE_CHECKING:
    from pyhanko.sign import signers

logger = logging.getLogger(__name__)
FIELD = "Certificate"


class SigningUnavailable(Exception):
    """PDF signing is set up, but its certificate or key cannot be used; the message says
    which file and why, for the administrator."""


def _paths() -> tuple[Path, Path]:
    if settings.CREDENTIALS_PDF_CERT_FILE and settings.CREDENTIALS_PDF_KEY_FILE:
        return Path(settings.CREDENTIALS_PDF_CERT_FILE), Path(settings.CREDENTIALS_PDF_KEY_FILE)
    folder = settings.CREDENTIALS_KEY_DIR
    return folder / "pdf-signing.crt", folder / "pdf-signing.key"


def create_self_signed(*, years: int = 10) -> Path:
    """A new ECDSA P-256 key and a self-signed certificate naming the association."""
    cert_path, key_path = _paths()
    key = ec.generate_private_key(ec.SECP256R1())
    association = settings.ASSOCIATION_NAME.get("en") or "Muhandis"
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, association[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, association[:64]),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "UZ"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return cert_path


def certificate() -> asn1_x509.Certificate | None:
    """The certificate PDFs are signed with (also what a validator should trust)."""
    cert_path, _key_path = _paths()
    try:
        loaded = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except (OSError, ValueError):
        return None
    return asn1_x509.Certificate.load(loaded.public_bytes(serialization.Encoding.DER))


def _configured() -> bool:
    """Whether the association set up PDF signing (its own files, or the self-signed pair)."""
    cert_path, key_path = _paths()
    explicit = settings.CREDENTIALS_PDF_CERT_FILE or settings.CREDENTIALS_PDF_KEY_FILE
    return bool(explicit) or cert_path.exists() or key_path.exists()


def _load_pair() -> tuple[x509.Certificate, PrivateKeyTypes]:
    cert_path, key_path = _paths()
    try:
        loaded = x509.load_pem_x509_certificate(cert_path.read_bytes())
    except (OSError, ValueError) as exc:
        raise SigningUnavailable(
            f"The PDF signing certificate {cert_path} cannot be used: {exc}"
        ) from exc
    try:
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise SigningUnavailable(f"The PDF signing key {key_path} cannot be used: {exc}") from exc
    spki = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if key.public_key().public_bytes(*spki) != loaded.public_key().public_bytes(*spki):
        raise SigningUnavailable(
            f"The PDF signing key {key_path} does not belong to the certificate {cert_path}."
        )
    return loaded, key


def _signer() -> "signers.SimpleSigner | None":
    """The signer, or None when signing is not set up; raises SigningUnavailable when it is
    set up but cannot be used."""
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    if not _configured():
        return None
    loaded, key = _load_pair()
    signing_cert = asn1_x509.Certificate.load(loaded.public_bytes(serialization.Encoding.DER))
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return signers.SimpleSigner(
        signing_cert=signing_cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der),
        cert_registry=SimpleCertificateStore.from_certs([signing_cert]),
    )


def problem() -> str | None:
    """Why certificate PDFs cannot be signed now although signing is set up; None when they
    can be (or when signing is not set up at all)."""
    try:
        _signer()
    except SigningUnavailable as exc:
        return str(exc)
    return None


def sign(content: bytes) -> bytes:
    """``content`` with an invisible PAdES signature over the whole file; unchanged (and a
    warning logged) when the association has not set up PDF signing. Raises
    SigningUnavailable when it has, but the certificate or key cannot be used."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata

    signer = _signer()
    if signer is None:
        logger.warning("No PDF signing certificate: the certificate PDF is not signed.")
        return content
    metadata = PdfSignatureMetadata(
        field_name=FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Certificate issued by the association",
    )
    output = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(content)), metadata, signer=signer
    )
    return output.getvalue()
