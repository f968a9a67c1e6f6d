"""Deterministic ranking of the feasible cards: combined quality, adjusted for maturity, risk and priority.

Every card is checked against the hard constraints and its feasibility on the user's setup; the feasible
ones are scored by :mod:`agents.decide.quality` (all relevant benchmarks, normalised, zero-shot
discounted, weighted by relevance and reliability). Their *utility* is that quality plus:

- the maturity bonus (:data:`~agents.decide.maturity.ADOPTION_BONUS`: established +0.15, emerging +0.05;
  a deprecated model -0.2) — an unknown model must beat an established one by more than that margin;
- :data:`NEEDS_GPU_PENALTY` (:data:`NEEDS_LARGE_GPU_PENALTY` beyond 24 GB) for a model that needs a GPU when
  the user named no hardware;
- for interactive tasks without a latency target, :data:`SLOW_QUERY_PENALTY` per doubling of the estimated
  query latency above :data:`~agents.decide.estimates.INTERACTIVE_MS` (at most :data:`MAX_SLOW_QUERY_PENALTY`);
- penalties for what could not be verified: an estimate that is tight (within the x2 tolerance but over
  the target) :data:`TIGHT_PENALTY`, each unknown fact that matters (size under a memory limit, price
  under a budget, an unpublished language list, an unclassified licence for commercial use)
  :data:`UNKNOWN_PENALTY` (at most :data:`MAX_UNKNOWN_PENALTY`);
- with ``priority: balanced`` (the default), :data:`SIZE_PENALTY` per doubling of parameters above 1B, and
  up to :data:`HEADROOM_PENALTY` for a model that uses more than half of the memory or of the indexing
  window (a seasoned engineer keeps headroom).

Order: models with a combined quality first (best utility first), then models with only partial
results on the plan's first usable metric (by coverage, then semantic similarity), then the rest;
ties by card id. Sizes of one family (``agents.decide.families``) fold into one entry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from agents.decide.constraints import Constraints, Violation, is_embedding_model, lifecycle_status
from agents.decide.estimates import slow_for_interactive
from agents.decide.evidence import Evidence, Metric, evidence_for
from agents.decide.families import family
from agents.decide.feasibility import Feasibility
from agents.decide.footprint import weights_gb
from agents.decide.maturity import Maturity, maturity
from agents.decide.quality import MetricStats, Quality, population_stats, quality
from agents.profile import Profile
from knowledge.filters import languages_open
from knowledge.languages import language_name
from knowledge.schema import Card

MIN_COMPARABLE = 10             # the headline metric: the first of the plan with this many comparable feasible families
GOOD_ENOUGH_POINTS = 2.0        # "smallest good enough": within 2 points of the best (MTEB-level noise)
VALUE_WINDOW_POINTS = 5.0       # "best value": most points per GB (or cheapest API) within 5 points of the best
EXCLUDED_SHOWN = 6             # strongest excluded models explained, at most EXCLUDED_PER_REASON per reason
EXCLUDED_PER_REASON = 2
SPECIALISTS_SHOWN = 6
_MIN_FAMILIES = 3               # a top 3 comes from three families when that many are feasible
TIGHT_PENALTY = 0.2
UNKNOWN_PENALTY = 0.05
MAX_UNKNOWN_PENALTY = 0.15
SIZE_PENALTY = 0.05             # balanced priority: per doubling of parameters above 1B
HEADROOM_FREE = 0.5             # balanced priority: using up to half the memory or the indexing window is free,
HEADROOM_PENALTY = 0.2          # ... using all of it costs this much (linear in between): keep headroom
UNCLASSIFIED_LICENCE_PENALTY = 0.1
UNKNOWN_COST_PENALTY = 0.2      # priority cost: a model whose cost cannot be computed (API without a price)
NEEDS_GPU_PENALTY = 0.3         # no hardware given and it needs a GPU: prefer what surely runs unless clearly better
NEEDS_LARGE_GPU_PENALTY = 0.5   # ... a GPU larger than 24 GB, or several
SLOW_QUERY_PENALTY = 0.15       # per doubling of query latency above INTERACTIVE_MS (no target given, interactive task)
MAX_SLOW_QUERY_PENALTY = 0.6


@dataclass(eq=False)   # identity: two candidates are the same only if they are the same object
class Candidate:
    """A feasible card with its evidence, feasibility, maturity and utility."""

    card: Card
    evidence: Evidence                          # on the headline metric (the pick's ``score``)
    secondary: list[Evidence]
    similarity: float | None = None
    found_by: list[str] = field(default_factory=list)   # semantic | benchmark | specialist
    quality: Quality = field(default_factory=lambda: Quality(None, 0.0))
    feasibility: Feasibility | None = None
    maturity: Maturity = field(default_factory=lambda: Maturity("unknown"))
    adjustments: list[tuple[str, float]] = field(default_factory=list)  # (why, amount) applied to quality
    family: str = ""

    @property
    def tier(self) -> int:
        if self.quality.comparable:
            return 0
        return 1 if self.evidence.covered else 2

    @property
    def utility(self) -> float | None:
        if self.quality.score is None:
            return None
        return self.quality.score + sum(a for _, a in self.adjustments)

    @property
    def kind(self) -> str:
        return "self-hosted" if self.card.open_weights else "api"

    def sort_key(self) -> tuple:
        if self.tier == 0:
            return (0, -round(self.utility, 9), self.card.id)
        ev = self.evidence
        coverage = ev.covered / ev.total if ev.total else 0.0
        return (self.tier, -coverage, -(self.similarity or 0.0), self.card.id)


@dataclass
class Excluded:
    """An infeasible card worth explaining ("why not"), with its score on the headline metric."""

    card: Card
    violations: list[Violation]
    evidence: Evidence


@dataclass
class Tradeoff:
    kind: str        # best_quality | best_value | smallest_good_enough
    candidate: Candidate
    detail: str


@dataclass
class Ranking:
    """Everything the explanation needs: the ordered candidates, the metric, exclusions, trade-offs."""

    metric: Metric
    plan: list[Metric]
    ordered: list[Candidate]                 # one per family, best first
    comparable: int
    specialists: list[Candidate]
    excluded: list[Excluded]
    tradeoffs: list[Tradeoff]
    feasible: int
    considered: int
    blocking: dict[str, int]                 # violation code -> cards it alone rules out (for "no model fits" replies)
    pool: list[Candidate] = field(default_factory=list)          # every scored feasible candidate (all sizes)
    stats: dict[Metric, MetricStats] = field(default_factory=dict)
    constraints: Constraints | None = None

    def family_members(self, cand: Candidate) -> list[Candidate]:
        """The other feasible sizes of ``cand``'s family, best first."""
        return [c for c in self.pool if c.family == cand.family and c.card.id != cand.card.id]


