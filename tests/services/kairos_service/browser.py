"""Debian's headless chromium driven over the DevTools protocol (no driver download)."""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

from websockets.sync.client import connect

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1200,1400",
]  # fmt: skip


def chromium_binary() -> str:
    """Debian's chromium (fails with the install command when missing; never a skip)."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError("chromium is not installed: apt-get install -y chromium "
                       "(the README's test command installs it)")  # fmt: skip


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Page:
    """One page target: send DevTools commands, evaluate JavaScript, take screenshots."""

    def __init__(self, ws_url: str) -> None:
        self.ws = connect(ws_url, max_size=None)
        self._id = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """A DevTools command and its result (events in between are skipped)."""
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=30))
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message["result"]
                return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        """Poll a JavaScript expression until it is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"page condition not met in {timeout} s: {expression}")
            time.sleep(0.2)

    def screenshot(self, clip: dict[str, float] | None = None) -> bytes:
        """A PNG of the page (or of ``clip``: x, y, width, height in CSS pixels)."""
        params: dict[str, Any] = {"format": "png"}
        if clip is not None:
            params["clip"] = {**clip, "scale": 1}
        return base64.b64decode(self.send("Page.captureScreenshot", **params)["data"])


@contextlib.contextmanager
def browser_page(url: str) -> Iterator[Page]:
    """A fresh headless chromium (own profile dir) showing ``url``."""
    port = _free_port()
    # Chromium's helper processes may still write to the profile for a moment after
    # the browser exits; a leftover file there is not this test's concern.
    with tempfile.TemporaryDirectory(
        prefix="kairos-chromium-", ignore_cleanup_errors=True
    ) as profile:
        process = subprocess.Popen(
            [chromium_binary(), *FLAGS, f"--user-data-dir={profile}",
             f"--remote-debugging-port={port}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            targets: list[dict[str, Any]] = []
            while not targets:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2) as r:
                        targets = [t for t in json.loads(r.read()) if t["type"] == "page"]
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("chromium did not start its DevTools endpoint") from None
                    time.sleep(0.2)
            page = Page(targets[0]["webSocketDebuggerUrl"])
            try:
                page.send("Page.enable")
                page.send("Page.navigate", url=url)
                yield page
            finally:
                page.ws.close()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
