"""Download a candidate model's weights from the Hugging Face hub, with its size beforehand and byte progress.

Only for a server allowed online (``EA_ONLINE=true``): the caller decides; this module never checks a setting.
The files fetched are the ones sentence-transformers loads: exports for other runtimes (ONNX, OpenVINO,
TensorFlow, Flax, Rust, Core ML, GGUF) are left out, and so are PyTorch ``.bin`` weights when the repository has
``.safetensors`` ones. Files go to the standard Hugging Face cache, where ``knowledge.embedding`` finds them.
"""

from __future__ import annotations

import fnmatch
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from agents.trial.errors import TrialCancelled, TrialError

log = logging.getLogger(__name__)

OTHER_RUNTIMES = ("*.onnx", "*.onnx_data", "onnx/*", "openvino/*", "*.h5", "*.msgpack", "*.ot", "flax_model*",
                  "tf_model*", "rust_model*", "coreml/*", "*.mlmodel", "*.tflite", "*.gguf")
Progress = Callable[[int, int, str], None]   # (bytes done, bytes total, file name)


@dataclass(frozen=True)
class RemoteFile:
    name: str
    size: int | None
    cached: bool


def choose_files(names: Iterable[str]) -> list[str]:
    """The files sentence-transformers needs, from a repository's file list."""
    kept = [n for n in names if not any(fnmatch.fnmatch(n, p) for p in OTHER_RUNTIMES)]
    if any(n.endswith(".safetensors") for n in kept):
        kept = [n for n in kept if not (n.endswith(".bin") and "pytorch_model" in n)]
    return kept


def remote_files(repo_id: str) -> tuple[str, list[RemoteFile]]:
    """(commit, the files to fetch with their sizes) of a hub repository: a dry run, nothing is downloaded."""
    from huggingface_hub import snapshot_download

    try:
        infos = snapshot_download(repo_id, ignore_patterns=list(OTHER_RUNTIMES), dry_run=True)
    except Exception as exc:  # noqa: BLE001 - offline, unknown repository, gated model, hub error
        raise TrialError(f"cannot look up {repo_id} on Hugging Face: {type(exc).__name__}: {exc}") from exc
    wanted = set(choose_files(i.filename for i in infos))
    commit = infos[0].commit_hash if infos else "main"
    return commit, [RemoteFile(i.filename, i.file_size, i.is_cached) for i in infos if i.filename in wanted]


def download_size(repo_id: str) -> int | None:
    """Bytes still to download for ``repo_id`` (0 when everything is cached; None when a size is unknown)."""
    _, files = remote_files(repo_id)
    sizes = [f.size for f in files if not f.cached]
    return None if any(s is None for s in sizes) else sum(s for s in sizes if s is not None)


def _byte_counter(report: Callable[[int], None]) -> type:
    """A tqdm stand-in for ``hf_hub_download``: it only counts the bytes written."""

    class Counter:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            report(int(kwargs.get("initial") or 0))

        def __enter__(self) -> Counter:
            return self

        def __exit__(self, *exc: Any) -> None:
            pass

        def update(self, n: float | None = 1) -> None:
            report(int(n or 0))

        def __getattr__(self, name: str) -> Callable[..., None]:  # close, refresh, set_postfix_str, update_transfer …
            return lambda *args, **kwargs: None

    return Counter


def download_model(repo_id: str, progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> int:
    """Fetch ``repo_id``'s files into the Hugging Face cache; returns the bytes downloaded.

    Cancellation is checked between files (a file in flight finishes, so the cache never holds half a file).
    """
    from huggingface_hub import hf_hub_download

    commit, files = remote_files(repo_id)
    todo = [f for f in files if not f.cached]
    total = sum(f.size or 0 for f in todo)
    done = 0
    current = ""

    def add(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, total) if total else done, total, current)

    for f in todo:
        if cancel is not None and cancel.is_set():
            raise TrialCancelled(f"download of {repo_id} cancelled")
        current = f.name
        before = done
        try:
            hf_hub_download(repo_id, f.name, revision=commit, tqdm_class=_byte_counter(add))
        except Exception as exc:  # noqa: BLE001 - network, disk full, permissions: say which file
            raise TrialError(f"downloading {repo_id} failed at {f.name}: {type(exc).__name__}: {exc}") from exc
        if f.size and done - before < f.size:   # a file served without byte progress still counts in full
            add(f.size - (done - before))
    log.info("downloaded %s: %d files, %d bytes", repo_id, len(todo), done)
    return done
