"""The v1 REST API: one NinjaAPI, the routers of each app, one error shape."""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from muhandis.accounts.api import router as accounts_router
from muhandis.billing.api import router as billing_router
from muhandis.certification.api import router as certification_router
from muhandis.competencies.api import router as competencies_router
from muhandis.cpd.api import router as cpd_router
from muhandis.exams.api import router as exams_router
from muhandis.needs.api import router as needs_router
from muhandis.training.api import router as training_router

from .auth import token_or_session
from .errors import install_error_handlers
from .openapi import document_errors
from .parser import JsonObjectParser


class MuhandisAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> OpenAPISchema:
        return document_errors(super().get_openapi_schema(*args, **kwargs))


api = MuhandisAPI(
    title="Muhandis API",
    version="1",
    description=(
        "The REST API of Muhandis. Authenticate with a personal access token "
        "(`Authorization: Bearer mhd_…`, created on your profile page) or, from the browser, "
        "with your session (send the `X-CSRFToken` header with changes). A token works "
        "without the two-factor code: keep it secret, give it the narrowest scope, revoke it "
        "when it is no longer needed.\n\n"
        "Request bodies are JSON objects sent with `Content-Type: application/json` (415 "
        "otherwise); lists are paged with `limit` (1 to 100) and `offset`.\n\n"
        "Every error answer, whatever its status, has one shape (`ErrorOut`): "
        '`{"error": {"code": …, "message": …, "fields": {…}}}`: `code` for programs, '
        "`message` for people in the language of the `Accept-Language` header (uz, ru, en), "
        "`fields` the messages per input field when values are refused (422)."
    ),
    auth=token_or_session,
    urls_namespace="api-1",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=JsonObjectParser(),
)
install_error_handlers(api)
api.add_router("", accounts_router)
api.add_router("", competencies_router)
api.add_router("", certification_router)
api.add_router("", cpd_router)
api.add_router("", exams_router)
api.add_router("", billing_router)
api.add_router("", training_router)
api.add_router("", needs_router)
