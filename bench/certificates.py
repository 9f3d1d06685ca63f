"""Issue certificates in-process and time each issue (number, PDF drawn with ReportLab and
signed with pyHanko, storage, and the verifiable credential with its proof and status entries).

Budget (issue 3): issuing a certificate takes under 300 ms. Run with `make bench` or
`.venv/bin/python bench/certificates.py [--count N]`. Uses a fresh SQLite database in a
temporary folder; nothing else on the machine is touched.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="muhandis-bench-certs-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="1",
        TASK_BACKEND="immediate",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        MUHANDIS_VAR_DIR=str(workdir / "var"),
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    timings = _issue(args.count)
    p50 = statistics.median(timings)
    p95 = sorted(timings)[max(0, int(len(timings) * 0.95) - 1)]
    verdict = "PASS" if p95 < 300 else "FAIL"
    print(
        f"Issued {len(timings)} certificates (number, signed PDF, storage, credential): "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(timings):.1f} ms"
    )
    print(f"{verdict} certificate issue p95 < 300 ms: {p95:.1f} ms")
    return 0


def _issue(count: int) -> list[float]:
    from muhandis.certification.models import Application, Decision, Outcome
    from muhandis.certification.services import issue_certificate

    granted = Application.objects.filter(status="granted").select_related("candidate", "scheme")
    template = granted.first()
    timings = []
    for _ in range(count):
        application = Application.objects.create(
            candidate=template.candidate, scheme=template.scheme, status="granted"
        )
        decision = Decision.objects.create(
            application=application, outcome=Outcome.GRANT, reasons="bench"
        )
        start = time.perf_counter()
        issue_certificate(decision=decision)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


if __name__ == "__main__":
    raise SystemExit(main())
