"""Turning one MTEB registry row (plus its benchmark results) into a card dictionary with its sources.

The mapping follows ``knowledge/schema.py`` field by field. Values that the registry states are
attributed to the registry source; values derived from them (memory, commercial use, the
multilingual flag) say so in that source's note. Nothing is filled in that the registry lacks.
"""

from __future__ import annotations

import datetime as dt
import re

from knowledge.importer_snapshot import (
    REGISTRY_AS_OF,
    REGISTRY_COMMIT,
    REGISTRY_DATASET,
    RESULTS_AS_OF,
    RESULTS_COMMIT,
    RESULTS_DATASET,
)
from knowledge.languages import to_iso639_1
from knowledge.schema import FACT_FIELDS, Card, Instructions, licence_family

# Broadly multilingual: at least this many natural languages declared (or verified by a correction).
MULTILINGUAL_MIN_LANGUAGES = 10
MODALITY_ORDER = ("text", "code", "image", "audio", "video")
# Human names for API vendor prefixes; other orgs are the Hugging Face organisation as registered.
PROVIDER_NAMES = {
    "openai": "OpenAI", "voyageai": "Voyage AI", "Cohere": "Cohere", "cohere": "Cohere", "google": "Google",
    "bedrock": "Amazon Bedrock", "amazon": "Amazon",
}
# Registry framework names that document an integration a user can rely on (adoption signal).
INTEGRATIONS = {"Sentence Transformers": "sentence-transformers", "Transformers": "transformers", "ONNX": "onnx",
                "GGUF": "gguf", "OpenVINO": "openvino", "PyLate": "pylate"}
_BASELINE = re.compile(r"^(baseline/|mteb/baseline-)")
_VARIANT = re.compile(r"^(?P<base>[^ ]+) \((?P<variant>.+)\)$")
_CARD_ORDER = tuple(Card.model_fields)


def base_id(name: str) -> str | None:
    """The model a variant id such as ``openai/text-embedding-3-small (embed_dim=512)`` belongs to."""
    m = _VARIANT.match(name)
    return m.group("base") if m else None


def slug(name: str) -> str:
    """A filesystem-safe file stem for a model id: ``BAAI/bge-m3`` -> ``BAAI__bge-m3``."""
    m = _VARIANT.match(name)
    base, variant = (m.group("base"), m.group("variant")) if m else (name, "")
    stem = "__".join(re.sub(r"[^A-Za-z0-9._-]+", "_", part).strip("_") for part in base.split("/"))
    if variant:
        stem += "__" + re.sub(r"[^A-Za-z0-9._-]+", "_", variant).strip("_")
    return stem


def commercial_use_of(license_id: str | None) -> bool | None:
    """Commercial use as far as the licence id alone settles it: permissive -> True, any -nc -> False."""
    family = licence_family(license_id)
    if family == "non-commercial":
        return False
    if family == "permissive":
        return True
    return None  # custom licence, terms page or none: unknown unless a correction verified the terms


def split_languages(codes: list[str] | None) -> tuple[list[str], list[str]]:
    """Registry codes -> (sorted ISO 639-1 natural languages, sorted programming languages)."""
    natural: set[str] = set()
    programming: set[str] = set()
    for code in codes or []:
        if code.endswith("-Code"):
            programming.add(code[: -len("-Code")])
        else:
            natural.add(to_iso639_1(code))
    return sorted(natural), sorted(programming)


def ordered_modalities(modalities: set[str]) -> list[str]:
    return [m for m in MODALITY_ORDER if m in modalities]


