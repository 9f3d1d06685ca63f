"""The forum's topic page with 200 posts under load (`make bench`).

Budget (issue 16): the topic page `GET /uz/forum/t/<id>/` of a question with 199 answers
(200 posts), 150 comments, votes, tags, and authors with trust levels, staff roles and
certificates answers at least 0.1 × the bare-WSGI ceiling measured in the same run, in at most
10 SQL queries. The query count of the page for a signed-in engineer (their own votes and
buttons, never cached) is probed and reported against the same budget.

For each database: a fresh database (migrate, then the forum written by `--populate`),
gunicorn serving the app as in production next to the bare WSGI app, and the load generator
of `bench/run.py`, whose helpers this reuses.

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
`--populate` and `--probe` are internal: run in the bench environment, they write the forum
and print the query counts as JSON.
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
from loadgen import Target, run_load

ROOT = harness.ROOT
RESULTS = ROOT / "bench" / "results" / "forum_topic.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_forum_topic"

RATIO_BUDGET = 0.1
QUERY_BUDGET = 10
POSTS = 200
COMMENTS = 150
AUTHORS = 60
SCENARIOS = ("topic", "home", "bare")
LABELS = {
    "topic": "`GET /uz/forum/t/<id>/` (200 posts, anonymous)",
    "home": "`GET /uz/` (home, anonymous; for comparison)",
    "bare": "bare WSGI app (ceiling)",
}


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
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_FORUM_PG_URL", DEFAULT_PG_URL))
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


# ---------------------------------------------------------------------------------------------
# Inside the bench environment, with Django.


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


BODY = (
    "For a **{n} m** rise at 40 l/s I would take two pumps on duty and one standby.\n\n"
    "- check the NPSH margin at the lowest level\n- size the rising main for 1.5 m/s\n\n"
    "Steel pipe `DN 200`, PN 16; the surge vessel sized from the transient run."
)


def populate() -> dict[str, Any]:
    """One question with 199 answers by 60 people (some staff, some certified, every trust
    level), 150 comments, 3 tags, votes, and a few more topics in two categories."""
    _django()
    import datetime
    import random

    from django.db import transaction
    from django.utils import timezone

    from muhandis.accounts.models import RoleAssignment, User
    from muhandis.forum import markdown
    from muhandis.forum.models import (
        Category,
        Comment,
        ForumProfile,
        Post,
        Tag,
        Topic,
        Vote,
    )

    chooser = random.Random(16)
    now = timezone.now()
    with transaction.atomic():
        people = User.objects.bulk_create(
            User(
                email=f"forum-{n}@example.invalid",
                given_name=f"Muhandis{n}",
                family_name="Karimov",
            )
            for n in range(AUTHORS)
        )
        ForumProfile.objects.bulk_create(
            ForumProfile(person=p, handle=f"muhandis-{n}", trust_level=n % 4)
            for n, p in enumerate(people)
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=people[n], role=role)
            for n, role in ((0, "moderator"), (1, "registrar"), (2, "engineer"), (3, "engineer"))
        )
        top = Category.objects.create(slug="water", name="Water", name_uz="Suv", position=1)
        sub = Category.objects.create(
            slug="pumps", name="Pumps", name_uz="Nasoslar", parent=top, position=1
        )
        tags = Tag.objects.bulk_create(Tag(name=n) for n in ("pumps", "surge", "design"))
        topic = Topic.objects.create(
            title="Which pumps for a 60 m rise at 40 l/s?",
            category=sub,
            author=people[5],
            last_activity_at=now,
            answer_count=POSTS - 1,
            views_count=1234,
        )
        topic.tags.set(tags)
        posts = Post.objects.bulk_create(
            Post(
                topic=topic,
                number=n + 1,
                author=people[(5 + n) % AUTHORS],
                body=BODY.format(n=n),
                html=markdown.render(BODY.format(n=n)) if hasattr(markdown, "render") else "",
                search_text=markdown.search_text(BODY.format(n=n)),
                score=chooser.randint(-2, 12),
                created_at=now - datetime.timedelta(minutes=POSTS - n),
            )
            for n in range(POSTS)
        )
        Topic.objects.filter(pk=topic.pk).update(accepted_answer=posts[7])
        Comment.objects.bulk_create(
            Comment(
                post=posts[n % POSTS],
                author=people[(n * 7) % AUTHORS],
                body=f"Did you check the static head at the lowest level? ({n})",
            )
            for n in range(COMMENTS)
        )
        voters = [
            (posts[n % POSTS], people[(n * 3 + n // POSTS + 1) % AUTHORS]) for n in range(400)
        ]
        Vote.objects.bulk_create(
            Vote(post=post, person=person, value=1)
            for post, person in voters
            if post.author_id != person.pk
        )
        for n in range(20):
            other = Topic.objects.create(
                title=f"Question {n} about water supply design",
                category=sub if n % 2 else top,
                author=people[n],
                last_activity_at=now - datetime.timedelta(hours=n),
            )
            Post.objects.create(
                topic=other, number=1, author=people[n], body=BODY.format(n=n), html="<p>x</p>"
            )
    _certify(people[2:12])
    return {
        "topic": str(topic.public_id),
        "posts": Post.objects.filter(topic=topic).count(),
        "comments": Comment.objects.filter(post__topic=topic).count(),
        "votes": Vote.objects.count(),
        "viewer": people[30].email,
    }


def _certify(people: list) -> None:
    """Valid certificates for some authors, under the certification demo's first scheme."""
    import datetime

    from django.db import transaction
    from django.utils import timezone

    from muhandis.certification import demo
    from muhandis.certification.models import Certificate, Scheme
    from muhandis.certification.services.decisions import next_certificate_number

    if not Scheme.objects.exists():
        demo.load(lambda line: None)
    scheme = Scheme.objects.filter(status=Scheme.Status.ACTIVE).first()
    today = timezone.localdate()
    for person in people:
        # The number series is locked (select_for_update) while a number is taken.
        with transaction.atomic():
            Certificate.objects.create(
                number=next_certificate_number(today),
                holder=person,
                scheme=scheme,
                source=Certificate.Source.IMPORT,
                holder_name_latin=person.display_name,
                effective_date=today - datetime.timedelta(days=30),
                expiry_date=today + datetime.timedelta(days=1000),
            )


