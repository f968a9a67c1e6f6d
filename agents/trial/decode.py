"""Bytes to text for uploaded samples: UTF-8, UTF-8 with BOM, UTF-16/32 with BOM; binaries refused. And text
to lines, one at a time.

Anything else fails with the byte offset (and line, column) of the first undecodable byte, because
guessing a legacy code page silently corrupts text and therefore the trial's numbers.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from agents.trial.errors import TrialInputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),  # before UTF-16: same prefix
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Magic numbers of formats people upload by mistake, with the fix to suggest.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file; extract its text first (e.g. pdftotext) and upload the .txt"),
    (b"PK\x03\x04", "a ZIP archive (also .docx/.xlsx/.odt); export it as .txt, .csv or .md first"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls); export it as .txt or .csv first"),
    (b"\x89PNG", "a PNG image; the trial measures text retrieval"),
    (b"\xff\xd8\xff", "a JPEG image; the trial measures text retrieval"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
    (b"SQLite format 3\x00", "an SQLite database; export a table as CSV first"),
)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an uploaded file; raise :class:`TrialInputError` for empty, binary or undecodable input."""
    if not data.strip():
        raise TrialInputError("the file is empty", source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise TrialInputError(
                    f"starts with a {encoding.upper()} byte-order mark but byte offset {exc.start + len(bom)} "
                    f"is not valid {encoding.upper()} ({exc.reason})", source) from None
            return _non_empty(text, source)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise TrialInputError(f"this is {what}", source)
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0:
        raise TrialInputError(
            f"binary file (NUL byte at byte offset {nul}); upload text: .txt, .md, .csv, .tsv or .jsonl "
            "(UTF-16 needs a byte-order mark)", source)
    try:
        return _non_empty(data.decode("utf-8"), source)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start:exc.start + 4].hex(" ")
        raise TrialInputError(
            f"not valid UTF-8 at byte offset {exc.start} (bytes {bad}: {exc.reason}); save the file as UTF-8 "
            "(or UTF-16 with a byte-order mark) and try again", source, line, column) from None


def _non_empty(text: str, source: str) -> str:
    if not text.strip():
        raise TrialInputError("the file is empty (only whitespace)", source)
    return text


# The line breaks of str.splitlines(), so that line numbers match what an editor shows.
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile(f"\r\n|[{BREAKS}]")


def iter_lines(text: str, keepends: bool = False) -> Iterator[str]:
    """``text.splitlines(keepends)``, one line at a time (a 9 MB file never becomes a list of millions)."""
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        yield text[pos:m.end() if keepends else m.start()]
        pos = m.end()
    if pos < len(text):
        yield text[pos:]
