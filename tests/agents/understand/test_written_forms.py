"""Words are found however they are typed: with zero-width joiners, or joined by hyphens into a list."""

import pytest

from agents.understand.extract import extract
from agents.understand.vocabfile import without_hidden


def test_hidden_characters_are_removed_from_vocabulary_and_messages_alike():
    assert without_hidden("ඉංග්\u200dරීසි") == "ඉංග්රීසි"
    assert without_hidden("a\u200bb\u202ec\td") == "abc\td"


@pytest.mark.parametrize("message, languages", [
    # Sinhala writes "English" with a zero-width joiner (ඉංග්‍රීසි); the vocabulary file does too
    ("නඩු තීන්දු සිංහල සහ ඉංග්‍රීසි භාෂාවෙන්", ["si", "en"]),
    ("a Spanish-Portuguese-English glossary", ["es", "pt", "en"]),
    ("Маалыматтар казакча-орусча", ["kk", "ru"]),
    # a code-mixed blend names both its languages
    ("students write their doubts in Hinglish", ["hi", "en"]),
    ("support tickets come in Taglish", ["tl", "en"]),
    ("comments in Roman Urdu", ["ur"]),
])
def test_language_names_are_found_as_typed(message, languages):
    assert extract(message).updates.get("languages") == languages


@pytest.mark.parametrize("message, languages", [("English-speaking agents answer", ["en"]),
                                                ("non-English pages are dropped", None)])
def test_a_hyphen_joins_only_language_names(message, languages):
    assert extract(message).updates.get("languages") == languages


@pytest.mark.parametrize("message, tokens", [
    ("ní àròpín ọ̀rọ̀ 2,000 ní ọ̀kọ̀ọ̀kan", 2600),          # Yoruba tone marks stay in the word (the unit comes first)
    ("medja ta' 120 kelma kull talba", 156),               # Maltese words
    ("pep teul a ra 200 ger", 260),                        # Breton, Kurmanji, Burmese digits and unit, Kinyarwanda "nka"
    ("her belge 100 peyv e", 130),
    ("စာတစ်ခုမှာ စကားလုံး ၁၀၀ ရှိတယ်", 130),
    ("buri raporo ifite amagambo nka 100", 130),
    ("тэксты ў сярэднім слоў на 200", 260),                # "на" (about) between the unit and its number
])
def test_lengths_in_words_are_read_with_their_marks(message, tokens):
    assert extract(message).updates.get("avg_doc_tokens") == tokens


@pytest.mark.parametrize("message, expected", [
    # Haitian Creole, in my own words: "mil" is a thousand, "pa gen GPU" is no GPU, "gen 8 GB" has 8 GB, hours, cheapest
    ("Nou gen anviwon 200 mil dokiman.", {"documents": 200000}),
    ("Òdinatè a gen 16 GB RAM men li pa gen GPU.", {"hardware": "cpu", "memory_gb": 16.0}),
    ("Nou ka kite l travay lannwit, 6 èdtan.", {"index_window_hours": 6.0}),
    ("Nou vle modèl ki pi bon mache a.", {"priority": "cost"}),
])
def test_haitian_creole_needs_are_read(message, expected):
    updates = extract(message).updates
    assert {k: updates.get(k) for k in expected} == expected


@pytest.mark.parametrize("message", ["Gerda sent 300 on Monday", "we saw 20 upupas (hoopoes)"])   # whole words only
def test_a_word_unit_needs_its_number(message):
    assert "avg_doc_tokens" not in extract(message).updates
