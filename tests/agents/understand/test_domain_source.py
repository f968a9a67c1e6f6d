"""The domain comes from what the data is: not from whom a business sells to, the rule that keeps the data private,
who decides, or shelf stock."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract


@pytest.mark.parametrize("message", [
    "a CRM for agencies: our reps look for firms 'selling to law firms in Ohio'",         # the market, in an example
    "a lead finder: sales reps look for companies selling software into banks, across 3M company websites",
    "Customer NDAs: none of the transcripts may leave our data centre.",                   # the reason for privacy
    "under NDA, so the design docs stay on our servers",
    "our contracts prohibit sending client files to any vendor",
    "a garden centre kiosk that finds plants we stock from a shopper's description",     # shelf stock
    "what's in stock at each branch, searched by description",
])
def test_words_that_are_not_the_data_set_no_domain(message):
    assert extract(message).updates.get("domain") in (None, "general", "other", "e-commerce")


@pytest.mark.parametrize("message, domain", [
    ("we search 60k NDAs and supply contracts", "legal"),          # the documents are NDAs
    ("Agreements: about 15k NDAs to search", "legal"),
    ("equity research notes on stocks we cover", "finance"),
    ("hospital discharge letters, and we sell nothing", "medical"),
    ("a paid tool we sell to clinics for their intake notes", "medical"),    # the user's product serves them
    ("by law we must keep them, but the data is patient records", "medical"),
])
def test_the_data_itself_still_sets_the_domain(message, domain):
    assert extract(message).updates.get("domain") == domain
