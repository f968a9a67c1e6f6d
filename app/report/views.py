"""View helpers shared by the web app and the report: number formats, key facts, chart points, tables.

Pure functions of ``Recommendation.to_dict()`` (and an optional card lookup); no gradio here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from agents.decide.recommendation import TRADEOFF_TITLES
from app.report.charts import Point

log = logging.getLogger(__name__)

SIZE_AXIS = "model size (parameters)"

__all__ = ["TRADEOFF_TITLES", "SIZE_AXIS", "fmt_num", "fmt_params", "key_facts", "score_text",
           "tradeoff_points", "candidate_rows"]


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
    metric = ((rec.get("evidence") or {}).get("metric") or {}).get("label")
    if not picks:
        return "**No model fits every hard constraint.** " + md_text(" ".join(rec.get("notes") or []))
    top = picks[0]
    basis = f" Ranked on {md_text(metric)}." if metric else ""
    return f"**Top pick: {md_text(top.get('model'))}** — {md_text(score_text(top))}.{basis}"
