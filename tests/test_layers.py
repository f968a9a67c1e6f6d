"""Architecture rules, checked by parsing imports: layers point one way and only app/ reads the environment.

Between packages: app -> agents -> knowledge. Inside agents: advisor -> converse -> understand, decide ->
profile -> errors (understand and decide never use the conversation; decide never parses text). Inside app: cli and
web may use report; report uses neither, and cli and web do not use each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# package -> first-party packages it must never import
FORBIDDEN = {"knowledge": {"agents", "app", "eval"}, "agents": {"app", "eval"}, "app": {"eval"}}
# sub-package (module path prefix) -> first-party module prefixes it must never import
SUB_FORBIDDEN = {
    "agents/profile.py": ("agents.understand", "agents.decide", "agents.converse", "agents.advisor", "agents.trial"),
    # the ground every part stands on imports nothing from agents
    **{f"agents/{name}.py": ("agents.",) for name in ("fields", "errors", "units", "limits", "safe_yaml")},
    "agents/understand": ("agents.decide", "agents.converse", "agents.advisor", "agents.trial"),
    "agents/decide": ("agents.understand", "agents.converse", "agents.advisor", "agents.trial"),
    "agents/converse": ("agents.advisor", "agents.trial"),
    "agents/trial": ("agents.understand", "agents.converse", "agents.advisor"),
    "app/report": ("app.web", "app.cli"),
    "app/cli": ("app.web",),
    "app/web": ("app.cli",),
    # the HTTP API serves JSON and never needs the Gradio pages; the Trial tab gets what it needs from the page
    "app/web/api.py": ("app.web.ui", "app.web.ui_logic", "app.web.ui_session", "app.web.ui_trial", "app.web.widget", "gradio"),
    "app/web/ui_trial.py": ("app.web.ui",),
}
HEAVY = {"gradio", "fastapi", "uvicorn", "starlette"}


def _modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
    return out


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_point_one_way(package):
    bad = [f"{p.relative_to(REPO)}:{line} imports {name}"
           for p in _modules(package) for line, name in _imports(p)
           if name.split(".")[0] in FORBIDDEN[package]]
    assert bad == []


@pytest.mark.parametrize("part", sorted(SUB_FORBIDDEN))
def test_parts_inside_a_layer_point_one_way(part):
    paths = [REPO / part] if part.endswith(".py") else _modules(part)
    assert paths and all(p.exists() for p in paths), f"{part} is missing: update SUB_FORBIDDEN"
    bad = [f"{p.relative_to(REPO)}:{line} imports {name}"
           for p in paths for line, name in _imports(p)
           if any(name == f.rstrip(".") or name.startswith(f.rstrip(".") + ".") for f in SUB_FORBIDDEN[part])]
    assert bad == []


def test_no_relative_imports():
    """Absolute imports only, so the rules above see every import."""
    bad = [f"{p.relative_to(REPO)}:{node.lineno}"
           for package in ("knowledge", "agents", "app", "eval") for p in _modules(package)
           for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
           if isinstance(node, ast.ImportFrom) and node.level]
    assert bad == []


@pytest.mark.parametrize("package", ["knowledge", "agents"])
def test_inner_layers_do_not_import_web_frameworks(package):
    bad = [f"{p.relative_to(REPO)}:{line} imports {name}"
           for p in _modules(package) for line, name in _imports(p) if name.split(".")[0] in HEAVY]
    assert bad == []


@pytest.mark.parametrize("package", ["knowledge", "agents"])
def test_only_app_reads_configuration_from_the_environment(package):
    """knowledge/ and agents/ take their configuration as arguments (os.environ reads belong to app/settings)."""
    bad = []
    for path in _modules(package):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv"} and \
                    isinstance(node.value, ast.Name) and node.value.id == "os":
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert bad == [], "read settings in app/settings.py and pass them in: " + ", ".join(bad)
