import csv
import io

import pytest
from django.utils import translation

from muhandis.competencies import services
from muhandis.competencies.models import Framework, RequiredLevel

pytestmark = pytest.mark.django_db

AREAS = ["TEC", "TCH", "FIN", "ECO", "ENV", "REG", "LEG", "PRO"]


@pytest.fixture
def core():
    return Framework.objects.get(code="MUHANDIS-CORE", version=1)


def test_default_framework_has_the_eight_areas_with_three_to_five_competencies(core):
    assert core.status == Framework.Status.PUBLISHED
    assert [a.code for a in core.areas.all()] == AREAS
    for area in core.areas.all():
        assert 3 <= area.competencies.count() <= 5, area.code
    assert core.competencies.filter(code="LEG-01", title_en__icontains="FIDIC").exists()


def test_default_framework_reads_in_all_three_languages(core):
    hydraulics = core.competencies.get(code="TEC-01")
    for language in ("uz", "ru", "en"):
        assert getattr(hydraulics, f"title_{language}")
        assert getattr(hydraulics, f"description_{language}")
    with translation.override("ru"):
        assert core.scale.levels.get(value=2).name == core.scale.levels.get(value=2).name_ru
    assert [lv.value for lv in core.scale.levels.all()] == [0, 1, 2, 3, 4]


def test_role_profiles_require_levels_on_the_scale(core):
    assert set(core.profiles.values_list("code", flat=True)) == {"DESIGN", "SITE", "OPS", "PM"}
    levels = set(
        RequiredLevel.objects.filter(profile__framework=core).values_list("level", flat=True)
    )
    assert levels <= {0, 1, 2, 3, 4}
    assert RequiredLevel.objects.get(profile__code="PM", competency__code="PRO-03").level == 4


def test_anyone_can_read_the_published_framework_in_their_language(client, core):
    html = client.get(f"/ru/competencies/{core.public_id}/").content.decode()
    assert "Технические компетенции" in html
    assert "FIDIC" in html
    html = client.get("/en/competencies/").content.decode()
    assert "Competency framework for construction" in html


def test_drafts_are_hidden_from_the_public(client, administrator, core):
    from muhandis.competencies.tests.test_moodle_csv import GOOD, _csv

    draft, _ = services.import_moodle_csv(content=_csv(GOOD), language="en", actor=administrator)
    assert client.get(f"/en/competencies/{draft.public_id}/").status_code == 404
    assert "Water engineers" not in client.get("/en/competencies/").content.decode()
    assert client.get("/api/v1/frameworks").json() == [
        {k: v for k, v in item.items()}
        for item in client.get("/api/v1/frameworks").json()
        if item["status"] != "draft"
    ]
    assert client.get(f"/api/v1/frameworks/{draft.public_id}").status_code == 404
    client.force_login(administrator)
    assert client.get(f"/en/competencies/{draft.public_id}/").status_code == 200


def test_export_download_is_moodle_csv(client, core):
    response = client.get(f"/en/competencies/{core.public_id}/export.csv?language=ru")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert text.startswith("Parent ID number,ID number,Short name,Description")
    assert "Технические компетенции" in text
    assert len(text.strip().splitlines()) == 1 + 1 + len(AREAS) + core.competencies.count()


def test_registrar_imports_through_the_page_and_publishes_a_new_version(client, registrar, core):
    exported = client.get(f"/en/competencies/{core.public_id}/export.csv?language=en").content
    client.force_login(registrar)
    upload = io.BytesIO(exported)
    upload.name = "framework.csv"
    response = client.post("/en/competencies/import/", {"file": upload, "language": "en"})
    assert response.status_code == 200  # the dry run: the tree is shown, nothing written yet
    assert not Framework.objects.filter(code="MUHANDIS-CORE", version=2).exists()
    token = response.context["confirm"]["token"].value()
    response = client.post("/en/competencies/import/", {"token": token})
    assert response.status_code == 302
    draft = Framework.objects.get(code="MUHANDIS-CORE", version=2)
    assert draft.status == Framework.Status.DRAFT
    assert draft.competencies.count() == core.competencies.count()
    client.post(f"/en/competencies/{draft.public_id}/publish/")
    draft.refresh_from_db()
    core.refresh_from_db()
    assert (draft.status, core.status) == (Framework.Status.PUBLISHED, Framework.Status.RETIRED)


