"""The report's fine-tuning section, present only when a fine-tune result (``FineTuneResult.to_dict()``) is attached."""

from __future__ import annotations

from typing import Any

from agents.trial.metrics import METRICS, PRIMARY
from app.report.blocks import Bullets, Chart, Para, Section, Sub, Table
from app.report.charts import Bar, bar_svg
from app.report.views import fmt_num

KEY = "finetune"
TITLE = "Fine-tune on your data"


def finetune_section(ft: dict[str, Any]) -> Section:
    """Verdict, held-out metrics of BM25 / the base model / candidates / the fine-tune, paired tests, training."""
    split, tr = ft.get("split") or {}, ft.get("training") or {}
    blocks: list = [Para(f"Verdict: {ft.get('verdict', 'not recorded')}."),
                    Para(f"Base model {ft.get('base_model')}, {split.get('train_pairs', '?')} training pairs from "
                         f"{split.get('train_documents', '?')} documents; {split.get('test_queries', '?')} held-out "
                         f"queries about {split.get('test_documents', '?')} documents never seen in training "
                         f"(split by document, seed {split.get('seed', '?')}).")]
    if ft.get("partial"):
        blocks.append(Para(f"Cancelled: the last finished epoch ({tr.get('epochs_done', 0)} of "
                           f"{tr.get('epochs', '?')}) was kept."))
    if ft.get("label_free_note"):
        blocks.append(Para(str(ft["label_free_note"]), muted=True))
    systems = ft.get("systems") or []
    if systems:
        bars = [Bar(f"{s.get('model')} ({s.get('role')})", float((s.get("metrics") or {}).get(PRIMARY) or 0.0),
                    *(((s.get("ci95") or {}).get(PRIMARY) or [None, None])[:2]), highlight=s.get("role") == "fine-tuned")
                for s in systems]
        blocks.append(Chart(bar_svg(bars, f"{PRIMARY} on held-out documents (95% interval)", "Before and after")))
        rows = [[str(s.get("model")), str(s.get("role")), *[fmt_num((s.get("metrics") or {}).get(m)) for m in METRICS]]
                for s in systems]
        blocks.append(Table(["system", "role", *METRICS], rows))
    tests = ft.get("paired_tests") or {}
    if tests:
        blocks.append(Sub("Paired tests (fine-tuned minus the other)", [Bullets([
            f"vs {t.get('versus')}: {fmt_num(t.get('mean_diff'))} [{fmt_num((t.get('ci95') or [None])[0])}, "
            f"{fmt_num((t.get('ci95') or [None, None])[1])}], p={fmt_num(t.get('p_value'))} — {t.get('verdict')}"
            for t in tests.values()])]))
    blocks.append(Para(f"Training: {tr.get('loss', '?')}, {tr.get('epochs_done', '?')} epoch(s), batch "
                       f"{tr.get('batch_size', '?')}, {fmt_num(tr.get('seconds'))} s on CPU "
                       f"({fmt_num(tr.get('pairs_per_s'))} pairs/s). Model saved to {ft.get('output_dir') or 'nowhere'}.",
                       muted=True))
    return Section(KEY, TITLE, blocks)
