"""The Advisor facade: what the CLI, the web app, the HTTP API and eval call.

    advisor = Advisor(KnowledgeBase.open(...))
    rec = advisor.recommend(profile, top=3)          # -> Recommendation (.to_dict(); reports: app/report)
    result = advisor.turn(ChatState(), "clinical notes in English and Spanish, nothing may leave our servers")
    result = advisor.turn(result.state, "about 2 million notes, CPUs with 16 GB")
    result = advisor.attach_trial(result.state, trial_result)   # justification then cites the trial

Pipeline (plain calls, top to bottom): hard constraints -> semantic search in Chroma under the filter
-> evidence plan -> deterministic ranking over the catalog -> explanations, footprint, fine-tuning.
``turn`` is pure: it never mutates the state it is given and never raises on user text.
"""

from __future__ import annotations

import gc
import json
import logging
import time
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from agents.converse import policy
from agents.converse.replies import acknowledge, turn_reply
from agents.converse.state import ChatState, TurnResult, compact_trial
from agents.converse.turns import changes, ms_since, questions_for, with_hint, written_in
from agents.decide.compose import compose
from agents.decide.constraints import hard_constraints
from agents.decide.counterfactual import what_would_change
from agents.decide.evidence import catalog_task_types, evidence_plan
from agents.decide.explain import deferred_note, established_note, no_fit_note, pick, trial_sentences, why_not
from agents.decide.footprint import ASSUMPTIONS, speed_provenance
from agents.decide.ranking import Ranking, build_query, rank
from agents.decide.recommendation import Recommendation
from agents.decide.setup import with_device
from agents.decide.tradeoff import comparison
from agents.profile import Profile
from knowledge.base import KnowledgeBase, SearchResult
from knowledge.filters import CardFilter

if TYPE_CHECKING:
    from agents.converse.dialogue import Assistant

log = logging.getLogger(__name__)

SEMANTIC_K = 40
_CACHE_SIZE = 64


_GC_FROZEN = False   # see Advisor.__init__


