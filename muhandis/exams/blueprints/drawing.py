"""Drawing a candidate's exam form from the bank, reproducibly: the same blueprint, bank,
language and seed always give the same form.

Each row of the blueprint (a node of the scheme's framework, an area or a competency at any
depth, and, optionally, a difficulty) is filled with distinct items whose active version is
written in the candidate's language; an item missing in that language is not drawn. Rows are
filled in order and an item is used once per form.
A blueprint may instead name a fixed form: the same items for every candidate.

A training course's test draws from the whole bank: every active item tagged with one of the
course's competencies or a competency under them, whichever schemes it serves; its rows name
those competencies (``course_nodes``)."""

import random
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, Max, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from muhandis.competencies.models import Area, Competency
from muhandis.competencies.selectors import subtree, subtree_ids
from muhandis.exams.models import Blueprint, Item, ItemVersion
from muhandis.training.models import CourseCompetency


@dataclass(frozen=True)
class Candidate:
    """An item that can be drawn: its active version and what the blueprint selects on."""

    version_id: int
    item_id: int
    areas: frozenset[str]
    difficulty: int
    competency_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Row:
    """A row as drawn: ``area_code`` is the code the row names; ``within`` is None when it
    names an area (items of any competency in an area with that code fit, as before trees),
    else the competency's subtree (items of any competency in it fit)."""

    area_code: str
    difficulty: int | None
    count: int
    within: frozenset[int] | None = None

    def fits(self, candidate: Candidate) -> bool:
        """Whether the candidate's competencies and difficulty fit this row."""
        if self.difficulty is not None and candidate.difficulty != self.difficulty:
            return False
        if self.within is None:
            return self.area_code in candidate.areas
        return bool(candidate.competency_ids & self.within)


class NotEnoughItems(ValidationError):
    pass


def draw(pool: list[Candidate], rows: list[Row], seed: int) -> list[int]:
    """The version ids of one form, row after row (pure: no database)."""
    chooser = random.Random(seed)  # noqa: S311 - reproducibility is the point; seeds are secret
    ordered = sorted(pool, key=lambda c: c.version_id)  # independent of query order
    used: set[int] = set()
    form: list[int] = []
    for row in rows:
        fits = [c for c in ordered if c.item_id not in used and row.fits(c)]
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


@dataclass(frozen=True)
class CourseNode:
    """A competency a course test's row may name: one of the course's competencies or one
    under it, with the ids of its subtree (the items that fit the row)."""

    competency: Competency
    within: frozenset[int]
    depth: int = 0  # 0 for a competency of the course, 1 for one directly under it, …


def course_nodes(course_id: int) -> dict[str, CourseNode]:
    """Every competency a row of the course's test may name, by code, in tree order: the
    course's competencies and all under them (one query per competency of the course). A
    code found in two frameworks is left out: a row could not say which it means."""
    found: dict[str, CourseNode] = {}
    twice: set[str] = set()
    tops = Competency.objects.filter(
        pk__in=CourseCompetency.objects.filter(course_id=course_id).values("competency_id")
    ).order_by("framework_id", "area__sort_order", "sort_order", "code")
    for top in tops:
        nodes = subtree(top)
        below: dict[int, set[int]] = {n.pk: {n.pk} for n in nodes}
        for node in reversed(nodes):  # children come after their parents
            if node.parent_id in below and node.pk != top.pk:
                below[node.parent_id] |= below[node.pk]
        for node in nodes:
            known = found.get(node.code)
            if known is not None and known.competency.pk != node.pk:
                twice.add(node.code)
            depth = getattr(node, "tree_depth", 0)
            found.setdefault(node.code, CourseNode(node, frozenset(below[node.pk]), depth))
    return {code: node for code, node in found.items() if code not in twice}


def course_tree(course_id: int) -> frozenset[int]:
    """The ids of the course's competencies and of every competency under them."""
    return frozenset().union(*(n.within for n in course_nodes(course_id).values()))


