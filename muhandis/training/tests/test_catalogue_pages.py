import datetime
import json
import re
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from muhandis.competencies.models import Competency, ProficiencyLevel
from muhandis.training.models import CourseCompetency, SessionTrainer

from .factories import CourseFactory, CourseSessionFactory, EnrolmentFactory, RoomFactory

pytestmark = pytest.mark.django_db
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def soon(days, hour=9):
    moment = timezone.now() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def course(trainer):
    course = CourseFactory(
        code="WSS-201",
        title="Rainwater management",
        title_ru="Управление дождевыми водами",
        title_en="Rainwater management",
        outline_en="Day 1: sustainable drainage.",
        prerequisites_en="A degree in civil engineering.",
        target_roles_en="Water supply engineers.",
        cpd_hours=Decimal(24),
        price=1500000,
    )
    competency = Competency.objects.select_related("framework").first()
    level = ProficiencyLevel.objects.filter(scale=competency.framework.scale).order_by("value")[2]
    CourseCompetency.objects.create(course=course, competency=competency, level=level)
    full = CourseSessionFactory(
        course=course, starts_at=soon(20), ends_at=soon(21, 17), max_seats=2, language="ru"
    )
    for _ in range(2):
        EnrolmentFactory(session=full)
    open_session = CourseSessionFactory(
        course=course,
        starts_at=soon(40),
        ends_at=soon(42, 17),
        max_seats=12,
        room=RoomFactory(venue__name_en="UZACE centre", venue__name="UZACE centre"),
    )
    SessionTrainer.objects.create(session=open_session, trainer=trainer)
    course.competency = competency
    course.level = level
    return course


