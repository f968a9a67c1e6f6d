"""The Trial tab's Fine-tune step, its handlers without a browser: bad input ends in a clear message, a
tiny upload trains and is kept on the session (so the report includes it), Cancel before training stops."""

from __future__ import annotations

from app.web.ui_finetune import SOURCES, FineTuneStep
from app.web.ui_logic import new_session
from app.web.ui_session import UiSession


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


def test_too_few_pairs_is_a_clear_message_without_server_paths(tmp_path):
    step, sess = _step(), new_session()
    docs, pairs = _files(tmp_path, 10, 10)
    status, _ = step.on_run(sess, SOURCES[1], None, docs, pairs, "", 1, progress=Progress())
    assert status.startswith("**Fine-tune stopped:**") and "the minimum is 20" in status
    assert str(tmp_path) not in status and sess.finetune is None and not sess.finetune_running


def test_a_small_upload_trains_and_is_kept_for_the_report(tmp_path):
    from app.report.render import report_for_state

    step, sess = _step(), new_session()
    docs, pairs = _files(tmp_path, 24, 24)
    progress = Progress()
    status, result = step.on_run(sess, SOURCES[1], None, docs, pairs, "", 1, progress=progress)
    assert status.startswith("**Fine-tune finished**") and "too small to tell" in status
    assert "# Fine-tune trial" in result and "(on the server)" in result and "/tmp" not in result
    assert any(desc and desc.startswith("train:") for _, desc in progress.calls)
    assert sess.finetune["training"]["epochs_done"] == 1
    sess.recommendation = {"profile": {}}
    body, _ = report_for_state(None, sess, "md")
    assert "Fine-tune on your data" in body


def test_cancel_before_training_stops_with_a_message(tmp_path):
    step, sess = _step(), new_session()
    docs, pairs = _files(tmp_path, 24, 24)
    step.on_start(sess)
    assert step.on_cancel(sess).startswith("Cancelling")
    status, _ = step.on_run(sess, SOURCES[1], None, docs, pairs, "", 1, progress=Progress())
    assert status.startswith("**Fine-tune stopped:**") and "cancelled" in status
    assert step.on_cancel(sess) is not None and not sess.finetune_running
