"""The needs profile: what the user told us about their data, task and constraints. Unknown = None.

The :class:`Profile` model is built from the field registry (``agents/fields.py``): one field per
:class:`~agents.fields.FieldSpec`, in registry order, typed and bounded as the registry says.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from agents.errors import ProfileError
from agents.fields import BY_NAME, FIELDS, FieldSpec

PROFILE_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS)
NUMBER_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.is_number)
MAX_NUMBER = 1e300   # an integer beyond this is too large for the float estimates (footprint, cost, ranking)


class _Needs(BaseModel):
    """What every profile can do; the fields come from the registry (``agents/fields.py``)."""

    # inf/nan are no answer to "how many", and break strict JSON (the API and the reports) further on.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    @field_validator(*NUMBER_FIELDS, check_fields=False)
    @classmethod
    def _fits_a_float(cls, v: float | int | None) -> float | int | None:
        # A JSON or YAML integer may have hundreds of digits; every estimate downstream works in floats.
        if isinstance(v, int) and v > MAX_NUMBER:
            raise ValueError(f"the number is too large (more than {MAX_NUMBER:.0e}); give a realistic figure")
        return v

    @field_validator("languages", check_fields=False)
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


def _annotation(spec: FieldSpec) -> Any:
    if spec.choices:
        return Literal[spec.choices] | None  # type: ignore[valid-type]
    if spec.type is list:
        return list[str] | None
    return spec.type | None


Profile = create_model(
    "Profile", __base__=_Needs, __module__=__name__,
    __doc__='A user\'s needs. Every field is optional: None means "not known yet".',
    **{f.name: (_annotation(f), Field(default=None, ge=f.ge, gt=f.gt, description=f.description)) for f in FIELDS})


def allowed_values(field: str) -> list[str] | None:
    """The allowed values of an enumerated profile field, for error messages and UI choices."""
    spec = BY_NAME.get(field)
    return list(spec.choices) if spec is not None and spec.choices else None


def _readable(key: Any) -> bool:
    """A key pydantic can read: a string that encodes as UTF-8 (no lone surrogate)."""
    return isinstance(key, str) and key == key.encode("utf-8", "replace").decode("utf-8")


def parse_profile(data: Any, source: str = "profile") -> Profile:
    """Validate a profile mapping (from YAML/JSON); errors name the field and the allowed values."""
    if data is None:
        return Profile()
    if not isinstance(data, dict):
        raise ProfileError(f"{source}: expected a mapping of field: value, got {type(data).__name__}")
    valid_fields = ", ".join(PROFILE_FIELDS)
    # A key pydantic cannot even read (not a string, a lone surrogate) is named here; the rest are validated as usual.
    msgs = [f"unknown field {str(k)!r}; valid fields: {valid_fields}" for k in data if not _readable(k)]
    try:
        profile = Profile.model_validate({k: v for k, v in data.items() if _readable(k)} if msgs else data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            field = str(err["loc"][0]) if err["loc"] else "<root>"
            if err["type"] == "extra_forbidden":
                msgs.append(f"unknown field {field!r}; valid fields: {valid_fields}")
                continue
            allowed = allowed_values(field) if field in Profile.model_fields else None
            hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
            msgs.append(f"field {field!r}: {err['msg']}{hint}")
    if not msgs:
        return profile
    raise ProfileError(f"{source}: " + "; ".join(msgs))
