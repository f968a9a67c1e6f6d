"""The field registry is the one source of every field's words and rules: the profile, its JSON schema, the
questions, the form and the LLM prompt all follow it, and every field can be recognised in a message."""

from __future__ import annotations

import itertools

import pytest

from agents.converse.policy import ORDER, question_for
from agents.fields import BY_NAME, FIELDS, value_label
from agents.profile import PROFILE_FIELDS, Profile, ProfileError, allowed_values, parse_profile
from agents.understand.extract import extract
from agents.understand.llm import system_prompt
from agents.understand.moves import FIELD_WORDS


def test_the_profile_has_exactly_the_registry_fields_in_order():
    assert list(Profile.model_fields) == [f.name for f in FIELDS] == list(PROFILE_FIELDS)
    assert list(Profile().model_dump()) == list(PROFILE_FIELDS)


def test_json_schema_carries_types_choices_bounds_and_descriptions():
    props = Profile.model_json_schema()["properties"]
    for spec in FIELDS:
        prop = props[spec.name]
        assert prop["description"] == spec.description
        if spec.choices:
            assert allowed_values(spec.name) == list(spec.choices)
            assert any(o.get("enum") == list(spec.choices) for o in prop["anyOf"]), spec.name
        if spec.ge is not None:
            assert any(o.get("minimum") == spec.ge for o in prop["anyOf"]), spec.name
        if spec.gt is not None:
            assert any(o.get("exclusiveMinimum") == spec.gt for o in prop["anyOf"]), spec.name


@pytest.mark.parametrize("spec", [f for f in FIELDS if f.choices], ids=lambda f: f.name)
def test_a_value_outside_the_choices_is_refused_with_the_choices(spec):
    with pytest.raises(ProfileError) as err:
        parse_profile({spec.name: "not-a-choice"})
    assert spec.name in str(err.value) and all(c in str(err.value) for c in spec.choices)


def test_every_asked_field_has_a_question_that_reads_well_for_any_profile():
    assert list(ORDER) == [f.name for f in sorted(FIELDS, key=lambda f: f.ask_rank or 0) if f.ask_rank is not None]
    profiles = [Profile(data_type=d, domain=m, privacy=p, hardware=h) for d, m, p, h in itertools.product(
        [None, "text", "code", "image", "audio", "multimodal"], [None, "medical", "general"], [None, "cloud_ok"],
        [None, "gpu"])]
    for name in ORDER:
        for p in profiles:
            q = question_for(name, p)
            assert q.text.endswith(("?", ".", ")")) and "{" not in q.text and q.choices, (name, p, q.text)
    assert {f.name for f in FIELDS if f.question} == set(ORDER)


def test_every_field_has_its_words_and_can_be_named_in_a_message():
    for spec in FIELDS:
        assert spec.label and spec.key and spec.noun and spec.description, spec.name
        assert spec.name in FIELD_WORDS, f"add the words that name {spec.name!r} to agents/understand/moves.py"
    prompt = system_prompt()
    assert all(f"- {f.name}: " in prompt for f in FIELDS)
    assert BY_NAME["privacy"].help


@pytest.mark.parametrize("spec", [f for f in FIELDS if f.choices], ids=lambda f: f.name)
def test_every_choice_has_a_label_people_read(spec):
    assert set(spec.labels) == set(spec.choices), spec.name
    assert all(value_label(spec.name, c) == spec.labels[c] and "_" not in spec.labels[c] for c in spec.choices)
    assert value_label(spec.name, None) == "" and value_label("commercial_use", True) == "yes"


def _answers(spec):
    return set(spec.answers).union(*(set(answers) for _, answers in spec.variants.values()))


@pytest.mark.parametrize("spec", [f for f in FIELDS if f.answers], ids=lambda f: f.name)
def test_every_answer_button_sets_what_the_same_words_typed_would(spec):
    """An answer button sets its value directly; typing the same words in the chat must mean the same."""
    assert set(spec.answer_values) == _answers(spec), spec.name
    for answer, value in spec.answer_values.items():
        parse_profile({spec.name: value})  # a valid value for the field
        for data_type in [None, *spec.variants]:
            if answer not in (spec.variants[data_type][1] if data_type else spec.answers):
                continue
            typed = extract(answer, profile=Profile(data_type=data_type), expecting=[spec.name])
            if value is None:
                assert spec.name in typed.cleared or spec.name not in typed.updates, answer
            else:
                assert typed.updates.get(spec.name) == value, (answer, typed.updates)
