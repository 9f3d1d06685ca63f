"""The needs-survey analysis of 10,000 respondents × 40 competencies (`make bench`).

Budget (needs-assessment issue): `full_analysis(survey)` — every competency and area with the
Borich and ranked-discrepancy figures and the share below a role profile, the breakdowns by
gender, region, sector, role, employer size, experience and respondent kind with suppression
and the tests between groups, the response rates and representation against the register,
and the comparison with the previous wave — in under 2 s (median of the timed runs) and at
most 20 SQL queries, on SQLite and on PostgreSQL.

For each database: a fresh database (migrate, then `--populate` writes a 40-competency
framework with a role profile, a previous wave of 5,000 submitted responses and the measured
wave of 10,000, each rating all 40 competencies, 9,000 personal invitations over six lists,
and 3,000 registered engineers), then `--measure` runs `full_analysis` once to warm up and
`--runs` times measured, in a process of its own.

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
`--populate` and `--measure` are internal: run in the bench environment, they print JSON.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as harness

ROOT = harness.ROOT
RESULTS = ROOT / "bench" / "results" / "needs_analysis.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_needs_analysis"

SECONDS_BUDGET = 2.0
QUERY_BUDGET = 20
RESPONDENTS = 10_000
PREVIOUS_RESPONDENTS = 5_000
COMPETENCIES = 40
INVITATIONS = 9_000
ANSWERED_INVITATIONS = 7_000
ENGINEERS = 3_000


@dataclass(frozen=True)
class Options:
    runs: int
    respondents: int
    databases: tuple[str, ...]
    pg_url: str


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of full_analysis")
    parser.add_argument("--respondents", type=int, default=RESPONDENTS)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_NEEDS_ANALYSIS_PG_URL", DEFAULT_PG_URL)
    )
    args = parser.parse_args(argv)
    if not (1 <= args.runs <= 50 and 100 <= args.respondents <= 200_000):
        parser.error("runs must be 1..50 and respondents 100..200,000")
    return Options(
        runs=args.runs,
        respondents=args.respondents,
        databases=tuple(args.database or ("sqlite", "postgresql")),
        pg_url=args.pg_url,
    )


# ---------------------------------------------------------------------------------------------
# Inside the bench environment, with Django.


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _framework() -> Any:
    """A framework of 7 areas and 40 competencies on the default framework's scale, with a
    role profile requiring level 2 or 3 in each."""
    from muhandis.competencies.models import (
        Area,
        Competency,
        Framework,
        RequiredLevel,
        RoleProfile,
    )

    scale = Framework.objects.get(code="MUHANDIS-CORE", version=1).scale
    framework = Framework.objects.create(
        code="BENCH-40", version=1, title="Bench framework", status="published", scale=scale
    )
    areas = Area.objects.bulk_create(
        Area(framework=framework, code=code, title=f"Area {code}", sort_order=n)
        for n, code in enumerate(["TEC", "TCH", "FIN", "ECO", "ENV", "REG", "LEG"])
    )
    competencies = Competency.objects.bulk_create(
        Competency(
            framework=framework,
            area=areas[n % len(areas)],
            code=f"{areas[n % len(areas)].code}-{n:02d}",
            title=f"Competency {n}",
            sort_order=n,
        )
        for n in range(COMPETENCIES)
    )
    profile = RoleProfile.objects.create(framework=framework, code="DESIGN", title="Design")
    RequiredLevel.objects.bulk_create(
        RequiredLevel(profile=profile, competency=c, level=2 + n % 2)
        for n, c in enumerate(competencies)
    )
    return framework, profile


def _respondents(survey: Any, count: int, chooser: Any, regions: list[Any], prefix: str) -> list:
    from django.utils import timezone

    from muhandis.needs.models import Response

    genders = ["female"] * 30 + ["male"] * 60 + ["undisclosed"] * 5 + [""] * 5
    choices = {
        "sector": ["construction", "water", "design", "public", "education", "other", ""],
        "job_role": ["design", "site", "operations", "management", "supervision", "other"],
        "employer_size": ["micro", "small", "medium", "large", ""],
        "experience": ["0-2", "3-9", "10-19", "20+", ""],
    }
    now = timezone.now()
    return Response.objects.bulk_create(
        (
            Response(
                survey=survey,
                channel="public",
                kind="self" if chooser.random() < 0.8 else "supervisor",
                pseudonym=f"{prefix}{n:07d}",
                language="uz",
                submitted_at=now,
                gender=chooser.choice(genders),
                region=chooser.choice(regions) if chooser.random() < 0.97 else None,
                **{name: chooser.choice(values) for name, values in choices.items()},
            )
            for n in range(count)
        ),
        batch_size=2000,
    )


def _ratings(survey: Any, responses: list, chooser: Any, shift: float) -> int:
    from muhandis.needs.models import Rating

    items = list(survey.items.order_by("sort_order"))
    need = [chooser.uniform(0.3, 2.0) for _item in items]
    batch: list[Rating] = []
    written = 0
    for response in responses:
        female = response.gender == "female"
        for item, gap in zip(items, need, strict=True):
            importance = min(4, max(0, round(chooser.gauss(3.0, 0.8))))
            current = round(chooser.gauss(importance - gap + shift - (0.3 if female else 0), 0.9))
            current = min(4, max(0, current)) if chooser.random() > 0.02 else None
            batch.append(
                Rating(response=response, item=item, importance=importance, current=current)
            )
        if len(batch) >= 20_000:
            Rating.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    Rating.objects.bulk_create(batch)
    return written + len(batch)


def _invitations(survey: Any, responses: list, chooser: Any, regions: list[Any]) -> None:
    from django.utils import timezone

    from muhandis.needs.models import Invitation, Response

    lists = [
        "Members, Tashkent",
        "Members, regions",
        "Employers",
        "Universities",
        "Event QR",
        "Past trainees",
    ]
    now = timezone.now()
    invitations = Invitation.objects.bulk_create(
        (
            Invitation(
                survey=survey,
                distribution=lists[n % len(lists)],
                email=f"invited-{n}@example.invalid",
                language="uz",
                region=chooser.choice(regions),
                gender=chooser.choice(["female", "male", "male", ""]),
                sent_at=now,
                answered_at=now if n < ANSWERED_INVITATIONS else None,
            )
            for n in range(INVITATIONS)
        ),
        batch_size=2000,
    )
    for response, invitation in zip(responses[:ANSWERED_INVITATIONS], invitations, strict=False):
        response.channel = "personal"
        response.invitation = invitation
    Response.objects.bulk_update(
        responses[:ANSWERED_INVITATIONS], ["channel", "invitation"], batch_size=2000
    )


def _register(chooser: Any, regions: list[Any]) -> None:
    from muhandis.accounts.models import RoleAssignment, User

    people = User.objects.bulk_create(
        (
            User(
                email=f"engineer-{n}@bench.invalid",
                gender=chooser.choice(["female"] * 35 + ["male"] * 62 + [""] * 3),
                region=chooser.choice(regions),
            )
            for n in range(ENGINEERS)
        ),
        batch_size=2000,
    )
    RoleAssignment.objects.bulk_create(
        (RoleAssignment(user=person, role="engineer") for person in people), batch_size=2000
    )


def populate(respondents: int) -> dict[str, Any]:
    _django()
    import random

    from django.db import connection, transaction

    from muhandis.accounts.models import Region
    from muhandis.needs.services.surveys import create_survey

    chooser = random.Random(15)
    regions = list(Region.objects.filter(country="UZ"))
    with transaction.atomic():
        framework, profile = _framework()
        surveys = []
        for code, count, shift in (
            ("bench-2025", min(PREVIOUS_RESPONDENTS, respondents), 0.0),
            ("bench-2026", respondents, 0.2),
        ):
            survey = create_survey(
                actor=None,
                code=code,
                titles={"uz": code, "en": code},
                framework=framework,
                role_profile=profile,
                previous_wave=surveys[-1] if surveys else None,
                status="closed",
            )
            made = _respondents(survey, count, chooser, regions, prefix=code[-2:])
            ratings = _ratings(survey, made, chooser, shift)
            surveys.append(survey)
        _invitations(surveys[-1], made, chooser, regions)
        _register(chooser, regions)
    # As autovacuum would after a bulk load: without statistics PostgreSQL expects a handful of
    # responses and sorts the ratings on disk instead of hashing them (1.0 s instead of 0.4 s
    # for one breakdown query).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"survey": surveys[-1].pk, "respondents": len(made), "ratings": ratings}


def measure(survey_id: int, runs: int) -> dict[str, Any]:
    _django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from muhandis.needs.models import Survey
    from muhandis.needs.selectors.analysis import full_analysis

    def one() -> tuple[float, float, Any, list[dict[str, str]]]:
        survey = Survey.objects.get(pk=survey_id)
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            result = full_analysis(survey)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        return elapsed, cpu, result, queries.captured_queries

    warm, _cpu, result, _queries = one()
    seconds: list[float] = []
    cpu_seconds: list[float] = []
    for _run in range(runs):
        elapsed, cpu, result, queries = one()
        seconds.append(elapsed)
        cpu_seconds.append(cpu)
    per_query = [(float(q["time"]), q["sql"][:400]) for q in queries]
    return {
        "warmup_s": round(warm, 3),
        "seconds": [round(s, 3) for s in seconds],
        # CPU time of this process: on SQLite the database's work too, on PostgreSQL only
        # Python's. It shows what the machine's load adds to the wall-clock figures.
        "cpu_seconds": [round(s, 3) for s in cpu_seconds],
        "queries": len(queries),
        "slowest_sql": sorted(per_query, reverse=True)[:5],
        "respondents": result.respondents,
        "competencies": len(result.competencies),
        "dimensions": len(result.breakdowns),
        "flagged": sum(len(b.flagged) for b in result.breakdowns.values()),
        "waves": result.waves is not None,
    }


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
    measured: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, float] = field(default_factory=dict)
    budgets: list[dict[str, Any]] = field(default_factory=list)


def prepare(run: DatabaseRun, options: Options, base_dir: Path) -> dict[str, str] | None:
    workdir = Path(tempfile.mkdtemp(prefix=f"needs-{run.database}-", dir=base_dir))
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
    print(f"\n== {run.database}: preparing ({run.server_version}) ==", flush=True)
    steps = run.preparation_s
    steps["migrate"] = harness.manage(env, "migrate", "--no-input", "-v", "0")
    out, elapsed = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--populate", str(options.respondents)],
        env,
        "populate",
    )
    steps["populate"] = round(elapsed, 2)
    run.loaded = json.loads(out)
    print("  prepared in " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()), flush=True)
    print(f"  {run.loaded['respondents']} respondents, {run.loaded['ratings']} ratings", flush=True)
    return env


def measure_database(database: str, options: Options, base_dir: Path) -> DatabaseRun:
    run = DatabaseRun(database)
    env = prepare(run, options, base_dir)
    if env is None:
        run.status, run.note = "skipped", "PostgreSQL unreachable"
        return run
    script = str(Path(__file__).resolve())
    args = [sys.executable, script, "--measure", str(run.loaded["survey"]), str(options.runs)]
    out, _elapsed = harness.run_command(args, env, "measure")
    run.measured = json.loads(out)
    seconds = run.measured["seconds"]
    run.summary = {
        "median_s": round(statistics.median(seconds), 3),
        "max_s": round(max(seconds), 3),
        "cpu_median_s": round(statistics.median(run.measured["cpu_seconds"]), 3),
        "queries": run.measured["queries"],
        "load_1min": round(os.getloadavg()[0], 2),
    }
    print(
        f"  full_analysis: median {run.summary['median_s']:.3f} s, max {run.summary['max_s']:.3f}"
        f" s (warm-up {run.measured['warmup_s']:.3f} s), CPU of this process"
        f" {run.summary['cpu_median_s']:.3f} s, {run.summary['queries']} SQL queries,"
        f" load average {run.summary['load_1min']}",
        flush=True,
    )
    for elapsed, sql in run.measured["slowest_sql"]:
        print(f"    {elapsed:.3f} s  {sql[:110]}")
    run.budgets = [
        {
            "budget": f"full_analysis of {run.loaded['respondents']:,} × {COMPETENCIES}: median"
            f" < {SECONDS_BUDGET:g} s",
            "measured": f"{run.summary['median_s']:.3f} s (max {run.summary['max_s']:.3f} s)",
            "pass": run.summary["median_s"] < SECONDS_BUDGET,
        },
        {
            "budget": f"full_analysis: at most {QUERY_BUDGET} SQL queries",
            "measured": str(run.summary["queries"]),
            "pass": run.summary["queries"] <= QUERY_BUDGET,
        },
    ]
    run.status = "ok"
    return run


# ---------------------------------------------------------------------------------------------
# Report


def markdown(runs: list[DatabaseRun], options: Options) -> str:
    lines = [
        f"{options.respondents:,} submitted respondents × {COMPETENCIES} competencies (and a "
        f"previous wave of {min(PREVIOUS_RESPONDENTS, options.respondents):,}); "
        f"{options.runs} timed runs after one warm-up.",
        "",
        "| Database | Median s | Max s | CPU s (this process) | SQL queries | Slowest query s "
        "| Load average |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        if run.status != "ok":
            lines.append(f"| {run.database} | {run.status}: {run.note} | | | | | |")
            continue
        slowest = run.measured["slowest_sql"][0][0] if run.measured["slowest_sql"] else 0.0
        lines.append(
            f"| {run.server_version} | {run.summary['median_s']:.3f} | {run.summary['max_s']:.3f}"
            f" | {run.summary['cpu_median_s']:.3f} | {run.summary['queries']} | {slowest:.3f}"
            f" | {run.summary['load_1min']} |"
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
        sys.stdout.write(json.dumps(populate(int(sys.argv[2]))))
        return 0
    if argv is None and sys.argv[1:2] == ["--measure"]:
        sys.stdout.write(json.dumps(measure(int(sys.argv[2]), int(sys.argv[3]))))
        return 0
    options = parse_options(argv)
    return harness.run_per_database(
        name="needs",
        options=options,
        measure=measure_database,
        failed=lambda database, note: DatabaseRun(database, status="error", note=note),
        markdown=markdown,
        results=RESULTS,
    )


if __name__ == "__main__":
    sys.exit(main())
