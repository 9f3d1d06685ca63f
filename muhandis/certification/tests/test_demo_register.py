import pytest
from django.utils import timezone

from muhandis.accounts import demo as accounts_demo
from muhandis.certification import demo
from muhandis.certification.models import Certificate

pytestmark = pytest.mark.django_db


def test_the_demo_register_shows_every_public_status_and_loads_once(client):
    for load in (accounts_demo.load, demo.load, demo.load_applications, demo.load_register):
        load(lambda line: None)
    count = Certificate.objects.count()
    demo.load_register(lambda line: None)
    assert Certificate.objects.count() == count
    today = timezone.localdate()
    statuses = {c.public_status(today) for c in Certificate.objects.all()}
    assert statuses == {"valid", "expired", "suspended", "withdrawn", "replaced"}
    assert Certificate.objects.exclude(limitation="").exists()
    # Found by the Cyrillic spelling of a Latin-script name, as a visitor would type it.
    found = client.get("/api/v1/register", {"q": "Юсупова"}).json()
    assert [item["holder_name_latin"] for item in found["items"]] == ["Gulnora Yusupova"]
