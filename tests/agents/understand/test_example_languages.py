"""Example queries quoted by the user tell the languages of the queries when no language is named: "users type
'zapatos rojos' or 'red shoes'" means Spanish and English; a model name, a single quoted English example, or a
phrase whose language is unclear adds nothing, and a language the user names always wins."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract
from agents.understand.languages.examples import example_languages, quote_language
from agents.understand.prep import prepare


@pytest.mark.parametrize("phrase, code", [
    ("chaise longue en velours", "fr"),
    ("appartamento con terrazzo", "it"),
    ("fiets met elektrische ondersteuning", "nl"),
    ("tênis de corrida feminino", "pt"),
    ("buty do biegania damskie", "pl"),
    ("waterproof hiking boots", "en"),
    ("Regenjacke für Kinder", "de"),
    ("чехол для телефона", "ru"),
    ("防水 ジャケット", "ja"),
])
def test_short_phrases_get_their_language(phrase, code):
    assert quote_language(phrase) == code


@pytest.mark.parametrize("phrase", ["sofa", "hotel", "iphone 15 case", "xq-3000 pro",
                                    "lampa do salonu"])   # Polish, but Czech is almost as likely
def test_unclear_phrases_give_nothing(phrase):
    assert quote_language(phrase) is None


def test_quoted_examples_after_a_cue_are_read():
    prep = prepare("shoppers search for things like 'botas de montaña impermeables' or 'waterproof hiking boots'")
    assert [(e.code, e.quote) for e in example_languages(prep)] == [
        ("es", "botas de montaña impermeables"), ("en", "waterproof hiking boots")]


def test_quotes_without_an_example_cue_are_not_queries():
    assert example_languages(prepare("the project is called 'casa nostra' internally")) == []


def test_examples_set_the_languages_and_say_so():
    ex = extract("photo search for a furniture shop: customers type 'chaise longue en velours' or 'velvet lounge "
                 "chair' and should get the matching product photos", Profile())
    assert ex.updates["languages"] == ["fr", "en"]
    assert any("example queries" in n and "French" in n for n in ex.notes)


def test_english_examples_alone_change_nothing():
    ex = extract("customers type things like 'velvet lounge chair' into the search box", Profile())
    assert "languages" not in ex.updates


def test_a_named_language_wins_over_examples():
    ex = extract("German product search, queries like 'chaise longue en velours' are rare", Profile())
    assert ex.updates["languages"] == ["de"]


def test_known_languages_are_not_replaced_by_examples():
    ex = extract("they type things like 'buty do biegania damskie'", Profile(languages=["en"]))
    assert "languages" not in ex.updates
