import pytest
from django.utils import timezone

from muhandis.accounts import services as accounts
from muhandis.billing.tests.factories import IssuerFactory
from muhandis.training.models import Enrolment

from .factories import CourseSessionFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def issuer(db):
    return IssuerFactory()


def bearer(user, scope="write"):
    _, plain = accounts.create_api_token(user=user, name="test", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def test_enrol_and_list_my_enrolments_with_a_token(client, engineer):
    session = CourseSessionFactory(max_seats=1)
    EnrolmentFactory(session=session)
    response = client.post(
        f"/api/v1/training/sessions/{session.public_id}/enrol", **bearer(engineer)
    )
    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted"
    assert response.json()["waitlist_position"] == 1
    mine = client.get("/api/v1/training/enrolments/mine", **bearer(engineer)).json()
    assert [e["session"] for e in mine["items"]] == [str(session.public_id)]


def test_a_refusal_answers_409_in_the_error_shape_in_the_clients_language(client, engineer):
    closed = CourseSessionFactory(enrolment_deadline=timezone.now().replace(year=2020))
    response = client.post(
        f"/api/v1/training/sessions/{closed.public_id}/enrol",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(engineer),
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "enrolment_refused"
    assert "closed" in response.json()["error"]["message"]
    assert not Enrolment.objects.exists()


def test_strangers_are_refused(client, engineer):
    session = CourseSessionFactory()
    assert client.post(f"/api/v1/training/sessions/{session.public_id}/enrol").status_code == 401
    assert client.get("/api/v1/training/enrolments/mine").status_code == 401
    read_only = bearer(engineer, scope="read")
    response = client.post(f"/api/v1/training/sessions/{session.public_id}/enrol", **read_only)
    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_an_unknown_session_answers_json_404(client, engineer):
    response = client.post(
        "/api/v1/training/sessions/00000000-0000-0000-0000-000000000000/enrol", **bearer(engineer)
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_nobody_sees_anothers_enrolments(client, engineer):
    EnrolmentFactory()
    assert client.get("/api/v1/training/enrolments/mine", **bearer(engineer)).json()["items"] == []
