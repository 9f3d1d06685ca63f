"""Enrolment under contention: 200 people enrolling at once for 20 seats, on PostgreSQL
(`make bench`).

Budget (training issue): 200 concurrent enrolment requests for a session of 20 seats, on
PostgreSQL with gunicorn: p95 under 300 ms, and exactly 20 confirmed (180 on the waiting list,
in arrival order).

Preparation, on a fresh database (`bench_enrol` unless `--pg-url` or DATABASE_URL says
otherwise): migrate, the association's invoicing details, one course with its prices, one
session of 20 seats per round (and one for the warm-up), and 200 engineers, each with a
personal access token.

Load: 200 client threads, one per person, each with its connection to gunicorn already open,
wait at a barrier and send `POST /api/v1/training/sessions/{id}/enrol` together. A request's
latency runs from the barrier's release to the last byte of the answer, so the time a request
waits for a free gunicorn thread or for the session's row lock counts against the server. After
each round the database is checked: exactly 20 confirmed, each with an invoice; the others
waitlisted; the waiting list in the order the requests were recorded.

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
With a DATABASE_URL that is not PostgreSQL the bench says so and is skipped (exit 0).
`--prepare FILE` and `--verify SESSION` are internal.
"""

from __future__ import annotations

import argparse
import atexit
import http.client
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as harness
from loadgen import HOST, percentile

ROOT = harness.ROOT
RESULTS = ROOT / "bench" / "results" / "enrolment.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_enrol"

P95_MS = 300.0
PEOPLE = 200
SEATS = 20
REQUEST_TIMEOUT = 30.0


@dataclass
class Options:
    pg_url: str
    rounds: int
    gunicorn: str


@dataclass
class Round:
    number: int
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    max_ms: float = 0.0
    check: dict[str, Any] = field(default_factory=dict)


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("DATABASE_URL") or DEFAULT_PG_URL,
        help="PostgreSQL database to (re)create for the bench (default: DATABASE_URL or "
        f"{DEFAULT_PG_URL})",
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of 200 requests")
    parser.add_argument("--gunicorn", default="gthread:2x4", help="worker class:workers[xthreads]")
    args = parser.parse_args(argv)
    return Options(pg_url=args.pg_url, rounds=args.rounds, gunicorn=args.gunicorn)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# ---------------------------------------------------------------------------------------------
# Inside the bench environment


def prepare(out: Path, rounds: int) -> None:
    _django()
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from muhandis.accounts import services as accounts
    from muhandis.accounts.models import User
    from muhandis.accounts.roles import Role
    from muhandis.billing.models import Issuer
    from muhandis.training.models import Course, CoursePrice, CourseSession

    Issuer.objects.get_or_create(
        currency="UZS",
        defaults={
            "name": "UZACE",
            "tax_number": "201234567",
            "address": "Tashkent",
            "bank_name": "Xalq banki",
            "bank_account": "20212000900123456001",
            "bank_code": "00014",
        },
    )
    course = Course.objects.create(
        code="BENCH-101",
        title="Industrial wastewater",
        title_uz="Sanoat oqova suvlari",
        summary="Bench",
        level="foundation",
        format="classroom",
        duration_hours=Decimal(16),
        ikpu_code="10305001001000000",
        package_code="1501367",
        is_published=True,
    )
    for kind in ("individual", "member_firm", "non_member_firm"):
        CoursePrice.objects.create(
            course=course, payer_kind=kind, currency="UZS", amount=Decimal(1120000)
        )
    starts = timezone.now() + datetime.timedelta(days=30)
    sessions = [
        str(
            CourseSession.objects.create(
                course=course,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=8),
                language="uz",
                max_seats=SEATS,
                enrolment_deadline=starts - datetime.timedelta(days=1),
                online_url="https://meet.example.uz/bench",
            ).public_id
        )
        for _ in range(rounds + 1)
    ]
    tokens = []
    for n in range(PEOPLE):
        person = User.objects.create_user(email=f"bench{n}@example.uz", given_name=f"Bench {n}")
        accounts.grant_role(user=person, role=Role.ENGINEER, actor=None, reason="bench")
        _, plain = accounts.create_api_token(user=person, name="bench", scope="write")
        tokens.append(plain)
    out.write_text(json.dumps({"sessions": sessions, "tokens": tokens}), encoding="utf-8")


