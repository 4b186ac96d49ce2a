"""Template inheritance: a block nested in a child template must not reuse a name its parents use.

Django fills every block of a name with the same content, so a list page's table-header block named like
base.html's ``head`` also rendered the column headings inside ``<head>``, above the navigation bar.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.template.base import Node
from django.template.loader_tags import BlockNode, ExtendsNode

Placement = tuple[str, tuple[str, ...]]


def _blocks(nodes: list[Node], enclosing: tuple[str, ...] = ()) -> Iterator[Placement]:
    """Each block's name with the names of the blocks around it."""
    for node in nodes:
        inner = enclosing
        if isinstance(node, BlockNode):
            yield node.name, enclosing
            inner = (*enclosing, node.name)
        for attr in node.child_nodelists:
            yield from _blocks(getattr(node, attr, None) or [], inner)


def _ancestors(name: str) -> Iterator[tuple[str, list[Placement]]]:
    """The template's own blocks, then each parent's, up to the page that extends nothing."""
    while name:
        nodes = engines["django"].get_template(name).template.nodelist
        extends = next((node for node in nodes if isinstance(node, ExtendsNode)), None)
        yield name, list(_blocks(extends.nodelist if extends else nodes))
        name = extends.parent_name.resolve({}) if extends else ""


def _collisions(name: str) -> list[str]:
    (_own, own_blocks), *parents = _ancestors(name)
    placed = {block: (parent, where) for parent, blocks in reversed(parents) for block, where in blocks}
    return [
        f"{name}: block {block} inside {where} is also {placed[block][0]}'s block inside {placed[block][1]}"
        for block, where in own_blocks
        if where and block in placed and placed[block][1] != where
    ]


def _templates() -> list[str]:
    root = Path(settings.BASE_DIR) / "templates"
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))


def test_no_template_reuses_a_block_name_of_a_page_it_extends():
    assert _templates(), "no template found"
    assert [problem for name in _templates() for problem in _collisions(name)] == []
