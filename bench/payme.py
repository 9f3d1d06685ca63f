"""Payme callback handling: p95 under 50 ms at 16 concurrent calls (issue 14), with the same
clients' throughput against the bare WSGI ceiling in the same run.

Muhandis is served by gunicorn as in production (DEBUG off, sync workers, see `run.py`), next to
the bare WSGI app served the same way. Sixteen client processes on loopback each pay their own
invoices the way Payme does: CheckPerformTransaction, CreateTransaction, PerformTransaction,
then CheckTransaction, each a JSON-RPC POST with Payme's Basic key; every call is timed. The
bare app gets the same POSTs. Rounds alternate between the two. After the run, every performed
transaction must have exactly one payment and every paid invoice must be paid once.

Run with `make bench` or `.venv/bin/python bench/payme.py [--database postgresql]`; SQLite in a
temporary folder by default. Results: bench/results/payme.json.
"""

from __future__ import annotations

import argparse
import atexit
import base64
import http.client
import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as harness
from loadgen import HOST, REQUEST_TIMEOUT, _reset_signals, percentile

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "payme.json"
P95_BUDGET_MS = 50.0
PAYME_KEY = "bench-payme-key"
MERCHANT = "bench-merchant"
METHODS = ("CheckPerformTransaction", "CreateTransaction", "PerformTransaction", "CheckTransaction")
AMOUNT_TIYIN = 112_000_000
PROBE = 100  # invoices paid in process, one at a time, before the load


@dataclass(frozen=True)
class Options:
    rounds: int
    duration: float
    warmup: float
    concurrency: int
    workers: int
    invoices: int
    database: str
    pg_url: str


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=5.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--invoices", type=int, default=6000, help="invoices to pay")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", harness.DEFAULT_PG_URL))
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
        invoices=args.invoices,
        database=args.database,
        pg_url=args.pg_url,
    )


# ---------------------------------------------------------------------------------------------
# Preparation and verification, in a child process with the server's environment


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(out: Path, count: int) -> None:
    """``count`` issued invoices of one course line each, written directly (bench data)."""
    _django()
    import datetime
    from decimal import Decimal

    from django.db import transaction

    from muhandis.accounts.models import User
    from muhandis.billing.models import Invoice, InvoiceLine, Issuer

    started = time.monotonic()
    issuer, _created = Issuer.objects.get_or_create(
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
    payer = User.objects.create(email="bench-payer@example.invalid")
    today = datetime.date.today()
    numbers = [f"BENCH-{today.year}-{n:06d}" for n in range(1, count + PROBE + 1)]
    gross = Decimal(AMOUNT_TIYIN) / 100
    with transaction.atomic():
        invoices = Invoice.objects.bulk_create(
            Invoice(
                issuer=issuer,
                number=number,
                status=Invoice.Status.ISSUED,
                currency="UZS",
                payer_person=payer,
                payer_name="Bench payer",
                issued_on=today,
                due_on=today,
                net_total=Decimal("1000000"),
                vat_total=Decimal("120000"),
                gross_total=gross,
            )
            for number in numbers
        )
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=invoice,
                description="Green solutions for sustainable rainwater management",
                unit_price=gross,
                vat_rate=Decimal(12),
                ikpu_code="10305008002000000",
                package_code="1501378",
                net_amount=Decimal("1000000"),
                vat_amount=Decimal("120000"),
                gross_amount=gross,
            )
            for invoice in invoices
        )
    out.write_text(
        json.dumps({"numbers": numbers, "seconds": round(time.monotonic() - started, 1)}),
        encoding="utf-8",
    )


def probe(out: Path, numbers: list[str]) -> None:
    """Service time without queueing: one client in process (Django's test client, the full
    middleware stack), each method's median and p95 and its SQL queries."""
    _django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    headers = {
        "Authorization": "Basic " + base64.b64encode(f"Paycom:{PAYME_KEY}".encode()).decode()
    }
    timings: dict[str, list[float]] = {method: [] for method in METHODS}
    queries: dict[str, int] = {}
    for index, number in enumerate(numbers):
        for method, body in _calls(number, f"probe{index:06d}", index * 4):
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.post(
                    "/pay/payme/", body, content_type="application/json", headers=headers
                )
                timings[method].append((time.perf_counter() - began) * 1000)
            if response.status_code != 200 or b'"error"' in response.content:
                raise SystemExit(f"{method} failed: {response.content[:300]!r}")
            queries[method] = len(captured.captured_queries)
    out.write_text(
        json.dumps(
            {
                method: {
                    "p50_ms": round(statistics.median(values), 2),
                    "p95_ms": round(percentile(sorted(values), 0.95), 2),
                    "queries": queries[method],
                }
                for method, values in timings.items()
            }
        ),
        encoding="utf-8",
    )


