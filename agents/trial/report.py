"""Trial results as plain dataclasses, rendered to the JSON contract and to Markdown."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from agents.trial.metrics import METRICS, PRIMARY

BASELINE_ID = "bm25"


@dataclass
class SystemResult:
    """One retrieval system's measurements (an embedding candidate, or the BM25 baseline)."""

    model: str
    kind: str  # local | api | keyword
    metrics: dict[str, float]
    ci95: dict[str, tuple[float, float]]
    per_query: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    rankings: np.ndarray | None = field(repr=False, default=None)
    docs_per_s: float | None = None
    tokens_per_s: float | None = None
    queries_per_s: float | None = None
    peak_mem_mb: float | None = None
    memory: dict = field(default_factory=dict)
    truncated_share: float | None = None
    max_seq_length: int | None = None
    mean_doc_tokens: float | None = None
    quantization: dict = field(default_factory=dict)
    index_size: dict = field(default_factory=dict)
    prompts: dict = field(default_factory=dict)
    paired_test: dict | None = None
    vs_baseline: dict | None = None
    examples: list[dict] = field(default_factory=list)
    timing: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = {"model": self.model, "kind": self.kind, "metrics": self.metrics,
               "ci95": {k: list(v) for k, v in self.ci95.items()}, "docs_per_s": self.docs_per_s,
               "tokens_per_s": self.tokens_per_s, "queries_per_s": self.queries_per_s,
               "peak_mem_mb": self.peak_mem_mb, "memory": self.memory, "truncated_share": self.truncated_share,
               "max_seq_length": self.max_seq_length, "mean_doc_tokens": self.mean_doc_tokens,
               "quantization": self.quantization, "index_size": self.index_size, "prompts": self.prompts,
               "paired_test": self.paired_test, "vs_baseline": self.vs_baseline, "examples": self.examples,
               "timing": self.timing, "notes": self.notes, "found": self.found()}
        return out

    def found(self) -> dict[str, int]:
        """How many queries had a relevant document in the top 1 / 5 / 10 ("found the right document")."""
        return {f"top{k}": int((self.per_query[f"recall@{k}"] > 0).sum())
                for k in (1, 5, 10) if f"recall@{k}" in self.per_query}


@dataclass
class TrialResult:
    """Everything a trial measured; ``partial`` when it was cancelled before every candidate finished."""

    candidates: list[SystemResult]
    baseline: SystemResult | None
    skipped: list[dict]
    failed: list[dict]
    label_free: bool
    sample: dict
    corpus_size: int
    best: str | None = None
    partial: bool = False
    not_run: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    elapsed_s: float = 0.0

    def to_dict(self) -> dict:
        from agents.trial.pseudo import LABEL_FREE_NOTE

        return {"candidates": [c.to_dict() for c in self.candidates], "skipped": self.skipped,
                "baseline": self.baseline.to_dict() if self.baseline else None, "label_free": self.label_free,
                "label_free_note": LABEL_FREE_NOTE if self.label_free else None, "failed": self.failed,
                "best": self.best, "partial": self.partial, "not_run": self.not_run, "summary": self.summary,
                "sample": self.sample, "corpus_size": self.corpus_size, "notes": self.notes,
                "settings": self.settings, "elapsed_s": self.elapsed_s}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_markdown(self) -> str:
        return render_markdown(self)


def _fmt(v: float | None, digits: int = 3) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def _ci(r: SystemResult, m: str) -> str:
    lo, hi = r.ci95.get(m, (None, None))
    return f"{_fmt(r.metrics.get(m))} [{_fmt(lo)}, {_fmt(hi)}]"


def render_markdown(res: TrialResult) -> str:
    from agents.trial.pseudo import LABEL_FREE_NOTE

    s = res.sample
    lines = ["# Embedding trial on your sample", "",
             f"{s.get('documents', 0)} documents, {s.get('queries', 0)} {'pseudo-' if res.label_free else 'labelled '}"
             f"queries from `{s.get('source', '')}`; sizes projected to {res.corpus_size:,} documents."]
    if res.partial:
        lines += ["", f"**Partial result: cancelled.** Not run: {', '.join(res.not_run) or 'none'}."]
    if res.label_free:
        lines += ["", f"> {LABEL_FREE_NOTE}"]
    if res.summary:
        lines += ["", "## Summary", ""] + [f"- {x}" for x in res.summary]
    systems = res.candidates + ([res.baseline] if res.baseline else [])
    if systems:
        lines += ["", "## Retrieval quality (mean, 95% bootstrap interval)", "",
                  "| model | " + " | ".join(METRICS) + " | vs best |", "|---" * (len(METRICS) + 2) + "|"]
        for r in systems:
            verdict = (f"{r.paired_test['mean_diff']:+.3f}, p={r.paired_test['p_value']:.3g}: {r.paired_test['verdict']}"
                       if r.paired_test and r.model != res.best else "best" if r.model == res.best else "–")
            lines.append(f"| {r.model} | " + " | ".join(_ci(r, m) for m in METRICS) + f" | {verdict} |")
    if res.candidates:
        lines += ["", "## Speed, memory and storage on this machine", "",
                  "| model | docs/s | tokens/s | peak MB | truncated | dim | float32 | int8 | binary |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for r in res.candidates:
            h = r.index_size.get("human", {})
            trunc = "–" if r.truncated_share is None else f"{r.truncated_share:.1%}"
            lines.append(f"| {r.model} | {_fmt(r.docs_per_s, 1)} | {_fmt(r.tokens_per_s, 0)} | {_fmt(r.peak_mem_mb, 0)} | "
                         f"{trunc} | {r.index_size.get('dim', '–')} | {h.get('float32', '–')} | {h.get('int8', '–')} | "
                         f"{h.get('binary', '–')} |")
        lines += ["", "## Quality kept after compression (nDCG@10 relative to float32)", ""]
        for r in res.candidates:
            parts = [f"{name}: {q['retained']:.1%}" for name, q in r.quantization.items() if q.get("retained") is not None]
            lines.append(f"- **{r.model}**: {', '.join(parts) or 'not measured'}")
    # With two systems the best's examples mirror the other's: show each pair once.
    examples = [(r.model, e) for r in systems for e in r.examples
                if not (r.model == res.best and any(x.model == e["versus"] and x.examples for x in systems))]
    if examples:
        lines += ["", "## Example queries", ""]
        for model, e in examples:
            lines.append(f"- **{model}** {e['outcome']} vs {e['versus']}: “{e['query']}” — first relevant at rank "
                         f"{e['rank'] or '>10'} (vs {e['versus_rank'] or '>10'})")
    if res.skipped:
        lines += ["", "## Skipped", ""] + [
            f"- **{x['model']}**: {x['reason']}" + (f" — enable with `{x['enable']}`" if x.get("enable") else "")
            for x in res.skipped]
    if res.failed:
        lines += ["", "## Failed", ""] + [f"- **{x['model']}** ({x['stage']}): {x['error']}" for x in res.failed]
    if s.get("messages"):
        lines += ["", "## Input", ""] + [f"- {m}" for m in s["messages"]]
    if res.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in res.notes]
    return "\n".join(lines) + "\n"


def primary(r: SystemResult) -> float:
    return r.metrics.get(PRIMARY, 0.0)
