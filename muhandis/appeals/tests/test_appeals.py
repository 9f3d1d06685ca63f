import datetime
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, timezone, translation

from muhandis.accounts import services as account_services
from muhandis.accounts.models import Employment
from muhandis.accounts.tests.factories import OrganisationFactory
from muhandis.appeals import services
from muhandis.appeals.models import Appeal
from muhandis.certification import services as certification
from muhandis.certification.models import Certificate
from muhandis.core.models import AuditEntry

from .conftest import PDF

pytestmark = pytest.mark.django_db


def _lodge_url(kind, subject):
    return f"/en/appeals/lodge/{kind}/{subject.public_id}/"


def _lodge(application, engineer, grounds="The registrar overlooked my second employer."):
    found = services.decision_on_application(application)
    return services.lodge_appeal(found=found, appellant=engineer, grounds=grounds)


def _actions(appeal):
    return list(
        AuditEntry.objects.filter(target_type="appeals.appeal", target_id=str(appeal.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def test_candidate_lodges_an_appeal_against_a_rejection_from_the_page(
    client, rejected_application, engineer
):
    client.force_login(engineer)
    html = client.get("/en/appeals/").content.decode()
    assert "Rejection of eligibility" in html
    assert _lodge_url("application", rejected_application) in html
    response = client.post(
        _lodge_url("application", rejected_application),
        {
            "grounds": "My experience at Suvloyiha was in water supply.",
            "evidence": SimpleUploadedFile("letter.pdf", PDF),
        },
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/appeals/{appeal.public_id}/"
    assert appeal.status == Appeal.Status.LODGED
    assert appeal.evidence_type == "application/pdf"
    assert appeal.respond_by == timezone.localdate() + datetime.timedelta(days=60)
    html = client.get(response["Location"]).content.decode()
    assert "My experience at Suvloyiha was in water supply." in html
    assert "letter.pdf" in html
    file_response = client.get(f"/en/appeals/{appeal.public_id}/evidence/")
    assert b"".join(file_response.streaming_content) == PDF
    assert _actions(appeal) == ["appeals.appeal.lodged"]


def test_an_appeal_after_the_deadline_is_refused_naming_the_last_day_and_keeps_the_text(
    client, rejected_application, engineer
):
    last_day = timezone.localdate() + datetime.timedelta(days=30)
    with time_machine.travel(last_day + datetime.timedelta(days=1, hours=12)):
        client.force_login(engineer)
        response = client.post(
            _lodge_url("application", rejected_application),
            {"grounds": "I was abroad and could not answer sooner."},
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert "The time to appeal against this decision ended on" in html
        with translation.override("en"):
            assert formats.date_format(last_day, "DATE_FORMAT") in html
        assert "I was abroad and could not answer sooner." in html  # nothing typed is lost
        assert not Appeal.objects.exists()
        page = client.get(_lodge_url("application", rejected_application)).content.decode()
        assert "The time to appeal against this decision ended on" in page


def test_the_last_day_itself_is_still_in_time(rejected_application, engineer):
    last_day = timezone.localdate() + datetime.timedelta(days=30)
    with time_machine.travel(datetime.datetime.combine(last_day, datetime.time(12))):
        assert _lodge(rejected_application, engineer).status == Appeal.Status.LODGED


def test_one_open_appeal_per_decision_and_only_the_person_concerned(
    rejected_application, engineer, stranger
):
    _lodge(rejected_application, engineer)
    with pytest.raises(ValidationError, match="already open"):
        _lodge(rejected_application, engineer)
    with pytest.raises(PermissionDenied):
        _lodge(rejected_application, stranger)


def test_grounds_are_required_and_evidence_is_checked_by_its_content(
    client, rejected_application, engineer
):
    client.force_login(engineer)
    response = client.post(
        _lodge_url("application", rejected_application),
        {"grounds": "See file", "evidence": SimpleUploadedFile("x.pdf", b"MZ\x90 not a pdf")},
    )
    assert response.status_code == 400
    assert "not a PDF, JPEG or PNG document" in response.content.decode()
    with pytest.raises(ValidationError):
        _lodge(rejected_application, engineer, grounds="  ")
    assert not Appeal.objects.exists()


def test_nothing_to_appeal_on_an_application_without_an_adverse_decision(
    client, complete_application, engineer
):
    client.force_login(engineer)
    response = client.get(_lodge_url("application", complete_application))
    assert response.status_code == 404
    assert "no decision here that can be appealed" in response.content.decode()


def test_a_suspension_can_be_appealed_from_the_certificate(
    client, certificate, registrar, engineer
):
    certification.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Complaint."
    )
    client.force_login(engineer)
    response = client.post(
        _lodge_url("certificate", certificate), {"grounds": "The complaint is untrue."}
    )
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.kind == Appeal.Kind.STATUS_CHANGE
    assert appeal.certificate == certificate


def test_people_who_took_part_in_the_decision_cannot_sit_on_the_panel(
    refused_application, engineer, registrar, committee_member, panel
):
    appeal = _lodge(refused_application, engineer)
    services.acknowledge_appeal(appeal=appeal, actor=registrar)
    with pytest.raises(ValidationError) as refused:
        services.form_panel(appeal=appeal, members=[committee_member, panel[0]], actor=registrar)
    assert "took part in the decision under appeal" in " ".join(refused.value.messages)
    assert not appeal.panel.exists()


def test_the_registrar_who_suspended_cannot_review_the_suspension(
    certificate, registrar, engineer, panel
):
    account_services.grant_role(user=registrar, role="committee", actor=None, reason="test")
    certification.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Complaint."
    )
    found = services.decision_on_certificate(certificate)
    appeal = services.lodge_appeal(found=found, appellant=engineer, grounds="Untrue.")
    services.acknowledge_appeal(appeal=appeal, actor=registrar)
    assert "took part in the decision" in services.panel_problem(registrar, appeal)
    assert services.panel_problem(panel[0], appeal) is None


def test_a_colleague_of_the_appellant_cannot_sit_on_the_panel(
    rejected_application, engineer, registrar, panel
):
    firm = OrganisationFactory()
    for person in (engineer, panel[0]):
        Employment.objects.create(person=person, organisation=firm, relation="employee")
    appeal = _lodge(rejected_application, engineer)
    services.acknowledge_appeal(appeal=appeal, actor=registrar)
    with pytest.raises(ValidationError, match="same organisation"):
        services.form_panel(appeal=appeal, members=panel[:2], actor=registrar)


def test_a_panel_needs_two_members_and_an_acknowledged_appeal(
    rejected_application, engineer, registrar, panel
):
    appeal = _lodge(rejected_application, engineer)
    with pytest.raises(ValidationError, match="Acknowledge the appeal first"):
        services.form_panel(appeal=appeal, members=panel[:2], actor=registrar)
    services.acknowledge_appeal(appeal=appeal, actor=registrar)
    with pytest.raises(ValidationError, match="at least 2 members"):
        services.form_panel(appeal=appeal, members=panel[:1], actor=registrar)
    with pytest.raises(PermissionDenied):
        services.form_panel(appeal=appeal, members=panel[:2], actor=panel[2])


def test_the_majority_upholds_and_the_appellant_is_told_in_their_language(
    client, refused_application, engineer, registrar, panel, mailoutbox
):
    engineer.preferred_language = "ru"
    engineer.save()
    appeal = _lodge(refused_application, engineer)
    services.acknowledge_appeal(appeal=appeal, actor=registrar)
    services.form_panel(appeal=appeal, members=panel, actor=registrar)
    services.cast_panel_vote(appeal=appeal, actor=panel[0], vote="uphold", reasons="Misread.")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.UNDER_REVIEW  # one of three decides nothing
    services.cast_panel_vote(appeal=appeal, actor=panel[1], vote="uphold", reasons="Agreed.")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.UPHELD
    assert mailoutbox[-1].to == [engineer.email]
    assert f"/ru/appeals/{appeal.public_id}/" in mailoutbox[-1].body
    assert _actions(appeal) == [
        "appeals.appeal.lodged",
        "appeals.appeal.acknowledged",
        "appeals.appeal.panel_formed",
        "appeals.appeal.voted",
        "appeals.appeal.voted",
        "appeals.appeal.decided",
    ]
    refused_application.refresh_from_db()
    assert refused_application.status == "refused"  # staff review it; nothing is reversed
    client.force_login(engineer)
    html = client.get(f"/en/appeals/{appeal.public_id}/").content.decode()
    assert "The original decision is to be reviewed" in html
    with pytest.raises(ValidationError, match="not under review"):
        services.cast_panel_vote(appeal=appeal, actor=panel[2], vote="dismiss", reasons="No.")


def test_a_dismissed_appeal_leaves_the_certificate_as_it_is(
    certificate, registrar, engineer, panel
):
    certification.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Complaint."
    )
    found = services.decision_on_certificate(certificate)
    appeal = services.lodge_appeal(found=found, appellant=engineer, grounds="Untrue.")
    services.acknowledge_appeal(appeal=appeal, actor=registrar)
    services.form_panel(appeal=appeal, members=panel[:2], actor=registrar)
    for member in panel[:2]:
        services.cast_panel_vote(appeal=appeal, actor=member, vote="dismiss", reasons="Sound.")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.DISMISSED
    assert Certificate.objects.get().status == Certificate.Status.SUSPENDED


def test_a_tied_panel_is_shown_and_another_member_decides(
    client, rejected_application, engineer, registrar, panel
):
    appeal = _lodge(rejected_application, engineer)
    services.acknowledge_appeal(appeal=appeal, actor=registrar)
    services.form_panel(appeal=appeal, members=panel[:2], actor=registrar)
    services.cast_panel_vote(appeal=appeal, actor=panel[0], vote="uphold", reasons="Yes.")
    services.cast_panel_vote(appeal=appeal, actor=panel[1], vote="dismiss", reasons="No.")
    client.force_login(registrar)
    html = client.get(f"/en/appeals/registrar/{appeal.public_id}/").content.decode()
    assert "The panel is tied" in html
    services.form_panel(appeal=appeal, members=[panel[2]], actor=registrar)
    services.cast_panel_vote(appeal=appeal, actor=panel[2], vote="dismiss", reasons="No.")
    appeal.refresh_from_db()
    assert appeal.status == Appeal.Status.DISMISSED


def test_the_registrar_and_the_panel_work_through_the_pages(
    client, rejected_application, engineer, registrar, panel
):
    appeal = _lodge(rejected_application, engineer)
    url = f"/en/appeals/registrar/{appeal.public_id}/"
    client.force_login(registrar)
    client.post(url, {"section": "acknowledge"})
    response = client.post(url, {"section": "panel", "panel-members": [panel[0].pk, panel[1].pk]})
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Anvar Panelist" in html
    assert f"{registrar} appointed the panel of the appeal" in html
    client.force_login(panel[0])
    assert "Aziz Nazarov" not in client.get("/en/appeals/panels/").content.decode()
    assert engineer.display_name in client.get("/en/appeals/panels/").content.decode()
    vote_url = f"/en/appeals/panels/{appeal.public_id}/"
    assert "The experience is not in water supply." in client.get(vote_url).content.decode()
    response = client.post(vote_url, {"vote": "uphold", "reasons": ""})
    assert response.status_code == 400
    client.post(vote_url, {"vote": "uphold", "reasons": "Overlooked evidence."})
    assert appeal.panel.get(member=panel[0]).vote == "uphold"


def test_staff_see_days_left_and_overdue_appeals(client, rejected_application, engineer, registrar):
    _lodge(rejected_application, engineer)
    client.force_login(registrar)
    assert "60 days left" in client.get("/en/appeals/registrar/").content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=63)):
        client.force_login(registrar)
        html = client.get("/en/appeals/registrar/").content.decode()
    assert "overdue by 3 days" in html
    assert re.search(r'<tr class="table-danger">', html)


