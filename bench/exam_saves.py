"""Saving answers while 500 candidates sit an exam at once, on PostgreSQL (`make bench`).

Budget (exams issue): 500 candidates sitting at once, each saving an answer every 5 seconds on
average (about 100 saves a second), on PostgreSQL with gunicorn on a 2-core machine:
- answer save p95 < 150 ms, with no error (any answer other than 2xx is an error);
- after the run every acknowledged save is in the database: one answer per (attempt, question)
  acknowledged, holding the last acknowledged response and flag.

Preparation, on a fresh database (`bench_exam_saves` unless `--pg-url` says otherwise): migrate,
the demo schemes, a bank of active items of five kinds written with `bulk_create`, a blueprint
of 40 items over the competency areas, a sitting, and 500 candidates with a registration whose
identity is checked; each candidate starts the attempt through `exams.attempts.start` (the
form is drawn as in production) and gets a personal access token (`create_api_token`) and a
signed-in browser session with a CSRF cookie.

Load (open loop, so a slow server does not slow the arrivals down): every virtual candidate
saves at exponential random intervals averaging 5 s, mostly a question not answered yet and
sometimes a change of an earlier answer, from client processes apart from gunicorn, each
candidate one request at a time (a browser's saves for one question do not overtake each
other). Latency runs from the moment the save was due to the last byte of the answer, so a
request that waits in the client counts against the server, not in its favour. Saves due in
the warm-up are checked in the database but not timed.

Two paths can be measured, each on the same prepared database (answers are cleared between
runs): `api`, `PUT /api/v1/exams/attempts/{id}/answers/{version}` with a bearer token and a
JSON body, and `page`, the exam page's htmx `POST /uz/exams/attempts/{id}/answers/{version}/`
with the session cookie and the CSRF token. Several gunicorn configurations can be compared
(`--gunicorn sync:4 --gunicorn gthread:2x4 ...`).

Exit status: 0 when every budget passes, 1 when one fails, 2 when the harness could not run.
`--prepare FILE` and `--verify FILE` are internal: run in the bench environment, they build
the sitting and check the database.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from typing import TYPE_CHECKING

import run as harness
from loadgen import HOST, REQUEST_TIMEOUT, Window, _reset_signals, percentile

if TYPE_CHECKING:
    from muhandis.exams.models import Blueprint

ROOT = harness.ROOT
RESULTS = ROOT / "bench" / "results" / "exam_saves.json"
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/bench_exam_saves"

SAVE_P95_MS = 150.0
DEFAULT_GUNICORN = ("gthread:2x4",)
PATHS = ("api", "page")
PATH_LABELS = {
    "api": "`PUT /api/v1/exams/attempts/{id}/answers/{version}` (token)",
    "page": "`POST /uz/exams/attempts/{id}/answers/{version}/` (htmx page, session)",
}
# Share of saves that change an earlier answer rather than answer a new question.
CHANGE_SHARE = 0.15
FLAG_SHARE = 0.05
# After the last save is due, clients wait at most this long for answers before giving up.
DRAIN_SECONDS = REQUEST_TIMEOUT + 5.0
KINDS = ("single",) * 12 + ("multiple",) * 3 + ("true_false",) * 2 + ("numeric",) * 2
KINDS += ("short_text",)


@dataclass(frozen=True)
class Options:
    candidates: int
    duration: float
    warmup: float
    interval: float
    form_items: int
    bank: int
    clients: int
    gunicorn: tuple[str, ...]
    paths: tuple[str, ...]
    pg_url: str
    seed: int
    profile: int


def parse_options(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=500, help="candidates sitting at once")
    parser.add_argument("--duration", type=float, default=60.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=5.0, help="warm-up seconds per run")
    parser.add_argument(
        "--interval", type=float, default=5.0, help="mean seconds between one candidate's saves"
    )
    parser.add_argument("--form-items", type=int, default=40, help="questions on each form")
    parser.add_argument("--bank", type=int, default=1200, help="active items in the bank")
    parser.add_argument("--clients", type=int, default=4, help="load-generator processes")
    parser.add_argument(
        "--gunicorn",
        action="append",
        metavar="CLASS:WORKERS[xTHREADS]",
        help="gunicorn configuration, e.g. sync:4 or gthread:2x4 (repeatable; default "
        + ", ".join(DEFAULT_GUNICORN)
        + ")",
    )
    parser.add_argument("--path", choices=PATHS, action="append", help="default: both")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_EXAM_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--seed", type=int, default=2026, help="seed of the load's schedule")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="also profile N saves in process"
    )
    args = parser.parse_args(argv)
    if not (1 <= args.candidates <= 5000 and 1 <= args.duration <= 600):
        parser.error("candidates must be 1..5000 and duration 1..600 s")
    if not (0 <= args.warmup <= 60 and 0.5 <= args.interval <= 600 and 1 <= args.clients <= 32):
        parser.error("warm-up must be 0..60 s, interval 0.5..600 s, clients 1..32")
    if not (1 <= args.form_items <= 200 and args.bank >= 2 * args.form_items):
        parser.error("form items must be 1..200 and the bank at least twice as large")
    configs = tuple(args.gunicorn or DEFAULT_GUNICORN)
    for config in configs:
        parse_gunicorn(config, parser.error)
    return Options(
        candidates=args.candidates,
        duration=args.duration,
        warmup=args.warmup,
        interval=args.interval,
        form_items=args.form_items,
        bank=args.bank,
        clients=args.clients,
        gunicorn=configs,
        paths=tuple(args.path or PATHS),
        pg_url=args.pg_url,
        seed=args.seed,
        profile=args.profile,
    )


def parse_gunicorn(config: str, fail: Any = None) -> tuple[str, int, int]:
    """``sync:4`` → ("sync", 4, 1); ``gthread:2x4`` → ("gthread", 2, 4)."""
    try:
        kind, _, size = config.partition(":")
        workers, _, threads = size.partition("x")
        parsed = (kind, int(workers), int(threads or 1))
    except ValueError:
        parsed = ("", 0, 0)
    if parsed[0] not in ("sync", "gthread") or not (1 <= parsed[1] <= 16 and 1 <= parsed[2] <= 64):
        message = f"gunicorn configuration {config!r}: use sync:WORKERS or gthread:WORKERSxTHREADS"
        if fail is None:
            raise ValueError(message)
        fail(message)
    return parsed


# ---------------------------------------------------------------------------------------------
# Inside the bench environment (Django): the sitting, and the check of the database.


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _content(kind: str, code: str) -> dict:
    """An item's content as the bank keeps it (see ``exams.marking``), in English and Uzbek."""
    texts = {"en": f"Question {code}", "uz": f"Savol {code}"}
    if kind == "single":
        options = [{"texts": {"en": f"Option {n}"}, "fraction": float(n == 0)} for n in range(4)]
        return {"texts": texts, "options": options}
    if kind == "multiple":
        fractions = (0.5, 0.5, -0.5, -0.5, 0.0)
        options = [{"texts": {"en": f"Option {n}"}, "fraction": f} for n, f in enumerate(fractions)]
        return {"texts": texts, "options": options}
    if kind == "true_false":
        return {"texts": texts, "truth": True}
    if kind == "numeric":
        return {"texts": texts, "answer": 12.5, "tolerance": 0.5, "units": "m3/h"}
    accepted = [{"texts": {"en": "pump", "uz": "nasos"}, "fraction": 1.0}]
    return {"texts": texts, "options": accepted, "case_sensitive": False}


