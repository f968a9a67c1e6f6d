"""What a report says: the sections built from a recommendation (``Recommendation.to_dict()``) and trial.

Every section is always present (saying "none" when empty) so a reader — and the tests — can rely
on the structure: needs, picks with reasons and evidence, trade-offs, specialists, exclusions,
footprint, trial, assumptions, steps, knowledge base, and how to reproduce. A fine-tuning section
follows the trial only when the recommendation carries a fine-tune result (``rec["finetune"]``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agents.fields import BY_NAME, value_label
from agents.profile import PROFILE_FIELDS
from agents.trial.metrics import METRICS, PRIMARY
from agents.units import human_bytes
from app.report.blocks import Bullets, Chart, Code, Para, Report, Section, Sub, Table
from app.report.charts import Bar, bar_svg, scatter_svg
from app.report.finetune_section import finetune_section
from app.report.trial_view import result_sentence
from app.report.views import (
    TRADEOFF_TITLES,
    chart_summary,
    fmt_num,
    footprint_facts,
    key_facts,
    plain_why,
    score_text,
    tradeoff_points,
)
from knowledge.languages import language_name

SECTION_KEYS = ("profile", "picks", "tradeoffs", "specialists", "excluded", "footprint", "trial", "assumptions",
                "steps", "knowledge_base", "reproduce")

Lookup = Callable[[str], Any] | None


def _value(v: Any, field: str = "") -> str:
    """A value as people read it: labels from the field registry ("cloud_ok" -> "Cloud APIs OK")."""
    if v is None or v == []:
        return "not given"
    if field == "languages" and isinstance(v, list):
        return ", ".join(f"{language_name(str(c))} ({c})" for c in v)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return fmt_num(v)
    return value_label(field, v)


def profile_section(profile: dict[str, Any]) -> Section:
    rows = [[BY_NAME[f].label if f in BY_NAME else f, _value(profile.get(f), f)] for f in PROFILE_FIELDS]
    return Section("profile", "Your needs", [Table(["need", "value"], rows)])


def feasibility_text(f: dict[str, Any]) -> str:
    """One line from a pick's ``feasibility``: where it runs, memory, indexing time, latency and cost."""
    parts = [f"runs on {f['runs_on']}"] if f.get("runs_on") else []
    mem = f.get("memory") or {}
    if mem.get("needed_gb") is not None:
        of = f" of {fmt_num(mem['available_gb'])} GB" if mem.get("available_gb") is not None else ""
        parts.append(f"~{fmt_num(mem['needed_gb'])} GB{of}" + (f" at {mem['precision']}" if mem.get("precision") else ""))
    enc = f.get("encode") or {}
    if enc.get("hours") is not None:
        window = f" (window {fmt_num(enc['window_hours'])} h)" if enc.get("window_hours") is not None else ""
        parts.append(f"index built in ~{fmt_num(enc['hours'])} h{window}")
    lat = f.get("latency") or {}
    if lat.get("ms") is not None:
        parts.append(f"~{fmt_num(lat['ms'])} ms per query")
    cost = f.get("cost") or {}
    money = [f"${fmt_num(cost[k])} {w}" for k, w in (("one_off_usd", "once"), ("monthly_usd", "a month"))
             if cost.get(k)]
    if money:
        parts.append(" + ".join(money))
    return "; ".join(parts)


