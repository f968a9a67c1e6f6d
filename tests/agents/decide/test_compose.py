"""A useful top 3: three families, the best API next to the best self-hosted model, cost first when asked, start small."""

from __future__ import annotations

from agents.decide.compose import compose
from agents.decide.constraints import hard_constraints
from agents.decide.evidence import catalog_task_types, evidence_plan
from agents.decide.feasibility import tokens_per_s
from agents.decide.ranking import MIN_COMPARABLE, rank
from agents.decide.setup import resolve_setup
from agents.decide.tradeoff import comparison, size_options
from agents.profile import Profile
from tests.agents.decide.test_ranking import card

PRICE = {"as_of": "2026-11-01", "url": "https://example.com/pricing"}
BASE = dict(data_type="text", task="search", languages=["en"], documents=10_000, avg_doc_tokens=200)


def spread() -> list:
    """A leaderboard-like population: scores spread from 20 to 47 (the real ones span ~40 points)."""
    return [card(f"fill/m{i:02d}", 20.0 + 3 * i) for i in range(MIN_COMPARABLE)]


def ranked(extra, **profile):
    p = Profile(**{**BASE, **profile})
    cards = spread() + extra
    r = rank(cards, hard_constraints(p), evidence_plan(p, catalog_task_types(cards)))
    return r, compose(r, p), p


def family_line():
    return [card("big/line-8B", 70.0, params=8_000_000_000), card("big/line-4B", 69.5, params=4_000_000_000),
            card("big/line-0.6B", 69.0, params=600_000_000)]


def test_three_families_sizes_become_size_options():
    r, slate, p = ranked(family_line() + [card("other/model", 60.0), card("third/model", 55.0)], privacy="local_only",
                         device="a100")
    ids = [c.card.id for c in slate.top]
    assert len(ids) == 3 and len({c.family for c in slate.top}) == 3
    assert ids[0].startswith("big/line-") and "other/model" in ids and "third/model" in ids
    options = {o["model"] for o in size_options(slate.top[0], r)}
    assert options == {"big/line-8B", "big/line-4B", "big/line-0.6B"} - {ids[0]}
    assert all({"n_parameters", "memory_needed_gb", "encode_hours", "score"} <= set(o) for o in size_options(slate.top[0], r))


def test_apis_invited_the_best_api_and_best_self_hosted_sit_side_by_side():
    api = card("cloud/api", 50.0, open_weights=False, pricing={"usd_per_1m_tokens": 0.02, **PRICE})
    r, slate, p = ranked(family_line() + [card("other/model", 66.0), card("third/model", 65.0), api], privacy="cloud_ok")
    kinds = {c.kind for c in slate.top}
    assert kinds == {"api", "self-hosted"} and "cloud/api" in [c.card.id for c in slate.top]
    assert "best_api" in slate.roles["cloud/api"] and any("best_self_hosted" in v for v in slate.roles.values())
    top_api = next(c for c in slate.top if c.kind == "api")
    assert top_api.feasibility.one_off_usd == 10_000 * 200 / 1e6 * 0.02
    # local only: no API at all
    r, slate, p = ranked(family_line() + [api], privacy="local_only")
    assert all(c.kind == "self-hosted" for c in slate.top)


def test_priority_cost_puts_the_cheapest_within_the_margin_first():
    pricey = card("cloud/pricey", 70.0, open_weights=False, pricing={"usd_per_1m_tokens": 1.0, **PRICE})
    cheap = card("cloud/cheap", 69.8, open_weights=False, pricing={"usd_per_1m_tokens": 0.01, **PRICE})
    far = card("cloud/far", 50.0, open_weights=False, pricing={"usd_per_1m_tokens": 0.001, **PRICE})
    _, quality_first, _ = ranked([pricey, cheap, far], privacy="cloud_ok", priority="quality")
    _, cost_first, _ = ranked([pricey, cheap, far], privacy="cloud_ok", priority="cost")
    assert quality_first.top[0].card.id == "cloud/pricey"
    assert cost_first.top[0].card.id == "cloud/cheap"          # "far" is cheaper but outside the quality margin


