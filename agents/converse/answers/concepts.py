"""Concept questions ("how does Matryoshka work?", "do we need a reranker?"), answered from the sourced
articles of ``knowledge/articles`` (retrieved from Chroma by the question, docs/articles.md), made concrete
with the user's numbers where the article names a ``tailor`` hook ("with Matryoshka at 256 dims your
2,000,000-vector index drops from 8.2 GB to 2.0 GB" — computed here, never written in an article)."""

from __future__ import annotations

from collections.abc import Callable

from agents.converse.answers.base import Answer, AnswerContext
from agents.decide.footprint import footprint
from agents.units import human_bytes, human_duration
from knowledge.article_index import RELEVANT_SCORE
from knowledge.articles import Article
from knowledge.base import ArticleHit
from knowledge.schema import Card

KEYWORD_SHARE = 0.5        # keyword fallback (index down): at least half of the question's words in the article


def relevant(hits: list[ArticleHit]) -> bool:
    """Does the best hit answer the question? (docs/articles.md: below RELEVANT_SCORE, say so instead)."""
    if not hits:
        return False
    best = hits[0]
    return best.score >= (RELEVANT_SCORE if best.mode.startswith("hybrid") else KEYWORD_SHARE)


def find_articles(ctx: AnswerContext, k: int = 3) -> list[ArticleHit]:
    try:
        return ctx.kb.articles(ctx.question, k=k)
    except Exception:  # noqa: BLE001 - a broken article store must not cost the user the conversation
        return []


def _cards(ctx: AnswerContext) -> list[Card]:
    """The models to make the article concrete with: the ones the question names, else the current picks."""
    ids = ctx.targets() or ctx.picks()
    return [c for c in (ctx.card(i) for i in ids) if c is not None]


def _needs_corpus(ctx: AnswerContext) -> str | None:
    return None if ctx.needs.documents else "tell me how many documents you have and I will compute this for your corpus"


def _by_dims(ctx: AnswerContext) -> list[str]:
    missing = _needs_corpus(ctx)
    if missing:
        return [missing]
    cards = _cards(ctx)
    mrl = next((c for c in cards if len(c.matryoshka_dims) > 1 and c.embed_dim), None)
    if mrl is None:
        names = ", ".join(c.id for c in cards[:3])
        return [f"none of {names} lists Matryoshka sizes on its card, so its vectors should not be cut"] if names else []
    fp = footprint(mrl, ctx.needs)
    full, rows = fp.index[0], fp.index[1:]
    # the example is the smallest size of at least 256 dims: a cut most tasks tolerate (tiny sizes such as 32
    # dims are listed with the others, not held up as the saving to expect)
    usable = [r for r in rows if r["dim"] >= 256] or rows
    small = min(usable, key=lambda r: r["dim"]) if usable else None
    if small is None:
        return []
    line = (f"with {mrl.id} at {small['dim']} dims your {fp.vectors:,}-vector index drops from "
            f"{human_bytes(full['float32_bytes'])} ({full['dim']} dims) to {human_bytes(small['float32_bytes'])} (float32)")
    others = [f"{r['dim']} dims {human_bytes(r['float32_bytes'])}" for r in rows if r is not small]
    return [line + (f"; other sizes on its card: {', '.join(others)}" if others else "")]


def _by_precision(ctx: AnswerContext) -> list[str]:
    missing = _needs_corpus(ctx)
    if missing:
        return [missing]
    out = []
    for c in _cards(ctx)[:2]:
        fp = footprint(c, ctx.needs)
        if fp.index:
            r = fp.index[0]
            out.append(f"{c.id} ({r['dim']} dims, {fp.vectors:,} vectors): {human_bytes(r['float32_bytes'])} float32, "
                       f"{human_bytes(r['int8_bytes'])} int8, {human_bytes(r['binary_bytes'])} binary")
    return out


def _encode(ctx: AnswerContext) -> list[str]:
    out = []
    for c in _cards(ctx)[:2]:
        enc = footprint(c, ctx.needs).encode_hours
        if enc.get("cpu") is not None:
            out.append(f"{c.id}: encoding your corpus takes ~{human_duration(enc['cpu'])} on the reference 2-core CPU, "
                       f"~{human_duration(enc['gpu'])} on a V100-class GPU")
    return out or ["tell me how many documents you have and how long they are, and I will estimate the encode time"]


