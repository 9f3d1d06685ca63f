import pytest
from django.core.management import call_command

from muhandis.accounts.models import Organisation, RoleAssignment, User
from muhandis.accounts.roles import Role
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _counts():
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        Organisation.objects.count(),
        AuditEntry.objects.count(),
    )


def test_demo_data_has_one_account_per_role_who_can_use_it_and_loading_twice_changes_nothing(
    capsys,
):
    """One load of the whole demo (seconds) serves every check of its people."""
    from muhandis.accounts.demo import PEOPLE
    from muhandis.accounts.selectors import usable_roles

    call_command("load_demo_data")
    # The demo people can use their role pages at once.
    for role, email, *_ in PEOPLE:
        assert role in usable_roles(User.objects.get(email=email)), role
    first = _counts()
    call_command("load_demo_data")
    assert _counts() == first
    for role in Role:
        holders = User.objects.filter(
            role_assignments__role=role, role_assignments__revoked_at__isnull=True
        )
        assert holders.exists(), role
    output = capsys.readouterr().out
    assert "muhandis-demo-2026" in output
    assert output.count("@demo.muhandis.uz") == 2 * len(Role)
