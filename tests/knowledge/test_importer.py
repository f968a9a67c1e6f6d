"""The MTEB snapshot importer on a committed slice of the snapshot (tests/fixtures/mteb_slice)."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.cards import load_card, validate_dir
from knowledge.importer import CORRECTIONS_FILE, HEADER, ImporterError, import_snapshot
from knowledge.importer_cards import slug
from knowledge.importer_corrections import CorrectionsError, load_corrections
from knowledge.importer_snapshot import BENCHMARKS, RESULTS_COMMIT, SnapshotError

SLICE = Path(__file__).resolve().parents[1] / "fixtures" / "mteb_slice"
NO_CORRECTIONS = SLICE / "does-not-exist.yaml"
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def cards_root(tmp_path: Path) -> Path:
    root = tmp_path / "cards"
    (root / "curated").mkdir(parents=True)
    (root / "curated" / "hand.yaml").write_text("id: hand/written\n", encoding="utf-8")
    return root


def _import(root: Path, corrections: Path = NO_CORRECTIONS):
    return import_snapshot(SLICE, root / "mteb", corrections)


def _card(root: Path, model_id: str):
    return load_card(root / "mteb" / f"{slug(model_id)}.yaml")


def _primary_rows() -> dict[tuple[str, str], dict]:
    with (SLICE / "scores.csv").open(newline="", encoding="utf-8") as fh:
        return {(r["model"], r["benchmark"]): r for r in csv.DictReader(fh)
                if r["leaderboard_primary"] == "True" and r["benchmark"] in BENCHMARKS}


def _write_corrections(path: Path, checks: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"checks": checks}, sort_keys=False), encoding="utf-8")
    return path


def test_every_registry_model_gets_a_valid_card_even_without_results(cards_root: Path) -> None:
    report = _import(cards_root)
    cards, problems = validate_dir(cards_root / "mteb")
    assert problems == []
    assert set(cards) == {
        "BAAI/bge-m3", "sentence-transformers/all-MiniLM-L6-v2", "openai/text-embedding-3-small",
        "openai/text-embedding-3-small (embed_dim=512)", "cohere/embed-multilingual-v3.0",
        "jinaai/jina-embeddings-v3", "intfloat/multilingual-e5-large-instruct", "baseline/Human",
        "Alibaba-NLP/UEmbed-2B",
    }
    assert (report.cards, report.with_results, report.api_without_results, report.open_without_results,
            report.variants) == (9, 7, 1, 1, 1)
    assert report.skipped == []
    assert all(card.sources for card in cards.values())
    no_results = cards["Alibaba-NLP/UEmbed-2B"]  # open weights, no results: kept with empty evidence
    assert no_results.benchmarks == {} and no_results.adoption.benchmarks_evaluated == 0
    assert cards["BAAI/bge-m3"].adoption.benchmarks_evaluated > 0


def test_a_model_with_a_hand_written_card_is_left_to_that_card(cards_root: Path) -> None:
    (cards_root / "curated" / "uembed.yaml").write_text("id: Alibaba-NLP/UEmbed-2B\n", encoding="utf-8")
    report = _import(cards_root)
    assert report.skipped == [("Alibaba-NLP/UEmbed-2B", "hand-written card in curated/")]
    assert not (cards_root / "mteb" / f"{slug('Alibaba-NLP/UEmbed-2B')}.yaml").exists()


def test_variant_and_api_fields(cards_root: Path) -> None:
    _import(cards_root)
    variant = _card(cards_root, "openai/text-embedding-3-small (embed_dim=512)")
    assert variant.variant_of == "openai/text-embedding-3-small"
    assert (variant.embed_dim, variant.open_weights, variant.hf_id, variant.sentence_transformers) == (512, False, None, False)
    assert variant.commercial_use is None  # an API's terms need their own source
    api = _card(cards_root, "cohere/embed-multilingual-v3.0")
    assert api.benchmarks == {} and api.provider == "Cohere"


def test_licence_decides_commercial_use_and_memory_follows_parameters(cards_root: Path) -> None:
    _import(cards_root)
    jina = _card(cards_root, "jinaai/jina-embeddings-v3")
    assert (jina.license, jina.commercial_use, jina.licence_family) == ("cc-by-nc-4.0", False, "non-commercial")
    minilm = _card(cards_root, "sentence-transformers/all-MiniLM-L6-v2")
    assert (minilm.license, minilm.commercial_use) == ("apache-2.0", True)
    assert minilm.memory_gb.fp32 == round(minilm.n_parameters * 4 / 1e9, 4)
    assert minilm.hf_id == "sentence-transformers/all-MiniLM-L6-v2"
    registry = next(s for s in minilm.sources if s.dataset == "embeddings-benchmark/mteb")
    assert "derived from n_parameters" in registry.note


def test_the_token_table_size_comes_from_the_registry_row_and_a_correction_can_set_it(cards_root: Path,
                                                                                      tmp_path: Path) -> None:
    _import(cards_root)
    bge = _card(cards_root, "BAAI/bge-m3")                 # snapshot row: 256,002,048 (250,002 x 1,024)
    assert (bge.n_parameters, bge.n_embedding_parameters) == (568_000_000, 256_002_048)
    registry = next(s for s in bge.sources if s.dataset == "embeddings-benchmark/mteb")
    assert "n_embedding_parameters" in registry.fields
    assert _card(cards_root, "sentence-transformers/all-MiniLM-L6-v2").n_embedding_parameters == 30_522 * 384
    assert _card(cards_root, "openai/text-embedding-3-small").n_embedding_parameters is None   # API: not stated
    corrections = _write_corrections(tmp_path / "c.yaml", [
        {"id": "BAAI/bge-m3", "url": "https://example.org/bge-m3/config.json", "as_of": AS_OF,
         "set": {"n_embedding_parameters": 256_000_000}, "note": "test value"}])
    _import(cards_root, corrections)
    bge = _card(cards_root, "BAAI/bge-m3")
    check = next(s for s in bge.sources if s.url == "https://example.org/bge-m3/config.json")
    registry = next(s for s in bge.sources if s.dataset == "embeddings-benchmark/mteb")
    assert bge.n_embedding_parameters == 256_000_000 and "n_embedding_parameters" in check.fields
    assert "n_embedding_parameters" not in registry.fields


def test_strict_and_partial_means_and_coverage_match_the_snapshot(cards_root: Path) -> None:
    _import(cards_root)
    rows = _primary_rows()
    assert rows, "the slice must hold curated benchmark rows"
    for (model, bench), row in rows.items():
        result = _card(cards_root, model).benchmarks[bench]
        assert result.aggregate == row["aggregate"]
        assert result.covered == int(row["n_tasks_covered"]) and result.total == int(row["n_tasks"])
        expected_strict = round(float(row["score"]), 2) if row["score"] else None
        assert result.mean == expected_strict, (model, bench)
        assert result.partial_mean == (round(float(row["partial_mean"]), 2) if row["partial_mean"] else None)
    bge = _card(cards_root, "BAAI/bge-m3").benchmarks["MTEB(eng, v2)"]
    assert bge.mean is None and bge.partial_mean is not None and bge.covered < bge.total
    assert sum(t.total for t in bge.task_types.values()) == bge.total
    minilm = _card(cards_root, "sentence-transformers/all-MiniLM-L6-v2").benchmarks["MTEB(eng, v2)"]
    assert minilm.complete and minilm.mean == minilm.partial_mean


def test_snapshot_gap_flag_and_benchmarks_outside_the_curated_set(cards_root: Path) -> None:
    _import(cards_root)
    e5 = _card(cards_root, "intfloat/multilingual-e5-large-instruct").benchmarks["MTEB(Multilingual, v2)"]
    assert e5.mean is None and e5.complete_except_snapshot_gaps
    assert e5.missing_tasks == ["FloresBitextMining"] and e5.covered == e5.total - 1
    bge = _card(cards_root, "BAAI/bge-m3").benchmarks["MTEB(Multilingual, v2)"]
    assert not bge.complete_except_snapshot_gaps  # it also lacks a task the snapshot does have
    human = _card(cards_root, "baseline/Human")
    assert human.benchmarks == {} and "baseline" in human.summary  # HUME(v1) is not a curated benchmark
    assert all("BEIR" not in c.benchmarks for c in validate_dir(cards_root / "mteb")[0].values())


def test_reimport_is_byte_identical_and_removes_only_stale_generated_cards(cards_root: Path) -> None:
    _import(cards_root)
    out = cards_root / "mteb"
    before = {p.name: p.read_bytes() for p in out.glob("*.yaml")}
    (out / "gone__model.yaml").write_text(HEADER + "id: gone/model\n", encoding="utf-8")
    (out / "hand__made.yaml").write_text("id: hand/made\n", encoding="utf-8")
    report = _import(cards_root)
    assert (report.written, report.unchanged, report.removed) == (0, 9, 1)
    assert not (out / "gone__model.yaml").exists() and (out / "hand__made.yaml").exists()
    after = {p.name: p.read_bytes() for p in out.glob("*.yaml") if p.name != "hand__made.yaml"}
    assert after == before
    assert (cards_root / "curated" / "hand.yaml").read_text(encoding="utf-8") == "id: hand/written\n"


def test_two_imports_into_fresh_directories_are_identical(tmp_path: Path) -> None:
    import_snapshot(SLICE, tmp_path / "a", NO_CORRECTIONS)
    import_snapshot(SLICE, tmp_path / "b", NO_CORRECTIONS)
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    assert a == {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}


def test_a_correction_replaces_registry_values_and_names_its_source(cards_root: Path, tmp_path: Path) -> None:
    langs = ["ar", "de", "en", "es", "fr", "hi", "ja", "ko", "ru", "sw", "zh"]
    corrections = _write_corrections(tmp_path / "c.yaml", [
        {"id": "BAAI/bge-m3", "url": "https://huggingface.co/BAAI/bge-m3", "as_of": AS_OF,
         "verified": ["embed_dim", "max_tokens", "license"], "set": {"languages": langs},
         "note": "registry said 28 languages; model card says more"},
        {"id": "openai/text-embedding-3-small", "url": "https://example.org/openai-docs", "as_of": AS_OF,
         "set": {"matryoshka_dims": [512, 1536], "multilingual": True}},
    ])
    report = _import(cards_root, corrections)
    bge = _card(cards_root, "BAAI/bge-m3")
    assert bge.languages == langs and bge.multilingual
    check = next(s for s in bge.sources if s.url == "https://huggingface.co/BAAI/bge-m3")
    assert str(check.as_of) == "2026-11-25" and check.note.startswith("registry said")
    assert {"languages", "embed_dim", "max_tokens", "license"} <= set(check.fields)
    registry = next(s for s in bge.sources if s.dataset == "embeddings-benchmark/mteb")
    assert "languages" not in registry.fields and "embed_dim" in registry.fields
    results = next(s for s in bge.sources if s.dataset == "embeddings-benchmark/results")
    assert results.commit == RESULTS_COMMIT
    base = _card(cards_root, "openai/text-embedding-3-small")
    variant = _card(cards_root, "openai/text-embedding-3-small (embed_dim=512)")
    assert base.matryoshka_dims == [1536, 512] and base.multilingual
    assert variant.multilingual and variant.matryoshka_dims == []  # dimension facts are not inherited
    assert ("BAAI/bge-m3", ["languages"]) in report.corrections_applied
    assert "openai/text-embedding-3-small (embed_dim=512)" in report.models_checked


def test_the_committed_corrections_file_applies_to_the_slice(cards_root: Path) -> None:
    checks = load_corrections(CORRECTIONS_FILE).checks
    assert len({i for c in checks for i in c.ids}) >= 60
    report = _import(cards_root, CORRECTIONS_FILE)
    assert validate_dir(cards_root / "mteb")[1] == []
    bge = _card(cards_root, "BAAI/bge-m3")
    assert bge.multilingual and len(bge.languages) > 28
    assert any(s.url and "huggingface.co/BAAI/bge-m3" in s.url and "languages" in s.fields for s in bge.sources)
    cohere = _card(cards_root, "cohere/embed-multilingual-v3.0")
    assert (cohere.multilingual, cohere.max_tokens) == (True, 512)  # registry left both empty
    variant = _card(cards_root, "openai/text-embedding-3-small (embed_dim=512)")
    assert variant.pricing is not None and variant.pricing.url.startswith("https://")  # inherited from the base
    assert variant.embed_dim == 512
    assert {"BAAI/bge-m3", "openai/text-embedding-3-small (embed_dim=512)"} <= set(report.models_checked)


def test_registry_domain_rules_set_domains_with_the_registry_as_source(cards_root: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"checks": [], "registry_domains": [
        {"ids": ["jinaai/jina-embeddings-v3"], "domains": ["legal"], "basis": "test basis"}]}), encoding="utf-8")
    _import(cards_root, path)
    card = _card(cards_root, "jinaai/jina-embeddings-v3")
    assert card.domains == ["legal"]
    registry = next(s for s in card.sources if s.dataset == "embeddings-benchmark/mteb")
    assert "domains" in registry.fields and "test basis" in registry.note
    path.write_text(yaml.safe_dump({"checks": [], "registry_domains": [
        {"ids": ["a/b"], "domains": ["astrology"], "basis": "x"}]}), encoding="utf-8")
    with pytest.raises(CorrectionsError, match="registry_domains"):
        load_corrections(path)


@pytest.mark.parametrize(("entry", "message"), [
    ({"id": "a/b", "url": "https://x.org", "as_of": AS_OF, "set": {"colour": "red"}}, "cannot set"),
    ({"id": "a/b", "as_of": AS_OF, "verified": ["license"]}, "url"),
    ({"id": "a/b", "url": "https://x.org", "as_of": "soon", "verified": ["license"]}, "as_of"),
    ({"id": "a/b", "url": "https://x.org", "as_of": AS_OF, "verified": ["licence"]}, "unknown field"),
    ({"id": "a/b", "url": "https://x.org", "as_of": AS_OF, "set": {"languages": ["English"]}}, "ISO 639-1"),
])
def test_bad_corrections_name_the_entry_and_the_problem(tmp_path: Path, entry: dict, message: str) -> None:
    path = tmp_path / "bad.yaml"
    _write_corrections(path, [entry])
    with pytest.raises(CorrectionsError, match=message) as err:
        load_corrections(path)
    assert "checks[0]" in str(err.value) and "a/b" in str(err.value)


def test_refuses_to_write_into_curated_cards_and_reports_missing_snapshot(cards_root: Path, tmp_path: Path) -> None:
    with pytest.raises(ImporterError, match="curated"):
        import_snapshot(SLICE, cards_root / "curated", NO_CORRECTIONS)
    with pytest.raises(ImporterError, match="curated"):
        import_snapshot(SLICE, cards_root, NO_CORRECTIONS)
    assert (cards_root / "curated" / "hand.yaml").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SnapshotError, match="models.jsonl"):
        import_snapshot(empty, tmp_path / "out", NO_CORRECTIONS)
    broken = tmp_path / "broken"
    shutil.copytree(SLICE, broken)
    (broken / "scores.csv").write_text("model,benchmark\nx,y\n", encoding="utf-8")
    with pytest.raises(SnapshotError, match="missing column"):
        import_snapshot(broken, tmp_path / "out", NO_CORRECTIONS)
