"""CSV/TSV and JSON(L) document parsing: pick the text, id and title columns (given or detected).

Rows and items are read one at a time: CSV up to ``max_rows`` rows, JSON lines and the items of a JSON
array as the caller asks for them (see ``agents/trial/inputs.py``). JSON nested deeper than
:data:`agents.limits.MAX_JSON_DEPTH` is an input error, never a ``RecursionError``.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from agents.limits import MAX_JSON_DEPTH, nesting_depth
from agents.trial.decode import iter_lines
from agents.trial.errors import TrialInputError

TEXT_NAMES = ("text", "content", "contents", "body", "document", "passage", "page_content", "description",
              "abstract", "answer", "snippet", "code")
ID_NAMES = ("id", "_id", "doc_id", "docid", "document_id", "uid", "key")
TITLE_NAMES = ("title", "heading", "name", "subject", "question", "header")


@dataclass
class RawDoc:
    id: str | None
    title: str | None
    text: str
    line: int | None


def _pick(columns: list[str], wanted: str | None, names: tuple[str, ...], kind: str, source: str) -> int | None:
    lowered = [c.strip().lower() for c in columns]
    if wanted is not None:
        if wanted.strip().lower() not in lowered:
            raise TrialInputError(
                f"no {kind} column {wanted!r}; the columns are: {', '.join(repr(c) for c in columns)}", source, 1)
        return lowered.index(wanted.strip().lower())
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def parse_csv(text: str, source: str, delimiter: str, text_column: str | None, id_column: str | None,
              title_column: str | None, messages: list[str], max_rows: int | None = None) -> list[RawDoc]:
    """Documents from CSV/TSV text: the header plus at most ``max_rows`` non-empty rows."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # documents may be long; the byte cap applies later
    reader = csv.reader(iter_lines(text, keepends=True), delimiter=delimiter)
    try:
        rows = list(itertools.islice(((reader.line_num, row) for row in reader if any(c.strip() for c in row)),
                                     None if max_rows is None else max_rows + 1))
    except csv.Error as exc:
        raise TrialInputError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}", source,
                              reader.line_num) from None
    if not rows:
        raise TrialInputError("the file is empty", source)
    header = [c.strip() for c in rows[0][1]]
    data = rows[1:]
    if not data:
        raise TrialInputError("only a header row, no documents", source, 1)
    for line, row in data:
        if len(row) > len(header):
            raise TrialInputError(
                f"row has {len(row)} fields but the header has {len(header)} (an unquoted "
                f"{'tab' if delimiter == chr(9) else 'comma'} inside a text? quote the field)", source, line)
    ti = _pick(header, text_column, TEXT_NAMES, "text", source)
    if ti is None:
        ti = _longest_column(header, [r for _, r in data])
        messages.append(f"{source}: auto-detected text column {header[ti]!r} (longest text); "
                        "choose another with the text column option")
    elif text_column is None:
        messages.append(f"{source}: using text column {header[ti]!r}")
    ii = _pick(header, id_column, ID_NAMES, "id", source)
    hi = _pick(header, title_column, TITLE_NAMES, "title", source)
    if hi == ti:
        hi = None
    out: list[RawDoc] = []
    for line, row in data:
        if ti >= len(row):
            raise TrialInputError(f"row has no value for text column {header[ti]!r} (only {len(row)} fields)",
                                  source, line, ti + 1)
        doc_id = row[ii].strip() if ii is not None and ii < len(row) and row[ii].strip() else None
        title = row[hi].strip() if hi is not None and hi < len(row) and row[hi].strip() else None
        out.append(RawDoc(doc_id, title, row[ti].strip(), line))
    return out


def _longest_column(header: list[str], rows: list[list[str]]) -> int:
    def score(i: int) -> float:
        vals = [r[i] for r in rows if i < len(r) and r[i].strip()]
        if not vals:
            return -1.0
        numeric = sum(bool(re.fullmatch(r"[\s\d.,:+-]*", v)) for v in vals)
        return -1.0 if numeric > len(vals) / 2 else sum(len(v) for v in vals) / len(vals)

    return max(range(len(header)), key=score)


