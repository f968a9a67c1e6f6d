"""The web app in real headless Chromium: conversation, form edit, trial, downloads, XSS, widget embedding.

Every test also checks that the page contacted nothing outside the loopback interface.
"""

from __future__ import annotations

import json
import re

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.app.browser import (
    assert_no_page_errors,
    external,
    frame_state,
    requested_urls,
    send_message,
    wait_for,
    wait_until_settled,
)

BOT = "#chat [data-testid='bot']"


def open_app(driver, url: str) -> None:
    driver.get(url + "/")
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "#msg textarea"), what="the chat box")


def bot_count(driver, css: str = BOT) -> int:
    return len(driver.find_elements(By.CSS_SELECTOR, css))


def say(driver, text: str, css: str = BOT, **kwargs) -> str:
    """Send a message and wait for the next assistant reply; return its text."""
    before = bot_count(driver, css)
    send_message(driver, text, **kwargs)
    wait_for(lambda: bot_count(driver, css) > before, timeout=90, what="the assistant's reply")
    return driver.find_elements(By.CSS_SELECTOR, css)[-1].text


def field_value(driver, name: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f"#pf-{name} input").get_attribute("value")


def headline(driver) -> str:
    return driver.find_element(By.ID, "rec-headline").text


def click_tab(driver, label: str) -> None:
    tab = next(t for t in driver.find_elements(By.CSS_SELECTOR, "[role='tab']") if t.text.strip() == label)
    tab.click()


def download(driver, downloads, button_id: str, suffix: str, timeout: float = 30) -> str:
    """Click a download button and return the text of the file that lands in the download folder."""
    return download_path(driver, downloads, button_id, suffix, timeout).read_text()


def download_path(driver, downloads, button_id: str, suffix: str, timeout: float = 30):
    """Click a download button and return the file that lands in the download folder."""
    before = set(downloads.glob(f"*{suffix}"))
    button = driver.find_element(By.ID, button_id)
    wait_for(lambda: button.is_enabled(), what=f"{button_id} enabled")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()

    def landed():
        new = [p for p in set(downloads.glob(f"*{suffix}")) - before if p.stat().st_size > 0]
        return new[0] if new else None

    return wait_for(landed, timeout=timeout, what=f"the {suffix} download")


