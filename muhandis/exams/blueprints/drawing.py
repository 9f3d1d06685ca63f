"""Drawing a candidate's exam form from the bank, reproducibly: the same blueprint, bank,
language and seed always give the same form.

Each row of the blueprint (a competency area and, optionally, a difficulty) is filled with
distinct items whose active version is written in the candidate's language; an item missing in
that language is not drawn. Rows are filled in order and an item is used once per form.
A blueprint may instead name a fixed form: the same items for every candidate."""

import random
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from muhandis.exams.models import Blueprint, ItemVersion


@dataclass(frozen=True)
class Candidate:
    """An item that can be drawn: its active version and what the blueprint selects on."""

    version_id: int
    item_id: int
    areas: frozenset[str]
    difficulty: int


@dataclass(frozen=True)
class Row:
    area_code: str
    difficulty: int | None
    count: int


class NotEnoughItems(ValidationError):
    pass


def draw(pool: list[Candidate], rows: list[Row], seed: int) -> list[int]:
    """The version ids of one form, row after row (pure: no database)."""
    chooser = random.Random(seed)  # noqa: S311 - reproducibility is the point; seeds are secret
    by_area: dict[str, list[Candidate]] = {}
    for candidate in sorted(pool, key=lambda c: c.version_id):  # independent of query order
        for area in candidate.areas:
            by_area.setdefault(area, []).append(candidate)
    used: set[int] = set()
    form: list[int] = []
    for row in rows:
        fits = [
            c
            for c in by_area.get(row.area_code, ())
            if (row.difficulty is None or c.difficulty == row.difficulty) and c.item_id not in used
        ]
        if len(fits) < row.count:
            raise NotEnoughItems(
                _(
                    "The bank has %(have)d active items for %(area)s in this language; "
                    "the blueprint asks for %(need)d."
                )
                % {"have": len(fits), "area": row.area_code, "need": row.count}
            )
        chosen = chooser.sample(fits, row.count)
        used.update(c.item_id for c in chosen)
        form.extend(c.version_id for c in chosen)
    return form


def pool_for(blueprint: Blueprint, language: str) -> list[Candidate]:
    """The active versions serving the blueprint's scheme (by code, across its versions) and
    written in ``language``, in one query."""
    # The language is checked here: SQLite cannot look inside a JSON list.
    rows = ItemVersion.objects.filter(
        status=ItemVersion.Status.ACTIVE, item__schemes__code=blueprint.scheme.code
    ).values_list(
        "pk", "item_id", "item__difficulty", "item__competencies__area__code", "languages"
    )
    found: dict[int, tuple[int, int, set[str]]] = {}
    for version_id, item_id, difficulty, area, languages in rows:
        if language not in languages:
            continue
        entry = found.setdefault(version_id, (item_id, difficulty, set()))
        entry[2].add(area)
    return [
        Candidate(version_id, item_id, frozenset(areas), difficulty)
        for version_id, (item_id, difficulty, areas) in found.items()
    ]


# Pools already read, per blueprint and language, with the state of the bank they reflect.
_POOLS: dict[tuple[int, str], tuple[tuple, list[Candidate]]] = {}


def _bank_state(blueprint: Blueprint) -> tuple:
    """Changes whenever an active version serving the scheme is added, activated, retired or
    edited, or its item changes (one aggregate query)."""
    found = ItemVersion.objects.filter(
        status=ItemVersion.Status.ACTIVE, item__schemes__code=blueprint.scheme.code
    ).aggregate(
        versions=Count("pk"), changed=Max("updated_at"), items_changed=Max("item__updated_at")
    )
    return (found["versions"], found["changed"], found["items_changed"])


def cached_pool(blueprint: Blueprint, language: str) -> list[Candidate]:
    """The pool, read again only when the bank has changed: a sitting draws hundreds of forms
    from the same bank."""
    key = (blueprint.pk, language)
    state = _bank_state(blueprint)
    cached = _POOLS.get(key)
    if cached is not None and cached[0] == state:
        return cached[1]
    pool = pool_for(blueprint, language)
    if len(_POOLS) > 64:
        _POOLS.clear()
    _POOLS[key] = (state, pool)
    return pool


def fixed_form(blueprint: Blueprint, language: str) -> list[int]:
    """The same items for every candidate, in the order of their codes: each needs an active
    version written in the candidate's language."""
    items = list(blueprint.fixed_items.order_by("code"))
    if not items:
        raise NotEnoughItems(_("The blueprint's fixed form has no items."))
    versions = {
        v.item_id: v
        for v in ItemVersion.objects.filter(item__in=items, status=ItemVersion.Status.ACTIVE).only(
            "pk", "item_id", "languages"
        )
    }
    missing = [
        i.code for i in items if language not in getattr(versions.get(i.pk), "languages", [])
    ]
    if missing:
        raise NotEnoughItems(
            _("These items of the fixed form have no active version in this language: %(codes)s.")
            % {"codes": ", ".join(missing)}
        )
    return [versions[i.pk].pk for i in items]


def draw_form(blueprint: Blueprint, language: str, seed: int) -> list[int]:
    if blueprint.form_mode == Blueprint.FormMode.FIXED:
        return fixed_form(blueprint, language)
    rows = [Row(r.area_code, r.difficulty, r.count) for r in blueprint.rows.all()]
    return draw(cached_pool(blueprint, language), rows, seed)
