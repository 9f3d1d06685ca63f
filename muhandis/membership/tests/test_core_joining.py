from decimal import Decimal

import pytest
from django.core import mail

from muhandis.accounts.tests.factories import UserFactory
from muhandis.billing.models import Invoice
from muhandis.core.models import AuditEntry
from muhandis.membership.models import MembershipPeriod, Status
from muhandis.membership.services import memberships
from muhandis.membership.services.memberships import MembershipError

from .factories_core import D, approved, employ, issuers, make_firm, make_type

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _issuers(db):
    issuers()


@pytest.fixture
def full(db):
    return make_type("full", fees={"UZS": "500000", "KZT": "20000"})


@pytest.fixture
def small_firms(db):
    return make_type("small", kind="firm", size_band="small", fees={"UZS": "3000000"})


def test_a_person_applies_and_hears_in_their_language(django_capture_on_commit_callbacks, full):
    person = UserFactory(preferred_language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        membership = memberships.apply_for_membership(
            actor=person, type=full, currency="UZS", note=" I design pumps "
        )
    assert membership.status == Status.PENDING
    assert membership.person == person
    assert membership.organisation is None
    assert membership.application_note == "I design pumps"
    assert AuditEntry.objects.filter(action="membership.membership.applied").count() == 1
    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.body.startswith("Уважаемый")
    assert "full член" in message.body


def test_joining_twice_is_refused_with_a_clear_message(full):
    person = UserFactory(preferred_language="en")
    memberships.apply_for_membership(actor=person, type=full, currency="UZS")
    with pytest.raises(MembershipError, match=r"already have a membership.*cannot join twice"):
        memberships.apply_for_membership(actor=person, type=full, currency="UZS")


def test_after_a_refusal_a_person_may_apply_again(full, registrar):
    person = UserFactory()
    first = memberships.apply_for_membership(actor=person, type=full, currency="UZS")
    memberships.refuse_membership(actor=registrar, membership=first, reason="No diploma")
    again = memberships.apply_for_membership(actor=person, type=full, currency="UZS")
    assert again.pk != first.pk


def test_a_type_that_does_not_fit_is_refused(full, small_firms):
    person = UserFactory()
    with pytest.raises(MembershipError, match="for member firms"):
        memberships.apply_for_membership(actor=person, type=small_firms, currency="UZS")
    with pytest.raises(MembershipError, match="no fee in EUR"):
        memberships.apply_for_membership(actor=person, type=full, currency="EUR")
    full.is_active = False
    full.save()
    with pytest.raises(MembershipError, match="not open to new members"):
        memberships.apply_for_membership(actor=person, type=full, currency="UZS")


def test_a_firm_type_of_another_size_band_is_refused(small_firms):
    firm, representative = make_firm(size_band="large")
    with pytest.raises(MembershipError, match="another size"):
        memberships.apply_for_membership(
            actor=representative, type=small_firms, currency="UZS", organisation=firm
        )


def test_an_individual_type_for_a_firm_is_refused(full):
    firm, representative = make_firm()
    with pytest.raises(MembershipError, match="individual members"):
        memberships.apply_for_membership(
            actor=representative, type=full, currency="UZS", organisation=firm
        )


def test_a_representative_of_another_firm_or_an_employee_is_refused(small_firms):
    firm, _ = make_firm()
    _other, other_representative = make_firm()
    with pytest.raises(MembershipError, match="Only a representative of"):
        memberships.apply_for_membership(
            actor=other_representative, type=small_firms, currency="UZS", organisation=firm
        )
    employee = UserFactory()
    employ(employee, firm)
    with pytest.raises(MembershipError, match="Only a representative of"):
        memberships.apply_for_membership(
            actor=employee, type=small_firms, currency="UZS", organisation=firm
        )


def test_a_firm_cannot_join_twice_even_through_another_representative(small_firms):
    firm, representative = make_firm()
    second = UserFactory()
    employ(second, firm, relation="representative")
    memberships.apply_for_membership(
        actor=representative, type=small_firms, currency="UZS", organisation=firm
    )
    with pytest.raises(MembershipError, match="already has a membership"):
        memberships.apply_for_membership(
            actor=second, type=small_firms, currency="UZS", organisation=firm
        )


def test_approval_invoices_the_first_period_in_the_members_language(
    django_capture_on_commit_callbacks, full, registrar
):
    person = UserFactory(preferred_language="ru")
    membership = memberships.apply_for_membership(actor=person, type=full, currency="UZS")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        membership = memberships.approve_membership(
            actor=registrar, membership=membership, start=D(2026, 3, 15)
        )
    assert membership.status == Status.AWAITING_PAYMENT
    assert membership.member_since is None
    [period] = membership.periods.all()
    assert (period.kind, period.start_date, period.end_date) == (
        "joining",
        D(2026, 3, 15),
        D(2026, 12, 31),
    )
    invoice = period.invoice
    assert invoice.status == Invoice.Status.ISSUED
    assert invoice.payer_person == person
    assert invoice.gross_total == Decimal("500000.00")
    [line] = invoice.lines.all()
    assert "full член" in line.description
    assert "15.03.2026" in line.description
    [message] = mail.outbox
    assert invoice.number in message.body
    assert message.body.startswith("Уважаемый")
    entry = AuditEntry.objects.get(action="membership.membership.approved")
    assert entry.actor == registrar


def test_a_firm_is_invoiced_and_its_representatives_told_each_in_their_language(
    django_capture_on_commit_callbacks, small_firms, registrar
):
    firm, representative = make_firm(representative=UserFactory(preferred_language="uz"))
    other = UserFactory(preferred_language="ru")
    employ(other, firm, relation="representative")
    with django_capture_on_commit_callbacks(execute=True):
        membership = approved(
            actor=registrar,
            type=small_firms,
            firm=firm,
            representative=representative,
            start=D(2026, 2, 1),
        )
    invoice = membership.periods.get().invoice
    assert invoice.payer_organisation == firm
    approvals = [m for m in mail.outbox if invoice.number in m.body]
    assert sorted(m.to[0] for m in approvals) == sorted([representative.email, other.email])
    russian = next(m for m in approvals if m.to == [other.email])
    assert "small член" in russian.body
    uzbek = next(m for m in approvals if m.to == [representative.email])
    assert "small aʼzo" in uzbek.body


def test_a_zero_fee_membership_is_paid_at_once(django_capture_on_commit_callbacks, registrar):
    honorary = make_type("honorary", grade="honorary", fees={"UZS": "0"})
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        membership = approved(actor=registrar, type=honorary, person=person, start=D(2026, 1, 10))
    assert membership.status == Status.NEW
    assert membership.member_since == D(2026, 1, 10)
    assert (membership.start_date, membership.end_date) == (D(2026, 1, 10), D(2026, 12, 31))
    period = membership.periods.get()
    assert period.paid_at is not None
    assert period.invoice is None
    assert not Invoice.objects.exists()


def test_only_a_pending_application_is_approved_or_refused(full, registrar):
    membership = approved(actor=registrar, type=full, person=UserFactory(), start=D(2026, 1, 1))
    with pytest.raises(MembershipError, match="Only an application waiting"):
        memberships.approve_membership(actor=registrar, membership=membership)
    with pytest.raises(MembershipError, match="Only an application waiting"):
        memberships.refuse_membership(actor=registrar, membership=membership, reason="x")


def test_a_refusal_needs_a_reason_and_the_applicant_is_told(
    django_capture_on_commit_callbacks, full, registrar
):
    person = UserFactory(preferred_language="en")
    membership = memberships.apply_for_membership(actor=person, type=full, currency="UZS")
    with pytest.raises(MembershipError, match="Say why"):
        memberships.refuse_membership(actor=registrar, membership=membership, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        memberships.refuse_membership(
            actor=registrar, membership=membership, reason="No engineering diploma"
        )
    membership.refresh_from_db()
    assert membership.status == Status.REFUSED
    assert membership.decided_by == registrar
    [message] = mail.outbox
    assert "No engineering diploma" in message.body
    assert AuditEntry.objects.get(action="membership.membership.refused").reason == (
        "No engineering diploma"
    )


def test_cancelling_cancels_the_unpaid_invoice_and_tells_the_member(
    django_capture_on_commit_callbacks, full, registrar
):
    person = UserFactory(preferred_language="en")
    membership = approved(actor=registrar, type=full, person=person, start=D(2026, 1, 1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        memberships.cancel_membership(
            actor=registrar, membership=membership, reason="Asked to leave"
        )
    membership.refresh_from_db()
    assert membership.status == Status.CANCELLED
    period = membership.periods.get()
    assert period.cancelled_at is not None
    assert Invoice.objects.get(pk=period.invoice_id).status == Invoice.Status.CANCELLED
    [message] = mail.outbox
    assert "Asked to leave" in message.body
    with pytest.raises(MembershipError, match="already ended"):
        memberships.cancel_membership(actor=registrar, membership=membership, reason="again")


def test_a_cancelled_first_invoice_leaves_the_membership_awaiting_payment_for_a_new_approval(
    django_capture_on_commit_callbacks, full, registrar
):
    from muhandis.billing import services as billing

    membership = approved(actor=registrar, type=full, person=UserFactory(), start=D(2026, 1, 1))
    first = membership.periods.get()
    with django_capture_on_commit_callbacks(execute=True):
        billing.cancel_invoice(invoice=first.invoice, reason="Wrong payer", actor=registrar)
    membership.refresh_from_db()
    first.refresh_from_db()
    assert first.cancelled_at is not None
    assert membership.status == Status.AWAITING_PAYMENT
    again = memberships.approve_membership(
        actor=registrar, membership=membership, start=D(2026, 2, 1)
    )
    assert again.status == Status.AWAITING_PAYMENT
    assert (
        MembershipPeriod.objects.filter(membership=membership, cancelled_at__isnull=True).count()
        == 1
    )


def test_every_membership_action_has_a_sentence_for_the_audit_pages():
    from muhandis.membership import audit_labels

    assert set(audit_labels.LABELS) == set(audit_labels.SENTENCES)
    for action in audit_labels.LABELS:
        sentence = str(audit_labels.SENTENCES[action])
        # Says who acted or on what (an export of the whole register has no one target).
        assert "%(target)s" in sentence or "%(actor)s" in sentence


def test_the_representative_who_applies_for_the_firm_hears_of_it(
    django_capture_on_commit_callbacks, small_firms
):
    firm, representative = make_firm(representative=UserFactory(preferred_language="uz"))
    employ(UserFactory(), firm, relation="representative")
    with django_capture_on_commit_callbacks(execute=True):
        membership = memberships.apply_for_membership(
            actor=representative, type=small_firms, currency="UZS", organisation=firm
        )
    assert membership.organisation == firm
    assert membership.person is None
    assert membership.applied_by == representative
    [message] = mail.outbox
    assert message.to == [representative.email]
    assert firm.name in message.body
    assert "small aʼzo" in message.body
