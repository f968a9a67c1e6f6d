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


def test_a_short_example_gives_the_document_length():
    ex = extract("about 8 million product titles, really short ('stainless steel water bottle 750 ml')", Profile())
    assert ex.updates["avg_doc_tokens"] == 8        # 6 words x 1.3
    assert "example" in ex.evidence["avg_doc_tokens"]


def test_words_inside_quoted_examples_set_no_need():
    ex = extract("12 million job ads, short ('senior nurse for a hospital ward, night shifts'), English", Profile())
    assert "domain" not in ex.updates and "task" not in ex.updates


@pytest.mark.parametrize("message, task", [
    ("we code open survey answers from the labour force survey into ISCO-08 categories", "classification"),
    ("assign an industry code to every company description we receive", "classification"),
])
def test_coding_answers_into_codes_is_classification(message, task):
    ex = extract(message, Profile())
    assert ex.updates.get("task") == task and ex.updates.get("data_type") != "code"


def test_a_compute_cluster_is_hardware_not_clustering():
    assert "task" not in extract("we have an old cluster with 8x A100 for batch jobs", Profile()).updates


@pytest.mark.parametrize("answer, task", [
    ("no idea, just give me your best recommendation", None),
    ("I don't know, what's your recommendation?", None),
    ("recommendations", "recommendation"),
    ("a recommendation engine for articles", "recommendation"),
])
def test_asking_for_the_pick_is_no_task_answer(answer, task):
    assert extract(answer, Profile(), expecting="task").updates.get("task") == task
