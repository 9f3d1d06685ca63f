import pytest
from ninja import NinjaAPI
from ninja.testing import TestClient

from muhandis.cpd.api import router

from .conftest import record

pytestmark = pytest.mark.django_db


def _signed_in(request):
    return request.user if request.user.is_authenticated else None


@pytest.fixture
def api_client():
    # The router on its own (the API layer mounts it with token or session authentication).
    api = NinjaAPI(auth=_signed_in, urls_namespace="cpd-test")
    api.add_router("", router)
    return TestClient(api)


def test_an_engineer_lists_only_their_own_activities(api_client, engineer, stranger):
    record(engineer, hours="7.5", category="regulatory")
    record(stranger, title="Someone else's course")
    body = api_client.get("/cpd/activities", user=engineer).json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["hours"] == "7.5"
    assert item["category"] == "regulatory"
    assert item["status"] == "recorded"


def test_an_anonymous_visitor_is_refused(api_client):
    assert api_client.get("/cpd/activities").status_code == 401
