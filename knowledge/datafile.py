"""Reading the project's own YAML data files (vocabulary, tables, cards) with libyaml when it is available.

These files ship with the code and are trusted; user input goes through ``agents/safe_yaml.py`` instead. libyaml
parses ~5-10x faster than PyYAML's pure-Python loader, which matters for the files read at import time
(the vocabulary alone is ~1 s of a cold ``recommend`` with the pure-Python parser).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml_text(text: str) -> Any:
    """Parse trusted YAML text with the fastest safe loader."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader (libyaml's or PyYAML's)


def read_yaml(path: Path) -> Any:
    """Parse a trusted UTF-8 YAML file with the fastest safe loader."""
    return load_yaml_text(path.read_text(encoding="utf-8"))
