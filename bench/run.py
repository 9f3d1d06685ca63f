"""Measure Muhandis against its performance budgets (`make bench`; see docs/performance.md).

For SQLite and then PostgreSQL: prepare a fresh database (migrate, demo data, collectstatic),
serve the app with gunicorn as in production (DEBUG off, 2 sync workers) next to a bare WSGI
app served the same way (the ceiling), and load both from separate client processes on
loopback, in interleaved rounds. Prints the figures, a Markdown table and PASS/FAIL lines for
the budgets, and writes bench/results/latest.json.

Exit status: 0 when the measurement ran (even if a budget fails), 2 when the harness itself
could not run (a server did not start, sign-in failed, a preparation step failed).
"""

from __future__ import annotations

import argparse
import atexit
import dataclasses
import datetime as dt
import http.client
import http.cookies
import importlib.metadata
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadgen import HOST, Measurement, Target, run_load

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/muhandis_bench"

DEMO_EMAIL = "engineer@demo.muhandis.uz"
DEMO_PASSWORD = "muhandis-demo-2026"  # noqa: S105  (the published demo password)

SCENARIOS = ("home", "dashboard", "healthz", "bare")
SCENARIO_PATHS = {"home": "/uz/", "dashboard": "/uz/dashboard/", "healthz": "/healthz", "bare": "/"}
SCENARIO_LABELS = {
    "home": "`GET /uz/` (home, anonymous)",
    "dashboard": "`GET /uz/dashboard/` (engineer, signed in)",
    "healthz": "`GET /healthz`",
    "bare": "bare WSGI app (ceiling)",
}

DASHBOARD_P95_BUDGET_MS = 50.0
HEALTHZ_RATIO_BUDGET = 0.25

SERVER_START_TIMEOUT = 60.0
COMMAND_TIMEOUT = 300.0
STOP_TIMEOUT = 10.0


class HarnessError(Exception):
    """The harness itself could not run (as opposed to a budget failing)."""


# ---------------------------------------------------------------------------------------------
# Teardown: everything started or created is registered here and undone exactly once, from
# `finally`, from atexit, and on SIGTERM/SIGINT (which raise SystemExit and so reach both).


class Teardown:
    def __init__(self) -> None:
        self._steps: list[tuple[str, Callable[[], None]]] = []

    def add(self, label: str, step: Callable[[], None]) -> None:
        self._steps.append((label, step))

    def mark(self) -> int:
        return len(self._steps)

    def run(self, down_to: int = 0) -> None:
        """Undo the steps registered after ``down_to`` (all of them by default), newest first."""
        while len(self._steps) > down_to:
            label, step = self._steps.pop()
            try:
                step()
            except Exception as exc:  # keep tearing down the rest
                print(f"  teardown: {label} failed: {exc}", file=sys.stderr)


TEARDOWN = Teardown()


def _on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


# ---------------------------------------------------------------------------------------------
# Configuration and environment


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
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (>= 1)")
    parser.add_argument("--duration", type=float, default=5.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up seconds per run")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgresql"),
        action="append",
        help="run only this database (repeatable; default both)",
    )
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL), help="bench database"
    )
    args = parser.parse_args(argv)
    if not (1 <= args.rounds <= 20 and 0 < args.duration <= 60 and 0 <= args.warmup <= 30):
        parser.error("rounds must be 1..20, duration 0..60 s, warm-up 0..30 s")
    if not (1 <= args.concurrency <= 64 and 1 <= args.workers <= 16):
        parser.error("concurrency must be 1..64 and workers 1..16")
    return Options(
        rounds=args.rounds,
        duration=args.duration,
        warmup=args.warmup,
        concurrency=args.concurrency,
        workers=args.workers,
        databases=tuple(args.database or ("sqlite", "postgresql")),
        pg_url=args.pg_url,
    )


