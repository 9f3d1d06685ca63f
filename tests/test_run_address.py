"""`make run` and its demo data use the address the site is served at, so that the PDFs' printed
address and QR code and the run log point where a person can open them."""

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from pypdf import PdfReader

ROOT = Path(settings.BASE_DIR)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("host", "port", "address"),
    [("127.0.0.1", "9123", "http://127.0.0.1:9123"), ("0.0.0.0", "8080", "http://127.0.0.1:8080")],  # noqa: S104
)
def test_make_run_passes_the_address_it_serves_at(host, port, address):
    planned = subprocess.run(
        ["make", "-n", "run", f"HOST={host}", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "SITE_URL"},
        timeout=60,
        check=True,
    ).stdout
    lines = [line for line in planned.splitlines() if "manage.py" in line and "pip" not in line]
    for command in ("migrate", "load_demo_data", "db_worker", "runserver"):
        line = next(line for line in lines if f"manage.py {command}" in line)
        assert f"SITE_URL={address} " in line, line
    assert f"runserver {host}:{port}" in planned


@pytest.mark.django_db
def test_the_demo_certificates_and_the_run_log_use_the_site_address(settings):
    from muhandis.credentials.models import CertificateDocument

    settings.SITE_URL = "http://127.0.0.1:9123/"  # as people often write it
    log = io.StringIO()
    call_command("load_demo_data", stdout=log)
    addresses = re.findall(r"\S+/verify/\S+", log.getvalue())
    assert addresses
    assert ":8000" not in log.getvalue()
    for address in addresses:
        assert address.startswith("http://127.0.0.1:9123/verify/MHD-")
    number = addresses[0].rsplit("/", 1)[1]
    document = CertificateDocument.objects.get(certificate__number=number)
    with document.file.open("rb") as handle:
        text = " ".join(p.extract_text() for p in PdfReader(handle).pages)
    assert f"127.0.0.1:9123/verify/{number}" in text.replace("\n", "")
