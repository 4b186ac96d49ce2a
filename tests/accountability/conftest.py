"""The starting categories, forms, fields and swapped days, which a browser test's database flush removes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture(autouse=True)
def _starting_rows(db):
    from accountability import defaults, models
    from dancoso.core.models import CalendarDay

    defaults.ensure(
        SimpleNamespace(**{name: getattr(models, name) for name in models.__all__}, CalendarDay=CalendarDay)
    )


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
