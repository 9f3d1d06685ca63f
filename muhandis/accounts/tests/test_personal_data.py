import json

import pytest

from muhandis.accounts import services
from muhandis.accounts.models import DeletionRequest, User
from muhandis.core import audit
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_person_downloads_everything_held_about_them(client, engineer):
    engineer.pinfl = "41505900123456"
    engineer.save()
    client.force_login(engineer)
    response = client.get("/en/profile/data/export.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == engineer.email
    assert data["profile"]["pinfl"] == "41505900123456"
    assert data["roles"][0]["role"] == "engineer"
    assert AuditEntry.objects.filter(action="accounts.data.exported", actor=engineer).exists()


def test_deletion_request_waits_for_a_registrar(client, engineer):
    client.force_login(engineer)
    response = client.post("/en/profile/data/", {"reason": "I changed profession"})
    assert response.status_code == 302
    request = DeletionRequest.objects.get(person=engineer)
    assert request.status == "pending"
    engineer.refresh_from_db()
    assert engineer.is_active
    assert engineer.anonymised_at is None
    again = client.post("/en/profile/data/", {"reason": "again"})
    assert again.status_code == 400
    assert "already asked" in again.content.decode()


def test_registrar_confirms_deletion_and_personal_fields_are_anonymised(
    client, engineer, registrar
):
    engineer.pinfl = "41505900123456"
    engineer.phone = "+998901234567"
    engineer.save()
    email = engineer.email
    deletion = services.request_deletion(person=engineer, reason="")
    client.force_login(registrar)
    response = client.post(
        f"/en/staff/deletion-requests/{deletion.pk}/", {"decision": "confirm", "note": ""}
    )
    assert response.status_code == 302
    person = User.objects.get(pk=engineer.pk)
    assert person.anonymised_at is not None
    assert not person.is_active
    assert person.email != email
    assert person.email.endswith("@invalid")
    assert (person.given_name, person.pinfl, person.phone) == ("", "", "")
    assert not person.has_usable_password()
    assert AuditEntry.objects.filter(
        action="accounts.person.anonymised", target_id=str(person.pk)
    ).exists()
    assert audit.verify_chain()[1] is None


def test_rejecting_a_deletion_needs_a_reason(client, engineer, registrar):
    deletion = services.request_deletion(person=engineer, reason="")
    client.force_login(registrar)
    response = client.post(
        f"/en/staff/deletion-requests/{deletion.pk}/", {"decision": "reject", "note": ""}
    )
    assert response.status_code == 400
    assert "why" in response.content.decode().lower()
    deletion.refresh_from_db()
    assert deletion.status == "pending"


def test_only_registrars_decide_deletions(engineer, administrator):
    from django.core.exceptions import PermissionDenied

    deletion = services.request_deletion(person=engineer, reason="")
    with pytest.raises(PermissionDenied):
        services.decide_deletion(deletion=deletion, actor=administrator, confirm=True, note="")
