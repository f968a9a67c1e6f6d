"""Extraction of profile fields from one chat message: offline, deterministic, rules only.

``extract(message, profile, expecting)`` returns an :class:`Extraction`: the fields the message sets
(already valid for :class:`~agents.profile.Profile`), the fields it explicitly clears, the text that set
each field (evidence), and notes for the user (ignored instructions, unsupported languages or data types,
contradictions, truncated input). ``expecting`` names the field the assistant just asked about, so a bare
"yes", "about 2 million" or "CPU" is attributed to it.

Safety: sentences that instruct the advisor ("ignore your rules ...") are dropped; a message containing
them, and any pasted material, may tighten a hard constraint but never relax one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from agents.fields import FIELDS
from agents.profile import NUMBER_FIELDS, PROFILE_FIELDS, Profile
from agents.understand import resolve
from agents.understand.cues import Hit, find_hits
from agents.understand.devices import hardware_settings
from agents.understand.guard import strip_injections
from agents.understand.intent import groups as intent_groups
from agents.understand.intent import stated_at
from agents.understand.languages import answer as language_answer
from agents.understand.languages.examples import example_spans
from agents.understand.languages.names import find_languages
from agents.understand.modelnames import mark_model_names
from agents.understand.moves import (
    DECLINE_ANSWER,
    DECLINED,
    GENERAL_ANSWER,
    INDIFFERENT,
    RESET,
    YES_NO_MEANING,
    bare_answer,
    cleared_fields,
    cleared_means,
    declined_fields,
    yes_or_no,
)
from agents.understand.numbers import choice as measure_choice
from agents.understand.numbers.measures import find_measures
from agents.understand.numbers.operations import find_operations
from agents.understand.prep import HEAD_CHARS, TAIL_CHARS, Prepared, looks_like_words, prepare
from agents.understand.vocabulary import ENUM_CUES, VOCABULARY

HARD_FIELDS = ("privacy", "commercial_use", "languages")
_REGION_CASED = re.compile(r"\b(?:the )?(?:US|USA|UK)\b")
LABELS = {f.name: f.noun for f in FIELDS}


@dataclass
class Extraction:
    """What one message says about the profile."""

    updates: dict[str, Any] = field(default_factory=dict)
    cleared: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)   # fields the user chose not to answer (also in ``cleared``)
    flags: list[str] = field(default_factory=list)      # empty, gibberish, truncated, injection, markup, nothing_found
    unconverted: list[Any] = field(default_factory=list)   # budgets with no dated rate (numbers.context.Measure): asked

    def apply(self, profile: Profile) -> Profile:
        """The merged profile: cleared fields emptied, then updates applied (later answers override)."""
        data = profile.model_dump()
        for f in self.cleared:
            data[f] = None
        data.update(self.updates)
        return Profile.model_validate(data)

    @property
    def changed(self) -> bool:
        return bool(self.updates or self.cleared)


class _Run:
    def __init__(self, prep: Prepared, profile: Profile, expecting: tuple[str, ...]):
        self.prep, self.profile, self.expecting = prep, profile, expecting
        self.ex = Extraction()
        self.blocked_relaxation = False

    def set(self, f: str, value: Any, evidence: str) -> None:
        self.ex.updates[f] = value
        if f in self.ex.cleared:
            self.ex.cleared.remove(f)
        self.ex.evidence[f] = evidence

    def clear(self, f: str, evidence: str, declined: bool = False) -> None:
        self.ex.updates.pop(f, None)
        if f not in self.ex.cleared:
            self.ex.cleared.append(f)
        if declined and f not in self.ex.declined:
            self.ex.declined.append(f)
        self.ex.evidence[f] = evidence

    def note(self, text: str) -> None:
        if text and text not in self.ex.notes:
            self.ex.notes.append(text)

    def ev(self, hits: list[Hit]) -> str:
        parts = []
        for h in hits[:3]:
            s = self.prep.snippet(h.start, h.end, 60)
            if s not in parts:
                parts.append(s)
        return "; ".join(parts)

    # -- stages ----------------------------------------------------------------------------------------------
    def run(self) -> Extraction:
        prep, ex = self.prep, self.ex
        if prep.truncated:
            ex.flags.append("truncated")
            self.note(f"Your message is {prep.original_length:,} characters long; I read only the first {HEAD_CHARS:,} and "
                      f"the last {TAIL_CHARS:,} characters. Tell me the key facts in a short message if I missed them.")
        if prep.had_markup:
            ex.flags.append("markup")
        if not prep.low.strip():
            ex.flags.append("empty")
            self.note("I got an empty message. Tell me about your data, e.g. \u201c2 million support tickets in English and "
                      "German, must stay on our servers\u201d.")
            return ex
        injected = strip_injections(prep)
        if injected:
            ex.flags.append("injection")
            self.note(f"I ignored instructions in your message that try to change how I work (\u201c{injected[0]}\u201d). "
                      "I only use what you tell me about your data and constraints, and I rank models on evidence.")
        mark_model_names(prep)
        if self._answer_only():
            return self._finish()
        self._commands()
        hits = find_hits(prep.without(example_spans(prep)), ENUM_CUES)   # quoted examples show content, not needs
        self._enums(hits)
        self._languages()
        self._measures()
        self._device()
        self._expected(hits)
        self._unsupported()
        return self._finish()

    def _answer_only(self) -> bool:
        """A bare "skip"/"not sure"/"either" answer to the question(s) just asked."""
        low = self.prep.low.strip()
        if not self.expecting or not DECLINE_ANSWER.match(low):
            return False
        snippet = self.prep.snippet(0, len(self.prep.text))
        for f in self.expecting:
            if INDIFFERENT.match(low) and f == "privacy":
                self._set_checked("privacy", "cloud_ok", snippet, pasted=False)
            elif INDIFFERENT.match(low) and f == "domain":
                self.set("domain", "general", snippet)
            else:
                self.clear(f, snippet, declined=True)
        return True

    def _commands(self) -> None:
        prep = self.prep
        if RESET.search(prep.low) and "injection" not in self.ex.flags:
            for f in PROFILE_FIELDS:
                if getattr(self.profile, f) is not None:
                    self.clear(f, "start over")
            self.note("Starting over: I cleared your earlier answers.")
        for f, s, e in declined_fields(prep.low):
            self.clear(f, prep.snippet(s, e), declined=True)
            prep.blank(s, e)
        for f, s, e in cleared_fields(prep.low):
            said = prep.low[s:e]
            prep.blank(s, e)
            meant = cleared_means(f, said)   # "privacy doesn't matter" = cloud is fine; "forget the GPU" = CPU only
            if meant is not None:
                self._set_checked(f, meant, prep.snippet(s, e), pasted=prep.in_pasted(s, e))
                continue
            self.clear(f, prep.snippet(s, e))
            old = getattr(self.profile, f)
            if f in HARD_FIELDS and old is not None:
                self.note(f"I dropped your {LABELS[f]} answer ({_show(old)}); until you tell me again I assume the strictest "
                          "setting for it.")

    def _enums(self, hits: list[Hit]) -> None:
        by_field: dict[str, list[Hit]] = {}
        for h in hits:
            by_field.setdefault(h.field, []).append(h)
        p = self.profile
        decisions = {
            "data_type": resolve.data_type(self.prep, self.prep.outside_examples(by_field.get("data_type", [])), p.data_type),
            "task": resolve.task(self.prep, by_field.get("task", [])),
            "domain": resolve.domain(self.prep, by_field.get("domain", []), p.domain),
            "privacy": None,
            # Like privacy, a licence is set by statements: "Would a non-commercial licence be a problem?" asks.
            "commercial_use": resolve.commercial(self.prep, [h for h in by_field.get("commercial_use", [])
                                                             if stated_at(self.prep.low, h.start)]),
            "fine_tuning": resolve.fine_tuning(self.prep, by_field.get("fine_tuning", [])),
            "hardware": resolve.hardware(self.prep, by_field.get("hardware", [])),
            "priority": resolve.priority(self.prep, by_field.get("priority", [])),
        }
        decisions["query_type"] = resolve.query_type(by_field.get("query_type", []), decisions["data_type"], p.data_type)
        privacy_hits = by_field.get("privacy", [])
        # Privacy is set by statements, not questions ("Is OpenAI ok?", "Why not local models?"), and a cloud
        # permission only in the user's own words (not in pasted text).
        trusted = [h for h in privacy_hits if stated_at(self.prep.low, h.start)
                   and not (h.value == "cloud_ok" and self.prep.in_pasted(h.start, h.end))]
        if any(self.prep.in_pasted(h.start, h.end) for h in privacy_hits if h not in trusted and h.value == "cloud_ok"):
            self.blocked_relaxation = True
        decisions["privacy"], kept = resolve.content_only(self.prep, resolve.privacy(self.prep, trusted), p.privacy)
        self.note(kept or "")
        self._residency(decisions["privacy"])
        for f, d in decisions.items():
            if d is None:
                continue
            if d.clear:
                self.clear(f, self.ev(d.hits))
                continue
            if d.note:
                self.note(d.note)
            if f in ("privacy", "commercial_use"):
                self._set_checked(f, d.value, self.ev(d.hits), pasted=all(self.prep.in_pasted(h.start, h.end) for h in d.hits))
            elif d.value is not None:
                self.set(f, d.value, self.ev(d.hits))
        if self.ex.updates.get("data_type") == "code" and "domain" not in self.ex.updates and p.domain is None:
            self.set("domain", "code", self.ex.evidence["data_type"])

    def _residency(self, d: resolve.Decision | None) -> None:
        if d is None or d.value != "local_only":
            return
        for h in d.hits:
            s, e = self.prep.clause_bounds(h.start)
            m = resolve.REGION.search(self.prep.low, s, e) or _REGION_CASED.search(self.prep.text, s, e)
            if m:
                region = self.prep.snippet(*m.span())
                general = region.lower() in ("residency", "sovereignty", "gdpr")
                need = "control over where the data is processed" if general else f"the data to stay in {region}"
                self.note(f"You need {need}: I keep to models you run yourself "
                          "(open weights), which meets that wherever you run them. If a cloud API hosted in the right region "
                          "is acceptable to you, say so (e.g. \u201ca cloud API hosted in the EU is fine\u201d) and I will "
                          "include API models.")
                return

    def _set_checked(self, f: str, value: Any, evidence: str, pasted: bool) -> None:
        """Set a hard constraint; relaxing one needs the user's own words (no injection, not pasted)."""
        relaxes = (f == "privacy" and value == "cloud_ok") or (f == "commercial_use" and value is False)
        if relaxes and (pasted or "injection" in self.ex.flags):
            self.blocked_relaxation = True
            return
        old = getattr(self.profile, f)
        if old is not None and old != value and relaxes:
            self.note(f"Changed {LABELS[f]}: {_show(old)} \u2192 {_show(value)}.")
        self.set(f, value, evidence)

    def _languages(self) -> None:
        expecting = "languages" in self.expecting
        found = find_languages(self.prep, expecting=expecting)
        current = list(self.profile.languages or [])
        if not found.codes and not found.removed and not current and not self.ex.updates.get("languages"):
            found = language_answer.implied(self.prep, found)   # "queries like 'cocina con isla'", "users in Spain"
        for n in found.notes:
            self.note(n)
        if not found.codes and not (found.removed and current):
            return
        new = language_answer.combine(found, current)
        if any(self.prep.in_pasted(s, e) for s, e in found.spans):
            new, note = language_answer.with_pasted(self.prep, found, current, new, expecting)
            self.note(note or "")
        if "injection" in self.ex.flags and any(c not in new for c in current):
            self.blocked_relaxation = True   # dropping a required language needs the user's own words
            return
        spans = sorted(found.spans)
        evidence = self.prep.snippet(spans[0][0], spans[-1][1])
        if not new:
            self.clear("languages", evidence)
        elif new != current:
            self.set("languages", new, evidence)

    def _measures(self) -> None:
        values = {f: getattr(self.profile, f) for f in NUMBER_FIELDS}   # a correction names its field ("30 EUR, not 300")
        numeric = measure_choice.replaced_field(self.prep, values) or next((f for f in self.expecting if f in values), None)
        if numeric is None and self.profile.documents is None and measure_choice.lone_count(self.prep):
            numeric = "documents"   # "about 45 thousand" before the corpus size was asked
        counted = self.prep.without(example_spans(self.prep))   # "titles like 'Galaxy S24 128GB'": numbers in an example
        measures = measure_choice.drop_repeated(self.prep, find_measures(counted, numeric), values)
        settings, notes = measure_choice.choose(self.prep, measures, self.ex.updates.get("hardware", self.profile.hardware))
        settings += measure_choice.phrases(self.prep, settings, values)
        for n in notes:
            self.note(n)
        self.ex.unconverted += [m for m in measures if m.field == "unconverted_money"]
        for s in settings:
            if s.clear:
                self.clear(s.field, s.evidence)
            else:
                self.set(s.field, s.value, s.evidence)
            if s.note:
                self.note(s.note)
        for op in find_operations(counted, self.profile.avg_doc_tokens if self.profile.data_type == "audio" else None):
            if op.field not in self.ex.updates:
                self.set(op.field, op.value, self.prep.snippet(op.start, op.end))
                self.note(op.note or "")

    def _device(self) -> None:
        """A named device or cloud instance ("one RTX 4090", "a g4dn.xlarge"): hardware, device and, for one GPU sold in
        one memory size, its memory unless the message states it ("a T4" -> 16 GB); CPU only drops a GPU device."""
        for f, value, evidence in hardware_settings(self.prep, self.ex.updates.get("hardware"), self.profile.hardware,
                                                    self.profile.device, "memory_gb" in self.ex.updates):
            self.set(f, value, evidence) if value is not None else self.clear(f, evidence)

    def _expected(self, hits: list[Hit]) -> None:
        """Bare answers ("yes", "Other", "a paragraph") to the question(s) just asked."""
        low = self.prep.low.strip()
        words = len(low.split())
        snippet = self.prep.snippet(0, len(self.prep.text))
        yes_no_used = any(f in YES_NO_MEANING and f in self.ex.updates for f in self.expecting)
        for f in self.expecting:
            if f in self.ex.updates or f in self.ex.cleared:
                continue
            if f in YES_NO_MEANING and words <= 8 and not yes_no_used:
                said = yes_or_no(low)
                if said is not None:
                    self._answer(f, YES_NO_MEANING[f][0 if said else 1], snippet)
                    yes_no_used = True
                    continue
            if f == "domain" and words <= 5 and not GENERAL_ANSWER.match(low) and not any(c.isdigit() for c in low):
                small_talk = intent_groups()["other"].pattern.search(low)   # "lol ok" names no domain
                if looks_like_words(low) and not small_talk and not hits and not self.ex.updates and not self._asks_back():
                    self.set("domain", "other", snippet)   # a domain we have no name for ("aerospace")
                continue
            answer = bare_answer(f, low)
            if answer is DECLINED:
                self.clear(f, snippet, declined=True)
            elif answer is not None:
                value, detail = answer
                self._answer(f, value, snippet + (f" ({detail})" if detail else ""))

    def _asks_back(self) -> bool:
        """A question or request in return ("what about bge-m3?", "why is #2 above #3? they look the same") is no answer."""
        return bool(self.prep.models) or "?" in self.prep.text or "\uff1f" in self.prep.text

    def _answer(self, f: str, value: Any, evidence: str) -> None:
        checked = f in ("privacy", "commercial_use")   # a hard constraint: relaxing it needs the user's own words
        self._set_checked(f, value, evidence, pasted=False) if checked else self.set(f, value, evidence)

    def _unsupported(self) -> None:
        for item in VOCABULARY.unsupported:
            if item.pattern.search(self.prep.low):
                hint = f" {item.hint}" if item.hint else ""
                self.note(f"I can't match {item.kind} to embedding models directly; the data types I know are text, code, "
                          f"images, audio and multimodal (text + images).{hint}")

    def _finish(self) -> Extraction:
        ex = self.ex
        for f in list(ex.updates):
            try:
                Profile.model_validate({f: ex.updates[f]})
            except ValueError:
                ex.updates.pop(f)
                ex.evidence.pop(f, None)
        if "injection" in ex.flags:
            for f in HARD_FIELDS:
                if f in ex.cleared and f not in ex.declined:
                    ex.cleared.remove(f)
                    ex.evidence.pop(f, None)
                    self.blocked_relaxation = True
        if self.blocked_relaxation:
            self.note("I did not relax any constraint from that text: pasted or instruction-like text can only make constraints "
                      "stricter. If, for example, a cloud API really is acceptable, tell me in your own words (\u201ca cloud"
                      " API is fine\u201d).")
        for f in list(ex.evidence):
            if f not in ex.updates and f not in ex.cleared:
                ex.evidence.pop(f)
        if not ex.changed and not ex.notes and self.prep.low.strip():
            if not looks_like_words(self.prep.low) and not self.prep.models:   # "bge-m3 vs e5-large-v2" is no gibberish
                ex.flags.append("gibberish")
                self.note("I couldn't make sense of that message. Tell me about your data, e.g. \u201cproduct photos for a shop, "
                          "cloud is fine\u201d.")
            else:
                ex.flags.append("nothing_found")
        return ex


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value).lower() if isinstance(value, bool) else str(value)


def extract(message: str, profile: Profile | None = None, expecting: str | Collection[str] | None = None,
            ignore: Collection[tuple[int, int]] = ()) -> Extraction:
    """Read one user message; see the module docstring. Never raises on any input.

    ``expecting`` is the field (or fields, when two questions were asked) the assistant just asked about.
    ``ignore`` lists spans of the prepared message (:func:`agents.understand.intent.read_intent` gives the asking
    parts) that are not read at all: a question never states a need.
    """
    profile = profile if isinstance(profile, Profile) else Profile()
    fields = (expecting,) if isinstance(expecting, str) else tuple(expecting or ()) if not isinstance(expecting, dict) else ()
    prep = prepare(message)
    for s, e in ignore:
        prep.blank(max(0, s), min(len(prep.low), e))
    return _Run(prep, profile, tuple(f for f in fields if f in PROFILE_FIELDS)).run()
