"""Response rates of a survey's personal invitations, and whether the respondents represent
the member register.

**Rates.** Invitations sent against invitations answered (an invitation not sent yet does not
count; an answered one counts as sent), overall and per distribution list, per region and per
gender (as copied onto the invitation when it was made; blanks are "not stated"). Responses
through the public link or imported from KoboToolbox/ODK have no invitation and are counted
apart (``other_responses``). An answered count under the survey's
suppression threshold is hidden (None), with a partner when it is alone, as in every other
table; the number invited is not an answer and stays shown.

**Representation.** The shares of the respondents who answered about themselves (supervisors
answering about their staff are not compared), by gender and by region, against the shares in
the member register. Until a membership register exists, the register is the people who hold
the engineer role now (active, not anonymised), with the gender and region of their profile.
Shares are taken among those whose gender (region) is known, on each side. A group is
**under-represented** when its share among the respondents is below 80 % of its share in the
register *and* at least 5 percentage points lower (both, so that neither a small group's
tiny shortfall nor a large group's proportionally small one raises a warning). Counts under
the threshold are hidden on both sides, and a hidden count's share with it; the warning is
still given (it says a group is short, not how many answered)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from muhandis.accounts.models import Gender
from muhandis.accounts.roles import Role

from ..analysis import hidden_keys, suppress
from ..models import RespondentKind, Response, Survey
from .breakdowns import NOT_STATED, group_key, region_labels

UNDER_SHARE_RATIO = 0.8
UNDER_SHARE_POINTS = 0.05


@dataclass(frozen=True)
class RateRow:
    """One group's invitations. ``answered`` and ``rate`` are None when suppressed."""

    key: str
    label: str
    invited: int
    answered: int | None
    rate: float | None
    suppressed: bool


@dataclass(frozen=True)
class RateTable:
    key: str  # "distribution", "region" or "gender"
    label: str
    rows: list[RateRow]
    total: RateRow


@dataclass(frozen=True)
class Representation:
    """A group's share among the respondents against its share in the register. Counts and
    shares are None when suppressed (``respondents_suppressed`` / ``register_suppressed``)."""

    key: str
    label: str
    respondents: int | None
    respondent_share: float | None
    register: int | None
    register_share: float | None
    under_represented: bool
    respondents_suppressed: bool = False
    register_suppressed: bool = False


@dataclass(frozen=True)
class RepresentationTable:
    key: str  # "gender" or "region"
    label: str
    rows: list[Representation]
    respondents: int | None  # whose group is known
    register: int | None

    @property
    def warnings(self) -> list[Representation]:
        return [row for row in self.rows if row.under_represented]


@dataclass(frozen=True)
class ResponseRates:
    invited: int
    answered: int | None
    rate: float | None
    other_responses: int  # submitted without an invitation (public link, imported)
    by_channel: dict[str, int]  # submitted responses per channel
    tables: dict[str, RateTable]  # "distribution", "region", "gender"
    representation: dict[str, RepresentationTable]  # "gender", "region"
    threshold: int = 5

    @property
    def warnings(self) -> list[tuple[RepresentationTable, Representation]]:
        return [(t, row) for t in self.representation.values() for row in t.warnings]


def response_rates(
    survey: Survey,
    *,
    region_names: Mapping[str, str] | None = None,
) -> ResponseRates:
    """The rates and representation of ``survey``. Five queries (four when the region names
    are passed in)."""
    names = region_names if region_names is not None else region_labels()
    threshold = survey.suppression_threshold
    invitations = list(
        survey.invitations.filter(Q(sent_at__isnull=False) | Q(answered_at__isnull=False))
        .values("distribution", "region_id", "gender")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False)))
        .order_by()
    )
    channels = dict(
        Response.objects.filter(survey=survey, submitted_at__isnull=False)
        .values_list("channel")
        .annotate(n=Count("id"))
        .order_by()
    )
    invited = sum(row["invited"] for row in invitations)
    answered = sum(row["answered"] for row in invitations)
    gender_names = {
        Gender.FEMALE.value: str(Gender.FEMALE.label),
        Gender.MALE.value: str(Gender.MALE.label),
    }
    tables = {
        "distribution": _rate_table(
            "distribution", _("Distribution list"), invitations, "distribution", {}, threshold
        ),
        "region": _rate_table("region", _("Region"), invitations, "region_id", names, threshold),
        "gender": _rate_table(
            "gender", _("Gender"), invitations, "gender", gender_names, threshold
        ),
    }
    overall = suppress({"answered": answered}, threshold=threshold)
    return ResponseRates(
        invited=invited,
        answered=overall.total,
        rate=answered / invited if invited and overall.total is not None else None,
        other_responses=sum(n for channel, n in channels.items() if channel != "personal"),
        by_channel=channels,
        tables=tables,
        representation=representation(survey, region_names=names, gender_names=gender_names),
        threshold=threshold,
    )


def _label(key: str, names: Mapping[str, str]) -> str:
    if key == NOT_STATED:
        return _("Not stated")
    return names.get(key, key)


