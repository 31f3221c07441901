"""Browser tests: Playwright driving the SYSTEM Chromium (never a downloaded browser) against pytest-django's live
server, with the demo data loaded.

* Every test here is skipped, with the reason, when ``/usr/bin/chromium`` or the ``playwright`` package is missing.
* Playwright's sync API runs an asyncio event loop in the test thread, so Django's "async unsafe" guard must be off
  for the ORM calls the tests make (``DJANGO_ALLOW_ASYNC_UNSAFE``, set below before any test runs).
* The ``page`` fixture watches the console and the network: a Content-Security-Policy violation, a JavaScript error,
  a request to any host other than the live server, or a failed request fails the test at teardown.
* The live server is a thread of the test process: the settings of ``tests/conftest.py`` apply to it, so the second
  factor is optional (``THIDUA_2FA_REQUIRED=False``) unless a test is marked ``two_factor``.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

SKIP_REASON = (
    "browser tests need the system Chromium at /usr/bin/chromium (apt install chromium)"
    if not CHROMIUM.exists()
    else "browser tests need the playwright package (pip install -e '.[test]')"
    if sync_playwright is None
    else ""
)

E2E_DIR = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Skip every test of this directory, with the reason, when the browser cannot run."""
    if not SKIP_REASON:
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if E2E_DIR in Path(str(item.fspath)).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    """One headless system Chromium per test process (each xdist worker has its own)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What the page did that it should not have: CSP violations, JS errors, foreign or failed requests."""

    base_url: str
    csp: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def on_console(self, message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.csp.append(message.text)

    def on_request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.base_url) or url.startswith(("data:", "blob:", "about:"))):
            self.foreign.append(url)

    def on_request_failed(self, request) -> None:
        failure = request.failure or ""
        # A request the page itself cancels (a superseded as-you-type search, a navigation) is not a failure.
        if "ERR_ABORTED" not in failure:
            self.failed.append(f"{request.url}: {failure}")

    def problems(self) -> dict[str, list[str]]:
        found = {"csp": self.csp, "js_errors": self.js_errors, "foreign": self.foreign, "failed": self.failed}
        return {k: v for k, v in found.items() if v}


@pytest.fixture
def watch(live_server):
    """The violations seen by ``page`` (asserted empty after the test)."""
    return Watch(base_url=live_server.url)


@pytest.fixture
def browser_locale():
    """The language the browser asks for (a test module overrides it: ``en-US`` in test_english_browser)."""
    return "vi-VN"


@pytest.fixture
def page(browser, live_server, watch, browser_locale):
    """A fresh browser context (no cookies) at 1280×800, watched for CSP violations and foreign requests."""
    context = browser.new_context(viewport=VIEWPORT, locale=browser_locale, base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("console", watch.on_console)
    page.on("pageerror", lambda error: watch.js_errors.append(str(error)))
    page.on("request", watch.on_request)
    page.on("requestfailed", watch.on_request_failed)
    yield page
    context.close()
    assert not watch.problems(), f"the page misbehaved: {watch.problems()}"


@pytest.fixture
def demo(transactional_db):
    """The demo data (``thidua demo``), loaded into the live server's database; returns the demo password."""
    from django.core.management import call_command

    from thidua.demo.org.data import DEMO_PASSWORD

    call_command("demo", stdout=io.StringIO())
    return DEMO_PASSWORD


@pytest.fixture
def login(page, demo):
    """Sign in through the login form as a demo user."""

    def sign_in(username: str):
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(demo)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)
        return page

    return sign_in
