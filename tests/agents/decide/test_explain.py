"""Explanations cite facts: scores with coverage, licence, size, languages; caveats; why-not; trial."""

from __future__ import annotations

from agents.decide.constraints import hard_constraints
from agents.decide.evidence import catalog_task_types, evidence_plan
from agents.decide.explain import caveats, mentioned_models, model_status, pick, reasons, trial_sentences, why_not
from agents.decide.footprint import footprint
from agents.decide.ranking import MIN_COMPARABLE, rank
from agents.profile import Profile
from knowledge.cards import Catalog
from knowledge.schema import Card
from tests.agents.decide.test_ranking import card, filler, result
from tests.knowledge.helpers import card_dict

PROFILE = Profile(data_type="text", task="search", languages=["en"], privacy="local_only", commercial_use=True,
                  documents=10_000, avg_doc_tokens=1_000)


def setup(extra: list[Card], profile: Profile = PROFILE, hits: dict[str, float] | None = None):
    cards = [card(c.id, 40.0 + i * 0.1, languages=["en", "de"]) for i, c in enumerate(filler(MIN_COMPARABLE))] + extra
    return rank(cards, hard_constraints(profile), evidence_plan(profile, catalog_task_types(cards)), hits), cards


def test_reasons_cite_score_with_coverage_licence_size_and_languages():
    top = card("acme/top", 61.8, params=568_000_000, languages=["en", "de", "fr"], embed_dim=1024,
               matryoshka_dims=[1024, 256], max_tokens=8192)
    r, _ = setup([top])
    c = r.ordered[0]
    lines = reasons(c, 1, r, PROFILE)
    assert lines[0] == (f"61.80 on MTEB(eng, v2) Retrieval, 10/10 tasks — #1 of {r.comparable} feasible models "
                        "with a comparable score")
    assert "open weights (runs on your machines), licence apache-2.0 (commercial use allowed)" in lines
    assert "568M parameters (2.27 GB at fp32), 1024 dimensions (Matryoshka: 256), 8,192-token context" in lines
    assert "lists your language(s) English among 3" in lines


def test_caveats_instructions_chunking_zero_shot_and_reembedding():
    bench = result(61.0)
    bench["MTEB(eng, v2)"]["zero_shot_pct"] = 83
    c = Card.model_validate(card_dict("acme/instr", languages=["en", "de"], max_tokens=512, embed_dim=768,
                                      license="apache-2.0", commercial_use=True, n_parameters=100_000_000,
                                      benchmarks=bench, instructions={"required": True, "query_prefix": "query: ",
                                                                      "document_prefix": "passage: "}))
    r, _ = setup([c])
    cand = next(x for x in r.ordered if x.card.id == "acme/instr")
    text = caveats(cand, PROFILE, footprint(cand.card, PROFILE))
    assert "needs task instructions/prefixes: query prefix 'query: '; document prefix 'passage: '" in text
    assert any(t.startswith("your documents (~1,000 tokens) exceed its 512-token context: chunk them (~2 chunks")
               for t in text)
    assert any("zero-shot 83%" in t for t in text)
    assert any(t.startswith("switching models later means re-embedding all 10,000 documents") for t in text)
    assert any("its lead was discounted to that share" in t for t in text)


def test_api_caveats_and_partial_evidence():
    api = card("cloud/api", 65.0, open_weights=False, languages=["en", "de"], license=None, commercial_use=None)
    partial = card("acme/partial", None, covered=4, partial=70.0, languages=["en", "de"])
    profile = PROFILE.merged({"privacy": "cloud_ok"})
    r, _ = setup([api, partial], profile, hits={"acme/partial": 0.7})  # partial results enter via semantic search
    by_id = {c.card.id: c for c in r.ordered}
    api_caveats = caveats(by_id["cloud/api"], profile, footprint(api, profile))
    assert any(t.startswith("cloud API: your documents and queries are sent to") for t in api_caveats)
    assert any("provider's terms of service" in t for t in api_caveats)
    cand = by_id["acme/partial"]
    assert cand.tier == 1
    assert any("incomplete evidence: 4/10 tasks" in t for t in caveats(cand, profile, footprint(partial, profile)))


