"""An independent re-check of a pick's feasibility, written from docs/advisor.md without agents.decide.

It reads the same data (the hardware table, the speed calibration, the card facts) but none of the
advisor's code: if the two disagree about whether a pick can run for a user, one of them is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from knowledge.schema import Card

ROOT = Path(__file__).resolve().parents[3]
HW = yaml.safe_load((ROOT / "knowledge" / "hardware.yaml").read_text(encoding="utf-8"))
CAL = json.loads((ROOT / "agents" / "decide" / "footprint_calibration.json").read_text(encoding="utf-8"))
OVERHEAD, LOOSE, QUERY, MONTH = 1.5, 2.0, 32, 30 * 86_400
NEEDS = {"text": {"text"}, "code": {"text"}, "image": {"image"}, "audio": {"audio"}, "multimodal": {"text", "image"}}


def gpu_tps(params: float) -> float:
    """Tokens/s on the reference V100: seconds per token of the small measured model, plus 2 FLOPs per extra
    parameter at the measured transformer-layer TFLOPS."""
    g = CAL["gpu_reference"]
    seconds = 1 / (g["sentences_per_s"] * g["assumed_tokens_per_sentence"])
    seconds += 2 * (params - CAL["n_parameters"]) / (g["layer_tflops"] * 1e12)
    return 1 / seconds


def speed_params(card: Card) -> int | None:
    """Parameters that cost compute per token (docs/advisor.md): a token table of more than 30,522 rows of
    ``embed_dim`` counts as 30,522 rows; memory still counts every parameter."""
    n, table, dim = card.n_parameters, card.n_embedding_parameters, card.embed_dim
    if n and table and dim and table > 30_522 * dim:
        return n - table + 30_522 * dim
    return n


def _machine(p: dict[str, Any]) -> dict[str, Any]:
    """kind, memory, cores, gpu speed (vs V100), board speed, as the docs define the defaults."""
    devices, ref = HW["devices"], HW["devices"][HW["reference_gpu"]]["fp16_tensor_tflops"]
    a = HW["assumptions"]
    dev = devices.get(p.get("device") or "")
    if dev is None and p.get("hardware") == "gpu":
        dev = devices[a["gpu"]["device"]]
    if dev is None and p.get("hardware") is None:
        m = {"kind": "cpu", "memory": a["server"]["memory_gb"], "cores": a["server"]["cpu_cores"],
             "assumed": p.get("memory_gb") is None, "cores_assumed": True}   # a stated memory is a fact even without a machine
    else:
        kind = dev["kind"] if dev else "cpu"
        # a device sold in several sizes, which one not given: a model that fits the largest is not ruled out
        memory = max(dev["memory_gb"]) if dev and dev["memory_gb"] else a["cpu_memory_gb"]["value"]
        cores = (dev or {}).get("cpu_cores") or a["cpu_cores"]["value"]
        m = {"kind": kind, "memory": memory, "cores": cores, "assumed": False,
             "cores_assumed": kind == "cpu" and not (dev or {}).get("cpu_cores")}
        tflops = (dev or {}).get("fp16_tensor_tflops") or devices[a["gpu"]["device"]]["fp16_tensor_tflops"]
        m["gpu"] = tflops / ref
        if kind == "edge":
            m["board"] = dev.get("cpu_speed_vs_reference") or min(
                d["cpu_speed_vs_reference"] for d in devices.values() if d.get("cpu_speed_vs_reference"))
    if p.get("memory_gb") is not None:
        m["memory"] = p["memory_gb"]
    if p.get("cpu_cores") is not None:
        m["cores"] = p["cpu_cores"]
        m["cores_assumed"] = False
    # "CPU only" with no cores, memory or device: the machine's size is as much a guess as no hardware at all
    m["assumed"] = m["assumed"] or (dev is None and m["kind"] == "cpu" and m["cores_assumed"]
                                    and p.get("memory_gb") is None)
    return m


def _runs(card: Card, p: dict[str, Any], m: dict[str, Any]) -> list[str]:
    bad: list[str] = []
    params = card.n_parameters
    gpu = m["kind"] == "gpu"
    if gpu:
        weights = (card.memory_gb.fp16 if card.memory_gb and card.memory_gb.fp16 else None) or (params and params * 2 / 1e9)
    else:
        weights = (card.memory_gb.fp32 if card.memory_gb and card.memory_gb.fp32 else None) or (params and params * 4 / 1e9)
        if weights and params and weights * OVERHEAD > m["memory"]:
            weights = params / 1e9
    if weights and weights * OVERHEAD > m["memory"]:
        return [f"memory {weights * OVERHEAD:.1f} > {m['memory']}"]
    if not params:
        return bad
    ratio = speed_params(card) / CAL["n_parameters"]
    if gpu:
        tps = gpu_tps(speed_params(card)) * m["gpu"]
        latency = 1000 * QUERY / tps
    else:
        tps = CAL["cpu_tokens_per_s"] / ratio * (m["board"] if "board" in m else m["cores"] / CAL["machine"]["cpus"])
        latency = (CAL["query"]["glue_ms"] + CAL["query"]["forward_ms"] * ratio) / m.get("board", 1.0)
    gpus = (p.get("gpu_count") or 1) if gpu else 1     # the corpus and the query load split across GPUs; a query not
    if p.get("documents") and p.get("data_type") in (None, "text", "code", "image", "multimodal"):
        per_item = 196 if p.get("data_type") in ("image", "multimodal") else \
            (p.get("avg_doc_tokens") or HW["assumptions"]["doc_tokens"]["value"])    # an image = 14 x 14 ViT patches
        hours = p["documents"] * per_item / (tps * gpus) / 3600
        window = p.get("index_window_hours") or HW["assumptions"]["index_window_hours"]["value"]
        # GPU speeds are rough scalings, and so is a CPU speed on assumed cores: only a clear miss (docs); a
        # measured CPU speed on known cores is hard
        rough = gpu or m["kind"] == "unified" or m["cores_assumed"]
        if hours > window * (LOOSE if rough else 1.0):
            bad.append(f"encode {hours:.1f} h > {window} h")
    if p.get("ingest_per_day") and p.get("data_type") != "audio":   # a stream: a day's new items within a day
        per_item = 196 if p.get("data_type") in ("image", "multimodal") else \
            (p.get("avg_doc_tokens") or HW["assumptions"]["doc_tokens"]["value"])
        day = p["ingest_per_day"] * per_item / (tps * gpus) / 3600
        if day > 24 * (LOOSE if gpu or m["kind"] == "unified" or m["cores_assumed"] else 1.0):
            bad.append(f"stream {day:.1f} h a day")
    if p.get("latency_ms") and latency > LOOSE * p["latency_ms"]:
        bad.append(f"latency {latency:.0f} ms")
    if p.get("queries_per_second") and p["queries_per_second"] * QUERY > LOOSE * tps * gpus:
        bad.append("throughput")
    return bad


def _rental_machine(r: dict[str, Any]) -> dict[str, Any]:
    dev = HW["devices"][r["device"]]
    return {"kind": "gpu", "memory": max(dev["memory_gb"]), "cores": 8,
            "gpu": (dev.get("fp16_tensor_tflops") or HW["devices"][HW["assumptions"]["gpu"]["device"]]["fp16_tensor_tflops"])
            / HW["devices"][HW["reference_gpu"]]["fp16_tensor_tflops"]}


def _rentable(card: Card, p: dict[str, Any]) -> bool:
    return any(not _runs(card, p, _rental_machine(r)) for r in HW["rentals"].values())


def _rented_ok(card: Card, p: dict[str, Any], cpu_bad: list[str]) -> bool:
    """APIs allowed, a budget, no hardware: the cheapest rental that fits may host it within the budget."""
    rentals = sorted(HW["rentals"].values(), key=lambda r: r["usd_per_hour"])
    for r in rentals:
        m = _rental_machine(r)
        if _runs(card, p, m):
            continue
        all_month = any(b.startswith(("memory", "latency", "throughput")) for b in cpu_bad)
        if all_month:
            cost = r["usd_per_hour"] * 730
        else:
            tps = gpu_tps(speed_params(card)) * m["gpu"]
            tokens = (p.get("documents") or 0) * (p.get("avg_doc_tokens") or HW["assumptions"]["doc_tokens"]["value"])
            # the initial index, plus the user's re-indexes a month, or else one planned re-index
            cost = tokens / tps / 3600 * r["usd_per_hour"] * (1 + (p.get("reindex_per_month") or 1))
        return cost <= p["budget_usd_month"] + 0.01
    return False


def violations(card: Card, p: dict[str, Any]) -> list[str]:
    """Every documented hard rule ``card`` breaks for profile dict ``p`` (a missing fact breaks nothing)."""
    bad: list[str] = []
    if card.model_type == "cross-encoder" or card.id.startswith(("baseline/", "mteb/baseline-")):
        bad.append("not deployable")
    if not NEEDS.get(p.get("data_type") or "", set()) <= set(card.modalities):
        bad.append("modality")
    if p.get("privacy") == "local_only" and not card.open_weights:
        bad.append("privacy")
    if p.get("commercial_use") is not False and card.commercial_use is False:   # not given = commercial assumed
        bad.append("licence")
    stated = set(card.languages)
    if stated and card.__dict__.get("languages_exhaustive") is not False and not set(p.get("languages") or []) <= stated:
        bad.append("language")
    life = card.__dict__.get("lifecycle")
    if life is not None and life.status == "retired":
        bad.append("retired")
    if card.open_weights:
        m = _machine(p)
        run = _runs(card, p, m)
        # No hardware and no memory given: hardware never excludes; only the cost of a rental we can price counts.
        if run and m["assumed"]:
            priced = p.get("budget_usd_month") is not None and p.get("privacy") != "local_only" and _rentable(card, p)
            # only too slow on assumed cores (more cores may well do): kept, flagged "needs more cores or a GPU"
            speed_only = m["cores_assumed"] and all(b.startswith(("encode", "stream", "throughput")) for b in run)
            run = [] if not priced or speed_only or _rented_ok(card, p, run) else ["budget (rented GPU)"]
        bad += run
    elif card.pricing and card.pricing.usd_per_1m_tokens is not None and p.get("budget_usd_month") is not None \
            and p.get("data_type") in (None, "text", "code"):
        price = card.pricing.usd_per_1m_tokens / 1e6
        one_off = (p.get("documents") or 0) * (p.get("avg_doc_tokens") or HW["assumptions"]["doc_tokens"]["value"]) * price
        monthly = (p.get("queries_per_second") or 0) * MONTH * QUERY * price + (p.get("reindex_per_month") or 0) * one_off
        planned = 0 if p.get("reindex_per_month") else one_off   # one re-index is budgeted in the first month
        if one_off + monthly + planned > p["budget_usd_month"] + 0.01:
            bad.append("budget")
    return bad
