"""The Trial tab's Fine-tune step in a real browser, driven as a person drives it: ask for a recommendation,
open the step, choose the documents and the pairs in the file inputs, run (progress, then before/after with
BM25), download the report (it gains the fine-tune section), run again with more epochs and cancel during
training. Every call the page makes to its own server must succeed. A small sample: 30 pairs, 1 epoch."""

from __future__ import annotations

import json

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.app.browser import assert_no_page_errors, wait_for
from tests.app.web.test_browser import click_tab, download, headline, open_app, say
from tests.app.web.test_browser_trial import visible

TOOLS = ["drill", "saw", "sander", "grinder", "planer", "router", "jigsaw", "nailer", "heat gun", "polisher"]


def write_sample(tmp_path) -> tuple[str, str]:
    """30 manual sections and one question per section (ids link them)."""
    docs, pairs = tmp_path / "tool_manual.csv", tmp_path / "tool_pairs.jsonl"
    docs.write_text("id,text\n" + "".join(
        f"s{i},The {TOOLS[i % 10]} model {i} needs a {i % 4 + 2} mm bit and a {10 + i} V battery; clean its "
        f"filter every {i % 6 + 1} weeks.\n" for i in range(30)))
    pairs.write_text("".join(json.dumps({"query": f"which battery for tool {i} ({TOOLS[i % 10]})",
                                         "relevant": [f"s{i}"]}) + "\n" for i in range(30)))
    return str(docs), str(pairs)


def status(d) -> str:
    return d.find_element(By.ID, "finetune-status").text


def progress(d) -> str:
    return d.execute_script("return Array.from(document.querySelectorAll('#finetune-status .progress-text, "
                            "#finetune-status .progress-level, #finetune-status .meta-text, #finetune-status'))"
                            ".map(e => e.innerText).join(' ')")


def click(d, element) -> None:
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def stopped(d) -> bool:
    return any(word in status(d) for word in ("Fine-tune finished", "Fine-tune cancelled", "stopped", "Error"))


def test_upload_pairs_fine_tune_report_and_cancel(app_server, browser_factory, tmp_path):
    downloads = tmp_path / "downloads"
    d = browser_factory(downloads=downloads)
    open_app(d, app_server.url)
    say(d, "Semantic search over 5,000 English power-tool manuals, on our own CPU servers.")
    wait_for(lambda: "Top pick" in headline(d), what="a recommendation")

    click_tab(d, "Trial")
    click(d, wait_for(lambda: d.find_element(By.CSS_SELECTOR, "#finetune button, #finetune .label-wrap"),
                      what="the Fine-tune step"))
    wait_for(lambda: visible(d, "finetune-source"), what="the Fine-tune step open")
    click(d, next(lb for lb in d.find_elements(By.CSS_SELECTOR, "#finetune-source label")
                  if lb.text.strip() == "Upload a file"))
    wait_for(lambda: visible(d, "finetune-docs") and visible(d, "finetune-pairs"), what="the file inputs")
    assert not visible(d, "finetune-demo")
    docs, pairs = write_sample(tmp_path)
    d.find_element(By.CSS_SELECTOR, "#finetune-docs input[type=file]").send_keys(docs)
    d.find_element(By.CSS_SELECTOR, "#finetune-pairs input[type=file]").send_keys(pairs)
    wait_for(lambda: "tool_manual" in d.find_element(By.ID, "finetune-docs").text
             and "tool_pairs" in d.find_element(By.ID, "finetune-pairs").text, what="both files shown")

    click(d, d.find_element(By.ID, "finetune-run"))
    wait_for(lambda: any(f"{stage}:" in progress(d) for stage in ("load", "evaluate", "train", "save")),
             timeout=120, interval=0.2, what="the fine-tune's progress")
    wait_for(lambda: stopped(d), timeout=240, interval=0.5, what="the fine-tune to finish")
    assert "Fine-tune finished" in status(d), status(d)
    assert "too small to tell" in status(d)          # 9 held-out queries: the plain sentence says so
    result = d.find_element(By.ID, "finetune-result").text
    for shown in ("bm25", "fine-tuned", "all-MiniLM-L6-v2", "ndcg@10", "recall@10", "mrr@10", "95%", "Paired tests"):
        assert shown.lower() in result.lower(), shown
    assert "/tmp" not in d.find_element(By.TAG_NAME, "body").text   # no server paths shown

    # the report downloads gain the fine-tune section
    click_tab(d, "Advisor")

    def report_with_finetune():
        got = json.loads(download(d, downloads, "dl-json", ".json"))
        return got if got.get("finetune") else None

    report = wait_for(report_with_finetune, timeout=90, interval=2, what="the JSON report with the fine-tune")
    assert report["finetune"]["training"]["epochs_done"] == 1
    assert {s["role"] for s in report["finetune"]["systems"]} >= {"baseline", "base", "fine-tuned"}
    assert "/tmp" not in json.dumps(report["finetune"])

    # again with 5 epochs, cancelled while it trains: it stops after the current step
    click_tab(d, "Trial")
    epochs = d.find_element(By.CSS_SELECTOR, "#finetune-epochs input[type=number]")
    click(d, epochs)
    epochs.send_keys(Keys.CONTROL, "a")
    epochs.send_keys("5", Keys.TAB)
    wait_for(lambda: epochs.get_attribute("value") == "5", what="5 epochs chosen")
    click(d, d.find_element(By.ID, "finetune-run"))
    wait_for(lambda: "train:" in progress(d), timeout=120, interval=0.2, what="training to start")
    click(d, d.find_element(By.ID, "finetune-cancel"))
    wait_for(lambda: stopped(d), timeout=240, interval=0.5, what="the fine-tune to stop")
    assert "Fine-tune cancelled" in status(d), status(d)
    assert_no_page_errors(d, app_server.origin)
