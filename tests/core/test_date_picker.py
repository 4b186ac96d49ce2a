"""Every date field of the portal is a dd/mm/yyyy text box with the vendored date picker."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from dancoso.core.forms import DatePickerMixin
from dancoso.core.widgets import DatePickerInput
from training.forms import ClassForm, SessionForm

ROOT = Path(settings.BASE_DIR)


class _Dated(DatePickerMixin, forms.Form):
    day = forms.DateField(label="Ngày")
    optional = forms.DateField(label="Ngày khác", required=False)
    hidden = forms.DateField(required=False, widget=forms.HiddenInput)


def _input(html: str) -> dict[str, str]:
    tag = re.search(r"<input[^>]*>", html).group(0)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def test_the_widget_shows_a_date_as_dd_mm_yyyy_with_the_picker_attributes():
    html = DatePickerInput().render("day", dt.date(2026, 3, 5), attrs={"id": "id_day"})
    attributes = _input(html)
    assert attributes["type"] == "text" and attributes["value"] == "05/03/2026"
    assert attributes["placeholder"] == "dd/mm/yyyy" and attributes["autocomplete"] == "off"
    assert "data-date-picker" in html


def test_a_form_shows_its_initial_date_as_dd_mm_yyyy():
    form = _Dated(initial={"day": dt.date(2026, 12, 14)})
    assert _input(str(form["day"]))["value"] == "14/12/2026"


@pytest.mark.parametrize("typed", ["05/03/2026", "5/3/2026", "2026-03-05"])
def test_a_form_reads_a_date_typed_the_vietnamese_way(typed):
    form = _Dated({"day": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 3, 5)


def test_a_date_in_the_american_order_is_refused_and_kept_as_typed():
    form = _Dated({"day": "12/31/2026"})
    assert not form.is_valid()
    assert _input(str(form["day"]))["value"] == "12/31/2026"


def test_the_mixin_keeps_required_and_leaves_other_widgets_alone():
    form = _Dated()
    assert isinstance(form.fields["day"].widget, DatePickerInput)
    assert form.fields["day"].widget.is_required and not form.fields["optional"].widget.is_required
    assert "required" in str(form["day"]) and "required" not in str(form["optional"])
    assert isinstance(form.fields["hidden"].widget, forms.HiddenInput)
    # The class's fields are not changed, only each form's copy.
    assert type(_Dated.base_fields["day"].widget) is forms.DateInput


def test_model_date_fields_and_declared_ones_get_the_picker():
    assert isinstance(ClassForm().fields["start_date"].widget, DatePickerInput)
    assert isinstance(ClassForm().fields["end_date"].widget, DatePickerInput)
    assert isinstance(SessionForm().fields["date"].widget, DatePickerInput)


def _project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's own apps (their ``forms*.py`` modules)."""
    modules = []
    for config in apps.get_app_configs():
        folder = Path(config.path)
        if ROOT not in folder.parents:
            continue
        for path in sorted(folder.glob("forms*.py")):
            modules.append(importlib.import_module(f"{config.name}.{path.stem}"))
    names = {module.__name__ for module in modules}
    found, todo = [], [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            todo.append(subclass)
            if subclass.__module__ in names:
                found.append(subclass)
    return found


def test_every_form_with_a_date_field_uses_the_date_picker():
    classes = _project_form_classes()
    assert {cls.__name__ for cls in classes} >= {"PlanForm", "ClassForm", "PersonForm", "ReportHeaderForm"}
    dated = [
        cls
        for cls in classes
        if any(isinstance(field, forms.DateField) for field in cls.base_fields.values())
    ]
    assert len(dated) >= 6
    assert [cls.__qualname__ for cls in dated if not issubclass(cls, DatePickerMixin)] == []


def test_the_settings_read_dd_mm_yyyy_first():
    assert settings.DATE_INPUT_FORMATS[0] == "%d/%m/%Y"


def test_every_page_loads_the_vendored_picker(client_for, admin_user):
    page = client_for(admin_user).get(reverse("training:class_create")).content.decode()
    for path in (
        "vendor/flatpickr/flatpickr.min.css",
        "vendor/flatpickr/flatpickr.min.js",
        "vendor/flatpickr/l10n/vn.js",
        "js/date-picker.js",
    ):
        assert f"/static/{path}" in page, path
        assert finders.find(path), path
    assert finders.find("vendor/flatpickr/LICENSE.md")
    # A closed network: nothing is loaded from another site.
    assert not re.search(r'(src|href)="(https?:)?//', page)
    start = re.search(r'<input[^>]*name="start_date"[^>]*>', page).group(0)
    assert "data-date-picker" in start and 'placeholder="dd/mm/yyyy"' in start