def verify(out: Path) -> None:
    """Each performed transaction has its one payment; no invoice is paid twice."""
    _django()
    from django.db.models import Count

    from muhandis.billing.models import Invoice, Payment, PaymeTransaction

    performed = PaymeTransaction.objects.filter(state=2).count()
    payments = Payment.objects.filter(provider="payme").count()
    twice = Payment.objects.values("invoice").annotate(n=Count("pk")).filter(n__gt=1).count()
    paid = Invoice.objects.filter(status="paid").count()
    out.write_text(
        json.dumps(
            {"performed": performed, "payments": payments, "paid": paid, "paid_twice": twice}
        ),
        encoding="utf-8",
    )


# ---------------------------------------------------------------------------------------------
# Load: client processes that POST JSON-RPC calls


@dataclass
class ClientResult:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    payments: int = 0


def _post(port: int, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("POST", "/pay/payme/", body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _calls(number: str, payme_id: str, call_id: int) -> list[tuple[str, bytes]]:
    account = {"invoice": number}
    params = [
        {"amount": AMOUNT_TIYIN, "account": account},
        {"id": payme_id, "time": int(time.time() * 1000), "amount": AMOUNT_TIYIN,
         "account": account},
        {"id": payme_id},
        {"id": payme_id},
    ]  # fmt: skip
    return [
        (method, json.dumps({"jsonrpc": "2.0", "id": call_id + n, "method": method,
                             "params": p}).encode())
        for n, (method, p) in enumerate(zip(METHODS, params, strict=True))
    ]  # fmt: skip


def run_client(args: tuple[int, list[str], float, float, float, str]) -> ClientResult:
    port, numbers, start, warmup, duration, tag = args
    headers = {
        "Content-Type": "application/json",
        "Authorization": "Basic " + base64.b64encode(f"Paycom:{PAYME_KEY}".encode()).decode(),
    }
    measure_from, measure_to = start + warmup, start + warmup + duration
    result = ClientResult({m: [] for m in METHODS}, {m: 0 for m in METHODS})
    delay = start - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    for index, number in enumerate(numbers):
        if time.monotonic() >= measure_to:
            break
        for method, body in _calls(number, f"{tag}{index:08d}", index * 4):
            began = time.monotonic()
            if began >= measure_to:
                break
            try:
                status, content = _post(port, body, headers)
                failed = status != 200 or b'"error"' in content
            except (OSError, http.client.HTTPException):
                failed = True
            finished = time.monotonic()
            if measure_from <= finished <= measure_to:
                if failed:
                    result.errors[method] += 1
                else:
                    result.latencies[method].append(finished - began)
                    result.payments += method == "PerformTransaction"
    return result


def run_load(port: int, slices: list[list[str]], options: Options, tag: str) -> dict[str, Any]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    start = time.monotonic() + 0.3
    jobs = [
        (port, numbers, start, options.warmup, options.duration, f"{tag}c{client:02d}")
        for client, numbers in enumerate(slices)
    ]
    with context.Pool(len(jobs), initializer=_reset_signals) as pool:
        results = pool.map(run_client, jobs, chunksize=1)
    every = sorted(v for r in results for values in r.latencies.values() for v in values)
    per_method = {
        method: {
            "p50_ms": round(percentile(sorted(v for r in results for v in r.latencies[method]),
                                       0.50) * 1000, 2),
            "p95_ms": round(percentile(sorted(v for r in results for v in r.latencies[method]),
                                       0.95) * 1000, 2),
        }
        for method in METHODS
    }  # fmt: skip
    errors = sum(sum(r.errors.values()) for r in results)
    return {
        "calls": len(every),
        "rps": round(len(every) / options.duration, 1),
        "p50_ms": round(percentile(every, 0.50) * 1000, 2),
        "p95_ms": round(percentile(every, 0.95) * 1000, 2),
        "p99_ms": round(percentile(every, 0.99) * 1000, 2),
        "max_ms": round(every[-1] * 1000, 2) if every else float("nan"),
        "errors": errors,
        "payments": sum(r.payments for r in results),
        "per_method": per_method,
    }


# ---------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    database: str = ""
    probe: dict[str, Any] = field(default_factory=dict)
    rounds: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    check: dict[str, Any] = field(default_factory=dict)
    budgets: list[dict[str, Any]] = field(default_factory=list)


def measure(options: Options, workdir: Path, outcome: Outcome) -> None:
    if options.database == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        outcome.database = f"SQLite {sqlite3.sqlite_version}"
    else:
        version = harness.pg_prepare(options.pg_url)
        if version is None:
            raise harness.HarnessError("PostgreSQL is unreachable")
        url = options.pg_url
        outcome.database = f"PostgreSQL {version}"
    env = harness.server_env(url, workdir) | {
        "PAYME_MERCHANT_ID": MERCHANT,
        "PAYME_KEY": PAYME_KEY,
    }
    (workdir / "static").mkdir(exist_ok=True)
    print(f"\n== Payme callbacks: preparing ({outcome.database}) ==", flush=True)
    migrate_s = harness.manage(env, "migrate", "--no-input", "-v", "0")
    prepared = workdir / "prepared.json"
    harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--prepare", str(prepared),
         str(options.invoices)],
        env,
        "preparing invoices",
    )  # fmt: skip
    numbers = json.loads(prepared.read_text(encoding="utf-8"))["numbers"][:-PROBE]
    print(f"  migrate {migrate_s:.1f} s; {len(numbers)} invoices", flush=True)
    probed = workdir / "probe.json"
    harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--probe", str(probed), str(prepared)],
        env,
        "in-process probe",
    )
    outcome.probe = json.loads(probed.read_text(encoding="utf-8"))
    for method, figures in outcome.probe.items():
        print(
            f"  in process, one client: {method:<24} p50 {figures['p50_ms']:5.1f}  p95 "
            f"{figures['p95_ms']:5.1f} ms  {figures['queries']} SQL queries",
            flush=True,
        )
    app = harness.start_gunicorn(
        "app", "config.wsgi:application", env, workdir, options.workers, "/healthz"
    )
    bare = harness.start_gunicorn(
        "bare", "bench.bare_wsgi:application", env, workdir, options.workers, "/"
    )
    # Each client pays its own invoices; each round uses fresh ones.
    per_client = len(numbers) // (options.concurrency * options.rounds)
    cursor = 0
    for number in range(1, options.rounds + 1):
        slices = []
        for _client in range(options.concurrency):
            slices.append(numbers[cursor : cursor + per_client])
            cursor += per_client
        this_round = {}
        for name, server in (("payme", app), ("bare", bare)):
            # The 1-minute load average before each run shows how busy the machine was.
            load = round(os.getloadavg()[0], 2)
            figures = run_load(server.port, slices, options, f"r{number}{name[0]}")
            figures["load_1min_before"] = load
            this_round[name] = figures
            print(
                f"  round {number} {name:<5} {figures['rps']:8.1f} calls/s  p50 "
                f"{figures['p50_ms']:6.1f}  p95 {figures['p95_ms']:6.1f}  p99 "
                f"{figures['p99_ms']:6.1f} ms  errors {figures['errors']}  load {load:.1f}",
                flush=True,
            )
        outcome.rounds.append(this_round)
        exhausted = this_round["payme"]["payments"] >= per_client * options.concurrency
        if exhausted:
            print("  NOTE: the clients ran out of invoices; raise --invoices", flush=True)
    for server in (app, bare):
        if server.process.poll() is not None:
            raise harness.HarnessError(f"gunicorn ({server.name}) died:\n{server.log_tail()}")
    bare.stop()
    app.stop()
    checked = workdir / "checked.json"
    harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--verify", str(checked)], env, "verify"
    )
    outcome.check = json.loads(checked.read_text(encoding="utf-8"))


