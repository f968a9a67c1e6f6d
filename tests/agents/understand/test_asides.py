"""Asides (vocabulary/intents.yaml group ``aside``) are read only as whole sentences: a sentence made of nothing else
is never read for needs, while one that also states a need is read as usual."""

from __future__ import annotations

import pytest

from agents.understand.extract import extract
from agents.understand.intent import read_intent


@pytest.mark.parametrize("message", [
    'translate "good morning" into Japanese',
    "sorry, my cat walked over the keyboard - ignore that",
    "Entschuldigung, falsches Fenster",
    "переведите «добрый вечер» на японский",
    "「こんばんは」を韓国語に翻訳してください",
])
def test_a_sentence_of_asides_is_not_read_for_needs(message):
    reading = read_intent(message)
    assert reading.small_talk and reading.asks is None and reading.fact_spans == [], reading.parts


@pytest.mark.parametrize("message, field, value", [
    ("we need to translate our manuals into Japanese and search them", "languages", ["ja"]),
    ("ignore that, it's 40k docs", "documents", 40000),
    ("sorry. We have 2 million clinical notes in German", "documents", 2000000),
])
def test_an_aside_with_a_need_in_the_same_sentence_is_still_read(message, field, value):
    reading = read_intent(message)
    got = extract(message, ignore=reading.unread_spans).updates.get(field)
    assert got == value, (reading.parts, got)


def test_a_price_in_a_comparison_frames_it_and_a_cost_word_still_asks():
    assert read_intent("bge-m3 vs e5-large at $200 a month - which is better for us?").asks == "comparison"
    assert read_intent("what would bge-m3 cost per month?").asks == "cost_question"
    assert read_intent("how much would it cost at 200 dollars per month of traffic?").asks == "cost_question"


def test_a_name_followed_by_style_or_like_is_a_kind_of_model():
    reading = read_intent("is ColBERT-style late interaction worth it?")
    assert reading.asks == "concept_question" and not reading.unknown_models


def test_a_keyboard_in_a_need_is_no_aside():
    reading = read_intent("my kids will use it on a keyboard-only kiosk with 5k docs")
    assert not reading.small_talk and reading.fact_spans, reading.parts


@pytest.mark.parametrize("message", ["oh, it is for my company, commercial use", "it is for my team of 20 lawyers"])
def test_who_the_work_is_for_is_no_aside(message):
    assert not read_intent(message).small_talk, read_intent(message).parts


@pytest.mark.parametrize("message", [
    "brb, grabbing coffee", "oops wrong tab, ignore", "one sec, phone's ringing", "hold on, someone's at the door",
    "ups, falscher Tab, bitte ignorieren", "un momento, ya vuelvo", "すぐ戻ります",
])
def test_stepping_away_or_a_wrong_tab_is_an_aside(message):
    reading = read_intent(message)
    assert reading.small_talk and reading.fact_spans == [], reading.parts


@pytest.mark.parametrize("message", ["İstanbul'da hava nasıl?", "Che tempo fa a Roma domani?", "Wie wird das Wetter morgen?",
                                     "Какая погода в Москве?", "明日の天気は？"])
def test_the_weather_in_any_language_is_small_talk(message):
    assert read_intent(message).small_talk


@pytest.mark.parametrize("message, field, value", [
    ("one sec - it's 40k docs, not 4k", "documents", 40000),
    ("hold on, we also need German", "languages", ["de"]),
])
def test_a_need_said_after_stepping_away_is_still_read(message, field, value):
    reading = read_intent(message)
    assert extract(message, ignore=reading.unread_spans).updates.get(field) == value, reading.parts


@pytest.mark.parametrize("message, asks", [
    ("should titles and bodies be embedded separately or together?", "concept_question"),
    ("what's asymmetric vs symmetric semantic search?", "concept_question"),
    ("why is #2 above #3? they look the same to me", "comparison"),
    ("gte-large-en-v1.5 vs bge-large-en-v1.5 - is the difference even noticeable?", "comparison"),
    ("how does your top pick do against bge-large-en-v1.5 on a single T4?", "comparison"),
    ("インデックスのメモリ使用量はどのくらいになりますか？", "cost_question"),
    ("how do I reopen yesterday's session?", "process_question"),
    ("is there a docker image of this tool I can run internally?", "process_question"),
    ("Wie lade ich die Empfehlung als JSON herunter?", "process_question"),
])
def test_round7_question_classes(message, asks):
    assert read_intent(message).asks == asks, read_intent(message).parts


@pytest.mark.parametrize("message", ["can a model for semantic search run on CPU?", "can we skip French?",
                                     "the app must be deployed on-prem, is bge-m3 small enough?"])
def test_near_misses_of_the_new_rules_are_not_read_as_them(message):
    assert read_intent(message).asks not in ("concept_question", "process_question"), read_intent(message).parts