def test_the_catalogue_shows_courses_and_filters_by_format(client, course):
    CourseFactory(code="ONL-1", title="Online hydraulics", format="online_live")
    response = client.get("/en/training/courses/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Rainwater management" in text
    assert "Online hydraulics" in text
    assert "12 seats left" in text
    assert "full — waiting list" in text
    for label in ("Search", "Format", "Language", "Region", "Sessions from", "Sort by"):
        assert f">{label}</label>" in text
    response = client.get("/en/training/courses/", {"format": "online_live"})
    text = response.content.decode()
    assert "Online hydraulics" in text
    assert "Rainwater management" not in text
    assert "1 course found" in text


def test_a_wrong_filter_is_shown_and_the_rest_still_apply(client, course):
    response = client.get("/en/training/courses/", {"price_min": "-5", "q": "rain"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Rainwater management" in text
    assert "greater than or equal to 0" in text


def test_the_catalogue_page_takes_at_most_ten_queries(client, django_assert_max_num_queries):
    for n in range(25):
        session = CourseSessionFactory(course=CourseFactory(code=f"Q-{n}"))
        EnrolmentFactory(session=session)
    with django_assert_max_num_queries(10):
        response = client.get("/en/training/courses/", {"sort": "date", "language": "uz"})
    assert response.status_code == 200


def test_the_course_page_shows_what_a_buyer_needs(client, course, trainer):
    response = client.get(reverse("training:course", args=["WSS-201"]).replace("/uz/", "/en/"))
    text = response.content.decode()
    assert response.status_code == 200
    for expected in (
        "Rainwater management",
        "Day 1: sustainable drainage.",
        "A degree in civil engineering.",
        "Water supply engineers.",
        course.competency.title,
        course.level.name,
        "Individual",
        "Member firm",
        "1,500,000\N{NO-BREAK SPACE}UZS",
        "Full — join the waiting list",
        "12 seats left",
        "UZACE centre",
        "Enrolment closes",
        "Trainers:",
        trainer.display_name,
    ):
        assert expected in text, expected


def test_the_course_page_in_russian_shows_the_russian_title(client, course):
    text = client.get("/ru/training/courses/WSS-201/").content.decode()
    assert "Управление дождевыми водами" in text


def test_an_unpublished_or_unknown_course_is_not_found(client):
    CourseFactory(code="DRAFT-1", is_published=False)
    assert client.get("/en/training/courses/DRAFT-1/").status_code == 404
    assert client.get("/en/training/courses/NOPE/").status_code == 404


def test_the_course_page_carries_schema_org_json_ld(client, course):
    text = client.get("/en/training/courses/WSS-201/").content.decode()
    data = json.loads(JSON_LD.search(text).group(1))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Course"
    assert data["courseCode"] == "WSS-201"
    assert data["name"] == "Rainwater management"
    assert {o["priceCurrency"] for o in data["offers"]} == {"UZS"}
    instances = data["hasCourseInstance"]
    assert [i["@type"] for i in instances] == ["CourseInstance", "CourseInstance"]
    first = instances[0]
    assert first["courseMode"] == "onsite"
    assert first["location"]["@type"] == "Place"
    assert first["location"]["address"]["@type"] == "PostalAddress"
    assert (
        datetime.datetime.fromisoformat(first["startDate"])
        == course.sessions.order_by("starts_at").first().starts_at
    )
    assert datetime.datetime.fromisoformat(first["endDate"])
    assert first["offers"] == {
        "@type": "Offer",
        "price": "1500000",
        "priceCurrency": "UZS",
        "url": "http://127.0.0.1:8000/uz/training/courses/WSS-201/".replace("/uz/", "/en/"),
        "validThrough": first["offers"]["validThrough"],
        "availability": "https://schema.org/SoldOut",
    }
    assert instances[1]["offers"]["availability"] == "https://schema.org/InStock"


def test_json_ld_cannot_break_out_of_its_script(client):
    CourseFactory(code="X-1", title="</script><script>alert(1)</script>")
    text = client.get("/en/training/courses/X-1/").content.decode()
    assert "<script>alert(1)" not in text
    assert json.loads(JSON_LD.search(text).group(1))["name"].startswith("</script>")


def test_the_icalendar_feed_has_one_event_per_upcoming_session(client, course):
    online = CourseFactory(code="ONL-1", title="Онлайн гидравлика", format="online_live")
    session = CourseSessionFactory(
        course=online, room=None, online_url="https://meet.example.uz/secret"
    )
    CourseSessionFactory(course=course, starts_at=soon(-3), ends_at=soon(-2))  # past
    response = client.get("/ru/training/sessions.ics")
    assert response["Content-Type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.content)
    events = feed.walk("VEVENT")
    assert len(events) == 3
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == 3
    event = by_uid[f"training-session-{session.public_id}@127.0.0.1:8000"]
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert event.decoded("DTEND") == session.ends_at
    assert str(event["SUMMARY"]) == "Онлайн гидравлика (ONL-1)"
    assert str(event["LOCATION"]) == "Онлайн"
    assert str(event["URL"]).endswith("/ru/training/courses/ONL-1/")
    assert b"secret" not in response.content
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Управление дождевыми водами (WSS-201)" in summaries
    # The UID of a session stays the same from one download to the next.
    again = icalendar.Calendar.from_ical(client.get("/en/training/sessions.ics").content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == set(by_uid)


def test_a_course_feed_holds_only_its_sessions(client, course):
    CourseSessionFactory()
    response = client.get("/en/training/courses/WSS-201/sessions.ics")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 2
    assert {str(e["LOCATION"]).split(",")[0] for e in events} >= {"UZACE centre"}


def test_the_cached_list_shows_a_change_made_through_the_services_at_once(
    client, training_manager, django_capture_on_commit_callbacks
):
    from muhandis.training import services

    hidden = CourseFactory(code="LATE-1", title="Late course", is_published=False)
    assert "Late course" not in client.get("/en/training/courses/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_course(course=hidden, published=True, actor=training_manager)
    assert "Late course" in client.get("/en/training/courses/").content.decode()


def test_the_course_page_reads_its_sessions_in_a_fixed_number_of_queries(
    client, course, trainer, django_assert_max_num_queries
):
    for days in range(50, 60):
        session = CourseSessionFactory(course=course, starts_at=soon(days), ends_at=soon(days, 17))
        SessionTrainer.objects.create(session=session, trainer=trainer)
        EnrolmentFactory(session=session)
    with django_assert_max_num_queries(6):
        response = client.get("/en/training/courses/WSS-201/")
    assert response.content.decode().count("19 seats left") == 10
