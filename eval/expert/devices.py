"""The expert judge's own hardware table and throughput constants, each with its source.

Written for eval/expert only (it shares nothing with agents/). Numbers are deliberately generous: the
judge rejects a pick only when a seasoned engineer would reject it at a glance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# --- reference throughput ---------------------------------------------------------------------------
# CPU: all-MiniLM-L6-v2 (packaged weights), torch on CPU, batch 32, 60-word documents: ~4,000 tokens/s on
# the 2-core build machine (../shared/NOTES.md, "Encoding speed", measured 2026-11). Parameter count
# 22,713,216 from its card (knowledge/cards/mteb/sentence-transformers__all-MiniLM-L6-v2.yaml, mteb
# registry a905523). Cost per token grows about linearly with the parameter count (NOTES.md); counting
# the embedding matrix as compute makes big models look relatively *faster* - generous, as intended.
REF_CPU_TOKENS_PER_S = 4_000.0
REF_CPU_CORES = 2
REF_PARAMS = 22_713_216
# Generous: int8 / ONNX runtimes and newer cores than the shared build machine (a "x2 margin").
CPU_OPTIMISM = 2.0
# GPU: a forward pass costs at least ~2 FLOPs per parameter per token, so tokens/s <= peak FLOP/s / (2 x
# params). The judge assumes the *peak* dense fp16 tensor rate is reached (real encoders reach well under
# half of it: sbert.net's 14,200 sentences/s for all-MiniLM-L6-v2 on a V100 is ~10 % of the V100's
# 125 TFLOPS at ~20 tokens a sentence, https://www.sbert.net/docs/sentence_transformer/pretrained_models.html).
GPU_UTILISATION = 1.0
# The "strict" estimate (used only to accept an exclusion as resting on known facts): 8x slower than the
# generous one - a careful engineer's pessimistic but plausible figure.
STRICT_SLOWDOWN = 8.0

# Working memory on top of the weights (activations, tokenizer, runtime): small, generous.
WORK_FACTOR = 1.2
STRICT_WORK_FACTOR = 1.5
BYTES_GPU = 2.0        # fp16/bf16 on a GPU
BYTES_CPU = 1.0        # int8 on a CPU is allowed (generous)
STRICT_BYTES_CPU = 4.0  # fp32, the default of sentence-transformers on a CPU

# A hosted API call is one HTTPS round trip plus inference. Assumption, not a measurement: 50 ms is a
# generous floor (providers do not publish latency guarantees for embeddings).
API_LATENCY_FLOOR_MS = 50.0
QUERY_TOKENS = 16       # a short query (generous)
STRICT_QUERY_TOKENS = 32

# Self-hosting without own hardware (the user states a monthly budget and no device): a model whose int8
# weights (+20 %) fit in 16 GB is assumed to serve queries from an ordinary CPU VM at no cost (generous);
# a bigger one needs rented GPUs around the clock. A100 rental in 2026: $0.65-0.90/GPU-hour spot,
# $1.80-2.25 on demand (https://www.yobitel.com/knowledge-base/nvidia-a100, as of 2026-11-30).
CPU_SERVABLE_GB = 16.0
RENT_GPU_MEMORY_GB = 80.0
RENT_GPU_USD_PER_HOUR = 0.65
STRICT_RENT_GPU_USD_PER_HOUR = 1.80
HOURS_PER_MONTH = 730

# A model released less than this many days before the evaluation date has no track record of its own yet.
NEWCOMER_DAYS = 182
AS_OF = "2026-11-30"

# Per-item token equivalents for non-text corpora.
# Images: a ViT-B/16 at 224 px sees 14 x 14 = 196 patches (larger models and resolutions see more).
IMAGE_TOKENS = 196
# Audio: wav2vec 2.0-style encoders emit one frame per 20 ms, i.e. 50 per second (Baevski et al. 2020,
# https://arxiv.org/abs/2006.11477); clips of unknown length are taken as 10 s.
AUDIO_TOKENS_PER_S = 50
AUDIO_DEFAULT_S = 10
DEFAULT_DOC_TOKENS = 500


@dataclass(frozen=True)
class Device:
    """One named device: memory, peak throughput and where the numbers come from."""

    key: str
    kind: Literal["gpu", "cpu"]
    memory_gb: float | None          # VRAM (gpu) or typical RAM (cpu); None = the user says
    peak_fp16_tflops: float | None   # gpu: dense fp16 tensor peak
    cores: int | None                # cpu: default core count
    core_factor: float               # cpu: one core's speed relative to a build-machine core
    source: str


_AS_OF = "as of 2026-11-30"
DEVICES: dict[str, Device] = {d.key: d for d in (
    Device("t4", "gpu", 16, 65, None, 1.0,
           "16 GB GDDR6, 65 TFLOPS FP16: "
           "https://networkoutlet.com/blogs/articles/nvidia-tesla-t4-16gb-gpu-specs-performance-use-cases, "
           "https://sysrqmts.com/en/gpus/nvidia/tesla/t4 " + _AS_OF),
    Device("l4", "gpu", 24, 121, None, 1.0,
           "24 GB GDDR6, 242 TFLOPS FP16 tensor with sparsity = 121 dense: https://grokipedia.com/page/NVIDIA_L4_vs_L40S, "
           "https://aiwiki.ai/wiki/nvidia_l4 " + _AS_OF),
    Device("a10", "gpu", 24, 125, None, 1.0,
           "24 GB, 125 TFLOPS FP16 tensor: https://www.nucleusbox.com/choose-gpu-for-llms-t4-a10-a100 " + _AS_OF),
    # AWS's A10G shares the A10's 24 GB but has less tensor compute (baseten); the A10 figure is generous.
    Device("a10g", "gpu", 24, 125, None, 1.0,
           "24 GB per GPU on g5 instances: https://gist.github.com/shashankprasanna/10ebe6dc1ba1d8d93db17da4e2cc890e; "
           "A10 vs A10G: https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/ " + _AS_OF),
    Device("rtx-3090", "gpu", 24, 142, None, 1.0,
           "24 GB GDDR6X, FP16 142 TFLOPS (285 sparse): "
           "https://holynerdvana.blogspot.com/2022/10/nvidia-geforce-rtx-3090-specifications.html " + _AS_OF),
    Device("rtx-4090", "gpu", 24, 165, None, 1.0,
           "24 GB GDDR6X, FP16 tensor 165 TFLOPS (330 sparse): https://waredb.com/processor/nvidia-geforce-rtx-4090 " + _AS_OF),
    Device("v100", "gpu", 16, 125, None, 1.0,
           "16 or 32 GB HBM2 (https://www.elprocus.com/nvidia-tesla-v100), 125 tensor TFLOPS: "
           "https://developer.nvidia.com/programming-tensor-cores-cuda-9-0 " + _AS_OF),
    Device("a100-40", "gpu", 40, 312, None, 1.0,
           "40 GB HBM2, FP16 tensor 312 TFLOPS dense: https://glennklockwood.com/garden/processors/A100 " + _AS_OF),
    Device("a100-80", "gpu", 80, 312, None, 1.0,
           "80 GB HBM2e, same FLOPS as the 40 GB part: https://glennklockwood.com/garden/processors/A100 " + _AS_OF),
    Device("h100", "gpu", 80, 989, None, 1.0,
           "80 GB HBM3, FP16 tensor 989.4 TFLOPS dense (SXM): https://glennklockwood.com/garden/processors/h100 " + _AS_OF),
    # Apple silicon: unified memory is whatever the user has (M2 Pro/Max up to 32/96 GB). GPU: 10.4 TFLOPS
    # is the M1 Max's published figure - generous for base M chips, modest for Ultra ones.
    Device("apple-m", "gpu", None, 10.4, None, 1.0,
           "M1 Pro 5.2 / M1 Max 10.4 TFLOPS: https://wccftech.com/"
           "apple-unveils-m1-max-m1-pro-5nm-socs-up-to-10-cpu-cores-high-end-gaming-laptop-gpu/; "
           "M2 Max up to 96 GB unified memory: "
           "https://www.trustedreviews.com/explainer/what-is-the-apple-m2-max-4295791 " + _AS_OF),
    # CPUs. Core counts are assumptions (the user's own figure wins); a rack server has far more than 2 cores.
    Device("server", "cpu", None, None, 16, 1.0, "assumption: a CPU server has >= 16 cores (generous)"),
    Device("laptop", "cpu", 16, None, 8, 1.0, "assumption: a laptop has 8 cores and 8-16 GB RAM (the issue's table; 16 taken)"),
    Device("nuc", "cpu", None, None, 4, 1.0, "assumption: a mini PC has 4 desktop-class cores"),
    # Raspberry Pi 4: 4x Cortex-A72 at 1.5-1.8 GHz, 1/2/4/8 GB LPDDR4. An A72 core has one 128-bit NEON unit
    # against two 256-bit FMA units on a desktop core; a quarter of a build-machine core is generous.
    Device("rpi4", "cpu", 4, None, 4, 0.25,
           "4x Cortex-A72, 1/2/4/8 GB: https://wikiless.lunar.icu/w/index.php?lang=en&oldid=1178603961&title=Raspberry_Pi_4; "
           "core factor 0.25 is an assumption " + _AS_OF),
    Device("phone", "cpu", None, None, 4, 0.5, "assumption: 4 performance cores at half a desktop core each"),
)}

_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\b(rtx\s*)?4090\b", "rtx-4090"),
    (r"\b(rtx\s*)?3090\b", "rtx-3090"),
    (r"\bh100\b", "h100"),
    (r"\ba100\b.*\b80\s*g", "a100-80"),
    (r"\ba100[-\s]?80\b", "a100-80"),
    (r"\ba100\b", "a100-40"),
    (r"\ba10g\b|\bg5\b", "a10g"),
    (r"\ba10\b", "a10"),
    (r"\bl4\b", "l4"),
    (r"\bt4\b", "t4"),
    (r"\bv100\b", "v100"),
    (r"\b(apple|macbook|mac\s*studio|mac\s*mini|m[1-4](\s*(pro|max|ultra))?)\b", "apple-m"),
    (r"raspberry|\brpi\s*4?\b|\bpi\s*4\b", "rpi4"),
    (r"\b(phone|iphone|android|ios)\b", "phone"),
    (r"\bnuc\b|mini\s*pc", "nuc"),
    (r"\blaptop\b|notebook", "laptop"),
    (r"\bserver\b|\bcpu\b", "server"),
)


def lookup(name: str | None) -> Device | None:
    """The device a free-text name refers to ("RTX 4090", "A100 80GB", "raspberry pi 4"), or None."""
    if not name:
        return None
    key = name.strip().lower()
    if key in DEVICES:
        return DEVICES[key]
    text = re.sub(r"\b(nvidia|geforce|tesla)\b", " ", key).replace("_", " ")
    for pattern, dev in _PATTERNS:
        if re.search(pattern, text):
            return DEVICES[dev]
    return None
