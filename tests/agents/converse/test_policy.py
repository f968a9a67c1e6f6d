"""Dialogue policy: what to ask, in which order, never twice, and when to recommend."""

from __future__ import annotations

import pytest

from agents.converse.policy import (
    DEFAULTS,
    ESSENTIALS,
    ORDER,
    Question,
    assumptions,
    expected_fields,
    missing_essentials,
    next_questions,
    question_for,
    ready_to_recommend,
    with_defaults,
)
from agents.profile import Profile
from agents.understand.extract import extract


def fields(qs: list[Question]) -> list[str]:
    return [q.field for q in qs]


def test_first_turn_asks_data_type_then_domain():
    qs = next_questions(Profile())
    assert fields(qs) == ["data_type", "domain"]
    assert qs[0].essential and not qs[1].essential
    assert all(q.text.endswith("?") or "?" in q.text for q in qs)


def test_questions_follow_the_documented_order():
    p, asked, seen = Profile(), set(), []
    for _ in range(10):
        qs = next_questions(p, asked)
        if not qs:
            break
        seen += fields(qs)
        asked |= set(fields(qs))
    # Nothing answered: budget is irrelevant (privacy unknown) and memory is folded into the hardware question.
    assert seen == ["data_type", "domain", "languages", "privacy", "documents", "task", "hardware", "commercial_use",
                    "latency_ms"]


@pytest.mark.parametrize("max_q", [0, 1, 2, 3])
def test_at_most_max_questions(max_q):
    assert len(next_questions(Profile(), max_questions=max_q)) == max_q


def test_known_and_asked_fields_are_never_asked_again():
    p = Profile(data_type="text", domain="legal")
    assert fields(next_questions(p)) == ["languages", "privacy"]
    assert fields(next_questions(p, asked={"languages"})) == ["privacy", "documents"]
    for q in next_questions(p, asked={"languages", "privacy", "documents"}, max_questions=20):
        assert q.field not in {"data_type", "domain", "languages", "privacy", "documents"}


def test_no_language_question_for_images_code_or_audio():
    for dt in ("image", "code", "audio"):
        p = Profile(data_type=dt)
        all_q = fields(next_questions(p, max_questions=20))
        assert "languages" not in all_q, dt
        assert "languages" not in missing_essentials(p)
    assert "languages" in fields(next_questions(Profile(data_type="multimodal"), max_questions=20))


def test_no_domain_question_for_code():
    assert "domain" not in fields(next_questions(Profile(data_type="code"), max_questions=20))


def test_budget_only_when_cloud_is_allowed():
    local = fields(next_questions(Profile(privacy="local_only"), max_questions=20))
    cloud = fields(next_questions(Profile(privacy="cloud_ok"), max_questions=20))
    assert "budget_usd_month" not in local
    assert "budget_usd_month" in cloud and cloud.index("budget_usd_month") < cloud.index("hardware")


def test_memory_is_asked_once_the_hardware_is_known():
    assert "memory_gb" not in fields(next_questions(Profile(), max_questions=20))
    q = next_questions(Profile(data_type="image", privacy="local_only", hardware="gpu", documents=10, task="search",
                               domain="general"))[0]
    assert q.field == "memory_gb" and "GPU memory" in q.text


def test_questions_vary_with_context():
    text_q = question_for("documents", Profile(data_type="text"))
    image_q = question_for("documents", Profile(data_type="image"))
    assert "documents" in text_q.text and "images" in image_q.text
    assert "Medical data is often regulated" in question_for("privacy", Profile(domain="medical")).text
    assert "clinical texts" in question_for("languages", Profile(domain="medical")).text
    assert "Recommendations" in question_for("task", Profile(data_type="image")).choices
    assert "RAG over code" in question_for("task", Profile(data_type="code")).choices
    assert "GPU memory" in question_for("memory_gb", Profile(hardware="gpu")).text
    assert "RAM" in question_for("memory_gb", Profile(hardware="cpu")).text


def test_ready_as_soon_as_essentials_are_known():
    assert not ready_to_recommend(Profile())
    assert not ready_to_recommend(Profile(data_type="text", languages=["en"]))
    assert ready_to_recommend(Profile(data_type="text", languages=["en"], privacy="local_only"))
    assert ready_to_recommend(Profile(data_type="image", privacy="cloud_ok")), "no languages needed for images"
    assert missing_essentials(Profile(data_type="text")) == ["languages", "privacy"]


