"""Can this model run for this user? Memory, indexing time, query latency and throughput, and money.

:func:`assess` returns a :class:`Feasibility` per card: the numbers (memory needed vs available at which
precision, encode hours vs the window, query latency, monthly and one-off cost) and the
:class:`Violation` s that make it infeasible, each with the number that failed.

Rules (docs/advisor.md, "Feasibility"):

- Open weights run at the best precision the hardware supports: fp16/bf16 on a GPU; fp32 on a CPU, edge
  board or unified memory, or int8 when fp32 does not fit (a caveat says "run it int8-quantised").
  Weights x :data:`~agents.decide.footprint.MEMORY_OVERHEAD` must fit the memory. A model whose size
  is not published cannot be checked: a caveat and lower confidence, never an exclusion.
- Encoding the corpus (initial index; a full re-index takes as long) must fit the indexing window
  (``index_window_hours``, default 24 h); above :data:`TIGHT_SHARE` of it the estimate is "tight".
- Per-query latency and query throughput scale a measurement, so they are rough: a miss by more than
  :data:`ESTIMATE_TOLERANCE` is an exclusion, a smaller miss a "tight" caveat (and a rank penalty).
- Hosted APIs: one-off = corpus tokens x price (paid in the first month; images at least 196 tokens each),
  monthly = queries (+ full re-indexes); the first month must fit ``budget_usd_month``. Unknown price: caveat.
- Self-hosted under a budget with no stated hardware (APIs allowed): if the model does not run on the
  assumed CPU server, the GPU it needs is rented (the hardware table's cheapest rental that fits) and
  its cost counts against the budget: the hours to build the index, or the whole month when queries
  need the GPU too.
- No stated hardware and no stated memory (or a CPU stated without its cores, memory or device: "no GPU here"): the
  machine is only an assumption, so hardware never excludes.
  A model it cannot run is assessed on the table's rental GPU (under a budget with APIs allowed: rented and
  costed, above), else on that GPU uncosted, else on the table's largest GPU (``needs_gpu``/``needs_large_gpu``:
  a caveat, a rank penalty, lower confidence). A stated memory limit is a fact and always applies.
- Document length not given: the estimates use the assumed length, and the budget is checked again at
  the cautious length (``Setup.doc_tokens_cautious``). A model that fits only at the assumed length is kept (unknown
  is not no) but marked ``length_sensitive`` with the number that would fail; the top 3 prefers models that fit both.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from agents.decide.estimates import (
    ESTIMATE_TOLERANCE,
    INTERACTIVE_MS,
    TIGHT_SHARE,
    Run,
    Violation,
    api_latency,
    corpus_tokens,
    estimate,
    judge_run,
    query_latency_ms,
    slow_for_interactive,
    stream_cost,
    text_like,
    tokens_per_s,
)
from agents.decide.footprint import IMAGE_TOKENS, QUERY_TOKENS, SECONDS_PER_MONTH
from agents.decide.setup import Setup
from agents.profile import Profile
from knowledge.hardware import HardwareTable, Rental, hardware_table
from knowledge.schema import Card

# The first index is rarely the last: a chunking or prefix fix, or moving up after the trial that the advice
# itself recommends ("start small, measure, move up"), means embedding the corpus again. So the first month
# must hold one full re-index on top of the initial index and the queries - unless the user states how often
# they re-index (``reindex_per_month``), which the monthly cost then counts.
PLANNED_REINDEXES = 1


@dataclass
class Feasibility:
    """Everything the advisor checked about running ``card`` for this user."""

    kind: str                                   # api | self-hosted
    runs_on: str
    run: Run = field(default_factory=Run)
    setup: Setup | None = None
    one_off_usd: float | None = None
    monthly_usd: float | None = None
    cost_basis: list[str] = field(default_factory=list)
    rental: Rental | None = None
    violations: list[Violation] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)   # facts we could not check (lower confidence)
    tight: list[str] = field(default_factory=list)      # estimates within the tolerance but above the target
    needs_gpu: bool = False                             # no hardware given, and it needs a GPU the user did not confirm
    needs_large_gpu: bool = False                       # ... more than the table's 24 GB rental GPU (or several GPUs)
    length_sensitive: str | None = None                 # fits only at the assumed document length: what fails at the cautious one

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def first_month_usd(self) -> float | None:
        if self.one_off_usd is None and self.monthly_usd is None:
            return None
        return round((self.one_off_usd or 0.0) + (self.monthly_usd or 0.0), 2)

    @property
    def status(self) -> str:
        if self.violations:
            return "infeasible"
        return "tight" if self.tight else "unverified" if self.unknown else "ok"

    def to_dict(self, profile: Profile | None = None) -> dict[str, Any]:
        r, s = self.run, self.setup
        out: dict[str, Any] = {"kind": self.kind, "runs_on": self.runs_on, "status": self.status}
        if self.kind == "self-hosted":
            out["memory"] = {"needed_gb": _r(r.memory_needed_gb), "available_gb": s.memory_gb if s else None,
                             "precision": r.precision, "weights_gb": _r(r.weights_gb), "fits": r.memory_ok}
            out["encode"] = {"hours": _r(r.encode_hours), "window_hours": s.window_hours if s else None,
                             "fits": None if r.encode_hours is None or s is None else r.encode_hours <= s.window_hours}
            target = profile.latency_ms if profile else None
            out["latency"] = {"ms": _r(r.latency_ms, 1), "target_ms": target,
                              "fits": None if r.latency_ms is None or not target else r.latency_ms <= target}
            out["throughput_qps"] = _r(r.capacity_qps, 1)
        out["cost"] = {"one_off_usd": _r(self.one_off_usd, 2), "monthly_usd": _r(self.monthly_usd, 2),
                       "first_month_usd": self.first_month_usd,
                       "budgeted_first_month_usd": budgeted_first_month_usd(self, profile) if profile else None,
                       "budget_usd_month": profile.budget_usd_month if profile else None, "basis": self.cost_basis}
        if self.rental:
            out["rental"] = {"instance": self.rental.instance, "provider": self.rental.provider,
                             "usd_per_hour": self.rental.usd_per_hour, "as_of": self.rental.as_of.isoformat(),
                             "url": self.rental.url}
        out["unknown"] = list(self.unknown)
        out["tight"] = list(self.tight)
        out["needs_gpu"] = "large" if self.needs_large_gpu else self.needs_gpu
        out["length_sensitive"] = self.length_sensitive
        return out


def _r(x: float | None, digits: int = 3) -> float | None:
    return None if x is None else round(x, digits)


def api_cost(card: Card, profile: Profile, setup: Setup) -> tuple[float | None, float | None, list[str]]:
    """(one-off, monthly, basis sentences) for a hosted API; ``None`` where the inputs or the price are unknown."""
    price = card.pricing.usd_per_1m_tokens if card.pricing else None
    if price is None:
        per_char = card.pricing.usd_per_1m_characters if card.pricing else None
        if per_char is not None:
            return None, None, [f"billed per character (${per_char:g} per 1M characters, as of "
                                f"{card.pricing.as_of.isoformat()}), not per token: cost not estimated"]
        return None, None, ["price not in the knowledge base: check the provider's pricing page"]
    basis = [f"${price:g} per 1M tokens (as of {card.pricing.as_of.isoformat()})"]
    if profile.data_type in ("image", "multimodal"):
        basis.append(f"images billed as at least {IMAGE_TOKENS} tokens each (224 x 224 px, assumed): a lower bound, providers "
                     "bill images by size")
    elif not text_like(profile):   # sound is not priced per text token; text queries describing it are
        basis.append(f"{profile.data_type} documents are not priced per text token: the indexing cost is not counted; "
                     "check the provider's pricing for your volume")
        qps = profile.queries_per_second
        monthly = None if qps is None else qps * SECONDS_PER_MONTH * QUERY_TOKENS / 1e6 * price
        basis += [] if monthly is None else [f"text queries: {qps:g}/s x 30 days x {QUERY_TOKENS} tokens = ${monthly:,.2f}/month"]
        return None, monthly, basis
    tokens = corpus_tokens(profile, setup)
    one_off = tokens / 1e6 * price if tokens is not None else None
    if one_off is not None:
        basis.append(f"initial index: {tokens / 1e6:,.1f}M tokens = ${one_off:,.2f} once, paid in the first month")
    else:
        basis.append("corpus size not given: the one-off indexing cost is not counted")
    monthly = None
    if profile.queries_per_second is not None:
        q_tokens = profile.queries_per_second * SECONDS_PER_MONTH * QUERY_TOKENS
        monthly = q_tokens / 1e6 * price
        basis.append(f"queries: {profile.queries_per_second:g}/s x 30 days x {QUERY_TOKENS} tokens = ${monthly:,.2f}/month")
    else:
        basis.append("query volume not given: query cost not counted")
    if (stream := stream_cost(profile, setup, price)) is not None:
        monthly = (monthly or 0.0) + stream[0]
        basis.append(stream[1])
    if profile.reindex_per_month and one_off is not None:
        monthly = (monthly or 0.0) + profile.reindex_per_month * one_off
        basis.append(f"{profile.reindex_per_month:g} full re-index(es) a month: ${profile.reindex_per_month * one_off:,.2f}")
    return one_off, monthly, basis


def planned_reindex_usd(f: Feasibility, profile: Profile) -> float:
    """The budgeted re-index: :data:`PLANNED_REINDEXES` x the one-off index cost, unless the user's own
    ``reindex_per_month`` already counts re-indexes in the monthly cost."""
    if not f.one_off_usd or profile.reindex_per_month:
        return 0.0
    return PLANNED_REINDEXES * f.one_off_usd


def budgeted_first_month_usd(f: Feasibility, profile: Profile) -> float | None:
    """What the first month must leave room for: the first month's cost plus the planned re-index."""
    first = f.first_month_usd
    return None if first is None else round(first + planned_reindex_usd(f, profile), 2)


