import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_api_docs_render_offline_under_the_content_security_policy(page):
    blocked = []
    page.on(
        "console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.on(
        "request",
        lambda r: (
            blocked.append(r.url) if "127.0.0.1" not in r.url and "localhost" not in r.url else None
        ),
    )
    page.goto("/api/v1/docs")
    expect(page.get_by_text("/api/v1/me/export")).to_be_visible()
    assert blocked == []