def probe(topic_id: str, viewer_email: str) -> dict[str, Any]:
    _django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from muhandis.accounts.models import User

    path = f"/uz/forum/t/{topic_id}/"
    anonymous = Client(HTTP_HOST="127.0.0.1")
    signed_in = Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(User.objects.get(email=viewer_email))
    counts = {}
    for scenario, client, clear in (
        ("anonymous, not cached", anonymous, True),
        ("anonymous, cached", anonymous, False),
        ("signed in", signed_in, True),
    ):
        client.get(path)
        if clear:
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
        f"  {run.loaded['posts']} posts, {run.loaded['comments']} comments, "
        f"{run.loaded['votes']} votes",
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
    topic_path = f"/uz/forum/t/{run.loaded['topic']}/"
    out, _ = harness.run_command(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--probe",
            run.loaded["topic"],
            run.loaded["viewer"],
        ],
        env,
        "query probe",
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
    targets = {
        "topic": Target(app.port, topic_path),
        "home": Target(app.port, "/uz/"),
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
    page, bare = run.summary["topic"], run.summary["bare"]
    most = max(found["queries"] for found in run.queries.values())
    statuses = {found["status"] for found in run.queries.values()}
    return [
        {
            "budget": f"topic page (200 posts) rps >= {RATIO_BUDGET} x bare",
            "measured": f"{page['rps']:.0f} / {bare['rps']:.0f} = {page['ratio_to_bare']:.3f}",
            "pass": page["ratio_to_bare"] >= RATIO_BUDGET and page["errors_total"] == 0,
            "errors": page["errors_total"],
        },
        {
            "budget": f"topic page (anonymous and signed in): at most {QUERY_BUDGET} SQL queries",
            "measured": str(most),
            "pass": most <= QUERY_BUDGET and statuses == {200},
            "errors": 0,
        },
    ]


# ---------------------------------------------------------------------------------------------
# Report


def markdown(runs: list[DatabaseRun], options: Options) -> str:
    lines = [
        f"{POSTS} posts, {COMMENTS} comments; gunicorn {options.workers} sync workers; "
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
            if scenario == "topic":
                queries = " / ".join(str(v["queries"]) for v in run.queries.values())
            else:
                queries = "–"
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
        sys.stdout.write(json.dumps(probe(sys.argv[2], sys.argv[3])))
        return 0
    options = parse_options(argv)
    return harness.run_per_database(
        name="forum-topic",
        options=options,
        measure=measure_database,
        failed=lambda database, note: DatabaseRun(database, status="error", note=note),
        markdown=markdown,
        results=RESULTS,
    )


if __name__ == "__main__":
    sys.exit(main())
