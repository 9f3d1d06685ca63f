import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext

from muhandis.accounts import services as account_services
from muhandis.accounts.tests.factories import OrganisationFactory
from muhandis.certification.models import Certificate, CertificateStatusChange
from muhandis.core.dates import add_months, add_years
from muhandis.core.models import AuditEntry
from muhandis.cpd import services
from muhandis.cpd.models import Renewal

from .conftest import make_certificate, record, verified

pytestmark = pytest.mark.django_db


def _apply_page(certificate):
    return f"/en/cpd/renewal/{certificate.public_id}/"


def _vote(renewal, member, outcome="grant", reasons="CPD complete and relevant."):
    return services.cast_renewal_vote(
        renewal=renewal, actor=member, outcome=outcome, reasons=reasons
    )


def test_progress_counts_verified_hours_of_the_period_and_shows_waiting_ones_apart(
    certificate, engineer, registrar
):
    verified(engineer, registrar, hours="20", category="technical")
    record(engineer, hours="7", category="technical")
    before_period = certificate.effective_date - datetime.timedelta(days=5)
    old = record(engineer, hours="50", days_ago=(timezone.localdate() - before_period).days)
    services.verify_activity(activity=old, actor=registrar)
    progress = services.cpd_progress(certificate)
    assert progress.required == 150
    assert progress.verified == 20
    assert progress.pending == 7
    technical = next(row for row in progress.categories if row.category == "technical")
    assert (technical.required, technical.verified, technical.shortfall) == (60, 20, 40)
    assert not progress.met
    assert any("130 more verified hours" in s for s in progress.shortfalls())


def test_the_progress_include_renders_for_the_certificate_page(certificate, engineer, registrar):
    verified(engineer, registrar, hours="12.5", category="regulatory")
    request = RequestFactory().get("/")
    request.user = engineer
    with translation.override("en"):
        html = Template('{% include "cpd/_progress.html" %}').render(
            Context({"certificate": certificate, "request": request})
        )
    assert "12.5 of 150 hours verified" in html
    assert "Regulatory, legal and environmental" in html
    assert "7.5 missing" in html
    assert f"/en/cpd/renewal/{certificate.public_id}/" in html


def test_an_application_short_of_the_cpd_rule_is_refused_with_each_shortfall(
    client, certificate, engineer, registrar
):
    verified(engineer, registrar, hours="30", category="technical")
    client.force_login(engineer)
    page = client.get(_apply_page(certificate)).content.decode()
    assert "In all: 120 more verified hours are needed (30 of 150)." in page
    assert "Ethics and professional practice: 10 more verified hours are needed" in page
    assert "Apply for renewal" not in page
    response = client.post(_apply_page(certificate), follow=True)
    assert "Technical and technological: 30 more verified hours" in response.content.decode()
    assert not Renewal.objects.exists()


def test_unverified_hours_never_meet_the_rule(certificate, engineer):
    for category in ("technical", "management", "regulatory", "professional"):
        record(engineer, category=category, hours="24")
        record(engineer, category=category, hours="24", days_ago=40)
    with pytest.raises(ValidationError, match="more verified hours"):
        services.apply_for_renewal(certificate=certificate, actor=engineer)


def test_renewal_is_open_in_the_last_year_and_six_months_after_expiry(
    engineer, level_two, registrar
):
    early = make_certificate(engineer, level_two, expires_in_days=500)
    assert "You can apply to renew from" in services.renewal_problems(early)[0]
    expiry = timezone.localdate() + datetime.timedelta(days=120)
    late = make_certificate(engineer, level_two, expires_in_days=120)
    opens, closes = services.renewal_window(late)
    assert opens == add_years(expiry, -1)
    assert closes == add_months(expiry, 6)
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    after = closes + datetime.timedelta(days=1)
    problems = services.renewal_problems(late, today=after)
    assert "six months after expiry" in problems[0]
    in_grace = services.renewal_problems(late, today=expiry + datetime.timedelta(days=90))
    assert not any("six months" in p for p in in_grace)


def test_a_suspended_certificate_is_not_renewed(rule_met, engineer):
    rule_met.status = Certificate.Status.SUSPENDED
    rule_met.save()
    with pytest.raises(ValidationError, match="suspended certificate cannot be renewed"):
        services.apply_for_renewal(certificate=rule_met, actor=engineer)


def test_holder_applies_and_two_impartial_members_renew_the_same_certificate(
    client, rule_met, engineer, committee_member, second_member, mailoutbox
):
    old_expiry = rule_met.expiry_date
    client.force_login(engineer)
    page = client.get(_apply_page(rule_met)).content.decode()
    assert "The CPD rule of the scheme is met." in page
    assert "last year of validity or up to six months after it expires" in page
    assert client.post(_apply_page(rule_met)).status_code == 302
    renewal = Renewal.objects.get()
    assert renewal.verified_hours == Decimal(150)
    assert "Waiting for the committee" in client.get(_apply_page(rule_met)).content.decode()
    client.force_login(committee_member)
    assert engineer.display_name in client.get("/en/cpd/committee/").content.decode()
    url = f"/en/cpd/committee/{renewal.public_id}/"
    assert "Network design course" in client.get(url).content.decode()
    assert client.post(url, {"outcome": "grant", "reasons": "CPD complete."}).status_code == 302
    renewal.refresh_from_db()
    assert renewal.status == Renewal.Status.SUBMITTED  # one vote does not decide
    mailoutbox.clear()
    client.force_login(second_member)
    assert client.post(url, {"outcome": "grant", "reasons": "Relevant CPD."}).status_code == 302
    renewal.refresh_from_db()
    rule_met.refresh_from_db()
    assert renewal.status == Renewal.Status.GRANTED
    assert rule_met.expiry_date == add_years(old_expiry, 3)
    assert rule_met.status == Certificate.Status.VALID
    assert Certificate.objects.count() == 1
    change = CertificateStatusChange.objects.get(certificate=rule_met)
    assert change.action == CertificateStatusChange.Action.RENEW
    assert (change.old_expiry_date, change.new_expiry_date) == (old_expiry, rule_met.expiry_date)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "cpd.renewal.applied",
        "cpd.renewal.voted",
        "cpd.renewal.decided",
        "certification.certificate.renewed",
    } <= actions
    (message,) = mailoutbox
    assert message.to == [engineer.email]
    assert rule_met.number in message.subject
    assert engineer.preferred_language == "uz"  # told in their language
    assert "sertifikatingizni yangiladi" in message.body


