"""Fault injection: each fault ends in a clear message with nothing lost (conversation, previous index).

The scenarios live in :mod:`eval.faults_store` and :mod:`eval.faults_app`; here each one runs on the
lab knowledge base (41 real cards in a real Chroma store) and its outcome is checked: the message the
user sees, the conversation carried on, the catalog or previous index still answering, clean CLI exits.
"""

from __future__ import annotations

import errno
import os

import pytest

from eval import faults
from eval import faults_app as app_faults
from eval import faults_store as store_faults
from eval.fault_lab import BROKEN_CARD, MISSING_MODEL

DISK_FULL = os.strerror(errno.ENOSPC)


def assert_ok(outcomes):
    """Every outcome ran cleanly and passed its checks. A fault that could not be staged here (no tmpfs, no
    read-only mount) is reported as a skip once the others are checked: a case that did not run never passes."""
    assert outcomes
    skipped = []
    for o in outcomes:
        assert o.crashed is None, f"{o.fault} via {o.via} crashed: {o.crashed}"
        if o.skipped:
            skipped.append(f"{o.fault} via {o.via}: {o.skipped}")
            continue
        assert o.checks and all(o.checks.values()), (
            f"{o.fault} via {o.via}: failed {o.failed_checks()}; the user saw: {o.message!r}; {o.details}")
    if skipped:
        pytest.skip("could not stage " + "; ".join(skipped))


def by_via(outcomes):
    return {(o.fault, o.via): o for o in outcomes}


def test_store_missing_falls_back_to_keywords_and_says_how_to_rebuild(lab):
    outcomes = store_faults.store_missing(lab)
    assert_ok(outcomes)
    chroma_gone, all_gone, cli = outcomes
    assert chroma_gone.message == all_gone.message == "keyword (index unavailable: index not in sync with the cards)"
    assert "using keyword search" in cli.message and "python -m app.cli kb build" in cli.message
    assert "BMRetriever/BMRetriever-2B" in chroma_gone.details["hits"]  # a medical model for a medical query


def test_store_missing_is_rebuilt_when_syncing(lab):
    (outcome,) = store_faults.store_missing_rebuilt(lab)
    assert_ok([outcome])
    # every card of the lab knowledge base went back into the rebuilt index
    assert outcome.message.startswith(f"rebuilt: SyncReport(added={len(lab.healthy.catalog)},")


def test_store_corrupt_names_the_store_and_the_problem(lab):
    outcomes = store_faults.store_corrupt(lab)
    assert_ok(outcomes)
    whole, header, segments, cli = outcomes
    assert "file is not a database" in whole.message and "database disk image is malformed" in header.message
    assert segments.details["hits"], "the search after corrupting the segment files found nothing"
    assert cli.message.startswith("error: the chroma store") and "\n" not in cli.message
    assert "corrupt" in cli.message and "delete" in cli.message and "kb build" in cli.message  # says how to recover


def test_store_locked_answers_with_a_message(lab):
    """Was a hang (chroma's native connection waits forever on the lock): now a keyword fallback naming it."""
    outcomes = store_faults.store_locked(lab)
    assert_ok(outcomes)
    assert all("locked by another process" in o.message for o in outcomes)


def test_store_read_only_falls_back_and_leaves_the_store_intact(lab):
    (outcome,) = store_faults.store_read_only(lab)
    assert_ok([outcome])
    assert "attempt to write a readonly database" in outcome.message


def test_broken_card_keeps_previous_snapshot_and_index(lab):
    outcomes = app_faults.card_broken(lab)
    assert_ok(outcomes)
    yaml_bad, wrong_type, binary, cli = outcomes
    assert BROKEN_CARD in yaml_bad.message and "malformed YAML" in yaml_bad.message
    assert wrong_type.message.endswith(f"{BROKEN_CARD}: open_weights: Input should be a valid boolean, "
                                       "unable to interpret input")
    assert "not UTF-8 text" in binary.message
    assert cli.message.splitlines()[-1].startswith("error: invalid model card(s): ")


def test_missing_embedding_model_is_a_clear_model_load_error(lab):
    outcomes = app_faults.model_missing(lab)
    assert_ok(outcomes)
    in_process, cli = outcomes
    assert in_process.message == (f"ModelLoadError: embedding model path '{MISSING_MODEL}' does not exist or holds "
                                  "no model files")
    assert cli.message == f"error: {in_process.message}"