def _budget_check(f: Feasibility, profile: Profile, what: str) -> None:
    budget = profile.budget_usd_month
    first = f.first_month_usd
    if budget is None or first is None:
        return
    again = planned_reindex_usd(f, profile)
    if first + again <= budget:
        if again:
            f.cost_basis.append(f"a full re-index costs ${again:,.2f} again; the budget holds one in the first month")
        return
    parts = []
    if f.one_off_usd:
        parts.append(f"${f.one_off_usd:,.2f} initial index")
    if again:
        parts.append(f"${again:,.2f} for one re-index")
    if f.monthly_usd:
        parts.append(f"${f.monthly_usd:,.2f}/month")
    f.violations.append(Violation("budget", f"{what}: ~${first + again:,.2f} in the first month ({' + '.join(parts)}); "
                                            f"budget ${budget:g}/month"))


def assess(card: Card, profile: Profile, setup: Setup, table: HardwareTable | None = None) -> Feasibility:
    """Feasibility of ``card`` for ``profile`` on ``setup`` (see the module docstring)."""
    table = table or hardware_table()
    f = _assess(card, profile, setup, table)
    _length_check(f, card, profile, setup, table)
    return f


def _assess(card: Card, profile: Profile, setup: Setup, table: HardwareTable) -> Feasibility:
    if not card.open_weights:
        return _api(card, profile, setup, table)
    return _self_hosted(card, profile, setup, table)


