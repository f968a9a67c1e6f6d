"""The Trial tab's handler with the real advisor: bad uploads end in a clear message and keep the session;
a pasted sample runs and is attached to the conversation."""

from __future__ import annotations

import pytest

from app.settings import Settings
from app.web.runtime import Runtime
from app.web.ui import MainPage
from app.web.ui_logic import chat_turn, new_session
from app.web.ui_trial import SOURCES, candidate_choices


class Progress:
    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def __call__(self, value=None, desc=None, **_):
        self.calls.append((value, desc))


@pytest.fixture(scope="module")
def tab(real_kb):
    from agents.advisor import Advisor

    runtime = Runtime(lambda: (real_kb, Advisor(real_kb)))
    runtime.start()
    runtime.wait(60)
    return MainPage(runtime, Settings(max_upload_bytes=200_000)).trial_tab()


@pytest.fixture()
def sess(tab):
    s = new_session()
    chat_turn(tab.advisor(), s, "English medical FAQ search, must stay on our servers")
    return s


def run(tab, sess, source, upload=None, paste=None, queries=None):
    progress = Progress()
    out = tab.on_run(sess, source, None, upload, paste, queries, [], "", progress=progress)
    return out[0], progress


@pytest.mark.parametrize("name, data, words", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "png image"),
    ("blob.txt", bytes(range(256)) * 20, "binary file"),
    ("big.txt", b"word " * 60_000, "limit"),
    ("empty.csv", b"", "empty"),
])
def test_bad_uploads_give_a_clear_message_and_keep_the_session(tab, sess, tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    before = list(sess.messages)
    status, _ = run(tab, sess, SOURCES[1], upload=str(path))
    assert status.startswith("**Error:**") and words in status.lower(), status
    assert str(tmp_path) not in status.replace("\\", "") and name.split(".")[0] in status  # no server paths
    assert sess.messages == before and sess.recommendation is not None


def test_missing_inputs_are_explained(tab, sess):
    assert "upload a file first" in run(tab, sess, SOURCES[1])[0]
    assert "paste some documents first" in run(tab, sess, SOURCES[2], paste="   ")[0]


def test_pasted_sample_runs_with_progress_and_is_cited(tab, sess):
    paste = "\n\n".join([
        "Drink plenty of water when you have a mild fever. See a doctor if the fever lasts more than three days.",
        "Wash a small cut with clean running water. Press on it to stop the bleeding and cover it with a bandage.",
        "Seasonal allergies cause sneezing and itchy eyes. Antihistamine tablets often relieve these symptoms.",
        "A sprained ankle heals faster with rest and ice. Keep the foot raised during the first two days.",
        "Adults should sleep seven to nine hours each night. Regular bedtimes make falling asleep much easier.",
        "High blood pressure often causes no symptoms at all. Regular checks at a pharmacy find it early.",
        "Sunburn damages the skin even on cloudy days. Use sunscreen with a high protection factor outdoors.",
        "A persistent cough for more than three weeks needs attention. Your doctor may order a chest x-ray.",
    ])
    status, progress = run(tab, sess, SOURCES[2], paste=paste)
    assert status.startswith("**Trial finished**"), status
    assert progress.calls and any("encode" in (d or "") for _, d in progress.calls)
    assert [s["model"] for s in sess.trial["candidates"]] == ["sentence-transformers/all-MiniLM-L6-v2"]
    assert sess.trial["baseline"]["model"] == "bm25"
    assert "Only one model ran" in status and "best" not in status.lower()   # one model is nobody's "best"
    assert "found the right document in the top 5 for" in status
    assert "nDCG@10" in sess.messages[-1]["content"]   # the chat cites the trial outcome
    assert sess.chat.trial and sess.recommendation["trial"]["summary"]   # the recommendation carries it too


def test_candidate_choices_follow_the_recommendation(sess):
    picks = [p["model"] for p in sess.recommendation["recommendations"]]
    assert candidate_choices(sess)[:len(picks)] == picks
    assert candidate_choices(None) == []
