"""Forum search over 100,000 posts (`make bench`).

Budget (issue 16): forum search over 100,000 posts, p95 under 100 ms on PostgreSQL with a
full-text index. SQLite (LIKE over the stored Latin search key) is measured and reported too.

For each database: a fresh database (migrate), 100,000 posts written in bulk (10,000 topics of
ten posts, texts drawn from Uzbek, Russian and English engineering vocabularies, so that a
query in either script meets both), then
- in process: ``forum.selectors.search.search`` for 36 queries (one to three words; Latin and
  Cyrillic; frequent words matching thousands of posts and rare ones), p50/p95/p99, the number
  of SQL queries, and PostgreSQL's plan (the GIN index must be used);
- over HTTP: gunicorn serving ``bench/forum_search_wsgi.py`` (Django set up as in production,
  answering ``/search?q=`` with the selector's hits as JSON) next to the bare WSGI app, at 4
  clients, so the figure includes the worker, the connection and serialisation; and the
  forum's own search page (``forum:search``, ``?q=``) when the pages exist.

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
``--fill`` and ``--probe`` are internal (run in the bench environment).
"""

from __future__ import annotations

import argparse
import json
import os
import random
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
RESULTS = ROOT / "bench" / "results" / "forum_search.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_forum"
SEARCH_P95_MS = 100.0
SEARCH_CLIENTS = 4
POSTS_PER_TOPIC = 10
IN_PROCESS_REPEATS = 5

UZ = [
    "suv", "quvur", "tarmoq", "poydevor", "beton", "armatura", "grunt", "lyoss", "loyiha",
    "qurilish", "bino", "devor", "yopma", "nasos", "stansiya", "tozalash", "kanalizatsiya",
    "bosim", "diametr", "hisob", "meʼyor", "sertifikat", "muhandis", "smeta", "shartnoma",
    "tender", "pudratchi", "buyurtmachi", "ekspertiza", "ruxsatnoma", "qavat", "ustun",
    "toʻsin", "yoriq", "namlik", "izolyatsiya", "issiqlik", "yuk", "zilzila", "seysmik",
    "mustahkamlik", "sinov", "laboratoriya", "taʼmir", "rekonstruksiya", "mahalla", "tuman",
    "viloyat", "hokimlik", "vazirlik", "standart", "hujjat", "chizma",
]  # fmt: skip
RU = [
    "вода", "труба", "сеть", "фундамент", "бетон", "арматура", "грунт", "лёсс", "проект",
    "строительство", "здание", "стена", "перекрытие", "насос", "станция", "очистка",
    "канализация", "давление", "диаметр", "расчёт", "норма", "сертификат", "инженер", "смета",
    "договор", "тендер", "подрядчик", "заказчик", "экспертиза", "разрешение", "этаж",
    "колонна", "балка", "трещина", "влажность", "изоляция", "тепло", "нагрузка",
    "землетрясение", "сейсмика", "прочность", "испытание", "лаборатория", "ремонт",
    "реконструкция", "махалля", "район", "область", "хокимият", "министерство", "стандарт",
]  # fmt: skip
EN = [
    "water", "pipe", "network", "foundation", "concrete", "rebar", "soil", "loess", "design",
    "construction", "building", "wall", "slab", "pump", "station", "treatment", "sewer",
    "pressure", "diameter", "calculation", "code", "certificate", "engineer", "estimate",
    "contract", "tender", "contractor", "client", "review", "permit", "storey", "column",
    "beam", "crack", "moisture", "insulation", "heat", "load", "earthquake", "seismic",
    "strength", "test", "laboratory", "repair", "retrofit", "district", "region", "ministry",
    "standard", "drawing", "chlorine", "tank", "valve", "meter", "leakage",
]  # fmt: skip
QUERIES = [
    "suv", "вода", "water", "quvur", "труба", "pipe", "poydevor", "фундамент", "foundation",
    "beton armatura", "бетон арматура", "concrete rebar", "lyoss grunt", "лёсс грунт",
    "seysmik mustahkamlik", "сейсмика прочность", "seismic strength", "nasos stansiya",
    "насосная станция", "pump station", "tender shartnoma", "тендер договор",
    "contract tender", "yoriq", "трещина", "crack", "chlorine tank valve",
    "хокимият разрешение", "ruxsatnoma ekspertiza", "leakage meter", "suv quvur tarmoq",
    "вода труба сеть", "izolyatsiya issiqlik", "изоляция тепло", "muhandis sertifikat",
    "инженер сертификат",
]  # fmt: skip


