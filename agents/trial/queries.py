"""Labelled queries (query -> relevant document ids or texts) from .jsonl/.json/.csv/.tsv/.yaml files.

Relevant documents may be named by id or by text; a text matches a document whose whole text, or
(for texts of 20+ characters) exactly one document's text, contains it. Queries whose relevant
documents are not in the sample are dropped and reported.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
from dataclasses import dataclass, field

from agents.trial.decode import iter_lines
from agents.trial.errors import TrialInputError
from agents.trial.inputs import Sample, TrialLimits, normalise, read_text
from agents.trial.tabular import load_json

QUERY_KEYS = ("query", "question", "q", "query_text", "text")
RELEVANT_KEYS = ("relevant", "relevant_ids", "relevant_id", "doc_ids", "doc_id", "ids", "corpus_id",
                 "positive_ids", "relevant_docs", "relevant_texts", "relevant_text", "answer", "answers",
                 "positive", "positives", "document", "passage")
_QUERY_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
                   ".yaml": "yaml", ".yml": "yaml"}


@dataclass(frozen=True)
class Query:
    """A query and the ids of the documents relevant to it. ``kind`` says how it was made."""

    text: str
    relevant: tuple[str, ...]
    line: int | None = None
    kind: str = "labelled"  # labelled | title | heading | sentence


@dataclass
class Queries:
    """The queries of a trial; ``label_free`` when they were made from the documents themselves."""

    items: list[Query]
    source: str = "<queries>"
    messages: list[str] = field(default_factory=list)
    label_free: bool = False

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class _RawQuery:
    line: int | None
    text: str
    values: list[str]


def load_queries(source: str | os.PathLike[str] | None = None, *, sample: Sample, text: str | None = None,
                 data: bytes | None = None, name: str | None = None, fmt: str | None = None,
                 limits: TrialLimits | None = None) -> Queries:
    """Load labelled queries and resolve their relevant documents against ``sample``."""
    limits = limits or TrialLimits()
    if text is None:
        text, name = read_text(source, data=data, name=name, limits=limits)
    name = name or "<pasted queries>"
    if not text.strip():
        raise TrialInputError("the queries are empty", name)
    if fmt is None:
        suffix = os.path.splitext(name)[1].lower()
        fmt = _QUERY_SUFFIXES.get(suffix) or ("jsonl" if text.lstrip().startswith("{") else None)
        if fmt is None:
            raise TrialInputError(f"unsupported queries file type {suffix or '(no suffix)'!r}; use one of "
                                  f"{', '.join(sorted(_QUERY_SUFFIXES))}", name)
    rows = limits.max_query_rows
    if fmt in ("jsonl", "json"):
        raw = _from_json(text, name, fmt, rows)
    elif fmt in ("csv", "tsv"):
        raw = _from_csv(text, name, "\t" if fmt == "tsv" else ",", rows)
    elif fmt == "yaml":
        raw = _from_yaml(text, name)
    else:
        raise TrialInputError(f"unknown queries format {fmt!r}; valid: jsonl, json, csv, tsv, yaml", name)
    messages = []
    if len(raw) > rows:
        raw = raw[:rows]
        messages.append(f"{name}: the file holds more than {rows:,} queries; read the first {rows:,} and the rest was "
                        f"not read (the trial uses at most {limits.max_queries:,})")
    queries = resolve(raw, sample, name, limits)
    queries.messages[:0] = messages
    return queries


def resolve(raw: list[_RawQuery], sample: Sample, source: str, limits: TrialLimits) -> Queries:
    """Merge repeated queries, map relevant values to document ids, drop what cannot be resolved, cap."""
    messages: list[str] = []
    merged: dict[str, _RawQuery] = {}
    repeats = 0
    for r in raw:
        key = normalise(r.text)
        if key in merged:
            merged[key].values.extend(v for v in r.values if v not in merged[key].values)
            repeats += 1
        else:
            merged[key] = _RawQuery(r.line, r.text, list(r.values))
    if repeats:
        messages.append(f"{source}: merged {repeats} repeated query row(s) (their relevant documents are combined)")
    matcher = _Matcher(sample)
    items: list[Query] = []
    dropped: list[str] = []
    partial = 0
    for r in merged.values():
        ids: list[str] = []
        missing: list[str] = []
        for v in r.values:
            doc_id = matcher.find(v)
            if doc_id is None:
                missing.append(v)
            elif doc_id not in ids:
                ids.append(doc_id)
        if not ids:
            where = f"line {r.line}" if r.line else repr(r.text[:40])
            dropped.append(f"{where} ({', '.join(repr(_short(m)) for m in missing[:3]) or 'no relevant documents'})")
            continue
        partial += bool(missing)
        items.append(Query(r.text, tuple(ids), r.line))
    if dropped:
        messages.append(f"{source}: dropped {len(dropped)} query(ies) whose relevant documents are not in the "
                        f"sample: {'; '.join(dropped[:5])}{' ...' if len(dropped) > 5 else ''}")
    if partial:
        messages.append(f"{source}: {partial} query(ies) name some relevant documents that are not in the sample; "
                        "those were ignored")
    if not items:
        raise TrialInputError(f"none of the {len(merged)} queries has a relevant document in the sample "
                              f"(document ids look like {', '.join(repr(i) for i in sample.ids[:3])})", source)
    if len(items) > limits.max_queries:
        messages.append(f"{source}: {len(items):,} queries; the trial uses the first {limits.max_queries:,} (the cap)")
        items = items[:limits.max_queries]
    return Queries(items, source, messages)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


class _Matcher:
    """Finds a document by id, by alias (a removed duplicate), by whole text, or by a unique substring."""

    def __init__(self, sample: Sample):
        self.ids = {d.id for d in sample.documents}
        self.aliases = sample.aliases
        self.texts: dict[str, str] = {}
        for d in sample.documents:
            self.texts.setdefault(normalise(d.text), d.id)
            self.texts.setdefault(normalise(d.full_text), d.id)
        self.norm = [(d.id, normalise(d.full_text)) for d in sample.documents]

    def find(self, value: str) -> str | None:
        value = value.strip()
        if value in self.ids:
            return value
        if value in self.aliases:
            return self.aliases[value]
        key = normalise(value)
        if key in self.texts:
            return self.texts[key]
        if len(key) >= 20:
            hits = [i for i, t in self.norm if key in t]
            if len(hits) == 1:
                return hits[0]
        return None


def _values(obj: object) -> list[str]:
    if obj is None:
        return []
    if isinstance(obj, (list, tuple)):
        return [str(v) for v in obj if v is not None and str(v).strip()]
    if isinstance(obj, dict):  # {"doc-id": grade}: graded judgements count as relevant when grade > 0
        return [str(k) for k, g in obj.items() if not isinstance(g, (int, float)) or g > 0]
    return [str(obj)] if str(obj).strip() else []


def _record(item: object, source: str, where: str) -> _RawQuery:
    if not isinstance(item, dict):
        raise TrialInputError(f"{where}: expected an object with a query and its relevant documents, got "
                              f"{type(item).__name__}", source)
    lowered = {str(k).lower(): k for k in item}
    qk = next((lowered[k] for k in QUERY_KEYS if k in lowered and isinstance(item[lowered[k]], str)), None)
    if qk is None:
        raise TrialInputError(f"{where}: no query field (expected one of {', '.join(QUERY_KEYS[:3])}; "
                              f"fields: {', '.join(map(str, item))})", source)
    values = [v for k in RELEVANT_KEYS if k in lowered and lowered[k] != qk for v in _values(item[lowered[k]])]
    if not values:
        raise TrialInputError(f"{where}: no relevant documents (expected a field such as 'relevant' with ids or "
                              f"'relevant_texts'; fields: {', '.join(map(str, item))})", source)
    line = int(where.split()[-1]) if where.startswith("line") else None
    return _RawQuery(line, item[qk].strip(), values)


def _from_json(text: str, source: str, fmt: str, max_rows: int) -> list[_RawQuery]:
    """Queries from JSON (a list of records or a mapping query -> relevant) or JSON lines (up to ``max_rows`` + 1)."""
    if fmt == "json":
        data = load_json(text, source)
        if isinstance(data, dict):
            return [_RawQuery(None, str(q), _values(v)) for q, v in data.items()]
        if not isinstance(data, list):
            raise TrialInputError("expected a list of {query, relevant} objects", source)
        return [_record(item, source, f"item {i + 1}") for i, item in enumerate(data)]
    lines = ((n, line) for n, line in enumerate(iter_lines(text), start=1) if line.strip())
    return [_record(load_json(line, source, n), source, f"line {n}") for n, line in itertools.islice(lines, max_rows + 1)]


def _from_csv(text: str, source: str, delimiter: str, max_rows: int) -> list[_RawQuery]:
    reader = csv.reader(iter_lines(text, keepends=True), delimiter=delimiter)
    try:
        rows = list(itertools.islice(((reader.line_num, r) for r in reader if any(c.strip() for c in r)), max_rows + 2))
    except csv.Error as exc:
        raise TrialInputError(f"malformed CSV: {exc}", source, reader.line_num) from None
    if len(rows) < 2:
        raise TrialInputError("expected a header row (query, relevant) and at least one query", source)
    header = [c.strip().lower() for c in rows[0][1]]
    qi = next((header.index(k) for k in QUERY_KEYS if k in header), None)
    rel = [header.index(k) for k in RELEVANT_KEYS if k in header and header.index(k) != qi]
    if qi is None or not rel:
        raise TrialInputError(f"need a query column ({', '.join(QUERY_KEYS[:2])}) and a relevant column "
                              f"(relevant, relevant_ids or relevant_text); the columns are: {', '.join(header)}",
                              source, 1)
    out = []
    for line, row in rows[1:]:
        if qi >= len(row) or not row[qi].strip():
            raise TrialInputError("empty query", source, line, qi + 1)
        values = [v.strip() for i in rel if i < len(row) for v in re.split(r"[;|]", row[i]) if v.strip()]
        if not values:
            raise TrialInputError("no relevant documents in this row", source, line, rel[0] + 1)
        out.append(_RawQuery(line, row[qi].strip(), values))
    return out


def _from_yaml(text: str, source: str) -> list[_RawQuery]:
    """Queries from YAML, read without aliases and within the size limits of :mod:`agents.safe_yaml`."""
    from agents.safe_yaml import UserYamlError, load_user_yaml

    try:
        data = load_user_yaml(text)
    except UserYamlError as exc:
        raise TrialInputError(exc.reason, source, exc.line, exc.column) from None
    if isinstance(data, dict) and "queries" in data and isinstance(data["queries"], list):
        data = data["queries"]
    if isinstance(data, dict):
        return [_RawQuery(None, str(q), _values(v)) for q, v in data.items()]
    if isinstance(data, list):
        return [_record(item, source, f"item {i + 1}") for i, item in enumerate(data)]
    raise TrialInputError("expected a list of {query, relevant} entries or a mapping query -> relevant ids", source)
