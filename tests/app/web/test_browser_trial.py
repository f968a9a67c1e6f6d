"""The Trial tab driven the way a person drives it: click the sample source, choose a file in the file
input, paste documents, run, cancel. Every call the page makes to its own server must succeed: a 4xx/5xx
from the page's own calls is what the person sees as a red *Error* (the defect these tests pin down).
"""

from __future__ import annotations

import re

from selenium.webdriver.common.by import By

from tests.app.browser import assert_no_page_errors, failed_responses, wait_for

THINGS = [("power", "green"), ("reset", "blue"), ("wifi", "white"), ("pairing", "amber"), ("factory", "red")]


def articles(n: int) -> str:
    """``n`` distinct support articles, one per paragraph."""
    return "\n\n".join(
        f"Article {i}: how to reset the {THINGS[i % 5][0]} on the model {i} router. Unplug it, hold the "
        f"{THINGS[i % 5][0]} button for {i % 9 + 2} seconds, then wait until the light turns {THINGS[i % 5][1]}."
        for i in range(n))


SAMPLE = articles(40)


def open_trial_tab(d, url: str) -> None:
    d.get(url + "/")
    wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#msg textarea"), what="the chat box")
    tab = wait_for(lambda: next(t for t in d.find_elements(By.CSS_SELECTOR, "[role='tab']")
                                if t.text.strip() == "Trial"), what="the Trial tab")
    tab.click()
    wait_for(lambda: d.find_element(By.ID, "trial-source").is_displayed(), what="the sample chooser")


def choose_source(d, label: str) -> None:
    """Click the radio option whose visible label is ``label`` (what a person clicks)."""
    option = next(lb for lb in d.find_elements(By.CSS_SELECTOR, "#trial-source label") if lb.text.strip() == label)
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", option)
    option.click()


def visible(d, elem_id: str) -> bool:
    found = d.find_elements(By.ID, elem_id)
    return bool(found) and found[0].is_displayed()


def status(d) -> str:
    return d.find_element(By.ID, "trial-status").text


def test_upload_a_file_and_run(app_server, browser_factory, tmp_path):
    d = browser_factory()
    open_trial_tab(d, app_server.url)
    choose_source(d, "Upload a file")
    wait_for(lambda: visible(d, "trial-upload"), what="the upload box")
    assert not visible(d, "trial-demo"), "the demo chooser must hide when the user uploads a file"
    assert "Error" not in d.find_element(By.ID, "trial-source").text
    sample = tmp_path / "router_help.txt"
    sample.write_text(SAMPLE)
    d.find_element(By.CSS_SELECTOR, "#trial-upload input[type=file]").send_keys(str(sample))
    wait_for(lambda: "router_help" in d.find_element(By.ID, "trial-upload").text, what="the uploaded file shown")
    run = d.find_element(By.ID, "trial-run")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", run)
    run.click()
    wait_for(lambda: "Trial finished" in status(d) or "Error" in status(d), timeout=240, what="the trial to finish",
             interval=0.5)
    assert "Trial finished" in status(d), status(d)
    results = d.find_element(By.ID, "trial-results").text
    assert "all-MiniLM-L6-v2" in results and "BM25" in results
    assert str(tmp_path) not in d.find_element(By.TAG_NAME, "body").text   # no server or client paths shown
    assert_no_page_errors(d, app_server.origin)


def test_paste_text_then_cancel(app_server, browser_factory):
    d = browser_factory()
    open_trial_tab(d, app_server.url)
    choose_source(d, "Paste text")
    wait_for(lambda: visible(d, "trial-paste"), what="the paste box")
    assert not visible(d, "trial-demo") and not visible(d, "trial-upload")
    box = d.find_element(By.CSS_SELECTOR, "#trial-paste textarea")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    # a paste: the whole text arrives at once (send_keys would type it key by key)
    d.execute_script("const el=arguments[0]; el.value=arguments[1]; el.dispatchEvent(new Event('input',{bubbles:true}));",
                     box, articles(1500))
    d.find_element(By.ID, "trial-run").click()

    def progress() -> str:
        return d.execute_script("return Array.from(document.querySelectorAll('#trial-status, .progress-text, "
                                ".progress-level, .meta-text')).map(e => e.innerText).join(' ')")

    wait_for(lambda: "encode" in progress(), what="the trial to start encoding", timeout=120, interval=0.2)
    d.find_element(By.ID, "trial-cancel").click()
    wait_for(lambda: "Trial cancelled" in status(d) or "Trial finished" in status(d) or "Error" in status(d),
             timeout=240, what="the trial to stop", interval=0.5)
    assert "Trial cancelled" in status(d), status(d)
    assert "partial" in status(d)
    assert_no_page_errors(d, app_server.origin)
    # Cancel with nothing running leaves the result in place
    d.find_element(By.ID, "trial-cancel").click()
    d.find_element(By.ID, "trial-source").click()   # an unrelated click: gives the cancel event time to answer
    wait_for(lambda: failed_responses(d, app_server.origin) == [] and "Trial cancelled" in status(d),
             what="the status kept")
    # switching back to the demo sample works too
    choose_source(d, "Demo sample")
    wait_for(lambda: visible(d, "trial-demo"), what="the demo chooser")
    assert_no_page_errors(d, app_server.origin)


