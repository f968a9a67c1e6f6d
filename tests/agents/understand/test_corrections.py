"""A correction of a number keeps the field of the number it corrects: its unit or currency, or the field of the
earlier value it replaces or repeats, decides - in English and the common European languages."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract
from agents.understand.intent import read_intent

EUR = 1.1699   # knowledge/currency.yaml (ECB reference rate of 2026-08-21)


@pytest.mark.parametrize("message, expected", [
    # the value after "not" / "instead of" names the field
    ("sorry, make that 9M tickets, not 400k", {"documents": 9_000_000}),
    ("oops: 3 million, not 400k", {"documents": 3_000_000}),
    ("Entschuldigung, es sind 5 Millionen Dokumente, nicht 400.000", {"documents": 5_000_000}),
    ("pardon, c'est 2 millions, pas 400 000", {"documents": 2_000_000}),
    ("przepraszam, 3 mln umów zamiast 400 tys.", {"documents": 3_000_000}),
    # the money decides: the budget, converted, even when the old budget was said in another currency
    ("my mistake, 20 EUR, not 200", {"budget_usd_month": round(20 * EUR, 2)}),
    ("perdón, 25 euros al mes, no 250", {"budget_usd_month": round(25 * EUR, 2)}),
    ("promiňte, 40 eur měsíčně, ne 400", {"budget_usd_month": round(40 * EUR, 2)}),
    ("Συγγνώμη, 15 ευρώ τον μήνα, όχι 150.", {"budget_usd_month": round(15 * EUR, 2)}),
    ("scusate, 45 euro al mese invece di 450", {"budget_usd_month": round(45 * EUR, 2)}),
    # a correction that repeats the old value and gives the new one without "not"
    ("wait, sorry - 400k is how many projects we host. the files in them are ~6 million", {"documents": 6_000_000}),
    ("oops, wrong report: 400k were the folders; the emails number about 2.5 million", {"documents": 2_500_000}),
])
def test_a_correction_keeps_the_field_it_corrects(message, expected):
    before = Profile(documents=400_000, budget_usd_month=234.0)
    updates = extract(message, before).updates
    assert {k: updates.get(k) for k in expected} == expected
    assert set(updates) & {"documents", "budget_usd_month"} == set(expected)   # the other number field is untouched


def test_a_correction_of_the_budget_is_not_an_answer_to_the_question_asked():
    """Asked for the corpus size, the user corrects the budget instead: the replaced 300 is no document count."""
    ex = extract("Perdón, me equivoqué: 35 euros al mes, no 350.", Profile(budget_usd_month=409.5), expecting="documents")
    assert ex.updates == {"budget_usd_month": round(35 * EUR, 2)}


def test_a_repeated_number_without_a_correction_marker_is_kept():
    """No apology, no "not": two counts in one message are read as before (largest, with a note)."""
    ex = extract("400k folders and 6 million files", Profile(documents=400_000))
    assert ex.updates["documents"] == 6_400_000


@pytest.mark.parametrize("message, absent", [
    ("our titles look like 'Lenovo ThinkPad T14 32GB grijs - Nieuw'", "memory_gb"),
    ("people search for things like 'flat under 900 euros with balcony'", "budget_usd_month"),
    ("typical queries: \"5 seconds of silence then a chirp\"", "latency_ms"),
])
def test_numbers_inside_a_quoted_example_are_content(message, absent):
    assert absent not in extract(message).updates


@pytest.mark.parametrize("message, field, old, new", [
    # round 6: one number and a correction marker correct the field whose value is near it (a factor of 20)
    ("oops, it's 4k, I typed an extra zero", "documents", 40_000, 4_000),
    ("sorry, 400k, I missed a zero", "documents", 40_000, 400_000),
    ("Entschuldigung, 30 Sekunden war ein Tippfehler: 3.000 Dokumente", "documents", 30_000, 3_000),
])
def test_one_number_with_a_correction_marker_corrects_the_nearest_field(message, field, old, new):
    assert extract(message, Profile(**{field: old})).updates.get(field) == new


@pytest.mark.parametrize("message", ["scratch that, the T4 went to another team. CPU only, 16 cores.",
                                     "the T4 is gone; no GPU now"])
def test_cpu_only_after_a_named_gpu_drops_it(message):
    ex = extract(message, Profile(hardware="gpu", device="t4"))
    assert ex.updates.get("hardware") == "cpu" and "device" in ex.cleared


@pytest.mark.parametrize("message, before, expected", [
    # Chinese says "not" glued to the replaced number: "是50万份，不是5万" (500k, not 50k)
    ("不好意思，是50万份，不是5万。", {"documents": 50_000}, {"documents": 500_000}),
    ("说错了，应该是30万份，不是3万份。", {"documents": 30_000}, {"documents": 300_000}),
    # Korean and Japanese say "leave out" after the name: "영어는 빼고 한국어만" (without English, Korean only)
    ("영어는 빼고 한국어만 해 주세요.", {"languages": ["ko", "en"]}, {"languages": ["ko"]}),
    ("일본어는 제외하고 영어만 해 주세요.", {"languages": ["ja", "en"]}, {"languages": ["en"]}),
    ("英語を除いて日本語だけにしてください。", {"languages": ["ja", "en"]}, {"languages": ["ja"]}),
    # a correction with a space before a group of three zeros ("200 000", "300 000") in any language
    ("En fait c'est plutôt 200 000, j'avais oublié un zéro.", {"documents": 20_000}, {"documents": 200_000}),
    ("Perdón, son 300 000, me faltó un cero.", {"documents": 30_000}, {"documents": 300_000}),
    # sold, said in the passive
    ("Ah, e isso vai ser vendido como parte do nosso produto.", {}, {"commercial_use": True}),
    ("it will be sold to hospitals as part of our product", {}, {"commercial_use": True}),
])
def test_corrections_said_the_way_other_languages_say_them(message, before, expected):
    updates = extract(message, Profile(**before)).updates
    assert {k: updates.get(k) for k in expected} == expected, updates


@pytest.mark.parametrize("message", ["GPU는 빼고 CPU로만 돌릴게요", "GPUを除いてCPUだけで動かします"])
def test_leaving_the_gpu_out_is_cpu_only(message):
    assert extract(message).updates.get("hardware") == "cpu"


@pytest.mark.parametrize("message, field, value", [
    ("the nightly rebuild has to fit in 4 hours - can your pick do that?", "reindex_per_month", 30.0),
    ("can the full re-index be squeezed into 5 hours? that's all the downtime we get, every Sunday", "index_window_hours", 5.0),
    ("can the full re-index be squeezed into 5 hours? that's all the downtime we get, every Sunday", "reindex_per_month", 4.3333),
    ("legal just told us nothing can go to the cloud - what now?", "privacy", "local_only"),
    ("legal just told us nothing can go to a hosted API - what now?", "privacy", "local_only"),
    ("Können wir festhalten, dass doch alles im Haus bleiben muss?", "privacy", "local_only"),
    ("could you weigh price more heavily than quality?", "priority", "cost"),
    ("would it be a problem to include Arabic as well? the Dubai office wants in", "languages", ["en", "ar"]),
    ("¿Y si te digo que al final sí tenemos una T4?", "device", "t4"),
    ("英語の文書も少しあるので、英語も対象にしてもらえますか？", "languages", ["ja", "en"]),
])
def test_a_request_or_claim_phrased_as_a_question_is_read(message, field, value):
    """The request or the claimed figure is read as a need, as the turn would read it (only its stated parts)."""
    before = Profile(languages=["ja"] if "英語" in message else ["en"], privacy="cloud_ok", hardware="cpu")
    reading = read_intent(message)
    assert reading.asks is None or reading.fact_spans, reading.parts
    updates = extract(message, before, ignore=reading.unread_spans).updates
    assert updates.get(field) == value, (reading.parts, updates)
