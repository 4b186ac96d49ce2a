"""Money in whole đồng: typed as officials type it, written "1.234.567 đ" everywhere."""

from __future__ import annotations

import pytest
from django import forms
from django.template import Context, Template

from dancoso.core.forms import MoneyField
from dancoso.core.numbers import MONEY_MAX, format_money, parse_money


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.234.567", 1234567),
        ("1234567", 1234567),
        ("1,234,567 đ", 1234567),
        ("1 234 567 đồng", 1234567),
        ("1.234.567đ", 1234567),
        ("  250.000 VNĐ ", 250000),
        ("0", 0),
        ("999", 999),
    ],
)
def test_amounts_are_read_as_officials_type_them(typed, amount):
    assert parse_money(typed) == amount


@pytest.mark.parametrize(
    "typed",
    ["-5.000", "12,5", "1.23.456", "1234.567", "abc", "", "١٢٣", "1e6", "1.000,50", str(MONEY_MAX + 1)],
)
def test_anything_else_is_refused(typed):
    with pytest.raises(ValueError):
        parse_money(typed)


def test_amounts_are_written_with_dots_and_the_dong_sign():
    assert format_money(1234567) == "1.234.567 đ"
    assert format_money(0) == "0 đ"
    assert format_money(None) == "—"
    assert (
        Template("{% load core_tags %}{{ value|money }}").render(Context({"value": 2500000})) == "2.500.000 đ"
    )


class _Form(forms.Form):
    amount = MoneyField(label="Số tiền")


@pytest.mark.parametrize(
    ("typed", "message"),
    [("-1.000", "không được âm"), ("mười nghìn", "Nhập số tiền"), ("10000000000000000", "không được vượt")],
)
def test_the_form_says_why_and_keeps_what_was_typed(typed, message):
    form = _Form({"amount": typed})
    assert not form.is_valid()
    assert message in form.errors["amount"][0]
    assert f'value="{typed}"' in str(form["amount"])


def test_the_form_shows_a_stored_amount_grouped():
    assert 'value="1.234.567"' in str(_Form(initial={"amount": 1234567})["amount"])
    assert _Form({"amount": "1,234,567 đ"}).is_valid()
