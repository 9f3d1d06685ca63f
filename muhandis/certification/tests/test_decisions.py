import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from muhandis.accounts import services as account_services
from muhandis.accounts.tests.factories import OrganisationFactory, make_person
from muhandis.certification import numbers, services
from muhandis.certification.models import Application, Assessment, Certificate, Decision
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _grant(application, *members):
    for member in members:
        services.cast_vote(
            application=application,
            actor=member,
            outcome="grant",
            reasons="Competent in every area.",
        )


def test_two_impartial_members_grant_and_a_certificate_is_issued(
    assessed_application, committee_member, second_member, mailoutbox
):
    _grant(assessed_application, committee_member)
    assessed_application.refresh_from_db()
    assert assessed_application.status == Application.Status.ACCEPTED  # one vote decides nothing
    _grant(assessed_application, second_member)
    assessed_application.refresh_from_db()
    assert assessed_application.status == Application.Status.GRANTED
    certificate = Certificate.objects.get(holder=assessed_application.candidate)
    assert numbers.parse(certificate.number) == (certificate.number, True)
    assert certificate.scheme == assessed_application.scheme
    assert (certificate.expiry_date.year - certificate.effective_date.year) == 3
    assert certificate.number in mailoutbox[-1].body
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"certification.decision.recorded", "certification.certificate.issued"} <= actions


def test_a_split_committee_waits_for_a_majority(
    assessed_application, committee_member, second_member
):
    _grant(assessed_application, committee_member)
    services.cast_vote(
        application=assessed_application,
        actor=second_member,
        outcome="refuse",
        reasons="Portfolio too thin.",
    )
    assert not Decision.objects.exists()
    third = make_person("committee", two_factor=True)
    services.cast_vote(
        application=assessed_application, actor=third, outcome="refuse", reasons="Agree: too thin."
    )
    assessed_application.refresh_from_db()
    assert assessed_application.status == Application.Status.REFUSED
    assert not Certificate.objects.exists()


def test_the_assessor_cannot_also_decide(assessed_application, examiner):
    account_services.grant_role(user=examiner, role="committee", actor=None, reason="test")
    with pytest.raises(PermissionDenied, match="assessed this candidate"):
        _grant(assessed_application, examiner)


def test_a_colleague_of_the_candidate_cannot_assess_or_decide(
    accepted_application, engineer, registrar, committee_member
):
    firm = OrganisationFactory()
    colleague = make_person("examiner", two_factor=True)
    for person in (engineer, colleague, committee_member):
        account_services.link_person(
            person=person, organisation=firm, relation="employee", actor=person
        )
    with pytest.raises(ValidationError, match="same organisation"):
        services.assign_assessor(
            application=accepted_application, assessor=colleague, actor=registrar
        )
    assert services.committee_problem(committee_member, accepted_application)


def test_the_committee_cannot_vote_before_assessment_and_exam(
    accepted_application, committee_member
):
    with pytest.raises(ValidationError) as refused:
        _grant(accepted_application, committee_member)
    assert "No assessor has completed" in " ".join(refused.value.messages)


