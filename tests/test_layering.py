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
    for path in [folder / "views.py", *(folder / "views").glob("*.py")]
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