def _pick_blocks(p: dict[str, Any], profile: dict[str, Any]) -> list:
    blocks: list = []
    labels = [TRADEOFF_TITLES.get(x, x) for x in p.get("labels") or []]
    if labels:
        blocks.append(Para("; ".join(labels), muted=True))
    blocks.append(Para(plain_why(p, profile.get("domain"))))
    blocks.append(Bullets([f"{what}: {value}" for what, value in footprint_facts(p, profile)]))
    blocks.append(Para(f"Score: {score_text(p)}"))
    if p.get("confidence"):
        lowered = "; ".join(str(r) for r in p.get("confidence_reasons") or [])
        blocks.append(Para(f"Confidence: {p['confidence']}" + (f" ({lowered})" if lowered else "")))
    if feasibility_text(p.get("feasibility") or {}):
        blocks.append(Para(f"Feasibility: {feasibility_text(p['feasibility'])}"))
    blocks.append(Para(f"Key facts: {key_facts(p.get('facts') or {})}"))
    if p.get("reasons"):
        blocks.append(Bullets([str(r) for r in p["reasons"]]))
    ev = p.get("evidence") or {}
    if ev.get("text"):
        blocks.append(Para(f"Evidence: {ev['text']}" + (f" (benchmark {ev['benchmark']})" if ev.get("benchmark") else "")))
    if p.get("caveats"):
        blocks.append(Sub("Caveats", [Bullets([str(c) for c in p["caveats"]])]))
    ft = p.get("fine_tuning") or {}
    if ft.get("why"):
        verdict = "worth considering" if ft.get("worth_it") else ("possible" if ft.get("possible") else "not possible")
        blocks.append(Para(f"Fine-tuning: {verdict} — {ft['why'][-1]}"))
    return blocks


def picks_section(rec: dict[str, Any]) -> Section:
    blocks: list = []
    metric = (rec.get("evidence") or {}).get("metric")
    if metric:
        blocks.append(Para(f"Ranked on {metric.get('label')}: {metric.get('why', '')}. "
                           f"{(rec.get('evidence') or {}).get('rule', '')}".strip()))
    picks = rec.get("recommendations") or []
    if not picks:
        blocks.append(Para("No model meets every hard constraint yet, or the profile needs more answers "
                           "(see the questions below)."))
    for p in picks:
        blocks.append(Sub(f"{p.get('rank')}. {p.get('model')}", _pick_blocks(p, rec.get("profile") or {})))
    small = rec.get("start_small") or {}
    comparison = rec.get("comparison") or {}
    choice = [str(comparison[k]) for k in ("first_over_second", "give_up", "start_small") if comparison.get(k)]
    if small.get("model") and not comparison.get("start_small"):
        choice.append(f"Start small: {small['model']} — {small.get('why', '')}")
    choice += [str(w.get("sentence")) for w in rec.get("what_would_change") or [] if w.get("sentence")]
    if choice:
        blocks.append(Sub("The choice", [Bullets(choice)]))
    questions = rec.get("questions") or []
    if questions:
        blocks.append(Sub("Open questions", [Bullets([str(q.get("text", q)) for q in questions])]))
    return Section("picks", "Recommended models", blocks)


def tradeoffs_section(rec: dict[str, Any], lookup: Lookup) -> Section:
    blocks: list = []
    points, axis = tradeoff_points(rec, lookup)
    blocks.append(Chart(scatter_svg(points, axis, "relevant benchmark score", "Score vs size"),
                        "Recommended models as filled dark-blue dots (numbered by rank), other candidates as blue "
                        "rings, excluded models as grey crosses. " + chart_summary(points)))
    rows = [[p.label, p.status, fmt_num(p.y) if p.y is not None else "–",
             fmt_num(p.x) if p.x is not None else "unknown"] for p in points]
    blocks.append(Table(["model", "status", "score", axis], rows, "Data of the chart"))
    trade = rec.get("tradeoffs") or []
    if trade:
        blocks.append(Bullets([f"{TRADEOFF_TITLES.get(t.get('kind'), t.get('kind'))}: {t.get('model')} — "
                               f"{t.get('detail', '')}" for t in trade]))
    return Section("tradeoffs", "Trade-offs", blocks)


def specialists_section(rec: dict[str, Any]) -> Section:
    specs = rec.get("specialists") or []
    if not specs:
        return Section("specialists", "Domain specialists", [Para("None for this profile.", muted=True)])
    return Section("specialists", "Domain specialists",
                   [Para("Models built for your domain without a comparable benchmark score: try them in the trial.")]
                   + [Sub(str(p.get("model")), _pick_blocks(p, rec.get("profile") or {})) for p in specs])


