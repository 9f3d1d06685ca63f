"""The v1 REST API: one NinjaAPI, the routers of each app, one error shape."""

from ninja import NinjaAPI

from muhandis.accounts.api import router as accounts_router
from muhandis.certification.api import router as certification_router
from muhandis.competencies.api import router as competencies_router
from muhandis.cpd.api import router as cpd_router
from muhandis.exams.api import router as exams_router

from .auth import token_or_session
from .errors import install_error_handlers

api = NinjaAPI(
    title="Muhandis API",
    version="1",
    description=(
        "The REST API of Muhandis. Authenticate with a personal access token "
        "(`Authorization: Bearer mhd_…`, created on your profile page) or, from the browser, "
        "with your session. Errors share one shape: "
        '`{"error": {"code": …, "message": …, "fields": {…}}}`; messages follow '
        "the `Accept-Language` header (uz, ru, en)."
    ),
    auth=token_or_session,
    urls_namespace="api-1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("", accounts_router)
api.add_router("", competencies_router)
api.add_router("", certification_router)
api.add_router("", cpd_router)
api.add_router("", exams_router)
