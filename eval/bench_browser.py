"""A scripted person in headless Chromium, for ``python -m eval app``: accessibility and page errors.

The session covers what a person does in the app: chat, click a suggested answer, edit the form, download the
reports, upload a file to the Trial tab and run it, paste a large sample and cancel, and open the widget and the
HTML report. On every page it runs axe-core (from PyPI's ``axe-selenium-python``) and counts the serious and critical
violations; it also counts the page's failed calls to its own server (4xx/5xx) and the browser console's errors.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from tests.app.axe import axe_violations
from tests.app.browser import console_errors, failed_responses, make_driver, send_message, wait_for

BOT = "#chat [data-testid='bot']"
ARTICLE = ("Article {i}: how to reset the {thing} on router model {i}. Unplug it, hold the {thing} button for {s} "
           "seconds, then wait until the light turns {colour}.")
THINGS = (("power", "green"), ("wifi", "white"), ("pairing", "amber"), ("factory", "red"))


def _articles(n: int) -> str:
    return "\n\n".join(ARTICLE.format(i=i, thing=THINGS[i % 4][0], colour=THINGS[i % 4][1], s=i % 9 + 2)
                       for i in range(n))


def _click(d: Any, element: Any) -> None:
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _say(d: Any, text: str) -> None:
    from selenium.webdriver.common.by import By

    before = len(d.find_elements(By.CSS_SELECTOR, BOT))
    send_message(d, text)
    wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, BOT)) > before, timeout=120, what="a reply")


def _tab(d: Any, label: str) -> None:
    from selenium.webdriver.common.by import By

    _click(d, next(t for t in d.find_elements(By.CSS_SELECTOR, "[role='tab']") if t.text.strip() == label))


def _status(d: Any) -> str:
    from selenium.webdriver.common.by import By

    return d.find_element(By.ID, "trial-status").text


def leave(d: Any, console: list[str]) -> None:
    """Keep the page's console errors, then leave it. Gradio's client logs its own connection being closed while
    the page unloads ("signal is aborted", "Connection errored out"): a blank page in between drops those, which a
    person never sees."""
    console.extend(console_errors(d))
    d.get("about:blank")
    time.sleep(1)
    console_errors(d)


def session(url: str) -> dict[str, Any]:
    """Run the scripted session against the app at ``url``; violations and errors per step."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    origin = "/".join(url.split("/")[:3])
    tmp = Path(tempfile.mkdtemp(prefix="ea-eval-browser-"))
    downloads = tmp / "downloads"
    d = make_driver(tmp / "chromium", width=1400, height=1600, downloads=downloads)
    axe: dict[str, list[str]] = {}
    console: list[str] = []
    steps: list[str] = []

    def check(page: str) -> None:
        axe[page] = [f"{v['impact']} {v['id']} ({len(v.get('nodes') or [])} element(s))" for v in axe_violations(d)]
        console.extend(console_errors(d))

    try:
        d.get(url + "/")
        wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#msg textarea"), timeout=120, what="the page")
        check("main page, empty")
        _say(d, "Semantic search over about 2 million English clinical notes, CPU servers with 32 GB.")
        answer = next((b for b in d.find_elements(By.CSS_SELECTOR, "button.ea-answer")
                       if b.is_displayed() and b.text.strip() == "Yes, keep it local"), None)
        if answer is not None:
            before = len(d.find_elements(By.CSS_SELECTOR, BOT))
            _click(d, answer)
            wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, BOT)) > before, timeout=120, what="the answer")
        else:
            _say(d, "Nothing may leave our servers.")
        wait_for(lambda: "Top pick" in d.find_element(By.ID, "rec-headline").text, timeout=120, what="advice")
        steps.append("chat and answer")
        memory = d.find_element(By.CSS_SELECTOR, "#pf-memory_gb input")
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", memory)
        memory.clear()
        before = len(d.find_elements(By.CSS_SELECTOR, BOT))
        memory.send_keys("8", Keys.ENTER)
        wait_for(lambda: len(d.find_elements(By.CSS_SELECTOR, BOT)) > before, timeout=120, what="the form edit")
        steps.append("form edit")
        check("main page, with advice")
        for fmt in ("md", "html", "json"):
            button = d.find_element(By.ID, f"dl-{fmt}")
            wait_for(lambda b=button: b.is_enabled(), what=f"the {fmt} download")
            _click(d, button)
            wait_for(lambda f=fmt: [p for p in downloads.glob(f"*.{f}") if p.stat().st_size], what=f"{fmt} file")
        steps.append("downloads")

        _tab(d, "Trial")
        option = next(lb for lb in d.find_elements(By.CSS_SELECTOR, "#trial-source label")
                      if lb.text.strip() == "Upload a file")
        _click(d, option)
        sample = tmp / "router_help.txt"
        sample.write_text(_articles(60))
        wait_for(lambda: d.find_element(By.ID, "trial-upload").is_displayed(), what="the upload box")
        d.find_element(By.CSS_SELECTOR, "#trial-upload input[type=file]").send_keys(str(sample))
        wait_for(lambda: "router_help" in d.find_element(By.ID, "trial-upload").text, what="the uploaded file")
        _click(d, d.find_element(By.ID, "trial-run"))
        wait_for(lambda: "Trial finished" in _status(d) or "Error" in _status(d), timeout=600, what="the trial")
        steps.append("trial upload: " + _status(d).splitlines()[0][:60])
        check("trial tab, with results")
        option = next(lb for lb in d.find_elements(By.CSS_SELECTOR, "#trial-source label")
                      if lb.text.strip() == "Paste text")
        _click(d, option)
        box = wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#trial-paste textarea"), what="the paste box")
        d.execute_script("const el=arguments[0]; el.value=arguments[1]; el.dispatchEvent(new Event('input',"
                         "{bubbles:true}));", box, _articles(1500))
        _click(d, d.find_element(By.ID, "trial-run"))
        time.sleep(3)  # a person waits a moment, then changes their mind
        _click(d, d.find_element(By.ID, "trial-cancel"))
        wait_for(lambda: "Trial cancelled" in _status(d) or "Trial finished" in _status(d) or "Error" in _status(d),
                 timeout=600, what="the cancelled trial")
        steps.append("trial cancel: " + _status(d).splitlines()[0][:60])
        failed = failed_responses(d, origin)
        leave(d, console)
        d.get(url + "/widget/")
        wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#w-msg textarea"), timeout=120, what="the widget")
        check("widget")
        failed += failed_responses(d, origin)
        leave(d, console)
        report = next(downloads.glob("*.html"))
        d.get(report.as_uri())
        wait_for(lambda: d.find_element(By.ID, "section-picks"), what="the HTML report")
        check("HTML report")
    finally:
        d.quit()
    errors = sorted(set(failed)) + console
    return {"axe_violations": sum(len(v) for v in axe.values()), "browser_console_errors": len(errors),
            "axe": axe, "errors": errors[:10], "steps": steps}