def summarise(outcome: Outcome, options: Options) -> None:
    def med(name: str, key: str) -> float:
        return round(statistics.median(r[name][key] for r in outcome.rounds), 2)

    payme = {k: med("payme", k) for k in ("rps", "p50_ms", "p95_ms", "p99_ms")}
    bare = {k: med("bare", k) for k in ("rps", "p50_ms", "p95_ms", "p99_ms")}
    payme["errors_total"] = sum(r["payme"]["errors"] for r in outcome.rounds)
    payme["per_method_p95_ms"] = {
        m: round(
            statistics.median(r["payme"]["per_method"][m]["p95_ms"] for r in outcome.rounds), 2
        )
        for m in METHODS
    }
    ratio = round(payme["rps"] / bare["rps"], 3) if bare["rps"] else None
    outcome.summary = {"payme": payme, "bare": bare, "ratio_to_bare": ratio}
    check = outcome.check
    once = check["performed"] == check["payments"] and check["paid_twice"] == 0
    outcome.budgets = [
        {
            "budget": f"Payme callback p95 < {P95_BUDGET_MS:.0f} ms at {options.concurrency} "
            "concurrent calls",
            "measured": f"{payme['p95_ms']:.1f} ms (throughput {payme['rps']:.0f} / bare "
            f"{bare['rps']:.0f} calls/s = {ratio} × the ceiling)",
            "pass": payme["p95_ms"] < P95_BUDGET_MS and payme["errors_total"] == 0,
        },
        {
            "budget": "every performed transaction paid exactly once",
            "measured": f"{check['performed']} performed, {check['payments']} payments, "
            f"{check['paid_twice']} invoices paid twice",
            "pass": once,
        },
    ]


