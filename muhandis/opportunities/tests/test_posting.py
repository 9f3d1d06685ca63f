"""Who may post on the board, and who may change or withdraw what was posted."""

import datetime

import pytest
from django.utils import timezone

from muhandis.core.models import AuditEntry
from muhandis.notifications.models import Notification
from muhandis.opportunities.models import Opportunity, Status
from tests.visible import read

from . import factories as f

pytestmark = pytest.mark.django_db

NEW = "/en/opportunities/new/"


def _form(**extra):
    data = {
        "kind": "subcontracting",
        "language": "ru",
        "title": "Субподряд на монтаж насосной станции",
        "description": "Монтаж двух насосов.",
        "sectors": ["water", "construction"],
        "regions": [],
        "value_band": "100m_1bn",
        "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
        "contact": "+998 90 123 45 67",
    }
    data.update(extra)
    return data


def test_representative_of_a_member_firm_with_the_benefit_posts_for_it(client):
    firm, person = f.member_firm()
    client.force_login(person)
    response = client.post(NEW, _form(organisation=firm.pk))
    assert response.status_code == 302
    posted = Opportunity.objects.get()
    assert posted.organisation == firm
    assert posted.created_by == person
    assert posted.title_ru.startswith("Субподряд")
    assert sorted(posted.sector_rows.values_list("sector", flat=True)) == ["construction", "water"]
    assert AuditEntry.objects.filter(action="opportunities.opportunity.posted").count() == 1
    page = read(client.get(response["Location"]).content.decode())[0]
    assert "Субподряд на монтаж насосной станции" in page


def test_firm_whose_membership_type_lacks_the_benefit_is_refused(client):
    _firm, person = f.member_firm(opportunities=False)
    client.force_login(person)
    response = client.get(NEW)
    assert response.status_code == 403
    assert "member firms whose membership includes posting" in read(response.content.decode())[0]


def test_firm_whose_membership_expired_cannot_post(client):
    _firm, person = f.member_firm(status="expired")
    client.force_login(person)
    assert client.get(NEW).status_code == 403


def test_person_without_a_firm_is_refused_and_a_visitor_is_sent_to_sign_in(client):
    client.force_login(f.stranger())
    assert client.get(NEW).status_code == 403
    client.logout()
    response = client.get(NEW)
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_moderator_posts_for_the_association_in_three_languages(client):
    client.force_login(f.moderator())
    data = _form(
        title_uz="Hamkorlik", title_ru="Партнёрство", title_en="Partnership", kind="partnership"
    )
    response = client.post(NEW, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    posted = Opportunity.objects.get()
    assert posted.organisation is None
    assert (posted.title_uz, posted.title_ru, posted.title_en) == (
        "Hamkorlik",
        "Партнёрство",
        "Partnership",
    )
    assert "partnership" in posted.search_key
    assert "partnyorstvo" in posted.search_key


def test_deadline_in_the_past_is_refused_and_the_typed_text_kept(client):
    firm, person = f.member_firm()
    client.force_login(person)
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(NEW, _form(organisation=firm.pk, deadline=past))
    assert response.status_code == 400
    text = read(response.content.decode())[0]
    assert "The deadline has passed" in text
    assert "Монтаж двух насосов." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_representative_of_another_firm_may_not_edit_or_withdraw(client):
    owner, _rep = f.member_firm()
    posted = f.opportunity(organisation=owner, title="Owner's tender")
    _other, intruder = f.member_firm()
    client.force_login(intruder)
    edit = f"/en/opportunities/{posted.public_id}/edit/"
    assert client.get(edit).status_code == 403
    response = client.post(edit, _form(title="Hijacked"))
    assert response.status_code == 403
    assert "only its representatives or a community moderator" in read(response.content.decode())[0]
    response = client.post(f"/en/opportunities/{posted.public_id}/withdraw/", {"reason": "mine"})
    assert response.status_code == 403
    posted.refresh_from_db()
    assert posted.title_en == "Owner's tender"
    assert posted.status == Status.OPEN
    refusals = AuditEntry.objects.filter(action="opportunities.opportunity.change_refused")
    assert [e.after["attempted"] for e in refusals.order_by("sequence")] == ["edit", "withdraw"]
    assert {e.actor_id for e in refusals} == {intruder.pk}


def test_representative_edits_and_withdraws_the_firms_own_opportunity(client):
    firm, person = f.member_firm()
    posted = f.opportunity(organisation=firm)
    client.force_login(person)
    response = client.post(
        f"/en/opportunities/{posted.public_id}/edit/", _form(language="en", title="Renamed")
    )
    assert response.status_code == 302
    posted.refresh_from_db()
    assert posted.title_en == "Renamed"
    client.post(f"/en/opportunities/{posted.public_id}/withdraw/", {"reason": ""})
    posted.refresh_from_db()
    assert posted.status == Status.WITHDRAWN


def test_staff_withdraw_anything_but_only_with_a_reason(client):
    firm, _rep = f.member_firm()
    posted = f.opportunity(organisation=firm)
    client.force_login(f.moderator())
    url = f"/en/opportunities/{posted.public_id}/withdraw/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Say why you withdraw" in read(response.content.decode())[0]
    assert client.post(url, {"reason": "Duplicate of another post"}).status_code == 302
    posted.refresh_from_db()
    assert posted.status == Status.WITHDRAWN
    assert posted.status_reason == "Duplicate of another post"
    entry = AuditEntry.objects.get(action="opportunities.opportunity.withdrawn")
    assert entry.reason == "Duplicate of another post"
    notice = Notification.objects.get(person=_rep, kind="opportunities.withdrawn")
    assert "Duplicate of another post" in notice.body


def test_closed_opportunity_cannot_be_closed_again(client):
    firm, person = f.member_firm()
    posted = f.opportunity(organisation=firm, status="closed")
    client.force_login(person)
    response = client.post(f"/en/opportunities/{posted.public_id}/close/")
    assert response.status_code == 400
    assert "already closed" in read(response.content.decode())[0]
