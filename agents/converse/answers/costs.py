"""Cost and footprint questions ("how much would X cost per month?", "how big is the index with int8?"),
answered with the footprint arithmetic of ``agents/decide/footprint.py`` at the user's scale (and the numbers
the question itself states)."""

from __future__ import annotations

import re

from agents.converse.answers.base import Answer, AnswerContext, card_source
from agents.decide.feasibility import assess
from agents.decide.footprint import PER_MILLION, QUERY_TOKENS, footprint
from agents.decide.setup import resolve_setup, with_device
from agents.profile import Profile
from agents.units import human_bytes, human_duration, vector_bytes
from knowledge.schema import Card

_DIMS = re.compile(r"\b(\d{2,5})[- ]?(?:dim(?:ension)?s?|d)\b")
_CHEAP = re.compile(r"\bcheap(?:er|est)?\b|\bless expensive\b|\blowest (?:price|cost)\b")
_PRECISION = re.compile(r"\b(int8|binary|float32|fp32|float16|fp16|8[- ]bit|1[- ]bit)\b")


def _asked_precision(low: str) -> str | None:
    m = _PRECISION.search(low)
    if not m:
        return None
    word = m.group(1)
    return "int8" if word in ("int8", "8-bit", "8 bit") else "binary" if word in ("binary", "1-bit", "1 bit") else "float32"


def _lines(card: Card, ctx: AnswerContext) -> list[str]:
    profile = ctx.needs
    fp = footprint(card, profile)
    low = ctx.low
    out: list[str] = []
    vectors = fp.vectors or PER_MILLION
    basis = "your corpus" if fp.vectors_basis == "your corpus" else "per 1,000,000 vectors"
    if fp.index:
        full = fp.index[0]
        asked = _asked_precision(low)
        sizes = f"{human_bytes(full['float32_bytes'])} float32, {human_bytes(full['int8_bytes'])} int8, " \
                f"{human_bytes(full['binary_bytes'])} binary"
        lead = f"index ({basis}: {vectors:,} vectors x {full['dim']} dims): {sizes}"
        if asked and asked != "float32":
            lead = (f"index with {asked} ({basis}: {vectors:,} vectors x {full['dim']} dims): "
                    f"{human_bytes(full[f'{asked}_bytes'])} instead of {human_bytes(full['float32_bytes'])} float32")
        out.append(lead)
        dims = sorted({int(m.group(1)) for m in _DIMS.finditer(low)})
        for d in dims:
            if d == full["dim"]:
                continue
            b = vector_bytes(vectors, d)
            ok = "a Matryoshka size on its card" if d in card.matryoshka_dims else \
                "not a Matryoshka size on its card: cutting vectors to it is not supported as published"
            out.append(f"at {d} dims ({ok}): {human_bytes(b['float32'])} float32, {human_bytes(b['int8'])} int8")
        if len(fp.index) > 1 and not dims:
            out.append("Matryoshka sizes: " + ", ".join(f"{x['dim']} dims {human_bytes(x['float32_bytes'])}"
                                                        for x in fp.index[1:]))
    elif card.model_type == "sparse":
        out.append("sparse model: the index size depends on the terms kept per document, not on a dimension")
    if fp.chunks_per_doc and fp.chunks_per_doc > 1:
        out.append(f"{fp.chunks_per_doc} chunks per document at its {card.max_tokens:,}-token context")
    c = fp.api_cost
    if c is not None:
        if c.get("usd_per_1m_tokens") is None:
            out.append("API price: " + c.get("note", "not in the knowledge base; check the provider's pricing page"))
        else:
            bits = [f"${c['usd_per_1m_tokens']:g} per 1M tokens (as of {c['as_of']})"]
            bits.append(f"embedding the corpus once ~${c['one_off_usd']:,.2f}" if c.get("one_off_usd") is not None
                        else _assumed_one_off(card, profile))
            bits.append(f"queries ~${c['monthly_queries_usd']:,.2f} per month ({QUERY_TOKENS} tokens per query)"
                        if c.get("monthly_queries_usd") is not None else
                        "monthly query cost needs your queries per second")
            out.append("API cost: " + "; ".join(bits))
    else:
        out.append("no per-token fee: open weights you run yourself")
        if fp.memory_needed_gb is not None:
            out.append(f"model memory ~{fp.memory_needed_gb:.1f} GB")
        mine = on_their_setup(card, profile)
        if mine:
            out.append(mine)
        enc = fp.encode_hours
        if enc.get("cpu") is not None:
            out.append(f"encoding the corpus: ~{human_duration(enc['cpu'])} on the reference 2-core CPU, "
                       f"~{human_duration(enc['gpu'])} on a V100-class GPU")
        elif not mine and (fp.vectors_basis != "your corpus" or not profile.avg_doc_tokens):
            out.append("encode time needs the number of documents and their average length")
    return out


