"""gunicorn's settings for Muhandis, read by gunicorn when it starts in this directory
(`gunicorn config.wsgi`), or named with `-c gunicorn.conf.py`.

gunicorn announces itself in a `Server` header on every answer and has no setting to stop it;
Muhandis does not tell clients which server software it runs, so the header is left out here.
Workers, threads and the bind address stay on the command line (see README.md)."""

from collections.abc import Callable

from gunicorn.http import wsgi


def _without_server_header(
    default_headers: Callable[[wsgi.Response], list[str]],
) -> Callable[[wsgi.Response], list[str]]:
    def headers(self: wsgi.Response) -> list[str]:
        return [h for h in default_headers(self) if not h.lower().startswith("server:")]

    return headers


if not getattr(wsgi.Response.default_headers, "_without_server", False):
    wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)
    wsgi.Response.default_headers._without_server = True
