"""The download path of the trial (for a server allowed online): which files, how big, byte progress, cancel —
with the hub stood in by fakes of the two huggingface_hub calls it makes."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from agents.trial import download
from agents.trial.errors import TrialCancelled, TrialError

FILES = {"config.json": 700, "model.safetensors": 90_000, "pytorch_model.bin": 90_000, "onnx/model.onnx": 90_000,
         "tokenizer.json": 7_000, "modules.json": 300}


def test_only_the_files_sentence_transformers_loads():
    assert download.choose_files(FILES) == ["config.json", "model.safetensors", "tokenizer.json", "modules.json"]
    assert "pytorch_model.bin" in download.choose_files(["config.json", "pytorch_model.bin"])   # no safetensors


@pytest.fixture()
def hub(monkeypatch):
    """A fake hub: a dry run lists FILES (config.json already cached); a download feeds progress in chunks."""
    fetched: list[str] = []

    def snapshot_download(repo_id, ignore_patterns=(), dry_run=False):
        assert dry_run and "*.onnx" in ignore_patterns
        return [SimpleNamespace(filename=name, file_size=size, is_cached=name == "config.json", commit_hash="abc")
                for name, size in FILES.items() if not name.endswith(".onnx")]

    def hf_hub_download(repo_id, filename, revision=None, tqdm_class=None):
        assert revision == "abc"
        with tqdm_class(total=FILES[filename], initial=0) as bar:
            for _ in range(2):
                bar.update(FILES[filename] // 2)
        fetched.append(filename)
        return f"/cache/{filename}"

    import huggingface_hub
    monkeypatch.setattr(huggingface_hub, "snapshot_download", snapshot_download)
    monkeypatch.setattr(huggingface_hub, "hf_hub_download", hf_hub_download)
    return fetched


def test_size_counts_what_is_not_cached_yet(hub):
    assert download.download_size("org/model") == 90_000 + 7_000 + 300


def test_download_reports_bytes_and_fetches_only_missing_files(hub):
    seen: list[tuple[int, int]] = []
    got = download.download_model("org/model", lambda done, total, name: seen.append((done, total)))
    assert hub == ["model.safetensors", "tokenizer.json", "modules.json"]
    assert got == 97_300 and seen[-1] == (97_300, 97_300)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)        # progress only moves forward


def test_cancel_stops_between_files(hub):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(TrialCancelled):
        download.download_model("org/model", None, cancel)
    assert hub == []


def test_a_hub_error_names_the_model(monkeypatch):
    import huggingface_hub

    def offline(*args, **kwargs):
        raise OSError("network unreachable")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", offline)
    with pytest.raises(TrialError, match="cannot look up org/model"):
        download.download_size("org/model")