def test_before_the_run_it_says_what_can_run_and_after_it_one_plain_sentence(app_server, browser_factory, tmp_path):
    """Offline (the test server): no download is offered, the plan says why a candidate cannot run, nothing that
    cannot run is ticked, one progress bar moves, and the result leads with a sentence, never 'best' of one."""
    from tests.app.server_util import REPO
    from tests.app.web.test_browser import headline, open_app, say

    d = browser_factory()
    open_app(d, app_server.url)
    say(d, "Semantic search over English medical FAQ answers; it must run on our own machines; 50k documents.")
    wait_for(lambda: "Top pick" in headline(d), what="a recommendation")
    tab = next(t for t in d.find_elements(By.CSS_SELECTOR, "[role='tab']") if t.text.strip() == "Trial")
    tab.click()
    plan = wait_for(lambda: "No recommendation yet" not in d.find_element(By.ID, "trial-plan").text
                    and d.find_element(By.ID, "trial-plan").text, what="the trial plan for the recommendation")
    assert "Cannot run here" in plan and "does not download models" in plan and "EA_ONLINE=true" in plan
    assert not visible(d, "trial-download")                          # offline: no download offer
    ticked = d.execute_script("return Array.from(document.querySelectorAll('#trial-candidates input:checked'))"
                              ".map(i => i.closest('label').innerText)")
    assert all("— ready" in label for label in ticked), ticked        # never ticks what cannot run

    # the person's own file (documents no other test embedded: the run must encode, not hit the cache)
    choose_source(d, "Upload a file")
    sample = tmp_path / "clinic_faq.txt"
    sample.write_text(articles(120).replace("router", "clinic kiosk"))
    wait_for(lambda: visible(d, "trial-upload"), what="the upload box")
    d.find_element(By.CSS_SELECTOR, "#trial-upload input[type=file]").send_keys(str(sample))
    wait_for(lambda: "clinic_faq" in d.find_element(By.ID, "trial-upload").text, what="the uploaded file shown")
    run = d.find_element(By.ID, "trial-run")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", run)
    run.click()
    bars: list[int] = []
    moved: list[str] = []

    def finished() -> bool:
        shown = d.execute_script("""return Array.from(document.querySelectorAll('[data-testid="status-tracker"]'))
            .filter(t => t.offsetParent !== null && !t.classList.contains('hide')
                         && t.querySelector('.progress-level, .progress-text'))
            .map(t => t.innerText.replace(/\\s+/g, ' ').slice(0, 80));""")
        bars.append(len(shown))
        moved.extend(x for x in shown if re.search(r"\b(load|encode|baseline|evaluate|prepare)\b", x))
        return "Trial finished" in status(d) or "Error" in status(d)

    wait_for(finished, timeout=300, interval=0.2, what="the trial to finish")
    assert "Trial finished" in status(d), status(d)
    assert max(bars) == 1, f"several progress displays at once: {max(bars)}"
    assert moved, "the progress bar never showed a stage"
    text = status(d)
    assert "found the right document in the top 5 for" in text and "keyword search" in text
    assert "Only one model ran: sentence-transformers/all-MiniLM-L6-v2" in text and "best" not in text.lower()
    heads = d.find_elements(By.CSS_SELECTOR, "#trial-results th span[title]")
    assert [h.text for h in heads][:2] == ["Model", "Found in top 5"] and all(h.get_attribute("title") for h in heads)
    assert "BM25" in d.find_element(By.ID, "trial-results").text
    fold = d.find_element(By.CSS_SELECTOR, "#trial-report .label-wrap, #trial-report button")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", fold)
    fold.click()
    details = wait_for(lambda: d.find_element(By.ID, "trial-details").get_attribute("textContent"),
                       what="the full trial report")
    assert "clinic_faq.txt" in details
    body = d.find_element(By.TAG_NAME, "body").get_attribute("textContent")
    for text_ in (body, details):
        assert "agents/trial/samples" not in text_ and str(REPO) not in text_     # no server paths
        assert str(tmp_path) not in text_ and "/tmp" not in text_
    assert_no_page_errors(d, app_server.origin)
