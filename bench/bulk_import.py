"""Time the bulk import of certified engineers: a generated XLSX of 10,000 rows, all new people.

Budget: a bulk import of 10,000 rows takes under 60 s (checking the file, creating the people
and certificates with their numbers and audit records, and queueing the PDFs, which the task
worker draws afterwards). Run `.venv/bin/python bench/bulk_import.py` for SQLite and
PostgreSQL (`--database sqlite` or `--database postgres` for one). SQLite uses a fresh file in a
temporary folder; PostgreSQL uses the database `bench_bulk` at 127.0.0.1:5432, dropped and
made anew (`--postgres-url` to change it). Prints PASS or FAIL per database and exits non-zero
if any run fails or misses the budget.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muhandis.accounts.models import User

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 60.0
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/bench_bulk"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--run", help=argparse.SUPPRESS)  # a database URL: one run, in-process
    args = parser.parse_args()
    if args.run:
        return _run(args.run, args.rows)
    workdir = Path(tempfile.mkdtemp(prefix="muhandis-bench-bulk-"))
    urls = {
        "sqlite": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "postgres": args.postgres_url,
    }
    names = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    failed = False
    for name in names:
        if name == "postgres":
            _fresh_postgres(args.postgres_url)
        command = [sys.executable, __file__, "--rows", str(args.rows), "--run", urls[name]]
        env = {
            **os.environ,
            "MEDIA_ROOT": str(workdir / f"media-{name}"),
            "MUHANDIS_VAR_DIR": str(workdir / f"var-{name}"),
        }
        failed |= subprocess.run(command, env=env, check=False).returncode != 0
    return 1 if failed else 0


def _fresh_postgres(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _run(database_url: str, rows: int) -> int:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="1",
        TASK_BACKEND="database",  # PDFs are queued for the worker, as in production
        DATABASE_URL=database_url,
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    vendor = django.db.connection.vendor
    content = _workbook(rows)
    registrar = _registrar()
    from django_tasks_db.models import DBTaskResult

    from muhandis.certification import bulk
    from muhandis.certification.models import Certificate
    from muhandis.credentials.tasks import DOCUMENTS_PER_TASK

    start = time.perf_counter()
    plan = bulk.plan_import(content=content, filename="bench.xlsx", actor=registrar)
    checked = time.perf_counter() - start
    if plan.problems:
        print(f"FAIL {vendor}: the generated file has problems, first: {plan.problems[0]}")
        return 1
    start = time.perf_counter()
    result = bulk.import_certificates(content=content, filename="bench.xlsx", actor=registrar)
    seconds = time.perf_counter() - start
    queued = DBTaskResult.objects.filter(task_path__endswith="make_documents").count()
    expected_tasks = -(-rows // DOCUMENTS_PER_TASK)
    imported = Certificate.objects.filter(source="import").count()
    print(
        f"{vendor}: {rows} rows ({len(content) // 1024} KiB XLSX); dry run {checked:.1f} s; "
        f"import {seconds:.1f} s ({rows / seconds:.0f} rows/s): {imported} certificates, "
        f"{result.people_created} people, {queued} PDF tasks queued "
        f"({DOCUMENTS_PER_TASK} certificates each)"
    )
    ok = imported == rows and queued == expected_tasks and seconds < BUDGET_SECONDS
    verdict = "PASS" if ok else "FAIL"
    budget = f"under {BUDGET_SECONDS:.0f} s"
    print(f"{verdict} bulk import of {rows:,} rows {budget} ({vendor}): {seconds:.1f} s")
    return 0 if ok else 1


def _registrar() -> User:
    from allauth.mfa.totp.internal.auth import TOTP

    from muhandis.accounts import services
    from muhandis.accounts.models import User

    user = User.objects.create_user("bench.registrar@example.uz", None)
    services.grant_role(user=user, role="registrar", actor=None, reason="bench")
    TOTP.activate(user, "JBSWY3DPEHPK3PXPBENCHSECRETMUHAN")
    return user


def _workbook(rows: int) -> bytes:
    import openpyxl

    from muhandis.accounts.models import Region
    from muhandis.certification import bulk
    from muhandis.certification.models import Scheme

    codes = sorted(Scheme.objects.filter(status="active").values_list("code", flat=True))
    regions = list(Region.objects.values_list("code", flat=True))
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("certificates")
    sheet.append(bulk.COLUMN_NAMES)
    first = datetime.date(2023, 1, 1)
    for i in range(rows):
        effective = first + datetime.timedelta(days=i % 900)
        expiry = effective + datetime.timedelta(days=3 * 365) if i % 2 else None
        sheet.append(
            [
                f"engineer{i:05d}@pilot.example.uz",
                f"Engineer {i:05d} Pilotov",
                f"Инженер {i:05d} Пилотов",
                regions[i % len(regions)],
                codes[i % len(codes)],
                None,
                effective,
                expiry,
                "Pipelines only" if i % 10 == 0 else None,
                f"PILOT-{i:05d}",
                ("uz", "ru", "en", "uz-ru")[i % 4],
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    raise SystemExit(main())
