"""The public list and page, the staff pages and who may open them."""

import datetime

import pytest
from django.urls import reverse

from muhandis.accounts.models import Region
from muhandis.accounts.tests.factories import UserFactory
from muhandis.events.models import Event
from tests.visible import read

from .factories import make_event, start_in

pytestmark = pytest.mark.django_db


def test_the_list_shows_upcoming_published_events_filtered_by_kind_and_region(
    client, training_manager
):
    make_event(training_manager, title_en="Water supply seminar")
    make_event(
        training_manager,
        kind="webinar",
        title_en="BIM webinar",
        online_url="https://meet.example.org/bim",
        place_uz="",
        region=None,
    )
    make_event(
        training_manager,
        kind="site_visit",
        title_en="Dam site visit",
        region=Region.objects.get(code="UZ-SA"),
    )
    make_event(training_manager, title_en="Draft seminar", publish=False)
    text = read(client.get("/en/events/").content.decode())[0]
    assert "Water supply seminar" in text
    assert "BIM webinar" in text
    assert "Draft seminar" not in text
    text = read(client.get("/en/events/?kind=webinar").content.decode())[0]
    assert "BIM webinar" in text
    assert "Water supply seminar" not in text
    samarkand = Region.objects.get(code="UZ-SA")
    text = read(client.get(f"/en/events/?region={samarkand.pk}").content.decode())[0]
    assert "Dam site visit" in text
    assert "BIM webinar" not in text


def test_the_list_needs_few_queries(client, training_manager, django_assert_max_num_queries):
    for n in range(8):
        make_event(training_manager, title_en=f"Seminar {n}", capacity=5 + n)
    with django_assert_max_num_queries(10):
        response = client.get("/en/events/")
    assert response.status_code == 200


def test_a_visitor_registers_from_the_event_page(client, training_manager):
    event = make_event(training_manager, capacity=1)
    person = UserFactory(preferred_language="en")
    client.force_login(person)
    page = client.get(f"/en/events/{event.public_id}/")
    assert "Register" in read(page.content.decode())[0]
    response = client.post(f"/en/events/{event.public_id}/register/", follow=True)
    assert "You are registered." in read(response.content.decode())[0]
    other = UserFactory(preferred_language="en")
    client.force_login(other)
    response = client.post(f"/en/events/{event.public_id}/register/", follow=True)
    assert "waiting list" in read(response.content.decode())[0]


def test_a_draft_event_page_is_not_found_for_the_public(client, training_manager):
    event = make_event(training_manager, publish=False)
    assert client.get(f"/en/events/{event.public_id}/").status_code == 404


