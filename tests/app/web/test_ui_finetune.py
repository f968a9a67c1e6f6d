"""The Trial tab's Fine-tune step, its handlers without a browser: bad input ends in a clear message, a
tiny upload or paste trains and is kept on the session (so the report includes it), Cancel before training
stops, and a run that makes no model keeps the session's earlier result."""

from __future__ import annotations

import json

from app.web.ui_finetune import ON_SERVER, SOURCES, FineTuneStep
from app.web.ui_logic import new_session
from app.web.ui_session import UiSession

UPLOAD, PASTE = SOURCES[1], SOURCES[2]


class Progress:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def __call__(self, value=None, desc=None, **_):
        self.calls.append((value, desc))


def _step() -> FineTuneStep:
    return FineTuneStep(200_000, lambda s: s if isinstance(s, UiSession) else new_session(), lambda s: [])


def _files(tmp_path, n_docs: int, n_pairs: int) -> tuple[str, str]:
    docs = tmp_path / "manual.csv"
    docs.write_text("id,text\n" + "".join(f"{i},Section {i}: the part numbered {i} is a gadget for task {i}.\n"
                                          for i in range(n_docs)))
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(f'{{"query": "what is part {i} for", "relevant": ["{i}"]}}\n' for i in range(n_pairs)))
    return str(docs), str(pairs)


def _run(step, sess, source, docs=None, paste=None, pairs=None, model="", progress=None):
    return step.on_run(sess, source, None, docs, paste, pairs, model, 1, progress=progress or Progress())


def test_too_few_pairs_is_a_clear_message_without_server_paths(tmp_path):
    step, sess = _step(), new_session()
    docs, pairs = _files(tmp_path, 10, 10)
    status, _ = _run(step, sess, UPLOAD, docs, pairs=pairs)
    assert status.startswith("**Fine-tune stopped:**") and "the minimum is 20" in status
    assert str(tmp_path) not in status and sess.finetune is None and not sess.finetune_running


def test_missing_data_and_server_paths_are_refused_with_a_message(tmp_path):
    step, sess = _step(), new_session()
    assert "upload a documents file first" in _run(step, sess, UPLOAD)[0]
    assert "paste some documents first" in _run(step, sess, PASTE, paste="  \n ")[0]
    docs, pairs = _files(tmp_path, 24, 24)
    status, _ = _run(step, sess, UPLOAD, docs, pairs=pairs, model="/etc")
    assert status.startswith("**Fine-tune stopped:**") and "paths on the server are not accepted" in status
    status, _ = _run(step, sess, UPLOAD, docs, pairs=pairs, model="nobody/no-such-model-here")
    assert "has no copy of" in status and sess.finetune is None


def test_a_small_upload_trains_and_is_kept_for_the_report(tmp_path):
    from app.report.render import report_for_state

    step, sess = _step(), new_session()
    docs, pairs = _files(tmp_path, 24, 24)
    progress = Progress()
    status, result = _run(step, sess, UPLOAD, docs, pairs=pairs, progress=progress)
    assert status.startswith("**Fine-tune finished**") and "too small to tell" in status
    assert "# Fine-tune trial" in result and ON_SERVER in result and "/tmp" not in result
    assert "| bm25 |" in result and "recall@10" in result and "mrr@10" in result
    assert any(desc and desc.startswith("train:") for _, desc in progress.calls)
    assert all("/tmp" not in (desc or "") for _, desc in progress.calls)
    assert sess.finetune["training"]["epochs_done"] == 1
    sess.recommendation = {"profile": {}}
    body, _ = report_for_state(None, sess, "md")
    assert "Fine-tune on your data" in body and "/tmp" not in body
    body, _ = report_for_state(None, sess, "json")
    assert "/tmp" not in body and json.loads(body)["finetune"]["output_dir"] == ON_SERVER

    # a later run that stops before training keeps this result and its model
    kept, folder = sess.finetune, sess.finetune_dir
    step.on_start(sess)
    step.on_cancel(sess)
    status, _ = _run(step, sess, UPLOAD, docs, pairs=pairs)
    assert "cancelled" in status and sess.finetune is kept and sess.finetune_dir == folder


def test_pasted_documents_without_pairs_train_label_free():
    step, sess = _step(), new_session()
    text = "\n\n".join(f"Widget {i} manual\nThe widget {i} uses a {['red', 'blue', 'green'][i % 3]} cable and "
                       f"a {i + 2} volt battery. Replace the fuse {i} every {i % 5 + 1} months." for i in range(40))
    status, result = _run(step, sess, PASTE, paste=text)
    assert status.startswith("**Fine-tune finished**"), status
    assert sess.finetune["label_free"] and "Label-free fine-tune" in result


def test_cancel_before_training_stops_with_a_message(tmp_path):
    step, sess = _step(), new_session()
    docs, pairs = _files(tmp_path, 24, 24)
    assert step.on_cancel(sess) is not None and not sess.finetune_running   # nothing running: status untouched
    step.on_start(sess)
    assert step.on_cancel(sess).startswith("Cancelling")
    status, _ = _run(step, sess, UPLOAD, docs, pairs=pairs)
    assert status.startswith("**Fine-tune stopped:**") and "cancelled" in status
    assert sess.finetune is None and not sess.finetune_running


def test_the_trials_best_model_is_shown_untuned_next_to_the_fine_tune(tmp_path):
    import shutil

    from knowledge.embedding import packaged_model_path

    trial_best = tmp_path / "best-untuned"  # a second copy of the packaged model stands in for the trial's winner
    shutil.copytree(packaged_model_path(), trial_best)
    step, sess = _step(), new_session()
    sess.trial = {"best": str(trial_best)}
    docs, pairs = _files(tmp_path, 24, 24)
    status, result = _run(step, sess, UPLOAD, docs, pairs=pairs)
    assert status.startswith("**Fine-tune finished**")
    roles = {s["model"]: s["role"] for s in sess.finetune["systems"]}
    assert roles.get(str(trial_best)) == "candidate" and "bm25" in roles    # base, BM25 and the trial's best
    sess.trial = {"best": "bm25"}
    _run(step, sess, UPLOAD, docs, pairs=pairs)
    assert [s["role"] for s in sess.finetune["systems"]].count("candidate") == 0  # BM25 won: nothing more to show
