import pytest

from muhandis.accounts import demo as accounts_demo
from muhandis.billing import demo as billing_demo
from muhandis.membership import demo
from muhandis.membership.models import Membership, MembershipPeriod, MembershipType, Status
from muhandis.membership.selectors import standing

pytestmark = pytest.mark.django_db


def test_the_demo_shows_members_in_every_state_and_loads_twice_without_change():
    lines: list[str] = []
    accounts_demo.load(lines.append)
    billing_demo.load(lines.append)
    demo.load(lines.append)
    statuses = {
        (m.organisation.name if m.organisation else m.person.email): m.status
        for m in Membership.objects.select_related("organisation", "person")
    }
    assert statuses["Samarqand Suvoqova"] == Status.GRACE
    assert statuses["Toshkent davlat texnika universiteti"] == Status.AWAITING_PAYMENT
    assert statuses["Suvloyiha MChJ"] in {Status.NEW, Status.CURRENT}
    assert statuses["engineer@demo.muhandis.uz"] in {Status.NEW, Status.CURRENT}
    assert statuses["trainer@demo.muhandis.uz"] == Status.PENDING
    assert statuses["examiner@demo.muhandis.uz"] == Status.PENDING
    honorary = MembershipType.objects.get(code="honorary")
    assert honorary.fees.get(currency="UZS").amount == 0
    assert honorary.name_ru == "Почётный член"
    suvloyiha = Membership.objects.get(organisation__name="Suvloyiha MChJ").organisation
    assert standing.firm_has_member_prices(suvloyiha)
    counts = (
        MembershipType.objects.count(),
        Membership.objects.count(),
        MembershipPeriod.objects.count(),
    )
    demo.load(lines.append)
    assert counts == (
        MembershipType.objects.count(),
        Membership.objects.count(),
        MembershipPeriod.objects.count(),
    )