_WHAT = {"text": "text", "code": "source code and text", "image": "image and text", "audio": "audio",
         "multimodal": "image and text"}
_TASK = {"search": "semantic search", "rag": "retrieval for RAG", "recommendation": "recommendations by similarity",
         "classification": "text classification", "clustering": "clustering", "similarity": "semantic similarity",
         "deduplication": "duplicate detection"}
_DOMAIN = {"medical": "medical, clinical, biomedical, health", "legal": "legal, law, contracts",
           "finance": "finance, financial filings", "code": "source code, programming, code search",
           "scientific": "scientific papers, chemistry, research", "e-commerce": "e-commerce, products, shopping"}


def build_query(profile: Profile) -> str:
    """A short description of the wanted model, phrased like the card documents in the index."""
    parts = [f"{_WHAT.get(profile.data_type or 'text')} embedding model"
             + (", open weights, runs locally" if profile.privacy == "local_only" else "") + "."]
    if profile.domain in _DOMAIN:
        parts.append(f"Domain: {_DOMAIN[profile.domain]}.")
    if profile.languages:
        parts.append("Languages: " + ", ".join(language_name(c) for c in profile.languages) + ".")
    if profile.task:
        parts.append(f"For {_TASK[profile.task]}.")
    return " ".join(parts)


def choose_metric(plan: list[Metric], feasible: list[Card]) -> tuple[Metric, int]:
    """The headline metric: the first on which at least :data:`MIN_COMPARABLE` feasible families are comparable,
    else the one with the most; ``plan[0]`` when nothing is comparable anywhere."""
    best: tuple[int, int] = (0, 0)
    for i, metric in enumerate(plan):
        n = len({family(c) for c in feasible if evidence_for(c, metric).comparable})
        if n >= MIN_COMPARABLE:
            return metric, n
        if n > best[0]:
            best = (n, i)
    return plan[best[1]], best[0]


