"""Questions in the real web page (issue 14): a model question, a comparison and a concept question are
answered in the chat from the knowledge base, and the needs form is left exactly as it was."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.app.browser import assert_no_page_errors, external, requested_urls, wait_for
from tests.app.web.test_browser import field_value, headline, open_app, say

FORM_FIELDS = ("data_type", "domain", "privacy", "documents", "hardware", "memory_gb")


def form(driver) -> dict[str, str]:
    return {name: field_value(driver, name) for name in FORM_FIELDS}


def test_questions_are_answered_and_never_edit_the_needs_form(app_server, browser_factory):
    d = browser_factory()
    open_app(d, app_server.url)
    say(d, "Semantic search over 2 million English support tickets; nothing may leave our servers; CPUs only.")
    wait_for(lambda: "Top pick" in headline(d), what="a recommendation")
    before, top = form(d), headline(d)
    assert before["privacy"] == "Local only" and before["documents"] == "2000000"

    model = say(d, "is bge-m3 any good for us?")
    assert "BAAI/bge-m3" in model and "licence" in model and "your corpus" in model

    compared = say(d, "bge-m3 vs multilingual-e5-large?")
    assert "Side by side" in compared
    assert "BAAI/bge-m3" in compared and "intfloat/multilingual-e5-large" in compared

    concept = say(d, "how does Matryoshka work?")
    assert "Matryoshka" in concept and "Sources:" in concept

    # The needs form, and the recommendation, are what they were before the questions.
    wait_for(lambda: form(d) == before, timeout=10, what="the form unchanged")
    assert headline(d) == top
    assert d.find_elements(By.CSS_SELECTOR, "#chat [data-testid='bot']")
    assert external(requested_urls(d)) == []
    assert_no_page_errors(d, app_server.origin)
