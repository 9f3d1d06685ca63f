"""The notification centre: what a person is told, where, in which language, and their choice."""

import pathlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.core.models import AuditEntry
from muhandis.notifications import selectors, services
from muhandis.notifications.models import EmailChoice, Notification
from tests.visible import read

pytestmark = pytest.mark.django_db

HERE = pathlib.Path(__file__).parent


def visible_text(response) -> str:
    return read(response.content.decode())[0]


@pytest.fixture(autouse=True)
def _kinds(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], HERE / "templates"]}
    ]
    services.register_kind("test.reply", "Someone replied", group="Forum")
    services.register_kind(
        "test.invoice", "Invoice to pay", group="Billing", email=EmailChoice.NOW, required=True
    )
    services.register_kind("test.weekly", "Weekly news", group="Forum", email=EmailChoice.DIGEST)
    yield
    for code in ("test.reply", "test.invoice", "test.weekly"):
        services._KINDS.pop(code, None)


def _notify(person, kind="test.reply", topic="Pumps", url="/uz/notifications/"):
    return services.notify(
        person=person, kind=kind, template="notices/hello", context={"topic": topic}, url=url
    )


def test_a_notice_is_shown_and_emailed_in_the_persons_language(
    django_capture_on_commit_callbacks,
):
    person = make_person(Role.ENGINEER, preferred_language="ru")
    with django_capture_on_commit_callbacks(execute=True):
        notice = _notify(person)
    assert notice.title == "Язык: Pumps"
    assert notice.on_site
    assert notice.emailed_at is None
    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Язык: Pumps"
    assert "Pumps" in message.body
    assert "http://127.0.0.1:8000/uz/notifications/" in message.body
    notice.refresh_from_db()
    assert notice.emailed_at is not None


def test_the_person_chooses_per_kind_and_nothing_is_kept_when_they_want_neither(
    django_capture_on_commit_callbacks,
):
    person = make_person(Role.ENGINEER)
    services.set_preferences(person=person, choices={"test.reply": (False, EmailChoice.OFF)})
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(person) is None
    assert not Notification.objects.exists()
    assert mail.outbox == []
    services.set_preferences(person=person, choices={"test.reply": (True, EmailChoice.OFF)})
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(person) is not None
    assert mail.outbox == []
    assert AuditEntry.objects.filter(action="notifications.preferences.changed").count() == 2


def test_a_required_kind_is_always_emailed():
    person = make_person(Role.ENGINEER)
    with pytest.raises(ValidationError, match="always emailed"):
        services.set_preferences(person=person, choices={"test.invoice": (True, EmailChoice.OFF)})
    with pytest.raises(ValidationError):
        services.set_preferences(person=person, choices={"test.reply": (True, "weekly")})


def test_the_daily_digest_gathers_waiting_notices_into_one_email(
    django_capture_on_commit_callbacks,
):
    person = make_person(Role.ENGINEER, preferred_language="uz")
    other = make_person(Role.ENGINEER, preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        _notify(person, kind="test.weekly", topic="Tender A")
        _notify(person, kind="test.weekly", topic="Tender B")
        _notify(other, kind="test.weekly", topic="Tender C")
    assert mail.outbox == []
    assert services.send_digests() == 2
    assert services.send_digests() == 0
    mine = next(m for m in mail.outbox if m.to == [person.email])
    assert "Tender A" in mine.body
    assert "Tender B" in mine.body
    assert "Tender C" not in mine.body
    assert "2" in mine.subject
    theirs = next(m for m in mail.outbox if m.to == [other.email])
    assert theirs.subject == "Muhandis: 1 new notice"


def test_the_centre_lists_notices_and_marks_them_read(client, django_assert_max_num_queries):
    person = make_person(Role.ENGINEER, preferred_language="en")
    for n in range(30):
        _notify(person, topic=f"Topic {n}")
    client.force_login(person)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("notifications:centre"))
    text = visible_text(page)
    assert "Language: Topic 29" in text
    assert "Unread (30)" in text
    assert "Page 1 of 2" in text
    assert "30" in visible_text(client.get(reverse("notifications:badge")))
    first = Notification.objects.filter(person=person).first()
    response = client.post(reverse("notifications:read"), {"notice": first.pk, "open": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/uz/notifications/"
    assert selectors.unread_count(person=person) == 29
    client.post(reverse("notifications:read"))
    assert selectors.unread_count(person=person) == 0
    assert visible_text(client.get(reverse("notifications:badge"))).strip() == ""


def test_a_person_cannot_read_or_open_anothers_notice(client):
    owner = make_person(Role.ENGINEER)
    notice = _notify(owner)
    stranger = make_person(Role.ENGINEER, preferred_language="en")
    client.force_login(stranger)
    response = client.post(
        reverse("notifications:read"), {"notice": notice.pk, "open": "1"}, follow=True
    )
    assert "That notice is not yours" in visible_text(response)
    notice.refresh_from_db()
    assert notice.read_at is None
    assert "Pumps" not in visible_text(client.get(reverse("notifications:centre")))


def test_an_outside_link_is_not_followed(client):
    person = make_person(Role.ENGINEER)
    notice = _notify(person, url="https://evil.example/")
    client.force_login(person)
    response = client.post(reverse("notifications:read"), {"notice": notice.pk, "open": "1"})
    assert response["Location"] == reverse("notifications:centre")


def test_the_settings_page_saves_each_kinds_choice(client):
    person = make_person(Role.ENGINEER, preferred_language="en")
    client.force_login(person)
    text = visible_text(client.get(reverse("notifications:settings")))
    assert "Someone replied" in text
    assert "Always emailed" in text
    response = client.post(
        reverse("notifications:settings"),
        {
            "email-test.reply": "digest",
            "email-test.invoice": "now",
            "site-test.invoice": "on",
            "email-test.weekly": "off",
        },
        follow=True,
    )
    assert "Your notification settings are saved." in visible_text(response)
    rows = selectors.preferences(person=person)
    choices = {kind.code: (site, email) for kind, site, email in rows}
    assert choices["test.reply"] == (False, "digest")
    assert choices["test.invoice"] == (True, "now")
    assert choices["test.weekly"] == (False, "off")
    refused = client.post(
        reverse("notifications:settings"), {"email-test.invoice": "off", "email-test.reply": "now"}
    )
    assert refused.status_code == 400
    assert "you cannot switch it off" in visible_text(refused)
    assert selectors.preferences(person=person)[0][2] == "now"