def _rate_table(
    key: str,
    label: str,
    rows: Iterable[Mapping[str, object]],
    column: str,
    names: Mapping[str, str],
    threshold: int,
) -> RateTable:
    invited: dict[str, int] = {}
    answered: dict[str, int] = {}
    for row in rows:
        if key == "distribution":
            group = str(row[column]) if row[column] else NOT_STATED
        else:
            group = group_key(row[column])
        invited[group] = invited.get(group, 0) + int(row["invited"])  # type: ignore[call-overload]
        answered[group] = answered.get(group, 0) + int(row["answered"])  # type: ignore[call-overload]
    order = [k for k in names if k in invited] + sorted(k for k in invited if k not in names)
    order = [k for k in order if k != NOT_STATED] + ([NOT_STATED] if NOT_STATED in invited else [])
    shown = suppress({k: answered[k] for k in order}, threshold=threshold)
    hidden = hidden_keys(shown)
    table_rows = [
        RateRow(
            key=k,
            label=_label(k, names),
            invited=invited[k],
            answered=shown.cells[k],
            rate=answered[k] / invited[k] if k not in hidden and invited[k] else None,
            suppressed=k in hidden,
        )
        for k in order
    ]
    all_invited = sum(invited.values())
    total = RateRow(
        key="",
        label=_("All"),
        invited=all_invited,
        answered=shown.total,
        rate=shown.total / all_invited if shown.total is not None and all_invited else None,
        suppressed=shown.total is None,
    )
    return RateTable(key=key, label=label, rows=table_rows, total=total)


def register_counts() -> dict[str, dict[str, int]]:
    """The member register by gender and by region (group keys as in the breakdowns): the
    people who hold the engineer role now, active and not anonymised. One query."""
    people = get_user_model().objects.filter(
        anonymised_at__isnull=True,
        is_active=True,
        role_assignments__role=Role.ENGINEER,
        role_assignments__revoked_at__isnull=True,
    )
    rows = people.values("gender", "region_id").annotate(n=Count("id", distinct=True)).order_by()
    return _by_gender_and_region(rows)


def _by_gender_and_region(rows: Iterable[Mapping[str, object]]) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {"gender": {}, "region": {}}
    for row in rows:
        n = int(row["n"])  # type: ignore[call-overload]
        for dimension, column in (("gender", "gender"), ("region", "region_id")):
            key = group_key(row[column])
            result[dimension][key] = result[dimension].get(key, 0) + n
    return result


def representation(
    survey: Survey,
    *,
    region_names: Mapping[str, str],
    gender_names: Mapping[str, str],
) -> dict[str, RepresentationTable]:
    """The self-respondents' shares by gender and region against the register's (two
    queries)."""
    rows = (
        Response.objects.filter(survey=survey, submitted_at__isnull=False, kind=RespondentKind.SELF)
        .values("gender", "region_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    answered = _by_gender_and_region(rows)
    register = register_counts()
    threshold = survey.suppression_threshold
    return {
        "gender": _representation(
            "gender", _("Gender"), answered["gender"], register["gender"], gender_names, threshold
        ),
        "region": _representation(
            "region", _("Region"), answered["region"], register["region"], region_names, threshold
        ),
    }


def under_represented(respondent_share: float, register_share: float) -> bool:
    """Below 80 % of the register's share and at least 5 percentage points lower."""
    return (
        respondent_share < UNDER_SHARE_RATIO * register_share
        and register_share - respondent_share >= UNDER_SHARE_POINTS - 1e-12
    )


def _representation(
    key: str,
    label: str,
    answered: Mapping[str, int],
    register: Mapping[str, int],
    names: Mapping[str, str],
    threshold: int,
) -> RepresentationTable:
    groups = [k for k in names if k in answered or k in register]
    groups += sorted(
        k for k in set(answered) | set(register) if k not in groups and k != NOT_STATED
    )
    a_counts = {k: answered.get(k, 0) for k in groups}
    r_counts = {k: register.get(k, 0) for k in groups}
    a_total, r_total = sum(a_counts.values()), sum(r_counts.values())
    a_shown = suppress(a_counts, threshold=threshold)
    r_shown = suppress(r_counts, threshold=threshold)
    rows = []
    for k in groups:
        a_share = a_counts[k] / a_total if a_total else None
        r_share = r_counts[k] / r_total if r_total else None
        a_hidden, r_hidden = a_shown.cells[k] is None, r_shown.cells[k] is None
        rows.append(
            Representation(
                key=k,
                label=_label(k, names),
                respondents=a_shown.cells[k],
                respondent_share=None if a_hidden else a_share,
                register=r_shown.cells[k],
                register_share=None if r_hidden else r_share,
                under_represented=(
                    a_share is not None
                    and r_share is not None
                    and under_represented(a_share, r_share)
                ),
                respondents_suppressed=a_hidden,
                register_suppressed=r_hidden,
            )
        )
    return RepresentationTable(
        key=key, label=label, rows=rows, respondents=a_shown.total, register=r_shown.total
    )