def card_from_registry(row: dict, benchmarks: dict[str, dict]) -> tuple[dict, dict[str, list[str]]]:
    """Card fields for one registry row, and the fact fields each of the two snapshot sources backs.

    Returns ``(fields, backing)`` where ``backing`` maps ``"registry"``/``"results"`` to field names.
    """
    name = row["name"]
    open_weights = bool(row["open_weights"])
    natural, programming = split_languages(row.get("languages"))
    dims = row.get("embed_dim")
    dims = [d for d in (dims if isinstance(dims, list) else [dims]) if isinstance(d, int) and d > 0]
    n_params = row.get("n_parameters") or None  # 0 is the registry's placeholder for "not a neural model"
    modalities = set(row.get("modalities") or [])
    if programming:
        modalities.add("code")
    license_id = _license(row.get("license"))
    fields: dict = {
        "id": name,
        "provider": PROVIDER_NAMES.get(row["org"], row["org"]),
        "variant_of": base_id(name),
        "open_weights": open_weights,
        "license": license_id,
        "commercial_use": commercial_use_of(license_id),
        "n_parameters": n_params,
        "n_embedding_parameters": row.get("n_embedding_parameters") or None,
        "memory_gb": memory_of(n_params),
        "embed_dim": max(dims) if dims else None,
        "matryoshka_dims": sorted(set(dims), reverse=True) if len(dims) > 1 else [],
        "max_tokens": None if row.get("max_tokens_unbounded") else row.get("max_tokens"),
        "languages": natural,
        "multilingual": len(natural) >= MULTILINGUAL_MIN_LANGUAGES,
        "programming_languages": programming,
        "modalities": ordered_modalities(modalities),
        "model_type": _model_type(row.get("model_type")),
        "similarity": _similarity(row.get("similarity_fn_name")),
        "instructions": _instructions(row),
        "sentence_transformers": _sentence_transformers(row, open_weights),
        "release_date": dt.date.fromisoformat(row["release_date"]) if row.get("release_date") else None,
        "adoption": None,
        "training_datasets": sorted(set(row["training_datasets"])) if row.get("training_datasets") is not None else None,
        "summary": _baseline_summary(row),
        "benchmarks": benchmarks,
        "reference": row.get("reference"),
        "hf_id": _hf_id(row),
        "revision": row.get("revision"),
    }
    registry_adoption = _registry_adoption(row)
    fields["adoption"] = {**registry_adoption, "benchmarks_evaluated": len(row.get("benchmarks_with_any_results") or [])}
    backing = {
        "registry": [f for f in FACT_FIELDS if f not in ("benchmarks", "pricing", "adoption")
                     and _is_set(fields.get(f), f)] + (["adoption"] if registry_adoption else []),
        "results": ["benchmarks", "adoption"] if benchmarks else ["adoption"],
    }
    backing["registry"] = [f for f in FACT_FIELDS if f in backing["registry"]]
    return fields, backing


def _registry_adoption(row: dict) -> dict:
    """The adoption parts the registry row states: public training code/data URLs, framework integrations."""
    out: dict = {}
    for key in ("public_training_code", "public_training_data"):
        value = row.get(key)
        if isinstance(value, str) and value.startswith("http"):
            out[key] = value
    integrations = sorted({INTEGRATIONS[f] for f in row.get("framework") or [] if f in INTEGRATIONS})
    if integrations:
        out["integrations"] = integrations
    return out


def snapshot_sources(row: dict, backing: dict[str, list[str]]) -> list[dict]:
    """Source entries for the registry and the results repository (only those that back a field)."""
    registry_file = row.get("source", "").split(" ", 1)[-1] or "mteb registry"
    notes = [f"registry entry: {registry_file}"]
    if "memory_gb" in backing["registry"]:
        notes.append("memory_gb derived from n_parameters (fp32 = 4 bytes, fp16 = 2 bytes per parameter)")
    if "commercial_use" in backing["registry"]:
        notes.append("commercial_use derived from the licence id")
    if "multilingual" in backing["registry"]:
        notes.append(f"multilingual = at least {MULTILINGUAL_MIN_LANGUAGES} declared languages")
    if row.get("max_tokens_unbounded"):
        notes.append("max_tokens_unbounded: static model without a length limit")
    if (row.get("model_type") or []) == ["dense", "sparse"]:
        notes.append("model_type registered as dense+sparse, shown as hybrid")
    if "adoption" in backing["registry"]:
        notes.append("adoption: public training code/data URLs and integrations (framework list) as registered")
    sources = []
    if backing["registry"]:
        sources.append({"fields": backing["registry"], "dataset": REGISTRY_DATASET, "commit": REGISTRY_COMMIT,
                        "as_of": dt.date.fromisoformat(REGISTRY_AS_OF), "note": "; ".join(notes)})
    if backing["results"]:
        note = ("leaderboard aggregation of the results repository (mteb's own code); scores x100; "
                if "benchmarks" in backing["results"] else "")
        sources.append({"fields": backing["results"], "dataset": RESULTS_DATASET, "commit": RESULTS_COMMIT,
                        "as_of": dt.date.fromisoformat(RESULTS_AS_OF),
                        "note": note + "adoption.benchmarks_evaluated = benchmarks with any result in the snapshot"})
    return sources


