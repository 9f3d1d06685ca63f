"""The public register and verification under load, with 100,000 certificates (`make bench`).

Budgets (certification issue): with 100,000 certificates loaded,
- register search (`GET /uz/certification/register/?q=…`) p95 < 100 ms;
- `GET /api/v1/verify/{number}` at least 0.20 × the bare-WSGI ceiling measured in the same run,
  p99 < 50 ms at 16 concurrent clients, and exactly one database query per verification;
- the verification page `GET /verify/{number}` at least 0.12 × the ceiling;
on SQLite and on PostgreSQL.

For each database: a fresh database (migrate, demo data, `manage.py bench_certificates`,
collectstatic), gunicorn serving the app as in production next to the bare WSGI app, and the
load generator of `bench/run.py`, whose helpers this reuses. Requests spread over many
certificate numbers and search terms. The public rate limit is lifted through its setting
(`PUBLIC_RATE_LIMIT_PER_MINUTE`), nothing else changes.

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
`--probe` is internal: run in the bench environment, it prints the query counts and the
sample of numbers and names as JSON.
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
RESULTS = ROOT / "bench" / "results" / "register.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_register"

SEARCH_P95_MS = 100.0
VERIFY_API_RATIO = 0.20
VERIFY_API_P99_MS = 50.0
VERIFY_PAGE_RATIO = 0.12
SCENARIOS = ("search", "verify_api", "verify_page", "bare")
LABELS = {
    "search": "`GET /uz/certification/register/?q=…` (register search)",
    "verify_api": "`GET /api/v1/verify/{number}`",
    "verify_page": "`GET /verify/{number}` (page)",
    "bare": "bare WSGI app (ceiling)",
}
SAMPLE_NUMBERS = 2000
SEARCHES = [
    "Dilnoza Karimova", "Каримова", "nazarov", "Юсупов Азиз", "Qoʻchqorov", "Ҳамроқулов",
    "Olga Ivanova", "Sardor", "Малика Саидова", "kim", "Ergashev Bekzod", "Tursunova Zarina",
]  # fmt: skip
FILTERS = [{}, {"status": "valid"}, {"region": "UZ-TO"}, {"status": "suspended"}]


@dataclass(frozen=True)
class Options:
    count: int
    rounds: int
    duration: float
    warmup: float
    concurrency: int
    search_concurrency: int
    workers: int
    databases: tuple[str, ...]
    pg_url: str


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="certificates to load")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=float, default=4.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=16, help="clients (verification)")
    parser.add_argument(
        "--search-concurrency", type=int, default=4, help="clients (register search)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_REGISTER_PG_URL", DEFAULT_PG_URL))
    args = parser.parse_args(argv)
    if not (1 <= args.count <= 1_000_000 and 1 <= args.rounds <= 10):
        parser.error("count must be 1..1,000,000 and rounds 1..10")
    return Options(
        count=args.count,
        rounds=args.rounds,
        duration=args.duration,
        warmup=args.warmup,
        concurrency=args.concurrency,
        search_concurrency=args.search_concurrency,
        workers=args.workers,
        databases=tuple(args.database or ("sqlite", "postgresql")),
        pg_url=args.pg_url,
    )


# ---------------------------------------------------------------------------------------------
# The probe: runs inside the bench environment, with Django.


def probe() -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from muhandis.certification.models import Certificate

    numbers = list(
        Certificate.objects.order_by("?").values_list("number", flat=True)[:SAMPLE_NUMBERS]
    )
    client = Client(HTTP_HOST="127.0.0.1")
    paths = {
        "search": search_paths()[0],
        "verify_api": f"/api/v1/verify/{numbers[0]}",
        "verify_page": f"/verify/{numbers[0]}",
    }
    counts = {}
    for scenario, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = client.get(path).status_code
            elapsed = time.perf_counter() - started
        counts[scenario] = {
            "path": path,
            "status": status,
            "queries": len(queries.captured_queries),
            "sql": [query["sql"][:300] for query in queries.captured_queries],
            "in_process_ms": round(elapsed * 1000, 2),
        }
    return {"numbers": numbers, "queries": counts, "certificates": Certificate.objects.count()}


def search_paths() -> list[str]:
    return [
        "/uz/certification/register/?" + urllib.parse.urlencode({"q": term, **extra})
        for extra in FILTERS
        for term in SEARCHES
    ]


# ---------------------------------------------------------------------------------------------
# One database


@dataclass
class DatabaseRun:
    database: str
    status: str = "not run"
    note: str = ""
    server_version: str = ""
    certificates: int = 0
    preparation_s: dict[str, float] = field(default_factory=dict)
    queries: dict[str, Any] = field(default_factory=dict)
    rounds: list[dict[str, dict[str, Any]]] = field(default_factory=list)
    summary: dict[str, dict[str, Any]] = field(default_factory=dict)
    budgets: list[dict[str, Any]] = field(default_factory=list)


def prepare(run: DatabaseRun, options: Options, base_dir: Path) -> dict[str, str] | None:
    workdir = Path(tempfile.mkdtemp(prefix=f"register-{run.database}-", dir=base_dir))
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
    steps["load_demo_data"] = harness.manage(env, "load_demo_data")
    steps["bench_certificates"] = harness.manage(
        env, "bench_certificates", "--count", str(options.count), "--confirm"
    )
    steps["collectstatic"] = harness.manage(env, "collectstatic", "--no-input", "-v", "0")
    print("  prepared in " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()), flush=True)
    env["BENCH_WORKDIR"] = str(workdir)
    return env


def measure_database(database: str, options: Options, base_dir: Path) -> DatabaseRun:
    run = DatabaseRun(database)
    env = prepare(run, options, base_dir)
    if env is None:
        run.status, run.note = "skipped", "PostgreSQL unreachable"
        return run
    workdir = Path(env["BENCH_WORKDIR"])
    out, _ = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--probe"], env, "query probe"
    )
    probed = json.loads(out)
    run.queries, run.certificates = probed["queries"], probed["certificates"]
    for scenario, found in run.queries.items():
        print(
            f"  {scenario}: {found['queries']} SQL queries, status {found['status']}, "
            f"{found['in_process_ms']} ms in process"
        )
    app = harness.start_gunicorn(
        "app", "config.wsgi:application", env, workdir, options.workers, "/healthz"
    )
    bare = harness.start_gunicorn(
        "bare", "bench.bare_wsgi:application", env, workdir, options.workers, "/"
    )
    numbers = probed["numbers"]
    searches = search_paths()
    targets = {
        "search": (Target(app.port, searches[0], more_paths=tuple(searches[1:])), "search"),
        "verify_api": (_spread(app.port, "/api/v1/verify/", numbers), "verify"),
        "verify_page": (_spread(app.port, "/verify/", numbers), "verify"),
        "bare": (Target(bare.port, "/"), "verify"),
    }
    for number in range(1, options.rounds + 1):
        this_round = {}
        for scenario in SCENARIOS:
            target, kind = targets[scenario]
            clients = options.search_concurrency if kind == "search" else options.concurrency
            measured = run_load(target, clients, options.warmup, options.duration)
            this_round[scenario] = measured.as_dict() | {
                "clients": clients,
                "load_1min": round(os.getloadavg()[0], 2),
            }
            print(
                f"  round {number} {scenario:<11} {clients:>2} clients {measured.rps:8.1f} req/s"
                f"  p50 {measured.p50_ms:6.1f}  p95 {measured.p95_ms:6.1f}"
                f"  p99 {measured.p99_ms:6.1f} ms  errors {measured.errors}"
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
    run.budgets = budgets(run, options)
    run.status = "ok"
    return run


def _spread(port: int, prefix: str, numbers: list[str]) -> Target:
    paths = [prefix + number for number in numbers]
    return Target(port, paths[0], more_paths=tuple(paths[1:]))


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


def budgets(run: DatabaseRun, options: Options) -> list[dict[str, Any]]:
    s = run.summary
    api, page, search = s["verify_api"], s["verify_page"], s["search"]
    api_queries = run.queries["verify_api"]["queries"]
    return [
        _budget(
            f"register search p95 < {SEARCH_P95_MS:.0f} ms at {search['clients']} clients",
            f"{search['p95_ms']:.1f} ms",
            search["p95_ms"] < SEARCH_P95_MS,
            search["errors_total"],
        ),
        _budget(
            f"verify API rps >= {VERIFY_API_RATIO} x bare",
            f"{api['rps']:.0f} / {s['bare']['rps']:.0f} = {api['ratio_to_bare']:.3f}",
            api["ratio_to_bare"] >= VERIFY_API_RATIO,
            api["errors_total"],
        ),
        _budget(
            f"verify API p99 < {VERIFY_API_P99_MS:.0f} ms at {options.concurrency} clients",
            f"{api['p99_ms']:.1f} ms",
            api["p99_ms"] < VERIFY_API_P99_MS,
            api["errors_total"],
        ),
        _budget("verify API: one SQL query", str(api_queries), api_queries == 1, 0),
        _budget(
            f"verify page rps >= {VERIFY_PAGE_RATIO} x bare",
            f"{page['rps']:.0f} / {s['bare']['rps']:.0f} = {page['ratio_to_bare']:.3f}",
            page["ratio_to_bare"] >= VERIFY_PAGE_RATIO,
            page["errors_total"],
        ),
    ]


def _budget(name: str, measured: str, passed: bool, errors: int) -> dict[str, Any]:
    return {"budget": name, "measured": measured, "pass": passed and errors == 0, "errors": errors}


# ---------------------------------------------------------------------------------------------
# Report


def markdown(runs: list[DatabaseRun], options: Options) -> str:
    lines = [
        f"{options.count:,} certificates; gunicorn {options.workers} sync workers; "
        f"{options.rounds} rounds × {options.duration:g} s (+{options.warmup:g} s warm-up); "
        "medians over rounds.",
        "",
        "| Database | Scenario | Clients | Requests/s | × bare | p50 ms | p95 ms | p99 ms "
        "| Errors | SQL queries |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        if run.status != "ok":
            lines.append(f"| {run.database} | {run.status}: {run.note} | | | | | | | | |")
            continue
        for scenario in SCENARIOS:
            m = run.summary[scenario]
            queries = run.queries.get(scenario, {}).get("queries", "–")
            lines.append(
                f"| {run.server_version} | {LABELS[scenario]} | {m['clients']} | {m['rps']:.0f} "
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
    if argv is None and sys.argv[1:] == ["--probe"]:
        sys.stdout.write(json.dumps(probe()))
        return 0
    options = parse_options(argv)
    return harness.run_per_database(
        name="register",
        options=options,
        measure=measure_database,
        failed=lambda database, note: DatabaseRun(database, status="error", note=note),
        markdown=markdown,
        results=RESULTS,
    )


if __name__ == "__main__":
    sys.exit(main())