def _api(ctx: AnswerContext) -> list[str]:
    out = []
    for c in _cards(ctx)[:2]:
        cost = footprint(c, ctx.needs).api_cost
        if cost is None:
            out.append(f"{c.id} runs on your machines: no per-token fee")
        elif cost.get("usd_per_1m_tokens") is not None:
            bits = [f"${cost['usd_per_1m_tokens']:g} per 1M tokens"]
            if cost.get("one_off_usd") is not None:
                bits.append(f"~${cost['one_off_usd']:,.2f} to embed your corpus once")
            if cost.get("monthly_queries_usd") is not None:
                bits.append(f"~${cost['monthly_queries_usd']:,.2f} per month for your queries")
            out.append(f"{c.id}: " + ", ".join(bits))
    return out


def _memory(ctx: AnswerContext) -> list[str]:
    return [f"{c.id} needs ~{fp.memory_needed_gb:.1f} GB to run" for c in _cards(ctx)[:2]
            if (fp := footprint(c, ctx.needs)).memory_needed_gb is not None]


def _chunks(ctx: AnswerContext) -> list[str]:
    if not ctx.needs.avg_doc_tokens:
        return ["tell me how long a typical document is and I will work out the chunks per document"]
    out = []
    for c in _cards(ctx)[:2]:
        fp = footprint(c, ctx.needs)
        if c.max_tokens and fp.chunks_per_doc:
            out.append(f"{c.id}: your ~{ctx.needs.avg_doc_tokens:,}-token documents make {fp.chunks_per_doc} chunk(s) "
                       f"each at its {c.max_tokens:,}-token context")
    return out


def _latency(ctx: AnswerContext) -> list[str]:
    return [f"{c.id}: ~{fp.query_latency_ms_cpu:,.0f} ms per query on the reference CPU (estimate)"
            for c in _cards(ctx)[:2] if (fp := footprint(c, ctx.needs)).query_latency_ms_cpu is not None]


def _reembed(ctx: AnswerContext) -> list[str]:
    if not ctx.needs.documents:
        return ["re-embedding cost depends on your corpus size: tell me how many documents you have"]
    return [f"switching from {c.id} later means re-embedding all {ctx.needs.documents:,} documents"
            + (f" (~{human_duration(e)} on the reference CPU)" if (e := footprint(c, ctx.needs).encode_hours.get("cpu"))
               else "") for c in _cards(ctx)[:1]]


TAILORS: dict[str, Callable[[AnswerContext], list[str]]] = {
    "index_size_by_dims": _by_dims, "index_size_by_precision": _by_precision, "encode_time": _encode,
    "api_cost": _api, "model_memory": _memory, "chunks_per_doc": _chunks, "query_latency": _latency,
    "reembed_cost": _reembed,
}


def tailored(article: Article, ctx: AnswerContext) -> list[str]:
    """The article's tailor hooks computed for this user (each a sentence)."""
    out: list[str] = []
    for hook in article.tailor:
        for line in TAILORS.get(hook, lambda _c: [])(ctx):
            if line not in out:
                out.append(line)
    return out


def concept_answer(ctx: AnswerContext) -> Answer:
    """The best article for the question, tailored; or an honest "I have no article on that"."""
    hits = find_articles(ctx)
    if not relevant(hits):
        text = "I don't have a sourced article that answers that, so I won't guess."
        if hits:
            text += " Closest topics I can explain: " + "; ".join(h.article.title for h in hits[:3]) + "."
        return Answer("concept_question", text, found=False)
    art = hits[0].article
    lines = [f"**{art.title}**", "", art.body]
    mine = tailored(art, ctx)
    if mine:
        lines += ["", "**For you:**", *[f"- {x}" for x in mine]]
    if ctx.what_if_note() and mine:
        lines.append(ctx.what_if_note())
    sources = [{"title": s.title or s.url, "url": s.url, "as_of": s.as_of.isoformat()} for s in art.sources]
    lines += ["", "Sources: " + "; ".join(f"[{s['title']}]({s['url']}) ({s['as_of']})" for s in sources)]
    related = [ctx.kb.library.articles[r].title for r in art.related if r in ctx.kb.library.articles]
    if related:
        lines.append("See also: " + "; ".join(related[:3]) + ".")
    return Answer("concept_question", "\n".join(lines), [art.body, *mine], sources, [c.id for c in _cards(ctx)][:2])
