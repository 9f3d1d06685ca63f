import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.tasks import task_backends
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .home import panels as home_panels

logger = logging.getLogger(__name__)


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"panels": home_panels(request)})


def _database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "unreachable" to a health probe
        logger.warning("Health check: database unreachable: %s", exc)
        return {"status": "unavailable", "vendor": connection.vendor}
    return {"status": "ok", "vendor": connection.vendor}


def _tasks_state() -> dict:
    backend = task_backends["default"]
    state = {"status": "ok", "backend": type(backend).__name__}
    if settings.TASK_BACKEND == "rq":
        try:
            import django_rq

            django_rq.get_connection("default").ping()
        except Exception as exc:  # Redis down or unreachable
            logger.warning("Health check: task queue unreachable: %s", exc)
            state["status"] = "unavailable"
    return state


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database_state()
    tasks = _tasks_state()
    healthy = database["status"] == "ok"
    body = {"status": "ok" if healthy else "unavailable", "database": database, "tasks": tasks}
    return JsonResponse(body, status=200 if healthy else 503)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"message": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
