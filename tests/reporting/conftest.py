"""Shared set-up of the reporting tests: the province, a report of 2026, media in a temporary folder."""

from __future__ import annotations

import pytest

from reporting.services import report_ensure


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def report(province, admin_user):
    return report_ensure(year=2026, actor=admin_user)
