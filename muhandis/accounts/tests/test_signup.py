import re

import pytest

from muhandis.accounts.models import User
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-and-unusual-passphrase"


def _signup(client, email="newcomer@example.uz", language="en"):
    return client.post(
        f"/{language}/account/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def _confirmation_link(outbox, email):
    message = next(m for m in reversed(outbox) if email in m.to)
    return re.search(r"https?://[^\s]+/account/confirm-email/[^\s]+/", message.body).group(0)


def test_newcomer_signs_up_confirms_by_email_and_becomes_an_engineer(client, mailoutbox):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.uz")
    assert client.get("/en/dashboard/").status_code == 302  # not signed in before confirming

    link = _confirmation_link(mailoutbox, user.email)
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert client.get("/en/dashboard/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.person.registered", actor=user).exists()
    assert user.role_assignments.get().role == "engineer"


def test_confirmation_email_is_written_in_the_language_of_sign_up(client, mailoutbox):
    _signup(client, email="rus@example.uz", language="ru")
    (message,) = mailoutbox
    assert re.search("[а-яА-Я]", message.subject + message.body)
    assert User.objects.get(email="rus@example.uz").preferred_language == "ru"


def test_weak_password_is_refused_with_a_reason(client):
    response = client.post(
        "/en/account/signup/", {"email": "x@example.uz", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(email="x@example.uz").exists()


def test_sign_in_and_failed_sign_in_are_audited(client, engineer, password):
    client.post("/en/account/login/", {"login": engineer.email, "password": "wrong"})
    assert AuditEntry.objects.filter(action="accounts.session.sign_in_failed").exists()
    response = client.post("/en/account/login/", {"login": engineer.email, "password": password})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.session.signed_in", actor=engineer).exists()


def test_repeated_failed_sign_ins_are_throttled(client, engineer, password):
    for _ in range(5):
        client.post("/en/account/login/", {"login": engineer.email, "password": "wrong"})
    response = client.post("/en/account/login/", {"login": engineer.email, "password": password})
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/en/dashboard/").status_code == 302


def test_password_reset_sends_a_link(client, engineer, mailoutbox):
    response = client.post("/en/account/password/reset/", {"email": engineer.email})
    assert response.status_code == 302
    (message,) = mailoutbox
    assert "/account/password/reset/key/" in message.body


def test_staff_sign_in_asks_for_the_two_factor_code(client, registrar, password):
    from muhandis.accounts.tests.factories import totp_code

    response = client.post("/en/account/login/", {"login": registrar.email, "password": password})
    assert response.status_code == 302
    assert "/account/2fa/authenticate/" in response["Location"]
    response = client.post("/en/account/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert client.get("/en/dashboard/registrar/").status_code == 200


def test_logout_ends_the_session(client, engineer):
    client.force_login(engineer)
    client.post("/en/account/logout/")
    assert client.get("/en/dashboard/").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.session.signed_out").exists()
