"""Reasons, caveats and "why not" sentences, each built only from card facts, evidence and the profile."""

from __future__ import annotations

import re
from typing import Any

from agents.decide.constraints import violations
from agents.decide.evidence import DOMAIN_BENCHMARKS, Evidence, Metric, evidence_for
from agents.decide.finetune import advise
from agents.decide.footprint import Footprint, footprint
from agents.decide.maturity import maturity
from agents.decide.ranking import Candidate, Excluded, Ranking
from agents.decide.recommendation import Pick, Recommendation
from agents.decide.setup import Setup
from agents.decide.tradeoff import confidence, size_options, why_sentence
from agents.profile import Profile
from agents.units import human_duration
from knowledge.cards import Catalog
from knowledge.languages import language_name
from knowledge.schema import Card


def facts(card: Card) -> dict[str, Any]:
    """The card facts a reader needs next to a pick."""
    return {"provider": card.provider, "open_weights": card.open_weights, "license": card.license,
            "commercial_use": card.commercial_use, "n_parameters": card.n_parameters, "embed_dim": card.embed_dim,
            "matryoshka_dims": card.matryoshka_dims, "max_tokens": card.max_tokens,
            "languages": len(card.languages), "modalities": card.modalities, "domains": card.domains,
            "model_type": card.model_type, "release_date": card.release_date.isoformat() if card.release_date else None,
            "reference": card.reference}


def _size(card: Card) -> str | None:
    if not card.n_parameters:
        return None
    n = card.n_parameters
    count = f"{n / 1e9:.1f}B" if n >= 1e9 else f"{n / 1e6:.0f}M"
    return f"{count} parameters ({n * 4 / 1e9:.2f} GB at fp32)"


def _licence(card: Card) -> str:
    if not card.open_weights:
        return f"cloud API from {card.provider or card.id.split('/')[0]}"
    lic = card.license or "licence not stated"
    cu = {True: "commercial use allowed", False: "non-commercial only", None: "commercial terms not classified"}
    return f"open weights (runs on your machines), licence {lic} ({cu[card.commercial_use]})"


def reasons(c: Candidate, position: int | None, ranking: Ranking, profile: Profile,
            trial: dict[str, str] | None = None) -> list[str]:
    """Why this pick: its evidence with coverage, then facts that match the profile."""
    card, ev = c.card, c.evidence
    out: list[str] = []
    if ev.comparable:
        out.append(f"{ev.text()} — #{headline_rank(c, ranking)} of {ranking.comparable} feasible models with a comparable score")
    elif c.tier == 0:
        out.append(f"no comparable score on {ev.metric.label}; ranked on the other relevant benchmarks")
    elif c.tier == 1:
        out.append(f"no comparable score on {ev.metric.label}: {ev.text()}")
    else:
        out.append(f"no comparable benchmark score on {ev.metric.label}")
    domain = "code" if profile.data_type == "code" else profile.domain
    if domain and domain in card.domains and domain != "general":
        out.append(f"specialised for the {domain} domain" + ("" if c.tier == 0 else ": a domain specialist to try in the trial"))
    shown = c.secondary[:2] + [e for e in c.secondary[2:] if e.metric.benchmark == "LongEmbed"]
    for sec in shown:
        out.append(("also " if sec.comparable else "") + sec.text())
    if c.quality.comparable:
        q = c.quality
        out.append(f"combined evidence {q.score:+.2f} SD vs the median feasible model over {len(q.parts)} relevant "
                   f"aggregate(s) (weight {q.weight:.2f}; relevance x reliability, zero-shot discounted)")
    if c.maturity.level != "unknown" or c.maturity.reasons[:1] != ("no adoption evidence in the knowledge base",):
        out.append(f"{c.maturity.level}: " + "; ".join(c.maturity.reasons[:3]))
    out.append(_licence(card))
    shape = [s for s in (_size(card),
                         f"{card.embed_dim} dimensions" + (f" (Matryoshka: {', '.join(map(str, card.matryoshka_dims[1:]))})"
                                                            if len(card.matryoshka_dims) > 1 else "") if card.embed_dim else None,
                         f"{card.max_tokens:,}-token context" if card.max_tokens else None) if s]
    if shape:
        out.append(", ".join(shape))
    listed = [x for x in (profile.languages or []) if not card.languages or x in card.languages]
    if listed and card.languages:   # a language the card does not list (incomplete list) is a caveat, not a reason
        names = ", ".join(language_name(x) for x in listed)
        out.append(f"lists your language(s) {names}" + (f" among {len(card.languages)}" if len(card.languages) > 1 else ""))
    elif card.languages and not profile.languages:
        out.append(f"{len(card.languages)} language(s) declared")
    if trial and card.id in trial:
        out.append(trial[card.id])
    return out