def _dedupe(items: list) -> list:
    """The first item (Candidate or Excluded) of each model family, in order."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = family(item.card)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _one_basis(cands: list[Candidate]) -> None:
    """Keep one comparability basis per metric (strict or except-snapshot-gaps): they cover different task sets."""
    bases = [c.evidence.basis for c in cands if c.evidence.comparable]
    if len(set(bases)) < 2:
        return
    keep = max(set(bases), key=lambda b: (bases.count(b), b == "strict"))
    for c in cands:
        ev = c.evidence
        if ev.comparable and ev.basis != keep:
            c.evidence = Evidence(ev.metric, None, ev.partial, ev.covered, ev.total, "partial", ev.zero_shot_pct,
                                  ev.missing)


def adjustments(card: Card, feas: Feasibility, mat: Maturity, profile: Profile) -> list[tuple[str, float]]:
    """What moves a model's utility away from its quality, each with its reason (see the module docstring)."""
    out: list[tuple[str, float]] = []
    if mat.bonus:
        out.append((f"{mat.level} model" if mat.lifecycle != "deprecated" else mat.lifecycle_note, mat.bonus))
    if feas.tight:
        out.append(("tight estimate: " + feas.tight[0], -TIGHT_PENALTY))
    if feas.needs_gpu:
        out.append(("needs a large GPU server (no hardware given)" if feas.needs_large_gpu else
                    "needs a GPU (no hardware given)", -(NEEDS_LARGE_GPU_PENALTY if feas.needs_large_gpu else NEEDS_GPU_PENALTY)))
    slow = slow_for_interactive(feas.run, profile) if card.open_weights else 0.0
    if slow > 0:
        out.append((f"~{feas.run.latency_ms:,.0f} ms per query: slow for interactive search",
                    -min(MAX_SLOW_QUERY_PENALTY, SLOW_QUERY_PENALTY * slow)))
    unknown = list(feas.unknown)
    if profile.languages and not card.languages:
        unknown.append("languages not published")
    if profile.commercial_use and card.open_weights and card.commercial_use is None:
        out.append((f"licence {card.license or 'not stated'}: commercial use not classified", -UNCLASSIFIED_LICENCE_PENALTY))
    if unknown:
        out.append(("unverified: " + "; ".join(unknown), -min(MAX_UNKNOWN_PENALTY, UNKNOWN_PENALTY * len(unknown))))
    if profile.priority == "cost" and feas.first_month_usd is None and (not card.open_weights or feas.rental):
        out.append(("cost priority: price unknown", -UNKNOWN_COST_PENALTY))
    if (profile.priority or "balanced") == "balanced" and card.open_weights:
        if card.n_parameters and card.n_parameters > 1e9:
            out.append((f"balanced priority: {card.n_parameters / 1e9:.1f}B parameters",
                        -SIZE_PENALTY * math.log2(card.n_parameters / 1e9)))
        share = headroom_share(feas)
        if share > HEADROOM_FREE:
            out.append((f"balanced priority: uses {share:.0%} of the memory or indexing window",
                        -HEADROOM_PENALTY * (min(share, 1.0) - HEADROOM_FREE) / (1.0 - HEADROOM_FREE)))
    return out


def headroom_share(feas: Feasibility) -> float:
    """The larger of memory needed / available and encode time / window (0 when unknown)."""
    r, s = feas.run, feas.setup
    if s is None:
        return 0.0
    shares = [r.memory_needed_gb / s.memory_gb if r.memory_needed_gb and s.memory_gb else 0.0,
              r.encode_hours / s.window_hours if r.encode_hours and s.window_hours else 0.0]
    return max(shares)


