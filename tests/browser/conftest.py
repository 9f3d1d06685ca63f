"""Browser tests: a real headless Chromium (Debian's package) driven by Playwright.

Every page any browser test opens is checked for accessibility, whatever the test is about:
axe-core (serious and critical violations) and the page's own references (ids unique, every
``for``, ``aria-describedby``, ``aria-labelledby`` and ``aria-controls`` naming an element that
exists), as each page was when it loaded and, for the pages still open, when the test ended.
A test with a page that fails fails, naming the page and the problem.
"""

import os
import re
import shutil
from urllib.parse import urlsplit

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
SEVERE = {"serious", "critical"}
# Pages drawn by a vendored third-party viewer rather than our templates: their own references
# are still checked, axe is not (Swagger UI, shipped by django-ninja).
AXE_EXEMPT = ("/api/v1/docs",)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)
# Each page hands its document to the audit when it has loaded and after each htmx swap.
SNAPSHOT_JS = """(() => {
  if (window.top !== window) return;
  const send = () => window.__muhandisAudit(
    location.href, "<!DOCTYPE html>" + document.documentElement.outerHTML);
  addEventListener("load", () => setTimeout(send, 0));
  document.addEventListener("htmx:afterSettle", () => setTimeout(send, 0));
})();"""
# axe-core (loaded into each checked document) returns only its violations: the rules that
# passed or did not apply are not sent back.
AXE_JS = """() => axe.run({resultTypes: ["violations"]}).then((results) => results.violations)"""
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value|"X-CSRFToken": )"[^"]*"')

# Ids the page's own markup must keep unique and references that must resolve.
REFERENCES_JS = """() => {
  const problems = [];
  const seen = new Map();
  for (const el of document.querySelectorAll("[id]")) {
    seen.set(el.id, (seen.get(el.id) || 0) + 1);
  }
  for (const [id, count] of seen) {
    if (count > 1) problems.push(`id "${id}" is used ${count} times`);
  }
  const describe = (el) => el.tagName.toLowerCase() + (el.name ? `[name=${el.name}]` : "")
    + (el.id ? `#${el.id}` : "");
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          problems.push(`${describe(el)} ${attr} names missing "${id}"`);
        }
      }
    }
  }
  for (const label of document.querySelectorAll("label[for]")) {
    const target = document.getElementById(label.htmlFor);
    if (!target) {
      problems.push(`label "${label.textContent.trim()}" is for missing "${label.htmlFor}"`);
    } else if (!["INPUT", "SELECT", "TEXTAREA", "BUTTON", "METER", "OUTPUT", "PROGRESS"]
        .includes(target.tagName)) {
      problems.push(`label "${label.textContent.trim()}" is for a ${target.tagName.toLowerCase()}`);
    }
  }
  return problems;
}"""


class Checker:
    """One page, shared by the whole run, where the audit opens the copies of the tests' pages.

    axe-core is loaded into every document the page opens (it is not sent again for each one),
    and the stylesheets, fonts and images under STATIC_URL, which do not change while the tests
    run, are fetched from the live server once and then served from memory (a page with routes
    has no HTTP cache of its own).
    """

    def __init__(self, chromium) -> None:
        from axe_playwright_python.base import AXE_SCRIPT
        from django.conf import settings

        self.static_path = settings.STATIC_URL
        self.serving: dict[str, str] = {}
        self.static: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.context = chromium.new_context()
        self.context.add_init_script(AXE_SCRIPT)
        self.page = self.context.new_page()
        self.page.route("**/*", self._serve)

    def _serve(self, route) -> None:
        request = route.request
        if request.resource_type == "document" and request.url == self.serving.get("url"):
            route.fulfill(body=self.serving["html"], content_type="text/html; charset=utf-8")
        elif urlsplit(request.url).path.startswith(self.static_path):
            kept = self.static.get(request.url)
            if kept is None:
                response = route.fetch()
                kept = (response.status, response.headers, response.body())
                if response.status == 200:
                    self.static[request.url] = kept
            status, headers, body = kept
            route.fulfill(status=status, headers=headers, body=body)
        else:
            route.continue_()

    def open(self, url: str, html: str) -> None:
        """Open ``html`` as the document at ``url``: always a new document, even where only
        the fragment differs from the one open now."""
        address = url.split("#")[0]
        if self.page.url.split("#")[0] == address:
            self.page.goto("about:blank")
        self.serving.update(url=address, html=html)
        self.page.goto(url)

    def close(self) -> None:
        self.context.close()


class PageAudit:
    """What a test's pages looked like when each loaded (and at the end), checked afterwards.

    Checking while the test runs would take seconds from its own waits, so each page hands a
    copy of its document over when it has loaded or htmx has swapped part of it, and the copies
    are checked after the test, each served at its own address, without its scripts so that
    nothing is sent twice.
    """

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.contexts: list = []
        self.snapshots: dict[tuple[str, str], str] = {}
        self.problems: dict[str, list[str]] = {}

    def watch(self, context) -> None:
        self.contexts.append(context)
        context.expose_binding("__muhandisAudit", self.keep)
        context.add_init_script(SNAPSHOT_JS)

    def keep(self, source, url: str, html: str) -> None:
        if not url.startswith("http"):
            return
        html = SCRIPT.sub("", html)
        self.snapshots.setdefault((url, CSRF.sub("", html)), html)

    def finish(self) -> None:
        from playwright.sync_api import Error

        for context in self.contexts:
            try:
                for page in context.pages:
                    self.keep(None, page.url, page.content())
            except Error:
                continue  # closed by the test
        checked = self.checker.page
        done: set[tuple[str, str]] = set()
        # The test's pages still open may hand over more copies while these are checked.
        while waiting := [key for key in self.snapshots if key not in done]:
            for key in waiting:
                done.add(key)
                url, html = key[0], self.snapshots[key]
                self.checker.open(url, html)
                self._record(url, list(checked.evaluate(REFERENCES_JS)))
                if not any(part in url for part in AXE_EXEMPT):
                    self._record(url, _severe(checked.evaluate(AXE_JS)))

    def _record(self, url: str, found: list[str]) -> None:
        for problem in found:
            known = self.problems.setdefault(url, [])
            if problem not in known:
                known.append(problem)

    def report(self) -> str:
        return "\n".join(
            f"{url}\n  " + "\n  ".join(problems) for url, problems in self.problems.items()
        )


def _severe(violations: list[dict]) -> list[str]:
    found = []
    for violation in violations:
        if violation["impact"] in SEVERE:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            found.append(f"axe {violation['id']} ({violation['impact']}): {targets}")
    return found


class AuditedBrowser:
    """The session's Chromium, with every page of every new context watched by the audit."""

    def __init__(self, browser, audit: PageAudit) -> None:
        self._browser = browser
        self.audit = audit

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        self.audit.watch(context)
        return context

    def new_page(self, **kwargs):
        context = self.new_context(**kwargs)
        return context.new_page()

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def chromium():
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


@pytest.fixture(scope="session")
def audit_checker(chromium):
    checker = Checker(chromium)
    yield checker
    checker.close()


@pytest.fixture
def browser(chromium, audit_checker):
    return AuditedBrowser(chromium, PageAudit(audit_checker))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After the test's own steps, check the pages still open; fail on any problem found."""
    result = yield
    audited = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if isinstance(audited, AuditedBrowser):
        audited.audit.finish()
        if audited.audit.problems:
            pytest.fail(
                "Accessibility problems on the pages this test opened:\n" + audited.audit.report(),
                pytrace=False,
            )
    return result


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