def test_conversation_form_edit_and_report_downloads(app_server, browser_factory, tmp_path):
    downloads = tmp_path / "downloads"
    d = browser_factory(downloads=downloads)
    open_app(d, app_server.url)

    first = say(d, "We need semantic search over English clinical notes.")
    assert "medical" in first.lower()
    assert field_value(d, "domain") == "Medical"                     # chat -> form
    say(d, "Nothing may leave our servers. About 2 million notes, CPUs only.")
    wait_for(lambda: "Top pick" in headline(d), what="a recommendation")
    assert field_value(d, "privacy") == "Local only" and field_value(d, "documents") == "2000000"
    top_before = re.search(r"Top pick: (\S+)", headline(d)).group(1)
    table = d.find_element(By.ID, "candidates").text
    assert top_before in table and "Memory" in table                  # a card per pick, with its footprint
    assert d.find_elements(By.CSS_SELECTOR, "#tradeoff-chart svg circle")
    assert d.find_element(By.ID, "why-not").text.strip()
    accordion = d.find_element(By.CSS_SELECTOR, "#steps-accordion .label-wrap, #steps-accordion button")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", accordion)
    accordion.click()  # unobtrusive: closed until asked for
    steps = wait_for(lambda: d.find_element(By.ID, "steps").text, what="the intermediate steps")
    assert "retrieved" in steps and "hard constraints" in steps

    # form -> recommendation: 20k notes instead of 2 million lift the time-to-index limit, so the top pick changes
    docs = d.find_element(By.CSS_SELECTOR, "#pf-documents input")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", docs)
    docs.clear()
    docs.send_keys("20000", Keys.ENTER)
    wait_for(lambda: "Profile edited in the form" in d.find_elements(By.CSS_SELECTOR, BOT)[-1].text,
             what="the form edit noted in the chat")
    wait_for(lambda: "Top pick" in headline(d) and top_before not in headline(d), what="a new top pick")

    # the next chat turn continues from the edited profile (form -> conversation state)
    say(d, "The model may use at most 8 GB of memory.")
    wait_for(lambda: field_value(d, "memory_gb") == "8", what="memory updated from chat")
    assert field_value(d, "documents") == "20000"
    top_after = re.search(r"Top pick: (\S+)", headline(d)).group(1)

    md = download(d, downloads, "dl-md", ".md")
    assert md.startswith("# Embedding model recommendation") and top_after in md
    html = download(d, downloads, "dl-html", ".html")
    assert 'id="section-picks"' in html and "<script" not in html.lower()
    def json_report_with_chat_memory():   # the downloads are rebuilt after the chat turn's reply is shown
        got = json.loads(download(d, downloads, "dl-json", ".json"))
        return got if got["recommendation"]["profile"].get("memory_gb") == 8 else None

    data = wait_for(json_report_with_chat_memory, timeout=90, interval=2, what="the JSON report with the memory from chat")
    rec = data["recommendation"]
    assert rec["profile"]["documents"] == 20_000
    assert rec["recommendations"][0]["model"] == top_after
    pdf = download_path(d, downloads, "dl-pdf", ".pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
    assert external(requested_urls(d)) == []
    assert_no_page_errors(d, app_server.origin)


def test_trial_on_demo_sample_with_progress(app_server, browser_factory, tmp_path):
    downloads = tmp_path / "downloads"
    d = browser_factory(downloads=downloads)
    open_app(d, app_server.url)
    say(d, "Semantic search over English medical FAQ answers; it must run on our own machines; 50k documents.")
    wait_for(lambda: "Top pick" in headline(d), what="a recommendation")
    click_tab(d, "Trial")
    wait_for(lambda: "No recommendation yet" not in d.find_element(By.ID, "trial-plan").text, what="the trial plan")
    d.find_element(By.ID, "trial-run").click()
    seen: list[str] = []
    progress = re.compile(r"\b(prepare|baseline|load|encode|evaluate|reading the sample)\b")

    def done() -> bool:
        for el in d.find_elements(By.CSS_SELECTOR, ".progress-text, .progress-level, .meta-text"):
            try:
                text = el.text
            except Exception:  # noqa: BLE001 - re-rendered while reading
                continue
            if progress.search(text):
                seen.append(text)
        return "Trial finished" in d.find_element(By.ID, "trial-status").text

    wait_for(done, timeout=240, interval=0.15, what="the trial to finish")
    assert seen, "no progress was shown while the trial ran"
    results = d.find_element(By.ID, "trial-results").text
    assert "all-MiniLM-L6-v2" in results and "BM25" in results
    assert d.find_elements(By.CSS_SELECTOR, "#trial-chart svg rect")
    click_tab(d, "Advisor")
    last = d.find_elements(By.CSS_SELECTOR, BOT)[-1].text
    assert "trial" in last.lower() and "nDCG@10" in last   # the justification cites the trial
    html = download(d, downloads, "dl-html", ".html")
    trial_part = html.split('id="section-trial"')[1].split("</section>")[0]
    assert "all-MiniLM-L6-v2" in trial_part and "ndcg@10" in trial_part
    assert external(requested_urls(d)) == []
    assert_no_page_errors(d, app_server.origin)


def test_hostile_text_renders_as_text_and_never_runs(app_server, browser_factory):
    d = browser_factory()
    open_app(d, app_server.url)
    evil = ('<script>window.__xss = 1</script><img src="xss-probe.png" onerror="window.__xss = 2">'
            '<svg onload="window.__xss = 3"></svg> English <b>support</b> tickets')
    say(d, evil)
    wait_until_settled(d)   # a rendered <img onerror> would have fired by now
    assert d.execute_script("return window.__xss") is None
    chat = d.find_element(By.ID, "chat")
    assert not chat.find_elements(By.CSS_SELECTOR, ".message-content script, .message-content img, "
                                                   ".message-content b, .message-content svg[onload]")
    user = d.find_elements(By.CSS_SELECTOR, "#chat [data-testid='user']")[-1].text
    assert "<script>window.__xss = 1</script>" in user and "<b>support</b>" in user   # shown literally
    assert not [u for u in requested_urls(d) if "xss-probe" in u]


def test_widget_in_host_page_from_allowed_origin(app_server, host_site, browser_factory):
    d = browser_factory(width=1300, height=900)
    d.get(f"{host_site.origin}/host-page.html?app={app_server.url}")
    status = wait_for(lambda: d.find_element(By.ID, "api-status").get_attribute("data-result"), what="the API check")
    assert status == "allowed", d.find_element(By.ID, "api-status").text
    d.switch_to.frame(d.find_element(By.ID, "ea-widget"))
    wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#w-msg textarea"), timeout=90, what="the widget inside the iframe",
             diagnose=lambda: frame_state(d))
    say(d, "English support tickets, must stay on-prem, 10k documents", css="#w-chat [data-testid='bot']",
        box="#w-msg textarea", button="w-send")
    wait_for(lambda: "MTEB" in d.find_element(By.ID, "w-picks").text, what="the widget's top picks")
    d.switch_to.default_content()
    assert external(requested_urls(d)) == []


