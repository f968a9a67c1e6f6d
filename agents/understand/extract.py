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
from typing import Any

from agents.profile import NUMBER_FIELDS, PROFILE_FIELDS, Profile
from agents.understand import answers, resolve
from agents.understand.cues import Hit, find_hits
from agents.understand.devices import hardware_settings
from agents.understand.guard import strip_injections
from agents.understand.intent import stated_at
from agents.understand.languages import answer as language_answer
from agents.understand.languages.examples import example_spans
from agents.understand.languages.names import find_languages
from agents.understand.modelnames import mark_model_names
from agents.understand.moves import RESET, cleared_fields, cleared_means, declined_fields
from agents.understand.numbers import choice as measure_choice
from agents.understand.numbers import money
from agents.understand.numbers.measures import find_measures
from agents.understand.numbers.operations import find_operations
from agents.understand.numbers.transcripts import rechunk, says_chunking, transcript_tokens
from agents.understand.prep import HEAD_CHARS, TAIL_CHARS, prepare
from agents.understand.record import HARD_FIELDS, LABELS, Extraction, Recorder, show
from agents.understand.vocabulary import ENUM_CUES, VOCABULARY

__all__ = ["Extraction", "extract"]
_REGION_CASED = re.compile(r"\b(?:the )?(?:US|USA|UK)\b")


