import pytest
from django.urls import reverse

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.competencies.models import Framework
from muhandis.core.models import AuditEntry
from muhandis.needs.models import Invitation, Survey

from .factories import answer, make_survey

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    ("needs:survey_new", False, "get"),
    ("needs:survey_detail", True, "get"),
    ("needs:survey_edit", True, "get"),
    ("needs:survey_qr", True, "get"),
    ("needs:survey_open", True, "post"),
    ("needs:survey_close", True, "post"),
    ("needs:survey_invite_role", True, "post"),
    ("needs:survey_invite_supervisors", True, "post"),
    ("needs:survey_invite_emails", True, "post"),
    ("needs:survey_send", True, "post"),
]


def _url(name, survey, needs_code):
    return reverse(name, kwargs={"code": survey.code} if needs_code else {})


@pytest.fixture
def survey(db):
    return make_survey(code="needs-2026", areas=("FIN",))


@pytest.mark.parametrize(("name", "needs_code", "method"), STAFF_PAGES)
def test_strangers_and_anonymous_visitors_are_refused_every_staff_page(
    client, stranger, report_viewer, survey, name, needs_code, method
):
    url = _url(name, survey, needs_code)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
    for person in (stranger, report_viewer):
        client.force_login(person)
        assert getattr(client, method)(url).status_code == 403


def test_the_list_is_refused_to_strangers_and_read_only_for_report_viewers(
    client, stranger, report_viewer, survey
):
    url = reverse("needs:survey_list")
    assert client.get(url).status_code == 302
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    client.force_login(report_viewer)
    page = client.get(url)
    assert page.status_code == 200
    assert survey.code in page.content.decode()
    assert reverse("needs:survey_detail", kwargs={"code": survey.code}) not in page.content.decode()


def test_the_list_shows_the_counts_in_a_fixed_number_of_queries(
    client, training_manager, django_assert_max_num_queries
):
    for _number in range(6):
        survey = make_survey(areas=("FIN",))
        answer(survey, {"FIN-01": (3, 1)})
        answer(survey, {"FIN-01": (3, 1)}, submitted=False)
    client.force_login(training_manager)
    client.get("/en/needs/surveys/")  # the session records the sign-in's first request
    with django_assert_max_num_queries(10):
        page = client.get("/en/needs/surveys/")
    assert page.status_code == 200


def test_a_manager_creates_a_draft_survey_over_chosen_areas(client, training_manager):
    framework = Framework.objects.get(code="MUHANDIS-CORE", version=1)
    client.force_login(training_manager)
    response = client.post(
        "/en/needs/surveys/new/",
        {
            "code": "needs-2027",
            "title_uz": "Ehtiyojlar 2027",
            "title_ru": "Потребности 2027",
            "framework": framework.pk,
            "areas": [framework.areas.get(code="ENV").pk],
            "scale": "borich",
            "who": "self",
            "suppression_threshold": 5,
            "public_link": "on",
        },
    )
    survey = Survey.objects.get(code="needs-2027")
    assert response.status_code == 302
    assert (survey.status, survey.kinds, survey.scale_max) == ("draft", ["self"], 5)
    assert {i.competency.code[:3] for i in survey.items.select_related("competency")} == {"ENV"}
    assert survey.created_by == training_manager


def test_the_survey_form_names_a_field_that_is_wrong(client, training_manager, survey):
    client.force_login(training_manager)
    framework = Framework.objects.get(code="MUHANDIS-CORE", version=1)
    response = client.post(
        "/en/needs/surveys/new/",
        {"code": "needs-2026", "title_uz": "X", "framework": framework.pk, "scale": "borich",
         "who": "both", "suppression_threshold": 1},
    )  # fmt: skip
    assert response.status_code == 400
    text = response.content.decode()
    assert "greater than or equal to 2" in text


