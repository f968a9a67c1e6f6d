"""Loading and validating the YAML model cards, and a validated snapshot cache for fast start-up.

A card file that fails to parse or validate raises :class:`CardError` naming the file, the field
and the reason. :func:`load_catalog` validates a whole directory at once; the last valid snapshot is
kept on disk so a broken card never takes the knowledge base down with it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knowledge.errors import KnowledgeError
from knowledge.schema import Card

CARDS_DIR = Path(__file__).resolve().parent / "cards"
SNAPSHOT_VERSION = 1
M = TypeVar("M", bound=BaseModel)

try:  # libyaml is ~10x faster than the pure-Python parser on 600+ files.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pyyaml built without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class CardProblem:
    """One reason a card file is invalid."""

    file: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.reason}"


class ProblemError(KnowledgeError):
    """One or more YAML files are invalid; ``problems`` names file, field and reason for each."""

    kind = "file(s)"

    def __init__(self, problems: list[CardProblem]):
        self.problems = problems
        head = "; ".join(str(p) for p in problems[:5])
        more = f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"invalid {self.kind}: {head}{more}")


class CardError(ProblemError):
    """One or more card files are invalid."""

    kind = "model card(s)"


class UnknownModelError(KnowledgeError):
    """A model id that is not in the knowledge base; ``suggestions`` holds close matches."""

    def __init__(self, model_id: str, suggestions: list[str]):
        self.model_id = model_id
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown model id {model_id!r}.{hint}")


def card_files(cards_dir: Path = CARDS_DIR) -> list[Path]:
    """All card files under ``cards_dir``, sorted for determinism."""
    return sorted(p for p in cards_dir.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def fingerprint(files: Iterable[Path], root: Path = CARDS_DIR) -> str:
    """A content hash over card file names and bytes: changes whenever any card changes."""
    h = hashlib.sha256()
    for p in files:
        h.update(str(p.relative_to(root)).encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


def parse_yaml_model(text: str, name: str, model: type[M], error: type[ProblemError], what: str) -> M:
    """Parse YAML ``text`` and validate it as ``model``; raise ``error`` naming file, field and reason."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "yaml"
        raise error([CardProblem(name, where, f"malformed YAML: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(data, dict):
        raise error([CardProblem(name, "<root>", f"{what} must be a YAML mapping of field: value")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = [
            CardProblem(name, ".".join(str(x) for x in err["loc"]) or "<root>", err["msg"])
            for err in exc.errors(include_url=False)
        ]
        raise error(problems) from None


def read_text_file(path: Path, error: type[ProblemError]) -> str:
    """The UTF-8 text of ``path``; ``error`` names the file when it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error([CardProblem(str(path), "<file>", f"not UTF-8 text ({exc.reason})")]) from None


def parse_card(text: str, name: str = "<card>") -> Card:
    """Parse and validate one card from YAML text; raise :class:`CardError` on any problem."""
    return parse_yaml_model(text, name, Card, CardError, "a card")


def load_card(path: Path) -> Card:
    """Load one card file; errors name the file."""
    return parse_card(read_text_file(path, CardError), str(path))


@dataclass
class Catalog:
    """All valid cards of a knowledge base, by id, with the fingerprint of the files they came from."""

    cards: dict[str, Card]
    fingerprint: str
    problems: list[CardProblem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.cards)

    def __iter__(self) -> Iterator[Card]:
        return iter(self.cards.values())

    def get(self, model_id: str) -> Card:
        """The card for ``model_id`` (case-insensitive); :class:`UnknownModelError` with suggestions if absent."""
        if model_id in self.cards:
            return self.cards[model_id]
        lowered = {k.lower(): k for k in self.cards}
        if model_id.lower() in lowered:
            return self.cards[lowered[model_id.lower()]]
        raise UnknownModelError(model_id, self.suggest(model_id))

    def suggest(self, model_id: str, n: int = 5) -> list[str]:
        """Close matches for a mistyped id, matching on the full id and on the name after the slash."""
        ids = list(self.cards)
        by_name = {k.split("/")[-1].lower(): k for k in ids}
        query = model_id.lower()
        # Ids containing what was typed ("medcpt") come first: they beat a short look-alike ("yamnet").
        hits = sorted((k.lower() for k in ids if query and query in k.lower()),
                      key=lambda k: (k.split("/")[-1] != query, len(k.split("/")[-1]), k))
        hits += difflib.get_close_matches(query, [k.lower() for k in ids], n=n, cutoff=0.5)
        hits += difflib.get_close_matches(query.split("/")[-1], list(by_name), n=n, cutoff=0.5)
        lowered = {k.lower(): k for k in ids}
        out: list[str] = []
        for h in hits:
            real = lowered.get(h) or by_name.get(h)
            if real and real not in out:
                out.append(real)
        return out[:n]


def load_unique(paths: Iterable[Path], load: Callable[[Path], M], error: type[ProblemError],
                id_of: Callable[[M], str]) -> tuple[dict[str, M], dict[str, Path], list[CardProblem]]:
    """Load every file with ``load``; return the valid items by id, the file of each, and every problem
    (invalid files and duplicate ids)."""
    items: dict[str, M] = {}
    origin: dict[str, Path] = {}
    problems: list[CardProblem] = []
    for path in paths:
        try:
            item = load(path)
        except error as exc:
            problems.extend(exc.problems)
            continue
        key = id_of(item)
        if key in items:
            problems.append(CardProblem(str(path), "id", f"duplicate id {key!r} (also in {origin[key]})"))
            continue
        items[key] = item
        origin[key] = path
    return items, origin, problems


def validate_dir(cards_dir: Path = CARDS_DIR) -> tuple[dict[str, Card], list[CardProblem]]:
    """Validate every card file; return the valid cards and every problem found (duplicates included)."""
    cards, _, problems = load_unique(card_files(cards_dir), load_card, CardError, lambda c: c.id)
    return cards, problems


def load_catalog(cards_dir: Path = CARDS_DIR, snapshot_dir: Path | None = None, strict: bool = False) -> Catalog:
    """Load the cards, using a validated JSON snapshot in ``snapshot_dir`` when the files are unchanged.

    When some card is invalid: with ``strict`` raise :class:`CardError`; otherwise fall back to the
    last valid snapshot (if any) and report the problems on the returned catalog.
    """
    files = card_files(cards_dir)
    fp = fingerprint(files, cards_dir)
    snap = snapshot_dir / "cards.snapshot.json" if snapshot_dir else None
    cached = _read_snapshot(snap) if snap else None
    if cached and cached["fingerprint"] == fp:
        return Catalog({c["id"]: Card.model_validate(c) for c in cached["cards"]}, fp)
    cards, problems = validate_dir(cards_dir)
    if problems:
        if strict:
            raise CardError(problems)
        if cached:
            previous = {c["id"]: Card.model_validate(c) for c in cached["cards"]}
            return Catalog(previous, cached["fingerprint"], problems)
        return Catalog(cards, fp, problems)
    if snap:
        _write_snapshot(snap, fp, cards)
    return Catalog(cards, fp)


def _read_snapshot(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != SNAPSHOT_VERSION:
        return None
    return data


def _write_snapshot(path: Path, fp: str, cards: dict[str, Card]) -> None:
    """Write atomically so a crash mid-write never leaves a corrupt snapshot."""
    payload = {"version": SNAPSHOT_VERSION, "fingerprint": fp,
               "cards": [c.model_dump(mode="json", exclude_defaults=True) for c in cards.values()]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cards.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        pass  # The snapshot is only a cache; the cards themselves are the source of truth.
