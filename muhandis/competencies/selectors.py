"""Reads of competency frameworks.

A framework's whole tree is read in two queries (its areas, then all its competencies) and put
together in Python; one node's ancestors or subtree are read with a recursive query that
SQLite and PostgreSQL both run (decision 0008).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import Area, Competency, Framework, RequiredLevel, RoleProfile

# No real framework is this deep; the bound stops a recursive query should rows ever form a
# loop that the model's checks did not catch.
MAX_DEPTH = 100


def frameworks() -> QuerySet[Framework]:
    return Framework.objects.select_related("scale")


def current_frameworks() -> QuerySet[Framework]:
    return frameworks().filter(status=Framework.Status.PUBLISHED)


def framework_areas(framework: Framework) -> QuerySet[Area]:
    """The areas of a framework with all their competencies (every depth, flat), in two
    queries."""
    return framework.areas.prefetch_related(
        Prefetch("competencies", queryset=Competency.objects.order_by("sort_order", "code"))
    )


@dataclass
class TreeNode:
    """A competency in its framework's tree; ``depth`` is 1 directly under the area."""

    competency: Competency
    depth: int
    parent_code: str
    children: list["TreeNode"] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.competency.code

    @property
    def label(self) -> str:
        return self.competency.title

    def description_html(self) -> SafeString:
        return self.competency.description_html()

    @property
    def description(self) -> str:
        return self.competency.description


@dataclass
class AreaTree:
    """An area (the top level) and the competencies under it."""

    area: Area
    children: list[TreeNode] = field(default_factory=list)

    def nodes(self) -> Iterator[TreeNode]:
        """Every competency of the area, each parent before its children, siblings in order."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    @property
    def height(self) -> int:
        """Levels of competencies under the area (0 when it has none)."""
        return max((node.depth for node in self.nodes()), default=0)


def tree_of(framework: Framework, *, with_links: bool = False) -> list[AreaTree]:
    """The framework as a tree: two queries (areas, competencies), put together in Python;
    ``with_links`` adds one for the cross-references."""
    competencies = Competency.objects.filter(framework=framework).order_by("sort_order", "code")
    if with_links:
        competencies = competencies.prefetch_related(
            Prefetch("related", queryset=Competency.objects.order_by("code"))
        )
    return build_tree(list(framework.areas.all()), list(competencies))


def build_tree(areas: list[Area], competencies: list[Competency]) -> list[AreaTree]:
    """Put areas and their competencies (already in sibling order) together as a tree."""
    by_parent: dict[int | None, list[Competency]] = {}
    for competency in competencies:
        by_parent.setdefault(competency.parent_id, []).append(competency)
    trees = []
    for area in areas:
        tree = AreaTree(area)
        tops = [c for c in by_parent.get(None, []) if c.area_id == area.pk]
        stack = [(tree.children, c, 1, area.code) for c in reversed(tops)]
        while stack:
            siblings, competency, depth, parent_code = stack.pop()
            node = TreeNode(competency, depth, parent_code)
            siblings.append(node)
            stack.extend(
                (node.children, child, depth + 1, competency.code)
                for child in reversed(by_parent.get(competency.pk, []))
            )
        trees.append(tree)
    return trees


def children(competency: Competency) -> QuerySet[Competency]:
    """The competencies directly under this one, in order."""
    return competency.children.order_by("sort_order", "code")


def area_tops(area: Area) -> QuerySet[Competency]:
    """The competencies directly under an area, in order."""
    return area.competencies.filter(parent__isnull=True).order_by("sort_order", "code")


@cache
def _names() -> dict[str, str]:
    """The table's and columns' names, quoted for this database, from the model."""
    quote = connection.ops.quote_name
    meta = Competency._meta
    return {
        "table": quote(meta.db_table),
        "id": quote(str(meta.pk.column)),
        "parent": quote(meta.get_field("parent").column),
    }


def _subtree_sql() -> str:
    names = _names()
    return (
        "WITH RECURSIVE below (node_id, node_depth) AS ("  # noqa: S608 (names from the model)
        " SELECT t.{id}, 0 FROM {table} t WHERE t.{id} = %s"
        " UNION ALL"
        " SELECT c.{id}, b.node_depth + 1 FROM {table} c JOIN below b ON c.{parent} = b.node_id"
        f" WHERE b.node_depth < {MAX_DEPTH}"
        ") SELECT c.*, b.node_depth AS tree_depth FROM below b JOIN {table} c ON c.{id} = b.node_id"
    ).format(**names)


def _ancestors_sql() -> str:
    names = _names()
    return (
        "WITH RECURSIVE above (node_id, up_id, steps) AS ("  # noqa: S608 (names from the model)
        " SELECT t.{id}, t.{parent}, 0 FROM {table} t WHERE t.{id} = %s"
        " UNION ALL"
        " SELECT c.{id}, c.{parent}, a.steps + 1 FROM {table} c JOIN above a ON c.{id} = a.up_id"
        f" WHERE a.steps < {MAX_DEPTH}"
        ") SELECT c.*, a.steps AS tree_steps FROM above a JOIN {table} c ON c.{id} = a.node_id"
        " WHERE a.steps > 0 ORDER BY a.steps DESC"
    ).format(**names)


def ancestors(competency: Competency) -> list[Competency]:
    """The competencies above this one, from the one directly under the area down to its
    parent; one query."""
    return list(Competency.objects.raw(_ancestors_sql(), [competency.pk]))


def depth(competency: Competency) -> int:
    """1 for a competency directly under its area, 2 for one under that, and so on."""
    return len(ancestors(competency)) + 1


def subtree(competency: Competency) -> list[Competency]:
    """This competency and every competency under it, parents before children and siblings in
    order, each with ``tree_depth`` (0 for this one); one query."""
    rows = list(Competency.objects.raw(_subtree_sql(), [competency.pk]))
    by_parent: dict[int | None, list[Competency]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    for siblings in by_parent.values():
        siblings.sort(key=lambda c: (c.sort_order, c.code))
    ordered, stack = [], [r for r in rows if r.pk == competency.pk]
    while stack:
        node = stack.pop()
        ordered.append(node)
        stack.extend(reversed(by_parent.get(node.pk, [])))
    return ordered


def subtree_ids(competency: Competency) -> list[int]:
    """The primary keys of this competency and all under it, for filtering what points at a
    branch of the framework (items, scheme competencies, CPD activities)."""
    return [c.pk for c in subtree(competency)]


def lineage_codes(competency_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """For each competency, its own code, the codes of the competencies above it and its
    area's code: what a blueprint row naming any node of the tree matches. One query."""
    wanted = set(competency_ids)
    framework_ids = Competency.objects.filter(pk__in=wanted).values("framework_id")
    rows = {
        pk: (parent_id, code, area_code)
        for pk, parent_id, code, area_code in Competency.objects.filter(
            framework_id__in=framework_ids
        ).values_list("pk", "parent_id", "code", "area__code")
    }
    lineage: dict[int, frozenset[str]] = {}
    for pk in wanted & rows.keys():
        codes = {rows[pk][2]}
        node: int | None = pk
        for _step in range(MAX_DEPTH):
            if node is None:
                break
            parent_id, code, _area = rows[node]
            codes.add(code)
            node = parent_id
        lineage[pk] = frozenset(codes)
    return lineage