def test_the_detail_shows_the_public_link_its_qr_code_and_who_answered(
    client, training_manager, survey, django_assert_max_num_queries
):
    for number in range(120):  # more than a page
        Invitation.objects.create(
            survey=survey, distribution="Members", email=f"a{number:03}@firm.uz", language="uz"
        )
    answer(survey, {"FIN-01": (3, 1)})
    client.force_login(training_manager)
    client.get("/en/needs/surveys/")  # the session records the sign-in's first request
    with django_assert_max_num_queries(10):
        page = client.get(f"/en/needs/surveys/{survey.code}/")
    text = page.content.decode()
    assert f"http://127.0.0.1:8000/needs/s/{survey.public_token}/" in text  # no language
    assert "<svg" in text
    assert "a000@firm.uz" in text
    assert "not answered" in text
    assert "a119@firm.uz" not in text
    assert "1 / 2" in text
    assert "1 sent their answers; 0 are still answering." in text
    # From here to the survey's report, priorities and offline collection.
    for name in ("report", "priorities", "xlsform"):
        assert reverse(f"needs:{name}", args=[survey.code]).replace("/uz/", "/en/") in text
    png = client.get(f"/en/needs/surveys/{survey.code}/qr.png")
    assert png["Content-Type"] == "image/png"
    assert png.content[:4] == b"\x89PNG"


def test_a_manager_opens_and_closes_a_survey(client, administrator):
    survey = make_survey(areas=("FIN",), status="draft")
    client.force_login(administrator)
    client.post(f"/en/needs/surveys/{survey.code}/open/")
    survey.refresh_from_db()
    assert survey.status == "open"
    client.post(f"/en/needs/surveys/{survey.code}/close/", {"reason": "done"})
    survey.refresh_from_db()
    assert survey.status == "closed"
    page = client.get(f"/en/needs/surveys/{survey.code}/open/")
    assert page.status_code == 405


def test_an_open_survey_cannot_be_edited(client, training_manager, survey):
    client.force_login(training_manager)
    response = client.get(f"/en/needs/surveys/{survey.code}/edit/", follow=True)
    assert "Only a draft survey can be changed." in response.content.decode()


def test_pasted_addresses_with_a_bad_line_are_refused_naming_the_line(
    client, training_manager, survey
):
    client.force_login(training_manager)
    response = client.post(
        f"/en/needs/surveys/{survey.code}/invite/emails/",
        {"emails-distribution": "Event", "emails-emails": "a@firm.uz\nnonsense",
         "emails-kind": "self", "emails-language": "ru"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Line 2: “nonsense” is not an email address." in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_by_role_then_sending_emails_the_links(
    client, training_manager, survey, mailoutbox, django_capture_on_commit_callbacks
):
    engineer = make_person(Role.ENGINEER, preferred_language="ru")
    client.force_login(training_manager)
    response = client.post(
        f"/en/needs/surveys/{survey.code}/invite/role/",
        {"role-distribution": "Engineers", "role-role": "engineer"},
        follow=True,
    )
    assert "1 people invited" in response.content.decode()
    again = client.post(
        f"/en/needs/surveys/{survey.code}/invite/role/",
        {"role-distribution": "Engineers", "role-role": "engineer"},
        follow=True,
    )
    assert "were invited already" in again.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/needs/surveys/{survey.code}/send/")
    assert [m.to for m in mailoutbox] == [[engineer.email]]
    assert "/ru/needs/i/" in mailoutbox[0].body
    assert AuditEntry.objects.filter(action="needs.invitations.sent").exists()


def test_the_public_link_without_a_language_leads_to_the_browsers_language(client, survey):
    reply = client.get(f"/needs/s/{survey.public_token}/", HTTP_ACCEPT_LANGUAGE="ru")
    assert reply.status_code == 302
    assert reply["Location"] == f"/ru/needs/s/{survey.public_token}/"


def test_a_manager_changes_a_draft_and_its_questions_follow(client, training_manager):
    survey = make_survey(areas=("FIN",), status="draft", kinds=["self"])
    framework = survey.framework
    client.force_login(training_manager)
    code = survey.code
    response = client.post(
        f"/en/needs/surveys/{survey.code}/edit/",
        {
            "code": "another-code",  # the code cannot change
            "title_uz": "Yangi nom",
            "framework": framework.pk,
            "areas": [framework.areas.get(code="LEG").pk],
            "scale": "hennessy_hicks",
            "who": "both",
            "suppression_threshold": 7,
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title_uz, survey.scale_max, survey.kinds) == (
        "Yangi nom",
        7,
        ["self", "supervisor"],
    )
    assert {i.competency.code[:3] for i in survey.items.select_related("competency")} == {"LEG"}
    assert survey.suppression_threshold == 7
    assert survey.code == code
    assert AuditEntry.objects.filter(action="needs.survey.changed").exists()
