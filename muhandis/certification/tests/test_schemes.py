import pytest
from django.core.exceptions import ValidationError

from muhandis.certification import demo, services
from muhandis.certification.models import AssessmentMethod, Scheme
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def schemes():
    demo.load(lambda line: None)
    return {s.code: s for s in Scheme.objects.all()}


def test_demo_schemes_are_open_with_their_rules(schemes):
    assert set(schemes) == {"CE-WSS-I", "CE-WSS-II", "CE-WSS-III", "CE-CON"}
    level_two = schemes["CE-WSS-II"]
    assert level_two.status == Scheme.Status.ACTIVE
    assert level_two.title_ru.endswith("уровень II")
    assert level_two.competencies.get(competency__code="TEC-01").level == 3
    assert set(level_two.methods.values_list("kind", flat=True)) == {"written_exam", "portfolio"}
    assert sum(level_two.cpd_minimums.values_list("hours", flat=True)) <= level_two.cpd_hours


def test_anyone_reads_a_scheme_in_their_language_with_the_fee_in_soum(client, schemes):
    scheme = schemes["CE-WSS-II"]
    html = client.get(f"/ru/certification/schemes/{scheme.public_id}/").content.decode()
    assert "Сертифицированный инженер в области водоснабжения и канализации" in html
    assert "2\xa0500\xa0000\xa0сум" in html
    assert "TEC-01" in html
    assert "/new-version/" not in html  # no manager buttons for the public


def test_a_new_version_is_a_draft_copy_and_opening_it_retires_the_old(client, registrar, schemes):
    old = schemes["CE-WSS-I"]
    client.force_login(registrar)
    response = client.post(f"/en/certification/schemes/{old.public_id}/new-version/")
    draft = Scheme.objects.get(code="CE-WSS-I", version=2)
    assert response["Location"].endswith(f"/schemes/{draft.public_id}/")
    assert draft.status == Scheme.Status.DRAFT
    assert draft.title_ru == old.title_ru
    assert draft.competencies.count() == old.competencies.count()
    assert draft.methods.get().assessors_uz == old.methods.get().assessors_uz
    client.post(f"/en/certification/schemes/{draft.public_id}/activate/")
    old.refresh_from_db()
    draft.refresh_from_db()
    assert (old.status, draft.status) == (Scheme.Status.RETIRED, Scheme.Status.ACTIVE)
    assert AuditEntry.objects.filter(
        action="certification.scheme.activated", actor=registrar
    ).exists()


def test_a_draft_that_breaks_the_rules_cannot_open_and_says_why(client, registrar, schemes):
    draft = services.new_scheme_version(scheme=schemes["CE-WSS-II"], actor=registrar)
    draft.methods.filter(kind="written_exam").update(pass_mark=None)
    draft.competencies.filter(competency__code="TEC-01").update(level=7)
    with pytest.raises(ValidationError) as refused:
        services.activate_scheme(scheme=draft, actor=registrar)
    text = " ".join(refused.value.messages)
    assert "pass mark" in text
    assert "TEC-01 requires level 7" in text
    client.force_login(registrar)
    html = client.get(f"/en/certification/schemes/{draft.public_id}/").content.decode()
    assert "cannot be opened for applications yet" in html


def test_only_one_draft_per_scheme(registrar, schemes):
    services.new_scheme_version(scheme=schemes["CE-CON"], actor=registrar)
    with pytest.raises(ValidationError):
        services.new_scheme_version(scheme=schemes["CE-CON"], actor=registrar)


def test_drafts_are_hidden_from_the_public(client, registrar, schemes):
    draft = services.new_scheme_version(scheme=schemes["CE-CON"], actor=registrar)
    assert client.get(f"/en/certification/schemes/{draft.public_id}/").status_code == 404
    assert client.get(f"/api/v1/schemes/{draft.public_id}").status_code == 404
    assert "draft" not in {s["status"] for s in client.get("/api/v1/schemes").json()}


def test_managing_schemes_is_for_registrars_and_administrators(client, engineer, trainer, schemes):
    scheme = schemes["CE-CON"]
    for person in (None, engineer, trainer):
        if person:
            client.force_login(person)
        response = client.post(f"/en/certification/schemes/{scheme.public_id}/new-version/")
        assert response.status_code == (302 if person is None else 403)
    assert not Scheme.objects.filter(code="CE-CON", version=2).exists()


def test_open_schemes_cannot_be_changed_in_the_admin(client, administrator, schemes):
    client.force_login(administrator)
    scheme = schemes["CE-CON"]
    response = client.post(f"/en/admin/certification/scheme/{scheme.pk}/change/", {"title_uz": "X"})
    assert response.status_code == 403
    scheme.refresh_from_db()
    assert scheme.title_uz != "X"


def test_api_describes_a_scheme(client, schemes):
    scheme = schemes["CE-WSS-III"]
    body = client.get(f"/api/v1/schemes/{scheme.public_id}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["title"] == "Certified Engineer, Water Supply and Sanitation, level III"
    assert body["experience_years"] == 7
    assert {m["kind"] for m in body["methods"]} == {"written_exam", "portfolio", "interview"}
    assert next(c for c in body["competencies"] if c["competency"] == "TEC-01")["level"] == 4


def test_scheme_pages_query_budget(client, schemes, django_assert_max_num_queries):
    scheme = schemes["CE-WSS-III"]
    with django_assert_max_num_queries(10):
        assert client.get("/en/certification/schemes/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/en/certification/schemes/{scheme.public_id}/").status_code == 200


def test_methods_are_listed_once_per_kind(schemes):
    assert AssessmentMethod.objects.filter(scheme=schemes["CE-CON"]).count() == 2
