"""Excel export of a year's ranking: one row per agency with the points of every criterion."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from dancoso.core.exports import Column, export


def _level(level: Any) -> str:
    return str(level.label) if level is not None else _("Tied: waiting for a decision")


def ranking_xlsx(standing: Any, rows: list[Any]) -> HttpResponse:
    """The rows as the page filters and sorts them, every criterion in the rubric's order."""
    columns = [
        Column(_("Place"), lambda row: row.position),
        Column(_("Agency"), lambda row: row.agency.name),
        Column(_("Scorecard"), lambda row: row.card.get_status_display()),
        *(
            Column(
                f"{criterion.code}. {criterion.title} ({criterion.max_points})",
                lambda row, c=criterion: standing.criterion_points(row.card, c),
            )
            for criterion in standing.criteria
        ),
        Column(_("Points gained"), lambda row: row.totals.gained),
        Column(_("Points taken off"), lambda row: row.totals.taken_off),
        Column(_("Score"), lambda row: row.totals.score),
        Column(_("Level of the agency"), lambda row: _level(row.placement.level)),
        Column(
            _("Level of the head"),
            lambda row: _level(row.placement.head_level) if row.placement.level else "",
        ),
    ]
    year = standing.evaluation.year
    title = _("Ranking %(year)s") % {"year": year}
    return export(f"xep-loai-{year}.xlsx", columns, rows, title=title)
