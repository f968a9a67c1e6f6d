"""Fault-injection helpers: break the store, the cards, the model path, a trial encoder or the disk.

Everything here works on copies in a scratch directory; nothing touches the user's data. Helpers that
need privileges (a read-only bind mount, a tiny tmpfs) return None where the machine does not allow
them, so callers fall back to a simulation and say so.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

REPO = Path(__file__).resolve().parent.parent


# -- the Chroma store ---------------------------------------------------------------------------------------
def sqlite_file(data_dir: Path) -> Path:
    return data_dir / "chroma" / "chroma.sqlite3"


def segment_files(data_dir: Path) -> list[Path]:
    """The HNSW segment files (one folder per vector segment)."""
    root = data_dir / "chroma"
    return sorted(p for d in root.iterdir() if d.is_dir() for p in d.iterdir() if p.is_file()) if root.exists() else []


def garbage(n: int, seed: int = 0) -> bytes:
    """``n`` deterministic pseudo-random bytes."""
    return np.random.default_rng(seed).integers(0, 256, n, dtype=np.uint8).tobytes()


def overwrite(path: Path, start: int = 0, length: int | None = None, seed: int = 0) -> None:
    """Write garbage over ``path`` (the whole file by default, else ``length`` bytes from ``start``)."""
    data = bytearray(path.read_bytes())
    length = len(data) - start if length is None else length
    data[start:start + length] = garbage(max(length, 0), seed)
    path.write_bytes(bytes(data or garbage(64, seed)))


@contextmanager
def sqlite_locked(path: Path) -> Iterator[subprocess.Popen]:
    """Another process holding an EXCLUSIVE lock on the SQLite file until the block ends."""
    code = ("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\nsys.stdin.readline()\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip() if proc.stdout else ""
        if line != "locked":
            raise RuntimeError(f"could not lock {path}: {proc.stderr.read() if proc.stderr else ''}")
        yield proc
    finally:
        if proc.poll() is None:
            try:
                proc.stdin.write("\n")  # type: ignore[union-attr]
                proc.stdin.flush()  # type: ignore[union-attr]
                proc.wait(10)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait(5)


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextmanager
def read_only(path: Path) -> Iterator[tuple[Path, str] | None]:
    """``path`` made read-only: (path to use, how). A read-only bind mount as root (root ignores file
    modes), file modes otherwise; None when neither works here."""
    if os.geteuid() == 0:
        view = path.with_name(path.name + "-ro")
        view.mkdir(exist_ok=True)
        if _mount("--bind", str(path), str(view)) and _mount("-o", "remount,ro,bind", str(view)):
            try:
                yield view, "read-only bind mount"
            finally:
                _umount(view)
            return
        _umount(view)
        yield None
        return
    modes = {p: p.stat().st_mode for p in [path, *path.rglob("*")]}
    for p in modes:
        p.chmod(modes[p] & ~0o222)
    try:
        yield path, "write permission removed"
    finally:
        for p, m in modes.items():
            p.chmod(m)


@contextmanager
def tiny_disk(parent: Path, size_kb: int = 128) -> Iterator[Path | None]:
    """A real, tiny tmpfs (so writes fail with ENOSPC); None when mounting is not allowed here."""
    mnt = parent / f"tiny-disk-{size_kb}k"
    mnt.mkdir(parents=True, exist_ok=True)
    if not _mount("-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)):
        yield None
        return
    try:
        yield mnt
    finally:
        _umount(mnt)


def fill(directory: Path, leave: int = 0) -> None:
    """Fill the file system holding ``directory`` until fewer than ``leave`` bytes are free."""
    chunk = b"\0" * 4096
    with open(directory / ".filler", "ab") as fh:
        try:
            while shutil.disk_usage(directory).free > leave:
                fh.write(chunk)
                fh.flush()
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise


class _FullFile(io.TextIOBase):
    """A writable file on a full disk: every write fails with ENOSPC."""

    def __init__(self, raw: Any):
        self._raw = raw

    def write(self, s: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()
        super().close()


@contextmanager
def disk_full(targets: tuple[str, ...] = ("builtins.open", "os.fdopen")) -> Iterator[None]:
    """Simulate a full disk: files opened for writing through ``targets`` fail every write with ENOSPC."""
    real = {"builtins.open": builtins.open, "os.fdopen": os.fdopen}

    def wrap(opener: Any) -> Any:
        def opened(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            fh = opener(file, mode, *args, **kwargs)
            return _FullFile(fh) if any(c in mode for c in "wax+") else fh
        return opened

    patches = [mock.patch(t, wrap(real[t])) for t in targets]
    for p in patches:
        p.start()
    try:
        yield
    finally:
        for p in reversed(patches):
            p.stop()


# -- cards and models --------------------------------------------------------------------------------------
BREAKS: dict[str, Any] = {
    "malformed YAML": lambda text: text.replace(":", "", 1).replace("\n", "\n  - [", 1),
    "wrong type": lambda text: re.sub(r"(?m)^open_weights:.*$", "open_weights: maybe later", text, count=1),
    "binary bytes": lambda text: b"\x89PNG\r\n\x1a\n" + garbage(200),
}


def break_card(path: Path, how: str) -> None:
    """Break one card file in place (see :data:`BREAKS`)."""
    result = BREAKS[how](path.read_text(encoding="utf-8"))
    if isinstance(result, bytes):
        path.write_bytes(result)
    else:
        path.write_text(result, encoding="utf-8")


def fake_model_dir(path: Path, config: dict[str, Any] | None = None, garbage_weights: bool = False) -> Path:
    """A folder that looks like a local model (config.json; optionally garbage weights): loading it fails."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "config.json").write_text(json.dumps(config or {"model_type": "bert"}))
    if garbage_weights:
        (path / "modules.json").write_text('[{"idx": 0, "name": "0", "path": "", "type": '
                                           '"sentence_transformers.models.Transformer"}]')
        (path / "model.safetensors").write_bytes(garbage(4096))
    return path


