"""Percentages read one way on every page and in every document: "95,0%"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from dancoso.core.numbers import format_percent, with_unit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0,0%"),
        (25, "25,0%"),
        (95, "95,0%"),
        (95.04, "95,0%"),
        (95.05, "95,1%"),
        (33.333, "33,3%"),
        (100, "100,0%"),
        (100.0, "100,0%"),
        (Decimal("93.4"), "93,4%"),
        (Decimal("66.65"), "66,7%"),
        (-0.01, "0,0%"),
        (1234.5, "1.234,5%"),
        ("12.5", "12,5%"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_a_percentage_has_a_decimal_comma_one_decimal_and_the_sign_right_after(value, expected):
    assert format_percent(value) == expected


def test_the_number_of_decimals_can_be_chosen():
    assert format_percent(Decimal("95.04"), digits=2) == "95,04%"
    assert format_percent(95.4, digits=0) == "95%"


@pytest.mark.parametrize("value", ["many", True, object()])
def test_what_is_not_a_number_is_refused(value):
    with pytest.raises(ValueError):
        format_percent(value)


def _render(source: str, **context) -> str:
    return Template("{% load core_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "0,0%"), (25, "25,0%"), (95.04, "95,0%"), (Decimal("100.0"), "100,0%"), (None, "—"), ("", "—")],
)
def test_the_percent_filter_writes_what_the_function_writes(value, expected):
    assert _render("{{ value|percent }}", value=value) == expected


def test_the_percent_filter_leaves_text_alone_and_takes_decimals():
    assert _render("{{ value|percent }}", value="n/a") == "n/a"
    assert _render("{{ value|percent:2 }}", value=Decimal("95.04")) == "95,04%"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (Decimal("95.0"), "%", "95,0%"),
        (90, "%", "90,0%"),
        (12, "trainees", "12 trainees"),
        (3, "", "3"),
        (None, "%", "—"),
        (None, "classes", "—"),
    ],
)
def test_a_figure_with_its_unit_reads_the_same_on_the_page_and_in_the_report(value, unit, expected):
    assert _render("{{ value|with_unit:unit }}", value=value, unit=unit) == expected
    assert with_unit(value, unit) == expected


@pytest.mark.parametrize("value, expected", [(1302, "1.302"), (110000, "110.000"), (999, "999"), (None, "—")])
def test_figures_group_thousands_with_a_dot(value, expected):
    from django.utils import translation

    from dancoso.core.templatetags.core_tags import figure

    with translation.override("vi"):
        assert figure(value) == expected