class Advisor:
    """Recommends embedding models from a :class:`KnowledgeBase`; one instance serves many sessions."""

    def __init__(self, kb: KnowledgeBase, semantic_k: int = SEMANTIC_K, assistant: Assistant | None = None):
        self.kb = kb
        self.assistant = assistant    # optional language model (agents/understand/llm.py); None: rules only
        self.semantic_k = semantic_k
        self._cards = list(kb.catalog)
        self._types = catalog_task_types(self._cards)
        self._search_cache: OrderedDict[tuple, SearchResult] = OrderedDict()
        dates = [s.as_of for c in self._cards for s in c.sources if "benchmarks" in s.fields]
        self.knowledge_base = {"cards": len(self._cards), "fingerprint": kb.catalog.fingerprint,
                               "snapshot_date": max(dates).isoformat() if dates else None,
                               "index": "semantic" if kb.in_sync else
                               f"keyword fallback ({kb.index_error or 'index not in sync'})"}
        # The catalogue (~680 cards, ~240k objects) lives as long as the process and never forms garbage: move
        # what exists now out of the cyclic collector's scans. A full collection over it during a chat turn
        # cost 50-150 ms (the warm-turn p95); objects created later are collected as usual. Once per process:
        # frozen objects are never scanned again, so later advisors (tests build many) must not freeze their garbage.
        global _GC_FROZEN
        if not _GC_FROZEN:
            gc.collect()
            gc.freeze()
            _GC_FROZEN = True

    # -- one-shot recommendation -------------------------------------------------------------
    def recommend(self, profile: Profile, top: int = 3, trial: dict[str, Any] | None = None,
                  asked: tuple[str, ...] = (), written_in: str | None = None) -> Recommendation:
        """Rank, explain and size models for ``profile``; with nothing known, answer with questions only.

        ``asked`` = fields already asked in a chat: an essential asked but left unanswered takes the dialogue
        policy's cautious default (text, English, local only), stated in ``assumptions``. ``written_in`` = the
        language the user writes in (a chat's hint): the assumed data language instead of English.
        """
        top = max(1, int(top))
        questions = questions_for(profile, asked)
        assumed = list(policy.assumptions(profile, asked, written_in).values())
        profile = policy.with_defaults(profile, asked, written_in)
        if not profile.known():
            return Recommendation(profile, [], [], questions, steps=["nothing known about your needs yet: asking first"],
                                  knowledge_base=self.knowledge_base)
        profile, mapped = with_device(profile)
        constraints = hard_constraints(profile)
        query = build_query(profile)
        found = self._search(query, constraints.card_filter)
        plan = evidence_plan(profile, self._types)
        hits = {c.id: s for c, s in found.hits}
        ranking = rank(self._cards, constraints, plan, hits)
        slate = compose(ranking, profile, top)
        trial_text = trial_sentences(trial)
        picks = [pick(c, i + 1, i + 1 if c.tier == 0 else None, ranking, profile, trial_text, slate.roles.get(c.card.id))
                 for i, c in enumerate(slate.top)]
        small = slate.start_small
        start = None
        if small is not None:
            start = next((p for p in picks if p.model == small.card.id), None) or \
                pick(small, None, None, ranking, profile, trial_text, ["start_small"])
        changes = what_would_change(self._cards, profile, lambda p: evidence_plan(p, self._types), ranking,
                                    picks[0].model if picks else None, hits)
        shown = {p.model for p in picks}
        specialists = [pick(c, None, None, ranking, profile, trial_text) for c in ranking.specialists
                       if c.card.id not in shown]
        tradeoffs = [{"kind": t.kind, "model": t.candidate.card.id, "score": t.candidate.evidence.value,
                      "detail": t.detail, "in_recommendations": t.candidate.card.id in shown}
                     for t in ranking.tradeoffs]
        notes = [] if ranking.ordered else [no_fit_note(ranking, profile)]
        notes += [deferred_note(c.card.id, c.feasibility.length_sensitive, c.feasibility.setup)
                  for c in slate.deferred if c.feasibility]
        safer = established_note(self._cards, ranking, profile, constraints.setup, slate.top)
        notes += [safer] if safer else []
        if trial:
            notes += _trial_notes(trial, ranking, shown)
        setup = constraints.setup
        return Recommendation(
            profile, picks, [why_not(x) for x in ranking.excluded], questions, tradeoffs, specialists,
            _evidence_summary(ranking), picks[0].fine_tuning if picks else None,
            assumed + mapped + list(setup.assumed if setup else ()) + _assumptions(profile),
            _steps(query, found, constraints.rules, ranking), notes,
            {"summary": list(trial_text.values()) + list(trial.get("summary") or [])} if trial else None,
            self.knowledge_base, start, comparison(slate, ranking, profile), changes,
            setup.to_dict() if setup else {})

    def _search(self, query: str, flt: CardFilter) -> SearchResult:
        """Semantic search, cached per (query, filter): a turn that changes nothing re-uses the last result."""
        key = (query, json.dumps(flt.to_where(), sort_keys=True), self.kb.catalog.fingerprint, self.semantic_k)
        if key in self._search_cache:
            self._search_cache.move_to_end(key)
            return self._search_cache[key]
        result = self.kb.search(query, flt, self.semantic_k)
        self._search_cache[key] = result
        if len(self._search_cache) > _CACHE_SIZE:
            self._search_cache.popitem(last=False)
        return result

    def warm_up(self) -> float:
        """Make the first user's turn as fast as the next: one recommendation loads the query embedder and the
        per-catalogue caches; then what is alive is moved out of the cyclic collector's scans (``gc.freeze``).

        A long-lived process (the web app) calls it once after start-up. Without it, the embedder's objects,
        created on the first query after ``__init__`` froze the catalogue, made every full collection during a
        chat turn cost ~30 ms (measured: warm-turn p95 74 -> 53 ms on the scenario turns). Returns the seconds.
        """
        start = time.perf_counter()
        from agents.converse import dialogue  # noqa: F401 - the message reader, loaded before the first chat turn
        self.recommend(Profile(data_type="text", languages=["en"], task="search"))
        self.clear_cache()
        gc.collect()
        gc.freeze()
        return round(time.perf_counter() - start, 2)

    def clear_cache(self) -> None:
        """Forget cached search results (benchmarks measure uncached turns)."""
        self._search_cache.clear()

    # -- chat ----------------------------------------------------------------------------------
    def turn(self, state: ChatState, message: Any, top: int = 3) -> TurnResult:
        """One chat turn: intent -> stated needs -> profile -> (questions | recommendation) -> answer -> reply
        (``agents/converse/dialogue.py``)."""
        from agents.converse.dialogue import take_turn  # the message reader loads on the first chat turn

        return take_turn(self, state, message, top=top, assistant=self.assistant)

    def set_profile(self, state: ChatState, profile: Profile, top: int = 3, via: str = "directly") -> TurnResult:
        """The user edited the profile directly (e.g. a form): it replaces the conversation's profile,
        and the recommendation (or the next questions) is re-run. No change, no new message."""
        start = time.perf_counter()
        changed = changes(state.profile, profile)
        if not changed:
            return TurnResult(state, "", [], None, ["profile unchanged"], [], ms_since(start))
        rec = None
        hint = written_in(state, profile)
        if policy.ready_to_recommend(profile, with_hint(state.asked, hint)):
            rec = self.recommend(profile, top=top, trial=state.trial, asked=with_hint(state.asked, hint), written_in=hint)
            questions = rec.questions
        else:
            questions = questions_for(profile, with_hint(state.asked, hint))
        reply = f"**Profile edited {via}.** " + turn_reply(acknowledge(changed), [], rec, questions)
        new_state = replace(state.with_message("assistant", reply), profile=profile,
                            asked=tuple(dict.fromkeys((*state.asked, *(q["field"] for q in questions)))),
                            pending=tuple(q["field"] for q in questions),
                            recommendation=rec.to_dict() if rec else None)
        steps = list(rec.steps) if rec else ["profile edited: waiting for the essentials"]
        return TurnResult(new_state, reply, questions, rec, steps, [], ms_since(start))

    def attach_trial(self, state: ChatState, trial_summary: Any, top: int = 3) -> TurnResult:
        """Store a trial result on the state; the refreshed recommendation cites it in its reasons."""
        start = time.perf_counter()
        trial = compact_trial(trial_summary)
        new_state = replace(state, trial=trial)
        hint = written_in(state, state.profile)
        asked = with_hint(state.asked, hint)
        rec = (self.recommend(state.profile, top=top, trial=trial, asked=asked, written_in=hint)
               if policy.ready_to_recommend(state.profile, asked) and state.profile.known() else None)
        lines = list(trial_sentences(trial).values()) or ["the trial produced no candidate results"]
        reply = "**Trial attached.**\n\n" + "\n".join(f"- {x}" for x in lines)
        if rec and rec.recommendations:
            reply += "\n\n" + rec.headline()
        new_state = replace(new_state.with_message("assistant", reply),
                            recommendation=rec.to_dict() if rec else state.recommendation)
        return TurnResult(new_state, reply, rec.questions if rec else [], rec, ["trial attached"], [], ms_since(start))


