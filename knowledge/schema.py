"""The model-card schema: one strict pydantic model for the YAML cards humans and the importer write.

Unknown fields fail (``extra="forbid"``); every fact a card states must be backed by an entry in
``sources`` whose ``fields`` list names it. Unknown facts stay empty (``null``), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Modality = Literal["text", "code", "image", "audio", "video"]
Domain = Literal["general", "medical", "legal", "finance", "code", "scientific", "e-commerce"]
ModelType = Literal["dense", "sparse", "late-interaction", "cross-encoder", "hybrid", "router"]
LicenceFamily = Literal["permissive", "non-commercial", "custom", "proprietary", "unknown"]
LifecycleStatus = Literal["active", "legacy", "deprecated", "retired"]

# Fields that state facts and therefore need a source when they are set.
FACT_FIELDS: tuple[str, ...] = (
    "provider", "open_weights", "license", "commercial_use", "n_parameters", "n_embedding_parameters",
    "memory_gb", "embed_dim", "matryoshka_dims", "max_tokens", "languages", "multilingual", "modalities",
    "domains", "instructions", "pricing", "benchmarks", "release_date", "model_type",
    "similarity", "training_datasets", "summary", "sentence_transformers", "programming_languages",
    "lifecycle", "adoption", "languages_exhaustive",
)

_LANG = re.compile(r"^[a-z]{2,3}$")
_PERMISSIVE = re.compile(
    r"^(apache-2\.0|mit|bsd-[23]-clause|cc-by-4\.0|cc-by-sa-4\.0|cc0-1\.0|openrail|bigscience-openrail-m|isc|unlicense|mpl-2\.0)$")
_NON_COMMERCIAL = re.compile(r"(^|-)nc(-|$)|non-?commercial", re.I)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where a group of facts comes from: a URL, or a dataset at a commit, read on ``as_of``."""

    fields: list[str] = Field(min_length=1)
    url: str | None = None
    dataset: str | None = None
    commit: str | None = None
    as_of: dt.date
    note: str | None = None

    @model_validator(mode="after")
    def _has_locator(self) -> Source:
        if not self.url and not (self.dataset and self.commit):
            raise ValueError("a source needs a url, or a dataset with a commit")
        unknown = [f for f in self.fields if f not in FACT_FIELDS]
        if unknown:
            raise ValueError(f"source names unknown field(s) {unknown}; valid: {list(FACT_FIELDS)}")
        return self


class MemoryGb(_Strict):
    """Memory needed to hold the weights, in GB (1e9 bytes)."""

    fp32: float | None = Field(default=None, gt=0)
    fp16: float | None = Field(default=None, gt=0)


class Instructions(_Strict):
    """Prefixes or instruction templates a model expects; ``required`` is mteb's ``use_instructions``."""

    required: bool | None = None
    query_prefix: str | None = None
    document_prefix: str | None = None
    instruction_template: str | None = None
    notes: str | None = None


class Pricing(_Strict):
    """API price per one million input tokens, in US dollars, as published on ``as_of``.

    ``usd_per_1m_characters`` is for providers that bill text by the character (Vertex AI's text
    embedding models): it is kept as published and never converted to tokens, because the
    characters-per-token ratio depends on the language and the tokenizer.
    """

    usd_per_1m_tokens: float | None = Field(default=None, ge=0)
    batch_usd_per_1m_tokens: float | None = Field(default=None, ge=0)
    usd_per_1m_characters: float | None = Field(default=None, ge=0)
    as_of: dt.date
    url: str
    notes: str | None = None


class Lifecycle(_Strict):
    """Where a model stands in its provider's lifecycle, as a primary source states it.

    ``status``: ``active`` (the provider says it is current), ``legacy`` (the provider calls it legacy: a newer
    model is recommended for new projects, this one is still served and supported and no removal is
    announced, e.g. Voyage's "Legacy" status), ``deprecated`` (announced for removal or replaced; still callable),
    ``retired`` (shut down: calls fail). ``date`` is when the status took
    effect (the shutdown day for ``retired``, the announcement for ``deprecated``); ``shutdown_date``
    is a scheduled removal of a deprecated model. An absent lifecycle means "not known", not "active".
    """

    status: LifecycleStatus
    date: dt.date | None = None
    shutdown_date: dt.date | None = None
    successor: str | None = None
    scope: str | None = None        # where the status applies, e.g. "Gemini API" (Vertex AI may differ)
    notes: str | None = None


class Adoption(_Strict):
    """Sourced signals of how established a model is (see ``knowledge/adoption.py`` for the summary).

    Every part is optional and only set where a source gives it: monthly downloads with the date they
    were read, the public training code / data URLs the mteb registry lists, how many benchmarks the
    results snapshot has results for, and documented integrations (libraries, runtimes, cloud
    catalogues such as ``sentence-transformers``, ``ollama``, ``amazon-bedrock``).
    """

    downloads_last_month: int | None = Field(default=None, ge=0)
    as_of: dt.date | None = None
    public_training_code: str | None = None
    public_training_data: str | None = None
    benchmarks_evaluated: int | None = Field(default=None, ge=0)
    integrations: list[str] = Field(default_factory=list)
    notes: str | None = None

    @model_validator(mode="after")
    def _dated_downloads(self) -> Adoption:
        if self.downloads_last_month is not None and self.as_of is None:
            raise ValueError("downloads_last_month needs the as_of date it was read")
        return self


