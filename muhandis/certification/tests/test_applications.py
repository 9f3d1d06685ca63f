import datetime
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.certification import services
from muhandis.certification.models import Application, Referee
from muhandis.certification.tests.conftest import pdf_upload
from muhandis.core import audit
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _submit(application, person, **extra):
    return services.submit_application(
        application=application,
        actor=person,
        accept_code_of_conduct=True,
        accept_data_processing=True,
        **extra,
    )


def _referee_links(mailoutbox):
    return [
        re.search(r"https?://\S+/referee/\S+/", m.body).group(0)
        for m in mailoutbox
        if "/referee/" in m.body
    ]


def test_candidate_applies_through_the_pages(client, engineer, level_two, mailoutbox):
    client.force_login(engineer)
    response = client.post(f"/en/certification/schemes/{level_two.public_id}/apply/")
    application = Application.objects.get(candidate=engineer)
    assert response["Location"] == f"/en/certification/applications/{application.public_id}/"
    url = response["Location"]
    client.post(
        url,
        {
            "section": "education",
            "education-level": "master",
            "education-institution": "TDTU",
            "education-field": "Hydraulics",
            "education-year": "2014",
        },
    )
    client.post(
        url,
        {
            "section": "experience",
            "experience-employer": "Suvloyiha",
            "experience-position": "Engineer",
            "experience-start_date": "2016-03-01",
        },
    )
    for n in range(2):
        client.post(
            url,
            {
                "section": "referee",
                "referee-name": f"R{n}",
                "referee-email": f"r{n}@example.uz",
                "referee-relation": "manager",
            },
        )
    client.post(
        url, {"section": "evidence", "evidence-kind": "diploma", "evidence-file": pdf_upload()}
    )
    response = client.post(
        url,
        {
            "section": "submit",
            "submit-accept_code_of_conduct": "on",
            "submit-accept_data_processing": "on",
            "submit-certificate_language": "uz-ru",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.certificate_language == "uz-ru"
    assert len(_referee_links(mailoutbox)) == 2


def test_submission_lists_everything_missing(client, engineer, level_two):
    application = services.start_application(candidate=engineer, scheme=level_two)
    with pytest.raises(ValidationError) as refused:
        services.submit_application(
            application=application,
            actor=engineer,
            accept_code_of_conduct=False,
            accept_data_processing=False,
        )
    text = " ".join(refused.value.messages)
    for words in (
        "education",
        "3 years",
        "referees",
        "document",
        "code of conduct",
        "personal data",
    ):
        assert words in text
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_one_open_application_per_scheme(engineer, level_two):
    services.start_application(candidate=engineer, scheme=level_two)
    with pytest.raises(ValidationError, match="already have an open application"):
        services.start_application(candidate=engineer, scheme=level_two)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("diploma.pdf", b"MZ\x90\x00 not really a pdf", "not a PDF, JPEG or PNG"),
        ("photo.png", b"GIF89a....", "not a PDF, JPEG or PNG"),
        ("huge.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "larger than 10 MB"),
    ],
)
def test_wrong_or_oversized_files_are_refused_by_their_content(
    engineer, level_two, name, content, words
):
    application = services.start_application(candidate=engineer, scheme=level_two)
    with pytest.raises(ValidationError, match=words):
        services.add_evidence(
            application=application,
            actor=engineer,
            upload=pdf_upload(name, content),
            kind="diploma",
        )
    assert not application.evidence.exists()


def test_evidence_is_stored_with_its_hash_and_seen_only_by_its_candidate_and_registrars(
    client, engineer, employer, registrar, complete_application
):
    import hashlib

    from muhandis.certification.tests.conftest import PDF

    evidence = complete_application.evidence.get()
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert evidence.content_type == "application/pdf"
    url = f"/en/certification/evidence/{evidence.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(employer)
    assert client.get(url).status_code == 403
    client.force_login(engineer)
    # Reading the whole stream closes the file, as a browser's download would.
    assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(registrar)
    assert b"".join(client.get(url).streaming_content) == PDF


def test_other_people_cannot_touch_an_application(client, employer, complete_application):
    client.force_login(employer)
    url = f"/en/certification/applications/{complete_application.public_id}/"
    assert client.get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        services.add_education(
            application=complete_application,
            actor=employer,
            level="master",
            institution="X",
            field="Y",
            year=2000,
        )


def test_referee_confirms_once_without_an_account(
    client, engineer, complete_application, mailoutbox
):
    _submit(complete_application, engineer)
    link = re.sub(r"^https?://[^/]+/\w\w/", "/en/", _referee_links(mailoutbox)[0])
    page = client.get(link)
    assert page.status_code == 200
    assert engineer.display_name in page.content.decode()
    response = client.post(link, {"answer": "confirm", "years": "8", "statement": "Reliable."})
    assert response.status_code == 200
    referee = Referee.objects.get(email="referee0@example.uz")
    assert (referee.confirmed, referee.confirmed_years) == (True, 8)
    again = client.get(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert AuditEntry.objects.filter(action="certification.referee.answered").count() == 1


def test_referee_link_expires_and_a_tampered_link_is_refused(
    client, engineer, complete_application, mailoutbox
):
    _submit(complete_application, engineer)
    link = re.sub(r"^https?://[^/]+/\w\w/", "/en/", _referee_links(mailoutbox)[0])
    assert client.get(link[:-3] + "xx/").status_code == 410
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=15)):
        response = client.get(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_confirming_needs_the_years(client, engineer, complete_application, mailoutbox):
    _submit(complete_application, engineer)
    link = re.sub(r"^https?://[^/]+/\w\w/", "/en/", _referee_links(mailoutbox)[0])
    response = client.post(link, {"answer": "confirm", "years": ""})
    assert response.status_code == 400
    assert Referee.objects.get(email="referee0@example.uz").answered_at is None


def test_registrar_sees_the_checklist_and_asks_for_more(
    client, engineer, registrar, complete_application, mailoutbox
):
    _submit(complete_application, engineer)
    client.force_login(registrar)
    url = f"/en/certification/registrar/applications/{complete_application.public_id}/"
    html = client.get(url).content.decode()
    assert "Eligibility checklist" in html
    assert "0 of 2 confirmed" in html
    response = client.post(url, {"decision": "request_info", "reason": ""})
    assert response.status_code == 400
    response = client.post(
        url, {"decision": "request_info", "reason": "Upload your employment record."}
    )
    assert response.status_code == 302
    complete_application.refresh_from_db()
    assert complete_application.status == Application.Status.INFO_REQUESTED
    assert "Upload your employment record." in mailoutbox[-1].body
    # The candidate answers and resubmits.
    with pytest.raises(ValidationError, match="Answer the registrar"):
        _submit(complete_application, engineer)
    services.add_evidence(
        application=complete_application,
        actor=engineer,
        upload=pdf_upload("record.pdf"),
        kind="employment",
    )
    _submit(complete_application, engineer, answer="Uploaded.")
    complete_application.refresh_from_db()
    assert complete_application.status == Application.Status.SUBMITTED


def test_registrar_accepts_and_the_candidate_is_told_in_their_language(
    engineer, registrar, complete_application, mailoutbox
):
    engineer.preferred_language = "ru"
    engineer.save()
    _submit(complete_application, engineer)
    services.decide_eligibility(
        application=complete_application, actor=registrar, decision="accept", reason=""
    )
    complete_application.refresh_from_db()
    assert complete_application.status == Application.Status.ACCEPTED
    assert re.search("[а-яА-Я]", mailoutbox[-1].subject)
    entry = AuditEntry.objects.get(action="certification.application.eligibility_decided")
    assert (entry.actor, entry.after["status"]) == (registrar, "accepted")
    with pytest.raises(ValidationError, match="not waiting"):
        services.decide_eligibility(
            application=complete_application, actor=registrar, decision="reject", reason="twice"
        )


def test_only_registrars_decide(engineer, administrator, complete_application):
    _submit(complete_application, engineer)
    with pytest.raises(PermissionDenied):
        services.decide_eligibility(
            application=complete_application, actor=administrator, decision="accept", reason=""
        )


def test_rejection_needs_a_reason(engineer, registrar, complete_application):
    _submit(complete_application, engineer)
    with pytest.raises(ValidationError):
        services.decide_eligibility(
            application=complete_application, actor=registrar, decision="reject", reason=" "
        )


def test_registrar_pages_are_for_registrars(client, engineer, administrator, complete_application):
    urls = [
        "/en/certification/registrar/applications/",
        f"/en/certification/registrar/applications/{complete_application.public_id}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    for person in (engineer, administrator):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403


def test_every_state_change_is_in_the_audit_trail(engineer, registrar, complete_application):
    _submit(complete_application, engineer)
    services.decide_eligibility(
        application=complete_application, actor=registrar, decision="accept", reason=""
    )
    actions = list(
        AuditEntry.objects.filter(
            target_type="certification.application", target_id=str(complete_application.pk)
        )
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions[0] == "certification.application.started"
    assert "certification.application.submitted" in actions
    assert actions[-1] == "certification.application.eligibility_decided"
    assert audit.verify_chain()[1] is None


def test_withdrawing(engineer, complete_application):
    services.withdraw_application(application=complete_application, actor=engineer)
    complete_application.refresh_from_db()
    assert complete_application.status == Application.Status.WITHDRAWN


@pytest.mark.parametrize(
    ("periods", "years"),
    [
        ([("2010-01-01", "2015-01-01")], 5.0),
        ([("2010-01-01", "2015-01-01"), ("2012-01-01", "2016-01-01")], 6.0),
        ([("2010-01-01", "2011-01-01"), ("2020-01-01", "2021-01-01")], 2.0),
        ([], 0.0),
    ],
)
def test_experience_counts_overlapping_periods_once(periods, years):
    class Entry:
        def __init__(self, start, end):
            self.start_date = datetime.date.fromisoformat(start)
            self.end_date = datetime.date.fromisoformat(end)

    entries = [Entry(*p) for p in periods]
    assert services.experience_years(entries, today=datetime.date(2026, 1, 1)) == pytest.approx(
        years, abs=0.05
    )


def test_strangers_are_refused_everywhere_in_an_application(
    client, engineer, employer, complete_application
):
    evidence, referee = complete_application.evidence.get(), complete_application.referees.first()
    base = f"/en/certification/applications/{complete_application.public_id}/"
    posts = [
        base,
        f"{base}withdraw/",
        f"{base}remove/evidence/{evidence.pk}/",
        f"{base}remove/referee/{referee.pk}/",
    ]
    gets = [base, f"/en/certification/evidence/{evidence.pk}/"]
    for url in posts:
        assert "/account/login/" in client.post(url)["Location"]
    for url in gets:
        assert "/account/login/" in client.get(url)["Location"]
    client.force_login(employer)
    for url in posts:
        assert client.post(url).status_code == 404
    complete_application.refresh_from_db()
    assert complete_application.status == Application.Status.DRAFT
    assert complete_application.evidence.exists()


def test_anonymous_apply_is_sent_to_sign_in_and_back_to_the_scheme(client, level_two):
    response = client.post(f"/en/certification/schemes/{level_two.public_id}/apply/")
    assert "/account/login/" in response["Location"]
    assert str(level_two.public_id) in response["Location"]
