"""The web app's session logic with the real advisor: chat <-> form sync, message formats, isolation."""

from __future__ import annotations

import pytest

from agents.profile import Profile, ProfileError
from app.web.messages import display_text, message_text
from app.web.ui_logic import answer_question, apply_profile, chat_turn, new_session, report_files
from app.web.ui_session import FORM_FIELDS, UNSET, field_edit, form_values, profile_from_form


@pytest.fixture(scope="module")
def advisor(real_kb):
    from agents.advisor import Advisor

    return Advisor(real_kb)


def test_form_round_trip_for_every_field():
    profile = Profile(data_type="text", task="rag", domain="legal", languages=["de", "fr"], privacy="cloud_ok",
                      commercial_use=False, documents=50000, avg_doc_tokens=800, queries_per_second=2.5,
                      latency_ms=200, hardware="gpu", memory_gb=16, budget_usd_month=100, fine_tuning=True)
    values = form_values(profile)
    assert len(values) == len(FORM_FIELDS)
    assert profile_from_form(values) == profile
    assert profile_from_form(form_values(Profile())) == Profile()


def test_form_unset_clears_and_bad_numbers_name_the_field():
    values = form_values(Profile(domain="legal", documents=10))
    values[FORM_FIELDS.index("domain")] = UNSET
    assert profile_from_form(values).domain is None
    values[FORM_FIELDS.index("documents")] = -5
    with pytest.raises(ProfileError, match="documents"):
        profile_from_form(values)


def test_a_late_form_event_touches_its_own_field_only():
    # the chat set 8 GB after the form last rendered; the documents field's late blur still shows 20000
    shown = Profile(documents=20000, memory_gb=8)
    assert field_edit(shown, "documents", 20000) == {}                    # nothing edited, memory stays 8 GB
    assert field_edit(shown, "documents", 30000) == {"documents": 30000}
    assert field_edit(shown, "documents", None) == {"documents": None}    # emptied = unset
    assert field_edit(shown, "domain", "legal") == {"domain": "legal"}
    with pytest.raises(ProfileError, match="documents"):
        field_edit(shown, "documents", -5)


@pytest.mark.parametrize("content, text", [
    ("plain", "plain"),
    ([{"type": "text", "text": "a"}, {"type": "text", "text": "b"}], "a\nb"),
    ({"type": "text", "text": "one block"}, "one block"),
    ([{"type": "file", "file": {"path": "/x.png"}}, {"type": "text", "text": "caption"}], "caption"),
    (None, ""),
])
def test_message_text_accepts_strings_and_blocks(content, text):
    assert message_text(content) == text


def test_display_text_is_inert():
    assert display_text('<img src=x onerror="y">&') == '&lt;img src=x onerror="y"&gt;&amp;'


def test_form_edit_becomes_the_conversation_profile(advisor, tmp_path):
    sess = new_session()
    chat_turn(advisor, sess, "Semantic search over English clinical notes, must stay on our servers, 2 million notes")
    assert sess.profile.domain == "medical" and sess.recommendation
    before = sess.recommendation["recommendations"][0]["model"]
    edited = sess.profile.merged({"memory_gb": 1.0})
    apply_profile(advisor, sess, edited)
    assert sess.chat.profile.memory_gb == 1.0
    after = sess.recommendation["recommendations"][0]["model"]
    assert after != before
    assert sess.recommendation == sess.chat.recommendation
    assert "Profile edited in the form" in sess.messages[-1]["content"]
    assert sess.chat.history[-1]["role"] == "assistant"
    chat_turn(advisor, sess, "actually about 5 million notes")
    assert sess.profile.memory_gb == 1.0 and sess.profile.documents == 5_000_000   # continues from the edit
    # 5M notes may need a faster model on CPU (the time-to-index limit), so the pick may move; chat and page agree
    assert sess.recommendation == sess.chat.recommendation
    files = report_files(advisor, sess)
    assert set(files) == {"md", "html", "json"}


def test_an_unchanged_form_is_a_no_op(advisor):
    sess = new_session()
    chat_turn(advisor, sess, "English support tickets, must stay on-prem")
    messages = list(sess.messages)
    apply_profile(advisor, sess, sess.profile)
    assert sess.messages == messages


def test_clearing_an_essential_in_the_form_asks_again(advisor):
    sess = new_session()
    chat_turn(advisor, sess, "English support tickets, must stay on-prem")
    assert sess.recommendation
    apply_profile(advisor, sess, sess.profile.merged({"privacy": None}))
    assert sess.recommendation is None and sess.questions
    assert any(q["field"] == "privacy" for q in sess.questions)


def test_sessions_do_not_share_state(advisor):
    a, b = new_session(), new_session()
    chat_turn(advisor, a, "legal contracts in German")
    chat_turn(advisor, b, "product images for an online shop")
    assert a.profile.domain == "legal" and b.profile.domain != "legal"
    assert all("German" not in m["content"] for m in b.messages)


def test_start_over_buttons_confirm_or_keep(advisor):
    sess = new_session()
    chat_turn(advisor, sess, "English support tickets, must stay on-prem", buttons=True)
    chat_turn(advisor, sess, "can we start over?", buttons=True)
    assert [q["choices"] for q in sess.questions] == [["Yes, start over", "No, keep my answers"]]
    assert "(Yes, start over" not in sess.messages[-1]["content"]           # shown as buttons, not in the text
    answer_question(advisor, sess, 0, 1)                                     # "No, keep my answers"
    assert sess.messages[-2]["content"] == "No, keep my answers" and sess.profile.privacy == "local_only"
    chat_turn(advisor, sess, "I want to start from scratch", buttons=True)
    answer_question(advisor, sess, 0, 0)                                     # "Yes, start over"
    assert sess.profile.known() == {} and sess.recommendation is None
    assert sess.messages[-1]["content"].startswith("Started over")