def test_appeal_pages_refuse_anonymous_visitors_and_people_without_the_role(
    client, rejected_application, engineer, stranger, committee_member, panel
):
    appeal = _lodge(rejected_application, engineer)
    personal = [
        "/en/appeals/",
        _lodge_url("application", rejected_application),
        f"/en/appeals/{appeal.public_id}/",
        f"/en/appeals/{appeal.public_id}/evidence/",
    ]
    staff = [
        "/en/appeals/registrar/",
        f"/en/appeals/registrar/{appeal.public_id}/",
        "/en/appeals/panels/",
        f"/en/appeals/panels/{appeal.public_id}/",
    ]
    for url in personal + staff:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"], url
    client.force_login(stranger)
    for url in staff:
        assert client.get(url).status_code == 403, url
    for url in personal[1:]:
        assert client.get(url).status_code == 404, url  # someone else's appeal
    client.force_login(committee_member)  # not on this appeal's panel
    assert client.get(f"/en/appeals/panels/{appeal.public_id}/").status_code == 404
    assert client.get(f"/en/appeals/registrar/{appeal.public_id}/").status_code == 403


def test_registrar_without_two_factor_is_sent_to_set_it_up(client, registrar_without_two_factor):
    client.force_login(registrar_without_two_factor)
    response = client.get("/en/appeals/registrar/")
    assert response.status_code == 302
    assert "/account/2fa/totp/activate/" in response["Location"]


