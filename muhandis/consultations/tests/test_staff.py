import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.consultations.models import Clause, Consultation, Status
from muhandis.consultations.services import clauses as clause_services
from muhandis.consultations.services import consultations as services
from muhandis.core.models import AuditEntry
from muhandis.notifications.models import Notification
from tests.visible import read

from .factories import make_comment, make_consultation, make_firm_member, make_member

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DRAFT = """Muqaddima matni.
1. Umumiy qoidalar
Ushbu qoidalar suv taʼminoti tarmoqlariga tatbiq etiladi.
1.1 Qoʻllanish sohasi
Yangi tarmoqlar.
2-modda. Hisobiy suv sarfi
Kuniga 200 litr.
Article 3. Pipes
Polyethylene or steel.
"""


@pytest.fixture
def moderator(db):
    return make_person(Role.MODERATOR, two_factor=True, preferred_language="en")


def test_pasted_text_is_split_at_numbered_headings():
    found = clause_services.split_clauses(DRAFT)
    assert [(c.number, c.heading) for c in found] == [
        ("0", ""),
        ("1", "Umumiy qoidalar"),
        ("1.1", "Qoʻllanish sohasi"),
        ("2", "Hisobiy suv sarfi"),
        ("3", "Pipes"),
    ]
    assert found[0].text == "Muqaddima matni."
    assert found[3].text == "Kuniga 200 litr."


