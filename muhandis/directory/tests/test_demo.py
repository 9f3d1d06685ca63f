"""The demo directory: member firms with profiles in three languages and their certified
staff, and engineers who opted in."""

import pytest
from django.urls import reverse

from muhandis.accounts import demo as accounts_demo
from muhandis.billing import demo as billing_demo
from muhandis.certification import demo as certification_demo
from muhandis.directory import demo
from muhandis.directory.models import EngineerListing, FirmProfile
from muhandis.membership import demo as membership_demo
from tests.visible import read

pytestmark = pytest.mark.django_db


def test_the_demo_shows_member_firms_with_certified_staff_and_listed_engineers(client):
    lines: list[str] = []
    for load in (
        accounts_demo.load,
        billing_demo.load,
        membership_demo.load,
        certification_demo.load,
        certification_demo.load_applications,
        certification_demo.load_register,
        demo.load,
    ):
        load(lines.append)
    counts = (FirmProfile.objects.count(), EngineerListing.objects.count())
    demo.load(lines.append)
    assert counts == (FirmProfile.objects.count(), EngineerListing.objects.count())

    text = read(client.get(reverse("directory:firms")).content.decode())[0]
    for name in ("Suvloyiha MChJ", "Samarqand Suvoqova", "Mustahkam Qurilish MChJ"):
        assert name in text
    # Awaiting payment: not in good standing, not shown.
    assert "Toshkent davlat texnika universiteti" not in text

    firm = FirmProfile.objects.get(organisation__tax_number="305123456").organisation
    page = client.get(f"/ru/directory/firms/{firm.public_id}/")
    shown = read(page.content.decode())[0]
    assert "проектирующая сети водоснабжения" in shown
    assert "Gulnora Yusupova" in shown

    engineers = read(client.get("/en/directory/engineers/").content.decode())[0]
    assert "Dilnoza Karimova" in engineers
    assert "Dilshod Tursunov" in engineers
    assert "Open to mentoring" in engineers