def rank(cards: list[Card], constraints: Constraints, plan: list[Metric],
         hits: dict[str, float] | None = None, light: bool = False) -> Ranking:
    """Rank ``cards`` (the whole catalog) for ``constraints.profile``; ``hits`` = semantic id -> similarity.

    ``light``: only the order (for counterfactuals) — infeasible cards are not explained, feasibility is
    computed only for cards that pass the fact checks, and no trade-offs are listed.
    """
    hits = hits or {}
    profile = constraints.profile
    feasible = [c for c in cards if constraints.feasible(c)]
    feasible_ids = {c.id for c in feasible}
    metric, n_comparable = choose_metric(plan, feasible)
    others = [m for m in plan if m != metric]
    stats = {m: s for m in plan if (s := population_stats(m, feasible, family)) is not None}
    specialist_ids = {c.id for c in feasible if _is_specialist(c, profile)}
    pool: list[Candidate] = []
    reads = [(card, evidence_for(card, metric), quality(card, plan, stats, detail=not light)) for card in feasible]
    reasons = [[name for name, hit in (("semantic", card.id in hits), ("benchmark", q.comparable or ev.comparable),
                                       ("specialist", card.id in specialist_ids)) if hit] for card, ev, q in reads]
    # too few families found for a top 3 of three: every feasible card is a candidate (ranked after the scored ones)
    few = len({family(card) for (card, _, _), found in zip(reads, reasons, strict=True) if found}) < _MIN_FAMILIES
    for (card, ev, q), found in zip(reads, reasons, strict=True):
        if not (found := found or (["feasible"] if few else [])):
            continue
        feas = constraints.assess(card)
        mat = maturity(card)
        pool.append(Candidate(card, ev, [] if light else _secondary(card, others), hits.get(card.id), found, q, feas,
                              mat, adjustments(card, feas, mat, profile), family(card)))
    _one_basis(pool)
    pool.sort(key=Candidate.sort_key)
    ordered = _dedupe(pool)
    specialists = sorted((c for c in ordered if c.card.id in specialist_ids and c.tier > 0
                          and not beyond_stated_cpu(c, profile)),
                         key=lambda c: (c.tier, -(c.similarity or 0.0), c.card.id))[:SPECIALISTS_SHOWN]
    if light:
        return Ranking(metric, plan, ordered, n_comparable, specialists, [], [], len(feasible), len(cards), {}, pool,
                       stats, constraints)
    infeasible = [c for c in cards if c.id not in feasible_ids]
    excluded = _excluded(infeasible, constraints, metric, profile)
    # which constraint alone rules out how many models: only needed to explain "nothing fits"
    blocking = {} if ordered else _blocking([(c, constraints.check(c)) for c in infeasible])
    shown = [c for c in pool if not beyond_stated_cpu(c, profile)]   # no "best quality" that needs a GPU they lack
    return Ranking(metric, plan, ordered, n_comparable, specialists, excluded, tradeoffs(shown),
                   len(feasible), len(cards), blocking, pool, stats, constraints)


def beyond_stated_cpu(c: Candidate, profile: Profile) -> bool:
    """The user said they run on CPUs but not how many or how big: ``c`` is kept only because that machine is a guess
    (a rented GPU, or flagged as needing a GPU or more cores)."""
    f = c.feasibility
    return profile.hardware == "cpu" and c.kind == "self-hosted" and f is not None and bool(f.needs_gpu or f.rental)


def _secondary(card: Card, metrics: list[Metric]) -> list[Evidence]:
    """The card's results on the other metrics of the plan (one per benchmark, comparable first)."""
    out: dict[str, Evidence] = {}
    for m in metrics:
        ev = evidence_for(card, m)
        prev = out.get(m.benchmark)
        if ev.basis != "none" and (prev is None or (ev.comparable and not prev.comparable)):
            out[m.benchmark] = ev
    return list(out.values())


def _is_specialist(card: Card, profile: Profile) -> bool:
    domain = "code" if profile.data_type == "code" else profile.domain
    if domain in (None, "general", "other"):
        return False
    return domain in card.domains or (domain == "code" and "code" in card.modalities)


