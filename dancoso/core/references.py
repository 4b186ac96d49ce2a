"""Reference data: the small lists Home Affairs edits in the portal (document types, channels, days off …).

Each app declares its lists in its ``navigation.py`` (``REFERENCES``), the core its working-day calendar
(``CORE_REFERENCES``). Only a declared list can be opened here, and only its declared fields can be
changed: an address naming any other model answers 404. Rows are written through ``audited_save`` and
``audited_delete``, so each list keeps its change history like every other record. A row that other
records point at (a document type with documents) cannot be deleted: the refusal says how many use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, reduce
from operator import or_
from typing import Any

from django import forms
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError, Q, QuerySet, RestrictedError
from django.http import Http404, HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from dancoso.accounts.access import allows, get_for_user, scope
from dancoso.core.audit import assign, audited_delete, audited_save
from dancoso.core.exports import Column, dated, export, yes
from dancoso.core.fields import SEARCH_LENGTH
from dancoso.core.forms import DatePickerMixin
from dancoso.core.models import CalendarDay
from dancoso.core.navigation import references
from dancoso.core.workdays import Calendar


@dataclass(frozen=True)
class ReferenceList:
    """A declared list with its model resolved: what the pages show and the form edits."""

    model: type[models.Model]
    fields: tuple[str, ...]
    article: tuple[int, int] | None

    @property
    def key(self) -> str:
        """The list's name in addresses: ``propaganda.documenttype``."""
        return self.model._meta.label_lower

    @property
    def title(self) -> str:
        return capfirst(self.model._meta.verbose_name_plural)

    @property
    def app_name(self) -> str:
        return str(self.model._meta.app_config.verbose_name)

    def model_fields(self) -> list[models.Field]:
        return [self.model._meta.get_field(name) for name in self.fields]

    def headers(self) -> list[str]:
        return [capfirst(field.verbose_name) for field in self.model_fields()]

    def cells(self, row: models.Model) -> list[Any]:
        """A row's declared fields as a person reads them: labels of choices, Yes/No, dd/mm/yyyy."""
        return [_shown(_value(row, field)) for field in self.model_fields()]


def _value(row: models.Model, field: models.Field) -> Any:
    if field.is_relation:
        return str(getattr(row, field.name) or "")
    if field.choices:
        return getattr(row, f"get_{field.name}_display")()
    return getattr(row, field.attname)


def _shown(value: Any) -> Any:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else value


# Reads.


def declared() -> dict[str, ReferenceList]:
    """Every declared list by its key, in the order of the menu (by article, then the core's)."""
    found = {}
    for reference in references():
        listed = ReferenceList(apps.get_model(reference.model), reference.fields, reference.article)
        found[listed.key] = listed
    return found


def reference_for(key: str) -> ReferenceList:
    """The declared list an address names; 404 for any other model, installed or not."""
    try:
        return declared()[key.lower()]
    except KeyError as exc:
        raise Http404 from exc


def reference_index(*, user: Any) -> list[dict[str, Any]]:
    """Every list with its number of rows, grouped by the article its app serves (one count per list)."""
    groups: dict[Any, dict[str, Any]] = {}
    for reference in declared().values():
        group = groups.setdefault(reference.article, {"article": reference.article, "apps": [], "lists": []})
        if reference.app_name not in group["apps"]:
            group["apps"].append(reference.app_name)
        count = scope(reference.model._default_manager.all(), user).count()
        group["lists"].append({"reference": reference, "count": count})
    return list(groups.values())


def reference_rows(reference: ReferenceList, *, user: Any, filters: dict[str, Any]) -> QuerySet:
    """The list's rows in the model's order (the key last keeps pages stable), searched by its text fields."""
    related = [field.name for field in reference.model_fields() if field.is_relation]
    rows = scope(reference.model._default_manager.select_related(*related), user)
    text = [field.name for field in reference.model_fields() if _searchable(field)]
    if filters.get("q") and text:
        rows = rows.filter(reduce(or_, (Q(**{f"{name}__icontains": filters["q"]}) for name in text)))
    return rows.order_by(*reference.model._meta.ordering, "pk")


