"""Load generator: a fixed number of client processes GET one URL on loopback for a fixed time.

Each client is its own process (no GIL contention between clients) and uses ``http.client``.
It keeps the connection open when the server allows it; gunicorn's sync workers close every
connection, so against them each request opens a new one. That is the same for every
scenario, the bare WSGI ceiling included.

Timing: all clients start at the same instant, send requests during a warm-up, then during
the measured window. A request counts in the window when it *completes* inside it; its
latency is measured from before the connection is (re)opened to the end of the body.
Every loop is bounded both in time and in number of requests.
"""

from __future__ import annotations

import http.client
import multiprocessing
import signal
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

# Load goes to loopback only.
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 10.0
# A client never sends more than this many requests in one measurement (warm-up included).
MAX_REQUESTS_PER_CLIENT = 200_000
# After a failed connection, wait this long before retrying, so that a dead server is not
# hammered in a tight loop.
ERROR_BACKOFF = 0.005


@dataclass(frozen=True)
class Target:
    port: int
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    expect_status: int = 200
    # More paths to spread the load over (for example many certificate numbers): requests
    # then go through ``path`` and these in turn, each client starting at its own place.
    more_paths: tuple[str, ...] = ()

    def paths(self) -> tuple[str, ...]:
        return (self.path, *self.more_paths)


@dataclass(frozen=True)
class Window:
    start: float  # time.monotonic() at which every client starts (system-wide clock)
    warmup: float  # seconds
    duration: float  # seconds


@dataclass
class ClientResult:
    latencies: list[float]  # seconds, of requests completed inside the window
    errors: int  # inside the window
    error_kinds: dict[str, int]
    warmup_requests: int
    warmup_errors: int
    connections: int  # connections opened inside the window


@dataclass
class Measurement:
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    errors: int
    error_kinds: dict[str, int]
    warmup_requests: int
    warmup_errors: int
    connections_per_request: float
    duration: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "mean_ms": round(self.mean_ms, 2),
            "max_ms": round(self.max_ms, 2),
            "errors": self.errors,
            "error_kinds": self.error_kinds,
            "warmup_requests": self.warmup_requests,
            "warmup_errors": self.warmup_errors,
            "connections_per_request": round(self.connections_per_request, 3),
            "duration_s": self.duration,
        }


def _one_request(
    conn: http.client.HTTPConnection | None, target: Target, path: str | None = None
) -> tuple[http.client.HTTPConnection | None, str | None, bool]:
    """Send one GET; return the connection to reuse (or None), an error kind, and whether a
    new connection was opened."""
    opened = conn is None
    if conn is None:
        conn = http.client.HTTPConnection(HOST, target.port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", path or target.path, headers=target.headers)
        response = conn.getresponse()
        response.read()
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        return None, type(exc).__name__, opened
    if response.will_close:
        conn.close()
        conn = None
    if response.status != target.expect_status:
        return conn, f"status {response.status}", opened
    return conn, None, opened


def run_client(target: Target, window: Window, client: int = 0) -> ClientResult:
    paths = target.paths()
    measure_from = window.start + window.warmup
    measure_to = measure_from + window.duration
    result = ClientResult([], 0, {}, 0, 0, 0)
    delay = window.start - time.monotonic()
    if delay > 0:
        time.sleep(delay)
    conn: http.client.HTTPConnection | None = None
    try:
        for number in range(MAX_REQUESTS_PER_CLIENT):
            started = time.monotonic()
            if started >= measure_to:
                break
            path = paths[(client * 7919 + number) % len(paths)]
            conn, error, opened = _one_request(conn, target, path)
            finished = time.monotonic()
            if finished < measure_from:
                result.warmup_requests += 1
                result.warmup_errors += error is not None
            elif finished <= measure_to:
                result.connections += opened
                if error is None:
                    result.latencies.append(finished - started)
                else:
                    result.errors += 1
                    result.error_kinds[error] = result.error_kinds.get(error, 0) + 1
            if error is not None and conn is None:
                time.sleep(ERROR_BACKOFF)
    finally:
        if conn is not None:
            conn.close()
    return result


def _client_entry(args: tuple[Target, Window, int]) -> ClientResult:
    return run_client(*args)


def _reset_signals() -> None:
    # Clients inherit the harness's handlers; Ctrl+C and teardown belong to the harness.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (the "inclusive" method)."""
    if not sorted_values:
        return float("nan")
    if len(sorted_values) == 1:
        return sorted_values[0]
    position = fraction * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def run_load(target: Target, concurrency: int, warmup: float, duration: float) -> Measurement:
    """Run ``concurrency`` client processes against ``target``; return the combined figures."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Leave time for the client processes to start before the common start instant.
    window = Window(start=time.monotonic() + 0.3, warmup=warmup, duration=duration)
    with context.Pool(concurrency, initializer=_reset_signals) as pool:
        jobs = [(target, window, client) for client in range(concurrency)]
        results = pool.map(_client_entry, jobs, chunksize=1)
    latencies = sorted(value for result in results for value in result.latencies)
    errors = sum(result.errors for result in results)
    kinds: dict[str, int] = {}
    for result in results:
        for kind, count in result.error_kinds.items():
            kinds[kind] = kinds.get(kind, 0) + count
    completed = len(latencies) + errors
    return Measurement(
        requests=completed,
        # Throughput counts successful responses only.
        rps=len(latencies) / duration,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p95_ms=percentile(latencies, 0.95) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
        mean_ms=(statistics.fmean(latencies) * 1000) if latencies else float("nan"),
        max_ms=(latencies[-1] * 1000) if latencies else float("nan"),
        errors=errors,
        error_kinds=kinds,
        warmup_requests=sum(result.warmup_requests for result in results),
        warmup_errors=sum(result.warmup_errors for result in results),
        connections_per_request=(
            sum(result.connections for result in results) / completed if completed else 0.0
        ),
        duration=duration,
    )