def _too_deep(source: str, line: int | None = None) -> TrialInputError:
    return TrialInputError(f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep (the limit)", source, line)


def _checked(value: Any, source: str, line: int | None) -> Any:
    if nesting_depth(value) > MAX_JSON_DEPTH:
        raise _too_deep(source, line)
    return value


def load_json(text: str, source: str, line: int | None = None) -> Any:
    """One JSON value (a whole file, or one line of a ``.jsonl`` file given its ``line``), nesting bounded."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TrialInputError(f"not valid JSON: {exc.msg}", source, line or exc.lineno, exc.colno) from None
    except RecursionError:  # deeper than the parser can go: far past the limit
        raise _too_deep(source, line) from None
    return _checked(value, source, line)


_WS = re.compile(r"[ \t\n\r]*")


def iter_json_array(text: str, source: str, what: str) -> Iterator[Any]:
    """The items of a top-level JSON array, decoded one at a time (anything else: an error saying ``what``)."""
    pos = _WS.match(text).end()  # type: ignore[union-attr]
    if not text.startswith("[", pos):
        load_json(text, source)  # malformed JSON says so first
        raise TrialInputError(what, source)
    decoder = json.JSONDecoder()
    pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", pos):
        load_json(text, source)  # only whitespace may follow
        return
    while True:
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise TrialInputError(f"not valid JSON: {exc.msg}", source, exc.lineno, exc.colno) from None
        except RecursionError:
            raise _too_deep(source, text.count("\n", 0, pos) + 1) from None
        yield _checked(value, source, None)
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith(",", pos):
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            continue
        if text.startswith("]", pos):
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            if pos == len(text):
                return
        bad = json.JSONDecodeError("Extra data" if text[pos - 1:pos] in "] \t\n\r" else "Expecting ',' delimiter",
                                   text, pos)
        raise TrialInputError(f"not valid JSON: {bad.msg}", source, bad.lineno, bad.colno)


def _json_items(text: str, source: str, fmt: str) -> Iterator[tuple[int, Any]]:
    if fmt == "json":
        yield from enumerate(iter_json_array(text, source, "a .json sample must be a list of strings or objects "
                                                           "(use .jsonl for one per line)"), start=1)
        return
    for n, line in enumerate(iter_lines(text), start=1):
        if line.strip():
            yield n, load_json(line, source, n)


def parse_json(text: str, source: str, fmt: str, text_field: str | None, id_field: str | None,
               title_field: str | None, messages: list[str]) -> Iterator[RawDoc]:
    """Documents from a JSON array or JSON lines, one at a time."""
    where = "item" if fmt == "json" else "line"
    keys: dict[str, str] = {}
    for n, item in _json_items(text, source, fmt):
        if isinstance(item, str):
            yield RawDoc(None, None, item.strip(), n)
            continue
        if not isinstance(item, dict):
            raise _at(f"expected a JSON object or string, got {type(item).__name__}", source, where, n)
        if not keys:
            keys = _json_keys(item, text_field, id_field, title_field, source, where, n, messages)
        tk = keys["text"]
        if tk not in item:
            raise _at(f"no {tk!r} field (fields: {', '.join(item) or 'none'})", source, where, n)
        value = item[tk]
        if not isinstance(value, str):
            raise _at(f"field {tk!r} is {type(value).__name__}, expected text", source, where, n)
        doc_id = item.get(keys["id"]) if keys.get("id") else None
        title = item.get(keys["title"]) if keys.get("title") else None
        yield RawDoc(None if doc_id in (None, "") else str(doc_id),
                     title.strip() if isinstance(title, str) and title.strip() else None, value.strip(), n)


def _at(message: str, source: str, where: str, n: int) -> TrialInputError:
    return TrialInputError(message, source, n) if where == "line" else TrialInputError(f"item {n}: {message}", source)


def _json_keys(item: dict, text_field: str | None, id_field: str | None, title_field: str | None, source: str,
               where: str, n: int, messages: list[str]) -> dict[str, str]:
    fields = list(item)
    lowered = {k.lower(): k for k in fields}

    def find(wanted: str | None, names: tuple[str, ...], kind: str) -> str | None:
        if wanted is not None:
            if wanted not in item and wanted.lower() not in lowered:
                raise _at(f"no {kind} field {wanted!r} (fields: {', '.join(fields)})", source, where, n)
            return wanted if wanted in item else lowered[wanted.lower()]
        return next((lowered[name] for name in names if name in lowered), None)

    text = find(text_field, TEXT_NAMES, "text")
    if text is None:
        strings = [k for k, v in item.items() if isinstance(v, str)]
        if not strings:
            raise _at(f"no text field found (fields: {', '.join(fields)}); name it", source, where, n)
        text = max(strings, key=lambda k: len(item[k]))
        messages.append(f"{source}: auto-detected text field {text!r} (longest text); choose another with the "
                        "text column option")
    title = find(title_field, TITLE_NAMES, "title")
    return {"text": text, "id": find(id_field, ID_NAMES, "id") or "", "title": "" if title == text else title or ""}


