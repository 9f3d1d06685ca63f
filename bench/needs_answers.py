"""Saving answers on a needs survey page: 16 respondents answering at once (`make bench`).

Budget (needs issue): saving one answer on a survey page, p95 under 50 ms at 16 concurrent
respondents, with no error (any answer other than 200 with "Saved" is an error); after the run
every respondent's ratings in the database are the last ones the server acknowledged.

Preparation, on a fresh database for each of SQLite and (when reachable) PostgreSQL
(`bench_needs_answers` unless `--pg-url` or BENCH_NEEDS_PG_URL says otherwise): migrate,
collectstatic, an open survey over the whole default framework on the Borich scale (1-5), and
one response per respondent started through the public link's service. Each respondent then
opens the first page of the survey once, as a browser does, which gives it the CSRF cookie and
the token htmx sends.

Load: one client process per respondent, each with its own keep-alive connection, sends the
page's autosave `POST /uz/needs/r/{token}/save/{item}/` (the htmx request of one radio button:
both questions of one competency, the CSRF header, `HX-Request`), going through the survey's
competencies with random ratings. Each round runs twice:
- paced (the budget's): each respondent's saves fall due at exponential random intervals
  averaging `--interval` seconds (1 s: faster than anyone reads a competency and clicks), one
  at a time; latency runs from the moment a save was due to the last byte of its answer, so a
  save that waits for the one before counts the wait against the server (as in exam_saves.py);
- back to back (the ceiling, as `bench/run.py`'s clients): each respondent sends the next save
  as soon as the last is answered, hundreds a second in all, far more than 16 people clicking;
  latency runs from the request being sent to the last byte of the answer.
After each, the same number of client processes GET `bench/bare_wsgi.py` under the same
gunicorn configuration: the ratio shows what Django, the middleware and the database cost.

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
`--prepare FILE N` and `--verify FILE` are internal: run in the bench environment, they build
the survey and check the database.
"""

from __future__ import annotations

import argparse
import atexit
import http.client
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as harness
from loadgen import HOST, REQUEST_TIMEOUT, Target, _reset_signals, percentile, run_load

ROOT = harness.ROOT
RESULTS = ROOT / "bench" / "results" / "needs_answers.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_needs_answers"
P95_MS = 50.0


@dataclass(frozen=True)
class Options:
    respondents: int
    duration: float
    warmup: float
    rounds: int
    interval: float
    gunicorn: str
    databases: tuple[str, ...]
    pg_url: str
    seed: int


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, default=16, help="respondents at once")
    parser.add_argument("--duration", type=float, default=20.0, help="measured seconds a round")
    parser.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds a round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds on each database")
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="mean seconds between one respondent's saves in the paced run (the budget's)",
    )
    parser.add_argument("--gunicorn", default="gthread:2x4", help="worker class:workers[xthreads]")
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql"), action="append", help="default: both"
    )
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_NEEDS_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if not (1 <= args.respondents <= 64 and 1 <= args.duration <= 600 and 1 <= args.rounds <= 10):
        parser.error("respondents must be 1..64, duration 1..600 s, rounds 1..10")
    if not 0.05 <= args.interval <= 60:
        parser.error("the interval must be 0.05..60 s")
    return Options(
        respondents=args.respondents,
        duration=args.duration,
        warmup=args.warmup,
        rounds=args.rounds,
        interval=args.interval,
        gunicorn=args.gunicorn,
        databases=tuple(args.database or ("sqlite", "postgresql")),
        pg_url=args.pg_url,
        seed=args.seed,
    )