def test_start_small_is_a_small_feasible_model_and_cloud_first_gets_the_cheapest_good_api():
    tiny = card("small/tiny", 62.0, params=33_000_000)
    r, slate, p = ranked(family_line() + [tiny], privacy="local_only", device="a100")
    assert slate.start_small.card.id == "small/tiny"
    assert "start_small" in comparison(slate, r, p)
    api = card("cloud/api", 68.0, open_weights=False, pricing={"usd_per_1m_tokens": 0.02, **PRICE})
    costly = card("cloud/costly", 69.0, open_weights=False, pricing={"usd_per_1m_tokens": 0.5, **PRICE})
    r, slate, p = ranked([tiny, api, costly], privacy="cloud_ok")
    assert slate.start_small.card.id == "cloud/api"


def test_comparison_says_why_first_beats_second_and_what_the_cheaper_gives_up():
    r, slate, p = ranked(family_line() + [card("other/model", 60.0, params=100_000_000)], privacy="local_only",
                         device="a100")
    comp = comparison(slate, r, p)
    assert comp["first_over_second"].startswith(f"{slate.top[0].card.id} ranks above {slate.top[1].card.id}")
    assert "give_up" in comp and "you give up" in comp["give_up"]


def test_an_established_model_is_always_among_the_top_three():
    from agents.decide.maturity import Maturity

    r, _, p = ranked([card("new/a", 70.0), card("new/b", 69.0), card("new/c", 68.0), card("old/proven", 60.0)],
                     privacy="local_only")
    for c in r.pool:
        c.maturity = Maturity("established" if c.card.id == "old/proven" else "emerging")
    slate = compose(r, p)
    ids = [c.card.id for c in slate.top]
    assert ids[:2] == ["new/a", "new/b"] and ids[2] == "old/proven"     # it takes the last place, not the lead
    assert "best_established" in slate.roles["old/proven"]
    for c in r.pool:      # already one in the top 3: nothing moves
        c.maturity = Maturity("established" if c.card.id in ("old/proven", "new/b") else "emerging")
    assert [c.card.id for c in compose(r, p).top] == ["new/a", "new/b", "new/c"]