def test_the_appeal_link_include_offers_an_appeal_to_the_person_concerned_only(
    rf, rejected_application, engineer, registrar
):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = engineer
    html = render_to_string(
        "appeals/_appeal_link.html", {"application": rejected_application, "request": request}
    )
    assert _lodge_url("application", rejected_application).replace("/en", "") in html.replace(
        "/en", ""
    )
    request.user = registrar
    html = render_to_string(
        "appeals/_appeal_link.html", {"application": rejected_application, "request": request}
    )
    assert "Lodge an appeal" not in html


def test_demo_data_makes_one_complaint_and_two_appeals_once(db):
    """One appeal waits for the registrar, the other for the votes of its panel."""
    from muhandis.accounts import demo as accounts_demo
    from muhandis.appeals import demo
    from muhandis.appeals.models import Complaint
    from muhandis.certification import demo as certification_demo

    for load in (
        accounts_demo.load,
        certification_demo.load,
        certification_demo.load_applications,
        demo.load,
        demo.load,
    ):
        load(lambda line: None)
    assert sorted(Appeal.objects.values_list("status", flat=True)) == ["lodged", "under_review"]
    assert Complaint.objects.count() == 1


def test_every_appeal_action_has_a_label_staff_can_read():
    import pathlib

    from muhandis.core.audit import ACTION_LABELS

    source = "".join(p.read_text() for p in pathlib.Path(services.__file__).parent.glob("*.py"))
    recorded = set(re.findall(r'"(appeals\.[a-z_]+\.[a-z_]+)"', source))
    assert "appeals.appeal.lodged" in recorded
    assert sorted(recorded - set(ACTION_LABELS)) == []


def test_a_colleague_of_the_holder_of_an_imported_certificate_cannot_sit_on_the_panel(
    certificate, registrar, engineer, panel
):
    Certificate.objects.filter(pk=certificate.pk).update(decision=None)  # as imported
    certificate.refresh_from_db()
    certification.change_certificate_status(
        certificate=certificate, actor=registrar, action="suspend", reason="Complaint."
    )
    found = services.decision_on_certificate(certificate)
    appeal = services.lodge_appeal(found=found, appellant=engineer, grounds="Untrue.")
    firm = OrganisationFactory()
    for person in (engineer, panel[0]):
        Employment.objects.create(person=person, organisation=firm, relation="employee")
    assert "same organisation" in services.panel_problem(panel[0], appeal)
    assert services.panel_problem(panel[1], appeal) is None