@dataclass(frozen=True)
class Options:
    count: int
    rounds: int
    duration: float
    warmup: float
    workers: int
    databases: tuple[str, ...]
    pg_url: str


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="posts to load")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=float, default=4.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_FORUM_PG_URL", DEFAULT_PG_URL))
    args = parser.parse_args(argv)
    if not (POSTS_PER_TOPIC <= args.count <= 1_000_000 and 1 <= args.rounds <= 10):
        parser.error("count must be 10..1,000,000 and rounds 1..10")
    return Options(
        count=args.count,
        rounds=args.rounds,
        duration=args.duration,
        warmup=args.warmup,
        workers=args.workers,
        databases=tuple(args.database or ("sqlite", "postgresql")),
        pg_url=args.pg_url,
    )


# ---------------------------------------------------------------------------------------------
# Inside the bench environment (Django set up)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _text(rng: random.Random, words: int) -> str:
    vocabulary = rng.choice((UZ, RU, EN))
    # Zipf-like: a few words are everywhere, most are rarer.
    chosen = [
        vocabulary[min(int(rng.paretovariate(1.2)) - 1, len(vocabulary) - 1)] for _ in range(words)
    ]
    rng.shuffle(chosen)
    return " ".join(chosen).capitalize() + "."


def fill(count: int) -> dict[str, Any]:
    """Write ``count`` posts in bulk (ten per topic), as the services would store them."""
    _django()
    from django.db import transaction
    from django.utils import timezone
    from django.utils.html import escape

    from muhandis.accounts.models import User
    from muhandis.forum import markdown
    from muhandis.forum.models import Category, Post, Topic

    rng = random.Random(16)
    started = time.perf_counter()
    people = User.objects.bulk_create(
        User(email=f"forum{n}@bench.example", given_name=f"Member{n}") for n in range(300)
    )
    categories = [
        Category.objects.create(slug=f"bench-{n}", name_uz=f"Boʻlim {n}", position=n)
        for n in range(8)
    ]
    now = timezone.now()
    topics_needed = count // POSTS_PER_TOPIC
    for first in range(0, topics_needed, 500):
        with transaction.atomic():
            topics = Topic.objects.bulk_create(
                Topic(
                    title=_text(rng, 8)[:190],
                    category=rng.choice(categories),
                    author=rng.choice(people),
                    last_activity_at=now,
                    answer_count=POSTS_PER_TOPIC - 1,
                )
                for _ in range(min(500, topics_needed - first))
            )
            posts = []
            for topic in topics:
                for number in range(1, POSTS_PER_TOPIC + 1):
                    body = _text(rng, rng.randint(25, 70))
                    title = topic.title if number == 1 else ""
                    posts.append(
                        Post(
                            topic=topic,
                            number=number,
                            author=rng.choice(people),
                            body=body,
                            html=f"<p>{escape(body)}</p>",
                            search_text=markdown.search_text(title, body),
                        )
                    )
            Post.objects.bulk_create(posts, batch_size=1000)
    _analyse()
    return {"posts": Post.objects.count(), "seconds": round(time.perf_counter() - started, 1)}


def _analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def probe() -> dict[str, Any]:
    """Time the selector in process for every query; count its SQL; PostgreSQL's plan."""
    _django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from muhandis.forum.models import Post
    from muhandis.forum.selectors import search

    search.search(query=QUERIES[0])
    timings: list[float] = []
    hits: dict[str, int] = {}
    for _ in range(IN_PROCESS_REPEATS):
        for query in QUERIES:
            started = time.perf_counter()
            found = search.search(query=query)
            timings.append((time.perf_counter() - started) * 1000)
            hits[query] = len(found)
    with CaptureQueriesContext(connection) as queries:
        search.search(query="beton armatura")
    plan: list[str] = []
    if connection.vendor == "postgresql":
        # A rare query goes through the GIN index; a frequent one may walk the primary key.
        for query in ("seysmik mustahkamlik", "suv"):
            words = search.words_of(query)
            tsquery = " & ".join(f"{word}:*" for word in words)
            with connection.cursor() as cursor:
                cursor.execute(
                    "EXPLAIN " + search._CANDIDATES_SQL.format(category=""),
                    [tsquery, search.CANDIDATES],
                )
                plan += [f"[{query}] {row[0]}" for row in cursor.fetchall()]
    timings.sort()
    return {
        "posts": Post.objects.count(),
        "queries": len(queries.captured_queries),
        "sql": [q["sql"][:400] for q in queries.captured_queries],
        "plan": plan,
        "uses_gin_index": any(
            "forum_post_search_vector" in line for line in plan if line.startswith("[seysmik")
        ),
        "hits": hits,
        "in_process_ms": {
            "p50": round(_percentile(timings, 0.50), 2),
            "p95": round(_percentile(timings, 0.95), 2),
            "p99": round(_percentile(timings, 0.99), 2),
            "max": round(timings[-1], 2),
        },
        "page_path": _page_path(),
    }


