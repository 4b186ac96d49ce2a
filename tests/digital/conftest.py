"""The starting purposes and platforms, which a browser test's database flush removes."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _starting_lists(db):
    import digital.models
    from digital.defaults import ensure

    ensure(digital.models)
