"""Headless Chromium (Debian's chromium + chromedriver) for the browser tests, and small helpers."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def make_driver(profile_dir: Path, width: int = 1400, height: int = 1600, downloads: Path | None = None) -> Any:
    """A fresh headless Chromium with network logging (and a download folder)."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("chromium and chromedriver are required (scripts/test.sh installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile_dir}")
    opts.add_argument(f"--window-size={width},{height}")
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if downloads is not None:
        downloads.mkdir(parents=True, exist_ok=True)
        opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                               "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    if downloads is not None:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


_SEEN: dict[int, list[dict[str, Any]]] = {}   # id(driver) -> every performance-log event drained so far


def _network_events(driver: Any) -> list[dict[str, Any]]:
    """Every DevTools network event of ``driver`` since it started (the log is drained once, kept here)."""
    kept = _SEEN.setdefault(id(driver), [])
    kept.extend(json.loads(entry["message"])["message"] for entry in driver.get_log("performance"))
    return kept


def requested_urls(driver: Any) -> list[str]:
    """Every URL the page requested since the driver started (HTTP(S) and WebSocket)."""
    urls = []
    for msg in _network_events(driver):
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
        elif msg["method"] == "Network.webSocketCreated":
            urls.append(msg["params"]["url"])
    return urls


def failed_responses(driver: Any, origin: str) -> list[str]:
    """``STATUS URL`` of every response from ``origin`` with a 4xx/5xx status: the page's own calls that failed
    (what a person sees as a red *Error* and the browser console reports)."""
    out = []
    for msg in _network_events(driver):
        if msg["method"] == "Network.responseReceived":
            resp = msg["params"]["response"]
            if resp["url"].startswith(origin) and int(resp["status"]) >= 400:
                out.append(f"{resp['status']} {resp['url']}")
    return out


def assert_no_page_errors(driver: Any, origin: str) -> None:
    """Fail when any of the page's own calls to ``origin`` failed (4xx/5xx) or the console reported one."""
    failed = failed_responses(driver, origin)
    assert failed == [], f"the page's own calls failed: {failed}"
    severe = [m for m in console_errors(driver) if origin in m or "status of" in m]
    assert severe == [], f"console errors: {severe}"


def console_errors(driver: Any) -> list[str]:
    """Console messages at SEVERE level (failed loads, uncaught exceptions) since the last call."""
    return [e["message"][:300] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def external(urls: list[str]) -> list[str]:
    """The URLs that leave the machine (anything but loopback; data:, blob: and chrome: are local)."""
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK:
            out.append(url)
    return out


def wait_for(cond: Callable[[], Any], timeout: float = 60.0, what: str = "condition", interval: float = 0.3,
             diagnose: Callable[[], str] | None = None) -> Any:
    """Poll ``cond`` until it returns something truthy; fail with ``what`` (and ``diagnose()``) after ``timeout``."""
    deadline = time.monotonic() + timeout
    last_exc: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = cond()
            if value:
                return value
        except Exception as exc:  # noqa: BLE001 - elements appear and re-render while we poll
            last_exc = exc
        time.sleep(interval)
    state = ""
    if diagnose is not None:
        try:
            state = f"; state: {diagnose()}"
        except Exception as exc:  # noqa: BLE001 - diagnostics must not hide the real failure
            state = f"; (diagnosis failed: {exc})"
    raise AssertionError(f"timed out after {timeout}s waiting for {what}"
                         + (f" (last error: {str(last_exc)[:300]})" if last_exc else "") + state)


def wait_until_settled(driver: Any, timeout: float = 60.0) -> None:
    """Wait until the document has loaded and a probe image requested now has been answered (loaded or
    failed): the page has by then handled what it queued before, e.g. the error of an image it rendered.
    The probe asks the app's own ``/health`` (JSON, so the image fails to decode: no 4xx, no console error)."""
    token = f"{time.monotonic_ns()}"
    driver.execute_script("""const token = arguments[0], img = new Image();
        img.onload = img.onerror = () => { window.__settled = token; };
        img.src = location.origin + '/health?settled=' + token;""", token)
    wait_for(lambda: driver.execute_script("return document.readyState === 'complete' && window.__settled") == token,
             timeout=timeout, what="the page to settle (probe image answered)")


def frame_state(driver: Any) -> str:
    """Where the current frame is and what it shows, plus recent console messages (for failures)."""
    info = driver.execute_script("return [location.href, document.readyState, "
                                 "(document.body ? document.body.innerText : '').slice(0, 300)]")
    console = [e["message"][:200] for e in driver.get_log("browser")][-5:]
    return f"url={info[0]} readyState={info[1]} text={info[2]!r} console={console}"


def text_of(driver: Any, css: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, css).text


def send_message(driver: Any, text: str, box: str = "#msg textarea", button: str = "send") -> None:
    """Type a chat message and press the send button."""
    from selenium.webdriver.common.by import By

    area = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, box), what=box)
    area.clear()
    # send_keys is slow for long text and may trigger key handlers; set the value like a paste would.
    driver.execute_script(
        "const el=arguments[0]; el.value=arguments[1]; el.dispatchEvent(new Event('input',{bubbles:true}));", area, text)
    driver.find_element(By.ID, button).click()


def bot_messages(driver: Any, chat: str = "#chat") -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, f"{chat} .message.bot, {chat} [data-testid='bot']")]


def full_page_screenshot(driver: Any, path: Path, width: int | None = None, max_height: int = 6000) -> None:
    """Save the whole page (not just the viewport): grow the window to the document's height first."""
    width = width or driver.get_window_size()["width"]
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(width, min(int(height) + 140, max_height))
    time.sleep(0.8)
    driver.save_screenshot(str(path))
