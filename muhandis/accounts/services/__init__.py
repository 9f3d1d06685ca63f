"""Writes and workflows for people, roles, organisations, tokens and personal data.

One module per concern (``people``, ``roles``, ``organisations``, ``personal_data``,
``tokens``); callers use the names below, as ``accounts.services.grant_role``."""

from .organisations import create_organisation, end_employment, link_person
from .people import (
    EDUCATION_ORDER,
    PROFILE_FIELDS,
    record_degree,
    register_person,
    set_active,
    update_profile,
)
from .personal_data import (
    anonymise_person,
    decide_deletion,
    export_personal_data,
    request_deletion,
)
from .roles import STAFF_GROUP, grant_role, revoke_role
from .tokens import (
    TOKEN_PREFIX,
    authenticate_token,
    check_token_use,
    create_api_token,
    revoke_api_token,
    set_token_rule,
)

__all__ = [
    "EDUCATION_ORDER",
    "PROFILE_FIELDS",
    "STAFF_GROUP",
    "TOKEN_PREFIX",
    "anonymise_person",
    "authenticate_token",
    "check_token_use",
    "create_api_token",
    "create_organisation",
    "decide_deletion",
    "end_employment",
    "export_personal_data",
    "grant_role",
    "link_person",
    "record_degree",
    "register_person",
    "request_deletion",
    "revoke_api_token",
    "revoke_role",
    "set_active",
    "set_token_rule",
    "update_profile",
]