# ---------------------------------------------------------------------------------------------
# Inside the bench environment (Django)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(out: Path, respondents: int) -> None:
    """An open survey over the whole default framework and one started response a respondent."""
    _django()
    from muhandis.competencies.models import Framework
    from muhandis.needs.services import answers, surveys

    framework = Framework.objects.get(code="MUHANDIS-CORE", version=1)
    survey = surveys.create_survey(
        actor=None,
        code="bench-needs",
        titles={"uz": "Ehtiyojlar soʻrovi", "ru": "Опрос потребностей", "en": "Needs survey"},
        framework=framework,
        scale="borich",
        status="open",
    )
    items = list(survey.items.order_by("sort_order").values_list("pk", flat=True))
    tokens = [
        answers.start_public(survey=survey, kind="self", language="uz").resume_token
        for _ in range(respondents)
    ]
    document = {"items": items, "tokens": tokens, "low": survey.scale_min, "high": survey.scale_max}
    out.write_text(json.dumps(document), encoding="utf-8")


def verify(path: Path) -> None:
    """Print, as JSON, how the database compares with what the clients saw acknowledged."""
    _django()
    from muhandis.needs.models import Rating

    expected: dict[str, dict[str, list[int]]] = json.loads(path.read_text(encoding="utf-8"))
    stored = {
        (token, str(item)): [importance, current]
        for token, item, importance, current in Rating.objects.filter(
            response__resume_token__in=list(expected)
        ).values_list("response__resume_token", "item_id", "importance", "current")
    }
    wanted = {
        (token, item): values for token, saved in expected.items() for item, values in saved.items()
    }
    missing = sum(1 for key in wanted if key not in stored)
    different = sum(1 for key, values in wanted.items() if key in stored and stored[key] != values)
    print(
        json.dumps(
            {
                "acknowledged_ratings": len(wanted),
                "stored_ratings": len(stored),
                "missing": missing,
                "different": different,
                "unexpected": sum(1 for key in stored if key not in wanted),
            }
        )
    )


# ---------------------------------------------------------------------------------------------
# The load


@dataclass(frozen=True)
class Respondent:
    token: str
    cookie: str  # the CSRF cookie header
    csrf: str  # the token htmx sends in X-CSRFToken


def open_first_page(port: int, token: str) -> Respondent:
    """GET the survey's first page as a browser does: the CSRF cookie and the htmx token."""
    path = f"/uz/needs/r/{token}/1/"
    status, headers, body = harness.http_request(port, "GET", path)
    if status != 200:
        raise harness.HarnessError(f"GET {path} answered {status}")
    jar: dict[str, str] = {}
    harness._store_cookies(jar, headers)
    match = re.search(rb'"X-CSRFToken": "([^"]+)"', body)
    if match is None or not jar:
        raise harness.HarnessError(f"no CSRF token on {path}")
    cookie = "; ".join(f"{key}={value}" for key, value in jar.items())
    return Respondent(token, cookie, match.group(1).decode())


@dataclass
class ClientResult:
    latencies: list[float] = field(default_factory=list)  # seconds, inside the window
    errors: dict[str, int] = field(default_factory=dict)
    warmup_requests: int = 0
    acknowledged: dict[str, list[int]] = field(default_factory=dict)  # item → last values


def _save(
    conn: http.client.HTTPConnection | None, port: int, who: Respondent, item: int, values: tuple
) -> tuple[http.client.HTTPConnection | None, str | None]:
    """Send one save; a kept-alive connection that the server closed while the respondent was
    thinking (gunicorn's keep-alive is 2 s) is opened again and the save sent once more, as a
    browser does: that retry is inside the save's latency, not an error."""
    body = urllib.parse.urlencode({f"imp-{item}": values[0], f"cur-{item}": values[1]}).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": who.cookie,
        "X-CSRFToken": who.csrf,
        "HX-Request": "true",
    }
    for attempt in (1, 2):
        reused = conn is not None
        if conn is None:
            conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        try:
            conn.request("POST", f"/uz/needs/r/{who.token}/save/{item}/", body, headers)
            response = conn.getresponse()
            text = response.read()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conn = None
            if reused and attempt == 1:
                continue
            return None, type(exc).__name__
        break
    if response.will_close:
        conn.close()
        conn = None
    if response.status != 200 or b"text-success" not in text:
        return conn, f"status {response.status}"
    return conn, None


