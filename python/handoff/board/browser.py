"""Render a page in headless Chromium and read what a person would see: its text and a screenshot.

The board's test and the docs check drive Debian's `chromium` through the DevTools protocol (the `websockets`
client Streamlit already needs), not a browser-automation framework: Playwright and Selenium download their own
browsers, which a machine without internet cannot do. Streamlit draws its page after the first websocket round
trip, so the page is polled until the expected text appears rather than read once at "load".
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


class BrowserError(Exception):
    """Chromium is missing, did not start, or the page never showed what was expected."""


def find_chromium() -> str | None:
    """The Chromium executable: HANDOFF_CHROMIUM, else the first of the usual names on PATH."""
    override = os.environ.get("HANDOFF_CHROMIUM")
    if override:
        return override
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


@dataclass
class RenderedPage:
    """What Chromium showed: the page's visible text and, when asked for, a PNG screenshot."""

    url: str
    text: str
    tables: list[list[list[str]]]
    links: list[str]
    screenshot: Path | None = None


class _DevTools:
    """A minimal DevTools-protocol session on one page target."""

    def __init__(self, websocket_url: str) -> None:
        from websockets.sync.client import connect

        self._stack = contextlib.ExitStack()
        self._socket = self._stack.enter_context(connect(websocket_url, max_size=64 * 1024 * 1024, open_timeout=30))
        self._ids = itertools.count(1)

    def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> dict[str, Any]:
        """Send one command and wait for its answer (events in between are skipped)."""
        message_id = next(self._ids)
        self._socket.send(json.dumps({"id": message_id, "method": method, "params": params or {}}))
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BrowserError(f"no answer to {method} within {timeout:.0f} s")
            answer = json.loads(self._socket.recv(timeout=remaining))
            if answer.get("id") == message_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result.get("result", {}).get("value")

    def close(self) -> None:
        self._stack.close()


@contextlib.contextmanager
def headless_chromium(*, width: int = 1400, height: int = 1000) -> Iterator[_DevTools]:
    """Start a headless Chromium with a throwaway profile and yield a DevTools session on a blank page."""
    executable = find_chromium()
    if not executable:
        raise BrowserError("Chromium is not installed (Debian: apt-get install chromium); ./handoff test installs it")
    profile = Path(tempfile.mkdtemp(prefix="handoff-chromium-"))
    command = [
        executable,
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "about:blank",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    session = None
    try:
        port = _devtools_port(profile, process)
        session = _DevTools(_page_websocket(port))
        session.call("Page.enable")
        session.call("Runtime.enable")
        yield session
    finally:
        if session:
            with contextlib.suppress(Exception):
                session.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)


def _devtools_port(profile: Path, process: subprocess.Popen, timeout: float = 60) -> int:
    """Chromium writes the port it chose into DevToolsActivePort in its profile."""
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BrowserError(f"Chromium exited with code {process.returncode} before it listened")
        if marker.exists():
            first = marker.read_text().splitlines()[:1]
            if first and first[0].isdigit():
                return int(first[0])
        time.sleep(0.1)
    raise BrowserError(f"Chromium did not open its DevTools port within {timeout:.0f} s")


def _page_websocket(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as answer:
        targets = json.load(answer)
    pages = [t for t in targets if t.get("type") == "page"]
    if not pages:
        raise BrowserError("Chromium has no page target")
    return pages[0]["webSocketDebuggerUrl"]


def render(
    session: _DevTools,
    url: str,
    *,
    wait_for: tuple[str, ...] = (),
    absent: tuple[str, ...] = (),
    timeout: float = 120,
    screenshot: Path | None = None,
) -> RenderedPage:
    """Open `url`, wait until every `wait_for` text is on the page and no `absent` text is, and read it."""
    session.call("Page.navigate", {"url": url})
    deadline = time.monotonic() + timeout
    text, unchanged = "", 0
    while time.monotonic() < deadline:
        previous = text
        text = session.evaluate("document.body ? document.body.innerText : ''") or ""
        unchanged = unchanged + 1 if text == previous else 0
        ready = all(marker in text for marker in wait_for) and not any(marker in text for marker in absent)
        # charts draw after the page's last element arrives: read once the text has stopped changing (2 s)
        if ready and unchanged >= 4:
            break
        time.sleep(0.5)
    else:
        missing = [marker for marker in wait_for if marker not in text]
        present = [marker for marker in absent if marker in text]
        raise BrowserError(
            f"{url} did not show {missing or ''} {('still showed ' + str(present)) if present else ''} within "
            f"{timeout:.0f} s; the page said: {text[:600]!r}"
        )
    if screenshot:
        # the full page, not only the window: board pages scroll
        metrics = session.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics.get("contentSize") or {}
        clip = {"x": 0, "y": 0, "width": size.get("width", 1400), "height": size.get("height", 1000), "scale": 1}
        shot = session.call("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        screenshot.write_bytes(base64.b64decode(shot["data"]))
    tables = session.evaluate(
        "Array.from(document.querySelectorAll('table')).map(t => Array.from(t.rows).map("
        "r => Array.from(r.cells).map(c => c.innerText.trim())))"
    )
    links = session.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    return RenderedPage(url=url, text=text, tables=tables or [], links=links or [], screenshot=screenshot)
