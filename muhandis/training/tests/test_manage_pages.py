import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from muhandis.accounts.models import Region
from muhandis.competencies.models import Competency
from muhandis.core.models import AuditEntry
from muhandis.training.models import Course, CourseSession, Room, Venue

from .factories import CourseFactory, CourseSessionFactory, RoomFactory, VenueFactory

pytestmark = pytest.mark.django_db


def manage_urls():
    course = CourseFactory(code="WSS-201")
    session = CourseSessionFactory(course=course)
    room = session.room
    return [
        ("get", reverse("training:manage_courses")),
        ("get", reverse("training:manage_course_new")),
        ("get", reverse("training:manage_course", args=[course.code])),
        ("post", reverse("training:manage_course_prices", args=[course.code])),
        ("post", reverse("training:manage_course_competencies", args=[course.code])),
        ("post", reverse("training:manage_course_publish", args=[course.code])),
        ("get", reverse("training:manage_session_new", args=[course.code])),
        ("get", reverse("training:manage_session", args=[session.public_id])),
        ("post", reverse("training:manage_session_cancel", args=[session.public_id])),
        ("get", reverse("training:manage_venues")),
        ("get", reverse("training:manage_venue", args=[room.venue_id])),
        ("get", reverse("training:manage_room", args=[room.pk])),
    ]


def test_strangers_are_refused_on_every_staff_page(client, stranger, trainer, engineer):
    urls = manage_urls()
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"]
    for person in (stranger, trainer, engineer):
        client.force_login(person)
        for method, url in urls:
            assert getattr(client, method)(url).status_code == 403, (person, url)
    assert CourseSession.objects.get().status == "open"
    assert not Course.objects.get().prices.filter(amount__lt=0).exists()


def test_every_staff_page_opens_for_a_training_manager(client, training_manager):
    client.force_login(training_manager)
    for method, url in manage_urls():
        if method == "get":
            assert client.get(url).status_code == 200, url


def course_post(**extra):
    return {
        "code": "IWW-101",
        "title_uz": "Sanoat oqava suvlari",
        "title_ru": "Промышленные сточные воды",
        "title_en": "Industrial wastewater",
        "summary_uz": "Tozalash",
        "level": "advanced",
        "format": "classroom",
        "languages": ["uz", "ru"],
        "duration_hours": "16",
        "cpd_hours": "16",
        "cpd_category": "technical",
        "min_attendance_percent": "80",
    } | extra


def test_a_manager_creates_prices_and_publishes_a_course(client, training_manager):
    client.force_login(training_manager)
    response = client.post("/en/training/manage/courses/new/", course_post())
    assert response.status_code == 302
    course = Course.objects.get(code="IWW-101")
    assert course.title_ru == "Промышленные сточные воды"
    assert course.languages == ["uz", "ru"]
    response = client.post(
        f"/en/training/manage/courses/{course.code}/prices/",
        {"individual__UZS": "-5", "member_firm__UZS": "900000"},
    )
    assert response.status_code == 400
    assert "A price cannot be negative" in response.content.decode()
    assert not course.prices.exists()
    client.post(
        f"/en/training/manage/courses/{course.code}/prices/",
        {"individual__UZS": "1 200 000", "member_firm__UZS": "900000"},
    )
    assert course.prices.get(payer_kind="individual").amount == Decimal(1200000)
    competency = Competency.objects.first()
    client.post(
        f"/en/training/manage/courses/{course.code}/competencies/",
        {"c0-competency": competency.pk, "c0-level": ""},
    )
    assert list(course.course_competencies.values_list("competency", flat=True)) == [competency.pk]
    client.post(f"/en/training/manage/courses/{course.code}/publish/", {"published": "1"})
    course.refresh_from_db()
    assert course.is_published
    page = client.get("/en/training/courses/IWW-101/").content.decode()
    assert "Industrial wastewater" in page


def test_a_course_form_error_is_shown_on_its_field(client, training_manager):
    CourseFactory(code="IWW-101")
    client.force_login(training_manager)
    response = client.post("/en/training/manage/courses/new/", course_post(languages=[]))
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = client.post("/en/training/manage/courses/new/", course_post())
    assert "already exists" in response.content.decode()


