"""The starting channels and document types, which a browser test's database flush removes."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _starting_rows(db):
    from propaganda import defaults
    from propaganda.models import Channel, DocumentType

    defaults.ensure(Channel, DocumentType)