# Only money is re-checked at the cautious length: a budget is a cap the user pays, while the indexing-window check
# already allows x2 for rough speed estimates on assumed hardware; re-checking it at 800 tokens pushed established
# mid-size models out of the top 3 for tiny or unsized ones (a worse answer; docs/advisor.md, "Document length").
LENGTH_CODES = frozenset({"budget"})


def _length_check(f: Feasibility, card: Card, profile: Profile, setup: Setup, table: HardwareTable) -> None:
    """The document length was assumed (or the data's script takes more tokens per word): does ``f`` still fit at the
    cautious length? If not, it is kept (the length is uncertain, not long) but marked
    :attr:`Feasibility.length_sensitive` with the number that would fail."""
    cautious, assumed = setup.doc_tokens_cautious, setup.doc_tokens
    if not f.ok or not cautious or not assumed or cautious <= assumed:
        return
    if not f.one_off_usd or profile.budget_usd_month is None:   # no cost that grows with the document length
        return
    longer = _assess(card, profile, replace(setup, doc_tokens=cautious, doc_tokens_cautious=None), table)
    failed = [v.message for v in longer.violations if v.code in LENGTH_CODES]
    if failed:
        f.length_sensitive = f"at ~{cautious:,} tokens per document: " + "; ".join(failed)
        if setup.cautious_why:
            f.caveats.append(f"fits only at about {assumed:,} tokens per document; {setup.cautious_why}: "
                             f"{f.length_sensitive}. Count a sample with the provider's tokenizer")
        else:
            f.caveats.append(f"fits only if your documents average about {assumed:,} tokens (assumed); "
                             f"{f.length_sensitive}. Tell me their average length")


