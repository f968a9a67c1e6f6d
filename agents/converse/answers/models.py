"""Model questions ("is bge-m3 good for Italian?", "why not X?") and comparisons ("X vs Y for us"), answered
from the cards and from the evidence that fits this user's needs, next to the current pick."""

from __future__ import annotations

import difflib
import re

from agents.converse.answers.base import Answer, AnswerContext, card_source
from agents.converse.answers.costs import on_their_setup
from agents.decide.constraints import violations
from agents.decide.evidence import Metric, evidence_for
from agents.decide.footprint import footprint
from agents.profile import Profile
from agents.understand.languages.names import find_languages
from agents.understand.prep import prepare
from knowledge.languages import language_name
from knowledge.schema import Card

# What a question about one model is about, in the words users use.
ASPECTS: dict[str, re.Pattern[str]] = {
    "languages": re.compile(r"\blanguages?\b|\bmultilingual\b|\bsprach|\blangue|\bidioma|\blingu"),
    "matryoshka": re.compile(r"matryoshka|\bmrl\b|truncat|\bdimension|\bdims?\b|smaller vectors"),
    "context": re.compile(r"context|max(?:imum)? tokens|token limit|sequence length|how long (?:can|may)|long documents"),
    "licence": re.compile(r"licen[cs]|commercial|open[- ]source|open weights|allowed|permitted|legal to use"),
    "size": re.compile(r"\bsize\b|parameters|params|how big is (?:the |it|this)|memory|\bram\b|vram|weights"),
    "lifecycle": re.compile(r"maintained|deprecat|retired|\bstill\b|end of life|\beol\b|successor|newer|outdated|"
                            r"sunset|discontinued|release"),
    "hardware": re.compile(r"\bgpu|\bcpu|run on|runs on|fit(?:s)? (?:on|in)|laptop|raspberry|jetson|\bt4\b|\ba100|"
                           r"\bh100|\bl4\b|\brtx|apple m\d|macbook"),
    "speed": re.compile(r"\bfast|\bslow|latency|speed|throughput|\bqps\b"),
    "instructions": re.compile(r"prefix|instruction|prompt"),
    "cost": re.compile(r"\bcost|\bprice|pricing|per month|expensive|cheap"),
}


def aspects(text: str) -> list[str]:
    low = text.lower()
    return [name for name, rx in ASPECTS.items() if rx.search(low)]


def _languages_named(text: str) -> list[str]:
    return find_languages(prepare(text), expecting=False).codes


def _licence(card: Card) -> str:
    if not card.open_weights:
        return f"cloud API from {card.provider or card.id.split('/')[0]} (your texts are sent to it); " + (
            "commercial use is governed by the provider's terms" if card.commercial_use is None else
            "commercial use allowed" if card.commercial_use else "non-commercial terms")
    terms = {True: "commercial use allowed", False: "non-commercial only",
             None: "commercial terms not classified in the knowledge base"}[card.commercial_use]
    return f"open weights, licence {card.license or 'not stated'} ({terms})"


def _shape(card: Card) -> str:
    parts = []
    if card.n_parameters:
        n = card.n_parameters
        parts.append(f"{n / 1e9:.1f}B parameters" if n >= 1e9 else f"{n / 1e6:.0f}M parameters")
    if card.embed_dim:
        parts.append(f"{card.embed_dim} dimensions")
    if card.max_tokens:
        parts.append(f"{card.max_tokens:,}-token context")
    return ", ".join(parts) or "size, dimensions and context not published"


def _language_line(card: Card, codes: list[str]) -> str:
    have = [c for c in codes if c in card.languages]
    miss = [c for c in codes if c not in card.languages]
    if not card.languages:
        return "its card declares no languages, so I cannot confirm " + ", ".join(language_name(c) for c in codes)
    out = []
    if have:
        out.append("lists " + ", ".join(language_name(c) for c in have))
    if miss:
        out.append("does not list " + ", ".join(language_name(c) for c in miss))
    total = f" (of {len(card.languages)} languages on its card)"
    return " and ".join(out) + total


def _aspect_lines(card: Card, wanted: list[str], codes: list[str]) -> list[str]:
    out = []
    for a in wanted:
        if a == "languages":
            out.append(_language_line(card, codes) if codes else
                       f"{len(card.languages)} languages on its card" if card.languages else "its card declares no languages")
        elif a == "matryoshka":
            dims = [d for d in card.matryoshka_dims if d != card.embed_dim]
            out.append(f"Matryoshka: yes — its vectors can be cut to {', '.join(map(str, sorted(dims)))} dimensions"
                       f" (full size {card.embed_dim})" if dims else
                       f"Matryoshka: not listed on its card (output {card.embed_dim or 'size unknown'} dimensions)")
        elif a == "context":
            out.append(f"context: {card.max_tokens:,} tokens" if card.max_tokens else "context length not published")
        elif a == "licence":
            out.append(_licence(card))
        elif a == "size":
            out.append(_shape(card))
        elif a == "lifecycle":
            out.append(_lifecycle(card))
        elif a == "instructions":
            ins = card.instructions
            if ins and (ins.query_prefix or ins.document_prefix or ins.instruction_template):
                bits = [f"query prefix {ins.query_prefix!r}" if ins.query_prefix else "",
                        f"document prefix {ins.document_prefix!r}" if ins.document_prefix else "",
                        f"instruction template {ins.instruction_template!r}" if ins.instruction_template else ""]
                out.append("needs " + "; ".join(b for b in bits if b))
            else:
                out.append("no query/document prefix listed on its card")
    return out