def ordered(fields: dict) -> dict:
    """The card in schema field order, without empty optional values (they read as unknown)."""
    keep_empty = {"license", "commercial_use", "n_parameters", "embed_dim", "max_tokens"}
    out = {}
    for key in _CARD_ORDER:
        value = fields.get(key)
        if key in keep_empty or key in ("id", "open_weights", "modalities", "sources"):
            out[key] = value
        elif key == "domains":
            out[key] = value or ["general"]
        elif key == "multilingual" or value not in (None, [], {}, ""):
            out[key] = value
    return out


def _is_set(value, field: str) -> bool:
    if field == "domains":
        return bool(value) and value != ["general"]
    if field == "multilingual":
        return bool(value)
    return value not in (None, [], {}, "")


def _license(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    return value if value.startswith("http") else value.lower()


def memory_of(n_params: int | None) -> dict | None:
    """Weights memory in GB at fp32 and fp16, derived from the parameter count."""
    if not n_params:
        return None
    return {"fp32": round(n_params * 4 / 1e9, 4) or None, "fp16": round(n_params * 2 / 1e9, 4) or None}


def _model_type(types: list[str] | None) -> str | None:
    if not types:
        return None
    if sorted(types) == ["dense", "sparse"]:
        return "hybrid"
    return types[0] if len(types) == 1 else None


def _similarity(name: str | None) -> str | None:
    if not name:
        return None
    return {"MaxSim": "max_sim"}.get(name, name.lower())


_TASK_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def _is_text_prefix(prompt: str) -> bool:
    # mteb also stores task/prompt *names* (e.g. "RETRIEVAL_QUERY", "retrieval.query", "search_query")
    # that an API or the model's own loader maps to its input format; they are not text to prepend.
    return not _TASK_NAME.match(prompt)


def _instructions(row: dict) -> dict | None:
    prompts = row.get("prompts") or {}
    query = prompts.get("query") or prompts.get("Retrieval-query")
    document = prompts.get("document") or prompts.get("Retrieval-document")
    out: dict = {"required": row.get("use_instructions")}
    notes = []
    for side, prompt in (("query", query), ("document", document)):
        if prompt is None:
            continue
        if _is_text_prefix(prompt):
            out[f"{side}_prefix"] = prompt
        else:
            notes.append(f"{side}: task/prompt name {prompt!r} (passed to the model's loader or API, not literal text)")
    template = row.get("instruction_template")
    if template:
        out["instruction_template"] = template
        if row.get("instruction_template_rendered"):
            notes.append("template rendered from mteb's query-side function")
        if row.get("apply_instruction_to_passages") is False:
            notes.append("instruction on queries only")
    if row.get("query_prefix") and "query_prefix" not in out:
        out["query_prefix"] = row["query_prefix"]
    others = {k: v for k, v in prompts.items()
              if k not in ("query", "document", "Retrieval-query", "Retrieval-document")}
    if others:
        notes.append("task prompts: " + ", ".join(f"{k}={v!r}" for k, v in sorted(others.items())))
    if row.get("n_task_specific_prompts"):
        notes.append(f"plus {row['n_task_specific_prompts']} task-specific prompts in mteb")
    if notes:
        out["notes"] = "; ".join(notes)
    return {k: out[k] for k in Instructions.model_fields if out.get(k) is not None} or None


def _sentence_transformers(row: dict, open_weights: bool) -> bool | None:
    framework = row.get("framework") or []
    if "Sentence Transformers" in framework:
        return True
    if not open_weights or framework == ["API"]:
        return False
    return None  # not declared: may still load, so leave unknown rather than say no


def _hf_id(row: dict) -> str | None:
    # The registry names open models by their Hugging Face repo id, except baselines and the few
    # models distributed through GitHub or TF Hub.
    if not row["open_weights"] or _BASELINE.match(row["name"]) or base_id(row["name"]):
        return None
    if re.match(r"https?://(github\.com|tfhub\.dev)/", row.get("reference") or ""):
        return None
    return row["name"]


def _baseline_summary(row: dict) -> str | None:
    if not _BASELINE.match(row["name"]):
        return None
    return "An MTEB reference baseline (not a trained embedding model to deploy); listed for comparison only."
