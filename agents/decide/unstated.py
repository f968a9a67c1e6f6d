"""A model the user's machine cannot run when that machine is only an assumption (no hardware given, or a CPU
without its cores, memory or device): rent the GPU it needs and count it under a budget, else assess it on a GPU
it would need, flagged and penalised - never excluded for the assumed machine (docs/advisor.md, "Feasibility")."""

from __future__ import annotations

from dataclasses import replace

from agents.decide.estimates import estimate, judge_run, weights_at
from agents.decide.feasibility import Feasibility, _budget_check
from agents.decide.footprint import MEMORY_OVERHEAD
from agents.decide.setup import Setup
from agents.profile import Profile
from agents.units import human_duration
from knowledge.hardware import HardwareTable, Rental
from knowledge.schema import Card


def _gpu_setup(card: Card, cpu: Setup, table: HardwareTable, label: str | None = None) -> tuple[Setup, Rental] | None:
    """The cheapest rental GPU that holds ``card`` at fp16, as a setup (None when none in the table does)."""
    need = weights_at(card, "fp16")
    rental = table.cheapest_rental((need or 0.0) * MEMORY_OVERHEAD)
    if rental is None or need is None:
        return None
    device = table.get(rental.device)
    stand_in = table.get(str(table.assumption("gpu").get("device")))
    speed = (device.relative_speed if device and device.relative_speed else
             stand_in.relative_speed if stand_in and stand_in.relative_speed else 1.0)
    name = device.name if device else "GPU"
    gpu = replace(cpu, kind="gpu", device=device, memory_gb=max(device.memory_gb) if device else 24.0, gpu_speed=speed,
                  label=label.format(name=name) if label else
                  f"a rented {name} ({rental.provider} {rental.instance}, ${rental.usd_per_hour:g}/h)",
                  hardware_assumed=False, memory_assumed=False)
    return gpu, rental


def needs_gpu(card: Card, profile: Profile, cpu: Setup, table: HardwareTable, on_cpu: Feasibility) -> Feasibility:
    """No hardware given: the model does not run on the assumed CPU server. Assessed on the table's rental-class
    GPU, else on its largest GPU; never excluded for hardware the user may well have (flagged and penalised)."""
    local = profile.privacy == "local_only"
    found = _gpu_setup(card, cpu, table, "a {name}-class GPU (not given: needed for this model)" if local else None)
    why = "; ".join(v.message for v in on_cpu.violations)
    if found is not None:
        gpu, rental = found
        run = estimate(card, profile, gpu)
        bad, tight, unknown = judge_run(run, card, profile, gpu)
        if not bad:
            f = Feasibility("self-hosted", gpu.label, run, gpu, None, None, [], None if local else rental, [], [],
                            unknown, tight, needs_gpu=True)
            f.caveats.append(f"needs a GPU: on the assumed CPU server {why}; tell me your hardware" if cpu.hardware_assumed
                             else f"needs a GPU or a larger CPU machine than assumed: {why}; tell me your cores and RAM")
            if not local:
                f.cost_basis.append(f"if you rent one: {rental.instance} at ${rental.usd_per_hour:g}/h x 730 h = "
                                    f"${rental.usd_per_month:,.0f}/month ({rental.provider} on-demand, {rental.region}, "
                                    f"as of {rental.as_of.isoformat()}); not counted: no budget given")
            return f
        why += "; on " + gpu.label + ": " + "; ".join(v.message for v in bad)
    big = max((d for d in table.devices.values() if d.kind == "gpu" and d.memory_gb),
              key=lambda d: (max(d.memory_gb), d.relative_speed or 0.0), default=None)
    if big is None:
        return on_cpu
    large = replace(cpu, kind="gpu", device=big, memory_gb=max(big.memory_gb), gpu_speed=big.relative_speed or 1.0,
                    label=f"a {big.name}-class GPU or larger (not given: needed for this model)",
                    hardware_assumed=False, memory_assumed=False)
    run = estimate(card, profile, large)
    bad, tight, unknown = judge_run(run, card, profile, large)
    f = Feasibility("self-hosted", large.label, run, large, None, None, [], None, [], [],
                    unknown + ["hardware not given: needs more than a 24 GB GPU; cost not in our table"], tight,
                    needs_gpu=True, needs_large_gpu=True)
    f.caveats.append(f"needs a large GPU server: {why}" + (f"; even on {large.label}: "
                     + "; ".join(v.message for v in bad) if bad else "") + "; tell me your hardware")
    return f