def test_declined_essentials_get_stated_defaults():
    p = Profile(data_type="text")
    asked = {"languages", "privacy"}
    assert ready_to_recommend(p, asked) and not missing_essentials(p, asked)
    stated = assumptions(p, asked)
    assert set(stated) == {"languages", "privacy"}
    assert "English" in stated["languages"] and "stays on your machines" in stated["privacy"]
    filled = with_defaults(p, asked)
    assert filled.languages == DEFAULTS["languages"] and filled.privacy == "local_only"
    assert with_defaults(Profile(data_type="text", languages=["de"], privacy="cloud_ok"), ESSENTIALS).languages == ["de"]


def test_defaults_are_the_cautious_choices():
    assert DEFAULTS == {"data_type": "text", "languages": ["en"], "privacy": "local_only"}
    assert set(ESSENTIALS) <= set(ORDER)


@pytest.mark.parametrize("profile", [Profile(), Profile(data_type="image"), Profile(data_type="code"),
                                     Profile(privacy="cloud_ok", hardware="gpu", documents=5, domain="medical")])
def test_every_choice_button_is_understood_by_extraction(profile):
    for f in ORDER:
        q = question_for(f, profile)
        for choice in q.choices:
            ex = extract(choice, profile, f)
            assert f in ex.updates or f in ex.cleared, (f, choice, ex)


def test_yes_no_questions_match_the_extraction_meaning():
    for f, yes_value, no_value in [("privacy", "local_only", "cloud_ok"), ("commercial_use", True, False),
                                   ("hardware", "gpu", "cpu")]:
        assert extract("yes", Profile(), f).updates == {f: yes_value}
        assert extract("no", Profile(), f).updates == {f: no_value}
    assert question_for("privacy", Profile()).text.startswith("Must the data stay on your own machines?")
    assert "run on a GPU?" in question_for("hardware", Profile()).text


def test_a_skipped_question_moves_the_conversation_on():
    p, asked = Profile(), set()
    qs = next_questions(p, asked)
    ex = extract("skip", p, expected_fields(qs))
    asked |= set(expected_fields(qs)) | set(ex.declined)
    p = ex.apply(p)
    assert set(ex.declined) == {"data_type", "domain"}
    assert fields(next_questions(p, asked)) == ["languages", "privacy"]


def test_full_conversation_reaches_a_recommendation_in_two_turns():
    p, asked = Profile(), set()
    p = extract("We have 2 million clinical notes in English and Spanish, nothing may leave our servers.", p).apply(p)
    assert ready_to_recommend(p, asked)
    qs = next_questions(p, asked)
    assert fields(qs) == ["task", "hardware"]
    p = extract("RAG chatbot, CPU only with 32 GB", p, expected_fields(qs)).apply(p)
    assert (p.task, p.hardware, p.memory_gb) == ("rag", "cpu", 32.0)
    assert fields(next_questions(p, asked | set(expected_fields(qs)))) == ["commercial_use", "latency_ms"]


def test_unknown_field_has_no_question():
    with pytest.raises(ValueError):
        question_for("nonsense", Profile())


@pytest.mark.parametrize("question_back", ["what about bge-m3?", "and text-embedding-3-large?", "is voyage-3.5 cheaper?",
                                           "how about nomic embed v1.5?", "would Qwen3-Embedding-0.6B be better?"])
def test_a_question_back_about_a_model_answers_none_of_the_pending_questions(question_back):
    """Seen end to end: the budget question was pending and "what about bge-m3?" set a budget of $3."""
    p = Profile(data_type="text", domain="medical", languages=["en"], privacy="cloud_ok", documents=2_000_000)
    asked = set(ESSENTIALS) | {"domain", "documents", "task"}
    for pending in (expected_fields(next_questions(p, asked)), ["documents"], ["memory_gb"], ["latency_ms"], ["domain"]):
        ex = extract(question_back, p, pending)
        assert not ex.changed and not ex.notes, (pending, ex)
    assert "budget_usd_month" in expected_fields(next_questions(p, asked))


def test_named_languages_imply_text_data_said_not_asked():
    """'80,000 policies in German, nothing leaves the house': text is assumed (and said), not asked."""
    from agents.converse import policy

    p = Profile(languages=["de"], privacy="local_only", task="rag")
    assert "data_type" not in [q.field for q in policy.next_questions(p, max_questions=20)]
    assert policy.ready_to_recommend(p) and policy.can_preview(p)
    assert "text" in policy.assumptions(p)["data_type"]
    assert policy.with_defaults(p).data_type == "text"
    unknown = Profile(privacy="local_only")        # nothing about the data: the data type is still asked
    assert "data_type" in [q.field for q in policy.next_questions(unknown, max_questions=20)]
