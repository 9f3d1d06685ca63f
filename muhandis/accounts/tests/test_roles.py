import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.accounts import selectors, services
from muhandis.accounts.models import RoleAssignment
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_administrator_grants_a_role_with_a_reason_on_the_page(client, administrator, engineer):
    client.force_login(administrator)
    response = client.post(
        f"/en/staff/people/{engineer.public_id}/",
        {"form": "role", "role": "examiner", "action": "grant", "reason": "Chartered assessor"},
    )
    assert response.status_code == 302
    assert "examiner" in selectors.roles_of(type(engineer).objects.get(pk=engineer.pk))
    entry = AuditEntry.objects.filter(action="accounts.role.granted").first()
    assert (entry.actor, entry.after, entry.reason) == (
        administrator,
        {"role": "examiner"},
        "Chartered assessor",
    )


def test_role_change_without_a_reason_is_refused_and_nothing_changes(
    client, administrator, engineer
):
    client.force_login(administrator)
    response = client.post(
        f"/en/staff/people/{engineer.public_id}/",
        {"form": "role", "role": "examiner", "action": "grant", "reason": ""},
    )
    assert response.status_code == 400
    assert not RoleAssignment.objects.filter(user=engineer, role="examiner").exists()


def test_revoking_keeps_the_history(administrator, engineer):
    services.grant_role(user=engineer, role="trainer", actor=administrator, reason="courses")
    services.revoke_role(user=engineer, role="trainer", actor=administrator, reason="left")
    assignment = RoleAssignment.objects.get(user=engineer, role="trainer")
    assert assignment.revoked_at is not None
    assert assignment.revoked_by == administrator
    assert "trainer" not in selectors.roles_of(type(engineer).objects.get(pk=engineer.pk))


def test_only_administrators_change_roles(registrar, engineer):
    with pytest.raises(PermissionDenied):
        services.grant_role(user=engineer, role="admin", actor=registrar, reason="please")


def test_granting_a_role_twice_is_refused(administrator, engineer):
    with pytest.raises(ValidationError):
        services.grant_role(user=engineer, role="engineer", actor=administrator, reason="again")


def test_staff_roles_open_the_admin_and_closing_them_shuts_it(administrator, engineer):
    services.grant_role(user=engineer, role="registrar", actor=administrator, reason="new hire")
    engineer.refresh_from_db()
    assert engineer.is_staff
    assert not engineer.is_superuser
    assert engineer.has_perm("accounts.change_organisation")
    services.revoke_role(user=engineer, role="registrar", actor=administrator, reason="moved")
    engineer.refresh_from_db()
    assert not engineer.is_staff


def test_each_role_sees_its_own_menu(client, registrar, engineer):
    client.force_login(engineer)
    html = client.get("/en/dashboard/").content.decode()
    assert "/en/dashboard/engineer/" in html
    assert "/en/staff/audit/" not in html
    client.force_login(registrar)
    html = client.get("/en/dashboard/").content.decode()
    assert "/en/dashboard/registrar/" in html
    assert "/en/staff/audit/" in html


def test_audit_page_searches_by_action_and_date(client, registrar, administrator, engineer):
    services.grant_role(user=engineer, role="trainer", actor=administrator, reason="courses")
    client.force_login(registrar)
    html = client.get("/en/staff/audit/", {"action": "accounts.role.granted"}).content.decode()
    assert "accounts.role.granted" in html
    assert "courses" in html
    html = client.get(
        "/en/staff/audit/", {"date_from": "2000-01-01", "date_to": "2000-01-02"}
    ).content.decode()
    assert "accounts.role.granted" not in html
    bad = client.get("/en/staff/audit/", {"date_from": "2026-02-02", "date_to": "2026-01-01"})
    assert bad.status_code == 400


def test_report_viewer_sees_counts_by_gender_with_small_cells_hidden(client, report_viewer):
    from muhandis.accounts.models import Region
    from muhandis.accounts.tests.factories import make_person

    tashkent = Region.objects.get(code="UZ-TK")
    for _ in range(6):
        make_person("engineer", gender="female", region=tashkent)
    make_person("engineer", gender="male", region=tashkent)
    client.force_login(report_viewer)
    html = client.get("/en/dashboard/report_viewer/").content.decode()
    assert "<td>6</td>" in html
    assert "<td>&lt;5</td>" in html