def _lifecycle(card: Card) -> str:
    released = f"released {card.release_date.isoformat()}" if card.release_date else "release date not published"
    lc = card.lifecycle
    if lc is None:
        return f"{released}; no deprecation or retirement notice in the knowledge base"
    bits = [f"status {lc.status}" + (f" since {lc.date.isoformat()}" if lc.date else "")]
    if lc.shutdown_date:
        bits.append(f"shutdown {lc.shutdown_date.isoformat()}")
    if lc.successor:
        bits.append(f"successor {lc.successor}")
    if lc.scope:
        bits.append(f"({lc.scope})")
    return f"{released}; " + ", ".join(bits)


def _standing(ctx: AnswerContext, card: Card, metric: Metric, profile: Profile) -> str:
    """The card's score on the metric that fits the needs, with coverage and its place among feasible models."""
    ev = evidence_for(card, metric)
    if not ev.comparable:
        return ev.text()
    higher = 0
    comparable = 0
    for other in ctx.kb.catalog:
        if other.variant_of is not None:
            continue
        oe = evidence_for(other, metric)
        if oe.comparable and not violations(other, profile):
            comparable += 1
            higher += oe.value > ev.value
    if not comparable:
        return ev.text()
    place = "the best" if higher == 0 else f"#{higher + 1}"
    if violations(card, profile):   # not among them itself: where it would stand
        n = f"{comparable} feasible model{'s' if comparable != 1 else ''}"
        return f"{ev.text()} — would rank {place} if it fitted your needs ({n} with a comparable score)"
    return f"{ev.text()} — {place} of {comparable} feasible models with a comparable score"


def _cost_lines(card: Card, profile: Profile) -> list[str]:
    fp = footprint(card, profile)
    lines = [x for x in fp.summary() if not x.startswith(("corpus size unknown", "encode time needs"))]
    mine = on_their_setup(card, profile)
    if mine:   # the user's own machine replaces the reference CPU/GPU figures
        return [x for x in lines if "per query on CPU" not in x and not x.startswith("encoding the corpus")][:2] + [mine]
    return lines[:3]


def unknown_model(ctx: AnswerContext, name: str) -> Answer:
    """A model the knowledge base has no card for: say so, suggest close names, never guess."""
    shorts = {c.id.split("/")[-1].lower(): c.id for c in ctx.kb.catalog}
    close = [shorts[s] for s in difflib.get_close_matches(name.lower(), list(shorts), n=3, cutoff=0.6)]
    text = (f"I have no card for **{name}** in the knowledge base ({len(ctx.kb.catalog)} sourced model cards), so I "
            "can't tell you anything reliable about it.")
    if close:
        text += " Did you mean " + ", ".join(close) + "?"
    return Answer("model_question", text, [text], [], [], found=False)


def model_answer(ctx: AnswerContext) -> Answer:
    """About one model: the asked aspect first, then fit, evidence for these needs, cost at this scale, licence,
    lifecycle, and how it compares with the current top pick."""
    targets = ctx.targets()
    if not targets:
        if ctx.reading.unknown_models:
            return unknown_model(ctx, ctx.reading.unknown_models[0])
        if ctx.reading.pick:
            return Answer("model_question", "I have not recommended a model yet: tell me about your data and languages "
                                            "first, and I will rank the models and explain the pick.", found=False)
        return Answer("model_question", "Which model do you mean? Name it (e.g. bge-m3 or text-embedding-3-small).",
                      found=False)
    card = ctx.card(targets[0])
    if card is None:
        return unknown_model(ctx, targets[0])
    profile = ctx.needs
    codes = list(dict.fromkeys([*_languages_named(ctx.question), *(profile.languages or [])]))
    wanted = aspects(ctx.question)
    picks = ctx.picks()
    head = f"**{card.id}**" + (f" — my #{picks.index(card.id) + 1} pick for your needs." if card.id in picks else "")
    facts = _aspect_lines(card, wanted, codes)
    broken = violations(card, profile)
    if broken:
        facts.append("excluded for your needs: " + "; ".join(v.message for v in broken))
    elif profile.known():
        facts.append("meets every hard constraint you have given")
    metric = ctx.metric()
    if metric:
        facts.append("evidence for your needs: " + _standing(ctx, card, metric, profile))
    if "licence" not in wanted:
        facts.append(_licence(card))
    if "size" not in wanted:
        facts.append(_shape(card))
    facts += [f"at your scale: {x}" for x in _cost_lines(card, profile)]
    if "lifecycle" not in wanted and card.lifecycle is not None:
        facts.append(_lifecycle(card))
    top = picks[0] if picks else None
    if top and top != card.id and metric:
        tcard = ctx.card(top)
        if tcard is not None:
            facts.append(f"my current top pick, {top}: {evidence_for(tcard, metric).text()}; {_licence(tcard)}")
    lines = [head, *[f"- {f}" for f in facts]]
    if ctx.what_if_note():
        lines.append(ctx.what_if_note())
    return Answer("model_question", "\n".join(lines), facts, [card_source(card)], [card.id])