def excluded_section(rec: dict[str, Any]) -> Section:
    rows = [[str(x.get("model")), fmt_num(x["score"]) if x.get("score") is not None else "–",
             "; ".join(str(r) for r in x.get("reasons") or [])] for x in rec.get("excluded") or []]
    if not rows:
        return Section("excluded", "Why not these?", [Para("No strong model was excluded by your constraints.",
                                                           muted=True)])
    return Section("excluded", "Why not these?",
                   [Para("Strong models that break at least one of your hard constraints:"),
                    Table(["model", "score", "excluded because"], rows)])


def _footprint_rows(fp: dict[str, Any]) -> list[list[str]]:
    rows = []
    for r in fp.get("index") or []:
        rows.append([f"index, {r.get('dim')} dims", f"{human_bytes(r.get('float32_bytes'))} float32 / "
                     f"{human_bytes(r.get('int8_bytes'))} int8 / {human_bytes(r.get('binary_bytes'))} binary"])
    if fp.get("memory_needed_gb") is not None:
        rows.append(["model memory", f"~{fmt_num(fp['memory_needed_gb'])} GB"])
    enc = fp.get("encode_hours") or {}
    for where, hours in enc.items():
        if hours is not None:
            rows.append([f"encode corpus ({where})", f"~{fmt_num(hours)} h"])
    if fp.get("query_latency_ms_cpu") is not None:
        rows.append(["query latency (CPU)", f"~{fmt_num(fp['query_latency_ms_cpu'])} ms"])
    cost = fp.get("api_cost") or {}
    for key in ("usd_per_1m_tokens", "one_off_usd", "monthly_queries_usd"):
        if cost.get(key) is not None:
            rows.append([f"API cost: {key.replace('_', ' ')}", f"${fmt_num(cost[key])}"])
    if cost.get("note"):
        rows.append(["API cost", str(cost["note"])])
    return rows


def footprint_section(rec: dict[str, Any]) -> Section:
    blocks: list = []
    for p in rec.get("recommendations") or []:
        fp = p.get("footprint") or {}
        basis = fp.get("vectors_basis") or "your corpus"
        rows = _footprint_rows(fp)
        inner: list = [Table(["what", f"at {basis}"], rows)] if rows else [Para("No footprint figures known.", True)]
        notes = [str(n) for n in fp.get("notes") or []]
        if notes:
            inner.append(Bullets(notes))
        blocks.append(Sub(str(p.get("model")), inner))
    if not blocks:
        blocks.append(Para("No pick, so no footprint.", muted=True))
    return Section("footprint", "Footprint at your scale", blocks)