def _evidence_summary(ranking: Ranking) -> dict[str, Any]:
    return {"metric": ranking.metric.to_dict(), "plan": [m.to_dict() for m in ranking.plan],
            "comparable_models": ranking.comparable, "feasible_models": ranking.feasible,
            "rule": "Scores are compared only over the same task set (strict means, or the snapshot's all-but-Flores "
                    "set on multilingual benchmarks); models with partial results are ranked after those, "
                    "with their coverage shown."}


def _assumptions(profile: Profile) -> list[str]:
    out: list[str] = []
    if profile.data_type is None:
        out.append("data type not given: text assumed for the benchmark choice; no modality constraint applied")
    if not profile.languages:
        out.append("languages not given: English benchmark used; no language constraint applied")
    if profile.privacy is None:
        out.append("privacy not given: cloud APIs included (say 'local only' to exclude them)")
    if profile.commercial_use is None:
        out.append("commercial use not given: assumed commercial, so licences that forbid it (e.g. CC BY-NC) are "
                   "excluded; say 'non-commercial' or 'research only' to include them")
    return out + list(ASSUMPTIONS) + [f"Speed figures: {speed_provenance()}."]


def _steps(query: str, found: SearchResult, rules: tuple[str, ...], ranking: Ranking) -> list[str]:
    where = json.dumps(found.where, ensure_ascii=False) if found.where else "none"
    steps = [f"hard constraints: {'; '.join(rules) or 'none stated'}",
             f"retrieved {len(found.hits)} cards ({found.mode}) for {query!r} with filter {where}; "
             f"{found.considered} cards meet the filter",
             f"checked all {ranking.considered} cards against the hard constraints in Python: {ranking.feasible} feasible",
             f"evidence plan: {' > '.join(m.label for m in ranking.plan)}; ranked on {ranking.metric.label} "
             f"({ranking.comparable} feasible models with a comparable score)",
             f"candidate pool: {len(ranking.ordered)} (semantic hits + benchmark leaders + domain specialists, "
             "variants folded into their base model)"]
    return steps


def _trial_notes(trial: dict[str, Any], ranking: Ranking, shown: set[str]) -> list[str]:
    best = trial.get("best")
    if not best or best in shown:
        return []
    for i, c in enumerate(ranking.ordered):
        if c.card.id == best:
            return [f"your trial's best model, {best}, is #{i + 1} on the benchmark ranking; consider it alongside the picks"]
    return [f"your trial's best model, {best}, is not among the feasible candidates for your constraints"]


__all__ = ["Advisor", "ChatState", "TurnResult"]
