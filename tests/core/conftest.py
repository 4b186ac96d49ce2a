from __future__ import annotations

import pytest

from dancoso import indicators


@pytest.fixture
def no_measure_sections(monkeypatch):
    """The registry as if no measure app shipped an ``indicators`` module: tests of the registry itself."""
    monkeypatch.setattr(indicators, "_discovered", [])
