"""Reading the understanding's vocabulary files as the prepared message reads: without hidden characters.

A message loses its control, zero-width and bidi characters in ``prep.prepare`` (they can hide text). Words written in
the data files keep what their authors typed, and Sinhala "ඉංග්‍රීසි" or Persian "نامه‌ها" are typed with a zero-width
joiner or non-joiner: read as they are, such words could never match. Every vocabulary file is read through here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from knowledge.datafile import load_yaml_text

HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e"
                    "\u2060-\u2064\u2066-\u2069\ufeff]")


def without_hidden(text: str) -> str:
    """``text`` without control, zero-width and bidi characters (tab and newline kept)."""
    return HIDDEN.sub("", text)


def read_vocabulary(path: Path) -> Any:
    """Parse a vocabulary YAML file of the understanding with its hidden characters removed."""
    return load_yaml_text(without_hidden(path.read_text(encoding="utf-8")))
