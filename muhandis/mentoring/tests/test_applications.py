import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.visible import read

from ..models import Application, ApplicationStatus, Side
from ..services import applications
from . import factories as f

pytestmark = pytest.mark.django_db


def test_a_second_application_on_the_same_side_is_refused_with_a_message():
    programme = f.make_programme()
    who = f.person()
    f.apply(programme, who, Side.MENTEE)
    with pytest.raises(ValidationError) as refused:
        f.apply(programme, who, Side.MENTEE)
    assert "already applied to this programme as a mentee" in refused.value.messages[0]
    assert Application.objects.filter(person=who).count() == 1


def test_a_person_may_apply_once_as_mentor_and_once_as_mentee():
    programme = f.make_programme()
    who = f.person()
    f.apply(programme, who, Side.MENTEE)
    f.apply(programme, who, Side.MENTOR)
    assert Application.objects.filter(person=who, programme=programme).count() == 2


def test_after_withdrawing_one_may_apply_again():
    programme = f.make_programme()
    who = f.person()
    first = f.apply(programme, who, Side.MENTOR)
    applications.withdraw(actor=who, application=first)
    first.refresh_from_db()
    assert first.status == ApplicationStatus.WITHDRAWN
    f.apply(programme, who, Side.MENTOR)


def test_a_closed_programme_takes_no_application():
    today = timezone.localdate()
    programme = f.make_programme(
        opens_on=today - datetime.timedelta(days=30), closes_on=today - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="not open for applications"):
        f.apply(programme, f.person(), Side.MENTEE)


def test_a_mentors_wishes_are_not_kept_and_a_mentees_capacity_is_one():
    programme = f.make_programme()
    mentor = f.mentor(programme, wants_woman_mentor=True, max_mentees=3)
    mentee = f.mentee(programme, max_mentees=3)
    assert (mentor.wants_woman_mentor, mentor.max_mentees) == (False, 3)
    assert mentee.max_mentees == 1


def test_the_second_application_on_the_page_is_refused_and_what_was_typed_stays(client):
    programme = f.make_programme()
    who = f.person()
    f.apply(programme, who, Side.MENTEE)
    client.force_login(who)
    url = f"/en/mentoring/programmes/{programme.public_id}/apply/mentee/"
    response = client.post(
        url,
        {
            "goals": "Learn pump design",
            "hours_per_month": "4",
            "mode": "online",
            "languages": ["uz"],
        },
    )
    assert response.status_code == 400
    text = read(response.content.decode())[0]
    assert "You have already applied to this programme as a mentee." in text
    assert "Learn pump design" in response.content.decode()


def test_applying_on_the_page_lands_on_my_mentoring(client):
    programme = f.make_programme()
    who = f.person()
    client.force_login(who)
    area = f.areas()[0]
    response = client.post(
        f"/en/mentoring/programmes/{programme.public_id}/apply/mentee/",
        {
            "goals": "Learn pump design",
            "areas": [area.pk],
            "hours_per_month": "4",
            "mode": "online",
            "languages": ["uz", "ru"],
            "wants_woman_mentor": "on",
        },
    )
    assert response.status_code == 302
    page = read(client.get("/en/mentoring/mine/").content.decode())[0]
    assert programme.title_en in page
    assert "Mentee" in page
    made = Application.objects.get(person=who)
    assert made.wants_woman_mentor
    assert made.languages == ["uz", "ru"]


def test_bad_input_is_answered_on_the_form(client):
    programme = f.make_programme()
    client.force_login(f.person())
    response = client.post(
        f"/en/mentoring/programmes/{programme.public_id}/apply/mentor/",
        {"goals": "Share what I know", "hours_per_month": "400", "mode": "online"},
    )
    assert response.status_code == 400
    assert "Share what I know" in response.content.decode()


def test_applying_needs_sign_in_and_an_unknown_side_is_not_found(client):
    programme = f.make_programme()
    url = reverse("mentoring:apply", kwargs={"public_id": programme.public_id, "side": "mentee"})
    response = client.get(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    client.force_login(f.person())
    bad = reverse("mentoring:apply", kwargs={"public_id": programme.public_id, "side": "boss"})
    assert client.get(bad).status_code == 404


def test_only_the_applicant_withdraws(client):
    programme = f.make_programme()
    application = f.mentee(programme)
    client.force_login(f.person())
    url = reverse("mentoring:withdraw", kwargs={"public_id": application.public_id})
    assert client.post(url).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPLIED


def test_the_public_page_lists_open_programmes_only(client):
    today = timezone.localdate()
    open_one = f.make_programme(title_en="Women in engineering")
    f.make_programme(
        title_en="Past programme",
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=1),
    )
    text = read(client.get("/en/mentoring/").content.decode())[0]
    assert "Women in engineering" in text
    assert "Past programme" not in text
    page = read(client.get(f"/en/mentoring/programmes/{open_one.public_id}/").content.decode())[0]
    assert "Apply as a mentor" in page
    assert "Sign in, or sign up, to apply." in page


def test_the_apply_page_says_up_front_when_one_has_applied_already(client):
    programme = f.make_programme()
    who = f.person()
    f.apply(programme, who, Side.MENTOR)
    client.force_login(who)
    url = f"/en/mentoring/programmes/{programme.public_id}/apply/mentor/"
    text = read(client.get(url).content.decode())[0]
    assert "You have already applied to this programme as a mentor." in text
    assert "Send the application" not in text
    other = read(client.get(url.replace("mentor/", "mentee/")).content.decode())[0]
    assert "Send the application" in other


def test_a_person_is_not_their_own_mentor_nor_paired_across_programmes(administrator):
    from ..services import pairs

    programme = f.make_programme()
    who = f.person()
    as_mentor = f.apply(programme, who, Side.MENTOR)
    as_mentee = f.apply(programme, who, Side.MENTEE)
    with pytest.raises(ValidationError, match="their own mentor"):
        pairs.pair(actor=administrator, mentor=as_mentor, mentee=as_mentee)
    elsewhere = f.mentee(f.make_programme())
    with pytest.raises(ValidationError, match="different programmes"):
        pairs.pair(actor=administrator, mentor=as_mentor, mentee=elsewhere)