def test_double_booking_a_room_is_refused_on_the_session_form(client, training_manager, trainer):
    client.force_login(training_manager)
    room = RoomFactory(capacity=30)
    CourseSessionFactory(
        course=CourseFactory(code="BUSY-1", title="Busy course"),
        room=room,
        starts_at=datetime.datetime(2031, 5, 5, 4, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 5, 5, 12, tzinfo=datetime.UTC),
    )
    course = CourseFactory(code="NEW-1")
    form = {
        "starts_at": "2031-05-05T10:00",
        "ends_at": "2031-05-06T17:00",
        "enrolment_deadline": "2031-05-01T18:00",
        "room": room.pk,
        "language": "uz",
        "trainers": [trainer.pk],
        "min_seats": "5",
        "max_seats": "20",
        "payment_days": "7",
        "offer_days": "2",
        "free_cancellation_days": "7",
        "status": "open",
    }
    response = client.post(f"/en/training/manage/courses/{course.code}/sessions/new/", form)
    assert response.status_code == 400
    assert "The room is taken by BUSY-1 Busy course" in response.content.decode()
    form["starts_at"] = "2031-05-06T09:00"
    response = client.post(f"/en/training/manage/courses/{course.code}/sessions/new/", form)
    assert response.status_code == 302
    session = CourseSession.objects.get(course=course)
    # Typed in Tashkent time (UTC+5).
    assert session.starts_at == datetime.datetime(2031, 5, 6, 4, tzinfo=datetime.UTC)
    assert list(session.trainers.all()) == [trainer]
    page = client.get(f"/en/training/manage/sessions/{session.public_id}/").content.decode()
    assert session.days.get().check_in_code in page
    client.post(
        f"/en/training/manage/sessions/{session.public_id}/cancel/", {"reason": "No trainer"}
    )
    session.refresh_from_db()
    assert session.status == "cancelled"


def test_venues_and_rooms_are_added(client, training_manager):
    client.force_login(training_manager)
    region = Region.objects.get(code="UZ-TK")
    response = client.post(
        "/en/training/manage/venues/",
        {
            "name_uz": "Markaz",
            "address_uz": "Navoiy 5",
            "city_uz": "Toshkent",
            "city_ru": "Ташкент",
            "region": region.pk,
        },
    )
    venue = Venue.objects.get()
    assert response.status_code == 302
    client.post(
        f"/en/training/manage/venues/{venue.pk}/", {"room-name": "A-1", "room-capacity": "25"}
    )
    room = Room.objects.get()
    assert (room.name, room.capacity) == ("A-1", 25)
    client.post(f"/en/training/manage/rooms/{room.pk}/", {"name": "A-2", "capacity": "30"})
    room.refresh_from_db()
    assert room.name == "A-2"
    assert AuditEntry.objects.filter(action__startswith="training.room.").count() == 2
    assert "Markaz" in client.get("/en/training/manage/venues/").content.decode()


def test_the_menu_offers_the_training_pages_to_a_manager(client, training_manager):
    VenueFactory()
    client.force_login(training_manager)
    page = client.get("/en/training/manage/courses/").content.decode()
    assert reverse("training:manage_venues").replace("/uz/", "/en/") in page


def test_the_admin_lists_and_shows_the_catalogue(client, administrator):
    session = CourseSessionFactory()
    client.force_login(administrator)
    for url in (
        "/en/admin/training/course/",
        f"/en/admin/training/course/{session.course_id}/change/",
        "/en/admin/training/venue/",
        f"/en/admin/training/venue/{session.room.venue_id}/change/",
        "/en/admin/training/room/",
        "/en/admin/training/coursesession/",
        f"/en/admin/training/coursesession/{session.pk}/change/",
    ):
        assert client.get(url).status_code == 200, url
    # Sessions are scheduled on the managers' pages, where double booking is refused.
    assert client.get("/en/admin/training/coursesession/add/").status_code == 403