STAFF_PAGES = ["edit", "staff_event", "cancel", "attendance"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_stranger_is_refused_the_staff_pages(client, training_manager, stranger, name):
    event = make_event(training_manager)
    url = reverse(f"events:{name}", kwargs={"public_id": event.public_id})
    assert client.get(url).status_code == 302  # anonymous: sign in first
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    client.force_login(training_manager)
    assert client.get(url).status_code == 200


def test_a_stranger_cannot_publish(client, training_manager, stranger):
    event = make_event(training_manager, publish=False)
    client.force_login(stranger)
    response = client.post(reverse("events:publish", kwargs={"public_id": event.public_id}))
    assert response.status_code == 403
    assert Event.objects.get(pk=event.pk).status == "draft"


def test_staff_create_an_event_and_bad_input_keeps_what_was_typed(client, training_manager):
    client.force_login(training_manager)
    starts = start_in(20)
    form = {
        "kind": "conference",
        "title_uz": "Muhandislar konferensiyasi",
        "description_uz": "Yillik konferensiya.",
        "place_uz": "Kongress zali",
        "region": Region.objects.get(code="UZ-TK").pk,
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "registration_deadline": starts.strftime("%Y-%m-%dT%H:%M"),
        "capacity": "100",
        "member_price": "0",
        "non_member_price": "0",
    }
    response = client.post("/en/events/manage/new/", form)
    assert response.status_code == 400
    text = read(response.content.decode())[0]
    assert "The event must end after it starts." in text
    assert "Muhandislar konferensiyasi" in response.content.decode()
    form["ends_at"] = (starts + datetime.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M")
    response = client.post("/en/events/manage/new/", form)
    assert response.status_code == 302
    event = Event.objects.get(title_uz="Muhandislar konferensiyasi")
    assert event.status == "draft"
    assert event.session.max_seats == 100
    client.post(reverse("events:publish", kwargs={"public_id": event.public_id}))
    assert Event.objects.get(pk=event.pk).status == "published"


@pytest.mark.parametrize("name", ["register", "withdraw"])
def test_registering_needs_a_signed_in_person(client, training_manager, name):
    event = make_event(training_manager)
    response = client.post(reverse(f"events:{name}", kwargs={"public_id": event.public_id}))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_the_online_link_is_shown_to_registrants_only(client, training_manager):
    event = make_event(
        training_manager,
        kind="webinar",
        online_url="https://meet.example.org/secret-room",
        place_uz="",
        region=None,
    )
    person = UserFactory(preferred_language="en")
    client.force_login(person)
    page = f"/en/events/{event.public_id}/"
    assert "secret-room" not in client.get(page).content.decode()
    assert "secret-room" not in client.get("/en/events/feed.ics").content.decode()
    client.post(f"/en/events/{event.public_id}/register/")
    assert "secret-room" in read(client.get(page).content.decode())[0]


def test_the_engineer_sees_their_events_on_the_dashboard_and_my_events(client, training_manager):
    from muhandis.accounts.roles import Role
    from muhandis.accounts.tests.factories import make_person
    from muhandis.events import services

    event = make_event(training_manager, title_en="Water supply seminar")
    engineer = make_person(Role.ENGINEER, preferred_language="en")
    services.register(event=event, person=engineer)
    client.force_login(engineer)
    assert "Water supply seminar" in read(client.get("/en/events/mine/").content.decode())[0]
    dashboard = client.get("/en/dashboard/engineer/")
    assert "Water supply seminar" in read(dashboard.content.decode())[0]


def test_staff_mark_attendance_on_the_attendance_page(client, training_manager):
    import time_machine

    from muhandis.events import services
    from muhandis.training.models import Attendance

    event = make_event(training_manager, starts_at=start_in(2))
    person = UserFactory(preferred_language="en", given_name="Dilshod", family_name="Azimov")
    enrolment = services.register(event=event, person=person)
    url = reverse("events:attendance", kwargs={"public_id": event.public_id})
    with time_machine.travel(event.ends_at + datetime.timedelta(hours=1)):
        client.force_login(training_manager)  # a staff session lasts hours, not days
        page = client.get(url)
        assert page.status_code == 200, page.get("Location")
        assert "Dilshod Azimov" in read(page.content.decode())[0]
        response = client.post(url, {f"mark-{enrolment.pk}": "present"})
    assert response.status_code == 302
    assert Attendance.objects.get(enrolment=enrolment).mark == "present"


def test_staff_cancel_an_event_with_a_reason(client, training_manager):
    event = make_event(training_manager)
    client.force_login(training_manager)
    url = reverse("events:cancel", kwargs={"public_id": event.public_id})
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"reason": "The speaker is ill."})
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).status == "cancelled"
    text = read(client.get(f"/en/events/{event.public_id}/").content.decode())[0]
    assert "This event has been cancelled." in text


def test_staff_edit_an_event(client, training_manager):
    event = make_event(training_manager, capacity=10)
    client.force_login(training_manager)
    url = reverse("events:edit", kwargs={"public_id": event.public_id})
    form = client.get(url).context["form"]
    data = {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if value is not None
    }
    for name in ("starts_at", "ends_at", "registration_deadline"):
        data[name] = form.initial[name].strftime("%Y-%m-%dT%H:%M")
    data["capacity"] = 30
    data["title_en"] = "Water supply seminar, second run"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert event.capacity == 30
    assert event.session.max_seats == 30
    assert event.session.course.title_en == "Water supply seminar, second run"
