"""A real browser on the built site: Debian's Chromium driven by Playwright, the site served on 127.0.0.1.

Chromium comes from the system (`make test` installs it where it can); Playwright never downloads
a browser. Without Chromium the browser tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, sync_playwright

from tests.conftest import REPO

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def chromium_path() -> str | None:
    return shutil.which("chromium") or next((p for p in ("/usr/bin/chromium",) if Path(p).is_file()), None)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _served(site: Path) -> Iterator[str]:
    """A built site on a free port of 127.0.0.1, served by a thread of this process."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(real_site: Path) -> Iterator[str]:
    """The published content, built and served."""
    yield from _served(real_site)


@pytest.fixture(scope="session")
def fixture_base_url(fixture_site: Path) -> Iterator[str]:
    """The tests' fixture content, built and served."""
    yield from _served(fixture_site)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed: run `apt-get install -y chromium` (make test does so where it can)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def shots() -> Path:
    """Where screenshots go when the session's `screenshots` fixture may not have run (it empties the folder)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@dataclass
class Tab:
    """A page in a fresh browser context, and everything it asked for or complained about."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, url: str, wait_until: str = "load") -> None:
        self.page.goto(self.base_url + url, wait_until=wait_until)

    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(self.base_url)]


def open_tab(browser: Browser, base_url: str, viewport: dict[str, int], color_scheme: str = "light") -> Tab:
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme, service_workers="block")
    tab = Tab(context.new_page(), base_url)

    def record(request: Request) -> None:
        tab.requests.append(request.url)

    def complain(message: ConsoleMessage) -> None:
        if message.type == "error":
            tab.errors.append(message.text)

    tab.page.on("request", record)
    tab.page.on("console", complain)
    tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
    # Whatever a page asks for elsewhere is recorded above and never leaves the machine.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())
    return tab


@pytest.fixture
def tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    opened = open_tab(browser, base_url, DESKTOP)
    yield opened
    opened.page.context.close()
