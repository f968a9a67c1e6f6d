"""The report gains a fine-tuning section only when a fine-tune result is attached, in every text format."""

from __future__ import annotations

import json

from agents.trial.finetune_report import FineTuneResult, SystemScore, verdict_for
from app.report.render import render_html, render_json, render_markdown

CI = {m: (0.1, 0.3) for m in ("ndcg@10", "recall@1", "recall@5", "recall@10", "mrr@10")}


def _result() -> dict:
    test = {"versus": "base/m", "metric": "ndcg@10", "mean_diff": 0.226, "ci95": [0.144, 0.32], "p_value": 0.0001,
            "n_queries": 36, "verdict": "significantly better"}
    verdict, significant = verdict_for(test, 36)
    systems = [SystemScore("bm25", "baseline", {m: 0.155 for m in CI}, CI),
               SystemScore("base/m", "base", {m: 0.16 for m in CI}, CI),
               SystemScore("fine-tuned", "fine-tuned", {m: 0.386 for m in CI}, CI)]
    return FineTuneResult("base/m", "/tmp/ft", False, {"train_pairs": 84, "test_queries": 36, "seed": 0},
                          {"epochs": 1, "epochs_done": 1, "loss": "MultipleNegativesRankingLoss", "seconds": 12.5},
                          systems, {"vs_base": test}, verdict, significant, date="2026-12-01").to_dict()


def test_section_appears_with_verdict_and_numbers_when_attached():
    rec = {"profile": {}, "finetune": _result()}
    md, html = render_markdown(rec, None, lambda _id: None), render_html(rec, None, lambda _id: None)
    for text in ("Fine-tune on your data", "fine-tuning helps significantly", "0.386", "84 training pairs"):
        assert text in md and text in html, text
    assert '<section id="section-finetune">' in html
    assert json.loads(render_json(rec))["finetune"]["verdict"].startswith("fine-tuning helps significantly")


def test_no_section_without_a_fine_tune():
    md = render_markdown({"profile": {}}, None, lambda _id: None)
    assert "Fine-tune on your data" not in md
