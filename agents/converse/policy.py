"""Dialogue policy: which one or two questions to ask next, and when there is enough to recommend.

Order of importance (from the product brief): data type, domain, languages, privacy, scale, then task,
hardware and memory, licence (commercial use), budget (only when cloud APIs are allowed), latency, and
finally document length.

Essentials — the fields a recommendation cannot be made without, because each one removes models
outright (hard constraints):
- ``data_type``: the modality must match (a text model cannot embed images);
- ``languages``: every requested language must be supported — asked only when the data has natural
  language (text or text + images), never for images, code or audio;
- ``privacy``: "local only" removes every API model.
A field that was asked but not answered ("skip", "not sure") is never asked again; it gets the
default below, which the reply states as an assumption. Defaults are the cautious choices: text, English,
and local only (open weights you run yourself — the product is private by default).
Everything else refines the ranking and the footprint; missing values leave that aspect unscored.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from agents.fields import BY_NAME, FIELDS
from agents.profile import Profile
from knowledge.hardware import hardware_table
from knowledge.languages import UNIDENTIFIED, language_name

ESSENTIALS = ("data_type", "languages", "privacy")
# The asking order comes from the field registry (``ask_rank``); fields without a question are never asked.
ORDER = tuple(f.name for f in sorted((f for f in FIELDS if f.ask_rank is not None), key=lambda f: f.ask_rank or 0))
DEFAULTS: dict[str, Any] = {"data_type": "text", "languages": ["en"], "privacy": "local_only"}
_DEFAULT_REASONS = {
    "data_type": "text (the most common case)",
    "languages": "English only",
    "privacy": "everything stays on your machines (open models only), the safe default",
}
_NOUN = {"image": "images", "audio": "recordings", "code": "files or functions", "multimodal": "items", "text": "documents"}
_DOMAIN_NOUN = {"medical": "clinical texts", "legal": "legal documents", "finance": "financial documents",
                "scientific": "papers", "e-commerce": "product texts", "code": "code comments and queries"}
_REGULATED = {"medical": "Medical", "finance": "Financial", "legal": "Legal"}


@dataclass
class Question:
    """One question for the user; ``choices`` become buttons in the UI (each is a valid answer)."""

    field: str
    text: str
    choices: list[str] = field(default_factory=list)
    essential: bool = False


def needs_languages(profile: Profile) -> bool:
    """Languages matter for text and text + images, for typed queries over photos or sounds (the queries' language),
    and while the data type is unknown."""
    return profile.data_type in (None, "text", "multimodal") or profile.query_type == "text"


def _implied(f: str, p: Profile) -> bool:
    """An essential the rest of the profile answers: documents whose languages are named are text (unless the user
    says images, audio or code), so the data type is assumed - and said - rather than asked."""
    return f == "data_type" and p.data_type is None and bool(p.languages)


def _relevant(f: str, p: Profile) -> bool:
    if _implied(f, p):
        return False
    if f == "languages":
        return needs_languages(p)
    if f == "domain":
        return p.data_type not in ("code", "audio")
    if f == "budget_usd_month":
        return p.privacy == "cloud_ok"
    if f == "memory_gb":   # unknown hardware: its question asks for memory too; a named card sold in one size has it
        return p.hardware is not None and not _device_memory_known(p)
    if f == "avg_doc_tokens":
        return p.data_type in (None, "text", "code", "multimodal") and p.documents is not None
    return True


def _device_memory_known(p: Profile) -> bool:
    """The named device has one memory size in the hardware table ("two RTX A6000s": 48 GB each)."""
    device = hardware_table().get(p.device) if p.device else None
    return device is not None and len(device.memory_gb) == 1


def missing_essentials(profile: Profile, asked: Collection[str] = ()) -> list[str]:
    """Essential fields still unknown that have not been asked yet (asked ones take their default)."""
    return [f for f in ESSENTIALS if getattr(profile, f) is None and _relevant(f, profile) and f not in asked]


def ready_to_recommend(profile: Profile, asked: Collection[str] = ()) -> bool:
    """True once every essential is known, or was asked and left unanswered (then a default applies)."""
    return not missing_essentials(profile, asked)


def can_preview(profile: Profile, written_in: str | None = None) -> bool:
    """Enough for a preliminary top 3: the data type, and the languages where they matter, are known (or assumed
    from the language the user writes in)."""
    typed = profile.data_type is not None or _implied("data_type", profile)
    return typed and (profile.languages is not None or bool(written_in) or not needs_languages(profile))


def assumptions(profile: Profile, asked: Collection[str] = (), written_in: str | None = None) -> dict[str, str]:
    """Defaults the recommendation will use for essentials the user did not answer: field -> sentence.

    ``written_in`` is the language the user writes in (when it is clear and not English): it stands in for the
    languages of the data, stated as an assumption the user can correct."""
    out = {}
    for f in ESSENTIALS:
        if _implied(f, profile):
            out[f] = ("I took your data to be text because you named the languages it is written in; tell me if it "
                      "is images, audio or source code.")
        elif getattr(profile, f) is None and _relevant(f, profile) and f in asked:
            if f == "languages" and written_in:
                out[f] = written_in_sentence(written_in)
            else:
                out[f] = f"I assumed {_DEFAULT_REASONS[f]} because this was not answered."
    return out


def written_in_sentence(code: str) -> str:
    """The assumption a writing-language hint makes, as the user reads it."""
    if code == UNIDENTIFIED:
        return ("You do not seem to write in English, but I could not tell which language you write in: I assume your "
                "documents are in it and keep to broadly multilingual models; tell me the language (e.g. \u201cthe "
                "documents are in Fijian\u201d, or \u201cthey are in English\u201d).")
    name = language_name(code)
    return (f"You wrote in {name}, so I assume your documents are in {name}; say if they are not "
            "(e.g. \u201cthe documents are in English\u201d).")


def with_defaults(profile: Profile, asked: Collection[str] = (), written_in: str | None = None) -> Profile:
    """The profile with the defaults of :func:`assumptions` filled in (for ranking)."""
    update = {f: [written_in] if f == "languages" and written_in else DEFAULTS[f]
              for f in assumptions(profile, asked, written_in)}
    return profile.merged(update) if update else profile


def wants_language_hint(profile: Profile) -> bool:
    """The data's languages are not known and matter for this data: the writing language may stand in for them."""
    return not profile.languages and needs_languages(profile)


def language_hint(profile: Profile, written_in: str | None) -> str | None:
    """The language the user writes in, when it should stand in for the data's languages (:func:`wants_language_hint`)
    and is not English (the default anyway)."""
    return written_in if written_in not in (None, "en") and wants_language_hint(profile) else None


def _order(p: Profile) -> tuple[str, ...]:
    if p.privacy == "cloud_ok":   # with APIs allowed, the budget matters more than local hardware
        rest = [f for f in ORDER if f not in ("budget_usd_month",)]
        i = rest.index("hardware")
        return (*rest[:i], "budget_usd_month", *rest[i:])
    return ORDER


def next_questions(profile: Profile, asked: Collection[str] = (), max_questions: int = 2) -> list[Question]:
    """Up to ``max_questions`` questions about missing fields that matter, most important first, never re-asking."""
    out: list[Question] = []
    for f in _order(profile):
        if len(out) >= max(0, max_questions):
            break
        if getattr(profile, f) is not None or f in asked or not _relevant(f, profile):
            continue
        out.append(question_for(f, profile))
    return out


def expected_fields(questions: list[Question]) -> list[str]:
    """What to pass as ``expecting`` to :func:`agents.understand.extract.extract` for the user's answer."""
    return [q.field for q in questions]


def question_for(f: str, p: Profile) -> Question:
    """The question about field ``f`` (its words are in the field registry), phrased for what is known already."""
    spec = BY_NAME.get(f)
    if spec is None or not spec.question:
        raise ValueError(f"no question for field {f!r}")
    text, answers = spec.variants.get(p.data_type or "", (spec.question, spec.answers))
    return Question(f, text.format(**_context(f, p)), list(answers), f in ESSENTIALS)


def _context(f: str, p: Profile) -> dict[str, str]:
    """What a question's ``{lead}``, ``{what}`` and ``{kind}`` stand for, given the profile."""
    noun = _DOMAIN_NOUN.get(p.domain or "", _NOUN.get(p.data_type or "text", "documents"))
    if f == "languages":
        return {"what": "texts and captions" if p.data_type == "multimodal" else noun}
    if f == "privacy":
        return {"lead": f"{_REGULATED[p.domain]} data is often regulated. " if p.domain in _REGULATED else ""}
    if f == "documents":
        return {"what": "documents (or chunks)" if noun == "documents" else noun}
    if f == "hardware":
        return {"lead": "If you run a model yourself: " if p.privacy == "cloud_ok" else ""}
    if f == "memory_gb":
        return {"kind": "GPU memory" if p.hardware == "gpu" else "RAM"}
    if f == "avg_doc_tokens":
        return {"what": "chunk" if noun == "documents" else noun.rstrip("s")}
    return {}
