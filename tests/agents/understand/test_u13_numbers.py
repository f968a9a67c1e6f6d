"""Session 14 (u13fix) number classes of the understanding round 13 misses, with examples in my own words: budgets per
quarter in French, slang thousands ("lucas"), the CFP franc and the Turkmen manat (dated parities), Québec "piasses",
Banglish "hajar", a quoted price that is no budget, "not X but Y" with the money after it, a budget scratched for
nothing; fractions before lakh/crore/million, Twi/Shona/Quechua scale words, Esperanto "mil"; a GPU taken away."""

from __future__ import annotations

import pytest

from agents.profile import Profile
from agents.understand.extract import extract


@pytest.mark.parametrize("message, usd", [
    ("notre budget: 3 000 € par trimestre", round(1000 * 1.1699, 2)),
    ("nos pasaron 150 lucas al mes, pesos chilenos", round(150_000 * 0.001111, 2)),
    ("à Nouméa on a 20 000 francs CFP par mois", round(20_000 * 0.0098038, 2)),
    ("aýlyk býujet 700 manat", round(700 * 0.2857, 2)),
    ("le budget c'est 800 piasses par mois", round(800 * 0.7278, 2)),
    ("budget mashe 15 hajar BDT", round(15_000 * 0.008176, 2)),
    ("orçamento de uns R$ 5 mil por mês", round(5_000 * 0.1933, 2)),
])
def test_budgets_in_more_words_and_currencies(message, usd):
    assert extract(message).updates.get("budget_usd_month") == pytest.approx(usd, abs=0.05)


def test_the_manat_stays_azerbaijani_without_turkmen_words():
    assert extract("Aylıq büdcə 350 manat").updates.get("budget_usd_month") == pytest.approx(350 * 0.5882, abs=0.05)


def test_a_quoted_price_is_no_budget():
    assert "budget_usd_month" not in extract("OVH quoted $240/month for a GPU box, we never signed").updates


def test_not_this_amount_but_that_one_in_money():
    before = Profile(budget_usd_month=round(400 * 1.1699, 2))
    assert extract("ne 400, nego 250 eura", profile=before).updates["budget_usd_month"] == pytest.approx(250 * 1.1699,
                                                                                                           abs=0.05)


def test_a_budget_scratched_for_nothing_is_zero():
    before = Profile(budget_usd_month=80.0)
    assert extract("scratch the $80, it must cost nothing", profile=before).updates["budget_usd_month"] == 0.0


@pytest.mark.parametrize("message, count", [
    ("करीब ढाई लाख शिकायतें हैं", 250_000),
    ("zhruba čtvrt milionu faktur", 250_000),
    ("tine magwaro zviuru zvitatu", 3_000),
    ("yɛwɔ nkrataa mpem aduasa", 30_000),
    ("pachak waranqa qillqakuna", 100_000),
    ("ni havas 30 mil leterojn en nia arkivo", 30_000),
])
def test_counts_said_with_fractions_and_scale_words(message, count):
    assert extract(message).updates.get("documents") == count


@pytest.mark.parametrize("message, device", [
    ("the A10 is out, we got an L40S", "l40s"),
    ("statt der T4 nehmen wir eine L4", "l4"),
    ("we run on a T4 and an A100", "t4"),
])
def test_a_gpu_taken_away_is_not_the_one_there(message, device):
    assert extract(message).updates.get("device") == device


@pytest.mark.parametrize("message", ["GPU-nya tidak jadi, pakai CPU saja", "forget the GPU, 16 cores it is"])
def test_a_gpu_called_off_leaves_the_cpu(message):
    assert extract(message).updates.get("hardware") == "cpu"


def test_dutch_nu_is_now_not_a_replaced_figure():
    assert extract("we hebben nu 300.000 documenten, vroeger 100.000").updates.get("documents") == 300_000
