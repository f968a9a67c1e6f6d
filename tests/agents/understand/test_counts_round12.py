"""Counts, lengths, sizes, streams, money and privacy said in the ways the round-12 expert conversations showed (each
a class, in several wordings): a length unit named before its number with "about" between, "of them" before a count,
a noun phrase ending in "so far", "24/7" (always, never a count), sound recorded around the clock cut into clips, a
model size limit said in another language, a quantity after the verb "embed", amounts in cents, and "nothing
sensitive" after the needs already keep everything local."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract


def updates(text: str, expecting: str | None = None) -> dict:
    return extract(text, expecting=expecting).updates


@pytest.mark.parametrize("text, tokens", [
    ("Umyalezo ngamunye unamagama angaba ngu-50.", 65),          # Zulu: has words, about 50
    ("kila ujumbe una maneno takriban 200", 260),                 # Swahili: words, about 200
    ("Arxivda 5 millionga yaqin chat bor, o'rtacha 60 so'zdan.", 78),
    ("Les sinopsis són curtes, d'unes 150 paraules.", 195),
])
def test_a_length_is_read_with_its_unit_before_or_after(text, tokens):
    assert updates(text)["avg_doc_tokens"] == tokens


@pytest.mark.parametrize("text, count", [
    ("Je ich zhruba 1,8 milióna, priemerne tak 400 slov.", 1_800_000),
    ("Jest ich około 2 mln.", 2_000_000),
    ("Их около 3 миллионов.", 3_000_000),
    ("~2M defect crops so far, growing ~5k/day.", 2_000_000),
    ("about 8M tiles right now", 8_000_000),
    ("Emlandweni sinemiyalezo ecishe ibe yizigidi eziyi-8.", 8_000_000),
    ("Isinya sekitar 15 ribu tanya-jawab, bahasa Indonesia", 15_000),
])
def test_a_count_of_documents_named_before_after_or_by_of_them(text, count):
    assert updates(text)["documents"] == count


@pytest.mark.parametrize("text", ["Ich habe 2 Millionen Euro", "Их около 3 миллионов рублей.", "mám ich 20 rokov"])
def test_money_and_small_numbers_are_no_count_of_them(text):
    assert "documents" not in updates(text)


@pytest.mark.parametrize("text", ["It listens 24/7, so each Pi must keep up", "support runs 24x7", "a 24/7/365 service"])
def test_always_is_no_number_even_when_a_count_was_asked(text):
    assert "documents" not in updates(text, expecting="documents")


def test_sound_around_the_clock_cut_into_clips_is_a_stream_of_clips():
    got = updates("A mic listens 24/7 and we embed 5-second audio windows as they come.")
    assert got["avg_doc_tokens"] == 250 and got["ingest_per_day"] == pytest.approx(17_280)


def test_a_clip_length_said_earlier_gives_the_stream_its_clips():
    assert updates("We embed 5-second audio windows of barn sounds.")["avg_doc_tokens"] == 250
    later = extract("It listens around the clock.", Profile(data_type="audio", avg_doc_tokens=250)).updates
    assert later["ingest_per_day"] == pytest.approx(17_280)


@pytest.mark.parametrize("text, gb", [
    ("मॉडेल ॲपसोबतच डाउनलोड होईल, म्हणून ते १५० MB पेक्षा लहान हवं. साधारण फोन - ४ कोअर, ३-४ GB RAM.", 0.146),
    ("HP kader rata-rata murah (RAM 3 GB), jadi modelnya maksimal 80 MB ya.", 0.078),
])
def test_what_ships_in_the_app_is_the_limit_in_other_languages_too(text, gb):
    assert updates(text)["memory_gb"] == pytest.approx(gb)


@pytest.mark.parametrize("text, usd", [("budget is 50 cents a month", 0.5), ("I could pay a few cents a month for an API.", 1.0)])
def test_an_amount_in_cents_is_hundredths_and_a_vague_one_under_a_dollar(text, usd):
    assert updates(text)["budget_usd_month"] == pytest.approx(usd)


def test_what_the_data_is_does_not_undo_an_earlier_local_only():
    ex = extract("the guidelines come from the ministry, nothing sensitive.", Profile(privacy="local_only"))
    assert "privacy" not in ex.updates and any("a cloud API is fine" in n for n in ex.notes)
    assert extract("a cloud API is fine", Profile(privacy="local_only")).updates["privacy"] == "cloud_ok"
    assert extract("the guidelines come from the ministry, nothing sensitive.").updates["privacy"] == "cloud_ok"


@pytest.mark.parametrize("text", ["We have a VPS for $20 a month: 4 vCPU, 8 GB RAM.", "Mamy VPS-a za 60 zł miesięcznie: 4 vCPU",
                                  "Tenemos un VPS por 15 euros al mes"])
def test_the_price_of_a_machine_the_user_has_is_no_budget(text):
    assert "budget_usd_month" not in updates(text)


@pytest.mark.parametrize("text, usd", [("we could run something small on an EC2 box, maybe $50 a month", 50.0),
                                       ("our budget for the API is 20 dollars a month", 20.0)])
def test_money_for_running_the_model_is_a_budget(text, usd):
    assert updates(text)["budget_usd_month"] == pytest.approx(usd)
