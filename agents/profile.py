"""The needs profile: what the user told us about their data, task and constraints. Unknown = None."""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DataType = Literal["text", "code", "image", "audio", "multimodal"]
Task = Literal["search", "rag", "recommendation", "classification", "clustering", "similarity", "deduplication"]
Domain = Literal["general", "medical", "legal", "finance", "code", "scientific", "e-commerce", "other"]
Privacy = Literal["local_only", "cloud_ok"]
Hardware = Literal["cpu", "gpu"]

PROFILE_FIELDS: tuple[str, ...] = (
    "data_type", "task", "domain", "languages", "privacy", "commercial_use", "documents",
    "avg_doc_tokens", "queries_per_second", "latency_ms", "hardware", "memory_gb",
    "budget_usd_month", "fine_tuning",
)

NUMBER_FIELDS: tuple[str, ...] = ("documents", "avg_doc_tokens", "queries_per_second", "latency_ms", "memory_gb",
                                  "budget_usd_month")
MAX_NUMBER = 1e300   # an integer beyond this is too large for the float estimates (footprint, cost, ranking)


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the field and the allowed values."""


class Profile(BaseModel):
    """A user's needs. Every field is optional: None means "not known yet"."""

    # inf/nan are no answer to "how many", and break strict JSON (the API and the reports) further on.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    data_type: DataType | None = None
    task: Task | None = None
    domain: Domain | None = None
    languages: list[str] | None = None
    privacy: Privacy | None = None
    commercial_use: bool | None = None
    documents: int | None = Field(default=None, ge=0)
    avg_doc_tokens: int | None = Field(default=None, ge=1)
    queries_per_second: float | None = Field(default=None, ge=0)
    latency_ms: float | None = Field(default=None, gt=0)
    hardware: Hardware | None = None
    memory_gb: float | None = Field(default=None, gt=0)
    budget_usd_month: float | None = Field(default=None, ge=0)
    fine_tuning: bool | None = None

    @field_validator(*NUMBER_FIELDS)
    @classmethod
    def _fits_a_float(cls, v: float | int | None) -> float | int | None:
        # A JSON or YAML integer may have hundreds of digits; every estimate downstream works in floats.
        if isinstance(v, int) and v > MAX_NUMBER:
            raise ValueError(f"the number is too large (more than {MAX_NUMBER:.0e}); give a realistic figure")
        return v

    @field_validator("languages")
    @classmethod
    def _codes(cls, v: list[str] | None) -> list[str] | None:
        if v is None:
            return None
        out: list[str] = []
        for code in v:
            c = str(code).strip().lower()
            if not (2 <= len(c) <= 3 and c.isalpha()):
                raise ValueError(f"language {code!r} is not an ISO 639-1 code (e.g. 'en', 'de', 'ja')")
            if c not in out:
                out.append(c)
        return out

    def known(self) -> dict[str, Any]:
        """The fields that are set."""
        return {k: v for k, v in self.model_dump().items() if v is not None}

    def merged(self, update: dict[str, Any]) -> Profile:
        """A new profile with ``update`` applied (later answers override earlier ones)."""
        return Profile.model_validate({**self.model_dump(), **update})


def allowed_values(field: str) -> list[str] | None:
    """The allowed values of an enumerated profile field, for error messages and UI choices."""
    ann = Profile.model_fields[field].annotation
    for arg in get_args(ann):
        vals = get_args(arg)
        if vals and all(isinstance(x, str) for x in vals):
            return list(vals)
    return None


def parse_profile(data: Any, source: str = "profile") -> Profile:
    """Validate a profile mapping (from YAML/JSON); errors name the field and the allowed values."""
    if data is None:
        return Profile()
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: expected a mapping of field: value, got {type(data).__name__}")
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        msgs = []
        for err in exc.errors(include_url=False):
            field = str(err["loc"][0]) if err["loc"] else "<root>"
            if err["type"] == "extra_forbidden":
                msgs.append(f"unknown field {field!r}; valid fields: {', '.join(PROFILE_FIELDS)}")
                continue
            allowed = allowed_values(field) if field in Profile.model_fields else None
            hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
            msgs.append(f"field {field!r}: {err['msg']}{hint}")
        raise ProfileError(f"{source}: " + "; ".join(msgs)) from None