def verify(session_id: str) -> None:
    """Print, as JSON, what the database holds for the session."""
    _django()
    from muhandis.training.models import Enrolment

    found = list(Enrolment.objects.filter(session__public_id=session_id))
    confirmed = [e for e in found if e.status == "confirmed"]
    waiting = [e for e in found if e.status == "waitlisted"]
    by_arrival = sorted(found, key=lambda e: (e.requested_at, e.pk))
    print(
        json.dumps(
            {
                "enrolments": len(found),
                "confirmed": len(confirmed),
                "confirmed_with_invoice": sum(1 for e in confirmed if e.invoice_id),
                "waitlisted": len(waiting),
                "seats_before_waiting_list": bool(confirmed and waiting)
                and max(e.requested_at for e in confirmed) <= min(e.requested_at for e in waiting),
                "arrival_order_kept": [e.pk for e in by_arrival] == sorted(e.pk for e in found),
            }
        )
    )


# ---------------------------------------------------------------------------------------------
# The load


def _crowd(
    port: int, session: str, tokens: list[str], method: str = "POST"
) -> tuple[list[float], dict[str, int]]:
    """Send one enrolment per token, all released together; latencies in ms and statuses.
    ``method`` GET sends the same crowd to the person's list of enrolments instead: no lock,
    the same authentication and API, the machine's ceiling for 200 requests at once."""
    path = (
        f"/api/v1/training/sessions/{session}/enrol"
        if method == "POST"
        else "/api/v1/training/enrolments/mine"
    )
    barrier = threading.Barrier(len(tokens) + 1)
    released = [0.0]
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    lock = threading.Lock()

    def one(token: str) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        try:
            conn.connect()
            barrier.wait()
            conn.request(method, path, body=b"{}" if method == "POST" else None, headers=headers)
            response = conn.getresponse()
            response.read()
            status = str(response.status)
        except (OSError, http.client.HTTPException) as exc:
            status = type(exc).__name__
        finally:
            conn.close()
        elapsed = (time.perf_counter() - released[0]) * 1000
        with lock:
            latencies.append(elapsed)
            statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=one, args=(t,)) for t in tokens]
    for thread in threads:
        thread.start()
    time.sleep(0.5)  # every connection open
    released[0] = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join()
    return sorted(latencies), statuses


def measure(options: Options) -> tuple[list[Round], str, dict[str, float]]:
    workdir = Path(tempfile.mkdtemp(prefix="muhandis-bench-enrolment-"))
    harness.TEARDOWN.add(f"remove {workdir}", lambda: shutil.rmtree(workdir, True))
    found = harness.pg_prepare(options.pg_url)
    if found is None:
        raise harness.HarnessError("PostgreSQL is unreachable; the budget is on PostgreSQL")
    version = f"PostgreSQL {found}"
    env = harness.server_env(options.pg_url, workdir)
    (workdir / "static").mkdir()
    print(f"\n== enrolment under contention: preparing ({version}) ==", flush=True)
    preparation = {"migrate": harness.manage(env, "migrate", "--no-input", "-v", "0")}
    prepared = workdir / "prepared.json"
    _, elapsed = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--prepare", str(prepared),
         str(options.rounds)],
        env,
        "preparing the sessions and people",
    )  # fmt: skip
    preparation["people"] = round(elapsed, 1)
    document = json.loads(prepared.read_text(encoding="utf-8"))
    sessions, tokens = document["sessions"], document["tokens"]
    kind, _, rest = options.gunicorn.partition(":")
    workers, _, threads = rest.partition("x")
    server = harness.start_gunicorn(
        options.gunicorn,
        "config.wsgi:application",
        env,
        workdir,
        int(workers),
        "/healthz",
        ("--worker-class", kind, "--threads", threads or "1", "--backlog", "2048"),
    )
    # Warm-up: every worker loads the enrolment code once, on a session of its own.
    _crowd(server.port, sessions[0], tokens[:20])
    control, _ = _crowd(server.port, sessions[0], tokens, method="GET")
    preparation["control_p50_ms"] = round(percentile(control, 0.50), 1)
    preparation["control_p95_ms"] = round(percentile(control, 0.95), 1)
    print(
        f"  control, {PEOPLE} x GET /api/v1/training/enrolments/mine at once: "
        f"p50 {preparation['control_p50_ms']} ms, p95 {preparation['control_p95_ms']} ms",
        flush=True,
    )
    rounds = []
    for number, session in enumerate(sessions[1:], start=1):
        latencies, statuses = _crowd(server.port, session, tokens)
        out, _ = harness.run_command(
            [sys.executable, str(Path(__file__).resolve()), "--verify", session],
            env,
            "checking the round",
        )
        result = Round(number=number, latencies_ms=[round(v, 1) for v in latencies])
        result.statuses = statuses
        result.p50_ms = round(percentile(latencies, 0.50), 1)
        result.p95_ms = round(percentile(latencies, 0.95), 1)
        result.max_ms = round(latencies[-1], 1)
        result.check = json.loads(out.strip().splitlines()[-1])
        rounds.append(result)
        print(
            f"  round {number}: p50 {result.p50_ms} ms, p95 {result.p95_ms} ms, "
            f"max {result.max_ms} ms; statuses {statuses}; {result.check}",
            flush=True,
        )
    server.stop()
    return rounds, version, preparation


