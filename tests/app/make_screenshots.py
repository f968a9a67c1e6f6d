"""Regenerate docs/screenshots/*.png from the real app in headless Chromium.

``python -m tests.app.make_screenshots`` (uses the configured data directory; run
``python -m app.cli kb build`` first). Writes main.png (a conversation with its recommendation and the
suggested answers as buttons), phone.png (the same page on a 390 x 844 phone), trial.png (a trial on an
uploaded file), widget.png (the widget in docs/host-page.html served from another origin),
web-component.png (the widget as a <gradio-app> in docs/host-page-component.html) and report.png (the
exported HTML report).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from selenium.webdriver.common.by import By

from tests.app.browser import full_page_screenshot, make_driver, send_message, wait_for
from tests.app.server_util import REPO, free_port, serve_directory, start_server

OUT = REPO / "docs" / "screenshots"


def _wait_reply(d, css: str, before: int) -> None:
    wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, css)) > before, timeout=90, what="a reply")


def _phone_page(d, path: Path, width: int = 390, height: int = 844) -> None:
    """The whole page as a phone shows it: an emulated 390 px screen, as tall as the page."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
    time.sleep(1)
    full = d.execute_script("return document.documentElement.scrollHeight")
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": min(int(full), 7000), "deviceScaleFactor": 1, "mobile": True})
    time.sleep(1)
    d.save_screenshot(str(path))
    d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main() -> int:
    from app.settings import load_settings

    settings = load_settings()
    OUT.mkdir(parents=True, exist_ok=True)
    site_port = free_port()
    tmp = Path(tempfile.mkdtemp(prefix="ea-shots-"))
    server = start_server(settings.data_dir, tmp, {"EA_ALLOWED_ORIGINS": f"http://127.0.0.1:{site_port}"}, timeout=300)
    site = serve_directory(REPO / "docs", site_port)
    d = make_driver(tmp / "chromium", width=1440, height=1900, downloads=tmp / "dl")
    try:
        bot = "#chat [data-testid='bot']"
        d.get(server.url + "/")
        wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#msg textarea"))
        for message in ("We need semantic search over English and Spanish clinical notes; nothing may leave our servers.",
                        "About 2 million notes, CPU servers with 32 GB of RAM."):
            before = len(d.find_elements(By.CSS_SELECTOR, bot))
            send_message(d, message)
            _wait_reply(d, bot, before)
        wait_for(lambda: "Top pick" in d.find_element(By.ID, "rec-headline").text)
        time.sleep(1.5)
        full_page_screenshot(d, OUT / "main.png")
        _phone_page(d, OUT / "phone.png")
        d.set_window_size(1440, 1900)

        next(t for t in d.find_elements(By.CSS_SELECTOR, "[role='tab']") if t.text.strip() == "Trial").click()
        wait_for(lambda: "No recommendation yet" not in d.find_element(By.ID, "trial-plan").text)
        next(lb for lb in d.find_elements(By.CSS_SELECTOR, "#trial-source label")
             if lb.text.strip() == "Upload a file").click()
        wait_for(lambda: d.find_element(By.ID, "trial-upload").is_displayed())
        sample = tmp / "clinic_faq.jsonl"
        sample.write_text((REPO / "agents" / "trial" / "samples" / "medical_faq" / "docs.jsonl").read_text())
        d.find_element(By.CSS_SELECTOR, "#trial-upload input[type=file]").send_keys(str(sample))
        wait_for(lambda: "clinic_faq" in d.find_element(By.ID, "trial-upload").text)
        d.find_element(By.ID, "trial-run").click()
        wait_for(lambda: "Trial finished" in d.find_element(By.ID, "trial-status").text, timeout=300)
        time.sleep(1)
        full_page_screenshot(d, OUT / "trial.png", max_height=2600)

        next(t for t in d.find_elements(By.CSS_SELECTOR, "[role='tab']") if t.text.strip() == "Advisor").click()
        time.sleep(1)
        d.find_element(By.ID, "dl-html").click()
        report = wait_for(lambda: next(iter((tmp / "dl").glob("*.html")), None), what="the report download")
        d.set_window_size(1100, 1500)
        d.get(report.as_uri())
        time.sleep(1)
        full_page_screenshot(d, OUT / "report.png", max_height=4000)

        d.set_window_size(1300, 900)
        d.get(f"{site.origin}/host-page.html?app={server.url}")
        wait_for(lambda: d.find_element(By.ID, "api-status").get_attribute("data-result"))
        d.switch_to.frame(d.find_element(By.ID, "ea-widget"))
        wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#w-msg textarea"))
        send_message(d, "English support tickets, must stay on-prem, about 20k tickets", box="#w-msg textarea",
                     button="w-send")
        wait_for(lambda: "MTEB" in d.find_element(By.ID, "w-picks").text, timeout=90)
        d.switch_to.default_content()
        time.sleep(1)
        d.save_screenshot(str(OUT / "widget.png"))

        d.get(f"{site.origin}/host-page-component.html?app={server.url}")
        wait_for(lambda: d.find_element(By.CSS_SELECTOR, "gradio-app #w-msg textarea"), timeout=90)
        send_message(d, "Legal contracts in French and German, a cloud API is fine", box="gradio-app #w-msg textarea",
                     button="w-send")
        wait_for(lambda: "MTEB" in d.find_element(By.ID, "w-picks").text, timeout=90)
        time.sleep(1)
        d.save_screenshot(str(OUT / "web-component.png"))
    finally:
        d.quit()
        site.stop()
        server.stop()
    for name in ("main", "phone", "trial", "report", "widget", "web-component"):
        print(OUT / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
