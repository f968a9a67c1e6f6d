"""The language a user writes in stands in for the data's languages until they name them: stated as an assumption
the user can correct, used by the ranking, never overriding what the user said."""

from __future__ import annotations

import pytest

from agents.advisor import Advisor
from agents.converse.policy import assumptions, language_hint, with_defaults
from agents.converse.state import ChatState
from agents.profile import Profile

DECIDE = "no idea about the rest, just give me your best recommendation"


def test_the_hint_is_the_assumed_language_and_says_so():
    p = Profile(data_type="text")
    said = assumptions(p, ("languages",), "pt")["languages"]
    assert "Portuguese" in said and "say if they are not" in said
    assert with_defaults(p, ("languages",), "pt").languages == ["pt"]
    assert with_defaults(p, ("languages",)).languages == ["en"]      # without a hint: English, as before


@pytest.mark.parametrize("profile, written, hint", [
    (Profile(data_type="text"), "ko", "ko"),
    (Profile(data_type="text", languages=["en"]), "ko", None),       # stated languages win
    (Profile(data_type="image"), "ko", None),                        # images have no language
    (Profile(data_type="text"), "en", None),                         # English is the default anyway
    (Profile(data_type="text"), None, None),
])
def test_when_the_hint_applies(profile, written, hint):
    assert language_hint(profile, written) == hint


@pytest.fixture(scope="module")
def advisor(real_kb) -> Advisor:
    return Advisor(real_kb)


def test_a_chat_in_portuguese_ranks_for_portuguese_and_can_be_corrected(advisor):
    r = advisor.turn(ChatState(), "Trabalhamos num hospital e queremos busca semântica em uns 200 mil prontuários, "
                                  "tudo tem que ficar nos nossos servidores")
    assert "You wrote in Portuguese" in r.reply
    assert not any(q["field"] == "languages" for q in r.questions)     # assumed, not asked
    r = advisor.turn(r.state, DECIDE)
    rec = r.recommendation
    assert rec is not None and rec.profile.languages == ["pt"]
    assert any("Portuguese" in a for a in rec.assumptions)
    assert r.state.profile.languages is None                           # an assumption, not a stated need
    r2 = advisor.turn(r.state, "the documents are in English, actually")
    assert r2.state.profile.languages == ["en"] and r2.recommendation.profile.languages == ["en"]


def test_stated_languages_win_over_the_writing_language(advisor):
    r = advisor.turn(ChatState(), "Temos 50 mil artigos científicos em inglês e queremos busca, tudo local")
    assert r.state.profile.languages == ["en"]
    assert "You wrote in" not in r.reply


def test_an_english_chat_keeps_the_english_default(advisor):
    r = advisor.turn(ChatState(), "we want semantic search over about 200k support tickets, all on-prem")
    assert "You wrote in" not in r.reply
    r = advisor.turn(r.state, DECIDE)
    assert r.recommendation.profile.languages == ["en"]
