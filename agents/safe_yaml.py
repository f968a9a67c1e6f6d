"""YAML a user gives us (labelled queries, a needs profile), read without letting it expand.

A few hundred bytes of YAML can hold aliases that expand to tens of millions of nodes (an "alias bomb"),
and a few kilobytes can nest deeper than the loader's recursion allows. :func:`load_user_yaml` reads the
event stream first and refuses, before any object is built: aliases (and merge keys, which are aliases),
nesting deeper than ``max_depth``, more than ``max_nodes`` nodes, or text over ``max_bytes``. Only then
does the safe loader build plain Python values. Every refusal is a :class:`UserYamlError` with the reason
and, where known, the line and column.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_YAML_BYTES = 5_000_000
MAX_YAML_NODES = 100_000
MAX_YAML_DEPTH = 50

# libyaml is much faster, and its composer is bounded by our depth check; the pure-Python one is the fallback.
_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODE = (yaml.ScalarEvent, *_OPEN)


class UserYamlError(ValueError):
    """Malformed or refused YAML: ``reason``, and the 1-based ``line`` and ``column`` where known."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        super().__init__(reason + (f" (line {line}, column {column})" if line is not None else ""))
        self.reason = reason
        self.line = line
        self.column = column


def _too_deep(max_depth: int) -> str:
    return f"the YAML is nested more than {max_depth} levels deep (the limit)"


def _at(event: Any) -> tuple[int | None, int | None]:
    mark = getattr(event, "start_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def check_events(text: str, max_nodes: int = MAX_YAML_NODES, max_depth: int = MAX_YAML_DEPTH) -> int:
    """Walk the YAML events; refuse aliases, deep nesting and too many nodes. Returns the node count."""
    nodes = depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise UserYamlError(f"YAML aliases (*{event.anchor}) are not accepted here (they can expand a small "
                                "file into millions of values); write the values out instead", *_at(event))
        if isinstance(event, _NODE):
            nodes += 1
            if nodes > max_nodes:
                raise UserYamlError(f"the YAML holds more than {max_nodes:,} values (the limit); split it or "
                                    "shorten it", *_at(event))
        if isinstance(event, _OPEN):
            depth += 1
            if depth > max_depth:
                raise UserYamlError(_too_deep(max_depth), *_at(event))
        elif isinstance(event, _CLOSE):
            depth -= 1
    return nodes


def load_user_yaml(text: str, max_bytes: int = MAX_YAML_BYTES, max_nodes: int = MAX_YAML_NODES,
                   max_depth: int = MAX_YAML_DEPTH) -> Any:
    """Plain Python values from user YAML, or :class:`UserYamlError` (malformed, or over a limit)."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise UserYamlError(f"the YAML is {size:,} bytes; the limit is {max_bytes:,}")
    try:
        check_events(text, max_nodes, max_depth)
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, on events checked above
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = str(getattr(exc, "problem", None) or exc)
        # libyaml's scanner runs ahead of the events and stops deep flow nesting itself: say it our way
        reason = _too_deep(max_depth) if "nesting depth" in problem else f"malformed YAML: {problem}"
        raise UserYamlError(reason, mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except UserYamlError:
        raise
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:  # a value the constructor rejects:
        raise UserYamlError(f"malformed YAML: a value could not be read ({exc})") from None  # 2020-13-45, !!int x
