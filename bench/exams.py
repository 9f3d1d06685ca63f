"""Examinations, in-process: drawing a random form from a bank of 5,000 items (budget: under
50 ms, the query included) and item analysis of 1,000 candidates × 100 items (budget: under
2 s). Run with `make bench` or `.venv/bin/python bench/exams.py`; a fresh SQLite database in a
temporary folder (`--database-url` for PostgreSQL)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from muhandis.exams.models import Blueprint

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--draws", type=int, default=50)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="muhandis-bench-exams-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        SITE_URL="https://register.example.uz",
        TASK_BACKEND="immediate",
        DATABASE_URL=args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        MUHANDIS_VAR_DIR=str(workdir / "var"),
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    results = [_draw_budget(args.items, args.draws)]
    results += _analysis_budget()
    for label, passed, figure in results:
        print(f"{'PASS' if passed else 'FAIL'} {label}: {figure}")
    return 0 if all(passed for _label, passed, _figure in results) else 1


def _bank(count: int) -> Blueprint:
    """``count`` active items over the default framework's areas and three difficulties."""
    from muhandis.accounts.models import User
    from muhandis.certification import demo
    from muhandis.certification.models import Scheme
    from muhandis.competencies.models import Competency
    from muhandis.exams.models import Blueprint, Item, ItemVersion

    demo.load(lambda line: None)
    scheme = Scheme.objects.get(code="CE-WSS-II", status=Scheme.Status.ACTIVE)
    author = User.objects.create(email="bench-author@example.invalid")
    competencies = list(Competency.objects.filter(framework=scheme.framework))
    chooser = random.Random(1)
    items = Item.objects.bulk_create(
        Item(code=f"B-{n:05d}", kind="single", difficulty=1 + n % 3, author=author)
        for n in range(count)
    )
    links = Item.competencies.through
    links.objects.bulk_create(
        links(item_id=item.pk, competency_id=chooser.choice(competencies).pk) for item in items
    )
    serves = Item.schemes.through
    serves.objects.bulk_create(serves(item_id=item.pk, scheme_id=scheme.pk) for item in items)
    ItemVersion.objects.bulk_create(
        ItemVersion(
            item=item,
            number=1,
            status="active",
            content={"texts": {"en": f"Question {item.code}"}},
            languages=["en", "uz"] if item.pk % 3 else ["en"],
            author=author,
        )
        for item in items
    )
    blueprint = Blueprint.objects.create(scheme=scheme, time_limit_minutes=120, pass_mark=70)
    areas = sorted({c.area.code for c in competencies})
    per_area = max(1, 100 // len(areas))
    for area in areas:
        blueprint.rows.create(area_code=area, count=per_area)
    return blueprint


def _draw_budget(count: int, draws: int) -> tuple[str, bool, str]:
    from muhandis.exams.blueprints.drawing import draw_form

    blueprint = _bank(count)
    draw_form(blueprint, "uz", seed=0)  # warm-up
    timings = []
    for seed in range(1, draws + 1):
        start = time.perf_counter()
        form = draw_form(blueprint, "uz", seed=seed)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    figure = (
        f"{len(form)} items from {count}: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
    )
    return ("draw a random form from 5,000 items < 50 ms", p95 < 50, figure)


def _analysis_budget() -> list[tuple[str, bool, str]]:
    """Item analysis of 1,000 candidates × 100 single-choice items (simulated answers whose
    chance of being right grows with the candidate's ability)."""
    from muhandis.exams.analysis import statistics as analysis

    chooser = random.Random(7)
    items = [f"I{n:03d}" for n in range(100)]
    keys = [chooser.choice("ABCD") for _ in items]
    choices, scores = [], []
    for _candidate in range(1000):
        ability = chooser.random()
        row_choices = [
            key if chooser.random() < 0.25 + 0.7 * ability else chooser.choice("ABCD")
            for key in keys
        ]
        choices.append(row_choices)
        scores.append([1.0 if c == k else 0.0 for c, k in zip(row_choices, keys, strict=True)])
    matrix = analysis.ResponseMatrix(items=items, scores=scores, choices=choices, keys=keys)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        test, _items = analysis.analyse(matrix)
        timings.append(time.perf_counter() - start)
    worst = max(timings)
    figure = f"worst of 5: {worst:.3f} s (alpha {test.alpha:.2f})"
    return [("item analysis of 1,000 candidates × 100 items < 2 s", worst < 2, figure)]


if __name__ == "__main__":
    raise SystemExit(main())
