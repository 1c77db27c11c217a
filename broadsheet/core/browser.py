"""Pytest fixtures for browser tests: Debian's Chromium driven by Playwright.

Browser tests are marked ``@pytest.mark.browser`` and ask for ``browser_page``: a fresh
page (own cookies) whose relative URLs point at the real server: `broadsheet serve`,
started for the test as `make run` starts it (granian, its workers and its task worker),
on the test's own database. Not pytest-django's ``live_server``: a threaded development
server in the test process hides what the production server does with real browsers
(it once stalled them for 30 s while every test passed).

How the server sees the test's data: on SQLite the test database is a file in the
server's data folder (``broadsheet.sqlite3``, where `make run` keeps it); on PostgreSQL
the server gets the test database's URL. Tests write with the ORM in committed
transactions (``transactional_db``); the server reads them like any other process.
Its settings come from its environment only: a module changes them by overriding
``server_settings`` (e.g. ``{"BROADSHEET_MODERATION": "none"}``). Each test gets a
fresh server, so nothing held in one server's memory (caches, rate-limit counters)
carries over to the next test.

Console messages are collected in ``browser_console`` so tests can assert that the
strict CSP held.

We never download browsers: Playwright starts the system Chromium (BROADSHEET_CHROMIUM,
default /usr/bin/chromium). Without it the tests skip, unless
BROADSHEET_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import e2e

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


@pytest.fixture(scope="session")
def served_data_dir(tmp_path_factory) -> Path:
    """The data folder of the test's server; on SQLite it holds the test database too."""
    return tmp_path_factory.mktemp("served")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, served_data_dir):
    """On SQLite, a test database file where `broadsheet serve` looks for it.

    pytest-django would keep it in memory, where no other process can read it.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(served_data_dir / "broadsheet.sqlite3")


@pytest.fixture
def server_settings() -> dict[str, str]:
    """Environment variables for the test's server; override in a module to change them."""
    return {}


@pytest.fixture(scope="session")
def _served_static(django_db_setup, served_data_dir):
    """Static files collected once, as `broadsheet setup` does, for every test's server."""
    e2e.run_command(_served_environment(served_data_dir, {}), "collectstatic", "--noinput")


def _served_environment(data_dir: Path, overrides: dict[str, str]) -> dict[str, str]:
    from django.conf import settings
    from django.db import connection

    env = e2e.server_environment(
        data_dir, SECRET_KEY=settings.SECRET_KEY, BROADSHEET_LANGUAGE=settings.LANGUAGE_CODE
    )
    if connection.vendor != "sqlite":
        database = connection.settings_dict
        user = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
        host = f"{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
        env["DATABASE_URL"] = f"postgres://{user}@{host}/{database['NAME']}"
    env.update(overrides)
    return env


@pytest.fixture
def server_port() -> int:
    """The port the test's server listens on (known before it starts, e.g. for SITE_URL)."""
    return e2e.free_port()


@pytest.fixture
def site_server(
    transactional_db, _served_static, served_data_dir, server_settings, server_port, settings
):
    """`broadsheet serve` on the test's database, as `make run` starts it."""
    env = _served_environment(served_data_dir, server_settings)
    # Files the test stores (imported images, uploads) land where the server serves them.
    settings.MEDIA_ROOT = served_data_dir / "media"
    server = e2e.start_server(env, port=server_port)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def browser_page(chromium_browser, site_server, browser_console, settings):
    """A page in a fresh browser context, with relative URLs on the real server."""
    context = chromium_browser.new_context(
        base_url=site_server.base_url, locale=settings.LANGUAGE_CODE
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    page.on("console", lambda message: browser_console.messages.append(message.text))
    page.on("pageerror", lambda error: browser_console.messages.append(f"pageerror: {error}"))
    try:
        yield page
    finally:
        context.close()
