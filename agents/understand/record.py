"""What one message says about the profile, and how a reading stage writes it down.

:class:`Extraction` is the result of :func:`agents.understand.extract.extract`. :class:`Recorder` holds one message's
reading: setting and clearing fields with their evidence, notes for the user, the rule that a hard constraint is relaxed
only in the user's own words (not pasted, no injection), and the final check that every value is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agents.fields import FIELDS
from agents.profile import Profile
from agents.understand.cues import Hit
from agents.understand.prep import Prepared, looks_like_words

HARD_FIELDS = ("privacy", "commercial_use", "languages")
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
    defaulted: list[Any] = field(default_factory=list)     # budgets in a shared word taken as its default ("Rs" as INR)

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


class Recorder:
    """One message's reading so far: the prepared text, the profile before it, the fields just asked about."""

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

    def set_checked(self, f: str, value: Any, evidence: str, pasted: bool) -> None:
        """Set a hard constraint; relaxing one needs the user's own words (no injection, not pasted)."""
        relaxes = (f == "privacy" and value == "cloud_ok") or (f == "commercial_use" and value is False)
        if relaxes and (pasted or "injection" in self.ex.flags):
            self.blocked_relaxation = True
            return
        old = getattr(self.profile, f)
        if old is not None and old != value and relaxes:
            self.note(f"Changed {LABELS[f]}: {show(old)} \u2192 {show(value)}.")
        self.set(f, value, evidence)

    def finish(self) -> Extraction:
        """The extraction with invalid values dropped, blocked relaxations said, and the empty-result flags."""
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


def show(value: Any) -> str:
    """A profile value as the user reads it in a note."""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value).lower() if isinstance(value, bool) else str(value)