def test_a_bad_file_shows_every_problem_on_the_page_in_the_users_language(client, registrar):
    client.force_login(registrar)
    upload = io.BytesIO(b"ID number,Short name\nX,Y\n")
    upload.name = "bad.csv"
    response = client.post("/ru/competencies/import/", {"file": upload, "language": "ru"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Parent ID number" in html
    assert "Is framework" in html
    assert "Ничего не импортировано" in html


def test_wrong_file_type_is_refused(client, registrar):
    client.force_login(registrar)
    upload = io.BytesIO(b"%PDF-1.4")
    upload.name = "framework.pdf"
    response = client.post("/en/competencies/import/", {"file": upload, "language": "en"})
    assert response.status_code == 400
    assert ".csv" in response.content.decode()


@pytest.mark.parametrize("url", ["/en/competencies/import/"])
def test_import_page_is_for_staff_only(client, url, engineer):
    assert client.get(url).status_code == 302
    client.force_login(engineer)
    assert client.get(url).status_code == 403


def test_publishing_is_for_registrars_and_administrators(client, engineer, training_manager, core):
    from muhandis.competencies.tests.test_moodle_csv import GOOD, _csv

    draft, _ = services.import_moodle_csv(content=_csv(GOOD), language="en", actor=None)
    for person in (engineer, training_manager):
        client.force_login(person)
        assert client.post(f"/en/competencies/{draft.public_id}/publish/").status_code == 403
    draft.refresh_from_db()
    assert draft.status == Framework.Status.DRAFT


def test_api_gives_the_framework_tree(client, core):
    listing = client.get("/api/v1/frameworks").json()
    assert [f["code"] for f in listing] == ["MUHANDIS-CORE"]
    body = client.get(f"/api/v1/frameworks/{core.public_id}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [a["code"] for a in body["areas"]] == AREAS
    assert body["areas"][0]["competencies"][0]["code"] == "TEC-01"
    assert {p["code"] for p in body["profiles"]} == {"DESIGN", "SITE", "OPS", "PM"}
    assert body["profiles"][0]["required_levels"]


def test_api_import_lists_problems_with_rows_and_columns(client, registrar):
    from muhandis.accounts import services as account_services

    _, token = account_services.create_api_token(user=registrar, name="t", scope="write")
    upload = io.BytesIO(b"Parent ID number,ID number,Short name,Is framework\n,,,1\n")
    upload.name = "f.csv"
    response = client.post(
        "/api/v1/frameworks/import",
        {"file": upload, "language": "en"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422
    problems = response.json()["error"]["problems"]
    assert {(p["row"], p["column"]) for p in problems} >= {(2, "ID number"), (2, "Short name")}


def test_framework_page_query_budget(client, core, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get(f"/en/competencies/{core.public_id}/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/api/v1/frameworks/{core.public_id}").status_code == 200


def test_the_public_export_never_hands_a_spreadsheet_a_formula_and_imports_back(
    client, registrar, core
):
    area = core.areas.first()
    competency = area.competencies.first()
    Framework.objects.filter(pk=core.pk).update(title_en="=1+2")
    type(competency).objects.filter(pk=competency.pk).update(
        title_en="-2+3", description_en='=HYPERLINK("http://evil.example","Click")'
    )
    response = client.get(f"/en/competencies/{core.public_id}/export.csv?language=en")
    cells = [c for row in csv.reader(io.StringIO(response.content.decode())) for c in row]
    assert "'=1+2" in cells
    assert "'-2+3" in cells
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    copy, _ = services.import_moodle_csv(content=response.content, language="en", actor=registrar)
    assert copy.title_en == "=1+2"
    assert copy.competencies.get(code=competency.code).title_en == "-2+3"