def markdown(outcome: Outcome, options: Options) -> str:
    s = outcome.summary
    p, b = s["payme"], s["bare"]
    methods = ", ".join(f"{m} {v:.1f}" for m, v in p["per_method_p95_ms"].items())
    loads = ", ".join(
        f"{r[name]['load_1min_before']:.1f}" for r in outcome.rounds for name in ("payme", "bare")
    )
    return "\n".join(
        [
            f"{outcome.database}; {options.concurrency} concurrent clients, gunicorn "
            f"{options.workers} sync workers; {options.rounds} rounds of {options.warmup:g} s "
            f"warm-up + {options.duration:g} s, medians of the rounds; 1-minute load average "
            f"before the runs {loads}.",
            "",
            "| Target | Calls/s | p50 ms | p95 ms | p99 ms | Ratio to bare |",
            "|---|---:|---:|---:|---:|---:|",
            f"| `POST /pay/payme/` (check, create, perform, check) | {p['rps']:.0f} "
            f"| {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | {p['p99_ms']:.1f} "
            f"| {s['ratio_to_bare']} |",
            f"| bare WSGI app (ceiling) | {b['rps']:.0f} | {b['p50_ms']:.1f} "
            f"| {b['p95_ms']:.1f} | {b['p99_ms']:.1f} | 1 |",
            "",
            f"p95 per method under load (ms): {methods}.",
            "",
            "In process, one client, no queueing (p50 / p95 ms, SQL queries): "
            + ", ".join(
                f"{m} {v['p50_ms']:.1f} / {v['p95_ms']:.1f}, {v['queries']}"
                for m, v in outcome.probe.items()
            )
            + ".",
        ]
    )


def main() -> int:
    if len(sys.argv) >= 3 and sys.argv[1] == "--prepare":
        prepare(Path(sys.argv[2]), int(sys.argv[3]))
        return 0
    if len(sys.argv) >= 3 and sys.argv[1] == "--probe":
        probe(Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text())["numbers"][-PROBE:])
        return 0
    if len(sys.argv) >= 3 and sys.argv[1] == "--verify":
        verify(Path(sys.argv[2]))
        return 0
    options = parse_options()
    signal.signal(signal.SIGTERM, harness._on_signal)
    signal.signal(signal.SIGINT, harness._on_signal)
    atexit.register(harness.TEARDOWN.run)
    started = time.monotonic()
    outcome = Outcome()
    errors: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="muhandis-bench-payme-"))
    try:
        harness.TEARDOWN.add(f"remove {workdir}", lambda: shutil.rmtree(workdir, True))
        measure(options, workdir, outcome)
        summarise(outcome, options)
    except harness.HarnessError as exc:
        print(f"\nHARNESS ERROR ({exc})", file=sys.stderr, flush=True)
        errors.append(str(exc))
    finally:
        harness.TEARDOWN.run()
    machine = harness.machine_info() | {"elapsed_s": round(time.monotonic() - started, 1)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"machine": machine, "options": asdict(options), **asdict(outcome),
             "harness_errors": errors},
            indent=2, default=str,
        ) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    if errors:
        return 2
    print("\n== Results (Markdown for docs/performance.md) ==\n")
    print(markdown(outcome, options))
    print()
    for budget in outcome.budgets:
        print(f"{'PASS' if budget['pass'] else 'FAIL'} [{outcome.database}] "
              f"{budget['budget']}: {budget['measured']}")  # fmt: skip
    print(f"\nResults written to {os.path.relpath(RESULTS, ROOT)} ({machine['elapsed_s']:.0f} s).")
    return 0 if all(b["pass"] for b in outcome.budgets) else 1


if __name__ == "__main__":
    sys.exit(main())