def _serving(blueprint: Blueprint, tree: frozenset[int] | None = None) -> QuerySet[ItemVersion]:
    """The active versions a blueprint draws from: those serving its scheme (by code, across
    its versions), or, for a course test, those of the course's competencies and below."""
    active = ItemVersion.objects.filter(status=ItemVersion.Status.ACTIVE)
    if blueprint.course_id is not None:
        tree = course_tree(blueprint.course_id) if tree is None else tree
        return active.filter(item__in=Item.objects.filter(competencies__in=tree).values("pk"))
    if blueprint.scheme is None:  # refused by the database; nothing to draw
        return active.none()
    return active.filter(item__schemes__code=blueprint.scheme.code)


def pool_for(blueprint: Blueprint, language: str) -> list[Candidate]:
    """The active versions serving the blueprint (``_serving``) and written in ``language``,
    in one query (and those of the course's tree for a course test)."""
    # The language is checked here: SQLite cannot look inside a JSON list.
    rows = _serving(blueprint).values_list(
        "pk",
        "item_id",
        "item__difficulty",
        "item__competencies__area__code",
        "item__competencies",
        "languages",
    )
    found: dict[int, tuple[int, int, set[str], set[int]]] = {}
    for version_id, item_id, difficulty, area, competency_id, languages in rows:
        if language not in languages:
            continue
        entry = found.setdefault(version_id, (item_id, difficulty, set(), set()))
        entry[2].add(area)
        if competency_id is not None:
            entry[3].add(competency_id)
    return [
        Candidate(version_id, item_id, frozenset(areas), difficulty, frozenset(competencies))
        for version_id, (item_id, difficulty, areas, competencies) in found.items()
    ]


def blueprint_rows(blueprint: Blueprint) -> list[Row]:
    """The blueprint's rows as drawn: a row naming an area of the scheme's framework (or
    nothing in it) matches by area code as before; a row naming a competency matches the
    items of that competency's subtree. Should an area and a competency share the code, the
    area wins (rows written before frameworks were trees named areas; saving such a row is
    refused in ``services._check_rows``). One query when every row names an area, as before
    frameworks were trees; otherwise one more, plus one per competency row (its subtree).
    A course test's rows name competencies of the course's tree (``course_nodes``)."""
    if blueprint.course_id is not None:
        nodes = course_nodes(blueprint.course_id)
        return [
            Row(r.area_code, r.difficulty, r.count, nodes[r.area_code].within)
            if r.area_code in nodes
            else Row(r.area_code, r.difficulty, r.count, frozenset())
            for r in blueprint.rows.all()
        ]
    framework = OuterRef("blueprint__scheme__framework_id")
    stored = list(
        blueprint.rows.annotate(
            names_area=Exists(
                Area.objects.filter(framework_id=framework, code=OuterRef("area_code"))
            ),
            competency_pk=Subquery(
                Competency.objects.filter(
                    framework_id=framework, code=OuterRef("area_code")
                ).values("pk")[:1]
            ),
        )
    )
    wanted = {r.competency_pk for r in stored if r.competency_pk and not r.names_area}
    subtrees = (
        {c.pk: frozenset(subtree_ids(c)) for c in Competency.objects.filter(pk__in=wanted)}
        if wanted
        else {}
    )
    return [
        Row(
            r.area_code,
            r.difficulty,
            r.count,
            None if r.names_area else subtrees.get(r.competency_pk),
        )
        for r in stored
    ]


# Pools already read, per blueprint and language, with the state of the bank they reflect.
_POOLS: dict[tuple[int, str], tuple[tuple, list[Candidate]]] = {}


def _bank_state(blueprint: Blueprint) -> tuple:
    """Changes whenever an active version serving the blueprint is added, activated, retired
    or edited, or its item changes (one aggregate query; a course test's tree is read too, and
    a changed tree is another state)."""
    tree = course_tree(blueprint.course_id) if blueprint.course_id is not None else frozenset()
    found = _serving(blueprint, tree).aggregate(
        versions=Count("pk"), changed=Max("updated_at"), items_changed=Max("item__updated_at")
    )
    return (found["versions"], found["changed"], found["items_changed"], tree)


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
    return draw(cached_pool(blueprint, language), blueprint_rows(blueprint), seed)