def trial_section(trial: dict[str, Any] | None) -> Section:
    if not trial:
        return Section("trial", "Trial on your data", [Para(
            "No trial was run. Run one in the app's Trial tab or with `python -m app.cli trial` to check the picks "
            "on your own documents.", muted=True)])
    sample = trial.get("sample") or {}
    kind = "pseudo-queries generated from the documents" if trial.get("label_free") else "labelled queries"
    source = Path(str(sample.get("source") or "your sample")).name   # a file name, never a server's folders
    blocks: list = [Para(result_sentence(trial)),
                    Para(f"{sample.get('documents', '?')} documents and {sample.get('queries', '?')} {kind} "
                         f"from {source}.")]
    if trial.get("partial"):
        blocks.append(Para(f"Partial result (cancelled); not run: {', '.join(trial.get('not_run') or []) or 'none'}."))
    if trial.get("label_free_note"):
        blocks.append(Para(str(trial["label_free_note"]), muted=True))
    if trial.get("summary"):
        blocks.append(Bullets([str(s) for s in trial["summary"]]))
    systems = list(trial.get("candidates") or []) + ([trial["baseline"]] if trial.get("baseline") else [])
    rows = []
    for s in systems:
        ci = (s.get("ci95") or {}).get(PRIMARY) or [None, None]
        rows.append([str(s.get("model")), *[fmt_num((s.get("metrics") or {}).get(m)) for m in METRICS],
                     f"{fmt_num(ci[0])}–{fmt_num(ci[1])}" if ci[0] is not None else "–",
                     fmt_num(s.get("docs_per_s")) if s.get("docs_per_s") is not None else "–"])
    if systems:
        bars = [Bar(str(s.get("model")), float((s.get("metrics") or {}).get(PRIMARY) or 0.0),
                    *(((s.get("ci95") or {}).get(PRIMARY) or [None, None])[:2]), highlight=s.get("model") == trial.get("best"))
                for s in systems]
        blocks.append(Chart(bar_svg(bars, f"{PRIMARY} (95% bootstrap interval)", "Retrieval quality on your sample")))
        blocks.append(Table(["model", *METRICS, f"{PRIMARY} 95% CI", "docs/s"], rows))
    for title, key in (("Skipped", "skipped"), ("Failed", "failed")):
        items = trial.get(key) or []
        if items:
            blocks.append(Sub(title, [Bullets([f"{x.get('model')}: {x.get('reason') or x.get('error')}" for x in items])]))
    if trial.get("notes"):
        blocks.append(Sub("Trial notes", [Bullets([str(n) for n in trial["notes"]])]))
    return Section("trial", "Trial on your data", blocks)


def _list_section(key: str, title: str, items: list[Any], empty: str) -> Section:
    return Section(key, title, [Bullets([str(i) for i in items])] if items else [Para(empty, muted=True)])


def knowledge_section(kb: dict[str, Any]) -> Section:
    if not kb:
        return Section("knowledge_base", "Knowledge base", [Para("Not recorded.", muted=True)])
    rows = [[str(k).replace("_", " "), _value(v) if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False)]
            for k, v in kb.items()]
    return Section("knowledge_base", "Knowledge base", [Table(["item", "value"], rows)])


def reproduce_section(rec: dict[str, Any]) -> Section:
    known = {k: v for k, v in (rec.get("profile") or {}).items() if v is not None}
    profile_json = json.dumps(known, indent=2, ensure_ascii=False)
    top = max(3, len(rec.get("recommendations") or []))
    script = (f"cat > profile.json <<'EOF'\n{profile_json}\nEOF\n"
              f"python -m app.cli recommend --profile profile.json --top {top}")
    return Section("reproduce", "How to reproduce", [
        Para("From a checkout of Embedding Advisor with the same knowledge base, this prints the same recommendation "
             "as JSON (add --format md for Markdown):"),
        Code(script, "sh"),
        Para("The profile written out:"), Code(profile_json, "json")])


def build_report(rec: dict[str, Any], trial: dict[str, Any] | None = None, lookup: Lookup = None,
                 now: datetime | None = None) -> Report:
    """The whole report as blocks (see :data:`SECTION_KEYS`)."""
    trial = trial if trial is not None else rec.get("trial")
    kb = rec.get("knowledge_base") or {}
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    snap = kb.get("snapshot_date") or "unknown"
    sections = [
        profile_section(rec.get("profile") or {}),
        picks_section(rec),
        tradeoffs_section(rec, lookup),
        specialists_section(rec),
        excluded_section(rec),
        footprint_section(rec),
        trial_section(trial),
        *([finetune_section(rec["finetune"])] if rec.get("finetune") else []),
        _list_section("assumptions", "Assumptions", list(rec.get("assumptions") or []) + list(rec.get("notes") or []),
                      "None recorded."),
        _list_section("steps", "How this was computed", list(rec.get("steps") or []), "Not recorded."),
        knowledge_section(kb),
        reproduce_section(rec),
    ]
    return Report("Embedding model recommendation", f"Generated {when}; knowledge-base snapshot {snap}.", sections)
