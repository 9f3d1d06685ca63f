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
    """Put back the data that migrations create: transactional tests empty every table."""
    if "live_server" not in request.fixturenames and "page" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    from muhandis.accounts.models import Region
    from muhandis.competencies.models import Framework

    if not Region.objects.exists():
        import_module("muhandis.accounts.migrations.0002_regions").add_regions(apps, None)
    if not Framework.objects.exists():
        migration = import_module("muhandis.competencies.migrations.0002_default_framework")
        migration.add_framework(apps, None)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="uz-UZ")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