def _api(card: Card, profile: Profile, setup: Setup, table: HardwareTable) -> Feasibility:
    f = Feasibility("api", f"{card.provider or 'the provider'}'s API (hosted)", setup=setup)
    one_off, monthly, basis = api_cost(card, profile, setup)
    f.one_off_usd, f.monthly_usd, f.cost_basis = one_off, monthly, basis
    if card.pricing is None or card.pricing.usd_per_1m_tokens is None:
        f.unknown.append("price not published in the knowledge base: verify the cost")
        if profile.budget_usd_month is not None:
            f.caveats.append(f"price unknown: check that it fits your ${profile.budget_usd_month:g}/month budget")
    _budget_check(f, profile, "API cost")
    broken, caveat = api_latency(profile, table)
    f.violations += [broken] if broken else []
    f.caveats += [caveat] if caveat else []
    return f


def _self_hosted(card: Card, profile: Profile, setup: Setup, table: HardwareTable) -> Feasibility:
    run = estimate(card, profile, setup)
    bad, tight, unknown = judge_run(run, card, profile, setup)
    stated = not setup.hardware_assumed
    f = Feasibility("self-hosted", setup.label, run, setup, 0.0 if stated else None, 0.0 if stated else None,
                    [], None, bad, [], unknown, tight)
    if run.precision == "int8" and setup.size_budget:
        f.caveats.append(f"fp32 weights exceed your {setup.memory_gb * 1024:,.0f} MB limit: ship it int8-quantised "
                         f"(~{(run.memory_needed_gb or 0.0) * 1024:,.0f} MB); check quality on your data")
    elif run.precision == "int8":
        f.caveats.append(f"fp32 needs more than {setup.memory_gb:g} GB: run it int8-quantised "
                         f"(~{run.memory_needed_gb:.1f} GB); check quality on your data")
    if setup.kind == "edge":
        f.caveats.append("speed on the board is scaled from one published MiniLM measurement: measure on the device")
    if not bad and slow_for_interactive(run, profile) > 0:
        f.caveats.append(f"slow for interactive search: ~{run.latency_ms:,.0f} ms per query on {setup.label} (estimate; "
                         f"no latency target given, {INTERACTIVE_MS:g} ms assumed as comfortable)")
    if not setup.hardware_assumed and not (bad and setup.size_assumed):
        f.cost_basis.append("runs on your hardware: no extra cost counted")
        return f
    if bad and not setup.memory_assumed:   # the user stated the memory: that limit is a fact, whatever the machine
        return f
    rents = profile.budget_usd_month is not None and profile.privacy != "local_only"
    if not bad:
        if rents:
            f.one_off_usd, f.monthly_usd = 0.0, 0.0
            f.cost_basis.append(f"runs on a CPU server (assumed; not counted: {table.assumption('cpu_vm_month').get('note')})")
        else:
            f.cost_basis.append("hardware not given: the assumed CPU server's cost is not counted")
        return f
    from agents.decide.unstated import needs_gpu, rented  # they build on this module's Feasibility

    if rents:
        on_gpu = rented(card, profile, setup, table, f)
        if on_gpu is not f or on_gpu.ok:   # rented, or kept on the assumed machine (a rental over the budget)
            return on_gpu
    # No hardware given and no budget to spend (or data must stay local): the CPU server was only an assumption,
    # so a model it cannot run is not ruled out ("unknown is not no"). It is assessed on the GPU it would need
    # and flagged: the ranking prefers what surely runs (NEEDS_GPU) and the answer asks for the hardware.
    return needs_gpu(card, profile, setup, table, f)


__all__ = ["ESTIMATE_TOLERANCE", "PLANNED_REINDEXES", "TIGHT_SHARE", "Feasibility", "Run", "Violation", "api_cost", "assess",
           "budgeted_first_month_usd", "corpus_tokens", "estimate", "judge_run", "query_latency_ms", "text_like", "tokens_per_s"]
