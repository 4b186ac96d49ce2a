"""Excel files of budget lines: the list, the summary by measure, and the import template."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from dancoso.core.exports import Column, dated, export, xlsx_response
from funding.imports import HEADERS

LINE_COLUMNS = (
    Column(_("Budget year"), lambda row: row.year),
    Column(_("Agency"), lambda row: row.agency.name),
    Column(_("Measure"), lambda row: row.get_measure_display()),
    Column(_("Content"), lambda row: row.description),
    Column(_("Source"), lambda row: row.source.name),
    Column(_("Estimate (đồng)"), lambda row: row.estimate),
    Column(_("Allocated (đồng)"), lambda row: row.allocated),
    Column(_("Spent (đồng)"), lambda row: row.spent),
)


def lines_xlsx(lines: Iterable[Any]) -> HttpResponse:
    return export(dated("du-toan-kinh-phi"), LINE_COLUMNS, lines, title=_("Budget lines"))


def summary_xlsx(rows: list[dict[str, Any]], year: int) -> HttpResponse:
    columns = (
        Column(_("Measure"), lambda row: str(row["label"] or _("Total"))),
        Column(_("Estimate (đồng)"), lambda row: row["estimate"]),
        Column(_("Allocated (đồng)"), lambda row: row["allocated"]),
        Column(_("Spent (đồng)"), lambda row: row["spent"]),
        Column(_("Execution rate (%)"), lambda row: row["rate"]),
        Column(
            _("Spent last year (đồng)"), lambda row: row["previous"]["spent"] if row["previous"] else None
        ),
    )
    return export(f"kinh-phi-{year}.xlsx", columns, rows, title=_("Funding %(year)s") % {"year": year})


def template_xlsx(agency_code: str, source: str) -> HttpResponse:
    """The import file with one example row, in the agency of the person downloading it."""
    example = [agency_code, "training", "Cử cán bộ dự lớp bồi dưỡng năm", source, "15.000.000", "12.000.000"]
    return xlsx_response("mau-nhap-du-toan.xlsx", HEADERS, [example], title="Dự toán")
