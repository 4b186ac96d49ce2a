"""A frozen copy of every figure of a reporting period, as plain JSON.

A version of the report keeps its snapshot forever, so a submitted report never changes when the registers
are edited later. The documents (DOCX, XLSX, PDF) are built from the snapshot alone, never from the database.

Shape::

    {
      "year": 2026,
      "period": {"start": "2025-12-15", "end": "2026-12-14"},
      "sections": [<section>, ...],          # registry sections of the year, in article order
      "previous": {"year": 2025, "period": {...}, "sections": [<section>, ...]},
    }
    <section> = {"key", "title", "article", "article_ref": [1, 1], "warnings": [str],
                 "shortfalls": [{"key", "label", "agencies": [str]}],
                 "indicators": [{"key", "label", "value", "unit", "target"}],
                 "tables": [{"key", "title", "columns": [{"key", "label", "unit"}],
                             "rows": [{"agency_id", "agency_name", "cells": [...]}]}]}

Numbers stay numbers (``Decimal`` becomes ``float``); ``None`` means "no figure". Snapshots taken before
indicators and columns had keys lack them (columns were plain headings), and older ones still have columns
without a unit; the documents read every form.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from dancoso import indicators
from dancoso.indicators import Provider, Section
from dancoso.periods import Period


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def section_data(section: Section, article: tuple[int, int]) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": str(section.title),
        "article": str(section.article),
        "article_ref": list(article),
        "warnings": [str(warning) for warning in section.warnings],
        "shortfalls": [
            {"key": item.key, "label": str(item.label), "agencies": list(item.agencies)}
            for item in section.shortfalls
        ],
        "indicators": [
            {
                "key": item.key,
                "label": str(item.label),
                "value": _number(item.value),
                "unit": str(item.unit),
                "target": _number(item.target),
            }
            for item in section.indicators
        ],
        "tables": [
            {
                "key": table.key,
                "title": str(table.title),
                "row_heading": str(table.row_heading),
                "columns": [
                    {"key": column.key, "label": str(column.label), "unit": str(column.unit)}
                    for column in table.columns
                ],
                "rows": [
                    {
                        "agency_id": row.agency_id,
                        "agency_name": row.agency_name,
                        "cells": [_number(c) for c in row.cells],
                    }
                    for row in table.rows
                ],
            }
            for table in section.tables
        ],
    }


def period_data(period: Period) -> dict[str, Any]:
    providers: list[Provider] = indicators.providers()
    sections = indicators.sections(period)
    return {
        "year": period.year,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "sections": [section_data(s, p.article) for p, s in zip(providers, sections, strict=True)],
    }


def take(period: Period) -> dict[str, Any]:
    """Every figure of the period and of the year before, for the report's comparisons."""
    return {**period_data(period), "previous": period_data(Period(period.year - 1))}