def test_embedding_model_not_downloaded_says_how_to_fetch_it(lab):
    (outcome,) = app_faults.model_not_downloaded(lab)
    assert_ok([outcome])


def test_trial_model_failing_mid_run_is_reported_and_the_others_finish(lab):
    outcomes = app_faults.trial_model_fails(lab)
    assert_ok(outcomes)
    docs, queries, load = outcomes
    assert docs.message.endswith("failed while encoding documents: RuntimeError: injected failure on document batch 2")
    assert "failed while encoding queries" in queries.message and "failed while load: OSError" in load.message
    assert all(o.details["ndcg@10"] and all(v > 0 for v in o.details["ndcg@10"].values()) for o in outcomes)


@pytest.fixture(scope="module")
def disk_full_outcomes(lab):
    return app_faults.disk_full(lab)


def test_disk_full_on_report_export_says_so_and_keeps_everything(disk_full_outcomes):
    simulated = disk_full_outcomes[0]
    assert_ok([simulated])
    assert simulated.message.startswith("could not write the md report to ") and simulated.message.endswith(DISK_FULL)


def test_disk_full_on_a_real_full_disk_says_so_in_the_app_and_the_cli(disk_full_outcomes):
    real, cli = disk_full_outcomes[1:]
    assert_ok([real, cli])
    assert real.message.startswith("could not write the md report to ") and real.message.endswith(DISK_FULL)
    assert DISK_FULL in cli.message


def test_disk_full_in_the_web_app_shows_the_message_and_keeps_the_chat(lab, tmp_path):
    from agents.advisor import Advisor
    from app.settings import Settings
    from app.web.runtime import Runtime
    from app.web.ui import MainPage
    from app.web.ui_session import UiSession

    runtime = Runtime(lambda: (lab.healthy, Advisor(lab.healthy)))
    runtime.start()
    runtime.wait()
    page = MainPage(runtime, Settings())
    sess = UiSession(chat=lab.state, recommendation=lab.state.recommendation, report_dir=str(tmp_path))
    with faults.disk_full(("os.fdopen",)):
        views = page.views(sess)
    status = next(v for v in views if isinstance(v, str) and v.startswith("**Error:**"))
    assert "the report could not be written" in status and DISK_FULL in status
    assert sess.chat is lab.state and views[1] is sess


# -- the helpers themselves -----------------------------------------------------------------------------------
def test_disk_full_fails_writes_but_not_reads(tmp_path):
    (tmp_path / "r.txt").write_text("kept")
    with faults.disk_full():
        assert open(tmp_path / "r.txt").read() == "kept"
        with pytest.raises(OSError) as err, open(tmp_path / "w.txt", "w") as fh:
            fh.write("x")
    assert err.value.errno == errno.ENOSPC
    (tmp_path / "w.txt").write_text("fine again")


def test_failing_encoder_fails_exactly_on_the_chosen_batch():
    enc = faults.FailingEncoder("m", fail_on=2, side="document")
    enc.encode(["a b"], "document")
    enc.encode(["a b"], "query")
    with pytest.raises(RuntimeError, match="batch 2"):
        enc.encode(["a b"], "document")
    same = faults.HashingEncoder("h").encode(["red apple", "red apple pie", "train"], "document")
    assert same[0] @ same[1] > same[0] @ same[2]


def test_sqlite_lock_is_really_held(tmp_path):
    import sqlite3

    db = tmp_path / "x.sqlite3"
    sqlite3.connect(db).execute("create table t (x)").connection.commit()
    with faults.sqlite_locked(db):
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            sqlite3.connect(db, timeout=0.1).execute("select * from t").fetchall()
    assert sqlite3.connect(db, timeout=0.1).execute("select count(*) from t").fetchone() == (0,)


def test_trial_cli_reports_a_model_with_garbage_weights_and_finishes(lab):
    (outcome,) = app_faults.trial_model_fails_cli(lab)
    assert_ok([outcome])
    assert "ModelLoadError: cannot load embedding model" in outcome.message and '"stage": "load"' in outcome.message
