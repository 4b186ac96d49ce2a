"""The long select writes the same options as Django's Select, without a template per option."""

from __future__ import annotations

import re

import pytest
from django import forms

from dancoso.agencies.forms import AgencyChoiceField
from dancoso.agencies.models import Agency
from dancoso.core.widgets import LongSelect
from tests.factories import AgencyFactory

OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def _options(html: str) -> list[tuple[str, bool, str]]:
    return [(value, bool(selected), label) for value, selected, label in OPTION.findall(html)]


def _select_attributes(html: str) -> str:
    return re.match(r"<select([^>]*)>", html.strip()).group(1).split()


@pytest.mark.django_db
@pytest.mark.parametrize("required", [True, False])
def test_a_long_select_renders_what_a_select_does(required):
    agencies = [AgencyFactory(short_name="Sở <0> & \"Ban\" 'A'"), AgencyFactory(), AgencyFactory()]

    class Plain(forms.Form):
        agency = forms.ModelChoiceField(queryset=Agency.objects.order_by("pk"), required=required)

    class Long(forms.Form):
        agency = AgencyChoiceField(queryset=Agency.objects.order_by("pk"), required=required)

    data = {"agency": str(agencies[1].pk)}
    plain, long = str(Plain(data)["agency"]), str(Long(data)["agency"])
    assert isinstance(Long.base_fields["agency"].widget, LongSelect)
    assert _options(long) == _options(plain)
    assert ("&lt;" in long) and "<0>" not in long, "labels are escaped"
    assert [label for _v, chosen, label in _options(long) if chosen] == [str(agencies[1])]
    assert sorted(_select_attributes(long)) == sorted(_select_attributes(plain))
