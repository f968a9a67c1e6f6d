"""The chat reply of one turn: what was understood, notes, the recommendation in short, the next questions."""

from __future__ import annotations

from typing import Any

from agents.decide.recommendation import Recommendation
from agents.fields import BY_NAME, value_label
from knowledge.languages import language_name


def _value(field_name: str, value: Any) -> str:
    if field_name == "languages" and isinstance(value, list):
        return ", ".join(language_name(c) for c in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else value_label(field_name, value)


def describe(field_name: str, value: Any) -> str:
    """"documents: 2,000,000", "languages: English, Polish"."""
    label = BY_NAME[field_name].key if field_name in BY_NAME else field_name
    return f"{label}: {_value(field_name, value)}"


def _language_change(old: list[str], new: list[str]) -> str:
    """"Added Spanish." / "Removed Italian." / "Added Spanish and removed Italian."."""
    added = [language_name(c) for c in new if c not in old]
    removed = [language_name(c) for c in old if c not in new]
    parts = []
    if added:
        parts.append("added " + " and ".join([", ".join(added[:-1]), added[-1]] if len(added) > 1 else added))
    if removed:
        parts.append("removed " + " and ".join([", ".join(removed[:-1]), removed[-1]] if len(removed) > 1 else removed))
    said = " and ".join(parts)
    return (said[0].upper() + said[1:] + f" (languages now: {_value('languages', new)}).") if said else ""


def acknowledge(changes: dict[str, tuple[Any, Any]]) -> str:
    """What this message changed in the profile, in words ("" when nothing changed)."""
    noted, updated, cleared, languages = [], [], [], ""
    for name, (old, new) in changes.items():
        label = BY_NAME[name].key if name in BY_NAME else name
        if name == "languages" and old and new:
            languages = _language_change(list(old), list(new))
        elif new is None:
            cleared.append(label)
        elif old is None:
            noted.append(f"{label}: {_value(name, new)}")
        else:
            updated.append(f"{label} {_value(name, old)} → {_value(name, new)}")
    parts = []
    if noted:
        parts.append("Noted — " + "; ".join(noted) + ".")
    if updated:
        parts.append("Updated " + "; ".join(updated) + ".")
    if cleared:
        parts.append("Cleared " + ", ".join(cleared) + ".")
    if languages:
        parts.append(languages)
    return " ".join(parts)


def other_reply(asked: bool) -> str:
    """The first line for a message that neither states needs nor asks about embeddings."""
    if asked:
        return ("That is outside what I can help with: I recommend embedding models for your data, languages, privacy, "
                "hardware and scale, and answer questions about models, costs and the concepts behind them.")
    return "Noted. Tell me more about your data, or ask me about a model, a cost or a concept."


def empty_reply(questions: list[dict[str, Any]]) -> str:
    ask = "\n".join(f"- {q['text']}" for q in questions)
    return "I did not get a message. Tell me about your data and what you want to do with it." + (f"\n\n{ask}" if ask else "")


def turn_reply(ack: str, notes: list[str], rec: Recommendation | None, questions: list[dict[str, Any]],
               preliminary: bool = False) -> str:
    """The chat reply: what was understood, notes, the recommendation in short, then the next questions."""
    lines = [ack or "I did not find anything new about your needs in that message."]
    lines += [f"> {n}" for n in notes]
    lines += _recommendation_lines(rec, preliminary, questions)
    if questions:
        lines += [""] + [f"**{q['text']}**" + (f" ({' / '.join(q['choices'])})" if q.get("choices") else "")
                         for q in questions]
    return "\n".join(lines).strip()


def question_reply(ack: str, answer: str, notes: list[str], rec: Recommendation | None,
                   questions: list[dict[str, Any]], preliminary: bool = False) -> str:
    """The reply to a question: what changed (a mixed message), the answer, then the questions still open."""
    lines = [ack] if ack else []
    lines += [f"> {n}" for n in notes]
    lines += ["", answer] if lines else [answer]
    lines += _recommendation_lines(rec, preliminary, questions)
    if questions:
        lines += ["", "Still open: " + " ".join(f"**{q['text']}**" for q in questions)]
    return "\n".join(lines).strip()


def _recommendation_lines(rec: Recommendation | None, preliminary: bool, questions: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    if rec is not None:
        lines.append("")
        if rec.recommendations and preliminary:
            lines.append("**Preliminary top 3** (until the questions below are answered, I assume the strictest "
                         "choices; an answer may change this):")
            for p in rec.recommendations:
                lines.append(f"{p.rank}. **{p.model}**" + (f" — {p.reasons[0]}" if p.reasons else ""))
        elif rec.recommendations:
            lines.append(f"My top pick: {rec.headline()}")
            # the other picks with their own one-sentence why (role, evidence, how it runs or what it costs), then
            # the trade-off against the top pick and the small model to start with; a blank line after the list:
            # the next paragraph must not run into its last bullet
            others = [f"- **{p.model}** — {p.why or (p.reasons[0] if p.reasons else '')}".rstrip(" —")
                      for p in rec.recommendations[1:]]
            if others:
                lines += ["Also consider:", *others, ""]
            choice = [str(rec.comparison[k]) for k in ("give_up", "start_small") if rec.comparison.get(k)]
            if choice:
                lines += [" ".join(choice), ""]
            if rec.specialists:
                lines.append("Domain specialist(s) to try in the trial (no comparable benchmark score): "
                             + ", ".join(p.model for p in rec.specialists) + ".")
            if rec.excluded:
                lines.append("Not recommended: " + "; ".join(
                    f"{x['model']} ({x['reasons'][0]})" for x in rec.excluded[:2]) + ".")
        lines += [f"> {n}" for n in rec.notes]
    return lines