def _page_path() -> str:
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    try:
        with translation.override("uz"):
            return reverse("forum:search")
    except NoReverseMatch:
        return ""


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(fraction * len(values)) - 1))
    return values[index]


# ---------------------------------------------------------------------------------------------
# One database


@dataclass
class DatabaseRun:
    database: str
    status: str = "not run"
    note: str = ""
    server_version: str = ""
    posts: int = 0
    preparation_s: dict[str, float] = field(default_factory=dict)
    probe: dict[str, Any] = field(default_factory=dict)
    rounds: list[dict[str, dict[str, Any]]] = field(default_factory=list)
    summary: dict[str, dict[str, Any]] = field(default_factory=dict)
    budgets: list[dict[str, Any]] = field(default_factory=list)


def prepare(run: DatabaseRun, options: Options, base_dir: Path) -> dict[str, str] | None:
    workdir = Path(tempfile.mkdtemp(prefix=f"forum-{run.database}-", dir=base_dir))
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
    env["BENCH_WORKDIR"] = str(workdir)
    print(f"\n== {run.database}: preparing ({run.server_version}) ==", flush=True)
    run.preparation_s["migrate"] = harness.manage(env, "migrate", "--no-input", "-v", "0")
    out, elapsed = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--fill", str(options.count)],
        env,
        "writing the posts",
    )
    run.preparation_s["fill"] = round(elapsed, 1)
    run.posts = json.loads(out)["posts"]
    print(
        "  prepared in "
        + ", ".join(f"{k} {v:.1f} s" for k, v in run.preparation_s.items())
        + f"; {run.posts:,} posts",
        flush=True,
    )
    return env


def search_paths(prefix: str) -> list[str]:
    return [f"{prefix}?{urllib.parse.urlencode({'q': query})}" for query in QUERIES]


def measure_database(database: str, options: Options, base_dir: Path) -> DatabaseRun:
    run = DatabaseRun(database)
    env = prepare(run, options, base_dir)
    if env is None:
        run.status, run.note = "skipped", "PostgreSQL unreachable"
        return run
    workdir = Path(env["BENCH_WORKDIR"])
    out, _ = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--probe"], env, "search probe"
    )
    run.probe = json.loads(out)
    timing = run.probe["in_process_ms"]
    print(
        f"  in process: {run.probe['queries']} SQL query per search, p50 {timing['p50']} ms, "
        f"p95 {timing['p95']} ms, p99 {timing['p99']} ms; GIN index used: "
        f"{run.probe['uses_gin_index']}",
        flush=True,
    )
    app = harness.start_gunicorn(
        "search", "bench.forum_search_wsgi:application", env, workdir, options.workers, "/"
    )
    bare = harness.start_gunicorn(
        "bare", "bench.bare_wsgi:application", env, workdir, options.workers, "/"
    )
    targets = {"search": _target(app.port, "/search"), "bare": Target(bare.port, "/")}
    if run.probe["page_path"]:
        page = harness.start_gunicorn(
            "app", "config.wsgi:application", env, workdir, options.workers, "/healthz"
        )
        targets["page"] = _target(page.port, run.probe["page_path"])
    for number in range(1, options.rounds + 1):
        this_round = {}
        for scenario, target in targets.items():
            measured = run_load(target, SEARCH_CLIENTS, options.warmup, options.duration)
            this_round[scenario] = measured.as_dict() | {"clients": SEARCH_CLIENTS}
            print(
                f"  round {number} {scenario:<7} {measured.rps:8.1f} req/s"
                f"  p50 {measured.p50_ms:6.1f}  p95 {measured.p95_ms:6.1f}"
                f"  p99 {measured.p99_ms:6.1f} ms  errors {measured.errors}"
                + (f" {measured.error_kinds}" if measured.errors else ""),
                flush=True,
            )
        run.rounds.append(this_round)
    summarise(run)
    run.budgets = budgets(run)
    run.status = "ok"
    return run