_FIELDS = ("licence", "size", "context", "matryoshka", "languages", "lifecycle")


def comparison_answer(ctx: AnswerContext) -> Answer:
    """Two or more models side by side on the facts that matter for these needs."""
    targets = ctx.targets()
    unknown = list(ctx.reading.unknown_models)
    if ctx.reading.pick and len(targets) == 1 and not ctx.picks():
        return Answer("comparison", "I have not recommended a model yet, so there is nothing to compare it with: tell "
                                    "me about your data and languages first.", found=False)
    cards = [c for c in (ctx.card(t) for t in targets) if c is not None][:4]
    if len(cards) < 2 and not unknown:   # "what's the difference between those two?": the models asked about before
        named = {c.id for c in cards}
        cards += [c for c in (ctx.card(m) for m in ctx.earlier_models() if m not in named) if c is not None][:2 - len(cards)]
    if len(cards) < 2:
        if unknown:
            return unknown_model(ctx, unknown[0])
        return model_answer(ctx) if cards else Answer("comparison", "Which models should I compare? Name two.", found=False)
    profile = ctx.needs
    metric = ctx.metric()
    codes = list(dict.fromkeys([*_languages_named(ctx.question), *(profile.languages or [])]))
    picks = ctx.picks()
    rows: list[tuple[str, list[str]]] = []
    if metric:
        rows.append((f"score on {metric.label}", [evidence_for(c, metric).text().split(" on ")[0] + _coverage(c, metric)
                                                  for c in cards]))
    rows.append(("fits your needs", ["yes" if not violations(c, profile) else
                                     "no: " + "; ".join(v.message for v in violations(c, profile)) for c in cards]))
    if picks:
        rows.append(("in my top 3", [f"#{picks.index(c.id) + 1}" if c.id in picks else "no" for c in cards]))
    rows.append(("licence / hosting", [_licence(c) for c in cards]))
    rows.append(("size", [_shape(c) for c in cards]))
    rows.append(("Matryoshka", [", ".join(map(str, c.matryoshka_dims)) or "no" for c in cards]))
    if codes:
        rows.append(("your languages", [_language_line(c, codes) for c in cards]))
    rows.append(("at your scale", ["; ".join(_cost_lines(c, profile)[:2]) or "—" for c in cards]))
    rows.append(("lifecycle", [_lifecycle(c) for c in cards]))
    header = "| | " + " | ".join(c.id for c in cards) + " |"
    table = [header, "|---|" + "---|" * len(cards)]
    table += [f"| {name} | " + " | ".join(v.replace("|", "/") for v in values) + " |" for name, values in rows]
    facts = [f"{c.id} — {name}: {values[i]}" for name, values in rows for i, c in enumerate(cards)]
    lines = ["**Side by side for your needs**", "", *table]
    verdict = _verdict(cards, metric, profile)
    if verdict:
        lines += ["", verdict]
        facts.append(verdict)
    if unknown:
        lines.append(f"I have no card for {', '.join(unknown)}, so it is left out.")
    if ctx.what_if_note():
        lines.append(ctx.what_if_note())
    return Answer("comparison", "\n".join(lines), facts, [card_source(c) for c in cards], [c.id for c in cards])


def _coverage(card: Card, metric: Metric) -> str:
    ev = evidence_for(card, metric)
    return f" ({ev.covered}/{ev.total} tasks)" if ev.comparable else ""


def _verdict(cards: list[Card], metric: Metric | None, profile: Profile) -> str:
    """A sentence that only restates the table: which feasible model has the higher comparable score."""
    if metric is None:
        return ""
    scored = [(evidence_for(c, metric).value, c.id) for c in cards if not violations(c, profile)]
    scored = [s for s in scored if s[0] is not None]
    if len(scored) < 2:
        return ""
    scored.sort(reverse=True)
    (best, best_id), (second, second_id) = scored[0], scored[1]
    return (f"On {metric.label}, the benchmark that fits your needs, {best_id} scores {best:.2f} and {second_id} "
            f"{second:.2f} ({best - second:+.2f} points).")
