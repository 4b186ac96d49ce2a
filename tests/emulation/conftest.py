"""The starting catalogues of §4 (titles and forms, kinds of violation, handlings), which a browser test's
database flush removes, and a media folder of each test's own."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _catalogues(db, settings, tmp_path):
    import emulation.models
    from emulation.defaults import ensure

    settings.MEDIA_ROOT = tmp_path / "media"
    ensure(emulation.models)
