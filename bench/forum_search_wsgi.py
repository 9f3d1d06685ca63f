"""The forum's search selector behind gunicorn, for `bench/forum_search.py`: Django set up
as in production, ``/search?q=…`` answered with the hits as JSON (no template), ``/`` with
200 for the harness's start-up probe."""

import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from muhandis.forum.selectors import search  # noqa: E402


def application(environ: dict, start_response: Callable[..., object]) -> Iterable[bytes]:
    if environ.get("PATH_INFO") != "/search":
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]
    query = parse_qs(environ.get("QUERY_STRING", "")).get("q", [""])[0]
    hits = search.search(query=query)
    body = json.dumps(
        [
            {
                "topic": str(hit.post.topic.public_id),
                "title": hit.post.topic.title,
                "post": hit.post.number,
                "author": hit.post.author.display_name,
                "rank": hit.rank,
                "excerpt": hit.excerpt,
            }
            for hit in hits
        ],
        ensure_ascii=False,
    ).encode()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