def budgets(rounds: list[Round]) -> list[dict[str, Any]]:
    worst = max((r.p95_ms for r in rounds), default=float("inf"))
    exact = all(
        r.check.get("confirmed") == SEATS
        and r.check.get("confirmed_with_invoice") == SEATS
        and r.check.get("waitlisted") == PEOPLE - SEATS
        and r.check.get("seats_before_waiting_list")
        and r.check.get("arrival_order_kept")
        for r in rounds
    )
    answered = all(r.statuses.get("201") == PEOPLE for r in rounds)
    return [
        {
            "budget": f"enrolment p95 < {P95_MS:.0f} ms (worst round)",
            "measured": f"{worst} ms",
            "pass": bool(rounds) and worst < P95_MS,
        },
        {
            "budget": f"exactly {SEATS} confirmed, {PEOPLE - SEATS} waitlisted in arrival order",
            "measured": "yes" if exact else "no",
            "pass": bool(rounds) and exact,
        },
        {
            "budget": f"all {PEOPLE} requests answered 201",
            "measured": "; ".join(str(r.statuses) for r in rounds),
            "pass": bool(rounds) and answered,
        },
    ]


def markdown(rounds: list[Round], options: Options, version: str) -> str:
    lines = [
        f"{version}, gunicorn {options.gunicorn}, {PEOPLE} requests released together for "
        f"{SEATS} seats, per round:",
        "",
        "| round | p50 ms | p95 ms | max ms | confirmed | waitlisted | arrival order kept |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rounds:
        lines.append(
            f"| {r.number} | {r.p50_ms} | {r.p95_ms} | {r.max_ms} | {r.check.get('confirmed')} "
            f"| {r.check.get('waitlisted')} | {r.check.get('arrival_order_kept')} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) >= 3 and sys.argv[1] == "--prepare":
        prepare(Path(sys.argv[2]), int(sys.argv[3]))
        return 0
    if argv is None and len(sys.argv) >= 3 and sys.argv[1] == "--verify":
        verify(sys.argv[2])
        return 0
    options = parse_options(argv)
    if not options.pg_url.startswith(("postgres://", "postgresql://")):
        print(
            "SKIP: enrolment under contention is measured on PostgreSQL only "
            f"(the database given is {options.pg_url.split(':', 1)[0]})."
        )
        return 0
    signal.signal(signal.SIGTERM, harness._on_signal)
    signal.signal(signal.SIGINT, harness._on_signal)
    atexit.register(harness.TEARDOWN.run)
    started = time.monotonic()
    rounds: list[Round] = []
    errors: list[str] = []
    version = "PostgreSQL ?"
    preparation: dict[str, float] = {}
    try:
        rounds, version, preparation = measure(options)
    except harness.HarnessError as exc:
        print(f"\nHARNESS ERROR ({exc})", file=sys.stderr, flush=True)
        errors.append(str(exc))
    finally:
        harness.TEARDOWN.run()
    machine = harness.machine_info() | {"elapsed_s": round(time.monotonic() - started, 1)}
    results = budgets(rounds)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "machine": machine,
                "options": asdict(options) | {"pg_url": "(not recorded)"},
                "database": version,
                "preparation_s": preparation,
                "rounds": [asdict(r) for r in rounds],
                "budgets": results,
                "harness_errors": errors,
            },
            indent=2,
            default=str,
        )
        + "\n",
        encoding="utf-8",
    )
    print("\n== Results (Markdown for docs/performance.md) ==\n")
    print(markdown(rounds, options, version))
    print()
    for budget in results:
        verdict = "PASS" if budget["pass"] else "FAIL"
        print(f"{verdict} [{version}] {budget['budget']}: {budget['measured']}")
    print(f"\nResults written to {os.path.relpath(RESULTS, ROOT)} ({machine['elapsed_s']:.0f} s).")
    if errors:
        return 2
    return 0 if all(b["pass"] for b in results) else 1


if __name__ == "__main__":
    sys.exit(main())
