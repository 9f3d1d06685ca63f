import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from muhandis.core.models import AuditEntry
from muhandis.notifications.models import Notification
from tests.visible import read

from ..models import Mode
from ..services import applications, pairs
from . import factories as f

pytestmark = pytest.mark.django_db

SECRET = "She is thinking of leaving her employer"


@pytest.fixture
def pair(administrator):
    programme = f.make_programme()
    return f.make_pair(
        administrator, programme, started_on=timezone.localdate() - datetime.timedelta(days=30)
    )


def _meeting(pair, by=None):
    return pairs.log_meeting(
        actor=by or pair.mentee.person,
        pair=pair,
        held_on=timezone.localdate() - datetime.timedelta(days=3),
        minutes=75,
        mode=Mode.ONLINE,
        notes=SECRET,
    )


def test_pairing_tells_both_and_is_audited(pair):
    for person in (pair.mentor.person, pair.mentee.person):
        notice = Notification.objects.get(person=person, kind="mentoring.paired")
        assert pair.programme.title_en in notice.title
    assert AuditEntry.objects.filter(
        action="mentoring.pair.created", target_id=str(pair.pk)
    ).exists()


def test_the_mentees_goals_become_the_pairs_goals(pair):
    assert [g.text for g in pair.goals.all()] == ["Design a pumping station", "Lead a team"]


def test_a_mentor_takes_no_more_mentees_than_offered(administrator):
    programme = f.make_programme()
    mentor = f.mentor(programme, max_mentees=1)
    pairs.pair(actor=administrator, mentor=mentor, mentee=f.mentee(programme))
    with pytest.raises(ValidationError, match="as many as they offered"):
        pairs.pair(actor=administrator, mentor=mentor, mentee=f.mentee(programme))


def test_a_mentee_has_one_open_pair_and_a_paired_application_is_not_withdrawn(pair, administrator):
    other = f.mentor(pair.programme)
    with pytest.raises(ValidationError, match="already has a mentor"):
        pairs.pair(actor=administrator, mentor=other, mentee=pair.mentee)
    with pytest.raises(ValidationError, match="end the pair first"):
        applications.withdraw(actor=pair.mentee.person, application=pair.mentee)


def test_ending_a_pair_needs_a_reason_and_tells_both(pair, administrator):
    with pytest.raises(ValidationError):
        pairs.end_pair(actor=administrator, pair=pair, reason="  ")
    pairs.end_pair(actor=administrator, pair=pair, reason="The mentee moved abroad")
    pair.refresh_from_db()
    assert pair.ended_on == timezone.localdate()
    assert Notification.objects.filter(kind="mentoring.ended").count() == 2
    with pytest.raises(ValidationError, match="has ended"):
        _meeting(pair)


def test_a_meeting_in_the_future_or_before_the_pairing_is_refused(pair):
    for days in (-1, 40):
        with pytest.raises(ValidationError) as refused:
            pairs.log_meeting(
                actor=pair.mentor.person,
                pair=pair,
                held_on=timezone.localdate() - datetime.timedelta(days=days),
                minutes=60,
                mode=Mode.ONLINE,
            )
        assert "held_on" in refused.value.message_dict


def test_only_the_pair_logs_meetings_and_only_the_mentee_marks_goals_met(pair, administrator):
    with pytest.raises(ValidationError):
        _meeting(pair, by=administrator)
    goal = pair.goals.first()
    with pytest.raises(ValidationError, match="Only the mentee"):
        pairs.mark_goal(actor=pair.mentor.person, goal=goal, met=True)
    pairs.mark_goal(actor=pair.mentee.person, goal=goal, met=True)
    goal.refresh_from_db()
    assert goal.met_on == timezone.localdate()


def test_the_other_member_is_told_of_a_meeting_but_not_its_notes(pair):
    _meeting(pair)
    notice = Notification.objects.get(kind="mentoring.meeting")
    assert notice.person == pair.mentor.person
    assert SECRET not in notice.title + notice.body
    entry = AuditEntry.objects.get(action="mentoring.meeting.logged")
    assert SECRET not in str(entry.after) + entry.reason


def test_the_pair_reads_the_notes(client, pair):
    _meeting(pair)
    for person in (pair.mentor.person, pair.mentee.person):
        client.force_login(person)
        page = client.get(reverse("mentoring:pair", kwargs={"public_id": pair.public_id}))
        assert SECRET in read(page.content.decode())[0]


def test_staff_see_that_a_meeting_happened_but_never_its_notes(client, pair, training_manager):
    _meeting(pair)
    client.force_login(training_manager)
    staff_page = client.get(f"/en/mentoring/staff/pairs/{pair.public_id}/")
    text = read(staff_page.content.decode())[0]
    assert staff_page.status_code == 200
    assert "75" in text
    assert "Online" in text
    assert "logged a meeting of a mentoring pair" in text
    assert SECRET not in staff_page.content.decode()
    member_page = client.get(reverse("mentoring:pair", kwargs={"public_id": pair.public_id}))
    assert member_page.status_code == 404


def test_a_stranger_cannot_read_the_pair_nor_add_to_it(client, pair, stranger):
    _meeting(pair)
    client.force_login(stranger)
    kwargs = {"public_id": pair.public_id}
    page = client.get(reverse("mentoring:pair", kwargs=kwargs))
    assert page.status_code == 404
    assert SECRET not in page.content.decode()
    assert client.get(reverse("mentoring:staff_pair", kwargs=kwargs)).status_code == 403
    logged = client.post(
        reverse("mentoring:meeting_log", kwargs=kwargs),
        {"held_on": str(timezone.localdate()), "minutes": "30", "mode": "online"},
    )
    assert logged.status_code == 404
    assert (
        client.post(reverse("mentoring:goal_add", kwargs=kwargs), {"text": "x"}).status_code == 404
    )
    goal = pair.goals.first()
    met = client.post(
        reverse("mentoring:goal_met", kwargs={**kwargs, "goal_id": goal.pk}), {"met": "1"}
    )
    assert met.status_code == 404
    assert pair.meetings.count() == 1
    assert pair.goals.count() == 2


def test_a_bad_meeting_on_the_page_keeps_what_was_typed(client, pair):
    client.force_login(pair.mentee.person)
    response = client.post(
        f"/en/mentoring/pairs/{pair.public_id}/meetings/",
        {"held_on": "2099-01-01", "minutes": "60", "mode": "online", "notes": "Kept words"},
    )
    assert response.status_code == 400
    assert "not a future date" in read(response.content.decode())[0]
    assert "Kept words" in response.content.decode()


def test_the_mentee_marks_a_goal_met_on_the_page(client, pair):
    client.force_login(pair.mentee.person)
    goal = pair.goals.first()
    url = f"/en/mentoring/pairs/{pair.public_id}/goals/{goal.pk}/met/"
    response = client.post(url, {"met": "1"}, follow=True)
    assert "The goal is marked met." in read(response.content.decode())[0]
    goal.refresh_from_db()
    assert goal.met_on is not None


def test_the_staff_read_never_loads_the_notes(pair):
    from ..selectors.programmes import pair_for_staff

    _meeting(pair)
    found = pair_for_staff(pair.public_id)
    meeting = found.meetings.all()[0]
    assert "notes" in meeting.get_deferred_fields()


def test_a_paired_application_offers_no_withdrawal(client, pair):
    client.force_login(pair.mentee.person)
    text = read(client.get("/en/mentoring/mine/").content.decode())[0]
    assert "paired" in text
    assert "Withdraw" not in text
