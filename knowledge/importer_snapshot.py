"""Reading the MTEB snapshot (``models.jsonl`` + ``scores.csv``) into plain dictionaries for the importer.

Only the benchmarks in :data:`BENCHMARKS` are kept: the ones the advisor ranks on (general, language,
domain and modality benchmarks). Scores are kept as the leaderboard shows them (0-100), rounded to
:data:`SCORE_DECIMALS` places.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from knowledge.cards import KnowledgeError

REGISTRY_DATASET = "embeddings-benchmark/mteb"
REGISTRY_COMMIT = "a905523d0111f999360b312bd4a601a0a97a0e1c"
REGISTRY_AS_OF = "2026-08-22"
RESULTS_DATASET = "embeddings-benchmark/results"
RESULTS_COMMIT = "f4cc6c8b365a3c779dbc708d6affe0b0355b2ddf"
RESULTS_AS_OF = "2026-08-20"
SCORE_DECIMALS = 2

# Benchmark names exactly as in scores.csv, in the order cards list them.
BENCHMARKS: tuple[str, ...] = (
    "MTEB(eng, v2)", "MTEB(Multilingual, v2)", "MTEB(eng, v1)", "MTEB(Europe, v1)",
    "MTEB(Medical, v1)", "RTEB(Health, beta)", "R2MED",
    "MTEB(Code, v1)", "CoIR", "RTEB(Code, beta)",
    "MTEB(Law, v1)", "RTEB(Law, beta)", "RTEB(fin, beta)", "ChemTEB(v1.1)",
    "LongEmbed", "BRIGHT(v1.1)", "RTEB(beta)",
    "MTEB(Indic, v1)", "MTEB(Scandinavian, v1)", "MTEB(cmn, v1)", "JMTEB(v2)", "MTEB(kor, v2)",
    "MTEB(deu, v1)", "MTEB(fra, v1)", "MTEB(spa, v1)", "MTEB(pol, v1)", "MTEB(por, v1)",
    "MTEB(rus, v1.1)", "MTEB(nld, v1)", "MTEB(fas, v2)", "VN-MTEB (vie, v1)", "MTEB(tha, v1)",
    "MIEB(eng)", "MIEB(Multilingual)", "MIEB(lite)", "MIEB(Img)", "ViDoRe(v1&v2)", "ViDoRe(v3)",
    "MAEB(beta)", "MAEB(beta, audio-only)", "MVEB(beta)",
)
_ORDER = {b: i for i, b in enumerate(BENCHMARKS)}
_SCORE_COLUMNS = ("model", "benchmark", "aggregate", "score", "partial_mean", "n_tasks", "n_tasks_covered",
                  "complete_except_snapshot_gaps", "missing_tasks", "zero_shot_pct", "leaderboard_primary")


class SnapshotError(KnowledgeError):
    """The snapshot directory is missing a file or a file does not have the expected shape."""


@dataclass(frozen=True)
class Snapshot:
    """Registry rows by model name, and curated benchmark results by model name then benchmark."""

    models: dict[str, dict]
    results: dict[str, dict[str, dict]]


def read_snapshot(data_dir: Path) -> Snapshot:
    """Read ``models.jsonl`` and ``scores.csv`` from ``data_dir``; raise :class:`SnapshotError` if unusable."""
    return Snapshot(_read_models(data_dir / "models.jsonl"), _read_scores(data_dir / "scores.csv"))


def _read_models(path: Path) -> dict[str, dict]:
    if not path.is_file():
        raise SnapshotError(f"{path}: not found (expected the MTEB snapshot's models.jsonl)")
    models: dict[str, dict] = {}
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise SnapshotError(f"{path}:{lineno}: not JSON ({exc})") from None
            if not isinstance(row, dict) or not row.get("name"):
                raise SnapshotError(f"{path}:{lineno}: a registry row needs a 'name'")
            models[row["name"]] = row
    return models


def _read_scores(path: Path) -> dict[str, dict[str, dict]]:
    if not path.is_file():
        raise SnapshotError(f"{path}: not found (expected the MTEB snapshot's scores.csv)")
    primary: dict[tuple[str, str], dict] = {}
    types: dict[tuple[str, str], dict[str, dict]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        absent = [c for c in _SCORE_COLUMNS if c not in (reader.fieldnames or [])]
        if absent:
            raise SnapshotError(f"{path}: missing column(s) {absent}")
        for row in reader:
            if row["benchmark"] not in _ORDER:
                continue
            key = (row["model"], row["benchmark"])
            try:
                if row["leaderboard_primary"] == "True":
                    primary[key] = _benchmark_result(row)
                elif not row["aggregate"].startswith("Mean("):
                    types.setdefault(key, {})[row["aggregate"]] = _aggregate(row)
            except ValueError as exc:
                raise SnapshotError(f"{path}:{reader.line_num}: {exc}") from None
    results: dict[str, dict[str, dict]] = {}
    for (model, bench) in sorted(primary, key=lambda k: (k[0], _ORDER[k[1]])):
        result = primary[(model, bench)]
        result["task_types"] = dict(sorted(types.get((model, bench), {}).items()))
        results.setdefault(model, {})[bench] = result
    return results


def _score(text: str) -> float | None:
    return round(float(text), SCORE_DECIMALS) if text.strip() else None


def _aggregate(row: dict) -> dict:
    return {"mean": _score(row["score"]), "partial_mean": _score(row["partial_mean"]),
            "covered": int(row["n_tasks_covered"]), "total": int(row["n_tasks"])}


def _benchmark_result(row: dict) -> dict:
    # missing_tasks lists at most five names, then "...(+N more)"; covered/total carries the count.
    missing = [t for t in row["missing_tasks"].split(";") if t and not t.startswith("...")]
    zero_shot = int(float(row["zero_shot_pct"])) if row["zero_shot_pct"].strip() else -1
    return {
        "aggregate": row["aggregate"],
        **_aggregate(row),
        "missing_tasks": missing,
        "complete_except_snapshot_gaps": row["complete_except_snapshot_gaps"] == "True",
        "zero_shot_pct": None if zero_shot < 0 else zero_shot,
    }
