"""axe-core (shipped by PyPI's ``axe-selenium-python``) run inside the page under test: accessibility violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

BLOCKING = ("serious", "critical")


def axe_script() -> str:
    import axe_selenium_python

    return (Path(axe_selenium_python.__file__).parent / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8")


def axe_violations(driver: Any, impacts: tuple[str, ...] = BLOCKING) -> list[dict[str, Any]]:
    """The axe-core violations of the current page (frame) with one of ``impacts``."""
    driver.execute_script(axe_script())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
    return [v for v in result if v.get("impact") in impacts]


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation with up to three offending elements (for assertion messages)."""
    lines = []
    for v in violations:
        nodes = "; ".join(str(n.get("target")) + " " + str(((n.get("any") or n.get("all") or [{}])[0]).get("message", ""))[:160]
                          for n in v.get("nodes", [])[:3])
        lines.append(f"{v.get('impact')} {v.get('id')}: {v.get('help')} — {nodes}")
    return "\n".join(lines)
