"""The public training catalogue under load, with 500 courses and 2,000 sessions (`make bench`).

Budget (training issue): the catalogue page `GET /uz/training/courses/` with 500 published
courses and 2,000 upcoming sessions (seats taken by enrolments) answers at least 0.15 × the
bare-WSGI ceiling measured in the same run, in at most 10 SQL queries. Filtered and sorted
pages (format, language, region, dates, price, CPD hours, text search, later pages) are
measured too and reported.

For each database: a fresh database (migrate, then the catalogue written by `--populate`),
gunicorn serving the app as in production next to the bare WSGI app, and the load generator
of `bench/run.py`, whose helpers this reuses.

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
`--populate` and `--probe` are internal: run in the bench environment, they write the
catalogue and print the query counts as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as harness
from loadgen import Target, run_load

ROOT = harness.ROOT
RESULTS = ROOT / "bench" / "results" / "catalogue.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_catalogue"

RATIO_BUDGET = 0.15
QUERY_BUDGET = 10
COURSES = 500
SESSIONS = 2000
SCENARIOS = ("catalogue", "filtered", "bare")
LABELS = {
    "catalogue": "`GET /uz/training/courses/` (catalogue, first page)",
    "filtered": "`GET /uz/training/courses/?…` (filters, sorting, later pages)",
    "bare": "bare WSGI app (ceiling)",
}
CATALOGUE_PATH = "/uz/training/courses/"
FILTERS = [
    {"format": "online_live"},
    {"language": "ru", "sort": "date"},
    {"q": "гидравлика"},
    {"q": "suv"},
    {"cpd_min": "16", "sort": "cpd"},
    {"price_max": "1500000", "sort": "price"},
    {"page": "5"},
    {"format": "classroom", "page": "2"},
]


@dataclass(frozen=True)
class Options:
    rounds: int
    duration: float
    warmup: float
    concurrency: int
    workers: int
    databases: tuple[str, ...]
    pg_url: str


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=float, default=4.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=8, help="clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_CATALOGUE_PG_URL", DEFAULT_PG_URL)
    )
    args = parser.parse_args(argv)
    if not 1 <= args.rounds <= 10:
        parser.error("rounds must be 1..10")
    return Options(
        rounds=args.rounds,
        duration=args.duration,
        warmup=args.warmup,
        concurrency=args.concurrency,
        workers=args.workers,
        databases=tuple(args.database or ("sqlite", "postgresql")),
        pg_url=args.pg_url,
    )


def filtered_paths(region_ids: list[int]) -> list[str]:
    extra = [{"region": str(pk)} for pk in region_ids[:2]]
    return [CATALOGUE_PATH + "?" + urllib.parse.urlencode(f) for f in FILTERS + extra]


# ---------------------------------------------------------------------------------------------
# Inside the bench environment, with Django.


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def populate() -> dict[str, int]:
    """500 published courses with prices and competencies, venues with rooms in four
    regions, 2,000 upcoming open sessions, and enrolments holding some of their seats."""
    _django()
    import datetime
    import random
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from muhandis.accounts.models import Region, User
    from muhandis.competencies.models import Competency
    from muhandis.training.models import (
        Course,
        CourseCompetency,
        CoursePrice,
        CourseSession,
        Enrolment,
        Room,
        Venue,
    )

    chooser = random.Random(14)
    topics = [
        ("Gidravlika", "Гидравлика", "Hydraulics"),
        ("Suv taʼminoti", "Водоснабжение", "Water supply"),
        ("Oqava suvlar", "Сточные воды", "Wastewater"),
        ("Yomgʻir suvlari", "Дождевые воды", "Rainwater"),
        ("Nasos stansiyalari", "Насосные станции", "Pumping stations"),
        ("Loyiha boshqaruvi", "Управление проектами", "Project management"),
    ]
    formats = ["classroom", "online_live", "blended", "classroom"]
    languages = [["uz"], ["ru"], ["uz", "ru"], ["uz", "ru", "en"]]
    competencies = list(Competency.objects.values_list("pk", flat=True))
    with transaction.atomic():
        courses = []
        for n in range(COURSES):
            uz, ru, en = topics[n % len(topics)]
            code = f"BC-{n:04d}"
            titles = [f"{uz} {n}", f"{ru} {n}", f"{en} {n}"]
            courses.append(
                Course(
                    code=code,
                    title=titles[0],
                    title_uz=titles[0],
                    title_ru=titles[1],
                    title_en=titles[2],
                    summary=f"{en}: methods and practice.",
                    summary_uz=f"{uz}: usullar va amaliyot.",
                    summary_ru=f"{ru}: методы и практика.",
                    summary_en=f"{en}: methods and practice.",
                    level=("foundation", "intermediate", "advanced")[n % 3],
                    format=formats[n % len(formats)],
                    languages=languages[n % len(languages)],
                    duration_hours=Decimal(8 * (1 + n % 4)),
                    cpd_hours=Decimal(8 * (1 + n % 4)),
                    cpd_category="technical",
                    is_published=True,
                    search_text=Course.search_text_for(code, titles),
                )
            )
        courses = Course.objects.bulk_create(courses)
        CoursePrice.objects.bulk_create(
            CoursePrice(
                course=course,
                payer_kind=kind,
                currency="UZS",
                amount=Decimal(500000 + 100000 * (i % 20)) * factor,
            )
            for i, course in enumerate(courses)
            for kind, factor in (
                ("individual", 1),
                ("member_firm", Decimal("0.8")),
                ("non_member_firm", Decimal("1.2")),
            )
        )
        CourseCompetency.objects.bulk_create(
            CourseCompetency(course=course, competency_id=pk)
            for course in courses
            for pk in chooser.sample(competencies, min(3, len(competencies)))
        )
        regions = list(Region.objects.filter(code__in=["UZ-TK", "UZ-SA", "KZ-79", "UZ-FA"]))
        venues = Venue.objects.bulk_create(
            Venue(
                name=f"Centre {n}",
                name_uz=f"Markaz {n}",
                address=f"Street {n}",
                address_uz=f"Koʻcha {n}",
                city=region.name,
                city_uz=region.name,
                region=region,
            )
            for n, region in enumerate(regions * 3)
        )
        rooms = Room.objects.bulk_create(
            Room(venue=venue, name=f"Room {k}", capacity=30) for venue in venues for k in range(3)
        )
        start = timezone.now().replace(minute=0, second=0, microsecond=0)
        sessions = CourseSession.objects.bulk_create(
            CourseSession(
                course=courses[n % COURSES],
                starts_at=start + datetime.timedelta(days=3 + n // 10, hours=n % 10),
                ends_at=start + datetime.timedelta(days=4 + n // 10, hours=n % 10),
                room=rooms[n % len(rooms)],
                language=courses[n % COURSES].languages[0],
                min_seats=5,
                max_seats=20,
                enrolment_deadline=start + datetime.timedelta(days=1 + n // 10),
                status="open",
            )
            for n in range(SESSIONS)
        )
        people = User.objects.bulk_create(
            User(email=f"bench-{n}@example.invalid", given_name=f"P{n}") for n in range(25)
        )
        statuses = ["confirmed", "paid", "waitlisted", "requested", "cancelled"]
        now = timezone.now()
        Enrolment.objects.bulk_create(
            Enrolment(
                session=session,
                person=person,
                status=statuses[(i + k) % len(statuses)],
                payer_kind="individual",
                price=Decimal(500000),
                currency="UZS",
                requested_at=now,
            )
            for i, session in enumerate(sessions)
            for k, person in enumerate(chooser.sample(people, i % 25))
        )
    return {
        "courses": Course.objects.count(),
        "sessions": CourseSession.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "regions": [r.pk for r in regions],
    }


def probe(region_ids: list[int]) -> dict[str, Any]:
    _django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for scenario, path in (
        ("catalogue", CATALOGUE_PATH),
        *((f"filtered {n}", p) for n, p in enumerate(filtered_paths(region_ids))),
    ):
        client.get(path)
        # The list is cached for a few seconds: count the queries of a page not yet cached.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        counts[scenario] = {
            "path": path,
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": len(queries.captured_queries),
            "sql": [query["sql"][:300] for query in queries.captured_queries],
            "in_process_ms": round(elapsed * 1000, 2),
        }
    return counts


# ---------------------------------------------------------------------------------------------
# One database


@dataclass
class DatabaseRun:
    database: str
    status: str = "not run"
    note: str = ""
    server_version: str = ""
    loaded: dict[str, Any] = field(default_factory=dict)
    preparation_s: dict[str, float] = field(default_factory=dict)
    queries: dict[str, Any] = field(default_factory=dict)
    rounds: list[dict[str, dict[str, Any]]] = field(default_factory=list)
    summary: dict[str, dict[str, Any]] = field(default_factory=dict)
    budgets: list[dict[str, Any]] = field(default_factory=list)


def prepare(run: DatabaseRun, options: Options, base_dir: Path) -> dict[str, str] | None:
    workdir = Path(tempfile.mkdtemp(prefix=f"catalogue-{run.database}-", dir=base_dir))
    if run.database == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        run.server_version = f"SQLite {sqlite3.sqlite_version}"
    else:
        url = options.pg_url
        version = harness.pg_prepare(url)
        if version is None:
            return None
        run.server_version = f"PostgreSQL {version}"
    env = harness.server_env(url, workdir)
    env["PUBLIC_RATE_LIMIT_PER_MINUTE"] = str(10**9)
    print(f"\n== {run.database}: preparing ({run.server_version}) ==", flush=True)
    steps = run.preparation_s
    steps["migrate"] = harness.manage(env, "migrate", "--no-input", "-v", "0")
    out, elapsed = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--populate"], env, "populate"
    )
    steps["populate"] = round(elapsed, 2)
    run.loaded = json.loads(out)
    steps["collectstatic"] = harness.manage(env, "collectstatic", "--no-input", "-v", "0")
    print("  prepared in " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()), flush=True)
    print(
        f"  {run.loaded['courses']} courses, {run.loaded['sessions']} sessions, "
        f"{run.loaded['enrolments']} enrolments",
        flush=True,
    )
    env["BENCH_WORKDIR"] = str(workdir)
    return env


def measure_database(database: str, options: Options, base_dir: Path) -> DatabaseRun:
    run = DatabaseRun(database)
    env = prepare(run, options, base_dir)
    if env is None:
        run.status, run.note = "skipped", "PostgreSQL unreachable"
        return run
    workdir = Path(env["BENCH_WORKDIR"])
    regions = [str(pk) for pk in run.loaded["regions"]]
    out, _ = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--probe", *regions], env, "query probe"
    )
    run.queries = json.loads(out)
    for scenario, found in run.queries.items():
        print(
            f"  {scenario}: {found['queries']} SQL queries, status {found['status']}, "
            f"{found['bytes']} bytes, {found['in_process_ms']} ms in process"
        )
    app = harness.start_gunicorn(
        "app", "config.wsgi:application", env, workdir, options.workers, "/healthz"
    )
    bare = harness.start_gunicorn(
        "bare", "bench.bare_wsgi:application", env, workdir, options.workers, "/"
    )
    paths = filtered_paths([int(pk) for pk in regions])
    targets = {
        "catalogue": Target(app.port, CATALOGUE_PATH),
        "filtered": Target(app.port, paths[0], more_paths=tuple(paths[1:])),
        "bare": Target(bare.port, "/"),
    }
    for number in range(1, options.rounds + 1):
        this_round = {}
        for scenario in SCENARIOS:
            measured = run_load(
                targets[scenario], options.concurrency, options.warmup, options.duration
            )
            this_round[scenario] = measured.as_dict() | {
                "clients": options.concurrency,
                "load_1min": round(os.getloadavg()[0], 2),
            }
            print(
                f"  round {number} {scenario:<10} {options.concurrency:>2} clients "
                f"{measured.rps:8.1f} req/s  p50 {measured.p50_ms:6.1f}  "
                f"p95 {measured.p95_ms:6.1f}  p99 {measured.p99_ms:6.1f} ms  "
                f"errors {measured.errors}"
                + (f" {measured.error_kinds}" if measured.errors else ""),
                flush=True,
            )
        run.rounds.append(this_round)
    for server in (app, bare):
        if server.process.poll() is not None:
            raise harness.HarnessError(f"gunicorn ({server.name}) died:\n{server.log_tail()}")
    bare.stop()
    app.stop()
    summarise(run)
    run.budgets = budgets(run)
    run.status = "ok"
    return run


def summarise(run: DatabaseRun) -> None:
    for scenario in SCENARIOS:
        rounds = [r[scenario] for r in run.rounds]
        run.summary[scenario] = {
            key: round(statistics.median(m[key] for m in rounds), 2)
            for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
        } | {"errors_total": sum(m["errors"] for m in rounds), "clients": rounds[0]["clients"]}
    bare = run.summary["bare"]["rps"]
    for scenario in SCENARIOS:
        rps = run.summary[scenario]["rps"]
        run.summary[scenario]["ratio_to_bare"] = round(rps / bare, 3) if bare else 0.0


def budgets(run: DatabaseRun) -> list[dict[str, Any]]:
    page, bare = run.summary["catalogue"], run.summary["bare"]
    most = max(found["queries"] for found in run.queries.values())
    statuses = {found["status"] for found in run.queries.values()}
    return [
        {
            "budget": f"catalogue page rps >= {RATIO_BUDGET} x bare",
            "measured": f"{page['rps']:.0f} / {bare['rps']:.0f} = {page['ratio_to_bare']:.3f}",
            "pass": page["ratio_to_bare"] >= RATIO_BUDGET and page["errors_total"] == 0,
            "errors": page["errors_total"],
        },
        {
            "budget": f"catalogue pages (every filter probed): at most {QUERY_BUDGET} SQL queries",
            "measured": str(most),
            "pass": most <= QUERY_BUDGET and statuses == {200},
            "errors": 0,
        },
    ]


# ---------------------------------------------------------------------------------------------
# Report


def markdown(runs: list[DatabaseRun], options: Options) -> str:
    lines = [
        f"{COURSES} courses, {SESSIONS} sessions; gunicorn {options.workers} sync workers; "
        f"{options.concurrency} clients; {options.rounds} rounds × {options.duration:g} s "
        f"(+{options.warmup:g} s warm-up); medians over rounds.",
        "",
        "| Database | Scenario | Requests/s | × bare | p50 ms | p95 ms | p99 ms | Errors "
        "| SQL queries |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        if run.status != "ok":
            lines.append(f"| {run.database} | {run.status}: {run.note} | | | | | | | |")
            continue
        for scenario in SCENARIOS:
            m = run.summary[scenario]
            if scenario == "filtered":
                found = [v["queries"] for k, v in run.queries.items() if k.startswith("filtered")]
                queries = f"{min(found)}–{max(found)}"
            else:
                queries = str(run.queries.get(scenario, {}).get("queries", "–"))
            lines.append(
                f"| {run.server_version} | {LABELS[scenario]} | {m['rps']:.0f} "
                f"| {m['ratio_to_bare']:.2f} | {m['p50_ms']:.1f} | {m['p95_ms']:.1f} "
                f"| {m['p99_ms']:.1f} | {m['errors_total']} | {queries} |"
            )
    lines += ["", "| Database | Budget | Measured | Result |", "|---|---|---|---|"]
    for run in runs:
        for budget in run.budgets:
            verdict = "PASS" if budget["pass"] else "FAIL"
            lines.append(
                f"| {run.server_version} | {budget['budget']} | {budget['measured']} | {verdict} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    if argv is None and sys.argv[1:2] == ["--populate"]:
        sys.stdout.write(json.dumps(populate()))
        return 0
    if argv is None and sys.argv[1:2] == ["--probe"]:
        sys.stdout.write(json.dumps(probe([int(pk) for pk in sys.argv[2:]])))
        return 0
    options = parse_options(argv)
    return harness.run_per_database(
        name="catalogue",
        options=options,
        measure=measure_database,
        failed=lambda database, note: DatabaseRun(database, status="error", note=note),
        markdown=markdown,
        results=RESULTS,
    )


if __name__ == "__main__":
    sys.exit(main())
