"""Count the SQL queries each benchmarked page issues (run by run.py, in the bench environment).

Uses Django's test client in-process against the prepared bench database, so that the figures
in the report can say not only how fast a page is but how much database work it does.
Prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def measure(client: Client, path: str) -> dict[str, Any]:
    # The first request warms caches (templates, translations, session start); the second
    # is the steady state that the load test repeats.
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
    return {
        "status": response.status_code,
        "queries": len(queries.captured_queries),
        "sql": [query["sql"][:300] for query in queries.captured_queries],
        "in_process_ms": round(elapsed * 1000, 2),
        "bytes": len(response.content),
    }


def main() -> None:
    email = sys.argv[1]
    anonymous = Client(HTTP_HOST="127.0.0.1")
    signed_in = Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(get_user_model().objects.get(email=email))
    result = {
        "home": measure(anonymous, "/uz/"),
        "dashboard": measure(signed_in, "/uz/dashboard/"),
        "healthz": measure(anonymous, "/healthz"),
    }
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    main()
