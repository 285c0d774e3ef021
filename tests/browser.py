"""Open local pages in real headless Chromium with the network blocked, and
read back what happened: JS results, console errors, every request the page
attempted, dialogs, screenshots.

Drives Debian's ``/usr/bin/chromium`` (or ``$KG_CHROMIUM``) through Playwright
(``pip install 'playwright>=1.45'``; no ``playwright install`` needed: no browser
is downloaded). Every request other than ``file:``, ``data:``, ``blob:`` and
``about:`` is recorded and aborted; Chromium itself is also started with a dead
proxy and a host resolver that resolves nothing, so nothing can leave the machine.

Example (any test)::

    from tests.browser import Browser

    with Browser() as b:
        page = b.open("out/map.html", wait_for="window.kgMap && window.kgMap.ready")
        assert page.evaluate("1 + 1") == 2
        assert page.external_requests == [] and page.console_errors == []
        page.screenshot("out/map.png")

``pytest`` fixtures in a test module::

    @pytest.fixture(scope="module")
    def browser():
        with Browser() as b:
            yield b
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-pings",
    "--disable-domain-reliability",
    "--metrics-recording-only",
    # belt and braces: even a request that got past the page's routing has nowhere to go
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


class BrowserUnavailable(RuntimeError):
    """Chromium or Playwright is missing."""


def chromium_path() -> str:
    """The Chromium to drive: ``$KG_CHROMIUM``, else ``chromium`` on the PATH."""
    exe = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe or not Path(exe).exists():
        raise BrowserUnavailable("headless Chromium not found: apt-get install chromium (or set KG_CHROMIUM)")
    return exe


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine without a network request.

    >>> is_local("file:///tmp/a.html"), is_local("data:,x"), is_local("https://cdn.example/x.js")
    (True, True, False)
    """
    return url.startswith(LOCAL_SCHEMES)


@dataclass
class Page:
    """One opened page and everything recorded while it was open."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)        # every request attempted, in order
    console: list[tuple[str, str]] = field(default_factory=list)  # (type, text) of every console message
    page_errors: list[str] = field(default_factory=list)     # uncaught exceptions
    dialogs: list[str] = field(default_factory=list)         # alert/confirm/prompt texts (dismissed)
    websockets: list[str] = field(default_factory=list)
    load_seconds: float = 0.0

    @property
    def external_requests(self) -> list[str]:
        """Requests that would have left the machine (all were blocked)."""
        return [u for u in self.requests if not is_local(u)] + list(self.websockets)

    @property
    def console_errors(self) -> list[str]:
        """Console errors and uncaught exceptions."""
        return [t for kind, t in self.console if kind == "error"] + list(self.page_errors)

    def evaluate(self, js: str, arg: Any = None) -> Any:
        """Evaluate a JS expression (or a function taking ``arg``) and return its JSON value."""
        return self.page.evaluate(js, arg) if arg is not None else self.page.evaluate(js)

    def wait_for(self, js_condition: str, timeout: float = 30.0) -> float:
        """Wait until ``js_condition`` is truthy; return the seconds waited."""
        t0 = time.perf_counter()
        self.page.wait_for_function(js_condition, timeout=timeout * 1000, polling="raf")
        return time.perf_counter() - t0

    def screenshot(self, path: str | Path, full_page: bool = False) -> Path:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(p), full_page=full_page)
        return p

    @property
    def mouse(self) -> Any:
        return self.page.mouse

    @property
    def keyboard(self) -> Any:
        return self.page.keyboard

    def locator(self, selector: str, **kwargs: Any) -> Any:
        """A Playwright locator (``has_text=...`` etc. as in Playwright)."""
        return self.page.locator(selector, **kwargs)

    def close(self) -> None:
        self.page.close()


class Browser:
    """Headless Chromium (one process, one fresh profile) for opening pages."""

    def __init__(self, width: int = 1280, height: int = 800, executable: str | None = None,
                 extra_args: list[str] | None = None):
        self.width, self.height = width, height
        self.executable = executable or chromium_path()
        self.extra_args = list(extra_args or [])
        self._pw = None
        self._browser = None
        self._profile: str | None = None

    def __enter__(self) -> "Browser":
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as e:  # pragma: no cover - depends on the install
            raise BrowserUnavailable("the browser tests need Playwright: pip install 'playwright>=1.45' "
                                     "(it drives the system Chromium; no browser download)") from e
        self._profile = tempfile.mkdtemp(prefix="kg-chromium-")
        self._pw = sync_playwright().start()
        try:
            # a persistent context is the way to give Chromium its own fresh --user-data-dir
            self._browser = self._pw.chromium.launch_persistent_context(
                self._profile, executable_path=self.executable, headless=True,
                args=CHROMIUM_FLAGS + self.extra_args, viewport={"width": self.width, "height": self.height},
                service_workers="block", accept_downloads=False)
        except Exception:
            self._pw.stop()
            shutil.rmtree(self._profile, ignore_errors=True)
            raise
        self._browser.route("**/*", self._route)
        return self

    @staticmethod
    def _route(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("internetdisconnected")

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._pw is not None:
            self._pw.stop()
            self._pw = None
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None

    def open(self, target: str | Path, wait_for: str | None = None, timeout: float = 60.0,
             settle: float = 0.0, init_script: str | None = None) -> Page:
        """Open a file (path) or URL; wait for the load event and then for
        ``wait_for`` (a JS expression) if given; ``settle`` seconds more to let
        late requests and errors show up. ``init_script`` runs in the page
        before any of its own scripts (the page's Content-Security-Policy does not apply to it)."""
        if self._browser is None:
            raise RuntimeError("use Browser() as a context manager")
        url = target if isinstance(target, str) and ":" in target.split("/")[0] else Path(target).resolve().as_uri()
        pw_page = self._browser.new_page()
        page = Page(pw_page, url)
        pw_page.on("request", lambda r: page.requests.append(r.url))
        pw_page.on("console", lambda m: page.console.append((m.type, m.text)))
        pw_page.on("pageerror", lambda e: page.page_errors.append(str(e)))
        pw_page.on("websocket", lambda w: page.websockets.append(w.url))

        def on_dialog(d: Any) -> None:
            page.dialogs.append(d.message)
            d.dismiss()

        pw_page.on("dialog", on_dialog)
        if init_script:
            pw_page.add_init_script(init_script)
        t0 = time.perf_counter()
        pw_page.goto(url, wait_until="load", timeout=timeout * 1000)
        if wait_for:
            pw_page.wait_for_function(wait_for, timeout=timeout * 1000, polling="raf")
        page.load_seconds = time.perf_counter() - t0
        if settle:
            pw_page.wait_for_timeout(settle * 1000)
        return page