def test_a_refusal_is_told_to_the_holder_in_their_language(
    rule_met, engineer, committee_member, second_member, mailoutbox
):
    engineer.preferred_language = "ru"
    engineer.save()
    renewal = services.apply_for_renewal(certificate=rule_met, actor=engineer)
    _vote(renewal, committee_member, "refuse", "CPD unrelated to the scope.")
    mailoutbox.clear()
    _vote(renewal, second_member, "refuse", "Not relevant to water supply.")
    renewal.refresh_from_db()
    assert renewal.status == Renewal.Status.REFUSED
    assert not CertificateStatusChange.objects.exists()
    with translation.override("ru"):
        appeal = gettext("You may appeal against this decision.")
    assert appeal != "You may appeal against this decision."
    assert appeal in mailoutbox[0].body
    assert "Not relevant to water supply." in mailoutbox[0].body


def test_a_split_committee_waits_for_a_majority(
    rule_met, engineer, committee_member, second_member
):
    from muhandis.accounts.tests.factories import make_person

    renewal = services.apply_for_renewal(certificate=rule_met, actor=engineer)
    _vote(renewal, committee_member, "grant")
    _vote(renewal, second_member, "refuse", "Doubtful evidence.")
    renewal.refresh_from_db()
    assert renewal.status == Renewal.Status.SUBMITTED
    _vote(renewal, make_person("committee", two_factor=True), "grant")
    renewal.refresh_from_db()
    assert renewal.status == Renewal.Status.GRANTED


def test_the_holder_and_colleagues_never_vote_and_nobody_votes_twice(
    client, rule_met, engineer, committee_member, registrar
):
    renewal = services.apply_for_renewal(certificate=rule_met, actor=engineer)
    with pytest.raises(PermissionDenied):
        _vote(renewal, engineer)
    with pytest.raises(PermissionDenied):
        _vote(renewal, registrar)
    firm = OrganisationFactory()
    for person in (engineer, committee_member):
        account_services.link_person(
            person=person, organisation=firm, relation="employee", actor=person
        )
    with pytest.raises(PermissionDenied, match="same organisation"):
        _vote(renewal, committee_member)
    client.force_login(committee_member)
    url = f"/en/cpd/committee/{renewal.public_id}/"
    assert "same organisation" in client.get(url).content.decode()
    client.post(url, {"outcome": "grant", "reasons": "x"})
    assert not renewal.votes.exists()


def test_a_vote_needs_reasons_and_is_cast_once(rule_met, engineer, committee_member):
    renewal = services.apply_for_renewal(certificate=rule_met, actor=engineer)
    with pytest.raises(ValidationError, match="reasons"):
        _vote(renewal, committee_member, reasons=" ")
    _vote(renewal, committee_member)
    with pytest.raises(ValidationError, match="already voted"):
        _vote(renewal, committee_member)


def test_one_renewal_waits_at_a_time(rule_met, engineer):
    services.apply_for_renewal(certificate=rule_met, actor=engineer)
    with pytest.raises(ValidationError, match="already waiting"):
        services.apply_for_renewal(certificate=rule_met, actor=engineer)


def test_renewal_pages_refuse_anonymous_and_other_people(
    client, rule_met, engineer, stranger, employer
):
    renewal = services.apply_for_renewal(certificate=rule_met, actor=engineer)
    committee_urls = ["/en/cpd/committee/", f"/en/cpd/committee/{renewal.public_id}/"]
    for url in [_apply_page(rule_met), *committee_urls]:
        assert "/account/login/" in client.get(url)["Location"]
    client.force_login(stranger)
    assert client.get(_apply_page(rule_met)).status_code == 404
    assert client.post(_apply_page(rule_met)).status_code == 404
    client.force_login(employer)
    for url in committee_urls:
        assert client.get(url).status_code == 403
    assert client.post(committee_urls[1], {"outcome": "grant", "reasons": "x"}).status_code == 403
    assert not renewal.votes.exists()


def test_renewal_after_expiry_counts_from_the_old_expiry(level_two, engineer, registrar):
    certificate = make_certificate(engineer, level_two, expires_in_days=30)
    expiry = certificate.expiry_date
    with time_machine.travel(
        datetime.datetime.combine(expiry, datetime.time(12)) + datetime.timedelta(days=60)
    ):
        assert certificate.public_status(timezone.localdate()) == "expired"
        assert services.renewal_problems(certificate)[0].startswith("In all:")