def _target(port: int, prefix: str) -> Target:
    paths = search_paths(prefix)
    return Target(port, paths[0], more_paths=tuple(paths[1:]))


def summarise(run: DatabaseRun) -> None:
    for scenario in run.rounds[0]:
        rounds = [r[scenario] for r in run.rounds]
        run.summary[scenario] = {
            key: round(statistics.median(m[key] for m in rounds), 2)
            for key in ("rps", "p50_ms", "p95_ms", "p99_ms")
        } | {"errors_total": sum(m["errors"] for m in rounds), "clients": rounds[0]["clients"]}
    bare = run.summary["bare"]["rps"]
    for measured in run.summary.values():
        measured["ratio_to_bare"] = round(measured["rps"] / bare, 3) if bare else 0.0


def budgets(run: DatabaseRun) -> list[dict[str, Any]]:
    if not run.server_version.startswith("PostgreSQL"):
        return []
    search = run.summary["search"]
    found = [
        _budget(
            f"forum search p95 < {SEARCH_P95_MS:.0f} ms at {search['clients']} clients "
            f"({run.posts:,} posts)",
            f"{search['p95_ms']:.1f} ms",
            search["p95_ms"] < SEARCH_P95_MS,
            search["errors_total"],
        ),
        _budget(
            "forum search uses the GIN full-text index",
            str(run.probe["uses_gin_index"]),
            bool(run.probe["uses_gin_index"]),
            0,
        ),
    ]
    if "page" in run.summary:
        page = run.summary["page"]
        found.append(
            _budget(
                f"forum search page p95 < {SEARCH_P95_MS:.0f} ms",
                f"{page['p95_ms']:.1f} ms",
                page["p95_ms"] < SEARCH_P95_MS,
                page["errors_total"],
            )
        )
    return found


def _budget(name: str, measured: str, passed: bool, errors: int) -> dict[str, Any]:
    return {"budget": name, "measured": measured, "pass": passed and errors == 0, "errors": errors}


# ---------------------------------------------------------------------------------------------
# Report


LABELS = {
    "search": "`GET /search?q=…` (selector through gunicorn, JSON)",
    "page": "`GET /uz/forum/search/?q=…` (the search page)",
    "bare": "bare WSGI app (ceiling)",
}


def markdown(runs: list[DatabaseRun], options: Options) -> str:
    lines = [
        f"{options.count:,} posts; gunicorn {options.workers} sync workers; {SEARCH_CLIENTS} "
        f"clients; {options.rounds} rounds × {options.duration:g} s (+{options.warmup:g} s "
        "warm-up); medians over rounds; 36 queries in turn.",
        "",
        "| Database | Scenario | Requests/s | × bare | p50 ms | p95 ms | p99 ms | Errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        if run.status != "ok":
            lines.append(f"| {run.database} | {run.status}: {run.note} | | | | | | |")
            continue
        timing = run.probe["in_process_ms"]
        lines.append(
            f"| {run.server_version} | selector in process ({run.probe['queries']} SQL query) "
            f"| | | {timing['p50']:.1f} | {timing['p95']:.1f} | {timing['p99']:.1f} | 0 |"
        )
        for scenario, m in run.summary.items():
            lines.append(
                f"| {run.server_version} | {LABELS[scenario]} | {m['rps']:.0f} "
                f"| {m['ratio_to_bare']:.2f} | {m['p50_ms']:.1f} | {m['p95_ms']:.1f} "
                f"| {m['p99_ms']:.1f} | {m['errors_total']} |"
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
    if argv is None and sys.argv[1:2] == ["--fill"]:
        sys.stdout.write(json.dumps(fill(int(sys.argv[2]))))
        return 0
    if argv is None and sys.argv[1:] == ["--probe"]:
        sys.stdout.write(json.dumps(probe()))
        return 0
    options = parse_options(argv)
    return harness.run_per_database(
        name="forum-search",
        options=options,
        measure=measure_database,
        failed=lambda database, note: DatabaseRun(database, status="error", note=note),
        markdown=markdown,
        results=RESULTS,
    )


if __name__ == "__main__":
    sys.exit(main())