def _excluded(infeasible: list[Card], constraints: Constraints, metric: Metric, profile: Profile) -> list[Excluded]:
    """The strongest infeasible models on the headline metric, plus infeasible domain specialists.

    Every constraint each one breaks is listed; the sentences are built only for the models shown.
    """
    # a retired model is no alternative to explain (naming it in the chat still says why it is out)
    cards = [c for c in infeasible if is_embedding_model(c) and lifecycle_status(c) != "retired"]
    scored = [(c, evidence_for(c, metric)) for c in cards]
    strong = sorted(((c, ev) for c, ev in scored if ev.comparable), key=lambda ce: (-ce[1].value, ce[0].id))
    out: list[Excluded] = []
    per_reason: dict[str, int] = {}
    seen: set[str] = set()
    for card, ev in strong:  # the strongest per kind of reason, so the list shows every constraint at work
        if len(out) >= EXCLUDED_SHOWN:
            break
        if family(card) in seen:
            continue
        seen.add(family(card))
        v = constraints.check(card)
        kind = v[0].code.split(":")[0]
        if per_reason.get(kind, 0) < EXCLUDED_PER_REASON:
            per_reason[kind] = per_reason.get(kind, 0) + 1
            out.append(Excluded(card, v, ev))
    specialists = sorted((c for c in cards if _is_specialist(c, profile)), key=lambda c: c.id)
    for card in specialists[:SPECIALISTS_SHOWN]:
        if card.id not in {x.card.id for x in out}:
            out.append(Excluded(card, constraints.check(card), evidence_for(card, metric)))
    return out


def _blocking(checked: list[tuple[Card, list[Violation]]]) -> dict[str, int]:
    """For each constraint: how many embedding models it is the *only* reason to exclude."""
    out: dict[str, int] = {}
    for card, v in checked:
        codes = {x.code for x in v}
        if len(codes) == 1 and is_embedding_model(card):
            code = codes.pop()
            out[code] = out.get(code, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def tradeoffs(pool: list[Candidate]) -> list[Tradeoff]:
    """On the headline metric: best quality, and where they differ, smallest good enough and best value."""
    comparable = sorted((c for c in pool if c.evidence.comparable), key=lambda c: (-c.evidence.value, c.card.id))
    if not comparable:
        return []
    best = comparable[0]
    out = [Tradeoff("best_quality", best, f"highest comparable score: {best.evidence.text()}")]
    sized = [(c, weights_gb(c.card, "fp32")) for c in comparable if c.card.open_weights]
    sized = [(c, w) for c, w in sized if w]
    near = [(c, w) for c, w in sized if c.evidence.value >= best.evidence.value - GOOD_ENOUGH_POINTS]
    if near:
        small, w = min(near, key=lambda cw: (cw[1], -cw[0].evidence.value, cw[0].card.id))
        if small is not best:
            out.append(Tradeoff("smallest_good_enough", small, _vs(small, best, w, GOOD_ENOUGH_POINTS)))
    window = [(c, w) for c, w in sized if c.evidence.value >= best.evidence.value - VALUE_WINDOW_POINTS]
    if window:
        value, w = max(window, key=lambda cw: (cw[0].evidence.value / cw[1], cw[0].card.id))
        if value.card.id not in {t.candidate.card.id for t in out}:
            out.append(Tradeoff("best_value", value, _vs(value, best, w, VALUE_WINDOW_POINTS)
                                + f"; {value.evidence.value / w:,.0f} points per GB of weights"))
    priced = [c for c in comparable if not c.card.open_weights and c.card.pricing
              and c.card.pricing.usd_per_1m_tokens is not None
              and c.evidence.value >= best.evidence.value - VALUE_WINDOW_POINTS]
    if priced:
        cheap = min(priced, key=lambda c: (c.card.pricing.usd_per_1m_tokens, -c.evidence.value, c.card.id))
        if cheap.card.id not in {t.candidate.card.id for t in out}:
            out.append(Tradeoff("best_value", cheap, f"cheapest priced API within {VALUE_WINDOW_POINTS:g} points of the "
                                f"best: ${cheap.card.pricing.usd_per_1m_tokens:g} per 1M tokens, "
                                f"{cheap.evidence.value:.2f} ({cheap.evidence.value - best.evidence.value:+.2f})"))
    return out


def _vs(c: Candidate, best: Candidate, w: float, window: float) -> str:
    bw = weights_gb(best.card, "fp32")
    size = f"{w:.2f} GB fp32" + (f", {bw / w:.0f}x smaller than {best.card.id}" if bw and bw / w >= 1.5 else "")
    return (f"{c.evidence.value:.2f} ({c.evidence.value - best.evidence.value:+.2f} vs the best, within {window:g} "
            f"points) at {size}")


__all__ = ["Candidate", "Excluded", "Ranking", "Tradeoff", "build_query", "choose_metric", "family", "languages_open",
           "rank", "tradeoffs"]
