import datetime

import pytest
from django.utils import timezone

from .factories import CourseFactory, CourseSessionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def soon(days):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


@pytest.fixture
def catalogue():
    course = CourseFactory(code="WSS-201", title="Rainwater", title_ru="Дождевые воды")
    session = CourseSessionFactory(course=course, max_seats=5, starts_at=soon(9), ends_at=soon(10))
    EnrolmentFactory(session=session)
    online = CourseFactory(code="ONL-1", format="online_live", cpd_hours=4)
    CourseSessionFactory(
        course=online,
        room=None,
        online_url="https://meet.example.uz/secret",
        starts_at=soon(5),
        ends_at=soon(6),
    )
    CourseFactory(code="DRAFT", is_published=False)
    return course


def test_courses_are_listed_paged_and_filtered(client, catalogue):
    answer = client.get("/api/v1/training/courses", {"limit": 1})
    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 2
    assert [c["code"] for c in body["items"]] == ["ONL-1"]  # "Course …" sorts before "Rain…"
    answer = client.get("/api/v1/training/courses", {"q": "дождевые"}).json()
    assert [c["code"] for c in answer["items"]] == ["WSS-201"]
    course = answer["items"][0]
    assert course["upcoming_sessions"][0]["seats_left"] == 4
    assert {p["payer_kind"] for p in course["prices"]} == {
        "individual",
        "member_firm",
        "non_member_firm",
    }
    answer = client.get("/api/v1/training/courses", {"format": "online_live"}).json()
    assert [c["code"] for c in answer["items"]] == ["ONL-1"]
    place = answer["items"][0]["upcoming_sessions"][0]["place"]
    assert place["online"] is True
    assert "secret" not in str(answer)


def test_a_wrong_filter_is_answered_with_the_error_shape(client, catalogue):
    answer = client.get("/api/v1/training/courses", {"price_min": "-1"})
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "validation_error"


def test_one_course_and_an_unknown_one(client, catalogue):
    answer = client.get("/api/v1/training/courses/WSS-201", HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.status_code == 200
    assert answer.json()["title"] == "Дождевые воды"
    missing = client.get("/api/v1/training/courses/DRAFT")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_upcoming_sessions_with_seats_left(client, catalogue):
    body = client.get("/api/v1/training/sessions").json()
    assert body["count"] == 2
    assert [s["course"] for s in body["items"]] == ["ONL-1", "WSS-201"]
    assert body["items"][1]["seats_left"] == 4
    assert body["items"][1]["place"]["city"]


def test_the_openapi_schema_lists_the_training_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/training/courses", "/api/v1/training/courses/{code}"} <= set(paths)
    assert "/api/v1/training/sessions" in paths


def test_a_page_of_courses_is_read_in_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    for n in range(15):
        CourseSessionFactory(course=CourseFactory(code=f"Q-{n}"))
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/training/courses", {"limit": 100, "sort": "date"}).json()
    assert body["count"] == 17
    assert all(len(c["upcoming_sessions"]) == 1 for c in body["items"])


def test_an_unknown_competency_or_region_finds_nothing(client, catalogue):
    for name in ("competency", "area", "region"):
        answer = client.get("/api/v1/training/courses", {name: 999999})
        assert answer.status_code == 200, name
        assert answer.json()["count"] == 0, name
