"""Writes of budget lines and their spending entries, and the import of a year's lines from Excel.

- A line's activity, where it names one, is one the agency's line of that year may point at
  (``dancoso.core.activities``).
- A spending entry is dated from 1 January of the line's year to today; ``spent`` is recounted with it.
  Spent above allocated is allowed and flagged, never refused: reality wins.
- The import records every row of a file or none, each problem listed as "Dòng N: …".
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dancoso.accounts.access import allows, require
from dancoso.agencies.models import Agency
from dancoso.core.activities import activity_choices
from dancoso.core.audit import assign, audited_delete, audited_save, record_history
from dancoso.core.imports import ImportFileError, RowError, check_workbook_upload, model_errors
from funding.imports import Lookups, check_rows, parse_lines_xlsx
from funding.models import BudgetLine, FundingSource, Spending

LINE_FIELDS = ("agency", "year", "measure", "description", "source", "estimate", "allocated", "note")
SPENDING_FIELDS = ("spent_on", "amount", "document_number", "note")
IMPORT_MAX_BYTES = 5 * 1024 * 1024


def _activity(line: BudgetLine, choice: str) -> dict[str, list[str]]:
    """Point the line at the chosen activity ("<content type>:<id>"), if it is one the line may name."""
    if not choice:
        line.activity_type, line.activity_id = None, None
        return {}
    offered = {
        value for _group, options in activity_choices(line.agency_id, line.year) for value, _label in options
    }
    if choice not in offered:
        return {"activity": [_("Choose an activity of the agency for the line's year.")]}
    type_id, object_id = choice.split(":")
    line.activity_type, line.activity_id = ContentType.objects.get_for_id(int(type_id)), int(object_id)
    return {}


@transaction.atomic
def line_save(*, actor: Any, line: BudgetLine | None = None, activity: str = "", **fields: Any) -> BudgetLine:
    line = line or BudgetLine(created_by=actor)
    assign(line, fields, LINE_FIELDS)
    require(actor, line)
    problems = _activity(line, activity)
    if problems:
        raise ValidationError(problems)
    return audited_save(line, actor=actor)


def line_recount(line: BudgetLine, *, actor: Any) -> BudgetLine:
    """Write the sum of the line's entries as its ``spent``, with history."""
    total = line.spendings.aggregate(total=Sum("amount"))["total"] or 0
    BudgetLine.objects.filter(pk=line.pk).update(spent=total)
    record_history([line], actor=actor)
    return line


@transaction.atomic
def spending_add(*, actor: Any, line: BudgetLine, **fields: Any) -> Spending:
    spending = Spending(line=line, created_by=actor)
    assign(spending, fields, SPENDING_FIELDS)
    require(actor, spending)
    day = spending.spent_on
    if day and day.year < line.year:
        message = _("A spending of the %(year)s budget cannot be dated before 1 January %(year)s.")
        raise ValidationError({"spent_on": [message % {"year": line.year}]})
    if day and day > timezone.localdate():
        raise ValidationError({"spent_on": [_("A spending is recorded once it is made, not in the future.")]})
    audited_save(spending, actor=actor)
    line_recount(line, actor=actor)
    return spending


@transaction.atomic
def spending_delete(*, spending: Spending, actor: Any) -> None:
    require(actor, spending)
    line = spending.line
    audited_delete(spending, actor=actor)
    line_recount(line, actor=actor)


@transaction.atomic
def lines_import(*, actor: Any, year: int, upload: Any) -> int:
    """Record every budget line of an Excel file for ``year``, or none; the number recorded.

    Steps: refuse a file too large or not a workbook; read the rows; resolve each row's agency (the actor's
    own only, for agency staff), measure and source, and read its amounts; check the model's own rules; if
    any row has a problem, refuse the whole file listing every "Dòng N" problem; otherwise create the lines
    with one history record each, naming the importing user.
    """
    check_workbook_upload(upload, max_bytes=IMPORT_MAX_BYTES)
    try:
        rows = parse_lines_xlsx(upload)
    except ImportFileError as exc:
        raise ValidationError(str(exc)) from exc
    lookups = Lookups.of(Agency.objects.all(), FundingSource.objects.all())
    checked = check_rows(
        rows, lookups=lookups, may_write=lambda agency: allows(actor, BudgetLine(agency=agency), "write")
    )
    errors: list[RowError] = checked.errors
    lines = []
    for line_number, values in checked.rows:
        line = BudgetLine(created_by=actor, year=year, **values)
        errors.extend(model_errors(line, line_number, exclude=("agency", "source", "activity_type")))
        lines.append(line)
    if errors:
        raise ValidationError([str(error) for error in sorted(errors)])
    bulk_create_with_history(lines, BudgetLine, batch_size=500, default_user=actor)
    return len(lines)
