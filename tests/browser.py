"""Open a page in headless Chromium as a reader would, and say what went wrong.

A small client of the DevTools protocol over ``--remote-debugging-pipe`` (file
descriptors 3 and 4, messages ending in a NUL byte): no websocket package, no port.
``inspect`` loads the page and returns the console errors, the requests that left the
machine and the charts drawn; ``print_pdf`` and ``screenshot`` run Chromium's own
``--print-to-pdf`` and ``--screenshot``.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = ("file:", "data:", "about:")
TIMEOUT = 60.0


def executable() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


# The charts issue 14 asks of the report, in order: a chart dropped from the report (its
# table left alone) would otherwise lower the count the page announces and pass unseen.
REPORT_CHARTS = (
    "Duos started, closed and with a positive outcome",
    "Outcomes",
    "Mentees by age band",
    "Mentees by gender",
    "Mentees by world region (UN M49)",
    "Mentees by education",
    "Labour status at entry",
    "Median days to a match",
    "Sessions per month",
    "Hours per month",
    "Mentors: new, active and retained",
)


@dataclass
class Seen:
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    charts_drawn: int = 0
    charts_expected: int = 0
    scripts: int = 0


class _Pipe:
    """One Chromium with the DevTools protocol on a pipe."""

    def __init__(self, exe: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire() -> None:  # in the child: its ends become descriptors 3 and 4
            high_r, high_w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [exe, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            pass_fds=(3, 4),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self._messages.put(json.loads(message))

    def _wait(self, done: Any, what: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                message = self._messages.get(timeout=1)
            except queue.Empty:
                continue
            if "method" in message:
                self.events.append(message)
            if done(message):
                return message
        raise TimeoutError(f"Chromium did not answer {what}")

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        number = self._next
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        answer = self._wait(lambda m: m.get("id") == number, method)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return dict(answer.get("result", {}))

    def wait_event(self, method: str) -> None:
        if any(e["method"] == method for e in self.events):
            return
        self._wait(lambda m: m.get("method") == method, method)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)


CHARTS = """JSON.stringify({
  drawn: [...document.querySelectorAll('figure svg')].filter(svg => {
    const box = svg.getBoundingClientRect();
    return box.width > 100 && box.height > 100 && svg.querySelector('path, use');
  }).length,
  expected: Number(document.body.dataset.charts || 0),
  scripts: document.scripts.length,
})"""


def inspect(exe: str, page: Path, profile: Path) -> Seen:
    """Load the page; what a reader's browser reported while doing it."""
    chrome = _Pipe(exe, profile)
    try:
        target = chrome.call("Target.createTarget", url="about:blank")["targetId"]
        session = chrome.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            chrome.call(f"{domain}.enable", session)
        chrome.events.clear()
        chrome.call("Page.navigate", session, url=page.resolve().as_uri())
        chrome.wait_event("Page.loadEventFired")
        time.sleep(0.5)  # late console messages (a CSP report comes after the load)
        result = chrome.call("Runtime.evaluate", session, expression=CHARTS, returnByValue=True)[
            "result"
        ]["value"]
        counts = json.loads(result)
        seen = Seen(
            charts_drawn=counts["drawn"],
            charts_expected=counts["expected"],
            scripts=counts["scripts"],
        )
        for event in chrome.events:
            method, params = event["method"], event.get("params", {})
            if method == "Log.entryAdded" and params["entry"]["level"] == "error":
                seen.console_errors.append(params["entry"]["text"])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                seen.console_errors.append(str(params.get("args")))
            elif method == "Runtime.exceptionThrown":
                seen.console_errors.append(str(params["exceptionDetails"].get("text")))
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(LOCAL):
                    seen.external_requests.append(url)
        return seen
    finally:
        chrome.close()


def _run(exe: str, page: Path, profile: Path, *flags: str) -> None:
    subprocess.run(
        [exe, *FLAGS, f"--user-data-dir={profile}", *flags, page.resolve().as_uri()],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )


def print_pdf(exe: str, page: Path, pdf: Path, profile: Path) -> None:
    _run(exe, page, profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")


def screenshot(exe: str, page: Path, png: Path, profile: Path, size: str = "1000,1400") -> None:
    _run(exe, page, profile, "--hide-scrollbars", f"--window-size={size}", f"--screenshot={png}")