def run_client(job: tuple) -> ClientResult:
    """One respondent: saves back to back (``interval`` 0), or each due at exponential random
    intervals averaging ``interval`` seconds, timed from when it was due (a save that waits for
    the one before counts the wait against the server)."""
    port, who, items, low, high, start, warmup, duration, seed, interval = job
    rng = random.Random(seed)
    measure_from, measure_to = start + warmup, start + warmup + duration
    result = ClientResult()
    due = start + (rng.expovariate(1 / interval) if interval else 0.0)
    delay = start - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    conn = None
    number = 0
    while time.monotonic() < measure_to and number < 200_000:
        item = items[number % len(items)]
        values = (rng.randint(low, high), rng.randint(low, high))
        if interval:
            if due >= measure_to:
                break
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            began = due
            due += rng.expovariate(1 / interval)
        else:
            began = time.monotonic()
        conn, error = _save(conn, port, who, item, values)
        ended = time.monotonic()
        number += 1
        if error is None:
            result.acknowledged[str(item)] = list(values)
        if ended < measure_from:
            result.warmup_requests += 1
        elif ended <= measure_to:
            if error is None:
                result.latencies.append(ended - began)
            else:
                result.errors[error] = result.errors.get(error, 0) + 1
        if error is not None and conn is None:
            time.sleep(0.005)
    if conn is not None:
        conn.close()
    return result


@dataclass
class Round:
    number: int
    mode: str = "paced"  # or "back to back"
    saves: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)
    bare_rps: float = 0.0
    bare_p95_ms: float = 0.0


def load_round(
    number: int,
    port: int,
    bare_port: int,
    people: list[Respondent],
    prepared: dict,
    options: Options,
    interval: float,
) -> tuple[Round, dict[str, dict[str, list[int]]]]:
    context = multiprocessing.get_context("fork")
    start = time.monotonic() + 0.3
    seed = options.seed * 1000 + number * 100 + (50 if interval else 0)
    jobs = [
        (port, who, prepared["items"], prepared["low"], prepared["high"], start,
         options.warmup, options.duration, seed + index, interval)
        for index, who in enumerate(people)
    ]  # fmt: skip
    with context.Pool(len(jobs), initializer=_reset_signals) as pool:
        results = pool.map(run_client, jobs, chunksize=1)
    latencies = sorted(v for r in results for v in r.latencies)
    errors: dict[str, int] = {}
    for result in results:
        for kind, count in result.errors.items():
            errors[kind] = errors.get(kind, 0) + count
    bare = run_load(Target(bare_port, "/"), len(people), options.warmup, options.duration)
    this = Round(
        number=number,
        mode=f"every {interval:g} s" if interval else "back to back",
        saves=len(latencies),
        rps=round(len(latencies) / options.duration, 1),
        p50_ms=round(percentile(latencies, 0.50) * 1000, 1),
        p95_ms=round(percentile(latencies, 0.95) * 1000, 1),
        p99_ms=round(percentile(latencies, 0.99) * 1000, 1),
        max_ms=round(latencies[-1] * 1000, 1) if latencies else float("nan"),
        errors=errors,
        bare_rps=round(bare.rps, 1),
        bare_p95_ms=round(bare.p95_ms, 2),
    )
    acknowledged = {who.token: r.acknowledged for who, r in zip(people, results, strict=True)}
    return this, acknowledged


@dataclass
class DatabaseRun:
    database: str
    version: str = ""
    status: str = "not run"
    note: str = ""
    queries_per_save: int | None = None
    rounds: list[Round] = field(default_factory=list)
    check: dict[str, Any] = field(default_factory=dict)


def count_queries(env: dict[str, str], workdir: Path, prepared_path: Path) -> int:
    """The SQL queries of one save, counted in process with Django's test client."""
    script = f"""
import json, os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
prepared = json.load(open({str(prepared_path)!r}))
client = Client(HTTP_HOST="127.0.0.1")
token, item = prepared["tokens"][0], prepared["items"][-1]
with CaptureQueriesContext(connection) as captured:
    answer = client.post(f"/uz/needs/r/{{token}}/save/{{item}}/", {{f"imp-{{item}}": "3"}},
                         HTTP_HX_REQUEST="true")
assert answer.status_code == 200, answer.status_code
print(len(captured))
"""
    out, _ = harness.run_command([sys.executable, "-c", script], env, "counting the queries")
    return int(out.strip().splitlines()[-1])