def _bank(size: int, form_items: int) -> Blueprint:
    """The demo schemes, ``size`` active items spread over the framework's areas, and a
    blueprint of ``form_items`` items (rows of the areas in turn)."""
    from django.utils import timezone

    from muhandis.accounts.models import User
    from muhandis.certification import demo
    from muhandis.certification.models import Scheme
    from muhandis.competencies.models import Competency
    from muhandis.exams.models import Blueprint, Item, ItemVersion

    demo.load(lambda line: None)
    scheme = Scheme.objects.get(code="CE-WSS-II", status=Scheme.Status.ACTIVE)
    author = User.objects.create(email="bench-author@example.invalid")
    competencies = list(
        Competency.objects.filter(framework=scheme.framework).select_related("area")
    )
    items = Item.objects.bulk_create(
        Item(code=f"EX-{n:05d}", kind=KINDS[n % len(KINDS)], difficulty=1 + n % 3, author=author)
        for n in range(size)
    )
    links = Item.competencies.through
    links.objects.bulk_create(
        links(item_id=item.pk, competency_id=competencies[n % len(competencies)].pk)
        for n, item in enumerate(items)
    )
    serves = Item.schemes.through
    serves.objects.bulk_create(serves(item_id=item.pk, scheme_id=scheme.pk) for item in items)
    now = timezone.now()
    ItemVersion.objects.bulk_create(
        ItemVersion(
            item=item,
            number=1,
            status=ItemVersion.Status.ACTIVE,
            content=_content(item.kind, item.code),
            languages=["en", "uz"],
            author=author,
            reviewer=author,
            reviewed_at=now,
            activated_at=now,
        )
        for item in items
    )
    blueprint = Blueprint.objects.create(scheme=scheme, time_limit_minutes=180, pass_mark=70)
    areas = sorted({c.area.code for c in competencies})
    counts = [form_items // len(areas) + (n < form_items % len(areas)) for n in range(len(areas))]
    for area, count in zip(areas, counts, strict=True):
        if count:
            blueprint.rows.create(area_code=area, count=count)
    return blueprint


def _candidates(blueprint: Blueprint, count: int) -> list[dict[str, Any]]:
    """``count`` candidates registered for an open sitting, identity checked, attempt started,
    each with a write token and a signed-in session; returns what a client needs."""
    import datetime

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from muhandis.accounts.models import RoleAssignment, User
    from muhandis.accounts.roles import Role
    from muhandis.accounts.services import create_api_token
    from muhandis.exams.attempts import services as attempts
    from muhandis.exams.models import ItemVersion, Registration, Sitting

    now = timezone.now()
    invigilator = User.objects.create(email="bench-invigilator@example.invalid")
    sitting = Sitting.objects.create(
        blueprint=blueprint,
        opens_at=now - datetime.timedelta(minutes=5),
        closes_at=now + datetime.timedelta(hours=4),
    )
    sitting.invigilators.add(invigilator)
    people = []
    for n in range(count):
        person = User(email=f"candidate-{n:05d}@bench.invalid", given_name="Candidate")
        person.set_unusable_password()
        people.append(person)
    people = User.objects.bulk_create(people)
    # Candidates are engineers: a person without a role may hold no personal access token.
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=person, role=Role.ENGINEER) for person in people
    )
    Registration.objects.bulk_create(
        Registration(
            sitting=sitting,
            candidate=person,
            language="uz",
            identity_checked_by=invigilator,
            identity_checked_at=now,
        )
        for person in people
    )
    registrations = Registration.objects.filter(sitting=sitting).select_related(
        "candidate", "sitting__blueprint__scheme"
    )
    kinds: dict[int, tuple[str, int]] = {}
    made = []
    backend = settings.AUTHENTICATION_BACKENDS[0]
    started = int(time.time())
    for registration in registrations.order_by("candidate__email"):
        person = registration.candidate
        attempt = attempts.start(registration=registration, actor=person)
        _token, secret = create_api_token(user=person, name="Exam device", scope="write")
        session = SessionStore()
        session[SESSION_KEY] = str(person.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session["_muhandis_session_started"] = started
        session["_muhandis_session_seen"] = started
        session.create()
        missing = [pk for pk in attempt.form if pk not in kinds]
        for version in ItemVersion.objects.filter(pk__in=missing).select_related("item"):
            kinds[version.pk] = (version.item.kind, len(version.content.get("options") or []))
        made.append(
            {
                "attempt": str(attempt.public_id),
                "token": secret,
                "session": session.session_key,
                "csrf": get_random_string(32),
                "form": [[pk, *kinds[pk]] for pk in attempt.form],
            }
        )
    return made


def _probe(candidate: dict[str, Any], profile: int) -> dict[str, Any]:
    """Both save paths once in process (SQL counted), the in-process time of 50 API saves, and
    on request a cProfile of ``profile`` API saves. Uses a candidate outside the load."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    pk, kind, options = candidate["form"][0]
    api = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {candidate['token']}")
    api_path = f"/api/v1/exams/attempts/{candidate['attempt']}/answers/{pk}"
    chooser = random.Random(1)

    def api_save() -> int:
        body = json.dumps({"response": _response(kind, options, chooser), "flagged": False})
        return api.put(api_path, body, content_type="application/json").status_code

    page = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    page.cookies["sessionid"] = candidate["session"]
    page.cookies["csrftoken"] = candidate["csrf"]
    page_path = f"/uz/exams/attempts/{candidate['attempt']}/answers/{pk}/"

    def page_save() -> int:
        form = _form(kind, _response(kind, options, chooser), False)
        response = page.post(
            page_path,
            form,
            content_type="application/x-www-form-urlencoded",
            HTTP_X_CSRFTOKEN=candidate["csrf"],
        )
        return response.status_code

    found: dict[str, Any] = {}
    for name, save in (("api", api_save), ("page", page_save)):
        save()  # the first save inserts; the load mostly updates or inserts, both are counted
        with CaptureQueriesContext(connection) as queries:
            status = save()
        found[name] = {
            "status": status,
            "queries": len(queries.captured_queries),
            "sql": [query["sql"][:300] for query in queries.captured_queries],
        }
    timings = []
    for _ in range(50):
        started = time.perf_counter()
        api_save()
        timings.append((time.perf_counter() - started) * 1000)
    found["api"]["in_process_ms"] = round(statistics.median(timings), 2)
    if profile:
        found["profile"] = _profile(api_save, profile)
    return found


def _profile(save: Any, count: int) -> str:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        save()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)
    return out.getvalue()


def prepare(out: Path, candidates: int, bank: int, form_items: int, profile: int) -> None:
    _django()
    started = time.monotonic()
    blueprint = _bank(bank, form_items)
    bank_s = time.monotonic() - started
    made = _candidates(blueprint, candidates + 1)  # the last one is for the probe
    probe_candidate = made.pop()
    probe = _probe(probe_candidate, profile)
    document = {
        "candidates": made,
        "probe_attempt": probe_candidate["attempt"],
        "probe": probe,
        "seconds": {
            "bank": round(bank_s, 1),
            "candidates": round(time.monotonic() - started - bank_s, 1),
        },
    }
    out.write_text(json.dumps(document), encoding="utf-8")


def verify(path: Path) -> None:
    """Compare the answers in the database with the acknowledged saves in ``path``, print the
    result as JSON, then clear the answers and events of those attempts for the next run."""
    _django()
    from django.db.models import Count

    from muhandis.exams.models import Answer, Attempt, AttemptEvent

    expected_doc = json.loads(path.read_text(encoding="utf-8"))
    attempts = Attempt.objects.filter(public_id__in=expected_doc["attempts"])
    expected = {(a, v): (r, f) for a, v, r, f in expected_doc["expected"]}
    stored = {
        (str(public_id), version): (response, flagged)
        for public_id, version, response, flagged in Answer.objects.filter(
            attempt__in=attempts
        ).values_list("attempt__public_id", "version_id", "response", "flagged")
    }
    missing = [key for key in expected if key not in stored]
    extra = [key for key in stored if key not in expected]
    wrong = [key for key in expected if key in stored and stored[key] != expected[key]]
    events = dict(
        AttemptEvent.objects.filter(attempt__in=attempts)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    result = {
        "attempts": attempts.count(),
        "answers": len(stored),
        "expected": len(expected),
        "missing": len(missing),
        "extra": len(extra),
        "wrong": len(wrong),
        "samples": {
            "missing": [list(k) for k in missing[:5]],
            "extra": [list(k) for k in extra[:5]],
            "wrong": [[*k, stored[k], expected[k]] for k in wrong[:5]],
        },
        "events": events,
        "not_in_progress": attempts.exclude(status=Attempt.Status.IN_PROGRESS).count(),
    }
    Answer.objects.filter(attempt__in=attempts).delete()
    AttemptEvent.objects.filter(attempt__in=attempts).delete()
    sys.stdout.write(json.dumps(result, default=str))


# ---------------------------------------------------------------------------------------------
# The schedule of saves


def _response(kind: str, options: int, chooser: random.Random) -> dict[str, Any]:
    """A well-formed answer to an item of ``kind``."""
    if kind == "single":
        return {"choice": chooser.randrange(options)}
    if kind == "multiple":
        return {"choices": sorted(chooser.sample(range(options), chooser.randint(1, 3)))}
    if kind == "true_false":
        return {"value": chooser.random() < 0.5}
    if kind == "numeric":
        return {"value": chooser.randrange(0, 500) / 10 + 0.5}
    return {"text": chooser.choice(("pump", "nasos", "valve", "reservoir", "sand filter"))}


def _form(kind: str, response: dict[str, Any], flagged: bool) -> str:
    """The exam page's form for ``response`` (what `exams.views.save` reads back)."""
    fields: list[tuple[str, str]] = [("kind", kind)]
    if kind == "single":
        fields.append(("choice", str(response["choice"])))
    elif kind == "multiple":
        fields += [("choices", str(choice)) for choice in response["choices"]]
    elif kind == "true_false":
        fields.append(("value", "true" if response["value"] else "false"))
    elif kind == "numeric":
        fields.append(("value", repr(response["value"])))
    else:
        fields.append(("text", response["text"]))
    if flagged:
        fields.append(("flagged", "on"))
    return urllib.parse.urlencode(fields)


@dataclass(frozen=True)
class Save:
    candidate: int
    seq: int
    at: float  # seconds after the start instant
    version: int
    response: dict[str, Any]
    flagged: bool
    change: bool  # a change of an earlier answer


def schedule(candidates: list[dict[str, Any]], options: Options) -> list[list[Save]]:
    """Each candidate's saves, in order: exponential gaps averaging ``options.interval``;
    questions answered in the form's order, with ``CHANGE_SHARE`` of the saves changing an
    answer given earlier."""
    chooser = random.Random(options.seed)
    end = options.warmup + options.duration
    plans = []
    for number, candidate in enumerate(candidates):
        form = candidate["form"]
        answered: list[int] = []
        saves: list[Save] = []
        at = chooser.expovariate(1 / options.interval)
        while at < end:
            change = bool(answered) and (
                len(answered) == len(form) or chooser.random() < CHANGE_SHARE
            )
            index = chooser.choice(answered) if change else len(answered)
            if not change:
                answered.append(index)
            pk, kind, count = form[index]
            saves.append(
                Save(
                    candidate=number,
                    seq=len(saves),
                    at=at,
                    version=pk,
                    response=_response(kind, count, chooser),
                    flagged=chooser.random() < FLAG_SHARE,
                    change=change,
                )
            )
            at += chooser.expovariate(1 / options.interval)
        plans.append(saves)
    return plans


# ---------------------------------------------------------------------------------------------
# The load: open loop, one thread per virtual candidate, candidates spread over processes.


@dataclass(frozen=True)
class Job:
    port: int
    path: str  # api | page
    window: Window
    candidates: list[tuple[dict[str, Any], list[Save]]]


# (candidate, seq, sent - due, latency from due, latency from sending, status, error)
Outcome = tuple[int, int, float, float, float, int, str]


def _request(path: str, candidate: dict[str, Any], save: Save) -> tuple[str, bytes, dict]:
    pk = save.version
    kind = next(k for v, k, _ in candidate["form"] if v == pk)
    if path == "api":
        body = json.dumps({"response": save.response, "flagged": save.flagged}).encode()
        headers = {
            "Authorization": f"Bearer {candidate['token']}",
            "Content-Type": "application/json",
        }
        return f"/api/v1/exams/attempts/{candidate['attempt']}/answers/{pk}", body, headers
    body = _form(kind, save.response, save.flagged).encode()
    headers = {
        "Cookie": f"sessionid={candidate['session']}; csrftoken={candidate['csrf']}",
        "X-CSRFToken": candidate["csrf"],
        "HX-Request": "true",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    return f"/uz/exams/attempts/{candidate['attempt']}/answers/{pk}/", body, headers


def _send(port: int, method: str, url: str, body: bytes, headers: dict) -> tuple[int, str]:
    import http.client

    conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request(method, url, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
    except (OSError, http.client.HTTPException) as exc:
        return 0, type(exc).__name__
    finally:
        conn.close()
    if 200 <= response.status < 300:
        return response.status, ""
    return response.status, f"status {response.status}: {data[:120].decode(errors='replace')}"


def _candidate_loop(
    job: Job, candidate: dict[str, Any], saves: list[Save], out: list[Outcome]
) -> None:
    method = "PUT" if job.path == "api" else "POST"
    give_up = job.window.start + job.window.warmup + job.window.duration + DRAIN_SECONDS
    for save in saves:
        due = job.window.start + save.at
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sent = time.monotonic()
        if sent > give_up:
            out.append((save.candidate, save.seq, sent - due, 0.0, 0.0, 0, "not sent"))
            continue
        url, body, headers = _request(job.path, candidate, save)
        status, error = _send(job.port, method, url, body, headers)
        done = time.monotonic()
        out.append((save.candidate, save.seq, sent - due, done - due, done - sent, status, error))


def run_client(job: Job) -> tuple[list[Outcome], float]:
    """The outcomes of this process's candidates, and the CPU seconds it used for them."""
    cpu = time.process_time()
    out: list[Outcome] = []
    threads = [
        threading.Thread(target=_candidate_loop, args=(job, c, s, out), daemon=True)
        for c, s in job.candidates
    ]
    for thread in threads:
        thread.start()
    limit = job.window.start + job.window.warmup + job.window.duration + DRAIN_SECONDS + 5
    for thread in threads:
        thread.join(timeout=max(0.0, limit - time.monotonic()))
    return list(out), time.process_time() - cpu


def run_load(
    port: int, path: str, candidates: list[dict[str, Any]], plans: list[list[Save]], o: Options
) -> tuple[list[Outcome], float]:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Leave time for the processes and their threads to start before the common instant.
    window = Window(start=time.monotonic() + 1.0, warmup=o.warmup, duration=o.duration)
    jobs = [
        Job(
            port,
            path,
            window,
            [(candidates[n], plans[n]) for n in range(client, len(candidates), o.clients)],
        )
        for client in range(o.clients)
    ]
    with context.Pool(o.clients, initializer=_reset_signals) as pool:
        results = pool.map(run_client, jobs, chunksize=1)
    outcomes = [outcome for result, _cpu in results for outcome in result]
    return outcomes, sum(cpu for _result, cpu in results)


# ---------------------------------------------------------------------------------------------
# Where the CPU went during a run: the machine is shared, so the report says how much of the two
# cores the server, PostgreSQL and the load generator used, and how much went to anything else.


def _machine_cpu() -> tuple[float, float]:
    """Busy and total seconds of all cores since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    total = sum(values[:8])
    tick = os.sysconf("SC_CLK_TCK")
    return (total - idle) / tick, total / tick


def _processes_cpu(pgid: int, database: str) -> tuple[float, float]:
    """CPU seconds used so far by the process group ``pgid`` (gunicorn and its workers) and by
    the PostgreSQL backends connected to ``database``."""
    tick = os.sysconf("SC_CLK_TCK")
    group = backends = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        used = (int(fields[11]) + int(fields[12])) / tick
        if int(fields[2]) == pgid:
            group += used
        elif command.startswith(b"postgres: ") and f" {database} ".encode() in command:
            backends += used
    return group, backends


def cpu_report(before: dict[str, float], after: dict[str, float], clients: float) -> dict:
    """Average cores used over the run by each part, from two snapshots."""
    elapsed = after["wall"] - before["wall"]
    cores = os.cpu_count() or 1
    share = (after["busy"] - before["busy"]) / max(after["total"] - before["total"], 1e-9)
    parts = {
        "busy": share * cores,
        "gunicorn": (after["gunicorn"] - before["gunicorn"]) / elapsed,
        "postgresql": (after["postgresql"] - before["postgresql"]) / elapsed,
        "load_generator": clients / elapsed,
    }
    parts["other"] = (
        parts["busy"] - parts["gunicorn"] - parts["postgresql"] - parts["load_generator"]
    )
    return {name: round(value, 2) for name, value in parts.items()} | {"cores": cores}


def cpu_snapshot(pgid: int, database: str) -> dict[str, float]:
    busy, total = _machine_cpu()
    gunicorn, postgresql = _processes_cpu(pgid, database)
    return {
        "wall": time.monotonic(),
        "busy": busy,
        "total": total,
        "gunicorn": gunicorn,
        "postgresql": postgresql,
    }


# ---------------------------------------------------------------------------------------------
# One run: a gunicorn configuration and a save path


@dataclass
class Run:
    path: str
    gunicorn: str
    summary: dict[str, Any] = field(default_factory=dict)
    check: dict[str, Any] = field(default_factory=dict)
    load_average: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    budgets: list[dict[str, Any]] = field(default_factory=list)


def start_server(config: str, env: dict[str, str], workdir: Path) -> harness.Server:
    kind, workers, threads = parse_gunicorn(config)
    options = ("--worker-class", kind, "--threads", str(threads))
    return harness.start_gunicorn(
        config, "config.wsgi:application", env, workdir, workers, "/healthz", options
    )


def expectations(
    candidates: list[dict[str, Any]], plans: list[list[Save]], outcomes: list[Outcome]
) -> dict[str, Any]:
    """The last acknowledged (response, flag) of each (attempt, question). A candidate's saves
    go one at a time, so the last acknowledged in schedule order is the last one stored."""
    acknowledged = {(c, s) for c, s, _, _, _, status, _ in outcomes if 200 <= status < 300}
    last: dict[tuple[str, int], tuple[dict[str, Any], bool]] = {}
    for saves in plans:
        for save in saves:
            if (save.candidate, save.seq) in acknowledged:
                attempt = candidates[save.candidate]["attempt"]
                last[(attempt, save.version)] = (save.response, save.flagged)
    return {
        "attempts": [c["attempt"] for c in candidates],
        "expected": [[a, v, r, f] for (a, v), (r, f) in last.items()],
    }


def summarise(plans: list[list[Save]], outcomes: list[Outcome], options: Options) -> dict[str, Any]:
    at = {(s.candidate, s.seq): s for saves in plans for s in saves}
    start, end = options.warmup, options.warmup + options.duration
    timed = [o for o in outcomes if start <= at[(o[0], o[1])].at < end]
    ok = [o for o in timed if 200 <= o[5] < 300]
    from_due = sorted(o[3] for o in ok)
    from_send = sorted(o[4] for o in ok)
    late = sorted(o[2] for o in timed)
    errors: dict[str, int] = {}
    for outcome in outcomes:
        if not 200 <= outcome[5] < 300:
            errors[outcome[6]] = errors.get(outcome[6], 0) + 1
    scheduled = sum(len(saves) for saves in plans)
    # p95 of each 10-second slice of the window: shows whether slow saves come in bursts.
    slices: dict[int, list[float]] = {}
    for outcome in ok:
        slices.setdefault(int((at[(outcome[0], outcome[1])].at - start) // 10), []).append(
            outcome[3]
        )
    return {
        "scheduled": scheduled,
        "scheduled_in_window": len(timed),
        "answered": len(outcomes),
        "changes": sum(s.change for saves in plans for s in saves),
        "acknowledged_in_window": len(ok),
        "rate_per_s": round(len(ok) / options.duration, 1),
        "p50_ms": round(percentile(from_due, 0.50) * 1000, 1),
        "p95_ms": round(percentile(from_due, 0.95) * 1000, 1),
        "p99_ms": round(percentile(from_due, 0.99) * 1000, 1),
        "max_ms": round(from_due[-1] * 1000, 1) if from_due else None,
        "p95_from_send_ms": round(percentile(from_send, 0.95) * 1000, 1),
        "client_late_p99_ms": round(percentile(late, 0.99) * 1000, 1),
        "p95_ms_per_10s": [
            round(percentile(sorted(slices[n]), 0.95) * 1000, 1) for n in sorted(slices)
        ],
        "errors": sum(errors.values()) + (scheduled - len(outcomes)),
        "error_kinds": errors,
    }


def measure(
    path: str,
    config: str,
    env: dict[str, str],
    workdir: Path,
    candidates: list[dict[str, Any]],
    options: Options,
) -> Run:
    run = Run(path, config)
    plans = schedule(candidates, options)
    mark = harness.TEARDOWN.mark()
    server = start_server(config, env, workdir)
    database = urllib.parse.urlsplit(options.pg_url).path.lstrip("/")
    run.load_average["before"] = [round(v, 2) for v in os.getloadavg()]
    before = cpu_snapshot(server.process.pid, database)
    outcomes, clients_cpu = run_load(server.port, path, candidates, plans, options)
    run.cpu = cpu_report(before, cpu_snapshot(server.process.pid, database), clients_cpu)
    run.load_average["after"] = [round(v, 2) for v in os.getloadavg()]
    if server.process.poll() is not None:
        raise harness.HarnessError(f"gunicorn {config} died during the run:\n{server.log_tail()}")
    harness.TEARDOWN.run(down_to=mark)
    run.summary = summarise(plans, outcomes, options)
    expected_file = workdir / f"expected-{path}-{config.replace(':', '-')}.json"
    expected_file.write_text(json.dumps(expectations(candidates, plans, outcomes)))
    out, _ = harness.run_command(
        [sys.executable, str(Path(__file__).resolve()), "--verify", str(expected_file)],
        env,
        "database check",
    )
    run.check = json.loads(out)
    run.budgets = budgets(run)
    s, c = run.summary, run.check
    print(
        f"  {path:<4} {config:<12} {s['rate_per_s']:6.1f} saves/s  p50 {s['p50_ms']:6.1f}  "
        f"p95 {s['p95_ms']:6.1f}  p99 {s['p99_ms']:6.1f}  max {s['max_ms']} ms  "
        f"errors {s['errors']}  answers {c['answers']}/{c['expected']} "
        f"(missing {c['missing']}, extra {c['extra']}, wrong {c['wrong']})  "
        + (f" {s['error_kinds']}" if s["errors"] else "")
        + f"\n{'':20}CPU cores used: {cpu_line(run.cpu)}"
        + f"\n{'':20}p95 of each 10 s (ms): {s['p95_ms_per_10s']}",
        flush=True,
    )
    return run


def cpu_line(cpu: dict[str, float]) -> str:
    return (
        f"{cpu['busy']:.2f} of {cpu['cores']} busy (gunicorn {cpu['gunicorn']:.2f}, PostgreSQL "
        f"{cpu['postgresql']:.2f}, load generator {cpu['load_generator']:.2f}, "
        f"other processes {cpu['other']:.2f})"
    )


def budgets(run: Run) -> list[dict[str, Any]]:
    s, c = run.summary, run.check
    intact = c["missing"] == 0 and c["extra"] == 0 and c["wrong"] == 0
    return [
        {
            "budget": f"{run.path} save p95 < {SAVE_P95_MS:.0f} ms, no error ({run.gunicorn})",
            "measured": f"{s['p95_ms']:.1f} ms, {s['errors']} errors",
            "pass": s["p95_ms"] < SAVE_P95_MS and s["errors"] == 0,
        },
        {
            "budget": f"{run.path} every acknowledged save stored, last value ({run.gunicorn})",
            "measured": f"{c['answers']} answers for {c['expected']} acknowledged (attempt, "
            f"question); {c['missing']} missing, {c['extra']} extra, {c['wrong']} wrong",
            "pass": intact and c["answers"] == c["expected"],
        },
    ]


# ---------------------------------------------------------------------------------------------
# Report


def markdown(runs: list[Run], options: Options, version: str) -> str:
    lines = [
        f"{version}; {options.candidates} candidates, one save every {options.interval:g} s "
        f"each on average (open loop), {options.form_items}-item forms from a bank of "
        f"{options.bank}; {options.warmup:g} s warm-up + {options.duration:g} s measured per run.",
        "",
        "| Path | gunicorn | Saves/s | p50 ms | p95 ms | p99 ms | max ms | Errors "
        "| Answers stored / expected | CPU cores: busy / gunicorn / PostgreSQL / clients / other |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for run in runs:
        s, c, u = run.summary, run.check, run.cpu
        lines.append(
            f"| {PATH_LABELS[run.path]} | {run.gunicorn} | {s['rate_per_s']:.1f} "
            f"| {s['p50_ms']:.1f} | {s['p95_ms']:.1f} | {s['p99_ms']:.1f} | {s['max_ms']} "
            f"| {s['errors']} | {c['answers']} / {c['expected']} "
            f"| {u['busy']:.2f} / {u['gunicorn']:.2f} / {u['postgresql']:.2f} "
            f"/ {u['load_generator']:.2f} / {u['other']:.2f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) >= 3 and sys.argv[1] == "--verify":
        verify(Path(sys.argv[2]))
        return 0
    if argv is None and len(sys.argv) >= 3 and sys.argv[1] == "--prepare":
        numbers = [int(value) for value in sys.argv[3:7]]
        prepare(Path(sys.argv[2]), *numbers)
        return 0
    options = parse_options(argv)
    signal.signal(signal.SIGTERM, harness._on_signal)
    signal.signal(signal.SIGINT, harness._on_signal)
    atexit.register(harness.TEARDOWN.run)
    started = time.monotonic()
    runs: list[Run] = []
    errors: list[str] = []
    probe: dict[str, Any] = {}
    preparation: dict[str, float] = {}
    version = "PostgreSQL ?"
    workdir = Path(tempfile.mkdtemp(prefix="muhandis-bench-exam-saves-"))
    try:
        harness.TEARDOWN.add(f"remove {workdir}", lambda: shutil.rmtree(workdir, True))
        found = harness.pg_prepare(options.pg_url)
        if found is None:
            raise harness.HarnessError("PostgreSQL is unreachable; the budget is on PostgreSQL")
        version = f"PostgreSQL {found}"
        env = harness.server_env(options.pg_url, workdir)
        (workdir / "static").mkdir()
        print(f"\n== exam saves: preparing ({version}) ==", flush=True)
        preparation["migrate"] = harness.manage(env, "migrate", "--no-input", "-v", "0")
        prepared = workdir / "prepared.json"
        _, elapsed = harness.run_command(
            [
                sys.executable, str(Path(__file__).resolve()), "--prepare", str(prepared),
                str(options.candidates), str(options.bank), str(options.form_items),
                str(options.profile),
            ],
            env,
            "preparing the sitting",
        )  # fmt: skip
        preparation["sitting"] = round(elapsed, 1)
        document = json.loads(prepared.read_text(encoding="utf-8"))
        candidates, probe = document["candidates"], document["probe"]
        print(
            f"  prepared in migrate {preparation['migrate']:.1f} s, bank, candidates, attempts, "
            f"tokens and sessions {elapsed:.1f} s ({document['seconds']})"
        )
        for name in PATHS:
            print(
                f"  {name} save: {probe[name]['queries']} SQL queries in process, "
                f"status {probe[name]['status']}"
            )
        print(f"  API save in process: {probe['api']['in_process_ms']} ms (median of 50)")
        if probe.get("profile"):
            print(probe["profile"])
        print(
            f"  {len(candidates)} candidates; {options.clients} client processes; "
            f"{options.warmup:g} s warm-up + {options.duration:g} s per run",
            flush=True,
        )
        for config in options.gunicorn:
            for path in options.paths:
                runs.append(measure(path, config, env, workdir, candidates, options))
    except harness.HarnessError as exc:
        print(f"\nHARNESS ERROR ({exc})", file=sys.stderr, flush=True)
        errors.append(str(exc))
    finally:
        harness.TEARDOWN.run()
    machine = harness.machine_info() | {"elapsed_s": round(time.monotonic() - started, 1)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    probe.pop("profile", None)
    document = {
        "machine": machine,
        "options": asdict(options),
        "database": version,
        "preparation_s": preparation,
        "probe": probe,
        "runs": [asdict(run) for run in runs],
        "harness_errors": errors,
    }
    RESULTS.write_text(json.dumps(document, indent=2, default=str) + "\n", encoding="utf-8")
    print("\n== Results (Markdown for docs/performance.md) ==\n")
    print(markdown(runs, options, version))
    print()
    failed = False
    for run in runs:
        for budget in run.budgets:
            verdict = "PASS" if budget["pass"] else "FAIL"
            failed |= not budget["pass"]
            print(f"{verdict} [{version}] {budget['budget']}: {budget['measured']}")
    print(f"\nResults written to {os.path.relpath(RESULTS, ROOT)} ({machine['elapsed_s']:.0f} s).")
    if errors:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
