"""Helpers shared by the agency and people tests: XLSX uploads and query counting."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dancoso.agencies.imports import HEADERS
from dancoso.core.exports import XLSX_CONTENT_TYPE, xlsx_bytes


@pytest.fixture
def xlsx_upload() -> Callable[..., SimpleUploadedFile]:
    """An uploaded workbook with the import headings (or others) and the given rows."""

    def make(rows: Sequence[Sequence[Any]], *, headers: Sequence[str] = HEADERS, name: str = "can-bo.xlsx"):
        return SimpleUploadedFile(name, xlsx_bytes(headers, rows), content_type=XLSX_CONTENT_TYPE)

    return make


@pytest.fixture
def queries_for() -> Callable[[Any, str], int]:
    """How many SQL queries one GET of a page costs (after a warm-up request fills per-process caches)."""

    def count(client: Any, url: str) -> int:
        assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    return count