def caveats(c: Candidate, profile: Profile, fp: Footprint) -> list[str]:
    """What to watch out for when adopting this pick."""
    card, ev = c.card, c.evidence
    out: list[str] = []
    ins = card.instructions
    if ins and (ins.required or ins.query_prefix or ins.document_prefix or ins.instruction_template):
        parts = [f"query prefix {ins.query_prefix!r}" if ins.query_prefix else "",
                 f"document prefix {ins.document_prefix!r}" if ins.document_prefix else "",
                 f"instruction template {ins.instruction_template!r}" if ins.instruction_template else ""]
        detail = "; ".join(p for p in parts if p) or "see the model card for the exact prompts"
        out.append(f"needs task instructions/prefixes: {detail}")
    if profile.avg_doc_tokens and card.max_tokens and profile.avg_doc_tokens > card.max_tokens:
        out.append(f"your documents (~{profile.avg_doc_tokens:,} tokens) exceed its {card.max_tokens:,}-token context: "
                   f"chunk them (~{fp.chunks_per_doc or 1} chunks per document; the footprint counts chunks)")
    if ev.zero_shot_pct is not None and ev.zero_shot_pct < 100 and ev.basis != "none":
        out.append(f"trained on some {ev.metric.benchmark} tasks (zero-shot {ev.zero_shot_pct}%): "
                   "its score there may be optimistic, so its lead was discounted to that share")
    elif c.tier == 0 and ev.zero_shot_pct is None:
        out.append("training data not declared: overlap with the benchmark tasks is unknown")
    for text in c.quality.discounted:
        if not text.startswith(ev.metric.benchmark):
            out.append(text)
    if c.tier == 1 and ev.covered == ev.total:
        out.append(f"too few feasible models have a comparable {ev.metric.label} score to rank on it: the score is shown, "
                   "the order comes from coverage and fit; try it on your data")
    elif c.tier == 1:
        out.append(f"incomplete evidence: {ev.covered}/{ev.total} tasks of {ev.metric.label}; ranked after models "
                   "with comparable scores")
    feas = c.feasibility
    if feas is not None:
        out += [f"{t}" for t in feas.tight] + list(feas.caveats) + [f"{u}" for u in feas.unknown]
    if profile.languages and not card.languages:
        names = ", ".join(language_name(x) for x in profile.languages)
        out.append(f"languages not published in the knowledge base: verify {names} before you commit")
    elif profile.languages and card.__dict__.get("languages_exhaustive") is False:
        missing = [x for x in profile.languages if x not in card.languages]
        if missing:
            out.append(f"its language list is incomplete: verify {', '.join(language_name(x) for x in missing)}")
    if c.maturity.lifecycle == "deprecated":
        out.append(c.maturity.lifecycle_note + ": plan a migration")
    if not card.open_weights:
        out.append(f"cloud API: your documents and queries are sent to {card.provider or 'the provider'}")
        if profile.commercial_use and card.commercial_use is None:
            out.append("commercial use is governed by the provider's terms of service (not in the knowledge base): check them")
    elif card.commercial_use is False:
        out.append(f"licence {card.license} forbids commercial use: research or non-commercial use only")
    elif card.commercial_use is None:
        out.append(f"licence {card.license or 'not stated'}: commercial terms not classified, read them before use")
    if card.sentence_transformers is False and card.open_weights:
        out.append("not a sentence-transformers checkpoint: load it with the code on its model card")
    if card.model_type == "late-interaction":
        out.append("late-interaction (multi-vector) model: needs a vector store that supports MaxSim, and a much larger index")
    elif card.model_type == "sparse":
        out.append("sparse model: needs a sparse/inverted index rather than a dense vector store")
    hours = feas.run.encode_hours if feas is not None and card.open_weights else None
    if profile.documents:
        cost = f" (~{human_duration(hours)} of encoding on {feas.runs_on})" if hours else ""
        out.append(f"switching models later means re-embedding all {profile.documents:,} documents{cost}")
    return list(dict.fromkeys(out))


