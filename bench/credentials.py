"""Verifiable credentials: signing throughput and verification latency, in-process.

Budgets (issue 4):
- issue and sign 1,000 credentials, each with its Data Integrity proof (and its VC-JWT and
  status-list entries): at least 100 per second on one core;
- ``POST /credentials/verify`` of a valid credential: p95 under 30 ms with the status lists
  cached.

Run with `make bench` or `.venv/bin/python bench/credentials.py [--count N]`. One process (one
core), a fresh SQLite database in a temporary folder; requests go through Django's full stack
(middleware, URL routing, view) with the test client, one at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muhandis.certification.models import Certificate

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--verifications", type=int, default=300)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="muhandis-bench-vc-"))
    (workdir / "static").mkdir()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ALLOWED_HOSTS="testserver,127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        TASK_BACKEND="immediate",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MUHANDIS_VAR_DIR=str(workdir / "var"),
        STATIC_ROOT=str(workdir / "static"),
        SITE_URL="https://register.example.uz",
        PUBLIC_RATE_LIMIT_PER_MINUTE="1000000000",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    certificates = _certificates(args.count)
    rate = _issue(certificates)
    p50, p95 = _verify(certificates, args.verifications)
    rebuild = _rebuild(certificates[0])
    results = [
        ("issue and sign credentials >= 100 per second (one core)", rate >= 100, f"{rate:.0f}/s"),
        ("POST /credentials/verify p95 < 30 ms", p95 < 30, f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"),
        ("rebuild a 131,072-entry status list < 200 ms", rebuild < 200, f"{rebuild:.1f} ms"),
    ]
    for label, passed, figure in results:
        print(f"{'PASS' if passed else 'FAIL'} {label}: {figure}")
    return 0 if all(passed for _label, passed, _figure in results) else 1


def _certificates(count: int) -> list:
    """``count`` certificates without credentials yet (made as an import would, no PDFs)."""
    import datetime

    from django.db import transaction

    from muhandis.accounts.models import User
    from muhandis.certification.models import Certificate, Scheme
    from muhandis.certification.services.decisions import next_certificate_number

    holder = User.objects.filter(certificates__isnull=False).first() or User.objects.first()
    schemes = list(Scheme.objects.filter(status=Scheme.Status.ACTIVE))
    today = datetime.date.today()
    made = []
    with transaction.atomic():
        for index in range(count):
            made.append(
                Certificate.objects.create(
                    number=next_certificate_number(today),
                    holder=holder,
                    scheme=schemes[index % len(schemes)],
                    source=Certificate.Source.IMPORT,
                    holder_name_latin=f"Engineer {index}",
                    holder_name_cyrillic=f"Инженер {index}",
                    effective_date=today,
                    expiry_date=today + datetime.timedelta(days=3 * 365),
                )
            )
    return made


def _issue(certificates: list) -> float:
    from muhandis.credentials.services import issuing

    start = time.perf_counter()
    for certificate in certificates:
        issuing.issue_credential(certificate)
    elapsed = time.perf_counter() - start
    print(
        f"Issued and signed {len(certificates)} credentials (Data Integrity proof, VC-JWT, "
        f"revocation and suspension entries) in {elapsed:.2f} s"
    )
    return len(certificates) / elapsed


def _verify(certificates: list, count: int) -> tuple[float, float]:
    from django.test import Client

    from muhandis.credentials.models import IssuedCredential

    client = Client()
    bodies = [
        json.dumps({"verifiableCredential": record.document})
        for record in IssuedCredential.objects.filter(certificate__in=certificates)[:count]
    ]
    for body in bodies[:20]:  # warm-up: contexts parsed, status lists signed and cached
        response = client.post("/credentials/verify", body, content_type="application/json")
        if response.status_code != 200:
            raise SystemExit(f"verification failed: {response.content[:500]!r}")
    timings = []
    for index in range(count):
        body = bodies[index % len(bodies)]
        start = time.perf_counter()
        response = client.post("/credentials/verify", body, content_type="application/json")
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"verification failed: {response.content[:300]!r}")
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(f"Verified {count} credentials through POST /credentials/verify")
    return statistics.median(timings), p95


def _rebuild(certificate: Certificate) -> float:
    """A suspension: the bit set, and the list re-encoded and re-signed (what verifiers fetch
    next), timed together; the worst of five."""
    from muhandis.certification.models import Certificate
    from muhandis.credentials.models import StatusList
    from muhandis.credentials.services import issuing

    worst = 0.0
    for status in ("suspended", "valid", "suspended", "valid", "suspended"):
        Certificate.objects.filter(pk=certificate.pk).update(status=status)
        certificate.refresh_from_db()
        start = time.perf_counter()
        issuing.sync_status(certificate)
        listing = StatusList.objects.get(pk=certificate.credential.suspension_list_id)
        issuing.signed_list(listing)
        worst = max(worst, (time.perf_counter() - start) * 1000)
    print(f"Status list of {StatusList.LENGTH} entries updated and re-signed: worst {worst:.1f} ms")
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
