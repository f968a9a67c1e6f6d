"""The needs profile refuses numbers no estimate can use: inf, nan and integers beyond a float."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from agents.profile import NUMBER_FIELDS, Profile, ProfileError, parse_profile


@pytest.mark.parametrize("field", NUMBER_FIELDS)
@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), "inf", "NaN"])
def test_non_finite_numbers_are_refused_naming_the_field(field, value):
    with pytest.raises(ProfileError) as err:
        parse_profile({"data_type": "text", field: value})
    assert f"field {field!r}" in str(err.value)


def test_json_infinity_from_a_request_body_is_refused():
    data = json.loads('{"queries_per_second": 1e999, "memory_gb": NaN}')
    with pytest.raises(ProfileError) as err:
        parse_profile(data, "request body")
    msg = str(err.value)
    assert msg.startswith("request body:") and "'queries_per_second'" in msg and "'memory_gb'" in msg
    assert "finite" in msg


def test_integers_beyond_a_float_are_refused():
    with pytest.raises(ProfileError, match="field 'documents'.*too large"):
        parse_profile({"documents": 10**400})
    assert parse_profile({"documents": 10**40}).documents == 10**40


def test_assignment_is_validated_too():
    p = Profile(memory_gb=16)
    with pytest.raises(ValidationError):
        p.memory_gb = float("inf")
    with pytest.raises(ValidationError):
        p.merged({"latency_ms": float("nan")})


def test_extreme_finite_values_stay_valid_and_strict_json():
    given = {"memory_gb": 1e308, "latency_ms": 1e-300, "queries_per_second": 0.0, "budget_usd_month": 0}
    p = parse_profile(given)
    assert p.known() == given
    assert parse_profile(json.loads(json.dumps(p.model_dump(), allow_nan=False))) == p   # round-trips as strict JSON


@pytest.mark.parametrize("key", ["\ud800", 7, "tab\there", "données"])
def test_an_unreadable_key_is_named_as_an_unknown_field(key):
    with pytest.raises(ProfileError, match="unknown field") as err:
        parse_profile({"data_type": None, key: "text"})
    assert repr(str(key)) in str(err.value)


def test_an_unreadable_key_does_not_hide_the_other_errors():
    with pytest.raises(ProfileError) as err:
        parse_profile({"data_type": "search", "\ud800": "text", "\x1f": 1})
    assert "'data_type'" in str(err.value) and "'\\ud800'" in str(err.value) and "'\\x1f'" in str(err.value)
