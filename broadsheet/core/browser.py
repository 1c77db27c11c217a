"""Pytest fixtures for browser tests: Debian's Chromium driven by Playwright.

Browser tests are marked ``@pytest.mark.browser`` and ask for ``browser_page``: a fresh
page (own cookies) whose relative URLs point at pytest-django's live server. Console
messages are collected in ``browser_console`` so tests can assert that the strict CSP
held.

We never download browsers: Playwright starts the system Chromium (BROADSHEET_CHROMIUM,
default /usr/bin/chromium). Without it the tests skip, unless
BROADSHEET_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = "Chromium not installed: apt-get install chromium"
# Fail fast: a page of ours that takes this long is a bug, not a slow machine.
DEFAULT_TIMEOUT_MS = 10_000


def chromium_executable() -> Path | None:
    path = Path(os.environ.get("BROADSHEET_CHROMIUM") or "/usr/bin/chromium")
    return path if path.is_file() and os.access(path, os.X_OK) else None


def browser_required() -> bool:
    return os.environ.get("BROADSHEET_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


@dataclass
class BrowserConsole:
    """What the page said on its console, and the errors it threw."""

    messages: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [m for m in self.messages if "Content Security Policy" in m]


@pytest.fixture(scope="module")
def chromium_browser():
    """One Chromium per test module (and per xdist worker): starting it takes a second.

    While Playwright's sync API is active, its event loop runs in this thread, and
    Django refuses ORM calls from a thread with a running loop. The tests and their
    fixtures are synchronous code that merely shares the thread, so the check is
    lifted for as long as the browser lives, and only then.
    """
    executable = chromium_executable()
    if executable is None:
        if browser_required():
            pytest.fail(
                f"{MISSING_CHROMIUM} (required: BROADSHEET_REQUIRE_BROWSER=1)", pytrace=False
            )
        pytest.skip(f"{MISSING_CHROMIUM} (browser tests skipped)")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(executable), args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()


@pytest.fixture
def browser_console() -> BrowserConsole:
    return BrowserConsole()


@pytest.fixture
def browser_page(chromium_browser, live_server, browser_console, settings):
    """A page in a fresh browser context, with relative URLs on the live server."""
    context = chromium_browser.new_context(base_url=live_server.url, locale=settings.LANGUAGE_CODE)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    page.on("console", lambda message: browser_console.messages.append(message.text))
    page.on("pageerror", lambda error: browser_console.messages.append(f"pageerror: {error}"))
    try:
        yield page
    finally:
        context.close()
