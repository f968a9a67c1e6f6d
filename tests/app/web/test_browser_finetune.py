"""The Trial tab's Fine-tune step in a real browser: open it, start the demo fine-tune, see training
progress, cancel; every call the page makes to its own server succeeds."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.app.browser import assert_no_page_errors, wait_for
from tests.app.web.test_browser_trial import open_trial_tab


def status(d) -> str:
    return d.find_element(By.ID, "finetune-status").text


def test_demo_fine_tune_shows_progress_and_cancels(app_server, browser_factory):
    d = browser_factory()
    open_trial_tab(d, app_server.url)
    opener = d.find_element(By.CSS_SELECTOR, "#finetune button")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", opener)
    opener.click()
    run = wait_for(lambda: d.find_element(By.ID, "finetune-run"), what="the Fine-tune button")
    wait_for(lambda: run.is_displayed(), what="the Fine-tune step open")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", run)
    run.click()

    def progress() -> str:
        return d.execute_script("return Array.from(document.querySelectorAll('#finetune-status, .progress-text, "
                                ".progress-level, .meta-text')).map(e => e.innerText).join(' ')")

    wait_for(lambda: "train" in progress(), what="training to start", timeout=300, interval=0.3)
    d.find_element(By.ID, "finetune-cancel").click()
    wait_for(lambda: "Fine-tune cancelled" in status(d) or "Fine-tune finished" in status(d)
             or "Error" in status(d), timeout=300, what="the fine-tune to stop", interval=0.5)
    assert "Fine-tune cancelled" in status(d), status(d)
    assert "/tmp" not in d.find_element(By.TAG_NAME, "body").text   # no server paths shown
    assert_no_page_errors(d, app_server.origin)