def tree_choices(competencies: QuerySet[Competency]) -> list[tuple[int, str]]:
    """Choices for a form listing these competencies: in tree order (framework, area, parents
    before children), each nested one indented and naming the competency it sits under.
    Two queries whatever the depth."""
    chosen = {c.pk: c for c in competencies}
    framework_ids = {c.framework_id for c in chosen.values()}
    everything = list(
        Competency.objects.filter(framework_id__in=framework_ids)
        .select_related("area")
        .order_by("framework_id", "area__sort_order", "area__code", "sort_order", "code")
    )
    codes = {c.pk: c.code for c in everything}
    by_parent: dict[int | None, list[Competency]] = {}
    for competency in everything:
        by_parent.setdefault(competency.parent_id, []).append(competency)
    choices: list[tuple[int, str]] = []
    stack = [(c, 1) for c in reversed(by_parent.get(None, []))]
    while stack:
        competency, level = stack.pop()
        if competency.pk in chosen:
            choices.append((competency.pk, _choice_label(chosen[competency.pk], level, codes)))
        stack.extend((child, level + 1) for child in reversed(by_parent.get(competency.pk, [])))
    return choices


def _choice_label(competency: Competency, level: int, codes: dict[int, str]) -> str:
    label = f"{competency.code} {competency.title}"
    if competency.parent_id is None:
        return label
    indent = "\u2003" * (level - 1)  # em spaces: the nesting seen; the words say it too
    return indent + _("%(competency)s (under %(parent)s)") % {
        "competency": label,
        "parent": codes.get(competency.parent_id, ""),
    }


def framework_profiles(framework: Framework) -> list[dict]:
    """Role profiles with the required level per competency code."""
    profiles = framework.profiles.prefetch_related(
        Prefetch("requirements", queryset=RequiredLevel.objects.select_related("competency"))
    )
    return [
        {"profile": p, "levels": {r.competency.code: r.level for r in p.requirements.all()}}
        for p in profiles
    ]


def profile_requirements(profile: RoleProfile) -> QuerySet[RequiredLevel]:
    return profile.requirements.select_related("competency__area")