def server_env(database_url: str, workdir: Path) -> dict[str, str]:
    """The production-like environment, built from scratch so the caller's shell cannot leak
    settings (CACHE_URL, DATABASE_URL, DEBUG ...) into the measurement."""
    env = {
        name: os.environ[name]
        for name in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
        if name in os.environ
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHONUNBUFFERED": "1",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "https://register.example.uz",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SECURE_HSTS_SECONDS": "0",
            "STATIC_ROOT": str(workdir / "static"),
            "ACCOUNT_RATE_LIMITS_ENABLED": "0",
            "DATABASE_URL": database_url,
            "TASK_BACKEND": "database",
            "MUHANDIS_VAR_DIR": str(workdir / "var"),
        }
    )
    return env


def run_command(args: list[str], env: dict[str, str], label: str) -> tuple[str, float]:
    started = time.monotonic()
    try:
        done = subprocess.run(
            args,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise HarnessError(f"{label} took longer than {COMMAND_TIMEOUT:.0f} s") from exc
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
        raise HarnessError(f"{label} failed (exit {done.returncode}):\n{tail}")
    return done.stdout, elapsed


def manage(env: dict[str, str], *args: str) -> float:
    _, elapsed = run_command([sys.executable, "manage.py", *args], env, f"manage.py {args[0]}")
    return round(elapsed, 2)


# ---------------------------------------------------------------------------------------------
# PostgreSQL


def _pg_admin_url(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise HarnessError(f"{url} names no database")
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), name


def pg_prepare(url: str) -> str | None:
    """Create a fresh bench database; return its server version, or None if unreachable."""
    import psycopg
    from psycopg import sql

    admin_url, name = _pg_admin_url(url)
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        reason = " ".join(str(exc).split())
        print(f"NOTE: PostgreSQL is unreachable at {admin_url} ({reason}); skipping it.")
        return None
    with admin:
        row = admin.execute("SHOW server_version").fetchone()
        version = str(row[0]).split()[0] if row else "?"
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    TEARDOWN.add(f"drop PostgreSQL database {name}", drop)
    return version


# ---------------------------------------------------------------------------------------------
# Servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.strip().splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        # gunicorn runs in its own session: its process group is the master and its workers.
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT)


def start_gunicorn(
    name: str,
    app: str,
    env: dict[str, str],
    workdir: Path,
    workers: int,
    probe_path: str,
    options: tuple[str, ...] = (),
) -> Server:
    """gunicorn serving ``app``, answering ``probe_path``; ``options`` are more of its flags
    (a worker class and threads, say)."""
    port = free_port()
    log = workdir / f"gunicorn-{name.replace(':', '-')}.log"
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--workers", str(workers),
        "--bind", f"{HOST}:{port}",
        *options,
    ]  # fmt: skip
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(name, port, process, log)
    TEARDOWN.add(f"stop gunicorn ({name})", server.stop)
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    last = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HarnessError(
                f"gunicorn ({name}) exited with {process.returncode} while starting:\n"
                + server.log_tail()
            )
        try:
            status, _, _ = http_request(port, "GET", probe_path)
        except OSError as exc:
            last = f"{type(exc).__name__}: {exc}"
        else:
            if status == 200:
                return server
            last = f"status {status}"
        time.sleep(0.2)
    raise HarnessError(
        f"gunicorn ({name}) did not answer {probe_path} with 200 within "
        f"{SERVER_START_TIMEOUT:.0f} s (last: {last}):\n{server.log_tail()}"
    )


# ---------------------------------------------------------------------------------------------
# HTTP helpers and sign-in


