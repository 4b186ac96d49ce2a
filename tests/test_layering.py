"""The shape every app keeps: views call selectors and services, never the ORM; the core names no app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APP_FOLDERS = [path.parent for path in ROOT.glob("*/apps.py")] + [
    path.parent for path in ROOT.glob("dancoso/*/apps.py")
]
VIEW_MODULES = sorted(
    path
    for folder in APP_FOLDERS
    for path in [*folder.glob("*views.py"), *(folder / "views").glob("*.py")]
    if path.exists()
)
# Calls that run or build a query: a view asks a selector instead.
QUERY_METHODS = frozenset(
    {"filter", "exclude", "all", "order_by", "annotate", "aggregate", "select_related", "prefetch_related",
     "exists", "values", "values_list", "first", "last", "get_or_create", "update", "delete", "bulk_create"}
)  # fmt: skip


def _query_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            found.append(f"{path.name}:{node.lineno} .objects")
        call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        if call and node.func.attr in QUERY_METHODS:
            found.append(f"{path.name}:{node.lineno} .{node.func.attr}()")
        if isinstance(node, ast.Name) and node.id in ("get_object_or_404", "get_list_or_404"):
            found.append(f"{path.name}:{node.lineno} {node.id}")
    return found


def test_the_walk_finds_the_views_of_every_app():
    folders = {path.parent.name for path in VIEW_MODULES}
    assert folders >= {"accounts", "agencies", "core", "views", "reporting"}


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_views_do_not_query_the_orm(path):
    assert _query_calls(path) == []


def _imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports (``from training.models import …`` → ``training``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


MEASURE_APPS = sorted(folder.name for folder in APP_FOLDERS if folder.parent == ROOT)


def _modules(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*.py") if "migrations" not in path.parts]


def test_the_core_names_no_measure_app():
    naming = {
        str(path.relative_to(ROOT)): sorted(_imported_packages(path) & set(MEASURE_APPS))
        for path in _modules(ROOT / "dancoso")
    }
    assert {path: apps for path, apps in naming.items() if apps} == {}


@pytest.mark.parametrize("app", MEASURE_APPS)
def test_measure_apps_do_not_import_each_other(app):
    others = set(MEASURE_APPS) - {app}
    naming = {str(path.relative_to(ROOT)): _imported_packages(path) & others for path in _modules(ROOT / app)}
    assert {path: apps for path, apps in naming.items() if apps} == {}


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_views_build_no_spreadsheet_themselves(path):
    """Exports are declared as columns in the app's ``exports.py``; a view only hands them its rows."""
    source = path.read_text()
    assert "openpyxl" not in _imported_packages(path)
    assert "xlsx_response" not in source and "xlsx_bytes" not in source
