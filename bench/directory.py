"""The public directory under load, with 5,000 member firms and 50,000 listed engineers
(`make bench`).

Budget (community issue): directory search — a name fragment typed in Latin or in Cyrillic,
with a filter — p95 under 50 ms, for the firms' search (`GET /uz/directory/?q=…&…`) and the
engineers' search (`GET /uz/directory/engineers/?q=…&…`), each page in at most 10 SQL
queries. As in bench/register.py, each is also reported as a ratio to the bare-WSGI ceiling
measured in the same run, so that figures from a busy machine can be read.

For each database: a fresh database (migrate, then the directory written by `--populate`:
5,000 firms with profiles, sectors, regions served and areas, 4,500 of them members in good
standing and 500 whose membership expired; 50,000 engineers listed with languages, areas and
a region, one in ten certified), gunicorn serving the app as in production next to the bare
WSGI app, and the load generator of `bench/run.py`, whose helpers this reuses. The public
rate limit is lifted through its setting, nothing else changes. A page of cards is cached for
a minute (as the training catalogue's list is), so the load mostly measures cached answers;
the probe reports each search's query count and time with the cache emptied first.

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
`--populate` and `--probe` are internal: run in the bench environment, they write the
directory and print the query counts as JSON.
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
RESULTS = ROOT / "bench" / "results" / "directory.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_directory"

P95_MS = 50.0
QUERY_BUDGET = 10
FIRMS = 5_000
ENGINEERS = 50_000
SCENARIOS = ("firms", "engineers", "bare")
LABELS = {
    "firms": "`GET /uz/directory/?q=…&…` (firms: name fragment + a filter)",
    "engineers": "`GET /uz/directory/engineers/?q=…&…` (engineers: name fragment + a filter)",
    "bare": "bare WSGI app (ceiling)",
}
FIRMS_PATH = "/uz/directory/"
ENGINEERS_PATH = "/uz/directory/engineers/"

# Names as (Latin, Cyrillic) pairs, so that either spelling finds them.
GIVEN = [
    ("Dilnoza", "Дилноза"), ("Gulnora", "Гулнора"), ("Shahlo", "Шахло"), ("Malika", "Малика"),
    ("Nodira", "Нодира"), ("Zarina", "Зарина"), ("Feruza", "Феруза"), ("Kamola", "Камола"),
    ("Madina", "Мадина"), ("Sevara", "Севара"), ("Aziz", "Азиз"), ("Bobur", "Бобур"),
    ("Sardor", "Сардор"), ("Dilshod", "Дилшод"), ("Rustam", "Рустам"), ("Akmal", "Акмал"),
    ("Timur", "Тимур"), ("Sherzod", "Шерзод"), ("Bekzod", "Бекзод"), ("Anvar", "Анвар"),
]  # fmt: skip
FAMILY = [
    ("Karimov", "Каримов"), ("Yusupov", "Юсупов"), ("Ergashev", "Эргашев"),
    ("Nazarov", "Назаров"), ("Rashidov", "Рашидов"), ("Usmonov", "Усмонов"),
    ("Saidov", "Саидов"), ("Tursunov", "Турсунов"), ("Umarov", "Умаров"),
    ("Sultanov", "Султанов"), ("Ismoilov", "Исмоилов"), ("Qodirov", "Қодиров"),
    ("Sobirov", "Собиров"), ("Normatov", "Норматов"), ("Boboyev", "Бобоев"),
]  # fmt: skip
FIRM_WORDS = [
    "Suvloyiha", "Qurilish", "Obod", "Mustahkam", "Toza Suv", "Yangi Bino", "Loyiha Servis",
    "Suvsoz", "Kanal Qurilish", "Binokor", "Стройсервис", "Водоканалпроект", "Инжиниринг",
    "Гидрострой", "Монолит", "Сувсоз", "Курилиш", "Аква Проект",
]  # fmt: skip
FIRM_FORMS = ["MChJ", "ООО", "AJ", "XK"]
REGIONS = ["UZ-TK", "UZ-TO", "UZ-SA", "UZ-FA", "UZ-AN", "UZ-BU", "UZ-NW", "UZ-QA", "UZ-SI"]
SECTORS = ["construction", "water", "design", "public", "education", "other"]
LANGUAGES = [["uz"], ["uz", "ru"], ["ru"], ["uz", "ru", "en"], ["kk", "ru"], ["uz", "en"]]

# A name fragment in Latin or in Cyrillic, each with one filter ("AREA" is replaced by an
# area's id).
FIRM_SEARCHES = [
    {"q": "suvloy", "sector": "water"},
    {"q": "Сувлойиҳа", "region": "UZ-TK"},
    {"q": "qurilish", "size_band": "small"},
    {"q": "Строй", "region": "UZ-SA"},
    {"q": "stroy", "sector": "construction"},
    {"q": "Инжиниринг", "area": "AREA"},
    {"q": "binokor", "region": "UZ-FA"},
    {"q": "Обод", "sector": "design"},
]
ENGINEER_SEARCHES = [
    {"q": "karimova", "region": "UZ-TK"},
    {"q": "Каримова", "language": "ru"},
    {"q": "Турсун", "certified": "on"},
    {"q": "dilnoza", "mentoring": "on"},
    {"q": "Sardor Umarov", "area": "AREA"},
    {"q": "Юсупов", "region": "UZ-SA"},
    {"q": "usmon", "language": "en"},
    {"q": "Малика", "certified": "on"},
    {"q": "qodirov", "region": "UZ-BU"},
    {"q": "Бекзод Собиров", "language": "uz"},
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
    parser.add_argument("--concurrency", type=int, default=4, help="clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), action="append")
    parser.add_argument(
        "--pg-url", default=os.environ.get("BENCH_DIRECTORY_PG_URL", DEFAULT_PG_URL)
    )
    args = parser.parse_args(argv)
    if not (1 <= args.rounds <= 10 and 1 <= args.concurrency <= 64):
        parser.error("rounds must be 1..10 and concurrency 1..64")
    return Options(
        rounds=args.rounds,
        duration=args.duration,
        warmup=args.warmup,
        concurrency=args.concurrency,
        workers=args.workers,
        databases=tuple(args.database or ("sqlite", "postgresql")),
        pg_url=args.pg_url,
    )


def search_paths(base: str, searches: list[dict[str, str]], area: int) -> list[str]:
    def encoded(search: dict[str, str]) -> str:
        return urllib.parse.urlencode(
            {k: str(area) if v == "AREA" else v for k, v in search.items()}
        )

    return [f"{base}?{encoded(search)}" for search in searches]


# ---------------------------------------------------------------------------------------------
# Inside the bench environment, with Django.


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def populate() -> dict[str, Any]:
    """5,000 firms with profiles (4,500 members in good standing, 500 expired) and 50,000
    listed engineers, 5,000 of them with a valid certificate."""
    _django()
    import datetime
    import random

    from django.db import transaction
    from django.utils import timezone

    from muhandis.accounts.models import Organisation, Region, User
    from muhandis.certification.models import Certificate, Scheme
    from muhandis.competencies.models import Area, Framework
    from muhandis.directory.models import (
        EngineerListing,
        FirmProfile,
        FirmSector,
        ListingLanguage,
    )
    from muhandis.membership.models import Membership, MembershipType

    chooser = random.Random(16)
    regions = {r.code: r for r in Region.objects.filter(code__in=REGIONS)}
    framework = Framework.objects.filter(status=Framework.Status.PUBLISHED).first()
    areas = list(Area.objects.filter(framework=framework))
    sizes = ["micro", "small", "medium", "large"]
    with transaction.atomic():
        kinds = {
            size: MembershipType.objects.create(
                code=f"bench-{size}",
                name=f"Bench {size}",
                name_uz=f"Bench {size}",
                kind="firm",
                size_band=size,
                directory_listing=True,
            )
            for size in sizes
        }
        firms = Organisation.objects.bulk_create(
            Organisation(
                name=f"{FIRM_WORDS[n % len(FIRM_WORDS)]} {n} {FIRM_FORMS[n % len(FIRM_FORMS)]}",
                kind="engineering_firm",
                country="UZ",
                tax_number=f"{400000000 + n}",
                region=regions[REGIONS[n % len(REGIONS)]],
                size_band=sizes[n % len(sizes)],
            )
            for n in range(FIRMS)
        )
        Membership.objects.bulk_create(
            Membership(
                type=kinds[firm.size_band],
                organisation=firm,
                status="current" if n % 10 else "expired",
                currency="UZS",
            )
            for n, firm in enumerate(firms)
        )
        profiles = FirmProfile.objects.bulk_create(
            FirmProfile(
                organisation=firm,
                description=f"Firm {n}",
                description_uz=f"Firma {n}",
                services=f"Services {n}",
                services_uz=f"Xizmatlar {n}",
                search_key=FirmProfile.search_key_for(firm),
            )
            for n, firm in enumerate(firms)
        )
        FirmSector.objects.bulk_create(
            FirmSector(profile=p, sector=s)
            for p in profiles
            for s in chooser.sample(SECTORS, 1 + p.pk % 2)
        )
        FirmProfile.regions_served.through.objects.bulk_create(
            FirmProfile.regions_served.through(firmprofile_id=p.pk, region_id=r.pk)
            for p in profiles
            for r in chooser.sample(list(regions.values()), 2)
        )
        FirmProfile.areas.through.objects.bulk_create(
            FirmProfile.areas.through(firmprofile_id=p.pk, area_id=a.pk)
            for p in profiles
            for a in chooser.sample(areas, 2)
        )
        people = []
        for n in range(ENGINEERS):
            (given, given_cy), (family, family_cy) = GIVEN[n % 20], FAMILY[(n // 20) % 15]
            if n % 20 < 10:  # the first ten given names are women's
                family, family_cy = family + "a", family_cy + "а"
            people.append(
                User(
                    email=f"bench-engineer-{n}@example.invalid",
                    password="!",  # noqa: S106  (an unusable password: nobody signs in)
                    given_name=given,
                    family_name=f"{family}",
                    name_latin=f"{given} {family}",
                    name_cyrillic=f"{given_cy} {family_cy}",
                    gender="female" if n % 20 < 10 else "male",
                    region=regions[REGIONS[n % len(REGIONS)]],
                )
            )
        people = User.objects.bulk_create(people, batch_size=2000)
        listings = EngineerListing.objects.bulk_create(
            (
                EngineerListing(
                    person=person,
                    bio="Muhandis",
                    region=person.region,
                    open_to_mentoring=n % 5 == 0,
                    search_key=EngineerListing.search_key_for(person),
                )
                for n, person in enumerate(people)
            ),
            batch_size=2000,
        )
        ListingLanguage.objects.bulk_create(
            (
                ListingLanguage(listing=listing, language=code)
                for n, listing in enumerate(listings)
                for code in LANGUAGES[n % len(LANGUAGES)]
            ),
            batch_size=5000,
        )
        EngineerListing.areas.through.objects.bulk_create(
            (
                EngineerListing.areas.through(engineerlisting_id=listing.pk, area_id=a.pk)
                for listing in listings
                for a in chooser.sample(areas, 2)
            ),
            batch_size=5000,
        )
        scheme = Scheme.objects.create(
            code="BENCH-CE",
            title="Certified engineer",
            title_uz="Sertifikatlangan muhandis",
            scope="Bench",
            scope_uz="Bench",
            framework=framework,
            code_of_conduct="Bench",
            code_of_conduct_uz="Bench",
            status="active",
        )
        today = timezone.localdate()
        Certificate.objects.bulk_create(
            (
                Certificate(
                    number=f"B-{n:06d}",
                    holder=person,
                    scheme=scheme,
                    source="import",
                    holder_name_latin=person.name_latin,
                    holder_name_cyrillic=person.name_cyrillic,
                    search_name=Certificate.search_name_for(
                        person.name_latin, person.name_cyrillic
                    ),
                    effective_date=today - datetime.timedelta(days=100),
                    expiry_date=today + datetime.timedelta(days=900),
                )
                for n, person in enumerate(people)
                if n % 10 == 3
            ),
            batch_size=2000,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "firms": FirmProfile.objects.count(),
        "members_in_good_standing": Membership.objects.filter(status="current").count(),
        "engineers": EngineerListing.objects.count(),
        "certificates": Certificate.objects.count(),
        "area": areas[0].pk,
    }


def probe(area: int) -> dict[str, Any]:
    _django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    paths = [
        *(("firms", p) for p in search_paths(FIRMS_PATH, FIRM_SEARCHES, area)),
        *(("engineers", p) for p in search_paths(ENGINEERS_PATH, ENGINEER_SEARCHES, area)),
        ("firms", FIRMS_PATH),
        ("engineers", ENGINEERS_PATH),
    ]
    for n, (scenario, path) in enumerate(paths):
        client.get(path)
        # The cards are cached for a minute: count and time a page that is not cached.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        counts[f"{scenario} {n}"] = {
            "path": path,
            "status": response.status_code,
            "cards": response.content.count(b'class="card h-100"'),
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
    workdir = Path(tempfile.mkdtemp(prefix=f"directory-{run.database}-", dir=base_dir))
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
        f"  {run.loaded['firms']} firms ({run.loaded['members_in_good_standing']} members in "
        f"good standing), {run.loaded['engineers']} engineers, "
        f"{run.loaded['certificates']} certificates",
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
    area = int(run.loaded["area"])
    out, _ = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--probe", str(area)], env, "query probe"
    )
    run.queries = json.loads(out)
    for name, found in run.queries.items():
        print(
            f"  {name:<13} {found['queries']} SQL queries, status {found['status']}, "
            f"{found['cards']:>2} cards, {found['in_process_ms']:7.2f} ms  {found['path']}"
        )
    app = harness.start_gunicorn(
        "app", "config.wsgi:application", env, workdir, options.workers, "/healthz"
    )
    bare = harness.start_gunicorn(
        "bare", "bench.bare_wsgi:application", env, workdir, options.workers, "/"
    )
    firms = search_paths(FIRMS_PATH, FIRM_SEARCHES, area)
    engineers = search_paths(ENGINEERS_PATH, ENGINEER_SEARCHES, area)
    targets = {
        "firms": Target(app.port, firms[0], more_paths=tuple(firms[1:])),
        "engineers": Target(app.port, engineers[0], more_paths=tuple(engineers[1:])),
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
                f"errors {measured.errors}  load {this_round[scenario]['load_1min']}"
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
    found = []
    for scenario in ("firms", "engineers"):
        m = run.summary[scenario]
        found.append(
            {
                "budget": f"{scenario} search p95 < {P95_MS:.0f} ms at {m['clients']} clients",
                "measured": f"{m['p95_ms']:.1f} ms ({m['ratio_to_bare']:.3f} x bare)",
                "pass": m["p95_ms"] < P95_MS and m["errors_total"] == 0,
                "errors": m["errors_total"],
            }
        )
    most = max(v["queries"] for v in run.queries.values())
    statuses = {v["status"] for v in run.queries.values()}
    found.append(
        {
            "budget": f"directory pages (every search probed): at most {QUERY_BUDGET} SQL queries",
            "measured": str(most),
            "pass": most <= QUERY_BUDGET and statuses == {200},
            "errors": 0,
        }
    )
    return found


# ---------------------------------------------------------------------------------------------
# Report


def markdown(runs: list[DatabaseRun], options: Options) -> str:
    lines = [
        f"{FIRMS:,} firms, {ENGINEERS:,} engineers; gunicorn {options.workers} sync workers; "
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
            found = [v["queries"] for k, v in run.queries.items() if k.startswith(scenario)]
            queries = f"{min(found)}–{max(found)}" if found else "–"
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
        sys.stdout.write(json.dumps(probe(int(sys.argv[2]))))
        return 0
    options = parse_options(argv)
    return harness.run_per_database(
        name="directory",
        options=options,
        measure=measure_database,
        failed=lambda database, note: DatabaseRun(database, status="error", note=note),
        markdown=markdown,
        results=RESULTS,
    )


if __name__ == "__main__":
    sys.exit(main())
