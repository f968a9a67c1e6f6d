"""Fine-tune results: the JSON contract, a Markdown rendering, a plain verdict and the saved model's card."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from agents.trial.metrics import METRICS, PRIMARY
from agents.trial.stats import ALPHA, MIN_QUERIES

FINETUNED = "fine-tuned"


@dataclass
class SystemScore:
    """One system on the held-out split: its role (baseline | base | candidate | fine-tuned) and metrics."""

    model: str
    role: str
    metrics: dict[str, float]
    ci95: dict[str, tuple[float, float]]

    def to_dict(self) -> dict:
        return {"model": self.model, "role": self.role, "metrics": self.metrics,
                "ci95": {k: list(v) for k, v in self.ci95.items()}}


@dataclass
class FineTuneResult:
    """What a fine-tune bought on the held-out split, and where the model was saved."""

    base_model: str
    output_dir: str | None
    label_free: bool
    split: dict
    training: dict
    systems: list[SystemScore]
    paired_tests: dict[str, dict]
    verdict: str
    significant: bool
    summary: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    partial: bool = False
    date: str = ""
    elapsed_s: float = 0.0

    def system(self, role: str) -> SystemScore | None:
        return next((s for s in self.systems if s.role == role), None)

    @property
    def ndcg_gain(self) -> float | None:
        t = self.paired_tests.get("vs_base")
        return t["mean_diff"] if t else None

    def to_dict(self) -> dict:
        from agents.trial.finetune_data import FINETUNE_LABEL_FREE_NOTE

        return {"base_model": self.base_model, "output_dir": self.output_dir, "verdict": self.verdict,
                "significant": self.significant, "ndcg_gain": self.ndcg_gain,
                "ndcg_gain_ci95": (self.paired_tests.get("vs_base") or {}).get("ci95"),
                "systems": [s.to_dict() for s in self.systems], "paired_tests": self.paired_tests,
                "split": self.split, "training": self.training, "label_free": self.label_free,
                "label_free_note": FINETUNE_LABEL_FREE_NOTE if self.label_free else None,
                "summary": self.summary, "messages": self.messages, "notes": self.notes, "partial": self.partial,
                "date": self.date, "elapsed_s": self.elapsed_s}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_markdown(self) -> str:
        return render_markdown(self)


def verdict_for(test: dict | None, n_test: int) -> tuple[str, bool]:
    """A plain sentence on the fine-tuned minus base difference, and whether it is a significant gain."""
    if test is None:
        return "no fine-tuned model to compare (cancelled before the first epoch finished)", False
    d, (lo, hi), p = test["mean_diff"], test["ci95"], test["p_value"]
    nums = f"nDCG@10 {d:+.3f} [95% CI {lo:+.3f}, {hi:+.3f}], p={p:.3g}, {n_test} held-out queries"
    if n_test < MIN_QUERIES:
        return (f"test split too small to tell: {nums}; at least {MIN_QUERIES} held-out queries are needed "
                "(add pairs)"), False
    if p >= ALPHA:
        return f"no significant gain from fine-tuning: {nums}; keep the base model", False
    if d > 0:
        return f"fine-tuning helps significantly: {nums}", True
    return f"fine-tuning made retrieval significantly worse: {nums}; keep the base model", False


def render_markdown(res: FineTuneResult) -> str:
    from agents.trial.finetune_data import FINETUNE_LABEL_FREE_NOTE

    sp, tr = res.split, res.training
    lines = ["# Fine-tune trial", "", f"**Verdict: {res.verdict}.**", "",
             f"Base model `{res.base_model}`, trained on {sp.get('train_pairs', 0)} pairs from "
             f"{sp.get('train_documents', 0)} documents; tested on {sp.get('test_queries', 0)} held-out queries "
             f"about {sp.get('test_documents', 0)} other documents (retrieval among all "
             f"{sp.get('index_documents', 0)}; split by document, seed {sp.get('seed')})."]
    if res.partial:
        lines += ["", f"**Cancelled:** kept the last finished epoch ({tr.get('epochs_done', 0)} of "
                      f"{tr.get('epochs', 0)})."]
    if res.label_free:
        lines += ["", f"> {FINETUNE_LABEL_FREE_NOTE}"]
    lines += ["", "## Held-out retrieval quality (mean, 95% bootstrap interval)", "",
              "| system | role | " + " | ".join(METRICS) + " |", "|---" * (len(METRICS) + 2) + "|"]
    for s in res.systems:
        cells = [f"{s.metrics[m]:.3f} [{s.ci95[m][0]:.3f}, {s.ci95[m][1]:.3f}]" for m in METRICS]
        lines.append(f"| {s.model} | {s.role} | " + " | ".join(cells) + " |")
    if res.paired_tests:
        lines += ["", f"## Paired tests ({PRIMARY}, fine-tuned minus the other, sign-flip permutation)", ""]
        for name, t in res.paired_tests.items():
            lines.append(f"- vs {t['versus']} ({name.removeprefix('vs_').replace('_', ' ')}): {t['mean_diff']:+.3f} "
                         f"[{t['ci95'][0]:+.3f}, {t['ci95'][1]:+.3f}], p={t['p_value']:.3g} — {t['verdict']}")
    if res.summary:
        lines += ["", "## Summary", ""] + [f"- {x}" for x in res.summary]
    lines += ["", "## Training", "",
              f"- {tr.get('loss')}, {tr.get('epochs_done')}/{tr.get('epochs')} epoch(s), batch {tr.get('batch_size')}, "
              f"learning rate {tr.get('learning_rate')}, {tr.get('seconds')} s on CPU "
              f"({tr.get('pairs_per_s')} pairs/s)",
              f"- saved to `{res.output_dir}` (sentence-transformers format; load with "
              "`SentenceTransformer(path)` or `python -m app.cli trial --models PATH`)" if res.output_dir
              else "- no model saved"]
    if res.messages:
        lines += ["", "## Input", ""] + [f"- {m}" for m in res.messages]
    if res.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in res.notes]
    return "\n".join(lines) + "\n"


def model_card(res: FineTuneResult) -> str:
    """README.md for the saved model: base model, data size, held-out metrics, date, how to load."""
    base, tuned = res.system("base"), res.system(FINETUNED)
    rows = [f"| {s.model} | {s.role} | {s.metrics[PRIMARY]:.3f} [{s.ci95[PRIMARY][0]:.3f}, {s.ci95[PRIMARY][1]:.3f}] "
            f"| {s.metrics['recall@10']:.3f} | {s.metrics['mrr@10']:.3f} |" for s in res.systems]
    base_id = res.base_model.replace("\n", " ")
    front = ["---", "library_name: sentence-transformers", "pipeline_tag: sentence-similarity",
             "tags: [sentence-transformers, feature-extraction, fine-tuned, embedding-advisor]",
             f"base_model: {json.dumps(base_id)}", "---"]
    sp, tr = res.split, res.training
    body = [f"# Fine-tuned from {base_id}", "",
            f"Made by the Embedding Advisor fine-tune trial on {res.date}. Verdict on the held-out split: "
            f"{res.verdict}.", "",
            "## Data", "",
            f"- {sp.get('train_pairs')} (query, passage) training pairs from {sp.get('train_documents')} documents"
            + (" (label-free: titles/headings and sentences of the documents as queries)" if res.label_free else ""),
            f"- {sp.get('test_queries')} held-out queries about {sp.get('test_documents')} documents never seen in "
            f"training, retrieved among {sp.get('index_documents')} documents (split by document, seed {sp.get('seed')})",
            "", "## Training", "",
            f"- {tr.get('trainer')}, {tr.get('loss')}", f"- {tr.get('epochs_done')} epoch(s) of {tr.get('epochs')}, "
            f"batch {tr.get('batch_size')}, learning rate {tr.get('learning_rate')}, seed {tr.get('seed')}, CPU, "
            f"{tr.get('seconds')} s", "",
            "## Held-out results", "", "| system | role | nDCG@10 [95% CI] | Recall@10 | MRR@10 |", "|---|---|---|---|---|",
            *rows, ""]
    if base and tuned:
        body.append(f"nDCG@10 {base.metrics[PRIMARY]:.3f} -> {tuned.metrics[PRIMARY]:.3f}.")
    body += ["", "## Use", "", "```python", "from sentence_transformers import SentenceTransformer",
             "model = SentenceTransformer('path/to/this/folder')", "```", "",
             "Re-embed the whole corpus with this model: its vectors are not compatible with the base model's."]
    return "\n".join(front + [""] + body) + "\n"