class _Run(Recorder):
    """The reading stages of one message, in order."""

    currency: str | None = None   # the currency of the user's earlier amounts

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
        if answers.answer_only(self):
            return self.finish()
        self._commands()
        hits = find_hits(prep.without(example_spans(prep)), ENUM_CUES)   # quoted examples show content, not needs
        self._enums(hits)
        self._languages()
        self._measures()
        self._transcripts()
        self._device()
        answers.expected(self, hits)
        self._unsupported()
        return self.finish()

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
                self.set_checked(f, meant, prep.snippet(s, e), pasted=prep.in_pasted(s, e))
                continue
            self.clear(f, prep.snippet(s, e))
            old = getattr(self.profile, f)
            if f in HARD_FIELDS and old is not None:
                self.note(f"I dropped your {LABELS[f]} answer ({show(old)}); until you tell me again I assume the strictest "
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
        images = decisions["data_type"].value if decisions["data_type"] else p.data_type
        if images == "image" and decisions["query_type"] and decisions["query_type"].value == "text":
            # text queries over pictures ("per Texteingabe die passenden Schaltpläne finden, das sind alles Bilder"): the
            # model must embed both, which is what multimodal (text + images) means
            hits = (decisions["data_type"].hits if decisions["data_type"] else []) + decisions["query_type"].hits
            decisions["data_type"], decisions["query_type"] = resolve.Decision("multimodal", hits), None
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
                self.set_checked(f, d.value, self.ev(d.hits), pasted=all(self.prep.in_pasted(h.start, h.end) for h in d.hits))
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
        numeric = measure_choice.replaced_field(self.prep, self._as_written(values)) or next(
            (f for f in self.expecting if f in values), None)
        if numeric is None and self.profile.documents is None and measure_choice.lone_count(self.prep):
            numeric = "documents"   # "about 45 thousand" before the corpus size was asked
        counted = self.prep.without(example_spans(self.prep))   # "titles like 'Galaxy S24 128GB'": numbers in an example
        ops = find_operations(counted, self.profile.avg_doc_tokens if self.profile.data_type == "audio" else None)
        consumed = [(op.start, op.end) for op in ops]   # "7k new docs a week" answers no other question asked
        measures = measure_choice.drop_repeated(self.prep, find_measures(counted, numeric, consumed, self.currency), values)
        settings, notes = measure_choice.choose(self.prep, measures, self.ex.updates.get("hardware", self.profile.hardware))
        settings += measure_choice.phrases(self.prep, settings, values)
        for n in notes:
            self.note(n)
        self.ex.unconverted += [m for m in measures if m.field == "unconverted_money"]
        self.ex.defaulted += [m for m in measures if m.field == "budget_usd_month" and m.amount is not None]
        for s in settings:
            if s.clear:
                self.clear(s.field, s.evidence)
            else:
                self.set(s.field, s.value, s.evidence)
            if s.note:
                self.note(s.note)
        for op in ops:
            if op.field not in self.ex.updates:
                self.set(op.field, op.value, self.prep.snippet(op.start, op.end))
                self.note(op.note or "")

    def _transcripts(self) -> None:
        """A transcribed recording's duration is its length; a chunk size after a longer length counts chunks."""
        if "avg_doc_tokens" not in self.ex.updates and self.ex.updates.get("data_type", self.profile.data_type) in (None, "text"):
            if (said := transcript_tokens(self.prep)) is not None:
                self.set("avg_doc_tokens", said[0], self.prep.snippet(said[1], said[2]))
                self.note(said[3])
                return
        new, old = self.ex.updates.get("avg_doc_tokens"), self.profile.avg_doc_tokens
        if not (new and old and says_chunking(self.prep)):
            return
        count = None if "documents" in self.ex.updates else self.profile.documents
        cut = rechunk(count, int(old), int(new))
        if cut is None:
            return
        pieces, note = cut
        evidence = self.ex.evidence.get("avg_doc_tokens", "")
        for f in ("documents", "ingest_per_day"):
            value = getattr(self.profile, f)
            if value and f not in self.ex.updates:
                self.set(f, int(value * pieces) if f == "documents" else round(value * pieces, 2), evidence)
        self.note(note)

    def _as_written(self, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` with the budget back in the currency the user wrote it in ("budget 5k INR" ... "not 5k, 50k")."""
        usd = values.get("budget_usd_month")
        local = money.in_currency(usd, self.currency) if usd and self.currency and self.currency != "USD" else None
        return values if local is None else {**values, "budget_usd_month": local}

    def _device(self) -> None:
        """A named device or cloud instance ("one RTX 4090", "a g4dn.xlarge"): hardware, device and, for one GPU sold in
        one memory size, its memory unless the message states it ("a T4" -> 16 GB); CPU only drops a GPU device."""
        for f, value, evidence in hardware_settings(self.prep, self.ex.updates.get("hardware"), self.profile.hardware,
                                                    self.profile.device, "memory_gb" in self.ex.updates):
            self.set(f, value, evidence) if value is not None else self.clear(f, evidence)

    def _unsupported(self) -> None:
        for item in VOCABULARY.unsupported:
            if item.pattern.search(self.prep.low):
                hint = f" {item.hint}" if item.hint else ""
                self.note(f"I can't match {item.kind} to embedding models directly; the data types I know are text, code, "
                          f"images, audio and multimodal (text + images).{hint}")

def extract(message: str, profile: Profile | None = None, expecting: str | Collection[str] | None = None,
            ignore: Collection[tuple[int, int]] = (), currency: str | None = None) -> Extraction:
    """Read one user message; see the module docstring. Never raises on any input.

    ``expecting`` is the field (or fields, when two questions were asked) the assistant just asked about.
    ``ignore`` lists spans of the prepared message (:func:`agents.understand.intent.read_intent` gives the asking
    parts) that are not read at all: a question never states a need. ``currency`` is the one the user wrote amounts
    in earlier (:func:`agents.understand.placed_money.earlier_currency`): an amount here without one is in it.
    """
    profile = profile if isinstance(profile, Profile) else Profile()
    fields = (expecting,) if isinstance(expecting, str) else tuple(expecting or ()) if not isinstance(expecting, dict) else ()
    prep = prepare(message)
    for s, e in ignore:
        prep.blank(max(0, s), min(len(prep.low), e))
    run = _Run(prep, profile, tuple(f for f in fields if f in PROFILE_FIELDS))
    run.currency = currency
    return run.run()
