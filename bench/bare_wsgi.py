"""The ceiling: the smallest useful WSGI app, served by gunicorn exactly like Muhandis.

It answers every request with a constant JSON body about the size of ``/healthz``'s, so
the difference between the two is what Django, the middleware and the database cost.
"""

from collections.abc import Callable, Iterable

BODY = b'{"status": "ok", "database": {"status": "ok"}, "tasks": {"status": "ok"}}'
HEADERS = [
    ("Content-Type", "application/json"),
    ("Content-Length", str(len(BODY))),
    ("Cache-Control", "no-store"),
]


def application(environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
    start_response("200 OK", HEADERS)
    return [BODY]
