"""A programme's outcomes for staff: pairs, meetings, goals met and certifications the
mentees obtained after they were paired, by gender, with small cells hidden.

Small cells are hidden by the rule the needs report uses (written again here: an app does not
borrow another's insides): a count under 5 (but above zero) is hidden; when exactly one cell
of a row would be hidden, the next smallest is hidden with it, or the total when there is none;
a group hidden in the first row (pairs, i.e. people) stays hidden in every row."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Gender
from muhandis.certification.models import Certificate

from ..models import Goal, Meeting, Pair, Programme

THRESHOLD = 5
NOT_GIVEN = "not_given"
GROUPS: list[tuple[str, str | Promise]] = [
    *((value, label) for value, label in Gender.choices),
    (NOT_GIVEN, _("Not given")),
]


@dataclass(frozen=True)
class Row:
    label: str | Promise
    cells: list[int | None]  # in the order of GROUPS; None: hidden
    total: int | None

    def labelled(self) -> list[tuple[str | Promise, int | None]]:
        """The cells with their groups' names, for a page."""
        return [(label, cell) for (_key, label), cell in zip(GROUPS, self.cells, strict=True)]


@dataclass(frozen=True)
class Table:
    caption: str | Promise
    rows: list[Row]


@dataclass(frozen=True)
class Outcomes:
    groups: list[tuple[str, str | Promise]]
    by_mentee: Table
    by_mentor: Table


def suppress(
    counts: Mapping[str, int], *, threshold: int = THRESHOLD, hide: Iterable[str] = ()
) -> tuple[dict[str, int | None], int | None]:
    """The cells of one row with the small ones hidden (None), and its total (None when it
    would give a hidden cell away or is small itself)."""
    cells: dict[str, int | None] = dict(counts)
    total = sum(counts.values())
    forced = set(hide)
    small = [key for key, count in counts.items() if key in forced or 0 < count < threshold]
    for key in small:
        cells[key] = None
    hidden_total = 0 < total < threshold
    if len(small) == 1:
        others = sorted((n, key) for key, n in counts.items() if key not in small and n > 0)
        if others:
            cells[others[0][1]] = None
        else:
            hidden_total = True
    return cells, None if hidden_total else total


def _group(gender: str) -> str:
    return gender if gender in Gender.values else NOT_GIVEN


def _table(caption: str | Promise, rows: list[tuple[str | Promise, dict[str, int]]]) -> Table:
    keys = [key for key, _label in GROUPS]
    made: list[Row] = []
    hidden: set[str] = set()
    for index, (label, counts) in enumerate(rows):
        full = {key: counts.get(key, 0) for key in keys}
        cells, total = suppress(full, hide=hidden)
        if index == 0:
            hidden = {key for key, value in cells.items() if value is None}
        made.append(Row(label=label, cells=[cells[key] for key in keys], total=total))
    return Table(caption=caption, rows=made)


def _certified_after(pairs: list[dict[str, Any]]) -> set[int]:
    """The mentees holding a certificate that took effect on or after their first pairing
    (re-issues of an older certificate do not count)."""
    first: dict[int, datetime.date] = {}
    for pair in pairs:
        person = pair["mentee__person_id"]
        if person not in first or pair["started_on"] < first[person]:
            first[person] = pair["started_on"]
    found = (
        Certificate.objects.filter(holder_id__in=list(first))
        .exclude(source=Certificate.Source.REISSUE)
        .values_list("holder_id", "effective_date")
    )
    return {holder for holder, day in found if day >= first[holder]}


def outcomes(programme: Programme | None = None) -> Outcomes:
    """The outcomes of one programme, or of all of them; five queries."""
    chosen = Pair.objects.all() if programme is None else Pair.objects.filter(programme=programme)
    pairs: list[dict[str, Any]] = [
        dict(row)
        for row in chosen.values(
            "id",
            "started_on",
            "mentee__person_id",
            "mentee__person__gender",
            "mentor__person__gender",
        )
    ]
    ids = [pair["id"] for pair in pairs]
    meetings: dict[int, tuple[int, int]] = {
        pair_id: (n, minutes or 0)
        for pair_id, n, minutes in Meeting.objects.filter(pair_id__in=ids)
        .values("pair_id")
        .annotate(n=Count("id"), minutes=Sum("minutes"))
        .values_list("pair_id", "n", "minutes")
    }
    goals: dict[int, tuple[int, int]] = {
        pair_id: (n, met)
        for pair_id, n, met in Goal.objects.filter(pair_id__in=ids)
        .values("pair_id")
        .annotate(n=Count("id"), met=Count("id", filter=Q(met_on__isnull=False)))
        .values_list("pair_id", "n", "met")
    }
    certified = _certified_after(pairs)
    mentee: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    mentor: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    counted: set[int] = set()
    for pair in pairs:
        group = _group(pair["mentee__person__gender"])
        met_count, minutes = meetings.get(pair["id"], (0, 0))
        goal_count, goals_met = goals.get(pair["id"], (0, 0))
        mentee["pairs"][group] += 1
        mentee["meetings"][group] += met_count
        mentee["minutes"][group] += minutes
        mentee["goals"][group] += goal_count
        mentee["met"][group] += goals_met
        person = pair["mentee__person_id"]
        if person in certified and person not in counted:
            counted.add(person)
            mentee["certified"][group] += 1
        other = _group(pair["mentor__person__gender"])
        mentor["pairs"][other] += 1
        mentor["meetings"][other] += met_count
    return Outcomes(
        groups=GROUPS,
        by_mentee=_table(
            _("By the mentee's gender"),
            [
                (_("Pairs"), mentee["pairs"]),
                (_("Meetings"), mentee["meetings"]),
                (_("Hours of meetings"), {k: v // 60 for k, v in mentee["minutes"].items()}),
                (_("Goals set"), mentee["goals"]),
                (_("Goals met"), mentee["met"]),
                (_("Mentees certified after pairing"), mentee["certified"]),
            ],
        ),
        by_mentor=_table(
            _("By the mentor's gender"),
            [(_("Pairs"), mentor["pairs"]), (_("Meetings"), mentor["meetings"])],
        ),
    )