def test_a_declared_conflict_ends_the_assignment_and_hides_the_file(
    client, accepted_application, examiner, registrar
):
    assessment = services.assign_assessor(
        application=accepted_application, assessor=examiner, actor=registrar
    )
    client.force_login(examiner)
    html = client.get(f"/en/certification/assessments/{assessment.pk}/").content.decode()
    assert "Declaration of impartiality" in html
    assert "diploma.pdf" not in html
    client.post(
        f"/en/certification/assessments/{assessment.pk}/",
        {
            "section": "conflict",
            "conflict-trained_or_employed": "on",
            "conflict-note": "I taught her FIDIC course.",
        },
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.CONFLICT
    with pytest.raises(ValidationError):
        services.record_finding(
            assessment=assessment,
            actor=examiner,
            competency=accepted_application.scheme.competencies.first().competency,
            level=3,
            evidence="x",
        )


def test_assessment_needs_a_finding_for_every_competency(accepted_application, examiner, registrar):
    assessment = services.assign_assessor(
        application=accepted_application, assessor=examiner, actor=registrar
    )
    services.declare_conflict(assessment=assessment, actor=examiner, has_conflict=False)
    with pytest.raises(ValidationError, match="missing"):
        services.complete_assessment(
            assessment=assessment, actor=examiner, recommendation="grant", note="ok"
        )


def test_a_vote_cannot_be_cast_twice(assessed_application, committee_member):
    _grant(assessed_application, committee_member)
    with pytest.raises(ValidationError, match="already voted"):
        _grant(assessed_application, committee_member)


def test_only_the_roles_can_act(accepted_application, engineer, trainer, registrar):
    with pytest.raises(PermissionDenied):
        services.assign_assessor(application=accepted_application, assessor=trainer, actor=trainer)
    with pytest.raises(ValidationError, match="not an assessor"):
        services.assign_assessor(
            application=accepted_application, assessor=trainer, actor=registrar
        )
    with pytest.raises(PermissionDenied):
        services.cast_vote(
            application=accepted_application, actor=registrar, outcome="grant", reasons="x"
        )


def test_committee_and_assessor_pages_refuse_others(
    client, assessed_application, engineer, registrar
):
    assessment = assessed_application.assessments.get()
    urls = [
        f"/en/certification/assessments/{assessment.pk}/",
        "/en/certification/assessments/",
        "/en/certification/committee/",
        f"/en/certification/committee/{assessed_application.public_id}/",
    ]
    for url in urls:
        assert "/account/login/" in client.get(url)["Location"]
    client.force_login(engineer)
    for url in urls:
        assert client.get(url).status_code == 403
    other_examiner = make_person("examiner", two_factor=True)
    client.force_login(other_examiner)
    assert client.get(urls[0]).status_code == 404


def test_committee_votes_through_the_page(
    client, assessed_application, committee_member, second_member
):
    url = f"/en/certification/committee/{assessed_application.public_id}/"
    for member in (committee_member, second_member):
        client.force_login(member)
        response = client.post(url, {"outcome": "grant", "reasons": "Strong file."})
        assert response.status_code == 302
    assessed_application.refresh_from_db()
    assert assessed_application.status == Application.Status.GRANTED


def test_anyone_verifies_a_certificate_and_typos_are_recognised(
    client, assessed_application, committee_member, second_member, django_assert_num_queries
):
    _grant(assessed_application, committee_member, second_member)
    certificate = Certificate.objects.get()
    page = client.get(f"/verify/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Valid" in html
    assert certificate.holder_name_latin in html
    wrong = certificate.number[:-1] + str((int(certificate.number[-1]) + 1) % 10)
    typo = client.get(f"/verify/{wrong}", HTTP_ACCEPT_LANGUAGE="en")
    assert typo.status_code == 404
    assert "typing error" in typo.content.decode()
    with django_assert_num_queries(1):
        body = client.get(f"/api/v1/verify/{certificate.number}").json()
    assert body["status"] == "valid"
    assert client.get(f"/api/v1/verify/{wrong}").json()["error"]["code"] == "check_digit"
    assert (
        client.get("/api/v1/verify/MHD-2026-99999-" + str(numbers.damm("202699999"))).status_code
        == 404
    )


def test_holder_sees_the_certificate_others_do_not(
    client, assessed_application, committee_member, second_member, employer
):
    _grant(assessed_application, committee_member, second_member)
    certificate = Certificate.objects.get()
    url = f"/en/certification/certificates/{certificate.public_id}/"
    client.force_login(assessed_application.candidate)
    assert certificate.number in client.get(url).content.decode()
    client.force_login(employer)
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_concurrent_grants_never_share_a_certificate_number():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL")
    import datetime

    from django.db import close_old_connections, transaction

    issued, errors = [], []

    def issue():
        try:
            with transaction.atomic():
                issued.append(services.decisions.next_certificate_number(datetime.date(2026, 6, 1)))
        except Exception as exc:  # collected and reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(issued) == len(set(issued)) == 8


@pytest.mark.django_db(transaction=True)
def test_a_decision_is_recorded_once_when_members_vote_at_the_same_moment(request):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL")
    request.getfixturevalue("reference_data")
    application = request.getfixturevalue("assessed_application")
    members = [make_person("committee", two_factor=True) for _ in range(3)]
    _grant(application, members[0])
    from django.db import close_old_connections
    from django.utils import translation

    cast, refused = [], []
    start = threading.Barrier(2)

    def vote(member):
        try:
            start.wait()
            with translation.override("en"):
                _grant(application, member)
            cast.append(member)
        except ValidationError as exc:
            refused.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=vote, args=(m,)) for m in members[1:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cast) == 1
    assert len(refused) == 1
    assert "already decided" in refused[0].messages[0]
    assert Decision.objects.filter(application=application).count() == 1
    assert Certificate.objects.filter(decision__application=application).count() == 1


def test_only_registrars_assign_through_the_page(
    client, accepted_application, examiner, engineer, registrar
):
    url = f"/en/certification/registrar/applications/{accepted_application.public_id}/assign/"
    assert "/account/login/" in client.post(url, {"assessor": examiner.pk})["Location"]
    client.force_login(engineer)
    assert client.post(url, {"assessor": examiner.pk}).status_code == 403
    assert not accepted_application.assessments.exists()
    client.force_login(registrar)
    client.post(url, {"assessor": examiner.pk})
    assert accepted_application.assessments.get().assessor == examiner
