"""Drive Debian's headless Chromium with Playwright (no Playwright browser download).

``scripts/install-chromium`` installs ``/usr/bin/chromium``. Every request that is
not for a ``file:`` URL (or an in-page ``data:``/``blob:`` URL) is aborted and
recorded, so a test can assert that a page works offline and asks for nothing.

    with open_browser() as browser:
        page = browser.open(path)          # waits for "load"
        ...
        page.assert_clean()                # no blocked request, no console error
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium")

#: Flags that work as root in a container without a GPU or network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--mute-audio",
]


def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: run scripts/install-chromium (Debian's chromium package)")
    return CHROMIUM


@dataclass
class Page:
    """A page plus everything it logged or tried to fetch."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def assert_clean(self) -> None:
        assert not self.blocked, f"the page tried to fetch: {self.blocked}"
        assert not self.page_errors, f"uncaught errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"

    def wait_stable(self, timeout: float = 30_000) -> None:
        """Wait until the network page says its layout is done (physics settled or precomputed)."""
        self.page.wait_for_function("() => window.policykg && window.policykg.stable === true", timeout=timeout)


class Browser:
    def __init__(self, context: Any) -> None:
        self.context = context

    def open(self, path: str | Path, *, viewport: tuple[int, int] = (1400, 900), wait: str = "load") -> Page:
        page = self.context.new_page()
        page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        watched = Page(page)

        def on_console(message: Any) -> None:
            if message.type == "error":
                watched.console_errors.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: watched.page_errors.append(str(error)))
        page.on("request", lambda request: watched.requests.append(request.url))
        page.route("**/*", lambda route: _route(route, watched.blocked))
        page.goto(Path(path).resolve().as_uri(), wait_until=wait)
        return watched


def _route(route: Any, blocked: list[str]) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:", "about:")):
        route.continue_()
    else:
        blocked.append(url)
        route.abort("blockedbyclient")


@contextlib.contextmanager
def open_browser() -> Iterator[Browser]:
    """One headless Chromium with a fresh profile; all network requests are refused."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="policykg-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=chromium_path(),
                headless=True,
                args=CHROMIUM_ARGS,
                offline=True,
                service_workers="block",
                accept_downloads=False,
            )
            try:
                yield Browser(context)
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
