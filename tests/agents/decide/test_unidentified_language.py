"""A language no signal could name ("und"): only broadly multilingual cards, or cards whose list cannot exclude."""

from __future__ import annotations

from agents.decide.constraints import fact_ok, fact_violations
from agents.profile import Profile
from knowledge.filters import CardFilter
from knowledge.languages import UNIDENTIFIED, language_name
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict


def _card(model_id: str, languages: list[str], multilingual: bool) -> Card:
    return Card.model_validate(card_dict(model_id, languages=languages, multilingual=multilingual,
                                         license="apache-2.0", commercial_use=True))


ENGLISH = _card("a/english-only", ["en"], False)
MULTI = _card("a/multi", ["en", "fr", "de", "es", "sw", "zu", "hi"], True)
OPEN = _card("a/unlisted", [], False)


def test_an_unidentified_language_keeps_multilingual_and_unlisted_cards_only():
    p = Profile(data_type="text", languages=[UNIDENTIFIED])
    assert [fact_ok(c, p) for c in (ENGLISH, MULTI, OPEN)] == [False, True, True]
    reasons = [v.message for v in fact_violations(ENGLISH, p)]
    assert reasons and "not broadly multilingual" in reasons[0] and "und" not in reasons[0]
    flt = CardFilter(languages=(UNIDENTIFIED,))
    assert [flt.matches(c) for c in (ENGLISH, MULTI, OPEN)] == [False, True, True]
    assert flt.to_where() == {"$or": [{"multilingual": True}, {"languages_open": True}]}
    assert "not identified" in language_name(UNIDENTIFIED)


FIJIAN = ("Keimami vinakata me vakayagataki na vakatataro ni vola, e tiko e vica na itukutuku ni veivakaduavatitaki, "
          "e dua na server e 16 na CPU, me kua ni biuti i tuba")


def test_a_writer_in_an_unnamed_language_gets_multilingual_models_not_the_english_default(real_kb):
    from agents.advisor import Advisor
    from agents.converse.state import ChatState

    advisor = Advisor(real_kb)
    first = advisor.turn(ChatState(), FIJIAN)
    assert any("could not tell which language" in n for n in first.notes), first.notes
    r = advisor.turn(first.state, "no idea about the rest, just give me your best recommendation")
    picks = [real_kb.get(p["model"]) for p in r.state.recommendation["recommendations"]]
    assert len(picks) == 3
    assert all(c.multilingual or not c.languages for c in picks), [c.id for c in picks]
