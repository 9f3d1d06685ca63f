"""The W3C VC API endpoints: ``POST /credentials/issue`` (staff with a write token),
``POST /credentials/verify`` and ``POST /presentations/verify`` (anyone; rate-limited).

Request and response bodies follow the VC API: ``{"credential": …, "options": …}`` →
``{"verifiableCredential": …}``; ``{"verifiableCredential": …}`` → ``{"checks", "warnings",
"errors"}`` (200 when verified, 400 otherwise); presentations likewise."""

import json
from typing import TYPE_CHECKING

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.accounts.services import authenticate_token
from muhandis.core.ratelimit import limited

from .. import selectors
from ..reasons import reason
from ..services import issuing
from ..vc import verifier

if TYPE_CHECKING:
    from muhandis.accounts.models import User

MAX_BODY = 256 * 1024


def _problem(status: int, code: str, message: str) -> JsonResponse:
    """A refusal: a machine-readable ``code`` and a ``message`` in the client's language
    (Accept-Language)."""
    return JsonResponse({"errors": [{"code": code, "message": str(message)}]}, status=status)


def _body(request: HttpRequest) -> dict | JsonResponse:
    if len(request.body) > MAX_BODY:
        return _problem(413, "too_large", _("The request is too large (256 KB at most)."))
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return _problem(400, "malformed", _("The body is not JSON."))
    if not isinstance(body, dict):
        return _problem(400, "malformed", _("The body must be a JSON object."))
    return body


def _registrar(request: HttpRequest) -> "User | JsonResponse":
    """The registrar whose write token authorises the request, or the refusal."""
    header = request.headers.get("Authorization", "")
    token = authenticate_token(header.removeprefix("Bearer ").strip()) if header else None
    if token is None:
        return _problem(
            401,
            "unauthenticated",
            _("A personal access token is needed (Authorization: Bearer …)."),
        )
    if token.scope != "write" or Role.REGISTRAR not in usable_roles(token.user):
        return _problem(
            403, "forbidden", _("Only a registrar's write token may issue credentials.")
        )
    return token.user


@csrf_exempt
@require_POST
def issue(request: HttpRequest) -> JsonResponse:
    """Sign a credential whose issuer is this association (integrations, conformance tests)."""
    actor = _registrar(request)
    if isinstance(actor, JsonResponse):
        return actor
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    credential = body.get("credential")
    if not isinstance(credential, dict) or "@context" not in credential:
        return _problem(400, "malformed", _('Send the credential to sign as {"credential": {…}}.'))
    try:
        options = body.get("options")
        signed = issuing.sign_for_api(
            credential=credential,
            actor=actor,
            request=request,
            options=options if isinstance(options, dict) else None,
        )
    except issuing.SigningRefused as refused:
        return JsonResponse({"errors": refused.errors}, status=refused.status)
    return JsonResponse({"verifiableCredential": signed}, status=201)


@csrf_exempt
@require_POST
def update_status(request: HttpRequest) -> JsonResponse:
    """VC API Update Status, for credentials issued here with status entries:
    ``{"credentialId": …, "credentialStatus": [{"type": "BitstringStatusListEntry",
    "statusPurpose": "revocation" | "suspension", "status": true | false}]}`` (a registrar's
    write token)."""
    actor = _registrar(request)
    if isinstance(actor, JsonResponse):
        return actor
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    credential_id = body.get("credentialId")
    changes = body.get("credentialStatus")
    changes = changes if isinstance(changes, list) else [changes]
    if (
        not isinstance(credential_id, str)
        or not changes
        or not all(
            isinstance(change, dict) and isinstance(change.get("status"), bool)
            for change in changes
        )
    ):
        return _problem(
            400,
            "malformed",
            _(
                'Send {"credentialId": …, "credentialStatus": [{"statusPurpose": '
                '"revocation" or "suspension", "status": true or false}]}.'
            ),
        )
    try:
        for change in changes:
            issuing.change_api_credential_status(
                credential_id=credential_id,
                purpose=str(change.get("statusPurpose", "")),
                value=change["status"],
                actor=actor,
                request=request,
            )
    except issuing.SigningRefused as refused:
        return JsonResponse({"errors": refused.errors}, status=refused.status)
    return JsonResponse({"credentialId": credential_id, "credentialStatus": changes})


def _report(result: verifier.Result) -> dict:
    """The VC API's verification result, each error with its code, a translated message and
    the technical detail."""
    body = result.as_dict()
    body["errors"] = [
        {**error, "detail": error["message"], "message": reason(error["code"], error["message"])}
        for error in body["errors"]
    ]
    return body


def _verification(result: verifier.Result) -> JsonResponse:
    return JsonResponse(_report(result), status=200 if result.verified else 400)


@csrf_exempt
@require_POST
@limited("verify")
def verify_credential(request: HttpRequest) -> JsonResponse:
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    given = body.get("verifiableCredential")
    if not isinstance(given, dict | str):
        return _problem(
            400, "malformed", _('Send {"verifiableCredential": {…}} (or a VC-JWT string).')
        )
    if isinstance(given, str) and given.lstrip().startswith(("{", "[", '"')):
        # VC API: a credential is a JSON object; a string is only ever a VC-JWT.
        return _problem(
            400, "malformed", _("Send the credential as a JSON object, not as a JSON string.")
        )
    return _verification(selectors.verify_credential(given))


def _option(options: object, name: str) -> str | None:
    value = options.get(name) if isinstance(options, dict) else None
    return value if isinstance(value, str) else None


@csrf_exempt
@require_POST
@limited("verify")
def verify_presentation(request: HttpRequest) -> JsonResponse:
    """The presentation's own proof (holder binding, and the ``options.challenge`` and
    ``options.domain`` when given) and context, then every credential it holds (it may hold
    none)."""
    body = _body(request)
    if isinstance(body, JsonResponse):
        return body
    presentation = body.get("verifiablePresentation")
    if not isinstance(presentation, dict):
        return _problem(400, "malformed", _('Send {"verifiablePresentation": {…}}.'))
    options = body.get("options")
    found = selectors.verify_presentation(
        presentation, challenge=_option(options, "challenge"), domain=_option(options, "domain")
    )
    own = _report(found.presentation)
    checks, errors = list(own["checks"]), list(own["errors"])
    for index, result in enumerate(found.credentials):
        report = _report(result)
        checks += [f"credential[{index}].{name}" for name in report["checks"]]
        errors += [{**error, "credential": index} for error in report["errors"]]
    return JsonResponse(
        {"checks": checks, "warnings": [], "errors": errors},
        status=200 if found.verified else 400,
    )
