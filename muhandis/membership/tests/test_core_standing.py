import pytest
import time_machine

from muhandis.accounts.tests.factories import UserFactory
from muhandis.membership.models import Status
from muhandis.membership.selectors import standing
from muhandis.membership.services import memberships

from .factories_core import D, approved, employ, issuers, make_firm, make_type, pay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _issuers(db):
    issuers()


def paid(capture, membership):
    with capture(execute=True):
        pay(membership)
    membership.refresh_from_db()
    return membership


@pytest.fixture
def member_firm(django_capture_on_commit_callbacks, registrar):
    firms = make_type("small", kind="firm", size_band="small", fees={"UZS": "3000000"})
    firm, representative = make_firm()
    with time_machine.travel(D(2026, 3, 1), tick=False):
        membership = approved(
            actor=registrar,
            type=firms,
            firm=firm,
            representative=representative,
            start=D(2026, 3, 1),
        )
        paid(django_capture_on_commit_callbacks, membership)
    return firm


def test_a_firm_in_good_standing_covers_its_current_staff(member_firm):
    engineer = UserFactory()
    employ(engineer, member_firm)
    covering = standing.covering_membership(engineer)
    assert covering is not None
    assert covering.organisation == member_firm
    assert standing.membership_of_person(engineer) is None


def test_a_former_employee_is_not_covered(member_firm):
    engineer = UserFactory()
    employ(engineer, member_firm, end_date=D(2026, 5, 1))
    assert standing.covering_membership(engineer) is None


def test_a_persons_own_membership_comes_first_and_stays_their_own(
    django_capture_on_commit_callbacks, registrar, member_firm
):
    full = make_type("full")
    engineer = UserFactory()
    employ(engineer, member_firm)
    with time_machine.travel(D(2026, 4, 1), tick=False):
        own = approved(actor=registrar, type=full, person=engineer, start=D(2026, 4, 1))
        # Not paid yet: the firm covers them meanwhile, and their own is untouched.
        assert standing.covering_membership(engineer).organisation == member_firm
        assert standing.membership_of_person(engineer) == own
        assert standing.membership_of_person(engineer).status == Status.AWAITING_PAYMENT
        paid(django_capture_on_commit_callbacks, own)
    assert standing.covering_membership(engineer) == own


def test_a_firm_out_of_good_standing_covers_nobody_and_loses_member_prices(member_firm):
    engineer = UserFactory()
    employ(engineer, member_firm)
    assert standing.firm_has_member_prices(member_firm)
    memberships.recalculate_statuses(today=D(2027, 2, 15))
    assert standing.membership_of_firm(member_firm).status == Status.EXPIRED
    assert not standing.firm_has_member_prices(member_firm)
    assert standing.covering_membership(engineer) is None


def test_a_firm_in_grace_keeps_member_prices(member_firm):
    memberships.recalculate_statuses(today=D(2027, 1, 15))
    assert standing.membership_of_firm(member_firm).status == Status.GRACE
    assert standing.firm_has_member_prices(member_firm)


def test_a_type_without_member_prices_does_not_give_them(
    django_capture_on_commit_callbacks, registrar
):
    plain = make_type(
        "micro", kind="firm", size_band="micro", fees={"UZS": "100"}, member_prices=False
    )
    firm, representative = make_firm(size_band="micro")
    with time_machine.travel(D(2026, 3, 1), tick=False):
        membership = approved(
            actor=registrar,
            type=plain,
            firm=firm,
            representative=representative,
            start=D(2026, 3, 1),
        )
        paid(django_capture_on_commit_callbacks, membership)
    assert membership.in_good_standing
    assert not standing.firm_has_member_prices(firm)


def test_a_pending_firm_has_no_member_prices_and_an_anonymous_visitor_no_cover():
    from django.contrib.auth.models import AnonymousUser

    firms = make_type("small", kind="firm", size_band="small")
    firm, representative = make_firm()
    memberships.apply_for_membership(
        actor=representative, type=firms, currency="UZS", organisation=firm
    )
    assert standing.membership_of_firm(firm).status == Status.PENDING
    assert not standing.firm_has_member_prices(firm)
    assert standing.covering_membership(AnonymousUser()) is None