class Aggregate(_Strict):
    """A mean over a set of tasks. ``mean`` is strict (null unless every task is covered)."""

    mean: float | None = None
    partial_mean: float | None = None
    covered: int = Field(ge=0)
    total: int = Field(ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> Aggregate:
        if self.covered > self.total:
            raise ValueError(f"covered ({self.covered}) exceeds total ({self.total})")
        if self.mean is not None and self.covered != self.total:
            raise ValueError("a strict mean needs full coverage; use partial_mean for partial coverage")
        return self

    @property
    def complete(self) -> bool:
        return self.covered == self.total


class BenchmarkResult(Aggregate):
    """A benchmark's ranking aggregate for one model, with per-task-type means and coverage."""

    aggregate: str = "Mean(Task)"
    task_types: dict[str, Aggregate] = Field(default_factory=dict)
    missing_tasks: list[str] = Field(default_factory=list)
    # True when the only missing tasks are ones absent from our data snapshot (e.g. Flores):
    # such partial means are comparable with each other over the same task set.
    complete_except_snapshot_gaps: bool = False
    zero_shot_pct: int | None = None


class Card(_Strict):
    """One embedding model, as the advisor knows it."""

    id: str = Field(min_length=3)
    provider: str | None = None
    variant_of: str | None = None
    open_weights: bool
    license: str | None = None
    commercial_use: bool | None = None
    n_parameters: int | None = Field(default=None, gt=0)
    # Parameters in the token-embedding matrix (vocabulary x hidden size): a lookup, not compute per token.
    n_embedding_parameters: int | None = Field(default=None, gt=0)
    memory_gb: MemoryGb | None = None
    embed_dim: int | None = Field(default=None, gt=0)
    matryoshka_dims: list[int] = Field(default_factory=list)
    max_tokens: int | None = Field(default=None, gt=0)
    languages: list[str] = Field(default_factory=list)
    # True: ``languages`` is the provider's complete list; False: the source names more languages than
    # are listed (e.g. "100+ languages"), so a language missing from the list is unknown, not excluded.
    languages_exhaustive: bool | None = None
    multilingual: bool = False
    programming_languages: list[str] = Field(default_factory=list)
    modalities: list[Modality] = Field(min_length=1)
    domains: list[Domain] = Field(default_factory=lambda: ["general"])
    model_type: ModelType | None = None
    similarity: str | None = None
    instructions: Instructions | None = None
    sentence_transformers: bool | None = None
    pricing: Pricing | None = None
    release_date: dt.date | None = None
    lifecycle: Lifecycle | None = None
    adoption: Adoption | None = None
    training_datasets: list[str] | None = None
    summary: str | None = None
    benchmarks: dict[str, BenchmarkResult] = Field(default_factory=dict)
    reference: str | None = None
    hf_id: str | None = None
    revision: str | None = None
    sources: list[Source] = Field(min_length=1)

    @field_validator("languages")
    @classmethod
    def _iso_codes(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if not _LANG.match(c)]
        if bad:
            raise ValueError(f"language codes must be ISO 639-1 (or 639-3 where no 639-1 exists), lower case: {bad}")
        if len(set(v)) != len(v):
            raise ValueError("duplicate language codes")
        return v

    @field_validator("matryoshka_dims")
    @classmethod
    def _dims_positive(cls, v: list[int]) -> list[int]:
        if any(d <= 0 for d in v):
            raise ValueError("matryoshka_dims must be positive")
        return sorted(set(v), reverse=True)

    @model_validator(mode="after")
    def _facts_sourced(self) -> Card:
        covered = {f for s in self.sources for f in s.fields}
        missing = [f for f in FACT_FIELDS if _is_set(self, f) and f not in covered]
        if missing:
            raise ValueError(f"fact field(s) without a source: {missing} (add them to a sources[].fields list)")
        if not self.open_weights and self.pricing is None and "pricing" in covered:
            raise ValueError("pricing is sourced but empty")
        if self.n_embedding_parameters and self.n_parameters and self.n_embedding_parameters > self.n_parameters:
            raise ValueError(f"n_embedding_parameters ({self.n_embedding_parameters}) exceeds n_parameters "
                             f"({self.n_parameters})")
        return self

    @property
    def licence_family(self) -> LicenceFamily:
        """Coarse licence family for filtering and stats."""
        return licence_family(self.license, self.open_weights)

    @property
    def memory_fp32_gb(self) -> float | None:
        """Weights memory at fp32, from the card or derived from the parameter count."""
        if self.memory_gb and self.memory_gb.fp32:
            return self.memory_gb.fp32
        return self.n_parameters * 4 / 1e9 if self.n_parameters else None


def licence_family(license_id: str | None, open_weights: bool = True) -> LicenceFamily:
    """Coarse licence family of a licence id: permissive, non-commercial, custom, proprietary (API) or unknown."""
    lic = (license_id or "").strip().lower()
    if not open_weights:
        return "proprietary"
    if not lic or lic in {"not specified", "multiple"}:
        return "unknown"
    if _NON_COMMERCIAL.search(lic):
        return "non-commercial"
    if _PERMISSIVE.match(lic):
        return "permissive"
    return "custom"


def _is_set(card: Card, field: str) -> bool:
    value = getattr(card, field)
    if field == "domains":
        return value != ["general"]
    if field == "multilingual":
        return bool(value)
    return value not in (None, [], {}, "")
