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
- Hosted APIs: one-off = corpus tokens x price (paid in the first month), monthly = queries (+ full
  re-indexes); the first month (one-off + monthly) must fit ``budget_usd_month``. Unknown price: caveat.
- Self-hosted under a budget with no stated hardware (APIs allowed): if the model does not run on the
  assumed CPU server, the GPU it needs is rented (the hardware table's cheapest rental that fits) and
  its cost counts against the budget: the hours to build the index, or the whole month when queries
  need the GPU too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from agents.decide.footprint import (
    MEMORY_OVERHEAD,
    QUERY_TOKENS,
    SECONDS_PER_MONTH,
    calibration,
    cpu_query_latency_ms,
    cpu_tokens_per_s,
    gpu_tokens_per_s,
    weights_gb,
)
from agents.decide.setup import Setup
from agents.profile import Profile
from agents.units import human_duration
from knowledge.hardware import HardwareTable, Rental, hardware_table
from knowledge.schema import Card

ESTIMATE_TOLERANCE = 2.0   # latency/throughput estimates are rough (about x2): only a miss beyond this excludes
TIGHT_SHARE = 0.8          # an encode estimate above 80% of the window is "tight"
INT8_BYTES = 1.0


@dataclass(frozen=True)
class Violation:
    """One broken hard constraint: a stable ``code`` (for counting) and a sentence for the user.

    ``assumed`` = it rests on an assumed fact (no hardware given, a default window), which the answer states.
    """

    code: str
    message: str
    assumed: bool = False


@dataclass
class Run:
    """One model on one setup: precision, memory and speed estimates."""

    precision: str | None = None
    weights_gb: float | None = None
    memory_needed_gb: float | None = None
    memory_ok: bool | None = None
    encode_hours: float | None = None
    latency_ms: float | None = None
    capacity_qps: float | None = None


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
                       "budget_usd_month": profile.budget_usd_month if profile else None, "basis": self.cost_basis}
        if self.rental:
            out["rental"] = {"instance": self.rental.instance, "provider": self.rental.provider,
                             "usd_per_hour": self.rental.usd_per_hour, "as_of": self.rental.as_of.isoformat(),
                             "url": self.rental.url}
        out["unknown"] = list(self.unknown)
        out["tight"] = list(self.tight)
        return out


def _r(x: float | None, digits: int = 3) -> float | None:
    return None if x is None else round(x, digits)


def text_like(profile: Profile) -> bool:
    """Encode time is estimated in tokens, which only text and code have (images and audio are not estimated)."""
    return profile.data_type in (None, "text", "code")


def corpus_tokens(profile: Profile, setup: Setup) -> float | None:
    """Tokens to embed for the whole corpus (documents x tokens per document; chunking keeps the total)."""
    if not profile.documents or not setup.doc_tokens:
        return None
    return float(profile.documents) * float(setup.doc_tokens)


def tokens_per_s(card: Card, setup: Setup) -> float | None:
    """Encode throughput of ``card`` on ``setup``: GPU scaled by the device's speed; CPU scaled by cores."""
    if setup.kind == "gpu":
        base = gpu_tokens_per_s(card)
        return None if base is None else base * (setup.gpu_speed or 1.0)
    base = cpu_tokens_per_s(card)
    if base is None:
        return None
    if setup.board_speed is not None:      # an edge board: its measured speed vs the calibration machine
        return base * setup.board_speed
    return base * setup.cpu_cores / calibration()["machine"]["cpus"]


def query_latency_ms(card: Card, setup: Setup) -> float | None:
    """Single-query latency: the measured CPU figure scaled by size; on a GPU, one query's tokens at its throughput."""
    if setup.kind == "gpu":
        tps = tokens_per_s(card, setup)
        return None if not tps else 1000.0 * QUERY_TOKENS / tps
    latency = cpu_query_latency_ms(card)
    return latency / setup.board_speed if latency is not None and setup.board_speed else latency


def _weights(card: Card, precision: str) -> float | None:
    if precision == "int8":
        return card.n_parameters * INT8_BYTES / 1e9 if card.n_parameters else None
    return weights_gb(card, "fp16" if precision.startswith("fp16") else "fp32")


def estimate(card: Card, profile: Profile, setup: Setup) -> Run:
    """Precision, memory and speed of ``card`` on ``setup`` (no judgement yet)."""
    run = Run()
    precision = setup.precision
    weights = _weights(card, precision)
    if weights is not None:
        need = weights * MEMORY_OVERHEAD
        if need > setup.memory_gb and not setup.half_precision and card.n_parameters:
            int8 = _weights(card, "int8")     # the smallest it can run at off a GPU (fits or not)
            if int8 is not None:
                precision, weights, need = "int8", int8, int8 * MEMORY_OVERHEAD
        run.precision, run.weights_gb, run.memory_needed_gb = precision, weights, need
        run.memory_ok = need <= setup.memory_gb
    tokens = corpus_tokens(profile, setup) if text_like(profile) else None
    tps = tokens_per_s(card, setup)
    if tokens is not None and tps:
        run.encode_hours = tokens / tps / 3600
    run.latency_ms = query_latency_ms(card, setup)
    if tps:
        run.capacity_qps = tps / QUERY_TOKENS
    return run


