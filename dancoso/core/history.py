"""Change history of a record, for display on its page (who changed what, and when)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _


def history_rows(instance: models.Model, *, limit: int = 50) -> list[dict[str, Any]]:
    """The newest changes of a record, each with the fields that changed; a fixed number of queries."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    m2m = _m2m_values(instance, records)
    rows = []
    for record, older in zip(records, records[1:] + [None], strict=False):
        if len(rows) == limit:
            break
        changes = []
        if older is not None:
            changes = record.diff_against(older, excluded_fields=list(m2m)).changes
            changes += _m2m_changes(m2m, record, older)
        rows.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "action": _action(record),
                "changes": changes,
                "reason": record.history_change_reason or "",
            }
        )
    _render_values(instance, rows)
    return rows


@dataclass(frozen=True)
class _Change:
    field: str
    old: Any
    new: Any


def _m2m_values(instance: models.Model, records: list[Any]) -> dict[str, dict[Any, list[dict[str, Any]]]]:
    """Each many-to-many field's recorded rows for every history record, one query per field.

    django-simple-history's own ``diff_against`` reads them with two queries per record and field; read
    together, a record's page costs the same whatever the length of its history.
    """
    if not records:
        return {}
    values: dict[str, dict[Any, list[dict[str, Any]]]] = {}
    for field in getattr(records[0], "_history_m2m_fields", ()):
        target = field.m2m_reverse_field_name()
        through = getattr(records[0], field.name).model
        found: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        rows = through.objects.filter(history__in=records).order_by(target).values_list("history", target)
        for history_id, related_id in rows:
            found[history_id].append({target: related_id})
        values[field.name] = found
    return values


def _m2m_changes(m2m: dict[str, dict[Any, list]], record: Any, older: Any) -> list[_Change]:
    changes = []
    for name, found in m2m.items():
        old, new = found.get(older.pk, []), found.get(record.pk, [])
        if old != new:
            changes.append(_Change(name, old, new))
    return changes


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
                related_ids[field.related_model].update(_ids(field, change.old) + _ids(field, change.new))
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


def _ids(field: models.Field, value: Any) -> list[Any]:
    """The related rows' ids a recorded value names: a many-to-many value lists its through rows."""
    if value is None or value == "":
        return []
    if field.many_to_many:
        return [row[field.m2m_reverse_field_name()] for row in value]
    return [value]


def _display_value(field: models.Field, value: Any, names: dict) -> Any:
    if field.many_to_many:
        related = names.get(field.related_model, {})
        return "; ".join(str(related.get(pk, pk)) for pk in _ids(field, value))
    if value is None or value == "":
        return ""
    if field.is_relation:
        return names.get(field.related_model, {}).get(value, value)
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value
