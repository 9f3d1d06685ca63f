"""Which opportunities match a member firm, its preferences, its dashboard and the weekly
digest (each opportunity once per firm)."""

import pytest
from django.core.management import call_command

from muhandis.competencies.models import Area
from muhandis.core.models import AuditEntry
from muhandis.notifications.models import Notification
from muhandis.opportunities.selectors import matching
from muhandis.opportunities.services import digest, preferences
from tests.visible import read

from . import factories as f

pytestmark = pytest.mark.django_db


def _titles(found):
    return [o.title_en for o in found]


def test_firm_without_preferences_is_matched_on_its_region_and_the_sector_of_its_kind():
    firm, _rep = f.member_firm(kind="utility", region="UZ-SA")
    f.opportunity(title="Water in Samarkand", sectors=("water",), regions=("UZ-SA",))
    f.opportunity(title="Water anywhere", sectors=("water",), regions=())
    f.opportunity(title="Water in Tashkent", sectors=("water",), regions=("UZ-TK",))
    f.opportunity(title="Roads in Samarkand", sectors=("construction",), regions=("UZ-SA",))
    f.opportunity(title="Closed water", sectors=("water",), regions=("UZ-SA",), status="closed")
    f.opportunity(title="Own post", sectors=("water",), regions=("UZ-SA",), organisation=firm)
    assert sorted(_titles(matching.matches_for(firm))) == ["Water anywhere", "Water in Samarkand"]


def test_shared_sector_region_and_area_score_one_point_each_best_first():
    firm, rep = f.member_firm(kind="contractor")
    tech = Area.objects.get(code="TCH", framework__status="published")
    env = Area.objects.get(code="ENV", framework__status="published")
    preferences.save_preferences(
        actor=rep,
        organisation=firm,
        sectors=["water"],
        regions=list(firm.region.__class__.objects.filter(code__in=["UZ-TK", "UZ-BU"])),
        areas=[tech],
    )
    f.opportunity(title="All three", sectors=("water",), regions=("UZ-BU",), areas=[tech])
    f.opportunity(title="Sector and area", sectors=("water",), regions=("UZ-XO",), areas=[tech])
    f.opportunity(title="Region and area", sectors=("design",), regions=("UZ-TK",), areas=[tech])
    f.opportunity(title="Only the region", sectors=("design",), regions=("UZ-TK",), areas=[env])
    found = matching.matches_for(firm)
    assert _titles(found)[0] == "All three"
    assert found[0].score == 3
    assert sorted(_titles(found)[1:]) == ["Region and area", "Sector and area"]
    assert AuditEntry.objects.filter(action="opportunities.preferences.saved").count() == 1


def test_only_representatives_of_member_firms_choose_preferences():
    firm, _rep = f.member_firm(status="expired")
    _other, stranger_rep = f.member_firm()
    for actor in (_rep, stranger_rep):
        with pytest.raises(Exception, match="Only a representative of"):
            preferences.save_preferences(
                actor=actor, organisation=firm, sectors=["water"], regions=[], areas=[]
            )


def test_preferences_page_saves_and_the_matches_page_shows_them(client):
    firm, rep = f.member_firm(kind="other")
    f.opportunity(title="Design in Bukhara", sectors=("design",), regions=("UZ-BU",))
    client.force_login(rep)
    page = read(client.get("/en/opportunities/matches/").content.decode())[0]
    assert "Design in Bukhara" not in page
    bukhara = firm.region.__class__.objects.get(code="UZ-BU")
    response = client.post(
        "/en/opportunities/matches/preferences/", {"sectors": ["design"], "regions": [bukhara.pk]}
    )
    assert response.status_code == 302
    page = read(client.get("/en/opportunities/matches/").content.decode())[0]
    assert "Design in Bukhara" in page


def test_matches_page_explains_itself_to_a_person_without_a_member_firm(client):
    client.force_login(f.stranger())
    page = read(client.get("/en/opportunities/matches/").content.decode())[0]
    assert "for the representatives of member firms" in page
    assert client.get("/en/opportunities/matches/preferences/").status_code == 403


def test_firm_representatives_dashboard_shows_the_matches(client, django_assert_max_num_queries):
    _firm, rep = f.member_firm(kind="utility")
    f.opportunity(title="Pumping station tender", sectors=("water",), regions=("UZ-TK",))
    client.force_login(rep)
    with django_assert_max_num_queries(30):
        response = client.get("/en/dashboard/employer/")
    page = read(response.content.decode())[0]
    assert "Business opportunities for your firm" in page
    assert "Pumping station tender" in page


def test_dashboard_section_reads_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    from muhandis.opportunities.selectors.dashboard import dashboard_matches

    _firm, rep = f.member_firm(kind="utility")
    for n in range(12):
        f.opportunity(title=f"Tender {n}", sectors=("water",), regions=("UZ-TK",))
    with django_assert_max_num_queries(3):
        section = dashboard_matches(rep)
    assert len(section.items[0][1]) == 5


def test_weekly_digest_tells_each_representative_of_new_matches_once():
    _firm, rep = f.member_firm(kind="utility", language="en")
    first = f.opportunity(title="First water tender", sectors=("water",))
    f.opportunity(title="Roads", sectors=("construction",), regions=("UZ-XO",))
    run = digest.send_digests()
    assert (run.firms, run.notices, run.opportunities) == (1, 1, 1)
    notice = Notification.objects.get(person=rep, kind="opportunities.digest")
    assert "1 new business opportunity for" in notice.title
    assert "First water tender" in notice.body
    assert f"/en/opportunities/{first.public_id}/" in notice.body
    assert digest.send_digests().opportunities == 0
    f.opportunity(title="Second water tender", sectors=("water",))
    call_command("send_opportunity_digest", stdout=__import__("io").StringIO())
    latest = Notification.objects.filter(person=rep).order_by("-id").first()
    assert "Second water tender" in latest.body
    assert "First water tender" not in latest.body
    assert Notification.objects.filter(person=rep).count() == 2


def test_digest_skips_firms_that_are_not_members_in_good_standing():
    _firm, rep = f.member_firm(kind="utility", status="expired")
    f.opportunity(title="Water", sectors=("water",))
    assert digest.send_digests().notices == 0
    assert not Notification.objects.filter(person=rep).exists()
