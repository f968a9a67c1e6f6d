"""``python -m app.cli finetune``: the plain-words demo end to end (real MiniLM, 1 epoch), errors, contract."""

from __future__ import annotations

import json

import pytest

from app.cli.finetune import main


@pytest.fixture(scope="module")
def plain_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ft-plain")
    code = main(["--demo", "finetune_plain", "--epochs", "1", "--learning-rate", "1e-4", "--out",
                 str(folder / "model"), "--result", str(folder / "result.json"), "--bootstrap", "300"])
    return code, json.loads((folder / "result.json").read_text(encoding="utf-8")), folder


def test_plain_words_demo_shows_no_significant_gain(plain_run):
    code, data, _ = plain_run
    assert code == 0
    assert data["significant"] is False and data["verdict"].startswith("no significant gain")
    assert data["paired_tests"]["vs_base"]["verdict"] == "not significant"
    base = next(s for s in data["systems"] if s["role"] == "base")
    assert base["metrics"]["ndcg@10"] >= 0.9  # the general model is already near the ceiling here


def test_json_contract_and_saved_model(plain_run):
    _, data, folder = plain_run
    assert set(data) >= {"base_model", "output_dir", "verdict", "significant", "ndcg_gain", "ndcg_gain_ci95",
                         "systems", "paired_tests", "split", "training", "label_free", "date"}
    assert set(data["training"]) >= {"epochs", "epochs_done", "seconds", "pairs_per_s", "loss", "batch_size"}
    assert data["output_dir"] == str(folder / "model") and (folder / "model" / "README.md").exists()


def test_bad_input_exits_2_with_a_clear_message(tmp_path, capsys):
    docs = tmp_path / "d.csv"
    docs.write_text("id,text\n" + "".join(f"{i},passage {i} about things\n" for i in range(10)))
    queries = tmp_path / "q.jsonl"
    queries.write_text("".join(f'{{"query": "thing {i}", "relevant": ["{i}"]}}\n' for i in range(10)))
    assert main(["--docs", str(docs), "--queries", str(queries), "--out", str(tmp_path / "m")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "the minimum is 20" in err
    assert main(["--demo", "nope"]) == 2 and "valid: finetune_codes" in capsys.readouterr().err
    assert main([]) == 2 and "--docs FILE" in capsys.readouterr().err


def test_list_demos_names_both_fine_tune_demos(capsys):
    assert main(["--list-demos"]) == 0
    out = capsys.readouterr().out
    assert "finetune_codes" in out and "finetune_plain" in out