# -- trial encoders ----------------------------------------------------------------------------------------
class HashingEncoder:
    """A real, deterministic encoder without torch: words hashed into ``dim`` buckets, L2-normalised.

    Texts that share words get similar vectors, so a trial with it ranks documents meaningfully.
    """

    max_seq_length: int | None = None

    def __init__(self, model: str, dim: int = 256):
        self.model = model
        self.dim = dim
        self.calls = 0

    def prompt(self, side: str) -> str:
        return ""

    def encode(self, texts: list[str], side: str) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                out[i, int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "little") % self.dim] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)

    def count_tokens(self, texts: list[str], side: str) -> list[int]:
        return [len(re.findall(r"\w+", t)) for t in texts]

    def weights_bytes(self) -> int | None:
        return None


class FailingEncoder(HashingEncoder):
    """Like :class:`HashingEncoder` but raises on the ``fail_on``-th encode call of ``side`` (or on load)."""

    def __init__(self, model: str, fail_on: int = 2, side: str = "document", on_load: bool = False):
        super().__init__(model)
        self.fail_on, self.side, self.on_load = fail_on, side, on_load
        self.side_calls = 0

    def load(self) -> None:
        if self.on_load:
            raise OSError(f"injected failure: cannot read the weights of {self.model}")

    def encode(self, texts: list[str], side: str) -> np.ndarray:
        if side == self.side:
            self.side_calls += 1
            if self.side_calls == self.fail_on:
                raise RuntimeError(f"injected failure on {side} batch {self.fail_on}")
        return super().encode(texts, side)


# -- processes ------------------------------------------------------------------------------------------------
@dataclass
class Run:
    """A finished (or timed-out) child process."""

    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool = False
    seconds: float = 0.0

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    def error_lines(self) -> list[str]:
        return [ln for ln in self.stderr.splitlines() if ln.startswith("error:")]


def run_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of child processes: this one's, offline, with the repository importable."""
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(REPO), **(extra or {})}


def run(argv: list[str], env: dict[str, str] | None = None, timeout: float = 120, stdin: str | None = None,
        stdout: Any = None) -> Run:
    """Run a child process from the repository root with the offline defaults; never raises on timeout.

    ``stdout`` (an open file) receives the output instead of capturing it.
    """
    import time

    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, cwd=REPO, env=run_env(env), stdout=stdout or subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=timeout, input=stdin)
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
        return Run(None, out, err, True, round(time.perf_counter() - start, 1))
    return Run(proc.returncode, proc.stdout or "", proc.stderr, False, round(time.perf_counter() - start, 1))


def cli(args: list[str], env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """``python -m app.cli ARGS``."""
    return run([sys.executable, "-m", "app.cli", *args], env, timeout)


# A child that opens the knowledge base and searches once, printing what a user would see; used where the
# fault could hang or kill the process (locked or corrupt native files), so the caller can time it out.
PROBE = """
import json, sys
from pathlib import Path
from knowledge.base import KBConfig, KnowledgeBase
from knowledge.filters import CardFilter
kb = KnowledgeBase.open(KBConfig(data_dir=Path(sys.argv[1]), cards_dir=Path(sys.argv[2])), sync=False)
print(json.dumps({"stage": "opened", "error": kb.index_error}), flush=True)
if len(sys.argv) > 3:  # "wait": let the parent inject the fault between opening and searching
    sys.stdin.readline()
r = kb.search("medical retrieval for English clinical notes", CardFilter(open_weights=True), 5)
print(json.dumps({"stage": "searched", "mode": r.mode, "hits": [c.id for c, _ in r.hits], "cards": len(kb.catalog)}))
"""


def probe_kb(data_dir: Path, cards_dir: Path, timeout: float = 60) -> Run:
    """Open + search in a child process (see :data:`PROBE`)."""
    return run([sys.executable, "-c", PROBE, str(data_dir), str(cards_dir)], timeout=timeout)


def probe_lines(result: Run) -> dict[str, dict[str, Any]]:
    """The JSON lines a :data:`PROBE` child printed, by stage."""
    out: dict[str, dict[str, Any]] = {}
    for line in result.stdout.splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and "stage" in item:
            out[item["stage"]] = item
    return out
