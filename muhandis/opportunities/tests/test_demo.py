import pytest

from muhandis.accounts import demo as accounts_demo
from muhandis.accounts.models import Organisation
from muhandis.billing import demo as billing_demo
from muhandis.membership import demo as membership_demo
from muhandis.opportunities import demo
from muhandis.opportunities.models import Opportunity, Source, Status
from muhandis.opportunities.selectors import matching

pytestmark = pytest.mark.django_db


def test_the_demo_shows_open_opportunities_matched_to_firms_and_loads_twice_without_change():
    lines: list[str] = []
    accounts_demo.load(lines.append)
    billing_demo.load(lines.append)
    membership_demo.load(lines.append)
    demo.load(lines.append)
    assert Opportunity.objects.filter(source=Source.POSTED, status=Status.OPEN).count() == 4
    assert Opportunity.objects.filter(source=Source.IMPORTED, status=Status.OPEN).count() == 6
    assert Opportunity.objects.filter(status=Status.EXPIRED).count() == 1
    for tax_number in ("305123456", "201987654"):
        firm = Organisation.objects.get(tax_number=tax_number)
        assert matching.preferences_of(firm).saved
        assert matching.matches_for(firm), firm
    count = Opportunity.objects.count()
    demo.load(lines.append)
    assert Opportunity.objects.count() == count
