"""What the portal's forms share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dancoso.core.numbers import parse_money, vietnamese_number
from dancoso.core.validators import WEB_ADDRESS_MESSAGE, validate_web_address
from dancoso.core.widgets import DatePickerInput


class DatePickerMixin:
    """Every date field of the form, a model's ``DateField`` too, is typed or picked as dd/mm/yyyy.

    Put it first among the form's bases: ``class PlanForm(DatePickerMixin, forms.ModelForm)``. Fields that
    keep Django's plain ``DateInput`` get the date picker; a field given another widget (hidden, say)
    keeps it. A test walks every form of the project, so a form with a date and without this mixin fails.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and type(field.widget) is forms.DateInput:
                widget = DatePickerInput(attrs=field.widget.attrs)
                widget.is_required = field.required
                field.widget = widget


class ClearedFilesMixin:
    """A file field cleared with its checkbox gives ``False``; the services get an empty file instead, as
    Django's own model form saving would store."""

    cleaned_data: dict[str, Any]
    fields: dict[str, forms.Field]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField) and cleaned.get(name) is False:
                cleaned[name] = ""
        return cleaned


class MoneyField(forms.Field):
    """An amount in đồng as officials type it ("1.234.567", "1234567", "1,234,567 đ"), kept as typed when
    refused; shown grouped with dots. Negative amounts and anything that is not a whole number are refused."""

    default_error_messages = {
        "invalid": _("Enter an amount in đồng, such as 1.234.567."),
        "negative": _("An amount cannot be negative."),
        "too_large": _("An amount cannot exceed 1.000.000.000.000.000 đ."),
    }

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"inputmode": "numeric", "class": "text-end", "autocomplete": "off", "maxlength": "40"}
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return vietnamese_number(value)
        return value

    def to_python(self, value: Any) -> int | None:
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        try:
            return parse_money(text[:40])
        except ValueError as exc:
            code = {"negative": "negative", "too large": "too_large"}.get(str(exc), "invalid")
            raise ValidationError(self.error_messages[code], code=code) from exc


class WebAddressField(forms.URLField):
    """A link to a web page: http or https only; typed without a scheme, it is taken as https."""

    default_validators = [validate_web_address]
    # A form field puts its own "invalid" message over its validators': this one names what is accepted.
    default_error_messages = {"invalid": WEB_ADDRESS_MESSAGE}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


# The largest primary key there can be (BigAutoField): SQLite cannot even compare with a larger number
# in an ``__in`` filter (OverflowError), so such a choice is refused before the query.
LARGEST_PK = 2**63 - 1


def _beyond_any_pk(value: Any) -> bool:
    try:
        return abs(int(value)) > LARGEST_PK
    except (TypeError, ValueError):
        return False


class ManyRowsChoiceField(forms.ModelMultipleChoiceField):
    """Several rows to choose; a posted id beyond any primary key is an invalid choice, not a server error."""

    def _check_values(self, value: Any) -> Any:
        beyond = next(filter(_beyond_any_pk, value), None)
        if beyond is not None:
            raise ValidationError(
                self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": beyond}
            )
        return super()._check_values(value)