def test_why_not_names_the_broken_constraint():
    r, _ = setup([card("nc/model", 80.0, license="cc-by-nc-4.0", commercial_use=False, languages=["en", "de"]),
                  card("api/model", 79.0, open_weights=False, languages=["en", "de"]),
                  card("de/only", 78.0, languages=["de"]),
                  card("huge/model", 77.0, params=12_000_000_000, languages=["en", "de"])],
                 PROFILE.merged({"memory_gb": 16, "hardware": "cpu"}))
    out = {x["model"]: x["reasons"] for x in map(why_not, r.excluded)}
    assert out["nc/model"] == ["licence cc-by-nc-4.0 forbids commercial use"]
    assert out["api/model"] == ["cloud API only; your data must stay on your own machines (privacy: Local only)"]
    assert out["de/only"] == ["does not list English (it lists only German)"]
    assert out["huge/model"] == ["needs ~18.0 GB even int8-quantised (12.0 GB weights x1.5); your CPU machine "
                                 "(8 cores, 16 GB RAM) has 16 GB"]


def test_pick_has_every_part_and_specialist_reason_is_honest():
    spec = card("med/spec", None, languages=["en", "de"], domains=["medical"])
    profile = PROFILE.merged({"domain": "medical"})
    r, _ = setup([spec], profile)
    p = pick(r.specialists[0], None, None, r, profile)
    assert p.score is None and p.reasons[0].startswith("no comparable benchmark score on")
    assert "specialised for the medical domain: a domain specialist to try in the trial" in p.reasons
    assert set(p.to_dict()) >= {"model", "rank", "score", "reasons", "caveats", "footprint", "fine_tuning"}
    assert p.fine_tuning["possible"] is True and p.fine_tuning["worth_it"] is True


def test_trial_sentences_and_model_mentions():
    trial = {"best": "acme/top", "label_free": False, "sample": {"documents": 200, "queries": 40},
             "candidates": [{"model": "acme/top", "metrics": {"ndcg@10": 0.812}, "ci95": {"ndcg@10": [0.75, 0.87]}},
                            {"model": "acme/other", "metrics": {"ndcg@10": 0.7},
                             "paired_test": {"verdict": "significantly worse"}}]}
    s = trial_sentences(trial)
    assert s["acme/top"] == ("trial on your sample (200 documents, 40 labelled queries): nDCG@10 0.812 "
                             "[95% CI 0.750–0.870] — best of the models tried")
    assert s["acme/other"].endswith("significantly worse vs acme/top")
    cards = [card("BAAI/bge-m3", 60.0), card("acme/x", 50.0, license="cc-by-nc-4.0", commercial_use=False)]
    catalog = Catalog({c.id: c for c in cards}, "fp-test")
    assert mentioned_models("what about bge-m3? or BAAI/bge-m3.", catalog) == ["BAAI/bge-m3"]
    assert mentioned_models("nothing here", catalog) == []
    openai = [card("openai/text-embedding-ada-002", 50.0), card("openai/text-embedding-3-small", 55.0)]
    named = Catalog({c.id: c for c in openai}, "fp-openai")
    assert mentioned_models("is ada-002 even a sane choice in 2026?", named) == ["openai/text-embedding-ada-002"]
    assert mentioned_models("we moved 3-small traffic", named) == []   # too generic without its prefix
    family = [card("ncbi/MedCPT-Query-Encoder", 50.0), card("sentence-transformers/LaBSE", 50.0),
              card("cointegrated/LaBSE-en-ru", 50.0), card("lightonai/ColBERT-Zero", 50.0)]
    fams = Catalog({c.id: c for c in family}, "fp-family")
    # a mixed-case family name on its own names the family; the full short name wins over a longer one that starts with it
    assert mentioned_models("MedCPT or LaBSE for Persian search?", fams) == ["ncbi/MedCPT-Query-Encoder",
                                                                            "sentence-transformers/LaBSE"]
    assert mentioned_models("how does colbert work?", fams) == []   # a kind of model, not one family
    status = model_status("acme/x", Profile(commercial_use=True), None, catalog)
    assert status == "acme/x is excluded: licence cc-by-nc-4.0 forbids commercial use."


def test_with_no_established_pick_the_answer_names_the_closest_established_model_and_the_limit(keyword_advisor):
    """A 50 MB app bundle leaves only tiny newcomers: the answer says which established model is closest to fitting
    (the smallest with evidence) and the number that rules it out, so the user can weigh raising the limit."""
    from agents.profile import Profile
    rec = keyword_advisor.recommend(Profile(data_type="text", task="search", languages=["en", "de", "fr", "es"],
                                            privacy="local_only", documents=50_000, memory_gb=0.049, latency_ms=150))
    assert rec.recommendations and all(p.maturity["level"] != "established" for p in rec.recommendations[:3])
    note = next(n for n in rec.notes if "established model family" in n)
    assert "model-size limit is 50 MB" in note and "ruled out only by" in note
    roomy = keyword_advisor.recommend(Profile(data_type="text", task="search", languages=["en"], privacy="local_only",
                                              documents=50_000, hardware="cpu", memory_gb=16))
    assert not any("established model family" in n for n in roomy.notes)