def measure(database: str, options: Options, base: Path) -> DatabaseRun:
    run = DatabaseRun(database)
    workdir = Path(tempfile.mkdtemp(prefix=f"{database}-", dir=base))
    if database == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        run.version = f"SQLite {sqlite3.sqlite_version}"
    else:
        url = options.pg_url
        found = harness.pg_prepare(url)
        if found is None:
            run.status, run.note = "skipped", "PostgreSQL unreachable"
            return run
        run.version = f"PostgreSQL {found}"
    env = harness.server_env(url, workdir)
    print(f"\n== needs survey answers, {run.version}: preparing ==", flush=True)
    harness.manage(env, "migrate", "--no-input", "-v", "0")
    harness.manage(env, "collectstatic", "--no-input", "-v", "0")
    prepared_path = workdir / "prepared.json"
    harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--prepare", str(prepared_path),
         str(options.respondents + 1)],
        env,
        "preparing the survey",
    )  # fmt: skip
    prepared = json.loads(prepared_path.read_text(encoding="utf-8"))
    run.queries_per_save = count_queries(env, workdir, prepared_path)
    kind, _, size = options.gunicorn.partition(":")
    workers, _, threads = size.partition("x")
    flags = ("--worker-class", kind, "--threads", threads or "1")
    app = harness.start_gunicorn(
        f"app-{database}", "config.wsgi:application", env, workdir, int(workers), "/healthz", flags
    )
    bare = harness.start_gunicorn(
        f"bare-{database}", "bench.bare_wsgi:application", env, workdir, int(workers), "/", flags
    )
    people = [open_first_page(app.port, token) for token in prepared["tokens"][1:]]
    print(
        f"  {len(prepared['items'])} competencies, {len(people)} respondents, "
        f"{run.queries_per_save} SQL queries a save; gunicorn {options.gunicorn}",
        flush=True,
    )
    acknowledged: dict[str, dict[str, list[int]]] = {who.token: {} for who in people}
    for number in range(1, options.rounds + 1):
        for interval in (options.interval, 0.0):
            this, seen = load_round(
                number, app.port, bare.port, people, prepared, options, interval
            )
            for token, saved in seen.items():
                acknowledged[token].update(saved)
            run.rounds.append(this)
            print(
                f"  round {number}, {this.mode}: {this.rps} saves/s, p50 {this.p50_ms} ms, "
                f"p95 {this.p95_ms} ms, p99 {this.p99_ms} ms, errors {this.errors or 0}; "
                f"bare {this.bare_rps} req/s, p95 {this.bare_p95_ms} ms",
                flush=True,
            )
    for server in (app, bare):
        if server.process.poll() is not None:
            raise harness.HarnessError(f"gunicorn ({server.name}) died:\n{server.log_tail()}")
    bare.stop()
    app.stop()
    expected = workdir / "acknowledged.json"
    expected.write_text(json.dumps(acknowledged), encoding="utf-8")
    out, _ = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--verify", str(expected)],
        env,
        "checking the database",
    )
    run.check = json.loads(out.strip().splitlines()[-1])
    print(f"  database: {run.check}", flush=True)
    run.status = "ok"
    return run


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def budgets(runs: list[DatabaseRun], respondents: int, interval: float) -> list[dict[str, Any]]:
    found = []
    for run in runs:
        if run.status != "ok":
            continue
        p95 = _median([r.p95_ms for r in run.rounds if r.mode != "back to back"])
        errors = sum(sum(r.errors.values()) for r in run.rounds)
        kept = run.check.get("missing") == 0 and run.check.get("different") == 0
        found += [
            {
                "database": run.version,
                "budget": f"save p95 < {P95_MS:.0f} ms, {respondents} respondents saving every "
                f"{interval:g} s on average (median of rounds)",
                "measured": f"{p95} ms",
                "pass": p95 < P95_MS,
            },
            {
                "database": run.version,
                "budget": "no error",
                "measured": str(errors),
                "pass": errors == 0,
            },
            {
                "database": run.version,
                "budget": "every acknowledged rating stored with its last value",
                "measured": f"{run.check}",
                "pass": kept,
            },
        ]
    return found


