"""View helpers shared by the web app and the report: number formats, key facts, chart points, tables.

Pure functions of ``Recommendation.to_dict()`` (and an optional card lookup); no gradio here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from agents.decide.recommendation import TRADEOFF_TITLES
from agents.units import human_bytes, human_duration
from app.report.charts import Point

log = logging.getLogger(__name__)

SIZE_AXIS = "model size (parameters)"

__all__ = ["TRADEOFF_TITLES", "SIZE_AXIS", "fmt_num", "fmt_params", "key_facts", "score_text",
           "tradeoff_points", "candidate_rows", "plain_why", "footprint_facts"]

# Benchmark names (the part in brackets, e.g. "MTEB(Medical, v1)") and task-type aggregates, in plain words.
_TOPICS = {"eng": "English", "multilingual": "multilingual", "europe": "European-language", "medical": "medical",
           "health": "medical", "law": "legal", "legal": "legal", "finance": "finance", "fin": "finance",
           "code": "code", "scientific": "scientific", "lite": "image", "beta": "audio"}
_TASK_WORDS = {"Retrieval": "search", "Reranking": "ranking", "Classification": "classification",
               "Clustering": "clustering", "STS": "similarity", "PairClassification": "duplicate-finding",
               "BitextMining": "translation-matching", "Summarization": "summary", "InstructionRetrieval": "search",
               "MultilabelClassification": "classification", "Any2AnyRetrieval": "search"}
_ORDINALS = {1: "best", 2: "second-best", 3: "third-best"}
_PLACE = re.compile(r"#(\d+) of (\d+)")


def fmt_num(v: Any) -> str:
    """A number for people: thousands separators, about three significant digits for small values."""
    if v is None:
        return "–"
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, int) or float(v).is_integer() and abs(v) >= 1000:
        return f"{int(v):,}"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if abs(v) >= 10:
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return f"{v:.3g}"


def fmt_params(n: Any) -> str:
    if not isinstance(n, (int, float)) or n <= 0:
        return "size unknown"
    return f"{n / 1e9:.1f}B params" if n >= 1e9 else f"{n / 1e6:.0f}M params"


def key_facts(facts: dict[str, Any]) -> str:
    """One line: size, dimensions, context, licence/access, languages."""
    parts = [fmt_params(facts.get("n_parameters")) if facts.get("open_weights", True) else "cloud API"]
    if facts.get("embed_dim"):
        dims = f"{facts['embed_dim']} dims"
        if facts.get("matryoshka_dims"):
            dims += " (Matryoshka)"
        parts.append(dims)
    if facts.get("max_tokens"):
        parts.append(f"{facts['max_tokens']:,} tokens")
    if facts.get("open_weights") is not None:
        lic = facts.get("license") or "licence not stated"
        parts.append(lic if facts["open_weights"] else f"API ({facts.get('provider') or 'provider'})")
    if facts.get("languages"):
        parts.append(f"{facts['languages']} languages")
    return ", ".join(parts)


def score_text(pick: dict[str, Any]) -> str:
    """The relevant score with its coverage, e.g. '61.83 on MTEB(eng, v2) Retrieval, 10/10 tasks'."""
    ev = pick.get("evidence") or {}
    if ev.get("text"):
        return str(ev["text"])
    score = pick.get("score")
    return fmt_num(score) if score is not None else "no comparable score"


def _size(model: str, lookup: Callable[[str], Any] | None) -> float | None:
    if lookup is None:
        return None
    try:
        card = lookup(model)
    except Exception:  # unknown id: the point is simply not drawn
        log.debug("no card for %r", model, exc_info=True)
        return None
    return getattr(card, "n_parameters", None)


def tradeoff_points(rec: dict[str, Any], lookup: Callable[[str], Any] | None = None) -> tuple[list[Point], str]:
    """Chart points: picks, other candidates/specialists and excluded models; score vs size."""
    points: list[Point] = []
    seen: set[str] = set()
    for status, items in (("pick", rec.get("recommendations")), ("candidate", rec.get("tradeoffs")),
                          ("candidate", rec.get("specialists"))):
        for p in items or []:
            model = str(p.get("model"))
            if model in seen:
                continue
            seen.add(model)
            facts = p.get("facts") or {}
            size = facts.get("n_parameters") or _size(model, lookup)
            tag = str(p["rank"]) if status == "pick" and p.get("rank") is not None else ""
            points.append(Point(model, size, p.get("score"), status, score_text(p), tag))
    for x in rec.get("excluded") or []:
        model = str(x.get("model"))
        if model in seen:
            continue
        seen.add(model)
        size = x.get("n_parameters") or _size(model, lookup)
        points.append(Point(model, size, x.get("score"), "excluded", "; ".join(x.get("reasons") or [])))
    return points, SIZE_AXIS


def chart_summary(points: list[Point]) -> str:
    """The trade-off chart in words (its text alternative): the picks with score and size, then what else it shows."""
    def size(p: Point) -> str:
        return fmt_params(p.x) if p.x else "size unknown"

    picks = [p for p in points if p.status == "pick" and p.y is not None]
    others = sum(p.status == "candidate" for p in points)
    excluded = [p for p in points if p.status == "excluded" and p.y is not None]
    parts = [f"#{p.tag or i + 1} {p.label}: score {fmt_num(p.y)}, {size(p)}" for i, p in enumerate(picks)]
    text = "The chart plots each model's benchmark score against its size. Recommended: " + (
        "; ".join(parts) if parts else "none with a score") + "."
    if others:
        text += f" {others} other candidate(s) are drawn as rings."
    if excluded:
        best = max(excluded, key=lambda p: p.y or 0)
        text += (f" {len(excluded)} excluded model(s) are drawn as crosses; the highest-scoring one, {best.label} "
                 f"({fmt_num(best.y)}), breaks one of your hard constraints.")
    return text


def candidate_rows(rec: dict[str, Any]) -> list[list[str]]:
    """Rows of the candidates table: rank, model, key facts, relevant score (with coverage), why."""
    rows = []
    for p in rec.get("recommendations") or []:
        why = "; ".join(str(r) for r in (p.get("reasons") or [])[1:3]) or "; ".join(p.get("labels") or [])
        labels = ", ".join(TRADEOFF_TITLES.get(x, x) for x in p.get("labels") or [])
        rows.append([str(p.get("rank") or ""), str(p.get("model")), key_facts(p.get("facts") or {}),
                     score_text(p), (labels + ": " if labels else "") + why])
    for p in rec.get("specialists") or []:
        rows.append(["specialist", str(p.get("model")), key_facts(p.get("facts") or {}), score_text(p),
                     "; ".join(str(r) for r in (p.get("reasons") or [])[:2])])
    return rows


def why_not_markdown(rec: dict[str, Any] | None) -> str:
    """The "why not" list: excluded strong models and the hard constraint each one breaks."""
    from app.report.blocks import md_text

    items = (rec or {}).get("excluded") or []
    if not items:
        return "_No strong model was excluded by your constraints._" if rec else "_Nothing yet._"
    lines = []
    for x in items:
        score = f" ({fmt_num(x['score'])})" if x.get("score") is not None else ""
        lines.append(f"- **{md_text(x.get('model'))}**{score}: " + md_text("; ".join(x.get("reasons") or [])))
    return "\n".join(lines)


def steps_markdown(steps: list[Any], rec: dict[str, Any] | None) -> str:
    """Intermediate steps (retrieval, filters, ranking basis) as a Markdown list."""
    from app.report.blocks import md_text

    lines = [f"- {md_text(s)}" for s in steps or []]
    kb = (rec or {}).get("knowledge_base") or {}
    if kb:
        lines.append(f"- knowledge base: {kb.get('cards')} cards, snapshot {kb.get('snapshot_date')}, "
                     f"search {md_text(kb.get('index'))}")
    return "\n".join(lines) or "_No steps yet._"


def headline_markdown(rec: dict[str, Any] | None, questions: list[dict[str, Any]]) -> str:
    """The summary above the candidates table."""
    from app.report.blocks import md_text

    if not rec:
        ask = "".join(f"\n- {md_text(q.get('text'))}" for q in questions or [])
        return "**No recommendation yet.** Describe your data and needs in the chat or fill in the form." + ask
    picks = rec.get("recommendations") or []
    if not picks:
        return "**No model fits every hard constraint.** " + md_text(" ".join(rec.get("notes") or []))
    top = picks[0]
    domain = (rec.get("profile") or {}).get("domain")
    return f"**Top pick: {md_text(top.get('model'))}** — {md_text(plain_why(top, domain))}"


def _plain_benchmark(evidence: dict[str, Any]) -> str:
    """'MTEB(Medical, v1)' + 'Retrieval' -> 'medical search'; '' when there is no benchmark."""
    bench = str(evidence.get("benchmark") or "")
    if not bench:
        return ""
    inside = bench[bench.find("(") + 1:bench.find(")")] if "(" in bench else ""
    first = inside.split(",")[0].strip()
    topic = _TOPICS.get(first.lower(), first) if first else bench.split("(")[0]
    if bench.startswith("MIEB"):
        topic = "image" if first.lower() in ("eng", "lite") else "multilingual image"
    if bench.startswith("MAEB"):
        topic = "audio"
    if bench.startswith("LongEmbed"):
        topic = "long-document"
    task = _TASK_WORDS.get(str(evidence.get("aggregate") or ""), "")
    return " ".join(x for x in (topic, task) if x)


def plain_why(pick: dict[str, Any], domain: str | None = None) -> str:
    """One plain sentence saying why this model is on the list.

    The advisor's own ``why`` when the pick has one; else derived from its evidence and first reason, without
    benchmark jargon ("The best of 76 models that fit your needs on medical search tests.").
    """
    if pick.get("why"):
        return str(pick["why"])
    ev = pick.get("evidence") or {}
    first = str((pick.get("reasons") or [""])[0])
    topic = _plain_benchmark(ev)
    place = _PLACE.search(first)
    if place and topic:
        n, of = int(place.group(1)), int(place.group(2))
        word = _ORDINALS.get(n, f"number {n}")
        return f"The {word} of {of} models that fit your needs on {topic} tests."
    if topic and pick.get("score") is not None:
        return f"Scores well on {topic} tests among the models that fit your needs."
    if pick.get("rank") is None:
        what = f"{domain} " if domain and domain not in ("general", "other") else ""
        return (f"Built for {what}texts like yours; it has no comparable test score yet, so try it on your own data "
                "in the trial.")
    # The first reason without its bracketed details and figures after a dash.
    text = re.sub(r"\s*\([^)]*\)", "", first.split(" — ")[0]).strip()
    return (text[:1].upper() + text[1:] + ".") if text else "Meets every hard constraint you gave."


def _gb(gb: float) -> str:
    return f"{gb * 1000:.0f} MB" if gb < 1 else f"{gb:.1f} GB" if gb < 10 else f"{gb:.0f} GB"


def _ms(ms: float) -> str:
    return f"{ms / 1000:.1f} s" if ms >= 1000 else f"{ms:.0f} ms" if ms >= 10 else f"{ms:.1g} ms"


def footprint_facts(pick: dict[str, Any], profile: dict[str, Any] | None = None) -> list[tuple[str, str]]:
    """What a person decides on, for one pick: memory, time to embed the corpus, query latency, monthly cost.

    Each as (what, value); a value the advisor could not compute says what it needs instead of a number.
    """
    profile = profile or {}
    fp = pick.get("footprint") or {}
    api = (pick.get("facts") or {}).get("open_weights") is False
    out: list[tuple[str, str]] = []
    index = (fp.get("index") or [{}])[0]
    size = ""
    if index.get("float32_bytes") is not None:
        per = "" if fp.get("vectors_basis") == "your corpus" else " per million documents"
        size = f"; index {human_bytes(index['float32_bytes'])}{per}"
    if api:
        out.append(("Memory", "none on your side (hosted API)" + size))
    elif fp.get("memory_needed_gb") is not None:
        kind = "GPU memory" if profile.get("hardware") == "gpu" else "RAM"
        out.append(("Memory", f"~{_gb(fp['memory_needed_gb'])} {kind}{size}"))
    else:
        out.append(("Memory", "unknown (the model size is not published)" + size))
    where = "gpu" if profile.get("hardware") == "gpu" else "cpu"
    hours = (fp.get("encode_hours") or {}).get(where)
    if hours is not None:
        out.append(("Time to embed your corpus", f"~{human_duration(hours)} on {where.upper()}"))
    elif api:
        out.append(("Time to embed your corpus", "depends on the provider's rate limits"))
    elif ((pick.get("feasibility") or {}).get("encode") or {}).get("hours") is not None and profile.get("documents"):
        assumed = pick["feasibility"]["encode"]["hours"]   # the ranking's estimate at the assumed length
        out.append(("Time to embed your corpus", f"~{human_duration(assumed)} at an assumed document length "
                                                 "(tell me how long the documents are)"))
    else:
        missing = "how long the documents are" if profile.get("documents") else "how many documents, and how long"
        out.append(("Time to embed your corpus", f"tell me {missing}"))
    latency = fp.get("query_latency_ms_cpu")
    out.append(("Query latency", "a network round trip to the provider" if api else
                f"~{_ms(latency)} per query on CPU" if latency is not None else "unknown"))
    cost = fp.get("api_cost") or {}
    if not api:
        out.append(("Monthly cost", "no API fees (runs on your own hardware)"))
    elif cost.get("monthly_queries_usd") is not None:
        once = f", plus ~${fmt_num(cost['one_off_usd'])} once to embed the corpus" if cost.get("one_off_usd") else ""
        out.append(("Monthly cost", f"~${fmt_num(cost['monthly_queries_usd'])} for queries{once}"))
    elif cost.get("usd_per_1m_tokens") is not None:
        out.append(("Monthly cost", f"${fmt_num(cost['usd_per_1m_tokens'])} per million tokens (tell me your query "
                                    "rate for a monthly figure)"))
    else:
        out.append(("Monthly cost", str(cost.get("note") or "price not published")))
    return out