def http_request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> tuple[int, http.client.HTTPMessage, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.msg, response.read()
    except http.client.HTTPException as exc:
        raise OSError(str(exc)) from exc
    finally:
        conn.close()


def _store_cookies(jar: dict[str, str], headers: http.client.HTTPMessage) -> None:
    for header in headers.get_all("Set-Cookie") or []:
        cookie = http.cookies.SimpleCookie()
        cookie.load(header)
        for key, morsel in cookie.items():
            jar[key] = morsel.value


def _cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{key}={value}" for key, value in jar.items())


def sign_in(port: int) -> dict[str, str]:
    """Sign in as the demo engineer through the real login form; return request headers that
    carry the session. Raises HarnessError unless the dashboard then answers 200."""
    login_path = "/uz/account/login/"
    jar: dict[str, str] = {}
    try:
        status, headers, body = http_request(port, "GET", login_path)
        if status != 200:
            raise HarnessError(f"GET {login_path} answered {status}")
        _store_cookies(jar, headers)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if match is None or "csrftoken" not in jar:
            raise HarnessError(f"no CSRF token on {login_path}")
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": match.group(1).decode(),
                "login": DEMO_EMAIL,
                "password": DEMO_PASSWORD,
            }
        ).encode()
        status, headers, body = http_request(
            port,
            "POST",
            login_path,
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": _cookie_header(jar),
                "Referer": f"http://{HOST}:{port}{login_path}",
            },
            form,
        )
        _store_cookies(jar, headers)
        if status != 302 or "sessionid" not in jar:
            hint = {
                200: "the login form came back: wrong credentials or unverified e-mail address?",
                403: "refused: CSRF check failed?",
            }.get(status, body[:200].decode(errors="replace"))
            raise HarnessError(f"sign-in POST answered {status} without a session ({hint})")
        session_headers = {"Cookie": _cookie_header(jar)}
        status, headers, _ = http_request(port, "GET", "/uz/dashboard/", session_headers)
    except OSError as exc:
        raise HarnessError(f"sign-in failed: {exc}") from exc
    if status != 200:
        where = headers.get("Location", "")
        raise HarnessError(f"dashboard answered {status} {where} after signing in")
    return session_headers


# ---------------------------------------------------------------------------------------------
# One database


@dataclass
class DatabaseRun:
    database: str
    status: str = "not run"  # ok | skipped | error
    note: str = ""
    server_version: str = ""
    preparation_s: dict[str, float] = field(default_factory=dict)
    queries: dict[str, Any] = field(default_factory=dict)
    sign_in_s: float | None = None
    rounds: list[dict[str, dict[str, Any]]] = field(default_factory=list)
    summary: dict[str, dict[str, Any]] = field(default_factory=dict)
    budgets: list[dict[str, Any]] = field(default_factory=list)
    load_average: dict[str, list[float]] = field(default_factory=dict)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summarise(run: DatabaseRun) -> None:
    for scenario in SCENARIOS:
        per_round = [r[scenario] for r in run.rounds if scenario in r]
        run.summary[scenario] = {
            key: round(median([m[key] for m in per_round if m[key] is not None]), 2)
            for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "errors")
        } | {
            "errors_total": sum(m["errors"] for m in per_round),
            "requests_total": sum(m["requests"] for m in per_round),
            "rounds": len(per_round),
        }
    bare_rps = run.summary["bare"]["rps"]
    for scenario in SCENARIOS:
        rps = run.summary[scenario]["rps"]
        run.summary[scenario]["ratio_to_bare"] = round(rps / bare_rps, 3) if bare_rps else None


def check_budgets(run: DatabaseRun, concurrency: int) -> None:
    dashboard = run.summary["dashboard"]
    healthz = run.summary["healthz"]
    ratio = healthz["ratio_to_bare"] or 0.0
    run.budgets = [
        {
            "budget": f"dashboard p95 < {DASHBOARD_P95_BUDGET_MS:.0f} ms at {concurrency} "
            "concurrent clients",
            "measured": f"{dashboard['p95_ms']:.1f} ms",
            "pass": dashboard["p95_ms"] < DASHBOARD_P95_BUDGET_MS
            and dashboard["errors_total"] == 0,
            "errors": dashboard["errors_total"],
        },
        {
            "budget": f"/healthz rps >= {HEALTHZ_RATIO_BUDGET} x bare WSGI rps",
            "measured": f"{healthz['rps']:.0f} / {run.summary['bare']['rps']:.0f} = {ratio:.3f}",
            "pass": ratio >= HEALTHZ_RATIO_BUDGET and healthz["errors_total"] == 0,
            "errors": healthz["errors_total"],
        },
    ]


