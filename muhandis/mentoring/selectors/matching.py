"""Suggested mentors for each mentee of a programme, ranked.

The rule, as the suggestions page explains it to staff:

- a mentee who asked for a woman mentor is offered women mentors only (a hard filter: the
  wish is about who they will confide in, and a high score must not outweigh it); staff may
  still pair by hand, and the page says so when the wish is not met;
- a mentor who has as many mentees as they offered to take is not suggested;
- points: 3 for each competence area both named; 2 for the same region, 6 instead when the
  mentee asked for a mentor from their region; 2 for a language both speak, and 4 more when
  the mentor speaks the language the mentee asked for; 1 when their ways of meeting (online,
  in person) fit;
- equal points: the mentor with more free places first, then the earlier application.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from muhandis.accounts.models import Gender
from muhandis.competencies.models import Area

from ..models import Application, ApplicationStatus, Language, Mode, Pair, Programme, Side

POINTS_AREA = 3
POINTS_REGION = 2
POINTS_REGION_WISHED = 6
POINTS_LANGUAGE = 2
POINTS_LANGUAGE_WISHED = 4
POINTS_MODE = 1
SHOWN = 5


@dataclass
class Suggestion:
    mentor: Application
    score: int
    free_places: int
    shared_areas: list[Area] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


@dataclass
class MenteeSuggestions:
    mentee: Application
    suggestions: list[Suggestion]
    # The woman-mentor wish filtered out this many mentors who had places.
    filtered_out: int = 0


def modes_fit(one: str, other: str) -> bool:
    return Mode.EITHER in (one, other) or one == other


def score(mentee: Application, mentor: Application, free_places: int) -> Suggestion:
    """How well ``mentor`` fits ``mentee``, with the reasons in words."""
    found = Suggestion(mentor=mentor, score=0, free_places=free_places)
    mentor_areas = {area.pk for area in mentor.areas.all()}
    found.shared_areas = [area for area in mentee.areas.all() if area.pk in mentor_areas]
    if found.shared_areas:
        found.score += POINTS_AREA * len(found.shared_areas)
        shared_count = len(found.shared_areas)
        found.reasons.append(
            ngettext(
                "%(count)s shared competence area",
                "%(count)s shared competence areas",
                shared_count,
            )
            % {"count": shared_count}
        )
    if mentee.region_id and mentee.region_id == mentor.region_id:
        found.score += POINTS_REGION_WISHED if mentee.wants_same_region else POINTS_REGION
        found.reasons.append(_("same region"))
    elif mentee.wants_same_region:
        found.reasons.append(_("another region, though the mentee asked for their own"))
    shared = [code for code in mentee.languages if code in mentor.languages]
    if shared:
        found.score += POINTS_LANGUAGE
        names = dict(Language.choices)
        found.reasons.append(
            _("speaks %(languages)s")
            % {"languages": ", ".join(str(names.get(c, c)) for c in shared)}
        )
    if mentee.wants_language:
        if mentee.wants_language in mentor.languages:
            found.score += POINTS_LANGUAGE_WISHED
            found.reasons.append(_("speaks the language the mentee asked for"))
        else:
            found.reasons.append(_("does not speak the language the mentee asked for"))
    if modes_fit(mentee.mode, mentor.mode):
        found.score += POINTS_MODE
    else:
        found.reasons.append(_("their ways of meeting differ"))
    return found


def rank(
    mentee: Application, mentors: Iterable[Application], taken: Counter[int]
) -> MenteeSuggestions:
    """The mentors with places left, best first; women only when the mentee asked for a
    woman mentor."""
    result = MenteeSuggestions(mentee=mentee, suggestions=[])
    for mentor in mentors:
        free = mentor.max_mentees - taken[mentor.pk]
        if free <= 0 or mentor.person_id == mentee.person_id:
            continue
        if mentee.wants_woman_mentor and mentor.person.gender != Gender.FEMALE:
            result.filtered_out += 1
            continue
        result.suggestions.append(score(mentee, mentor, free))
    result.suggestions.sort(
        key=lambda s: (-s.score, -s.free_places, s.mentor.created_at, s.mentor.pk)
    )
    return result


def _applications(programme: Programme) -> list[Application]:
    return list(
        Application.objects.filter(programme=programme, status=ApplicationStatus.APPLIED)
        .select_related("person", "region")
        .prefetch_related("areas")
        .order_by("created_at", "id")
    )


@dataclass
class Matching:
    """The suggestions page: each unpaired mentee's suggestions, and every mentor with places
    left (for pairing by hand)."""

    mentees: list[MenteeSuggestions]
    mentors: list[tuple[Application, int]]


def suggestions(programme: Programme, *, shown: int = SHOWN) -> Matching:
    """For each mentee of the programme without an open pair, the best ``shown`` mentors;
    three queries."""
    found = _applications(programme)
    open_pairs = list(
        Pair.objects.filter(programme=programme, ended_on__isnull=True).values_list(
            "mentor_id", "mentee_id"
        )
    )
    taken = Counter(mentor_id for mentor_id, _mentee in open_pairs)
    paired = {mentee_id for _mentor, mentee_id in open_pairs}
    mentors = [a for a in found if a.side == Side.MENTOR]
    mentees = [a for a in found if a.side == Side.MENTEE and a.pk not in paired]
    result = []
    for mentee in mentees:
        ranked = rank(mentee, mentors, taken)
        ranked.suggestions = ranked.suggestions[:shown]
        result.append(ranked)
    with_places = [(m, m.max_mentees - taken[m.pk]) for m in mentors if m.max_mentees > taken[m.pk]]
    return Matching(mentees=result, mentors=with_places)
