"""Per-browser-session state of the web app and the profile form <-> Profile conversions (no gradio).

Gradio keeps one :class:`UiSession` per browser tab (``gr.State``), so conversations never mix.
The form shows every profile field; "not set" (``None``) is a real choice so a field can be cleared.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass, field
from typing import Any

from agents.profile import PROFILE_FIELDS, Profile, ProfileError, allowed_values, parse_profile
from knowledge.languages import ISO639_1

UNSET = "(not set)"
YES, NO = "yes", "no"

# Form controls: choice fields (dropdown), yes/no fields, number fields and the language list.
CHOICE_FIELDS = ("data_type", "task", "domain", "privacy", "hardware")
BOOL_FIELDS = ("commercial_use", "fine_tuning")
NUMBER_FIELDS = ("documents", "avg_doc_tokens", "queries_per_second", "latency_ms", "memory_gb", "budget_usd_month")
FORM_FIELDS = PROFILE_FIELDS  # order of the form inputs/outputs = the profile's field order

LABELS = {
    "data_type": "Data", "task": "Task", "domain": "Domain", "languages": "Languages", "privacy": "Privacy",
    "commercial_use": "Commercial use", "documents": "Documents", "avg_doc_tokens": "Avg. tokens per document",
    "queries_per_second": "Queries per second", "latency_ms": "Latency budget (ms)", "hardware": "Hardware",
    "memory_gb": "Memory (GB)", "budget_usd_month": "Budget (USD/month)", "fine_tuning": "Fine-tuning planned",
}
INFO = {
    "privacy": "local_only: must run on your own machines; cloud_ok: hosted APIs are fine",
    "memory_gb": "RAM (CPU) or GPU memory available for the model",
    "budget_usd_month": "for API embedding costs",
}


def choices(name: str) -> list[str]:
    """Dropdown choices for a form field, "(not set)" first."""
    if name in BOOL_FIELDS:
        return [UNSET, YES, NO]
    return [UNSET, *(allowed_values(name) or [])]


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
            data[name] = int(number) if name in ("documents", "avg_doc_tokens") and number == int(number) else number
        else:
            data[name] = value
    return parse_profile(data, "profile form")


def message_text(content: Any) -> str:
    """Plain text of a chat message's content: a string or a list of ``{"type": "text", "text": ...}`` blocks."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        if content.get("type") == "text" or "text" in content:
            return str(content.get("text") or "")
        return ""  # files and components carry no text
    if isinstance(content, (list, tuple)):
        return "\n".join(t for t in (message_text(c) for c in content) if t)
    return str(content)


def display_text(text: str) -> str:
    """Chat text made inert: ``<``, ``>`` and ``&`` are escaped, so HTML in a message shows as typed
    (the chatbot's own sanitiser would keep harmless tags like ``<b>``; we want the literal text)."""
    return html.escape(text, quote=False)


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
    report_dir: str | None = None
    shown_profile: Profile | None = None          # the profile the form displays (set when views are built)

    @property
    def profile(self) -> Profile:
        profile = getattr(self.chat, "profile", None)
        return profile if isinstance(profile, Profile) else Profile()


__all__ = ["FORM_FIELDS", "LABELS", "INFO", "ProfileError", "UiSession", "UNSET", "choices",
           "display_text", "form_values", "language_choices", "message_text", "profile_from_form"]