def measure_database(database: str, options: Options, base_dir: Path) -> DatabaseRun:
    run = DatabaseRun(database)
    workdir = Path(tempfile.mkdtemp(prefix=f"{database}-", dir=base_dir))
    if database == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        run.server_version = f"SQLite {sqlite3.sqlite_version}"
    else:
        url = options.pg_url
        version = pg_prepare(url)
        if version is None:
            run.status = "skipped"
            run.note = "PostgreSQL unreachable"
            return run
        run.server_version = f"PostgreSQL {version}"
    env = server_env(url, workdir)
    print(f"\n== {database}: preparing ({run.server_version}) ==", flush=True)
    run.preparation_s["migrate"] = manage(env, "migrate", "--no-input", "-v", "0")
    run.preparation_s["load_demo_data"] = manage(env, "load_demo_data")
    run.preparation_s["collectstatic"] = manage(env, "collectstatic", "--no-input", "-v", "0")
    out, _ = run_command(
        [sys.executable, str(ROOT / "bench" / "probe.py"), DEMO_EMAIL], env, "query probe"
    )
    run.queries = json.loads(out)
    for scenario, probe in run.queries.items():
        print(f"  {scenario}: {probe['queries']} SQL queries, status {probe['status']}")
    print(
        "  prepared in "
        + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in run.preparation_s.items()),
        flush=True,
    )

    app = start_gunicorn(
        "app", "config.wsgi:application", env, workdir, options.workers, "/healthz"
    )
    bare = start_gunicorn("bare", "bench.bare_wsgi:application", env, workdir, options.workers, "/")
    signing_in = time.monotonic()
    session = sign_in(app.port)
    # One password check (PBKDF2) dominates this; it is reported, not budgeted.
    run.sign_in_s = round(time.monotonic() - signing_in, 3)
    print(f"  signed in as {DEMO_EMAIL} in {run.sign_in_s:.2f} s (GET form, POST, GET dashboard)")
    targets = {
        "home": Target(app.port, SCENARIO_PATHS["home"]),
        "dashboard": Target(app.port, SCENARIO_PATHS["dashboard"], session),
        "healthz": Target(app.port, SCENARIO_PATHS["healthz"]),
        "bare": Target(bare.port, SCENARIO_PATHS["bare"]),
    }
    run.load_average["before"] = [round(v, 2) for v in os.getloadavg()]
    for number in range(1, options.rounds + 1):
        this_round: dict[str, dict[str, Any]] = {}
        for scenario in SCENARIOS:
            # The 1-minute load average before each run shows how busy the shared machine was.
            load = round(os.getloadavg()[0], 2)
            measurement: Measurement = run_load(
                targets[scenario], options.concurrency, options.warmup, options.duration
            )
            this_round[scenario] = measurement.as_dict() | {"load_1min_before": load}
            print(
                f"  round {number} {scenario:<9} {measurement.rps:8.1f} req/s  "
                f"p50 {measurement.p50_ms:6.1f}  p95 {measurement.p95_ms:6.1f}  "
                f"p99 {measurement.p99_ms:6.1f} ms  errors {measurement.errors}  load {load:.1f}"
                + (f" {measurement.error_kinds}" if measurement.errors else ""),
                flush=True,
            )
        run.rounds.append(this_round)
    run.load_average["after"] = [round(v, 2) for v in os.getloadavg()]
    for server in (app, bare):
        if server.process.poll() is not None:
            raise HarnessError(
                f"gunicorn ({server.name}) died during the run:\n{server.log_tail()}"
            )
    bare.stop()
    app.stop()
    summarise(run)
    check_budgets(run, options.concurrency)
    run.status = "ok"
    return run


