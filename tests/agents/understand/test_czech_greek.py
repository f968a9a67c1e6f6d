"""Czech, Slovak and Greek messages (and Chinese language pairs): "no GPU" said on the verb, cores, lengths in pages
and words, data that must stay in-house and hosted APIs allowed (own sentences; round 7's Czech and Greek
conversations are not used)."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.languages.written import written_language
from agents.understand.numbers.quantities import TOKENS_PER_WORD, WORDS_PER_PAGE


@pytest.mark.parametrize("message, expected", [
    # no GPU: the negation is on the verb, before or after the noun
    ("Nemáme GPU, jen dva procesory a 128 GB RAM.", {"hardware": "cpu"}),
    ("GPU nemáme, k dispozici je server se 24 jádry.", {"hardware": "cpu", "cpu_cores": 24}),
    ("Nemáme žádnou GPU.", {"hardware": "cpu"}),
    ("GPU nie je k dispozícii, máme 8 jadier.", {"hardware": "cpu"}),
    ("GPU δεν έχουμε, μόνο 32 πυρήνες.", {"hardware": "cpu", "cpu_cores": 32}),
    ("Máme jednu kartu NVIDIA L4.", {"hardware": "gpu"}),
    # lengths: pages and words
    ("Rozhodnutí mají obvykle 4 strany.", {"avg_doc_tokens": round(4 * WORDS_PER_PAGE * TOKENS_PER_WORD)}),
    ("Každý záznam má asi 120 slov.", {"avg_doc_tokens": round(120 * TOKENS_PER_WORD)}),
    ("Κάθε αναφορά έχει περίπου 3 σελίδες.", {"avg_doc_tokens": round(3 * WORDS_PER_PAGE * TOKENS_PER_WORD)}),
    ("Τα μηνύματα είναι 20-40 λέξεις.", {"avg_doc_tokens": round(30 * TOKENS_PER_WORD)}),
    # privacy and hosted APIs
    ("Spisy musí zůstat v naší budově, žádný cloud.", {"privacy": "local_only"}),
    ("Nemůžeme poslat data do cloudu.", {"privacy": "local_only"}),
    ("Klidně můžeme použít API od OpenAI.", {"privacy": "cloud_ok"}),
    ("Τα δεδομένα των ασθενών πρέπει να μείνουν εσωτερικά.", {"privacy": "local_only"}),
    ("Δεν επιτρέπεται να στείλουμε τίποτα σε cloud.", {"privacy": "local_only"}),
    ("Μπορείτε να χρησιμοποιήσετε οποιοδήποτε API.", {"privacy": "cloud_ok"}),
    # a correction and a budget in euros, per month
    ("Pardon, rozpočet je 50 eur měsíčně, ne 500.", {"budget_usd_month": pytest.approx(50 * 1.1699, abs=0.01)}),
    ("Ο προϋπολογισμός είναι 80 ευρώ το μήνα.", {"budget_usd_month": pytest.approx(80 * 1.1699, abs=0.01)}),
    # tasks and language names
    ("Potřebujeme prohledávat archiv rozsudků.", {"task": "search"}),
    ("Θα θέλαμε να ομαδοποιήσουμε τα αιτήματα υποστήριξης.", {"task": "clustering"}),
    ("Část textů je německy a rusky.", {"languages": ["de", "ru"]}),
    ("Τα κείμενα είναι σε γαλλικά και ιταλικά.", {"languages": ["fr", "it"]}),
])
def test_czech_slovak_and_greek_are_read(message, expected):
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize("message, field", [
    ("Píšeme dokumentaci o GPU a cloudu.", "privacy"),
    ("Máme 3 strany zákazníků.", "cpu_cores"),
    ("Οι πελάτες μας δεν έχουν παράπονα.", "hardware"),
])
def test_lookalikes_set_nothing(message, field):
    assert field not in extract(message).updates


def test_czech_is_recognised_as_the_writing_language():
    assert written_language("Dobrý den, chtěli bychom vyhledávat v našich předpisech a rozhodnutích, "
                            "které máme uložené na serveru, a také v metodických pokynech.") == "cs"


@pytest.mark.parametrize("message, languages", [
    ("商品描述是中英文混合的", ["zh", "en"]),
    ("手册是中英双语对照的", ["zh", "en"]),
    ("只有英文的说明书", ["en"]),
])
def test_chinese_names_two_languages_in_one_word(message, languages):
    """'中英文' is Chinese and English (its '英文' alone read as English only, and the Chinese was lost)."""
    assert extract(message).updates.get("languages") == languages
