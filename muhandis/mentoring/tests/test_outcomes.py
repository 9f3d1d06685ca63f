import datetime

import pytest
from django.utils import timezone

from tests.visible import read

from ..models import Mode
from ..selectors.outcomes import outcomes, suppress
from ..services import pairs
from . import factories as f

pytestmark = pytest.mark.django_db

FEMALE, MALE, UNDISCLOSED, NOT_GIVEN = 0, 1, 2, 3
DAY = datetime.timedelta(days=1)


def test_one_small_cell_takes_the_next_smallest_with_it():
    cells, total = suppress({"female": 12, "male": 3, "undisclosed": 0, "not_given": 7})
    assert cells == {"female": 12, "male": None, "undisclosed": 0, "not_given": None}
    assert total == 22


def test_a_small_total_is_hidden():
    cells, total = suppress({"female": 3, "male": 0})
    assert cells == {"female": None, "male": 0}
    assert total is None


def test_nothing_small_nothing_hidden():
    assert suppress({"female": 5, "male": 6}) == ({"female": 5, "male": 6}, 11)


@pytest.fixture
def programme(administrator):
    """Six pairs with women mentees and two with men; meetings, goals met, certificates."""
    today = timezone.localdate()
    programme = f.make_programme()
    made = []
    for index in range(8):
        pair = f.make_pair(
            administrator,
            programme,
            mentee_gender="female" if index < 6 else "male",
            started_on=today - 40 * DAY,
        )
        made.append(pair)
        for days in (30, 20):
            pairs.log_meeting(
                actor=pair.mentor.person,
                pair=pair,
                held_on=today - days * DAY,
                minutes=60,
                mode=Mode.ONLINE,
            )
        if index < 5:
            pairs.mark_goal(actor=pair.mentee.person, goal=pair.goals.first(), met=True)
    # Certified after pairing: five women; before it: one more woman; a re-issue: a man.
    for pair in made[:5]:
        f.certificate_for(pair.mentee.person, today - 10 * DAY)
    f.certificate_for(made[5].mentee.person, today - 400 * DAY)
    f.certificate_for(made[6].mentee.person, today - 5 * DAY, source="reissue")
    return programme


def _row(table, label):
    return next(row for row in table.rows if str(row.label) == label)


def test_outcomes_are_counted_by_gender_and_small_groups_hidden(programme):
    found = outcomes(programme)
    pairs_row = _row(found.by_mentee, "Pairs")
    # Two men are too few to show; with them the smallest other cell (zero does not count).
    assert pairs_row.cells[FEMALE] is None
    assert pairs_row.cells[MALE] is None
    assert pairs_row.total == 8
    meetings = _row(found.by_mentee, "Meetings")
    # The men stay hidden in every row, so the women's count is hidden with them.
    assert meetings.cells[MALE] is None
    assert meetings.total == 16
    certified = _row(found.by_mentee, "Mentees certified after pairing")
    assert certified.total == 5


def test_large_groups_are_shown(administrator):
    programme = f.make_programme()
    today = timezone.localdate()
    for index in range(10):
        pair = f.make_pair(
            administrator,
            programme,
            mentee_gender="female" if index < 5 else "male",
            started_on=today - 40 * DAY,
        )
        pairs.mark_goal(actor=pair.mentee.person, goal=pair.goals.first(), met=True)
        if index < 5:
            f.certificate_for(pair.mentee.person, today)
    found = outcomes(programme)
    assert _row(found.by_mentee, "Pairs").cells[:2] == [5, 5]
    assert _row(found.by_mentee, "Goals met").cells[:2] == [5, 5]
    certified = _row(found.by_mentee, "Mentees certified after pairing")
    assert certified.cells[:2] == [5, 0]
    assert certified.total == 5
    assert _row(found.by_mentor, "Pairs").cells[FEMALE] == 10


def test_the_outcomes_page_shows_the_counts_in_few_queries(
    client, programme, training_manager, django_assert_max_num_queries
):
    training_manager.preferred_language = "en"
    training_manager.save()
    client.force_login(training_manager)
    url = f"/en/mentoring/staff/outcomes/?programme={programme.public_id}"
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    text = read(response.content.decode())[0]
    assert "By the mentee's gender" in text
    assert "Mentees certified after pairing" in text
    assert "is hidden" in text
