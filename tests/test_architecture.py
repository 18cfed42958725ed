"""The package's floors hold: no import cycle, and computation never imports presentation.

See ``docs/architecture.md``. Imports are read from the source (``ast``), at module level and
inside functions (a lazy import is still a dependency), leaving out ``if TYPE_CHECKING:`` blocks.
``from package import submodule`` counts as an import of the submodule only.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sprintmodel"

COMPUTATION = (
    "sprintmodel.accounts",
    "sprintmodel.data",
    "sprintmodel.forecast",
    "sprintmodel.scenario",
    "sprintmodel.league",
    "sprintmodel.targets",
    "sprintmodel.optimize",
    "sprintmodel.words",
)
"""Computation packages (and the low word list): plain functions and results objects."""

PURE_MODULES = (
    "sprintmodel.contribution",
    "sprintmodel.datasets",
    "sprintmodel.errors",
    "sprintmodel.livelihood",
    "sprintmodel.notes",
    "sprintmodel.periods",
    "sprintmodel.progress",
    "sprintmodel.requirement",
    "sprintmodel.results",
    "sprintmodel.status",
    "sprintmodel.yamlio",
    "sprintmodel.ytd",
)
"""The pure top-level modules."""

PRESENTATION = (
    "sprintmodel.briefing",
    "sprintmodel.commands",
    "sprintmodel.cli",
    "sprintmodel.ui",
    "sprintmodel.plotting",
    "sprintmodel.reporting",
)
"""Shells: what computation must never import (``reporting`` holds only the writers)."""


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str, path: Path) -> set[str]:
    """The sprintmodel modules ``name`` imports (anywhere but under ``if TYPE_CHECKING``)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(nodes: list[ast.AST]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node.test):
                visit(list(node.orelse))
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in MODULES]
                found.update(subs)
                if len(subs) < len(node.names):
                    found.add(module)
            for field in ("body", "orelse", "finalbody", "handlers"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    visit(inner)

    tree = ast.parse(path.read_text(encoding="utf-8"))
    visit(list(tree.body))
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def connect(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def test_the_reader_sees_every_module_and_real_imports() -> None:
    assert len(MODULES) > 100
    assert "sprintmodel.scenario.results" in GRAPH["sprintmodel.scenario.batch"]
    assert "sprintmodel.scenario.jobs" in GRAPH["sprintmodel.scenario.batch"]
    assert "sprintmodel.data" in GRAPH["sprintmodel.scenario.jobs"]
    # a cycle made up for the test is found
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle() -> None:
    """Lazy imports inside functions count too (only ``if TYPE_CHECKING:`` blocks are skipped)."""
    cycles = _cycles(GRAPH)
    assert not cycles, f"import cycles inside sprintmodel: {cycles}"


def _owner(module: str, roots: tuple[str, ...]) -> str | None:
    return next((r for r in roots if module == r or module.startswith(r + ".")), None)


def _upward_imports() -> dict[str, list[str]]:
    bad: dict[str, list[str]] = {}
    for module, imported in GRAPH.items():
        if _owner(module, COMPUTATION + PURE_MODULES) is None:
            continue
        shells = sorted(m for m in imported if _owner(m, PRESENTATION))
        if shells:
            bad[module] = shells
    return bad


def test_computation_never_imports_presentation() -> None:
    bad = _upward_imports()
    assert not bad, f"computation importing briefing/commands/ui/plotting/writers: {bad}"