def markdown(runs: list[DatabaseRun], options: Options, machine: dict[str, Any]) -> str:
    lines = [
        f"Measured {machine['date']} on {machine['nproc']} × {machine['cpu']}; gunicorn "
        f"{options.gunicorn}; {options.respondents} respondents, each saving every "
        f"{options.interval:g} s on average (paced) and then back to back, {options.rounds} "
        f"rounds × {options.duration:g} s (+{options.warmup:g} s warm-up) each.",
        "",
        "| Database | Round | Respondents save | Saves/s | p50 ms | p95 ms | p99 ms | Errors "
        "| Bare req/s | Saves/s ÷ bare | SQL queries a save |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        if run.status != "ok":
            lines.append(f"| {run.database} | {run.status}: {run.note} | | | | | | | | | |")
            continue
        for r in run.rounds:
            back_to_back = r.mode == "back to back" and r.bare_rps
            ratio = f"{r.rps / r.bare_rps:.2f}" if back_to_back else "–"  # paced: not a rate
            lines.append(
                f"| {run.version} | {r.number} | {r.mode} | {r.rps:.0f} | {r.p50_ms} "
                f"| {r.p95_ms} | {r.p99_ms} | {sum(r.errors.values())} | {r.bare_rps:.0f} "
                f"| {ratio} | "
                f"{run.queries_per_save} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) >= 4 and sys.argv[1] == "--prepare":
        prepare(Path(sys.argv[2]), int(sys.argv[3]))
        return 0
    if argv is None and len(sys.argv) >= 3 and sys.argv[1] == "--verify":
        verify(Path(sys.argv[2]))
        return 0
    options = parse_options(argv)
    signal.signal(signal.SIGTERM, harness._on_signal)
    signal.signal(signal.SIGINT, harness._on_signal)
    atexit.register(harness.TEARDOWN.run)
    started = time.monotonic()
    machine = harness.machine_info()
    base = Path(tempfile.mkdtemp(prefix="muhandis-bench-needs-"))
    harness.TEARDOWN.add(f"remove {base}", lambda: shutil.rmtree(base, ignore_errors=True))
    runs: list[DatabaseRun] = []
    errors: list[str] = []
    try:
        for database in options.databases:
            mark = harness.TEARDOWN.mark()
            try:
                runs.append(measure(database, options, base))
            except harness.HarnessError as exc:
                print(f"\nHARNESS ERROR ({database}: {exc})", file=sys.stderr, flush=True)
                errors.append(f"{database}: {exc}")
                runs.append(DatabaseRun(database, status="error", note=str(exc).splitlines()[0]))
            finally:
                harness.TEARDOWN.run(down_to=mark)
    finally:
        harness.TEARDOWN.run()
    machine["elapsed_s"] = round(time.monotonic() - started, 1)
    results = budgets(runs, options.respondents, options.interval)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": machine,
        "options": asdict(options) | {"pg_url": "(not recorded)"},
        "databases": [asdict(run) for run in runs],
        "budgets": results,
        "harness_errors": errors,
    }
    RESULTS.write_text(json.dumps(document, indent=2, default=str) + "\n", encoding="utf-8")
    print("\n== Results (Markdown for docs/performance.md) ==\n")
    print(markdown(runs, options, machine))
    print()
    for budget in results:
        verdict = "PASS" if budget["pass"] else "FAIL"
        print(f"{verdict} [{budget['database']}] {budget['budget']}: {budget['measured']}")
    print(f"\nResults written to {os.path.relpath(RESULTS, ROOT)} ({machine['elapsed_s']:.0f} s).")
    if errors:
        return 2
    return 0 if results and all(b["pass"] for b in results) else 1


if __name__ == "__main__":
    sys.exit(main())
