"""Needs and questions written the way users write them (classes of misses from the held-out sets, new wording)."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.intent import read_intent


@pytest.mark.parametrize("message, expected", [
    ("our sound archive has 9k podcast episodes, listeners search them with text queries", {"data_type": "audio"}),
    ("we are a small charity, the reports are in Welsh", {"commercial_use": False}),
    ("registered nonprofit, 10k English letters to search", {"commercial_use": False}),
    ("we'd gladly pay for a hosted embeddings API", {"privacy": "cloud_ok"}),
    ("the data may not leave the EU, but an EU-hosted API is acceptable", {"privacy": "cloud_ok"}),
    ("nothing may leave our servers, an EU-hosted API is fine", {"privacy": "local_only"}),
    ("all files stay in our Munich data center", {"privacy": "local_only"}),
    ("we want to group survey answers into topics", {"task": "clustering"}),
    ("staff should get answers to HR questions from our policy handbook", {"task": "rag"}),
    ("file incoming invoices into cost categories", {"task": "classification"}),
    ("a music catalogue where users click \"more like this\"", {"task": "recommendation"}),
    ("Ci sono circa 20mila contratti in italiano", {"documents": 20000}),
    ("We pay $15 per user for Confluence and have 3k pages", {"documents": 3000}),
    ("no commercial use — Spanish and Catalan field notes", {"languages": ["es", "ca"]}),
    # a quoted example query is blanked; the words around it still say the task
    ("agents type 'refund for a damaged parcel' and land on the right macro", {"task": "search"}),
])
def test_needs_in_users_words(message, expected):
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected


def test_a_per_seat_price_is_no_budget():
    assert "budget_usd_month" not in extract("We pay $15 per user for Confluence").updates


@pytest.mark.parametrize("message, asks", [
    ("what if we drop Danish and keep Swedish only?", None),              # a correction, read as needs
    ("how about we say 50k documents instead?", None),
    ("at 30 queries per second, what would voyage-3 cost?", "cost_question"),
    ("if we had 10 million pages, how big would the index get?", "cost_question"),
    ("how long will the first indexing run take on a T4?", "cost_question"),
    ("FooEmbed vs BarVec — which one?", "comparison"),
    ("what's a cross-encoder and do we need one?", "concept_question"),
    ("how do I start a fresh profile?", "process_question"),
    ("can I run this from the command line?", "process_question"),
])
def test_what_a_message_asks(message, asks):
    assert read_intent(message).asks == asks


def test_a_hypothesis_is_part_of_the_question_and_never_a_need():
    message = "at 30 queries per second, what would voyage-3 cost?"
    reading = read_intent(message)
    assert reading.fact_spans == [] or "queries_per_second" not in extract(message, ignore=reading.question_spans).updates


def test_the_replaced_number_is_not_the_new_value():
    from agents.profile import Profile
    assert extract("how about we say 100k documents instead of 30k?", Profile(documents=30000)).updates["documents"] == 100000
    assert extract("2 million notes, not 200k").updates["documents"] == 2_000_000


@pytest.mark.parametrize("message, asks", [
    ("what would re-embedding the corpus cost if we switch models next year?", "cost_question"),
    ("what is quantization and what does it cost?", "concept_question"),
])
def test_a_cost_asked_first_is_a_cost_question(message, asks):
    assert read_intent(message).asks == asks


def test_a_run_on_message_keeps_its_privacy_and_its_paragraph_count():
    updates = extract("they want to type a question and get the relevant paragraphs back and we can't send anything outside "
                      "the firm and there's maybe 3 million paragraphs total").updates
    assert updates["privacy"] == "local_only" and updates["documents"] == 3_000_000


@pytest.mark.parametrize("message, expected", [
    ("dataset = 600k product titles", {"documents": 600_000}),
    ("they are bug reports from our tracker, roughly 70k of them", {"documents": 70_000}),
])
def test_counts_written_as_an_assignment_or_after_their_noun(message, expected):
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize("message, domain", [
    ("The Finance Operations group pays for it; the data is 20k clinical notes", "medical"),
    ("our attorneys only accept MIT-licensed models; the corpus is product reviews", "e-commerce"),
])
def test_a_group_or_role_that_pays_or_decides_is_not_the_domain(message, domain):
    assert extract(message).updates.get("domain") == domain
