import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from muhandis.core.models import AuditEntry
from tests.visible import read

from ..models import Mode, Pair, Programme
from ..services import pairs
from . import factories as f

pytestmark = pytest.mark.django_db


def _english(person):
    person.preferred_language = "en"
    person.save()
    return person


@pytest.fixture
def busy(administrator):
    """A programme with eight pairs, meetings and more applications waiting."""
    programme = f.make_programme(title_en="Women in engineering")
    areas = f.areas()
    today = timezone.localdate()
    for _index in range(8):
        pair = pairs.pair(
            actor=administrator,
            mentor=f.mentor(programme, area_list=areas[:2]),
            mentee=f.mentee(programme, area_list=areas[1:3]),
            started_on=today - datetime.timedelta(days=20),
        )
        pairs.log_meeting(
            actor=pair.mentee.person, pair=pair, held_on=today, minutes=30, mode=Mode.ONLINE
        )
    for _ in range(4):
        f.mentee(programme, area_list=areas[:1])
    return programme


def test_staff_lists_programmes_in_few_queries(
    client, busy, training_manager, django_assert_max_num_queries
):
    f.make_programme(title_en="Young professionals")
    client.force_login(_english(training_manager))
    client.get("/en/mentoring/staff/")
    with django_assert_max_num_queries(10):
        text = read(client.get("/en/mentoring/staff/").content.decode())[0]
    assert "Women in engineering" in text
    assert "Young professionals" in text


def test_a_programmes_applications_and_pairs_in_few_queries(
    client, busy, administrator, django_assert_max_num_queries
):
    client.force_login(_english(administrator))
    url = f"/en/mentoring/staff/{busy.public_id}/"
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    text = read(response.content.decode())[0]
    assert text.count("Design a pumping station") == 20
    assert Pair.objects.filter(programme=busy).count() == 8


def test_my_mentoring_in_few_queries(client, busy, django_assert_max_num_queries):
    pair = Pair.objects.filter(programme=busy).select_related("mentee__person").first()
    person = _english(pair.mentee.person)
    for index in range(5):
        f.apply(f.make_programme(), person, "mentor" if index % 2 else "mentee")
    client.force_login(person)
    client.get("/en/mentoring/mine/")
    with django_assert_max_num_queries(10):
        text = read(client.get("/en/mentoring/mine/").content.decode())[0]
    assert "Mentor: " in text
    assert "1 meeting" in text


def test_staff_create_and_change_a_programme_in_three_languages(client, training_manager):
    client.force_login(_english(training_manager))
    today = timezone.localdate()
    values = {
        "title_uz": "Yosh mutaxassislar",
        "title_ru": "Молодые специалисты",
        "title_en": "Young professionals",
        "description_en": "For graduates.",
        "audience": "young",
        "opens_on": str(today),
        "closes_on": str(today - datetime.timedelta(days=1)),
        "is_active": "on",
    }
    refused = client.post("/en/mentoring/staff/new/", values)
    assert refused.status_code == 400
    assert "Applications cannot close before they open." in read(refused.content.decode())[0]
    values["closes_on"] = str(today + datetime.timedelta(days=30))
    assert client.post("/en/mentoring/staff/new/", values).status_code == 302
    made = Programme.objects.get(title_uz="Yosh mutaxassislar")
    assert made.title_ru == "Молодые специалисты"
    values["title_en"] = "Young engineers"
    edit = reverse("mentoring:programme_edit", kwargs={"public_id": made.public_id})
    assert client.post(edit, values).status_code == 302
    made.refresh_from_db()
    assert made.title_en == "Young engineers"
    assert AuditEntry.objects.filter(action="mentoring.programme.updated").count() == 1
    public = read(client.get("/ru/mentoring/").content.decode())[0]
    assert "Молодые специалисты" in public


@pytest.mark.parametrize(
    "name", ["staff_programme", "programme_edit", "matching", "pair_create", "outcomes"]
)
def test_a_stranger_is_refused_on_staff_pages(client, stranger, name):
    programme = f.make_programme()
    kwargs = {} if name == "outcomes" else {"public_id": programme.public_id}
    client.force_login(stranger)
    url = reverse(f"mentoring:{name}", kwargs=kwargs)
    response = client.post(url) if name == "pair_create" else client.get(url)
    assert response.status_code == 403


