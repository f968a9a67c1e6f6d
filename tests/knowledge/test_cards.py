"""Card schema and loading: strict validation with file/field/reason, snapshot fallback, suggestions."""

from __future__ import annotations

import pytest
import yaml

from knowledge.cards import CardError, UnknownModelError, load_catalog, parse_card, validate_dir
from knowledge.schema import Card
from tests.knowledge.helpers import card_dict, write_card


def test_valid_card_round_trips(tmp_path):
    write_card(tmp_path, card_dict("acme/embed-small", license="mit", embed_dim=384, languages=["en", "de"]))
    cards, problems = validate_dir(tmp_path)
    assert problems == []
    card = cards["acme/embed-small"]
    assert card.embed_dim == 384 and card.languages == ["en", "de"]
    assert card.licence_family == "permissive"


def test_unknown_field_names_file_field_and_reason(tmp_path):
    bad = card_dict("acme/x")
    bad["embedding_size"] = 768
    path = write_card(tmp_path, bad)
    _, problems = validate_dir(tmp_path)
    assert len(problems) == 1
    assert problems[0].file == str(path)
    assert problems[0].field == "embedding_size"
    assert "Extra inputs are not permitted" in problems[0].reason


def test_wrong_type_is_reported_with_field(tmp_path):
    write_card(tmp_path, card_dict("acme/x", embed_dim="big"))
    _, problems = validate_dir(tmp_path)
    assert [p.field for p in problems] == ["embed_dim"]


def test_fact_without_source_is_rejected():
    data = card_dict("acme/x")
    data["license"] = "mit"  # not listed in the source's fields
    with pytest.raises(CardError) as err:
        parse_card(yaml.safe_dump(data), "x.yaml")
    assert "license" in str(err.value) and "without a source" in str(err.value)


def test_token_table_size_is_a_sourced_fact_within_the_total():
    data = card_dict("acme/x", n_parameters=107_000_000)
    data["n_embedding_parameters"] = 96_000_768   # not listed in the source's fields
    with pytest.raises(CardError, match="without a source.*n_embedding_parameters"):
        parse_card(yaml.safe_dump(data), "x.yaml")
    assert parse_card(yaml.safe_dump(card_dict("acme/x", n_parameters=107_000_000, n_embedding_parameters=96_000_768)),
                      "x.yaml").n_embedding_parameters == 96_000_768
    with pytest.raises(CardError, match="exceeds n_parameters"):
        parse_card(yaml.safe_dump(card_dict("acme/x", n_parameters=1_000, n_embedding_parameters=2_000)), "x.yaml")


def test_source_needs_a_locator():
    data = card_dict("acme/x")
    data["sources"] = [{"fields": ["open_weights", "modalities"], "as_of": "2026-01-01"}]
    with pytest.raises(CardError, match="url, or a dataset with a commit"):
        parse_card(yaml.safe_dump(data), "x.yaml")


def test_malformed_yaml_names_line(tmp_path):
    (tmp_path / "broken.yaml").write_text("id: acme/x\nmodalities: [text\nopen_weights: true\n")
    _, problems = validate_dir(tmp_path)
    assert problems[0].file.endswith("broken.yaml")
    assert problems[0].field.startswith("line ")
    assert "malformed YAML" in problems[0].reason


def test_non_mapping_and_binary_files(tmp_path):
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00\x81binary")
    _, problems = validate_dir(tmp_path)
    reasons = {p.file.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert "mapping" in reasons["list.yaml"]
    assert "not UTF-8" in reasons["bin.yaml"]


def test_duplicate_ids_are_rejected(tmp_path):
    write_card(tmp_path, card_dict("acme/x"), "a.yaml")
    write_card(tmp_path, card_dict("acme/x"), "b.yaml")
    cards, problems = validate_dir(tmp_path)
    assert len(cards) == 1 and "duplicate id" in problems[0].reason


def test_strict_mean_requires_full_coverage(tmp_path):
    bench = {"MTEB(eng, v2)": {"mean": 60.0, "covered": 30, "total": 41}}
    write_card(tmp_path, card_dict("acme/x", benchmarks=bench))
    _, problems = validate_dir(tmp_path)
    assert "full coverage" in problems[0].reason


def test_broken_card_keeps_previous_snapshot(tmp_path):
    cards_dir, data_dir = tmp_path / "cards", tmp_path / "data"
    cards_dir.mkdir()
    write_card(cards_dir, card_dict("acme/a"))
    write_card(cards_dir, card_dict("acme/b"))
    first = load_catalog(cards_dir, data_dir)
    assert set(first.cards) == {"acme/a", "acme/b"} and not first.problems
    (cards_dir / "acme__b.yaml").write_text("id: acme/b\nopen_weights: maybe\n")
    second = load_catalog(cards_dir, data_dir)
    assert set(second.cards) == {"acme/a", "acme/b"}  # the last valid snapshot still answers
    assert second.fingerprint == first.fingerprint
    assert any("acme__b.yaml" in p.file for p in second.problems)
    with pytest.raises(CardError):
        load_catalog(cards_dir, data_dir, strict=True)


def test_snapshot_is_refreshed_when_cards_change(tmp_path):
    cards_dir, data_dir = tmp_path / "cards", tmp_path / "data"
    cards_dir.mkdir()
    write_card(cards_dir, card_dict("acme/a"))
    first = load_catalog(cards_dir, data_dir)
    write_card(cards_dir, card_dict("acme/c", embed_dim=256))
    second = load_catalog(cards_dir, data_dir)
    assert second.fingerprint != first.fingerprint
    assert second.get("acme/c").embed_dim == 256


def test_unknown_id_suggests_close_matches(tmp_path):
    for name in ("BAAI/bge-m3", "BAAI/bge-small-en-v1.5", "intfloat/e5-large-v2"):
        write_card(tmp_path, card_dict(name))
    catalog = load_catalog(tmp_path)
    with pytest.raises(UnknownModelError) as err:
        catalog.get("bge-m3")
    assert err.value.suggestions[0] == "BAAI/bge-m3"
    assert catalog.get("baai/BGE-M3").id == "BAAI/bge-m3"  # case-insensitive lookup


def test_suggestions_put_ids_containing_the_typed_name_first(tmp_path):
    for name in ("google/yamnet", "ncbi/MedCPT-Query-Encoder", "ncbi/MedCPT-Article-Encoder"):
        write_card(tmp_path, card_dict(name))
    with pytest.raises(UnknownModelError) as err:
        load_catalog(tmp_path).get("medcpt")
    assert err.value.suggestions[:2] == ["ncbi/MedCPT-Query-Encoder", "ncbi/MedCPT-Article-Encoder"]


def test_licence_families():
    def family(**kw):
        return Card.model_validate(card_dict("acme/x", **kw)).licence_family
    assert family(license="cc-by-nc-4.0") == "non-commercial"
    assert family(license="apache-2.0") == "permissive"
    assert family(license="https://example.com/LICENSE") == "custom"
    assert family() == "unknown"
    assert Card.model_validate(card_dict("acme/api", open_weights=False)).licence_family == "proprietary"