def test_a_pick_over_the_indexing_window_ranks_after_one_that_fits():
    """Kept on the rough GPU estimate (under x2), a model that needs longer than the window never leads a model
    whose estimate fits it; when both fit, the better evidence leads again."""
    fast = card("small/fast", 40.0, params=30_000_000)
    t4 = resolve_setup(Profile(device="t4"))
    per_doc = BASE["avg_doc_tokens"]
    over = int(tokens_per_s(spread()[0], t4) * 6 * 3600 * 1.5 / per_doc)   # the fillers need ~9 h: tight, kept
    r, slate, p = ranked([fast], privacy="local_only", device="t4", documents=over, index_window_hours=6)
    lead = slate.top[0]
    assert lead.card.id == "small/fast" and lead.feasibility.run.encode_hours <= 6
    assert all(c.feasibility.run.encode_hours > 6 for c in slate.top[1:])   # still shown, after it
    r, slate, p = ranked([fast], privacy="local_only", device="t4", documents=over // 2, index_window_hours=6)
    assert slate.top[0].card.id == "fill/m09"


def test_under_a_budget_the_api_shown_is_one_whose_cost_can_be_checked():
    unpriced = card("new/api-unpriced", 68.0, open_weights=False)
    priced = card("known/api-priced", 55.0, open_weights=False, pricing={"usd_per_1m_tokens": 0.02, **PRICE})
    extra = family_line() + [card("other/model", 66.0), unpriced, priced]
    r, slate, p = ranked(extra, privacy="cloud_ok", budget_usd_month=50)
    assert "best_api" in slate.roles.get("known/api-priced", [])
    assert slate.top[[c.card.id for c in slate.top].index("known/api-priced")].feasibility.one_off_usd is not None
    r, slate, p = ranked(extra, privacy="cloud_ok")   # no budget: the best API on the evidence
    assert "best_api" in slate.roles.get("new/api-unpriced", [])


def test_under_a_budget_below_a_cloud_vm_an_api_that_fits_leads_a_self_hosted_model_on_unstated_hardware(keyword_advisor):
    """APIs invited, a $20 budget and no hardware: an always-on VM costs ~$61 a month (knowledge/hardware.yaml), so the
    top pick is a hosted API whose cost is known to fit; self-hosted models stay in the list, with the VM cost said."""
    from agents.profile import Profile
    needs = dict(data_type="text", task="search", languages=["en"], privacy="cloud_ok", commercial_use=True,
                 documents=1_200_000, avg_doc_tokens=300, budget_usd_month=20)
    rec = keyword_advisor.recommend(Profile(**needs))
    first = rec.recommendations[0]
    assert first.kind == "api" and first.feasibility["cost"]["first_month_usd"] <= 20
    selfs = [r for r in rec.recommendations if r.kind == "self-hosted"]
    assert selfs and any("$61 a month" in b for b in selfs[0].feasibility["cost"]["basis"])
    # with the hardware named, self-hosting costs nothing extra and is ranked on the evidence alone
    owned = keyword_advisor.recommend(Profile(**needs, hardware="cpu", cpu_cores=16, memory_gb=64))
    assert owned.recommendations[0].kind == "self-hosted"


def test_a_specialist_of_another_domain_ranks_after_general_models_of_its_tier():
    medical = card("med/embed-small", 66.0, domains=["medical"])
    general = [card("gen/alpha", 64.0), card("gen/beta", 63.0), card("gen/gamma", 62.0)]
    r, slate, p = ranked([medical, *general], privacy="local_only", domain="general")
    assert "med/embed-small" not in [c.card.id for c in slate.top]   # a help centre does not get the medical model
    r, slate, p = ranked([medical, *general], privacy="local_only", domain="medical")
    assert slate.top[0].card.id == "med/embed-small"                   # the clinic does
    r, slate, p = ranked([medical, *general], privacy="local_only")   # domain not said: general first
    assert slate.top[0].card.id == "gen/alpha"


def test_when_no_api_fits_in_the_data_language_the_api_shown_is_the_cheapest():
    """Yiddish words take ~5x the tokens of English ones (knowledge/tokenization.yaml): two APIs that fit the budget only
    at the English rate both rank after every model that fits at both; the one kept for a user who invited APIs is the
    cheaper (the likelier to fit), not the better-scored."""
    langs = {"languages": ["yi", "en"]}
    dear = card("best/api-dear", 60.0, open_weights=False, pricing={"usd_per_1m_tokens": 0.06, **PRICE}, **langs)
    cheap = card("good/api-cheap", 50.0, open_weights=False, pricing={"usd_per_1m_tokens": 0.02, **PRICE}, **langs)
    local = [card(f"local/m{i:02d}", 20.0 + 3 * i, **langs) for i in range(MIN_COMPARABLE)]
    p = Profile(**{**BASE, "languages": ["yi", "en"], "privacy": "cloud_ok", "budget_usd_month": 0.3})
    r = rank(local + [dear, cheap], hard_constraints(p), evidence_plan(p, catalog_task_types(local)))
    shown = [c.card.id for c in compose(r, p).top if c.kind == "api"]
    assert shown == ["good/api-cheap"]
    roomy = p.model_copy(update={"budget_usd_month": 50.0})   # both fit at both rates: the better-scored one
    r = rank(local + [dear, cheap], hard_constraints(roomy), evidence_plan(roomy, catalog_task_types(local)))
    assert [c.card.id for c in compose(r, roomy).top if c.kind == "api"][0] == "best/api-dear"