def test_widget_and_api_refused_for_an_origin_not_on_the_allow_list(app_server, other_site, browser_factory):
    d = browser_factory(width=1300, height=900)
    d.get(f"{other_site.origin}/host-page.html?app={app_server.url}")
    status = wait_for(lambda: d.find_element(By.ID, "api-status").get_attribute("data-result"), what="the API check")
    assert status == "refused"
    # The frame must end on Chromium's error page (it was blocked), and the reason must be the CSP:
    # the widget's own response names only the allowed ancestors, not this site. (The console message
    # "frame-ancestors" is not awaited: under a loaded machine Chromium sometimes drops it.)
    def frame_blocked() -> bool:
        d.switch_to.frame(d.find_element(By.ID, "ea-widget"))
        try:
            return d.execute_script("return location.href").startswith("chrome-error://")
        finally:
            d.switch_to.default_content()

    wait_for(frame_blocked, timeout=30, what="Chromium blocking the frame")
    d.switch_to.frame(d.find_element(By.ID, "ea-widget"))
    assert not d.find_elements(By.CSS_SELECTOR, "#w-msg textarea")
    d.switch_to.default_content()
    csp = httpx.get(f"{app_server.url}/widget/", follow_redirects=True).headers["content-security-policy"]
    assert "frame-ancestors" in csp and other_site.origin not in csp


def test_web_component_in_host_page_from_allowed_origin(app_server, host_site, browser_factory):
    """<gradio-app> with its script served by the app itself (no CDN) runs inside the host site's page."""
    d = browser_factory(width=1300, height=900)
    d.get(f"{host_site.origin}/host-page-component.html?app={app_server.url}")
    wait_for(lambda: d.find_element(By.CSS_SELECTOR, "gradio-app #w-msg textarea"), timeout=90,
             what="the web component in the host page", diagnose=lambda: frame_state(d))
    say(d, "English support tickets, must stay on-prem, 10k documents", css="gradio-app #w-chat [data-testid='bot']",
        box="gradio-app #w-msg textarea", button="w-send")
    wait_for(lambda: "MTEB" in d.find_element(By.ID, "w-picks").text, what="the component's top picks")
    assert d.execute_script("return location.origin") == host_site.origin   # no frame: part of the host page
    # Its link to the full app points at the app, not at the host site.
    wait_for(lambda: d.find_element(By.ID, "w-full").get_attribute("href").startswith(app_server.url),
             what="an absolute link to the full app", diagnose=lambda: d.find_element(By.ID, "w-full").get_attribute("href"))
    urls = requested_urls(d)
    assert f"{app_server.url}/widget/gradio.js" in urls and external(urls) == []


def test_web_component_refused_for_an_origin_not_on_the_allow_list(app_server, other_site, browser_factory):
    d = browser_factory(width=1300, height=900)
    d.get(f"{other_site.origin}/host-page-component.html?app={app_server.url}")
    status = wait_for(lambda: d.find_element(By.ID, "ea-slot").get_attribute("data-result"), what="the script refused")
    assert status == "refused"
    assert not d.find_elements(By.CSS_SELECTOR, "gradio-app textarea")
    refused = httpx.get(f"{app_server.url}/widget/gradio.js", headers={"Origin": other_site.origin})
    assert refused.status_code == 403 and "EA_ALLOWED_ORIGINS" in refused.json()["detail"]


@pytest.mark.parametrize("path", ["/", "/widget/"])
def test_pages_load_nothing_from_outside(app_server, browser_factory, path):
    d = browser_factory()
    d.get(app_server.url + path)
    wait_for(lambda: d.find_elements(By.CSS_SELECTOR, "textarea"), what="the page")
    wait_until_settled(d)
    urls = requested_urls(d)
    assert any(app_server.origin in u for u in urls) and external(urls) == []
