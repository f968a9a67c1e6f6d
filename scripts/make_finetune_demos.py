"""Generate the two fine-tune demo samples (agents/trial/samples/finetune_codes and finetune_plain).

Recipe (deterministic, seed 15): a tool maker's service manual with 20 power tools x 6 topics
(battery, warranty, cleaning, safety, spare parts, noise) = 120 short documents. Each document
names its tool in plain words and never its internal product code.

- ``finetune_codes``: each query names the tool by its internal product code (e.g. "KV418 battery
  swap"), jargon a general model cannot know; only training pairs teach that KV418 is the cordless
  drill. A fine-tune should help significantly on held-out documents (other topics of the same tools).
- ``finetune_plain``: the same documents, each query names the tool in plain words ("how do I change
  the battery on the cordless drill"). all-MiniLM-L6-v2 is already near the ceiling; a fine-tune has
  little to add.

Run: ``python scripts/make_finetune_demos.py`` (rewrites both folders; the output is committed).
Texts are written by the Embedding Advisor team from templates: CC0-1.0.
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "agents" / "trial" / "samples"
SEED = 15

TOOLS = ["cordless drill", "angle grinder", "circular saw", "jigsaw", "orbital sander", "heat gun",
         "pressure washer", "leaf blower", "hedge trimmer", "lawn mower", "chainsaw", "wet vacuum",
         "air compressor", "tile cutter", "rotary hammer", "impact driver", "bench grinder", "belt sander",
         "nail gun", "paint sprayer"]

# topic: (title, body template, plain-query templates, code-query templates); {t} = tool, {c} = code.
TOPICS = {
    "battery": ("Battery replacement",
                "To replace the battery of the {t}, switch it off, press the release latch and slide the pack out. "
                "The {t} takes the {v}-volt pack; a full charge takes about {n} minutes.",
                ["how do I change the battery on the {t}", "{t} battery replacement"],
                ["{c} battery swap", "how to change the pack on a {c}"]),
    "warranty": ("Warranty",
                 "The {t} is covered for {n} years against defects in materials and workmanship. Keep the "
                 "receipt; wear parts such as blades and brushes are not covered.",
                 ["how long is the warranty on the {t}", "{t} guarantee period"],
                 ["{c} warranty length", "is my {c} still under guarantee"]),
    "cleaning": ("Cleaning and care",
                 "Clean the {t} after each use: unplug it, blow dust out of the vents and wipe the housing with a "
                 "dry cloth. Never use solvents; check the vents every {n} hours of use.",
                 ["how should I clean the {t}", "{t} cleaning instructions"],
                 ["{c} cleaning", "how do I keep the {c} clean"]),
    "safety": ("Safety warnings",
               "Wear eye and hearing protection when using the {t}. Keep hands clear of moving parts, secure the "
               "work piece and keep children at least {n} metres away.",
               ["safety rules for the {t}", "what protection do I need for the {t}"],
               ["{c} safety", "protective gear for the {c}"]),
    "parts": ("Spare parts",
              "Spare parts for the {t} (brushes, switches, guards and cables) are listed under part group {n}. "
              "Order them from an authorised service centre and quote the serial number.",
              ["where can I get spare parts for the {t}", "{t} replacement parts"],
              ["{c} spares", "ordering parts for a {c}"]),
    "noise": ("Noise and vibration",
              "The {t} has a sound pressure level of about {v} dB(A) and vibration of {n} m/s². Limit daily "
              "exposure and take breaks on long jobs.",
              ["how loud is the {t}", "{t} noise level and vibration"],
              ["{c} noise level", "how much does the {c} vibrate"]),
}


def _codes(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        code = "".join(rng.choices(string.ascii_uppercase, k=2)) + str(rng.randint(100, 999))
        if code not in out:
            out.append(code)
    return out


def build() -> dict[str, tuple[list[dict], list[dict]]]:
    rng = random.Random(SEED)
    codes = _codes(rng, len(TOOLS))
    docs: list[dict] = []
    plain: list[dict] = []
    coded: list[dict] = []
    for tool, code in zip(TOOLS, codes, strict=True):
        for topic, (title, body, plain_q, code_q) in TOPICS.items():
            doc_id = f"{tool.replace(' ', '-')}-{topic}"
            docs.append({"id": doc_id, "title": f"{tool.capitalize()} — {title}",
                         "text": body.format(t=tool, n=rng.randint(2, 9), v=rng.choice((12, 18, 36, 85, 92, 98)))})
            k = rng.randrange(2)
            plain.append({"query": plain_q[k].format(t=tool), "relevant": [doc_id]})
            coded.append({"query": code_q[k].format(c=code), "relevant": [doc_id]})
    return {"finetune_codes": (docs, coded), "finetune_plain": (docs, plain)}


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def main() -> None:
    for name, (docs, queries) in build().items():
        folder = OUT / name
        folder.mkdir(parents=True, exist_ok=True)
        _write(folder / "docs.jsonl", docs)
        _write(folder / "queries.jsonl", queries)
        (folder / "README.md").write_text(
            f"# {name}\n\nGenerated by `scripts/make_finetune_demos.py` (seed {SEED}; see its docstring for the "
            "recipe). Written by the Embedding Advisor team, CC0-1.0 (see ../LICENSE).\n", encoding="utf-8")
        print(f"{folder}: {len(docs)} documents, {len(queries)} queries")


if __name__ == "__main__":
    main()
