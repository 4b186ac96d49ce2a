"""The starting sources of funds, which a browser test's database flush removes."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _sources(db):
    import funding.models
    from funding.defaults import ensure

    ensure(funding.models)
