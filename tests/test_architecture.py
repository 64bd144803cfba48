"""Per-file rules that import-linter cannot express (see ../shared/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SQL_BUILDERS = {"select", "insert", "update", "delete", "text"}
# Tables a model keeps in step with another from mapper events, so that every writer of the mapped row (any
# process, any module) writes the mirror in the same flush: the one place besides repositories with DML.
MIRRORED_BY_MAPPER_EVENTS = {"api/models/dunning_schedule.py"}


def modules(package: str) -> list[Path]:
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def imported_names(path: Path) -> set[tuple[str, str]]:
    """(module, name) pairs from `from module import name`, and (module, "") for `import module`."""
    found: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {(node.module, alias.name) for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {(alias.name, "") for alias in node.names}
    return found


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", modules("api"), ids=relative)
def test_sql_is_built_only_in_repositories(path: Path) -> None:
    if path.name.endswith("repository.py") or path.name in {"db.py", "migrate.py"}:
        return
    builders = {
        name for module, name in imported_names(path) if module == "sqlalchemy" and name in SQL_BUILDERS
    }
    if path.parent.name == "models":
        builders.discard("text")  # a partial index's predicate is DDL, not a query
    if relative(path) in MIRRORED_BY_MAPPER_EVENTS:
        builders.discard("delete")
    assert builders == set(), f"{relative(path)} builds SQL ({builders}); move it to a repository.py"


@pytest.mark.parametrize(
    "path", [p for p in modules("api") if p.name in {"service.py", "policy.py"}], ids=relative
)
def test_services_do_not_know_about_http(path: Path) -> None:
    web_frameworks = {
        module for module, _ in imported_names(path) if module.split(".")[0] in {"fastapi", "starlette"}
    }
    assert web_frameworks == set()


@pytest.mark.parametrize(
    "path", [p for p in modules("api") if p.name in {"service.py", "policy.py"}], ids=relative
)
def test_services_never_commit(path: Path) -> None:
    calls = [
        node
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
    ]
    assert calls == [], f"{relative(path)} commits; the unit of work at the boundary does"


@pytest.mark.parametrize("path", modules("web"), ids=relative)
def test_web_never_reaches_for_repositories(path: Path) -> None:
    repositories = {module for module, _ in imported_names(path) if module.endswith("repository")}
    assert repositories == set()


WALL_CLOCK_READS = {("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today")}


@pytest.mark.parametrize(
    "path", [p for p in modules("api") + modules("web") if p.name != "clock.py"], ids=relative
)
def test_today_comes_from_the_project_clock(path: Path) -> None:
    """`api.clock` is the one reader of the wall clock, so a pinned clock (tests, ENCAISSE_CLOCK_AT) is obeyed
    everywhere; the migrations, which run once on the day they are applied, are not listed."""
    reads = [
        f"{node.value.id}.{node.attr}() line {node.lineno}"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and (node.value.id, node.attr) in WALL_CLOCK_READS
    ]
    assert reads == [], f"{relative(path)} reads the wall clock: use api.clock"


def import_graph() -> dict[str, set[str]]:
    """Every module of the four packages and the project modules it imports (at the top or in a function)."""
    paths = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for package in ("api", "web", "ocr", "payments")
        for path in modules(package)
    }
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets = set()
        for module, imported in imported_names(path):
            targets |= {module, f"{module}.{imported}"}
        graph[name] = {target for target in targets if target in paths and target != name}
    return graph


def test_no_module_imports_itself_through_others() -> None:
    graph = import_graph()
    circles = []
    for start in graph:
        # Depth-first from each module: a path that comes back to it is a circle.
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            name, path = stack.pop()
            for target in sorted(graph[name]):
                if target == start:
                    circles.append(path)
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
    assert circles == []