def test_staff_create_paste_preview_and_open_a_consultation(client, moderator):
    member = make_member(preferred_language="en")
    person, _firm = make_firm_member()
    make_person(Role.ENGINEER)  # not a member: not told
    client.force_login(moderator)
    today = TODAY()
    response = client.post(
        "/en/consultations/staff/new/",
        {
            "title_uz": "Suv tarmoqlari qoidalari",
            "addressee_uz": "Vazirlik",
            "kind": "regulation",
            "language": "uz",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
            "audience": "members",
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.status == Status.DRAFT
    url = f"/en/consultations/staff/{consultation.public_id}/clauses/"
    preview = client.post(url, {"pasted": DRAFT, "preview": "1"})
    assert preview.status_code == 200
    assert "Preview: 5 clauses" in read(preview.content.decode())[0]
    assert not Clause.objects.exists()
    assert client.post(url, {"pasted": DRAFT, "confirm": "1"}).status_code == 302
    assert list(consultation.clauses.values_list("number", flat=True)) == [
        "0", "1", "1.1", "2", "3"
    ]  # fmt: skip
    response = client.post(f"/en/consultations/staff/{consultation.public_id}/open/")
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.OPEN
    told = set(
        Notification.objects.filter(kind="consultations.opened").values_list("person", flat=True)
    )
    assert told == {member.pk, person.pk}
    assert AuditEntry.objects.filter(action="consultations.consultation.opened").exists()


def test_closing_before_opening_is_refused_with_the_form_kept(client, moderator):
    client.force_login(moderator)
    response = client.post(
        "/en/consultations/staff/new/",
        {
            "title_uz": "Kept title",
            "addressee_uz": "Vazirlik",
            "kind": "standard",
            "language": "ru",
            "opens_on": "2026-05-10",
            "closes_on": "2026-05-01",
            "audience": "engineers",
        },
    )
    assert response.status_code == 400
    assert "cannot close before it opens" in read(response.content.decode())[0]
    assert "Kept title" in response.content.decode()


def test_pasting_a_duplicate_number_is_refused_and_clauses_are_frozen_once_open(client, moderator):
    draft = make_consultation(status=Status.DRAFT, clauses=0)
    client.force_login(moderator)
    url = f"/en/consultations/staff/{draft.public_id}/clauses/"
    response = client.post(url, {"pasted": "1. A\ntext\n1. B\nmore", "confirm": "1"})
    assert response.status_code == 400
    assert "The number 1 is found twice" in read(response.content.decode())[0]
    opened = make_consultation()
    response = client.post(
        f"/en/consultations/staff/{opened.public_id}/clauses/", {"pasted": DRAFT, "confirm": "1"}
    )
    assert response.status_code == 400
    assert "only while the consultation is a draft" in read(response.content.decode())[0]
    assert opened.clauses.count() == 3


def test_the_daily_command_closes_consultations_past_their_date_and_audits_it():
    due = make_consultation(
        opens=TODAY() - datetime.timedelta(days=30), closes=TODAY() - datetime.timedelta(days=1)
    )
    running = make_consultation()
    out = io.StringIO()
    call_command("close_consultations", stdout=out)
    assert "Consultations closed: 1" in out.getvalue()
    due.refresh_from_db()
    running.refresh_from_db()
    assert (due.status, running.status) == (Status.CLOSED, Status.OPEN)
    assert AuditEntry.objects.filter(action="consultations.consultation.closed").count() == 1


def test_staff_summarise_respond_publish_and_the_participants_are_told(client, moderator):
    consultation = make_consultation(
        opens=TODAY() - datetime.timedelta(days=30), closes=TODAY() - datetime.timedelta(days=1)
    )
    clause = consultation.clauses.first()
    member = make_member(preferred_language="en")
    make_comment(clause, member, "oppose")
    client.force_login(moderator)
    base = f"/en/consultations/staff/{consultation.public_id}"
    response = client.post(f"{base}/publish/")
    assert response.status_code == 400
    assert "Write the association's response" in read(response.content.decode())[0]
    response = client.post(
        f"{base}/clauses/{clause.pk}/summary/", {f"s{clause.pk}-summary_en": "Most oppose."}
    )
    assert response.status_code == 302
    client.post(f"{base}/response/", {"response_en": "The association asks to keep 90 mm."})
    assert client.post(f"{base}/publish/").status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.RESPONDED
    notice = Notification.objects.get(kind="consultations.responded")
    assert notice.person == member
    client.logout()
    text = read(client.get(f"/en/consultations/{consultation.public_id}/").content.decode())[0]
    assert "The association asks to keep 90 mm." in text
    assert "Most oppose." in text


def test_publishing_while_open_is_refused(moderator):
    consultation = make_consultation(response_en="Early")
    with pytest.raises(Exception, match="still open for comments"):
        services.publish_response(actor=moderator, consultation=consultation)


def test_a_registrar_reads_the_staff_pages_but_cannot_change_anything(client, registrar):
    consultation = make_consultation(status=Status.DRAFT)
    client.force_login(registrar)
    assert client.get(f"/en/consultations/staff/{consultation.public_id}/").status_code == 200
    assert client.post(f"/en/consultations/staff/{consultation.public_id}/open/").status_code == 403
    response = client.post(
        f"/en/consultations/staff/{consultation.public_id}/clauses/", {"pasted": DRAFT}
    )
    assert response.status_code == 403


STAFF_URLS = [
    ("manage", "get"),
    ("edit", "get"),
    ("open", "post"),
    ("clauses", "get"),
    ("clause_new", "get"),
    ("response", "post"),
    ("publish", "post"),
    ("export_xlsx", "get"),
    ("export_pdf", "get"),
]


@pytest.mark.parametrize(("name", "method"), STAFF_URLS)
def test_strangers_are_refused_on_the_staff_pages(client, name, method):
    consultation = make_consultation()
    url = reverse(f"consultations:{name}", args=[consultation.public_id])
    assert getattr(client, method)(url).status_code == 302  # to sign in
    client.force_login(make_member())
    assert getattr(client, method)(url).status_code == 403


@pytest.mark.parametrize("name", ["clause_edit", "clause_remove", "summary"])
def test_strangers_are_refused_on_the_clause_staff_pages(client, name):
    consultation = make_consultation()
    clause = consultation.clauses.first()
    url = reverse(f"consultations:{name}", args=[consultation.public_id, clause.pk])
    client.force_login(make_person(Role.ENGINEER))
    assert client.post(url).status_code == 403
    assert consultation.clauses.count() == 3


def test_the_comment_page_sends_a_visitor_to_sign_in(client):
    consultation = make_consultation()
    clause = consultation.clauses.first()
    url = reverse("consultations:comment", args=[consultation.public_id, clause.pk])
    response = client.post(url, {})
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_dashboards_show_open_consultations_and_those_waiting_for_a_response(client, moderator):
    make_consultation(closes=TODAY() + datetime.timedelta(days=4))
    make_consultation(
        opens=TODAY() - datetime.timedelta(days=30), closes=TODAY() - datetime.timedelta(days=1)
    )
    member = make_member(preferred_language="en")
    client.force_login(member)
    text = read(client.get("/en/dashboard/engineer/").content.decode())[0]
    assert "Consultations open for comments" in text
    client.force_login(moderator)
    text = read(client.get("/en/dashboard/moderator/").content.decode())[0]
    assert "Closed consultations waiting for the association's response" in text


def test_a_clause_is_added_with_its_text_in_the_drafts_language(client, moderator):
    draft = make_consultation(status=Status.DRAFT, clauses=2, language="ru")
    client.force_login(moderator)
    url = f"/en/consultations/staff/{draft.public_id}/clauses/new/"
    response = client.post(url, {"number": "9", "heading_ru": "Сроки", "text_uz": "Muddat"})
    assert response.status_code == 400
    assert "in the language of the draft" in read(response.content.decode())[0]
    response = client.post(url, {"number": "9", "heading_ru": "Сроки", "text_ru": "Срок — год."})
    assert response.status_code == 302
    assert list(draft.clauses.values_list("number", flat=True)) == ["1.1", "2.1", "9"]
    response = client.post(url, {"number": "9", "text_ru": "Ещё раз."})
    assert response.status_code == 400
    assert "Another clause has this number" in read(response.content.decode())[0]
