"""Fine-tuning the real packaged all-MiniLM-L6-v2 on the bundled demos (CPU, offline, kept small).

One session-scoped fine-tune per demo: on product codes the gain is significant, on plain words it
is not; the saved model loads with ``SentenceTransformer(path)``; a cancel keeps the last finished epoch.
"""

from __future__ import annotations

import threading

import pytest

from agents.trial import Sample
from agents.trial.demos import finetune_demo
from agents.trial.finetune import load_result, run_finetune
from agents.trial.finetune_report import FINETUNED
from agents.trial.finetune_train import TrainSettings
from agents.trial.inputs import Document
from agents.trial.queries import Queries, Query

# The demo recipe (docs/finetune.md): 1 epoch, learning rate 1e-4, seed 0, 30% of the queries held out.
DEMO_SETTINGS = TrainSettings(epochs=1, learning_rate=1e-4)


@pytest.fixture(scope="session")
def codes_run(tmp_path_factory):
    sample, queries = finetune_demo("finetune_codes").load()
    out = tmp_path_factory.mktemp("ft-codes") / "model"
    return run_finetune(sample, queries, out, settings=DEMO_SETTINGS, n_boot=300), out


def test_product_codes_demo_gains_significantly_on_held_out_documents(codes_run):
    res, _ = codes_run
    base, tuned = res.system("base"), res.system(FINETUNED)
    assert tuned.metrics["ndcg@10"] > base.metrics["ndcg@10"]
    assert res.paired_tests["vs_base"]["verdict"] == "significantly better" and res.significant
    assert res.verdict.startswith("fine-tuning helps significantly")
    assert res.split["test_queries"] >= 20 and res.training["epochs_done"] == 1


def test_saved_model_loads_and_carries_a_model_card(codes_run):
    from sentence_transformers import SentenceTransformer

    res, out = codes_run
    model = SentenceTransformer(str(out), device="cpu")
    assert model.encode(["ZA853 battery swap"]).shape == (1, 384)
    # trained on 128 tokens (memory), saved with the base model's own limit: long passages are not cut shorter
    assert res.training["max_seq_length"] == 128 and model.max_seq_length == 256
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "base_model: \"sentence-transformers/all-MiniLM-L6-v2\"" in card
    assert f"{res.split['train_pairs']} (query, passage) training pairs" in card and res.date in card
    assert load_result(out)["verdict"] == res.verdict


def test_the_report_puts_the_fine_tune_next_to_bm25_and_says_the_verdict(codes_run):
    res, _ = codes_run
    data = res.to_dict()
    assert {s["role"] for s in data["systems"]} == {"baseline", "base", FINETUNED}
    assert data["ndcg_gain"] == res.paired_tests["vs_base"]["mean_diff"] and len(data["ndcg_gain_ci95"]) == 2
    md = res.to_markdown()
    assert md.startswith("# Fine-tune trial") and f"**Verdict: {res.verdict}.**" in md and "| bm25 |" in md


def _tiny(n: int = 24) -> tuple[Sample, Queries]:
    docs = [Document(f"d{i}", f"Section {i}: the part numbered {i} is a gadget for task {i}.") for i in range(n)]
    return Sample(docs), Queries([Query(f"what is part {i} for", (f"d{i}",)) for i in range(n)])


def test_cancel_keeps_the_last_finished_epoch(tmp_path):
    sample, queries = _tiny()
    stop = threading.Event()

    def progress(stage, done, total, message):
        if stage == "train" and done == 3:  # first step of epoch 2 (2 steps per epoch)
            stop.set()

    res = run_finetune(sample, queries, tmp_path / "m", settings=TrainSettings(epochs=3, batch_size=16),
                       cancel=stop, progress=progress, n_boot=50)
    assert res.partial and res.training["epochs_done"] == 1 and res.training["cancelled"]
    assert res.output_dir and (tmp_path / "m" / "model.safetensors").exists()
    assert res.system(FINETUNED) is not None
    assert "too small to tell" in res.verdict  # 7 held-out queries


def test_an_occupied_output_folder_is_refused(tmp_path):
    from agents.trial import TrialInputError

    (tmp_path / "notes.txt").write_text("mine")
    sample, queries = _tiny()
    with pytest.raises(TrialInputError, match="not an earlier fine-tune"):
        run_finetune(sample, queries, tmp_path)