def _searchable(field: models.Field) -> bool:
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def get_row_for_user(reference: ReferenceList, user: Any, pk: int) -> models.Model:
    """A row of the list the user may change; 404 alike for missing and not allowed."""
    return get_for_user(reference.model._default_manager.all(), user, action="write", pk=pk)


def cells_of(reference: ReferenceList, rows: Any) -> list[tuple[models.Model, list[Any]]]:
    return [(row, reference.cells(row)) for row in rows]


def reference_xlsx(reference: ReferenceList, rows: QuerySet) -> HttpResponse:
    columns = [
        Column(header, lambda row, field=field: _sheet_value(_value(row, field)))
        for header, field in zip(reference.headers(), reference.model_fields(), strict=True)
    ]
    filename = dated(f"danh-muc-{reference.model._meta.model_name}")
    return export(filename, columns, rows, title=reference.title)


def _sheet_value(value: Any) -> Any:
    return yes(value) if isinstance(value, bool) else value


# Forms.


class ReferenceForm(DatePickerMixin, forms.ModelForm):
    """The base of every list's form: the declared fields, validated as their model defines them."""


@cache
def form_class(reference: ReferenceList) -> type[forms.ModelForm]:
    return forms.modelform_factory(reference.model, form=ReferenceForm, fields=reference.fields)


class ReferenceFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=SEARCH_LENGTH)


# Writes.


def _require_write(actor: Any, row: models.Model) -> None:
    if not allows(actor, row, "write"):
        raise PermissionDenied(_("You may not change this list."))


@transaction.atomic
def reference_save(
    *, reference: ReferenceList, row: models.Model | None, fields: dict[str, Any], actor: Any
) -> models.Model:
    """Create or change a row of a list: only its declared fields, validated, with its history."""
    row = row if row is not None else reference.model()
    assign(row, fields, reference.fields)
    _require_write(actor, row)
    return audited_save(row, actor=actor)


@transaction.atomic
def reference_delete(*, reference: ReferenceList, row: models.Model, actor: Any) -> None:
    """Delete a row nothing points at; one still in use is refused with the number of records using it."""
    if not isinstance(row, reference.model):
        raise TypeError(f"{row!r} is not a row of {reference.key}")
    _require_write(actor, row)
    try:
        audited_delete(row, actor=actor)
    except (ProtectedError, RestrictedError) as exc:
        used = len(exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects)
        message = ngettext(
            "“%(name)s” is used by %(count)s record, so it cannot be deleted.",
            "“%(name)s” is used by %(count)s records, so it cannot be deleted.",
            used,
        )
        raise ValidationError(message % {"name": row, "count": used}) from exc


# The working-day calendar of a year.

# The address of the calendar's own list (declared in ``CORE_REFERENCES``), linked from the calendar page.
CALENDAR_KEY = CalendarDay._meta.label_lower


class YearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100)


def calendar_year(year: int, *, user: Any) -> dict[str, Any]:
    """A year's public holidays and recorded exceptions, and its number of working days (one query)."""
    exceptions = list(scope(CalendarDay.objects.filter(day__year=year), user).order_by("day"))
    recorded = {row.day: row for row in exceptions}
    calendar = Calendar({row.day: row.kind for row in exceptions})
    first = date(year, 1, 1)
    days = [first + timedelta(days=offset) for offset in range((date(year + 1, 1, 1) - first).days)]
    holidays = [
        {
            "day": day,
            "name": calendar.holiday_name(day),
            "exception": recorded.get(day),
            "is_working_day": calendar.is_working_day(day),
        }
        for day in days
        if calendar.holiday_name(day)
    ]
    return {
        "year": year,
        "holidays": holidays,
        "exceptions": exceptions,
        "working_days": sum(1 for day in days if calendar.is_working_day(day)),
    }
