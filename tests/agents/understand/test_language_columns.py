"""Languages read from the language column of a pasted table (languages/columns.py)."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.languages.columns import column_languages
from agents.understand.prep import prepare


@pytest.mark.parametrize("text, codes", [
    ("id,title,price,lang\n1,Kaffeemaschine mit Mahlwerk,89.00,de\n2,espresso machine,79.00,en\n3,cafetière,25.00,fr",
     ["de", "en", "fr"]),
    ("| sku | name | locale |\n| X1 | mesa de centro | es_ES |\n| X2 | coffee table | en_GB |", ["es", "en"]),
    ("id;language;text\n7;nl;Mijn pakket is niet aangekomen\n8;nl;Waar blijft mijn bestelling", ["nl"]),
])
def test_the_language_column_lists_the_languages(text: str, codes: list[str]) -> None:
    assert [c for c, _ in column_languages(prepare(text))] == codes


@pytest.mark.parametrize("text", [
    "id,title,notes\n1,Kaffeemaschine,de\n2,toaster,en",               # no language column
    "id,lang,title\n1,unknown,Kaffeemaschine\n2,??,toaster",           # no codes in it
    "we care about language, price and speed, that's it",               # prose with commas
])
def test_no_language_column_no_language(text: str) -> None:
    assert column_languages(prepare(text)) == []


def test_a_pasted_sample_sets_the_languages_with_a_note() -> None:
    ex = extract("sample of our export:\nsku,title,lang\nA-1,\"Akku-Bohrschrauber 18V\",de\nB-2,\"electric toothbrush\",en")
    assert ex.updates["languages"] == ["de", "en"]
    assert any("language column" in n for n in ex.notes)