def judge_run(run: Run, card: Card, profile: Profile, setup: Setup) -> tuple[list[Violation], list[str], list[str]]:
    """(violations, tight caveats, unknowns) of a run against the profile's memory, window, latency and rate."""
    bad: list[Violation] = []
    tight: list[str] = []
    unknown: list[str] = []
    where = setup.label
    if run.memory_needed_gb is None:
        unknown.append(f"size not published: cannot check that it fits {setup.memory_gb:g} GB on {where}")
    elif not run.memory_ok:
        how = "even int8-quantised" if not setup.half_precision else f"at {run.precision}"
        bad.append(Violation("memory", f"needs ~{run.memory_needed_gb:.1f} GB {how} ({run.weights_gb:.1f} GB weights "
                                       f"x{MEMORY_OVERHEAD}); {where} has {setup.memory_gb:g} GB",
                             setup.hardware_assumed or setup.memory_assumed))
    if run.memory_ok is False:
        return bad, tight, unknown   # speed on a machine it cannot load is moot
    if run.encode_hours is not None:
        hours, window = run.encode_hours, setup.window_hours
        text = (f"~{human_duration(hours)} to embed your {profile.documents:,} documents on {where}"
                f" (window {human_duration(window)})")
        # The window is the user's requirement (or the stated default), so it is checked as it stands; an estimate
        # within 20% of it is flagged as tight.
        if hours > window:
            bad.append(Violation("encode_window", text, setup.hardware_assumed or profile.index_window_hours is None
                                 or profile.avg_doc_tokens is None))
        elif hours > window * TIGHT_SHARE:
            tight.append(text + ": close to the window, a rough estimate; measure on a sample first")
    elif profile.documents and card.open_weights and text_like(profile):
        unknown.append("encode time unknown (size not published)")
    elif profile.documents and not text_like(profile):
        unknown.append(f"encode time for {profile.data_type} data not estimated (our speed figures are for text): "
                       "measure it on a sample")
    target = profile.latency_ms
    if target and run.latency_ms is not None:
        code = "gpu_latency" if setup.kind == "gpu" else "cpu_latency"
        text = f"~{run.latency_ms:,.0f} ms per query on {where} (estimated); your target is {target:g} ms"
        if run.latency_ms > ESTIMATE_TOLERANCE * target:
            bad.append(Violation(code, text, setup.hardware_assumed))
        elif run.latency_ms > target:
            tight.append(text + ": measure it on your machine")
    qps = profile.queries_per_second
    if qps and run.capacity_qps is not None:
        code = "gpu_throughput" if setup.kind == "gpu" else "cpu_throughput"
        text = f"~{run.capacity_qps:,.1f} queries/s on {where} (estimated); you need {qps:g}"
        if qps > ESTIMATE_TOLERANCE * run.capacity_qps:
            bad.append(Violation(code, text, setup.hardware_assumed))
        elif qps > run.capacity_qps:
            tight.append(text + ": tight; batch queries or add capacity")
    return bad, tight, unknown


def api_cost(card: Card, profile: Profile, setup: Setup) -> tuple[float | None, float | None, list[str]]:
    """(one-off, monthly, basis sentences) for a hosted API; ``None`` where the inputs or the price are unknown."""
    price = card.pricing.usd_per_1m_tokens if card.pricing else None
    if price is None:
        return None, None, ["price not in the knowledge base: check the provider's pricing page"]
    basis = [f"${price:g} per 1M tokens (as of {card.pricing.as_of.isoformat()})"]
    if not text_like(profile):
        return None, None, basis + [f"{profile.data_type} inputs are not priced per text token: check the provider's "
                                    "pricing for your volume"]
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
    if profile.reindex_per_month and one_off is not None:
        monthly = (monthly or 0.0) + profile.reindex_per_month * one_off
        basis.append(f"{profile.reindex_per_month:g} full re-index(es) a month: ${profile.reindex_per_month * one_off:,.2f}")
    return one_off, monthly, basis


def _budget_check(f: Feasibility, profile: Profile, what: str) -> None:
    budget = profile.budget_usd_month
    first = f.first_month_usd
    if budget is None or first is None or first <= budget:
        return
    parts = []
    if f.one_off_usd:
        parts.append(f"${f.one_off_usd:,.2f} one-off")
    if f.monthly_usd:
        parts.append(f"${f.monthly_usd:,.2f}/month")
    f.violations.append(Violation("budget", f"{what}: ~${first:,.2f} in the first month ({' + '.join(parts)}); "
                                            f"budget ${budget:g}/month"))


def assess(card: Card, profile: Profile, setup: Setup, table: HardwareTable | None = None) -> Feasibility:
    """Feasibility of ``card`` for ``profile`` on ``setup`` (see the module docstring)."""
    if not card.open_weights:
        return _api(card, profile, setup)
    return _self_hosted(card, profile, setup, table or hardware_table())


