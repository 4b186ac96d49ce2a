"""Change history of a record, for display on its page (who changed what, and when)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models
from django.utils.translation import gettext as _


def history_rows(instance: models.Model, *, limit: int = 50) -> list[dict[str, Any]]:
    """The newest changes of a record, each with the fields that changed; a fixed number of queries."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = []
    for record, older in zip(records, records[1:] + [None], strict=False):
        if len(rows) == limit:
            break
        changes = record.diff_against(older).changes if older is not None else []
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "action": _action(record),
                "changes": changes,
            }
        )
    _render_values(instance, rows)
    return rows


def _action(record: Any) -> str:
    return {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[record.history_type]


def _render_values(instance: models.Model, rows: list[dict[str, Any]]) -> None:
    """Replace raw values by what a person reads: labels of choices, Có/Không, names of related rows."""
    model = type(instance)
    related_ids: dict[type[models.Model], set[Any]] = defaultdict(set)
    for row in rows:
        for change in row["changes"]:
            field = model._meta.get_field(change.field)
            if field.is_relation:
                related_ids[field.related_model].update(v for v in (change.old, change.new) if v is not None)
    names = {
        related: {obj.pk: str(obj) for obj in related._default_manager.filter(pk__in=ids)}
        for related, ids in related_ids.items()
    }
    for row in rows:
        row["changes"] = [_display_change(model, change, names) for change in row["changes"]]


def _display_change(model: type[models.Model], change: Any, names: dict) -> dict[str, Any]:
    field = model._meta.get_field(change.field)
    return {
        "field": str(field.verbose_name).capitalize(),
        "old": _display_value(field, change.old, names),
        "new": _display_value(field, change.new, names),
    }


def _display_value(field: models.Field, value: Any, names: dict) -> Any:
    if value is None or value == "":
        return ""
    if field.is_relation:
        return names.get(field.related_model, {}).get(value, value)
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value
