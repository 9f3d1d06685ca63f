"""An administrator decides which personal access tokens each role may have; the rule holds
when a token is made and every time it is used, and each change is in the audit trail."""

import json

import pytest
from django.core.exceptions import ValidationError

from muhandis.accounts import selectors, services
from muhandis.accounts.models import TokenRule
from muhandis.accounts.roles import Role
from muhandis.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _rule(role, allowed, administrator):
    return services.set_token_rule(
        role=role, allowed=allowed, actor=administrator, reason="API clients reviewed"
    )


def test_without_rules_every_role_may_have_read_and_write_tokens(engineer):
    assert selectors.token_scopes_allowed(engineer) == {"read", "write"}


def test_a_person_without_a_role_may_not_make_a_token(engineer, administrator):
    services.revoke_role(user=engineer, role=Role.ENGINEER, actor=administrator, reason="left")
    selectors.forget_cached_roles(engineer)
    with pytest.raises(ValidationError) as refused:
        services.create_api_token(user=engineer, name="script", scope="read")
    assert "scope" in refused.value.message_dict


def test_a_stranger_to_the_api_is_refused_a_token_through_the_api(client, engineer, administrator):
    _, plain = services.create_api_token(user=engineer, name="old script", scope="write")
    _rule(Role.ENGINEER, TokenRule.Allowed.NONE, administrator)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plain}", "HTTP_ACCEPT_LANGUAGE": "en"}

    used = client.get("/api/v1/me", **headers)
    assert used.status_code == 403
    assert used.json()["error"]["code"] == "permission_denied"
    assert "token rules" in used.json()["error"]["message"]

    client.force_login(engineer)
    made = client.post(
        "/api/v1/tokens",
        data=json.dumps({"name": "new script", "scope": "read"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert made.status_code == 422
    assert made.json()["error"]["fields"]["scope"] == [
        "Your role does not allow personal access tokens."
    ]
    assert engineer.api_tokens.filter(revoked_at__isnull=True).count() == 1


def test_the_token_page_shows_the_refusal(client, engineer, administrator):
    _rule(Role.ENGINEER, TokenRule.Allowed.READ, administrator)
    client.force_login(engineer)
    response = client.post("/en/profile/tokens/", {"name": "ci", "scope": "write"})
    assert response.status_code == 400
    assert "choose read only" in response.context["form"].errors["scope"][0]
    assert not engineer.api_tokens.exists()
    response = client.post("/en/profile/tokens/", {"name": "ci", "scope": "read"})
    assert response.status_code == 200
    assert engineer.api_tokens.get().scope == "read"


def test_the_strictest_rule_among_a_persons_roles_applies(administrator):
    _rule(Role.ADMIN, TokenRule.Allowed.READ, administrator)
    assert selectors.token_scopes_allowed(administrator) == {"read"}
    with pytest.raises(ValidationError):
        services.create_api_token(user=administrator, name="admin script", scope="write")
    token, _ = services.create_api_token(user=administrator, name="reports", scope="read")
    assert token.scope == "read"


def test_a_changed_rule_is_audited_with_before_after_and_reason(administrator):
    _rule(Role.ADMIN, TokenRule.Allowed.READ, administrator)
    _rule(Role.ADMIN, TokenRule.Allowed.NONE, administrator)
    entries = AuditEntry.objects.filter(action="accounts.token_rule.changed").order_by("sequence")
    assert [(e.before["allowed"], e.after["allowed"]) for e in entries] == [
        ("write", "read"),
        ("read", "none"),
    ]
    assert entries[0].actor == administrator
    assert entries[0].reason == "API clients reviewed"
    assert TokenRule.objects.get(role=Role.ADMIN).allowed == "none"


def test_an_administrator_sets_a_rule_in_the_admin_and_it_is_audited(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/en/admin/accounts/tokenrule/add/",
        {"role": Role.EXAMINER, "allowed": "read", "reason": "examiners only read results"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TokenRule.objects.get(role=Role.EXAMINER).allowed == "read"
    entry = AuditEntry.objects.get(action="accounts.token_rule.changed")
    assert entry.reason == "examiners only read results"
    assert entry.after == {"role": "examiner", "allowed": "read"}


def test_other_staff_cannot_change_token_rules(client, registrar):
    client.force_login(registrar)
    response = client.get("/en/admin/accounts/tokenrule/add/")
    assert response.status_code == 403
