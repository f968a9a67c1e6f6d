"""Reading a document sample: files (.txt .md .csv .tsv .jsonl .json), uploaded bytes or pasted text.

Every problem is either fixed and reported in ``Sample.messages`` (duplicates, empty rows, over-long
documents, a sample over the cap) or raised as :class:`TrialInputError` naming file, line and column.

The caps apply while the text is split, not afterwards: the splitters yield one part (line, paragraph,
section, row, JSON item) at a time and reading stops after :attr:`TrialLimits.max_parts` parts, so a file
of millions of tiny parts never becomes millions of objects; a message says where reading stopped.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from agents.trial.decode import BREAKS, decode_bytes, iter_lines
from agents.trial.errors import TrialInputError
from agents.trial.tabular import RawDoc as _Raw
from agents.trial.tabular import parse_csv as _parse_csv
from agents.trial.tabular import parse_json as _parse_json

FORMATS = ("txt", "md", "csv", "tsv", "jsonl", "json")
_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".csv": "csv", ".tsv": "tsv",
             ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


@dataclass(frozen=True)
class TrialLimits:
    """Bounds that keep a trial quick; inputs beyond them are truncated with a message."""

    max_docs: int = 2000
    max_queries: int = 500
    max_doc_bytes: int = 1_000_000
    max_file_bytes: int = 200_000_000
    max_text_bytes: int = 50_000_000  # all kept documents together

    def __post_init__(self) -> None:
        for name in ("max_docs", "max_queries", "max_doc_bytes", "max_file_bytes", "max_text_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")

    @property
    def max_parts(self) -> int:
        """Parts (lines, paragraphs, sections, rows, items) read before splitting stops: ten per document
        kept, so duplicates and empty rows still leave room for the documents the trial uses."""
        return 10 * self.max_docs

    @property
    def max_query_rows(self) -> int:
        """Query rows read before reading stops (ten per query kept)."""
        return 10 * self.max_queries


@dataclass(frozen=True)
class Document:
    """One document: ``text`` is the body; ``title`` (heading, title column) is kept apart for pseudo-queries."""

    id: str
    text: str
    title: str | None = None
    line: int | None = None

    @property
    def full_text(self) -> str:
        return f"{self.title}\n\n{self.text}" if self.title else self.text


@dataclass
class Sample:
    """The documents of a trial, where they came from, and what was fixed on the way in."""

    documents: list[Document]
    source: str = "<sample>"
    format: str = "txt"
    messages: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # id of a removed duplicate -> id kept

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.documents]

    @classmethod
    def from_texts(cls, texts: list[str], source: str = "<texts>", limits: TrialLimits | None = None) -> Sample:
        """A sample from a list of strings (ids "1", "2", ...), deduplicated and capped like a file."""
        raw = [_Raw(None, None, t, i + 1) for i, t in enumerate(texts)]
        return _finish(raw, source, "txt", limits or TrialLimits(), [])


def detect_format(name: str) -> str:
    """The input format from a file name; :class:`TrialInputError` lists the accepted suffixes."""
    fmt = _SUFFIXES.get(Path(name).suffix.lower())
    if fmt is None:
        raise TrialInputError(
            f"unsupported file type {Path(name).suffix or '(no suffix)'!r}; use one of "
            f"{', '.join(sorted(_SUFFIXES))} (or pass the format explicitly)", name)
    return fmt


def read_text(source: str | os.PathLike[str] | None = None, *, data: bytes | None = None, name: str | None = None,
              limits: TrialLimits | None = None) -> tuple[str, str]:
    """Return (decoded text, display name) for a path or uploaded bytes."""
    limits = limits or TrialLimits()
    if data is None:
        if source is None:
            raise TrialInputError("no input given: pass a file, uploaded bytes or pasted text")
        path = Path(source).expanduser()
        name = name or str(source)
        if not path.is_file():
            raise TrialInputError("no such file" if not path.exists() else "not a regular file", name)
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            raise TrialInputError(f"file is {size:,} bytes; the limit is {limits.max_file_bytes:,}", name)
        data = path.read_bytes()
    name = name or "<upload>"
    return decode_bytes(data, name), name


def load_sample(source: str | os.PathLike[str] | None = None, *, text: str | None = None, data: bytes | None = None,
                name: str | None = None, fmt: str | None = None, text_column: str | None = None,
                id_column: str | None = None, title_column: str | None = None,
                limits: TrialLimits | None = None) -> Sample:
    """Load documents from a file path, uploaded ``data`` bytes, or pasted ``text``.

    ``fmt`` overrides detection (pasted text: JSON lines if it starts with ``{``, Markdown if it has
    headings, else plain text). ``text_column``/``id_column``/``title_column`` apply to CSV/TSV/JSON(L).
    """
    limits = limits or TrialLimits()
    messages: list[str] = []
    if text is not None:
        name = name or "<pasted text>"
        if not text.strip():
            raise TrialInputError("the pasted text is empty", name)
        if fmt is None:
            fmt = _sniff(text)
            messages.append(f"read {name} as {fmt} ({_SNIFF_WHY[fmt]}); choose another format if that is wrong")
    else:
        text, name = read_text(source, data=data, name=name, limits=limits)
        fmt = fmt or detect_format(name)
    if fmt not in FORMATS:
        raise TrialInputError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}", name)
    raw: Iterable[_Raw]
    if fmt == "txt":
        raw = _parse_txt(text, limits.max_doc_bytes)
    elif fmt == "md":
        raw = _parse_md(text, limits.max_doc_bytes)
    elif fmt in ("csv", "tsv"):
        raw = _parse_csv(text, name, "\t" if fmt == "tsv" else ",", text_column, id_column, title_column, messages,
                         limits.max_parts + 1)
    else:
        raw = _parse_json(text, name, fmt, text_column, id_column, title_column, messages)
    return _finish(raw, name, fmt, limits, messages)


_SNIFF_WHY = {"jsonl": "it starts with a JSON object", "md": "it has Markdown headings",
              "txt": "one document per paragraph, or per line when there are no blank lines"}


def _sniff(text: str) -> str:
    first = text.lstrip()[:1]
    if first == "{":
        return "jsonl"
    if re.search(r"(?m)^ {0,3}#{1,6}[ \t]+\S", text):
        return "md"
    return "txt"


# A blank line: two breaks with only non-breaking whitespace between them (atomic, so "\r\n" is one break).
_BLANK_LINE = re.compile(f"(?>\r\n|[{BREAKS}])[^\\S{BREAKS}]*+(?>\r\n|[{BREAKS}])")


class _Buffer:
    """Lines of one document; stops keeping them once they pass ``cap`` characters (the document is cut to the
    byte cap later anyway, so a 9 MB paragraph is never held line by line)."""

    def __init__(self, cap: int):
        self.cap = cap
        self.lines: list[str] = []
        self.size = 0

    def add(self, line: str) -> None:
        if self.size <= self.cap:
            self.lines.append(line)
            self.size += len(line) + 1


def _parse_txt(text: str, cap: int) -> Iterator[_Raw]:
    """One document per paragraph, or per line when there are no blank lines between the first and last text."""
    lines = iter_lines(text)
    if not _BLANK_LINE.search(text.strip()):
        for i, ln in enumerate(lines):
            if ln.strip():
                yield _Raw(None, None, ln.strip(), i + 1)
        return
    buf = _Buffer(cap)
    start = 0
    for i, ln in enumerate(itertools.chain(lines, [""])):
        if ln.strip():
            if not buf.lines:
                start = i + 1
            buf.add(ln.strip())
        elif buf.lines:
            yield _Raw(None, None, " ".join(buf.lines), start)
            buf = _Buffer(cap)


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FRONT_MATTER_LINES = 1000  # front matter closes within this many lines, or it is text


def _parse_md(text: str, cap: int) -> Iterator[_Raw | None]:
    """Sections split at ATX headings (``#`` .. ``######``); the title is the heading path ("A > B")."""
    lines = iter_lines(text)
    first = next(lines, None)
    skipped = 0
    if first is not None and first.strip() == "---":  # YAML front matter is metadata, not a document
        held = [first]
        for ln in itertools.islice(lines, _FRONT_MATTER_LINES):
            held.append(ln)
            if ln.strip() in ("---", "..."):
                held, skipped = [], len(held)
                break
        lines = itertools.chain(held, lines)  # no closing line: not front matter after all
    elif first is not None:
        lines = itertools.chain([first], lines)
    stack: list[tuple[int, str]] = []
    body = _Buffer(cap)
    title: str | None = None
    start = skipped + 1
    fence: str | None = None
    for n, ln in enumerate(lines, start=skipped):
        m_fence = _FENCE.match(ln)
        if m_fence:
            marker = m_fence.group(1)[0] * 3
            fence = None if fence == marker else (fence or marker)
        m = None if fence or m_fence else _HEADING.match(ln)
        if m:
            content = "\n".join(body.lines).strip()
            # A heading without text is no document, but it is a part read: the cap counts it (None).
            yield _Raw(None, title, content, start) if content else None
            level, heading = len(m.group(1)), m.group(2).strip()
            stack = [(lv, h) for lv, h in stack if lv < level] + [(level, heading)]
            title = " > ".join(h for _, h in stack if h)
            body, start = _Buffer(cap), n + 1
        else:
            body.add(ln)
    content = "\n".join(body.lines).strip()
    if content:
        yield _Raw(None, title, content, start)


def normalise(text: str) -> str:
    """The form used to spot duplicates and to match relevant documents given by text."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _truncate_utf8(text: str, max_bytes: int) -> str:
    return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")


def _read_parts(raw: Iterable[_Raw | None], source: str, limits: TrialLimits, messages: list[str]) -> list[_Raw]:
    """The first :attr:`TrialLimits.max_parts` parts (None: a part that holds no document); the splitter is not
    asked for more."""
    parts = list(itertools.islice(raw, limits.max_parts + 1))
    if len(parts) > limits.max_parts:
        parts.pop()
        last = next((p.line for p in reversed(parts) if p is not None and p.line), None)
        messages.append(f"{source}: the file holds more than {limits.max_parts:,} parts (paragraphs, lines, sections, "
                        f"rows or items); read the first {limits.max_parts:,}" + (f" (to line {last:,})" if last else "")
                        + f" and the rest was not read: the trial uses at most {limits.max_docs:,} documents "
                        "(split the file to try the others)")
    return [p for p in parts if p is not None]


def _finish(raw: Iterable[_Raw | None], source: str, fmt: str, limits: TrialLimits, messages: list[str]) -> Sample:
    raw = _read_parts(raw, source, limits, messages)
    empty = [r for r in raw if not r.text]
    if empty:
        messages.append(f"{source}: skipped {len(empty)} empty document(s) (first at line {empty[0].line})")
    raw = [r for r in raw if r.text]
    if not raw:
        raise TrialInputError("no documents found", source)
    long_docs = 0
    for r in raw:
        if len(r.text) > limits.max_doc_bytes // 4 and len(r.text.encode("utf-8")) > limits.max_doc_bytes:
            r.text = _truncate_utf8(r.text, limits.max_doc_bytes)
            long_docs += 1
    if long_docs:
        messages.append(f"{source}: truncated {long_docs} document(s) to {limits.max_doc_bytes:,} bytes each")
    docs: list[Document] = []
    seen_ids: dict[str, int | None] = {}
    seen_text: dict[str, str] = {}
    aliases: dict[str, str] = {}
    dupes: list[tuple[_Raw, str]] = []
    suffixes: dict[str, int] = {}
    total = 0
    for n, r in enumerate(raw, start=1):
        doc_id = r.id if r.id is not None else (_slug(r.title, seen_ids, suffixes) if fmt == "md" else str(n))
        if doc_id in seen_ids:
            first = seen_ids[doc_id]
            raise TrialInputError(f"duplicate document id {doc_id!r}" + (f" (first at line {first})" if first else ""),
                                  source, r.line)
        seen_ids[doc_id] = r.line
        key = normalise(f"{r.title or ''}\n{r.text}")
        if key in seen_text:
            aliases[doc_id] = seen_text[key]
            dupes.append((r, seen_text[key]))
            continue
        total += len(r.text.encode("utf-8", "surrogatepass"))
        if total > limits.max_text_bytes:
            messages.append(f"{source}: kept the first {len(docs):,} documents; together they reach the "
                            f"{limits.max_text_bytes:,}-byte cap on the sample's text, so the rest was left out")
            break
        seen_text[key] = doc_id
        docs.append(Document(doc_id, r.text, r.title, r.line))
    if dupes:
        r, kept = dupes[0]
        messages.append(f"{source}: removed {len(dupes)} duplicate document(s); e.g. line {r.line} repeats "
                        f"document {kept!r} (queries that name a removed id count the kept one)")
    if len(docs) > limits.max_docs:
        messages.append(f"{source}: the sample has {len(docs):,} documents; the trial uses the first "
                        f"{limits.max_docs:,} (the cap; raise it to use more, at the cost of time)")
        dropped = {d.id for d in docs[limits.max_docs:]}
        docs = docs[:limits.max_docs]
        aliases = {k: v for k, v in aliases.items() if v not in dropped}
    return Sample(docs, source, fmt, messages, aliases)


def _slug(title: str | None, taken: dict[str, int | None], next_suffix: dict[str, int]) -> str:
    """The heading as an id: "install", then "install-2", "install-3" ... (``next_suffix`` remembers where each
    base got to, so thousands of equal headings cost no more than thousands of different ones)."""
    base = re.sub(r"[^\w]+", "-", (title or "intro").casefold()).strip("-")[:80] or "section"
    if base not in taken:
        return base
    k = next_suffix.get(base, 2)
    while f"{base}-{k}" in taken:
        k += 1
    next_suffix[base] = k + 1
    return f"{base}-{k}"