def _api(card: Card, profile: Profile, setup: Setup) -> Feasibility:
    f = Feasibility("api", f"{card.provider or 'the provider'}'s API (hosted)", setup=setup)
    one_off, monthly, basis = api_cost(card, profile, setup)
    f.one_off_usd, f.monthly_usd, f.cost_basis = one_off, monthly, basis
    if card.pricing is None or card.pricing.usd_per_1m_tokens is None:
        f.unknown.append("price not published in the knowledge base: verify the cost")
        if profile.budget_usd_month is not None:
            f.caveats.append(f"price unknown: check that it fits your ${profile.budget_usd_month:g}/month budget")
    _budget_check(f, profile, "API cost")
    if profile.latency_ms is not None and profile.latency_ms < 100:
        f.caveats.append(f"hosted API: a network round trip comes on top of the model; measure it against your "
                         f"{profile.latency_ms:g} ms target")
    return f


def _self_hosted(card: Card, profile: Profile, setup: Setup, table: HardwareTable) -> Feasibility:
    run = estimate(card, profile, setup)
    bad, tight, unknown = judge_run(run, card, profile, setup)
    stated = not setup.hardware_assumed
    f = Feasibility("self-hosted", setup.label, run, setup, 0.0 if stated else None, 0.0 if stated else None,
                    [], None, bad, [], unknown, tight)
    if run.precision == "int8":
        f.caveats.append(f"fp32 needs more than {setup.memory_gb:g} GB: run it int8-quantised "
                         f"(~{run.memory_needed_gb:.1f} GB); check quality on your data")
    if setup.kind == "edge":
        f.caveats.append("speed on the board is scaled from one published MiniLM measurement: measure on the device")
    if not setup.hardware_assumed:
        f.cost_basis.append("runs on your hardware: no extra cost counted")
        return f
    rents = profile.budget_usd_month is not None and profile.privacy != "local_only"
    if not rents:
        f.cost_basis.append("hardware not given: the assumed CPU server's cost is not counted")
        return f
    if not bad:
        f.one_off_usd, f.monthly_usd = 0.0, 0.0
        f.cost_basis.append("runs on a CPU server (assumed available; its cost is not counted)")
        return f
    return _rented(card, profile, setup, table, f)


def _rented(card: Card, profile: Profile, cpu: Setup, table: HardwareTable, on_cpu: Feasibility) -> Feasibility:
    """The model does not run on the assumed CPU server: rent the cheapest GPU that fits and count its cost."""
    need = _weights(card, "fp16")
    rental = table.cheapest_rental((need or 0.0) * MEMORY_OVERHEAD)
    if rental is None or need is None:
        return on_cpu
    device = table.get(rental.device)
    stand_in = table.get(str(table.assumption("gpu").get("device")))
    speed = (device.relative_speed if device and device.relative_speed else
             stand_in.relative_speed if stand_in and stand_in.relative_speed else 1.0)
    gpu = replace(cpu, kind="gpu", device=device, memory_gb=max(device.memory_gb) if device else 24.0, gpu_speed=speed,
                  label=f"a rented {device.name if device else 'GPU'} ({rental.provider} {rental.instance}, "
                        f"${rental.usd_per_hour:g}/h)", hardware_assumed=False, memory_assumed=False)
    run = estimate(card, profile, gpu)
    bad, tight, unknown = judge_run(run, card, profile, gpu)
    if bad:
        on_cpu.caveats.append(f"even {gpu.label} would not do: " + "; ".join(v.message for v in bad))
        return on_cpu
    codes = {v.code for v in on_cpu.violations}
    queries_need_gpu = bool(codes & {"memory", "cpu_latency", "cpu_throughput"})
    f = Feasibility("self-hosted", gpu.label, run, gpu, None, None, [], rental, [], [], unknown, tight)
    hours = run.encode_hours or 0.0
    if queries_need_gpu:
        f.one_off_usd, f.monthly_usd = 0.0, rental.usd_per_month
        f.cost_basis.append(f"needs a rented GPU all month for queries: {rental.instance} at ${rental.usd_per_hour:g}/h "
                            f"x 730 h = ${rental.usd_per_month:,.0f}/month ({rental.provider} on-demand, "
                            f"{rental.region}, as of {rental.as_of.isoformat()})")
    else:
        f.one_off_usd = hours * rental.usd_per_hour
        f.monthly_usd = (profile.reindex_per_month or 0.0) * hours * rental.usd_per_hour
        f.cost_basis.append(f"queries run on a CPU server; the index is built on a rented {rental.instance} in "
                            f"~{human_duration(hours)} = ${f.one_off_usd:,.2f} once (${rental.usd_per_hour:g}/h, "
                            f"{rental.provider} on-demand, as of {rental.as_of.isoformat()})")
    f.caveats.append(f"needs a rented GPU: ~${f.first_month_usd:,.2f} in the first month ({rental.instance})")
    _budget_check(f, profile, "a rented GPU")
    return f
