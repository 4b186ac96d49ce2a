"""Excel export of the People's Inspection Boards: what the list shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from dancoso.agencies.models import Agency
from dancoso.core.exports import Column, dated, export

BOARD_COLUMNS = (
    Column(capfirst(Agency._meta.verbose_name), lambda board: board.agency.name),
    Column(_("Elected on"), lambda board: board.elected_on),
    Column(_("Term start"), lambda board: board.term_start),
    Column(_("Term end"), lambda board: board.term_end),
    Column(_("Recognised on"), lambda board: board.recognised_on),
    Column(_("Recognition decision number"), lambda board: board.recognition_number),
    Column(_("Members"), lambda board: board.members_count),
)


def boards_xlsx(boards: Iterable[Any]) -> HttpResponse:
    return export(
        dated("ban-thanh-tra-nhan-dan"), BOARD_COLUMNS, boards, title=_("People's Inspection Boards")
    )