def test_a_stranger_is_refused_on_a_pairs_staff_pages(client, stranger, administrator):
    pair = f.make_pair(administrator, f.make_programme())
    client.force_login(stranger)
    kwargs = {"public_id": pair.public_id}
    assert client.get(reverse("mentoring:staff_pair", kwargs=kwargs)).status_code == 403
    ended = client.post(reverse("mentoring:pair_end", kwargs=kwargs), {"reason": "x"})
    assert ended.status_code == 403
    pair.refresh_from_db()
    assert pair.ended_on is None


def test_staff_end_a_pair_on_its_page(client, administrator):
    pair = f.make_pair(administrator, f.make_programme())
    client.force_login(_english(administrator))
    url = reverse("mentoring:pair_end", kwargs={"public_id": pair.public_id})
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Mentor moved abroad"}, follow=True)
    assert "The pair is ended" in read(response.content.decode())[0]


def test_the_demo_has_pairs_meetings_goals_met_and_a_mentee_certified_afterwards():
    from muhandis.accounts import demo as accounts_demo
    from muhandis.accounts.roles import Role

    from .. import demo
    from ..selectors.outcomes import outcomes

    accounts_demo.load(lambda line: None)
    holder = accounts_demo.person(
        Role.ENGINEER, "gulnora.yusupova@demo.muhandis.uz", "Gulnora", "Yusupova", "female", "UZ-TO"
    )
    del holder
    from muhandis.accounts.models import User

    f.certificate_for(
        User.objects.get(email="gulnora.yusupova@demo.muhandis.uz"), timezone.localdate()
    )
    lines: list[str] = []
    demo.load(lines.append)
    demo.load(lines.append)
    programme = Programme.objects.get(title_en="Women in engineering 2026")
    assert programme.pairs.count() == 3
    assert sum(p.meetings.count() for p in programme.pairs.all()) == 6
    found = outcomes(programme)
    assert found.by_mentee.rows[0].total is None  # three pairs: too few to show
    genders = {p.mentor.person.gender for p in programme.pairs.select_related("mentor__person")}
    assert genders == {"female", "male"}
    assert "already" in lines[-1]
    certified = programme.pairs.get(mentee__person__email="gulnora.yusupova@demo.muhandis.uz")
    assert certified.goals.filter(met_on__isnull=False).count() == 2
    certificate = certified.mentee.person.certificates.get()
    assert certificate.effective_date >= certified.started_on


def test_the_public_page_in_few_queries(client, django_assert_max_num_queries):
    for number in range(6):
        f.make_programme(title_en=f"Open programme {number}")
    client.get("/en/mentoring/")
    with django_assert_max_num_queries(10):
        text = read(client.get("/en/mentoring/").content.decode())[0]
    assert text.count("Open programme") == 6


def test_a_pairs_page_with_many_meetings_in_few_queries(
    client, administrator, django_assert_max_num_queries
):
    today = timezone.localdate()
    pair = f.make_pair(
        administrator, f.make_programme(), started_on=today - datetime.timedelta(days=60)
    )
    for days in range(12):
        pairs.log_meeting(
            actor=pair.mentor.person if days % 2 else pair.mentee.person,
            pair=pair,
            held_on=today - datetime.timedelta(days=days),
            minutes=45,
            mode=Mode.IN_PERSON,
            notes=f"Notes {days}",
        )
    client.force_login(_english(pair.mentee.person))
    url = reverse("mentoring:pair", kwargs={"public_id": pair.public_id})
    client.get(url)
    with django_assert_max_num_queries(10):
        text = read(client.get(url).content.decode())[0]
    assert text.count("Logged by") == 12


def test_an_applicant_withdraws_on_my_mentoring(client):
    application = f.mentee(f.make_programme())
    client.force_login(_english(application.person))
    url = reverse("mentoring:withdraw", kwargs={"public_id": application.public_id})
    response = client.post(url, follow=True)
    assert "Your application is withdrawn." in read(response.content.decode())[0]
    application.refresh_from_db()
    assert application.status == "withdrawn"
