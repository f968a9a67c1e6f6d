"""The vocabulary data files: every cue's examples hold, and a malformed file is refused with its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.understand.cues import find_hits
from agents.understand.modelnames import mark_model_names
from agents.understand.prep import prepare
from agents.understand.vocabulary import HERE, VOCABULARY, Entry, VocabularyError, load

ENTRIES = VOCABULARY.entries


def _values(text: str, field: str) -> set:
    prep = prepare(text)
    mark_model_names(prep)
    return {h.value for h in find_hits(prep, VOCABULARY.for_field(field)) if not h.negated}


def _id(e: Entry) -> str:
    return f"{e.field}:{e.value}:{ENTRIES.index(e)}"


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_every_cue_has_examples_and_they_hold(entry: Entry):
    assert entry.says and entry.not_, f"{entry.file}: give {entry.value!r} examples that say it and that do not"
    for text in entry.says:
        assert entry.value in _values(text, entry.field), f"{entry.file}: {text!r} should say {entry.value!r}"
    for text in entry.not_:
        assert entry.value not in _values(text, entry.field), f"{entry.file}: {text!r} should not say {entry.value!r}"


def test_every_field_with_choices_has_a_file_and_priorities_name_choices():
    fields = {e.field for e in ENTRIES}
    assert {"data_type", "task", "domain", "privacy", "commercial_use", "fine_tuning", "hardware"} <= fields
    assert VOCABULARY.priority("task")[0] == "rag" and set(VOCABULARY.priority("domain")) >= {"medical", "general"}


def test_unsupported_data_is_named():
    kinds = {u.kind for u in VOCABULARY.unsupported if u.pattern.search("we have hours of video footage")}
    assert kinds == {"video"}


def _copy(tmp_path: Path) -> Path:
    for p in HERE.glob("*.yaml"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("edit, says", [
    (lambda s: s.replace("value: gpu", "value: tpu", 1), "hardware.yaml cue 2: value 'tpu' is not one of"),
    (lambda s: s.replace("- 'gpus?'", "- 'gpus?('", 1), "hardware.yaml cue 2 (gpu): a phrase is not a valid regular"),
    (lambda s: s.replace("- 'gpus?'", "- '<<nope>>'", 1), "unknown fragment <<nope>>"),
    (lambda s: s.replace("    negatable: false", "    negateable: false", 1), "unknown key(s) ['negateable']"),
])
def test_a_malformed_file_is_refused_naming_file_entry_and_problem(tmp_path, edit, says):
    d = _copy(tmp_path)
    p = d / "hardware.yaml"
    p.write_text(edit(p.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        load(d)
    assert says in str(err.value)


def test_the_shipped_files_load_the_same_cues_twice():
    again = load()
    assert [(c.field, c.value, c.pattern.pattern) for c in again.cues] == \
           [(c.field, c.value, c.pattern.pattern) for c in VOCABULARY.cues]
