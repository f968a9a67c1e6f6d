"""Per-browser-session state of the web app and the profile form <-> Profile conversions (no gradio).

Gradio keeps one :class:`UiSession` per browser tab (``gr.State``), so conversations never mix.
The form shows every profile field; "not set" (``None``) is a real choice so a field can be cleared.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from agents.fields import FIELDS, value_label
from agents.profile import NUMBER_FIELDS, PROFILE_FIELDS, Profile, ProfileError, allowed_values, parse_profile
from knowledge.languages import ISO639_1

UNSET = "(not set)"
YES, NO = "yes", "no"

# Form controls, from the field registry: choice fields (dropdown), yes/no fields, number fields, the language list.
CHOICE_FIELDS = tuple(f.name for f in FIELDS if f.choices)
BOOL_FIELDS = tuple(f.name for f in FIELDS if f.type is bool)
INT_FIELDS = tuple(f.name for f in FIELDS if f.type is int)
FORM_FIELDS = PROFILE_FIELDS  # order of the form inputs/outputs = the profile's field order

LABELS = {f.name: f.label for f in FIELDS}
INFO = {f.name: f.help for f in FIELDS if f.help}


def choices(name: str) -> list[tuple[str, str]]:
    """(label, value) choices for a form field, "(not set)" first; people read the labels of the field registry
    ("Cloud APIs are fine"), the form's value stays the profile's value ("cloud_ok")."""
    if name in BOOL_FIELDS:
        return [(UNSET, UNSET), ("Yes", YES), ("No", NO)]
    return [(UNSET, UNSET), *((value_label(name, v), v) for v in allowed_values(name) or [])]


def language_choices() -> list[tuple[str, str]]:
    """(label, code) pairs for the language picker."""
    return [(f"{name} ({code})", code) for code, name in sorted(ISO639_1.items(), key=lambda kv: kv[1])]


def form_values(profile: Profile) -> list[Any]:
    """The form's values for a profile, in :data:`FORM_FIELDS` order."""
    out: list[Any] = []
    for name in FORM_FIELDS:
        value = getattr(profile, name)
        if name in BOOL_FIELDS:
            out.append(UNSET if value is None else YES if value else NO)
        elif name in CHOICE_FIELDS:
            out.append(UNSET if value is None else value)
        elif name == "languages":
            out.append(list(value or []))
        else:
            out.append(value)
    return out


def field_edit(shown: Profile, name: str, value: Any) -> dict[str, Any]:
    """The edit one form field makes: ``{name: new value}``, or ``{}`` when it still shows what the form showed.

    Each form event carries one field, so a late event (the blur of a number field when the user clicks into the
    message box) can only ever touch its own field, never undo what a chat turn changed in the others."""
    values = form_values(shown)
    values[FORM_FIELDS.index(name)] = value
    new = getattr(profile_from_form(values), name)
    return {} if new == getattr(shown, name) else {name: new}


def profile_from_form(values: list[Any]) -> Profile:
    """A Profile from the form's values; :class:`ProfileError` names a bad field and its allowed values."""
    data: dict[str, Any] = {}
    for name, value in zip(FORM_FIELDS, values, strict=True):
        if value in (None, "", UNSET, []):
            continue
        if name in BOOL_FIELDS:
            data[name] = value == YES
        elif name == "languages":
            data[name] = [str(v) for v in value]
        elif name in NUMBER_FIELDS:
            number = float(value)
            data[name] = int(number) if name in INT_FIELDS and number == int(number) else number
        else:
            data[name] = value
    return parse_profile(data, "profile form")


@dataclass
class UiSession:
    """One browser tab's conversation, latest recommendation and trial (kept server-side by gradio)."""

    chat: Any = None                              # agents.advisor.ChatState
    messages: list[dict[str, str]] = field(default_factory=list)
    recommendation: dict[str, Any] | None = None  # Recommendation.to_dict()
    trial: dict[str, Any] | None = None           # TrialResult.to_dict()
    trial_markdown: str = ""
    questions: list[dict[str, Any]] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    cancel: threading.Event = field(default_factory=threading.Event)
    trial_running: bool = False                   # a trial of this tab is running (Cancel has something to stop)
    finetune: dict[str, Any] | None = None        # FineTuneResult.to_dict() of the latest fine-tune
    finetune_cancel: threading.Event = field(default_factory=threading.Event)
    finetune_running: bool = False
    finetune_dir: str | None = None               # where that fine-tuned model is kept on the server
    report_dir: str | None = None
    shown_profile: Profile | None = None          # the profile the form displays (set when views are built)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)  # one event of this tab at a time

    @property
    def profile(self) -> Profile:
        profile = getattr(self.chat, "profile", None)
        return profile if isinstance(profile, Profile) else Profile()


__all__ = ["FORM_FIELDS", "LABELS", "INFO", "ProfileError", "UiSession", "UNSET", "choices",
           "field_edit", "form_values", "language_choices", "profile_from_form"]