def _assumed_one_off(card: Card, profile: Profile) -> str:
    """The one-off API cost at the length the recommendation assumes when only the document count is known."""
    if profile.documents and not profile.avg_doc_tokens:
        setup = resolve_setup(with_device(profile)[0])
        one_off = assess(card, profile, setup).one_off_usd
        if one_off is not None and setup.doc_tokens:
            return (f"embedding the corpus once ~${one_off:,.2f} at an assumed {setup.doc_tokens:,} tokens per "
                    "document (tell me their length for a firmer figure)")
    return "one-off corpus cost needs the number of documents and their length"


def on_their_setup(card: Card, profile: Profile) -> str | None:
    """Encode time and query latency on the user's hardware (or the assumed machine), as the recommendation
    computes them - with the assumed document length said ("how long would indexing take?" before the length is
    known)."""
    if profile.hardware is None:
        return None
    profile, _ = with_device(profile)
    setup = resolve_setup(profile)
    fit = assess(card, profile, setup)
    run = fit.run
    bits = []
    if profile.documents and run.encode_hours is not None:
        bits.append(f"indexes your {profile.documents:,} documents in ~{human_duration(run.encode_hours)}")
        if not profile.avg_doc_tokens and setup.doc_tokens:
            bits[0] += f" (at an assumed {setup.doc_tokens:,} tokens each: tell me their length for a firmer figure)"
    if run.latency_ms is not None:
        over = any(" ms per query " in t for t in fit.tight)   # above the target, within the estimate's tolerance
        bits.append(f"~{run.latency_ms:,.0f} ms per query" + (f" (your target is {profile.latency_ms:g} ms: within the "
                                                              "estimate's margin, measure it on your machine)" if over else ""))
    bits += [f"close to a limit: {t}" for t in fit.tight if " ms per query " not in t]
    return f"on {setup.label}: " + "; ".join(bits) if bits else None


def cost_answer(ctx: AnswerContext) -> Answer:
    """Footprint and cost of the named models, or of the current picks, for these needs."""
    targets = ctx.targets(cheapest=bool(_CHEAP.search(ctx.low))) or ctx.picks()[:3]
    if not targets:
        if ctx.reading.unknown_models:
            from agents.converse.answers.models import unknown_model

            return unknown_model(ctx, ctx.reading.unknown_models[0])
        text = ("I can compute cost and size for a model at your scale. Name a model (e.g. text-embedding-3-small), or "
                "tell me about your data and languages so I can pick candidates first.")
        return Answer("cost_question", text, found=False)
    cards = [c for c in (ctx.card(t) for t in targets) if c is not None][:3]
    lines: list[str] = []
    facts: list[str] = []
    priced = sorted((c.pricing.usd_per_1m_tokens, c.id) for c in cards
                    if c.pricing is not None and c.pricing.usd_per_1m_tokens is not None)
    if _CHEAP.search(ctx.low) and len(priced) >= 2:
        cheapest = f"Cheapest per token: **{priced[0][1]}** (" + " vs ".join(f"${p:g}" for p, _ in priced) + \
            " per 1M tokens, the published prices)."
        lines.append(cheapest)
        facts.append(cheapest)
    for card in cards:
        rows = _lines(card, ctx)
        lines.append(f"**{card.id}**")
        lines += [f"- {r}" for r in rows]
        facts += [f"{card.id}: {r}" for r in rows]
    p = ctx.needs
    missing = [w for f, w in (("documents", "how many documents"), ("avg_doc_tokens", "how long they are"),
                              ("queries_per_second", "queries per second")) if getattr(p, f) is None]
    if missing:
        lines.append(f"_Tell me {', '.join(missing)} and I will compute these for your corpus._")
    if ctx.what_if_note():
        lines.append(ctx.what_if_note())
    lines.append("_Index sizes count raw vectors only; speeds are estimates scaled from a measured reference model._")
    sources = [card_source(c) for c in cards]
    sources += [{"title": f"pricing of {c.id}", "url": c.pricing.url, "as_of": c.pricing.as_of.isoformat()}
                for c in cards if c.pricing is not None]
    return Answer("cost_question", "\n".join(lines), facts, sources, [c.id for c in cards])
