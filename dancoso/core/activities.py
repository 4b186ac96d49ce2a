"""The activities a budget line may pay for, across the measure apps, named without importing any of them.

Each app declares its kinds of activity (``FUNDABLE`` in its ``navigation.py``); a line points at one
through a generic relation (content type and id). A choice is written ``"<content type id>:<id>"``; the
choices for an agency and a year cost one query per declared kind, each cut at ``LIMIT`` rows.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from dancoso.core.navigation import Fundable, fundables

LIMIT = 200


def _rows(fundable: Fundable, agency_id: Any, year: int | None) -> Any:
    model = apps.get_model(fundable.model)
    rows = model._default_manager.all()
    if fundable.agency and agency_id is not None:
        rows = rows.filter(**{fundable.agency: agency_id})
    if fundable.year and year is not None:
        rows = rows.filter(**{fundable.year: year})
    return rows


def activity_choices(agency_id: Any, year: int | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The activities an agency's line of a year may point at, grouped by kind (for a ``<select>``)."""
    groups = []
    for fundable in fundables():
        model = apps.get_model(fundable.model)
        content_type = ContentType.objects.get_for_model(model)
        rows = _rows(fundable, agency_id, year).order_by("-pk").values_list("pk", fundable.title)[:LIMIT]
        options = [(f"{content_type.pk}:{pk}", str(title)) for pk, title in rows]
        if options:
            groups.append((str(fundable.label), options))
    return groups


def label_of(content_type_id: Any) -> str:
    """What kind of activity a content type is, as its app declares it ("" when none declares it)."""
    for fundable in fundables():
        if ContentType.objects.get_for_model(apps.get_model(fundable.model)).pk == content_type_id:
            return str(fundable.label)
    return ""
