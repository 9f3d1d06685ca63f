"""Browser tests: a real headless Chromium (Debian's package) driven by Playwright."""

import os
import shutil

import pytest

# Playwright's synchronous API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is not installed at {CHROMIUM}: apt-get install chromium")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Live-server tests run in transactions that empty every table: restore reference data."""
    if "live_server" in request.fixturenames or "page" in request.fixturenames:
        request.getfixturevalue("reference_data")


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="uz-UZ")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
