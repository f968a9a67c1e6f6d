"""Which candidate models can run here, with the prefixes their cards require; the rest are skipped.

A model is skipped (with the reason and the command that would enable it) when it would need a
download while offline, when it is an API model whose provider has no configured endpoint, or when
its card says it is not a dense text embedding model.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from agents.trial.api import ApiEndpoint
from knowledge.cards import Catalog, UnknownModelError
from knowledge.embedding import PACKAGED_ID, is_local, packaged_model_path, resolve_model
from knowledge.schema import Card

log = logging.getLogger(__name__)

# Used for instruction templates such as "Instruct: {instruction}\nQuery: " (e5-mistral style).
DEFAULT_TASK_INSTRUCTION = "Given a web search query, retrieve relevant passages that answer the query"
_API_PREFIXES = ("openai/", "text-embedding-")


@dataclass(frozen=True)
class CandidateSpec:
    """How to run one candidate."""

    model: str
    load_name: str
    kind: str = "local"  # local | api
    query_prefix: str | None = None  # None: the model's own configured prompt (or none)
    document_prefix: str | None = None
    prefix_source: str = "none"  # card | model config | none
    similarity: str = "cosine"
    matryoshka_dims: tuple[int, ...] = ()
    card_max_tokens: int | None = None
    endpoint: ApiEndpoint | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A model the trial did not run, why, and what would let it run.

    ``code`` says which kind of reason: ``download`` (weights not on this machine; ``load_name`` is what to fetch),
    ``api_key`` (an API model without a configured endpoint), ``unsupported`` (not a dense text model) or
    ``unknown`` (no such model id).
    """

    model: str
    reason: str
    enable: str | None = None
    code: str = "unsupported"
    load_name: str | None = None

    def to_dict(self) -> dict:
        return {"model": self.model, "reason": self.reason, "enable": self.enable, "code": self.code}


@dataclass
class Resolution:
    specs: list[CandidateSpec] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def find_card(model: str, catalog: Catalog | None) -> Card | None:
    """The card for a knowledge id or a Hugging Face id (matched on ``hf_id``), if the catalog has one."""
    if catalog is None:
        return None
    try:
        return catalog.get(model)
    except UnknownModelError:
        low = model.lower()
        return next((c for c in catalog if (c.hf_id or "").lower() == low), None)


def _prefixes(card: Card | None, task_instruction: str) -> tuple[str | None, str | None, str, list[str]]:
    notes: list[str] = []
    ins = card.instructions if card else None
    if ins is None:
        return None, None, "none", notes
    query, doc = ins.query_prefix, ins.document_prefix
    if ins.instruction_template:
        rendered = ins.instruction_template.replace("{instruction}", task_instruction)
        query = rendered if query is None or "{instruction}" in ins.instruction_template else query
        notes.append(f"query instruction: {rendered!r}")
    if query is None and doc is None:
        if ins.required:
            notes.append("the card says this model expects instructions but gives none; the model's own "
                          "configured prompts are used, if any")
        return None, None, "none", notes
    return query or "", doc or "", "card", notes


def _is_packaged(name: str) -> bool:
    try:
        return resolve_model(name) == packaged_model_path()
    except Exception:  # noqa: BLE001 - any resolution failure just means "not the packaged model"
        log.debug("%r does not resolve to a local model", name, exc_info=True)
        return False


def resolve_candidates(models: list[str], catalog: Catalog | None = None,
                       api: dict[str, ApiEndpoint] | None = None, offline: bool = True,
                       include_packaged: bool = True,
                       task_instruction: str = DEFAULT_TASK_INSTRUCTION) -> Resolution:
    """Turn requested model ids into runnable specs and skipped entries (order kept, duplicates removed)."""
    api = {k.lower(): v for k, v in (api or {}).items()}
    wanted = [m.strip() for m in models if m and m.strip()]
    if include_packaged and not any(_is_packaged(m) for m in wanted):
        wanted.insert(0, PACKAGED_ID)
    out = Resolution()
    seen: set[str] = set()
    for model in wanted:
        card = find_card(model, catalog)
        display = PACKAGED_ID if _is_packaged(model) else (card.id if card else model)
        if display.lower() in seen:
            continue
        seen.add(display.lower())
        item = _resolve_one(display, card, api, offline, task_instruction, catalog)
        (out.skipped if isinstance(item, Skipped) else out.specs).append(item)
    return out


def _resolve_one(model: str, card: Card | None, api: dict[str, ApiEndpoint], offline: bool,
                 task_instruction: str, catalog: Catalog | None) -> CandidateSpec | Skipped:
    if card is not None:
        if "text" not in card.modalities and "code" not in card.modalities:
            return Skipped(model, f"not a text model (modalities: {', '.join(card.modalities)})")
        if card.model_type not in (None, "dense"):
            return Skipped(model, f"a {card.model_type} model; the trial compares dense embedding models")
    query, doc, source, notes = _prefixes(card, task_instruction)
    common = dict(query_prefix=query, document_prefix=doc, prefix_source=source,
                  similarity=(card.similarity if card and card.similarity else "cosine"),
                  matryoshka_dims=tuple(card.matryoshka_dims) if card else (),
                  card_max_tokens=card.max_tokens if card else None)
    is_api = (card is not None and not card.open_weights) or (card is None and model.lower().startswith(_API_PREFIXES))
    if is_api:
        provider = ((card.provider if card and card.provider else model.split("/")[0]) or "openai").lower()
        provider = "openai" if model.lower().startswith("text-embedding-") else provider
        endpoint = api.get(provider)
        if endpoint is None:
            env = provider.upper().replace("-", "_").replace(" ", "_")
            enable = (f"export {env}_API_KEY=..." if provider == "openai"
                      else f"export {env}_API_KEY=... {env}_BASE_URL=... (an OpenAI-compatible embeddings endpoint)")
            return Skipped(model, f"API model ({provider}) and no {provider} API key is configured; the trial keeps "
                                  "your sample on this machine unless you configure one", enable, "api_key")
        api_model = model.split("/", 1)[1] if "/" in model else model
        return CandidateSpec(model, api_model, "api", endpoint=endpoint, notes=tuple(notes), **common)
    load_name = (card.hf_id or card.id) if card else model
    if card is None and catalog is not None and not is_local(load_name):
        hint = catalog.suggest(model)
        if hint:
            return Skipped(model, f"unknown model id; did you mean: {', '.join(hint[:3])}?", code="unknown")
    if not is_local(load_name) and offline:
        return Skipped(model, "not downloaded to this machine, and the trial runs offline (no downloads)",
                       f"huggingface-cli download {load_name}   (while online; then re-run the trial)", "download",
                       load_name)
    if card is None:
        notes.append("no model card: no card prefixes; the model's own configured prompts apply, if any")
    return CandidateSpec(model, load_name, "local", notes=tuple(notes), **common)