def headline_rank(c: Candidate, ranking: Ranking) -> int:
    """1-based rank of ``c`` on the headline metric among the feasible families with a comparable score."""
    better = {x.family for x in ranking.pool if x.evidence.comparable and x.evidence.value > c.evidence.value}
    return len(better - {c.family}) + 1


def domain_evidence(c: Candidate, profile: Profile) -> list[Evidence]:
    domain = "code" if profile.data_type == "code" else profile.domain
    benches = DOMAIN_BENCHMARKS.get(domain or "", ())
    return [e for e in [c.evidence, *c.secondary] if e.metric.benchmark in benches]


def pick(c: Candidate, rank: int | None, position: int | None, ranking: Ranking, profile: Profile,
         trial: dict[str, str] | None = None, roles: list[str] | None = None) -> Pick:
    """A fully explained pick (why, reasons, caveats, feasibility, footprint, size options, fine-tuning)."""
    fp = footprint(c.card, profile)
    labels = [t.kind for t in ranking.tradeoffs if t.candidate.card.id == c.card.id]
    roles = list(roles or [])
    level, lowered = confidence(c, profile)
    return Pick(c.card.id, rank, c.evidence.value, reasons(c, position, ranking, profile, trial),
                caveats(c, profile, fp), fp.to_dict(), c.evidence.to_dict(), facts(c.card),
                advise(c.card, profile, domain_evidence(c, profile)).to_dict(), labels,
                family=c.family, kind=c.kind, why=why_sentence(c, roles, ranking, profile), confidence=level,
                confidence_reasons=lowered, feasibility=c.feasibility.to_dict(profile) if c.feasibility else {},
                size_options=size_options(c, ranking), roles=roles,
                quality={**c.quality.to_dict(), "utility": None if c.utility is None else round(c.utility, 3),
                         "adjustments": [{"why": w, "amount": round(a, 3)} for w, a in c.adjustments]},
                maturity=c.maturity.to_dict())


def why_not(x: Excluded) -> dict[str, Any]:
    """An excluded model with every hard constraint it breaks (``assumed``: it rests on a stated assumption)."""
    out: dict[str, Any] = {"model": x.card.id,
                           "reasons": [v.message + (" (on an assumption: tell me yours)" if v.assumed else "")
                                       for v in x.violations],
                           "codes": [v.code for v in x.violations],
                           "assumed": all(v.assumed for v in x.violations)}
    if x.evidence.comparable:
        out["score"] = x.evidence.value
        out["evidence"] = x.evidence.text()
    return out