def rented(card: Card, profile: Profile, cpu: Setup, table: HardwareTable, on_cpu: Feasibility) -> Feasibility:
    """The model does not run on the assumed CPU server: rent the cheapest GPU that fits and count its cost."""
    found = _gpu_setup(card, cpu, table)
    if found is None:
        return on_cpu
    gpu, rental = found
    run = estimate(card, profile, gpu)
    bad, tight, unknown = judge_run(run, card, profile, gpu)
    if bad:
        on_cpu.caveats.append(f"even {gpu.label} would not do: " + "; ".join(v.message for v in bad))
        return on_cpu
    codes = {v.code for v in on_cpu.violations}
    queries_need_gpu = bool(codes & {"memory", "cpu_latency", "cpu_throughput", "stream"})   # a stream: all month
    f = Feasibility("self-hosted", gpu.label, run, gpu, None, None, [], rental, [], [], unknown, tight)
    hours = run.encode_hours or 0.0
    if queries_need_gpu:
        f.one_off_usd, f.monthly_usd = 0.0, rental.usd_per_month
        f.cost_basis.append(f"needs a rented GPU all month for queries: {rental.instance} at ${rental.usd_per_hour:g}/h "
                            f"x 730 h = ${rental.usd_per_month:,.0f}/month ({rental.provider} on-demand, "
                            f"{rental.region}, as of {rental.as_of.isoformat()})")
    else:   # queries are served by the CPU server: its latency and capacity are the ones the user gets
        run.latency_ms, run.capacity_qps = on_cpu.run.latency_ms, on_cpu.run.capacity_qps
        if on_cpu.run.latency_ms is not None:
            f.caveats.append(f"queries run on the CPU server at {on_cpu.run.precision or 'fp32'}: "
                             f"~{on_cpu.run.latency_ms:,.0f} ms per query (estimate)")
        f.one_off_usd = hours * rental.usd_per_hour
        f.monthly_usd = (profile.reindex_per_month or 0.0) * hours * rental.usd_per_hour
        f.cost_basis.append(f"queries run on a CPU server (not counted: {table.assumption('cpu_vm_month').get('note')}); "
                            f"the index is built on a rented {rental.instance} in "
                            f"~{human_duration(hours)} = ${f.one_off_usd:,.2f} once (${rental.usd_per_hour:g}/h, "
                            f"{rental.provider} on-demand, as of {rental.as_of.isoformat()})")
    f.caveats.append(f"needs a rented GPU: ~${f.first_month_usd:,.2f} in the first month ({rental.instance})")
    _budget_check(f, profile, "a rented GPU")
    if f.violations and codes <= MACHINE_SPEED and cpu.cores_assumed:   # stated cores: their speed is a fact
        return _slow_on_assumed_machine(on_cpu, f)
    return f


# Misses that scale with the machine's cores: on assumed cores they are a guess, not a known fact.
MACHINE_SPEED = frozenset({"encode_window", "stream", "cpu_throughput"})


def _slow_on_assumed_machine(on_cpu: Feasibility, on_rent: Feasibility) -> Feasibility:
    """Too slow on the assumed CPU and a rented GPU is over the budget: the machine's size was our guess (more cores
    may well do), so the model is kept, flagged and penalised (``needs_gpu``), with both numbers said."""
    slow = "; ".join(v.message for v in on_cpu.violations)
    over = "; ".join(v.message for v in on_rent.violations)
    on_cpu.violations = []
    on_cpu.needs_gpu = True
    on_cpu.caveats.append(f"slow on an assumed machine: {slow}; renting a GPU is over budget ({over}); it needs more CPU "
                          "cores or a GPU of your own: tell me your hardware")
    return on_cpu


__all__ = ["needs_gpu", "rented"]