# ---------------------------------------------------------------------------------------------
# Report


def machine_info() -> dict[str, Any]:
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT, capture_output=True, text=True, timeout=10, check=False,
        ).stdout.strip()  # fmt: skip
    except OSError:
        commit = ""
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": importlib.metadata.version("django"),
        "gunicorn": importlib.metadata.version("gunicorn"),
        "git_commit": commit,
    }


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    return f"{value:.{digits}f}"


def markdown(runs: list[DatabaseRun], machine: dict[str, Any], options: Options) -> str:
    lines = [
        f"Measured {machine['date']} on {machine['nproc']} × {machine['cpu']}, "
        f"{machine['memory']} RAM; Python {machine['python']}, Django {machine['django']}, "
        f"gunicorn {machine['gunicorn']} ({options.workers} sync workers); "
        f"{options.concurrency} concurrent clients, {options.rounds} rounds × "
        f"{options.duration:g} s (+{options.warmup:g} s warm-up); medians over rounds.",
        "",
        "| Database | Scenario | Requests/s | × bare | p50 ms | p95 ms | p99 ms "
        "| Errors (median / total) | SQL queries |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        if run.status != "ok":
            lines.append(f"| {run.database} | {run.status}: {run.note} | | | | | | | |")
            continue
        for scenario in SCENARIOS:
            s = run.summary[scenario]
            queries = run.queries.get(scenario, {}).get("queries", "–")
            lines.append(
                f"| {run.server_version} | {SCENARIO_LABELS[scenario]} | {_fmt(s['rps'], 0)} "
                f"| {_fmt(s['ratio_to_bare'], 2)} | {_fmt(s['p50_ms'])} | {_fmt(s['p95_ms'])} "
                f"| {_fmt(s['p99_ms'])} | {s['errors']:g} / {s['errors_total']} | {queries} |"
            )
    if any(run.budgets for run in runs):
        lines += ["", "| Database | Budget | Measured | Result |", "|---|---|---|---|"]
    for run in runs:
        for budget in run.budgets:
            result = "PASS" if budget["pass"] else "FAIL"
            if budget["errors"]:
                result += f" ({budget['errors']} errors)"
            lines.append(
                f"| {run.server_version} | {budget['budget']} | {budget['measured']} | {result} |"
            )
    return "\n".join(lines)


def _json_safe(value: Any) -> Any:
    """NaN (a scenario with no successful response) becomes null, so the file stays JSON."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    return value


def write_results(
    runs: list[DatabaseRun], machine: dict[str, Any], options: Options, errors: list[str]
) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": machine,
        "options": {
            "rounds": options.rounds,
            "duration_s": options.duration,
            "warmup_s": options.warmup,
            "concurrency": options.concurrency,
            "gunicorn_workers": options.workers,
            "host": HOST,
        },
        "budgets": {
            "dashboard_p95_ms_below": DASHBOARD_P95_BUDGET_MS,
            "healthz_rps_ratio_to_bare_at_least": HEALTHZ_RATIO_BUDGET,
        },
        "databases": [dataclasses.asdict(run) for run in runs],
        "harness_errors": errors,
    }
    text = json.dumps(_json_safe(document), indent=2, default=str, allow_nan=False)
    RESULTS.write_text(text + "\n", encoding="utf-8")


def run_per_database(
    *,
    name: str,
    options: Any,
    measure: Callable[[str, Any, Path], Any],
    failed: Callable[[str, str], Any],
    markdown: Callable[[list[Any], Any], str],
    results: Path,
) -> int:
    """The main loop every per-database benchmark shares: for each database in
    ``options.databases`` run ``measure(database, options, base_dir)`` (a dataclass with
    ``status``, ``note``, ``server_version`` and ``budgets``), tearing down what it set up
    even when it fails (``failed(database, note)`` stands for a run the harness could not
    finish); then write ``results`` as JSON, print the Markdown for docs/performance.md and a
    verdict per budget. 0 when every budget holds, 1 when one does not, 2 on a harness error."""
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    atexit.register(TEARDOWN.run)
    started = time.monotonic()
    runs: list[Any] = []
    errors: list[str] = []
    base_dir = Path(tempfile.mkdtemp(prefix=f"muhandis-bench-{name}-"))
    try:
        TEARDOWN.add(f"remove {base_dir}", lambda: shutil.rmtree(base_dir, True))
        for database in options.databases:
            mark = TEARDOWN.mark()
            try:
                runs.append(measure(database, options, base_dir))
            except HarnessError as exc:
                print(f"\nHARNESS ERROR ({database}: {exc})", file=sys.stderr, flush=True)
                errors.append(f"{database}: {exc}")
                runs.append(failed(database, str(exc).splitlines()[0]))
            finally:
                TEARDOWN.run(down_to=mark)
    finally:
        TEARDOWN.run()
    machine = machine_info() | {"elapsed_s": round(time.monotonic() - started, 1)}
    results.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": machine,
        "options": dataclasses.asdict(options),
        "databases": [dataclasses.asdict(run) for run in runs],
        "harness_errors": errors,
    }
    results.write_text(json.dumps(document, indent=2, default=str) + "\n", encoding="utf-8")
    print("\n== Results (Markdown for docs/performance.md) ==\n")
    print(markdown(runs, options))
    print()
    missed = False
    for run in runs:
        if run.status == "skipped":
            print(f"SKIP {run.database}: {run.note}")
        for budget in run.budgets:
            verdict = "PASS" if budget["pass"] else "FAIL"
            missed |= not budget["pass"]
            extra = f" ({budget['errors']} errors)" if budget.get("errors") else ""
            print(
                f"{verdict} [{run.server_version}] {budget['budget']}: {budget['measured']}{extra}"
            )
    print(f"\nResults written to {os.path.relpath(results, ROOT)} ({machine['elapsed_s']:.0f} s).")
    if errors:
        return 2
    return 1 if missed else 0


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    atexit.register(TEARDOWN.run)
    started = time.monotonic()
    machine = machine_info()
    runs: list[DatabaseRun] = []
    errors: list[str] = []
    base_dir = Path(tempfile.mkdtemp(prefix="muhandis-bench-"))
    try:
        TEARDOWN.add(f"remove {base_dir}", lambda: shutil.rmtree(base_dir, ignore_errors=True))
        for database in options.databases:
            mark = TEARDOWN.mark()
            try:
                runs.append(measure_database(database, options, base_dir))
            except HarnessError as exc:
                message = f"{database}: {exc}"
                print(f"\nHARNESS ERROR ({message})", file=sys.stderr, flush=True)
                errors.append(message)
                runs.append(DatabaseRun(database, status="error", note=str(exc).splitlines()[0]))
            finally:
                # Stop this database's servers (and drop its database) before the next one.
                TEARDOWN.run(down_to=mark)
    finally:
        TEARDOWN.run()
    machine["elapsed_s"] = round(time.monotonic() - started, 1)
    write_results(runs, machine, options, errors)

    print("\n== Results (Markdown for docs/performance.md) ==\n")
    print(markdown(runs, machine, options))
    print()
    for run in runs:
        if run.status == "skipped":
            print(f"SKIP {run.database}: {run.note}")
        for budget in run.budgets:
            verdict = "PASS" if budget["pass"] else "FAIL"
            print(
                f"{verdict} [{run.server_version}] {budget['budget']}: {budget['measured']}"
                + (f" ({budget['errors']} errors)" if budget["errors"] else "")
            )
    where = os.path.relpath(RESULTS, ROOT)
    print(f"\nResults written to {where} ({machine['elapsed_s']:.0f} s in all).")
    if errors:
        print(
            "The harness could not complete: " + "; ".join(e.splitlines()[0] for e in errors),
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