def trial_sentences(trial: dict[str, Any] | None) -> dict[str, str]:
    """Model id -> one sentence about its trial result (from ``TrialResult.to_dict()``)."""
    if not trial:
        return {}
    sample = trial.get("sample") or {}
    kind = "pseudo-queries" if trial.get("label_free") else "labelled queries"
    where = f"trial on your sample ({sample.get('documents', '?')} documents, {sample.get('queries', '?')} {kind})"
    best = trial.get("best")
    out: dict[str, str] = {}
    for cand in trial.get("candidates") or []:
        model = cand.get("model")
        value = (cand.get("metrics") or {}).get("ndcg@10")
        if not model or value is None:
            continue
        lo, hi = ((cand.get("ci95") or {}).get("ndcg@10") or (None, None))[:2]
        ci = f" [95% CI {lo:.3f}–{hi:.3f}]" if lo is not None and hi is not None else ""
        verdict = "best of the models tried" if model == best else (
            f"{(cand.get('paired_test') or {}).get('verdict', 'compared')} vs {best}" if best else "")
        out[model] = f"{where}: nDCG@10 {value:.3f}{ci}" + (f" — {verdict}" if verdict else "")
    return out


_NAMES: dict[str, dict[str, str]] = {}
# A model name ends where Japanese, Chinese or Korean letters are glued to it ("LaBSEは", "text-embedding-3-small로").
_TOKEN = re.compile(r"(?:[^\W\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]|[./()=,-])+")


# A family name written in mixed case ("LaBSE", "MedCPT", "BioLORD", "GritLM"): no word of any language, so it names
# the family's models on its own ("MedCPT or BioLORD?", "is LaBSE good for Persian?").
_MIXED_CASE = re.compile(r"[A-Za-z][a-z]*[A-Z][A-Za-z0-9]*|[A-Z]+[a-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*")
_HEAD = re.compile(r"[-_.]")
_KINDS = frozenset({"colbert"})   # names a kind of model (late interaction) more than one family


def _family(short: str) -> str | None:
    """The mixed-case name a card's short name is or starts with ("MedCPT-Query-Encoder" -> "medcpt"), if any."""
    head = _HEAD.split(short)[0]
    name = head.lower()
    return name if len(head) >= 5 and _MIXED_CASE.fullmatch(head) and name not in _KINDS else None


def _name_index(catalog: Catalog) -> dict[str, str]:
    """Lower-cased full ids, distinctive short names (after the slash) and mixed-case family names -> card id,
    built once per catalog (a full or short name wins over a family name)."""
    if catalog.fingerprint not in _NAMES:
        index: dict[str, str] = {}
        families: dict[str, str] = {}
        for card_id in sorted(catalog.cards, key=lambda i: (catalog.cards[i].variant_of is not None, i)):
            index.setdefault(card_id.lower(), card_id)
            short = card_id.split("/")[-1]
            if (len(short) >= 6 or _family(short) == short.lower()) and " " not in short:
                index.setdefault(short.lower(), card_id)
            rest = short.lower().removeprefix("text-embedding-")   # "ada-002" is how people say text-embedding-ada-002
            if rest != short.lower() and rest[:1].isalpha() and len(rest) >= 6:
                index.setdefault(rest, card_id)
            family = _family(short)
            if family:
                families.setdefault(family, card_id)
        for family, card_id in families.items():
            index.setdefault(family, card_id)
        _NAMES.clear()
        _NAMES[catalog.fingerprint] = index
    return _NAMES[catalog.fingerprint]


def mentioned_models(text: str, catalog: Catalog, limit: int = 3) -> list[str]:
    """Card ids the user names in ``text`` (full id or distinctive model name), in order of mention."""
    index = _name_index(catalog)
    out: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        hit = index.get(token.rstrip(".,)")) or index.get(token.strip(".,()"))
        if hit and hit not in out:
            out.append(hit)
            if len(out) == limit:
                break
    return out


def model_status(model_id: str, profile: Profile, rec: Recommendation | None, catalog: Catalog) -> str:
    """Where a model the user asked about stands: picked, excluded (why), or feasible but lower."""
    if rec:
        for p in rec.recommendations:
            if p.model == model_id:
                return f"{model_id} is my #{p.rank} pick."
    card = catalog.get(model_id)
    broken = violations(card, profile)
    if broken:
        return f"{model_id} is excluded: " + "; ".join(v.message for v in broken) + "."
    if rec and rec.evidence.get("metric"):
        m = rec.evidence["metric"]
        ev = evidence_for(card, Metric(m["benchmark"], m["aggregate"]))
        return f"{model_id} meets your hard constraints but ranks lower: {ev.text()}."
    return f"{model_id} meets your hard constraints so far."


_CODE_WORDS = {"privacy": "local_only (cloud APIs)", "commercial_use": "commercial use (non-commercial licences)",
               "modality": "data type", "memory": "memory limit", "encode_window": "indexing window",
               "cpu_latency": "CPU latency", "cpu_throughput": "CPU throughput", "gpu_latency": "GPU latency",
               "gpu_throughput": "GPU throughput", "api_latency": "hosted API latency", "budget": "budget",
               "retired": "retired models"}


def no_fit_note(ranking: Ranking, profile: Profile) -> str:
    """Why nothing fits, naming the constraints that rule out the most models on their own."""
    parts = []
    for code, n in list(ranking.blocking.items())[:3]:
        label = ("language(s) " + ", ".join(language_name(c) for c in code.split(":", 1)[1].split(","))
                 if code.startswith("language:") else _CODE_WORDS.get(code, code))
        parts.append(f"{label} alone rules out {n}")
    detail = ("; ".join(parts) + ". ") if parts else ""
    return (f"No model in the knowledge base meets all your hard constraints ({ranking.considered} cards checked). "
            f"{detail}I will not drop a hard constraint on my own: change one if you can, and I will re-rank.")


# Limits the user may be able to relax (a bigger machine, a longer window, more budget); not facts about the model.
RESOURCE_CODES = frozenset({"memory", "encode_window", "stream", "cpu_latency", "gpu_latency", "cpu_throughput",
                            "gpu_throughput", "budget", "api_latency"})


def established_note(cards: list[Card], ranking: Ranking, profile: Profile, setup: Setup | None,
                     picked: list[Candidate]) -> str | None:
    """When no pick is an established model: the smallest established model with evidence for this use case and the
    limit that rules it out (the closest to fitting), so the user can weigh relaxing that limit against a newer model.
    None when a pick is established or no established model fails on limits alone."""
    if not picked or any(c.maturity.level == "established" for c in picked):
        return None
    best: tuple[float, float, Card, str] | None = None
    for card in cards:
        if not card.open_weights or (best is not None and (card.n_parameters or float("inf")) > best[0]):
            continue
        value = evidence_for(card, ranking.metric).value
        if value is None or maturity(card).level != "established":
            continue
        broken = violations(card, profile, setup)
        if not broken or not {v.code for v in broken} <= RESOURCE_CODES:
            continue
        key = (float(card.n_parameters or float("inf")), -value)
        if best is None or key < best[:2]:
            best = (*key, card, "; ".join(v.message for v in broken))
    if best is None:
        return None
    return (f"None of the picks is from an established model family. The smallest established model with evidence "
            f"for your needs, {best[2].id} ({-best[1]:.2f} on {ranking.metric.label}), is ruled out only by: {best[3]}. "
            f"If you can relax that limit, it is the safer choice; otherwise measure the picks on your data (the trial).")


def deferred_note(model: str, failed: str | None, setup: Setup | None) -> str:
    """Why a better-ranked model that fits only at the stated or assumed length was moved down."""
    why = setup.cautious_why if setup is not None else ""
    if why:
        return (f"{model} would rank higher, but it fits your budget only at the English rate of tokens per word "
                f"({why}; {failed}): count a sample with its tokenizer and it may come back")
    return (f"{model} would rank higher, but it fits only if your documents are about as short as assumed "
            f"({failed}): tell me their average length and it may come back")
